/* axes.c - the search space as numeric and categorical axes. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "axes.h"

/* A value of a numeric list with its value number, for sorting. */
typedef struct ranked_value {
    double number;
    uint64_t k;
} ranked_value;

static int compare_ranked(const void *a, const void *b)
{
    const ranked_value *x = a;
    const ranked_value *y = b;

    if (x->number != y->number)
        return x->number < y->number ? -1 : 1;
    return x->k < y->k ? -1 : x->k > y->k;
}

/* Orders a list of numbers, or returns SABER_ERROR_TYPE when one of its
 * values is not a number, so the list is categorical. */
static int rank_list(tpe_axis *axis, const saber_host_api *api,
                     saber_context *ctx)
{
    ranked_value *values = calloc(axis->levels, sizeof *values);
    int status = SABER_OK;

    axis->value_of_rank = calloc(axis->levels, sizeof *axis->value_of_rank);
    axis->rank_of_value = calloc(axis->levels, sizeof *axis->rank_of_value);
    if (!values || !axis->value_of_rank || !axis->rank_of_value) {
        status = SABER_ERROR_NOMEM;
        goto done;
    }
    for (uint64_t k = 0; k < axis->levels && status == SABER_OK; k++) {
        values[k].k = k;
        status = api->space_dim_number(ctx, axis->dim, k, &values[k].number);
    }
    if (status != SABER_OK)
        goto done;

    qsort(values, axis->levels, sizeof *values, compare_ranked);
    for (uint64_t r = 0; r < axis->levels; r++) {
        axis->value_of_rank[r] = values[r].k;
        axis->rank_of_value[values[r].k] = r;
    }

done:
    free(values);
    return status;
}

static int read_continuous(tpe_axis *axis, const saber_host_api *api,
                           saber_context *ctx)
{
    int status = api->space_dim_bounds(ctx, axis->dim, &axis->low, &axis->high,
                                       &axis->log_scale, &axis->integer);

    if (status != SABER_OK)
        return status;
    axis->kind = TPE_AXIS_NUMERIC;
    axis->from = axis->integer ? axis->low - 0.5 : axis->low;
    axis->to = axis->integer ? axis->high + 0.5 : axis->high;
    axis->levels = axis->integer ? (uint64_t)(axis->high - axis->low) + 1 : 0;
    if (axis->log_scale) {
        axis->from = log(axis->from);
        axis->to = log(axis->to);
    }
    return SABER_OK;
}

/* Sets up a discrete axis: an arange is numeric, a list numeric when all
 * its values are numbers, choices and other lists categorical. */
static int read_discrete(tpe_axis *axis, const saber_host_api *api,
                         saber_context *ctx)
{
    int status;

    axis->levels = api->space_dim_size(ctx, axis->dim);
    axis->kind = TPE_AXIS_CATEGORICAL;
    if (axis->levels < 2 || axis->dim_kind == SABER_DIM_CHOICES)
        return SABER_OK;
    if (axis->dim_kind == SABER_DIM_ARANGE) {
        axis->kind = TPE_AXIS_NUMERIC;
        return SABER_OK;
    }

    status = rank_list(axis, api, ctx);
    if (status == SABER_OK) {
        axis->kind = TPE_AXIS_NUMERIC;
    } else if (status == SABER_ERROR_TYPE) {
        free(axis->value_of_rank);
        free(axis->rank_of_value);
        axis->value_of_rank = axis->rank_of_value = NULL;
        status = SABER_OK;
    }
    return status;
}

static int read_axis(tpe_axes *axes, size_t dim, const saber_host_api *api,
                     saber_context *ctx)
{
    tpe_axis *axis = &axes->items[dim];
    int status;

    axis->dim = dim;
    axis->dim_kind = api->space_dim_kind(ctx, dim);
    if (axis->dim_kind == SABER_DIM_CONTINUOUS)
        status = read_continuous(axis, api, ctx);
    else
        status = read_discrete(axis, api, ctx);
    if (status != SABER_OK)
        return status;

    if (axis->kind == TPE_AXIS_CATEGORICAL && axis->levels > UINT32_MAX) {
        api->set_error(ctx, "metaparameter '%s' has more than 2^32 values, "
                       "too many categories for tpe",
                       api->space_dim_name(ctx, dim));
        return SABER_ERROR_RANGE;
    }
    axis->slot = axis->kind == TPE_AXIS_NUMERIC ? axes->numeric++
                                                : axes->categorical++;
    return SABER_OK;
}

int tpe_axes_read(tpe_axes *axes, const saber_host_api *api,
                  saber_context *ctx)
{
    int status = SABER_OK;

    memset(axes, 0, sizeof *axes);
    axes->count = api->space_dims(ctx);
    axes->items = calloc(axes->count + 1, sizeof *axes->items);
    if (!axes->items)
        return SABER_ERROR_NOMEM;
    for (size_t dim = 0; dim < axes->count && status == SABER_OK; dim++)
        status = read_axis(axes, dim, api, ctx);
    if (status != SABER_OK)
        tpe_axes_release(axes);
    return status;
}

void tpe_axes_release(tpe_axes *axes)
{
    for (size_t i = 0; axes->items && i < axes->count; i++) {
        free(axes->items[i].value_of_rank);
        free(axes->items[i].rank_of_value);
    }
    free(axes->items);
    memset(axes, 0, sizeof *axes);
}

double tpe_axis_cell(const tpe_axis *axis)
{
    if (axis->levels == 0)
        return 0;
    if (axis->dim_kind == SABER_DIM_CONTINUOUS && axis->log_scale)
        return (log(axis->low + 0.5) - axis->from) / (axis->to - axis->from);
    return 1.0 / (double)axis->levels;
}

/* Reads a continuous value: a number, or text that reads as one. */
static int read_number(const saber_host_api *api, const saber_dict *row,
                       const char *name, double *out)
{
    const char *text;
    char *end;

    if (api->dict_get_real(row, name, out) == SABER_OK)
        return SABER_OK;
    if (api->dict_get_text(row, name, &text) != SABER_OK)
        return SABER_ERROR_NOTFOUND;
    *out = strtod(text, &end);
    return end != text && *end == '\0' ? SABER_OK : SABER_ERROR_NOTFOUND;
}

static double clamp_unit(double u)
{
    if (!(u > 0))
        return 0;
    return u < 1 ? u : 1;
}

static int read_value(const tpe_axis *axis, const saber_host_api *api,
                      saber_context *ctx, const saber_dict *row,
                      double *numeric, uint32_t *categories)
{
    double x;
    uint64_t k;
    int status;

    if (axis->dim_kind == SABER_DIM_CONTINUOUS) {
        status = read_number(api, row, api->space_dim_name(ctx, axis->dim), &x);
        if (status != SABER_OK)
            return status;
        x = axis->log_scale ? log(x) : x;
        numeric[axis->slot] = clamp_unit((x - axis->from) / (axis->to - axis->from));
        return SABER_OK;
    }

    status = api->space_value_index(ctx, axis->dim, row, &k);
    if (status != SABER_OK)
        return SABER_ERROR_NOTFOUND;
    if (axis->kind == TPE_AXIS_CATEGORICAL) {
        categories[axis->slot] = (uint32_t)k;
        return SABER_OK;
    }
    if (axis->rank_of_value)
        k = axis->rank_of_value[k];
    numeric[axis->slot] = ((double)k + 0.5) / (double)axis->levels;
    return SABER_OK;
}

int tpe_axes_read_row(const tpe_axes *axes, const saber_host_api *api,
                      saber_context *ctx, const saber_dict *row,
                      double *numeric, uint32_t *categories)
{
    for (size_t i = 0; i < axes->count; i++) {
        int status = read_value(&axes->items[i], api, ctx, row, numeric,
                                categories);

        if (status != SABER_OK)
            return status;
    }
    return SABER_OK;
}

/* Returns the value of a continuous axis at coordinate u, within its
 * bounds (the host rounds an int range's value). */
static double continuous_value(const tpe_axis *axis, double u)
{
    double x = axis->from + u * (axis->to - axis->from);

    if (axis->log_scale)
        x = exp(x);
    if (x < axis->low)
        return axis->low;
    return x > axis->high ? axis->high : x;
}

static int write_value(const tpe_axis *axis, const saber_host_api *api,
                       saber_context *ctx, const double *numeric,
                       const uint32_t *categories, saber_dict *point)
{
    double cell;
    uint64_t rank;

    if (axis->dim_kind == SABER_DIM_CONTINUOUS)
        return api->space_set_continuous(ctx, axis->dim,
                                         continuous_value(axis,
                                                          numeric[axis->slot]),
                                         point);
    if (axis->kind == TPE_AXIS_CATEGORICAL)
        return api->space_dim_value(ctx, axis->dim, categories[axis->slot],
                                    point);

    cell = floor(numeric[axis->slot] * (double)axis->levels);
    rank = cell < 0 ? 0 : (uint64_t)cell;
    if (rank >= axis->levels)
        rank = axis->levels - 1;
    if (axis->value_of_rank)
        rank = axis->value_of_rank[rank];
    return api->space_dim_value(ctx, axis->dim, rank, point);
}

int tpe_axes_write_point(const tpe_axes *axes, const saber_host_api *api,
                         saber_context *ctx, const double *numeric,
                         const uint32_t *categories, saber_dict *point)
{
    for (size_t i = 0; i < axes->count; i++) {
        int status = write_value(&axes->items[i], api, ctx, numeric,
                                 categories, point);

        if (status != SABER_OK)
            return status;
    }
    return SABER_OK;
}

void tpe_axes_draw_uniform(const tpe_axes *axes, const saber_host_api *api,
                           saber_context *ctx, double *numeric,
                           uint32_t *categories)
{
    for (size_t i = 0; i < axes->count; i++) {
        const tpe_axis *axis = &axes->items[i];

        if (axis->kind == TPE_AXIS_CATEGORICAL)
            categories[axis->slot] = (uint32_t)api->rng_below(ctx, axis->levels);
        else
            numeric[axis->slot] = api->rng_uniform(ctx);
    }
}
