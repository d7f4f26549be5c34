/*
 * params.h - the parameterize file: the sampler: block and the
 * metaparameters that make up the search space.
 *
 * The file reads exactly as SABER's `conduit optimize` read it with PyYAML
 * and numpy (see space.h and yaml11.h); every error names the file, line
 * and column.
 */
#ifndef SABER_PARAMS_H
#define SABER_PARAMS_H

#include <stdint.h>

#include <saber/sampler.h>

#include "compat.h"
#include "space.h"
#include "yamltree.h"

typedef struct params {
    ydoc *doc;
    const char *path;       /* borrowed from doc */
    const char *method;     /* sampler.method */
    saber_goal goal;        /* sampler.goal, minimize by default */
    int has_seed;           /* sampler.seed was given */
    uint64_t seed;
    saber_dict *options;    /* the other sampler: keys, resolved */
    const ynode *sampler;   /* the sampler: mapping, for positions */
    space space;
} params;

/* Reads path.  Returns 0, or -1 with an error message naming file, line
 * and column; p is then released. */
int params_load(const char *path, params *p);

void params_release(params *p);

/* Sets the error message "FILE:LINE:COL: MESSAGE" for node and returns -1. */
int params_fail_at(const params *p, const ynode *node, const char *format, ...)
    SABER_FORMAT(3, 4);

/* Stores the position of sampler option name; returns 0, or -1 when the
 * option is not in the file. */
int params_option_position(const params *p, const char *name, size_t *line,
                           size_t *column);

#endif
