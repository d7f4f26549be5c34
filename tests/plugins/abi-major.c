/* abi-major.c - a fixture built for the next ABI major version, which the
 * host must not load. */
#include "fixture.h"

FIXTURE_DESCRIPTOR(SABER_SAMPLER_ENTRY(abi_major),
                   SABER_ABI_MAJOR + 1, 0,
                   "abi-major", fixture_create, fixture_sample);
