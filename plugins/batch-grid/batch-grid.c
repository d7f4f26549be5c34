/*
 * batch-grid.c - the batch-grid sampler: every grid point in order,
 * batch_size points per batch, so a batch's points can run at once.
 *
 * Options: batch_size (required, as in SABER); max_iterations caps the
 * number of points.
 */
#include "config.h"

#include <stdlib.h>

#include <saber/sampler.h>

#include "../common/options.h"

typedef struct batch_grid_state {
    const saber_host_api *api;
    saber_context *ctx;
    uint64_t next;       /* grid index of the next point */
    uint64_t total;      /* points to yield */
    uint64_t batch_size;
    uint64_t in_batch;   /* points yielded in the current batch */
} batch_grid_state;

static int batch_grid_create(const saber_host_api *api, saber_context *ctx,
                             const saber_dict *options, void **state)
{
    batch_grid_state *g;
    int64_t batch_size = 0;
    int64_t limit = 0;
    uint64_t size;
    int status;

    status = option_positive_int(api, ctx, options, "batch_size", 1, &batch_size);
    if (status == SABER_OK)
        status = option_positive_int(api, ctx, options, "max_iterations", 0,
                                     &limit);
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
    g->batch_size = (uint64_t)batch_size;
    g->total = limit && (uint64_t)limit < size ? (uint64_t)limit : size;
    *state = g;
    return SABER_OK;
}

static int batch_grid_sample(void *state, saber_dict *point)
{
    batch_grid_state *g = state;

    if (g->in_batch == g->batch_size || (g->in_batch && g->next >= g->total)) {
        g->in_batch = 0;
        return SABER_BATCH_END;
    }
    if (g->next >= g->total)
        return SABER_DONE;

    g->in_batch++;
    return g->api->space_decode(g->ctx, g->next++, point);
}

static int batch_grid_update(void *state, const saber_dict *const *rows,
                             size_t count)
{
    (void)state;
    (void)rows;
    (void)count;
    return SABER_OK;
}

static void batch_grid_destroy(void *state)
{
    free(state);
}

static const char *const batch_grid_options[] = {"batch_size", "max_iterations",
                                                 NULL};

const saber_sampler_descriptor SABER_SAMPLER_ENTRY(batch_grid) = {
    SABER_ABI_MAJOR,
    SABER_ABI_MINOR,
    "batch-grid",
    "every grid point in order, batch_size points per batch",
    PACKAGE_VERSION,
    batch_grid_create,
    batch_grid_sample,
    batch_grid_update,
    batch_grid_destroy,
    batch_grid_options,
    0, /* no continuous dimensions: they have no grid */
};
