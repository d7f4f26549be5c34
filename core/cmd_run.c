/* cmd_run.c - `saber-opt run`: run a CWL workflow or tool once, as a CWL
 * runner does: the output object as JSON on standard output, logs on
 * standard error. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cwl.h"
#include "cwl_bind.h"
#include "cwl_relocate.h"
#include "error.h"
#include "executor.h"
#include "fsutil.h"
#include "log.h"

/* Seconds between SIGTERM and SIGKILL when saber-opt run is interrupted. */
#define CANCEL_GRACE_SECONDS 5.0

typedef struct run_options {
    const char *outdir;
    const char *workdir;       /* keep step folders here; NULL: temporary */
    size_t jobs;
    const char *process;
    const char *job;
} run_options;

static int wake_pipe[2] = {-1, -1};

static void on_signal(int signal_number)
{
    int saved = errno;
    char byte = (char)signal_number;

    if (write(wake_pipe[1], &byte, 1) < 0) {
        /* The pipe is full: a wake-up is already pending. */
    }
    errno = saved;
}

static void print_help(void)
{
    printf("Usage: saber-opt run [OPTION]... PROCESS[#ID] [JOB]\n"
           "\n"
           "Run a CWL Workflow or CommandLineTool (v1.0 to v1.2, parameter "
           "references\nbut no JavaScript) once with the inputs of the job "
           "file JOB (YAML or JSON).\nThe output object is printed as JSON on "
           "standard output; output files are\nmoved into the output folder.  "
           "Each step runs in its own folder; what a\ntool prints and does not "
           "capture goes to standard error.\n"
           "\n"
           "Options:\n"
           "  --outdir DIR       put output files in DIR (default: the "
           "current folder)\n"
           "  --workdir DIR      run the steps in DIR/STEP and keep them "
           "(default: a\n"
           "                     temporary folder, removed after a "
           "successful run)\n"
           "  -j, --jobs N       run at most N steps at once (default: the "
           "number of CPUs)\n"
           "  --quiet            print only errors on standard error\n"
           "  --log-level LEVEL  debug, info, warning or error (default "
           "info)\n"
           "  -h, --help         print this help and exit\n"
           "\n"
           "Exit status: 0 success, 1 the run failed, 2 bad input or usage, "
           "33 a CWL\nfeature saber-opt does not support, 130 interrupted.\n");
}

static int install_signals(void)
{
    struct sigaction action;

    if (pipe(wake_pipe) < 0) {
        error_set("cannot create a pipe: %s", strerror(errno));
        return -1;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(wake_pipe[i], F_SETFD, FD_CLOEXEC);
        fcntl(wake_pipe[i], F_SETFL, O_NONBLOCK);
    }
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    return 0;
}

static void log_step_failure(const executor_event *event)
{
    log_error("step '%s' failed: %s", event->step_name, event->message);
    if (event->stdout_path && event->stderr_path &&
        strcmp(event->stdout_path, event->stderr_path) == 0)
        log_error("step '%s' log: %s", event->step_name, event->stdout_path);
    else if (event->stdout_path)
        log_error("step '%s' standard output: %s", event->step_name,
                  event->stdout_path);
    else if (event->stderr_path)
        log_error("step '%s' standard error: %s", event->step_name,
                  event->stderr_path);
    if (!event->stdout_path || !event->stderr_path)
        log_error("step '%s' ran in %s; what it printed is above", event->step_name,
                  event->folder);
}

static void log_step_event(const executor_event *event)
{
    if (event->kind == EXECUTOR_STEP_STARTED) {
        log_info("step '%s' started in %s", event->step_name, event->folder);
        return;
    }
    if (event->succeeded)
        log_info("step '%s' finished in %.3f s", event->step_name,
                 event->wall_seconds);
    else if (event->cancelled)
        log_warning("step '%s' cancelled", event->step_name);
    else
        log_step_failure(event);
}

/* Moves the outputs into the output folder and prints them. */
static int print_outputs(const json_value *outputs, const run_options *options,
                         const char *movable_root)
{
    arena memory = ARENA_INIT;
    strbuf text = STRBUF_INIT;
    char *outdir = fs_absolute(options->outdir);
    json_value *final;
    int status = -1;

    if (!outdir || cwl_outputs_relocate(&memory, outputs, outdir, movable_root,
                                        &final) < 0)
        goto done;
    if (json_write(&text, final, JSON_STYLE_PRETTY) < 0 || strbuf_putc(&text, '\n') < 0)
        goto done;
    if (fwrite(text.data, 1, text.length, stdout) != text.length || fflush(stdout) != 0) {
        error_set("cannot write the output: %s", strerror(errno));
        goto done;
    }
    status = 0;

done:
    free(outdir);
    strbuf_release(&text);
    arena_release(&memory);
    return status;
}

/* Runs the events of one run until it finishes; returns the exit status. */
static int drive(executor *ex, const run_options *options, const char *movable_root)
{
    int interrupted = 0;

    for (;;) {
        executor_event event;

        if (executor_wait(ex, -1, wake_pipe[0], &event) < 0)
            return cli_fail(EXIT_FAILURE_RUN);
        switch (event.kind) {
        case EXECUTOR_STEP_STARTED:
        case EXECUTOR_STEP_FINISHED:
            log_step_event(&event);
            break;
        case EXECUTOR_WOKEN:
            if (!interrupted)
                log_warning("interrupted; stopping the running steps");
            interrupted = 1;
            executor_cancel(ex, 0, CANCEL_GRACE_SECONDS);
            while (read(wake_pipe[0], &event.kind, 1) > 0) {
            }
            break;
        case EXECUTOR_RUN_FINISHED:
            if (interrupted || event.cancelled)
                return EXIT_INTERRUPTED;
            if (!event.succeeded) {
                if (!event.has_failed_step)
                    log_error("%s", event.message);
                return EXIT_FAILURE_RUN;
            }
            return print_outputs(event.run_outputs, options, movable_root) < 0
                       ? cli_fail(EXIT_FAILURE_RUN) : EXIT_OK;
        default:
            error_set("the run ended without a result");
            return cli_fail(EXIT_FAILURE_RUN);
        }
    }
}

/* Loads the process and the job; returns 0 or the exit status. */
static int load(const run_options *options, cwl_workflow **workflow, cwl_job **job)
{
    int status = cwl_workflow_load(options->process, workflow);

    if (status == CWL_UNSUPPORTED)
        return cli_fail(EXIT_UNSUPPORTED);
    if (status < 0)
        return cli_fail(EXIT_USAGE);
    status = cwl_job_load(options->job, job);
    if (status == CWL_UNSUPPORTED)
        return cli_fail(EXIT_UNSUPPORTED);
    if (status < 0)
        return cli_fail(EXIT_USAGE);
    return 0;
}

static char *make_run_folder(const run_options *options)
{
    const char *base = getenv("TMPDIR");
    char *folder;

    if (options->workdir)
        return fs_absolute(options->workdir);
    folder = fs_join(base && *base ? base : "/tmp", "saber-opt-run-XXXXXX");
    if (folder && !mkdtemp(folder)) {
        error_set("cannot create a folder in %s: %s", base ? base : "/tmp",
                  strerror(errno));
        free(folder);
        return NULL;
    }
    return folder;
}

static int run_process(const run_options *options)
{
    cwl_workflow *workflow = NULL;
    cwl_job *job = NULL;
    executor *ex = NULL;
    char *folder = NULL;
    char *movable_root = NULL;
    unsigned long id;
    int status = load(options, &workflow, &job);

    if (status != 0)
        goto done;
    status = EXIT_FAILURE_RUN;
    folder = make_run_folder(options);
    ex = folder ? executor_new(options->jobs) : NULL;
    if (!ex || install_signals() < 0) {
        status = cli_fail(EXIT_FAILURE_RUN);
        goto done;
    }
    executor_set_logs_to_stderr(ex, 1);
    status = executor_submit(ex, workflow, job, NULL, 0, folder, NULL, &id);
    if (status < 0) {
        status = cli_fail(status == CWL_UNSUPPORTED ? EXIT_UNSUPPORTED : EXIT_USAGE);
        goto done;
    }
    movable_root = options->workdir ? NULL : realpath(folder, NULL);
    status = drive(ex, options, movable_root);
    if (status != EXIT_OK)
        log_error("step folders kept in %s", folder);

done:
    executor_free(ex);
    if (status == EXIT_OK && folder && !options->workdir && fs_remove_tree(folder) < 0)
        log_warning("%s", error_message());
    free(movable_root);
    free(folder);
    cwl_job_free(job);
    cwl_workflow_free(workflow);
    return status;
}

static int parse_jobs(const char *text, size_t *jobs)
{
    char *end;
    long value;

    errno = 0;
    value = strtol(text, &end, 10);
    if (end == text || *end || errno || value < 1 || value > 100000)
        return cli_usage_error("run", "invalid -j value '%s'; give a whole "
                               "number of 1 or more", text);
    *jobs = (size_t)value;
    return 0;
}

int cmd_run(int argc, char **argv)
{
    static const struct option options[] = {
        {"outdir", required_argument, NULL, 'o'},
        {"workdir", required_argument, NULL, 'w'},
        {"jobs", required_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'},
        {"log-level", required_argument, NULL, OPT_LOG_LEVEL},
        {"logLevel", required_argument, NULL, OPT_LOG_LEVEL},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    run_options opts = {".", NULL, 0, NULL, NULL};
    int c;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":hj:", options, NULL)) != -1) {
        switch (c) {
        case 'h':
            print_help();
            return EXIT_OK;
        case 'o':
            opts.outdir = optarg;
            break;
        case 'w':
            opts.workdir = optarg;
            break;
        case 'j':
            if (parse_jobs(optarg, &opts.jobs) != 0)
                return EXIT_USAGE;
            break;
        case 'q':
            log_set_level(SABER_LOG_ERROR);
            break;
        case OPT_LOG_LEVEL:
            if (cli_set_log_level("run", optarg) != 0)
                return EXIT_USAGE;
            break;
        case ':':
            return cli_usage_error("run", "option '%s' needs a value",
                                   argv[optind - 1]);
        default:
            return cli_usage_error("run", "unknown option '%s'", argv[optind - 1]);
        }
    }
    if (argc - optind < 1)
        return cli_usage_error("run", "missing PROCESS (a .cwl file)");
    if (argc - optind > 2)
        return cli_usage_error("run", "expected PROCESS and at most one JOB, got "
                               "%d arguments", argc - optind);
    opts.process = argv[optind];
    opts.job = argc - optind == 2 ? argv[optind + 1] : NULL;
    return run_process(&opts);
}
