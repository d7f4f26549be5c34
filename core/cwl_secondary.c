/* cwl_secondary.c - secondaryFiles: the files that travel with a File. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cwl_secondary.h"
#include "error.h"
#include "fsutil.h"

/* What to do with each File a walk reaches. */
typedef int (*file_action)(arena *a, json_value *file, const cwl_secondaries *secondaries,
                           void *data);

char *cwl_secondary_name(const char *basename, const char *pattern)
{
    size_t keep = strlen(basename);
    char *name;

    while (*pattern == '^') {
        const char *dot = memrchr(basename, '.', keep);

        pattern++;
        if (!dot) {
            while (*pattern == '^')
                pattern++;
            break;
        }
        keep = (size_t)(dot - basename);
    }
    name = malloc(keep + strlen(pattern) + 1);
    if (!name)
        return NULL;
    memcpy(name, basename, keep);
    strcpy(name + keep, pattern);
    return name;
}

static int is_file(const json_value *value)
{
    const char *class_name = json_class(value);

    return class_name && strcmp(class_name, "File") == 0;
}

/* Applies action to every File of value that a list of secondaries
 * covers: the parameter's own, or a record field's. */
static int walk(arena *a, const cwl_type *type, const cwl_secondaries *secondaries,
                json_value *value, file_action action, void *data)
{
    if (json_is_null(value))
        return 0;
    if (is_file(value))
        return secondaries && secondaries->count ? action(a, value, secondaries, data) : 0;
    if (type && type->kind == CWL_TYPE_UNION) {
        for (size_t i = 0; i < type->alternative_count; i++) {
            if (cwl_type_check(type->alternatives[i], value, NULL, 0))
                return walk(a, type->alternatives[i], secondaries, value, action, data);
        }
        return 0;
    }
    if (value->kind == JSON_ARRAY) {
        for (size_t i = 0; i < value->count; i++) {
            const cwl_type *items = type && type->kind == CWL_TYPE_ARRAY ? type->items : NULL;

            if (walk(a, items, secondaries, value->items[i], action, data) < 0)
                return CWL_ERROR;
        }
        return 0;
    }
    for (size_t i = 0; type && type->kind == CWL_TYPE_RECORD && i < type->field_count; i++) {
        const cwl_field *field = &type->fields[i];

        if (walk(a, field->type, &field->secondary, json_get(value, field->name), action,
                 data) < 0)
            return CWL_ERROR;
    }
    return 0;
}

/* Evaluates a pattern for file: a name (NULL when the expression gives
 * null), allocated in a. */
static int pattern_name(arena *a, const cwl_secondary *secondary, const json_value *file,
                        const cwl_expr_context *context, const char **name)
{
    const char *basename = json_get_string(file, "basename");
    char *computed;

    if (!cwl_template_is_literal(secondary->pattern)) {
        cwl_expr_context with_self = {context ? context->inputs : NULL, file,
                                      context ? context->runtime : NULL};

        return cwl_template_eval_string(a, secondary->pattern, &with_self, 1, name);
    }
    computed = cwl_secondary_name(basename ? basename : "",
                                  cwl_template_text(secondary->pattern));
    *name = computed ? arena_strdup(a, computed) : NULL;
    free(computed);
    return *name ? 0 : error_nomem();
}

static int has_secondary(const json_value *list, const char *name)
{
    for (size_t i = 0; list && list->kind == JSON_ARRAY && i < list->count; i++) {
        const char *basename = json_get_string(list->items[i], "basename");
        const char *path = json_get_string(list->items[i], "path");

        if ((basename && !strcmp(basename, name)) ||
            (!basename && path && !strcmp(fs_basename(path), name)))
            return 1;
    }
    return 0;
}

/* Adds the file name beside file to its secondaryFiles when it exists;
 * returns 1 when added, 0 when missing, -1 on error. */
static int add_beside(arena *a, json_value *file, const char *name)
{
    const char *path = json_get_string(file, "path");
    json_value *list = json_get(file, "secondaryFiles");
    char *dir = path ? fs_dirname(path) : NULL;
    char *candidate = dir ? fs_join(dir, name) : NULL;
    int is_directory = 0;
    int status = 0;

    if (candidate && fs_exists(candidate, &is_directory)) {
        json_value *entry = json_new_object(a);
        char *uri = fs_file_uri(candidate);

        status = -1;
        if (entry && uri &&
            json_set(a, entry, "class", json_new_string(a, is_directory ? "Directory"
                                                                       : "File")) == 0 &&
            json_set(a, entry, "location", json_new_string(a, uri)) == 0 &&
            json_set(a, entry, "path", json_new_string(a, candidate)) == 0 &&
            (entry = cwl_file_complete(a, entry, CWL_LISTING_NONE)) &&
            (list || (list = json_new_array(a))) &&
            json_append(a, list, entry) == 0 &&
            json_set(a, file, "secondaryFiles", list) == 0)
            status = 1;
        free(uri);
    }
    free(dir);
    free(candidate);
    return status;
}

typedef struct bind_data {
    int discover;
    int collect;
    const cwl_expr_context *context;
    const char *name;
} bind_data;

static int apply_secondaries(arena *a, json_value *file, const cwl_secondaries *secondaries,
                             void *data)
{
    const bind_data *b = data;
    json_value *given = json_get(file, "secondaryFiles");
    int search = b->collect || (b->discover && !given);

    if (given && !b->collect) {
        json_value *completed = cwl_files_complete(a, given, CWL_LISTING_NONE);

        if (!completed || json_set(a, file, "secondaryFiles", completed) < 0)
            return CWL_ERROR;
    }
    for (size_t i = 0; i < secondaries->count; i++) {
        const char *name;
        int found;

        if (pattern_name(a, &secondaries->items[i], file, b->context, &name) < 0)
            return CWL_ERROR;
        if (!name)
            continue;
        found = has_secondary(json_get(file, "secondaryFiles"), name);
        if (!found && search && (found = add_beside(a, file, name)) < 0)
            return CWL_ERROR;
        if (!found && secondaries->items[i].required) {
            error_set("%s: the secondary file %s of %s is missing", b->name, name,
                      json_get_string(file, "basename"));
            return CWL_ERROR;
        }
    }
    return 0;
}

int cwl_secondaries_bind(arena *a, const cwl_type *type,
                         const cwl_secondaries *secondaries, json_value *value,
                         int discover, const char *name)
{
    bind_data data = {discover, 0, NULL, name};

    return walk(a, type, secondaries, value, apply_secondaries, &data);
}

int cwl_secondaries_collect(arena *a, const cwl_type *type,
                            const cwl_secondaries *secondaries, json_value *value,
                            const cwl_expr_context *context, const char *name)
{
    bind_data data = {1, 1, context, name};

    return walk(a, type, secondaries, value, apply_secondaries, &data);
}
