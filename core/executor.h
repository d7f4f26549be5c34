/*
 * executor.h - workflow runs on a shared pool of processes.
 *
 * An executor accepts any number of workflow runs (one per parameter set
 * of an optimization) and runs their steps as soon as the steps they
 * depend on have finished, with at most max_processes tools running at
 * once over all runs.  Earlier runs and earlier steps (in the order of
 * `steps:` in the file) start first.  The caller drives it with
 * executor_wait(), which returns one event at a time:
 *
 *   EXECUTOR_STEP_STARTED   a step's tool was started
 *   EXECUTOR_STEP_FINISHED  a step ended: success, failure, cancelled, a
 *                           failure before its tool could start, or skipped
 *                           by its `when` condition
 *   EXECUTOR_RUN_FINISHED   every step of a run has ended, or cannot start
 *                           because a step it depends on failed
 *   EXECUTOR_WOKEN          the wake-up descriptor became readable
 *   EXECUTOR_TIMEOUT        the wait's timeout passed
 *   EXECUTOR_IDLE           no run is left
 *
 * Each run gets a folder, and each step of it the subfolder named after
 * the step, laid out as cwl_tool.h describes.  The steps of a run share
 * the temporary folder FOLDER/.tmp, because creating a folder costs time
 * on some file systems.
 * NOTE: a step named ".tmp" would share its folder with that one.  Nothing here installs a
 * signal handler; the wake-up descriptor lets a SIGINT handler's
 * self-pipe interrupt a wait.
 *
 * A step input's value comes, in order, from its sources (the job file for
 * workflow inputs, or upstream outputs), the step's default, the tool
 * input's default; valueFrom (a parameter reference) then applies.  An
 * override replaces the result for that step input, converted from its
 * exact text to the tool input's CWL type (cwl_type_convert_text), so a
 * string reaches the tool byte for byte.
 */
#ifndef SABER_EXECUTOR_H
#define SABER_EXECUTOR_H

#include <stddef.h>
#include <time.h>

#include "cwl.h"
#include "cwl_bind.h"
#include "cwl_wiring.h"
#include "json.h"

typedef struct executor executor;

/* One step input set by the caller: step, input and text (cwl_wiring.h);
 * all text is copied at submission. */
typedef cwl_override executor_override;

typedef enum executor_event_kind {
    EXECUTOR_STEP_STARTED,
    EXECUTOR_STEP_FINISHED,
    EXECUTOR_RUN_FINISHED,
    EXECUTOR_WOKEN,
    EXECUTOR_TIMEOUT,
    EXECUTOR_IDLE
} executor_event_kind;

/*
 * An event.  Its pointers stay valid until the next executor_wait() or
 * executor_free(); a run's memory is released at the wait that follows
 * its EXECUTOR_RUN_FINISHED event.
 */
typedef struct executor_event {
    executor_event_kind kind;
    unsigned long run;          /* the id executor_submit() gave */
    void *user_data;            /* as given to executor_submit() */
    size_t step;                /* index in the workflow's step order */
    const char *step_name;
    const char *folder;         /* the step's folder */

    /* EXECUTOR_STEP_FINISHED, and EXECUTOR_RUN_FINISHED for succeeded
     * and cancelled. */
    int succeeded;
    int cancelled;
    int started;                /* 0: the step failed before its tool ran,
                                 * or was skipped */
    int skipped;                /* its `when` condition was false: it
                                 * succeeded without running, outputs null */
    int exited;                 /* exit_code is valid */
    int exit_code;
    int signal;                 /* the signal that ended the tool, or 0 */
    double wall_seconds;        /* monotonic clock */
    double cpu_seconds;         /* user + system */
    struct timespec start_time; /* wall-clock times */
    struct timespec end_time;
    /* The step's standard output and error.  They are the same path when
     * one log file contains both (the tool captures neither with
     * stdout:/stderr:), and NULL for a stream sent to saber-opt's standard
     * error. */
    const char *stdout_path;
    const char *stderr_path;
    const char *message;        /* why it failed; NULL on success */
    const json_value *outputs;  /* the step's outputs, on success */

    /* EXECUTOR_RUN_FINISHED */
    int has_failed_step;
    size_t failed_step;         /* the first step that failed */
    const json_value *run_outputs; /* the workflow's outputs, on success */
} executor_event;

/* Returns an executor running at most max_processes tools at once (0:
 * the number of online CPUs), or NULL when out of memory. */
executor *executor_new(size_t max_processes);

/*
 * Cancels what still runs (SIGKILL to each process group, then a wait)
 * and releases everything.
 */
void executor_free(executor *executor);

/*
 * Submits a run of workflow with job (both borrowed: they must outlive the
 * run) and count overrides, in folder (created if missing).  Checks the
 * job against the workflow's inputs and every override against its step
 * input's type first.  user_data comes back with the run's events.
 * Returns 0 and sets *run_id, or CWL_ERROR with a message (the run is then
 * not submitted).
 */
int executor_submit(executor *executor, const cwl_workflow *workflow,
                    const cwl_job *job, const executor_override *overrides,
                    size_t count, const char *folder, void *user_data,
                    unsigned long *run_id);

/*
 * Starts what can start and waits for the next event, at most
 * timeout_seconds (< 0: no limit), returning early with EXECUTOR_WOKEN
 * when wake_fd (>= 0) becomes readable; the descriptor is not read.
 * Returns 0 with *event filled, or -1 with an error message.
 */
int executor_wait(executor *executor, double timeout_seconds, int wake_fd,
                  executor_event *event);

/*
 * Cancels run run_id, or every run when run_id is 0: steps not started
 * never start, running ones get SIGTERM on their process group and
 * SIGKILL after grace_seconds.  Their STEP_FINISHED events are marked
 * cancelled, then RUN_FINISHED comes.  Returns 0, or -1 when no such run exists.
 */
int executor_cancel(executor *executor, unsigned long run_id,
                    double grace_seconds);

/* Sends the streams a tool does not capture to saber-opt's standard error
 * instead of the step's log.txt (saber-opt run does this, as cwltool
 * shows a tool's output), for runs submitted from now on.  Each step
 * folder is then its tool's work folder, and the run folder is the
 * temporary folder (see cwl_tool.h). */
void executor_set_logs_to_stderr(executor *executor, int enabled);

/* Returns how many runs have not yet delivered EXECUTOR_RUN_FINISHED. */
size_t executor_active_runs(const executor *executor);

#endif
