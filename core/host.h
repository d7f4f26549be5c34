/*
 * host.h - the services saber-opt offers a sampler plugin, and the
 * per-instance context behind them.
 */
#ifndef SABER_HOST_H
#define SABER_HOST_H

#include <saber/sampler.h>

#include "params.h"
#include "rng.h"
#include "strbuf.h"

struct saber_context {
    const char *method;    /* for message prefixes */
    const params *params;  /* option positions and goal */
    space *space;
    rng random;
    uint64_t seed;
    int seed_drawn;        /* the seed was drawn and is not yet logged */
    strbuf error;          /* the message of the last set_error() */
    strbuf error_position; /* "FILE:LINE:COL: " of the option it names */
    int error_set;
};

/* The table passed to create(); valid for the life of the process. */
extern const saber_host_api host_api;

void host_context_init(struct saber_context *ctx, const char *method,
                       const params *p, space *s, uint64_t seed);
void host_context_release(struct saber_context *ctx);

/* Clears the plugin's message before a call into it. */
void host_context_clear_error(struct saber_context *ctx);

/* Sets the thread's error message from a plugin call that returned status:
 * "[FILE:LINE:COL: ]METHOD: MESSAGE", or a generic text when the plugin set none. */
int host_context_report(struct saber_context *ctx, const char *entry_point,
                        int status);

#endif
