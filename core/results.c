/* results.c - the results CSV, row by row or whole from the store. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "pyfloat.h"
#include "results.h"

static const char *const leading_columns[] = {"workflow_id", "iteration",
                                              "batch"};
static const char *const trailing_columns[] = {"job_id", "cost", "score",
                                               "status"};

int results_write_header(csv_out *out, const results_layout *layout)
{
    size_t count = 3 + layout->column_count + 4;
    const char **fields = calloc(count, sizeof *fields);
    int status;

    if (!fields)
        return error_nomem();
    memcpy(fields, leading_columns, sizeof leading_columns);
    for (size_t i = 0; i < layout->column_count; i++)
        fields[3 + i] = layout->columns[i];
    memcpy(fields + 3 + layout->column_count, trailing_columns,
           sizeof trailing_columns);
    status = csv_out_write_row(out, fields, count);
    free(fields);
    return status;
}

/* The score cell: the value, nan for a matched NaN, empty when missing. */
static const char *score_cell(const results_step *step,
                              char text[PYFLOAT_REPR_SIZE])
{
    if (!step->ran)
        return "";
    if (step->has_score) {
        pyfloat_repr(step->score, text);
        return text;
    }
    return step->score_text ? "nan" : "";
}

int results_write_iteration(csv_out *out, const results_layout *layout,
                            const store_iteration *it,
                            const results_step *steps)
{
    size_t count = 3 + layout->column_count + 4;
    const char **fields = calloc(count, sizeof *fields);
    char iteration[24], batch[24];
    int status = 0;

    if (!fields)
        return error_nomem();
    snprintf(iteration, sizeof iteration, "%" PRId64, it->iteration);
    snprintf(batch, sizeof batch, "%" PRId64, it->batch);
    fields[0] = layout->run_id;
    fields[1] = iteration;
    fields[2] = batch;
    for (size_t i = 0; i < layout->column_count; i++)
        fields[3 + i] = i < it->input_count ? it->inputs[i] : "";

    for (size_t s = 0; s < layout->step_count && status == 0; s++) {
        char cost[PYFLOAT_REPR_SIZE] = "", score[PYFLOAT_REPR_SIZE];
        size_t at = 3 + layout->column_count;

        if (steps[s].ran)
            pyfloat_repr(steps[s].wall_seconds, cost);
        fields[at] = layout->steps[s];
        fields[at + 1] = cost;
        fields[at + 2] = score_cell(&steps[s], score);
        fields[at + 3] = it->status;
        status = csv_out_write_row(out, fields, count);
    }
    free(fields);
    return status;
}

/* ---- from the store ---- */

typedef struct store_writer {
    store *s;
    csv_out *out;
    results_layout layout;
    results_step *steps;
    char **score_texts; /* copies kept while a row is written */
} store_writer;

static int take_step(const store_step *st, void *data)
{
    store_writer *w = data;
    size_t i = 0;

    while (i < w->layout.step_count && strcmp(w->layout.steps[i], st->step) != 0)
        i++;
    if (i == w->layout.step_count)
        return 0;
    w->steps[i].ran = 1;
    w->steps[i].wall_seconds = st->wall_seconds;
    w->steps[i].has_score = st->has_score;
    w->steps[i].score = st->score;
    free(w->score_texts[i]);
    w->score_texts[i] = st->score_text ? strdup(st->score_text) : NULL;
    w->steps[i].score_text = w->score_texts[i];
    return 0;
}

static int write_stored_iteration(const store_iteration *it, void *data)
{
    store_writer *w = data;

    memset(w->steps, 0, w->layout.step_count * sizeof *w->steps);
    if (store_each_step(w->s, w->layout.run_id, it->iteration, take_step, w) < 0)
        return -1;
    return results_write_iteration(w->out, &w->layout, it, w->steps);
}

static void release_writer(store_writer *w, char **columns, size_t column_count,
                           char **steps, size_t step_count)
{
    for (size_t i = 0; i < step_count && w->score_texts; i++)
        free(w->score_texts[i]);
    free(w->score_texts);
    free(w->steps);
    store_names_free(columns, column_count);
    store_names_free(steps, step_count);
}

int results_write_from_store(store *s, const char *run_id, const char *path)
{
    store_writer w = {s, NULL, {run_id, NULL, 0, NULL, 0}, NULL, NULL};
    char **columns = NULL, **steps = NULL;
    size_t column_count = 0, step_count = 0;
    int status = -1;

    if (store_run_columns(s, run_id, &columns, &column_count) < 0 ||
        store_run_steps(s, run_id, &steps, &step_count) < 0)
        goto done;
    w.layout.columns = (const char *const *)columns;
    w.layout.column_count = column_count;
    w.layout.steps = (const char *const *)steps;
    w.layout.step_count = step_count;
    w.steps = calloc(step_count + 1, sizeof *w.steps);
    w.score_texts = calloc(step_count + 1, sizeof *w.score_texts);
    if (!w.steps || !w.score_texts) {
        error_nomem();
        goto done;
    }

    w.out = csv_out_open(path);
    if (!w.out)
        goto done;
    if (results_write_header(w.out, &w.layout) < 0 ||
        store_each_iteration(s, run_id, write_stored_iteration, &w) < 0) {
        csv_out_discard(w.out);
        goto done;
    }
    status = csv_out_close(w.out);

done:
    release_writer(&w, columns, column_count, steps, step_count);
    return status;
}
