/* test-executor.c - the executor API the optimize loop drives: overrides,
 * several runs on one pool, failures, cancellation, events. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cwl.h"
#include "cwl_bind.h"
#include "error.h"
#include "executor.h"
#include "helpers.h"

static const char args_tool[] =
    "cwlVersion: v1.2\nclass: CommandLineTool\n"
    "baseCommand: [printf, '[%s]\\n']\n"
    "inputs:\n"
    "  text: {type: string, default: from-default, inputBinding: {position: 1}}\n"
    "  ratio: {type: float, default: 0.5, inputBinding: {position: 2}}\n"
    "  count: {type: 'int?', inputBinding: {position: 3, prefix: -n}}\n"
    "  flag: {type: boolean, default: false, inputBinding: {position: 4, prefix: -f}}\n"
    "stdout: args.txt\n"
    "outputs: {args: stdout}\n";

static const char args_workflow[] =
    "cwlVersion: v1.2\nclass: Workflow\n"
    "inputs: {text: string}\n"
    "outputs: {args: {type: File, outputSource: show/args}}\n"
    "steps:\n"
    "  show: {run: args.cwl, in: {text: text, ratio: {default: 0.25}}, out: [args]}\n";

/* A test's folder with its documents and an executor. */
typedef struct fixture {
    char *dir;
    cwl_workflow *workflow;
    cwl_job *job;
    executor *ex;
} fixture;

static void fixture_init(fixture *f, const char *const *names,
                         const char *const *texts, size_t count, const char *job,
                         size_t processes)
{
    char *path;

    memset(f, 0, sizeof *f);
    f->dir = th_tmpdir();
    for (size_t i = 0; i < count; i++)
        free(th_write_file(f->dir, names[i], texts[i]));
    path = th_format("%s/%s", f->dir, names[0]);
    cr_assert_eq(cwl_workflow_load(path, &f->workflow), 0, "%s", error_message());
    free(path);
    path = th_write_file(f->dir, "job.yml", job);
    cr_assert_eq(cwl_job_load(path, &f->job), 0, "%s", error_message());
    free(path);
    f->ex = executor_new(processes);
    cr_assert_not_null(f->ex);
}

static void fixture_release(fixture *f)
{
    executor_free(f->ex);
    cwl_job_free(f->job);
    cwl_workflow_free(f->workflow);
    th_rmtree(f->dir);
    free(f->dir);
}

static unsigned long submit(fixture *f, const executor_override *overrides,
                            size_t count, const char *name)
{
    char *folder = th_format("%s/%s", f->dir, name);
    unsigned long id = 0;

    cr_assert_eq(executor_submit(f->ex, f->workflow, f->job, overrides, count, folder,
                                 NULL, &id), 0, "%s", error_message());
    free(folder);
    return id;
}

/* Waits for the next event (failing the test after 60 s). */
static executor_event next_event(fixture *f)
{
    executor_event event;

    cr_assert_eq(executor_wait(f->ex, 60, -1, &event), 0, "%s", error_message());
    cr_assert_neq(event.kind, EXECUTOR_TIMEOUT, "no event within 60 s");
    return event;
}

/* Waits for RUN_FINISHED; returns whether the run succeeded. */
static int finish_run(fixture *f)
{
    for (;;) {
        executor_event event = next_event(f);

        cr_assert_neq(event.kind, EXECUTOR_IDLE);
        if (event.kind == EXECUTOR_RUN_FINISHED)
            return event.succeeded;
    }
}

static char *read_in(const char *dir, const char *relative)
{
    char *path = th_format("%s/%s", dir, relative);
    char *text = th_read_file(path, NULL);

    free(path);
    return text;
}

Test(executor, overrides_reach_command_line)
{
    const char *names[] = {"wf.cwl", "args.cwl"};
    const char *texts[] = {args_workflow, args_tool};
    const executor_override overrides[] = {
        {"show", "text", " 1e3 $HOME \"q\" "},
        {"show", "ratio", "0.30000000000000004"},
        {"show", "count", "5"},
        {"show", "flag", "True"},
    };
    fixture f;
    char *args;

    fixture_init(&f, names, texts, 2, "text: job-text\n", 2);
    submit(&f, overrides, 4, "iteration");
    cr_assert(finish_run(&f));
    args = read_in(f.dir, "iteration/show/work/args.txt");
    cr_assert_str_eq(args, "[ 1e3 $HOME \"q\" ]\n[0.30000000000000004]\n[-n]\n[5]\n[-f]\n");
    free(args);
    fixture_release(&f);
}

Test(executor, wiring_without_overrides)
{
    const char *names[] = {"wf.cwl", "args.cwl"};
    const char *texts[] = {args_workflow, args_tool};
    fixture f;
    char *args;

    fixture_init(&f, names, texts, 2, "text: job-text\n", 2);
    submit(&f, NULL, 0, "iteration");
    cr_assert(finish_run(&f));
    args = read_in(f.dir, "iteration/show/work/args.txt");
    cr_assert_str_eq(args, "[job-text]\n[0.25]\n", "step default beats tool default");
    free(args);
    fixture_release(&f);
}

Test(executor, invalid_overrides)
{
    const char *names[] = {"wf.cwl", "args.cwl"};
    const char *texts[] = {args_workflow, args_tool};
    const executor_override bad_step = {"nostep", "text", "x"};
    const executor_override bad_input = {"show", "noinput", "x"};
    const executor_override bad_int = {"show", "count", "0.5"};
    fixture f;
    char *folder;
    unsigned long id;

    fixture_init(&f, names, texts, 2, "text: job-text\n", 2);
    folder = th_format("%s/iteration", f.dir);
    cr_assert_eq(executor_submit(f.ex, f.workflow, f.job, &bad_step, 1, folder, NULL, &id),
                 CWL_ERROR);
    cr_assert(strstr(error_message(), "no step 'nostep'"), "%s", error_message());
    cr_assert_eq(executor_submit(f.ex, f.workflow, f.job, &bad_input, 1, folder, NULL, &id),
                 CWL_ERROR);
    cr_assert(strstr(error_message(), "has no input 'noinput'"), "%s", error_message());
    cr_assert_eq(executor_submit(f.ex, f.workflow, f.job, &bad_int, 1, folder, NULL, &id),
                 CWL_ERROR);
    cr_assert(strstr(error_message(), "step 'show' input 'count'"), "%s", error_message());
    cr_assert(strstr(error_message(), "'0.5'"), "%s", error_message());
    cr_assert_eq(executor_active_runs(f.ex), 0);
    free(folder);
    fixture_release(&f);
}

/* Each run's step waits until the other run's step has started, so both
 * finish only when they run at the same time. */
static const char meet_tool[] =
    "cwlVersion: v1.2\nclass: CommandLineTool\n"
    "baseCommand: [sh, -c, 'touch \"$0/$1\"; i=0; while [ ! -e \"$0/$2\" ]; do "
    "i=$((i+1)); [ $i -gt 2000 ] && exit 9; sleep 0.01; done']\n"
    "inputs:\n"
    "  dir: {type: string, inputBinding: {position: 1}}\n"
    "  mine: {type: string, inputBinding: {position: 2}}\n"
    "  other: {type: string, inputBinding: {position: 3}}\n"
    "outputs: []\n";

Test(executor, two_runs_at_once)
{
    const char *names[] = {"meet.cwl"};
    const char *texts[] = {meet_tool};
    fixture f;
    executor_override first[3];
    executor_override second[3];
    size_t started = 0;
    size_t succeeded = 0;

    fixture_init(&f, names, texts, 1, "{dir: x, mine: x, other: x}\n", 2);
    first[0] = (executor_override){"meet", "dir", f.dir};
    first[1] = (executor_override){"meet", "mine", "a.flag"};
    first[2] = (executor_override){"meet", "other", "b.flag"};
    second[0] = first[0];
    second[1] = (executor_override){"meet", "mine", "b.flag"};
    second[2] = (executor_override){"meet", "other", "a.flag"};
    submit(&f, first, 3, "one");
    submit(&f, second, 3, "two");
    cr_assert_eq(executor_active_runs(f.ex), 2);
    for (;;) {
        executor_event event = next_event(&f);

        if (event.kind == EXECUTOR_IDLE)
            break;
        started += event.kind == EXECUTOR_STEP_STARTED;
        if (event.kind == EXECUTOR_STEP_FINISHED)
            cr_assert(event.succeeded, "%s: %s", event.folder, event.message);
        succeeded += event.kind == EXECUTOR_RUN_FINISHED && event.succeeded;
    }
    cr_assert_eq(started, 2);
    cr_assert_eq(succeeded, 2);
    fixture_release(&f);
}

static const char exit_tool[] =
    "cwlVersion: v1.2\nclass: CommandLineTool\n"
    "baseCommand: [sh, -c]\n"
    "inputs: {script: {type: string, inputBinding: {position: 1}},"
    " after: {type: 'string?'}}\n"
    "outputs: {done: {type: string, outputBinding: {outputEval: ok}}}\n";

static const char diamond[] =
    "cwlVersion: v1.2\nclass: Workflow\n"
    "inputs: []\n"
    "outputs: []\n"
    "steps:\n"
    "  fails: {run: exit.cwl, in: {script: {default: 'exit 4'}}, out: [done]}\n"
    "  after: {run: exit.cwl, in: {script: {default: 'true'}, after: fails/done},"
    " out: [done]}\n"
    "  independent: {run: exit.cwl, in: {script: {default: 'echo fine'}}, out: [done]}\n"
    "  later: {run: exit.cwl, in: {script: {default: 'true'}, after: after/done},"
    " out: [done]}\n";

Test(executor, failing_step_stops_dependents)
{
    const char *names[] = {"wf.cwl", "exit.cwl"};
    const char *texts[] = {diamond, exit_tool};
    fixture f;
    int seen[4] = {0, 0, 0, 0};
    int finished_run = 0;

    fixture_init(&f, names, texts, 2, "{}\n", 4);
    submit(&f, NULL, 0, "iteration");
    for (;;) {
        executor_event event = next_event(&f);

        if (event.kind == EXECUTOR_IDLE)
            break;
        if (event.kind == EXECUTOR_STEP_STARTED)
            seen[event.step]++;
        if (event.kind == EXECUTOR_STEP_FINISHED && event.step == 0) {
            cr_assert_not(event.succeeded);
            cr_assert(event.exited);
            cr_assert_eq(event.exit_code, 4);
            cr_assert(strstr(event.message, "status 4"), "%s", event.message);
        }
        if (event.kind == EXECUTOR_STEP_FINISHED && event.step == 2)
            cr_assert(event.succeeded, "%s", event.message);
        if (event.kind == EXECUTOR_RUN_FINISHED) {
            finished_run = 1;
            cr_assert_not(event.succeeded);
            cr_assert(event.has_failed_step);
            cr_assert_eq(event.failed_step, 0);
            cr_assert_str_eq(event.step_name, "fails");
        }
    }
    cr_assert_eq(seen[0], 1);
    cr_assert_eq(seen[1], 0, "a step after the failed one must not start");
    cr_assert_eq(seen[2], 1, "an independent step still runs");
    cr_assert_eq(seen[3], 0);
    cr_assert(finished_run);
    fixture_release(&f);
}

Test(executor, step_events)
{
    const char *names[] = {"wf.cwl", "exit.cwl"};
    const char *texts[] = {diamond, exit_tool};
    fixture f;

    fixture_init(&f, names, texts, 2, "{}\n", 1);
    submit(&f, NULL, 0, "iteration");
    for (;;) {
        executor_event event = next_event(&f);

        if (event.kind == EXECUTOR_IDLE)
            break;
        if (event.kind != EXECUTOR_STEP_FINISHED || event.step != 2)
            continue;
        cr_assert_str_eq(event.step_name, "independent");
        cr_assert(event.started);
        cr_assert(event.succeeded);
        cr_assert_str_eq(event.stdout_path, event.stderr_path,
                         "one log holds both streams");
        cr_assert(strstr(event.stdout_path, "/iteration/independent/log.txt"), "%s",
                  event.stdout_path);
        cr_assert_geq(event.wall_seconds, 0.0);
        cr_assert_geq(event.cpu_seconds, 0.0);
        cr_assert_geq(event.end_time.tv_sec, event.start_time.tv_sec);
        cr_assert_str_eq(json_get_string(event.outputs, "done"), "ok");
    }
    fixture_release(&f);
}

Test(executor, separate_logs_when_captured)
{
    const char *names[] = {"wf.cwl", "args.cwl"};
    const char *texts[] = {args_workflow, args_tool};
    fixture f;
    int checked = 0;

    fixture_init(&f, names, texts, 2, "text: x\n", 1);
    submit(&f, NULL, 0, "iteration");
    for (;;) {
        executor_event event = next_event(&f);

        if (event.kind == EXECUTOR_RUN_FINISHED)
            break;
        if (event.kind != EXECUTOR_STEP_FINISHED)
            continue;
        cr_assert(strstr(event.stdout_path, "/show/work/args.txt"), "%s",
                  event.stdout_path);
        cr_assert(strstr(event.stderr_path, "/show/log.txt"), "%s", event.stderr_path);
        checked = 1;
    }
    cr_assert(checked);
    fixture_release(&f);
}

static const char sleep_workflow[] =
    "cwlVersion: v1.2\nclass: Workflow\n"
    "inputs: []\noutputs: []\n"
    "steps:\n"
    "  wait: {run: exit.cwl, in: {script: {default: 'sleep 30'}}, out: [done]}\n"
    "  then: {run: exit.cwl, in: {script: {default: 'true'}, after: wait/done},"
    " out: [done]}\n";

Test(executor, cancel_run)
{
    const char *names[] = {"wf.cwl", "exit.cwl"};
    const char *texts[] = {sleep_workflow, exit_tool};
    fixture f;
    unsigned long id;
    executor_event event;

    fixture_init(&f, names, texts, 2, "{}\n", 2);
    id = submit(&f, NULL, 0, "iteration");
    event = next_event(&f);
    cr_assert_eq(event.kind, EXECUTOR_STEP_STARTED);
    cr_assert_eq(executor_cancel(f.ex, id, 5.0), 0);
    event = next_event(&f);
    cr_assert_eq(event.kind, EXECUTOR_STEP_FINISHED);
    cr_assert(event.cancelled);
    cr_assert_not(event.succeeded);
    cr_assert_eq(event.signal, SIGTERM);
    event = next_event(&f);
    cr_assert_eq(event.kind, EXECUTOR_RUN_FINISHED);
    cr_assert(event.cancelled);
    cr_assert_not(event.succeeded);
    event = next_event(&f);
    cr_assert_eq(event.kind, EXECUTOR_IDLE);
    cr_assert_eq(executor_cancel(f.ex, id, 5.0), -1);
    fixture_release(&f);
}

Test(executor, wake_and_timeout)
{
    const char *names[] = {"wf.cwl", "exit.cwl"};
    const char *texts[] = {sleep_workflow, exit_tool};
    fixture f;
    executor_event event;
    int pipe_fds[2];

    fixture_init(&f, names, texts, 2, "{}\n", 2);
    submit(&f, NULL, 0, "iteration");
    cr_assert_eq(next_event(&f).kind, EXECUTOR_STEP_STARTED);
    cr_assert_eq(executor_wait(f.ex, 0.05, -1, &event), 0);
    cr_assert_eq(event.kind, EXECUTOR_TIMEOUT);
    cr_assert_eq(pipe(pipe_fds), 0);
    cr_assert_eq(write(pipe_fds[1], "x", 1), 1);
    cr_assert_eq(executor_wait(f.ex, -1, pipe_fds[0], &event), 0);
    cr_assert_eq(event.kind, EXECUTOR_WOKEN);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    fixture_release(&f);
}

Test(executor, check_text)
{
    const char *names[] = {"wf.cwl", "args.cwl"};
    const char *texts[] = {args_workflow, args_tool};
    fixture f;
    const cwl_step *show;

    fixture_init(&f, names, texts, 2, "text: x\n", 1);
    show = cwl_workflow_step(f.workflow, 0);
    cr_assert_eq(cwl_wiring_check_text(show, "count", "12"), 0);
    cr_assert_eq(cwl_wiring_check_text(show, "count", "0.5"), CWL_ERROR);
    cr_assert_str_eq(error_message(), "step 'show' input 'count': invalid value '0.5' "
                     "for type int?; write a whole number such as 5");
    cr_assert_eq(cwl_wiring_check_text(show, "flag", "False"), 0);
    cr_assert_eq(cwl_wiring_check_text(show, "flag", "1"), CWL_ERROR);
    cr_assert_eq(cwl_wiring_check_text(show, "ratio", "1e-05"), 0);
    cr_assert_eq(cwl_wiring_check_text(show, "missing", "1"), CWL_ERROR);
    cr_assert_str_eq(error_message(), "step 'show' has no input 'missing'");
    fixture_release(&f);
}

static const char conditional[] =
    "cwlVersion: v1.2\nclass: Workflow\n"
    "inputs: {go: boolean}\n"
    "outputs:\n"
    "  done: {type: 'string?', outputSource: [maybe/done, always/done],"
    " pickValue: first_non_null}\n"
    "steps:\n"
    "  maybe: {run: exit.cwl, when: $(inputs.go), in: {go: go,"
    " script: {default: 'true'}}, out: [done]}\n"
    "  always: {run: exit.cwl, in: {script: {default: 'true'}}, out: [done]}\n";

Test(executor, conditional_step_skipped)
{
    const char *names[] = {"wf.cwl", "exit.cwl"};
    const char *texts[] = {conditional, exit_tool};
    fixture f;
    int skipped = 0;
    int started = 0;

    fixture_init(&f, names, texts, 2, "go: false\n", 2);
    submit(&f, NULL, 0, "iteration");
    for (;;) {
        executor_event event = next_event(&f);

        if (event.kind == EXECUTOR_RUN_FINISHED) {
            cr_assert(event.succeeded, "%s", event.message);
            cr_assert_str_eq(json_get_string(event.run_outputs, "done"), "ok");
            break;
        }
        started += event.kind == EXECUTOR_STEP_STARTED;
        if (event.kind == EXECUTOR_STEP_FINISHED && event.step == 0) {
            skipped = event.skipped;
            cr_assert(event.succeeded);
            cr_assert_not(event.started);
            cr_assert(json_is_null(json_get(event.outputs, "done")));
        }
    }
    cr_assert(skipped);
    cr_assert_eq(started, 1, "only the unconditional step runs");
    fixture_release(&f);
}

Test(executor, idle_when_empty)
{
    executor *ex = executor_new(0);
    executor_event event;

    cr_assert_eq(executor_wait(ex, -1, -1, &event), 0);
    cr_assert_eq(event.kind, EXECUTOR_IDLE);
    executor_free(ex);
}

Test(executor, steps_in_own_folders)
{
    const char *names[] = {"wf.cwl", "exit.cwl"};
    const char *texts[] = {diamond, exit_tool};
    fixture f;
    char *log;

    fixture_init(&f, names, texts, 2, "{}\n", 2);
    submit(&f, NULL, 0, "iteration");
    cr_assert_not(finish_run(&f));
    log = read_in(f.dir, "iteration/independent/log.txt");
    cr_assert_str_eq(log, "fine\n");
    free(log);
    fixture_release(&f);
}
