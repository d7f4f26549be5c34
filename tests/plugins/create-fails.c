/* create-fails.c - a fixture whose create() fails with a message. */
#include "fixture.h"

static int create_fails(const saber_host_api *api, saber_context *ctx,
                        const saber_dict *options, void **state)
{
    (void)options;
    (void)state;
    api->set_error(ctx, "cannot read the model file '%s'", "model.bin");
    return SABER_ERROR;
}

FIXTURE_DESCRIPTOR(SABER_SAMPLER_ENTRY(create_fails),
                   SABER_ABI_MAJOR, SABER_ABI_MINOR,
                   "create-fails", create_fails, fixture_sample);
