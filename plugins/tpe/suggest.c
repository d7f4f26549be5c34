/*
 * suggest.c - one suggestion of the Tree-structured Parzen Estimator.
 *
 * The observations are ranked by loss and split into a good group, the
 * best gamma * n of them (at most gamma_cap, at least one), and the rest.
 * A Parzen estimator of each group gives l(x) and g(x).  The suggestion
 * is the one of `candidates` points drawn from l(x) with the largest
 * l(x) / g(x), because that ratio grows with the expected improvement
 * under the TPE model.
 * In multivariate mode the candidates are whole points; otherwise each
 * axis picks its best candidate on its own marginals.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tpe.h"

/* Returns the size of the good group for n observations, of which scored
 * have a loss: observations without a loss never count as good. */
static size_t good_count(const tpe_config *config, size_t n, size_t scored)
{
    size_t count = (size_t)ceil(config->gamma * (double)n);

    if (count > config->gamma_cap)
        count = (size_t)config->gamma_cap;
    if (count < 1)
        count = 1;
    return count < scored ? count : scored;
}

static int build_groups(tpe_state *s)
{
    const size_t *order = tpe_history_rank(&s->history);
    size_t n = s->history.count;
    size_t good;

    good = good_count(&s->config, n, s->history.scored);
    if (tpe_parzen_build(&s->below, &s->history, order, good, &s->axes,
                         &s->config.parzen) < 0 ||
        tpe_parzen_build(&s->above, &s->history, order + good, n - good,
                         &s->axes, &s->config.parzen) < 0)
        return SABER_ERROR_NOMEM;
    return SABER_OK;
}

static void suggest_joint(tpe_state *s, double *numeric, uint32_t *categories)
{
    size_t numeric_bytes = s->axes.numeric * sizeof *numeric;
    size_t category_bytes = s->axes.categorical * sizeof *categories;
    double best = -INFINITY;

    for (uint64_t i = 0; i < s->config.candidates; i++) {
        double score;

        tpe_parzen_sample(&s->below, s->api, s->ctx, s->numeric,
                          s->categories);
        score = tpe_parzen_log_density(&s->below, s->numeric, s->categories) -
                tpe_parzen_log_density(&s->above, s->numeric, s->categories);
        if (i == 0 || score > best) {
            best = score;
            memcpy(numeric, s->numeric, numeric_bytes);
            memcpy(categories, s->categories, category_bytes);
        }
    }
}

static void suggest_per_axis(tpe_state *s, double *numeric,
                             uint32_t *categories)
{
    for (size_t j = 0; j < s->axes.numeric; j++) {
        double best = -INFINITY;

        for (uint64_t i = 0; i < s->config.candidates; i++) {
            double x = tpe_parzen_sample_numeric(&s->below, j, s->api, s->ctx);
            double score = tpe_parzen_log_density_numeric(&s->below, j, x) -
                           tpe_parzen_log_density_numeric(&s->above, j, x);

            if (i == 0 || score > best) {
                best = score;
                numeric[j] = x;
            }
        }
    }
    for (size_t k = 0; k < s->axes.categorical; k++) {
        double best = -INFINITY;

        for (uint64_t i = 0; i < s->config.candidates; i++) {
            uint32_t c = tpe_parzen_sample_category(&s->below, k, s->api,
                                                    s->ctx);
            double score = tpe_parzen_log_density_category(&s->below, k, c) -
                           tpe_parzen_log_density_category(&s->above, k, c);

            if (i == 0 || score > best) {
                best = score;
                categories[k] = c;
            }
        }
    }
}

int tpe_suggest(tpe_state *s, double *numeric, uint32_t *categories)
{
    int status = build_groups(s);

    if (status != SABER_OK)
        return status;
    if (s->config.multivariate)
        suggest_joint(s, numeric, categories);
    else
        suggest_per_axis(s, numeric, categories);
    return SABER_OK;
}
