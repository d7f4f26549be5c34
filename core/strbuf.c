/* strbuf.c - a growable, always NUL-terminated byte string. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "strbuf.h"

int strbuf_reserve(strbuf *buf, size_t extra)
{
    size_t needed = buf->length + extra + 1;
    size_t capacity;
    char *data;

    if (needed < extra)
        return error_nomem();
    if (needed <= buf->capacity)
        return 0;

    capacity = buf->capacity ? buf->capacity : 64;
    while (capacity < needed)
        capacity *= 2;
    data = realloc(buf->data, capacity);
    if (!data)
        return error_nomem();

    buf->data = data;
    buf->capacity = capacity;
    return 0;
}

int strbuf_append(strbuf *buf, const char *bytes, size_t length)
{
    if (strbuf_reserve(buf, length) < 0)
        return -1;

    memcpy(buf->data + buf->length, bytes, length);
    buf->length += length;
    buf->data[buf->length] = '\0';
    return 0;
}

int strbuf_puts(strbuf *buf, const char *text)
{
    return strbuf_append(buf, text, strlen(text));
}

int strbuf_putc(strbuf *buf, char c)
{
    return strbuf_append(buf, &c, 1);
}

int strbuf_vprintf(strbuf *buf, const char *format, va_list args)
{
    va_list copy;
    int length;

    va_copy(copy, args);
    length = vsnprintf(NULL, 0, format, copy);
    va_end(copy);
    if (length < 0 || strbuf_reserve(buf, (size_t)length) < 0)
        return -1;

    vsnprintf(buf->data + buf->length, (size_t)length + 1, format, args);
    buf->length += (size_t)length;
    return 0;
}

int strbuf_printf(strbuf *buf, const char *format, ...)
{
    va_list args;
    int status;

    va_start(args, format);
    status = strbuf_vprintf(buf, format, args);
    va_end(args);
    return status;
}

int strbuf_put_json_chars(strbuf *buf, const char *text)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)text;
    const unsigned char *run = p;

    for (; *p; p++) {
        char escape[7] = {'\\', 0, 0, 0, 0, 0, 0};
        size_t escape_length = 2;

        if (*p >= 0x20 && *p != '"' && *p != '\\')
            continue;
        if (strbuf_append(buf, (const char *)run, (size_t)(p - run)) < 0)
            return -1;
        switch (*p) {
        case '"': escape[1] = '"'; break;
        case '\\': escape[1] = '\\'; break;
        case '\n': escape[1] = 'n'; break;
        case '\r': escape[1] = 'r'; break;
        case '\t': escape[1] = 't'; break;
        case '\b': escape[1] = 'b'; break;
        case '\f': escape[1] = 'f'; break;
        default:
            memcpy(escape + 1, "u00", 3);
            escape[4] = hex[*p >> 4];
            escape[5] = hex[*p & 15];
            escape_length = 6;
        }
        if (strbuf_append(buf, escape, escape_length) < 0)
            return -1;
        run = p + 1;
    }
    return strbuf_append(buf, (const char *)run, (size_t)(p - run));
}

int strbuf_put_json_string(strbuf *buf, const char *text)
{
    if (strbuf_putc(buf, '"') < 0 || strbuf_put_json_chars(buf, text) < 0)
        return -1;
    return strbuf_putc(buf, '"');
}

void strbuf_reset(strbuf *buf)
{
    buf->length = 0;
    if (buf->data)
        buf->data[0] = '\0';
}

const char *strbuf_str(const strbuf *buf)
{
    return buf->data ? buf->data : "";
}

char *strbuf_detach(strbuf *buf)
{
    char *data = buf->data;

    if (!data)
        data = strdup("");
    buf->data = NULL;
    buf->length = 0;
    buf->capacity = 0;
    return data;
}

void strbuf_release(strbuf *buf)
{
    free(buf->data);
    buf->data = NULL;
    buf->length = 0;
    buf->capacity = 0;
}
