/* detect.h - greedy template matching of spherical cells in a cell
 * probability map.
 *
 * The map is thresholded into on and off voxels.  A ball template of the
 * given diameter scores every voxel by the fraction of the ball around it
 * that is on.  The best voxel becomes a cell if its score reaches the stop
 * value.  Then the ball around it, grown by the dilation, is switched off
 * and the scores nearby are recomputed before the next search. */
#ifndef XBRAIN_DETECT_H
#define XBRAIN_DETECT_H

#include "points.h"
#include "volume.h"

typedef struct detect_config {
    double threshold;          /* map values above it are on */
    double stop;               /* lowest template score accepted as a cell */
    int initial_template_size; /* template diameter in voxels */
    int dilation;              /* voxels added to the radius switched off */
    int max_cells;             /* detections at most */
} detect_config;

/* Detects cells in map into *cells, each valued by its template score, in
 * the order found.  The caller frees *cells. */
int detect_cells(const volume *map, const detect_config *config,
                 point_list *cells);

#endif
