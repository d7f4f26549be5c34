/*
 * tpe.c - the tpe sampler: Tree-structured Parzen Estimators (Bergstra et
 * al., "Algorithms for Hyper-Parameter Optimization", NIPS 2011) over
 * continuous, integer, log-scaled, ordered and categorical dimensions.
 *
 * The first n_startup points are drawn at random.  After them, each point
 * is the suggestion of a model of every row fed back so far (suggest.c).
 * Rows whose status is not "succeeded", or whose score is missing or not a
 * number, count as worse than every scored row.  A batch of batch_size
 * points is sampled before its rows come back.  Each point of the batch
 * joins the model as such a worst observation before the next point is
 * suggested (a constant liar), so the batch spreads out instead of
 * repeating one point.
 *
 * Everything random comes from the host's generator, so the same seed and
 * the same rows give the same points.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <saber/sampler.h>

#include "../common/options.h"
#include "tpe.h"

static const tpe_config default_config = {
    .max_iterations = 0,
    .n_startup = 10,
    .batch_size = 1,
    .multivariate = 1,
    .candidates = 24,
    .gamma = 0.1,
    .gamma_cap = 25,
    .parzen = {
        .prior_weight = 1.0,
        .prior_sigma = 1.0,
        .bandwidth = 0.05,
        .min_bandwidth = 0.01,
        .cell_bandwidth = 0.5,
        .category_smoothing = 0.2,
    },
};

/* ---- options ---- */

static int read_unsigned(tpe_state *s, const saber_dict *options,
                         const char *name, int required, uint64_t *out)
{
    int64_t value = 0;
    int status = option_positive_int(s->api, s->ctx, options, name, required,
                                     &value);

    if (status == SABER_OK && value > 0)
        *out = (uint64_t)value;
    return status;
}

static int read_prior_weight(tpe_state *s, const saber_dict *options)
{
    const char *text = "";
    double value;
    int status = s->api->dict_get_real(options, "prior_weight", &value);

    if (status == SABER_ERROR_NOTFOUND)
        return SABER_OK;
    if (status == SABER_OK && value > 0 && isfinite(value)) {
        s->config.parzen.prior_weight = value;
        return SABER_OK;
    }
    s->api->dict_get_text(options, "prior_weight", &text);
    s->api->set_option_error(s->ctx, "prior_weight", "invalid prior_weight "
                             "'%s'; use a number above 0, e.g. 1.0", text);
    return SABER_ERROR_INVALID;
}

static int read_options(tpe_state *s, const saber_dict *options)
{
    tpe_config *c = &s->config;
    int status;

    status = read_unsigned(s, options, "max_iterations", 1, &c->max_iterations);
    if (status == SABER_OK)
        status = read_unsigned(s, options, "n_startup", 0, &c->n_startup);
    if (status == SABER_OK)
        status = read_unsigned(s, options, "batch_size", 0, &c->batch_size);
    if (status == SABER_OK)
        status = read_unsigned(s, options, "candidates", 0, &c->candidates);
    if (status == SABER_OK)
        status = option_bool(s->api, s->ctx, options, "multivariate",
                             &c->multivariate);
    if (status == SABER_OK)
        status = read_prior_weight(s, options);
    /* Per axis, bandwidths from the neighbours measured best (see
     * parzen.h); jointly, Scott's rule. */
    c->parzen.neighbours = !c->multivariate;
    return status;
}

/* ---- the instance ---- */

static void tpe_destroy(void *state)
{
    tpe_state *s = state;

    tpe_axes_release(&s->axes);
    tpe_history_release(&s->history);
    tpe_parzen_release(&s->below);
    tpe_parzen_release(&s->above);
    free(s->numeric);
    free(s->best_numeric);
    free(s->categories);
    free(s->best_categories);
    free(s);
}

static int allocate_scratch(tpe_state *s)
{
    size_t numeric = s->axes.numeric + 1;
    size_t categorical = s->axes.categorical + 1;

    s->numeric = calloc(numeric, sizeof *s->numeric);
    s->best_numeric = calloc(numeric, sizeof *s->best_numeric);
    s->categories = calloc(categorical, sizeof *s->categories);
    s->best_categories = calloc(categorical, sizeof *s->best_categories);
    if (!s->numeric || !s->best_numeric || !s->categories ||
        !s->best_categories)
        return SABER_ERROR_NOMEM;
    return SABER_OK;
}

static int tpe_create(const saber_host_api *api, saber_context *ctx,
                      const saber_dict *options, void **state)
{
    tpe_state *s = calloc(1, sizeof *s);
    int status;

    if (!s)
        return SABER_ERROR_NOMEM;
    s->api = api;
    s->ctx = ctx;
    s->config = default_config;
    s->goal = api->goal(ctx);
    tpe_parzen_init(&s->below);
    tpe_parzen_init(&s->above);

    status = read_options(s, options);
    if (status == SABER_OK)
        status = tpe_axes_read(&s->axes, api, ctx);
    if (status == SABER_OK &&
        tpe_history_init(&s->history, s->axes.numeric,
                         s->axes.categorical) < 0)
        status = SABER_ERROR_NOMEM;
    if (status == SABER_OK)
        status = allocate_scratch(s);
    if (status != SABER_OK) {
        tpe_destroy(s);
        return status;
    }
    *state = s;
    return SABER_OK;
}

/* ---- sampling ---- */

static int next_point(tpe_state *s)
{
    if (s->yielded < s->config.n_startup || s->history.scored == 0) {
        tpe_axes_draw_uniform(&s->axes, s->api, s->ctx, s->best_numeric,
                              s->best_categories);
        return SABER_OK;
    }
    return tpe_suggest(s, s->best_numeric, s->best_categories);
}

static int tpe_sample(void *state, saber_dict *point)
{
    tpe_state *s = state;
    int status;

    if (s->in_batch == s->config.batch_size ||
        (s->in_batch && s->yielded >= s->config.max_iterations)) {
        s->in_batch = 0;
        return SABER_BATCH_END;
    }
    if (s->yielded >= s->config.max_iterations)
        return SABER_DONE;

    status = next_point(s);
    if (status == SABER_OK)
        status = tpe_axes_write_point(&s->axes, s->api, s->ctx,
                                      s->best_numeric, s->best_categories,
                                      point);
    if (status != SABER_OK)
        return status;

    /* The point counts as a worst observation until its row comes back. */
    if (tpe_history_add(&s->history, s->best_numeric, s->best_categories, 0,
                        0) < 0)
        return SABER_ERROR_NOMEM;
    s->yielded++;
    s->in_batch++;
    return SABER_OK;
}

/* ---- results ---- */

/* Stores the row's loss, the score negated when maximizing; returns
 * whether the row has one. */
static int row_loss(const tpe_state *s, const saber_dict *row, double *loss)
{
    const char *status = NULL;
    double score;

    if (s->api->dict_get_text(row, "status", &status) != SABER_OK ||
        strcmp(status, "succeeded") != 0 ||
        s->api->dict_get_real(row, "score", &score) != SABER_OK ||
        isnan(score))
        return 0;
    *loss = s->goal == SABER_GOAL_MAXIMIZE ? -score : score;
    return 1;
}

static int add_row(tpe_state *s, const saber_dict *row)
{
    double loss = 0;
    int has_loss;

    if (tpe_axes_read_row(&s->axes, s->api, s->ctx, row, s->numeric,
                          s->categories) != SABER_OK) {
        /* A value outside the space cannot be placed in the model. */
        if (s->unreadable++ == 0)
            s->api->log(s->ctx, SABER_LOG_WARNING, "a result row has a value "
                        "that is not in the search space; tpe ignores such "
                        "rows");
        return SABER_OK;
    }
    has_loss = row_loss(s, row, &loss);
    if (tpe_history_add(&s->history, s->numeric, s->categories, has_loss,
                        loss) < 0)
        return SABER_ERROR_NOMEM;
    return SABER_OK;
}

static int tpe_update(void *state, const saber_dict *const *rows, size_t count)
{
    tpe_state *s = state;

    /* The rows replace the batch's points, which stood in for them. */
    tpe_history_truncate(&s->history, s->completed);
    for (size_t i = 0; i < count; i++) {
        int status = add_row(s, rows[i]);

        if (status != SABER_OK)
            return status;
    }
    s->completed = s->history.count;
    return SABER_OK;
}

static const char *const tpe_options[] = {
    "max_iterations", "n_startup", "batch_size", "multivariate",
    "candidates", "prior_weight", NULL,
};

const saber_sampler_descriptor SABER_SAMPLER_ENTRY(tpe) = {
    SABER_ABI_MAJOR,
    SABER_ABI_MINOR,
    "tpe",
    "Tree-structured Parzen Estimators: max_iterations points, each chosen "
    "from the results so far",
    PACKAGE_VERSION,
    tpe_create,
    tpe_sample,
    tpe_update,
    tpe_destroy,
    tpe_options,
    SABER_SAMPLER_CONTINUOUS,
};
