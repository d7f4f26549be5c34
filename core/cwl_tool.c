/* cwl_tool.c - one CommandLineTool invocation: folder, command, outputs. */
#include "config.h"

#include <errno.h>
#include <glob.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>
#include <limits.h>

#include "cwl_bind.h"
#include "cwl_cmdline.h"
#include "cwl_iwd.h"
#include "cwl_tool.h"
#include "error.h"
#include "fsutil.h"
#include "pyfloat.h"

extern char **environ;

/* Default ram (MiB) and folder sizes cwltool reports in runtime. */
#define DEFAULT_RAM 256
#define DEFAULT_RAM_V1_0 1024
#define DEFAULT_DIR_SIZE 1024

/* State of one preparation. */
typedef struct preparer {
    arena *a;
    cwl_tool_run *run;
    size_t next_folder;   /* inputs/N folders used so far */
    cwl_staged_list moves;
} preparer;

static const char *join(arena *a, const char *base, const char *name)
{
    char *joined = fs_join(base, name);
    const char *copy = joined ? arena_strdup(a, joined) : NULL;

    free(joined);
    if (!joined)
        error_nomem();
    return copy;
}

static int set_string(arena *a, json_value *object, const char *key,
                      const char *text)
{
    return json_set(a, object, key, json_new_string(a, text));
}

/* Points a File or Directory object at path, keeping its basename. */
static int relocate_object(arena *a, json_value *file, const char *path)
{
    char *uri = fs_file_uri(path);
    char *dirname = fs_dirname(path);
    int status = -1;

    if (uri && dirname && set_string(a, file, "path", path) == 0 &&
        set_string(a, file, "location", uri) == 0 &&
        set_string(a, file, "dirname", dirname) == 0)
        status = 0;
    free(uri);
    free(dirname);
    return status;
}

/* Returns a new folder FOLDER/inputs/N for one staged input. */
static const char *new_stage_folder(preparer *p)
{
    const cwl_tool_run *run = p->run;
    char name[48];
    const char *path;

    snprintf(name, sizeof name, "%zu", ++p->next_folder);
    path = join(p->a, run->stage_dir, name);
    if (path && fs_mkdirs(path) < 0)
        return NULL;
    return path;
}

/* Writes a File literal's contents into a file of its own. */
static int stage_literal(preparer *p, json_value *file)
{
    const json_value *contents = json_get(file, "contents");
    const char *basename = json_get_string(file, "basename");
    const char *folder = new_stage_folder(p);
    const char *path;

    if (!folder)
        return CWL_ERROR;
    if (!basename) {
        char name[48];

        snprintf(name, sizeof name, "literal-%zu", p->next_folder);
        basename = arena_strdup(p->a, name);
        if (!basename || set_string(p->a, file, "basename", basename) < 0)
            return CWL_ERROR;
    }
    path = join(p->a, folder, basename);
    if (!path || fs_write_file(path, contents && contents->kind == JSON_STRING
                                          ? contents->string : "",
                               contents && contents->kind == JSON_STRING
                                   ? contents->length : 0) < 0)
        return CWL_ERROR;
    return relocate_object(p->a, file, path);
}

/* Returns whether a File or Directory must be reached through a link: its
 * basename differs from its file name, or a secondary file does not lie
 * beside it under its own basename. */
static int needs_link(const json_value *file)
{
    const char *path = json_get_string(file, "path");
    const char *basename = json_get_string(file, "basename");
    const json_value *secondary = json_get(file, "secondaryFiles");
    char *dir;
    int needed = 0;

    if (!path || !basename)
        return 0;
    if (strcmp(fs_basename(path), basename) != 0)
        return 1;
    dir = fs_dirname(path);
    for (size_t i = 0; dir && secondary && i < secondary->count && !needed; i++) {
        const char *other = json_get_string(secondary->items[i], "path");
        const char *other_name = json_get_string(secondary->items[i], "basename");
        char *other_dir = other ? fs_dirname(other) : NULL;

        needed = !other_dir || strcmp(other_dir, dir) != 0 ||
                 (other_name && strcmp(fs_basename(other), other_name) != 0);
        free(other_dir);
    }
    free(dir);
    return needed;
}

static int link_into(preparer *p, json_value *file, const char *folder)
{
    const char *path = json_get_string(file, "path");
    const char *basename = json_get_string(file, "basename");
    const char *link = join(p->a, folder, basename ? basename : fs_basename(path));

    if (!link)
        return CWL_ERROR;
    if (symlink(path, link) < 0) {
        error_set("cannot link %s to %s: %s", link, path, strerror(errno));
        return CWL_ERROR;
    }
    return relocate_object(p->a, file, link);
}

/* Gives a file the basename its object names, with its secondary files
 * beside it, through symbolic links in a folder of its own. */
static int stage_renamed(preparer *p, json_value *file)
{
    json_value *secondary = json_get(file, "secondaryFiles");
    const char *folder;

    if (!needs_link(file))
        return 0;
    folder = new_stage_folder(p);
    if (!folder || link_into(p, file, folder) < 0)
        return CWL_ERROR;
    for (size_t i = 0; secondary && i < secondary->count; i++) {
        if (json_get_string(secondary->items[i], "path") &&
            link_into(p, secondary->items[i], folder) < 0)
            return CWL_ERROR;
    }
    return 0;
}

/* Places one entry of a Directory literal's listing inside folder. */
static int stage_listing_entry(preparer *p, json_value *entry, const char *folder)
{
    const char *class_name = json_class(entry);
    const char *path = json_get_string(entry, "path");
    const char *basename = json_get_string(entry, "basename");
    const json_value *contents = json_get(entry, "contents");
    const char *target;

    if (!basename && path)
        basename = fs_basename(path);
    if (!class_name || !basename) {
        error_set("a Directory literal's listing entry needs a class and a basename");
        return CWL_ERROR;
    }
    target = join(p->a, folder, basename);
    if (!target)
        return CWL_ERROR;
    if (path && symlink(path, target) < 0) {
        error_set("cannot link %s to %s: %s", target, path, strerror(errno));
        return CWL_ERROR;
    }
    if (!path && !strcmp(class_name, "File") &&
        fs_write_file(target, contents && contents->kind == JSON_STRING ? contents->string : "",
                      contents && contents->kind == JSON_STRING ? contents->length : 0) < 0)
        return CWL_ERROR;
    if (!path && !strcmp(class_name, "Directory")) {
        const json_value *listing = json_get(entry, "listing");

        if (fs_mkdirs(target) < 0)
            return CWL_ERROR;
        for (size_t i = 0; listing && listing->kind == JSON_ARRAY && i < listing->count; i++) {
            if (stage_listing_entry(p, listing->items[i], target) < 0)
                return CWL_ERROR;
        }
    }
    if (set_string(p->a, entry, "basename", basename) < 0)
        return CWL_ERROR;
    return relocate_object(p->a, entry, target);
}

/* Creates a Directory literal (a listing, no location) in a folder of its
 * own. */
static int stage_directory_literal(preparer *p, json_value *directory)
{
    const char *folder = new_stage_folder(p);
    char name[48];

    if (!folder)
        return CWL_ERROR;
    if (!json_get_string(directory, "basename")) {
        snprintf(name, sizeof name, "directory-%zu", p->next_folder);
        if (set_string(p->a, directory, "basename", name) < 0)
            return CWL_ERROR;
    }
    return stage_listing_entry(p, directory, folder);
}

static int stage_inputs(preparer *p, json_value *value)
{
    const char *class_name = json_class(value);

    if (class_name && strcmp(class_name, "File") == 0 && !json_get(value, "path") &&
        json_get(value, "contents"))
        return stage_literal(p, value);
    if (class_name && strcmp(class_name, "Directory") == 0 && !json_get(value, "path"))
        return stage_directory_literal(p, value);
    if (class_name && (!strcmp(class_name, "File") || !strcmp(class_name, "Directory")))
        return stage_renamed(p, value);
    for (size_t i = 0; value && (value->kind == JSON_ARRAY || value->kind == JSON_OBJECT)
                       && i < value->count; i++) {
        if (stage_inputs(p, value->items[i]) < 0)
            return CWL_ERROR;
    }
    return 0;
}

static const cwl_requirement *requirement(const cwl_tool_run *run, const char *name)
{
    return cwl_requirements_find(run->requirements, name);
}

/* Evaluates one ResourceRequirement field to a number.  Returns 1 when it
 * is given and not 0 (cwltool treats 0 as absent), 0 when not, -1 on
 * error. */
static int resource_value(arena *a, const cwl_tool_run *run, cwl_template *field,
                          double *out)
{
    cwl_expr_context context = {run->inputs, NULL, NULL};
    json_value *value;

    if (!field)
        return 0;
    if (cwl_template_eval(a, field, &context, &value) < 0)
        return -1;
    if (value->kind == JSON_INT)
        *out = (double)value->integer;
    else if (value->kind == JSON_DOUBLE)
        *out = value->number;
    else if (value->kind != JSON_STRING ||
             pyfloat_parse(value->string, value->length, out) < 0) {
        error_set("%s: ResourceRequirement needs a number, not '%s'",
                  cwl_template_where(field), cwl_template_text(field));
        return -1;
    }
    return *out != 0;
}

/* Returns the minimum a resource gets: its Min, else its Max, else the
 * default.  Returns -1 on error. */
static int resource_minimum(arena *a, const cwl_tool_run *run, int min_index,
                            double fallback, double *out)
{
    const cwl_requirement *resources = requirement(run, "ResourceRequirement");
    int given;

    *out = fallback;
    if (!resources)
        return 0;
    given = resource_value(a, run, resources->resources[min_index], out);
    if (given == 0)
        given = resource_value(a, run, resources->resources[min_index + 1], out);
    if (given == 0)
        *out = fallback;
    return given < 0 ? -1 : 0;
}

static json_value *runtime_object(arena *a, const cwl_tool_run *run)
{
    double ram_default = strcmp(run->tool->version, "v1.0") == 0 ? DEFAULT_RAM_V1_0
                                                                  : DEFAULT_RAM;
    double cores, ram, tmpdir, outdir;
    json_value *runtime = json_new_object(a);

    if (!runtime || resource_minimum(a, run, CWL_CORES_MIN, 1, &cores) < 0 ||
        resource_minimum(a, run, CWL_RAM_MIN, ram_default, &ram) < 0 ||
        resource_minimum(a, run, CWL_TMPDIR_MIN, DEFAULT_DIR_SIZE, &tmpdir) < 0 ||
        resource_minimum(a, run, CWL_OUTDIR_MIN, DEFAULT_DIR_SIZE, &outdir) < 0)
        return NULL;
    if (set_string(a, runtime, "outdir", run->workdir) < 0 ||
        set_string(a, runtime, "tmpdir", run->tmpdir) < 0 ||
        json_set(a, runtime, "cores", json_new_int(a, (int64_t)ceil(cores))) < 0 ||
        json_set(a, runtime, "ram", json_new_int(a, (int64_t)ceil(ram))) < 0 ||
        json_set(a, runtime, "outdirSize", json_new_int(a, (int64_t)ceil(outdir))) < 0 ||
        json_set(a, runtime, "tmpdirSize", json_new_int(a, (int64_t)ceil(tmpdir))) < 0)
        return NULL;
    return runtime;
}

static int has_output_type(const cwl_process *tool, cwl_type_kind kind)
{
    for (size_t i = 0; i < tool->output_count; i++) {
        if (tool->outputs[i].type && tool->outputs[i].type->kind == kind)
            return 1;
    }
    return 0;
}

/* Returns a random file name for a stream captured by `type: stdout`
 * without a `stdout:` name (cwltool also draws a random one). */
static const char *random_name(arena *a, const char *prefix)
{
    unsigned char bytes[8] = {0};
    char name[64];
    size_t used;

    if (getrandom(bytes, sizeof bytes, 0) < 0)
        memset(bytes, 0, sizeof bytes);
    used = (size_t)snprintf(name, sizeof name, "%s-", prefix);
    for (size_t i = 0; i < sizeof bytes; i++)
        used += (size_t)snprintf(name + used, sizeof name - used, "%02x", bytes[i]);
    return arena_strdup(a, name);
}

/* Evaluates a stdout or stderr name: a relative file name in the work
 * folder. */
static int stream_path(preparer *p, cwl_template *template, cwl_type_kind kind,
                       const char *prefix, const char **out)
{
    cwl_expr_context context = {p->run->inputs, NULL, p->run->runtime};
    const char *name = NULL;

    *out = NULL;
    if (template && cwl_template_eval_string(p->a, template, &context, 0, &name) < 0)
        return CWL_ERROR;
    if (!name && has_output_type(p->run->tool, kind))
        name = random_name(p->a, prefix);
    if (!name)
        return 0;
    if (name[0] == '/' || strstr(name, "..") || !*name) {
        error_set("%s: %s name '%s' must be a file name inside the output folder",
                  cwl_template_where(template), prefix, name);
        return CWL_ERROR;
    }
    *out = join(p->a, p->run->workdir, name);
    return *out ? 0 : CWL_ERROR;
}

static int prepare_streams(preparer *p)
{
    cwl_tool_run *run = p->run;
    const char *log = join(p->a, run->folder, "log.txt");
    cwl_expr_context context = {run->inputs, NULL, run->runtime};

    if (!log || stream_path(p, run->tool->stdout_path, CWL_TYPE_STDOUT, "stdout",
                            &run->stdout_path) < 0 ||
        stream_path(p, run->tool->stderr_path, CWL_TYPE_STDERR, "stderr",
                    &run->stderr_path) < 0)
        return CWL_ERROR;
    if (!run->stdout_path && !run->logs_to_stderr)
        run->stdout_path = log;
    if (!run->stderr_path && !run->logs_to_stderr)
        run->stderr_path = log;
    if (run->tool->stdin_path) {
        const char *path;

        if (cwl_template_eval_string(p->a, run->tool->stdin_path, &context, 1,
                                     &path) < 0)
            return CWL_ERROR;
        run->stdin_path = path ? join(p->a, run->workdir, path) : NULL;
    }
    return 0;
}

static int add_env(arena *a, const char ***envp, size_t *count, const char *name,
                   const char *value)
{
    size_t length = strlen(name) + strlen(value) + 2;
    char *entry = arena_alloc(a, length);

    if (!entry)
        return CWL_ERROR;
    snprintf(entry, length, "%s=%s", name, value);
    for (size_t i = 0; i < *count; i++) {
        if (strncmp((*envp)[i], entry, strlen(name) + 1) == 0) {
            (*envp)[i] = entry;
            return 0;
        }
    }
    (*envp)[(*count)++] = entry;
    (*envp)[*count] = NULL;
    return 0;
}

static int prepare_environment(preparer *p)
{
    cwl_tool_run *run = p->run;
    const cwl_requirement *env = requirement(run, "EnvVarRequirement");
    size_t capacity = 4 + (env ? env->env_count : 0);
    const char *path = getenv("PATH");
    cwl_expr_context context = {run->inputs, NULL, run->runtime};
    size_t count = 0;

    run->envp = arena_alloc(p->a, capacity * sizeof *run->envp);
    if (!run->envp)
        return CWL_ERROR;
    if (add_env(p->a, &run->envp, &count, "HOME", run->workdir) < 0 ||
        add_env(p->a, &run->envp, &count, "TMPDIR", run->tmpdir) < 0 ||
        add_env(p->a, &run->envp, &count, "PATH",
                path ? path : "/usr/local/bin:/usr/bin:/bin") < 0)
        return CWL_ERROR;
    for (size_t i = 0; env && i < env->env_count; i++) {
        const char *value;

        if (cwl_template_eval_string(p->a, env->env[i].value, &context, 0, &value) < 0 ||
            add_env(p->a, &run->envp, &count, env->env[i].name, value) < 0)
            return CWL_ERROR;
    }
    return 0;
}

/* Points inputs that were staged into the work folder at their new paths. */
static int apply_moves(arena *a, json_value *value,
                       const cwl_staged_list *moves)
{
    const char *class_name = json_class(value);

    if (class_name && (!strcmp(class_name, "File") || !strcmp(class_name, "Directory"))) {
        const char *path = json_get_string(value, "path");

        for (size_t i = 0; path && i < moves->count; i++) {
            if (strcmp(moves->items[i].source, path) == 0)
                return relocate_object(a, value, moves->items[i].target);
        }
    }
    for (size_t i = 0; value && (value->kind == JSON_ARRAY || value->kind == JSON_OBJECT)
                       && i < value->count; i++) {
        if (apply_moves(a, value->items[i], moves) < 0)
            return CWL_ERROR;
    }
    return 0;
}

static int bind(preparer *p, const json_value *given)
{
    cwl_tool_run *run = p->run;
    const cwl_requirement *listing = requirement(run, "LoadListingRequirement");
    cwl_bind_options options = {CWL_LISTING_NONE, 0, NULL, 0, 0};
    char what[64];

    options.v1_0 = strcmp(run->tool->version, "v1.0") == 0;
    options.namespaces = run->tool->namespaces;
    options.check_formats = !run->tool->has_schemas;
    if (listing && listing->load_listing)
        options.listing = listing->load_listing;
    else if (options.v1_0)
        options.listing = CWL_LISTING_DEEP;
    snprintf(what, sizeof what, "tool");
    return cwl_bind_inputs(p->a, run->tool->inputs, run->tool->input_count, given,
                           &options, what, &run->inputs);
}

/* Names and creates the work and temporary folders.  Without a log to
 * keep apart from the outputs, the step folder is the work folder, and
 * staged inputs go below the temporary folder. */
static int make_folders(preparer *p, const char *tmpdir)
{
    cwl_tool_run *run = p->run;
    char stage[PATH_MAX];

    run->tmpdir = tmpdir ? arena_strdup(p->a, tmpdir) : join(p->a, run->folder, "tmp");
    if (!run->tmpdir)
        return CWL_ERROR;
    if (run->logs_to_stderr) {
        snprintf(stage, sizeof stage, "inputs-%s", fs_basename(run->folder));
        run->workdir = run->folder;
        run->stage_dir = join(p->a, run->tmpdir, stage);
    } else {
        run->workdir = join(p->a, run->folder, "work");
        run->stage_dir = join(p->a, run->folder, "inputs");
    }
    if (!run->workdir || !run->stage_dir)
        return CWL_ERROR;
    if (fs_mkdirs(run->workdir) < 0 || fs_mkdirs(run->tmpdir) < 0)
        return CWL_ERROR;
    return 0;
}

int cwl_tool_prepare(arena *a, const cwl_process *tool,
                     const cwl_requirements *requirements,
                     const json_value *given, const char *folder,
                     const cwl_tool_options *options, cwl_tool_run *run)
{
    preparer p = {a, run, 0, {NULL, 0}};
    const cwl_requirement *limit;
    size_t argc;
    int status;

    memset(run, 0, sizeof *run);
    run->logs_to_stderr = options && options->logs_to_stderr;
    run->tool = tool;
    run->requirements = requirements;
    run->folder = arena_strdup(a, folder);
    status = run->folder ? bind(&p, given) : CWL_ERROR;
    if (status == 0)
        status = make_folders(&p, options ? options->tmpdir : NULL);
    if (status == 0)
        status = stage_inputs(&p, run->inputs);
    if (status == 0 && !(run->runtime = runtime_object(a, run)))
        status = CWL_ERROR;
    if (status == 0 && requirement(run, "InitialWorkDirRequirement"))
        status = cwl_iwd_stage(a, run, &p.moves);
    if (status == 0 && p.moves.count)
        status = apply_moves(a, run->inputs, &p.moves);
    if (status == 0)
        status = prepare_streams(&p);
    if (status == 0)
        status = cwl_command_line(a, tool, run->inputs, run->runtime, &run->argv, &argc);
    if (status == 0)
        status = prepare_environment(&p);
    free(p.moves.items);

    limit = requirement(run, "ToolTimeLimit");
    run->timelimit = limit ? limit->timelimit : 0;
    return status;
}

runner_spec cwl_tool_spec(const cwl_tool_run *run)
{
    runner_spec spec = {run->argv, run->envp, run->workdir, run->stdin_path,
                        run->stdout_path, run->stderr_path, run->logs_to_stderr};

    return spec;
}
