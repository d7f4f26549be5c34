/* optimize.c - the optimize loop: open or resume a run, then batch after
 * batch until the sampler is done, an iteration fails or an interrupt
 * arrives. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "dict.h"
#include "error.h"
#include "fsutil.h"
#include "interrupt.h"
#include "log.h"
#include "optimizer.h"
#include "sha256.h"

/* ---- the run record ---- */

static int options_json(const params *p, strbuf *out)
{
    strbuf_putc(out, '{');
    for (size_t i = 0; i < dict_count(p->options); i++) {
        const char *key = dict_key_at(p->options, i);
        const char *text = dict_text_at(p->options, i);
        saber_value_type type = dict_type_at(p->options, i);

        strbuf_puts(out, i ? ", " : "");
        strbuf_put_json_string(out, key);
        strbuf_puts(out, ": ");
        if (type == SABER_VALUE_INT || type == SABER_VALUE_REAL)
            strbuf_puts(out, text);
        else if (type == SABER_VALUE_BOOL)
            strbuf_puts(out, type == SABER_VALUE_BOOL && text[0] == 'T' ? "true" : "false");
        else if (type == SABER_VALUE_NULL)
            strbuf_puts(out, "null");
        else
            strbuf_put_json_string(out, text);
    }
    return strbuf_putc(out, '}');
}

typedef struct digests {
    char workflow[65], job[65], params[65];
} digests;

static int hash_inputs(const optimize_options *options, digests *d)
{
    if (sha256_file_hex(options->workflow, d->workflow) < 0 ||
        sha256_file_hex(options->job, d->job) < 0 ||
        sha256_file_hex(options->params, d->params) < 0)
        return -1;
    return 0;
}

static int create_run(optimizer *o, const digests *d)
{
    strbuf options = STRBUF_INIT;
    store_run run = {0};
    int status;

    options_json(&o->params, &options);
    run.id = o->run_id;
    run.workflow = (char *)o->options->workflow;
    run.workflow_sha256 = (char *)d->workflow;
    run.job = (char *)o->options->job;
    run.job_sha256 = (char *)d->job;
    run.params = (char *)o->options->params;
    run.params_sha256 = (char *)d->params;
    run.method = (char *)o->params.method;
    run.options = (char *)strbuf_str(&options);
    run.goal = o->params.goal == SABER_GOAL_MAXIMIZE ? "maximize" : "minimize";
    run.seed = o->seed;
    status = store_run_create(o->store, &run,
                              (const char *const *)o->columns, o->column_count,
                              o->step_names, o->step_count);
    strbuf_release(&options);
    return status;
}

/* Checks a recorded run against the files given now. */
static int check_resumed_run(optimizer *o, const store_run *run,
                             const digests *d)
{
    if (strcmp(run->method, o->params.method) != 0) {
        error_set("%s: run '%s' used sampler method '%s', and the file now "
                  "names '%s'; restore the file or start a new run with "
                  "--run-id", o->options->params, o->run_id, run->method,
                  o->params.method);
        return -1;
    }
    if (strcmp(run->workflow_sha256, d->workflow) != 0)
        log_warning("%s has changed since run '%s' started; its earlier "
                    "results may not compare with new ones",
                    o->options->workflow, o->run_id);
    if (strcmp(run->job_sha256, d->job) != 0)
        log_warning("%s has changed since run '%s' started; its earlier "
                    "results may not compare with new ones", o->options->job,
                    o->run_id);
    if (strcmp(run->params_sha256, d->params) != 0)
        log_info("%s has changed since run '%s' started; checking that it "
                 "still gives the recorded parameter sets",
                 o->options->params, o->run_id);
    if (o->params.has_seed && o->params.seed != run->seed)
        log_warning("%s sets seed %" PRIu64 ", but run '%s' was seeded with "
                    "%" PRIu64 "; resuming with the recorded seed",
                    o->options->params, o->params.seed, o->run_id, run->seed);
    o->seed = run->seed;
    return 0;
}

/* Finds the run: a new one needs a free id, a resumed one must exist. */
static int find_run(optimizer *o, const digests *d, int *exists)
{
    store_run run;
    int status;

    if (store_run_find(o->store, o->run_id, exists, &run) < 0)
        return -1;
    if (*exists && !o->options->resume) {
        error_set("%s: run '%s' already exists (started %s, %s); continue it "
                  "with --resume, or start a new run with --run-id NAME",
                  o->options->db, o->run_id, run.started_at, run.status);
        store_run_free(&run);
        return -1;
    }
    if (!*exists) {
        if (o->options->resume)
            log_info("%s: no run '%s' to resume; starting it",
                     o->options->db, o->run_id);
        o->seed = sampler_seed(&o->params);
        return 0;
    }
    status = check_resumed_run(o, &run, d);
    o->previous_status = strdup(run.status);
    store_run_free(&run);
    if (status == 0 && !o->previous_status)
        return error_nomem();
    return status;
}

/* Returns the number of iterations expected, 0 when unknown: a grid's
 * size, capped by max_iterations when the sampler takes that option. */
static uint64_t expected_total(const optimizer *o)
{
    uint64_t grid = 0;
    int64_t limit = 0;
    int has_grid = space_grid_size(&o->params.space, &grid) == SABER_OK;
    int has_limit = dict_get_int(o->params.options, "max_iterations", &limit) ==
                    SABER_OK && limit > 0;
    int exhaustive = !strcmp(o->params.method, "grid") ||
                     !strcmp(o->params.method, "batch-grid") ||
                     !strcmp(o->params.method, "random");

    /* NOTE: the total is a guess from common options; a plugin that stops
     * earlier or later only makes the estimate of the time left wrong. */
    if (has_limit && has_grid && exhaustive && (uint64_t)limit > grid)
        return grid;
    if (has_limit)
        return (uint64_t)limit;
    return has_grid && exhaustive ? grid : 0;
}

/* Locks the run's folder for as long as this process lives, so that a
 * second optimize of the same run, such as a --resume typed while the
 * first still runs, cannot remove and rerun the folders of its steps.
 * NOTE: a second process given another --workdir locks another folder,
 * and nothing stops it from recording into the same run. */
static int lock_run(optimizer *o)
{
    int status;

    if (fs_mkdirs(o->run_folder) < 0)
        return -1;
    status = fs_lock_folder(o->run_folder, &o->lock_fd);
    if (status == 1) {
        error_set("run '%s' is in use by another saber-opt process, which "
                  "holds the lock on %s; wait for that process to end, or "
                  "stop it and continue the run with --resume", o->run_id,
                  o->run_folder);
        return -1;
    }
    return status;
}

static int open_run(optimizer *o)
{
    digests d;
    int exists = 0;

    o->run_id = o->options->run_id ? strdup(o->options->run_id)
                                   : optimizer_default_run_id(o->options);
    if (!o->run_id || asprintf(&o->run_folder, "%s/%s", o->options->workdir,
                               o->run_id) < 0)
        return error_nomem();
    if (plugin_dirs_init(&o->dirs, o->options->plugin_dirs,
                         o->options->plugin_dir_count) < 0 ||
        sampler_load(&o->sampler, &o->dirs, &o->params) < 0)
        return -1;
    o->sampler_open = 1;
    if (hash_inputs(o->options, &d) < 0 || store_open(o->options->db, &o->store) < 0)
        return -1;
    /* Checked once the database exists, so that --output naming it fails
     * here, before the run is recorded, rather than when the CSV is due. */
    if (csv_out_check_target(o->options->output) < 0 || lock_run(o) < 0)
        return -1;
    if (find_run(o, &d, &exists) < 0)
        return -1;
    if (sampler_start(&o->sampler, &o->params, o->seed) < 0) {
        o->sampler_open = 0;
        return -1;
    }

    if (!exists && create_run(o, &d) < 0)
        return -1;
    if (exists && store_run_set_status(o->store, o->run_id, "running") < 0)
        return -1;
    o->executor = executor_new(o->options->jobs);
    if (!o->executor)
        return error_nomem();
    log_info("run '%s': %s sampler, seed %" PRIu64 ", database %s, steps in %s",
             o->run_id, o->params.method, o->seed, o->options->db,
             o->run_folder);
    return 0;
}

/* ---- the CSV ---- */

static int start_csv(optimizer *o)
{
    o->layout.run_id = o->run_id;
    o->layout.columns = (const char *const *)o->columns;
    o->layout.column_count = o->column_count;
    o->layout.steps = o->step_names;
    o->layout.step_count = o->step_count;

    if (results_write_from_store(o->store, o->run_id, o->options->output) < 0)
        return -1;
    o->csv = csv_out_append(o->options->output);
    return o->csv ? 0 : -1;
}

static void iteration_results(const optimizer *o, const iteration *it,
                              results_step *steps)
{
    for (size_t s = 0; s < o->step_count; s++) {
        steps[s].ran = it->steps[s].ran;
        steps[s].wall_seconds = it->steps[s].wall_seconds;
        steps[s].has_score = it->steps[s].has_score && it->steps[s].score ==
                             it->steps[s].score;
        steps[s].score = it->steps[s].score;
        steps[s].score_text = it->steps[s].score_text;
    }
}

int optimizer_append_csv(optimizer *o, const iteration *its, size_t count)
{
    results_step *steps = calloc(o->step_count + 1, sizeof *steps);
    int status = 0;

    if (!steps)
        return error_nomem();
    for (size_t i = 0; i < count && status == 0; i++) {
        store_iteration s = {0};

        s.iteration = its[i].number;
        s.batch = its[i].batch;
        s.status = its[i].status;
        s.inputs = (const char *const *)its[i].inputs;
        s.input_count = o->column_count;
        iteration_results(o, &its[i], steps);
        status = results_write_iteration(o->csv, &o->layout, &s, steps);
    }
    free(steps);
    return status == 0 ? csv_out_flush(o->csv) : -1;
}

/* ---- batches ---- */

int optimizer_update_sampler(optimizer *o, const iteration *its, size_t count)
{
    saber_dict **rows = calloc(count + 1, sizeof *rows);
    int status = 0;

    if (!rows)
        return error_nomem();
    for (size_t i = 0; i < count && status == 0; i++) {
        rows[i] = dict_new();
        status = rows[i] ? iteration_row(o, &its[i], rows[i]) : error_nomem();
    }
    if (status == 0)
        status = sampler_update(&o->sampler, (const saber_dict *const *)rows,
                                count);
    for (size_t i = 0; i < count; i++)
        dict_free(rows[i]);
    free(rows);
    return status;
}

int optimizer_plan(optimizer *o, const iteration *its, size_t count)
{
    store_iteration *planned = calloc(count + 1, sizeof *planned);
    size_t n = 0;
    int status;

    if (!planned)
        return error_nomem();
    for (size_t i = 0; i < count; i++) {
        if (its[i].finished)
            continue;
        planned[n].iteration = its[i].number;
        planned[n].batch = its[i].batch;
        planned[n].index = its[i].index;
        planned[n].params = its[i].params;
        planned[n].param_count = o->params.space.dim_count;
        planned[n].inputs = (const char *const *)its[i].inputs;
        planned[n].input_count = o->column_count;
        n++;
    }
    status = n ? store_batch_begin(o->store, o->run_id, planned, n) : 0;
    free(planned);
    return status;
}

typedef struct batch {
    iteration *items;
    size_t count;
    size_t capacity;
} batch;

static void batch_clear(optimizer *o, batch *b)
{
    for (size_t i = 0; i < b->count; i++)
        iteration_release(o, &b->items[i]);
    b->count = 0;
}

static int batch_add(optimizer *o, batch *b, const saber_dict *point)
{
    if (b->count == b->capacity) {
        size_t capacity = b->capacity ? 2 * b->capacity : 8;
        iteration *items = realloc(b->items, capacity * sizeof *items);

        if (!items)
            return error_nomem();
        b->items = items;
        b->capacity = capacity;
    }
    b->count++;
    return iteration_init(o, &b->items[b->count - 1], o->next_iteration++,
                          o->next_batch, (int64_t)b->count - 1, point);
}

/* Draws the next batch; *done is set when the sampler has no more. */
static int draw_batch(optimizer *o, batch *b, saber_dict *point, int *done)
{
    for (;;) {
        sample_event event;

        if (sampler_next(&o->sampler, point, &event) < 0)
            return -1;
        if (event == SAMPLE_POINT) {
            if (batch_add(o, b, point) < 0)
                return -1;
            continue;
        }
        *done = event == SAMPLE_DONE;
        return 0;
    }
}

static int run_batch(optimizer *o, batch *b)
{
    if (optimizer_plan(o, b->items, b->count) < 0 ||
        optimizer_run_iterations(o, b->items, b->count) < 0)
        return -1;
    if (o->interrupted || o->failed)
        return 0;
    if (optimizer_append_csv(o, b->items, b->count) < 0 ||
        optimizer_update_sampler(o, b->items, b->count) < 0)
        return -1;
    o->next_batch++;
    return 0;
}

static int run_batches(optimizer *o)
{
    saber_dict *point = dict_new();
    batch b = {NULL, 0, 0};
    int done = 0;
    int status = 0;

    if (!point)
        return error_nomem();
    while (status == 0 && !done && !o->interrupted && !o->failed) {
        status = draw_batch(o, &b, point, &done);
        if (status == 0 && b.count > 0)
            status = run_batch(o, &b);
        batch_clear(o, &b);
    }
    free(b.items);
    dict_free(point);
    return status;
}

/* ---- the end ---- */

typedef struct best_finder {
    int64_t iteration;
    int found;
} best_finder;

static int print_best_params(const store_iteration *it, void *data)
{
    best_finder *f = data;

    if (it->iteration != f->iteration)
        return 0;
    for (size_t i = 0; i < it->param_count; i++)
        printf("  %s: %s\n", it->params[i].name, it->params[i].value);
    f->found = 1;
    return 0;
}

static void print_summary(optimizer *o)
{
    const progress *p = &o->progress;
    char best[PYFLOAT_REPR_SIZE];
    best_finder finder = {p->best_iteration, 0};

    printf("%llu iterations, %llu failed\n", (unsigned long long)p->done,
           (unsigned long long)p->failed);
    if (p->has_best) {
        pyfloat_repr(p->best, best);
        printf("best score %s (%s) at iteration %lld:\n", best,
               o->params.goal == SABER_GOAL_MAXIMIZE ? "maximize" : "minimize",
               (long long)p->best_iteration);
        store_each_iteration(o->store, o->run_id, print_best_params, &finder);
    } else {
        printf("no score was read\n");
    }
    printf("results: %s (run '%s' in %s)\n", o->options->output, o->run_id,
           o->options->db);
    fflush(stdout);
}

/* Records how the run ended and writes the CSV whole from the store. */
static int conclude(optimizer *o, int status)
{
    const char *state = o->interrupted ? "interrupted"
                        : o->failed     ? "failed"
                                        : "completed";
    int code = o->interrupted ? EXIT_INTERRUPTED
               : o->failed    ? EXIT_FAILURE_RUN
                              : EXIT_OK;

    progress_finish(&o->progress);
    if (status < 0 && o->input_error) {
        log_report_error();
        store_run_set_status(o->store, o->run_id, o->previous_status);
        return EXIT_USAGE;
    }
    if (status < 0) {
        log_report_error();
        state = "failed";
        code = EXIT_FAILURE_RUN;
    }
    if (o->csv) {
        if (csv_out_close(o->csv) < 0)
            log_report_error();
        o->csv = NULL;
    }
    if (store_run_set_status(o->store, o->run_id, state) < 0 ||
        results_write_from_store(o->store, o->run_id, o->options->output) < 0) {
        log_report_error();
        code = EXIT_FAILURE_RUN;
    }
    if (o->interrupted)
        log_warning("run '%s' interrupted; continue it with --resume",
                    o->run_id);
    print_summary(o);
    return code;
}

static void release(optimizer *o)
{
    if (o->csv)
        csv_out_discard(o->csv);
    executor_free(o->executor);
    if (o->sampler_open)
        sampler_close(&o->sampler);
    plugin_dirs_release(&o->dirs);
    store_close(o->store);
    if (o->lock_fd >= 0)
        close(o->lock_fd);
    free(o->run_id);
    free(o->run_folder);
    free(o->previous_status);
    optimizer_release_inputs(o);
}

int optimize_run(const optimize_options *options)
{
    optimizer o = {0};
    int status;
    int code;

    o.options = options;
    o.objective = -1;
    o.lock_fd = -1;
    if (optimizer_load(&o) < 0 || open_run(&o) < 0 || interrupt_install() < 0) {
        log_report_error();
        release(&o);
        return EXIT_USAGE;
    }
    o.total = expected_total(&o);
    progress_init(&o.progress, o.params.goal, o.total);

    status = options->resume ? optimizer_replay(&o) : 0;
    if (status == 0 && !o.interrupted && !o.failed)
        status = start_csv(&o);
    if (status == 0)
        status = run_batches(&o);
    code = conclude(&o, status);
    interrupt_restore();
    release(&o);
    return code;
}
