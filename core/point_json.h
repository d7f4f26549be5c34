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
    char **fragments; /* per target: the JSON text before its value */
    const char *tail; /* the JSON text after the last value */
} point_json;

int point_json_init(point_json *writer, space *s);
void point_json_release(point_json *writer);

/* Appends the line for point (a checked point), newline included.
 * Returns 0, or -1 with an error message. */
int point_json_append(point_json *writer, strbuf *out, uint64_t batch,
                      uint64_t index, const saber_dict *point);

#endif
