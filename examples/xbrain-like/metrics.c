/* metrics - the last step of the xbrain-like example: matches detected
 * cells to the true cell centers and prints precision, recall and F1.
 *
 * Pairs closer than --distance voxels are matched one to one, the closest
 * pair first.  The F1 line, "F1: VALUE", is the score an optimizer reads. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "points.h"
#include "tool.h"

typedef struct options {
    const char *detections; /* borrowed from argv */
    const char *truth;      /* borrowed from argv */
    double distance;
} options;

/* A detection and a true cell closer than the matching distance. */
typedef struct pair {
    size_t detection, truth;
    double distance;
} pair;

enum { OPT_DETECTIONS = 256, OPT_TRUTH, OPT_DISTANCE };

static const struct option long_options[] = {
    {"detections", required_argument, NULL, OPT_DETECTIONS},
    {"truth", required_argument, NULL, OPT_TRUTH},
    {"distance", required_argument, NULL, OPT_DISTANCE},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static void print_help(void)
{
    printf("Usage: metrics --detections CELLS --truth CELLS [--distance X]\n"
           "\n"
           "Match detected cell centers to true ones, closest pairs first, "
           "and print\nprecision, recall and \"F1: VALUE\".\n"
           "\n"
           "  --distance X  largest distance in voxels of a match (4)\n");
}

/* Orders pairs by distance, then by index, so that ties match the same
 * way everywhere. */
static int pair_compare(const void *a, const void *b)
{
    const pair *p = a, *q = b;

    if (p->distance != q->distance)
        return p->distance < q->distance ? -1 : 1;
    if (p->detection != q->detection)
        return p->detection < q->detection ? -1 : 1;
    return (p->truth > q->truth) - (p->truth < q->truth);
}

/* Collects the pairs closer than limit into *pairs (owned by the caller)
 * and their number into *count. */
static int pairs_collect(const point_list *found, const point_list *truth,
                         double limit, pair **pairs, size_t *count)
{
    size_t capacity = found->count * truth->count;

    *count = 0;
    *pairs = malloc((capacity ? capacity : 1) * sizeof **pairs);
    if (!*pairs)
        return tool_error("out of memory for %zu pairs of cells", capacity);

    for (size_t i = 0; i < found->count; i++)
        for (size_t j = 0; j < truth->count; j++) {
            const point *a = &found->items[i], *b = &truth->items[j];
            double distance = hypot(hypot(a->x - b->x, a->y - b->y),
                                    a->z - b->z);

            if (distance <= limit)
                (*pairs)[(*count)++] = (pair){i, j, distance};
        }
    qsort(*pairs, *count, sizeof **pairs, pair_compare);
    return 0;
}

/* Returns the number of one-to-one matches, closest pairs first. */
static long count_matches(const point_list *found, const point_list *truth,
                          double limit)
{
    unsigned char *found_used = calloc(found->count + 1, 1);
    unsigned char *truth_used = calloc(truth->count + 1, 1);
    pair *pairs = NULL;
    size_t count;
    long matches = -1;

    if (!found_used || !truth_used) {
        tool_error("out of memory for %zu cells", found->count + truth->count);
        goto done;
    }
    if (pairs_collect(found, truth, limit, &pairs, &count) < 0)
        goto done;

    matches = 0;
    for (size_t i = 0; i < count; i++) {
        if (found_used[pairs[i].detection] || truth_used[pairs[i].truth])
            continue;
        found_used[pairs[i].detection] = truth_used[pairs[i].truth] = 1;
        matches++;
    }

done:
    free(found_used);
    free(truth_used);
    free(pairs);
    return matches;
}

static void print_scores(size_t found, size_t truth, long matches)
{
    double precision = found ? (double)matches / (double)found : 0.0;
    double recall = truth ? (double)matches / (double)truth : 0.0;
    double f1 = precision + recall > 0.0
                ? 2.0 * precision * recall / (precision + recall) : 0.0;

    printf("Detected: %zu, true: %zu, matched: %ld\n", found, truth, matches);
    printf("Precision: %.4f\n", precision);
    printf("Recall: %.4f\n", recall);
    printf("F1: %.4f\n", f1);
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
        if (code == OPT_DETECTIONS)
            opt->detections = optarg;
        else if (code == OPT_TRUTH)
            opt->truth = optarg;
        else if (code == OPT_DISTANCE) {
            if (tool_parse_double("distance", optarg, 0.0, 1e6,
                                  &opt->distance) < 0)
                return -1;
        } else
            return tool_error("invalid option '%s' or missing value; see "
                              "--help", argv[optind - 1]);
    }
    if (optind < argc)
        return tool_error("unexpected argument '%s'; see --help",
                          argv[optind]);
    if (!opt->detections || !opt->truth)
        return tool_error("--detections and --truth are required; see --help");
    return 0;
}

static int run(const options *opt)
{
    point_list found = {0}, truth = {0};
    long matches;
    int status = -1;

    if (point_list_read(&found, opt->detections) < 0
        || point_list_read(&truth, opt->truth) < 0)
        goto done;
    matches = count_matches(&found, &truth, opt->distance);
    if (matches < 0)
        goto done;

    print_scores(found.count, truth.count, matches);
    status = fflush(stdout) == 0 ? 0 : tool_error("cannot write the scores");

done:
    point_list_free(&found);
    point_list_free(&truth);
    return status;
}

int main(int argc, char **argv)
{
    options opt = {.distance = 4.0};
    int parsed;

    tool_set_name(argv[0]);
    parsed = parse_options(argc, argv, &opt);
    if (parsed != 0)
        return parsed > 0 ? EXIT_SUCCESS : TOOL_EXIT_USAGE;
    return run(&opt) < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
