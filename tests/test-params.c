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
Test(params_cases, yaml11_values) { check_case("v07_yaml11_values"); }
Test(params_cases, arange_forms) { check_case("v08_arange_forms"); }
Test(params_cases, blocking_forms) { check_case("v09_blocking_forms"); }
Test(params_cases, fanout_override) { check_case("v10_fanout_override"); }
Test(params_cases, batch_grid_limit) { check_case("v11_batch_grid_limit"); }
Test(params_cases, grid_limit) { check_case("v12_grid_limit"); }
Test(params_cases, no_steps) { check_case("v13_no_steps"); }
Test(params_cases, large_dimension) { check_case("v14_large_dimension"); }
Test(params_cases, large_integers) { check_case("v15_large_integers"); }
Test(params_cases, repeated_keys) { check_case("v16_repeated_keys"); }

/* The last block of 'late' has min 0.9000000000000001 and max 0.9: kept,
 * with one warning. */
Test(params, inverted_last_block_warns)
{
    char *path = th_data("params/v09_blocking_forms.yml");
    char *warning = th_format("saber-opt: warning: %s:26:1: the last block of "
                              "'late' has min 0.9000000000000001 above its "
                              "max 0.9; it is kept, as SABER kept it\n", path);
    th_result r = th_saber(NULL, "sample", path, NULL);

    cr_assert_eq(r.status, 0, "exit %d, stderr: %s", r.status, r.err);
    cr_expect_str_eq(r.err, warning);
    cr_expect_not_null(strstr(r.out, "\"hi\": \"0.9\", \"lo\": "
                              "\"0.9000000000000001\""),
                       "the inverted block is missing from the output");
    th_result_free(&r);
    free(warning);
    free(path);
}

Test(params, negative_step_block_warns)
{
    char *dir = th_tmpdir();
    char *path = th_write_file(dir, "down.yml",
                               "sampler:\n"
                               "  method: grid\n"
                               "w:\n"
                               "  range: {start: 9, stop: 0, step: -3}\n"
                               "  parameters: {min: lo, max: hi}\n"
                               "  steps: [s]\n");
    char *warning = th_format("saber-opt: warning: %s:3:1: metaparameter 'w' "
                              "has a negative step, so every block's min "
                              "exceeds its max\n", path);
    th_result r = th_saber(NULL, "sample", path, NULL);

    cr_assert_eq(r.status, 0, "exit %d, stderr: %s", r.status, r.err);
    cr_expect_str_eq(r.err, warning);
    cr_expect_str_eq(r.out,
                     "{\"batch\": 0, \"index\": 0, \"steps\": {\"s\": {\"hi\": \"0\", \"lo\": \"9\"}}}\n"
                     "{\"batch\": 1, \"index\": 0, \"steps\": {\"s\": {\"hi\": \"0\", \"lo\": \"6\"}}}\n"
                     "{\"batch\": 2, \"index\": 0, \"steps\": {\"s\": {\"hi\": \"0\", \"lo\": \"3\"}}}\n");
    th_result_free(&r);
    th_rmtree(dir);
    free(warning);
    free(path);
    free(dir);
}

/* When two metaparameters set one input, the later wins, and saber-opt
 * logs the override at info level. */
Test(params, override_is_logged)
{
    char *path = th_data("params/v10_fanout_override.yml");
    char *info = th_format("saber-opt: info: %s:15:10: metaparameter 'second' "
                           "sets input 'x' of step 's2', overriding 'first'\n",
                           path);
    th_result r = th_saber(NULL, "sample", path, NULL);

    cr_assert_eq(r.status, 0, "exit %d, stderr: %s", r.status, r.err);
    cr_expect_str_eq(r.err, info);
    th_result_free(&r);
    free(info);
    free(path);
}
