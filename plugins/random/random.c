/*
 * random.c - the random sampler: max_iterations grid points drawn with the
 * host's seeded generator, one per batch, as SABER's random method ran them.
 *
 * SABER drew with replacement, so a point could repeat and waste a run.
 * This sampler draws without replacement by default; replace: true
 * restores SABER's draws.  Without replacement it runs a Fisher-Yates
 * shuffle of the grid indices lazily: only the swapped positions are
 * stored, in a hash table, so memory grows with the draws, not the grid.
 *
 * Continuous dimensions (range: {low, high}) get a value drawn anew for
 * every point: uniform over [low, high], log-uniform for log: true, and
 * for type: int each whole number equally likely (log: true draws
 * log-uniform over [low - 0.5, high + 0.5] and rounds).  The discrete
 * dimensions of such a space form a smaller grid, which is shuffled as
 * above in rounds: each round yields every combination of discrete values
 * once before the next round shuffles them again (replace: true draws
 * them independently).  max_iterations is then not capped, and a point
 * repeats only when its continuous values repeat too: practically never
 * for float ranges, whose values have 53 random bits, but an int range
 * can repeat.
 */
#include "config.h"

#include <math.h>
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

/* One dimension of a space that has a continuous dimension. */
typedef struct random_dim {
    saber_dim_kind kind;
    uint64_t size;      /* discrete: the number of values */
    double low, high;   /* continuous: the bounds, as written */
    double from, to;    /* continuous: the interval drawn from, log-scaled
                           for a log range */
    int log_scale;
    int integer;
    uint64_t digit;     /* discrete: the value number of the current point */
} random_dim;

typedef struct random_state {
    const saber_host_api *api;
    saber_context *ctx;
    /* Points of the grid, or of the discrete dimensions alone when the
     * space has a continuous dimension. */
    uint64_t grid_size;
    uint64_t total;    /* points to draw */
    uint64_t drawn;
    uint64_t round_drawn; /* draws in this round of the shuffle */
    int replace;
    int point_pending;
    swap_table swaps;
    random_dim *dims;  /* per dimension when continuous is set, else NULL */
    size_t dim_count;
    int continuous;    /* the space has a continuous dimension */
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

/* Empties the table for a new round of the shuffle, keeping its memory. */
static void swap_clear(swap_table *t)
{
    if (t->capacity)
        memset(t->keys, 0, t->capacity * sizeof *t->keys);
    t->count = 0;
}

/* Draws the next grid index of the lazy shuffle, starting a new round
 * once every index was drawn. */
static int draw_without_replacement(random_state *r, uint64_t *index)
{
    uint64_t i, j, at_j;

    if (r->round_drawn == r->grid_size) {
        swap_clear(&r->swaps);
        r->round_drawn = 0;
    }
    i = r->round_drawn;
    j = i + r->api->rng_below(r->ctx, r->grid_size - i);
    at_j = swap_get(&r->swaps, j);
    if (swap_set(&r->swaps, j, swap_get(&r->swaps, i)) != SABER_OK)
        return SABER_ERROR_NOMEM;
    r->round_drawn++;
    *index = at_j;
    return SABER_OK;
}

/* ---- spaces with a continuous dimension ---- */

static int read_dim(random_state *r, size_t i, random_dim *d)
{
    const saber_host_api *api = r->api;
    int status;

    d->kind = api->space_dim_kind(r->ctx, i);
    if (d->kind != SABER_DIM_CONTINUOUS) {
        d->size = api->space_dim_size(r->ctx, i);
        return SABER_OK;
    }
    status = api->space_dim_bounds(r->ctx, i, &d->low, &d->high,
                                   &d->log_scale, &d->integer);
    if (status != SABER_OK)
        return status;
    d->from = d->integer && d->log_scale ? d->low - 0.5 : d->low;
    d->to = d->integer && d->log_scale ? d->high + 0.5 : d->high;
    if (d->log_scale) {
        d->from = log(d->from);
        d->to = log(d->to);
    }
    return SABER_OK;
}

/* Reads the dimensions and sizes the grid of the discrete ones. */
static int read_mixed_space(random_state *r)
{
    int status;

    r->dim_count = r->api->space_dims(r->ctx);
    r->dims = calloc(r->dim_count + 1, sizeof *r->dims);
    if (!r->dims)
        return SABER_ERROR_NOMEM;
    r->grid_size = 1;
    for (size_t i = 0; i < r->dim_count; i++) {
        random_dim *d = &r->dims[i];

        status = read_dim(r, i, d);
        if (status != SABER_OK)
            return status;
        if (d->kind == SABER_DIM_CONTINUOUS)
            continue;
        if (r->grid_size > UINT64_MAX / d->size) {
            r->api->set_error(r->ctx, "the discrete metaparameters have more "
                              "than 2^64 combinations; use fewer values");
            return SABER_ERROR_RANGE;
        }
        r->grid_size *= d->size;
    }
    return SABER_OK;
}

static double draw_continuous(random_state *r, const random_dim *d)
{
    double x;

    if (d->integer && !d->log_scale)
        return d->low + (double)r->api->rng_below(r->ctx, (uint64_t)(d->high -
                                                                     d->low) + 1);
    x = d->from + r->api->rng_uniform(r->ctx) * (d->to - d->from);
    if (d->log_scale)
        x = exp(x);
    /* exp() and the sum may round a hair past a bound. */
    if (x < d->low)
        return d->low;
    if (x > d->high)
        return d->high;
    return x;
}

/* Sets the discrete dimensions to grid point index of their own grid and
 * draws each continuous one, in dimension order. */
static int set_mixed_point(random_state *r, uint64_t index, saber_dict *point)
{
    int status = SABER_OK;

    for (size_t i = r->dim_count; i-- > 0;) {
        random_dim *d = &r->dims[i];

        if (d->kind != SABER_DIM_CONTINUOUS) {
            d->digit = index % d->size;
            index /= d->size;
        }
    }
    for (size_t i = 0; i < r->dim_count && status == SABER_OK; i++) {
        const random_dim *d = &r->dims[i];

        if (d->kind == SABER_DIM_CONTINUOUS)
            status = r->api->space_set_continuous(r->ctx, i,
                                                  draw_continuous(r, d), point);
        else
            status = r->api->space_dim_value(r->ctx, i, d->digit, point);
    }
    return status;
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

    r->total = (uint64_t)max_iterations;
    for (size_t i = 0; i < r->api->space_dims(r->ctx); i++)
        r->continuous |= r->api->space_dim_kind(r->ctx, i) ==
                         SABER_DIM_CONTINUOUS;
    if (r->continuous)
        return read_mixed_space(r);

    if (r->api->space_grid_size(r->ctx, &r->grid_size) != SABER_OK) {
        r->api->set_error(r->ctx, "the grid has more than 2^64 points; use "
                          "fewer values");
        return SABER_ERROR_RANGE;
    }
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
    free(r->dims);
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
    if (r->continuous)
        return set_mixed_point(r, index, point);
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
    SABER_SAMPLER_CONTINUOUS,
};
