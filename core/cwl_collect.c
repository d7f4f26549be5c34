/* cwl_collect.c - the outputs a CommandLineTool left in its output folder. */
#include "config.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cwl_bind.h"
#include "cwl_secondary.h"
#include "cwl_tool.h"
#include "error.h"
#include "fsutil.h"

typedef struct collector {
    arena *a;
    const cwl_tool_run *run;
    json_value *runtime;      /* runtime plus exitCode */
} collector;

static const char *join_path(arena *a, const char *base, const char *name)
{
    char *path = fs_join(base, name);
    const char *copy = path ? arena_strdup(a, path) : NULL;

    free(path);
    if (!path)
        error_nomem();
    return copy;
}

static int code_listed(const int *codes, size_t count, int code)
{
    for (size_t i = 0; i < count; i++) {
        if (codes[i] == code)
            return 1;
    }
    return 0;
}

/* Returns whether the process ended as a success, with the reason for a
 * failure in the error message. */
static int succeeded(const cwl_process *tool, const runner_status *status)
{
    int code = status->exit_code;

    if (!status->exited) {
        error_set("the tool was killed by signal %d%s", status->signal,
                  status->cancelled ? " (cancelled)" : "");
        return 0;
    }
    if (code_listed(tool->success_codes, tool->success_code_count, code))
        return 1;
    if (code_listed(tool->temporary_fail_codes, tool->temporary_fail_code_count, code) ||
        code_listed(tool->permanent_fail_codes, tool->permanent_fail_code_count, code)) {
        error_set("the tool exited with status %d, listed as a failure", code);
        return 0;
    }
    if (code != 0) {
        error_set("the tool exited with status %d", code);
        return 0;
    }
    return 1;
}

/* Builds the File or Directory object of an existing path. */
static json_value *path_object(arena *a, const char *path)
{
    json_value *object = json_new_object(a);
    char *uri = fs_file_uri(path);
    int is_directory = 0;
    json_value *done = NULL;

    fs_exists(path, &is_directory);
    if (object && uri &&
        json_set(a, object, "class", json_new_string(a, is_directory ? "Directory"
                                                                    : "File")) == 0 &&
        json_set(a, object, "location", json_new_string(a, uri)) == 0 &&
        json_set(a, object, "path", json_new_string(a, path)) == 0)
        done = cwl_file_complete(a, object, CWL_LISTING_NONE);
    free(uri);
    return done;
}

/* Returns pattern with glob's special characters escaped. */
static char *glob_escape(const char *text)
{
    strbuf out = STRBUF_INIT;

    for (; *text; text++) {
        if ((strchr("*?[\\", *text) && strbuf_putc(&out, '\\') < 0) ||
            strbuf_putc(&out, *text) < 0) {
            strbuf_release(&out);
            return NULL;
        }
    }
    return strbuf_detach(&out);
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends the sorted matches of one pattern, relative to the work folder. */
static int glob_one(collector *c, const char *pattern, json_value *matches)
{
    const char *workdir = c->run->workdir;
    size_t length = strlen(workdir);
    char *escaped;
    char *full;
    glob_t found;
    int status;

    if (!strcmp(pattern, ".") || !strcmp(pattern, workdir) ||
        (!strncmp(pattern, workdir, length) && !strcmp(pattern + length, "/")))
        return json_append(c->a, matches, path_object(c->a, workdir));
    if (!strncmp(pattern, workdir, length) && pattern[length] == '/')
        pattern += length + 1;
    else if (pattern[0] == '/') {
        error_set("glob '%s' points outside the output folder %s", pattern, workdir);
        return CWL_ERROR;
    }

    escaped = glob_escape(workdir);
    full = escaped ? malloc(strlen(escaped) + strlen(pattern) + 2) : NULL;
    if (full)
        sprintf(full, "%s/%s", escaped, pattern);
    free(escaped);
    if (!full)
        return error_nomem();
    status = glob(full, GLOB_NOSORT, NULL, &found);
    free(full);
    if (status == GLOB_NOMATCH)
        return 0;
    if (status != 0) {
        error_set("glob '%s' failed in %s", pattern, workdir);
        return CWL_ERROR;
    }
    qsort(found.gl_pathv, found.gl_pathc, sizeof *found.gl_pathv, compare_paths);
    for (size_t i = 0; i < found.gl_pathc && status == 0; i++) {
        char *clean = fs_join(NULL, found.gl_pathv[i]);

        status = clean ? json_append(c->a, matches, path_object(c->a, clean)) : -1;
        free(clean);
    }
    globfree(&found);
    return status < 0 ? CWL_ERROR : 0;
}

static int glob_all(collector *c, const cwl_output_binding *binding,
                    json_value **out)
{
    cwl_expr_context context = {c->run->inputs, NULL, c->runtime};
    json_value *matches = json_new_array(c->a);

    if (!matches)
        return CWL_ERROR;
    for (size_t i = 0; i < binding->glob_count; i++) {
        json_value *patterns;

        if (cwl_template_eval(c->a, binding->globs[i], &context, &patterns) < 0)
            return CWL_ERROR;
        if (patterns->kind == JSON_STRING && glob_one(c, patterns->string, matches) < 0)
            return CWL_ERROR;
        for (size_t j = 0; patterns->kind == JSON_ARRAY && j < patterns->count; j++) {
            const json_value *pattern = patterns->items[j];

            if (pattern->kind != JSON_STRING) {
                error_set("%s: glob gave a %s where a string is expected",
                          cwl_template_where(binding->globs[i]),
                          json_kind_name(pattern));
                return CWL_ERROR;
            }
            if (glob_one(c, pattern->string, matches) < 0)
                return CWL_ERROR;
        }
    }
    *out = matches;
    return 0;
}

/* Returns whether type is File or Directory, or a union holding one. */
static int is_single(const cwl_type *type)
{
    if (type->kind == CWL_TYPE_FILE || type->kind == CWL_TYPE_DIRECTORY)
        return 1;
    for (size_t i = 0; type->kind == CWL_TYPE_UNION && i < type->alternative_count; i++) {
        cwl_type_kind kind = type->alternatives[i]->kind;

        if (kind == CWL_TYPE_FILE || kind == CWL_TYPE_DIRECTORY)
            return 1;
    }
    return 0;
}

static int collect_binding(collector *c, const cwl_param *output, json_value **out)
{
    const cwl_output_binding *binding = output->output_binding;
    json_value *result;

    if (glob_all(c, binding, &result) < 0)
        return CWL_ERROR;
    for (size_t i = 0; binding->load_contents && i < result->count; i++) {
        if (!strcmp(json_class(result->items[i]), "File") &&
            cwl_file_load_contents(c->a, result->items[i], 0) < 0)
            return CWL_ERROR;
    }
    if (binding->output_eval) {
        cwl_expr_context context = {c->run->inputs, result, c->runtime};

        if (cwl_template_eval(c->a, binding->output_eval, &context, &result) < 0)
            return CWL_ERROR;
    }
    if (output->type && is_single(output->type) && result->kind == JSON_ARRAY) {
        if (result->count > 1) {
            error_set("glob matched %zu files where the output takes one",
                      result->count);
            return CWL_ERROR;
        }
        if (result->count == 0 && !cwl_type_is_optional(output->type)) {
            error_set("no file matches the glob of this output");
            return CWL_ERROR;
        }
        result = result->count ? result->items[0] : json_new_null(c->a);
    }
    *out = result;
    return 0;
}

/* Sets the format of every File in value: the first IRI listed, or what
 * the expression gives with self being the File. */
static int set_formats(collector *c, json_value *value, const char **formats,
                       size_t count, cwl_template *expression)
{
    const char *class_name = json_class(value);

    if (class_name && !strcmp(class_name, "File")) {
        cwl_expr_context context = {c->run->inputs, value, c->runtime};
        const char *format = count ? formats[0] : NULL;

        if (expression &&
            cwl_template_eval_string(c->a, expression, &context, 1, &format) < 0)
            return CWL_ERROR;
        format = format ? cwl_expand_name(c->a, c->run->tool->namespaces, format) : NULL;
        return format ? json_set(c->a, value, "format", json_new_string(c->a, format))
                      : 0;
    }
    for (size_t i = 0; value && value->kind == JSON_ARRAY && i < value->count; i++) {
        if (set_formats(c, value->items[i], formats, count, expression) < 0)
            return CWL_ERROR;
    }
    return 0;
}

static int collect_one(collector *c, const cwl_param *output, json_value **out);

/* Gathers an output record whose fields have their own outputBinding. */
static int collect_record(collector *c, const cwl_type *type, json_value **out)
{
    json_value *record = json_new_object(c->a);

    if (!record)
        return CWL_ERROR;
    for (size_t i = 0; i < type->field_count; i++) {
        const cwl_field *field = &type->fields[i];
        cwl_param pseudo;
        json_value *value;

        memset(&pseudo, 0, sizeof pseudo);
        pseudo.name = field->name;
        pseudo.type = field->type;
        pseudo.output_binding = (cwl_output_binding *)field->output_binding;
        pseudo.formats = field->formats;
        pseudo.format_count = field->format_count;
        pseudo.secondary = field->secondary;
        if (collect_one(c, &pseudo, &value) < 0) {
            error_prefix("field '%s'", field->name);
            return CWL_ERROR;
        }
        if (json_set(c->a, record, field->name, value) < 0)
            return CWL_ERROR;
    }
    *out = record;
    return 0;
}

static int collect_one(collector *c, const cwl_param *output, json_value **out)
{
    cwl_type_kind kind = output->type ? output->type->kind : CWL_TYPE_ANY;
    const cwl_type *core = output->type ? cwl_type_non_null(c->a, output->type) : NULL;
    int status;

    if (kind == CWL_TYPE_STDOUT || kind == CWL_TYPE_STDERR) {
        *out = path_object(c->a, kind == CWL_TYPE_STDOUT ? c->run->stdout_path
                                                         : c->run->stderr_path);
        status = *out ? 0 : CWL_ERROR;
    } else if (output->output_binding) {
        status = collect_binding(c, output, out);
    } else if (core && core->kind == CWL_TYPE_RECORD) {
        status = collect_record(c, core, out);
    } else {
        *out = json_new_null(c->a);
        status = *out ? 0 : CWL_ERROR;
    }
    if (status == 0 && (output->format_count || output->format_expression))
        status = set_formats(c, *out, output->formats, output->format_count,
                             output->format_expression);
    if (status == 0) {
        cwl_expr_context context = {c->run->inputs, NULL, c->runtime};

        status = cwl_secondaries_collect(c->a, output->type, &output->secondary, *out,
                                         &context, output->name);
    }
    return status;
}

/* Clears where values were read from: the document is freed after use. */
static void forget_origin(json_value *value)
{
    value->doc = NULL;
    value->node = NULL;
    for (size_t i = 0; i < value->count; i++)
        forget_origin(value->items[i]);
}

/* Reads cwl.output.json, with paths relative to the work folder. */
static int read_output_json(collector *c, const char *path, json_value **out)
{
    ydoc *doc = ydoc_load_file(path);
    json_value *value = NULL;
    int status = CWL_ERROR;

    if (!doc)
        return CWL_ERROR;
    if (json_from_ynode(c->a, doc, ydoc_root(doc), &value) == 0) {
        if (value->kind != JSON_OBJECT)
            error_set("%s must hold a JSON object", path);
        else
            status = cwl_files_resolve(c->a, value, c->run->workdir);
    }
    if (status == 0) {
        forget_origin(value);
        *out = cwl_files_complete(c->a, value, CWL_LISTING_NONE);
        status = *out ? 0 : CWL_ERROR;
    }
    ydoc_free(doc);
    return status;
}

static int check_output(const cwl_param *output, const json_value *value)
{
    static cwl_type file = {CWL_TYPE_FILE, NULL, NULL, 0, NULL, 0, NULL, 0, NULL, NULL};
    const cwl_type *type = output->type;
    char why[256];

    if (!type)
        return 0;
    if (type->kind == CWL_TYPE_STDOUT || type->kind == CWL_TYPE_STDERR)
        type = &file;
    if (cwl_type_check(type, value, why, sizeof why))
        return 0;
    error_set("output '%s': %s", output->name, why);
    return CWL_ERROR;
}

int cwl_tool_collect(arena *a, const cwl_tool_run *run,
                     const runner_status *status, json_value **outputs)
{
    collector c = {a, run, json_copy(a, run->runtime)};
    const char *json_path;
    json_value *from_json = NULL;
    json_value *result = json_new_object(a);

    if (!c.runtime || !result)
        return CWL_ERROR;
    if (!succeeded(run->tool, status))
        return CWL_ERROR;
    if (json_set(a, c.runtime, "exitCode", json_new_int(a, status->exit_code)) < 0)
        return CWL_ERROR;
    json_path = join_path(a, run->workdir, "cwl.output.json");
    if (!json_path)
        return CWL_ERROR;
    if (fs_exists(json_path, NULL) && read_output_json(&c, json_path, &from_json) < 0)
        return CWL_ERROR;

    for (size_t i = 0; i < run->tool->output_count; i++) {
        const cwl_param *output = &run->tool->outputs[i];
        json_value *value = from_json ? json_get(from_json, output->name) : NULL;

        if (!from_json && collect_one(&c, output, &value) < 0) {
            error_prefix("output '%s'", output->name);
            return CWL_ERROR;
        }
        if (check_output(output, value) < 0)
            return CWL_ERROR;
        if (json_set(a, result, output->name, value ? value : json_new_null(a)) < 0)
            return CWL_ERROR;
    }
    *outputs = result;
    return 0;
}
