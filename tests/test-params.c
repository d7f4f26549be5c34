/* test-params.c - the parameterize file, through `saber-opt sample`. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* Every case in tests/data/params prints exactly its expected lines. */
static void check_case(const char *name)
{
    char *params = th_format("%s/params/%s.yml", th_env("SABER_TEST_DATA"), name);
    char *expected_path = th_format("%s/params/%s.expected.jsonl",
                                    th_env("SABER_TEST_DATA"), name);
    char *expected = th_read_file(expected_path, NULL);
    th_result r = th_saber(NULL, "sample", params, NULL);

    cr_assert_not_null(expected, "cannot read %s", expected_path);
    cr_assert_eq(r.status, 0, "%s: exit %d, stderr: %s", name, r.status, r.err);
    cr_assert_str_eq(r.out, expected, "%s: the printed parameter sets differ",
                     name);
    th_result_free(&r);
    free(expected);
    free(expected_path);
    free(params);
}

Test(params_cases, fanout) { check_case("v01_fanout"); }
Test(params_cases, blocking) { check_case("v02_blocking"); }
Test(params_cases, float_ranges) { check_case("v03_float_ranges"); }
Test(params_cases, small_steps) { check_case("v04_small_steps"); }
Test(params_cases, lists_ints) { check_case("v05_lists_ints"); }
Test(params_cases, override) { check_case("v06_override"); }
