/*
 * example-plugin.c - a complete sampler plugin for saber-opt: coordinate
 * search, method "coordinate".
 *
 * The search starts at the first value of every metaparameter.  Each
 * batch varies one metaparameter over all its values, and the others
 * keep their best value so far.  update() then keeps the value with the
 * best score.  After the last metaparameter the search starts again with
 * the first, for `rounds` rounds (a sampler: option, 1 by default).
 * Every batch also runs the point of the best values again, which a real
 * plugin would skip.
 *
 * Build it as the module coordinate.so (or coordinate.la with libtool):
 *   cc -shared -fPIC $(pkg-config --cflags saber-opt) \
 *       -o coordinate.so example-plugin.c
 */
#include <stdlib.h>
#include <string.h>

#include <saber/sampler.h>

typedef struct coordinate {
    const saber_host_api *api; /* borrowed until destroy() */
    saber_context *ctx;        /* borrowed until destroy() */
    size_t dims;               /* number of metaparameters */
    uint64_t *best;            /* per metaparameter: its best value number */
    int64_t rounds;
    int64_t round;             /* rounds finished */
    size_t dim;                /* the metaparameter this batch varies */
    uint64_t next;             /* its next value number in this batch */
    saber_dict *value;         /* scratch space for one value, owned */
} coordinate;

static void coordinate_destroy(void *state)
{
    coordinate *c = state;

    c->api->dict_free(c->value);
    free(c->best);
    free(c);
}

/* Reads the sampler option rounds, 1 when absent, into c->rounds. */
static int read_rounds(coordinate *c, const saber_dict *options)
{
    const char *text = "";
    int status = c->api->dict_get_int(options, "rounds", &c->rounds);

    if (status == SABER_ERROR_NOTFOUND) {
        c->rounds = 1;
        return SABER_OK;
    }
    if (status != SABER_OK || c->rounds < 1) {
        c->api->dict_get_text(options, "rounds", &text);
        c->api->set_option_error(c->ctx, "rounds", "invalid rounds '%s'; use "
                                 "a whole number of at least 1", text);
        return SABER_ERROR_INVALID;
    }
    return SABER_OK;
}

static int coordinate_create(const saber_host_api *api, saber_context *ctx,
                             const saber_dict *options, void **state)
{
    coordinate *c = calloc(1, sizeof *c);
    int status;

    if (!c)
        return SABER_ERROR_NOMEM;
    c->api = api;
    c->ctx = ctx;
    c->dims = api->space_dims(ctx);
    c->best = calloc(c->dims + 1, sizeof *c->best);
    c->value = api->dict_new();
    if (!c->best || !c->value) {
        coordinate_destroy(c);
        return SABER_ERROR_NOMEM;
    }

    status = read_rounds(c, options);
    if (status != SABER_OK) {
        coordinate_destroy(c);
        return status;
    }
    *state = c;
    return SABER_OK;
}

static int coordinate_sample(void *state, saber_dict *point)
{
    coordinate *c = state;

    if (c->round == c->rounds)
        return SABER_DONE;
    if (c->next == c->api->space_dim_size(c->ctx, c->dim))
        return SABER_BATCH_END;

    for (size_t d = 0; d < c->dims; d++) {
        uint64_t k = d == c->dim ? c->next : c->best[d];
        int status = c->api->space_dim_value(c->ctx, d, k, point);

        if (status != SABER_OK)
            return status;
    }
    c->next++;
    return SABER_OK;
}

/* Finds the number of the value that row holds for metaparameter dim by
 * comparing texts, the form in which every value reaches a step. */
static int find_value(coordinate *c, const saber_dict *row, uint64_t *k)
{
    const char *name = c->api->space_dim_name(c->ctx, c->dim);
    uint64_t size = c->api->space_dim_size(c->ctx, c->dim);
    const char *wanted, *text;

    if (c->api->dict_get_text(row, name, &wanted) != SABER_OK)
        return SABER_ERROR_NOTFOUND;
    for (*k = 0; *k < size; (*k)++) {
        if (c->api->space_dim_value(c->ctx, c->dim, *k, c->value) != SABER_OK ||
            c->api->dict_get_text(c->value, name, &text) != SABER_OK)
            return SABER_ERROR;
        if (strcmp(text, wanted) == 0)
            return SABER_OK;
    }
    return SABER_ERROR_NOTFOUND;
}

static int is_better(const coordinate *c, double score, double best)
{
    if (c->api->goal(c->ctx) == SABER_GOAL_MAXIMIZE)
        return score > best;
    return score < best;
}

static void log_best(coordinate *c, double score)
{
    const char *name = c->api->space_dim_name(c->ctx, c->dim);
    const char *text = "?";

    if (c->api->space_dim_value(c->ctx, c->dim, c->best[c->dim],
                                c->value) == SABER_OK)
        c->api->dict_get_text(c->value, name, &text);
    c->api->log(c->ctx, SABER_LOG_INFO, "best %s: %s (score %g)", name, text,
                score);
}

/* Keeps the best value of the metaparameter this batch varied, then moves
 * on to the next metaparameter. */
static int coordinate_update(void *state, const saber_dict *const *rows,
                             size_t count)
{
    coordinate *c = state;
    int found = 0;
    double best = 0;

    for (size_t i = 0; i < count; i++) {
        double score;
        uint64_t k;

        /* A missing score is NULL, which dict_get_real() rejects. */
        if (c->api->dict_get_real(rows[i], "score", &score) != SABER_OK)
            continue;
        if (find_value(c, rows[i], &k) != SABER_OK)
            continue;
        if (!found || is_better(c, score, best)) {
            found = 1;
            best = score;
            c->best[c->dim] = k;
        }
    }
    if (found)
        log_best(c, best);

    c->next = 0;
    if (++c->dim == c->dims) {
        c->dim = 0;
        c->round++;
    }
    return SABER_OK;
}

static const char *const coordinate_options[] = {"rounds", NULL};

const saber_sampler_descriptor SABER_SAMPLER_ENTRY(coordinate) = {
    SABER_ABI_MAJOR,
    SABER_ABI_MINOR,
    "coordinate",
    "coordinate search: one metaparameter per batch, the others at their best",
    "1.0.0",
    coordinate_create,
    coordinate_sample,
    coordinate_update,
    coordinate_destroy,
    coordinate_options,
    0, /* no SABER_SAMPLER_CONTINUOUS: it walks value numbers */
};
