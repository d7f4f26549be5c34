/*
 * sampler.h - driving a sampler plugin: open, sample a batch, update, close.
 *
 * This is the host's side of the protocol in <saber/sampler.h>: it checks
 * the options against those the plugin declares, checks every point the
 * plugin yields against the search space, and turns each plugin error into
 * one message prefixed with the method name.
 */
#ifndef SABER_SAMPLER_DRIVER_H
#define SABER_SAMPLER_DRIVER_H

#include <saber/sampler.h>

#include "host.h"
#include "params.h"
#include "plugin.h"

typedef enum sample_event {
    SAMPLE_POINT,     /* a point was written */
    SAMPLE_BATCH_END, /* the batch is complete: run it, then update */
    SAMPLE_DONE       /* no more points; points pending form the last batch */
} sample_event;

typedef struct sampler {
    plugin plugin;
    saber_context ctx;
    void *state;
    int created;
    int done;
    size_t batch_points; /* points yielded in the current batch */
    uint64_t seed;
    /* For the last point yielded: where each dimension's value sits in the
     * point, in dimension order. */
    size_t *positions;
} sampler;

/* Loads p's method from dirs and creates an instance seeded with seed.
 * Returns 0, or -1 with an error message (s is then released). */
int sampler_open(sampler *s, const plugin_dirs *dirs, params *p, uint64_t seed);

/* The two halves of sampler_open: sampler_load finds the plugin and checks
 * the options, so that bad input is reported before anything is written;
 * sampler_start creates the instance.  Each releases s on failure. */
int sampler_load(sampler *s, const plugin_dirs *dirs, const params *p);
int sampler_start(sampler *s, params *p, uint64_t seed);

/* Asks for the next point, written into point.  Returns 0 with *event set,
 * or -1 with an error message. */
int sampler_next(sampler *s, saber_dict *point, sample_event *event);

/* Reports the results of the batch just run. */
int sampler_update(sampler *s, const saber_dict *const *rows, size_t count);

void sampler_close(sampler *s);

/* Returns the seed p gives, or draws one; the host logs a drawn seed when
 * the plugin first uses the generator. */
uint64_t sampler_seed(const params *p);

#endif
