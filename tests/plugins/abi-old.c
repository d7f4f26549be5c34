/*
 * abi-old.c - a fixture built for ABI 1.0, the oldest minor version of
 * major 1, which every host of major 1 must load and run.
 *
 * It exports the descriptor as <saber/sampler.h> 1.0 declared it, which
 * ends before the members that ABI 1.1 added, so a host that read past
 * it would read past the exported object (AddressSanitizer reports that).
 */
#include "fixture.h"

typedef struct descriptor_1_0 {
    uint32_t abi_major;
    uint32_t abi_minor;
    const char *method;
    const char *description;
    const char *version;
    int (*create)(const saber_host_api *api, saber_context *ctx,
                  const saber_dict *options, void **state);
    int (*sample)(void *state, saber_dict *point);
    int (*update)(void *state, const saber_dict *const *rows, size_t count);
    void (*destroy)(void *state);
    const char *const *options;
} descriptor_1_0;

const descriptor_1_0 SABER_SAMPLER_ENTRY(abi_old) = {
    1, 0, "abi-old", "test fixture: abi-old", "0.0.1", fixture_create,
    fixture_sample, fixture_update, fixture_destroy, NULL,
};
