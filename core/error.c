/* error.c - the per-thread error message. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

static _Thread_local char *current_message;

void error_setv(const char *format, va_list args)
{
    char *text = NULL;

    if (vasprintf(&text, format, args) < 0)
        text = NULL;
    free(current_message);
    current_message = text;
}

void error_set(const char *format, ...)
{
    va_list args;

    va_start(args, format);
    error_setv(format, args);
    va_end(args);
}

void error_prefix(const char *format, ...)
{
    va_list args;
    char *prefix = NULL;
    char *joined = NULL;
    int length;

    va_start(args, format);
    length = vasprintf(&prefix, format, args);
    va_end(args);
    if (length < 0)
        return;

    if (asprintf(&joined, "%s: %s", prefix, error_message()) >= 0) {
        free(current_message);
        current_message = joined;
    }
    free(prefix);
}

const char *error_message(void)
{
    return current_message ? current_message : "";
}

int error_nomem(void)
{
    free(current_message);
    current_message = NULL;
    current_message = strdup("out of memory");
    return -1;
}

void error_clear(void)
{
    free(current_message);
    current_message = NULL;
}
