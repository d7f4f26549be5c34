/*
 * cwl-conformance.c - runs the CWL conformance tests against saber-opt run.
 *
 * Reads conformance_tests.yaml (following its $import entries), runs
 * "RUNNER run --outdir=DIR --quiet TOOL [JOB]" for each test from the
 * suite's root folder, and compares the printed output object with the
 * expected one:
 *
 *   - "Any" matches anything; lists compare item by item, in order;
 *   - an object must have every expected key, and any other key it has
 *     must be null;
 *   - a File must exist on disk, with the sha1 checksum and size it
 *     reports (both recomputed), its location must end with the expected
 *     location or path, and the expected keys must match;
 *   - a Directory must carry a listing holding a match for every expected
 *     entry, in any order.
 *
 * A test whose runner exits 33 is unsupported unless it is tagged
 * required (untagged tests count as required), as cwltest counts them.  A
 * test that should fail passes on any other non-zero exit.  The summary
 * gives passed, failed and unsupported counts, overall and per tag.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "error.h"
#include "fsutil.h"
#include "json.h"
#include "runner.h"
#include "sha1.h"
#include "strbuf.h"
#include "yamltree.h"

enum { RESULT_PASS, RESULT_FAIL, RESULT_UNSUPPORTED };

typedef struct test_case {
    const char *id;
    const char *tool;            /* relative to the suite's root */
    const char *job;             /* NULL when none */
    const json_value *output;
    int should_fail;
    const char **tags;
    size_t tag_count;
} test_case;

typedef struct suite {
    arena memory;
    ydoc **docs;
    size_t doc_count;
    test_case *tests;
    size_t count;
} suite;

typedef struct tag_count {
    const char *tag;
    size_t counts[3];
} tag_count;

typedef struct options {
    const char *runner;
    const char *tests;
    const char *subset;
    const char *only;
    double timeout;
    int verbose;
} options;

static int fail_compare(strbuf *why, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static int fail_compare(strbuf *why, const char *format, ...)
{
    va_list args;

    if (why->length == 0) {
        va_start(args, format);
        strbuf_vprintf(why, format, args);
        va_end(args);
    }
    return 0;
}

/* ---- reading the test list ---- */

static const char *text_of(suite *s, const json_value *value)
{
    (void)s;
    return value && value->kind == JSON_STRING ? value->string : NULL;
}

static const char *under(suite *s, const char *dir, const char *path)
{
    char *joined;
    const char *copy;

    if (!path)
        return NULL;
    if (!*dir)
        return path;
    joined = fs_join(dir, path);
    copy = arena_strdup(&s->memory, joined);
    free(joined);
    return copy;
}

static int keep_doc(suite *s, ydoc *doc)
{
    ydoc **docs = realloc(s->docs, (s->doc_count + 1) * sizeof *docs);

    if (!docs)
        return -1;
    s->docs = docs;
    s->docs[s->doc_count++] = doc;
    return 0;
}

/* Reads an expected output kept in a file of its own ({$import: file}). */
static int load_expected(suite *s, const char *path, const json_value **out)
{
    ydoc *doc = ydoc_load_file(path);
    json_value *value;

    if (!doc || keep_doc(s, doc) < 0 ||
        json_from_ynode(&s->memory, doc, ydoc_root(doc), &value) < 0) {
        fprintf(stderr, "cwl-conformance: %s\n", error_message());
        if (doc && s->doc_count == 0)
            ydoc_free(doc);
        return -1;
    }
    *out = value;
    return 0;
}

static int add_test(suite *s, const json_value *entry, const char *dir)
{
    test_case *tests = realloc(s->tests, (s->count + 1) * sizeof *tests);
    test_case *t;
    const json_value *tags = json_get(entry, "tags");

    if (!tests)
        return -1;
    s->tests = tests;
    t = &tests[s->count++];
    memset(t, 0, sizeof *t);
    t->id = text_of(s, json_get(entry, "id"));
    t->tool = under(s, dir, text_of(s, json_get(entry, "tool")));
    t->job = under(s, dir, text_of(s, json_get(entry, "job")));
    t->output = json_get(entry, "output");
    if (json_get_string(t->output, "$import") && t->output->count == 1 &&
        load_expected(s, under(s, dir, json_get_string(t->output, "$import")),
                      &t->output) < 0)
        return -1;
    t->should_fail = json_get(entry, "should_fail") &&
                     json_get(entry, "should_fail")->boolean;
    t->tags = arena_alloc(&s->memory, (tags ? tags->count : 0) * sizeof *t->tags + 1);
    for (size_t i = 0; tags && i < tags->count; i++)
        t->tags[t->tag_count++] = text_of(s, tags->items[i]);
    if (!t->id || !t->tool) {
        fprintf(stderr, "cwl-conformance: a test in %s has no id or tool\n",
                *dir ? dir : ".");
        return -1;
    }
    return 0;
}

/* Reads a test list; dir is its folder relative to the suite's root. */
static int read_list(suite *s, const char *path, const char *dir)
{
    ydoc *doc = ydoc_load_file(path);
    json_value *list;

    if (!doc) {
        fprintf(stderr, "cwl-conformance: %s\n", error_message());
        return -1;
    }
    if (keep_doc(s, doc) < 0) {
        ydoc_free(doc);
        return -1;
    }
    if (json_from_ynode(&s->memory, doc, ydoc_root(doc), &list) < 0 ||
        list->kind != JSON_ARRAY) {
        fprintf(stderr, "cwl-conformance: %s is not a list of tests: %s\n", path,
                error_message());
        return -1;
    }
    for (size_t i = 0; i < list->count; i++) {
        const char *import = json_get_string(list->items[i], "$import");

        if (import) {
            const char *child = under(s, dir, import);
            char *child_dir = fs_dirname(child);
            int status = read_list(s, child, strcmp(child_dir, ".") ? child_dir : "");

            free(child_dir);
            if (status < 0)
                return -1;
        } else if (add_test(s, list->items[i], dir) < 0) {
            return -1;
        }
    }
    return 0;
}

static void suite_release(suite *s)
{
    for (size_t i = 0; i < s->doc_count; i++)
        ydoc_free(s->docs[i]);
    free(s->docs);
    free(s->tests);
    arena_release(&s->memory);
}

/* ---- comparing outputs ---- */

static int compare(const json_value *expected, const json_value *actual, strbuf *why);

static int is_any(const json_value *value)
{
    return value && value->kind == JSON_STRING && strcmp(value->string, "Any") == 0;
}

static int compare_scalar(const json_value *expected, const json_value *actual,
                          strbuf *why)
{
    json_kind e = expected ? expected->kind : JSON_NULL;
    json_kind a = actual ? actual->kind : JSON_NULL;

    if ((e == JSON_INT || e == JSON_DOUBLE) && (a == JSON_INT || a == JSON_DOUBLE)) {
        double x = e == JSON_INT ? (double)expected->integer : expected->number;
        double y = a == JSON_INT ? (double)actual->integer : actual->number;

        return x == y || fail_compare(why, "expected %g, found %g", x, y);
    }
    if (e != a)
        return fail_compare(why, "expected a %s, found a %s", json_kind_name(expected),
                            json_kind_name(actual));
    if (e == JSON_STRING && strcmp(expected->string, actual->string) != 0)
        return fail_compare(why, "expected '%s', found '%s'", expected->string,
                            actual->string);
    if (e == JSON_BOOL && expected->boolean != actual->boolean)
        return fail_compare(why, "expected %s", expected->boolean ? "true" : "false");
    return 1;
}

static int compare_list(const json_value *expected, const json_value *actual,
                        strbuf *why)
{
    if (!actual || actual->kind != JSON_ARRAY)
        return fail_compare(why, "expected a list, found a %s", json_kind_name(actual));
    if (expected->count != actual->count)
        return fail_compare(why, "expected %zu items, found %zu", expected->count,
                            actual->count);
    for (size_t i = 0; i < expected->count; i++) {
        if (!compare(expected->items[i], actual->items[i], why))
            return 0;
    }
    return 1;
}

static int ends_with_segment(const char *text, const char *tail)
{
    size_t length = strlen(text);
    size_t tail_length = strlen(tail);

    if (!strchr(text, '/'))
        return strcmp(text, tail) == 0;
    return length > tail_length && text[length - tail_length - 1] == '/' &&
           strcmp(text + length - tail_length, tail) == 0;
}

static int compare_location(const json_value *expected, const json_value *actual,
                            strbuf *why)
{
    const char *key = json_get(expected, "path") ? "path"
                      : json_get(expected, "location") ? "location" : NULL;
    const char *wanted;
    const char *found;
    char *trimmed;
    int ok;

    if (!key || is_any(json_get(expected, key)))
        return 1;
    wanted = json_get_string(expected, key);
    found = json_get_string(actual, key);
    if (!found)
        found = json_get_string(actual, "location");
    if (!wanted || !found)
        return fail_compare(why, "no %s to compare", key);
    trimmed = fs_percent_decode(found);
    while (strlen(trimmed) > 1 && trimmed[strlen(trimmed) - 1] == '/')
        trimmed[strlen(trimmed) - 1] = '\0';
    ok = ends_with_segment(trimmed, wanted) || ends_with_segment(found, wanted);
    free(trimmed);
    return ok || fail_compare(why, "%s '%s' does not end with '%s'", key, found, wanted);
}

/* Checks that a reported File exists with the checksum and size it
 * reports. */
static int check_file_on_disk(const json_value *actual, strbuf *why)
{
    const char *location = json_get_string(actual, "location");
    const char *reported = json_get_string(actual, "checksum");
    const json_value *size = json_get(actual, "size");
    char checksum[SHA1_CHECKSUM_SIZE];
    int64_t real_size;
    char *path;
    int ok;

    if (!location || strncmp(location, "file://", 7) != 0)
        return fail_compare(why, "File location '%s' is not a file:// URI",
                            location ? location : "(none)");
    path = fs_percent_decode(location + 7);
    ok = sha1_file(path, checksum, &real_size) == 0;
    if (!ok)
        fail_compare(why, "output file %s: %s", path, error_message());
    else if (reported && strcmp(reported, checksum) != 0)
        ok = fail_compare(why, "%s reports %s but holds %s", path, reported, checksum);
    else if (size && size->kind == JSON_INT && size->integer != real_size)
        ok = fail_compare(why, "%s reports %lld bytes but holds %lld", path,
                          (long long)size->integer, (long long)real_size);
    free(path);
    return ok;
}

static int compare_other_keys(const json_value *expected, const json_value *actual,
                              strbuf *why)
{
    for (size_t i = 0; i < expected->count; i++) {
        const char *key = expected->keys[i];

        if (!strcmp(key, "path") || !strcmp(key, "location") || !strcmp(key, "listing") ||
            !strcmp(key, "contents"))
            continue;
        if (!compare(expected->items[i], json_get(actual, key), why)) {
            strbuf_printf(why, " (key '%s')", key);
            return 0;
        }
    }
    return 1;
}

static int compare_file(const json_value *expected, const json_value *actual,
                        strbuf *why)
{
    const char *class_name = json_class(actual);

    if (!class_name || strcmp(class_name, "File") != 0)
        return fail_compare(why, "expected a File, found a %s",
                            class_name ? class_name : json_kind_name(actual));
    return compare_location(expected, actual, why) &&
           check_file_on_disk(actual, why) && compare_other_keys(expected, actual, why);
}

static int compare_directory(const json_value *expected, const json_value *actual,
                             strbuf *why)
{
    const char *class_name = json_class(actual);
    const json_value *listing = json_get(actual, "listing");
    const json_value *wanted = json_get(expected, "listing");

    if (!class_name || strcmp(class_name, "Directory") != 0)
        return fail_compare(why, "expected a Directory, found a %s",
                            class_name ? class_name : json_kind_name(actual));
    if (!listing || listing->kind != JSON_ARRAY)
        return fail_compare(why, "the Directory has no listing");
    for (size_t i = 0; wanted && i < wanted->count; i++) {
        int found = 0;

        for (size_t j = 0; j < listing->count && !found; j++) {
            strbuf ignored = STRBUF_INIT;

            found = compare(wanted->items[i], listing->items[j], &ignored);
            strbuf_release(&ignored);
        }
        if (!found)
            return fail_compare(why, "listing entry %zu is missing", i);
    }
    return compare_location(expected, actual, why) &&
           compare_other_keys(expected, actual, why);
}

static int compare_object(const json_value *expected, const json_value *actual,
                          strbuf *why)
{
    const char *class_name = json_class(expected);

    if (class_name && strcmp(class_name, "File") == 0)
        return compare_file(expected, actual, why);
    if (class_name && strcmp(class_name, "Directory") == 0)
        return compare_directory(expected, actual, why);
    if (!actual || actual->kind != JSON_OBJECT)
        return fail_compare(why, "expected an object, found a %s", json_kind_name(actual));
    for (size_t i = 0; i < expected->count; i++) {
        if (!compare(expected->items[i], json_get(actual, expected->keys[i]), why)) {
            strbuf_printf(why, " (key '%s')", expected->keys[i]);
            return 0;
        }
    }
    for (size_t i = 0; i < actual->count; i++) {
        if (!json_get(expected, actual->keys[i]) && !json_is_null(actual->items[i]))
            return fail_compare(why, "unexpected key '%s'", actual->keys[i]);
    }
    return 1;
}

static int compare(const json_value *expected, const json_value *actual, strbuf *why)
{
    if (is_any(expected))
        return 1;
    if (expected && expected->kind == JSON_OBJECT)
        return compare_object(expected, actual, why);
    if (expected && expected->kind == JSON_ARRAY)
        return compare_list(expected, actual, why);
    return compare_scalar(expected, actual, why);
}

/* ---- running ---- */

static int has_tag(const test_case *t, const char *tag)
{
    for (size_t i = 0; i < t->tag_count; i++) {
        if (t->tags[i] && strcmp(t->tags[i], tag) == 0)
            return 1;
    }
    return 0;
}

extern char **environ;

/* Returns a copy of the environment with TMPDIR set to tmpdir, so that the
 * folders saber-opt keeps after a failed run go with the test's folder. */
static char **environment_with_tmpdir(const char *tmpdir)
{
    size_t count = 0;
    char **envp;

    while (environ[count])
        count++;
    envp = calloc(count + 2, sizeof *envp);
    if (!envp)
        return NULL;
    for (size_t i = 0, j = 0; i < count; i++) {
        if (strncmp(environ[i], "TMPDIR=", 7) != 0)
            envp[j++] = strdup(environ[i]);
    }
    for (size_t j = 0; ; j++) {
        if (!envp[j]) {
            if (asprintf(&envp[j], "TMPDIR=%s", tmpdir) < 0)
                envp[j] = NULL;
            break;
        }
    }
    return envp;
}

static void free_environment(char **envp)
{
    for (size_t i = 0; envp && envp[i]; i++)
        free(envp[i]);
    free(envp);
}

static int run_runner(const options *o, const test_case *t, const char *outdir,
                      const char *tmpdir, const char *out_path, const char *err_path,
                      int *exit_code)
{
    char **envp;
    char *outdir_option = NULL;
    const char *argv[7];
    size_t argc = 0;
    runner_spec spec;
    runner_process *process;
    size_t index;
    int status;

    if (asprintf(&outdir_option, "--outdir=%s", outdir) < 0)
        return -1;
    argv[argc++] = o->runner;
    argv[argc++] = "run";
    argv[argc++] = outdir_option;
    argv[argc++] = "--quiet";
    argv[argc++] = t->tool;
    if (t->job)
        argv[argc++] = t->job;
    argv[argc] = NULL;
    envp = environment_with_tmpdir(tmpdir);
    spec = (runner_spec){argv, (const char *const *)envp, NULL, NULL, out_path,
                         err_path, 0};
    process = envp ? runner_start(&spec) : NULL;
    free(outdir_option);
    free_environment(envp);
    if (!process)
        return -1;
    status = runner_wait_any(&process, 1, o->timeout, -1, &index);
    if (status == RUNNER_TIMEOUT) {
        runner_cancel(process, 2.0);
        runner_wait(process);
    }
    *exit_code = runner_status_of(process)->exited ? runner_status_of(process)->exit_code
                                                   : 128 + runner_status_of(process)->signal;
    if (status == RUNNER_TIMEOUT)
        *exit_code = -1;
    runner_free(process);
    return 0;
}

static int check_output(suite *s, const test_case *t, const char *out_path,
                        strbuf *why)
{
    ydoc *doc = ydoc_load_file(out_path);
    json_value *actual;
    int ok;

    if (!doc)
        return fail_compare(why, "cannot read the output: %s", error_message());
    if (json_from_ynode(&s->memory, doc, ydoc_root(doc), &actual) < 0) {
        ydoc_free(doc);
        return fail_compare(why, "invalid output: %s", error_message());
    }
    ok = compare(t->output, actual, why);
    ydoc_free(doc);
    return ok;
}

static int run_test(suite *s, const options *o, const test_case *t, strbuf *why)
{
    char *dir = NULL;
    char *outdir;
    char *out_path;
    char *err_path;
    int exit_code = 0;
    int result = RESULT_FAIL;
    int required = t->tag_count == 0 || has_tag(t, "required");

    if (asprintf(&dir, "%s/cwl-conformance-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR")
                                                                       : "/tmp") < 0 ||
        !mkdtemp(dir)) {
        fail_compare(why, "cannot create a temporary folder");
        free(dir);
        return RESULT_FAIL;
    }
    outdir = fs_join(dir, "out");
    out_path = fs_join(dir, "stdout.json");
    err_path = fs_join(dir, "stderr.txt");
    if (run_runner(o, t, outdir, dir, out_path, err_path, &exit_code) < 0)
        fail_compare(why, "cannot run %s: %s", o->runner, error_message());
    else if (exit_code == -1)
        fail_compare(why, "timed out after %g s", o->timeout);
    else if (exit_code == 33 && !required)
        result = RESULT_UNSUPPORTED;
    else if (exit_code != 0 && t->should_fail)
        result = RESULT_PASS;
    else if (exit_code != 0)
        fail_compare(why, "exit status %d", exit_code);
    else if (t->should_fail)
        fail_compare(why, "succeeded but should fail");
    else if (check_output(s, t, out_path, why))
        result = RESULT_PASS;

    if (result != RESULT_PASS && o->verbose) {
        char *err = NULL;
        size_t length;
        FILE *file = fopen(err_path, "r");

        if (file) {
            err = malloc(4097);
            length = err ? fread(err, 1, 4096, file) : 0;
            if (err) {
                err[length] = '\0';
                strbuf_printf(why, "\n    stderr: %s", err);
            }
            fclose(file);
            free(err);
        }
    }
    fs_remove_tree(dir);
    free(outdir), free(out_path), free(err_path), free(dir);
    return result;
}

/* ---- selection and summary ---- */

static int in_list(const char *list_text, const char *id)
{
    const char *p = list_text;
    size_t length = strlen(id);

    while ((p = strstr(p, id))) {
        int start = p == list_text || p[-1] == '\n' || p[-1] == ',';
        int end = p[length] == '\0' || p[length] == '\n' || p[length] == ',' ||
                  p[length] == '\r';

        if (start && end)
            return 1;
        p += length;
    }
    return 0;
}

static char *read_text(const char *path)
{
    FILE *file = fopen(path, "r");
    strbuf text = STRBUF_INIT;
    char chunk[4096];
    size_t got;

    if (!file) {
        fprintf(stderr, "cwl-conformance: cannot read %s: %s\n", path, strerror(errno));
        return NULL;
    }
    while ((got = fread(chunk, 1, sizeof chunk, file)) > 0)
        strbuf_append(&text, chunk, got);
    fclose(file);
    return strbuf_detach(&text);
}

static void count_tags(tag_count **counts, size_t *count, const test_case *t, int result)
{
    for (size_t i = 0; i < t->tag_count; i++) {
        size_t j = 0;

        while (j < *count && strcmp((*counts)[j].tag, t->tags[i]) != 0)
            j++;
        if (j == *count) {
            tag_count *grown = realloc(*counts, (*count + 1) * sizeof *grown);

            if (!grown)
                return;
            *counts = grown;
            memset(&grown[j], 0, sizeof grown[j]);
            grown[j].tag = t->tags[i];
            (*count)++;
        }
        (*counts)[j].counts[result]++;
    }
}

static int compare_tags(const void *a, const void *b)
{
    return strcmp(((const tag_count *)a)->tag, ((const tag_count *)b)->tag);
}

static void print_summary(const size_t totals[3], tag_count *tags, size_t tag_total)
{
    printf("\n%zu passed, %zu failed, %zu unsupported (of %zu)\n", totals[RESULT_PASS],
           totals[RESULT_FAIL], totals[RESULT_UNSUPPORTED],
           totals[0] + totals[1] + totals[2]);
    qsort(tags, tag_total, sizeof *tags, compare_tags);
    printf("\n%-28s %7s %7s %12s\n", "tag", "passed", "failed", "unsupported");
    for (size_t i = 0; i < tag_total; i++)
        printf("%-28s %7zu %7zu %12zu\n", tags[i].tag, tags[i].counts[RESULT_PASS],
               tags[i].counts[RESULT_FAIL], tags[i].counts[RESULT_UNSUPPORTED]);
}

static int run_all(suite *s, const options *o, const char *selection)
{
    static const char *const names[] = {"PASS", "FAIL", "UNSUPPORTED"};
    size_t totals[3] = {0, 0, 0};
    tag_count *tags = NULL;
    size_t tag_total = 0;

    for (size_t i = 0; i < s->count; i++) {
        const test_case *t = &s->tests[i];
        strbuf why = STRBUF_INIT;
        int result;

        if (selection && !in_list(selection, t->id))
            continue;
        result = run_test(s, o, t, &why);
        totals[result]++;
        count_tags(&tags, &tag_total, t, result);
        if (result == RESULT_FAIL || o->verbose)
            printf("%-12s %s%s%s\n", names[result], t->id, why.length ? ": " : "",
                   strbuf_str(&why));
        fflush(stdout);
        strbuf_release(&why);
    }
    print_summary(totals, tags, tag_total);
    free(tags);
    return totals[RESULT_FAIL] ? 1 : 0;
}

static void usage(void)
{
    printf("Usage: cwl-conformance --runner SABER_OPT [--tests FILE] [--subset FILE]\n"
           "                      [--only ID,ID...] [--timeout SECONDS] [-v]\n"
           "Run from the root folder of the CWL conformance suite.\n");
}

int main(int argc, char **argv)
{
    static const struct option long_options[] = {
        {"runner", required_argument, NULL, 'r'},
        {"tests", required_argument, NULL, 't'},
        {"subset", required_argument, NULL, 's'},
        {"only", required_argument, NULL, 'o'},
        {"timeout", required_argument, NULL, 'T'},
        {"verbose", no_argument, NULL, 'v'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    options o = {NULL, "conformance_tests.yaml", NULL, NULL, 120.0, 0};
    suite s = {ARENA_INIT, NULL, 0, NULL, 0};
    char *selection = NULL;
    int status = 2;
    int c;

    while ((c = getopt_long(argc, argv, "vh", long_options, NULL)) != -1) {
        switch (c) {
        case 'r': o.runner = optarg; break;
        case 't': o.tests = optarg; break;
        case 's': o.subset = optarg; break;
        case 'o': o.only = optarg; break;
        case 'T': o.timeout = atof(optarg); break;
        case 'v': o.verbose = 1; break;
        case 'h': usage(); return 0;
        default: usage(); return 2;
        }
    }
    if (!o.runner) {
        usage();
        return 2;
    }
    if (o.subset && !(selection = read_text(o.subset)))
        return 2;
    if (o.only)
        selection = strdup(o.only);
    if (read_list(&s, o.tests, "") == 0)
        status = run_all(&s, &o, selection);
    free(selection);
    suite_release(&s);
    return status;
}
