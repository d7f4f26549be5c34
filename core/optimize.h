/*
 * optimize.h - `saber-opt optimize`: the main job.
 *
 * The loop samples parameter sets a batch at a time, runs the workflow
 * once per set (several at once, up to -j processes), reads each step's
 * score from its log, records every step in the store as it finishes,
 * feeds one result row per iteration back to the sampler, and appends the
 * batch's rows to the CSV.  A run killed at any moment continues with
 * --resume: the recorded batches are replayed through the sampler, and
 * iterations that had not finished run again.
 */
#ifndef SABER_OPTIMIZE_H
#define SABER_OPTIMIZE_H

#include <stddef.h>

typedef struct optimize_options {
    const char *workflow;   /* WORKFLOW.cwl */
    const char *job;        /* JOB.yml */
    const char *params;     /* PARAMS.yml */
    const char *output;     /* the CSV, default optiout.csv */
    const char *db;         /* default saber-opt.db */
    const char *workdir;    /* default saber-runs */
    const char *run_id;     /* NULL: <workflow name>_<job file's folder> */
    char **plugin_dirs;
    size_t plugin_dir_count;
    int retry;              /* run a failed iteration once more */
    int continue_on_failure;
    int resume;
    size_t jobs;            /* -j: processes at once, 0 for the CPU count */
} optimize_options;

/* Runs the optimization.  Returns the exit status: 0 completed, 1 an
 * iteration failed without --continue_on_failure, 2 bad input, 130
 * interrupted (state saved, continue with --resume). */
int optimize_run(const optimize_options *options);

#endif
