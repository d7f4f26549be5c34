/*
 * feedback.c - a fixture that checks the batch protocol: it yields the
 * grid three points per batch (the last batch ends with SABER_DONE) and
 * fails unless update() follows each batch with one row per point, in
 * order, each row holding the point's values, score, cost and status.
 */
#include <string.h>

#include "fixture.h"

#define BATCH_SIZE 3

typedef struct feedback_state {
    fixture_state grid;
    saber_dict *yielded[BATCH_SIZE]; /* copies of the batch's points */
    size_t count;                    /* points yielded in this batch */
    int awaiting_update;             /* the batch ended, update() is due */
} feedback_state;

static void feedback_destroy(void *state)
{
    feedback_state *f = state;

    if (f->awaiting_update)
        f->grid.api->log(f->grid.ctx, SABER_LOG_ERROR, "the last batch of %zu "
                         "points was never fed back", f->count);
    for (size_t i = 0; i < BATCH_SIZE; i++)
        f->grid.api->dict_free(f->yielded[i]);
    free(f);
}

static int feedback_create(const saber_host_api *api, saber_context *ctx,
                           const saber_dict *options, void **state)
{
    feedback_state *f = calloc(1, sizeof *f);

    (void)options;
    if (!f)
        return SABER_ERROR_NOMEM;
    f->grid.api = api;
    f->grid.ctx = ctx;
    for (size_t i = 0; i < BATCH_SIZE; i++) {
        f->yielded[i] = api->dict_new();
        if (!f->yielded[i]) {
            feedback_destroy(f);
            return SABER_ERROR_NOMEM;
        }
    }
    if (api->space_grid_size(ctx, &f->grid.size) != SABER_OK) {
        feedback_destroy(f);
        return SABER_ERROR_RANGE;
    }
    *state = f;
    return SABER_OK;
}

static int feedback_sample(void *state, saber_dict *point)
{
    feedback_state *f = state;
    const saber_host_api *api = f->grid.api;
    int status;

    if (f->awaiting_update) {
        api->set_error(f->grid.ctx, "sample() was called before update() fed "
                       "back the last batch");
        return SABER_ERROR_INVALID;
    }
    if (f->count == BATCH_SIZE) {
        f->awaiting_update = 1;
        return SABER_BATCH_END;
    }
    if (f->grid.next >= f->grid.size) {
        f->awaiting_update = f->count > 0;
        return SABER_DONE;
    }

    status = api->space_decode(f->grid.ctx, f->grid.next++, point);
    if (status == SABER_OK)
        status = api->dict_copy(f->yielded[f->count++], point);
    return status;
}

/* Checks that row holds point's values and the result keys. */
static int check_row(feedback_state *f, size_t i, const saber_dict *row)
{
    const saber_host_api *api = f->grid.api;
    const saber_dict *point = f->yielded[i];
    static const char *const result_keys[] = {"score", "cost", "status"};

    for (size_t k = 0; k < api->dict_count(point); k++) {
        const char *key = api->dict_key_at(point, k);
        const char *expected = NULL;
        const char *got = NULL;

        api->dict_get_text(point, key, &expected);
        if (api->dict_get_text(row, key, &got) != SABER_OK ||
            strcmp(got, expected) != 0) {
            api->set_error(f->grid.ctx, "row %zu has %s=%s, but point %zu "
                           "had %s", i, key, got ? got : "(missing)", i,
                           expected);
            return SABER_ERROR_INVALID;
        }
    }
    for (size_t k = 0; k < 3; k++) {
        if (api->dict_type(row, result_keys[k]) == SABER_VALUE_MISSING) {
            api->set_error(f->grid.ctx, "row %zu has no %s", i,
                           result_keys[k]);
            return SABER_ERROR_INVALID;
        }
    }
    return SABER_OK;
}

static int feedback_update(void *state, const saber_dict *const *rows,
                           size_t count)
{
    feedback_state *f = state;

    if (!f->awaiting_update || count != f->count) {
        f->grid.api->set_error(f->grid.ctx, "update() got %zu rows, but %zu "
                               "points await their results", count,
                               f->awaiting_update ? f->count : 0);
        return SABER_ERROR_INVALID;
    }
    for (size_t i = 0; i < count; i++) {
        int status = check_row(f, i, rows[i]);

        if (status != SABER_OK)
            return status;
    }
    f->awaiting_update = 0;
    f->count = 0;
    return SABER_OK;
}

const saber_sampler_descriptor SABER_SAMPLER_ENTRY(feedback) = {
    SABER_ABI_MAJOR,
    SABER_ABI_MINOR,
    "feedback",
    "test fixture: checks the rows fed back after each batch",
    "0.0.1",
    feedback_create,
    feedback_sample,
    feedback_update,
    feedback_destroy,
    NULL,
    0,
};
