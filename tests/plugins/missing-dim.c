/* missing-dim.c - a fixture whose point lacks the last dimension. */
#include "fixture.h"

static int sample_missing_dim(void *state, saber_dict *point)
{
    fixture_state *f = state;
    size_t dims = f->api->space_dims(f->ctx);

    if (f->point_pending) {
        f->point_pending = 0;
        return SABER_BATCH_END;
    }
    f->point_pending = 1;
    for (size_t dim = 0; dim + 1 < dims; dim++) {
        int status = f->api->space_dim_value(f->ctx, dim, 0, point);

        if (status != SABER_OK)
            return status;
    }
    return SABER_OK;
}

FIXTURE_DESCRIPTOR(SABER_SAMPLER_ENTRY(missing_dim),
                   SABER_ABI_MAJOR, SABER_ABI_MINOR,
                   "missing-dim", fixture_create, sample_missing_dim);
