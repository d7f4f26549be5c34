/*
 * axes.h - the search space in the terms of the tpe model: one axis per
 * dimension, either numeric (a coordinate in [0, 1]) or categorical (a
 * category number).
 *
 * Numeric axes: a continuous range maps its interval linearly, or its
 * logarithm for log: true, onto [0, 1]; an int range maps [low - 0.5,
 * high + 0.5] so that every integer owns a cell of equal width (in log
 * space for log: true).  An arange and a list of numbers are ordered: value
 * number k of an arange, or the value of rank r in a sorted numeric list,
 * owns cell (r + 0.5) / count.  Categorical axes: choices, and lists that
 * hold anything but numbers (text, booleans, null).
 */
#ifndef SABER_TPE_AXES_H
#define SABER_TPE_AXES_H

#include <stddef.h>
#include <stdint.h>

#include <saber/sampler.h>

typedef enum tpe_axis_kind {
    TPE_AXIS_NUMERIC,
    TPE_AXIS_CATEGORICAL
} tpe_axis_kind;

typedef struct tpe_axis {
    size_t dim;             /* the host's dimension number */
    saber_dim_kind dim_kind;
    tpe_axis_kind kind;
    size_t slot;            /* its number among the numeric or the
                               categorical axes */
    /* The number of values of a discrete axis (categories, or cells of an
     * ordered axis) or of an int range, and 0 for a float range. */
    uint64_t levels;

    /* Continuous ranges: the bounds, and the interval that maps onto
     * [0, 1], log-scaled for a log range. */
    double low, high;
    double from, to;
    int log_scale;
    int integer;

    /* Numeric lists: the value number of each rank, and the rank of each
     * value number. */
    uint64_t *value_of_rank;
    uint64_t *rank_of_value;
} tpe_axis;

typedef struct tpe_axes {
    tpe_axis *items;
    size_t count;
    size_t numeric;     /* numeric axes */
    size_t categorical; /* categorical axes */
} tpe_axes;

/* Reads the host's search space.  Returns a saber_status with a message
 * set through the host on error; axes is then released. */
int tpe_axes_read(tpe_axes *axes, const saber_host_api *api,
                  saber_context *ctx);

void tpe_axes_release(tpe_axes *axes);

/*
 * Reads a result row's values into coordinates (numeric[slot]) and
 * category numbers (categories[slot]).  Returns SABER_OK, or
 * SABER_ERROR_NOTFOUND when a value is missing or is not one of its
 * dimension's values.
 */
int tpe_axes_read_row(const tpe_axes *axes, const saber_host_api *api,
                      saber_context *ctx, const saber_dict *row,
                      double *numeric, uint32_t *categories);

/* Sets every dimension of point from coordinates and category numbers.
 * Returns a saber_status. */
int tpe_axes_write_point(const tpe_axes *axes, const saber_host_api *api,
                         saber_context *ctx, const double *numeric,
                         const uint32_t *categories, saber_dict *point);

/* Draws coordinates and categories uniformly: each value of a discrete
 * axis, and each cell of an int range, equally likely. */
void tpe_axes_draw_uniform(const tpe_axes *axes, const saber_host_api *api,
                           saber_context *ctx, double *numeric,
                           uint32_t *categories);

/* Returns the width of one cell of a numeric axis in coordinates, 0 for
 * a float range. */
double tpe_axis_cell(const tpe_axis *axis);

#endif
