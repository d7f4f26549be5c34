/* cmd_collect.c - `saber-opt collect`: write a run's CSV again from the
 * database. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "error.h"
#include "log.h"
#include "results.h"
#include "store.h"

#define DEFAULT_DB "saber-opt.db"

static void print_help(void)
{
    printf("Usage: saber-opt collect [OPTION]... OUTPUT.csv\n"
           "\n"
           "Write the results CSV of a run again from the database: one row "
           "per\niteration and step, the same bytes saber-opt optimize "
           "writes.  OUTPUT.csv\nmay be - for standard output.\n"
           "\n"
           "Options:\n"
           "  --db FILE      the database (default %s)\n"
           "  --run-id ID    the run (default: the most recently started "
           "one)\n"
           "  -h, --help     print this help and exit\n", DEFAULT_DB);
}

/* Opens an existing database: collect never creates one. */
static int open_existing(const char *path, store **s)
{
    struct stat info;

    if (stat(path, &info) < 0) {
        error_set("%s: cannot open the database: %s; run saber-opt optimize "
                  "first or name the database with --db", path,
                  strerror(errno));
        return -1;
    }
    return store_open(path, s);
}

/* Picks the run to write: the one named, or the latest. */
static int choose_run(store *s, const char *db, const char *requested,
                      char **id)
{
    int exists = 0;

    if (!requested) {
        if (store_latest_run(s, id) < 0)
            return -1;
        if (!*id) {
            error_set("%s: the database holds no run yet", db);
            return -1;
        }
        log_info("writing run '%s', the most recently started one", *id);
        return 0;
    }
    if (store_run_find(s, requested, &exists, NULL) < 0)
        return -1;
    if (!exists) {
        error_set("%s: no run '%s'; check --run-id", db, requested);
        return -1;
    }
    *id = strdup(requested);
    return *id ? 0 : error_nomem();
}

static int collect(const char *db, const char *run_id, const char *output)
{
    store *s = NULL;
    char *id = NULL;
    int status = EXIT_USAGE;

    if (!csv_out_is_stream(output) && csv_out_check_target(output) < 0)
        goto done;
    if (open_existing(db, &s) < 0 || choose_run(s, db, run_id, &id) < 0)
        goto done;
    status = EXIT_FAILURE_RUN;
    if (results_write_from_store(s, id, output) < 0)
        goto done;
    log_info("wrote %s", output);
    status = EXIT_OK;

done:
    if (status != EXIT_OK)
        log_report_error();
    free(id);
    store_close(s);
    return status;
}

int cmd_collect(int argc, char **argv)
{
    enum { OPT_DB = OPT_HELP + 1, OPT_RUN_ID };
    static const struct option options[] = {
        {"db", required_argument, NULL, OPT_DB},
        {"run-id", required_argument, NULL, OPT_RUN_ID},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db = DEFAULT_DB;
    const char *run_id = NULL;
    char rejected[3];
    int c;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        switch (c) {
        case 'h':
            print_help();
            return EXIT_OK;
        case OPT_DB:
            db = optarg;
            break;
        case OPT_RUN_ID:
            run_id = optarg;
            break;
        case ':':
            return cli_usage_error("collect", "option '%s' needs a value",
                                   cli_rejected_option(argv, rejected));
        default:
            return cli_usage_error("collect", "unknown option '%s'",
                                   cli_rejected_option(argv, rejected));
        }
    }
    if (argc - optind != 1)
        return cli_usage_error("collect", argc == optind
                               ? "missing OUTPUT.csv"
                               : "expected one OUTPUT.csv");
    return collect(db, run_id, argv[optind]);
}
