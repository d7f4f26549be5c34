/*
 * tpe.h - the state of the tpe sampler, shared by its source files.
 */
#ifndef SABER_TPE_H
#define SABER_TPE_H

#include <stddef.h>
#include <stdint.h>

#include <saber/sampler.h>

#include "axes.h"
#include "history.h"
#include "parzen.h"

typedef struct tpe_config {
    uint64_t max_iterations;
    uint64_t n_startup;      /* points drawn at random before the model */
    uint64_t batch_size;     /* points per batch */
    int multivariate;        /* model the axes jointly */
    uint64_t candidates;     /* points drawn from l(x) per suggestion */
    double gamma;            /* the share of observations in the good group */
    uint64_t gamma_cap;      /* the good group's maximum size */
    tpe_parzen_config parzen;
} tpe_config;

typedef struct tpe_state {
    const saber_host_api *api;
    saber_context *ctx;
    tpe_config config;
    saber_goal goal;
    tpe_axes axes;
    /* The rows fed back (the first completed), then the points of the
     * batch being sampled, without a loss: the constant liar. */
    tpe_history history;
    size_t completed;
    uint64_t yielded;    /* points yielded so far */
    uint64_t in_batch;   /* points yielded in the current batch */
    size_t unreadable;   /* rows whose values are not in the space */
    tpe_parzen below;    /* l(x): the good group */
    tpe_parzen above;    /* g(x): the others */
    /* Scratch for one point, and the point to yield. */
    double *numeric, *best_numeric;
    uint32_t *categories, *best_categories;
} tpe_state;

/* Fills numeric and categories with the next suggestion of the model of
 * state's history.  Returns a saber_status. */
int tpe_suggest(tpe_state *state, double *numeric, uint32_t *categories);

#endif
