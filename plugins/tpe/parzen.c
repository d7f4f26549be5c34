/* parzen.c - the Parzen estimator of a group of observations. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "parzen.h"

#define LOG_SQRT_2PI 0.91893853320467274178

/* Rejection sampling gives up after this many draws outside [0, 1]; every
 * component keeps at least 30% of its mass inside, so that happens with
 * probability below 1e-9. */
#define MAX_REJECTIONS 64

void tpe_parzen_init(tpe_parzen *m)
{
    memset(m, 0, sizeof *m);
}

void tpe_parzen_release(tpe_parzen *m)
{
    free(m->log_weight);
    free(m->cumulative);
    free(m->mean);
    free(m->inv_sigma);
    free(m->log_norm);
    free(m->log_base);
    free(m->category);
    free(m->scratch);
    free(m->levels);
    free(m->log_own);
    free(m->log_other);
    tpe_parzen_init(m);
}

/* Reallocates *array to count doubles; returns 0 or -1. */
static int resize_doubles(double **array, size_t count)
{
    double *grown = realloc(*array, (count + 1) * sizeof *grown);

    if (!grown)
        return -1;
    *array = grown;
    return 0;
}

/* Makes room for components components of the history's shape. */
static int reserve(tpe_parzen *m, size_t components, const tpe_history *h)
{
    uint32_t *category;

    if (components <= m->capacity && m->numeric == h->numeric &&
        m->categorical == h->categorical)
        return 0;
    if (components < 2 * m->capacity)
        components = 2 * m->capacity;
    if (resize_doubles(&m->log_weight, components) < 0 ||
        resize_doubles(&m->cumulative, components) < 0 ||
        resize_doubles(&m->mean, components * h->numeric) < 0 ||
        resize_doubles(&m->inv_sigma, components * h->numeric) < 0 ||
        resize_doubles(&m->log_norm, components * h->numeric) < 0 ||
        resize_doubles(&m->log_base, components) < 0 ||
        resize_doubles(&m->scratch, components) < 0 ||
        resize_doubles(&m->levels, h->categorical) < 0 ||
        resize_doubles(&m->log_own, h->categorical) < 0 ||
        resize_doubles(&m->log_other, h->categorical) < 0)
        return -1;
    category = realloc(m->category, (components * h->categorical + 1) *
                                    sizeof *category);
    if (!category)
        return -1;
    m->category = category;
    m->capacity = components;
    m->numeric = h->numeric;
    m->categorical = h->categorical;
    return 0;
}

/* Sets the normalized weights: 1 for each of count members, prior_weight
 * for the prior, which is last. */
static void set_weights(tpe_parzen *m, size_t count, double prior_weight)
{
    double total = (double)count + prior_weight;

    for (size_t c = 0; c < count; c++) {
        m->log_weight[c] = -log(total);
        m->cumulative[c] = (double)(c + 1) / total;
    }
    m->log_weight[count] = log(prior_weight / total);
    m->cumulative[count] = 1.0;
}

/* A normal's tail beyond this many standard deviations is below 2^-53
 * of its mass, so a bound that far away cuts off nothing a double shows. */
#define NEGLIGIBLE_TAIL 8.3

/* Returns log of the normal's mass within [0, 1]. */
static double log_unit_mass(double mean, double sigma)
{
    double scale = 1.0 / (sigma * 1.4142135623730951);

    if (mean >= NEGLIGIBLE_TAIL * sigma && 1.0 - mean >= NEGLIGIBLE_TAIL * sigma)
        return 0;
    return log(0.5 * (erfc((mean - 1.0) * scale) - erfc(mean * scale)));
}

/* Sets component c's normal on axis slot; log_sigma is log(sigma). */
static void set_component(tpe_parzen *m, size_t c, size_t slot, double mean,
                          double sigma, double log_sigma)
{
    size_t at = slot * m->capacity + c;

    m->mean[at] = mean;
    m->inv_sigma[at] = 1.0 / sigma;
    m->log_norm[at] = -log_sigma - LOG_SQRT_2PI - log_unit_mass(mean, sigma);
}

/* The walk along one axis of neighbour_bandwidths(). */
typedef struct neighbour_walk {
    double *sigma;     /* per component: the left gap, then the bandwidth */
    size_t count;      /* members; component count is the prior */
    double floor;
    double previous_x;
    size_t previous;   /* the previous component, count + 1 for none */
} neighbour_walk;

static void finish_bandwidth(neighbour_walk *w, size_t c, double right_gap)
{
    double width = w->sigma[c] > right_gap ? w->sigma[c] : right_gap;

    if (width < w->floor)
        width = w->floor;
    w->sigma[c] = width > 1.0 ? 1.0 : width;
}

/* Visits component c at coordinate x, the next one in order. */
static void visit(neighbour_walk *w, size_t c, double x)
{
    if (w->previous < w->count)
        finish_bandwidth(w, w->previous, x - w->previous_x);
    if (c < w->count)
        w->sigma[c] = x - w->previous_x;
    w->previous_x = x;
    w->previous = c;
}

/*
 * Stores in sigma each member's bandwidth on axis slot.  That is the
 * larger distance to its neighbours among the members and the prior's
 * mean 0.5, the bounds 0 and 1 standing in beyond the ends, kept within
 * [floor, 1].  component_of maps an observation to its member number
 * (count for none).  The walk follows the history's order along the axis,
 * so nothing is sorted here.
 */
static void neighbour_bandwidths(const tpe_history *h,
                                 const size_t *component_of, size_t count,
                                 size_t slot, double floor, double *sigma)
{
    neighbour_walk w = {sigma, count, floor, 0.0, count + 1};
    int prior_visited = 0;

    for (size_t i = 0; i < h->count; i++) {
        size_t observation = h->by_axis[slot][i];
        double x = tpe_history_coordinates(h, observation)[slot];

        if (component_of[observation] == count)
            continue;
        if (!prior_visited && x > 0.5) {
            visit(&w, count, 0.5);
            prior_visited = 1;
        }
        visit(&w, component_of[observation], x);
    }
    if (!prior_visited)
        visit(&w, count, 0.5);
    if (w.previous < count)
        finish_bandwidth(&w, w.previous, 1.0 - w.previous_x);
}

/* Returns the member number of each observation (count for none), or NULL
 * when out of memory; the caller frees it. */
static size_t *map_members(const tpe_history *h, const size_t *members,
                           size_t count)
{
    size_t *component_of = malloc((h->count + 1) * sizeof *component_of);

    if (!component_of)
        return NULL;
    for (size_t i = 0; i < h->count; i++)
        component_of[i] = count;
    for (size_t c = 0; c < count; c++)
        component_of[members[c]] = c;
    return component_of;
}

/*
 * Stores each member's bandwidth on each numeric axis in sigma, at
 * slot * count + c.  Scott's rule gives bandwidth * n^(-1/(d+4)) over d
 * numeric axes.  With neighbours set, the distances to the neighbouring
 * members give it, at least 1 / min(100, n + 1).  Neither goes below the
 * axis's minimum.  Returns 0, or -1 when out of memory.
 */
static int numeric_bandwidths(const tpe_axes *axes,
                              const tpe_parzen_config *config,
                              const tpe_history *h, const size_t *members,
                              size_t count, double *sigma)
{
    double dims = axes->numeric ? (double)axes->numeric : 1.0;
    double n = count ? (double)count : 1.0;
    double scott = config->bandwidth * pow(n, -1.0 / (dims + 4.0));
    double clip = 1.0 / (n + 1.0 < 100.0 ? n + 1.0 : 100.0);
    size_t *component_of = NULL;

    if (config->neighbours && !(component_of = map_members(h, members, count)))
        return -1;
    for (size_t i = 0; i < axes->count; i++) {
        const tpe_axis *axis = &axes->items[i];
        double cell = tpe_axis_cell(axis);
        double floor = cell > 0 ? config->cell_bandwidth * cell
                                : config->min_bandwidth;
        double *row = sigma + axis->slot * count;

        if (axis->kind != TPE_AXIS_NUMERIC)
            continue;
        if (config->neighbours) {
            neighbour_bandwidths(h, component_of, count, axis->slot,
                                 floor > clip ? floor : clip, row);
            continue;
        }
        for (size_t c = 0; c < count; c++)
            row[c] = scott > floor ? scott : floor;
    }
    free(component_of);
    return 0;
}

static void set_categorical(tpe_parzen *m, const tpe_axes *axes,
                            double smoothing)
{
    for (size_t i = 0; i < axes->count; i++) {
        const tpe_axis *axis = &axes->items[i];
        double levels = (double)axis->levels;

        if (axis->kind != TPE_AXIS_CATEGORICAL)
            continue;
        m->levels[axis->slot] = levels;
        m->log_own[axis->slot] = log(1.0 - smoothing + smoothing / levels);
        m->log_other[axis->slot] = levels > 1 ? log(smoothing / levels) : 0;
    }
    m->smoothing = smoothing;
}

int tpe_parzen_build(tpe_parzen *m, const tpe_history *h,
                     const size_t *members, size_t count,
                     const tpe_axes *axes, const tpe_parzen_config *config)
{
    double *sigma = malloc((count * h->numeric + 1) * sizeof *sigma);
    double *last_sigma = malloc((2 * h->numeric + 1) * sizeof *last_sigma);
    double *last_log = last_sigma + h->numeric;

    if (!sigma || !last_sigma || reserve(m, count + 1, h) < 0 ||
        numeric_bandwidths(axes, config, h, members, count, sigma) < 0) {
        free(sigma);
        free(last_sigma);
        return -1;
    }
    m->components = count + 1;
    set_weights(m, count, config->prior_weight);
    set_categorical(m, axes, config->category_smoothing);

    for (size_t c = 0; c <= count; c++) {
        const double *x = c < count ? tpe_history_coordinates(h, members[c]) : NULL;
        double sum = 0;

        for (size_t j = 0; j < m->numeric; j++) {
            double width = x ? sigma[j * count + c] : config->prior_sigma;

            /* Under Scott's rule an axis has one bandwidth: one log. */
            if (c == 0 || width != last_sigma[j]) {
                last_sigma[j] = width;
                last_log[j] = log(width);
            }
            set_component(m, c, j, x ? x[j] : 0.5, width, last_log[j]);
            sum += m->log_norm[j * m->capacity + c];
        }
        m->log_base[c] = m->log_weight[c] + sum;
        if (c < count)
            memcpy(m->category + c * m->categorical,
                   tpe_history_categories(h, members[c]),
                   m->categorical * sizeof *m->category);
    }
    free(sigma);
    free(last_sigma);
    return 0;
}

/* Returns a component drawn by weight. */
static size_t draw_component(const tpe_parzen *m, const saber_host_api *api,
                             saber_context *ctx)
{
    double u = api->rng_uniform(ctx);
    size_t low = 0, high = m->components - 1;

    while (low < high) {
        size_t middle = low + (high - low) / 2;

        if (m->cumulative[middle] > u)
            high = middle;
        else
            low = middle + 1;
    }
    return low;
}

static double draw_truncated(const tpe_parzen *m, size_t c, size_t slot,
                             const saber_host_api *api, saber_context *ctx)
{
    size_t at = slot * m->capacity + c;
    double sigma = 1.0 / m->inv_sigma[at];

    for (int i = 0; i < MAX_REJECTIONS; i++) {
        double x = m->mean[at] + sigma * api->rng_normal(ctx);

        if (x >= 0 && x <= 1)
            return x;
    }
    return m->mean[at];
}

/* Draws a category from component c.  The prior draws uniformly.  A
 * member draws uniformly over all K categories with probability s and
 * keeps its own otherwise, so its own comes up with probability
 * 1 - s + s / K, as parzen.h describes. */
static uint32_t draw_category(const tpe_parzen *m, size_t c, size_t slot,
                              const saber_host_api *api, saber_context *ctx)
{
    uint64_t levels = (uint64_t)m->levels[slot];

    if (c + 1 == m->components || levels < 2 ||
        api->rng_uniform(ctx) < m->smoothing)
        return (uint32_t)api->rng_below(ctx, levels);
    return m->category[c * m->categorical + slot];
}

void tpe_parzen_sample(const tpe_parzen *m, const saber_host_api *api,
                       saber_context *ctx, double *numeric,
                       uint32_t *categories)
{
    size_t c = draw_component(m, api, ctx);

    for (size_t j = 0; j < m->numeric; j++)
        numeric[j] = draw_truncated(m, c, j, api, ctx);
    for (size_t k = 0; k < m->categorical; k++)
        categories[k] = draw_category(m, c, k, api, ctx);
}

double tpe_parzen_sample_numeric(const tpe_parzen *m, size_t slot,
                                 const saber_host_api *api, saber_context *ctx)
{
    return draw_truncated(m, draw_component(m, api, ctx), slot, api, ctx);
}

uint32_t tpe_parzen_sample_category(const tpe_parzen *m, size_t slot,
                                    const saber_host_api *api,
                                    saber_context *ctx)
{
    return draw_category(m, draw_component(m, api, ctx), slot, api, ctx);
}

/* Terms more than this far below the largest, in log space, change the
 * sum by less than e^-40 (4e-18) of it each: exp() skips them. */
#define NEGLIGIBLE_LOG 40.0

/* Returns log(sum(exp(scratch[c]))) over the components, given the
 * largest term, max. */
static double log_sum_exp_from(const tpe_parzen *m, double max)
{
    double sum = 0;

    if (max == -INFINITY)
        return max;
    for (size_t c = 0; c < m->components; c++) {
        if (m->scratch[c] > max - NEGLIGIBLE_LOG)
            sum += exp(m->scratch[c] - max);
    }
    return max + log(sum);
}

/* Returns log(sum(exp(scratch[c]))) over the components. */
static double log_sum_exp(const tpe_parzen *m)
{
    double max = -INFINITY;

    for (size_t c = 0; c < m->components; c++) {
        if (m->scratch[c] > max)
            max = m->scratch[c];
    }
    return log_sum_exp_from(m, max);
}

/* Returns the log probability of a category under component c. */
static double category_log(const tpe_parzen *m, size_t c, size_t slot,
                           uint32_t category)
{
    if (c + 1 == m->components)
        return -log(m->levels[slot]);
    return m->category[c * m->categorical + slot] == category
               ? m->log_own[slot] : m->log_other[slot];
}

/* Subtracts half the squared standardized distance to x on axis slot
 * from every component's term: one pass over a contiguous row, which the
 * compiler can vectorize. */
static void add_numeric_terms(tpe_parzen *m, size_t slot, double x)
{
    const double *restrict mean = m->mean + slot * m->capacity;
    const double *restrict inv_sigma = m->inv_sigma + slot * m->capacity;
    double *restrict term = m->scratch;
    size_t count = m->components;

    for (size_t c = 0; c < count; c++) {
        double z = (x - mean[c]) * inv_sigma[c];

        term[c] -= 0.5 * z * z;
    }
}

double tpe_parzen_log_density(tpe_parzen *m, const double *numeric,
                              const uint32_t *categories)
{
    memcpy(m->scratch, m->log_base, m->components * sizeof *m->scratch);
    for (size_t k = 0; k < m->categorical; k++) {
        for (size_t c = 0; c < m->components; c++)
            m->scratch[c] += category_log(m, c, k, categories[k]);
    }
    for (size_t j = 0; j < m->numeric; j++)
        add_numeric_terms(m, j, numeric[j]);
    return log_sum_exp(m);
}

/* The marginal of one axis needs a single pass over the components to
 * find the terms and their maximum, which univariate suggestions repeat
 * for every candidate on every axis. */
double tpe_parzen_log_density_numeric(tpe_parzen *m, size_t slot, double x)
{
    const double *restrict mean = m->mean + slot * m->capacity;
    const double *restrict inv_sigma = m->inv_sigma + slot * m->capacity;
    const double *restrict log_norm = m->log_norm + slot * m->capacity;
    const double *restrict log_weight = m->log_weight;
    double *restrict term = m->scratch;
    size_t count = m->components;
    double max = -INFINITY;

    for (size_t c = 0; c < count; c++) {
        double z = (x - mean[c]) * inv_sigma[c];

        term[c] = log_weight[c] + log_norm[c] - 0.5 * z * z;
        max = term[c] > max ? term[c] : max;
    }
    return log_sum_exp_from(m, max);
}

double tpe_parzen_log_density_category(tpe_parzen *m, size_t slot,
                                       uint32_t category)
{
    for (size_t c = 0; c < m->components; c++)
        m->scratch[c] = m->log_weight[c] + category_log(m, c, slot, category);
    return log_sum_exp(m);
}
