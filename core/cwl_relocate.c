/* cwl_relocate.c - the final outputs of a run, moved and described. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cwl_relocate.h"
#include "error.h"
#include "fsutil.h"
#include "sha1.h"

/* Sources already placed, so that an output named twice is moved once. */
typedef struct placement {
    char *source;
    char *target;
} placement;

typedef struct relocator {
    arena *a;
    const char *outdir;
    const char *movable_root;
    placement *placed;
    size_t count;
} relocator;

static int set_text(arena *a, json_value *object, const char *key, const char *text)
{
    return json_set(a, object, key, json_new_string(a, text));
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int describe_listing(arena *a, json_value *directory, const char *path)
{
    DIR *dir = opendir(path);
    struct dirent *entry;
    char **names = NULL;
    size_t count = 0;
    json_value *listing = json_new_array(a);
    int status = dir && listing ? 0 : -1;

    if (!dir)
        error_set("cannot list %s: %s", path, strerror(errno));
    while (status == 0 && (entry = readdir(dir))) {
        char **grown;

        if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
            continue;
        grown = realloc(names, (count + 1) * sizeof *names);
        if (!grown || !(grown[count] = strdup(entry->d_name))) {
            names = grown ? grown : names;
            status = error_nomem();
            break;
        }
        names = grown;
        count++;
    }
    if (dir)
        closedir(dir);
    if (names)
        qsort(names, count, sizeof *names, compare_names);
    for (size_t i = 0; i < count; i++) {
        char *child = status == 0 ? fs_join(path, names[i]) : NULL;
        int is_directory = 0;

        if (child && fs_exists(child, &is_directory))
            status = json_append(a, listing, cwl_output_describe(a, child, is_directory));
        free(child);
        free(names[i]);
    }
    free(names);
    return status == 0 ? json_set(a, directory, "listing", listing) : -1;
}

json_value *cwl_output_describe(arena *a, const char *path, int is_directory)
{
    json_value *object = json_new_object(a);
    char *uri = fs_file_uri(path);
    int status = object && uri ? 0 : -1;

    if (status == 0)
        status = set_text(a, object, "class", is_directory ? "Directory" : "File");
    if (status == 0)
        status = set_text(a, object, "location", uri);
    if (status == 0)
        status = set_text(a, object, "path", path);
    if (status == 0)
        status = set_text(a, object, "basename", fs_basename(path));
    free(uri);
    if (status == 0 && is_directory)
        status = describe_listing(a, object, path);
    if (status == 0 && !is_directory) {
        char checksum[SHA1_CHECKSUM_SIZE];
        int64_t size;

        status = sha1_file(path, checksum, &size);
        if (status == 0)
            status = set_text(a, object, "checksum", checksum);
        if (status == 0)
            status = json_set(a, object, "size", json_new_int(a, size));
    }
    return status == 0 ? object : NULL;
}

/* Returns a free name in outdir for basename: basename, basename_2, ... */
static char *free_target(const relocator *r, const char *basename)
{
    char *target = fs_join(r->outdir, basename);

    for (int n = 2; target && fs_exists(target, NULL); n++) {
        char *numbered = malloc(strlen(basename) + 16);

        free(target);
        target = NULL;
        if (!numbered)
            break;
        sprintf(numbered, "%s_%d", basename, n);
        target = fs_join(r->outdir, numbered);
        free(numbered);
    }
    if (!target)
        error_nomem();
    return target;
}

static int is_below(const char *path, const char *root)
{
    size_t length = root ? strlen(root) : 0;

    return root && strncmp(path, root, length) == 0 &&
           (path[length] == '/' || path[length] == '\0');
}

/* Places one File or Directory in outdir; returns its new path. */
static const char *place(relocator *r, const char *source, const char *basename)
{
    char *real = realpath(source, NULL);
    char *target;
    placement *grown;
    int status;

    if (!real) {
        error_set("output %s: %s", source, strerror(errno));
        return NULL;
    }
    for (size_t i = 0; i < r->count; i++) {
        if (strcmp(r->placed[i].source, real) == 0) {
            free(real);
            return r->placed[i].target;
        }
    }
    target = free_target(r, basename);
    status = target ? 0 : -1;
    if (status == 0 && strcmp(real, target) != 0)
        status = is_below(real, r->movable_root) ? fs_move(real, target)
                                                 : fs_copy(real, target);
    grown = status == 0 ? realloc(r->placed, (r->count + 1) * sizeof *grown) : NULL;
    if (!grown) {
        free(real);
        free(target);
        return NULL;
    }
    r->placed = grown;
    r->placed[r->count].source = real;
    r->placed[r->count++].target = target;
    return target;
}

/* Describes a placed output, keeping the format it was given. */
static json_value *describe_placed(arena *a, const json_value *original,
                                   const char *target, int is_directory)
{
    json_value *described = cwl_output_describe(a, target, is_directory);
    json_value *format = json_get(original, "format");

    if (described && format && json_set(a, described, "format", format) < 0)
        return NULL;
    return described;
}

static json_value *relocate_value(relocator *r, const json_value *value);

/* Places the secondary files of an output beside it and lists them. */
static int relocate_secondaries(relocator *r, const json_value *original,
                                json_value *described)
{
    const json_value *secondary = json_get(original, "secondaryFiles");
    json_value *placed;

    if (!secondary || secondary->kind != JSON_ARRAY)
        return 0;
    placed = relocate_value(r, secondary);
    return placed ? json_set(r->a, described, "secondaryFiles", placed) : -1;
}

static json_value *relocate_value(relocator *r, const json_value *value)
{
    const char *class_name = json_class(value);
    json_value *copy;

    if (class_name && (!strcmp(class_name, "File") || !strcmp(class_name, "Directory"))) {
        const char *path = json_get_string(value, "path");
        const char *basename = json_get_string(value, "basename");
        const char *target;

        if (!path) {
            error_set("output %s has no path", class_name);
            return NULL;
        }
        json_value *described;

        target = place(r, path, basename ? basename : fs_basename(path));
        described = target ? describe_placed(r->a, value, target,
                                             !strcmp(class_name, "Directory"))
                           : NULL;
        if (described && relocate_secondaries(r, value, described) < 0)
            return NULL;
        return described;
    }
    if (!value || (value->kind != JSON_ARRAY && value->kind != JSON_OBJECT))
        return value ? (json_value *)value : json_new_null(r->a);
    copy = value->kind == JSON_ARRAY ? json_new_array(r->a) : json_new_object(r->a);
    for (size_t i = 0; copy && i < value->count; i++) {
        json_value *item = relocate_value(r, value->items[i]);
        int status = value->kind == JSON_ARRAY ? json_append(r->a, copy, item)
                                               : json_set(r->a, copy, value->keys[i], item);

        if (status < 0)
            return NULL;
    }
    return copy;
}

int cwl_outputs_relocate(arena *a, const json_value *outputs, const char *outdir,
                         const char *movable_root, json_value **out)
{
    relocator r = {a, outdir, movable_root, NULL, 0};
    int status = fs_mkdirs(outdir);

    if (status == 0) {
        *out = relocate_value(&r, outputs);
        status = *out ? 0 : -1;
    }
    for (size_t i = 0; i < r.count; i++) {
        free(r.placed[i].source);
        free(r.placed[i].target);
    }
    free(r.placed);
    return status;
}
