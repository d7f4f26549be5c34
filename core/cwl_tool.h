/*
 * cwl_tool.h - one CommandLineTool invocation: its folder, its command and
 * the outputs it left.
 *
 * A step runs in its own folder:
 *
 *   FOLDER/work/    the tool's output folder (runtime.outdir, HOME and the
 *                   current folder of the command); outputs are found here
 *   FOLDER/tmp/     runtime.tmpdir and TMPDIR, unless the caller gives a
 *                   temporary folder (the executor shares one per run)
 *   FOLDER/inputs/  input files staged under another name, file literals
 *   FOLDER/log.txt  the tool's standard output and error, when the tool
 *                   does not capture them with stdout: or stderr: (unless
 *                   they go to saber-opt's standard error)
 *
 * When the tool's streams go to saber-opt's standard error instead of a
 * log (cwl_tool_options.logs_to_stderr), FOLDER itself is the work folder
 * and staged inputs go to TMPDIR/inputs-STEP/, which saves creating and
 * removing a folder per step.
 *
 * The environment holds only HOME, TMPDIR and PATH (saber-opt's own), plus
 * EnvVarRequirement.  Input files are used where they are; one whose
 * basename differs from its file name is reached through a symbolic link
 * in inputs/, and InitialWorkDirRequirement entries are linked or written
 * into work/.
 */
#ifndef SABER_CWL_TOOL_H
#define SABER_CWL_TOOL_H

#include "cwl.h"
#include "runner.h"

/* A prepared invocation; every pointer lives in the arena given to
 * cwl_tool_prepare(). */
typedef struct cwl_tool_run {
    const cwl_process *tool;
    const cwl_requirements *requirements;
    const char *folder;
    const char *workdir;
    const char *tmpdir;
    const char *stage_dir;      /* where inputs are staged, one folder each */
    const char *stdin_path;     /* NULL: /dev/null */
    /* The destinations of the tool's standard output and error: equal
     * paths for a shared log, NULL for saber-opt's standard error. */
    const char *stdout_path;
    const char *stderr_path;
    const char **argv;          /* NULL-terminated */
    const char **envp;          /* NULL-terminated */
    json_value *inputs;         /* the bound input object, staged paths */
    json_value *runtime;        /* the runtime object */
    long timelimit;             /* seconds, 0 for none (ToolTimeLimit) */
    int logs_to_stderr;         /* as cwl_tool_options */
} cwl_tool_run;

/* Choices of the caller of cwl_tool_prepare(). */
typedef struct cwl_tool_options {
    const char *tmpdir;     /* the temporary folder, created if missing;
                             * NULL: FOLDER/tmp */
    int logs_to_stderr;     /* streams the tool does not capture go to
                             * saber-opt's standard error, not log.txt, and
                             * the step folder is the work folder */
} cwl_tool_options;

/*
 * Prepares tool for the input values given (an object, in which missing
 * inputs take the tool's defaults) in folder.  It binds and checks the
 * inputs, creates the folders, stages files and builds the command and the
 * environment.  requirements are those in effect for the step.  Returns
 * 0, or CWL_ERROR or CWL_UNSUPPORTED with a message.
 */
int cwl_tool_prepare(arena *a, const cwl_process *tool,
                     const cwl_requirements *requirements,
                     const json_value *given, const char *folder,
                     const cwl_tool_options *options, cwl_tool_run *run);

/* Returns the runner spec of a prepared invocation (borrowing from it). */
runner_spec cwl_tool_spec(const cwl_tool_run *run);

/*
 * Decides from how the process ended whether the step succeeded
 * (successCodes, permanentFailCodes, temporaryFailCodes, else exit 0).
 * Then gathers the outputs: cwl.output.json when the tool wrote one, else
 * each output's glob, loadContents and outputEval.  Matches are sorted, and
 * a single File or Directory output needs exactly one match unless it is
 * optional.  Every output must match its type.  Returns 0 with *outputs
 * (in a), or CWL_ERROR with a message saying why the step failed.
 */
int cwl_tool_collect(arena *a, const cwl_tool_run *run,
                     const runner_status *status, json_value **outputs);

#endif
