/* wrong-name.c - a fixture whose descriptor names another method than its
 * file does. */
#include "fixture.h"

FIXTURE_DESCRIPTOR(SABER_SAMPLER_ENTRY(wrong_name),
                   SABER_ABI_MAJOR, SABER_ABI_MINOR,
                   "right-name", fixture_create, fixture_sample);
