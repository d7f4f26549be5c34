/* test-cwl-cmdline.c - command lines built as cwltool builds them. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "cwl.h"
#include "cwl_bind.h"
#include "cwl_cmdline.h"
#include "error.h"
#include "helpers.h"

/* Builds the command line of the lone tool at path for job (NULL: no
 * inputs) and returns it as "[arg]\n" lines, skipping the first skip
 * arguments. */
static char *command_line(const char *path, const char *job_path, size_t skip)
{
    cwl_workflow *workflow;
    cwl_job *job;
    arena memory = ARENA_INIT;
    cwl_bind_options options = {CWL_LISTING_NONE, 0, NULL, 0, 1};
    const cwl_process *tool;
    json_value *inputs;
    json_value *runtime;
    const char **argv;
    size_t argc;
    strbuf lines = STRBUF_INIT;

    cr_assert_eq(cwl_workflow_load(path, &workflow), 0, "%s", error_message());
    cr_assert_eq(cwl_job_load(job_path, &job), 0, "%s", error_message());
    tool = cwl_workflow_root(workflow);
    cr_assert_eq(cwl_bind_inputs(&memory, tool->inputs, tool->input_count,
                                 job->values, &options, "job", &inputs), 0,
                 "%s", error_message());
    runtime = json_new_object(&memory);
    json_set(&memory, runtime, "cores", json_new_int(&memory, 4));
    json_set(&memory, runtime, "outdir", json_new_string(&memory, "/out dir"));
    cr_assert_eq(cwl_command_line(&memory, tool, inputs, runtime, &argv, &argc), 0,
                 "%s", error_message());
    for (size_t i = skip; i < argc; i++)
        strbuf_printf(&lines, "[%s]\n", argv[i]);
    arena_release(&memory);
    cwl_job_free(job);
    cwl_workflow_free(workflow);
    return strbuf_detach(&lines);
}

/* Checks a case of tests/data/cwl/cases: the arguments after printf and
 * its format equal the expected file byte for byte. */
static void check_case(const char *tool, const char *job)
{
    char *tool_path = th_format("%s/cwl/cases/%s.cwl", th_env("SABER_TEST_DATA"), tool);
    char *job_path = th_format("%s/cwl/cases/%s.yml", th_env("SABER_TEST_DATA"), job);
    char *expected_path = th_format("%s/cwl/cases/%s.expected-argv.txt",
                                    th_env("SABER_TEST_DATA"), job);
    char *expected = th_read_file(expected_path, NULL);
    char *actual = command_line(tool_path, job_path, 2);

    cr_assert_not_null(expected, "cannot read %s", expected_path);
    cr_assert_str_eq(actual, expected, "%s: the arguments differ", job);
    free(actual);
    free(expected);
    free(expected_path);
    free(job_path);
    free(tool_path);
}

Test(cwl_cmdline, argument_order)
{
    check_case("argument_order", "argument_order.job1");
}

Test(cwl_cmdline, omitted_inputs_true_flags)
{
    check_case("omitted_inputs", "omitted_inputs.job1");
}

Test(cwl_cmdline, omitted_inputs_false_flags)
{
    check_case("omitted_inputs", "omitted_inputs.job2");
}

Test(cwl_cmdline, prefix_separate)
{
    check_case("prefix_separate", "prefix_separate.job1");
}

/* Writes tool and job into a folder and returns the command line. */
static char *inline_case(const char *tool, const char *job, size_t skip)
{
    char *dir = th_tmpdir();
    char *tool_path = th_write_file(dir, "tool.cwl", tool);
    char *job_path = th_write_file(dir, "job.yml", job);
    char *lines = command_line(tool_path, job_path, skip);

    th_rmtree(dir);
    free(tool_path);
    free(job_path);
    free(dir);
    return lines;
}

Test(cwl_cmdline, nested_array_bindings)
{
    static const char tool[] =
        "cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: run\n"
        "arguments: [first]\n"
        "inputs:\n"
        "  reads:\n"
        "    type: {type: array, items: string, inputBinding: {prefix: -Y}}\n"
        "    inputBinding: {position: 3, prefix: -X}\n"
        "  plain: {type: 'string[]', inputBinding: {position: 2}}\n"
        "  joined: {type: 'int[]', inputBinding: {position: 1, itemSeparator: ',', prefix: -I}}\n"
        "  nested:\n"
        "    type: {type: array, items: {type: array, items: string}}\n"
        "    inputBinding: {position: 4}\n";
    static const char job[] =
        "reads: [r1, r2]\nplain: [p1, p2]\njoined: [1, 2, 3]\nnested: [[a, b], [c]]\n";
    char *lines = inline_case(tool, job, 0);

    cr_assert_str_eq(lines, "[run]\n[first]\n[-I]\n[1,2,3]\n[p1]\n[p2]\n[-X]\n"
                            "[-Y]\n[r1]\n[-Y]\n[r2]\n[a]\n[b]\n[c]\n");
    free(lines);
}

Test(cwl_cmdline, records_and_value_from)
{
    static const char tool[] =
        "cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: [tool, sub]\n"
        "arguments:\n"
        "  - {valueFrom: $(runtime.cores), prefix: -t, position: 1}\n"
        "  - {valueFrom: 'at $(runtime.outdir)', position: 9}\n"
        "inputs:\n"
        "  options:\n"
        "    type:\n"
        "      type: record\n"
        "      fields:\n"
        "        depth: {type: int, inputBinding: {prefix: --depth}}\n"
        "        alpha: {type: 'float?', inputBinding: {prefix: --alpha=, separate: false}}\n"
        "    inputBinding: {position: 2, prefix: --options}\n"
        "  label: {type: string, inputBinding: {position: 3, valueFrom: 'L-$(self)'}}\n"
        "  unused: {type: 'string?', inputBinding: {position: 0, valueFrom: x}}\n";
    static const char job[] =
        "options: {depth: 3, alpha: 0.1}\nlabel: first run\n";
    char *lines = inline_case(tool, job, 0);

    cr_assert_str_eq(lines, "[tool]\n[sub]\n[-t]\n[4]\n[--options]\n[--alpha=0.1]\n"
                            "[--depth]\n[3]\n[L-first run]\n[at /out dir]\n");
    free(lines);
}

Test(cwl_cmdline, files_and_numbers)
{
    static const char tool[] =
        "cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: cat\n"
        "inputs:\n"
        "  data: {type: File, inputBinding: {position: 1}}\n"
        "  big: {type: long, inputBinding: {position: 2}}\n"
        "  huge: {type: double, inputBinding: {position: 3}}\n"
        "  whole: {type: float, inputBinding: {position: 4}}\n"
        "  choice: {type: {type: enum, symbols: [x, y]}, inputBinding: {position: 5}}\n";
    char *dir = th_tmpdir();
    char *data = th_write_file(dir, "data file.txt", "x");
    char *job = th_format("data: {class: File, location: data%%20file.txt}\n"
                          "big: 9007199254740993\nhuge: 1e16\nwhole: 2.0\nchoice: y\n");
    char *tool_path = th_write_file(dir, "tool.cwl", tool);
    char *job_path = th_write_file(dir, "job.yml", job);
    char *lines = command_line(tool_path, job_path, 0);
    char *expected = th_format("[cat]\n[%s]\n[9007199254740993]\n[1e+16]\n[2.0]\n[y]\n",
                               data);

    cr_assert_str_eq(lines, expected);
    th_rmtree(dir);
    free(lines), free(expected), free(job), free(data), free(tool_path);
    free(job_path), free(dir);
}
