/* test-cwl-bind.c - job files and input objects: defaults, types, files. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cwl.h"
#include "cwl_bind.h"
#include "error.h"
#include "helpers.h"

static const char tool[] =
    "cwlVersion: v1.2\n"
    "class: CommandLineTool\n"
    "baseCommand: cat\n"
    "inputs:\n"
    "  data: File\n"
    "  count: {type: int, default: 3}\n"
    "  ratio: {type: 'double?'}\n"
    "  label: {type: string, default: yes}\n"
    "  text: {type: 'File?', loadContents: true}\n"
    "  folder: {type: 'Directory?', loadListing: deep_listing}\n"
    "  extra: {type: 'File?', default: {class: File, location: defaults/d%20x.txt}}\n"
    "outputs: []\n";

typedef struct fixture {
    char *dir;
    cwl_workflow *workflow;
    cwl_job *job;
    arena memory;
    json_value *inputs;
} fixture;

static void make_file(const fixture *f, const char *name, const char *text);

static void fixture_init(fixture *f)
{
    char *tool_path;

    memset(f, 0, sizeof *f);
    f->dir = th_tmpdir();
    tool_path = th_write_file(f->dir, "tool.cwl", tool);
    cr_assert_eq(cwl_workflow_load(tool_path, &f->workflow), 0, "%s", error_message());
    make_file(f, "defaults/d x.txt", "default");
    free(tool_path);
}

/* Writes job (YAML text) and binds it to the tool; returns the status. */
static int bind_job(fixture *f, const char *job)
{
    char *job_path = th_write_file(f->dir, "job.yml", job);
    const cwl_process *process = cwl_workflow_root(f->workflow);
    cwl_bind_options options = {CWL_LISTING_NONE, 0, NULL, 0, 1};
    int status = cwl_job_load(job_path, &f->job);

    free(job_path);
    if (status < 0)
        return status;
    return cwl_bind_inputs(&f->memory, process->inputs, process->input_count,
                           f->job->values, &options, "job", &f->inputs);
}

static void fixture_release(fixture *f)
{
    arena_release(&f->memory);
    cwl_job_free(f->job);
    cwl_workflow_free(f->workflow);
    th_rmtree(f->dir);
    free(f->dir);
}

static void make_file(const fixture *f, const char *name, const char *text)
{
    char *path = th_format("%s/%s", f->dir, name);
    char *slash = strrchr(path, '/');

    *slash = '\0';
    mkdir(path, 0777);
    *slash = '/';
    free(th_write_file(NULL, path, text));
    free(path);
}

Test(cwl_bind, file_fields)
{
    fixture f;
    const json_value *data;
    char *path;
    char *uri;

    fixture_init(&f);
    make_file(&f, "A:B c.tar.gz", "12345");
    cr_assert_eq(bind_job(&f, "data: {class: File, location: A%3AB%20c.tar.gz}\n"), 0,
                 "%s", error_message());
    data = json_get(f.inputs, "data");
    path = th_format("%s/A:B c.tar.gz", f.dir);
    uri = th_format("file://%s/A%%3AB%%20c.tar.gz", f.dir);
    cr_assert_str_eq(json_get_string(data, "path"), path);
    cr_assert_str_eq(json_get_string(data, "location"), uri);
    cr_assert_str_eq(json_get_string(data, "basename"), "A:B c.tar.gz");
    cr_assert_str_eq(json_get_string(data, "nameroot"), "A:B c.tar");
    cr_assert_str_eq(json_get_string(data, "nameext"), ".gz");
    cr_assert_str_eq(json_get_string(data, "dirname"), f.dir);
    cr_assert_eq(json_get(data, "size")->integer, 5);
    free(uri);
    free(path);
    fixture_release(&f);
}

Test(cwl_bind, path_is_not_decoded)
{
    fixture f;
    char *path;

    fixture_init(&f);
    make_file(&f, "sub/x%41.txt", "x");
    cr_assert_eq(bind_job(&f, "data: {class: File, path: ./sub/../sub/x%41.txt}\n"), 0,
                 "%s", error_message());
    path = th_format("%s/sub/x%%41.txt", f.dir);
    cr_assert_str_eq(json_get_string(json_get(f.inputs, "data"), "path"), path);
    free(path);
    fixture_release(&f);
}

Test(cwl_bind, defaults)
{
    fixture f;
    char *extra;

    fixture_init(&f);
    make_file(&f, "x.txt", "x");
    cr_assert_eq(bind_job(&f, "data: {class: File, path: x.txt}\ncount: null\n"), 0,
                 "%s", error_message());
    cr_assert_eq(json_get(f.inputs, "count")->kind, JSON_INT);
    cr_assert_eq(json_get(f.inputs, "count")->integer, 3, "null takes the default");
    cr_assert_str_eq(json_get(f.inputs, "label")->string, "yes");
    cr_assert(json_is_null(json_get(f.inputs, "ratio")));
    extra = th_format("%s/defaults/d x.txt", f.dir);
    cr_assert_str_eq(json_get_string(json_get(f.inputs, "extra"), "path"), extra,
                     "a default File is relative to the tool's folder");
    free(extra);
    fixture_release(&f);
}

Test(cwl_bind, missing_required)
{
    fixture f;

    fixture_init(&f);
    cr_assert_eq(bind_job(&f, "count: 1\n"), CWL_ERROR);
    cr_assert(strstr(error_message(), "missing required input 'data'"), "%s",
              error_message());
    fixture_release(&f);
}

Test(cwl_bind, type_mismatches)
{
    static const char *const jobs[] = {
        "data: {class: File, path: x.txt}\ncount: 3000000000\n",
        "data: {class: File, path: x.txt}\ncount: '3'\n",
        "data: {class: File, path: x.txt}\nratio: 0x10z\n",
        "data: {class: Directory, path: .}\n",
        "data: x.txt\n",
    };

    for (size_t i = 0; i < sizeof jobs / sizeof jobs[0]; i++) {
        fixture f;

        fixture_init(&f);
        make_file(&f, "x.txt", "x");
        cr_expect_eq(bind_job(&f, jobs[i]), CWL_ERROR, "job %zu", i);
        cr_expect(strstr(error_message(), "invalid value for input"), "job %zu: %s", i,
                  error_message());
        fixture_release(&f);
    }
}

Test(cwl_bind, numbers_widen)
{
    fixture f;

    fixture_init(&f);
    make_file(&f, "x.txt", "x");
    cr_assert_eq(bind_job(&f, "data: {class: File, path: x.txt}\nratio: 2\n"), 0,
                 "an int is a valid double: %s", error_message());
    cr_assert_eq(json_get(f.inputs, "ratio")->kind, JSON_INT);
    fixture_release(&f);
}

Test(cwl_bind, missing_file)
{
    fixture f;

    fixture_init(&f);
    cr_assert_eq(bind_job(&f, "data: {class: File, path: absent.txt}\n"), CWL_ERROR);
    cr_assert(strstr(error_message(), "absent.txt"), "%s", error_message());
    fixture_release(&f);
}

Test(cwl_bind, file_literal)
{
    fixture f;
    const json_value *data;

    fixture_init(&f);
    cr_assert_eq(bind_job(&f, "data: {class: File, basename: lit.txt, contents: abc}\n"),
                 0, "%s", error_message());
    data = json_get(f.inputs, "data");
    cr_assert_null(json_get(data, "path"));
    cr_assert_eq(json_get(data, "size")->integer, 3);
    cr_assert_str_eq(json_get_string(data, "nameroot"), "lit");
    fixture_release(&f);
}

Test(cwl_bind, load_contents)
{
    fixture f;

    fixture_init(&f);
    make_file(&f, "x.txt", "x");
    make_file(&f, "t.txt", "line one\nline two\n");
    cr_assert_eq(bind_job(&f, "data: {class: File, path: x.txt}\n"
                              "text: {class: File, path: t.txt}\n"), 0,
                 "%s", error_message());
    cr_assert_str_eq(json_get_string(json_get(f.inputs, "text"), "contents"),
                     "line one\nline two\n");
    cr_assert_null(json_get(json_get(f.inputs, "data"), "contents"));
    fixture_release(&f);
}

Test(cwl_bind, deep_listing)
{
    fixture f;
    const json_value *listing;
    const json_value *sub;

    fixture_init(&f);
    make_file(&f, "x.txt", "x");
    make_file(&f, "d/b.txt", "b");
    make_file(&f, "d/a/inner.txt", "inner");
    cr_assert_eq(bind_job(&f, "data: {class: File, path: x.txt}\n"
                              "folder: {class: Directory, location: d}\n"), 0,
                 "%s", error_message());
    listing = json_get(json_get(f.inputs, "folder"), "listing");
    cr_assert_eq(listing->count, 2);
    sub = listing->items[0];
    cr_assert_str_eq(json_class(sub), "Directory");
    cr_assert_str_eq(json_get_string(sub, "basename"), "a");
    cr_assert_str_eq(json_get_string(json_get(sub, "listing")->items[0], "basename"),
                     "inner.txt");
    cr_assert_str_eq(json_get_string(listing->items[1], "basename"), "b.txt");
    fixture_release(&f);
}

Test(cwl_bind, remote_location_unsupported)
{
    fixture f;

    fixture_init(&f);
    cr_assert_eq(bind_job(&f, "data: {class: File, location: 'http://example.com/x'}\n"),
                 CWL_UNSUPPORTED);
    cr_assert(strstr(error_message(), "http://example.com/x"), "%s", error_message());
    fixture_release(&f);
}
