/* filter.h - the filters that turn an intensity volume into a cell
 * probability map: Gaussian smoothing, a logistic threshold and a
 * morphological opening with a ball. */
#ifndef XBRAIN_FILTER_H
#define XBRAIN_FILTER_H

#include "volume.h"

/* Smooths v in place with a Gaussian of standard deviation sigma voxels,
 * truncated at 3 sigma; voxels beyond the border repeat the border.  A
 * sigma of 0 leaves v as it is. */
int filter_gaussian(volume *v, double sigma);

/* Maps each value s of v to 1 / (1 + exp(-(s - midpoint) / width)). */
void filter_logistic(volume *v, double midpoint, double width);

/* Opens v in place with a ball of the given radius in voxels: a grey
 * erosion (minimum over the ball) then a grey dilation (maximum).  It
 * removes bright structures thinner than the ball, such as vessels, and
 * keeps those the ball fits in.  A radius of 0 leaves v as it is. */
int filter_open(volume *v, int radius);

#endif
