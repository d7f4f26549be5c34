/* cmd_optimize.c - `saber-opt optimize`: the command line. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "log.h"
#include "optimize.h"

static void print_help(void)
{
    printf("Usage: saber-opt optimize [OPTION]... WORKFLOW.cwl JOB.yml PARAMS.yml\n"
           "\n"
           "Optimize the parameters of a CWL workflow: run it once per "
           "parameter set the\nsampler of PARAMS.yml yields, read each "
           "step's score from its log, record\neverything in a SQLite "
           "database and write the results as a CSV.\n"
           "\n"
           "Options:\n"
           "  --output FILE          the results CSV (default optiout.csv)\n"
           "  --db FILE              the database (default saber-opt.db)\n"
           "  --workdir DIR          where steps run and keep their logs "
           "(default\n"
           "                         saber-runs); each run gets DIR/RUN_ID\n"
           "  --run-id ID            name of the run (default "
           "WORKFLOW_JOBFOLDER, as SABER\n"
           "                         named it)\n"
           "  --resume               continue the run: replay what is "
           "recorded, run again\n"
           "                         what had not finished, then go on\n"
           "  -r, --retry            run a failed iteration once more\n"
           "  --continue-on-failure  record a failed iteration and go on "
           "(also\n"
           "                         --continue_on_failure)\n"
           "  -j, --jobs N           run at most N steps at once (default: "
           "the number of\n"
           "                         CPUs)\n"
           "  --plugin-dir DIR       search DIR for sampler plugins first "
           "(repeatable)\n"
           "  --log-level LEVEL      debug, info, warning or error (default "
           "info; also\n"
           "                         --logLevel)\n"
           "  -h, --help             print this help and exit\n"
           "\n"
           "Exit status: 0 completed, 1 an iteration failed (without "
           "--continue-on-failure),\n2 bad input, 130 interrupted (continue "
           "with --resume).\n");
}

static int parse_jobs(const char *text, size_t *jobs)
{
    char *end;
    unsigned long value;

    errno = 0;
    value = strtoul(text, &end, 10);
    if (!isdigit((unsigned char)text[0]) || *end || errno || value == 0 ||
        value > 4096)
        return cli_usage_error("optimize", "invalid -j value '%s'; use a "
                               "number of processes from 1 to 4096", text);
    *jobs = value;
    return 0;
}

enum {
    OPT_OUTPUT = OPT_HELP + 1,
    OPT_DB,
    OPT_WORKDIR,
    OPT_RUN_ID,
    OPT_RESUME,
    OPT_CONTINUE
};

static const struct option long_options[] = {
    {"output", required_argument, NULL, OPT_OUTPUT},
    {"db", required_argument, NULL, OPT_DB},
    {"workdir", required_argument, NULL, OPT_WORKDIR},
    {"run-id", required_argument, NULL, OPT_RUN_ID},
    {"resume", no_argument, NULL, OPT_RESUME},
    {"retry", no_argument, NULL, 'r'},
    {"continue-on-failure", no_argument, NULL, OPT_CONTINUE},
    {"continue_on_failure", no_argument, NULL, OPT_CONTINUE},
    {"jobs", required_argument, NULL, 'j'},
    {"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
    {"log-level", required_argument, NULL, OPT_LOG_LEVEL},
    {"logLevel", required_argument, NULL, OPT_LOG_LEVEL},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Applies one option; returns 0, a negative value after printing help
 * (exit 0), or an exit status for a usage error. */
static int apply_option(int c, char **argv, optimize_options *o)
{
    char rejected[3];

    switch (c) {
    case 'h': print_help(); return -1;
    case OPT_OUTPUT: o->output = optarg; return 0;
    case OPT_DB: o->db = optarg; return 0;
    case OPT_WORKDIR: o->workdir = optarg; return 0;
    case OPT_RUN_ID: o->run_id = optarg; return 0;
    case OPT_RESUME: o->resume = 1; return 0;
    case 'r': o->retry = 1; return 0;
    case OPT_CONTINUE: o->continue_on_failure = 1; return 0;
    case 'j': return parse_jobs(optarg, &o->jobs);
    case OPT_LOG_LEVEL: return cli_set_log_level("optimize", optarg);
    case OPT_PLUGIN_DIR:
        return cli_add_dir(&o->plugin_dirs, &o->plugin_dir_count, optarg) < 0
                   ? cli_fail(EXIT_USAGE) : 0;
    case ':':
        return cli_usage_error("optimize", "option '%s' needs a value",
                               cli_rejected_option(argv, rejected));
    default:
        return cli_usage_error("optimize", "unknown option '%s'",
                               cli_rejected_option(argv, rejected));
    }
}

static int check_run_id(const char *id)
{
    if (!id)
        return 0;
    if (!*id || strchr(id, '/') || !strcmp(id, ".") || !strcmp(id, ".."))
        return cli_usage_error("optimize", "invalid --run-id '%s'; use a name "
                               "without '/'", id);
    return 0;
}

/* Rejects an empty --output, --db or --workdir.  An empty --workdir would
 * put the steps' folders at the root of the file system, and an empty
 * --db would make SQLite record the run in a temporary file that it
 * deletes at exit. */
static int check_paths(const optimize_options *o)
{
    const char *const names[] = {"--output", "--db", "--workdir"};
    const char *const values[] = {o->output, o->db, o->workdir};

    for (size_t i = 0; i < 3; i++) {
        if (!*values[i])
            return cli_usage_error("optimize", "invalid %s ''; give a file "
                                   "or folder name", names[i]);
    }
    return 0;
}

int cmd_optimize(int argc, char **argv)
{
    optimize_options o = {0};
    int status = 0;
    int c;

    o.output = "optiout.csv";
    o.db = "saber-opt.db";
    o.workdir = "saber-runs";
    optind = 1;
    opterr = 0;
    while (status == 0 &&
           (c = getopt_long(argc, argv, ":hrj:", long_options, NULL)) != -1)
        status = apply_option(c, argv, &o);
    if (status == 0 && argc - optind != 3)
        status = cli_usage_error("optimize", "expected WORKFLOW.cwl JOB.yml "
                                 "PARAMS.yml, got %d argument%s",
                                 argc - optind, argc - optind == 1 ? "" : "s");
    if (status == 0)
        status = check_run_id(o.run_id);
    if (status == 0)
        status = check_paths(&o);
    if (status == 0) {
        o.workflow = argv[optind];
        o.job = argv[optind + 1];
        o.params = argv[optind + 2];
        status = optimize_run(&o);
    }
    free(o.plugin_dirs);
    return status < 0 ? EXIT_OK : status;
}
