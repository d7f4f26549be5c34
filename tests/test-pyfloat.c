/* test-pyfloat.c - Python's repr() of doubles; the expected texts are
 * what Python 3.11 prints for the same bits. */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

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
