/*
 * results.h - the results CSV: one row per iteration and step, as SABER
 * wrote it, plus the batch and the iteration's status.
 *
 * Columns: workflow_id (the run id), iteration, batch, one column per
 * workflow input in the workflow's order (then STEP.INPUT for each step
 * input a metaparameter sets that no workflow input feeds), job_id (the
 * step), cost (the step's wall seconds), score and status.  Cells of steps
 * that did not run are empty.  A NaN score is written nan, a missing one
 * is left empty.  The file can be written again from the store at any
 * time.
 */
#ifndef SABER_RESULTS_H
#define SABER_RESULTS_H

#include <stddef.h>

#include "csv_out.h"
#include "store.h"

/* What the CSV shows of one step of an iteration. */
typedef struct results_step {
    int ran;          /* the step ran (or was cancelled) in this attempt */
    double wall_seconds;
    int has_score;
    double score;
    const char *score_text; /* the matched text; with !has_score it was NaN */
} results_step;

typedef struct results_layout {
    const char *run_id;
    const char *const *columns; /* input column names */
    size_t column_count;
    const char *const *steps;   /* step names in workflow order */
    size_t step_count;
} results_layout;

int results_write_header(csv_out *out, const results_layout *layout);

/* Writes the rows of one iteration; steps[i] belongs to layout->steps[i]. */
int results_write_iteration(csv_out *out, const results_layout *layout,
                            const store_iteration *iteration,
                            const results_step *steps);

/* Writes the whole CSV of run_id from the store to path (through
 * PATH.tmp).  Returns 0, or -1 with an error message. */
int results_write_from_store(store *s, const char *run_id, const char *path);

#endif
