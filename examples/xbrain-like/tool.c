/* tool.c - error messages and option parsing shared by the xbrain-like
 * example tools. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"

static const char *tool_name = "tool";

void tool_set_name(const char *name)
{
    const char *slash = strrchr(name, '/');

    tool_name = slash ? slash + 1 : name;
}

int tool_error(const char *format, ...)
{
    va_list args;

    fprintf(stderr, "%s: error: ", tool_name);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
    return -1;
}

void tool_info(const char *format, ...)
{
    va_list args;

    fprintf(stderr, "%s: ", tool_name);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
}

/* Returns whether text from end onwards contains only blanks. */
static int rest_is_blank(const char *end)
{
    while (isspace((unsigned char)*end))
        end++;
    return *end == '\0';
}

int tool_parse_int(const char *option, const char *text, long min, long max,
                   int *out)
{
    char *end;
    long value;

    errno = 0;
    value = strtol(text, &end, 10);
    if (end == text || !rest_is_blank(end) || errno == ERANGE)
        return tool_error("invalid --%s '%s'; use an integer", option, text);
    if (value < min || value > max || value > INT_MAX || value < INT_MIN)
        return tool_error("--%s %ld is out of range; use %ld to %ld", option,
                          value, min, max);

    *out = (int)value;
    return 0;
}

int tool_parse_double(const char *option, const char *text, double min,
                      double max, double *out)
{
    char *end;
    double value;

    errno = 0;
    value = strtod(text, &end);
    if (end == text || !rest_is_blank(end) || !isfinite(value))
        return tool_error("invalid --%s '%s'; use a finite number", option,
                          text);
    if (value < min || value > max)
        return tool_error("--%s %s is out of range; use %g to %g", option, text,
                          min, max);

    *out = value;
    return 0;
}
