/* membrane_classify - the first step of the xbrain-like example.
 *
 * Generates a synthetic X-ray-like volume with known cells (see synth.h)
 * and writes the true cell centers.  Then it turns the volume into a cell
 * probability map by Gaussian smoothing and a logistic threshold, and
 * opens the map with a ball of radius --erodesz to remove the vessels. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "filter.h"
#include "points.h"
#include "synth.h"
#include "tool.h"
#include "volume.h"

/* Width of the logistic that maps smoothed intensity to probability. */
#define PROBABILITY_WIDTH 0.1

typedef struct options {
    synth_config synth;
    double sigma;
    double intensity_threshold;
    int erodesz;
    const char *output; /* borrowed from argv */
    const char *truth;  /* borrowed from argv */
} options;

enum { OPT_SEED = 256, OPT_SIZE, OPT_CELLS, OPT_VESSELS, OPT_NOISE, OPT_SIGMA,
       OPT_INTENSITY_THRESHOLD, OPT_ERODESZ, OPT_OUTPUT, OPT_TRUTH };

static const struct option long_options[] = {
    {"seed", required_argument, NULL, OPT_SEED},
    {"size", required_argument, NULL, OPT_SIZE},
    {"cells", required_argument, NULL, OPT_CELLS},
    {"vessels", required_argument, NULL, OPT_VESSELS},
    {"noise", required_argument, NULL, OPT_NOISE},
    {"sigma", required_argument, NULL, OPT_SIGMA},
    {"intensity-threshold", required_argument, NULL, OPT_INTENSITY_THRESHOLD},
    {"erodesz", required_argument, NULL, OPT_ERODESZ},
    {"output", required_argument, NULL, OPT_OUTPUT},
    {"truth", required_argument, NULL, OPT_TRUTH},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static void print_help(void)
{
    printf("Usage: membrane_classify --output MAP --truth CELLS [OPTION]...\n"
           "\n"
           "Generate a synthetic volume with known cells, write the cell "
           "centers to CELLS\n(\"X Y Z RADIUS\" per line) and a cell "
           "probability map to MAP.\n"
           "\n"
           "  --seed N                 seed of the synthetic volume (0)\n"
           "  --size N                 side of the cubic volume in voxels, "
           "16 to 256 (64)\n"
           "  --cells N                cells to place (40)\n"
           "  --vessels N              vessels to place (6)\n"
           "  --noise X                standard deviation of the noise "
           "(0.25)\n"
           "  --sigma X                Gaussian smoothing in voxels, 0 for "
           "none (1)\n"
           "  --intensity-threshold X  smoothed intensity of probability "
           "0.5 (0.4)\n"
           "  --erodesz N              radius in voxels of the opening that "
           "removes\n"
           "                           vessels, 0 to 8, 0 for none (2)\n");
}

static int parse_option(options *opt, int code, const char *arg)
{
    int seed;

    switch (code) {
    case OPT_SEED:
        if (tool_parse_int("seed", arg, 0, 2147483647L, &seed) < 0)
            return -1;
        opt->synth.seed = (unsigned long)seed;
        return 0;
    case OPT_SIZE:
        return tool_parse_int("size", arg, 16, 256, &opt->synth.size);
    case OPT_CELLS:
        return tool_parse_int("cells", arg, 0, 10000, &opt->synth.cells);
    case OPT_VESSELS:
        return tool_parse_int("vessels", arg, 0, 100, &opt->synth.vessels);
    case OPT_NOISE:
        return tool_parse_double("noise", arg, 0.0, 10.0, &opt->synth.noise);
    case OPT_SIGMA:
        return tool_parse_double("sigma", arg, 0.0, 10.0, &opt->sigma);
    case OPT_INTENSITY_THRESHOLD:
        return tool_parse_double("intensity-threshold", arg, -10.0, 10.0,
                                 &opt->intensity_threshold);
    case OPT_ERODESZ:
        return tool_parse_int("erodesz", arg, 0, 8, &opt->erodesz);
    case OPT_OUTPUT:
        opt->output = arg;
        return 0;
    case OPT_TRUTH:
        opt->truth = arg;
        return 0;
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
    if (!opt->output || !opt->truth)
        return tool_error("--output and --truth are required; see --help");
    return 0;
}

static int run(const options *opt)
{
    volume v = {0};
    point_list cells = {0};
    int status = -1;

    if (synth_generate(&opt->synth, &v, &cells) < 0)
        goto done;
    tool_info("placed %zu of %d cells and %d vessels in a %d^3 volume",
              cells.count, opt->synth.cells, opt->synth.vessels,
              opt->synth.size);
    if (point_list_write(&cells, "x y z radius", opt->truth) < 0)
        goto done;

    if (filter_gaussian(&v, opt->sigma) < 0)
        goto done;
    filter_logistic(&v, opt->intensity_threshold, PROBABILITY_WIDTH);
    if (filter_open(&v, opt->erodesz) < 0)
        goto done;
    status = volume_write(&v, opt->output);

done:
    volume_free(&v);
    point_list_free(&cells);
    return status;
}

int main(int argc, char **argv)
{
    options opt = {
        .synth = {.seed = 0, .size = 64, .cells = 40, .vessels = 6,
                  .noise = 0.25},
        .sigma = 1.0,
        .intensity_threshold = 0.4,
        .erodesz = 2,
    };
    int parsed;

    tool_set_name(argv[0]);
    parsed = parse_options(argc, argv, &opt);
    if (parsed != 0)
        return parsed > 0 ? EXIT_SUCCESS : TOOL_EXIT_USAGE;
    return run(&opt) < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
