/* test-runner.c - the step runner, on real processes. */
#include <criterion/criterion.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "helpers.h"
#include "runner.h"

static runner_process *start(const char *const *argv, const char *dir,
                             const char *out, const char *err)
{
    runner_spec spec = {argv, NULL, dir, NULL, out, err, 0};
    runner_process *process = runner_start(&spec);

    cr_assert_not_null(process, "cannot start %s: %s", argv[0], error_message());
    return process;
}

static const runner_status *run(const char *const *argv, runner_process **out)
{
    runner_process *process = start(argv, NULL, NULL, NULL);

    cr_assert_eq(runner_wait(process), 0, "%s", error_message());
    *out = process;
    return runner_status_of(process);
}

/* Waits up to 10 s for a file to appear, as a child writes it. */
static char *wait_for_file(const char *path)
{
    for (int i = 0; i < 1000; i++) {
        char *text = th_read_file(path, NULL);

        if (text && *text && strchr(text, '\n'))
            return text;
        free(text);
        usleep(10000);
    }
    cr_assert_fail("%s never appeared", path);
    return NULL;
}

/* Returns whether pid has ended: gone, or a zombie not yet reaped by its
 * new parent. */
static int process_gone(pid_t pid)
{
    char *path = th_format("/proc/%ld/stat", (long)pid);

    for (int i = 0; i < 500; i++) {
        char *stat = th_read_file(path, NULL);
        const char *state = stat ? strrchr(stat, ')') : NULL;
        int gone = !stat || (state && state[2] == 'Z');

        free(stat);
        if (gone) {
            free(path);
            return 1;
        }
        usleep(10000);
    }
    free(path);
    return 0;
}

Test(runner, exit_zero)
{
    const char *argv[] = {"true", NULL};
    runner_process *process;
    const runner_status *status = run(argv, &process);

    cr_assert_eq(status->exited, 1);
    cr_assert_eq(status->exit_code, 0);
    cr_assert_eq(status->signal, 0);
    cr_assert_eq(status->cancelled, 0);
    runner_free(process);
}

Test(runner, exit_code)
{
    const char *argv[] = {"sh", "-c", "exit 42", NULL};
    runner_process *process;
    const runner_status *status = run(argv, &process);

    cr_assert_eq(status->exited, 1);
    cr_assert_eq(status->exit_code, 42);
    runner_free(process);
}

Test(runner, signal)
{
    const char *argv[] = {"sh", "-c", "kill -USR1 $$", NULL};
    runner_process *process;
    const runner_status *status = run(argv, &process);

    cr_assert_eq(status->exited, 0);
    cr_assert_eq(status->signal, SIGUSR1);
    runner_free(process);
}

Test(runner, times)
{
    const char *argv[] = {"true", NULL};
    runner_process *process;
    const runner_status *status = run(argv, &process);
    double started = (double)status->started.tv_sec +
                     (double)status->started.tv_nsec / 1e9;
    double finished = (double)status->finished.tv_sec +
                      (double)status->finished.tv_nsec / 1e9;

    cr_assert_geq(status->wall_seconds, 0.0);
    cr_assert_geq(finished, started);
    cr_assert_gt(started, 1.5e9, "start time %f is not a wall-clock time",
                 started);
    runner_free(process);
}

Test(runner, busy_loop_cpu)
{
    const char *argv[] = {"sh", "-c",
                          "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done",
                          NULL};
    runner_process *process;
    const runner_status *status = run(argv, &process);

    cr_assert_eq(status->exit_code, 0);
    cr_assert_gt(status->cpu_seconds, 0.0);
    runner_free(process);
}

Test(runner, streams_and_workdir)
{
    char *dir = th_tmpdir();
    char *in = th_write_file(dir, "in.txt", "from stdin\n");
    char *out = th_format("%s/out.txt", dir);
    char *err = th_format("%s/err.txt", dir);
    const char *argv[] = {"sh", "-c", "cat; pwd; echo oops >&2", NULL};
    runner_spec spec = {argv, NULL, dir, in, out, err, 0};
    runner_process *process = runner_start(&spec);
    char *expected = th_format("from stdin\n%s\n", dir);
    char *out_text;
    char *err_text;

    cr_assert_not_null(process, "%s", error_message());
    cr_assert_eq(runner_wait(process), 0);
    out_text = th_read_file(out, NULL);
    err_text = th_read_file(err, NULL);
    cr_assert_str_eq(out_text, expected);
    cr_assert_str_eq(err_text, "oops\n");
    runner_free(process);
    th_rmtree(dir);
    free(out_text), free(err_text), free(expected);
    free(in), free(out), free(err), free(dir);
}

Test(runner, shared_log)
{
    char *dir = th_tmpdir();
    char *log = th_format("%s/log", dir);
    const char *argv[] = {"sh", "-c", "echo one; echo two >&2; echo three",
                          NULL};
    runner_process *process = start(argv, dir, log, log);
    char *text;

    cr_assert_eq(runner_wait(process), 0);
    text = th_read_file(log, NULL);
    cr_assert_str_eq(text, "one\ntwo\nthree\n");
    runner_free(process);
    th_rmtree(dir);
    free(text), free(log), free(dir);
}

Test(runner, environment_only_given)
{
    char *dir = th_tmpdir();
    char *out = th_format("%s/env", dir);
    char *path = th_format("PATH=%s", getenv("PATH"));
    const char *argv[] = {"env", NULL};
    const char *envp[] = {"HOME=/nonexistent", path, "ODD=a b\tc", NULL};
    runner_spec spec = {argv, envp, NULL, NULL, out, NULL, 0};
    runner_process *process = runner_start(&spec);
    char *expected = th_format("HOME=/nonexistent\n%s\nODD=a b\tc\n", path);
    char *text;

    cr_assert_not_null(process, "%s", error_message());
    cr_assert_eq(runner_wait(process), 0);
    text = th_read_file(out, NULL);
    cr_assert_str_eq(text, expected);
    runner_free(process);
    th_rmtree(dir);
    free(text), free(expected), free(path), free(out), free(dir);
}

Test(runner, arguments_verbatim)
{
    char *dir = th_tmpdir();
    char *out = th_format("%s/args", dir);
    const char *argv[] = {"printf", "[%s]\\n", "a b", "$HOME", "*", "'q'",
                          "", NULL};
    runner_process *process = start(argv, dir, out, NULL);
    char *text;

    cr_assert_eq(runner_wait(process), 0);
    text = th_read_file(out, NULL);
    cr_assert_str_eq(text, "[a b]\n[$HOME]\n[*]\n['q']\n[]\n");
    runner_free(process);
    th_rmtree(dir);
    free(text), free(out), free(dir);
}

Test(runner, command_not_found)
{
    const char *argv[] = {"saber-no-such-program", NULL};
    runner_spec spec = {argv, NULL, NULL, NULL, NULL, NULL, 0};

    cr_assert_null(runner_start(&spec));
    cr_assert(strstr(error_message(), "saber-no-such-program"),
              "message: %s", error_message());
    cr_assert(strstr(error_message(), "not found"), "message: %s",
              error_message());
}

Test(runner, missing_workdir)
{
    const char *argv[] = {"true", NULL};
    runner_spec spec = {argv, NULL, "/nonexistent/saber", NULL, NULL, NULL, 0};

    cr_assert_null(runner_start(&spec));
    cr_assert(strstr(error_message(), "/nonexistent/saber"), "message: %s",
              error_message());
}

Test(runner, unwritable_log)
{
    const char *argv[] = {"true", NULL};
    runner_spec spec = {argv, NULL, NULL, NULL, "/nonexistent/out", NULL, 0};

    cr_assert_null(runner_start(&spec));
    cr_assert(strstr(error_message(), "/nonexistent/out"), "message: %s",
              error_message());
}

Test(runner, wait_any_first_done)
{
    const char *slow[] = {"sleep", "30", NULL};
    const char *fast[] = {"true", NULL};
    runner_process *processes[2];
    size_t index = 99;

    processes[0] = start(slow, NULL, NULL, NULL);
    processes[1] = start(fast, NULL, NULL, NULL);
    cr_assert_eq(runner_wait_any(processes, 2, -1, -1, &index),
                 RUNNER_FINISHED);
    cr_assert_eq(index, 1);
    cr_assert(runner_finished(processes[1]));
    cr_assert_not(runner_finished(processes[0]));
    runner_free(processes[0]);
    runner_free(processes[1]);
}

Test(runner, wait_timeout)
{
    const char *argv[] = {"sleep", "30", NULL};
    runner_process *process = start(argv, NULL, NULL, NULL);
    size_t index;

    cr_assert_eq(runner_wait_any(&process, 1, 0.05, -1, &index),
                 RUNNER_TIMEOUT);
    cr_assert_not(runner_finished(process));
    runner_free(process);
}

Test(runner, wake_fd)
{
    const char *argv[] = {"sleep", "30", NULL};
    runner_process *process = start(argv, NULL, NULL, NULL);
    int pipe_fds[2];
    size_t index;

    cr_assert_eq(pipe(pipe_fds), 0);
    cr_assert_eq(write(pipe_fds[1], "x", 1), 1);
    cr_assert_eq(runner_wait_any(&process, 1, -1, pipe_fds[0], &index),
                 RUNNER_WOKEN);
    cr_assert_not(runner_finished(process));
    runner_free(process);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
}

Test(runner, nothing_to_wait_for)
{
    const char *argv[] = {"true", NULL};
    runner_process *process;
    size_t index;

    run(argv, &process);
    cr_assert_eq(runner_wait_any(&process, 1, -1, -1, &index), -1);
    runner_free(process);
}

Test(runner, cancel_terminates)
{
    const char *argv[] = {"sleep", "30", NULL};
    runner_process *process = start(argv, NULL, NULL, NULL);
    const runner_status *status;

    cr_assert_eq(runner_cancel(process, 5.0), 0);
    cr_assert_eq(runner_wait(process), 0);
    status = runner_status_of(process);
    cr_assert_eq(status->cancelled, 1);
    cr_assert_eq(status->exited, 0);
    cr_assert_eq(status->signal, SIGTERM);
    runner_free(process);
}

/* The whole group goes, also a grandchild that ignores SIGTERM, once the
 * grace period is over. */
Test(runner, cancel_group_grandchild)
{
    char *dir = th_tmpdir();
    char *pid_file = th_format("%s/grandchild.pid", dir);
    const char *argv[] = {"sh", "-c",
                          "trap '' TERM; sleep 300 & echo $! > grandchild.pid; "
                          "wait", NULL};
    runner_process *process = start(argv, dir, NULL, NULL);
    char *pid_text = wait_for_file(pid_file);
    pid_t grandchild = (pid_t)atol(pid_text);
    const runner_status *status;

    cr_assert_gt(grandchild, 0);
    cr_assert_eq(runner_cancel(process, 0.2), 0);
    cr_assert_eq(runner_wait(process), 0);
    status = runner_status_of(process);
    cr_assert_eq(status->cancelled, 1);
    cr_assert_eq(status->signal, SIGKILL);
    cr_assert(process_gone(grandchild), "grandchild %ld still runs",
              (long)grandchild);
    runner_free(process);
    th_rmtree(dir);
    free(pid_text), free(pid_file), free(dir);
}

/* A leader that ends on SIGTERM takes its remaining group with it. */
Test(runner, cancel_leader_exits_first)
{
    char *dir = th_tmpdir();
    char *pid_file = th_format("%s/grandchild.pid", dir);
    const char *argv[] = {"sh", "-c",
                          "(trap '' TERM; exec sleep 300) & "
                          "echo $! > grandchild.pid; wait", NULL};
    runner_process *process = start(argv, dir, NULL, NULL);
    char *pid_text = wait_for_file(pid_file);
    pid_t grandchild = (pid_t)atol(pid_text);

    cr_assert_eq(runner_cancel(process, 30.0), 0);
    cr_assert_eq(runner_wait(process), 0);
    cr_assert_eq(runner_status_of(process)->signal, SIGTERM);
    cr_assert(process_gone(grandchild), "grandchild %ld still runs",
              (long)grandchild);
    runner_free(process);
    th_rmtree(dir);
    free(pid_text), free(pid_file), free(dir);
}

Test(runner, cancel_after_end)
{
    const char *argv[] = {"true", NULL};
    runner_process *process;

    run(argv, &process);
    cr_assert_eq(runner_cancel(process, 1.0), -1);
    runner_free(process);
}
