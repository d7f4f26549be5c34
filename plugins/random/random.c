/*
 * random.c - the random sampler: max_iterations grid points drawn with the
 * host's seeded generator, one per batch, as SABER's random method ran them.
 *
 * SABER drew with replacement, so a point could repeat and waste a run.
 * This sampler draws without replacement by default; replace: true
 * restores SABER's draws.  Without replacement it runs a Fisher-Yates
 * shuffle of the grid indices lazily: only the swapped positions are
 * stored, in a hash table, so memory grows with the draws, not the grid.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <saber/sampler.h>

#include "../common/options.h"

/* An open-addressing table of the shuffle's swapped positions. */
typedef struct swap_table {
    uint64_t *keys;   /* position + 1; 0 marks an empty slot */
    uint64_t *values;
    size_t capacity;  /* a power of two */
    size_t count;
} swap_table;

typedef struct random_state {
    const saber_host_api *api;
    saber_context *ctx;
    uint64_t grid_size;
    uint64_t total;    /* points to draw */
    uint64_t drawn;
    int replace;
    int point_pending;
    swap_table swaps;
} random_state;

static size_t slot_of(const swap_table *t, uint64_t position)
{
    uint64_t h = position * 0x9e3779b97f4a7c15ULL;
    size_t mask = t->capacity - 1;
    size_t i = (size_t)(h >> 17) & mask;

    while (t->keys[i] && t->keys[i] != position + 1)
        i = (i + 1) & mask;
    return i;
}

/* Returns the value at position: its swapped value, or itself. */
static uint64_t swap_get(const swap_table *t, uint64_t position)
{
    size_t i;

    if (!t->capacity)
        return position;
    i = slot_of(t, position);
    return t->keys[i] ? t->values[i] : position;
}

static int swap_grow(swap_table *t)
{
    swap_table grown = {NULL, NULL, t->capacity ? t->capacity * 2 : 64, 0};

    grown.keys = calloc(grown.capacity, sizeof *grown.keys);
    grown.values = calloc(grown.capacity, sizeof *grown.values);
    if (!grown.keys || !grown.values) {
        free(grown.keys);
        free(grown.values);
        return SABER_ERROR_NOMEM;
    }
    for (size_t i = 0; i < t->capacity; i++) {
        if (t->keys[i]) {
            size_t j = slot_of(&grown, t->keys[i] - 1);

            grown.keys[j] = t->keys[i];
            grown.values[j] = t->values[i];
            grown.count++;
        }
    }
    free(t->keys);
    free(t->values);
    *t = grown;
    return SABER_OK;
}

static int swap_set(swap_table *t, uint64_t position, uint64_t value)
{
    size_t i;

    if ((t->count + 1) * 2 > t->capacity && swap_grow(t) != SABER_OK)
        return SABER_ERROR_NOMEM;
    i = slot_of(t, position);
    if (!t->keys[i]) {
        t->keys[i] = position + 1;
        t->count++;
    }
    t->values[i] = value;
    return SABER_OK;
}

/* Draws the next grid index of the lazy shuffle. */
static int draw_without_replacement(random_state *r, uint64_t *index)
{
    uint64_t i = r->drawn;
    uint64_t j = i + r->api->rng_below(r->ctx, r->grid_size - i);
    uint64_t at_j = swap_get(&r->swaps, j);

    if (swap_set(&r->swaps, j, swap_get(&r->swaps, i)) != SABER_OK)
        return SABER_ERROR_NOMEM;
    *index = at_j;
    return SABER_OK;
}

static int read_options(random_state *r, const saber_dict *options)
{
    int64_t max_iterations = 0;
    int status;

    status = option_positive_int(r->api, r->ctx, options, "max_iterations", 1,
                                 &max_iterations);
    if (status == SABER_OK)
        status = option_bool(r->api, r->ctx, options, "replace", &r->replace);
    if (status != SABER_OK)
        return status;

    if (r->api->space_grid_size(r->ctx, &r->grid_size) != SABER_OK) {
        r->api->set_error(r->ctx, "the grid has more than 2^64 points; use "
                          "fewer values");
        return SABER_ERROR_RANGE;
    }
    r->total = (uint64_t)max_iterations;
    if (!r->replace && r->total > r->grid_size) {
        r->api->log(r->ctx, SABER_LOG_WARNING, "max_iterations %lld exceeds the "
                    "grid's %llu points; drawing without replacement stops "
                    "after all of them (replace: true draws with replacement)",
                    (long long)max_iterations, (unsigned long long)r->grid_size);
        r->total = r->grid_size;
    }
    return SABER_OK;
}

static void random_destroy(void *state)
{
    random_state *r = state;

    free(r->swaps.keys);
    free(r->swaps.values);
    free(r);
}

static int random_create(const saber_host_api *api, saber_context *ctx,
                         const saber_dict *options, void **state)
{
    random_state *r = calloc(1, sizeof *r);
    int status;

    if (!r)
        return SABER_ERROR_NOMEM;
    r->api = api;
    r->ctx = ctx;
    status = read_options(r, options);
    if (status != SABER_OK) {
        random_destroy(r);
        return status;
    }
    *state = r;
    return SABER_OK;
}

static int random_sample(void *state, saber_dict *point)
{
    random_state *r = state;
    uint64_t index;

    if (r->point_pending) {
        r->point_pending = 0;
        return SABER_BATCH_END;
    }
    if (r->drawn >= r->total)
        return SABER_DONE;

    if (r->replace) {
        index = r->api->rng_below(r->ctx, r->grid_size);
    } else if (draw_without_replacement(r, &index) != SABER_OK) {
        r->api->set_error(r->ctx, "out of memory after %llu draws",
                          (unsigned long long)r->drawn);
        return SABER_ERROR_NOMEM;
    }
    r->drawn++;
    r->point_pending = 1;
    return r->api->space_decode(r->ctx, index, point);
}

static int random_update(void *state, const saber_dict *const *rows,
                         size_t count)
{
    (void)state;
    (void)rows;
    (void)count;
    return SABER_OK;
}

static const char *const random_options[] = {"max_iterations", "replace", NULL};

const saber_sampler_descriptor SABER_SAMPLER_ENTRY(random) = {
    SABER_ABI_MAJOR,
    SABER_ABI_MINOR,
    "random",
    "max_iterations random grid points, without replacement unless replace: true",
    PACKAGE_VERSION,
    random_create,
    random_sample,
    random_update,
    random_destroy,
    random_options,
};
