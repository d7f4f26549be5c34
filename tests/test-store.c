/* test-store.c - the SQLite store, on real database files. */
#include <criterion/criterion.h>
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "error.h"
#include "sha256.h"
#include "store.h"

static char *dir;
static char *db_path;

static void setup(void)
{
    dir = th_tmpdir();
    db_path = th_format("%s/runs.db", dir);
}

static void teardown(void)
{
    th_rmtree(dir);
    free(db_path);
    free(dir);
}

TestSuite(store, .init = setup, .fini = teardown);

static store *open_store(void)
{
    store *s = NULL;

    cr_assert_eq(store_open(db_path, &s), 0, "store_open: %s", error_message());
    return s;
}

static void create_run(store *s, const char *id)
{
    const char *columns[] = {"threshold", "segment.max_depth"};
    const char *steps[] = {"segment", "score"};
    store_run run = {
        .id = (char *)id, .workflow = "wf.cwl", .workflow_sha256 = "aa",
        .job = "job.yml", .job_sha256 = "bb", .params = "p.yml",
        .params_sha256 = "cc", .method = "grid", .options = "{}",
        .goal = "minimize", .seed = 18446744073709551615ULL,
    };

    cr_assert_eq(store_run_create(s, &run, columns, 2, steps, 2), 0);
}

Test(store, run_round_trip)
{
    store *s = open_store();
    store_run loaded;
    int exists = 0;

    create_run(s, "wf_jobs");
    cr_assert_eq(store_run_find(s, "wf_jobs", &exists, &loaded), 0);
    cr_assert(exists);
    cr_assert_str_eq(loaded.method, "grid");
    cr_assert_str_eq(loaded.status, "running");
    cr_assert_eq(loaded.seed, 18446744073709551615ULL);
    cr_assert_null(loaded.finished_at);
    store_run_free(&loaded);

    cr_assert_eq(store_run_find(s, "other", &exists, NULL), 0);
    cr_assert_not(exists);
    store_close(s);
}

Test(store, duplicate_run_rejected)
{
    store *s = open_store();
    const char *columns[] = {"x"};
    store_run run = {.id = "r", .workflow = "w", .workflow_sha256 = "1",
                     .job = "j", .job_sha256 = "2", .params = "p",
                     .params_sha256 = "3", .method = "grid", .options = "{}",
                     .goal = "minimize"};

    cr_assert_eq(store_run_create(s, &run, columns, 1, columns, 1), 0);
    cr_assert_eq(store_run_create(s, &run, columns, 1, columns, 1), -1);
    cr_assert(strstr(error_message(), "UNIQUE") != NULL,
              "message: %s", error_message());
    store_close(s);
}

static int count_iterations(const store_iteration *it, void *data)
{
    size_t *count = data;

    cr_assert_eq(it->iteration, (int64_t)*count);
    (*count)++;
    return 0;
}

static int check_params(const store_iteration *it, void *data)
{
    (void)data;
    cr_assert_eq(it->param_count, 2);
    cr_assert_str_eq(it->params[0].name, "threshold");
    cr_assert_str_eq(it->params[0].value, "1e3");
    cr_assert_str_eq(it->params[1].value, "1000.0");
    cr_assert_eq(it->input_count, 2);
    cr_assert_str_eq(it->inputs[1], "a,b");
    cr_assert_str_eq(it->status, "succeeded");
    cr_assert(it->has_score);
    cr_assert_eq(it->score, 0.25);
    return 0;
}

Test(store, values_stay_text)
{
    store *s = open_store();
    store_param params[] = {{"threshold", "text", "1e3"},
                            {"depth", "real", "1000.0"}};
    const char *inputs[] = {"1000", "a,b"};
    store_iteration it = {.iteration = 0, .batch = 0, .index = 0,
                          .params = params, .param_count = 2,
                          .inputs = inputs, .input_count = 2};
    size_t count = 0;

    create_run(s, "r");
    cr_assert_eq(store_batch_begin(s, "r", &it, 1), 0);
    it.status = "succeeded";
    it.attempts = 1;
    it.has_score = 1;
    it.score = 0.25;
    cr_assert_eq(store_iteration_update(s, "r", &it), 0);
    cr_assert_eq(store_each_iteration(s, "r", check_params, NULL), 0);
    cr_assert_eq(store_each_iteration(s, "r", count_iterations, &count), 0);
    cr_assert_eq(count, 1);
    store_close(s);
}

typedef struct seen_steps {
    int count;
    int nan_seen;
} seen_steps;

static int check_step(const store_step *st, void *data)
{
    seen_steps *seen = data;

    cr_assert_eq(st->attempt, 2, "only the latest attempt is listed");
    if (strcmp(st->step, "score") == 0) {
        cr_assert_not(st->has_score, "NaN is stored as NULL");
        cr_assert_str_eq(st->score_text, "nan");
        seen->nan_seen = 1;
    } else {
        cr_assert(st->has_score);
        cr_assert_eq(st->score, 0.5);
        cr_assert_eq(st->exit_status, 0);
    }
    seen->count++;
    return 0;
}

Test(store, latest_attempt_and_nan)
{
    store *s = open_store();
    store_iteration it = {.iteration = 3, .batch = 1, .index = 0};
    store_step first = {.iteration = 3, .attempt = 1, .step = "segment",
                        .position = 0, .status = "failed", .exit_status = 1,
                        .wall_seconds = 0.1, .cpu_seconds = 0.05};
    store_step again = first;
    store_step scored = first;
    seen_steps seen = {0, 0};

    create_run(s, "r");
    cr_assert_eq(store_batch_begin(s, "r", &it, 1), 0);
    cr_assert_eq(store_step_add(s, "r", &first), 0);

    again.attempt = 2;
    again.status = "succeeded";
    again.exit_status = 0;
    again.has_score = 1;
    again.score = 0.5;
    again.score_text = "0.5";
    cr_assert_eq(store_step_add(s, "r", &again), 0);

    scored.attempt = 2;
    scored.step = "score";
    scored.position = 1;
    scored.status = "succeeded";
    scored.exit_status = 0;
    scored.has_score = 1;
    scored.score = NAN;
    scored.score_text = "nan";
    cr_assert_eq(store_step_add(s, "r", &scored), 0);

    cr_assert_eq(store_each_step(s, "r", 3, check_step, &seen), 0);
    cr_assert_eq(seen.count, 2);
    cr_assert(seen.nan_seen);
    store_close(s);
}

Test(store, batch_replaces_iteration_and_steps)
{
    store *s = open_store();
    store_iteration it = {.iteration = 0, .batch = 0, .index = 0};
    store_step st = {.iteration = 0, .attempt = 1, .step = "segment",
                     .status = "succeeded"};
    seen_steps seen = {0, 0};

    create_run(s, "r");
    cr_assert_eq(store_batch_begin(s, "r", &it, 1), 0);
    cr_assert_eq(store_step_add(s, "r", &st), 0);
    cr_assert_eq(store_batch_begin(s, "r", &it, 1), 0);
    cr_assert_eq(store_each_step(s, "r", 0, check_step, &seen), 0);
    cr_assert_eq(seen.count, 0, "re-planning an iteration drops its steps");
    store_close(s);
}

Test(store, wal_and_reopen)
{
    store *s = open_store();
    sqlite3 *db;
    sqlite3_stmt *stmt;
    char **names;
    size_t count;

    create_run(s, "r");
    store_close(s);

    cr_assert_eq(sqlite3_open(db_path, &db), SQLITE_OK);
    cr_assert_eq(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, NULL),
                 SQLITE_OK);
    cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW);
    cr_assert_str_eq((const char *)sqlite3_column_text(stmt, 0), "wal");
    sqlite3_finalize(stmt);
    sqlite3_close(db);

    s = open_store();
    cr_assert_eq(store_run_columns(s, "r", &names, &count), 0);
    cr_assert_eq(count, 2);
    cr_assert_str_eq(names[1], "segment.max_depth");
    store_names_free(names, count);
    cr_assert_eq(store_run_steps(s, "r", &names, &count), 0);
    cr_assert_str_eq(names[0], "segment");
    store_names_free(names, count);
    store_close(s);
}

Test(store, reader_does_not_block_writer)
{
    store *s = open_store();
    sqlite3 *reader;
    sqlite3_stmt *stmt;
    store_iteration it = {.iteration = 0};
    store_step st = {.iteration = 0, .attempt = 1, .step = "segment",
                     .status = "succeeded"};

    create_run(s, "r");
    cr_assert_eq(store_batch_begin(s, "r", &it, 1), 0);

    /* A second connection holds a read transaction open. */
    cr_assert_eq(sqlite3_open(db_path, &reader), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(reader, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_prepare_v2(reader, "SELECT count(*) FROM iterations",
                                    -1, &stmt, NULL), SQLITE_OK);
    cr_assert_eq(sqlite3_step(stmt), SQLITE_ROW);

    cr_assert_eq(store_step_add(s, "r", &st), 0, "%s", error_message());
    sqlite3_finalize(stmt);
    sqlite3_exec(reader, "COMMIT", NULL, NULL, NULL);
    sqlite3_close(reader);
    store_close(s);
}

Test(store, newer_schema_rejected)
{
    sqlite3 *db;
    store *s = NULL;

    cr_assert_eq(sqlite3_open(db_path, &db), SQLITE_OK);
    cr_assert_eq(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL),
                 SQLITE_OK);
    sqlite3_close(db);

    cr_assert_eq(store_open(db_path, &s), -1);
    cr_assert(strstr(error_message(), "schema version 99") != NULL,
              "message: %s", error_message());
}

Test(sha256, known_digests)
{
    static const struct {
        const char *text;
        const char *digest;
    } cases[] = {
        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
    };
    char *d = th_tmpdir();

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = th_write_file(d, "input", cases[i].text);
        char hex[65];

        cr_assert_eq(sha256_file_hex(path, hex), 0);
        cr_assert_str_eq(hex, cases[i].digest, "digest of '%s'", cases[i].text);
        free(path);
    }
    th_rmtree(d);
    free(d);
}

Test(sha256, million_a)
{
    sha256 h;
    unsigned char digest[32];
    char chunk[1000];
    static const unsigned char expected[4] = {0xcd, 0xc7, 0x6e, 0x5c};

    memset(chunk, 'a', sizeof chunk);
    sha256_init(&h);
    for (int i = 0; i < 1000; i++)
        sha256_update(&h, chunk, sizeof chunk);
    sha256_final(&h, digest);
    cr_assert_arr_eq(digest, expected, 4);
}
