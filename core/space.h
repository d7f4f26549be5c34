/*
 * space.h - the search space: the metaparameters of a parameterize file
 * and the step inputs they set.
 *
 * A dimension's values are computed from their number, never stored as a
 * grid: an arange dimension computes value k as start + k * d, with
 * d = (start + step) - start in double precision, the way numpy.arange
 * fills an array; a list dimension holds its YAML values.  The grid is the
 * Cartesian product of the dimensions in file order, the last varying
 * fastest, so a grid index decodes to one value number per dimension.
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
    DIM_LIST
} dim_kind;

typedef struct space_dim {
    const char *name;
    size_t line; /* where the metaparameter's key is written */
    size_t column;
    dim_kind kind;
    uint64_t count;

    /* DIM_ARANGE: integer when start, stop and step are all integers. */
    int integer;
    int64_t int_start, int_step;
    double start, delta;
    yvalue stop;  /* as written, for min(value + step, stop) */
    yvalue step;

    /* DIM_LIST */
    yvalue *values;

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

uint64_t space_dim_size(const space *s, size_t dim);

/* Sets point[dimension name] to value number k of dim.  Returns a
 * saber_status (SABER_ERROR_NOTFOUND for k or dim out of range). */
int space_dim_value(space *s, size_t dim, uint64_t k, saber_dict *point);

/* Stores the grid size; SABER_ERROR_RANGE when it exceeds UINT64_MAX. */
int space_grid_size(const space *s, uint64_t *size);

/* Sets every dimension of point, in file order, to grid point number
 * index. */
int space_decode(space *s, uint64_t index, saber_dict *point);

/* Checks that point has a value for every dimension and nothing else, and
 * stores the position in point of dimension d's value in positions[d]
 * (positions may be NULL).  Returns 0, or -1 with an error message naming
 * the key. */
int space_check_point(const space *s, const saber_dict *point,
                      size_t *positions);

/* Returns the text that target number t receives for point (a checked
 * point).  The text is borrowed from point, from the space or from
 * scratch.  Returns NULL with an error message when a block maximum
 * cannot be computed from a value that is not a number. */
const char *space_target_text(space *s, const saber_dict *point, size_t t,
                              char scratch[PYFLOAT_REPR_SIZE]);

#endif
