/*
 * cli.h - the saber-opt commands and what they share.
 */
#ifndef SABER_CLI_H
#define SABER_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "compat.h"

/* Exit statuses of saber-opt. */
enum {
    EXIT_OK = 0,             /* completed */
    EXIT_FAILURE_RUN = 1,    /* a run or an iteration failed */
    EXIT_USAGE = 2,          /* bad input or usage */
    EXIT_UNSUPPORTED = 33,   /* a CWL feature saber-opt does not implement */
    EXIT_INTERRUPTED = 130   /* stopped by SIGINT or SIGTERM, state saved */
};

/* A command's entry point: argv[0] is the command's name. */
typedef int (*command_fn)(int argc, char **argv);

int cmd_sample(int argc, char **argv);
int cmd_plugins(int argc, char **argv);
int cmd_score_test(int argc, char **argv);
int cmd_collect(int argc, char **argv);
int cmd_optimize(int argc, char **argv);
int cmd_run(int argc, char **argv);

/* Prints "saber-opt: error: MESSAGE" and a hint to run COMMAND --help;
 * returns EXIT_USAGE. */
int cli_usage_error(const char *command, const char *format, ...)
    SABER_FORMAT(2, 3);

/* Prints the thread's error message; returns status. */
int cli_fail(int status);

/* getopt_long option codes of the options shared by several commands. */
enum {
    OPT_PLUGIN_DIR = 256,
    OPT_LOG_LEVEL,
    OPT_HELP
};

/*
 * Returns the option getopt_long() just rejected, as the user wrote it:
 * "-x" (written into buffer) for a short option, the argument itself for
 * a long one.  When an unknown short option is not the last of a cluster
 * (-xq), getopt has not moved past the cluster, so optopt names it.
 */
const char *cli_rejected_option(char **argv, char buffer[3]);

/* Handles --log-level (and SABER's --logLevel); returns 0 or EXIT_USAGE. */
int cli_set_log_level(const char *command, const char *text);

/* Grows a list of --plugin-dir folders; returns 0, or -1 when out of memory. */
int cli_add_dir(char ***dirs, size_t *count, char *dir);

#endif
