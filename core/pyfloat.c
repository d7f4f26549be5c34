/* pyfloat.c - numbers written and read the way Python writes and reads them. */
#include "config.h"

#include <ctype.h>
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include "pyfloat.h"

/* Splits text "d.ddddde[+-]XX" into its digits (NUL-terminated) and the
 * decimal exponent of the first digit; returns the number of digits. */
static size_t split_scientific(const char *text, char digits[20], int *exponent)
{
    size_t count = 0;

    for (const char *p = text; *p && *p != 'e'; p++) {
        if (isdigit((unsigned char)*p))
            digits[count++] = *p;
    }
    digits[count] = '\0';
    *exponent = atoi(strchr(text, 'e') + 1);
    return count;
}

/* Adds one unit in the last place; 9.99 becomes 1.00 with the exponent
 * raised by one. */
static void increment_digits(char *digits, size_t count, int *exponent)
{
    for (size_t i = count; i-- > 0;) {
        if (digits[i] < '9') {
            digits[i]++;
            return;
        }
        digits[i] = '0';
    }
    digits[0] = '1';
    (*exponent)++;
}

static bool digits_round_trip(const char *digits, size_t count, int exponent,
                              double value)
{
    char text[48];

    snprintf(text, sizeof text, "0.%.*se%d", (int)count, digits, exponent + 1);
    return strtod(text, NULL) == value;
}

/*
 * Finds the fewest significant digits whose decimal reads back as value,
 * as Python's repr() does.  For a normal double, any decimal of at most 15
 * digits survives a round trip through it, so the search starts at 15; a
 * subnormal one has fewer bits and the search starts at 1.  At each length
 * the correctly rounded decimal is tried, then the next one up.  The
 * second try matters at a power of two: the doubles below it are twice as
 * dense as above, so the nearest decimal can fall outside the rounding
 * interval while the next one up falls inside (2**132 is
 * 5.444517870735016e+39).  17 digits always read back.  The digits go to
 * digits[] without a point or trailing zeros; the decimal exponent of the
 * first digit goes to *exponent.
 */
static size_t shortest_digits(double value, char digits[20], int *exponent)
{
    char text[40];
    size_t count;
    int precision = value < DBL_MIN ? 1 : 15;

    for (;; precision++) {
        snprintf(text, sizeof text, "%.*e", precision - 1, value);
        count = split_scientific(text, digits, exponent);
        if (precision == 17 || strtod(text, NULL) == value)
            break;
        increment_digits(digits, count, exponent);
        if (digits_round_trip(digits, count, *exponent, value))
            break;
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

static bool has_byte_beyond_ascii(const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        if ((unsigned char)text[i] >= 0x80)
            return true;
    }
    return false;
}

/* Parses text that is all ASCII. */
static int parse_ascii(const char *text, size_t length, double *value)
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

/* The digit zero of each run of ten decimal digits (Unicode category Nd)
 * beyond ASCII, from Unicode 14.0, the version Python 3.11 uses.  Each run
 * counts up from its zero, a property Unicode keeps stable. */
static const uint32_t digit_zeros[] = {
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66,
    0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0,
    0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40,
    0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
    0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0,
    0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950,
    0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50, 0x1D7CE,
    0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
};

/* The characters beyond ASCII for which Python's str.isspace() is true. */
static const uint32_t unicode_spaces[] = {
    0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
    0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F,
    0x205F, 0x3000,
};

/* Decodes the UTF-8 sequence at p into *code_point; returns its length,
 * or 0 when it is not valid UTF-8. */
static size_t utf8_decode(const unsigned char *p, const unsigned char *end,
                          uint32_t *code_point)
{
    size_t length = 0;
    uint32_t value;

    if (*p >= 0xF0)
        length = 4;
    else if (*p >= 0xE0)
        length = 3;
    else if (*p >= 0xC0)
        length = 2;
    if (length == 0 || *p >= 0xF8 || (size_t)(end - p) < length)
        return 0;

    value = *p & (0x7Fu >> length);
    for (size_t i = 1; i < length; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        value = value << 6 | (p[i] & 0x3Fu);
    }
    *code_point = value;
    return length;
}

/* Returns the ASCII character Python's float() reads code_point as: its
 * digit, a space, or '\0' for anything else. */
static char ascii_equivalent(uint32_t code_point)
{
    for (size_t i = 0; i < sizeof digit_zeros / sizeof digit_zeros[0]; i++) {
        if (code_point >= digit_zeros[i] && code_point < digit_zeros[i] + 10)
            return (char)('0' + (code_point - digit_zeros[i]));
    }
    for (size_t i = 0; i < sizeof unicode_spaces / sizeof unicode_spaces[0];
         i++) {
        if (code_point == unicode_spaces[i])
            return ' ';
    }
    return '\0';
}

/* Rewrites text in ASCII as Python's float() does first: each decimal
 * digit beyond ASCII ("\u0663") becomes its ASCII digit and each space
 * beyond ASCII a ' '.  Returns the new length, or -1 when another
 * character beyond ASCII makes the text no number. */
static ssize_t transform_to_ascii(const char *text, size_t length, char *out)
{
    const unsigned char *p = (const unsigned char *)text;
    const unsigned char *end = p + length;
    size_t count = 0;

    while (p < end) {
        uint32_t code_point;
        size_t step = *p < 0x80 ? 1 : utf8_decode(p, end, &code_point);
        char ascii = *p < 0x80 ? (char)*p : '\0';

        if (step == 0)
            return -1;
        if (*p >= 0x80 && !(ascii = ascii_equivalent(code_point)))
            return -1;
        out[count++] = ascii;
        p += step;
    }
    return (ssize_t)count;
}

int pyfloat_parse(const char *text, size_t length, double *value)
{
    char *ascii;
    ssize_t ascii_length;
    int status;

    if (!has_byte_beyond_ascii(text, length))
        return parse_ascii(text, length, value);

    ascii = malloc(length + 1);
    if (!ascii)
        return -1;
    ascii_length = transform_to_ascii(text, length, ascii);
    status = ascii_length < 0 ? -1 : parse_ascii(ascii, (size_t)ascii_length,
                                                 value);
    free(ascii);
    return status;
}
