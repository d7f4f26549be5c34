/* cell_detect - the second step of the xbrain-like example: finds cells
 * in a cell probability map by greedy template matching (see detect.h). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "detect.h"
#include "points.h"
#include "tool.h"
#include "volume.h"

typedef struct options {
    detect_config detect;
    const char *input;  /* borrowed from argv */
    const char *output; /* borrowed from argv */
} options;

enum { OPT_INPUT = 256, OPT_OUTPUT, OPT_THRESHOLD, OPT_STOP,
       OPT_INITIAL_TEMPLATE_SIZE, OPT_DILATION, OPT_MAX_CELLS };

static const struct option long_options[] = {
    {"input", required_argument, NULL, OPT_INPUT},
    {"output", required_argument, NULL, OPT_OUTPUT},
    {"threshold", required_argument, NULL, OPT_THRESHOLD},
    {"stop", required_argument, NULL, OPT_STOP},
    {"initial-template-size", required_argument, NULL,
     OPT_INITIAL_TEMPLATE_SIZE},
    {"dilation", required_argument, NULL, OPT_DILATION},
    {"max-cells", required_argument, NULL, OPT_MAX_CELLS},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static void print_help(void)
{
    printf("Usage: cell_detect --input MAP --output CELLS [OPTION]...\n"
           "\n"
           "Find cells in the probability map MAP by greedy template "
           "matching and write\ntheir centers to CELLS (\"X Y Z SCORE\" per "
           "line).\n"
           "\n"
           "  --threshold X              map values above X are cell "
           "voxels (0.5)\n"
           "  --stop X                   lowest template score, the "
           "fraction of the\n"
           "                             template on cell voxels, "
           "accepted as a cell (0.5)\n"
           "  --initial-template-size N  template diameter in voxels, "
           "1 to 40 (8)\n"
           "  --dilation N               voxels added to the template "
           "radius when a\n"
           "                             detected cell is removed, 0 to "
           "20 (2)\n"
           "  --max-cells N              detections at most (500)\n");
}

static int parse_option(options *opt, int code, const char *arg)
{
    detect_config *d = &opt->detect;

    switch (code) {
    case OPT_INPUT:
        opt->input = arg;
        return 0;
    case OPT_OUTPUT:
        opt->output = arg;
        return 0;
    case OPT_THRESHOLD:
        return tool_parse_double("threshold", arg, -1e9, 1e9, &d->threshold);
    case OPT_STOP:
        return tool_parse_double("stop", arg, 0.0, 1.0, &d->stop);
    case OPT_INITIAL_TEMPLATE_SIZE:
        return tool_parse_int("initial-template-size", arg, 1, 40,
                              &d->initial_template_size);
    case OPT_DILATION:
        return tool_parse_int("dilation", arg, 0, 20, &d->dilation);
    case OPT_MAX_CELLS:
        return tool_parse_int("max-cells", arg, 0, 1000000, &d->max_cells);
    default:
        return tool_error("unhandled option code %d", code);
    }
}

/* Fills *opt from argv.  Returns 1 when --help was printed. */
static int parse_options(int argc, char **argv, options *opt)
{
    int code;

    opterr = 0;
    while ((code = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
        if (code == 'h') {
            print_help();
            return 1;
        }
        if (code == '?')
            return tool_error("invalid option '%s' or missing value; see "
                              "--help", argv[optind - 1]);
        if (parse_option(opt, code, optarg) < 0)
            return -1;
    }
    if (optind < argc)
        return tool_error("unexpected argument '%s'; see --help",
                          argv[optind]);
    if (!opt->input || !opt->output)
        return tool_error("--input and --output are required; see --help");
    return 0;
}

static int run(const options *opt)
{
    volume map = {0};
    point_list cells = {0};
    int status = -1;

    if (volume_read(&map, opt->input) < 0)
        goto done;
    if (detect_cells(&map, &opt->detect, &cells) < 0)
        goto done;
    tool_info("found %zu cells", cells.count);
    status = point_list_write(&cells, "x y z score", opt->output);

done:
    volume_free(&map);
    point_list_free(&cells);
    return status;
}

int main(int argc, char **argv)
{
    options opt = {
        .detect = {.threshold = 0.5, .stop = 0.5, .initial_template_size = 8,
                   .dilation = 2, .max_cells = 500},
    };
    int parsed;

    tool_set_name(argv[0]);
    parsed = parse_options(argc, argv, &opt);
    if (parsed != 0)
        return parsed > 0 ? EXIT_SUCCESS : TOOL_EXIT_USAGE;
    return run(&opt) < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
