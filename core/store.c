/* store.c - the SQLite store of optimization runs. */
#include "config.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "store.h"
#include "store_schema.h"

#define BUSY_TIMEOUT_MS 10000

/* The statements prepared once per connection. */
enum statement {
    SQL_BEGIN,
    SQL_COMMIT,
    SQL_ROLLBACK,
    SQL_RUN_FIND,
    SQL_RUN_INSERT,
    SQL_RUN_COLUMN_INSERT,
    SQL_RUN_STEP_INSERT,
    SQL_RUN_STATUS,
    SQL_ITERATION_DELETE_PARAMS,
    SQL_ITERATION_DELETE_INPUTS,
    SQL_ITERATION_DELETE_STEPS,
    SQL_ITERATION_REPLACE,
    SQL_PARAM_INSERT,
    SQL_INPUT_INSERT,
    SQL_ITERATION_UPDATE,
    SQL_STEP_INSERT,
    SQL_ITERATIONS_SELECT,
    SQL_PARAMS_SELECT,
    SQL_INPUTS_SELECT,
    SQL_STEPS_SELECT,
    SQL_COLUMNS_SELECT,
    SQL_STEP_NAMES_SELECT,
    SQL_LATEST_RUN,
    SQL_COUNT
};

static const char *const statement_sql[SQL_COUNT] = {
    [SQL_BEGIN] = "BEGIN IMMEDIATE",
    [SQL_COMMIT] = "COMMIT",
    [SQL_ROLLBACK] = "ROLLBACK",
    [SQL_RUN_FIND] =
        "SELECT id, workflow, workflow_sha256, job, job_sha256, params,"
        " params_sha256, method, options, goal, seed, status, started_at,"
        " finished_at FROM runs WHERE id = ?1",
    [SQL_RUN_INSERT] =
        "INSERT INTO runs (id, workflow, workflow_sha256, job, job_sha256,"
        " params, params_sha256, method, options, goal, seed,"
        " saber_opt_version, status, started_at, updated_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
        " ?14, ?14)",
    [SQL_RUN_COLUMN_INSERT] =
        "INSERT INTO run_columns (run_id, position, name) VALUES (?1, ?2, ?3)",
    [SQL_RUN_STEP_INSERT] =
        "INSERT INTO run_steps (run_id, position, name) VALUES (?1, ?2, ?3)",
    [SQL_RUN_STATUS] =
        "UPDATE runs SET status = ?2, updated_at = ?3,"
        " finished_at = CASE WHEN ?2 = 'running' THEN NULL ELSE ?3 END"
        " WHERE id = ?1",
    [SQL_ITERATION_DELETE_PARAMS] =
        "DELETE FROM parameters WHERE run_id = ?1 AND iteration = ?2",
    [SQL_ITERATION_DELETE_INPUTS] =
        "DELETE FROM inputs WHERE run_id = ?1 AND iteration = ?2",
    [SQL_ITERATION_DELETE_STEPS] =
        "DELETE FROM steps WHERE run_id = ?1 AND iteration = ?2",
    [SQL_ITERATION_REPLACE] =
        "INSERT OR REPLACE INTO iterations (run_id, iteration, batch,"
        " batch_index, status, attempts) VALUES (?1, ?2, ?3, ?4, ?5, 0)",
    [SQL_PARAM_INSERT] =
        "INSERT INTO parameters (run_id, iteration, position, name, type,"
        " value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [SQL_INPUT_INSERT] =
        "INSERT INTO inputs (run_id, iteration, position, value)"
        " VALUES (?1, ?2, ?3, ?4)",
    [SQL_ITERATION_UPDATE] =
        "UPDATE iterations SET status = ?3, attempts = ?4, score = ?5,"
        " score_text = ?6, cost = ?7, started_at = ?8, finished_at = ?9"
        " WHERE run_id = ?1 AND iteration = ?2",
    [SQL_STEP_INSERT] =
        "INSERT OR REPLACE INTO steps (run_id, iteration, attempt, step,"
        " position, status, exit_status, signal, wall_seconds, cpu_seconds,"
        " score, score_text, score_line, stdout_log, stderr_log, workdir,"
        " started_at, finished_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
        " ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    [SQL_ITERATIONS_SELECT] =
        "SELECT iteration, batch, batch_index, status, attempts, score,"
        " score_text, cost, started_at, finished_at FROM iterations"
        " WHERE run_id = ?1 ORDER BY iteration",
    [SQL_PARAMS_SELECT] =
        "SELECT name, type, value FROM parameters"
        " WHERE run_id = ?1 AND iteration = ?2 ORDER BY position",
    [SQL_INPUTS_SELECT] =
        "SELECT value FROM inputs WHERE run_id = ?1 AND iteration = ?2"
        " ORDER BY position",
    [SQL_STEPS_SELECT] =
        "SELECT attempt, step, position, status, exit_status, signal,"
        " wall_seconds, cpu_seconds, score, score_text, score_line,"
        " stdout_log, stderr_log, workdir, started_at, finished_at"
        " FROM steps WHERE run_id = ?1 AND iteration = ?2 AND attempt ="
        " (SELECT max(attempt) FROM steps WHERE run_id = ?1 AND iteration = ?2)"
        " ORDER BY position",
    [SQL_COLUMNS_SELECT] =
        "SELECT name FROM run_columns WHERE run_id = ?1 ORDER BY position",
    [SQL_STEP_NAMES_SELECT] =
        "SELECT name FROM run_steps WHERE run_id = ?1 ORDER BY position",
    [SQL_LATEST_RUN] =
        "SELECT id FROM runs ORDER BY started_at DESC, rowid DESC LIMIT 1",
};

struct store {
    sqlite3 *db;
    char *path;
    sqlite3_stmt *statements[SQL_COUNT];
};

static int fail_db(store *s, const char *what)
{
    error_set("%s: %s failed: %s", s->path, what, sqlite3_errmsg(s->db));
    return -1;
}

/* Returns the prepared statement, reset and with its bindings cleared. */
static sqlite3_stmt *statement(store *s, enum statement which)
{
    sqlite3_stmt **slot = &s->statements[which];

    if (!*slot) {
        if (sqlite3_prepare_v3(s->db, statement_sql[which], -1,
                               SQLITE_PREPARE_PERSISTENT, slot, NULL) != SQLITE_OK) {
            fail_db(s, "preparing a statement");
            return NULL;
        }
        return *slot;
    }
    sqlite3_reset(*slot);
    sqlite3_clear_bindings(*slot);
    return *slot;
}

/* Runs a statement that returns no row. */
static int step_done(store *s, sqlite3_stmt *stmt, const char *what)
{
    int rc = sqlite3_step(stmt);

    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE)
        return fail_db(s, what);
    return 0;
}

static int run_simple(store *s, enum statement which, const char *what)
{
    sqlite3_stmt *stmt = statement(s, which);

    return stmt ? step_done(s, stmt, what) : -1;
}

static int begin(store *s)
{
    return run_simple(s, SQL_BEGIN, "starting a transaction");
}

/* Commits, or rolls back when status reports that the transaction failed. */
static int finish(store *s, int status)
{
    if (status == 0)
        return run_simple(s, SQL_COMMIT, "committing");
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

static void bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
    if (text)
        sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(stmt, index);
}

static void bind_real(sqlite3_stmt *stmt, int index, int has, double value)
{
    /* SQLite stores NaN as NULL anyway; make that explicit. */
    if (has && value == value)
        sqlite3_bind_double(stmt, index, value);
    else
        sqlite3_bind_null(stmt, index);
}

void store_format_time(const struct timespec *when, char out[32])
{
    struct tm utc;
    size_t n;

    gmtime_r(&when->tv_sec, &utc);
    n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &utc);
    snprintf(out + n, 32 - n, ".%03ldZ", when->tv_nsec / 1000000);
}

void store_timestamp(char out[32])
{
    struct timespec now;

    clock_gettime(CLOCK_REALTIME, &now);
    store_format_time(&now, out);
}

/* ---- opening ---- */

static int configure_connection(store *s)
{
    static const char pragmas[] =
        "PRAGMA journal_mode = WAL;"
        "PRAGMA synchronous = NORMAL;"
        "PRAGMA foreign_keys = ON;";
    char *message = NULL;

    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    if (sqlite3_exec(s->db, pragmas, NULL, NULL, &message) != SQLITE_OK) {
        error_set("%s: cannot configure the database: %s", s->path,
                  message ? message : sqlite3_errmsg(s->db));
        sqlite3_free(message);
        return -1;
    }
    return 0;
}

static int schema_version(store *s, int *version)
{
    sqlite3_stmt *stmt;
    int rc;

    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
        return fail_db(s, "reading the schema version");
    rc = sqlite3_step(stmt);
    *version = rc == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW ? 0 : fail_db(s, "reading the schema version");
}

static int create_schema(store *s)
{
    char sql[64];
    int version;
    int status;

    if (begin(s) < 0)
        return -1;
    status = schema_version(s, &version);
    if (status == 0 && version > STORE_SCHEMA_VERSION) {
        error_set("%s: the database has schema version %d, newer than this "
                  "saber-opt's %d; use a newer saber-opt or another --db",
                  s->path, version, STORE_SCHEMA_VERSION);
        status = -1;
    }
    if (status == 0 && version < STORE_SCHEMA_VERSION) {
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
                 STORE_SCHEMA_VERSION);
        if (sqlite3_exec(s->db, store_schema_sql, NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
            status = fail_db(s, "creating the tables");
    }
    return finish(s, status);
}

int store_open(const char *path, store **out)
{
    store *s = calloc(1, sizeof *s);
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

    *out = NULL;
    if (!s || !(s->path = strdup(path))) {
        free(s);
        return error_nomem();
    }
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        error_set("%s: cannot open the database: %s", path,
                  s->db ? sqlite3_errmsg(s->db) : "out of memory");
        store_close(s);
        return -1;
    }
    if (configure_connection(s) < 0 || create_schema(s) < 0) {
        store_close(s);
        return -1;
    }
    *out = s;
    return 0;
}

void store_close(store *s)
{
    if (!s)
        return;
    for (int i = 0; i < SQL_COUNT; i++)
        sqlite3_finalize(s->statements[i]);
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

/* ---- runs ---- */

static char *column_strdup(sqlite3_stmt *stmt, int column)
{
    const unsigned char *text = sqlite3_column_text(stmt, column);

    return text ? strdup((const char *)text) : NULL;
}

static void load_run(sqlite3_stmt *stmt, store_run *run)
{
    char **fields[] = {&run->id, &run->workflow, &run->workflow_sha256,
                       &run->job, &run->job_sha256, &run->params,
                       &run->params_sha256, &run->method, &run->options,
                       &run->goal};
    const unsigned char *seed;

    for (int i = 0; i < 10; i++)
        *fields[i] = column_strdup(stmt, i);
    seed = sqlite3_column_text(stmt, 10);
    run->seed = seed ? strtoull((const char *)seed, NULL, 10) : 0;
    run->status = column_strdup(stmt, 11);
    run->started_at = column_strdup(stmt, 12);
    run->finished_at = column_strdup(stmt, 13);
}

int store_run_find(store *s, const char *id, int *exists, store_run *out)
{
    sqlite3_stmt *stmt = statement(s, SQL_RUN_FIND);
    int rc;

    if (!stmt)
        return -1;
    bind_text(stmt, 1, id);
    rc = sqlite3_step(stmt);
    *exists = rc == SQLITE_ROW;
    if (rc == SQLITE_ROW && out) {
        memset(out, 0, sizeof *out);
        load_run(stmt, out);
    }
    sqlite3_reset(stmt);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return fail_db(s, "reading the run");
    return 0;
}

void store_run_free(store_run *run)
{
    char *fields[] = {run->id, run->workflow, run->workflow_sha256, run->job,
                      run->job_sha256, run->params, run->params_sha256,
                      run->method, run->options, run->goal, run->status,
                      run->started_at, run->finished_at};

    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        free(fields[i]);
    memset(run, 0, sizeof *run);
}

static int insert_names(store *s, enum statement which, const char *run_id,
                        const char *const *names, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        sqlite3_stmt *stmt = statement(s, which);

        if (!stmt)
            return -1;
        bind_text(stmt, 1, run_id);
        sqlite3_bind_int64(stmt, 2, (sqlite3_int64)i);
        bind_text(stmt, 3, names[i]);
        if (step_done(s, stmt, "recording the run") < 0)
            return -1;
    }
    return 0;
}

static int insert_run(store *s, const store_run *run)
{
    sqlite3_stmt *stmt = statement(s, SQL_RUN_INSERT);
    const char *texts[] = {run->id, run->workflow, run->workflow_sha256,
                           run->job, run->job_sha256, run->params,
                           run->params_sha256, run->method, run->options,
                           run->goal};
    char seed[24];
    char now[32];

    if (!stmt)
        return -1;
    for (int i = 0; i < 10; i++)
        bind_text(stmt, i + 1, texts[i]);
    snprintf(seed, sizeof seed, "%" PRIu64, run->seed);
    bind_text(stmt, 11, seed);
    bind_text(stmt, 12, PACKAGE_VERSION);
    bind_text(stmt, 13, run->status ? run->status : "running");
    store_timestamp(now);
    bind_text(stmt, 14, run->started_at ? run->started_at : now);
    return step_done(s, stmt, "recording the run");
}

int store_run_create(store *s, const store_run *run,
                     const char *const *columns, size_t column_count,
                     const char *const *steps, size_t step_count)
{
    int status;

    if (begin(s) < 0)
        return -1;
    status = insert_run(s, run);
    if (status == 0)
        status = insert_names(s, SQL_RUN_COLUMN_INSERT, run->id, columns,
                              column_count);
    if (status == 0)
        status = insert_names(s, SQL_RUN_STEP_INSERT, run->id, steps,
                              step_count);
    return finish(s, status);
}

int store_run_set_status(store *s, const char *id, const char *status)
{
    sqlite3_stmt *stmt;
    char now[32];
    int result;

    if (begin(s) < 0)
        return -1;
    stmt = statement(s, SQL_RUN_STATUS);
    if (!stmt)
        return finish(s, -1);
    store_timestamp(now);
    bind_text(stmt, 1, id);
    bind_text(stmt, 2, status);
    bind_text(stmt, 3, now);
    result = step_done(s, stmt, "updating the run's status");
    return finish(s, result);
}

/* ---- iterations ---- */

static int delete_iteration_rows(store *s, const char *run_id, int64_t iteration)
{
    static const enum statement deletes[] = {SQL_ITERATION_DELETE_PARAMS,
                                             SQL_ITERATION_DELETE_INPUTS,
                                             SQL_ITERATION_DELETE_STEPS};

    for (size_t i = 0; i < 3; i++) {
        sqlite3_stmt *stmt = statement(s, deletes[i]);

        if (!stmt)
            return -1;
        bind_text(stmt, 1, run_id);
        sqlite3_bind_int64(stmt, 2, iteration);
        if (step_done(s, stmt, "replacing an iteration") < 0)
            return -1;
    }
    return 0;
}

static int insert_params(store *s, const char *run_id,
                         const store_iteration *it)
{
    for (size_t i = 0; i < it->param_count; i++) {
        sqlite3_stmt *stmt = statement(s, SQL_PARAM_INSERT);

        if (!stmt)
            return -1;
        bind_text(stmt, 1, run_id);
        sqlite3_bind_int64(stmt, 2, it->iteration);
        sqlite3_bind_int64(stmt, 3, (sqlite3_int64)i);
        bind_text(stmt, 4, it->params[i].name);
        bind_text(stmt, 5, it->params[i].type);
        bind_text(stmt, 6, it->params[i].value);
        if (step_done(s, stmt, "recording parameters") < 0)
            return -1;
    }
    return 0;
}

static int insert_inputs(store *s, const char *run_id,
                         const store_iteration *it)
{
    for (size_t i = 0; i < it->input_count; i++) {
        sqlite3_stmt *stmt = statement(s, SQL_INPUT_INSERT);

        if (!stmt)
            return -1;
        bind_text(stmt, 1, run_id);
        sqlite3_bind_int64(stmt, 2, it->iteration);
        sqlite3_bind_int64(stmt, 3, (sqlite3_int64)i);
        bind_text(stmt, 4, it->inputs[i] ? it->inputs[i] : "");
        if (step_done(s, stmt, "recording inputs") < 0)
            return -1;
    }
    return 0;
}

static int insert_iteration(store *s, const char *run_id,
                            const store_iteration *it)
{
    sqlite3_stmt *stmt;

    if (delete_iteration_rows(s, run_id, it->iteration) < 0)
        return -1;
    stmt = statement(s, SQL_ITERATION_REPLACE);
    if (!stmt)
        return -1;
    bind_text(stmt, 1, run_id);
    sqlite3_bind_int64(stmt, 2, it->iteration);
    sqlite3_bind_int64(stmt, 3, it->batch);
    sqlite3_bind_int64(stmt, 4, it->index);
    bind_text(stmt, 5, it->status ? it->status : "pending");
    if (step_done(s, stmt, "recording an iteration") < 0)
        return -1;
    if (insert_params(s, run_id, it) < 0)
        return -1;
    return insert_inputs(s, run_id, it);
}

int store_batch_begin(store *s, const char *run_id,
                      const store_iteration *iterations, size_t count)
{
    int status = 0;

    if (begin(s) < 0)
        return -1;
    for (size_t i = 0; i < count && status == 0; i++)
        status = insert_iteration(s, run_id, &iterations[i]);
    return finish(s, status);
}

int store_iteration_update(store *s, const char *run_id,
                           const store_iteration *it)
{
    sqlite3_stmt *stmt;
    int status;

    if (begin(s) < 0)
        return -1;
    stmt = statement(s, SQL_ITERATION_UPDATE);
    if (!stmt)
        return finish(s, -1);
    bind_text(stmt, 1, run_id);
    sqlite3_bind_int64(stmt, 2, it->iteration);
    bind_text(stmt, 3, it->status);
    sqlite3_bind_int(stmt, 4, it->attempts);
    bind_real(stmt, 5, it->has_score, it->score);
    bind_text(stmt, 6, it->score_text);
    bind_real(stmt, 7, it->has_cost, it->cost);
    bind_text(stmt, 8, it->started_at);
    bind_text(stmt, 9, it->finished_at);
    status = step_done(s, stmt, "updating an iteration");
    return finish(s, status);
}

/* ---- steps ---- */

static void bind_step(sqlite3_stmt *stmt, const char *run_id,
                      const store_step *st)
{
    bind_text(stmt, 1, run_id);
    sqlite3_bind_int64(stmt, 2, st->iteration);
    sqlite3_bind_int(stmt, 3, st->attempt);
    bind_text(stmt, 4, st->step);
    sqlite3_bind_int(stmt, 5, st->position);
    bind_text(stmt, 6, st->status);
    if (st->signal)
        sqlite3_bind_null(stmt, 7);
    else
        sqlite3_bind_int(stmt, 7, st->exit_status);
    sqlite3_bind_int(stmt, 8, st->signal);
    sqlite3_bind_double(stmt, 9, st->wall_seconds);
    sqlite3_bind_double(stmt, 10, st->cpu_seconds);
    bind_real(stmt, 11, st->has_score, st->score);
    bind_text(stmt, 12, st->score_text);
    if (st->score_line > 0)
        sqlite3_bind_int64(stmt, 13, st->score_line);
    bind_text(stmt, 14, st->stdout_log);
    bind_text(stmt, 15, st->stderr_log);
    bind_text(stmt, 16, st->workdir);
    bind_text(stmt, 17, st->started_at);
    bind_text(stmt, 18, st->finished_at);
}

int store_step_add(store *s, const char *run_id, const store_step *step)
{
    sqlite3_stmt *stmt;
    int status;

    if (begin(s) < 0)
        return -1;
    stmt = statement(s, SQL_STEP_INSERT);
    if (!stmt)
        return finish(s, -1);
    bind_step(stmt, run_id, step);
    status = step_done(s, stmt, "recording a step");
    return finish(s, status);
}

/* ---- reading ---- */

/* The text columns of one iteration, kept while visit runs. */
typedef struct loaded_iteration {
    store_iteration it;
    store_param *params;
    char **inputs;
    size_t param_capacity, input_capacity;
} loaded_iteration;

static int load_params(store *s, const char *run_id, loaded_iteration *l)
{
    sqlite3_stmt *stmt = statement(s, SQL_PARAMS_SELECT);
    int rc;

    if (!stmt)
        return -1;
    bind_text(stmt, 1, run_id);
    sqlite3_bind_int64(stmt, 2, l->it.iteration);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        store_param *p;

        if (l->it.param_count == l->param_capacity) {
            size_t capacity = l->param_capacity ? 2 * l->param_capacity : 8;
            store_param *grown = realloc(l->params, capacity * sizeof *grown);

            if (!grown) {
                sqlite3_reset(stmt);
                return error_nomem();
            }
            l->params = grown;
            l->param_capacity = capacity;
        }
        p = &l->params[l->it.param_count++];
        p->name = strdup((const char *)sqlite3_column_text(stmt, 0));
        p->type = strdup((const char *)sqlite3_column_text(stmt, 1));
        p->value = strdup((const char *)sqlite3_column_text(stmt, 2));
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE ? 0 : fail_db(s, "reading parameters");
}

static int load_inputs(store *s, const char *run_id, loaded_iteration *l)
{
    sqlite3_stmt *stmt = statement(s, SQL_INPUTS_SELECT);
    int rc;

    if (!stmt)
        return -1;
    bind_text(stmt, 1, run_id);
    sqlite3_bind_int64(stmt, 2, l->it.iteration);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (l->it.input_count == l->input_capacity) {
            size_t capacity = l->input_capacity ? 2 * l->input_capacity : 8;
            char **grown = realloc(l->inputs, capacity * sizeof *grown);

            if (!grown) {
                sqlite3_reset(stmt);
                return error_nomem();
            }
            l->inputs = grown;
            l->input_capacity = capacity;
        }
        l->inputs[l->it.input_count++] =
            strdup((const char *)sqlite3_column_text(stmt, 0));
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE ? 0 : fail_db(s, "reading inputs");
}

static void clear_loaded(loaded_iteration *l)
{
    for (size_t i = 0; i < l->it.param_count; i++) {
        free((char *)l->params[i].name);
        free((char *)l->params[i].type);
        free((char *)l->params[i].value);
    }
    for (size_t i = 0; i < l->it.input_count; i++)
        free(l->inputs[i]);
    free((char *)l->it.status);
    free((char *)l->it.score_text);
    free((char *)l->it.started_at);
    free((char *)l->it.finished_at);
    l->it.param_count = 0;
    l->it.input_count = 0;
}

static void read_iteration_row(sqlite3_stmt *stmt, loaded_iteration *l)
{
    store_iteration *it = &l->it;

    it->iteration = sqlite3_column_int64(stmt, 0);
    it->batch = sqlite3_column_int64(stmt, 1);
    it->index = sqlite3_column_int64(stmt, 2);
    it->status = column_strdup(stmt, 3);
    it->attempts = sqlite3_column_int(stmt, 4);
    it->has_score = sqlite3_column_type(stmt, 5) != SQLITE_NULL;
    it->score = sqlite3_column_double(stmt, 5);
    it->score_text = column_strdup(stmt, 6);
    it->has_cost = sqlite3_column_type(stmt, 7) != SQLITE_NULL;
    it->cost = sqlite3_column_double(stmt, 7);
    it->started_at = column_strdup(stmt, 8);
    it->finished_at = column_strdup(stmt, 9);
}

/* Reads all iteration rows first: visit may use the store, which would
 * reset a statement still being stepped. */
static int collect_iterations(store *s, const char *run_id,
                              loaded_iteration **rows, size_t *count)
{
    sqlite3_stmt *stmt = statement(s, SQL_ITERATIONS_SELECT);
    size_t capacity = 0;
    int rc;

    *rows = NULL;
    *count = 0;
    if (!stmt)
        return -1;
    bind_text(stmt, 1, run_id);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (*count == capacity) {
            loaded_iteration *grown;

            capacity = capacity ? 2 * capacity : 64;
            grown = realloc(*rows, capacity * sizeof *grown);
            if (!grown) {
                sqlite3_reset(stmt);
                return error_nomem();
            }
            *rows = grown;
        }
        memset(&(*rows)[*count], 0, sizeof **rows);
        read_iteration_row(stmt, &(*rows)[(*count)++]);
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE ? 0 : fail_db(s, "reading iterations");
}

int store_each_iteration(store *s, const char *run_id, store_iteration_fn visit,
                         void *data)
{
    loaded_iteration *rows;
    size_t count;
    int status = collect_iterations(s, run_id, &rows, &count);

    for (size_t i = 0; i < count; i++) {
        loaded_iteration *l = &rows[i];

        if (status == 0)
            status = load_params(s, run_id, l);
        if (status == 0)
            status = load_inputs(s, run_id, l);
        l->it.params = l->params;
        l->it.inputs = (const char *const *)l->inputs;
        if (status == 0)
            status = visit(&l->it, data);
        clear_loaded(l);
        free(l->params);
        free(l->inputs);
    }
    free(rows);
    return status;
}

static void read_step_row(sqlite3_stmt *stmt, int64_t iteration, store_step *st)
{
    memset(st, 0, sizeof *st);
    st->iteration = iteration;
    st->attempt = sqlite3_column_int(stmt, 0);
    st->step = (const char *)sqlite3_column_text(stmt, 1);
    st->position = sqlite3_column_int(stmt, 2);
    st->status = (const char *)sqlite3_column_text(stmt, 3);
    st->exit_status = sqlite3_column_type(stmt, 4) == SQLITE_NULL
                          ? -1 : sqlite3_column_int(stmt, 4);
    st->signal = sqlite3_column_int(stmt, 5);
    st->wall_seconds = sqlite3_column_double(stmt, 6);
    st->cpu_seconds = sqlite3_column_double(stmt, 7);
    st->has_score = sqlite3_column_type(stmt, 8) != SQLITE_NULL;
    st->score = sqlite3_column_double(stmt, 8);
    st->score_text = (const char *)sqlite3_column_text(stmt, 9);
    st->score_line = sqlite3_column_int64(stmt, 10);
    st->stdout_log = (const char *)sqlite3_column_text(stmt, 11);
    st->stderr_log = (const char *)sqlite3_column_text(stmt, 12);
    st->workdir = (const char *)sqlite3_column_text(stmt, 13);
    st->started_at = (const char *)sqlite3_column_text(stmt, 14);
    st->finished_at = (const char *)sqlite3_column_text(stmt, 15);
}

int store_each_step(store *s, const char *run_id, int64_t iteration,
                    store_step_fn visit, void *data)
{
    sqlite3_stmt *stmt = statement(s, SQL_STEPS_SELECT);
    int status = 0;
    int rc;

    if (!stmt)
        return -1;
    bind_text(stmt, 1, run_id);
    sqlite3_bind_int64(stmt, 2, iteration);
    while (status == 0 && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        store_step st;

        read_step_row(stmt, iteration, &st);
        status = visit(&st, data);
    }
    if (status == 0 && rc != SQLITE_DONE)
        status = fail_db(s, "reading steps");
    sqlite3_reset(stmt);
    return status;
}

static int load_names(store *s, enum statement which, const char *run_id,
                      char ***names, size_t *count)
{
    sqlite3_stmt *stmt = statement(s, which);
    int rc;

    *names = NULL;
    *count = 0;
    if (!stmt)
        return -1;
    bind_text(stmt, 1, run_id);
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        char **grown = realloc(*names, (*count + 1) * sizeof *grown);

        if (!grown) {
            sqlite3_reset(stmt);
            return error_nomem();
        }
        *names = grown;
        (*names)[(*count)++] = column_strdup(stmt, 0);
    }
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE ? 0 : fail_db(s, "reading the run");
}

int store_run_columns(store *s, const char *run_id, char ***names, size_t *count)
{
    return load_names(s, SQL_COLUMNS_SELECT, run_id, names, count);
}

int store_run_steps(store *s, const char *run_id, char ***names, size_t *count)
{
    return load_names(s, SQL_STEP_NAMES_SELECT, run_id, names, count);
}

void store_names_free(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

int store_latest_run(store *s, char **id)
{
    sqlite3_stmt *stmt = statement(s, SQL_LATEST_RUN);
    int rc;

    *id = NULL;
    if (!stmt)
        return -1;
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *id = column_strdup(stmt, 0);
    sqlite3_reset(stmt);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0
                                                 : fail_db(s, "finding the latest run");
}
