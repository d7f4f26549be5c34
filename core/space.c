/* space.c - the search space: values computed from their number. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "error.h"
#include "space.h"

static void free_texts(char **texts, uint64_t count)
{
    if (!texts)
        return;
    for (uint64_t k = 0; k < count; k++)
        free(texts[k]);
    free(texts);
}

void space_release(space *s)
{
    for (size_t i = 0; i < s->dim_count; i++) {
        free(s->dims[i].value_lengths);
        free_texts(s->dims[i].value_texts, s->dims[i].count);
        free_texts(s->dims[i].max_texts, s->dims[i].count);
    }
    arena_release(&s->memory);
    memset(s, 0, sizeof *s);
}

uint64_t space_dim_size(const space *s, size_t dim)
{
    return dim < s->dim_count ? s->dims[dim].count : 0;
}

static double yvalue_number(const yvalue *v)
{
    return v->type == SABER_VALUE_INT ? (double)v->integer : v->real;
}

/* Returns whether the dimension stores its values (a list or choices). */
static int holds_values(const space_dim *d)
{
    return d->kind == DIM_LIST || d->kind == DIM_CHOICES;
}

/* Writes the text of value number k, uncached; returns a pointer to it. */
static const char *format_value(const space_dim *d, uint64_t k,
                                char scratch[PYFLOAT_REPR_SIZE])
{
    if (holds_values(d))
        return yvalue_str(&d->values[k], scratch);
    if (d->integer) {
        pyint_str(space_arange_int(d, k), scratch);
        return scratch;
    }
    pyfloat_repr(d->start + (double)k * d->delta, scratch);
    return scratch;
}

/*
 * Writes Python's str(min(value + step, stop)) for a value of the
 * dimension: an integer dimension adds and compares integers; otherwise
 * the sum is a double.  When stop is smaller, stop's own text is the
 * result, as Python's min() returns that object.
 */
static const char *format_block_max(const space_dim *d, saber_value_type type,
                                    int64_t integer, double real,
                                    char scratch[PYFLOAT_REPR_SIZE])
{
    if (d->integer && type == SABER_VALUE_INT) {
        /* SABER's value is a numpy.int64, which adds modulo 2^64, so a sum
         * past 2^63 - 1 wraps around to a negative max there too. */
        int64_t sum = (int64_t)((uint64_t)integer + (uint64_t)d->int_step);

        if (d->stop.integer < sum)
            return yvalue_str(&d->stop, scratch);
        pyint_str(sum, scratch);
        return scratch;
    }

    double value = type == SABER_VALUE_INT ? (double)integer : real;
    double sum = value + yvalue_number(&d->step);

    if (yvalue_number(&d->stop) < sum)
        return yvalue_str(&d->stop, scratch);
    pyfloat_repr(sum, scratch);
    return scratch;
}

static void value_of(const space_dim *d, uint64_t k, saber_value_type *type,
                     int64_t *integer, double *real)
{
    *integer = 0;
    *real = 0;
    if (holds_values(d)) {
        *type = d->values[k].type;
        *integer = d->values[k].type == SABER_VALUE_BOOL ? d->values[k].boolean
                                                         : d->values[k].integer;
        *real = d->values[k].real;
    } else if (d->integer) {
        *type = SABER_VALUE_INT;
        *integer = space_arange_int(d, k);
    } else {
        *type = SABER_VALUE_REAL;
        *real = d->start + (double)k * d->delta;
    }
}

/* Returns the cached text in slot k of *cache, filling it first; NULL when
 * the dimension is too large to cache or memory runs out. */
static const char *cached(char ***cache, uint64_t count, uint64_t k,
                          const char *fresh)
{
    if (count > SPACE_CACHE_LIMIT)
        return NULL;
    if (!*cache) {
        *cache = calloc((size_t)count, sizeof **cache);
        if (!*cache)
            return NULL;
    }
    if (!(*cache)[k])
        (*cache)[k] = strdup(fresh);
    return (*cache)[k];
}

const char *space_value_text(space_dim *d, uint64_t k,
                             char scratch[PYFLOAT_REPR_SIZE], size_t *length)
{
    const char *text;

    if (d->value_texts && d->value_texts[k]) {
        *length = d->value_lengths[k];
        return d->value_texts[k];
    }
    text = format_value(d, k, scratch);
    *length = strlen(text);
    if (d->count > SPACE_CACHE_LIMIT)
        return text;

    /* The lengths exist before any text is cached. */
    if (!d->value_lengths &&
        !(d->value_lengths = calloc((size_t)d->count, sizeof *d->value_lengths)))
        return text;
    if (!cached(&d->value_texts, d->count, k, text))
        return text;
    d->value_lengths[k] = *length;
    return d->value_texts[k];
}

int space_dim_value(space *s, size_t dim, uint64_t k, saber_dict *point)
{
    char scratch[PYFLOAT_REPR_SIZE];
    saber_value_type type;
    int64_t integer;
    double real;
    space_dim *d;
    const char *text;
    size_t length;

    if (dim >= s->dim_count || k >= s->dims[dim].count)
        return SABER_ERROR_NOTFOUND;

    d = &s->dims[dim];
    text = space_value_text(d, k, scratch, &length);
    value_of(d, k, &type, &integer, &real);
    /* The names live in the space's arena, which outlives every point. */
    return dict_set_stable(point, d->name, type, integer, real, text, length,
                           k + 1);
}

size_t space_first_continuous(const space *s)
{
    size_t i = 0;

    while (i < s->dim_count && s->dims[i].kind != DIM_CONTINUOUS)
        i++;
    return i;
}

int space_grid_size(const space *s, uint64_t *size)
{
    uint64_t product = 1;

    if (space_first_continuous(s) < s->dim_count)
        return SABER_ERROR_INVALID;

    for (size_t i = 0; i < s->dim_count; i++) {
        uint64_t count = s->dims[i].count;

        if (count && product > UINT64_MAX / count)
            return SABER_ERROR_RANGE;
        product *= count;
    }
    *size = product;
    return SABER_OK;
}

/* Stores the value number of each dimension for grid index: the last
 * dimension varies fastest, so its number comes first, one division per
 * dimension.  Past 2^64 points any index names one of the first 2^64. */
static void split_index(space *s, uint64_t index)
{
    for (size_t i = s->dim_count; i-- > 0;) {
        s->digits[i] = index % s->dims[i].count;
        index /= s->dims[i].count;
    }
}

/* Moves the value numbers on to the next grid index, like an odometer,
 * which spares the divisions when a sampler walks the grid in order. */
static void count_up(space *s)
{
    for (size_t i = s->dim_count; i-- > 0;) {
        if (++s->digits[i] < s->dims[i].count)
            return;
        s->digits[i] = 0;
    }
}

int space_decode(space *s, uint64_t index, saber_dict *point)
{
    if (!s->decode_ready) {
        s->grid_status = space_grid_size(s, &s->grid_size);
        s->digits = arena_alloc(&s->memory, (s->dim_count + 1) *
                                            sizeof *s->digits);
        if (!s->digits)
            return SABER_ERROR_NOMEM;
        s->decode_ready = 1;
    }
    if (s->grid_status == SABER_ERROR_INVALID)
        return SABER_ERROR_INVALID;
    if (s->grid_status == SABER_OK && index >= s->grid_size)
        return SABER_ERROR_NOTFOUND;

    if (s->digits_valid && index != 0 && index == s->last_index + 1)
        count_up(s);
    else
        split_index(s, index);
    s->digits_valid = 1;
    s->last_index = index;

    for (size_t i = 0; i < s->dim_count; i++) {
        int status = space_dim_value(s, i, s->digits[i], point);

        if (status != SABER_OK)
            return status;
    }
    return SABER_OK;
}

int space_check_point(const space *s, const saber_dict *point,
                      size_t *positions)
{
    for (size_t i = 0; i < s->dim_count; i++) {
        size_t at = dict_index(point, s->dims[i].name, i);

        if (positions)
            positions[i] = at;
        if (at == DICT_NOT_FOUND) {
            error_set("the point has no value for metaparameter '%s'",
                      s->dims[i].name);
            return -1;
        }
    }
    if (dict_count(point) != s->dim_count) {
        for (size_t i = 0; i < dict_count(point); i++) {
            const char *key = dict_key_at(point, i);
            size_t d = 0;

            while (d < s->dim_count && strcmp(s->dims[d].name, key) != 0)
                d++;
            if (d == s->dim_count) {
                error_set("the point sets '%s', which is not a metaparameter",
                          key);
                return -1;
            }
        }
    }
    for (size_t i = s->continuous_from; i < s->dim_count; i++) {
        if (s->dims[i].kind == DIM_CONTINUOUS &&
            space_check_continuous(s, point, i) < 0)
            return -1;
    }
    return 0;
}

static const char *block_max_text(space_dim *d, size_t dim,
                                  const saber_dict *point,
                                  char scratch[PYFLOAT_REPR_SIZE])
{
    size_t at = dict_index(point, d->name, dim);
    uint64_t origin = 0;
    saber_value_type type = SABER_VALUE_MISSING;
    int64_t integer = 0;
    double real = 0;
    const char *text;

    if (at != DICT_NOT_FOUND) {
        origin = dict_origin_at(point, at);
        type = dict_type_at(point, at);
    }
    if (origin && origin <= d->count) {
        uint64_t k = origin - 1;

        if (d->max_texts && d->max_texts[k])
            return d->max_texts[k];
        value_of(d, k, &type, &integer, &real);
        text = format_block_max(d, type, integer, real, scratch);
        return cached(&d->max_texts, d->count, k, text) ? d->max_texts[k]
                                                        : text;
    }

    if (type == SABER_VALUE_INT) {
        dict_get_int(point, d->name, &integer);
    } else if (type == SABER_VALUE_REAL) {
        dict_get_real(point, d->name, &real);
    } else {
        dict_get_text(point, d->name, &text);
        error_set("metaparameter '%s' has the value '%s', which is not a "
                  "number, so its block maximum cannot be computed",
                  d->name, text);
        return NULL;
    }
    return format_block_max(d, type, integer, real, scratch);
}

const char *space_target_text(space *s, const saber_dict *point, size_t t,
                              char scratch[PYFLOAT_REPR_SIZE])
{
    const space_target *target = &s->targets[t];
    space_dim *d = &s->dims[target->dim];
    const char *text = NULL;

    if (target->role == ROLE_MAX)
        return block_max_text(d, target->dim, point, scratch);
    dict_get_text(point, d->name, &text);
    return text;
}
