/* cwl_bind.c - job files and input objects. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cwl_bind.h"
#include "cwl_secondary.h"
#include "error.h"
#include "fsutil.h"

static int is_file_object(const json_value *value)
{
    const char *class_name = json_class(value);

    return class_name && (strcmp(class_name, "File") == 0 ||
                          strcmp(class_name, "Directory") == 0);
}

/* Sets location and path of one File or Directory from what it has. */
static int resolve_one(arena *a, json_value *file, const char *base_dir)
{
    const char *location = json_get_string(file, "location");
    const char *path = json_get_string(file, "path");
    char *absolute = NULL;
    char *uri = NULL;
    int status = CWL_ERROR;

    if (!location && !path)
        return 0;
    if (location && !path && fs_has_scheme(location) &&
        strncmp(location, "file:", 5) != 0) {
        error_set("location '%s' is not a local file; saber-opt reads only "
                  "local files", location);
        return CWL_UNSUPPORTED;
    }
    absolute = path ? fs_join(base_dir, path) : fs_location_path(location, base_dir);
    uri = absolute ? fs_file_uri(absolute) : NULL;
    if (uri && json_set(a, file, "location", json_new_string(a, uri)) == 0 &&
        json_set(a, file, "path", json_new_string(a, absolute)) == 0)
        status = 0;
    free(absolute);
    free(uri);
    return status;
}

int cwl_files_resolve(arena *a, json_value *value, const char *base_dir)
{
    int status = 0;

    if (!value || (value->kind != JSON_ARRAY && value->kind != JSON_OBJECT))
        return 0;
    if (is_file_object(value))
        status = resolve_one(a, value, base_dir);
    for (size_t i = 0; i < value->count && status == 0; i++)
        status = cwl_files_resolve(a, value->items[i], base_dir);
    return status;
}

int cwl_job_load(const char *path, cwl_job **out)
{
    cwl_job *job = calloc(1, sizeof *job);
    char *dir = NULL;
    int status = CWL_ERROR;

    if (!job)
        return error_nomem();
    if (!path) {
        job->values = json_new_object(&job->memory);
        status = job->values ? 0 : CWL_ERROR;
        goto done;
    }
    job->path = fs_absolute(path);
    dir = job->path ? fs_dirname(job->path) : NULL;
    job->doc = dir ? ydoc_load_file(path) : NULL;
    if (!job->doc)
        goto done;
    if (json_from_ynode(&job->memory, job->doc, ydoc_root(job->doc), &job->values) < 0)
        goto done;
    if (json_is_null(job->values))
        job->values = json_new_object(&job->memory);
    if (!job->values || job->values->kind != JSON_OBJECT) {
        error_set("%s: a job file must be a mapping from input names to values",
                  path);
        goto done;
    }
    status = cwl_files_resolve(&job->memory, job->values, dir);
    if (status < 0)
        error_prefix("%s", path);

done:
    free(dir);
    if (status < 0) {
        cwl_job_free(job);
        return status;
    }
    *out = job;
    return 0;
}

void cwl_job_free(cwl_job *job)
{
    if (!job)
        return;
    arena_release(&job->memory);
    ydoc_free(job->doc);
    free(job->path);
    free(job);
}

static int set_text(arena *a, json_value *object, const char *key,
                    const char *text, size_t length)
{
    return json_set(a, object, key, json_new_stringn(a, text, length));
}

/* Sets basename, nameroot, nameext (Files) and dirname from path. */
static int set_names(arena *a, json_value *file, const char *path, int is_file)
{
    const char *basename = json_get_string(file, "basename");
    char *dirname = fs_dirname(path);
    size_t root;
    int status = -1;

    if (!basename)
        basename = fs_basename(path);
    root = fs_nameroot_length(basename);
    if (dirname && set_text(a, file, "basename", basename, strlen(basename)) == 0 &&
        set_text(a, file, "dirname", dirname, strlen(dirname)) == 0)
        status = 0;
    if (status == 0 && is_file &&
        (set_text(a, file, "nameroot", basename, root) < 0 ||
         set_text(a, file, "nameext", basename + root, strlen(basename + root)) < 0))
        status = -1;
    free(dirname);
    return status;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads the sorted entry names of a folder; the caller frees them. */
static char **read_names(const char *path, size_t *count)
{
    DIR *dir = opendir(path);
    struct dirent *entry;
    char **names = NULL;

    *count = 0;
    if (!dir) {
        error_set("cannot list %s: %s", path, strerror(errno));
        return NULL;
    }
    while ((entry = readdir(dir))) {
        char **grown;

        if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
            continue;
        grown = realloc(names, (*count + 2) * sizeof *names);
        if (!grown || !(grown[*count] = strdup(entry->d_name))) {
            names = grown ? grown : names;
            break;
        }
        names = grown;
        names[++*count] = NULL;
    }
    closedir(dir);
    if (names)
        qsort(names, *count, sizeof *names, compare_names);
    else
        names = calloc(1, sizeof *names);
    return names;
}

static json_value *listing_entry(arena *a, const char *path, cwl_load_listing listing)
{
    json_value *entry = json_new_object(a);
    int is_directory = 0;
    char *uri = fs_file_uri(path);
    json_value *done = NULL;

    fs_exists(path, &is_directory);
    if (entry && uri &&
        json_set(a, entry, "class", json_new_string(a, is_directory ? "Directory"
                                                                   : "File")) == 0 &&
        json_set(a, entry, "location", json_new_string(a, uri)) == 0 &&
        json_set(a, entry, "path", json_new_string(a, path)) == 0)
        done = cwl_file_complete(a, entry, listing == CWL_LISTING_DEEP
                                               ? CWL_LISTING_DEEP : CWL_LISTING_NONE);
    free(uri);
    return done;
}

static int set_listing(arena *a, json_value *directory, const char *path,
                       cwl_load_listing listing)
{
    size_t count;
    char **names = read_names(path, &count);
    json_value *items = json_new_array(a);
    int status = names && items ? 0 : CWL_ERROR;

    for (size_t i = 0; i < count && status == 0; i++) {
        char *child = fs_join(path, names[i]);
        json_value *entry = child ? listing_entry(a, child, listing) : NULL;

        status = entry ? json_append(a, items, entry) : CWL_ERROR;
        free(child);
    }
    for (size_t i = 0; names && i < count; i++)
        free(names[i]);
    free(names);
    if (status == 0)
        status = json_set(a, directory, "listing", items);
    return status;
}

/* Completes a File literal: contents without a location. */
static json_value *complete_literal(arena *a, json_value *file)
{
    const json_value *contents = json_get(file, "contents");
    const char *basename = json_get_string(file, "basename");

    if (contents && contents->kind == JSON_STRING &&
        json_set(a, file, "size", json_new_int(a, (int64_t)contents->length)) < 0)
        return NULL;
    if (basename) {
        size_t root = fs_nameroot_length(basename);

        if (set_text(a, file, "nameroot", basename, root) < 0 ||
            set_text(a, file, "nameext", basename + root, strlen(basename + root)) < 0)
            return NULL;
    }
    return file;
}

/* Completes the entries of a listing a Directory object already has. */
static int complete_listing(arena *a, json_value *directory, cwl_load_listing listing)
{
    json_value *items = json_get(directory, "listing");
    json_value *completed;

    if (!items || items->kind != JSON_ARRAY)
        return 0;
    completed = cwl_files_complete(a, items, listing);
    return completed ? json_set(a, directory, "listing", completed) : CWL_ERROR;
}

json_value *cwl_file_complete(arena *a, const json_value *original,
                              cwl_load_listing listing)
{
    json_value *file = json_copy(a, original);
    int is_file = strcmp(json_class(original), "File") == 0;
    const char *path = json_get_string(file, "path");
    struct stat info;

    if (!file)
        return NULL;
    if (!is_file && complete_listing(a, file, listing) < 0)
        return NULL;
    if (!path && !json_get_string(file, "location"))
        return is_file ? complete_literal(a, file) : file;
    if (!path) {
        error_set("%s '%s' has no path", json_class(file),
                  json_get_string(file, "location"));
        return NULL;
    }
    if (stat(path, &info) < 0) {
        error_set("%s %s: %s", is_file ? "file" : "folder", path, strerror(errno));
        return NULL;
    }
    if (is_file == S_ISDIR(info.st_mode)) {
        error_set("%s is a %s, not a %s", path, is_file ? "folder" : "file",
                  is_file ? "file" : "folder");
        return NULL;
    }
    if (set_names(a, file, path, is_file) < 0)
        return NULL;
    if (is_file && json_set(a, file, "size", json_new_int(a, (int64_t)info.st_size)) < 0)
        return NULL;
    if (!is_file && listing >= CWL_LISTING_SHALLOW && !json_get(file, "listing") &&
        set_listing(a, file, path, listing) < 0)
        return NULL;
    return file;
}

json_value *cwl_files_complete(arena *a, const json_value *value,
                               cwl_load_listing listing)
{
    json_value *copy;

    if (!value)
        return json_new_null(a);
    if (is_file_object(value))
        return cwl_file_complete(a, value, listing);
    if (!value || (value->kind != JSON_ARRAY && value->kind != JSON_OBJECT))
        return (json_value *)value;
    copy = value->kind == JSON_ARRAY ? json_new_array(a) : json_new_object(a);
    for (size_t i = 0; copy && i < value->count; i++) {
        json_value *item = cwl_files_complete(a, value->items[i], listing);
        int status = value->kind == JSON_ARRAY ? json_append(a, copy, item)
                                               : json_set(a, copy, value->keys[i], item);

        if (status < 0)
            return NULL;
    }
    return copy;
}

int cwl_file_load_contents(arena *a, json_value *file, int truncate)
{
    const char *path = json_get_string(file, "path");
    size_t length;
    int truncated;
    char *data;
    int status;

    if (!path)
        return json_get(file, "contents") ? 0 : CWL_ERROR;
    data = fs_read_head(path, CWL_CONTENTS_LIMIT, &length, &truncated);
    if (!data)
        return CWL_ERROR;
    if (truncated && !truncate) {
        error_set("loadContents: %s is larger than %d bytes", path,
                  CWL_CONTENTS_LIMIT);
        free(data);
        return CWL_ERROR;
    }
    status = json_set(a, file, "contents", json_new_stringn(a, data, length));
    free(data);
    return status;
}

/* Loads contents into every File of value (a File, or a list of Files). */
static int load_all_contents(arena *a, json_value *value, int truncate)
{
    const char *class_name = json_class(value);

    if (class_name && strcmp(class_name, "File") == 0)
        return cwl_file_load_contents(a, value, truncate);
    for (size_t i = 0; value && value->kind == JSON_ARRAY && i < value->count; i++) {
        if (load_all_contents(a, value->items[i], truncate) < 0)
            return CWL_ERROR;
    }
    return 0;
}

/* Expands the namespace prefix of every File's format inside value. */
static int expand_formats(arena *a, json_value *value, const ynode *namespaces)
{
    const char *class_name = json_class(value);
    const char *format = json_get_string(value, "format");

    if (class_name && !strcmp(class_name, "File") && format) {
        const char *expanded = cwl_expand_name(a, namespaces, format);

        if (!expanded)
            return CWL_ERROR;
        if (expanded != format &&
            json_set(a, value, "format", json_new_string(a, expanded)) < 0)
            return CWL_ERROR;
    }
    for (size_t i = 0; value && (value->kind == JSON_ARRAY || value->kind == JSON_OBJECT)
                       && i < value->count; i++) {
        if (expand_formats(a, value->items[i], namespaces) < 0)
            return CWL_ERROR;
    }
    return 0;
}

/* Checks that every File in value has one of the formats listed. */
static int check_file_formats(const json_value *value, const char **formats,
                              size_t count, const char *name)
{
    const char *class_name = json_class(value);

    if (class_name && !strcmp(class_name, "File")) {
        const char *format = json_get_string(value, "format");

        for (size_t i = 0; format && i < count; i++) {
            if (strcmp(format, formats[i]) == 0)
                return 0;
        }
        error_set("input '%s': file %s has %s%s%s, expected %s", name,
                  json_get_string(value, "basename"), format ? "format '" : "no format",
                  format ? format : "", format ? "'" : "", formats[0]);
        return CWL_ERROR;
    }
    for (size_t i = 0; value && value->kind == JSON_ARRAY && i < value->count; i++) {
        if (check_file_formats(value->items[i], formats, count, name) < 0)
            return CWL_ERROR;
    }
    return 0;
}

/* Checks formats declared by a parameter and by the fields of its record
 * types. */
static int check_formats(const cwl_type *type, const char **formats, size_t count,
                         const json_value *value, const char *name)
{
    if (count && check_file_formats(value, formats, count, name) < 0)
        return CWL_ERROR;
    if (!type || json_is_null(value))
        return 0;
    if (type->kind == CWL_TYPE_UNION) {
        for (size_t i = 0; i < type->alternative_count; i++) {
            if (cwl_type_check(type->alternatives[i], value, NULL, 0))
                return check_formats(type->alternatives[i], NULL, 0, value, name);
        }
        return 0;
    }
    for (size_t i = 0; type->kind == CWL_TYPE_ARRAY && value->kind == JSON_ARRAY &&
                       i < value->count; i++) {
        if (check_formats(type->items, NULL, 0, value->items[i], name) < 0)
            return CWL_ERROR;
    }
    for (size_t i = 0; type->kind == CWL_TYPE_RECORD && i < type->field_count; i++) {
        const cwl_field *field = &type->fields[i];

        if (check_formats(field->type, field->formats, field->format_count,
                          json_get(value, field->name), name) < 0)
            return CWL_ERROR;
    }
    return 0;
}

static int bind_one(arena *a, const cwl_param *param, const json_value *given,
                    const cwl_bind_options *options, const char *what,
                    json_value **out)
{
    const json_value *value = json_get(given, param->name);
    cwl_load_listing listing = param->load_listing ? param->load_listing
                                                   : options->listing;
    char why[256];

    if (json_is_null(value) && param->default_value)
        value = param->default_value;
    if (param->type && !cwl_type_check(param->type, value, why, sizeof why)) {
        if (json_is_null(value))
            error_set("%s: missing required input '%s'; give it in the job file",
                      what, param->name);
        else
            error_set("%s: invalid value for input '%s': %s", what, param->name, why);
        return CWL_ERROR;
    }
    *out = cwl_files_complete(a, value, listing);
    if (!*out) {
        error_prefix("%s: input '%s'", what, param->name);
        return CWL_ERROR;
    }
    if (expand_formats(a, *out, options->namespaces) < 0)
        return CWL_ERROR;
    if (options->check_formats &&
        check_formats(param->type, param->formats, param->format_count, *out,
                      param->name) < 0) {
        error_prefix("%s", what);
        return CWL_ERROR;
    }
    if (cwl_secondaries_bind(a, param->type, &param->secondary, *out,
                             options->discover_secondary, param->name) < 0) {
        error_prefix("%s", what);
        return CWL_ERROR;
    }
    if (param->load_contents ||
        (param->input_binding && param->input_binding->load_contents))
        return load_all_contents(a, *out, options->v1_0);
    return 0;
}

int cwl_bind_inputs(arena *a, const cwl_param *params, size_t count,
                    const json_value *given, const cwl_bind_options *options,
                    const char *what, json_value **out)
{
    json_value *object = json_new_object(a);

    if (!object)
        return CWL_ERROR;
    for (size_t i = 0; i < count; i++) {
        json_value *value;

        if (bind_one(a, &params[i], given, options, what, &value) < 0)
            return CWL_ERROR;
        if (json_set(a, object, params[i].name, value ? value : json_new_null(a)) < 0)
            return CWL_ERROR;
    }
    *out = object;
    return 0;
}
