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
