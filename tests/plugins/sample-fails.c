/* sample-fails.c - a fixture whose sample() yields one point, then fails
 * with a message. */
#include "fixture.h"

static int sample_fails(void *state, saber_dict *point)
{
    fixture_state *f = state;

    if (f->next == 0 || f->point_pending)
        return fixture_sample(state, point);
    f->api->set_error(f->ctx, "the model diverged at point %llu",
                      (unsigned long long)f->next);
    return SABER_ERROR;
}

FIXTURE_DESCRIPTOR(SABER_SAMPLER_ENTRY(sample_fails),
                   SABER_ABI_MAJOR, SABER_ABI_MINOR,
                   "sample-fails", fixture_create, sample_fails);
