/*
 * space.h - the search space: the metaparameters of a parameterize file
 * and the step inputs they set.
 *
 * A dimension's values are computed from their number, never stored as a
 * grid: an arange dimension computes value k as start + k * d, with
 * d = (start + step) - start in double precision, the way numpy.arange
 * fills an array; a list (or choices) dimension stores its YAML values.
 * The grid is the Cartesian product of the dimensions in file order, the
 * last varying fastest, so a grid index decodes to one value number per
 * dimension.  A continuous dimension is an interval with no value numbers:
 * a space that has one has no grid, and its values are set from a number.
 */
#ifndef SABER_SPACE_H
#define SABER_SPACE_H

#include <stddef.h>
#include <stdint.h>

#include <saber/sampler.h>

#include "arena.h"
#include "pyfloat.h"
#include "yaml11.h"

typedef enum target_role {
    ROLE_ABS, /* the input gets the value */
    ROLE_MIN, /* blocking: the input gets the value */
    ROLE_MAX  /* blocking: the input gets min(value + step, stop) */
} target_role;

/* One step input that a metaparameter sets. */
typedef struct space_target {
    const char *step;
    const char *input;
    size_t dim;
    target_role role;
    size_t line;   /* where the input's name is written */
    size_t column;
    size_t step_line; /* where the step's name is written */
    size_t step_column;
} space_target;

typedef enum dim_kind {
    DIM_ARANGE,
    DIM_LIST,
    DIM_CHOICES,   /* held like DIM_LIST; samplers treat it as categories */
    DIM_CONTINUOUS /* an interval: no value numbers, so count is 0 */
} dim_kind;

typedef struct space_dim {
    const char *name;
    size_t line; /* where the metaparameter's key is written */
    size_t column;
    dim_kind kind;
    uint64_t count;

    /* DIM_ARANGE: integer when start, stop and step are all integers.
     * DIM_CONTINUOUS: integer for type: int. */
    int integer;
    int64_t int_start, int_step;
    double start, delta;
    yvalue stop;  /* as written, for min(value + step, stop) */
    yvalue step;

    /* DIM_LIST and DIM_CHOICES */
    yvalue *values;

    /* DIM_CONTINUOUS: the inclusive bounds, not log-transformed; an
     * integer dimension's bounds are whole numbers. */
    double low, high;
    int log_scale;

    int blocked; /* has min/max targets */

    /* Texts of values (and of block maxima) by number, filled on first use
     * for dimensions of at most SPACE_CACHE_LIMIT values. */
    char **value_texts;
    size_t *value_lengths;
    char **max_texts;
} space_dim;

#define SPACE_CACHE_LIMIT 65536

typedef struct space {
    arena memory;
    space_dim *dims;
    size_t dim_count;
    /* The step inputs set, one target each, sorted by step then input
     * name.  When metaparameters set the same input, the later one in the
     * file is the one kept. */
    space_target *targets;
    size_t target_count;
    /* The first continuous dimension, dim_count when there is none. */
    size_t continuous_from;

    /* Set by the first space_decode(): the grid size, and the value
     * number of each dimension of the last index decoded. */
    int decode_ready;
    int grid_status;     /* SABER_OK, or SABER_ERROR_RANGE past 2^64 */
    uint64_t grid_size;
    uint64_t *digits;
    int digits_valid;
    uint64_t last_index;
} space;

void space_release(space *s);

/* Returns value number k of an integer arange, start + k * step.  The sum
 * is taken modulo 2^64, because k * step alone may not fit in 64 bits
 * while the value, which lies between start and stop, does.  GCC and
 * Clang convert the result back to int64_t by wrapping. */
static inline int64_t space_arange_int(const space_dim *d, uint64_t k)
{
    return (int64_t)((uint64_t)d->int_start + k * (uint64_t)d->int_step);
}

/* Returns the text of value number k of discrete dimension d and stores
 * its length, from the cache when d has one, else written into scratch. */
const char *space_value_text(space_dim *d, uint64_t k,
                             char scratch[PYFLOAT_REPR_SIZE], size_t *length);

uint64_t space_dim_size(const space *s, size_t dim);

/* Sets point[dimension name] to value number k of dim.  Returns a
 * saber_status (SABER_ERROR_NOTFOUND for k or dim out of range). */
int space_dim_value(space *s, size_t dim, uint64_t k, saber_dict *point);

/* Stores the grid size; SABER_ERROR_RANGE when it exceeds UINT64_MAX,
 * SABER_ERROR_INVALID when a dimension is continuous. */
int space_grid_size(const space *s, uint64_t *size);

/* Returns the number of the first continuous dimension, or s->dim_count
 * when there is none. */
size_t space_first_continuous(const space *s);

/* Sets every dimension of point, in file order, to grid point number
 * index.  SABER_ERROR_INVALID when a dimension is continuous. */
int space_decode(space *s, uint64_t index, saber_dict *point);

/* Sets point[name of continuous dimension dim] to value, rounded for an
 * integer dimension, as an INT with decimal text or a REAL with Python's
 * repr().  Returns a saber_status; SABER_ERROR_RANGE (value not finite or
 * outside the bounds) and SABER_ERROR_INVALID (dim not continuous) come
 * with an error message. */
int space_set_continuous(space *s, size_t dim, double value,
                         saber_dict *point);

/* Stores the number that value number k of discrete dimension dim stands
 * for.  Returns a saber_status: SABER_ERROR_TYPE for a value that is not
 * a number, SABER_ERROR_INVALID (with an error message) for a continuous
 * dimension, SABER_ERROR_NOTFOUND for dim or k out of range. */
int space_dim_number(space *s, size_t dim, uint64_t k, double *out);

/* Stores the value number of point[name of discrete dimension dim],
 * found by the value's origin tag or else by its text.  Returns a
 * saber_status: SABER_ERROR_NOTFOUND when the key is missing or its value
 * is not one of the dimension's, SABER_ERROR_INVALID (with an error message) for
 * a continuous dimension. */
int space_value_index(space *s, size_t dim, const saber_dict *point,
                      uint64_t *k);

/* Checks that point has a value for every dimension and nothing else.  A
 * continuous dimension's value must also have its type and lie within its
 * bounds.  Stores the position in point of dimension d's value in
 * positions[d] (positions may be NULL).  Returns 0, or -1 with an error
 * message naming the key. */
int space_check_point(const space *s, const saber_dict *point,
                      size_t *positions);

/* Returns the text that target number t receives for point (a checked
 * point).  The text is borrowed from point, from the space or from
 * scratch.  Returns NULL with an error message when a block maximum
 * cannot be computed from a value that is not a number. */
const char *space_target_text(space *s, const saber_dict *point, size_t t,
                              char scratch[PYFLOAT_REPR_SIZE]);

/* Checks that point's value of continuous dimension dim has the
 * dimension's type (INT for type: int, REAL for float), is finite and lies
 * within its bounds.  Returns 0, or -1 with an error message. */
int space_check_continuous(const space *s, const saber_dict *point,
                           size_t dim);

#endif
