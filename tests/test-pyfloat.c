/* test-pyfloat.c - numbers written and read as Python writes and reads
 * them: known cases, and tables of what Python 3.11 prints and parses. */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "pyfloat.h"

static const struct {
    double value;
    const char *repr;
} repr_cases[] = {
    {0x1p+132, "5.444517870735016e+39"},
    {0x1p-1017, "7.120236347223045e-307"},
    {0x1p-1000, "9.332636185032189e-302"},
    {0x1p+53, "9007199254740992.0"},
    {0x0.0000000000001p-1022, "5e-324"},
    {0x0.000000000001p-1022, "8e-323"},
    {0x0.0000000006p-1022, "1.2142e-319"},
    {0x1p-1022, "2.2250738585072014e-308"},
    {0x0.fffffffffffffp-1022, "2.225073858507201e-308"},
    {0x1.fffffffffffffp+1023, "1.7976931348623157e+308"},
    {0x1.999999999999ap-4, "0.1"},
    {0x1.52d02c7e14af6p+76, "1e+23"},
    {0x1.3333333333334p-2, "0.30000000000000004"},
    {0x1.1c37937e08p+53, "1e+16"},
    {0x1.4f8b588e368f1p-17, "1e-05"},
    {123.0, "123.0"},
    {-0x1p+132, "-5.444517870735016e+39"},
    {-0.0, "-0.0"},
};

Test(pyfloat, repr_matches_python)
{
    char out[PYFLOAT_REPR_SIZE];

    for (size_t i = 0; i < sizeof repr_cases / sizeof repr_cases[0]; i++) {
        pyfloat_repr(repr_cases[i].value, out);
        cr_expect_str_eq(out, repr_cases[i].repr, "%a: got %s, expected %s",
                         repr_cases[i].value, out, repr_cases[i].repr);
    }
}

/* Every power of two and the double just below it round-trips through
 * its repr, which has at most 17 digits. */
Test(pyfloat, powers_of_two_round_trip)
{
    char out[PYFLOAT_REPR_SIZE];
    double value;

    for (int k = -1074; k <= 1023; k++) {
        double power = ldexp(1.0, k);
        double below = nextafter(power, 0);

        pyfloat_repr(power, out);
        cr_expect_eq(pyfloat_parse(out, strlen(out), &value), 0, "%s", out);
        cr_expect_eq(value, power, "2**%d: %s", k, out);
        pyfloat_repr(below, out);
        cr_expect_eq(pyfloat_parse(out, strlen(out), &value), 0, "%s", out);
        cr_expect_eq(value, below, "below 2**%d: %s", k, out);
    }
}

/* float() reads Unicode decimal digits and spaces as ASCII ones. */
Test(pyfloat, parse_unicode_digits)
{
    static const struct {
        const char *text;
        double value;
    } accepted[] = {
        {"\xd9\xa3.\xd9\xa5", 3.5},                 /* U+0663 . U+0665 */
        {"\xc2\xa0" "1.5\xe3\x80\x80", 1.5},        /* U+00A0 1.5 U+3000 */
        {"\xef\xbc\x91\xef\xbc\x92", 12},           /* fullwidth 12 */
        {"\xf0\x9d\x9f\x8f", 1},                    /* U+1D7CF */
        {"1e\xd9\xa3", 1000},
        {"-inf\xc2\xa0", -INFINITY},
    };
    static const char *const rejected[] = {
        "1\xe2\x80\x8b",                            /* U+200B is no space */
        "\xff" "1",                                 /* not UTF-8 */
        "\xd9",                                     /* cut sequence */
        "1\xc2\xa0" "2",                            /* space inside */
        "\xe2\x85\xa0",                             /* U+2160 is no digit */
    };
    double value;

    for (size_t i = 0; i < sizeof accepted / sizeof accepted[0]; i++) {
        cr_expect_eq(pyfloat_parse(accepted[i].text, strlen(accepted[i].text),
                                   &value), 0, "case %zu", i);
        cr_expect_eq(value, accepted[i].value, "case %zu: %g", i, value);
    }
    for (size_t i = 0; i < sizeof rejected / sizeof rejected[0]; i++)
        cr_expect_eq(pyfloat_parse(rejected[i], strlen(rejected[i]), &value),
                     -1, "rejected case %zu", i);
}

static const char *repr_of(double value, char out[PYFLOAT_REPR_SIZE])
{
    size_t length = pyfloat_repr(value, out);

    cr_assert_eq(length, strlen(out), "pyfloat_repr returned length %zu for "
                 "'%s'", length, out);
    return out;
}

Test(pyfloat, repr_known_values)
{
    static const struct {
        double value;
        const char *repr;
    } cases[] = {
        {1e-05, "1e-05"},
        {0.0001, "0.0001"},
        {0.1 + 0.2, "0.30000000000000004"},
        {100.0, "100.0"},
        {1e15, "1000000000000000.0"},
        {1e16, "1e+16"},
        {123456789012345680.0, "1.2345678901234568e+17"},
        {2.5e-07, "2.5e-07"},
        {-0.0, "-0.0"},
        {0.0, "0.0"},
        {5e-324, "5e-324"},
        {-1.7976931348623157e308, "-1.7976931348623157e+308"},
    };
    char out[PYFLOAT_REPR_SIZE];

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        repr_of(cases[i].value, out);
        cr_expect_str_eq(out, cases[i].repr, "repr(%.17g) is '%s', expected "
                         "'%s'", cases[i].value, out, cases[i].repr);
    }
}

Test(pyfloat, repr_inf_and_nan)
{
    char out[PYFLOAT_REPR_SIZE];

    cr_expect_str_eq(repr_of(INFINITY, out), "inf");
    cr_expect_str_eq(repr_of(-INFINITY, out), "-inf");
    cr_expect_str_eq(repr_of(NAN, out), "nan");
}

static double double_of_bits(const char *hex)
{
    uint64_t bits = strtoull(hex, NULL, 16);
    double value;

    memcpy(&value, &bits, sizeof value);
    return value;
}

/* Calls row(fields, count) for each line of a tab-separated data file. */
static size_t each_row(const char *relative,
                       void (*row)(char **fields, size_t count))
{
    char *path = th_data(relative);
    char *text = th_read_file(path, NULL);
    size_t rows = 0;
    char *line_end;

    cr_assert_not_null(text, "cannot read %s", path);
    for (char *line = text; *line; line = line_end + 1) {
        char *fields[4];
        size_t count = 0;

        line_end = strchr(line, '\n');
        cr_assert_not_null(line_end, "%s: the last line has no newline", path);
        *line_end = '\0';
        fields[count++] = line;
        for (char *tab = strchr(line, '\t'); tab && count < 4;
             tab = strchr(tab + 1, '\t')) {
            *tab = '\0';
            fields[count++] = tab + 1;
        }
        row(fields, count);
        rows++;
    }
    free(text);
    free(path);
    return rows;
}

static void check_repr_row(char **fields, size_t count)
{
    char out[PYFLOAT_REPR_SIZE];

    cr_assert_eq(count, 2, "a repr.tsv row has %zu fields", count);
    repr_of(double_of_bits(fields[0]), out);
    cr_expect_str_eq(out, fields[1], "repr of the double with bits %s is "
                     "'%s', expected '%s'", fields[0], out, fields[1]);
}

/* Doubles whose repr() Python wrote into repr.tsv. */
Test(pyfloat, repr_matches_python_table)
{
    size_t rows = each_row("pyfloat/repr.tsv", check_repr_row);

    cr_assert_geq(rows, 10000, "repr.tsv has only %zu rows", rows);
}

/* Decodes the hex form of a text that may hold whitespace; returns its
 * length. */
static size_t text_of_hex(const char *hex, char *out)
{
    size_t length = strlen(hex) / 2;

    for (size_t i = 0; i < length; i++) {
        char pair[3] = {hex[2 * i], hex[2 * i + 1], '\0'};

        out[i] = (char)strtoul(pair, NULL, 16);
    }
    out[length] = '\0';
    return length;
}

static void check_parse_row(char **fields, size_t count)
{
    char *text = malloc(strlen(fields[0]) / 2 + 1);
    size_t length;
    double value = 12345.0;
    int status;

    cr_assert_eq(count, 2, "a parse.tsv row has %zu fields", count);
    length = text_of_hex(fields[0], text);
    status = pyfloat_parse(text, length, &value);

    if (strcmp(fields[1], "error") == 0) {
        cr_expect_eq(status, -1, "float('%s') raises, but it parsed as %g",
                     text, value);
    } else if (strcmp(fields[1], "nan") == 0) {
        cr_expect_eq(status, 0, "float('%s') is nan, but it was rejected", text);
        cr_expect(isnan(value), "float('%s') is nan, not %g", text, value);
    } else {
        uint64_t bits = 0;

        cr_expect_eq(status, 0, "float('%s') is a number, but it was "
                     "rejected", text);
        memcpy(&bits, &value, sizeof bits);
        cr_expect_eq(bits, strtoull(fields[1], NULL, 16), "float('%s') has "
                     "bits %s, got %016" PRIx64, text, fields[1], bits);
    }
    free(text);
}

/* Texts whose float() Python wrote into parse.tsv. */
Test(pyfloat, parse_matches_python_table)
{
    size_t rows = each_row("pyfloat/parse.tsv", check_parse_row);

    cr_assert_geq(rows, 5000, "parse.tsv has only %zu rows", rows);
}

Test(pyfloat, parse_stops_at_length)
{
    double value = 0;

    cr_expect_eq(pyfloat_parse("2.5junk", 3, &value), 0);
    cr_expect_eq(value, 2.5);
}

Test(pyint, str)
{
    char out[24];

    cr_expect_eq(pyint_str(0, out), 1);
    cr_expect_str_eq(out, "0");
    pyint_str(-42, out);
    cr_expect_str_eq(out, "-42");
    pyint_str(INT64_MIN, out);
    cr_expect_str_eq(out, "-9223372036854775808");
    pyint_str(INT64_MAX, out);
    cr_expect_str_eq(out, "9223372036854775807");
}
