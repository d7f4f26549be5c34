/* cmd_plugins.c - `saber-opt plugins`: list the sampler plugins found. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "plugin.h"

static void print_help(void)
{
    printf("Usage: saber-opt plugins [OPTION]...\n"
           "\n"
           "List every sampler plugin on the search path with its version, "
           "description\nand file.  The search path is each --plugin-dir, then "
           "SABER_OPT_PLUGIN_PATH\n(colon-separated), then %s.  When a method "
           "appears\ntwice, the first one found is used.\n"
           "\n"
           "Options:\n"
           "  --plugin-dir DIR  search DIR first (repeatable)\n"
           "  -h, --help        print this help and exit\n", PLUGINDIR);
}

typedef struct listing {
    size_t listed;
    size_t failed;
} listing;

static void print_plugin(const plugin_info *info, void *data)
{
    listing *l = data;
    const saber_sampler_descriptor *d = info->descriptor;

    if (d) {
        printf("%-14s %-8s %s\n", info->method, d->version ? d->version : "-",
               d->description ? d->description : "");
    } else {
        printf("%-14s %-8s %s\n", info->method, "-", info->error);
        l->failed++;
    }
    printf("%-14s %-8s %s%s%s%s\n", "", "", info->file,
           info->shadowed_by ? " (unused: " : "",
           info->shadowed_by ? info->shadowed_by : "",
           info->shadowed_by ? " comes first)" : "");
    l->listed++;
}

int cmd_plugins(int argc, char **argv)
{
    static const struct option options[] = {
        {"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    char **cli_dirs = NULL;
    size_t cli_count = 0;
    plugin_dirs dirs;
    listing l = {0, 0};
    char short_name[3];
    int c;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        if (c == 'h') {
            print_help();
            free(cli_dirs);
            return EXIT_OK;
        }
        if (c == OPT_PLUGIN_DIR && cli_add_dir(&cli_dirs, &cli_count, optarg) == 0)
            continue;
        free(cli_dirs);
        if (c == ':')
            return cli_usage_error("plugins", "option '%s' needs a value",
                                   cli_rejected_option(argv, short_name));
        return cli_usage_error("plugins", "unknown option '%s'",
                               cli_rejected_option(argv, short_name));
    }
    if (optind < argc) {
        free(cli_dirs);
        return cli_usage_error("plugins", "unexpected argument '%s'",
                               argv[optind]);
    }

    if (plugin_dirs_init(&dirs, cli_dirs, cli_count) < 0) {
        free(cli_dirs);
        return cli_fail(EXIT_USAGE);
    }
    printf("%-14s %-8s %s\n", "METHOD", "VERSION", "DESCRIPTION / FILE");
    plugin_list(&dirs, print_plugin, &l);
    if (l.listed == 0)
        printf("(no plugin found; searched %zu folders)\n", dirs.count);
    plugin_dirs_release(&dirs);
    free(cli_dirs);
    return EXIT_OK;
}
