/* yaml12.c - YAML 1.2 core-schema scalar resolution, as cwltool reads CWL. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "yaml12.h"

#define TAG_PREFIX "tag:yaml.org,2002:"

static int is_null(const char *s)
{
    return !*s || !strcmp(s, "~") || !strcmp(s, "null") ||
           !strcmp(s, "Null") || !strcmp(s, "NULL");
}

static int bool_value(const char *s, int *value)
{
    static const char *const names[] = {"true", "True", "TRUE",
                                        "false", "False", "FALSE"};

    for (int i = 0; i < 6; i++) {
        if (strcmp(s, names[i]) == 0) {
            *value = i < 3;
            return 1;
        }
    }
    return 0;
}

/* Skips characters of set and '_'; returns how many digits of set (not
 * counting underscores) were skipped. */
static size_t span_digits(const char **p, const char *set)
{
    size_t digits = 0;

    while (**p && (strchr(set, **p) || **p == '_')) {
        if (**p != '_')
            digits++;
        (*p)++;
    }
    return digits;
}

static const char *skip_sign(const char *p)
{
    return (*p == '+' || *p == '-') ? p + 1 : p;
}

/* Matches [eE][-+]?[0-9]+ at p (the sign is required when sign_required);
 * returns the end or NULL. */
static const char *match_exponent(const char *p, int sign_required)
{
    const char *digits;

    if (*p != 'e' && *p != 'E')
        return NULL;
    p++;
    if (*p == '+' || *p == '-')
        p++;
    else if (sign_required)
        return NULL;
    digits = p;
    while (isdigit((unsigned char)*p))
        p++;
    return p > digits ? p : NULL;
}

static int matches_float(const char *s)
{
    const char *p = skip_sign(s);
    const char *q;

    if (!strcmp(p, ".inf") || !strcmp(p, ".Inf") || !strcmp(p, ".INF"))
        return 1;
    if (!strcmp(s, ".nan") || !strcmp(s, ".NaN") || !strcmp(s, ".NAN"))
        return 1;

    if (*p == '.') {
        q = p + 1;
        if (span_digits(&q, "0123456789") == 0 && q == p + 1)
            return 0;
        if (!*q)
            return 1;
        q = match_exponent(q, 1);
        return q && !*q;
    }
    if (!isdigit((unsigned char)*p))
        return 0;

    q = p + 1;
    span_digits(&q, "0123456789");
    if (*q == '.') {
        q++;
        span_digits(&q, "0123456789");
        if (!*q)
            return 1;
    }
    q = match_exponent(q, 0);
    return q && !*q;
}

static int matches_int(const char *s)
{
    const char *p = skip_sign(s);
    const char *q;

    if (!isdigit((unsigned char)s[0]) && p == s)
        return 0;
    if (p[0] == '0' && p[1] == 'b')
        return (q = p + 2, span_digits(&q, "01") > 0 && !*q);
    if (p[0] == '0' && p[1] == 'x')
        return (q = p + 2, span_digits(&q, "0123456789abcdefABCDEF") > 0 && !*q);
    if (p[0] == '0' && p[1] == 'o')
        return (q = p + 2, span_digits(&q, "01234567") > 0 && !*q);
    if (!isdigit((unsigned char)*p) && *p != '_')
        return 0;
    q = p;
    return span_digits(&q, "0123456789") > 0 && !*q;
}

/* Copies s without underscores into a new string; NULL when out of memory. */
static char *strip_underscores(const char *s)
{
    char *out = malloc(strlen(s) + 1);
    char *w = out;

    if (!out)
        return NULL;
    for (; *s; s++) {
        if (*s != '_')
            *w++ = *s;
    }
    *w = '\0';
    return out;
}

static int construct_int(const char *s, int64_t *out)
{
    char *digits = strip_underscores(s);
    const char *p;
    unsigned long long magnitude;
    unsigned long long limit;
    int negative;
    int base = 10;
    int status = 0;

    if (!digits)
        return error_nomem();
    negative = digits[0] == '-';
    p = skip_sign(digits);
    if (p[0] == '0' && p[1] == 'b')
        base = 2;
    else if (p[0] == '0' && p[1] == 'x')
        base = 16;
    else if (p[0] == '0' && p[1] == 'o')
        base = 8;
    if (base != 10)
        p += 2;

    errno = 0;
    magnitude = strtoull(p, NULL, base);
    limit = negative ? (unsigned long long)INT64_MAX + 1
                     : (unsigned long long)INT64_MAX;
    if (errno == ERANGE || magnitude > limit)
        status = -1;
    else
        *out = negative ? (int64_t)(0 - magnitude) : (int64_t)magnitude;
    free(digits);
    return status;
}

static int construct_float(const char *s, double *out)
{
    char *digits = strip_underscores(s);
    const char *p;
    int negative;

    if (!digits)
        return error_nomem();
    negative = digits[0] == '-';
    p = skip_sign(digits);
    if (p[0] == '.' && (p[1] == 'i' || p[1] == 'I'))
        *out = INFINITY;
    else if (p[0] == '.' && (p[1] == 'n' || p[1] == 'N'))
        *out = NAN;
    else
        *out = strtod(p, NULL);
    if (negative)
        *out = -*out;
    free(digits);
    return 0;
}

static int fail(const ydoc *doc, const ynode *node, const char *what)
{
    error_set("%s:%zu:%zu: %s '%s'", ydoc_name(doc), node->line, node->column,
              what, node->value);
    return -1;
}

/* Picks the tag of an untagged plain scalar, trying the resolvers in
 * ruamel.yaml's order: bool, float, int, null. */
static const char *implicit_tag(const char *s)
{
    int boolean;

    if (bool_value(s, &boolean))
        return "bool";
    if (matches_float(s))
        return "float";
    if (matches_int(s))
        return "int";
    if (is_null(s))
        return "null";
    return "str";
}

static int construct(const ydoc *doc, const ynode *node, const char *tag,
                     yvalue *value)
{
    const char *s = node->value;

    if (!strcmp(tag, "null")) {
        value->type = SABER_VALUE_NULL;
    } else if (!strcmp(tag, "bool")) {
        if (!bool_value(s, &value->boolean))
            return fail(doc, node, "invalid boolean");
        value->type = SABER_VALUE_BOOL;
    } else if (!strcmp(tag, "int")) {
        if (!matches_int(s))
            return fail(doc, node, "invalid integer");
        value->type = SABER_VALUE_INT;
        if (construct_int(s, &value->integer) < 0) {
            /* NOTE: Python keeps such integers exact; a double is close. */
            if (construct_float(s, &value->real) < 0)
                return -1;
            value->type = SABER_VALUE_REAL;
        }
    } else if (!strcmp(tag, "float")) {
        if (!matches_float(s) && !matches_int(s))
            return fail(doc, node, "invalid float");
        if (construct_float(s, &value->real) < 0)
            return -1;
        value->type = SABER_VALUE_REAL;
    } else if (!strcmp(tag, "str")) {
        value->type = SABER_VALUE_TEXT;
    } else {
        return fail(doc, node, "unsupported tag on value");
    }
    return 0;
}

int yaml12_resolve(const ydoc *doc, const ynode *node, yvalue *value)
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
            return fail(doc, node, "unsupported tag on value");
        tag = node->tag + strlen(TAG_PREFIX);
    } else if (!node->plain) {
        tag = "str";
    } else {
        tag = implicit_tag(node->value);
    }
    return construct(doc, node, tag, value);
}
