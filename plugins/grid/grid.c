/*
 * grid.c - the grid sampler: every grid point in order, one per batch, as
 * SABER's grid method ran them.
 *
 * Options: max_iterations caps the number of points (SABER accepted and
 * ignored it; an early SABER used it as this cap).
 */
#include "config.h"

#include <stdlib.h>

#include <saber/sampler.h>

#include "../common/options.h"

typedef struct grid_state {
    const saber_host_api *api;
    saber_context *ctx;
    uint64_t next;     /* grid index of the next point */
    uint64_t total;    /* points to yield */
    int point_pending; /* a point was yielded and its batch not ended */
} grid_state;

static int grid_create(const saber_host_api *api, saber_context *ctx,
                       const saber_dict *options, void **state)
{
    grid_state *g;
    int64_t limit = 0;
    uint64_t size;
    int status;

    status = option_positive_int(api, ctx, options, "max_iterations", 0, &limit);
    if (status != SABER_OK)
        return status;
    if (api->space_grid_size(ctx, &size) != SABER_OK) {
        api->set_error(ctx, "the grid has more than 2^64 points; use fewer "
                       "values or the random method");
        return SABER_ERROR_RANGE;
    }

    g = calloc(1, sizeof *g);
    if (!g)
        return SABER_ERROR_NOMEM;
    g->api = api;
    g->ctx = ctx;
    g->total = limit && (uint64_t)limit < size ? (uint64_t)limit : size;
    *state = g;
    return SABER_OK;
}

static int grid_sample(void *state, saber_dict *point)
{
    grid_state *g = state;

    if (g->point_pending) {
        g->point_pending = 0;
        return SABER_BATCH_END;
    }
    if (g->next >= g->total)
        return SABER_DONE;

    g->point_pending = 1;
    return g->api->space_decode(g->ctx, g->next++, point);
}

static int grid_update(void *state, const saber_dict *const *rows, size_t count)
{
    (void)state;
    (void)rows;
    (void)count;
    return SABER_OK;
}

static void grid_destroy(void *state)
{
    free(state);
}

static const char *const grid_options[] = {"max_iterations", NULL};

const saber_sampler_descriptor SABER_SAMPLER_ENTRY(grid) = {
    SABER_ABI_MAJOR,
    SABER_ABI_MINOR,
    "grid",
    "every grid point in order, one per batch",
    PACKAGE_VERSION,
    grid_create,
    grid_sample,
    grid_update,
    grid_destroy,
    grid_options,
    0, /* no continuous dimensions: they have no grid */
};
