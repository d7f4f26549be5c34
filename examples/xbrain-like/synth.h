/* synth.h - a synthetic X-ray-like volume with known cells.
 *
 * The volume contains bright spherical cells of varied radius and intensity,
 * tubes like blood vessels, a dim background and Gaussian noise.  The
 * same configuration gives the same volume on every run with the same C
 * library; the noise goes through libm's log and cos. */
#ifndef XBRAIN_SYNTH_H
#define XBRAIN_SYNTH_H

#include "points.h"
#include "volume.h"

typedef struct synth_config {
    unsigned long seed;
    int size;      /* side of the cubic volume, in voxels */
    int cells;     /* number of cells requested */
    int vessels;   /* number of vessels */
    double noise;  /* standard deviation of the noise added to each voxel */
} synth_config;

/* Generates the volume into *out and the cell centers, with their radii as
 * values, into *cells.  When the requested cells do not all fit apart from
 * each other and from the vessels, fewer are placed, and *cells contains
 * only those.  The caller frees both. */
int synth_generate(const synth_config *config, volume *out,
                   point_list *cells);

#endif
