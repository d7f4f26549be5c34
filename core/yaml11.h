/*
 * yaml11.h - YAML 1.1 scalar resolution, as PyYAML's SafeLoader does it.
 *
 * SABER read its files with PyYAML, so a plain scalar means what PyYAML
 * made of it: yes/no/on/off are booleans, 010 is 8 and 0x1F is 31, 1_000
 * is 1000, 190:20:30 is a base-60 integer, a float needs a point and a
 * signed exponent (1.5e+3 is a float, 1.5e3 and 1e3 are text), and
 * ~, null and the empty scalar are null.  Quoted scalars are text.
 */
#ifndef SABER_YAML11_H
#define SABER_YAML11_H

#include <stdint.h>

#include <saber/sampler.h>

#include "yamltree.h"

typedef struct yvalue {
    saber_value_type type; /* NULL, BOOL, INT, REAL or TEXT */
    int boolean;
    int64_t integer;
    double real;
    const char *text;      /* the scalar's own text, borrowed from the node */
} yvalue;

/*
 * Resolves scalar node into *value.  Explicit tags !!str, !!int, !!float,
 * !!bool and !!null are honoured.  Returns 0, or -1 with a message naming
 * file, line and column (an integer beyond 64 bits, an unknown tag, or a
 * node that is not a scalar).
 */
int yaml11_resolve(const ydoc *doc, const ynode *node, yvalue *value);

/* Returns Python's str() of value.  Numbers are written into out, which
 * needs PYFLOAT_REPR_SIZE bytes; text is returned as it is. */
const char *yvalue_str(const yvalue *value, char *out);

#endif
