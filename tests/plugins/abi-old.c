/* abi-old.c - a fixture that declares ABI 1.0, the oldest minor version of
 * major 1, which every host of major 1 must load and run. */
#include "fixture.h"

FIXTURE_DESCRIPTOR(SABER_SAMPLER_ENTRY(abi_old),
                   1, 0,
                   "abi-old", fixture_create, fixture_sample);
