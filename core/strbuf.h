/*
 * strbuf.h - a growable, always NUL-terminated byte string.
 *
 * A zeroed strbuf is empty and valid.  Appends return 0, or -1 with the
 * error message "out of memory", leaving the content as it was.
 */
#ifndef SABER_STRBUF_H
#define SABER_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

#include "compat.h"

typedef struct strbuf {
    char *data;      /* NULL until the first append */
    size_t length;   /* bytes before the terminating NUL */
    size_t capacity; /* allocated bytes */
} strbuf;

#define STRBUF_INIT {NULL, 0, 0}

int strbuf_reserve(strbuf *buf, size_t extra);
int strbuf_append(strbuf *buf, const char *bytes, size_t length);
int strbuf_puts(strbuf *buf, const char *text);
int strbuf_putc(strbuf *buf, char c);
int strbuf_printf(strbuf *buf, const char *format, ...) SABER_FORMAT(2, 3);
int strbuf_vprintf(strbuf *buf, const char *format, va_list args) SABER_FORMAT(2, 0);

/* Appends text as a JSON string literal, quotes included. */
int strbuf_put_json_string(strbuf *buf, const char *text);

/* Appends text escaped for the inside of a JSON string, without quotes. */
int strbuf_put_json_chars(strbuf *buf, const char *text);

/* Empties the buffer and keeps its memory. */
void strbuf_reset(strbuf *buf);

/* Returns the content ("" when empty); borrowed until the next change. */
const char *strbuf_str(const strbuf *buf);

/* Returns the content, transferred to the caller (never NULL unless out of
 * memory), and leaves the buffer empty. */
char *strbuf_detach(strbuf *buf);

void strbuf_release(strbuf *buf);

#endif
