/* optimize_resume.c - continuing a run: the recorded batches are replayed
 * through the sampler, which must yield the recorded parameter sets
 * again, and iterations that had not finished run again. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "error.h"
#include "log.h"
#include "optimizer.h"

/* One recorded iteration with what its result row needs. */
typedef struct recorded {
    int64_t number, batch, index;
    char *status;
    int attempts;
    char **names, **values;   /* parameters */
    size_t param_count;
    step_result *steps;       /* per workflow step, latest attempt */
} recorded;

typedef struct record {
    optimizer *o;
    recorded *items;
    size_t count;
    size_t capacity;
    recorded *current;        /* the iteration whose steps are read */
} record;

/* ---- reading the record ---- */

static int take_step(const store_step *st, void *data)
{
    record *rec = data;
    step_result *r;

    if (st->position < 0 || (size_t)st->position >= rec->o->step_count)
        return 0;
    r = &rec->current->steps[st->position];
    r->ran = st->started_at != NULL;
    r->succeeded = strcmp(st->status, "succeeded") == 0;
    r->wall_seconds = st->wall_seconds;
    r->has_score = st->has_score || st->score_text;
    r->score = st->has_score ? st->score : NAN;
    if (st->score_text && !(r->score_text = strdup(st->score_text)))
        return error_nomem();
    return 0;
}

static int copy_params(recorded *r, const store_iteration *it)
{
    r->names = calloc(it->param_count + 1, sizeof *r->names);
    r->values = calloc(it->param_count + 1, sizeof *r->values);
    if (!r->names || !r->values)
        return error_nomem();
    for (size_t i = 0; i < it->param_count; i++) {
        r->names[i] = strdup(it->params[i].name);
        r->values[i] = strdup(it->params[i].value);
        r->param_count++;
        if (!r->names[i] || !r->values[i])
            return error_nomem();
    }
    return 0;
}

static int take_iteration(const store_iteration *it, void *data)
{
    record *rec = data;
    recorded *r;

    if (rec->count == rec->capacity) {
        size_t capacity = rec->capacity ? 2 * rec->capacity : 64;
        recorded *items = realloc(rec->items, capacity * sizeof *items);

        if (!items)
            return error_nomem();
        rec->items = items;
        rec->capacity = capacity;
    }
    r = &rec->items[rec->count++];
    memset(r, 0, sizeof *r);
    r->number = it->iteration;
    r->batch = it->batch;
    r->index = it->index;
    r->attempts = it->attempts;
    r->status = strdup(it->status);
    r->steps = calloc(rec->o->step_count + 1, sizeof *r->steps);
    if (!r->status || !r->steps || copy_params(r, it) < 0)
        return error_nomem();
    rec->current = r;
    return store_each_step(rec->o->store, rec->o->run_id, it->iteration,
                           take_step, rec);
}

static void record_release(record *rec)
{
    for (size_t i = 0; i < rec->count; i++) {
        recorded *r = &rec->items[i];

        for (size_t p = 0; p < r->param_count; p++) {
            free(r->names[p]);
            free(r->values[p]);
        }
        for (size_t s = 0; r->steps && s < rec->o->step_count; s++)
            free(r->steps[s].score_text);
        free(r->names);
        free(r->values);
        free(r->steps);
        free(r->status);
    }
    free(rec->items);
}

/* ---- replaying ---- */

static int is_finished(const recorded *r)
{
    return !strcmp(r->status, "succeeded") || !strcmp(r->status, "failed");
}

/* A run that stopped at a failed iteration (no --continue-on-failure)
 * resumes by running that iteration again: the user has usually fixed
 * what made it fail.  Only the last recorded batch can hold it. */
static void reopen_stopping_failures(optimizer *o, record *rec)
{
    int64_t last_batch;

    if (!o->previous_status || strcmp(o->previous_status, "failed") != 0 ||
        rec->count == 0)
        return;
    last_batch = rec->items[rec->count - 1].batch;
    for (size_t i = rec->count; i-- > 0 && rec->items[i].batch == last_batch;) {
        recorded *r = &rec->items[i];
        char *pending;

        if (strcmp(r->status, "failed") != 0 || !(pending = strdup("pending")))
            continue;
        log_info("iteration %lld failed and stopped the run; running it again",
                 (long long)r->number);
        free(r->status);
        r->status = pending;
    }
}

static int mismatch(optimizer *o, const recorded *r, const char *what)
{
    error_set("%s: the parameter sets no longer match run '%s' at iteration "
              "%lld (batch %lld, index %lld): %s; restore the parameterize "
              "file the run started with, or start a new run with --run-id",
              o->options->params, o->run_id, (long long)r->number,
              (long long)r->batch, (long long)r->index, what);
    o->input_error = 1;
    return -1;
}

/* Checks that the sampler's point equals the recorded one. */
static int compare_point(optimizer *o, const recorded *r,
                         const saber_dict *point)
{
    char what[512];

    for (size_t p = 0; p < r->param_count; p++) {
        const char *now = NULL;

        if (dict_get_text(point, r->names[p], &now) != SABER_OK) {
            snprintf(what, sizeof what, "metaparameter '%s' is gone",
                     r->names[p]);
            return mismatch(o, r, what);
        }
        if (strcmp(now, r->values[p]) != 0) {
            snprintf(what, sizeof what, "metaparameter '%s' is '%s' now and "
                     "was '%s'", r->names[p], now, r->values[p]);
            return mismatch(o, r, what);
        }
    }
    if (dict_count(point) != r->param_count)
        return mismatch(o, r, "the metaparameters have changed");
    return 0;
}

/* Fills a replayed iteration with its recorded outcome. */
static void restore_outcome(optimizer *o, iteration *it, recorded *r)
{
    /* A run again after a crash starts its attempts anew: the crash does
     * not use up the --retry budget. */
    it->attempts = is_finished(r) ? r->attempts : 0;
    if (!is_finished(r))
        return;
    it->finished = 1;
    it->status = !strcmp(r->status, "succeeded") ? "succeeded" : "failed";
    for (size_t s = 0; s < o->step_count; s++) {
        it->steps[s] = r->steps[s];
        r->steps[s].score_text = NULL;
    }
    it->cost = 0;
    for (size_t s = 0; s < o->step_count; s++) {
        if (it->steps[s].ran)
            it->cost += it->steps[s].wall_seconds;
    }
    if (o->objective >= 0) {
        const step_result *objective = &it->steps[o->objective];

        it->has_score = objective->has_score && !isnan(objective->score);
        it->score = objective->score;
        it->score_text = objective->score_text;
    }
    progress_count_recorded(&o->progress, it->number,
                            it->status[0] == 'f', it->has_score, it->score);
}

/* Draws the points of one recorded batch and checks them. */
static int replay_points(optimizer *o, recorded *items, size_t count,
                         iteration *its, saber_dict *point)
{
    sample_event event;

    for (size_t i = 0; i < count; i++) {
        if (sampler_next(&o->sampler, point, &event) < 0)
            return -1;
        if (event != SAMPLE_POINT)
            return mismatch(o, &items[i], "the sampler yields fewer points");
        if (compare_point(o, &items[i], point) < 0 ||
            iteration_init(o, &its[i], items[i].number, items[i].batch,
                           items[i].index, point) < 0)
            return -1;
        restore_outcome(o, &its[i], &items[i]);
    }
    if (sampler_next(&o->sampler, point, &event) < 0)
        return -1;
    if (event == SAMPLE_POINT)
        return mismatch(o, &items[count - 1], "the sampler yields more points "
                        "in this batch than were recorded");
    return 0;
}

/* Runs a recorded batch's unfinished iterations again. */
static int rerun_unfinished(optimizer *o, iteration *its, size_t count)
{
    size_t n = 0;

    for (size_t i = 0; i < count; i++)
        n += !its[i].finished;
    if (n == 0)
        return 0;
    log_info("running %zu iteration%s of batch %lld again, which had not "
             "finished", n, n == 1 ? "" : "s", (long long)its[0].batch);
    if (optimizer_plan(o, its, count) < 0)
        return -1;
    return optimizer_run_iterations(o, its, count);
}

static int replay_batch(optimizer *o, recorded *items, size_t count,
                        saber_dict *point)
{
    iteration *its = calloc(count + 1, sizeof *its);
    int status;

    if (!its)
        return error_nomem();
    status = replay_points(o, items, count, its, point);
    if (status == 0)
        status = rerun_unfinished(o, its, count);
    if (status == 0 && !o->interrupted && !o->failed)
        status = optimizer_update_sampler(o, its, count);
    for (size_t i = 0; i < count; i++)
        iteration_release(o, &its[i]);
    free(its);
    return status;
}

int optimizer_replay(optimizer *o)
{
    record rec = {o, NULL, 0, 0, NULL};
    saber_dict *point = dict_new();
    size_t start = 0;
    int status;

    if (!point)
        return error_nomem();
    status = store_each_iteration(o->store, o->run_id, take_iteration, &rec);
    if (status == 0)
        reopen_stopping_failures(o, &rec);
    if (status == 0 && rec.count)
        log_info("replaying %zu recorded iterations of run '%s'", rec.count,
                 o->run_id);

    while (status == 0 && start < rec.count && !o->interrupted && !o->failed) {
        size_t end = start;

        while (end < rec.count && rec.items[end].batch == rec.items[start].batch)
            end++;
        status = replay_batch(o, rec.items + start, end - start, point);
        o->next_iteration = rec.items[end - 1].number + 1;
        o->next_batch = rec.items[start].batch + 1;
        start = end;
    }
    record_release(&rec);
    dict_free(point);
    return status;
}
