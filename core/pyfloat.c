/* pyfloat.c - numbers written and read the way Python writes and reads them. */
#include "config.h"

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pyfloat.h"

/* Splits printf's "d.ddde[+-]XX" into its digits and decimal exponent;
 * returns the number of digits. */
static size_t split_scientific(const char *text, char digits[20],
                               int *exponent)
{
    size_t count = 0;

    for (const char *p = text; *p && *p != 'e'; p++) {
        if (isdigit((unsigned char)*p))
            digits[count++] = *p;
    }
    *exponent = atoi(strchr(text, 'e') + 1);
    return count;
}

/* Returns whether digits (d.ddd) times 10^exponent reads back as value. */
static int reads_back(const char *digits, size_t count, int exponent,
                      double value)
{
    char text[40];

    snprintf(text, sizeof text, "%c.%.*se%d", digits[0], (int)count - 1,
             digits + 1, exponent);
    return strtod(text, NULL) == value;
}

/* Adds one unit in the last place to the count digits; returns the
 * exponent, one higher when 9...9 carries over into 10...0. */
static int increment_digits(char *digits, size_t count, int exponent)
{
    for (size_t i = count; i-- > 0;) {
        if (digits[i] != '9') {
            digits[i]++;
            return exponent;
        }
        digits[i] = '0';
    }
    digits[0] = '1';
    return exponent + 1;
}

/*
 * Finds the digits Python's repr() picks: the fewest significant digits
 * that read back as value, the nearest such decimal when several do.
 *
 * For a normal double, any decimal of at most 15 digits survives a round
 * trip, so the correctly rounded 15-digit decimal is the result whenever
 * the result has 15 digits or fewer.  At 16 digits the correctly rounded
 * decimal is the nearest candidate, so it reads back whenever any
 * candidate does, except at a power of two: the gap to the next double
 * below is half the gap above, and the one decimal above the correctly
 * rounded one may then be the only 16-digit candidate.  17 digits always
 * read back.  Subnormals carry fewer bits, so their search starts at one
 * digit.  The digits go to digits[] without trailing zeros; the decimal
 * exponent of the first digit goes to *exponent.
 */
static size_t shortest_digits(double value, char digits[20], int *exponent)
{
    int precision = value < DBL_MIN ? 1 : 15;
    size_t count;

    for (;; precision++) {
        char text[40];
        char above[20];
        int above_exponent;
        int binary_exponent;

        snprintf(text, sizeof text, "%.*e", precision - 1, value);
        count = split_scientific(text, digits, exponent);
        if (precision == 17 || strtod(text, NULL) == value)
            break;
        if (precision != 16 || frexp(value, &binary_exponent) != 0.5)
            continue;

        memcpy(above, digits, count);
        above_exponent = increment_digits(above, count, *exponent);
        if (reads_back(above, count, above_exponent, value)) {
            memcpy(digits, above, count);
            *exponent = above_exponent;
            break;
        }
    }

    while (count > 1 && digits[count - 1] == '0')
        count--;
    digits[count] = '\0';
    return count;
}

static size_t write_fixed(char *out, const char *digits, size_t count,
                          int exponent)
{
    size_t n = 0;

    if (exponent < 0) {
        out[n++] = '0';
        out[n++] = '.';
        for (int i = -1; i > exponent; i--)
            out[n++] = '0';
        memcpy(out + n, digits, count);
        return n + count;
    }

    for (int i = 0; i <= exponent; i++)
        out[n++] = (size_t)i < count ? digits[i] : '0';
    out[n++] = '.';
    if ((size_t)exponent + 1 >= count) {
        out[n++] = '0';
        return n;
    }
    memcpy(out + n, digits + exponent + 1, count - (size_t)exponent - 1);
    return n + count - (size_t)exponent - 1;
}

static size_t write_scientific(char *out, const char *digits, size_t count,
                               int exponent)
{
    size_t n = 0;

    out[n++] = digits[0];
    if (count > 1) {
        out[n++] = '.';
        memcpy(out + n, digits + 1, count - 1);
        n += count - 1;
    }
    n += (size_t)sprintf(out + n, "e%c%02d", exponent < 0 ? '-' : '+',
                         abs(exponent));
    return n;
}

size_t pyfloat_repr(double value, char out[PYFLOAT_REPR_SIZE])
{
    char digits[20];
    size_t count;
    size_t n = 0;
    int exponent;

    if (isnan(value))
        return (size_t)sprintf(out, "nan");
    if (isinf(value))
        return (size_t)sprintf(out, value < 0 ? "-inf" : "inf");

    if (signbit(value)) {
        out[n++] = '-';
        value = -value;
    }
    if (value == 0) {
        memcpy(out + n, "0.0", 4);
        return n + 3;
    }

    count = shortest_digits(value, digits, &exponent);
    if (exponent < -4 || exponent >= 16)
        n += write_scientific(out + n, digits, count, exponent);
    else
        n += write_fixed(out + n, digits, count, exponent);
    out[n] = '\0';
    return n;
}

size_t pyint_str(int64_t value, char *out)
{
    char reversed[24];
    uint64_t magnitude = value < 0 ? 0 - (uint64_t)value : (uint64_t)value;
    size_t count = 0;
    size_t n = 0;

    do {
        reversed[count++] = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);

    if (value < 0)
        out[n++] = '-';
    while (count)
        out[n++] = reversed[--count];
    out[n] = '\0';
    return n;
}

/* Skips a run of digits in which single underscores may separate digits,
 * as Python 3.6 and later accept; returns the number of digits. */
static size_t skip_digits(const char **cursor, const char *end)
{
    const char *p = *cursor;
    size_t digits = 0;

    while (p < end) {
        if (isdigit((unsigned char)*p)) {
            digits++;
            p++;
        } else if (*p == '_' && digits && p + 1 < end &&
                   isdigit((unsigned char)p[1])) {
            p++;
        } else {
            break;
        }
    }
    *cursor = p;
    return digits;
}

/* Accepts the decimal grammar of Python's float(): digits with an optional
 * point (at least one digit in all), then an optional exponent. */
static int is_decimal(const char *p, const char *end)
{
    size_t mantissa_digits;

    if (p < end && (*p == '+' || *p == '-'))
        p++;
    mantissa_digits = skip_digits(&p, end);
    if (p < end && *p == '.') {
        p++;
        mantissa_digits += skip_digits(&p, end);
    }
    if (mantissa_digits == 0)
        return 0;

    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        if (skip_digits(&p, end) == 0)
            return 0;
    }
    return p == end;
}

static int parse_special(const char *p, size_t length, double *value)
{
    double sign = 1.0;

    if (length && (*p == '+' || *p == '-')) {
        sign = *p == '-' ? -1.0 : 1.0;
        p++;
        length--;
    }
    if ((length == 3 && strncasecmp(p, "inf", 3) == 0) ||
        (length == 8 && strncasecmp(p, "infinity", 8) == 0)) {
        *value = sign * INFINITY;
        return 0;
    }
    if (length == 3 && strncasecmp(p, "nan", 3) == 0) {
        *value = NAN;
        return 0;
    }
    return -1;
}

int pyfloat_parse(const char *text, size_t length, double *value)
{
    const char *end = text + length;
    char buffer[128];
    char *copy = buffer;
    size_t span;

    while (text < end && isspace((unsigned char)*text))
        text++;
    while (end > text && isspace((unsigned char)end[-1]))
        end--;
    span = (size_t)(end - text);

    if (parse_special(text, span, value) == 0)
        return 0;
    if (!is_decimal(text, end))
        return -1;

    if (span >= sizeof buffer) {
        copy = malloc(span + 1);
        if (!copy)
            return -1;
    }
    span = 0;
    for (const char *p = text; p < end; p++) {
        if (*p != '_')
            copy[span++] = *p;
    }
    copy[span] = '\0';
    *value = strtod(copy, NULL);
    if (copy != buffer)
        free(copy);
    return 0;
}
