/* test-example-plugin.c - the example plugin of saber-opt-plugin(7),
 * doc/example-plugin.c, built as a module and loaded by a real saber-opt:
 * the points it yields, how it uses the scores fed back, its option
 * error. */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"

/* Runs saber-opt optimize on the shell-step workflow of the optimize
 * tests, whose train step logs loss (x - 3)^2 + y. */
static th_result optimize_in(const char *dir, const char *params)
{
    char *jobs = th_format("%s/jobs", dir);
    char *text = th_format("x: 1\ny: 0.5\nmode: score\nstate: %s\n", dir);
    char *job;
    char *workflow = th_data("optimize/workflow.cwl");
    th_result r;

    cr_assert_eq(mkdir(jobs, 0755), 0);
    job = th_write_file(jobs, "job.yml", text);
    r = th_saber(dir, "optimize", "--plugin-dir",
                 th_env("SABER_EXAMPLE_PLUGIN_DIR"), workflow, job, params,
                 NULL);
    free(workflow);
    free(job);
    free(text);
    free(jobs);
    return r;
}

/* Returns the values metaparameter name took in batch, space-separated
 * in iteration order. */
static char *batch_values(const char *dir, int batch, const char *name)
{
    char *path = th_format("%s/saber-opt.db", dir);
    char *sql = th_format("SELECT group_concat(value, ' ') FROM (SELECT "
                          "p.value FROM parameters p JOIN iterations i USING "
                          "(run_id, iteration) WHERE i.batch = %d AND p.name "
                          "= '%s' ORDER BY i.iteration)", batch, name);
    sqlite3 *db;
    sqlite3_stmt *stmt;
    char *text = NULL;

    cr_assert_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL),
                 SQLITE_OK, "cannot open %s", path);
    cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK,
                 "%s: %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
        text = strdup((const char *)sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    free(sql);
    free(path);
    return text;
}

static const char params_text[] =
    "sampler:\n  method: coordinate\n  goal: %s\n"
    "x:\n  range: [1, 2, 3, 4, 5, 6]\n  parameters: {abs: x}\n"
    "  steps: [prepare, train]\n"
    "y:\n  range: [0.5, 1.5]\n  parameters: {abs: y}\n  steps: [train]\n";

Test(example_plugin, samples_coordinates)
{
    char *params = th_data("example-plugin/params.yml");
    char *expected_path = th_data("example-plugin/expected.jsonl");
    char *expected = th_read_file(expected_path, NULL);
    th_result r = th_saber(NULL, "sample", "--plugin-dir",
                           th_env("SABER_EXAMPLE_PLUGIN_DIR"), params, NULL);

    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    cr_assert_not_null(expected);
    cr_assert_str_eq(r.out, expected);
    cr_assert_str_eq(r.err, "");
    th_result_free(&r);
    free(expected);
    free(expected_path);
    free(params);
}

Test(example_plugin, keeps_lowest_loss)
{
    char *dir = th_tmpdir();
    char *text = th_format(params_text, "minimize");
    char *params = th_write_file(dir, "params.yml", text);
    th_result r = optimize_in(dir, params);
    char *x, *y;

    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.out, "8 iterations, 0 failed\n") != NULL, "%s", r.out);
    cr_assert(strstr(r.err, "coordinate: best x: 3 (score 0.5)") != NULL,
              "%s", r.err);
    x = batch_values(dir, 1, "x");
    y = batch_values(dir, 1, "y");
    cr_assert_str_eq(x, "3 3");
    cr_assert_str_eq(y, "0.5 1.5");
    free(x);
    free(y);
    th_result_free(&r);
    free(params);
    free(text);
    th_rmtree(dir);
    free(dir);
}

Test(example_plugin, keeps_highest_loss)
{
    char *dir = th_tmpdir();
    char *text = th_format(params_text, "maximize");
    char *params = th_write_file(dir, "params.yml", text);
    th_result r = optimize_in(dir, params);
    char *x;

    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.out, "best score 10.5 (maximize) at iteration 7:\n"
                     "  x: 6\n  y: 1.5\n") != NULL, "%s", r.out);
    x = batch_values(dir, 1, "x");
    cr_assert_str_eq(x, "6 6");
    free(x);
    th_result_free(&r);
    free(params);
    free(text);
    th_rmtree(dir);
    free(dir);
}

Test(example_plugin, rejects_zero_rounds)
{
    char *params = th_data("example-plugin/rounds-zero.yml");
    char *expected = th_format("saber-opt: error: %s:3:3: coordinate: invalid "
                               "rounds '0'; use a whole number of at least 1\n",
                               params);
    th_result r = th_saber(NULL, "sample", "--plugin-dir",
                           th_env("SABER_EXAMPLE_PLUGIN_DIR"), params, NULL);

    cr_assert_eq(r.status, 2);
    cr_assert_str_eq(r.err, expected);
    cr_assert_str_eq(r.out, "");
    th_result_free(&r);
    free(expected);
    free(params);
}
