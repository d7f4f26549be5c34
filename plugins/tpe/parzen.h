/*
 * parzen.h - a Parzen estimator: a weighted mixture with one component
 * per observation of a group, plus a prior component.
 *
 * On a numeric axis a component is a normal distribution centred on the
 * observation's coordinate and truncated to [0, 1].  On a categorical axis
 * with K categories it puts probability 1 - s + s / K on the observation's
 * category and s / K on each other one, s being the category smoothing.  The prior
 * component is a wide normal centred on 0.5 on numeric axes and uniform on
 * categorical ones.  A component is the product of its axes' kernels, so
 * the mixture models the axes jointly; the marginal of one axis is the
 * mixture of that axis's kernels alone.
 */
#ifndef SABER_TPE_PARZEN_H
#define SABER_TPE_PARZEN_H

#include <stddef.h>
#include <stdint.h>

#include <saber/sampler.h>

#include "axes.h"
#include "history.h"

typedef struct tpe_parzen_config {
    double prior_weight;       /* the prior's weight; an observation's is 1 */
    double prior_sigma;        /* the prior's standard deviation */
    double bandwidth;          /* Scott's factor: sigma = bandwidth * n^(-1/(d+4)) */
    double min_bandwidth;      /* the smallest sigma of a float axis */
    double cell_bandwidth;     /* the smallest sigma of a discrete numeric axis,
                                  in cells */
    double category_smoothing; /* s above, in [0, 1] */
    int neighbours;            /* sigma from the distances between
                                  members instead of Scott's rule */
} tpe_parzen_config;

typedef struct tpe_parzen {
    size_t numeric;
    size_t categorical;
    size_t components;   /* observations of the group, then the prior */
    size_t capacity;
    double *log_weight;  /* per component, normalized */
    double *cumulative;  /* running sum of the normalized weights */
    /* Per numeric axis slot and component c, at slot * capacity + c: */
    double *mean;
    double *inv_sigma;
    double *log_norm;    /* -log(sigma sqrt(2 pi) Z), Z the normal's mass
                            within [0, 1] */
    double *log_base;    /* per component: its log weight plus its
                            log_norm over all numeric axes */
    uint32_t *category;  /* components * categorical; the prior's entries
                            are unused */
    double *scratch;     /* per component, for sums of logs */
    /* Per categorical axis: the number of categories, and the log
     * probability of the own category and of another one. */
    double *levels;
    double *log_own;
    double *log_other;
    double smoothing;    /* the category smoothing s */
} tpe_parzen;

void tpe_parzen_init(tpe_parzen *m);
void tpe_parzen_release(tpe_parzen *m);

/* Builds the estimator of the observations members[0..count) of h, each
 * of weight 1.  Returns 0, or -1 when out of memory. */
int tpe_parzen_build(tpe_parzen *m, const tpe_history *h,
                     const size_t *members, size_t count,
                     const tpe_axes *axes, const tpe_parzen_config *config);

/* Draws a point from the mixture into numeric and categories. */
void tpe_parzen_sample(const tpe_parzen *m, const saber_host_api *api,
                       saber_context *ctx, double *numeric,
                       uint32_t *categories);

/* Returns the log density of the mixture at a point. */
double tpe_parzen_log_density(tpe_parzen *m, const double *numeric,
                              const uint32_t *categories);

/* Draw one coordinate or category from the marginal of one numeric or
 * categorical axis (its slot), and return the marginal's log density. */
double tpe_parzen_sample_numeric(const tpe_parzen *m, size_t slot,
                                 const saber_host_api *api, saber_context *ctx);
uint32_t tpe_parzen_sample_category(const tpe_parzen *m, size_t slot,
                                    const saber_host_api *api,
                                    saber_context *ctx);
double tpe_parzen_log_density_numeric(tpe_parzen *m, size_t slot, double x);
double tpe_parzen_log_density_category(tpe_parzen *m, size_t slot,
                                       uint32_t category);

#endif
