/*
 * test-samplers.c - the bundled random, grid and batch-grid plugins,
 * through `saber-opt sample`.
 */
#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* A 5 x 4 grid of 20 points; %s is the sampler: block's content. */
static const char *const grid_20 =
    "sampler:\n"
    "%s"
    "a:\n"
    "  range: {start: 0, stop: 5, step: 1}\n"
    "  parameters: {abs: a}\n"
    "  steps: [s]\n"
    "b:\n"
    "  range: [w, x, y, z]\n"
    "  parameters: {abs: b}\n"
    "  steps: [s]\n";

/* Runs `saber-opt sample` on grid_20 with the given sampler: content. */
static th_result sample_grid_20(const char *sampler)
{
    char *dir = th_tmpdir();
    char *text = th_format(grid_20, sampler);
    char *path = th_write_file(dir, "params.yml", text);
    th_result r = th_saber(NULL, "sample", path, NULL);

    th_rmtree(dir);
    free(path);
    free(text);
    free(dir);
    return r;
}

typedef struct lines {
    char **items;
    size_t count;
} lines;

/* Splits output into lines (copies); the caller frees them. */
static lines split_lines(const char *output)
{
    lines l = {NULL, 0};
    const char *end;

    for (const char *line = output; *line; line = end + 1) {
        end = strchr(line, '\n');
        cr_assert_not_null(end, "the output does not end with a newline");
        l.items = realloc(l.items, (l.count + 1) * sizeof *l.items);
        l.items[l.count++] = strndup(line, (size_t)(end - line));
    }
    return l;
}

static void lines_free(lines *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
}

/* Returns the "steps" part of an output line, which names the point. */
static const char *point_of(const char *line)
{
    const char *steps = strstr(line, "\"steps\": ");

    cr_assert_not_null(steps, "no steps in %s", line);
    return steps;
}

static int compare_points(const void *a, const void *b)
{
    return strcmp(point_of(*(char *const *)a), point_of(*(char *const *)b));
}

/* Returns how many lines repeat an earlier line's point. */
static size_t count_repeats(const lines *l)
{
    char **sorted = malloc(l->count * sizeof *sorted);
    size_t repeats = 0;

    memcpy(sorted, l->items, l->count * sizeof *sorted);
    qsort(sorted, l->count, sizeof *sorted, compare_points);
    for (size_t i = 1; i < l->count; i++)
        repeats += strcmp(point_of(sorted[i - 1]), point_of(sorted[i])) == 0;
    free(sorted);
    return repeats;
}

Test(random, same_seed_same_draws)
{
    const char *sampler = "  method: random\n  seed: 42\n"
                          "  max_iterations: 12\n";
    th_result first = sample_grid_20(sampler);
    th_result second = sample_grid_20(sampler);
    lines l = split_lines(first.out);

    cr_assert_eq(first.status, 0, "stderr: %s", first.err);
    cr_expect_eq(l.count, 12);
    cr_expect_str_eq(first.out, second.out);
    cr_expect_str_empty(first.err);
    lines_free(&l);
    th_result_free(&first);
    th_result_free(&second);
}

/* Each random point is a batch of its own. */
Test(random, one_point_per_batch)
{
    th_result r = sample_grid_20("  method: random\n  seed: 5\n"
                                 "  max_iterations: 4\n");
    lines l = split_lines(r.out);

    cr_assert_eq(l.count, 4, "output: %s", r.out);
    for (size_t i = 0; i < l.count; i++) {
        char *prefix = th_format("{\"batch\": %zu, \"index\": 0, ", i);

        cr_expect_eq(strncmp(l.items[i], prefix, strlen(prefix)), 0,
                     "line %zu: %s", i, l.items[i]);
        free(prefix);
    }
    lines_free(&l);
    th_result_free(&r);
}

/* Drawing every point without replacement gives the grid in another order. */
Test(random, no_repeat_without_replace)
{
    th_result drawn = sample_grid_20("  method: random\n  seed: 9\n"
                                     "  max_iterations: 20\n");
    th_result grid = sample_grid_20("  method: grid\n");
    lines d = split_lines(drawn.out);
    lines g = split_lines(grid.out);

    cr_assert_eq(drawn.status, 0, "stderr: %s", drawn.err);
    cr_assert_eq(d.count, 20);
    cr_assert_eq(g.count, 20);
    cr_expect_eq(count_repeats(&d), 0);
    qsort(d.items, d.count, sizeof *d.items, compare_points);
    qsort(g.items, g.count, sizeof *g.items, compare_points);
    for (size_t i = 0; i < 20; i++)
        cr_expect_str_eq(point_of(d.items[i]), point_of(g.items[i]));
    lines_free(&d);
    lines_free(&g);
    th_result_free(&drawn);
    th_result_free(&grid);
}

/* With replace: true, 20 draws from a 2-point grid must repeat points. */
Test(random, replace_allows_repeats)
{
    char *dir = th_tmpdir();
    char *path = th_write_file(dir, "p.yml", "sampler:\n"
                               "  method: random\n"
                               "  seed: 3\n"
                               "  replace: true\n"
                               "  max_iterations: 20\n"
                               "a:\n"
                               "  range: [left, right]\n"
                               "  parameters: {abs: a}\n"
                               "  steps: [s]\n");
    th_result r = th_saber(NULL, "sample", path, NULL);
    lines l = split_lines(r.out);

    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    cr_expect_eq(l.count, 20);
    cr_expect_eq(count_repeats(&l), 18);
    cr_expect_str_empty(r.err);
    lines_free(&l);
    th_result_free(&r);
    th_rmtree(dir);
    free(path);
    free(dir);
}

Test(random, stops_at_grid_size)
{
    th_result r = sample_grid_20("  method: random\n  seed: 1\n"
                                 "  max_iterations: 50\n");
    lines l = split_lines(r.out);

    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    cr_expect_eq(l.count, 20);
    cr_expect_eq(count_repeats(&l), 0);
    cr_expect_str_eq(r.err, "saber-opt: warning: random: max_iterations 50 "
                     "exceeds the grid's 20 points; drawing without "
                     "replacement stops after all of them (replace: true "
                     "draws with replacement)\n");
    lines_free(&l);
    th_result_free(&r);
}

Test(random, seeds_give_different_orders)
{
    th_result one = sample_grid_20("  method: random\n  seed: 1\n"
                                   "  max_iterations: 20\n");
    th_result two = sample_grid_20("  method: random\n  seed: 2\n"
                                   "  max_iterations: 20\n");

    cr_assert_eq(one.status, 0, "stderr: %s", one.err);
    cr_assert_eq(two.status, 0, "stderr: %s", two.err);
    cr_expect_str_neq(one.out, two.out);
    th_result_free(&one);
    th_result_free(&two);
}

/* Without a seed, the host draws one and logs it; giving that seed back
 * repeats the draws, so they come from the host's seeded generator. */
Test(random, drawn_seed_repeats_run)
{
    th_result unseeded = sample_grid_20("  method: random\n"
                                        "  max_iterations: 20\n");
    const char *prefix = "saber-opt: info: no seed in the sampler: block, so "
                         "seed ";
    uint64_t seed;
    char *expected_log;
    char *sampler;
    th_result seeded;

    cr_assert_eq(unseeded.status, 0, "stderr: %s", unseeded.err);
    cr_assert_eq(strncmp(unseeded.err, prefix, strlen(prefix)), 0,
                 "no seed logged: %s", unseeded.err);
    seed = strtoull(unseeded.err + strlen(prefix), NULL, 10);
    expected_log = th_format("%s%" PRIu64 " was drawn; add 'seed: %" PRIu64
                             "' there to repeat this run\n", prefix, seed,
                             seed);
    cr_expect_str_eq(unseeded.err, expected_log);

    sampler = th_format("  method: random\n  seed: %" PRIu64 "\n"
                        "  max_iterations: 20\n", seed);
    seeded = sample_grid_20(sampler);
    cr_expect_str_eq(seeded.out, unseeded.out);
    cr_expect_str_empty(seeded.err);
    th_result_free(&seeded);
    th_result_free(&unseeded);
    free(sampler);
    free(expected_log);
}

/* grid prints every point in order, the last metaparameter fastest, one
 * per batch, and logs nothing about seeds since it draws nothing. */
Test(grid, whole_grid_in_order)
{
    th_result r = sample_grid_20("  method: grid\n");
    lines l = split_lines(r.out);
    static const char *const b_values = "wxyz";

    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    cr_assert_eq(l.count, 20);
    for (size_t i = 0; i < 20; i++) {
        char *expected = th_format("{\"batch\": %zu, \"index\": 0, \"steps\": "
                                   "{\"s\": {\"a\": \"%zu\", \"b\": \"%c\"}}}",
                                   i, i / 4, b_values[i % 4]);

        cr_expect_str_eq(l.items[i], expected);
        free(expected);
    }
    cr_expect_str_empty(r.err);
    lines_free(&l);
    th_result_free(&r);
}

/* batch_size 3 on a 4-point grid: batches 0, 0, 0, 1. */
Test(batch_grid, batch_numbering)
{
    char *dir = th_tmpdir();
    char *path = th_write_file(dir, "p.yml", "sampler:\n"
                               "  method: batch-grid\n"
                               "  batch_size: 3\n"
                               "a:\n"
                               "  range: [1, 2, 3, 4]\n"
                               "  parameters: {abs: a}\n"
                               "  steps: [s]\n");
    th_result r = th_saber(NULL, "sample", path, NULL);

    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    cr_expect_str_eq(r.out,
                     "{\"batch\": 0, \"index\": 0, \"steps\": {\"s\": {\"a\": \"1\"}}}\n"
                     "{\"batch\": 0, \"index\": 1, \"steps\": {\"s\": {\"a\": \"2\"}}}\n"
                     "{\"batch\": 0, \"index\": 2, \"steps\": {\"s\": {\"a\": \"3\"}}}\n"
                     "{\"batch\": 1, \"index\": 0, \"steps\": {\"s\": {\"a\": \"4\"}}}\n");
    th_result_free(&r);
    th_rmtree(dir);
    free(path);
    free(dir);
}

/* A batch as large as the grid, and larger, is one batch. */
Test(batch_grid, batch_larger_than_grid)
{
    th_result r = sample_grid_20("  method: batch-grid\n  batch_size: 64\n");
    lines l = split_lines(r.out);

    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    cr_assert_eq(l.count, 20);
    cr_expect_eq(strncmp(l.items[19], "{\"batch\": 0, \"index\": 19,", 25), 0,
                 "last line: %s", l.items[19]);
    lines_free(&l);
    th_result_free(&r);
}

/* ---- continuous ranges and choices ---- */

/* lr: log float; depth: int; n: log int; opt: choices.  %s is the
 * sampler: block's content. */
static const char *const mixed_space =
    "sampler:\n"
    "%s"
    "lr:\n"
    "  range: {low: 1e-5, high: 0.1, log: true}\n"
    "  parameters: {abs: lr}\n"
    "  steps: [s]\n"
    "depth:\n"
    "  range: {low: 1, high: 12, type: int}\n"
    "  parameters: {abs: depth}\n"
    "  steps: [s]\n"
    "n:\n"
    "  range: {low: 1, high: 1000, type: int, log: true}\n"
    "  parameters: {abs: n}\n"
    "  steps: [s]\n"
    "opt:\n"
    "  choices: [adam, sgd, 0.5]\n"
    "  parameters: {abs: opt}\n"
    "  steps: [s]\n";

static th_result sample_mixed(const char *sampler)
{
    char *dir = th_tmpdir();
    char *text = th_format(mixed_space, sampler);
    char *path = th_write_file(dir, "params.yml", text);
    th_result r = th_saber(NULL, "sample", path, NULL);

    th_rmtree(dir);
    free(path);
    free(text);
    free(dir);
    return r;
}

/* Returns a copy of the text of input name in an output line. */
static char *input_text(const char *line, const char *name)
{
    char *key = th_format("\"%s\": \"", name);
    const char *start = strstr(line, key);
    const char *end;

    cr_assert_not_null(start, "no %s in %s", name, line);
    start += strlen(key);
    end = strchr(start, '"');
    free(key);
    return strndup(start, (size_t)(end - start));
}

/* Returns whether text is a decimal integer. */
static int is_decimal(const char *text)
{
    size_t i = text[0] == '-';

    if (!text[i])
        return 0;
    for (; text[i]; i++) {
        if (text[i] < '0' || text[i] > '9')
            return 0;
    }
    return 1;
}

/* Values reach tools as text: an int range as decimal, a float range as
 * Python's repr(), which always has a point or an exponent. */
Test(random_continuous, values_text_and_bounds)
{
    th_result r = sample_mixed("  method: random\n  seed: 11\n"
                               "  max_iterations: 60\n");
    lines l = split_lines(r.out);

    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    cr_assert_eq(l.count, 60);
    for (size_t i = 0; i < l.count; i++) {
        char *lr = input_text(l.items[i], "lr");
        char *depth = input_text(l.items[i], "depth");
        char *n = input_text(l.items[i], "n");
        char *opt = input_text(l.items[i], "opt");
        double lr_value = strtod(lr, NULL);

        cr_expect(strpbrk(lr, ".e") != NULL, "lr text %s is no float", lr);
        cr_expect(lr_value >= 1e-5 && lr_value <= 0.1, "lr %s", lr);
        cr_expect(is_decimal(depth), "depth text %s", depth);
        cr_expect(atoi(depth) >= 1 && atoi(depth) <= 12, "depth %s", depth);
        cr_expect(is_decimal(n), "n text %s", n);
        cr_expect(atoi(n) >= 1 && atoi(n) <= 1000, "n %s", n);
        cr_expect(!strcmp(opt, "adam") || !strcmp(opt, "sgd") ||
                  !strcmp(opt, "0.5"), "opt %s", opt);
        free(lr);
        free(depth);
        free(n);
        free(opt);
    }
    lines_free(&l);
    th_result_free(&r);
}

/* A log range spreads values evenly over orders of magnitude: of 60
 * log-uniform draws over [1e-5, 0.1], about half fall below 1e-3, where
 * uniform draws would put about 1% there. */
Test(random_continuous, log_range_spreads_decades)
{
    th_result r = sample_mixed("  method: random\n  seed: 12\n"
                               "  max_iterations: 60\n");
    lines l = split_lines(r.out);
    size_t below_1e3 = 0;

    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    for (size_t i = 0; i < l.count; i++) {
        char *lr = input_text(l.items[i], "lr");

        below_1e3 += strtod(lr, NULL) < 1e-3;
        free(lr);
    }
    cr_expect_geq(below_1e3, 20, "%zu of 60 values below 1e-3", below_1e3);
    lines_free(&l);
    th_result_free(&r);
}

Test(random_continuous, same_seed_same_values)
{
    const char *sampler = "  method: random\n  seed: 3\n"
                          "  max_iterations: 10\n";
    th_result first = sample_mixed(sampler);
    th_result second = sample_mixed(sampler);
    th_result other = sample_mixed("  method: random\n  seed: 4\n"
                                   "  max_iterations: 10\n");

    cr_assert_eq(first.status, 0, "stderr: %s", first.err);
    cr_expect_str_eq(first.out, second.out);
    cr_expect_str_neq(first.out, other.out);
    cr_expect_str_empty(first.err);
    th_result_free(&first);
    th_result_free(&second);
    th_result_free(&other);
}

/* Without replacement, the discrete part of the points runs through every
 * choice once per round: 9 points give each of 3 choices 3 times. */
Test(random_continuous, choices_drawn_in_rounds)
{
    th_result r = sample_mixed("  method: random\n  seed: 5\n"
                               "  max_iterations: 9\n");
    lines l = split_lines(r.out);
    size_t adam = 0, sgd = 0, half = 0;

    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    cr_assert_eq(l.count, 9);
    for (size_t i = 0; i < l.count; i++) {
        char *opt = input_text(l.items[i], "opt");

        adam += !strcmp(opt, "adam");
        sgd += !strcmp(opt, "sgd");
        half += !strcmp(opt, "0.5");
        free(opt);
    }
    cr_expect_eq(adam, 3);
    cr_expect_eq(sgd, 3);
    cr_expect_eq(half, 3);
    lines_free(&l);
    th_result_free(&r);
}

/* A bound written as numeric text (1e-5, which PyYAML reads as a string)
 * is a number, and an int range of two values yields both. */
Test(random_continuous, text_bounds_and_small_int)
{
    char *dir = th_tmpdir();
    char *path = th_write_file(dir, "p.yml", "sampler:\n"
                               "  method: random\n"
                               "  seed: 8\n"
                               "  max_iterations: 40\n"
                               "k:\n"
                               "  range: {low: '7', high: 8, type: int}\n"
                               "  parameters: {abs: k}\n"
                               "  steps: [s]\n");
    th_result r = th_saber(NULL, "sample", path, NULL);
    lines l = split_lines(r.out);
    size_t sevens = 0, eights = 0;

    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    cr_assert_eq(l.count, 40);
    for (size_t i = 0; i < l.count; i++) {
        char *k = input_text(l.items[i], "k");

        sevens += !strcmp(k, "7");
        eights += !strcmp(k, "8");
        free(k);
    }
    cr_expect_eq(sevens + eights, 40);
    cr_expect_gt(sevens, 0);
    cr_expect_gt(eights, 0);
    lines_free(&l);
    th_result_free(&r);
    th_rmtree(dir);
    free(path);
    free(dir);
}

/* Choices are a discrete dimension for grid: every value, in order. */
Test(grid, walks_choices)
{
    char *dir = th_tmpdir();
    char *path = th_write_file(dir, "p.yml", "sampler:\n"
                               "  method: grid\n"
                               "opt:\n"
                               "  choices: [adam, 0.1, yes]\n"
                               "  parameters: {abs: opt}\n"
                               "  steps: [s]\n");
    th_result r = th_saber(NULL, "sample", path, NULL);

    cr_assert_eq(r.status, 0, "stderr: %s", r.err);
    cr_expect_str_eq(r.out,
                     "{\"batch\": 0, \"index\": 0, \"steps\": {\"s\": {\"opt\": \"adam\"}}}\n"
                     "{\"batch\": 1, \"index\": 0, \"steps\": {\"s\": {\"opt\": \"0.1\"}}}\n"
                     "{\"batch\": 2, \"index\": 0, \"steps\": {\"s\": {\"opt\": \"True\"}}}\n");
    th_result_free(&r);
    th_rmtree(dir);
    free(path);
    free(dir);
}

/* tpe through saber-opt: `sample` feeds back rows without scores, so
 * every point is drawn at random, in batches of batch_size, the same for
 * the same seed. */
Test(tpe, samples_through_host)
{
    const char *sampler = "  method: tpe\n  seed: 6\n  max_iterations: 10\n"
                          "  batch_size: 4\n";
    th_result first = sample_mixed(sampler);
    th_result second = sample_mixed(sampler);
    lines l = split_lines(first.out);

    cr_assert_eq(first.status, 0, "stderr: %s", first.err);
    cr_assert_eq(l.count, 10);
    cr_expect_eq(strncmp(l.items[3], "{\"batch\": 0, \"index\": 3,", 24), 0,
                 "line 3: %s", l.items[3]);
    cr_expect_eq(strncmp(l.items[9], "{\"batch\": 2, \"index\": 1,", 24), 0,
                 "line 9: %s", l.items[9]);
    cr_expect_eq(count_repeats(&l), 0);
    cr_expect_str_eq(first.out, second.out);
    cr_expect_str_empty(first.err);
    lines_free(&l);
    th_result_free(&first);
    th_result_free(&second);
}
