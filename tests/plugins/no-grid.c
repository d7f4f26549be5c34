/*
 * no-grid.c - a fixture that declares it samples continuous dimensions
 * but walks the grid, so on a space with a continuous dimension its
 * create() gets SABER_ERROR_INVALID from space_grid_size() and returns
 * it: the host's own message must reach the user.
 */
#include "fixture.h"

static int no_grid_create(const saber_host_api *api, saber_context *ctx,
                          const saber_dict *options, void **state)
{
    uint64_t size;
    int status = api->space_grid_size(ctx, &size);

    if (status != SABER_OK)
        return status;
    return fixture_create(api, ctx, options, state);
}

const saber_sampler_descriptor SABER_SAMPLER_ENTRY(no_grid) = {
    SABER_ABI_MAJOR,
    SABER_ABI_MINOR,
    "no-grid",
    "test fixture: walks the grid of any space",
    "0.0.1",
    no_grid_create,
    fixture_sample,
    fixture_update,
    fixture_destroy,
    NULL,
    SABER_SAMPLER_CONTINUOUS,
};
