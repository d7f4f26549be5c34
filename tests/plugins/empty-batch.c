/* empty-batch.c - a fixture that ends a batch before yielding any point. */
#include "fixture.h"

static int sample_empty_batch(void *state, saber_dict *point)
{
    (void)state;
    (void)point;
    return SABER_BATCH_END;
}

FIXTURE_DESCRIPTOR(SABER_SAMPLER_ENTRY(empty_batch),
                   SABER_ABI_MAJOR, SABER_ABI_MINOR,
                   "empty-batch", fixture_create, sample_empty_batch);
