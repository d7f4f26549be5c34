/* optimize_setup.c - loading the three input files of optimize and
 * checking them against each other before anything runs. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cwl_wiring.h"
#include "dict.h"
#include "error.h"
#include "fsutil.h"
#include "log.h"
#include "optimizer.h"
#include "strbuf.h"
#include "yaml12.h"

/* Values checked per arange dimension: its first, second and last are
 * enough, because all its values have the same type. */
#define ARANGE_SAMPLES 3

static int fail_at_target(const optimizer *o, const space_target *t,
                          int at_step)
{
    error_prefix("%s:%zu:%zu", o->params.path,
                 at_step ? t->step_line : t->line,
                 at_step ? t->step_column : t->column);
    return -1;
}

static void list_steps(const optimizer *o, strbuf *out)
{
    for (size_t i = 0; i < o->step_count; i++)
        strbuf_printf(out, "%s%s", i ? ", " : "", o->step_names[i]);
}

static void list_inputs(const cwl_step *step, strbuf *out)
{
    const cwl_process *tool = step->run;

    for (size_t i = 0; i < tool->input_count; i++)
        strbuf_printf(out, "%s%s", i ? ", " : "", tool->inputs[i].name);
    if (tool->input_count == 0)
        strbuf_puts(out, "none");
}

/* Checks that the target's step and input exist. */
static int check_target_names(optimizer *o, const space_target *t)
{
    const cwl_step *step = cwl_workflow_find_step(o->workflow, t->step);
    const char *dim = o->params.space.dims[t->dim].name;
    strbuf known = STRBUF_INIT;

    if (!step) {
        list_steps(o, &known);
        error_set("metaparameter '%s' names step '%s', which %s does not "
                  "have; its steps are: %s", dim, t->step,
                  o->options->workflow, strbuf_str(&known));
        strbuf_release(&known);
        return fail_at_target(o, t, 1);
    }
    if (!cwl_step_tool_input(step, t->input)) {
        list_inputs(step, &known);
        error_set("metaparameter '%s' sets input '%s' of step '%s', which "
                  "has no such input; its inputs are: %s", dim, t->input,
                  t->step, strbuf_str(&known));
        strbuf_release(&known);
        return fail_at_target(o, t, 0);
    }
    return 0;
}

/* Checks that the text value k of the target's dimension (or its block
 * maximum) converts to the type of the step input.  A continuous
 * dimension has no value numbers: k 0 and 1 stand for its bounds. */
static int check_target_value(optimizer *o, const space_target *t,
                              saber_dict *point, uint64_t k)
{
    const cwl_step *step = cwl_workflow_find_step(o->workflow, t->step);
    const space_dim *d = &o->params.space.dims[t->dim];
    char scratch[PYFLOAT_REPR_SIZE];
    const char *text;
    int status;

    if (d->kind == DIM_CONTINUOUS)
        status = space_set_continuous(&o->params.space, t->dim,
                                      k ? d->high : d->low, point);
    else
        status = space_dim_value(&o->params.space, t->dim, k, point);
    if (status != SABER_OK)
        return error_nomem();
    text = space_target_text(&o->params.space, point, (size_t)(t - o->params.space.targets),
                             scratch);
    if (!text)
        return fail_at_target(o, t, 0);
    if (cwl_wiring_check_text(step, t->input, text) < 0) {
        error_prefix("value '%s' of metaparameter '%s'", text,
                     o->params.space.dims[t->dim].name);
        return fail_at_target(o, t, 0);
    }
    return 0;
}

static int check_target_values(optimizer *o, const space_target *t,
                               saber_dict *point)
{
    const space_dim *d = &o->params.space.dims[t->dim];
    uint64_t count = d->kind == DIM_CONTINUOUS ? 2 : d->count;

    for (uint64_t k = 0; k < count; k++) {
        if (d->kind == DIM_ARANGE && k >= ARANGE_SAMPLES - 1 && k + 1 < count)
            k = count - 1;
        if (check_target_value(o, t, point, k) < 0)
            return -1;
    }
    return 0;
}

static int check_targets(optimizer *o)
{
    saber_dict *point = dict_new();
    int status = 0;

    if (!point)
        return error_nomem();
    for (size_t i = 0; i < o->params.space.target_count && status == 0; i++) {
        const space_target *t = &o->params.space.targets[i];

        status = check_target_names(o, t);
        if (status == 0)
            status = check_target_values(o, t, point);
    }
    dict_free(point);
    return status;
}

/* ---- saber hints ---- */

static int fail_at_node(const ydoc *doc, const ynode *node, const char *format,
                        ...) SABER_FORMAT(3, 4);

static int fail_at_node(const ydoc *doc, const ynode *node, const char *format,
                        ...)
{
    va_list args;

    va_start(args, format);
    error_setv(format, args);
    va_end(args);
    error_prefix("%s:%zu:%zu", ydoc_name(doc), node->line, node->column);
    return -1;
}

static int read_text_hint(const ydoc *doc, const ynode *node, const char *name,
                          const char **out)
{
    if (node->kind != YNODE_SCALAR)
        return fail_at_node(doc, node, "hint %s must be a single value", name);
    *out = node->value;
    return 0;
}

static int read_bool_hint(const ydoc *doc, const ynode *node, const char *name,
                          int *out)
{
    yvalue value;

    if (node->kind != YNODE_SCALAR || yaml12_resolve(doc, node, &value) < 0 ||
        value.type != SABER_VALUE_BOOL)
        return fail_at_node(doc, node, "hint %s must be true or false", name);
    *out = value.boolean;
    return 0;
}

/* Reads score_format, score_strategy and objective of one step. */
static int read_step_hints(optimizer *o, size_t index, int *objective)
{
    const cwl_step *step = cwl_workflow_step(o->workflow, index);
    const ynode *hint = step->saber_hint;
    const ydoc *doc = step->saber_doc;
    step_scoring *scoring = &o->scoring[index];
    const char *text = NULL;

    *objective = 0;
    scoring->strategy = SCORE_LAST;
    if (!hint)
        return 0;
    if (hint->kind != YNODE_MAPPING)
        return fail_at_node(doc, hint, "hint saber of step '%s' must be a "
                            "mapping", step->name);

    for (size_t i = 0; i < hint->count; i++) {
        const ynode *key = hint->items[2 * i];
        const ynode *value = hint->items[2 * i + 1];

        if (ynode_is(key, "score_format")) {
            if (read_text_hint(doc, value, "score_format", &text) < 0)
                return -1;
            scoring->format = score_format_compile(text);
            if (!scoring->format) {
                error_prefix("%s:%zu:%zu: step '%s'", ydoc_name(doc),
                             value->line, value->column, step->name);
                return -1;
            }
        } else if (ynode_is(key, "score_strategy")) {
            if (read_text_hint(doc, value, "score_strategy", &text) < 0)
                return -1;
            if (score_strategy_parse(text, &scoring->strategy) < 0) {
                error_prefix("%s:%zu:%zu", ydoc_name(doc), value->line,
                             value->column);
                return -1;
            }
        } else if (ynode_is(key, "objective")) {
            if (read_bool_hint(doc, value, "objective", objective) < 0)
                return -1;
        } else if (ynode_is(key, "local") || ynode_is(key, "file_path") ||
                   ynode_is(key, "use_cache") || ynode_is(key, "queue")) {
            log_debug("%s:%zu:%zu: step '%s': hint %s is accepted; steps run "
                      "on this machine in --workdir", ydoc_name(doc), key->line,
                      key->column, step->name, key->value);
        } else {
            log_warning("%s:%zu:%zu: step '%s': unknown saber hint '%s' is "
                        "ignored", ydoc_name(doc), key->line, key->column,
                        step->name, key->value);
        }
    }
    return 0;
}

/* Picks the step whose score is the iteration's: the one marked
 * objective: true, or else the last one with a score_format. */
static int read_scoring(optimizer *o)
{
    long marked = -1;

    o->scoring = calloc(o->step_count + 1, sizeof *o->scoring);
    if (!o->scoring)
        return error_nomem();
    o->objective = -1;
    for (size_t i = 0; i < o->step_count; i++) {
        int objective;

        if (read_step_hints(o, i, &objective) < 0)
            return -1;
        if (objective && marked >= 0) {
            error_set("%s: steps '%s' and '%s' are both marked objective: "
                      "true; mark one", o->options->workflow,
                      o->step_names[marked], o->step_names[i]);
            return -1;
        }
        if (objective)
            marked = (long)i;
        if (o->scoring[i].format)
            o->objective = (long)i;
    }
    if (marked >= 0 && !o->scoring[marked].format) {
        error_set("%s: step '%s' is marked objective: true but has no "
                  "score_format; add one to its saber hint",
                  o->options->workflow, o->step_names[marked]);
        return -1;
    }
    if (marked >= 0)
        o->objective = marked;
    if (o->objective < 0)
        log_warning("%s: no step has a score_format hint, so iterations get "
                    "no score; add hints: {saber: {score_format: ...}} to a "
                    "step", o->options->workflow);
    return 0;
}

/* ---- CSV columns ---- */

static long target_feeding(const optimizer *o, const cwl_param *input)
{
    long found = -1;

    for (size_t t = 0; t < o->params.space.target_count; t++) {
        const space_target *target = &o->params.space.targets[t];
        const cwl_step *step = cwl_workflow_find_step(o->workflow, target->step);

        if (cwl_step_input_source(o->workflow, step, target->input) == input)
            found = (long)t;
    }
    return found;
}

/* Writes a job value as the CSV shows it: a File or Directory as its
 * path (or location), a scalar as Python's str() writes it, anything else
 * as JSON.  Returns the text, transferred. */
static char *job_value_text(const json_value *value)
{
    char number[PYFLOAT_REPR_SIZE];
    strbuf out = STRBUF_INIT;
    const char *path;

    switch (value ? value->kind : JSON_NULL) {
    case JSON_NULL:
        return strdup("");
    case JSON_BOOL:
        return strdup(value->boolean ? "True" : "False");
    case JSON_INT:
        pyint_str(value->integer, number);
        return strdup(number);
    case JSON_DOUBLE:
        pyfloat_repr(value->number, number);
        return strdup(number);
    case JSON_STRING:
        return strdup(value->string);
    default:
        break;
    }
    path = json_get_string(value, "path");
    if (!path)
        path = json_get_string(value, "location");
    if (json_class(value) && path)
        return strdup(path);
    json_write(&out, value, JSON_STYLE_PYTHON);
    return strbuf_detach(&out);
}

static int add_column(optimizer *o, const char *name, const cwl_param *input,
                      long target)
{
    size_t n = o->column_count;
    const json_value *value = NULL;

    o->columns = realloc(o->columns, (n + 1) * sizeof *o->columns);
    o->column_sources = realloc(o->column_sources,
                                (n + 1) * sizeof *o->column_sources);
    o->column_job_texts = realloc(o->column_job_texts,
                                  (n + 1) * sizeof *o->column_job_texts);
    if (!o->columns || !o->column_sources || !o->column_job_texts)
        return error_nomem();
    if (input) {
        value = json_get(o->job->values, input->name);
        if (json_is_null(value))
            value = input->default_value;
    }
    o->columns[n] = strdup(name);
    o->column_job_texts[n] = job_value_text(value);
    if (!o->columns[n] || !o->column_job_texts[n])
        return error_nomem();
    o->column_sources[n].input = input;
    o->column_sources[n].target = target;
    o->column_count++;
    return 0;
}

/* One column per workflow input, then STEP.INPUT for each set step input
 * that no workflow input feeds. */
static int build_columns(optimizer *o)
{
    const cwl_process *process = cwl_workflow_process(o->workflow);

    for (size_t i = 0; i < process->input_count; i++) {
        const cwl_param *input = &process->inputs[i];

        if (add_column(o, input->name, input, target_feeding(o, input)) < 0)
            return -1;
    }
    for (size_t t = 0; t < o->params.space.target_count; t++) {
        const space_target *target = &o->params.space.targets[t];
        const cwl_step *step = cwl_workflow_find_step(o->workflow, target->step);
        strbuf name = STRBUF_INIT;
        int status;

        if (cwl_step_input_source(o->workflow, step, target->input))
            continue;
        strbuf_printf(&name, "%s.%s", target->step, target->input);
        status = add_column(o, strbuf_str(&name), NULL, (long)t);
        strbuf_release(&name);
        if (status < 0)
            return -1;
    }
    return 0;
}

/* ---- loading ---- */

static int load_workflow(optimizer *o)
{
    int status = cwl_workflow_load(o->options->workflow, &o->workflow);

    if (status == CWL_UNSUPPORTED)
        error_prefix("saber-opt cannot run this workflow");
    if (status < 0)
        return -1;

    o->step_count = cwl_workflow_step_count(o->workflow);
    o->step_names = calloc(o->step_count + 1, sizeof *o->step_names);
    if (!o->step_names)
        return error_nomem();
    for (size_t i = 0; i < o->step_count; i++)
        o->step_names[i] = cwl_workflow_step(o->workflow, i)->name;
    return 0;
}

/* Checks the job file against the workflow's inputs with the options each
 * run uses (executor_submit). */
static int check_job(optimizer *o)
{
    const cwl_process *process = cwl_workflow_process(o->workflow);
    cwl_bind_options options = {CWL_LISTING_NONE, 0, NULL, 0, 1};
    arena scratch = ARENA_INIT;
    json_value *bound;
    int status;

    options.v1_0 = strcmp(process->version, "v1.0") == 0;
    options.namespaces = process->namespaces;
    options.check_formats = !process->has_schemas;
    status = cwl_bind_inputs(&scratch, process->inputs, process->input_count,
                             o->job->values, &options, "job", &bound);
    arena_release(&scratch);
    if (status < 0)
        error_prefix("%s", o->options->job);
    return status < 0 ? -1 : 0;
}

int optimizer_load(optimizer *o)
{
    if (params_load(o->options->params, &o->params) < 0)
        return -1;
    if (load_workflow(o) < 0)
        return -1;
    if (cwl_job_load(o->options->job, &o->job) < 0 || check_job(o) < 0)
        return -1;
    if (check_targets(o) < 0 || read_scoring(o) < 0)
        return -1;
    return build_columns(o);
}

char *optimizer_default_run_id(const optimize_options *options)
{
    const char *base = fs_basename(options->workflow);
    const char *dot = strrchr(base, '.');
    char *absolute = fs_absolute(options->job);
    char *folder = absolute ? fs_dirname(absolute) : NULL;
    char *id = NULL;

    if (folder && asprintf(&id, "%.*s_%s", dot && dot != base
                           ? (int)(dot - base) : (int)strlen(base), base,
                           fs_basename(folder)) < 0)
        id = NULL;
    free(folder);
    free(absolute);
    return id;
}

void optimizer_release_inputs(optimizer *o)
{
    for (size_t i = 0; o->scoring && i < o->step_count; i++)
        score_format_free(o->scoring[i].format);
    free(o->scoring);
    for (size_t i = 0; i < o->column_count; i++) {
        free(o->columns[i]);
        free(o->column_job_texts[i]);
    }
    free(o->columns);
    free(o->column_job_texts);
    free(o->column_sources);
    free(o->step_names);
    cwl_job_free(o->job);
    cwl_workflow_free(o->workflow);
    params_release(&o->params);
}
