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
