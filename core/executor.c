/* executor.c - workflow runs on a shared pool of processes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cwl_tool.h"
#include "error.h"
#include "executor.h"
#include "fsutil.h"
#include "runner.h"

/* Seconds between SIGTERM and SIGKILL for a step over its ToolTimeLimit. */
#define TIMELIMIT_GRACE_SECONDS 5.0

typedef enum step_state {
    STEP_WAITING,
    STEP_RUNNING,
    STEP_DONE,
    STEP_FAILED,
    STEP_SKIPPED     /* a step it depends on failed, or the run was cancelled */
} step_state;

typedef struct step_run {
    step_state state;
    const char *folder;
    cwl_tool_run tool;
    runner_process *process;
    double deadline;          /* monotonic seconds for ToolTimeLimit, or 0 */
    int timed_out;
} step_run;

typedef struct run {
    unsigned long id;
    void *user_data;
    arena memory;
    const cwl_workflow *workflow;
    const cwl_process *process;
    const char *folder;
    const char *tmpdir;       /* FOLDER/.tmp, shared by the run's steps */
    json_value *inputs;       /* the workflow's bound inputs */
    cwl_override *overrides;
    size_t override_count;
    step_run *steps;
    json_value **outputs;     /* per step, NULL until it has succeeded */
    cwl_requirements job_requirements; /* the job file's cwl:requirements */
    size_t running;
    int cancelled;
    double grace_seconds;
    int has_failed_step;
    size_t failed_step;
    int finished;             /* RUN_FINISHED has been queued */
} run;

struct executor {
    size_t max_processes;
    size_t running;
    run **runs;
    size_t run_count;
    executor_event *queue;
    size_t queue_count;
    size_t queue_capacity;
    size_t queue_head;
    unsigned long next_id;
    int logs_to_stderr;
    run *retired;             /* freed at the next wait */
};

static double monotonic_now(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

executor *executor_new(size_t max_processes)
{
    executor *ex = calloc(1, sizeof *ex);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);

    if (!ex) {
        error_nomem();
        return NULL;
    }
    ex->max_processes = max_processes;
    if (ex->max_processes == 0)
        ex->max_processes = cpus > 0 ? (size_t)cpus : 1;
    ex->next_id = 1;
    return ex;
}

static void run_free(run *r)
{
    if (!r)
        return;
    for (size_t i = 0; r->steps && i < r->process->step_count; i++)
        runner_free(r->steps[i].process);
    arena_release(&r->memory);
    free(r);
}

void executor_free(executor *ex)
{
    if (!ex)
        return;
    for (size_t i = 0; i < ex->run_count; i++)
        run_free(ex->runs[i]);
    run_free(ex->retired);
    free(ex->runs);
    free(ex->queue);
    free(ex);
}

void executor_set_logs_to_stderr(executor *ex, int enabled)
{
    ex->logs_to_stderr = enabled;
}

size_t executor_active_runs(const executor *ex)
{
    return ex->run_count;
}

static const char *copy_text(run *r, const char *text)
{
    return text ? arena_strdup(&r->memory, text) : NULL;
}

static int copy_overrides(run *r, const executor_override *overrides, size_t count)
{
    r->overrides = arena_alloc(&r->memory, (count + 1) * sizeof *r->overrides);
    if (!r->overrides)
        return CWL_ERROR;
    for (size_t i = 0; i < count; i++) {
        cwl_override *o = &r->overrides[i];

        o->step = copy_text(r, overrides[i].step);
        o->input = copy_text(r, overrides[i].input);
        o->text = copy_text(r, overrides[i].text);
        if (!o->step || !o->input || !o->text)
            return CWL_ERROR;
    }
    r->override_count = count;
    return cwl_wiring_check_overrides(&r->memory, r->workflow, r->overrides, count);
}

static int read_job_requirements(run *r, const cwl_job *job)
{
    const ynode *list = job->doc ? ynode_get(ydoc_root(job->doc), "cwl:requirements")
                                 : NULL;

    if (!list)
        return 0;
    return cwl_job_requirements(r->workflow, &r->memory, job->doc, list,
                                &r->job_requirements);
}

/* Returns the requirements of a step for this run: the job file's first. */
static const cwl_requirements *step_requirements(run *r, const cwl_step *step)
{
    cwl_requirements *all;

    if (r->job_requirements.count == 0)
        return &step->requirements;
    all = arena_alloc(&r->memory, sizeof *all);
    if (!all)
        return NULL;
    all->count = r->job_requirements.count + step->requirements.count;
    all->items = arena_alloc(&r->memory, (all->count + 1) * sizeof *all->items);
    if (!all->items)
        return NULL;
    memcpy(all->items, r->job_requirements.items,
           r->job_requirements.count * sizeof *all->items);
    memcpy(all->items + r->job_requirements.count, step->requirements.items,
           step->requirements.count * sizeof *all->items);
    return all;
}

static int add_run(executor *ex, run *r)
{
    run **runs = realloc(ex->runs, (ex->run_count + 1) * sizeof *runs);

    if (!runs)
        return error_nomem();
    runs[ex->run_count++] = r;
    ex->runs = runs;
    return 0;
}

/* Names the run's temporary folder and its step folders.  With the logs on
 * saber-opt's standard error the run folder itself is the temporary
 * folder, one folder fewer to create and remove. */
static int make_step_folders(const executor *ex, run *r)
{
    char *tmpdir = ex->logs_to_stderr ? strdup(r->folder) : fs_join(r->folder, ".tmp");

    r->tmpdir = tmpdir ? arena_strdup(&r->memory, tmpdir) : NULL;
    free(tmpdir);
    if (!r->tmpdir)
        return error_nomem();
    for (size_t i = 0; i < r->process->step_count; i++) {
        char *folder = fs_join(r->folder, r->process->steps[i].name);

        r->steps[i].folder = folder ? arena_strdup(&r->memory, folder) : NULL;
        free(folder);
        if (!r->steps[i].folder)
            return error_nomem();
    }
    return 0;
}

int executor_submit(executor *ex, const cwl_workflow *workflow,
                    const cwl_job *job, const executor_override *overrides,
                    size_t count, const char *folder, void *user_data,
                    unsigned long *run_id)
{
    run *r = calloc(1, sizeof *r);
    cwl_bind_options options = {CWL_LISTING_NONE, 0, NULL, 0, 1};
    char *absolute = fs_absolute(folder);
    int status = CWL_ERROR;

    if (!r || !absolute) {
        error_nomem();
        goto done;
    }
    r->workflow = workflow;
    r->process = cwl_workflow_process(workflow);
    r->user_data = user_data;
    r->folder = arena_strdup(&r->memory, absolute);
    r->steps = arena_alloc(&r->memory, (r->process->step_count + 1) * sizeof *r->steps);
    r->outputs = arena_alloc(&r->memory, (r->process->step_count + 1) * sizeof *r->outputs);
    if (!r->folder || !r->steps || !r->outputs || fs_mkdirs(absolute) < 0)
        goto done;
    options.v1_0 = strcmp(r->process->version, "v1.0") == 0;
    options.namespaces = r->process->namespaces;
    options.check_formats = !r->process->has_schemas;
    if (cwl_bind_inputs(&r->memory, r->process->inputs, r->process->input_count,
                        job->values, &options, "job", &r->inputs) < 0)
        goto done;
    status = read_job_requirements(r, job);
    if (status < 0)
        goto done;
    status = CWL_ERROR;
    if (copy_overrides(r, overrides, count) < 0 || make_step_folders(ex, r) < 0 ||
        add_run(ex, r) < 0)
        goto done;
    r->id = ex->next_id++;
    *run_id = r->id;
    status = 0;

done:
    free(absolute);
    if (status < 0)
        run_free(r);
    return status;
}

static executor_event *push_event(executor *ex, executor_event_kind kind, run *r,
                                  size_t step)
{
    executor_event *event;

    if (ex->queue_head > 0 && ex->queue_head == ex->queue_count)
        ex->queue_head = ex->queue_count = 0;
    if (ex->queue_count == ex->queue_capacity) {
        size_t capacity = ex->queue_capacity ? ex->queue_capacity * 2 : 16;
        executor_event *queue = realloc(ex->queue, capacity * sizeof *queue);

        if (!queue) {
            error_nomem();
            return NULL;
        }
        ex->queue = queue;
        ex->queue_capacity = capacity;
    }
    event = &ex->queue[ex->queue_count++];
    memset(event, 0, sizeof *event);
    event->kind = kind;
    event->run = r->id;
    event->user_data = r->user_data;
    event->step = step;
    if (step < r->process->step_count) {
        event->step_name = r->process->steps[step].name;
        event->folder = r->steps[step].folder;
    }
    return event;
}

static void note_failure(run *r, size_t step)
{
    if (!r->has_failed_step) {
        r->has_failed_step = 1;
        r->failed_step = step;
    }
}

/* Queues STEP_FINISHED for a step that failed before its tool started. */
static int fail_unstarted(executor *ex, run *r, size_t step)
{
    executor_event *event;
    const char *message = copy_text(r, error_message());

    r->steps[step].state = STEP_FAILED;
    note_failure(r, step);
    event = push_event(ex, EXECUTOR_STEP_FINISHED, r, step);
    if (!event)
        return -1;
    event->message = message ? message : "out of memory";
    return 0;
}

/* Returns 1 when every step the step reads from is done, -1 when one of
 * them failed or was skipped, 0 while some still run or wait. */
static int upstream_state(const run *r, size_t step)
{
    const cwl_step *s = &r->process->steps[step];
    int ready = 1;

    for (size_t i = 0; i < s->input_count; i++) {
        for (size_t j = 0; j < s->inputs[i].source_count; j++) {
            long from = cwl_wiring_source_step(r->process, s->inputs[i].sources[j]);
            step_state state = from >= 0 ? r->steps[from].state : STEP_DONE;

            if (state == STEP_FAILED || state == STEP_SKIPPED)
                return -1;
            if (state != STEP_DONE)
                ready = 0;
        }
    }
    return ready;
}

/* Evaluates a step's `when`; returns 1 to run it, 0 to skip it, -1 on
 * error. */
static int step_condition(run *r, const cwl_step *step, const json_value *given)
{
    cwl_expr_context context = {given, NULL, NULL};
    json_value *value;

    if (!step->when)
        return 1;
    if (cwl_template_eval(&r->memory, step->when, &context, &value) < 0)
        return -1;
    if (value->kind != JSON_BOOL) {
        error_set("%s: 'when' gave a %s; it must give true or false",
                  cwl_template_where(step->when), json_kind_name(value));
        return -1;
    }
    return value->boolean;
}

/* Finishes a step whose condition is false: its outputs are null. */
static int skip_step(executor *ex, run *r, size_t index)
{
    const cwl_step *step = &r->process->steps[index];
    json_value *outputs = json_new_object(&r->memory);
    executor_event *event;

    for (size_t i = 0; outputs && i < step->output_count; i++) {
        if (json_set(&r->memory, outputs, step->outputs[i], json_new_null(&r->memory)) < 0)
            outputs = NULL;
    }
    if (!outputs)
        return -1;
    r->steps[index].state = STEP_DONE;
    r->outputs[index] = outputs;
    event = push_event(ex, EXECUTOR_STEP_FINISHED, r, index);
    if (!event)
        return -1;
    event->skipped = 1;
    event->succeeded = 1;
    event->outputs = outputs;
    return 0;
}

static int start_step(executor *ex, run *r, size_t index)
{
    const cwl_step *step = &r->process->steps[index];
    step_run *sr = &r->steps[index];
    const cwl_requirements *requirements;
    json_value *given;
    runner_spec spec;
    int condition;

    if (cwl_wiring_step_inputs(&r->memory, r->process, step, r->inputs, r->outputs,
                               r->overrides, r->override_count, &given) < 0 ||
        (condition = step_condition(r, step, given)) < 0) {
        error_prefix("step '%s'", step->name);
        return fail_unstarted(ex, r, index);
    }
    if (!condition)
        return skip_step(ex, r, index);
    requirements = step_requirements(r, step);
    if (!requirements ||
        cwl_tool_prepare(&r->memory, step->run, requirements, given,
                         sr->folder, &(cwl_tool_options){r->tmpdir, ex->logs_to_stderr},
                         &sr->tool) < 0) {
        error_prefix("step '%s'", step->name);
        return fail_unstarted(ex, r, index);
    }
    spec = cwl_tool_spec(&sr->tool);
    sr->process = runner_start(&spec);
    if (!sr->process) {
        error_prefix("step '%s'", step->name);
        return fail_unstarted(ex, r, index);
    }
    sr->state = STEP_RUNNING;
    sr->deadline = sr->tool.timelimit > 0 ? monotonic_now() + (double)sr->tool.timelimit
                                          : 0;
    r->running++;
    ex->running++;
    return push_event(ex, EXECUTOR_STEP_STARTED, r, index) ? 0 : -1;
}

/* Marks steps that cannot run any more and starts those that can, while
 * the pool has room.  Returns 1 when a step changed state, 0 when none
 * did, -1 on error. */
static int schedule_run(executor *ex, run *r)
{
    int changed = 0;

    for (size_t i = 0; i < r->process->step_count; i++) {
        int upstream;

        if (r->steps[i].state != STEP_WAITING)
            continue;
        upstream = r->cancelled ? -1 : upstream_state(r, i);
        if (upstream < 0) {
            r->steps[i].state = STEP_SKIPPED;
            changed = 1;
            continue;
        }
        if (upstream == 0 || ex->running >= ex->max_processes)
            continue;
        if (start_step(ex, r, i) < 0)
            return -1;
        changed = 1;
    }
    return changed;
}

static void fill_run_outputs(run *r, executor_event *event)
{
    json_value *outputs;

    if (cwl_wiring_outputs(&r->memory, r->process, r->inputs, r->outputs,
                           &outputs) < 0) {
        const char *message = copy_text(r, error_message());

        event->message = message ? message : "out of memory";
        return;
    }
    event->succeeded = 1;
    event->run_outputs = outputs;
}

/* Queues RUN_FINISHED once nothing of the run runs or waits. */
static int check_finished(executor *ex, run *r)
{
    executor_event *event;

    if (r->finished || r->running)
        return 0;
    for (size_t i = 0; i < r->process->step_count; i++) {
        if (r->steps[i].state == STEP_WAITING)
            return 0;
    }
    r->finished = 1;
    event = push_event(ex, EXECUTOR_RUN_FINISHED, r, r->process->step_count);
    if (!event)
        return -1;
    event->cancelled = r->cancelled;
    event->has_failed_step = r->has_failed_step;
    event->failed_step = r->failed_step;
    if (r->has_failed_step) {
        event->step = r->failed_step;
        event->step_name = r->process->steps[r->failed_step].name;
        event->folder = r->steps[r->failed_step].folder;
    }
    if (!r->has_failed_step && !r->cancelled)
        fill_run_outputs(r, event);
    return 0;
}

static int schedule_all(executor *ex)
{
    for (size_t i = 0; i < ex->run_count; i++) {
        int changed;

        do {
            changed = schedule_run(ex, ex->runs[i]);
        } while (changed > 0);
        if (changed < 0 || check_finished(ex, ex->runs[i]) < 0)
            return -1;
    }
    return 0;
}

static void fill_status(executor_event *event, const step_run *sr,
                        const runner_status *status)
{
    event->started = 1;
    event->exited = status->exited;
    event->exit_code = status->exit_code;
    event->signal = status->signal;
    event->wall_seconds = status->wall_seconds;
    event->cpu_seconds = status->cpu_seconds;
    event->start_time = status->started;
    event->end_time = status->finished;
    event->stdout_path = sr->tool.stdout_path;
    event->stderr_path = sr->tool.stderr_path;
    event->cancelled = status->cancelled && !sr->timed_out;
}

static int finish_step(executor *ex, run *r, size_t index)
{
    step_run *sr = &r->steps[index];
    const runner_status *status = runner_status_of(sr->process);
    executor_event *event = push_event(ex, EXECUTOR_STEP_FINISHED, r, index);
    json_value *outputs;

    r->running--;
    ex->running--;
    if (!event)
        return -1;
    fill_status(event, sr, status);
    sr->state = STEP_FAILED;
    if (event->cancelled) {
        event->message = "cancelled";
    } else if (cwl_tool_collect(&r->memory, &sr->tool, status, &outputs) == 0) {
        sr->state = STEP_DONE;
        r->outputs[index] = outputs;
        event->outputs = outputs;
        event->succeeded = 1;
    } else {
        if (sr->timed_out)
            error_set("the tool ran longer than its ToolTimeLimit of %ld s",
                      sr->tool.timelimit);
        event->message = copy_text(r, error_message());
        if (!event->message)
            event->message = "out of memory";
        note_failure(r, index);
    }
    runner_free(sr->process);
    sr->process = NULL;
    return 0;
}

/* Cancels steps past their ToolTimeLimit; returns the seconds until the
 * next limit, or -1 when none is pending. */
static double enforce_timelimits(executor *ex)
{
    double now = monotonic_now();
    double next = -1;

    for (size_t i = 0; i < ex->run_count; i++) {
        run *r = ex->runs[i];

        for (size_t j = 0; j < r->process->step_count; j++) {
            step_run *sr = &r->steps[j];

            if (sr->state != STEP_RUNNING || sr->deadline <= 0 || sr->timed_out)
                continue;
            if (now >= sr->deadline) {
                sr->timed_out = 1;
                runner_cancel(sr->process, TIMELIMIT_GRACE_SECONDS);
            } else if (next < 0 || sr->deadline - now < next) {
                next = sr->deadline - now;
            }
        }
    }
    return next;
}

static int pop_event(executor *ex, executor_event *event)
{
    if (ex->queue_head == ex->queue_count)
        return 0;
    *event = ex->queue[ex->queue_head++];
    if (event->kind != EXECUTOR_RUN_FINISHED)
        return 1;
    for (size_t i = 0; i < ex->run_count; i++) {
        if (ex->runs[i]->id != event->run)
            continue;
        ex->retired = ex->runs[i];
        memmove(ex->runs + i, ex->runs + i + 1, (ex->run_count - i - 1) * sizeof *ex->runs);
        ex->run_count--;
        break;
    }
    return 1;
}

/* Waits for one of the running tools; *finished is set when one ended. */
static int wait_processes(executor *ex, double wait_seconds, int wake_fd,
                          int *finished)
{
    runner_process **processes = calloc(ex->running + 1, sizeof *processes);
    run **owners = calloc(ex->running + 1, sizeof *owners);
    size_t *steps = calloc(ex->running + 1, sizeof *steps);
    size_t count = 0;
    size_t index;
    int result = -1;

    *finished = 0;
    if (!processes || !owners || !steps) {
        error_nomem();
        goto done;
    }
    for (size_t i = 0; i < ex->run_count; i++) {
        for (size_t j = 0; j < ex->runs[i]->process->step_count && count < ex->running; j++) {
            if (ex->runs[i]->steps[j].state != STEP_RUNNING)
                continue;
            processes[count] = ex->runs[i]->steps[j].process;
            owners[count] = ex->runs[i];
            steps[count++] = j;
        }
    }
    result = runner_wait_any(processes, count, wait_seconds, wake_fd, &index);
    if (result == RUNNER_FINISHED) {
        *finished = 1;
        if (finish_step(ex, owners[index], steps[index]) < 0)
            result = -1;
    }

done:
    free(processes);
    free(owners);
    free(steps);
    return result;
}

int executor_wait(executor *ex, double timeout_seconds, int wake_fd,
                  executor_event *event)
{
    double deadline = timeout_seconds < 0 ? -1 : monotonic_now() + timeout_seconds;

    run_free(ex->retired);
    ex->retired = NULL;
    for (;;) {
        double wait_seconds;
        double limit;
        int finished;
        int result;

        if (pop_event(ex, event))
            return 0;
        if (schedule_all(ex) < 0)
            return -1;
        if (ex->queue_head < ex->queue_count)
            continue;
        memset(event, 0, sizeof *event);
        if (ex->running == 0) {
            event->kind = EXECUTOR_IDLE;
            return 0;
        }

        limit = enforce_timelimits(ex);
        wait_seconds = deadline < 0 ? -1 : deadline - monotonic_now();
        if (deadline >= 0 && wait_seconds <= 0) {
            event->kind = EXECUTOR_TIMEOUT;
            return 0;
        }
        if (limit >= 0 && (wait_seconds < 0 || limit < wait_seconds))
            wait_seconds = limit;
        result = wait_processes(ex, wait_seconds, wake_fd, &finished);
        if (result < 0)
            return -1;
        if (result == RUNNER_WOKEN) {
            event->kind = EXECUTOR_WOKEN;
            return 0;
        }
    }
}

int executor_cancel(executor *ex, unsigned long run_id, double grace_seconds)
{
    int found = 0;

    for (size_t i = 0; i < ex->run_count; i++) {
        run *r = ex->runs[i];

        if (run_id != 0 && r->id != run_id)
            continue;
        found = 1;
        r->cancelled = 1;
        for (size_t j = 0; j < r->process->step_count; j++) {
            if (r->steps[j].state == STEP_RUNNING)
                runner_cancel(r->steps[j].process, grace_seconds);
        }
    }
    if (!found && run_id != 0) {
        error_set("no run %lu to cancel", run_id);
        return -1;
    }
    return 0;
}
