/*
 * wrong-value.c - a fixture that samples continuous dimensions wrongly: it
 * sets every dimension to the float 1000.0 with dict_set_real() instead of
 * space_set_continuous(), which the host must reject for an int range.
 */
#include "fixture.h"

static int wrong_value_sample(void *state, saber_dict *point)
{
    fixture_state *f = state;
    const saber_host_api *api = f->api;

    if (f->point_pending)
        return SABER_DONE;
    f->point_pending = 1;
    for (size_t dim = 0; dim < api->space_dims(f->ctx); dim++) {
        int status = api->dict_set_real(point, api->space_dim_name(f->ctx, dim),
                                        1000.0);

        if (status != SABER_OK)
            return status;
    }
    return SABER_OK;
}

static int wrong_value_create(const saber_host_api *api, saber_context *ctx,
                              const saber_dict *options, void **state)
{
    fixture_state *f = calloc(1, sizeof *f);

    (void)options;
    if (!f)
        return SABER_ERROR_NOMEM;
    f->api = api;
    f->ctx = ctx;
    *state = f;
    return SABER_OK;
}

const saber_sampler_descriptor SABER_SAMPLER_ENTRY(wrong_value) = {
    SABER_ABI_MAJOR,
    SABER_ABI_MINOR,
    "wrong-value",
    "test fixture: sets continuous values without the host",
    "0.0.1",
    wrong_value_create,
    wrong_value_sample,
    fixture_update,
    fixture_destroy,
    NULL,
    SABER_SAMPLER_CONTINUOUS,
};
