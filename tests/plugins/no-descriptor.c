/* no-descriptor.c - a fixture that exports its descriptor under a wrong
 * name, so the host finds no descriptor symbol. */
#include "fixture.h"

FIXTURE_DESCRIPTOR(no_descriptor_LTX_sampler, SABER_ABI_MAJOR,
                   SABER_ABI_MINOR, "no-descriptor", fixture_create,
                   fixture_sample);
