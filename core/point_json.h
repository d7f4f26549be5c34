/*
 * point_json.h - a parameter set as one JSON line:
 * {"batch": B, "index": I, "steps": {"STEP": {"INPUT": "VALUE"}}}
 *
 * Steps and inputs are sorted by name, and VALUE is the exact text the
 * step input receives.  The layout (", " and ": " separators) is that of
 * Python's json.dumps, so lines compare equal as text too.
 */
#ifndef SABER_POINT_JSON_H
#define SABER_POINT_JSON_H

#include <stdint.h>

#include "space.h"
#include "strbuf.h"

typedef struct point_json {
    space *space;
    /* Per target: the JSON text between the previous value and this one,
     * quotes included, so a line is its fragments and values in turn. */
    char **fragments;
    size_t *fragment_lengths;
    size_t fixed_length; /* all fragments and the tail */
    const char *tail;    /* the JSON text after the last value */
    size_t tail_length;

    /* Scratch for the current point: the text of each dimension and of
     * each target, with room for a computed block maximum per target. */
    const char **dim_texts;
    size_t *dim_lengths;
    int *dim_plain;      /* the dimension's text needs no JSON escape */
    const char **target_texts;
    size_t *target_lengths;
    char (*maxima)[PYFLOAT_REPR_SIZE];

    /* The last batch number written, in decimal: consecutive numbers are
     * counted up in place instead of being converted again. */
    uint64_t batch;
    char batch_digits[24];
    size_t batch_length;
} point_json;

int point_json_init(point_json *writer, space *s);
void point_json_release(point_json *writer);

/* Appends the line for point, newline included.  point was checked by
 * space_check_point(), which stored where each dimension's value sits in
 * positions.  Returns 0, or -1 with an error message. */
int point_json_append(point_json *writer, strbuf *out, uint64_t batch,
                      uint64_t index, const saber_dict *point,
                      const size_t *positions);

#endif
