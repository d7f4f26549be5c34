/* test-cwl-load.c - loading CWL documents: structure, positions, what is
 * unsupported, and the introspection the optimize loop uses. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "cwl.h"
#include "error.h"
#include "helpers.h"
#include "strbuf.h"

static const char echo_tool[] =
    "cwlVersion: v1.2\n"
    "class: CommandLineTool\n"
    "baseCommand: echo\n"
    "hints:\n"
    "  saber:\n"
    "    score_format: 'tool: {score}'\n"
    "inputs:\n"
    "  message: {type: string, inputBinding: {position: 1}}\n"
    "  repeat: {type: 'int?', default: 1}\n"
    "  level: {type: {type: enum, symbols: [low, high]}, default: low}\n"
    "  ratio: double\n"
    "  verbose: boolean\n"
    "  names: string[]\n"
    "outputs:\n"
    "  out: stdout\n";

static const char three_steps[] =
    "cwlVersion: v1.2\n"
    "class: Workflow\n"
    "inputs:\n"
    "  text: string\n"
    "  ratio: {type: double, default: 0.5}\n"
    "  switch: {type: boolean, default: yes}\n"
    "outputs:\n"
    "  result: {type: File, outputSource: gamma/out}\n"
    "steps:\n"
    "  beta:\n"
    "    run: echo.cwl\n"
    "    in: {message: text, ratio: ratio, verbose: {default: true}, names: {default: []}}\n"
    "    out: [out]\n"
    "    hints:\n"
    "      saber:\n"
    "        score_format: 'F1: {score}'\n"
    "        local: true\n"
    "  alpha:\n"
    "    run: echo.cwl\n"
    "    in:\n"
    "      message: {source: text}\n"
    "      ratio: {default: 0.25}\n"
    "      verbose: {default: false}\n"
    "      names: {default: [a]}\n"
    "    out: [out]\n"
    "  gamma:\n"
    "    run: echo.cwl\n"
    "    in: {message: text, ratio: ratio, verbose: {default: true}, names: {default: []}}\n"
    "    out: [out]\n";

/* Writes the files of a test into a new folder; returns the folder. */
static char *write_files(const char *const *names, const char *const *texts,
                         size_t count)
{
    char *dir = th_tmpdir();

    for (size_t i = 0; i < count; i++)
        free(th_write_file(dir, names[i], texts[i]));
    return dir;
}

static cwl_workflow *load_ok(const char *dir, const char *name)
{
    char *path = th_format("%s/%s", dir, name);
    cwl_workflow *workflow = NULL;

    cr_assert_eq(cwl_workflow_load(path, &workflow), 0, "%s", error_message());
    free(path);
    return workflow;
}

/* Loads name and expects it to fail with status and a message holding
 * every one of the texts. */
static void load_fails(const char *dir, const char *name, int status,
                       const char *text1, const char *text2)
{
    char *path = th_format("%s/%s", dir, name);
    cwl_workflow *workflow = NULL;

    cr_assert_eq(cwl_workflow_load(path, &workflow), status, "%s: %s", name,
                 error_message());
    cr_assert_null(workflow);
    cr_assert(strstr(error_message(), text1), "message: %s", error_message());
    if (text2)
        cr_assert(strstr(error_message(), text2), "message: %s", error_message());
    free(path);
}

Test(cwl_load, steps_in_file_order)
{
    const char *names[] = {"wf.cwl", "echo.cwl"};
    const char *texts[] = {three_steps, echo_tool};
    char *dir = write_files(names, texts, 2);
    cwl_workflow *workflow = load_ok(dir, "wf.cwl");

    cr_assert_eq(cwl_workflow_step_count(workflow), 3);
    cr_assert_str_eq(cwl_workflow_step(workflow, 0)->name, "beta");
    cr_assert_str_eq(cwl_workflow_step(workflow, 1)->name, "alpha");
    cr_assert_str_eq(cwl_workflow_step(workflow, 2)->name, "gamma");
    cr_assert_null(cwl_workflow_step(workflow, 3));
    cwl_workflow_free(workflow);
    th_rmtree(dir);
    free(dir);
}

Test(cwl_load, step_positions)
{
    const char *names[] = {"wf.cwl", "echo.cwl"};
    const char *texts[] = {three_steps, echo_tool};
    char *dir = write_files(names, texts, 2);
    cwl_workflow *workflow = load_ok(dir, "wf.cwl");
    const cwl_step *alpha = cwl_workflow_find_step(workflow, "alpha");
    char *file = th_format("%s/wf.cwl", dir);

    cr_assert_not_null(alpha);
    cr_assert_str_eq(alpha->where.file, file);
    cr_assert_eq(alpha->where.line, 18);
    cr_assert_eq(alpha->where.column, 3);
    cwl_workflow_free(workflow);
    th_rmtree(dir);
    free(file);
    free(dir);
}

Test(cwl_load, tool_inputs_and_types)
{
    const char *names[] = {"wf.cwl", "echo.cwl"};
    const char *texts[] = {three_steps, echo_tool};
    static const char *const expected[][2] = {
        {"message", "string"}, {"repeat", "int?"}, {"level", "enum"},
        {"ratio", "double"}, {"verbose", "boolean"}, {"names", "string[]"},
    };
    char *dir = write_files(names, texts, 2);
    cwl_workflow *workflow = load_ok(dir, "wf.cwl");
    const cwl_step *beta = cwl_workflow_step(workflow, 0);

    cr_assert_eq(beta->run->input_count, 6);
    for (size_t i = 0; i < 6; i++) {
        cr_expect_str_eq(beta->run->inputs[i].name, expected[i][0]);
        cr_expect_str_eq(cwl_param_type_text(workflow, &beta->run->inputs[i]),
                         expected[i][1]);
    }
    cr_assert_not_null(cwl_step_tool_input(beta, "repeat"));
    cr_assert_null(cwl_step_tool_input(beta, "nonexistent"));
    cwl_workflow_free(workflow);
    th_rmtree(dir);
    free(dir);
}

Test(cwl_load, saber_hints)
{
    const char *names[] = {"wf.cwl", "echo.cwl"};
    const char *texts[] = {three_steps, echo_tool};
    char *dir = write_files(names, texts, 2);
    cwl_workflow *workflow = load_ok(dir, "wf.cwl");
    const cwl_step *beta = cwl_workflow_step(workflow, 0);
    const cwl_step *alpha = cwl_workflow_step(workflow, 1);
    const ynode *format;

    cr_assert_not_null(beta->saber_hint);
    format = ynode_get(beta->saber_hint, "score_format");
    cr_assert_str_eq(format->value, "F1: {score}");
    cr_assert_eq(format->line, 16);
    cr_assert(strstr(ydoc_name(beta->saber_doc), "wf.cwl"));
    cr_assert_not_null(alpha->saber_hint, "the tool's hint is the fallback");
    cr_assert_str_eq(ynode_get(alpha->saber_hint, "score_format")->value,
                     "tool: {score}");
    cr_assert(strstr(ydoc_name(alpha->saber_doc), "echo.cwl"));
    cwl_workflow_free(workflow);
    th_rmtree(dir);
    free(dir);
}

Test(cwl_load, workflow_inputs_and_wiring)
{
    const char *names[] = {"wf.cwl", "echo.cwl"};
    const char *texts[] = {three_steps, echo_tool};
    char *dir = write_files(names, texts, 2);
    cwl_workflow *workflow = load_ok(dir, "wf.cwl");
    const cwl_process *process = cwl_workflow_process(workflow);
    const cwl_step *beta = cwl_workflow_step(workflow, 0);
    const cwl_step *alpha = cwl_workflow_step(workflow, 1);

    cr_assert_eq(process->input_count, 3);
    cr_assert_str_eq(process->inputs[0].name, "text");
    cr_assert_str_eq(process->inputs[1].name, "ratio");
    cr_assert_str_eq(process->inputs[2].name, "switch");
    cr_assert_str_eq(process->inputs[2].default_value->string, "yes",
                     "YAML 1.2: yes is text");
    cr_assert_str_eq(cwl_step_input_source(workflow, beta, "ratio")->name, "ratio");
    cr_assert_str_eq(cwl_step_input_source(workflow, alpha, "message")->name, "text");
    cr_assert_null(cwl_step_input_source(workflow, alpha, "ratio"));
    cr_assert_null(cwl_step_input_source(workflow, alpha, "repeat"));
    cwl_workflow_free(workflow);
    th_rmtree(dir);
    free(dir);
}

Test(cwl_load, lone_tool_one_step)
{
    const char *names[] = {"echo.cwl"};
    const char *texts[] = {echo_tool};
    char *dir = write_files(names, texts, 1);
    cwl_workflow *workflow = load_ok(dir, "echo.cwl");
    const cwl_step *step = cwl_workflow_step(workflow, 0);

    cr_assert_eq(cwl_workflow_step_count(workflow), 1);
    cr_assert_str_eq(step->name, "echo");
    cr_assert_eq(cwl_workflow_root(workflow)->kind, CWL_COMMAND_LINE_TOOL);
    cr_assert_eq(cwl_workflow_process(workflow)->input_count, 6);
    cr_assert_str_eq(cwl_step_input_source(workflow, step, "message")->name, "message");
    cr_assert_not_null(step->saber_hint);
    cwl_workflow_free(workflow);
    th_rmtree(dir);
    free(dir);
}

Test(cwl_load, packed_graph)
{
    static const char packed[] =
        "{\"cwlVersion\": \"v1.2\", \"$graph\": [\n"
        " {\"class\": \"Workflow\", \"id\": \"#main\",\n"
        "  \"inputs\": [{\"id\": \"#main/x\", \"type\": \"string\"}],\n"
        "  \"outputs\": [{\"id\": \"#main/o\", \"type\": \"File\",\n"
        "                \"outputSource\": \"#main/s/out\"}],\n"
        "  \"steps\": [{\"id\": \"#main/s\", \"run\": \"#tool\",\n"
        "    \"in\": [{\"id\": \"#main/s/message\", \"source\": \"#main/x\"}],\n"
        "    \"out\": [\"#main/s/out\"]}]},\n"
        " {\"class\": \"CommandLineTool\", \"id\": \"#tool\", \"baseCommand\": \"echo\",\n"
        "  \"inputs\": [{\"id\": \"#tool/message\", \"type\": \"string\"}],\n"
        "  \"outputs\": [{\"id\": \"#tool/out\", \"type\": \"stdout\"}]}]}\n";
    const char *names[] = {"packed.cwl"};
    const char *texts[] = {packed};
    char *dir = write_files(names, texts, 1);
    cwl_workflow *workflow = load_ok(dir, "packed.cwl#main");
    const cwl_step *step = cwl_workflow_step(workflow, 0);

    cr_assert_str_eq(step->name, "s");
    cr_assert_str_eq(step->inputs[0].name, "message");
    cr_assert_str_eq(step->inputs[0].sources[0], "x");
    cr_assert_str_eq(cwl_workflow_process(workflow)->outputs[0].sources[0], "s/out");
    cr_assert_str_eq(step->run->inputs[0].name, "message");
    cwl_workflow_free(workflow);
    th_rmtree(dir);
    free(dir);
}

Test(cwl_load, javascript_is_unsupported)
{
    static const char tool[] =
        "cwlVersion: v1.2\n"
        "class: CommandLineTool\n"
        "requirements: [{class: InlineJavascriptRequirement}]\n"
        "inputs: {n: int}\n"
        "outputs: []\n"
        "arguments: [echo, $(inputs.n * 2)]\n";
    const char *names[] = {"js.cwl"};
    const char *texts[] = {tool};
    char *dir = write_files(names, texts, 1);

    load_fails(dir, "js.cwl", CWL_UNSUPPORTED, "js.cwl:6:19:", "JavaScript");
    th_rmtree(dir);
    free(dir);
}

Test(cwl_load, unsupported_features)
{
    static const char expression_tool[] =
        "cwlVersion: v1.2\nclass: ExpressionTool\ninputs: []\noutputs: []\n"
        "expression: '${return {};}'\n";
    static const char shell[] =
        "cwlVersion: v1.2\nclass: CommandLineTool\n"
        "requirements: {ShellCommandRequirement: {}}\n"
        "inputs: []\noutputs: []\nbaseCommand: echo\n";
    static const char unknown[] =
        "cwlVersion: v1.2\nclass: CommandLineTool\n"
        "requirements: [{class: FancyRequirement}]\n"
        "inputs: []\noutputs: []\nbaseCommand: echo\n";
    static const char scatter[] =
        "cwlVersion: v1.2\nclass: Workflow\ninputs: {x: 'string[]'}\noutputs: []\n"
        "steps:\n  s:\n    run: ok.cwl\n    scatter: message\n"
        "    in: {message: x}\n    out: []\n";
    static const char ok[] =
        "cwlVersion: v1.2\nclass: CommandLineTool\n"
        "hints: [{class: FancyHint}, {class: DockerRequirement, dockerPull: x}]\n"
        "inputs: {message: string}\noutputs: []\nbaseCommand: echo\n";
    const char *names[] = {"expr.cwl", "shell.cwl", "unknown.cwl", "scatter.cwl",
                           "ok.cwl"};
    const char *texts[] = {expression_tool, shell, unknown, scatter, ok};
    char *dir = write_files(names, texts, 5);
    cwl_workflow *workflow;

    load_fails(dir, "expr.cwl", CWL_UNSUPPORTED, "expr.cwl:2:8:", "ExpressionTool");
    load_fails(dir, "shell.cwl", CWL_UNSUPPORTED, "shell.cwl:3:16:",
               "ShellCommandRequirement");
    load_fails(dir, "unknown.cwl", CWL_UNSUPPORTED, "unknown.cwl:3:16:",
               "FancyRequirement");
    load_fails(dir, "scatter.cwl", CWL_UNSUPPORTED, "scatter.cwl:8:14:", "scatter");
    workflow = load_ok(dir, "ok.cwl");
    cwl_workflow_free(workflow);
    th_rmtree(dir);
    free(dir);
}

Test(cwl_load, invalid_documents)
{
    static const char bad_source[] =
        "cwlVersion: v1.2\nclass: Workflow\ninputs: {x: string}\noutputs: []\n"
        "steps:\n  s:\n    run: ok.cwl\n    in: {message: nowhere/out}\n    out: []\n";
    static const char cycle[] =
        "cwlVersion: v1.2\nclass: Workflow\ninputs: []\noutputs: []\n"
        "steps:\n"
        "  a: {run: ok.cwl, in: {message: b/out}, out: [out]}\n"
        "  b: {run: ok.cwl, in: {message: a/out}, out: [out]}\n";
    static const char missing_run[] =
        "cwlVersion: v1.2\nclass: Workflow\ninputs: []\noutputs: []\n"
        "steps:\n  s: {run: absent.cwl, in: {}, out: []}\n";
    static const char bad_type[] =
        "cwlVersion: v1.2\nclass: CommandLineTool\ninputs: {x: integer}\n"
        "outputs: []\nbaseCommand: echo\n";
    static const char ok[] =
        "cwlVersion: v1.2\nclass: CommandLineTool\n"
        "inputs: {message: string}\noutputs: {out: stdout}\nbaseCommand: echo\n";
    const char *names[] = {"source.cwl", "cycle.cwl", "run.cwl", "type.cwl", "ok.cwl"};
    const char *texts[] = {bad_source, cycle, missing_run, bad_type, ok};
    char *dir = write_files(names, texts, 5);

    load_fails(dir, "source.cwl", CWL_ERROR, "source.cwl:8:10:", "nowhere/out");
    load_fails(dir, "cycle.cwl", CWL_ERROR, "cycle.cwl:", "depends on its own outputs");
    load_fails(dir, "run.cwl", CWL_ERROR, "absent.cwl", NULL);
    load_fails(dir, "type.cwl", CWL_ERROR, "type.cwl:3:13:", "unknown type 'integer'");
    load_fails(dir, "nonexistent.cwl", CWL_ERROR, "nonexistent.cwl", NULL);
    th_rmtree(dir);
    free(dir);
}

/* Converts text for the tool input name of the lone echo tool. */
static int convert(cwl_workflow *workflow, const char *name, const char *text,
                   json_value **value)
{
    const cwl_param *input = cwl_step_tool_input(cwl_workflow_step(workflow, 0), name);

    cr_assert_not_null(input);
    return cwl_type_convert_text(cwl_workflow_arena(workflow), input->type, text,
                                 "/base", value);
}

Test(cwl_load, type_check_text)
{
    const char *names[] = {"echo.cwl"};
    const char *texts[] = {echo_tool};
    char *dir = write_files(names, texts, 1);
    cwl_workflow *workflow = load_ok(dir, "echo.cwl");
    json_value *value;

    cr_assert_eq(convert(workflow, "repeat", "5", &value), 0);
    cr_assert_eq(value->kind, JSON_INT);
    cr_assert_eq(value->integer, 5);
    cr_assert_eq(convert(workflow, "repeat", "0.5", &value), CWL_ERROR);
    cr_assert(strstr(error_message(), "'0.5'"), "%s", error_message());
    cr_assert_eq(convert(workflow, "repeat", "5.0", &value), CWL_ERROR);
    cr_assert_eq(convert(workflow, "ratio", "0.30000000000000004", &value), 0);
    cr_assert_eq(value->number, 0.30000000000000004);
    cr_assert_eq(convert(workflow, "ratio", "3", &value), 0);
    cr_assert_eq(value->kind, JSON_INT, "the text 3 stays 3, not 3.0");
    cr_assert_eq(value->integer, 3);
    cr_assert_eq(convert(workflow, "ratio", "abc", &value), CWL_ERROR);
    cr_assert_eq(convert(workflow, "verbose", "True", &value), 0);
    cr_assert_eq(value->boolean, 1);
    cr_assert_eq(convert(workflow, "verbose", "false", &value), 0);
    cr_assert_eq(value->boolean, 0);
    cr_assert_eq(convert(workflow, "verbose", "yes", &value), CWL_ERROR);
    cr_assert_eq(convert(workflow, "level", "high", &value), 0);
    cr_assert_eq(convert(workflow, "level", "medium", &value), CWL_ERROR);
    cr_assert(strstr(error_message(), "symbols"), "%s", error_message());
    cr_assert_eq(convert(workflow, "message", " 1e3 ", &value), 0);
    cr_assert_str_eq(value->string, " 1e3 ");
    cwl_workflow_free(workflow);
    th_rmtree(dir);
    free(dir);
}

Test(cwl_load, type_check_file)
{
    static const char tool[] =
        "cwlVersion: v1.2\nclass: CommandLineTool\n"
        "inputs: {data: File, maybe: 'File?'}\noutputs: []\nbaseCommand: cat\n";
    const char *names[] = {"cat.cwl"};
    const char *texts[] = {tool};
    char *dir = write_files(names, texts, 1);
    cwl_workflow *workflow = load_ok(dir, "cat.cwl");
    json_value *value;

    cr_assert_eq(convert(workflow, "data", "in/x y.txt", &value), 0);
    cr_assert_str_eq(json_class(value), "File");
    cr_assert_str_eq(json_get_string(value, "path"), "/base/in/x y.txt");
    cr_assert_str_eq(json_get_string(value, "location"), "file:///base/in/x%20y.txt");
    cr_assert_eq(convert(workflow, "maybe", "/abs/f.txt", &value), 0,
                 "an optional type takes its non-null part");
    cr_assert_str_eq(json_get_string(value, "path"), "/abs/f.txt");
    cwl_workflow_free(workflow);
    th_rmtree(dir);
    free(dir);
}
