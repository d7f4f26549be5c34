/*
 * hello.c - a sampler plugin built outside saber-opt's source tree, the
 * way a third party builds one: against the installed <saber/sampler.h>,
 * found through `pkg-config --cflags saber-opt`, into a plain hello.so.
 * It yields the grid backwards, all points in one batch.
 */
#include <stdlib.h>

#include <saber/sampler.h>

typedef struct hello_state {
    const saber_host_api *api;
    saber_context *ctx;
    uint64_t left; /* points not yet yielded */
} hello_state;

static int hello_create(const saber_host_api *api, saber_context *ctx,
                        const saber_dict *options, void **state)
{
    hello_state *h = calloc(1, sizeof *h);

    (void)options;
    if (!h)
        return SABER_ERROR_NOMEM;
    h->api = api;
    h->ctx = ctx;
    if (api->space_grid_size(ctx, &h->left) != SABER_OK) {
        api->set_error(ctx, "the grid is too large");
        free(h);
        return SABER_ERROR_RANGE;
    }
    *state = h;
    return SABER_OK;
}

static int hello_sample(void *state, saber_dict *point)
{
    hello_state *h = state;

    if (h->left == 0)
        return SABER_DONE;
    h->left--;
    return h->api->space_decode(h->ctx, h->left, point);
}

static int hello_update(void *state, const saber_dict *const *rows,
                        size_t count)
{
    (void)state;
    (void)rows;
    (void)count;
    return SABER_OK;
}

static void hello_destroy(void *state)
{
    free(state);
}

const saber_sampler_descriptor SABER_SAMPLER_ENTRY(hello) = {
    SABER_ABI_MAJOR,
    SABER_ABI_MINOR,
    "hello",
    "the grid backwards, in one batch",
    "2.0.0",
    hello_create,
    hello_sample,
    hello_update,
    hello_destroy,
    NULL,
    0,
};
