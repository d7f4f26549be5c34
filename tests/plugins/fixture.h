/*
 * fixture.h - the shared body of the fixture plugins that test how
 * saber-opt loads and drives sampler plugins.
 *
 * A fixture walks the grid in order, one point per batch, like the grid
 * plugin.  Each fixture file includes this header, changes the step it
 * tests through the FIXTURE_* hooks below, and defines its descriptor.
 * Like a third-party plugin, a fixture includes only <saber/sampler.h>.
 */
#ifndef SABER_TEST_FIXTURE_H
#define SABER_TEST_FIXTURE_H

#include <stdlib.h>

#include <saber/sampler.h>

typedef struct fixture_state {
    const saber_host_api *api;
    saber_context *ctx;
    uint64_t next;     /* grid index of the next point */
    uint64_t size;     /* grid points */
    int point_pending; /* a point was yielded and its batch not ended */
} fixture_state;

static inline int fixture_create(const saber_host_api *api,
                                 saber_context *ctx,
                                 const saber_dict *options, void **state)
{
    fixture_state *f = calloc(1, sizeof *f);

    (void)options;
    if (!f)
        return SABER_ERROR_NOMEM;
    f->api = api;
    f->ctx = ctx;
    if (api->space_grid_size(ctx, &f->size) != SABER_OK) {
        free(f);
        return SABER_ERROR_RANGE;
    }
    *state = f;
    return SABER_OK;
}

static inline int fixture_sample(void *state, saber_dict *point)
{
    fixture_state *f = state;

    if (f->point_pending) {
        f->point_pending = 0;
        return SABER_BATCH_END;
    }
    if (f->next >= f->size)
        return SABER_DONE;
    f->point_pending = 1;
    return f->api->space_decode(f->ctx, f->next++, point);
}

static inline int fixture_update(void *state,
                                 const saber_dict *const *rows, size_t count)
{
    (void)state;
    (void)rows;
    (void)count;
    return SABER_OK;
}

static inline void fixture_destroy(void *state)
{
    free(state);
}

/* Defines the descriptor, exported as symbol, of a fixture of ABI
 * major.minor for method, with the given create() and sample(). */
#define FIXTURE_DESCRIPTOR(symbol, major, minor, method, create, sample)    \
    const saber_sampler_descriptor symbol = {                              \
        major, minor, method, "test fixture: " method, "0.0.1", create,    \
        sample, fixture_update, fixture_destroy, NULL, 0}

#endif
