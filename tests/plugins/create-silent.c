/* create-silent.c - a fixture whose create() fails without a message. */
#include "fixture.h"

static int create_silent(const saber_host_api *api, saber_context *ctx,
                         const saber_dict *options, void **state)
{
    (void)api;
    (void)ctx;
    (void)options;
    (void)state;
    return SABER_ERROR_INVALID;
}

FIXTURE_DESCRIPTOR(SABER_SAMPLER_ENTRY(create_silent),
                   SABER_ABI_MAJOR, SABER_ABI_MINOR,
                   "create-silent", create_silent, fixture_sample);
