/*
 * store.h - the SQLite store of optimization runs.
 *
 * One database file contains any number of runs.  The connection uses WAL
 * journaling, synchronous=NORMAL and a busy timeout, and every write
 * transaction starts with BEGIN IMMEDIATE, so a reader in another process
 * (`saber-opt collect`, the sqlite3 shell) never breaks the writer.  Each
 * finished step is committed in its own transaction: a run killed at any
 * moment loses at most the steps that were still running.  Parameter
 * values are TEXT, exactly as the steps received them.  doc/database.md
 * describes the schema.
 */
#ifndef SABER_STORE_H
#define SABER_STORE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

typedef struct store store;

/* A run: one optimization of one workflow, job and parameterize file. */
typedef struct store_run {
    char *id;
    char *workflow, *workflow_sha256; /* paths as given, and file digests */
    char *job, *job_sha256;
    char *params, *params_sha256;
    char *method;       /* sampler method */
    char *options;      /* the sampler: block's options as a JSON object */
    char *goal;         /* "minimize" or "maximize" */
    uint64_t seed;
    char *status;       /* running, completed, failed, interrupted */
    char *started_at;   /* ISO 8601, UTC */
    char *finished_at;  /* NULL while running */
} store_run;

/* A metaparameter's value in one iteration. */
typedef struct store_param {
    const char *name;
    const char *type;   /* null, bool, int, real or text */
    const char *value;  /* the exact text */
} store_param;

/* An iteration: one parameter set, run through the whole workflow. */
typedef struct store_iteration {
    int64_t iteration;  /* 0, 1, 2... over the whole run */
    int64_t batch;      /* the sampler's batch, from 0 */
    int64_t index;      /* position within the batch, from 0 */
    const char *status; /* pending, running, succeeded, failed, interrupted */
    int attempts;       /* runs so far, retries included */
    int has_score;
    double score;       /* the objective step's score */
    const char *score_text;
    int has_cost;
    double cost;        /* sum of the steps' wall seconds */
    const char *started_at, *finished_at;
    const store_param *params;
    size_t param_count;
    const char *const *inputs; /* the CSV input columns' values */
    size_t input_count;
} store_iteration;

/* One step of one attempt of an iteration. */
typedef struct store_step {
    int64_t iteration;
    int attempt;          /* 1 for the first run, 2 for the retry */
    const char *step;
    int position;         /* the step's place in workflow order */
    const char *status;   /* succeeded, failed, cancelled */
    int exit_status;      /* -1 when killed by a signal */
    int signal;           /* 0 unless killed by a signal */
    double wall_seconds, cpu_seconds;
    int has_score;
    double score;         /* NaN is stored as NULL with score_text kept */
    const char *score_text; /* the matched text, NULL when no line matched */
    int64_t score_line;   /* 0 when no line matched */
    const char *stdout_log, *stderr_log, *workdir;
    const char *started_at, *finished_at;
} store_step;

/* Opens (creating if needed) the database at path.  Returns 0, or -1 with
 * an error message naming the file. */
int store_open(const char *path, store **out);
void store_close(store *s);

/* Stores whether run id exists in *exists and, if out is not NULL and it
 * does, loads it into *out (free with store_run_free). */
int store_run_find(store *s, const char *id, int *exists, store_run *out);
void store_run_free(store_run *run);

/* Records a new run with its CSV input column names and its steps in
 * workflow order. */
int store_run_create(store *s, const store_run *run,
                     const char *const *columns, size_t column_count,
                     const char *const *steps, size_t step_count);

int store_run_set_status(store *s, const char *id, const char *status);

/* Records the iterations of a batch as pending, with their parameters and
 * input column values, in one transaction.  Existing iterations of the
 * same numbers are replaced along with their steps. */
int store_batch_begin(store *s, const char *run_id,
                      const store_iteration *iterations, size_t count);

/* Updates an iteration's status, attempts, score, cost and times. */
int store_iteration_update(store *s, const char *run_id,
                           const store_iteration *iteration);

/* Records one finished step in its own transaction. */
int store_step_add(store *s, const char *run_id, const store_step *step);

/* Calls visit for each iteration of the run in order, with its parameters
 * and inputs filled in.  Returns 0, the first non-zero value visit
 * returned, or -1 with an error message. */
typedef int (*store_iteration_fn)(const store_iteration *iteration, void *data);
int store_each_iteration(store *s, const char *run_id, store_iteration_fn visit,
                         void *data);

/* Calls visit for each step of the iteration's latest attempt, in
 * workflow order. */
typedef int (*store_step_fn)(const store_step *step, void *data);
int store_each_step(store *s, const char *run_id, int64_t iteration,
                    store_step_fn visit, void *data);

/* Loads the run's CSV input column names or its step names, in order;
 * free with store_names_free. */
int store_run_columns(store *s, const char *run_id, char ***names,
                      size_t *count);
int store_run_steps(store *s, const char *run_id, char ***names, size_t *count);
void store_names_free(char **names, size_t count);

/* Returns the id of the most recently started run in *id (transferred),
 * or NULL when the database contains none. */
int store_latest_run(store *s, char **id);

/* Writes the current time as ISO 8601 UTC with milliseconds into out. */
void store_timestamp(char out[32]);

/* Writes a CLOCK_REALTIME time in the same form into out. */
void store_format_time(const struct timespec *when, char out[32]);

#endif
