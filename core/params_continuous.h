/*
 * params_continuous.h - continuous ranges of the parameterize file,
 * range: {low, high, log, type}, read for params.c.
 */
#ifndef SABER_PARAMS_CONTINUOUS_H
#define SABER_PARAMS_CONTINUOUS_H

#include "params.h"

/* Returns whether the range mapping is continuous: it has low or high. */
int params_continuous_is(const ynode *range);

/* Reads a continuous range into d.  Returns 0, or -1 with an error message
 * naming file, line and column. */
int params_continuous_read(params *p, const ynode *range, space_dim *d);

#endif
