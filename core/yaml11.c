/* yaml11.c - YAML 1.1 scalar resolution, as PyYAML's SafeLoader does it. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "pyfloat.h"
#include "yaml11.h"

#define TAG_PREFIX "tag:yaml.org,2002:"

static const char *const bool_true[] = {"yes", "Yes", "YES", "true", "True",
                                        "TRUE", "on", "On", "ON"};
static const char *const bool_false[] = {"no", "No", "NO", "false", "False",
                                         "FALSE", "off", "Off", "OFF"};

static int in_list(const char *text, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (strcmp(text, list[i]) == 0)
            return 1;
    }
    return 0;
}

static int in_list_nocase(const char *text, const char *const *list,
                          size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (strcasecmp(text, list[i]) == 0)
            return 1;
    }
    return 0;
}

static int is_null(const char *s)
{
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") ||
           !strcmp(s, "Null") || !strcmp(s, "NULL");
}

/* Skips characters of set (and '_'); returns how many were skipped. */
static size_t span_of(const char **p, const char *set)
{
    size_t n = 0;

    while (**p && (strchr(set, **p) || **p == '_')) {
        (*p)++;
        n++;
    }
    return n;
}

static const char *skip_sign(const char *p)
{
    return (*p == '+' || *p == '-') ? p + 1 : p;
}

/* Matches ":[0-5]?[0-9]" groups, at least one; returns the end or NULL. */
static const char *sexagesimal_tail(const char *p)
{
    size_t groups = 0;

    while (*p == ':') {
        p++;
        if (p[0] >= '0' && p[0] <= '5' && isdigit((unsigned char)p[1]))
            p += 2;
        else if (isdigit((unsigned char)p[0]))
            p += 1;
        else
            return NULL;
        groups++;
    }
    return groups ? p : NULL;
}

static int matches_int(const char *s)
{
    const char *p = skip_sign(s);
    const char *q;

    if (p[0] == '0' && p[1] == 'b')
        return (q = p + 2, span_of(&q, "01") > 0 && !*q);
    if (p[0] == '0' && p[1] == 'x')
        return (q = p + 2, span_of(&q, "0123456789abcdefABCDEF") > 0 && !*q);
    if (p[0] == '0' && !p[1])
        return 1;
    if (p[0] == '0')
        return (q = p + 1, span_of(&q, "01234567") > 0 && !*q);
    if (!(p[0] >= '1' && p[0] <= '9'))
        return 0;

    q = p + 1;
    span_of(&q, "0123456789");
    if (!*q)
        return 1;
    q = sexagesimal_tail(q);
    return q && !*q;
}

static int matches_exponent(const char *p)
{
    const char *digits;

    if (!*p)
        return 1;
    if ((*p != 'e' && *p != 'E') || (p[1] != '+' && p[1] != '-'))
        return 0;
    digits = p + 2;
    p = digits;
    while (isdigit((unsigned char)*p))
        p++;
    return p > digits && !*p;
}

static int matches_float(const char *s)
{
    const char *p = skip_sign(s);
    const char *q;

    if (!strcmp(p, ".inf") || !strcmp(p, ".Inf") || !strcmp(p, ".INF"))
        return 1;
    if (!strcmp(s, ".nan") || !strcmp(s, ".NaN") || !strcmp(s, ".NAN"))
        return 1;

    /* .5 and .5e+1 take no sign. */
    if (s[0] == '.' && isdigit((unsigned char)s[1])) {
        q = s + 1;
        span_of(&q, "0123456789");
        return matches_exponent(q);
    }
    if (!isdigit((unsigned char)p[0]))
        return 0;

    q = p + 1;
    span_of(&q, "0123456789");
    if (*q == '.') {
        q++;
        span_of(&q, "0123456789");
        return matches_exponent(q);
    }
    /* base 60: [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]* */
    q = sexagesimal_tail(q);
    if (!q || *q != '.')
        return 0;
    q++;
    span_of(&q, "0123456789");
    return !*q;
}

/* Copies s without underscores into out (size of s plus one). */
static void strip_underscores(const char *s, char *out)
{
    for (; *s; s++) {
        if (*s != '_')
            *out++ = *s;
    }
    *out = '\0';
}

/*
 * Sums the ':'-separated base-60 groups in digits as PyYAML does: from the
 * least significant group up, adding group * 60^k in double precision, so
 * 12:59:59.999 gives 46799.998999999996 as in PyYAML.  The groups are cut
 * off the end of digits, which is modified.
 */
static double sexagesimal_value(char *digits)
{
    double total = 0;
    double base = 1;

    for (;;) {
        char *colon = strrchr(digits, ':');

        total += strtod(colon ? colon + 1 : digits, NULL) * base;
        if (!colon)
            return total;
        *colon = '\0';
        base *= 60;
    }
}

static int construct_int(const char *s, int64_t *out)
{
    char *digits = malloc(strlen(s) + 1);
    char *p;
    int negative;
    int status = 0;
    int base = 10;

    if (!digits)
        return error_nomem();
    strip_underscores(s, digits);
    negative = digits[0] == '-';
    p = digits + (digits[0] == '+' || digits[0] == '-');

    if (strchr(p, ':')) {
        double total = sexagesimal_value(p);

        if (total > 9007199254740992.0)
            status = -1;
        *out = (int64_t)(negative ? -total : total);
        free(digits);
        return status;
    }
    if (p[0] == '0' && p[1] == 'b')
        base = 2, p += 2;
    else if (p[0] == '0' && p[1] == 'x')
        base = 16, p += 2;
    else if (p[0] == '0' && p[1])
        base = 8, p += 1;

    errno = 0;
    {
        unsigned long long magnitude = strtoull(p, NULL, base);
        unsigned long long limit = negative ? (unsigned long long)INT64_MAX + 1
                                            : (unsigned long long)INT64_MAX;

        if (errno == ERANGE || magnitude > limit)
            status = -1;
        else
            *out = negative ? (int64_t)(0 - magnitude) : (int64_t)magnitude;
    }
    free(digits);
    return status;
}

static int construct_float(const char *s, double *out)
{
    char *digits = malloc(strlen(s) + 1);
    char *p;
    int negative;

    if (!digits)
        return error_nomem();
    strip_underscores(s, digits);
    negative = digits[0] == '-';
    p = digits + (digits[0] == '+' || digits[0] == '-');

    if (strcasecmp(p, ".inf") == 0)
        *out = INFINITY;
    else if (strcasecmp(p, ".nan") == 0)
        *out = NAN;
    else if (strchr(p, ':'))
        *out = sexagesimal_value(p);
    else
        *out = strtod(p, NULL);
    if (negative)
        *out = -*out;
    free(digits);
    return 0;
}

static int fail(const ydoc *doc, const ynode *node, const char *format, ...)
    SABER_FORMAT(3, 4);

/* Sets "FILE:LINE:COL: MESSAGE" for node and returns -1. */
static int fail(const ydoc *doc, const ynode *node, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    error_setv(format, args);
    va_end(args);
    error_prefix("%s:%zu:%zu", ydoc_name(doc), node->line, node->column);
    return -1;
}

static int fail_tag(const ydoc *doc, const ynode *node)
{
    return fail(doc, node, "unsupported tag '%s' on value '%s'; use !!str, "
                "!!int, !!float, !!bool, !!null or no tag", node->tag,
                node->value);
}

static int resolve_text(const ydoc *doc, const ynode *node, const char *tag,
                        yvalue *value)
{
    const char *s = node->value;

    if (!tag) {
        if (is_null(s))
            tag = "null";
        else if (in_list(s, bool_true, 9) || in_list(s, bool_false, 9))
            tag = "bool";
        else if (matches_int(s))
            tag = "int";
        else if (matches_float(s))
            tag = "float";
        else
            tag = "str";
        /* NOTE: timestamps stay text.  PyYAML makes dates of them, whose
         * str() equals the text only for a plain date like 2001-12-14. */
    }

    if (!strcmp(tag, "null")) {
        value->type = SABER_VALUE_NULL;
    } else if (!strcmp(tag, "bool")) {
        /* PyYAML looks a tagged boolean up in lower case: !!bool YeS. */
        if (!in_list_nocase(s, bool_true, 9) &&
            !in_list_nocase(s, bool_false, 9))
            return fail(doc, node, "invalid boolean '%s'; use true or "
                        "false", s);
        value->type = SABER_VALUE_BOOL;
        value->boolean = in_list_nocase(s, bool_true, 9);
    } else if (!strcmp(tag, "int")) {
        if (!matches_int(s))
            return fail(doc, node, "invalid integer '%s'; write a whole "
                        "number or remove the tag", s);
        if (construct_int(s, &value->integer) < 0)
            return fail(doc, node, "integer '%s' is out of the 64-bit "
                        "range; quote it to pass it as text", s);
        value->type = SABER_VALUE_INT;
    } else if (!strcmp(tag, "float")) {
        if (!matches_float(s) && !matches_int(s))
            return fail(doc, node, "invalid float '%s'; write a number or "
                        "remove the tag", s);
        construct_float(s, &value->real);
        value->type = SABER_VALUE_REAL;
    } else if (!strcmp(tag, "str")) {
        value->type = SABER_VALUE_TEXT;
    } else {
        return fail_tag(doc, node);
    }
    return 0;
}

int yaml11_resolve(const ydoc *doc, const ynode *node, yvalue *value)
{
    const char *tag = NULL;

    memset(value, 0, sizeof *value);
    if (node->kind != YNODE_SCALAR) {
        error_set("%s:%zu:%zu: expected a single value, found a %s",
                  ydoc_name(doc), node->line, node->column,
                  ynode_kind_name(node));
        return -1;
    }
    value->text = node->value;

    if (node->tag) {
        if (strncmp(node->tag, TAG_PREFIX, strlen(TAG_PREFIX)) != 0)
            return fail_tag(doc, node);
        tag = node->tag + strlen(TAG_PREFIX);
    } else if (!node->plain) {
        tag = "str";
    }
    return resolve_text(doc, node, tag, value);
}

const char *yvalue_str(const yvalue *value, char *out)
{
    switch (value->type) {
    case SABER_VALUE_NULL:
        return "None";
    case SABER_VALUE_BOOL:
        return value->boolean ? "True" : "False";
    case SABER_VALUE_INT:
        pyint_str(value->integer, out);
        return out;
    case SABER_VALUE_REAL:
        pyfloat_repr(value->real, out);
        return out;
    default:
        return value->text;
    }
}
