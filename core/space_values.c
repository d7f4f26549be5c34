/*
 * space_values.c - values of the search space from and to numbers: a
 * continuous dimension's value set from a number, the number a discrete
 * value stands for, and the value number of a value read back from a row.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "dict.h"
#include "error.h"
#include "space.h"

/* Writes the text of a bound or value of continuous dimension d. */
static const char *continuous_text(const space_dim *d, double value,
                                   char out[PYFLOAT_REPR_SIZE])
{
    if (d->integer)
        pyint_str((int64_t)value, out);
    else
        pyfloat_repr(value, out);
    return out;
}

static int not_continuous(const space_dim *d)
{
    error_set("metaparameter '%s' is not a continuous range; use its value "
              "numbers", d->name);
    return SABER_ERROR_INVALID;
}

int space_set_continuous(space *s, size_t dim, double value, saber_dict *point)
{
    char text[PYFLOAT_REPR_SIZE], low[PYFLOAT_REPR_SIZE], high[PYFLOAT_REPR_SIZE];
    const space_dim *d;

    if (dim >= s->dim_count)
        return SABER_ERROR_NOTFOUND;
    d = &s->dims[dim];
    if (d->kind != DIM_CONTINUOUS)
        return not_continuous(d);

    if (d->integer)
        value = round(value);
    if (!isfinite(value) || value < d->low || value > d->high) {
        pyfloat_repr(value, text);
        error_set("value %s is outside the range [%s, %s] of metaparameter "
                  "'%s'", text, continuous_text(d, d->low, low),
                  continuous_text(d, d->high, high), d->name);
        return SABER_ERROR_RANGE;
    }

    continuous_text(d, value, text);
    /* The names live in the space's arena, which outlives every point. */
    if (d->integer)
        return dict_set_stable(point, d->name, SABER_VALUE_INT, (int64_t)value,
                               0, text, strlen(text), 0);
    return dict_set_stable(point, d->name, SABER_VALUE_REAL, 0, value, text,
                           strlen(text), 0);
}

int space_check_continuous(const space *s, const saber_dict *point, size_t dim)
{
    const space_dim *d = &s->dims[dim];
    saber_value_type type = dict_type(point, d->name);
    char low[PYFLOAT_REPR_SIZE], high[PYFLOAT_REPR_SIZE];
    const char *text = "";
    double value = NAN;

    if (type == (d->integer ? SABER_VALUE_INT : SABER_VALUE_REAL))
        dict_get_real(point, d->name, &value);
    if (value >= d->low && value <= d->high)
        return 0;

    dict_get_text(point, d->name, &text);
    error_set("the point sets metaparameter '%s' to '%s', which is not %s "
              "within [%s, %s]; set it with space_set_continuous()", d->name,
              text, d->integer ? "an int" : "a float",
              continuous_text(d, d->low, low),
              continuous_text(d, d->high, high));
    return -1;
}

int space_dim_number(space *s, size_t dim, uint64_t k, double *out)
{
    const space_dim *d;
    const yvalue *v;

    if (dim >= s->dim_count)
        return SABER_ERROR_NOTFOUND;
    d = &s->dims[dim];
    if (d->kind == DIM_CONTINUOUS)
        return not_continuous(d);
    if (k >= d->count)
        return SABER_ERROR_NOTFOUND;

    if (d->kind == DIM_ARANGE) {
        *out = d->integer ? (double)space_arange_int(d, k)
                          : d->start + (double)k * d->delta;
        return SABER_OK;
    }
    v = &d->values[k];
    if (v->type == SABER_VALUE_INT)
        *out = (double)v->integer;
    else if (v->type == SABER_VALUE_REAL)
        *out = v->real;
    else
        return SABER_ERROR_TYPE;
    return SABER_OK;
}

/* Returns whether value number k of d has exactly the given text. */
static int text_matches(space_dim *d, uint64_t k, const char *text,
                        size_t length)
{
    char scratch[PYFLOAT_REPR_SIZE];
    size_t own_length;
    const char *own = space_value_text(d, k, scratch, &own_length);

    return own_length == length && memcmp(own, text, length) == 0;
}

/* Finds an arange value by its text: the number gives the value number
 * up to rounding, and the neighbours settle it. */
static int find_in_arange(space_dim *d, const char *text, size_t length,
                          uint64_t *k)
{
    double value, estimate;

    if (pyfloat_parse(text, length, &value) < 0)
        return SABER_ERROR_NOTFOUND;
    if (d->integer)
        estimate = (value - (double)d->int_start) / (double)d->int_step;
    else
        estimate = (value - d->start) / d->delta;
    if (!(estimate > -2 && estimate < (double)d->count + 1))
        return SABER_ERROR_NOTFOUND;

    for (int offset = -1; offset <= 1; offset++) {
        double guess = round(estimate) + offset;

        if (guess >= 0 && guess < (double)d->count &&
            text_matches(d, (uint64_t)guess, text, length)) {
            *k = (uint64_t)guess;
            return SABER_OK;
        }
    }
    return SABER_ERROR_NOTFOUND;
}

int space_value_index(space *s, size_t dim, const saber_dict *point,
                      uint64_t *k)
{
    space_dim *d;
    size_t at;
    const char *text;
    size_t length;
    uint64_t origin;

    if (dim >= s->dim_count)
        return SABER_ERROR_NOTFOUND;
    d = &s->dims[dim];
    if (d->kind == DIM_CONTINUOUS)
        return not_continuous(d);
    at = dict_index(point, d->name, dim);
    if (at == DICT_NOT_FOUND)
        return SABER_ERROR_NOTFOUND;

    text = dict_text_at(point, at);
    length = dict_text_length_at(point, at);
    origin = dict_origin_at(point, at);
    if (origin && origin <= d->count && text_matches(d, origin - 1, text, length)) {
        *k = origin - 1;
        return SABER_OK;
    }
    if (d->kind == DIM_ARANGE)
        return find_in_arange(d, text, length, k);
    for (uint64_t i = 0; i < d->count; i++) {
        if (text_matches(d, i, text, length)) {
            *k = i;
            return SABER_OK;
        }
    }
    return SABER_ERROR_NOTFOUND;
}
