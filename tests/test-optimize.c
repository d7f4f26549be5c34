/* test-optimize.c - `saber-opt optimize` end to end: real workflows of
 * shell steps, a real database file, real processes killed and resumed. */
#include <criterion/criterion.h>
#include <signal.h>
#include <spawn.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"

extern char **environ;

/* A folder with a job file, and the paths optimize writes to. */
typedef struct bench {
    char *dir;
    char *job;
    char *db;
    char *csv;
    char *workdir;
    char *state;
} bench;

static bench make_bench(const char *mode)
{
    bench b;
    char *jobs;
    char *text;

    b.dir = th_tmpdir();
    jobs = th_format("%s/jobs", b.dir);
    b.state = th_format("%s/state", b.dir);
    cr_assert_eq(mkdir(jobs, 0755), 0);
    cr_assert_eq(mkdir(b.state, 0755), 0);
    text = th_format("x: 1\ny: 0.5\nmode: %s\nstate: %s\n", mode, b.state);
    b.job = th_write_file(jobs, "job.yml", text);
    b.db = th_format("%s/runs.db", b.dir);
    b.csv = th_format("%s/out.csv", b.dir);
    b.workdir = th_format("%s/runs", b.dir);
    free(text);
    free(jobs);
    return b;
}

static void free_bench(bench *b)
{
    th_rmtree(b->dir);
    free(b->dir);
    free(b->job);
    free(b->db);
    free(b->csv);
    free(b->workdir);
    free(b->state);
}

/* Fills argv with an optimize command line for params plus extra
 * arguments (NULL-terminated); returns the argument count. */
static size_t optimize_argv(const bench *b, const char *params,
                            const char **argv, va_list extra)
{
    static char workflow[4096];
    size_t n = 0;
    const char *arg;
    char *path = th_data("optimize/workflow.cwl");

    snprintf(workflow, sizeof workflow, "%s", path);
    free(path);
    argv[n++] = th_env("SABER_OPT");
    argv[n++] = "optimize";
    argv[n++] = "--db";
    argv[n++] = b->db;
    argv[n++] = "--output";
    argv[n++] = b->csv;
    argv[n++] = "--workdir";
    argv[n++] = b->workdir;
    argv[n++] = "--plugin-dir";
    argv[n++] = th_env("SABER_TEST_PLUGIN_DIR");
    while ((arg = va_arg(extra, const char *)) && n < 50)
        argv[n++] = arg;
    argv[n++] = workflow;
    argv[n++] = b->job;
    argv[n++] = params;
    argv[n] = NULL;
    return n;
}

static th_result optimize(const bench *b, const char *params, ...)
{
    const char *argv[64];
    va_list extra;

    va_start(extra, params);
    optimize_argv(b, params, argv, extra);
    va_end(extra);
    return th_run(argv, NULL, b->dir);
}

/* Starts optimize in the background; returns its process id. */
static pid_t optimize_background(const bench *b, const char *params, ...)
{
    const char *argv[64];
    posix_spawn_file_actions_t actions;
    char *log = th_format("%s/background.log", b->dir);
    va_list extra;
    pid_t pid;

    va_start(extra, params);
    optimize_argv(b, params, argv, extra);
    va_end(extra);
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, log, O_WRONLY | O_CREAT, 0600);
    cr_assert_eq(posix_spawn(&pid, argv[0], &actions, NULL, (char *const *)argv,
                             environ), 0);
    posix_spawn_file_actions_destroy(&actions);
    free(log);
    return pid;
}

static char *params_path(const char *name)
{
    char *relative = th_format("optimize/%s", name);
    char *path = th_data(relative);

    free(relative);
    return path;
}

/* Returns the first column of the first row of sql, or NULL. */
static char *query(const bench *b, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *stmt;
    char *text = NULL;

    cr_assert_eq(sqlite3_open_v2(b->db, &db, SQLITE_OPEN_READONLY, NULL),
                 SQLITE_OK, "cannot open %s", b->db);
    sqlite3_busy_timeout(db, 5000);
    cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK,
                 "%s: %s", sql, sqlite3_errmsg(db));
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
        text = strdup((const char *)sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return text;
}

static long query_long(const bench *b, const char *sql)
{
    char *text = query(b, sql);
    long value = text ? atol(text) : -1;

    free(text);
    return value;
}

static void assert_query(const bench *b, const char *sql, const char *expected)
{
    char *text = query(b, sql);

    cr_assert_not_null(text, "%s gave no row", sql);
    cr_assert_str_eq(text, expected, "%s", sql);
    free(text);
}

/* Returns the count sql gives, or -1 while the database or its tables do
 * not exist yet. */
static long try_count(const bench *b, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *stmt;
    long count = -1;

    if (sqlite3_open_v2(b->db, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db, 5000);
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) == SQLITE_OK) {
        if (sqlite3_step(stmt) == SQLITE_ROW)
            count = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return count;
}

/* Waits until sql counts at least n rows. */
static void wait_for(const bench *b, const char *sql, long n)
{
    for (int i = 0; i < 600; i++) {
        struct timespec pause = {0, 20000000};

        if (try_count(b, sql) >= n)
            return;
        nanosleep(&pause, NULL);
    }
    cr_assert_fail("timed out waiting for %s to reach %ld", sql, n);
}

static int wait_exit(pid_t pid)
{
    int status;

    cr_assert_eq(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Returns the CSV without the columns named in drop (comma-separated
 * names), for comparing runs whose costs and folders differ. */
static char *csv_without(const char *path, const char *drop)
{
    char *text = th_read_file(path, NULL);
    char *out = calloc(1, strlen(text) + 1);
    int skip[64] = {0};
    char *line, *save = NULL;
    int first = 1;

    cr_assert_not_null(text, "cannot read %s", path);
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *field, *inner = NULL;
        int column = 0;

        for (field = strtok_r(line, ",", &inner); field;
             field = strtok_r(NULL, ",", &inner), column++) {
            if (first && column < 64) {
                char *name = th_format(",%s,", field);
                char *list = th_format(",%s,", drop);

                skip[column] = strstr(list, name) != NULL;
                free(name);
                free(list);
            }
            if (column < 64 && skip[column])
                continue;
            strcat(out, field);
            strcat(out, ";");
        }
        strcat(out, "\n");
        first = 0;
    }
    free(text);
    return out;
}

/* ---- scores, costs and rows ---- */

Test(optimize, scores_and_costs_recorded)
{
    bench b = make_bench("score");
    char *params = params_path("grid.yml");
    char *csv;
    th_result r = optimize(&b, params, NULL);

    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.out, "best score 0.5 (minimize) at iteration 2") != NULL,
              "summary: %s", r.out);
    cr_assert(strstr(r.out, "  x: 3\n") != NULL, "summary: %s", r.out);

    assert_query(&b, "SELECT group_concat(score, ' ') FROM "
                     "(SELECT score FROM iterations ORDER BY iteration)",
                 "4.5 1.5 0.5");
    assert_query(&b, "SELECT count(*) FROM steps WHERE wall_seconds > 0 "
                     "AND cpu_seconds >= 0 AND exit_status = 0", "6");
    assert_query(&b, "SELECT score_text FROM steps WHERE iteration = 0 AND "
                     "step = 'train'", "4.5");
    assert_query(&b, "SELECT count(*) FROM iterations WHERE abs(cost - (SELECT "
                     "sum(wall_seconds) FROM steps s WHERE s.iteration = "
                     "iterations.iteration)) < 1e-9", "3");
    assert_query(&b, "SELECT status FROM runs", "completed");
    assert_query(&b, "SELECT value FROM parameters WHERE iteration = 1", "2");

    csv = csv_without(b.csv, "cost,state");
    cr_assert_str_eq(csv,
                     "workflow_id;iteration;batch;x;y;mode;job_id;score;status\r;\n"
                     "workflow_jobs;0;0;1;0.5;score;prepare;succeeded\r;\n"
                     "workflow_jobs;0;0;1;0.5;score;train;4.5;succeeded\r;\n"
                     "workflow_jobs;1;1;2;0.5;score;prepare;succeeded\r;\n"
                     "workflow_jobs;1;1;2;0.5;score;train;1.5;succeeded\r;\n"
                     "workflow_jobs;2;2;3;0.5;score;prepare;succeeded\r;\n"
                     "workflow_jobs;2;2;3;0.5;score;train;0.5;succeeded\r;\n");
    free(csv);
    th_result_free(&r);
    free(params);
    free_bench(&b);
}

Test(optimize, collect_writes_same_csv)
{
    bench b = make_bench("score");
    char *params = params_path("grid.yml");
    char *again = th_format("%s/again.csv", b.dir);
    th_result r = optimize(&b, params, NULL);
    th_result to_file = th_saber(b.dir, "collect", "--db", b.db, again, NULL);
    th_result to_stdout = th_saber(b.dir, "collect", "--db", b.db, "-", NULL);
    th_result onto_db = th_saber(b.dir, "collect", "--db", b.db, b.db, NULL);
    char *written = th_read_file(b.csv, NULL);
    char *collected = th_read_file(again, NULL);

    cr_assert_eq(r.status, 0, "%s", r.err);
    cr_assert_eq(to_file.status, 0, "%s", to_file.err);
    cr_assert_str_eq(collected, written);
    cr_assert_eq(to_stdout.status, 0, "%s", to_stdout.err);
    cr_assert_str_eq(to_stdout.out, written);
    cr_assert_eq(onto_db.status, 2, "the database is not overwritten: %s",
                 onto_db.err);
    assert_query(&b, "SELECT count(*) FROM iterations", "3");
    free(written);
    free(collected);
    th_result_free(&r);
    th_result_free(&to_file);
    th_result_free(&to_stdout);
    th_result_free(&onto_db);
    free(again);
    free(params);
    free_bench(&b);
}

Test(optimize, output_folder_missing_rejected)
{
    bench b = make_bench("score");
    char *params = params_path("grid.yml");
    char *output = th_format("%s/no-such-folder/out.csv", b.dir);
    th_result r = optimize(&b, params, "--output", output, NULL);

    cr_assert_eq(r.status, 2, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.err, "no-such-folder/out.csv.tmp: No such file or "
                            "directory; name a CSV in a folder you can write")
              != NULL, "%s", r.err);
    assert_query(&b, "SELECT count(*) FROM runs", "0");
    cr_assert_neq(access(b.workdir, F_OK), 0, "no step ran");
    th_result_free(&r);
    free(output);
    free(params);
    free_bench(&b);
}

Test(optimize, rows_fed_to_sampler)
{
    bench b = make_bench("score");
    char *log = th_format("%s/rows.log", b.dir);
    char *text = th_format("sampler: {method: row-log, log_file: %s}\n"
                           "x:\n  range: [2, 3]\n  parameters: {abs: x}\n"
                           "  steps: [train]\n", log);
    char *params = th_write_file(b.dir, "params.yml", text);
    th_result r = optimize(&b, params, NULL);
    char *rows;

    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    rows = th_read_file(log, NULL);
    cr_assert_not_null(rows);
    cr_assert(strstr(rows, "batch 0: x=2 score=1.5 cost=") != NULL, "%s", rows);
    cr_assert(strstr(rows, "batch 1: x=3 score=0.5 cost=") != NULL, "%s", rows);
    cr_assert(strstr(rows, " status=succeeded score.prepare=None cost.prepare=")
              != NULL, "%s", rows);
    cr_assert(strstr(rows, " score.train=0.5 cost.train=") != NULL, "%s", rows);
    cr_assert_eq(strchr(strchr(rows, '\n') + 1, '\n')[1], '\0',
                 "one row per batch: %s", rows);
    free(rows);
    th_result_free(&r);
    free(params);
    free(text);
    free(log);
    free_bench(&b);
}

Test(optimize, missing_and_nan_scores)
{
    bench none = make_bench("none");
    bench nan = make_bench("nan");
    char *params = params_path("grid.yml");
    th_result r1 = optimize(&none, params, NULL);
    th_result r2 = optimize(&nan, params, NULL);
    char *csv;

    cr_assert_eq(r1.status, 0, "a missing score is not a failure: %s", r1.err);
    cr_assert_eq(r2.status, 0, "a NaN score is not a failure: %s", r2.err);
    assert_query(&none, "SELECT count(*) FROM iterations WHERE score IS NULL "
                        "AND status = 'succeeded'", "3");
    assert_query(&nan, "SELECT count(*) FROM steps WHERE step = 'train' AND "
                       "score IS NULL AND score_text = 'nan'", "3");
    cr_assert(strstr(r1.out, "no score was read") != NULL, "%s", r1.out);

    csv = csv_without(nan.csv, "cost,state");
    cr_assert(strstr(csv, "workflow_jobs;0;0;1;0.5;nan;train;nan;succeeded") != NULL,
              "%s", csv);
    free(csv);
    csv = csv_without(none.csv, "cost,state");
    cr_assert(strstr(csv, "workflow_jobs;0;0;1;0.5;none;train;succeeded") != NULL,
              "%s", csv);
    free(csv);
    th_result_free(&r1);
    th_result_free(&r2);
    free(params);
    free_bench(&none);
    free_bench(&nan);
}

/* ---- failures ---- */

Test(optimize, failure_stops_run)
{
    bench b = make_bench("fail-x2");
    char *params = params_path("grid.yml");
    th_result r = optimize(&b, params, NULL);

    cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
    cr_assert(strstr(r.err, "iteration 1 failed; stopping the run") != NULL,
              "%s", r.err);
    assert_query(&b, "SELECT status FROM runs", "failed");
    assert_query(&b, "SELECT count(*) FROM iterations", "2");
    assert_query(&b, "SELECT status FROM iterations WHERE iteration = 1", "failed");
    cr_assert(access(b.csv, F_OK) == 0, "the CSV is written");
    th_result_free(&r);
    free(params);
    free_bench(&b);
}

Test(optimize, resume_reruns_stopping_failure)
{
    bench b = make_bench("fail-x2");
    char *params = params_path("grid.yml");
    th_result first = optimize(&b, params, NULL);
    th_result resumed;
    char *text = th_format("x: 1\ny: 0.5\nmode: score\nstate: %s\n", b.state);
    char *job = th_write_file(NULL, b.job, text);

    cr_assert_eq(first.status, 1, "%s", first.err);
    resumed = optimize(&b, params, "--resume", NULL);
    cr_assert_eq(resumed.status, 0, "%s", resumed.err);
    cr_assert(strstr(resumed.err, "iteration 1 failed and stopped the run; "
                                  "running it again") != NULL, "%s", resumed.err);
    assert_query(&b, "SELECT group_concat(status, ' ') FROM (SELECT status "
                     "FROM iterations ORDER BY iteration)",
                 "succeeded succeeded succeeded");
    assert_query(&b, "SELECT status FROM runs", "completed");
    th_result_free(&first);
    th_result_free(&resumed);
    free(job);
    free(text);
    free(params);
    free_bench(&b);
}

Test(optimize, continue_on_failure)
{
    bench b = make_bench("fail-x2");
    char *params = params_path("grid.yml");
    th_result r = optimize(&b, params, "--continue_on_failure", NULL);
    char *csv;

    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    assert_query(&b, "SELECT group_concat(status, ' ') FROM (SELECT status "
                     "FROM iterations ORDER BY iteration)",
                 "succeeded failed succeeded");
    assert_query(&b, "SELECT count(*) FROM iterations WHERE iteration = 1 AND "
                     "score IS NULL AND attempts = 1", "1");
    csv = csv_without(b.csv, "cost,state");
    cr_assert(strstr(csv, "workflow_jobs;1;1;2;0.5;fail-x2;train;failed") != NULL,
              "%s", csv);
    free(csv);
    th_result_free(&r);
    free(params);
    free_bench(&b);
}

Test(optimize, retry_failed_once)
{
    bench b = make_bench("flaky");
    char *params = params_path("grid.yml");
    th_result r = optimize(&b, params, "--retry", NULL);

    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    assert_query(&b, "SELECT count(*) FROM iterations WHERE status = "
                     "'succeeded' AND attempts = 2", "3");
    assert_query(&b, "SELECT count(*) FROM steps WHERE step = 'train' AND "
                     "attempt = 1 AND status = 'failed' AND exit_status = 4", "3");
    assert_query(&b, "SELECT score FROM iterations WHERE iteration = 2", "0.5");
    th_result_free(&r);
    free(params);
    free_bench(&b);
}

/* Failing again after its retry stops the run, and the advice names only
 * the option not given yet. */
Test(optimize, retry_then_stop)
{
    bench b = make_bench("fail");
    char *params = params_path("grid.yml");
    th_result r = optimize(&b, params, "--retry", NULL);

    cr_assert_eq(r.status, 1, "exit %d: %s", r.status, r.err);
    assert_query(&b, "SELECT attempts FROM iterations WHERE status = 'failed'",
                 "2");
    cr_assert(strstr(r.err, "iteration 0 failed; stopping the run (use "
                            "--continue_on_failure to go on)\n") != NULL,
              "%s", r.err);
    th_result_free(&r);
    free(params);
    free_bench(&b);
}

Test(optimize, retry_then_continue)
{
    bench b = make_bench("fail");
    char *params = params_path("grid.yml");
    th_result r = optimize(&b, params, "-r", "--continue-on-failure", NULL);

    cr_assert_eq(r.status, 0, "exit %d: %s", r.status, r.err);
    assert_query(&b, "SELECT count(*) FROM iterations WHERE status = 'failed' "
                     "AND attempts = 2", "3");
    assert_query(&b, "SELECT count(*) FROM steps WHERE status = 'failed'", "6");
    cr_assert(strstr(r.err, "retrying it once") != NULL, "%s", r.err);
    th_result_free(&r);
    free(params);
    free_bench(&b);
}

/* ---- resume ---- */

Test(optimize, kill_then_resume_matches)
{
    bench killed = make_bench("slow");
    bench whole = make_bench("slow");
    char *params = params_path("batch.yml");
    th_result full = optimize(&whole, params, "-j", "2", NULL);
    pid_t pid = optimize_background(&killed, params, "-j", "2", NULL);
    th_result resumed;
    char *expected, *actual;

    cr_assert_eq(full.status, 0, "%s", full.err);
    /* Kill it in the middle of the second batch. */
    wait_for(&killed, "SELECT count(*) FROM steps WHERE step = 'train'", 4);
    kill(pid, SIGKILL);
    cr_assert_eq(wait_exit(pid), 128 + SIGKILL);
    cr_assert_lt(query_long(&killed, "SELECT count(*) FROM iterations WHERE "
                                     "status = 'succeeded'"), 12);

    resumed = optimize(&killed, params, "-j", "2", "--resume", NULL);
    cr_assert_eq(resumed.status, 0, "exit %d: %s", resumed.status, resumed.err);
    cr_assert(strstr(resumed.err, "replaying") != NULL, "%s", resumed.err);

    expected = csv_without(whole.csv, "cost,state");
    actual = csv_without(killed.csv, "cost,state");
    cr_assert_str_eq(actual, expected);
    assert_query(&killed, "SELECT count(*) FROM (SELECT iteration FROM steps "
                          "GROUP BY iteration, attempt, step HAVING count(*) > 1)",
                 "0");
    assert_query(&killed, "SELECT count(DISTINCT iteration) FROM steps", "12");
    assert_query(&killed, "SELECT status FROM runs", "completed");
    free(expected);
    free(actual);
    th_result_free(&full);
    th_result_free(&resumed);
    free(params);
    free_bench(&killed);
    free_bench(&whole);
}

Test(optimize, interrupt_exits_130_and_resumes)
{
    bench b = make_bench("slow");
    char *params = params_path("batch.yml");
    pid_t pid = optimize_background(&b, params, "-j", "2", NULL);
    th_result resumed;
    char *csv;

    wait_for(&b, "SELECT count(*) FROM steps WHERE step = 'train'", 2);
    kill(pid, SIGINT);
    cr_assert_eq(wait_exit(pid), 130);
    assert_query(&b, "SELECT status FROM runs", "interrupted");
    cr_assert_gt(query_long(&b, "SELECT count(*) FROM iterations WHERE status "
                                "= 'interrupted'"), 0);
    csv = th_read_file(b.csv, NULL);
    cr_assert(strstr(csv, "interrupted") != NULL, "the CSV is written: %s", csv);
    free(csv);

    resumed = optimize(&b, params, "-j", "2", "--resume", NULL);
    cr_assert_eq(resumed.status, 0, "%s", resumed.err);
    assert_query(&b, "SELECT count(*) FROM iterations WHERE status = 'succeeded'",
                 "12");
    csv = th_read_file(b.csv, NULL);
    cr_assert_null(strstr(csv, "interrupted"), "%s", csv);
    free(csv);
    th_result_free(&resumed);
    free(params);
    free_bench(&b);
}

/* A --resume while the run is still going must not remove and rerun the
 * folders of the first process's steps: it is rejected, and the first
 * process finishes as if alone. */
Test(optimize, second_process_rejected)
{
    bench b = make_bench("slow");
    char *params = params_path("batch.yml");
    pid_t pid = optimize_background(&b, params, "-j", "2", NULL);
    th_result second;

    wait_for(&b, "SELECT count(*) FROM steps WHERE step = 'train'", 1);
    second = optimize(&b, params, "-j", "2", "--resume", NULL);
    cr_assert_eq(second.status, 2, "exit %d: %s", second.status, second.err);
    cr_assert(strstr(second.err, "run 'workflow_jobs' is in use by another "
                                 "saber-opt process") != NULL, "%s", second.err);

    cr_assert_eq(wait_exit(pid), 0);
    assert_query(&b, "SELECT status FROM runs", "completed");
    assert_query(&b, "SELECT count(*) FROM iterations WHERE status = "
                     "'succeeded'", "12");
    assert_query(&b, "SELECT count(*) FROM steps WHERE attempt > 1", "0");
    th_result_free(&second);
    free(params);
    free_bench(&b);
}

Test(optimize, changed_params_refused_on_resume)
{
    bench b = make_bench("score");
    char *params = params_path("grid.yml");
    th_result first = optimize(&b, params, NULL);
    th_result again;
    char *changed = th_write_file(b.dir, "changed.yml",
                            "sampler:\n  method: grid\nx:\n  range: {start: 0, "
                            "stop: 4, step: 1}\n  parameters: {abs: x}\n"
                            "  steps: [prepare, train]\n");
    cr_assert_eq(first.status, 0, "%s", first.err);
    again = optimize(&b, changed, "--resume", NULL);
    cr_assert_eq(again.status, 2, "exit %d: %s", again.status, again.err);
    cr_assert(strstr(again.err, "the parameter sets no longer match run "
                                "'workflow_jobs' at iteration 0 (batch 0, index "
                                "0): metaparameter 'x' is '0' now and was '1'")
              != NULL, "%s", again.err);
    assert_query(&b, "SELECT status FROM runs", "completed");
    assert_query(&b, "SELECT count(*) FROM iterations", "3");
    th_result_free(&first);
    th_result_free(&again);
    free(changed);
    free(params);
    free_bench(&b);
}

Test(optimize, run_id_reuse_needs_resume)
{
    bench b = make_bench("score");
    char *params = params_path("grid.yml");
    th_result first = optimize(&b, params, NULL);
    th_result again = optimize(&b, params, NULL);
    th_result named = optimize(&b, params, "--run-id", "second", NULL);

    cr_assert_eq(first.status, 0, "%s", first.err);
    cr_assert_eq(again.status, 2);
    cr_assert(strstr(again.err, "run 'workflow_jobs' already exists") != NULL,
              "%s", again.err);
    cr_assert(strstr(again.err, "--resume") && strstr(again.err, "--run-id"),
              "%s", again.err);
    cr_assert_eq(named.status, 0, "%s", named.err);
    assert_query(&b, "SELECT count(*) FROM runs", "2");
    th_result_free(&first);
    th_result_free(&again);
    th_result_free(&named);
    free(params);
    free_bench(&b);
}

/* A CSV named like the database would replace every recorded run. */
Test(optimize, output_naming_database_refused)
{
    bench b = make_bench("score");
    char *params = params_path("grid.yml");
    th_result first = optimize(&b, params, NULL);
    th_result again = optimize(&b, params, "--run-id", "second", "--output",
                               b.db, NULL);
    th_result collect = th_saber(b.dir, "collect", "--db", b.db, b.db, NULL);

    cr_assert_eq(first.status, 0, "%s", first.err);
    cr_assert_eq(again.status, 2, "exit %d: %s", again.status, again.err);
    cr_assert(strstr(again.err, "is an SQLite database, and the CSV would "
                                "replace it") != NULL, "%s", again.err);
    cr_assert_neq(collect.status, 0, "%s", collect.err);
    cr_assert(strstr(collect.err, "is an SQLite database") != NULL, "%s",
              collect.err);
    assert_query(&b, "SELECT count(*) FROM runs", "1");
    assert_query(&b, "SELECT count(*) FROM iterations", "3");
    th_result_free(&first);
    th_result_free(&again);
    th_result_free(&collect);
    free(params);
    free_bench(&b);
}

/* ---- validation ---- */

static void expect_invalid(const char *params_text, const char *message)
{
    bench b = make_bench("score");
    char *params = th_write_file(b.dir, "params.yml", params_text);
    th_result r = optimize(&b, params, NULL);

    cr_assert_eq(r.status, 2, "exit %d for %s", r.status, params_text);
    cr_assert(strstr(r.err, message) != NULL, "expected '%s' in: %s", message,
              r.err);
    cr_assert_neq(access(b.db, F_OK), 0, "nothing is written");
    cr_assert_neq(access(b.csv, F_OK), 0, "nothing is written");
    cr_assert_neq(access(b.workdir, F_OK), 0, "nothing is written");
    th_result_free(&r);
    free(params);
    free_bench(&b);
}

Test(optimize, unknown_step_rejected)
{
    expect_invalid("sampler: {method: grid}\nx:\n  range: [1]\n"
                   "  parameters: {abs: x}\n  steps: [trian]\n",
                   "params.yml:5:11: metaparameter 'x' names step 'trian', "
                   "which");
}

Test(optimize, unknown_input_rejected)
{
    expect_invalid("sampler: {method: grid}\nx:\n  range: [1]\n"
                   "  parameters: {abs: xx}\n  steps: [train]\n",
                   "params.yml:4:21: metaparameter 'x' sets input 'xx' of step "
                   "'train', which has no such input; its inputs are: script, "
                   "mode, x, y, state");
}

Test(optimize, value_type_rejected)
{
    expect_invalid("sampler: {method: grid}\nx:\n  range: [1, 0.5]\n"
                   "  parameters: {abs: x}\n  steps: [train]\n",
                   "params.yml:4:21: value '0.5' of metaparameter 'x'");
}

Test(optimize, float_range_for_int_rejected)
{
    expect_invalid("sampler: {method: grid}\nx:\n  range: {start: 1, stop: 2, "
                   "step: 0.5}\n  parameters: {abs: x}\n  steps: [train]\n",
                   "value '1.0' of metaparameter 'x'");
}

/* A continuous range's bounds must suit the step input's type. */
Test(optimize, continuous_float_for_int_rejected)
{
    expect_invalid("sampler: {method: random, max_iterations: 2}\nx:\n"
                   "  range: {low: 1, high: 4}\n  parameters: {abs: x}\n"
                   "  steps: [train]\n",
                   "value '1.0' of metaparameter 'x'");
}

/* tpe learns from the recorded rows, so a resumed run must feed it the
 * same rows to replay its points: killed and resumed, the run ends as
 * one that ran through. */
Test(optimize, tpe_resume_matches)
{
    bench killed = make_bench("slow");
    bench whole = make_bench("slow");
    char *params = params_path("tpe.yml");
    th_result full = optimize(&whole, params, "-j", "2", NULL);
    pid_t pid = optimize_background(&killed, params, "-j", "2", NULL);
    th_result resumed;
    char *expected, *actual;

    cr_assert_eq(full.status, 0, "%s", full.err);
    wait_for(&killed, "SELECT count(*) FROM steps WHERE step = 'train'", 7);
    kill(pid, SIGKILL);
    cr_assert_eq(wait_exit(pid), 128 + SIGKILL);
    cr_assert_lt(query_long(&killed, "SELECT count(*) FROM iterations WHERE "
                                     "status = 'succeeded'"), 12);

    resumed = optimize(&killed, params, "-j", "2", "--resume", NULL);
    cr_assert_eq(resumed.status, 0, "exit %d: %s", resumed.status, resumed.err);
    expected = csv_without(whole.csv, "cost,state");
    actual = csv_without(killed.csv, "cost,state");
    cr_assert_str_eq(actual, expected);
    assert_query(&killed, "SELECT count(DISTINCT iteration) FROM steps", "12");
    assert_query(&whole, "SELECT count(*) FROM parameters WHERE name = 'x' AND "
                         "CAST(value AS INTEGER) BETWEEN 0 AND 6 AND "
                         "value NOT LIKE '%.%'", "12");
    free(expected);
    free(actual);
    th_result_free(&full);
    th_result_free(&resumed);
    free(params);
    free_bench(&killed);
    free_bench(&whole);
}

Test(optimize, unknown_method_rejected)
{
    expect_invalid("sampler: {method: nosuch}\nx:\n  range: [1]\n"
                   "  parameters: {abs: x}\n  steps: [train]\n",
                   "unknown sampler method 'nosuch'");
}
