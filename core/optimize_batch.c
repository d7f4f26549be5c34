/* optimize_batch.c - running iterations through the executor: scores,
 * steps recorded as they finish, retry, continue and stop. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "error.h"
#include "fsutil.h"
#include "interrupt.h"
#include "log.h"
#include "optimizer.h"

/* Seconds a cancelled step gets between SIGTERM and SIGKILL. */
#define CANCEL_GRACE_SECONDS 5.0

static const char *type_name(saber_value_type type)
{
    static const char *const names[] = {"missing", "null", "bool", "int",
                                        "real", "text"};

    return type <= SABER_VALUE_TEXT ? names[type] : "text";
}

/* ---- preparing an iteration ---- */

static int make_texts(optimizer *o, iteration *it)
{
    space *s = &o->params.space;

    it->texts = calloc(s->target_count + 1, sizeof *it->texts);
    it->overrides = calloc(s->target_count + 1, sizeof *it->overrides);
    if (!it->texts || !it->overrides)
        return error_nomem();
    for (size_t t = 0; t < s->target_count; t++) {
        char scratch[PYFLOAT_REPR_SIZE];
        const char *text = space_target_text(s, it->point, t, scratch);

        if (!text)
            return -1;
        if (!(it->texts[t] = strdup(text)))
            return error_nomem();
        it->overrides[t].step = s->targets[t].step;
        it->overrides[t].input = s->targets[t].input;
        it->overrides[t].text = it->texts[t];
    }
    return 0;
}

static int make_inputs(optimizer *o, iteration *it)
{
    it->inputs = calloc(o->column_count + 1, sizeof *it->inputs);
    if (!it->inputs)
        return error_nomem();
    for (size_t c = 0; c < o->column_count; c++) {
        long target = o->column_sources[c].target;
        const char *text = target >= 0 ? it->texts[target] : o->column_job_texts[c];

        if (!(it->inputs[c] = strdup(text ? text : "")))
            return error_nomem();
    }
    return 0;
}

static int make_params(optimizer *o, iteration *it)
{
    size_t count = o->params.space.dim_count;

    it->params = calloc(count + 1, sizeof *it->params);
    if (!it->params)
        return error_nomem();
    for (size_t d = 0; d < count; d++) {
        const char *name = o->params.space.dims[d].name;

        it->params[d].name = name;
        it->params[d].type = type_name(dict_type(it->point, name));
        dict_get_text(it->point, name, &it->params[d].value);
    }
    return 0;
}

int iteration_init(optimizer *o, iteration *it, int64_t number, int64_t batch,
                   int64_t index, const saber_dict *point)
{
    memset(it, 0, sizeof *it);
    it->number = number;
    it->batch = batch;
    it->index = index;
    it->status = "pending";
    it->point = dict_new();
    it->steps = calloc(o->step_count + 1, sizeof *it->steps);
    if (!it->point || !it->steps || dict_copy(it->point, point) != SABER_OK)
        return error_nomem();
    if (make_texts(o, it) < 0 || make_inputs(o, it) < 0)
        return -1;
    return make_params(o, it);
}

static void clear_steps(optimizer *o, iteration *it)
{
    for (size_t s = 0; s < o->step_count; s++)
        free(it->steps[s].score_text);
    memset(it->steps, 0, o->step_count * sizeof *it->steps);
}

void iteration_release(optimizer *o, iteration *it)
{
    if (it->steps)
        clear_steps(o, it);
    for (size_t t = 0; it->texts && t < o->params.space.target_count; t++)
        free(it->texts[t]);
    for (size_t c = 0; it->inputs && c < o->column_count; c++)
        free(it->inputs[c]);
    free(it->texts);
    free(it->overrides);
    free(it->inputs);
    free(it->params);
    free(it->steps);
    dict_free(it->point);
    memset(it, 0, sizeof *it);
}

/* ---- the store's view of an iteration ---- */

static store_iteration stored(const iteration *it)
{
    store_iteration s = {0};

    s.iteration = it->number;
    s.batch = it->batch;
    s.index = it->index;
    s.status = it->status;
    s.attempts = it->attempts;
    s.has_score = it->has_score;
    s.score = it->score;
    s.score_text = it->score_text;
    s.has_cost = it->attempts > 0;
    s.cost = it->cost;
    s.started_at = it->started_at[0] ? it->started_at : NULL;
    s.finished_at = it->finished_at[0] ? it->finished_at : NULL;
    return s;
}

static int save_iteration(optimizer *o, const iteration *it)
{
    store_iteration s = stored(it);

    return store_iteration_update(o->store, o->run_id, &s);
}

/* ---- starting and finishing ---- */

static char *attempt_folder(optimizer *o, const iteration *it)
{
    char *folder = NULL;

    if (it->attempts == 1 &&
        asprintf(&folder, "%s/%lld", o->run_folder, (long long)it->number) < 0)
        return NULL;
    if (it->attempts > 1 &&
        asprintf(&folder, "%s/%lld.attempt-%d", o->run_folder,
                 (long long)it->number, it->attempts) < 0)
        return NULL;
    return folder;
}

static int submit(optimizer *o, iteration *it)
{
    unsigned long run;
    char *folder;
    int status;

    it->attempts++;
    folder = attempt_folder(o, it);
    if (!folder)
        return error_nomem();
    /* A folder left by an earlier, interrupted process would mix old
     * files into this attempt's outputs. */
    fs_remove_tree(folder);
    clear_steps(o, it);
    status = executor_submit(o->executor, o->workflow, o->job, it->overrides,
                             o->params.space.target_count, folder, it, &run);
    free(folder);
    if (status < 0)
        return -1;

    it->status = "running";
    store_timestamp(it->started_at);
    it->finished_at[0] = '\0';
    log_debug("iteration %lld: attempt %d started", (long long)it->number,
              it->attempts);
    return save_iteration(o, it);
}

static void summarize(optimizer *o, iteration *it)
{
    it->cost = 0;
    for (size_t s = 0; s < o->step_count; s++) {
        if (it->steps[s].ran)
            it->cost += it->steps[s].wall_seconds;
    }
    it->has_score = 0;
    it->score_text = NULL;
    if (o->objective >= 0) {
        const step_result *r = &it->steps[o->objective];

        it->has_score = r->has_score && !isnan(r->score);
        it->score = r->score;
        it->score_text = r->score_text;
    }
}

static int finish(optimizer *o, iteration *it, const char *status)
{
    it->status = status;
    it->finished = 1;
    summarize(o, it);
    store_timestamp(it->finished_at);
    if (strcmp(status, "interrupted") != 0)
        progress_iteration(&o->progress, it->number, status, it->has_score,
                           it->score, it->cost);
    else
        log_debug("iteration %lld interrupted; --resume runs it again",
                  (long long)it->number);
    return save_iteration(o, it);
}

/* ---- step events ---- */

static void read_score(optimizer *o, const executor_event *ev, step_result *r,
                       int64_t *line)
{
    const step_scoring *scoring = &o->scoring[ev->step];
    const char *paths[2] = {ev->stdout_path, ev->stderr_path};
    size_t count = strcmp(ev->stdout_path, ev->stderr_path) == 0 ? 1 : 2;
    score_result result;

    *line = 0;
    if (!scoring->format || !ev->succeeded)
        return;
    if (score_scan_files(scoring->format, scoring->strategy, paths, count,
                         &result) < 0) {
        log_warning("step '%s': cannot read its log for the score: %s",
                    ev->step_name, error_message());
        return;
    }
    if (result.found && isnan(result.value))
        log_info("step '%s': its score is NaN (line %llu: '%s'), so it is "
                 "recorded as missing", ev->step_name,
                 (unsigned long long)result.line, result.text);
    if (result.found) {
        r->has_score = 1;
        r->score = result.value;
        r->score_text = result.text;
        result.text = NULL;
        *line = (int64_t)result.line;
    } else {
        log_info("step '%s': no line of %s matches score_format '%s'",
                 ev->step_name, ev->stdout_path,
                 score_format_text(scoring->format));
    }
    score_result_release(&result);
}

static int record_step(optimizer *o, const iteration *it,
                       const executor_event *ev, const step_result *r,
                       int64_t line)
{
    char started[32], finished[32];
    store_step st = {0};

    store_format_time(&ev->start_time, started);
    store_format_time(&ev->end_time, finished);
    st.iteration = it->number;
    st.attempt = it->attempts;
    st.step = ev->step_name;
    st.position = (int)ev->step;
    st.status = "failed";
    if (ev->cancelled)
        st.status = "cancelled";
    else if (ev->succeeded)
        st.status = "succeeded";
    st.exit_status = ev->exited ? ev->exit_code : -1;
    st.signal = ev->signal;
    st.wall_seconds = ev->wall_seconds;
    st.cpu_seconds = ev->cpu_seconds;
    st.has_score = r->has_score;
    st.score = r->score;
    st.score_text = r->score_text;
    st.score_line = line;
    st.stdout_log = ev->stdout_path;
    st.stderr_log = ev->stderr_path;
    st.workdir = ev->folder;
    st.started_at = ev->started ? started : NULL;
    st.finished_at = ev->started ? finished : NULL;
    return store_step_add(o->store, o->run_id, &st);
}

static int on_step_finished(optimizer *o, const executor_event *ev)
{
    iteration *it = ev->user_data;
    step_result *r = &it->steps[ev->step];
    int64_t line;

    r->ran = ev->started;
    r->succeeded = ev->succeeded;
    r->wall_seconds = ev->wall_seconds;
    read_score(o, ev, r, &line);
    if (!ev->succeeded && !ev->cancelled)
        log_warning("iteration %lld: step '%s' failed: %s; its log is %s",
                    (long long)it->number, ev->step_name,
                    ev->message ? ev->message : "no message", ev->stderr_path);
    return record_step(o, it, ev, r, line);
}

/* ---- run events ---- */

static void stop_everything(optimizer *o, double grace)
{
    executor_cancel(o->executor, 0, grace);
}

static int on_run_failed(optimizer *o, iteration *it)
{
    const optimize_options *options = o->options;

    if (options->retry && it->attempts < 2 && !o->interrupted && !o->failed) {
        log_warning("iteration %lld failed; retrying it once (--retry)",
                    (long long)it->number);
        return submit(o, it);
    }
    if (finish(o, it, "failed") < 0)
        return -1;
    if (options->continue_on_failure || o->failed)
        return 0;

    log_error("iteration %lld failed; stopping the run (use "
              "--continue_on_failure to go on%s)", (long long)it->number,
              options->retry ? ""
                             : ", --retry to run a failed iteration once more");
    o->failed = 1;
    stop_everything(o, CANCEL_GRACE_SECONDS);
    return 0;
}

static int on_run_finished(optimizer *o, const executor_event *ev)
{
    iteration *it = ev->user_data;

    if (ev->succeeded)
        return finish(o, it, "succeeded");
    if (ev->cancelled)
        return finish(o, it, "interrupted");
    return on_run_failed(o, it);
}

static void on_interrupt(optimizer *o)
{
    int second = o->interrupted;

    interrupt_drain();
    o->interrupted = 1;
    if (second) {
        log_warning("killing the running steps now");
        stop_everything(o, 0);
        return;
    }
    log_warning("interrupted: stopping the running steps and saving the "
                "state (interrupt again to kill them at once)");
    stop_everything(o, CANCEL_GRACE_SECONDS);
}

static int handle_event(optimizer *o, const executor_event *ev, int *idle)
{
    switch (ev->kind) {
    case EXECUTOR_STEP_STARTED:
        log_debug("iteration %lld: step '%s' started",
                  (long long)((iteration *)ev->user_data)->number,
                  ev->step_name);
        return 0;
    case EXECUTOR_STEP_FINISHED:
        return on_step_finished(o, ev);
    case EXECUTOR_RUN_FINISHED:
        return on_run_finished(o, ev);
    case EXECUTOR_WOKEN:
        on_interrupt(o);
        return 0;
    case EXECUTOR_IDLE:
        *idle = 1;
        return 0;
    default:
        return 0;
    }
}

int optimizer_run_iterations(optimizer *o, iteration *its, size_t count)
{
    int idle = 0;

    for (size_t i = 0; i < count; i++) {
        if (its[i].finished)
            continue;
        if (o->interrupted || o->failed)
            break;
        if (submit(o, &its[i]) < 0)
            return -1;
    }
    while (!idle) {
        executor_event ev;

        if (executor_wait(o->executor, -1, interrupt_fd(), &ev) < 0 ||
            handle_event(o, &ev, &idle) < 0) {
            stop_everything(o, 0);
            return -1;
        }
    }
    return 0;
}

/* ---- result rows ---- */

static int set_optional_real(saber_dict *row, const char *key, int has,
                             double value)
{
    return has ? dict_set_real(row, key, value) : dict_set_null(row, key);
}

int iteration_row(optimizer *o, const iteration *it, saber_dict *row)
{
    strbuf key = STRBUF_INIT;
    int status = dict_copy(row, it->point);

    if (status == SABER_OK)
        status = set_optional_real(row, "score", it->has_score, it->score);
    if (status == SABER_OK)
        status = dict_set_real(row, "cost", it->cost);
    if (status == SABER_OK)
        status = dict_set_text(row, "status", it->status);

    for (size_t s = 0; s < o->step_count && status == SABER_OK; s++) {
        const step_result *r = &it->steps[s];

        strbuf_reset(&key);
        strbuf_printf(&key, "score.%s", o->step_names[s]);
        status = set_optional_real(row, strbuf_str(&key),
                                   r->has_score && !isnan(r->score), r->score);
        strbuf_reset(&key);
        strbuf_printf(&key, "cost.%s", o->step_names[s]);
        if (status == SABER_OK)
            status = set_optional_real(row, strbuf_str(&key), r->ran,
                                       r->wall_seconds);
    }
    strbuf_release(&key);
    return status == SABER_OK ? 0 : error_nomem();
}
