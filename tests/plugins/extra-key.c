/* extra-key.c - a fixture whose point sets a key that is no dimension. */
#include "fixture.h"

static int sample_extra_key(void *state, saber_dict *point)
{
    fixture_state *f = state;
    int status = fixture_sample(state, point);

    if (status != SABER_OK)
        return status;
    return f->api->dict_set_int(point, "bogus", 1);
}

FIXTURE_DESCRIPTOR(SABER_SAMPLER_ENTRY(extra_key),
                   SABER_ABI_MAJOR, SABER_ABI_MINOR,
                   "extra-key", fixture_create, sample_extra_key);
