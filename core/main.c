/* main.c - saber-opt's entry point: global options and command dispatch. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <saber/sampler.h>

#include "cli.h"

typedef struct command {
    const char *name;
    command_fn run;
    const char *summary;
} command;

static const command commands[] = {
    {"optimize", cmd_optimize, "optimize a workflow's parameters (the main job)"},
    {"sample", cmd_sample, "print the parameter sets a sampler yields"},
    {"plugins", cmd_plugins, "list the sampler plugins found"},
    {"score-test", cmd_score_test, "show the log lines a score_format matches"},
    {"collect", cmd_collect, "write a run's results CSV again from the database"},
    {"run", cmd_run, "run a CWL workflow or tool once (a CWL runner)"},
};

static void print_help(void)
{
    printf("Usage: saber-opt COMMAND [OPTION]... [ARGUMENT]...\n"
           "       saber-opt --help | --version\n"
           "\n"
           "Optimize the hyperparameters of CWL workflows.\n"
           "\n"
           "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        printf("  %-12s %s\n", commands[i].name, commands[i].summary);
    printf("\n"
           "Run 'saber-opt COMMAND --help' for a command's options.\n"
           "Exit status: 0 done, 1 failed run or iteration, 2 bad input or "
           "usage,\n33 unsupported CWL feature, 130 interrupted.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error(NULL, "missing command");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_help();
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("saber-opt %s (sampler ABI %d.%d)\n", PACKAGE_VERSION,
               SABER_ABI_MAJOR, SABER_ABI_MINOR);
        return EXIT_OK;
    }

    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    }
    return cli_usage_error(NULL, "unknown command '%s'", argv[1]);
}
