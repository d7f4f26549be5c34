/* cwl_iwd.c - InitialWorkDirRequirement: files in the output folder. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cwl_bind.h"
#include "cwl_iwd.h"
#include "error.h"
#include "fsutil.h"

typedef struct stager {
    arena *a;
    const cwl_tool_run *run;
    cwl_staged_list *moves;
    cwl_expr_context context;
} stager;

static int add_move(cwl_staged_list *moves, const char *source, const char *target)
{
    cwl_staged *items = realloc(moves->items, (moves->count + 1) * sizeof *items);

    if (!items)
        return error_nomem();
    items[moves->count].source = source;
    items[moves->count++].target = target;
    moves->items = items;
    return 0;
}

/* Returns workdir/name after checking that name stays inside it, with
 * missing parent folders created. */
static const char *target_path(stager *s, const char *name)
{
    char *path;
    char *parent;
    const char *copy;

    if (name[0] == '/' || strstr(name, "..") || !*name) {
        error_set("InitialWorkDirRequirement: entry name '%s' must be a "
                  "relative path inside the output folder", name);
        return NULL;
    }
    path = fs_join(s->run->workdir, name);
    parent = path ? fs_dirname(path) : NULL;
    copy = parent && fs_mkdirs(parent) == 0 ? arena_strdup(s->a, path) : NULL;
    free(path);
    free(parent);
    return copy;
}

/* Creates a Directory literal (a listing without a location) at target. */
static int create_directory(stager *s, const json_value *directory,
                            const char *target);

static int stage_object(stager *s, const json_value *object, const char *name,
                        int writable)
{
    const char *path = json_get_string(object, "path");
    const char *basename = json_get_string(object, "basename");
    const char *target;
    json_value *contents = json_get(object, "contents");

    if (!name && basename)
        name = basename;
    else if (!name && path)
        name = fs_basename(path);
    if (!name) {
        error_set("InitialWorkDirRequirement: a %s entry has no name",
                  json_class(object));
        return CWL_ERROR;
    }
    target = target_path(s, name);
    if (!target)
        return CWL_ERROR;
    if (!path && contents && contents->kind == JSON_STRING)
        return fs_write_file(target, contents->string, contents->length);
    if (!path)
        return create_directory(s, object, target);
    if (writable ? fs_copy(path, target) < 0 : symlink(path, target) < 0) {
        if (!writable)
            error_set("cannot link %s to %s: %s", target, path, strerror(errno));
        return CWL_ERROR;
    }
    return add_move(s->moves, path, target);
}

static int create_directory(stager *s, const json_value *directory,
                            const char *target)
{
    const json_value *listing = json_get(directory, "listing");
    char *relative;

    if (fs_mkdirs(target) < 0)
        return CWL_ERROR;
    relative = strdup(target + strlen(s->run->workdir) + 1);
    if (!relative)
        return error_nomem();
    for (size_t i = 0; listing && listing->kind == JSON_ARRAY && i < listing->count; i++) {
        const json_value *item = listing->items[i];
        const char *basename = json_get_string(item, "basename");
        char *name = basename ? fs_join(relative, basename) : NULL;
        int status = name ? stage_object(s, item, name, 1) : CWL_ERROR;

        if (!basename)
            error_set("a Directory literal's listing entry has no basename");
        free(name);
        if (status < 0) {
            free(relative);
            return CWL_ERROR;
        }
    }
    free(relative);
    return 0;
}

static int is_file_object(const json_value *value)
{
    const char *class_name = json_class(value);

    return class_name && (!strcmp(class_name, "File") ||
                          !strcmp(class_name, "Directory"));
}

static int write_text(stager *s, const char *name, const json_value *value)
{
    strbuf text = STRBUF_INIT;
    const char *target;
    int status;

    if (!name) {
        error_set("InitialWorkDirRequirement: an entry that is not a File or "
                  "Directory needs an entryname");
        return CWL_ERROR;
    }
    target = target_path(s, name);
    if (!target)
        return CWL_ERROR;
    status = value->kind == JSON_STRING
                 ? strbuf_append(&text, value->string, value->length)
                 : json_write(&text, value, JSON_STYLE_PYTHON);
    if (status == 0)
        status = fs_write_file(target, strbuf_str(&text), text.length);
    strbuf_release(&text);
    return status < 0 ? CWL_ERROR : 0;
}

/* Stages the value of one entry: File or Directory objects (or lists of
 * them) by name, anything else as a file of text. */
static int stage_value(stager *s, const json_value *value, const char *name,
                       int writable, int whole_reference)
{
    if (json_is_null(value))
        return 0;
    if (is_file_object(value))
        return stage_object(s, value, name, writable);
    if (value->kind == JSON_ARRAY && whole_reference) {
        int all_files = 1;

        for (size_t i = 0; i < value->count; i++)
            all_files &= is_file_object(value->items[i]) || json_is_null(value->items[i]);
        for (size_t i = 0; all_files && i < value->count; i++) {
            if (stage_value(s, value->items[i], NULL, writable, 1) < 0)
                return CWL_ERROR;
        }
        if (all_files)
            return 0;
    }
    return write_text(s, name, value);
}

static int stage_entry(stager *s, const cwl_dirent *entry)
{
    const char *name = NULL;
    json_value *value;

    if (entry->literal) {
        json_value *files = cwl_files_complete(s->a, entry->literal, CWL_LISTING_NONE);

        return files ? stage_value(s, files, NULL, entry->writable, 1) : CWL_ERROR;
    }
    if (entry->entryname &&
        cwl_template_eval_string(s->a, entry->entryname, &s->context, 0, &name) < 0)
        return CWL_ERROR;
    if (cwl_template_eval(s->a, entry->entry, &s->context, &value) < 0)
        return CWL_ERROR;
    if (!entry->entryname && value->kind == JSON_STRING &&
        cwl_template_is_literal(entry->entry)) {
        error_set("%s: a listing entry written as text needs an entryname",
                  cwl_template_where(entry->entry));
        return CWL_ERROR;
    }
    return stage_value(s, value, name, entry->writable,
                       !cwl_template_is_literal(entry->entry));
}

int cwl_iwd_stage(arena *a, const cwl_tool_run *run, cwl_staged_list *moves)
{
    const cwl_requirement *iwd = cwl_requirements_find(run->requirements,
                                                       "InitialWorkDirRequirement");
    stager s = {a, run, moves, {run->inputs, NULL, run->runtime}};

    if (iwd->listing_expression) {
        json_value *value;

        if (cwl_template_eval(a, iwd->listing_expression, &s.context, &value) < 0)
            return CWL_ERROR;
        return stage_value(&s, value, NULL, 0, 1);
    }
    for (size_t i = 0; i < iwd->listing_count; i++) {
        if (stage_entry(&s, &iwd->listing[i]) < 0)
            return CWL_ERROR;
    }
    return 0;
}
