/*
 * runner.h - child processes for workflow steps.
 *
 * Every process saber-opt starts for a tool goes through this file.  A
 * process runs an argument vector (never a shell command line) in its own
 * process group, with its own environment, work directory and standard
 * streams, so that cancelling it reaches everything it started.
 *
 * Waiting uses a pidfd per process (Linux 5.3 and later) and poll(2), so a
 * finished process is noticed at once.  Where pidfds are unavailable, the
 * wait checks the processes every 10 ms.  Nothing here installs a signal
 * handler: a caller that wants SIGINT to stop the wait passes the read end
 * of a self-pipe as the wake-up descriptor.
 */
#ifndef SABER_RUNNER_H
#define SABER_RUNNER_H

#include <stddef.h>
#include <sys/types.h>
#include <time.h>

/* What to run.  Every pointer is borrowed for the duration of
 * runner_start() only. */
typedef struct runner_spec {
    /* The program and its arguments, NULL-terminated.  An argv[0] without
     * a '/' is searched on the PATH of envp. */
    const char *const *argv;
    /* The complete environment, NULL-terminated; NULL inherits saber-opt's. */
    const char *const *envp;
    const char *workdir;      /* NULL: saber-opt's current folder */
    const char *stdin_path;   /* NULL: /dev/null */
    const char *stdout_path;  /* created or truncated; NULL: /dev/null */
    /* Created or truncated; NULL: /dev/null.  A path equal to stdout_path
     * shares that open file, so both streams interleave in one log. */
    const char *stderr_path;
    /* When set, a NULL stdout_path or stderr_path sends that stream to
     * saber-opt's own standard error instead of /dev/null. */
    int to_stderr;
} runner_spec;

/* How a process ended, with what it cost. */
typedef struct runner_status {
    int exited;            /* 1: exit_code is valid; 0: signal ended it */
    int exit_code;
    int signal;
    int cancelled;         /* runner_cancel() was called before it ended */
    double wall_seconds;   /* CLOCK_MONOTONIC, from start to being reaped */
    double cpu_seconds;    /* user + system time of the process and the
                            * descendants it waited for (wait4 rusage) */
    struct timespec started;  /* CLOCK_REALTIME */
    struct timespec finished; /* CLOCK_REALTIME */
} runner_status;

typedef struct runner_process runner_process;

/*
 * Starts spec as the leader of a new process group, with default signal
 * dispositions, an empty signal mask and no inherited descriptors beyond
 * 0, 1 and 2.  Returns the process, owned by the caller (runner_free), or
 * NULL with an error message naming the file or program that failed.
 */
runner_process *runner_start(const runner_spec *spec);

pid_t runner_pid(const runner_process *process);

/* Returns whether the process has been reaped. */
int runner_finished(const runner_process *process);

/* Returns how it ended; valid once runner_finished() is true. */
const runner_status *runner_status_of(const runner_process *process);

/* Results of runner_wait_any(). */
enum {
    RUNNER_FINISHED = 1, /* a process ended; *index is its position */
    RUNNER_TIMEOUT = 2,  /* timeout_seconds passed */
    RUNNER_WOKEN = 3     /* wake_fd became readable (it is not read) */
};

/*
 * Waits until one of the count processes ends, reaps it and stores its
 * position in *index.  Processes already reaped are skipped.  A negative
 * timeout_seconds waits without limit; wake_fd < 0 means none.  While
 * waiting, cancelled processes whose grace period is over get SIGKILL.
 * Returns RUNNER_FINISHED, RUNNER_TIMEOUT or RUNNER_WOKEN, or -1 with an
 * error message (also when no process is left to wait for).
 */
int runner_wait_any(runner_process *const *processes, size_t count,
                    double timeout_seconds, int wake_fd, size_t *index);

/* Waits for one process without a time limit; returns 0 or -1. */
int runner_wait(runner_process *process);

/*
 * Sends SIGTERM to the whole process group and marks the process
 * cancelled.  The group gets SIGKILL when the process has not ended
 * grace_seconds later (the waits check this), and in any case once its
 * leader has ended, so no member outlives a cancelled step.  Returns 0, or
 * -1 when the process has already been reaped.
 */
int runner_cancel(runner_process *process, double grace_seconds);

/* Releases the process.  One still running is killed with its group
 * (SIGKILL) and reaped first. */
void runner_free(runner_process *process);

#endif
