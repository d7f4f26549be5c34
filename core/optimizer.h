/*
 * optimizer.h - the state shared by the parts of the optimize loop:
 * setup (optimize_setup.c), batches (optimize_batch.c), resume
 * (optimize_resume.c) and the loop itself (optimize.c).
 */
#ifndef SABER_OPTIMIZER_H
#define SABER_OPTIMIZER_H

#include <stdint.h>

#include "csv_out.h"
#include "cwl.h"
#include "cwl_bind.h"
#include "executor.h"
#include "optimize.h"
#include "params.h"
#include "plugin.h"
#include "progress.h"
#include "results.h"
#include "sampler.h"
#include "score.h"
#include "store.h"

/* How the score of one workflow step is read. */
typedef struct step_scoring {
    score_format *format;     /* NULL: the step has no score_format */
    score_strategy strategy;
} step_scoring;

/* Where a CSV input column takes its value from. */
typedef struct column_source {
    const cwl_param *input;   /* a workflow input, or NULL */
    long target;              /* the space target that sets it, or -1 */
} column_source;

/* The outcome of one step in the current attempt of an iteration. */
typedef struct step_result {
    int ran;                  /* reported by the executor */
    int succeeded;
    double wall_seconds;
    int has_score;            /* a number was read (NaN included) */
    double score;
    char *score_text;
} step_result;

/* One parameter set while it runs. */
typedef struct iteration {
    int64_t number;
    int64_t batch;
    int64_t index;
    saber_dict *point;        /* the sampler's point */
    char **texts;             /* per space target: what the input receives */
    cwl_override *overrides;  /* per space target */
    char **inputs;            /* per CSV input column */
    store_param *params;      /* per dimension, for the store */
    int attempts;
    int finished;             /* nothing more will run for it */
    const char *status;       /* pending, running, succeeded, failed, interrupted */
    step_result *steps;       /* per workflow step */
    int has_score;
    double score;
    const char *score_text;   /* borrowed from steps */
    double cost;
    char started_at[32];
    char finished_at[32];
} iteration;

typedef struct optimizer {
    const optimize_options *options;
    params params;
    cwl_workflow *workflow;
    cwl_job *job;
    size_t step_count;
    const char **step_names;
    step_scoring *scoring;
    long objective;           /* the step whose score is the iteration's, or -1 */
    char **columns;
    column_source *column_sources;
    char **column_job_texts;  /* per column: the job file's value as text */
    size_t column_count;

    char *run_id;
    uint64_t seed;
    char *run_folder;         /* WORKDIR/RUN_ID */
    int lock_fd;              /* holds the lock on run_folder, or -1 */
    store *store;
    plugin_dirs dirs;
    sampler sampler;
    int sampler_open;
    executor *executor;
    csv_out *csv;
    results_layout layout;
    progress progress;
    uint64_t total;           /* iterations expected, 0 when unknown */

    int64_t next_iteration;
    int64_t next_batch;
    int interrupted;          /* SIGINT or SIGTERM arrived */
    int failed;               /* an iteration failed and the run stops */
    int input_error;          /* resume found a changed parameterize file */
    char *previous_status;    /* a resumed run's status before this process */
} optimizer;

/* ---- optimize_setup.c ---- */

/* Loads the three input files and checks them against each other before
 * anything runs or is written.  Returns 0, or -1 with an error message. */
int optimizer_load(optimizer *o);

/* Returns the default run id, <workflow name>_<job file's folder>. */
char *optimizer_default_run_id(const optimize_options *options);

void optimizer_release_inputs(optimizer *o);

/* ---- optimize_batch.c ---- */

/* Prepares an iteration for point (copied): texts, overrides, inputs. */
int iteration_init(optimizer *o, iteration *it, int64_t number, int64_t batch,
                   int64_t index, const saber_dict *point);
void iteration_release(optimizer *o, iteration *it);

/* Runs the iterations that are not finished, through the executor, until
 * each is finished, the run stops on a failure, or an interrupt arrives.
 * Returns 0, or -1 with an error message (store or executor failure). */
int optimizer_run_iterations(optimizer *o, iteration *its, size_t count);

/* Builds the result row of a finished iteration into row. */
int iteration_row(optimizer *o, const iteration *it, saber_dict *row);

/* ---- optimize_resume.c ---- */

/* Replays the recorded batches of the run through the sampler, runs the
 * iterations that had not finished, and leaves next_iteration and
 * next_batch after them.  Returns 0, or -1 with an error message. */
int optimizer_replay(optimizer *o);

/* ---- optimize.c ---- */

/* Records the unfinished iterations among its as pending, with their
 * parameters, in one transaction. */
int optimizer_plan(optimizer *o, const iteration *its, size_t count);

/* Appends the rows of finished iterations to the CSV. */
int optimizer_append_csv(optimizer *o, const iteration *its, size_t count);

/* Feeds the rows of a batch to the sampler. */
int optimizer_update_sampler(optimizer *o, const iteration *its, size_t count);

#endif
