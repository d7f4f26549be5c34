/* test-run.c - `saber-opt run`: real tools run from CWL files. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "helpers.h"
#include "runner.h"

/* A folder with an output folder inside, for one run. */
typedef struct run_dir {
    char *dir;
    char *outdir;
    char *outdir_option;
} run_dir;

static void run_dir_init(run_dir *r)
{
    r->dir = th_tmpdir();
    r->outdir = th_format("%s/out", r->dir);
    r->outdir_option = th_format("--outdir=%s", r->outdir);
    /* saber-opt run keeps the folders of a failed run in TMPDIR: keep them
     * in the test's folder, which the test removes. */
    setenv("TMPDIR", r->dir, 1);
}

static void run_dir_release(run_dir *r)
{
    th_rmtree(r->dir);
    free(r->dir);
    free(r->outdir);
    free(r->outdir_option);
}

static char *write_in(const run_dir *r, const char *name, const char *text)
{
    return th_write_file(r->dir, name, text);
}

static char *read_in(const char *dir, const char *name)
{
    char *path = th_format("%s/%s", dir, name);
    char *text = th_read_file(path, NULL);

    free(path);
    return text;
}

/* Runs a case of tests/data/cwl/cases and compares argv.txt. */
static void check_case(const char *tool, const char *job)
{
    run_dir r;
    char *tool_path = th_format("%s/cwl/cases/%s.cwl", th_env("SABER_TEST_DATA"), tool);
    char *job_path = th_format("%s/cwl/cases/%s.yml", th_env("SABER_TEST_DATA"), job);
    char *expected_path = th_format("%s/cwl/cases/%s.expected-argv.txt",
                                    th_env("SABER_TEST_DATA"), job);
    char *expected = th_read_file(expected_path, NULL);
    th_result result;
    char *argv_text;

    run_dir_init(&r);
    result = th_saber(r.dir, "run", r.outdir_option, "--quiet", tool_path, job_path,
                      NULL);
    cr_assert_eq(result.status, 0, "%s: exit %d: %s", job, result.status, result.err);
    argv_text = read_in(r.outdir, "argv.txt");
    cr_assert_not_null(argv_text, "no argv.txt in %s", r.outdir);
    cr_assert_str_eq(argv_text, expected, "%s: argv.txt differs", job);
    cr_assert(strstr(result.out, "\"basename\": \"argv.txt\""), "%s", result.out);
    th_result_free(&result);
    run_dir_release(&r);
    free(argv_text), free(expected), free(expected_path), free(job_path);
    free(tool_path);
}

Test(run, case_argument_order) { check_case("argument_order", "argument_order.job1"); }
Test(run, case_omitted_inputs1) { check_case("omitted_inputs", "omitted_inputs.job1"); }
Test(run, case_omitted_inputs2) { check_case("omitted_inputs", "omitted_inputs.job2"); }
Test(run, case_prefix_separate) { check_case("prefix_separate", "prefix_separate.job1"); }

static th_result run_glob_case(run_dir *r, const char *job)
{
    char *tool_path = th_format("%s/cwl/cases/glob_single_file.cwl",
                                th_env("SABER_TEST_DATA"));
    char *job_path = th_format("%s/cwl/cases/%s.yml", th_env("SABER_TEST_DATA"), job);
    th_result result;

    run_dir_init(r);
    result = th_saber(r->dir, "run", r->outdir_option, "--quiet", tool_path, job_path,
                      NULL);
    free(tool_path);
    free(job_path);
    return result;
}

Test(run, glob_no_match_fails)
{
    run_dir r;
    th_result result = run_glob_case(&r, "glob_single_file.job1");

    cr_assert_eq(result.status, 1, "exit %d: %s", result.status, result.err);
    cr_assert(strstr(result.err, "step 'glob_single_file' failed"), "%s", result.err);
    cr_assert(strstr(result.err, "no file matches"), "%s", result.err);
    cr_assert_str_eq(result.out, "");
    th_result_free(&result);
    run_dir_release(&r);
}

Test(run, glob_one_match)
{
    run_dir r;
    th_result result = run_glob_case(&r, "glob_single_file.job2");
    char *location = NULL;

    cr_assert_eq(result.status, 0, "exit %d: %s", result.status, result.err);
    location = th_format("\"location\": \"file://%s/only.out\"", r.outdir);
    cr_assert(strstr(result.out, location), "%s", result.out);
    cr_assert(strstr(result.out, "\"size\": 0"), "%s", result.out);
    cr_assert(strstr(result.out, "\"checksum\": "
                     "\"sha1$da39a3ee5e6b4b0d3255bfef95601890afd80709\""), "%s",
              result.out);
    cr_assert(strstr(result.out, "\"class\": \"File\""), "%s", result.out);
    free(location);
    th_result_free(&result);
    run_dir_release(&r);
}

Test(run, glob_two_matches_fail)
{
    run_dir r;
    th_result result = run_glob_case(&r, "glob_single_file.job3");

    cr_assert_eq(result.status, 1, "exit %d: %s", result.status, result.err);
    cr_assert(strstr(result.err, "matched 2 files"), "%s", result.err);
    th_result_free(&result);
    run_dir_release(&r);
}

Test(run, environment_only_declared)
{
    static const char tool[] =
        "cwlVersion: v1.2\n"
        "class: CommandLineTool\n"
        "requirements:\n"
        "  EnvVarRequirement: {envDef: {GREETING: 'hello $(inputs.who)'}}\n"
        "baseCommand: env\n"
        "inputs: {who: string}\n"
        "stdout: env.txt\n"
        "outputs: {env: stdout}\n";
    run_dir r;
    char *tool_path;
    char *job_path;
    th_result result;
    char *env;
    char *expected;

    run_dir_init(&r);
    tool_path = write_in(&r, "tool.cwl", tool);
    job_path = write_in(&r, "job.yml", "who: a b\n");
    result = th_saber(r.dir, "run", r.outdir_option, "--quiet", tool_path, job_path,
                      NULL);
    cr_assert_eq(result.status, 0, "exit %d: %s", result.status, result.err);
    env = read_in(r.outdir, "env.txt");
    cr_assert(strncmp(env, "HOME=/", 6) == 0, "%s", env);
    cr_assert(strstr(env, "/tool\nTMPDIR=/"), "HOME is the step folder: %s", env);
    expected = th_format("\nPATH=%s\nGREETING=hello a b\n", getenv("PATH"));
    cr_assert(strstr(env, expected), "%s", env);
    cr_assert_str_eq(strstr(env, expected), expected, "nothing else: %s", env);
    th_result_free(&result);
    run_dir_release(&r);
    free(env), free(expected), free(tool_path), free(job_path);
}

Test(run, job_requirements)
{
    static const char tool[] =
        "cwlVersion: v1.2\nclass: CommandLineTool\n"
        "requirements: {EnvVarRequirement: {envDef: {MODE: from-tool}}}\n"
        "baseCommand: [sh, -c, 'echo $MODE']\n"
        "inputs: []\nstdout: mode.txt\noutputs: {mode: stdout}\n";
    static const char job[] =
        "cwl:requirements:\n"
        "  - {class: EnvVarRequirement, envDef: [{envName: MODE, envValue: from-job}]}\n";
    run_dir r;
    char *tool_path;
    char *job_path;
    th_result result;
    char *mode;

    run_dir_init(&r);
    tool_path = write_in(&r, "tool.cwl", tool);
    job_path = write_in(&r, "job.yml", job);
    result = th_saber(r.dir, "run", r.outdir_option, "--quiet", tool_path, job_path,
                      NULL);
    cr_assert_eq(result.status, 0, "exit %d: %s", result.status, result.err);
    mode = read_in(r.outdir, "mode.txt");
    cr_assert_str_eq(mode, "from-job\n", "the job file's requirements win");
    th_result_free(&result);
    free(write_in(&r, "job.yml", "cwl:requirements: [{class: ShellCommandRequirement}]\n"));
    result = th_saber(r.dir, "run", r.outdir_option, "--quiet", tool_path, job_path,
                      NULL);
    cr_assert_eq(result.status, 33, "exit %d: %s", result.status, result.err);
    th_result_free(&result);
    run_dir_release(&r);
    free(mode), free(tool_path), free(job_path);
}

Test(run, stdin_and_stderr)
{
    static const char tool[] =
        "cwlVersion: v1.2\n"
        "class: CommandLineTool\n"
        "baseCommand: [sh, -c, 'cat; echo to-stderr >&2']\n"
        "inputs: {feed: File}\n"
        "stdin: $(inputs.feed.path)\n"
        "stdout: out.txt\n"
        "stderr: err.txt\n"
        "outputs: {out: stdout, err: stderr}\n";
    run_dir r;
    char *tool_path;
    char *job_path;
    th_result result;
    char *out;
    char *err;

    run_dir_init(&r);
    free(write_in(&r, "feed.txt", "from stdin\n"));
    tool_path = write_in(&r, "tool.cwl", tool);
    job_path = write_in(&r, "job.yml", "feed: {class: File, path: feed.txt}\n");
    result = th_saber(r.dir, "run", r.outdir_option, "--quiet", tool_path, job_path,
                      NULL);
    cr_assert_eq(result.status, 0, "exit %d: %s", result.status, result.err);
    out = read_in(r.outdir, "out.txt");
    err = read_in(r.outdir, "err.txt");
    cr_assert_str_eq(out, "from stdin\n");
    cr_assert_str_eq(err, "to-stderr\n");
    th_result_free(&result);
    run_dir_release(&r);
    free(out), free(err), free(tool_path), free(job_path);
}

Test(run, arguments_without_shell)
{
    static const char tool[] =
        "cwlVersion: v1.2\n"
        "class: CommandLineTool\n"
        "baseCommand: [printf, '[%s]\\n']\n"
        "arguments: ['$HOME', '*', 'a;b', \"it's\"]\n"
        "inputs: {text: {type: string, inputBinding: {position: 1}}}\n"
        "stdout: argv.txt\n"
        "outputs: {argv: stdout}\n";
    run_dir r;
    char *tool_path;
    char *job_path;
    th_result result;
    char *argv_text;

    run_dir_init(&r);
    tool_path = write_in(&r, "tool.cwl", tool);
    job_path = write_in(&r, "job.yml", "text: \"  `x` $(y) \\\\ \"\n");
    result = th_saber(r.dir, "run", r.outdir_option, "--quiet", tool_path, job_path,
                      NULL);
    cr_assert_eq(result.status, 0, "exit %d: %s", result.status, result.err);
    argv_text = read_in(r.outdir, "argv.txt");
    cr_assert_str_eq(argv_text, "[$HOME]\n[*]\n[a;b]\n[it's]\n[  `x` $(y) \\ ]\n");
    th_result_free(&result);
    run_dir_release(&r);
    free(argv_text), free(tool_path), free(job_path);
}

Test(run, directory_literal_and_stdin)
{
    static const char tool[] =
        "cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: cat\n"
        "inputs:\n"
        "  dir: Directory\n"
        "  feed: stdin\n"
        "arguments: ['$(inputs.dir.listing[0].path)', '-']\n"
        "stdout: out.txt\n"
        "outputs: {out: stdout}\n";
    static const char job[] =
        "dir: {class: Directory, basename: made,\n"
        "      listing: [{class: File, basename: a.txt, contents: \"literal\\n\"}]}\n"
        "feed: {class: File, contents: \"from stdin\\n\"}\n";
    run_dir r;
    char *tool_path;
    char *job_path;
    th_result result;
    char *out;

    run_dir_init(&r);
    tool_path = write_in(&r, "tool.cwl", tool);
    job_path = write_in(&r, "job.yml", job);
    result = th_saber(r.dir, "run", r.outdir_option, "--quiet", tool_path, job_path,
                      NULL);
    cr_assert_eq(result.status, 0, "exit %d: %s", result.status, result.err);
    out = read_in(r.outdir, "out.txt");
    cr_assert_str_eq(out, "literal\nfrom stdin\n");
    th_result_free(&result);
    run_dir_release(&r);
    free(out), free(tool_path), free(job_path);
}

Test(run, resources_round_up)
{
    static const char tool[] =
        "cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: echo\n"
        "requirements:\n"
        "  ResourceRequirement: {coresMin: 1.25, ramMin: $(inputs.ram), tmpdirMax: 7.5}\n"
        "inputs: {ram: float}\n"
        "arguments: [$(runtime.cores), $(runtime.ram), $(runtime.tmpdirSize),\n"
        "            $(runtime.outdirSize)]\n"
        "stdout: out.txt\n"
        "outputs: {out: stdout}\n";
    run_dir r;
    char *tool_path;
    char *job_path;
    th_result result;
    char *out;

    run_dir_init(&r);
    tool_path = write_in(&r, "tool.cwl", tool);
    job_path = write_in(&r, "job.yml", "ram: 254.1\n");
    result = th_saber(r.dir, "run", r.outdir_option, "--quiet", tool_path, job_path,
                      NULL);
    cr_assert_eq(result.status, 0, "exit %d: %s", result.status, result.err);
    out = read_in(r.outdir, "out.txt");
    cr_assert_str_eq(out, "2 255 8 1024\n");
    th_result_free(&result);
    run_dir_release(&r);
    free(out), free(tool_path), free(job_path);
}

Test(run, secondary_files)
{
    static const char tool[] =
        "cwlVersion: v1.2\nclass: CommandLineTool\n"
        "baseCommand: [sh, -c, 'cat \"$0.idx\" \"$1\"; touch out.dat out.dat.idx']\n"
        "inputs:\n"
        "  data: {type: File, secondaryFiles: [.idx, {pattern: ^.meta, required: false}],\n"
        "         inputBinding: {position: 1}}\n"
        "  plain: {type: File, inputBinding: {position: 2}}\n"
        "stdout: shown.txt\n"
        "outputs:\n"
        "  shown: stdout\n"
        "  made: {type: File, secondaryFiles: .idx, outputBinding: {glob: out.dat}}\n";
    run_dir r;
    char *tool_path;
    char *job_path;
    th_result result;
    char *shown;
    char *index;
    char *in_dir;

    run_dir_init(&r);
    in_dir = th_format("%s/in", r.dir);
    mkdir(in_dir, 0777);
    free(in_dir);
    free(write_in(&r, "in/x.dat", "data\n"));
    free(write_in(&r, "in/x.dat.idx", "index\n"));
    free(write_in(&r, "in/plain.txt", "plain\n"));
    tool_path = write_in(&r, "tool.cwl", tool);
    job_path = write_in(&r, "job.yml", "data: {class: File, location: in/x.dat}\n"
                                       "plain: {class: File, location: in/plain.txt}\n");
    result = th_saber(r.dir, "run", r.outdir_option, "--quiet", tool_path, job_path,
                      NULL);
    cr_assert_eq(result.status, 0, "exit %d: %s", result.status, result.err);
    shown = read_in(r.outdir, "shown.txt");
    cr_assert_str_eq(shown, "index\nplain\n");
    index = read_in(r.outdir, "out.dat.idx");
    cr_assert_not_null(index, "the output's secondary file is moved with it");
    cr_assert(strstr(result.out, "\"secondaryFiles\""), "%s", result.out);
    th_result_free(&result);
    free(write_in(&r, "job.yml", "data: {class: File, location: in/plain.txt}\n"
                                 "plain: {class: File, location: in/plain.txt}\n"));
    result = th_saber(r.dir, "run", r.outdir_option, "--quiet", tool_path, job_path,
                      NULL);
    cr_assert_eq(result.status, 2, "exit %d: %s", result.status, result.err);
    cr_assert(strstr(result.err, "the secondary file plain.txt.idx of plain.txt is missing"),
              "%s", result.err);
    th_result_free(&result);
    run_dir_release(&r);
    free(shown), free(index), free(tool_path), free(job_path);
}

Test(run, formats)
{
    static const char tool[] =
        "$namespaces: {edam: 'http://edamontology.org/'}\n"
        "cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: cat\n"
        "inputs:\n"
        "  data: {type: File, format: edam:format_1929, inputBinding: {position: 1}}\n"
        "stdout: out.txt\n"
        "outputs:\n"
        "  out: {type: File, format: $(inputs.data.format), outputBinding: {glob: out.txt}}\n";
    run_dir r;
    char *tool_path;
    char *job_path;
    th_result result;

    run_dir_init(&r);
    free(write_in(&r, "x.fa", ">x\n"));
    tool_path = write_in(&r, "tool.cwl", tool);
    job_path = write_in(&r, "job.yml",
                        "data: {class: File, location: x.fa, format: edam:format_1929}\n");
    result = th_saber(r.dir, "run", r.outdir_option, "--quiet", tool_path, job_path,
                      NULL);
    cr_assert_eq(result.status, 0, "exit %d: %s", result.status, result.err);
    cr_assert(strstr(result.out,
                     "\"format\": \"http://edamontology.org/format_1929\""),
              "%s", result.out);
    th_result_free(&result);
    free(write_in(&r, "job.yml",
                  "data: {class: File, location: x.fa, format: edam:format_2330}\n"));
    result = th_saber(r.dir, "run", r.outdir_option, "--quiet", tool_path, job_path,
                      NULL);
    cr_assert_eq(result.status, 2, "exit %d: %s", result.status, result.err);
    cr_assert(strstr(result.err, "format 'http://edamontology.org/format_2330'"), "%s",
              result.err);
    th_result_free(&result);
    run_dir_release(&r);
    free(tool_path), free(job_path);
}

Test(run, success_codes)
{
    static const char tool[] =
        "cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: 'false'\n"
        "inputs: []\noutputs: []\nsuccessCodes: [1]\n";
    static const char failing[] =
        "cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: 'true'\n"
        "inputs: []\noutputs: []\npermanentFailCodes: [0]\n";
    run_dir r;
    char *tool_path;
    char *failing_path;
    th_result result;

    run_dir_init(&r);
    tool_path = write_in(&r, "ok.cwl", tool);
    failing_path = write_in(&r, "fail.cwl", failing);
    result = th_saber(r.dir, "run", r.outdir_option, "--quiet", tool_path, NULL);
    cr_assert_eq(result.status, 0, "exit %d: %s", result.status, result.err);
    cr_assert_str_eq(result.out, "{}\n");
    th_result_free(&result);
    result = th_saber(r.dir, "run", r.outdir_option, "--quiet", failing_path, NULL);
    cr_assert_eq(result.status, 1, "exit %d: %s", result.status, result.err);
    cr_assert(strstr(result.err, "status 0, listed as a failure"), "%s", result.err);
    th_result_free(&result);
    run_dir_release(&r);
    free(tool_path), free(failing_path);
}

static const char upper_tool[] =
    "cwlVersion: v1.2\nclass: CommandLineTool\n"
    "baseCommand: [tr, a-z, A-Z]\n"
    "inputs: {text: File}\n"
    "stdin: $(inputs.text.path)\n"
    "stdout: upper.txt\n"
    "outputs: {upper: {type: File, outputBinding: {glob: upper.txt}}}\n";

static const char fail_tool[] =
    "cwlVersion: v1.2\nclass: CommandLineTool\n"
    "baseCommand: [sh, -c, 'echo broken on purpose; exit 3']\n"
    "inputs: {text: File}\noutputs: {out: {type: File, outputBinding: {glob: x}}}\n";

static const char workflow[] =
    "cwlVersion: v1.2\nclass: Workflow\n"
    "inputs: {text: File}\n"
    "outputs:\n"
    "  first: {type: File, outputSource: one/upper}\n"
    "  second: {type: File, outputSource: two/upper}\n"
    "steps:\n"
    "  one: {run: upper.cwl, in: {text: text}, out: [upper]}\n"
    "  two: {run: upper.cwl, in: {text: one/upper}, out: [upper]}\n";

static const char broken_workflow[] =
    "cwlVersion: v1.2\nclass: Workflow\n"
    "inputs: {text: File}\n"
    "outputs: {last: {type: File, outputSource: after/upper}}\n"
    "steps:\n"
    "  broken: {run: fail.cwl, in: {text: text}, out: [out]}\n"
    "  after: {run: upper.cwl, in: {text: broken/out}, out: [upper]}\n";

Test(run, workflow_two_steps)
{
    run_dir r;
    char *wf_path;
    char *job_path;
    char *keep;
    th_result result;
    char *second;
    char *log;

    run_dir_init(&r);
    free(write_in(&r, "upper.cwl", upper_tool));
    free(write_in(&r, "text.txt", "abc\n"));
    wf_path = write_in(&r, "wf.cwl", workflow);
    job_path = write_in(&r, "job.yml", "text: {class: File, location: text.txt}\n");
    keep = th_format("--workdir=%s/steps", r.dir);
    result = th_saber(r.dir, "run", r.outdir_option, keep, wf_path, job_path, NULL);
    cr_assert_eq(result.status, 0, "exit %d: %s", result.status, result.err);
    second = read_in(r.outdir, "upper.txt_2");
    cr_assert_str_eq(second, "ABC\n", "both outputs are named upper.txt");
    cr_assert(strstr(result.out, "\"first\""), "%s", result.out);
    cr_assert(strstr(result.err, "step 'two' started"), "%s", result.err);
    log = th_format("%s/steps/one/upper.txt", r.dir);
    cr_assert(access(log, F_OK) == 0, "the step folders are kept: %s", log);
    th_result_free(&result);
    run_dir_release(&r);
    free(second), free(log), free(keep), free(wf_path), free(job_path);
}

Test(run, failed_step_reported)
{
    run_dir r;
    char *wf_path;
    char *job_path;
    th_result result;

    run_dir_init(&r);
    free(write_in(&r, "upper.cwl", upper_tool));
    free(write_in(&r, "fail.cwl", fail_tool));
    free(write_in(&r, "text.txt", "abc\n"));
    wf_path = write_in(&r, "wf.cwl", broken_workflow);
    job_path = write_in(&r, "job.yml", "text: {class: File, location: text.txt}\n");
    result = th_saber(r.dir, "run", r.outdir_option, wf_path, job_path, NULL);
    cr_assert_eq(result.status, 1, "exit %d: %s", result.status, result.err);
    cr_assert(strstr(result.err, "step 'broken' failed: the tool exited with status 3"),
              "%s", result.err);
    cr_assert(strstr(result.err, "broken on purpose\n"),
              "what the tool prints reaches standard error: %s", result.err);
    cr_assert(strstr(result.err, "step 'broken' ran in /"), "%s", result.err);
    cr_assert_null(strstr(result.err, "step 'after' started"), "%s", result.err);
    cr_assert_str_eq(result.out, "");
    th_result_free(&result);
    run_dir_release(&r);
    free(wf_path), free(job_path);
}

Test(run, exit_statuses)
{
    static const char js_tool[] =
        "cwlVersion: v1.2\nclass: CommandLineTool\n"
        "requirements: {InlineJavascriptRequirement: {}}\n"
        "baseCommand: echo\narguments: ['${return 1;}']\ninputs: []\noutputs: []\n";
    run_dir r;
    char *tool_path;
    th_result result;

    run_dir_init(&r);
    tool_path = write_in(&r, "js.cwl", js_tool);
    result = th_saber(r.dir, "run", tool_path, NULL);
    cr_assert_eq(result.status, 33, "exit %d: %s", result.status, result.err);
    cr_assert(strstr(result.err, "js.cwl:5:13: JavaScript expression"), "%s", result.err);
    th_result_free(&result);
    free(tool_path);

    tool_path = write_in(&r, "upper.cwl", upper_tool);
    result = th_saber(r.dir, "run", tool_path, NULL);
    cr_assert_eq(result.status, 2, "exit %d: %s", result.status, result.err);
    cr_assert(strstr(result.err, "missing required input 'text'"), "%s", result.err);
    th_result_free(&result);

    result = th_saber(r.dir, "run", NULL);
    cr_assert_eq(result.status, 2);
    cr_assert(strstr(result.err, "missing PROCESS"), "%s", result.err);
    th_result_free(&result);

    result = th_saber(r.dir, "run", "--help", NULL);
    cr_assert_eq(result.status, 0);
    cr_assert(strstr(result.out, "Usage: saber-opt run"), "%s", result.out);
    cr_assert_str_eq(result.err, "");
    th_result_free(&result);
    run_dir_release(&r);
    free(tool_path);
}

/* SIGTERM stops the running steps (their whole process group) and saber-opt
 * run exits 130. */
Test(run, interrupted)
{
    static const char tool[] =
        "cwlVersion: v1.2\nclass: CommandLineTool\n"
        "baseCommand: [sh, -c, 'echo $$ > \"$0/sh.pid\"; sleep 300']\n"
        "inputs: {dir: {type: string, inputBinding: {position: 1}}}\n"
        "outputs: []\n";
    run_dir r;
    char *tool_path;
    char *job_path;
    char *job;
    char *pid_path;
    char *pid_text = NULL;
    const char *argv[6];
    runner_spec spec;
    runner_process *process;
    pid_t tool_pid;

    run_dir_init(&r);
    tool_path = write_in(&r, "tool.cwl", tool);
    job = th_format("dir: %s\n", r.dir);
    job_path = write_in(&r, "job.yml", job);
    pid_path = th_format("%s/sh.pid", r.dir);
    argv[0] = th_env("SABER_OPT");
    argv[1] = "run";
    argv[2] = "--quiet";
    argv[3] = tool_path;
    argv[4] = job_path;
    argv[5] = NULL;
    spec = (runner_spec){argv, NULL, r.dir, NULL, NULL, NULL, 0};
    process = runner_start(&spec);
    cr_assert_not_null(process, "%s", error_message());
    for (int i = 0; i < 1000 && !(pid_text && strchr(pid_text, '\n')); i++) {
        free(pid_text);
        usleep(10000);
        pid_text = th_read_file(pid_path, NULL);
    }
    cr_assert(pid_text && strchr(pid_text, '\n'), "the tool never started");
    tool_pid = (pid_t)atol(pid_text);
    kill(runner_pid(process), SIGTERM);
    cr_assert_eq(runner_wait(process), 0);
    cr_assert_eq(runner_status_of(process)->exit_code, 130);
    for (int i = 0; i < 500 && kill(tool_pid, 0) == 0; i++)
        usleep(10000);
    cr_assert_neq(kill(tool_pid, 0), 0, "the tool %ld still runs", (long)tool_pid);
    runner_free(process);
    run_dir_release(&r);
    free(pid_text), free(pid_path), free(job), free(job_path), free(tool_path);
}
