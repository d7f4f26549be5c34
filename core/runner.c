/* runner.c - child processes for workflow steps. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "error.h"
#include "runner.h"
#include "strbuf.h"

extern char **environ;

/* How often the wait checks the processes when pidfds are unavailable.
 * NOTE: the tests run where pidfds exist, so they never take this path. */
#define POLL_FALLBACK_SECONDS 0.01

struct runner_process {
    pid_t pid;
    int pidfd;              /* -1 when the kernel gives none */
    int reaped;
    int killed;             /* SIGKILL has been sent to the group */
    double started_monotonic;
    double kill_at;         /* monotonic time of the SIGKILL, when cancelled */
    runner_status status;
};

static double monotonic_now(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static const char *env_lookup(const char *const *envp, const char *name)
{
    size_t length = strlen(name);

    for (; envp && *envp; envp++) {
        if (strncmp(*envp, name, length) == 0 && (*envp)[length] == '=')
            return *envp + length + 1;
    }
    return NULL;
}

/* Programs found on PATH lately, so that a step run again (the next
 * iteration of an optimization) skips the search. */
#define PROGRAM_CACHE_SIZE 16

typedef struct program_entry {
    char *name;
    char *search_path;   /* the PATH it was found on */
    char *program;
} program_entry;

static program_entry program_cache[PROGRAM_CACHE_SIZE];
static size_t program_cache_next;
static pthread_mutex_t program_cache_lock = PTHREAD_MUTEX_INITIALIZER;

static char *cached_program(const char *name, const char *search_path)
{
    char *found = NULL;

    pthread_mutex_lock(&program_cache_lock);
    for (size_t i = 0; i < PROGRAM_CACHE_SIZE && !found; i++) {
        program_entry *entry = &program_cache[i];

        if (entry->name && strcmp(entry->name, name) == 0 &&
            strcmp(entry->search_path, search_path) == 0 &&
            access(entry->program, X_OK) == 0)
            found = strdup(entry->program);
    }
    pthread_mutex_unlock(&program_cache_lock);
    return found;
}

static void remember_program(const char *name, const char *search_path,
                             const char *program)
{
    program_entry *entry;

    pthread_mutex_lock(&program_cache_lock);
    entry = &program_cache[program_cache_next++ % PROGRAM_CACHE_SIZE];
    free(entry->name);
    free(entry->search_path);
    free(entry->program);
    entry->name = strdup(name);
    entry->search_path = strdup(search_path);
    entry->program = strdup(program);
    if (!entry->name || !entry->search_path || !entry->program) {
        free(entry->name);
        free(entry->search_path);
        free(entry->program);
        memset(entry, 0, sizeof *entry);
    }
    pthread_mutex_unlock(&program_cache_lock);
}

/* Returns the program argv0 names, searched on the PATH of envp as
 * execvp does; the caller frees it. */
static char *program_path(const char *argv0, const char *const *envp)
{
    const char *path = env_lookup(envp, "PATH");
    const char *search_path;
    strbuf candidate = STRBUF_INIT;
    char *found;

    if (strchr(argv0, '/'))
        return strdup(argv0);
    if (!path)
        path = "/usr/local/bin:/usr/bin:/bin";
    found = cached_program(argv0, path);
    if (found)
        return found;
    search_path = path;

    while (*argv0) {
        struct stat info;
        const char *end = strchr(path, ':');
        size_t length = end ? (size_t)(end - path) : strlen(path);

        strbuf_reset(&candidate);
        if (strbuf_append(&candidate, length ? path : ".", length ? length : 1) < 0 ||
            strbuf_printf(&candidate, "/%s", argv0) < 0)
            break;
        if (stat(strbuf_str(&candidate), &info) == 0 && S_ISREG(info.st_mode) &&
            access(strbuf_str(&candidate), X_OK) == 0) {
            remember_program(argv0, search_path, strbuf_str(&candidate));
            return strbuf_detach(&candidate);
        }
        if (!end)
            break;
        path = end + 1;
    }
    strbuf_release(&candidate);
    error_set("cannot run '%s': command not found on PATH", argv0);
    return NULL;
}

static int open_stream(const char *path, int flags, const char *role)
{
    int fd = open(path ? path : "/dev/null", flags | O_CLOEXEC, 0666);

    if (fd < 0)
        error_set("cannot open %s file %s: %s", role, path, strerror(errno));
    return fd;
}

/* Opens the three standard streams in the caller's current folder. */
/* Opens an output stream: path, saber-opt's standard error, or /dev/null. */
static int open_output(const char *path, int to_stderr, const char *role)
{
    int fd;

    if (path || !to_stderr)
        return open_stream(path, O_WRONLY | O_CREAT | O_TRUNC, role);
    fd = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
    if (fd < 0)
        error_set("cannot pass on the standard error: %s", strerror(errno));
    return fd;
}

static int open_streams(const runner_spec *spec, int fds[3])
{
    fds[0] = open_stream(spec->stdin_path, O_RDONLY, "stdin");
    if (fds[0] < 0)
        return -1;
    fds[1] = open_output(spec->stdout_path, spec->to_stderr, "stdout");
    if (fds[1] < 0)
        return -1;
    if (spec->stderr_path && spec->stdout_path &&
        strcmp(spec->stderr_path, spec->stdout_path) == 0)
        fds[2] = fcntl(fds[1], F_DUPFD_CLOEXEC, 3);
    else
        fds[2] = open_output(spec->stderr_path, spec->to_stderr, "stderr");
    return fds[2] < 0 ? -1 : 0;
}

static void close_streams(int fds[3])
{
    for (int i = 0; i < 3; i++) {
        if (fds[i] >= 0)
            close(fds[i]);
    }
}

static int prepare_actions(posix_spawn_file_actions_t *actions,
                           const runner_spec *spec, const int fds[3])
{
    int status = posix_spawn_file_actions_init(actions);

    for (int i = 0; i < 3 && status == 0; i++)
        status = posix_spawn_file_actions_adddup2(actions, fds[i], i);
    if (status == 0)
        status = posix_spawn_file_actions_addclosefrom_np(actions, 3);
    if (status == 0 && spec->workdir)
        status = posix_spawn_file_actions_addchdir_np(actions, spec->workdir);
    if (status != 0) {
        error_set("cannot prepare a process: %s", strerror(status));
        return -1;
    }
    return 0;
}

/* Asks for a new process group, default signal dispositions and an empty
 * signal mask. */
static int prepare_attributes(posix_spawnattr_t *attributes)
{
    sigset_t all;
    sigset_t none;
    int status;

    sigfillset(&all);
    sigemptyset(&none);
    status = posix_spawnattr_init(attributes);
    if (status == 0)
        status = posix_spawnattr_setpgroup(attributes, 0);
    if (status == 0)
        status = posix_spawnattr_setsigdefault(attributes, &all);
    if (status == 0)
        status = posix_spawnattr_setsigmask(attributes, &none);
    if (status == 0)
        status = posix_spawnattr_setflags(attributes, POSIX_SPAWN_SETPGROUP |
                                          POSIX_SPAWN_SETSIGDEF |
                                          POSIX_SPAWN_SETSIGMASK);
    if (status != 0) {
        error_set("cannot prepare a process: %s", strerror(status));
        return -1;
    }
    return 0;
}

static int spawn(runner_process *process, const runner_spec *spec,
                 const char *program, const int fds[3])
{
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    char *const *envp = (char *const *)(spec->envp ? spec->envp
                                        : (const char *const *)environ);
    int status = -1;
    int code;

    if (prepare_actions(&actions, spec, fds) < 0)
        return -1;
    if (prepare_attributes(&attributes) < 0)
        goto done_actions;

    clock_gettime(CLOCK_REALTIME, &process->status.started);
    process->started_monotonic = monotonic_now();
    code = posix_spawn(&process->pid, program, &actions, &attributes,
                       (char *const *)spec->argv, envp);
    if (code != 0)
        error_set("cannot run '%s'%s%s: %s", spec->argv[0],
                  spec->workdir ? " in " : "",
                  spec->workdir ? spec->workdir : "", strerror(code));
    else
        status = 0;

    posix_spawnattr_destroy(&attributes);
done_actions:
    posix_spawn_file_actions_destroy(&actions);
    return status;
}

runner_process *runner_start(const runner_spec *spec)
{
    runner_process *process = calloc(1, sizeof *process);
    int fds[3] = {-1, -1, -1};
    char *program = NULL;

    if (!process) {
        error_nomem();
        return NULL;
    }
    process->pidfd = -1;
    program = program_path(spec->argv[0], spec->envp ? spec->envp
                                          : (const char *const *)environ);
    if (!program || open_streams(spec, fds) < 0 ||
        spawn(process, spec, program, fds) < 0) {
        free(process);
        process = NULL;
        goto done;
    }
    process->pidfd = (int)syscall(SYS_pidfd_open, process->pid, 0);

done:
    close_streams(fds);
    free(program);
    return process;
}

pid_t runner_pid(const runner_process *process)
{
    return process->pid;
}

int runner_finished(const runner_process *process)
{
    return process->reaped;
}

const runner_status *runner_status_of(const runner_process *process)
{
    return &process->status;
}

static void record_exit(runner_process *process, int wait_status,
                        const struct rusage *usage)
{
    runner_status *status = &process->status;

    status->wall_seconds = monotonic_now() - process->started_monotonic;
    clock_gettime(CLOCK_REALTIME, &status->finished);
    status->cpu_seconds = (double)usage->ru_utime.tv_sec +
                          (double)usage->ru_utime.tv_usec / 1e6 +
                          (double)usage->ru_stime.tv_sec +
                          (double)usage->ru_stime.tv_usec / 1e6;
    status->exited = WIFEXITED(wait_status);
    status->exit_code = status->exited ? WEXITSTATUS(wait_status) : 0;
    status->signal = WIFSIGNALED(wait_status) ? WTERMSIG(wait_status) : 0;
    process->reaped = 1;
    if (process->pidfd >= 0) {
        close(process->pidfd);
        process->pidfd = -1;
    }
}

/*
 * Reaps the process when it has ended: returns 1, 0 while it runs, or -1.
 * A cancelled process's group gets SIGKILL while its ended leader is still
 * unreaped, because the group id cannot be reused before that.
 */
static int try_reap(runner_process *process)
{
    siginfo_t info;
    struct rusage usage;
    int wait_status;

    memset(&info, 0, sizeof info);
    while (waitid(P_PID, (id_t)process->pid, &info,
                  WEXITED | WNOHANG | WNOWAIT) < 0) {
        if (errno != EINTR) {
            error_set("cannot wait for process %ld: %s", (long)process->pid,
                      strerror(errno));
            return -1;
        }
    }
    if (info.si_pid == 0)
        return 0;

    if (process->status.cancelled)
        kill(-process->pid, SIGKILL);
    while (wait4(process->pid, &wait_status, 0, &usage) < 0) {
        if (errno != EINTR) {
            error_set("cannot reap process %ld: %s", (long)process->pid,
                      strerror(errno));
            return -1;
        }
    }
    record_exit(process, wait_status, &usage);
    return 1;
}

/* Sends SIGKILL to cancelled groups whose grace period is over; returns
 * the seconds until the next such deadline, or -1 when none is pending. */
static double escalate_kills(runner_process *const *processes, size_t count,
                             double now)
{
    double next = -1;

    for (size_t i = 0; i < count; i++) {
        runner_process *process = processes[i];

        if (!process || process->reaped || !process->status.cancelled ||
            process->killed)
            continue;
        if (now >= process->kill_at) {
            kill(-process->pid, SIGKILL);
            process->killed = 1;
        } else if (next < 0 || process->kill_at - now < next) {
            next = process->kill_at - now;
        }
    }
    return next;
}

static double min_wait(double a, double b)
{
    if (a < 0)
        return b;
    if (b < 0)
        return a;
    return a < b ? a : b;
}

/* Reaps the first ended process: returns 1 with *index set, 0 when all
 * still run, -1 on error or when none is left. */
static int reap_any(runner_process *const *processes, size_t count,
                    size_t *index, int *fallback)
{
    size_t live = 0;

    *fallback = 0;
    for (size_t i = 0; i < count; i++) {
        int reaped;

        if (!processes[i] || processes[i]->reaped)
            continue;
        live++;
        reaped = try_reap(processes[i]);
        if (reaped != 0) {
            *index = i;
            return reaped;
        }
        if (processes[i]->pidfd < 0)
            *fallback = 1;
    }
    if (live == 0) {
        error_set("no running process to wait for");
        return -1;
    }
    return 0;
}

/* Polls wake_fd and the pidfds for at most seconds (< 0: no limit).
 * Returns 1 when wake_fd is readable, 0 otherwise, -1 on error. */
static int poll_processes(runner_process *const *processes, size_t count,
                          int wake_fd, double seconds)
{
    struct pollfd *fds = calloc(count + 1, sizeof *fds);
    size_t used = 0;
    int ready;

    if (!fds)
        return error_nomem();
    if (wake_fd >= 0)
        fds[used++] = (struct pollfd){wake_fd, POLLIN, 0};
    for (size_t i = 0; i < count; i++) {
        if (processes[i] && !processes[i]->reaped && processes[i]->pidfd >= 0)
            fds[used++] = (struct pollfd){processes[i]->pidfd, POLLIN, 0};
    }

    ready = poll(fds, used, seconds < 0 ? -1 : (int)(seconds * 1000 + 0.999));
    if (ready < 0 && errno != EINTR) {
        error_set("cannot wait for processes: %s", strerror(errno));
        free(fds);
        return -1;
    }
    ready = ready > 0 && wake_fd >= 0 && (fds[0].revents & (POLLIN | POLLHUP));
    free(fds);
    return ready;
}

int runner_wait_any(runner_process *const *processes, size_t count,
                    double timeout_seconds, int wake_fd, size_t *index)
{
    double deadline = timeout_seconds < 0 ? -1
                                          : monotonic_now() + timeout_seconds;

    for (;;) {
        double now = monotonic_now();
        double wait_seconds = deadline < 0 ? -1 : deadline - now;
        int fallback;
        int reaped = reap_any(processes, count, index, &fallback);
        int woken;

        if (reaped != 0)
            return reaped < 0 ? -1 : RUNNER_FINISHED;
        if (deadline >= 0 && now >= deadline)
            return RUNNER_TIMEOUT;

        wait_seconds = min_wait(wait_seconds,
                                escalate_kills(processes, count, now));
        if (fallback)
            wait_seconds = min_wait(wait_seconds, POLL_FALLBACK_SECONDS);
        woken = poll_processes(processes, count, wake_fd, wait_seconds);
        if (woken < 0)
            return -1;
        if (woken)
            return RUNNER_WOKEN;
    }
}

int runner_wait(runner_process *process)
{
    size_t index;

    while (!process->reaped) {
        if (runner_wait_any(&process, 1, -1, -1, &index) < 0)
            return -1;
    }
    return 0;
}

int runner_cancel(runner_process *process, double grace_seconds)
{
    if (process->reaped) {
        error_set("process %ld has already ended", (long)process->pid);
        return -1;
    }
    if (!process->status.cancelled) {
        process->status.cancelled = 1;
        process->kill_at = monotonic_now() + grace_seconds;
        kill(-process->pid, SIGTERM);
    }
    return 0;
}

void runner_free(runner_process *process)
{
    if (!process)
        return;
    if (!process->reaped) {
        process->status.cancelled = 1;
        kill(-process->pid, SIGKILL);
        process->killed = 1;
        runner_wait(process);
    }
    if (process->pidfd >= 0)
        close(process->pidfd);
    free(process);
}
