/* cmd_sample.c - `saber-opt sample`: print the parameter sets a sampler
 * yields, without running anything. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "dict.h"
#include "error.h"
#include "log.h"
#include "params.h"
#include "point_json.h"
#include "sampler.h"

#define OUTPUT_FLUSH_SIZE 262144

typedef struct batch_rows {
    saber_dict **rows;
    size_t count;
    size_t capacity;
} batch_rows;

static void print_help(void)
{
    printf("Usage: saber-opt sample [OPTION]... PARAMS.yml\n"
           "\n"
           "Print each parameter set the sampler of PARAMS.yml yields, one "
           "JSON object\nper line: {\"batch\": B, \"index\": I, \"steps\": "
           "{\"STEP\": {\"INPUT\": \"VALUE\"}}}.\nVALUE is the exact text the "
           "step input would receive.  Nothing is run: the\nsampler gets a "
           "result row without score after each batch.\n"
           "\n"
           "Options:\n"
           "  --plugin-dir DIR   search DIR for sampler plugins first "
           "(repeatable)\n"
           "  --log-level LEVEL  debug, info, warning or error (default "
           "info)\n"
           "  -h, --help         print this help and exit\n");
}

/* Stores a copy of point as the next row, marked as not run. */
static int add_row(batch_rows *b, const saber_dict *point)
{
    saber_dict *row;

    if (b->count == b->capacity) {
        size_t capacity = b->capacity ? b->capacity * 2 : 16;
        saber_dict **rows = realloc(b->rows, capacity * sizeof *rows);

        if (!rows)
            return error_nomem();
        memset(rows + b->capacity, 0, (capacity - b->capacity) * sizeof *rows);
        b->rows = rows;
        b->capacity = capacity;
    }
    if (!b->rows[b->count] && !(b->rows[b->count] = dict_new()))
        return error_nomem();

    /* A row kept from an earlier batch already has the result keys after
     * the point's, so only the point's values change. */
    row = b->rows[b->count];
    if (dict_count(row) == 0) {
        if (dict_merge(row, point) != SABER_OK || dict_set_null(row, "score") ||
            dict_set_null(row, "cost") ||
            dict_set_text(row, "status", "skipped"))
            return error_nomem();
    } else if (dict_merge(row, point) != SABER_OK) {
        return error_nomem();
    }
    b->count++;
    return 0;
}

static void free_rows(batch_rows *b)
{
    for (size_t i = 0; i < b->capacity; i++)
        dict_free(b->rows[i]);
    free(b->rows);
}

static int flush_output(strbuf *out)
{
    if (out->length && fwrite(out->data, 1, out->length, stdout) != out->length) {
        error_set("cannot write the output: %s", strerror(errno));
        return -1;
    }
    strbuf_reset(out);
    return 0;
}

/* Samples until the sampler is done, printing each point and feeding back
 * a row per point after each batch. */
static int sample_all(sampler *s, point_json *writer)
{
    saber_dict *point = dict_new();
    batch_rows rows = {NULL, 0, 0};
    strbuf out = STRBUF_INIT;
    uint64_t batch = 0;
    sample_event event = SAMPLE_POINT;
    int status = -1;

    if (!point) {
        error_nomem();
        goto done;
    }
    while (event != SAMPLE_DONE) {
        if (sampler_next(s, point, &event) < 0)
            goto done;
        if (event == SAMPLE_POINT) {
            if (point_json_append(writer, &out, batch, rows.count, point,
                                  s->positions) < 0 ||
                add_row(&rows, point) < 0)
                goto done;
            if (out.length >= OUTPUT_FLUSH_SIZE && flush_output(&out) < 0)
                goto done;
            continue;
        }
        if (rows.count == 0)
            continue;
        if (sampler_update(s, (const saber_dict *const *)rows.rows,
                           rows.count) < 0)
            goto done;
        rows.count = 0;
        batch++;
    }
    if (flush_output(&out) < 0)
        goto done;
    if (fflush(stdout) != 0) {
        error_set("cannot write the output: %s", strerror(errno));
        goto done;
    }
    status = 0;

done:
    /* Points yielded before a failure are still printed, to show how far
     * sampling got; a write error here would hide the first error. */
    if (status < 0 && out.length)
        fwrite(out.data, 1, out.length, stdout);
    strbuf_release(&out);
    free_rows(&rows);
    dict_free(point);
    return status;
}

static int run_sample(const char *path, char **plugin_dirs_cli, size_t dir_count)
{
    params p;
    plugin_dirs dirs;
    sampler s;
    point_json writer;
    int status = EXIT_USAGE;

    if (params_load(path, &p) < 0)
        return cli_fail(EXIT_USAGE);
    if (plugin_dirs_init(&dirs, plugin_dirs_cli, dir_count) < 0) {
        params_release(&p);
        return cli_fail(EXIT_USAGE);
    }
    if (sampler_open(&s, &dirs, &p, sampler_seed(&p)) < 0)
        goto release_dirs;
    if (point_json_init(&writer, &p.space) < 0)
        goto close_sampler;

    status = sample_all(&s, &writer) < 0 ? EXIT_FAILURE_RUN : EXIT_OK;
    point_json_release(&writer);

close_sampler:
    sampler_close(&s);
release_dirs:
    plugin_dirs_release(&dirs);
    if (status != EXIT_OK)
        log_report_error();
    params_release(&p);
    return status;
}

int cmd_sample(int argc, char **argv)
{
    static const struct option options[] = {
        {"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
        {"log-level", required_argument, NULL, OPT_LOG_LEVEL},
        {"logLevel", required_argument, NULL, OPT_LOG_LEVEL},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    char **dirs = NULL;
    size_t dir_count = 0;
    int status;
    char short_name[3];
    int c;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        switch (c) {
        case 'h':
            print_help();
            free(dirs);
            return EXIT_OK;
        case OPT_PLUGIN_DIR:
            if (cli_add_dir(&dirs, &dir_count, optarg) < 0)
                return cli_fail(EXIT_USAGE);
            break;
        case OPT_LOG_LEVEL:
            if (cli_set_log_level("sample", optarg) != 0) {
                free(dirs);
                return EXIT_USAGE;
            }
            break;
        case ':':
            free(dirs);
            return cli_usage_error("sample", "option '%s' needs a value",
                                   cli_rejected_option(argv, short_name));
        default:
            free(dirs);
            return cli_usage_error("sample", "unknown option '%s'",
                                   cli_rejected_option(argv, short_name));
        }
    }
    if (argc - optind != 1) {
        free(dirs);
        if (argc == optind)
            return cli_usage_error("sample", "missing PARAMS.yml");
        return cli_usage_error("sample", "expected one PARAMS.yml, got %d "
                               "arguments", argc - optind);
    }

    status = run_sample(argv[optind], dirs, dir_count);
    free(dirs);
    return status;
}
