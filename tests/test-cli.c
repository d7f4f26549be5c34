/* test-cli.c - help, version and usage errors of the saber-opt command. */
#include "config.h"

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include <saber/sampler.h>

#include "helpers.h"

static void expect_starts_with(const char *text, const char *prefix)
{
    cr_expect_eq(strncmp(text, prefix, strlen(prefix)), 0,
                 "'%.60s' does not start with '%s'", text, prefix);
}

Test(cli, version_on_stdout)
{
    th_result r = th_saber(NULL, "--version", NULL);
    char *expected = th_format("saber-opt %s (sampler ABI %d.%d)\n",
                               PACKAGE_VERSION, SABER_ABI_MAJOR,
                               SABER_ABI_MINOR);

    cr_expect_eq(r.status, 0);
    cr_expect_str_eq(r.out, expected);
    cr_expect_str_empty(r.err);
    free(expected);
    th_result_free(&r);
}

Test(cli, help_on_stdout)
{
    th_result r = th_saber(NULL, "--help", NULL);

    cr_expect_eq(r.status, 0);
    expect_starts_with(r.out, "Usage: saber-opt COMMAND [OPTION]...");
    cr_expect_not_null(strstr(r.out, "\n  sample "), "sample is not listed");
    cr_expect_not_null(strstr(r.out, "\n  plugins "), "plugins is not listed");
    cr_expect_str_empty(r.err);
    th_result_free(&r);
}

Test(cli, sample_help_on_stdout)
{
    th_result r = th_saber(NULL, "sample", "--help", NULL);

    cr_expect_eq(r.status, 0);
    expect_starts_with(r.out, "Usage: saber-opt sample [OPTION]... PARAMS.yml\n");
    cr_expect_not_null(strstr(r.out, "--plugin-dir DIR"), "no --plugin-dir");
    cr_expect_str_empty(r.err);
    th_result_free(&r);
}

Test(cli, plugins_help_on_stdout)
{
    th_result r = th_saber(NULL, "plugins", "-h", NULL);

    cr_expect_eq(r.status, 0);
    expect_starts_with(r.out, "Usage: saber-opt plugins [OPTION]...\n");
    cr_expect_str_empty(r.err);
    th_result_free(&r);
}

/* Runs saber-opt with up to three arguments and expects a usage error:
 * status 2, nothing on stdout and exactly this message and hint. */
static void expect_usage_error(const char *message, const char *hint,
                               const char *a, const char *b, const char *c)
{
    th_result r = th_saber(NULL, a, b, c, NULL);
    char *expected = th_format("saber-opt: error: %s\nTry '%s'.\n", message,
                               hint);

    cr_expect_eq(r.status, 2, "'%s': exit status %d", message, r.status);
    cr_expect_str_empty(r.out, "'%s': stdout: %s", message, r.out);
    cr_expect_str_eq(r.err, expected);
    free(expected);
    th_result_free(&r);
}

Test(cli, missing_command)
{
    expect_usage_error("missing command", "saber-opt --help", NULL, NULL,
                       NULL);
}

Test(cli, unknown_command)
{
    expect_usage_error("unknown command 'frobnicate'", "saber-opt --help",
                       "frobnicate", NULL, NULL);
}

Test(cli, unknown_long_option)
{
    expect_usage_error("unknown option '--bogus'", "saber-opt sample --help",
                       "sample", "--bogus", "p.yml");
}

/* -q follows the unknown -x in one cluster, so getopt stays on it. */
Test(cli, unknown_short_option)
{
    expect_usage_error("unknown option '-x'", "saber-opt plugins --help",
                       "plugins", "-xq", NULL);
}

Test(cli, option_missing_value)
{
    expect_usage_error("option '--plugin-dir' needs a value",
                       "saber-opt sample --help", "sample", "--plugin-dir",
                       NULL);
}

Test(cli, missing_params_file)
{
    expect_usage_error("missing PARAMS.yml", "saber-opt sample --help",
                       "sample", NULL, NULL);
}

Test(cli, two_params_files)
{
    expect_usage_error("expected one PARAMS.yml, got 2 arguments",
                       "saber-opt sample --help", "sample", "a.yml", "b.yml");
}

Test(cli, invalid_log_level)
{
    expect_usage_error("invalid log level 'loud'; use debug, info, warning or "
                       "error", "saber-opt sample --help", "sample",
                       "--log-level=loud", "p.yml");
}

Test(cli, plugins_extra_argument)
{
    expect_usage_error("unexpected argument 'extra'",
                       "saber-opt plugins --help", "plugins", "extra", NULL);
}

Test(cli, params_file_not_found)
{
    th_result r = th_saber(NULL, "sample", "/nonexistent/p.yml", NULL);

    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "saber-opt: error: /nonexistent/p.yml: cannot "
                     "open: No such file or directory\n");
    th_result_free(&r);
}

/* An empty --workdir, --db or --output is a usage error, found before any
 * input file is read. */
Test(cli, optimize_empty_paths)
{
    const char *options[] = {"--workdir=", "--db=", "--output="};
    const char *names[] = {"--workdir", "--db", "--output"};

    for (size_t i = 0; i < 3; i++) {
        th_result r = th_saber(NULL, "optimize", options[i], "wf.cwl", "job.yml",
                               "params.yml", NULL);
        char *expected = th_format("saber-opt: error: invalid %s ''; give a "
                                   "file or folder name\nTry 'saber-opt "
                                   "optimize --help'.\n", names[i]);

        cr_expect_eq(r.status, 2, "%s: exit status %d", names[i], r.status);
        cr_expect_str_eq(r.err, expected);
        free(expected);
        th_result_free(&r);
    }
}
