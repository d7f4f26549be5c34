/* abi-minor.c - a fixture built for a newer ABI minor version than the
 * host's, which the host must not load. */
#include "fixture.h"

FIXTURE_DESCRIPTOR(SABER_SAMPLER_ENTRY(abi_minor),
                   SABER_ABI_MAJOR, SABER_ABI_MINOR + 1,
                   "abi-minor", fixture_create, fixture_sample);
