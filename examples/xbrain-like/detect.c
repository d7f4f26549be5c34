/* detect.c - greedy template matching of spherical cells. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "tool.h"

/* The voxels of a ball at offset (dy, dz) from its center: the x range
 * [-half, half]. */
typedef struct chord {
    int dy, dz, half;
} chord;

typedef struct detector {
    int nx, ny, nz;
    unsigned char *on; /* owned: 1 where the map is above the threshold */
    int *prefix;       /* owned: nx + 1 running sums of on per (y, z) row */
    float *score;      /* owned: template score per voxel */
    chord *chords;     /* owned: the template */
    int nchords;
    int template_voxels;
    int reach;         /* largest chord offset or half length */
} detector;

static size_t row_index(const detector *d, int y, int z)
{
    return (size_t)z * (size_t)d->ny + (size_t)y;
}

static size_t voxel_index(const detector *d, int x, int y, int z)
{
    return row_index(d, y, z) * (size_t)d->nx + (size_t)x;
}

/* Clamps [*lo, *hi] to [0, n - 1]. */
static void clamp_range(int *lo, int *hi, int n)
{
    *lo = *lo < 0 ? 0 : *lo;
    *hi = *hi >= n ? n - 1 : *hi;
}

/* Fills d's template with the chords of a ball of the given radius. */
static int template_build(detector *d, double radius)
{
    int reach = (int)floor(radius);
    size_t side = (size_t)(2 * reach + 1);

    d->chords = malloc(side * side * sizeof *d->chords);
    if (!d->chords)
        return tool_error("out of memory for a template of radius %g", radius);

    for (int dz = -reach; dz <= reach; dz++)
        for (int dy = -reach; dy <= reach; dy++) {
            double room = radius * radius - dy * dy - dz * dz;
            chord c = {dy, dz, 0};

            if (room < 0.0)
                continue;
            c.half = (int)floor(sqrt(room));
            d->chords[d->nchords++] = c;
            d->template_voxels += 2 * c.half + 1;
        }
    d->reach = reach;
    return 0;
}

static void prefix_update_row(detector *d, int y, int z)
{
    const unsigned char *on = d->on + voxel_index(d, 0, y, z);
    int *prefix = d->prefix + row_index(d, y, z) * (size_t)(d->nx + 1);

    prefix[0] = 0;
    for (int x = 0; x < d->nx; x++)
        prefix[x + 1] = prefix[x] + on[x];
}

/* Fraction of the template centered at (x, y, z) that is on; the
 * template's voxels outside the volume count as off. */
static float score_at(const detector *d, int x, int y, int z)
{
    long sum = 0;

    for (int i = 0; i < d->nchords; i++) {
        const chord *c = &d->chords[i];
        int sy = y + c->dy, sz = z + c->dz;
        int lo = x - c->half, hi = x + c->half;
        const int *prefix;

        if (sy < 0 || sy >= d->ny || sz < 0 || sz >= d->nz)
            continue;
        clamp_range(&lo, &hi, d->nx);
        prefix = d->prefix + row_index(d, sy, sz) * (size_t)(d->nx + 1);
        sum += prefix[hi + 1] - prefix[lo];
    }
    return (float)sum / (float)d->template_voxels;
}

/* Recomputes the scores of the voxels within the box of half side
 * radius around (cx, cy, cz). */
static void scores_update(detector *d, int cx, int cy, int cz, int radius)
{
    int x0 = cx - radius, x1 = cx + radius;
    int y0 = cy - radius, y1 = cy + radius;
    int z0 = cz - radius, z1 = cz + radius;

    clamp_range(&x0, &x1, d->nx);
    clamp_range(&y0, &y1, d->ny);
    clamp_range(&z0, &z1, d->nz);
    for (int z = z0; z <= z1; z++)
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
                d->score[voxel_index(d, x, y, z)] = score_at(d, x, y, z);
}

/* Switches off the voxels within radius of (cx, cy, cz) and updates the
 * row sums and the scores that change. */
static void detector_erase(detector *d, int cx, int cy, int cz, int radius)
{
    int y0 = cy - radius, y1 = cy + radius;
    int z0 = cz - radius, z1 = cz + radius;

    clamp_range(&y0, &y1, d->ny);
    clamp_range(&z0, &z1, d->nz);
    for (int z = z0; z <= z1; z++)
        for (int y = y0; y <= y1; y++) {
            int room = radius * radius - (y - cy) * (y - cy)
                       - (z - cz) * (z - cz);
            int x0, x1;

            if (room < 0)
                continue;
            x0 = cx - (int)floor(sqrt(room));
            x1 = cx + (int)floor(sqrt(room));
            clamp_range(&x0, &x1, d->nx);
            for (int x = x0; x <= x1; x++)
                d->on[voxel_index(d, x, y, z)] = 0;
            prefix_update_row(d, y, z);
        }
    scores_update(d, cx, cy, cz, radius + d->reach);
}

/* Finds the voxel of highest score, the first in x-fastest order among
 * equals, and returns its score. */
static float detector_best(const detector *d, size_t *best)
{
    size_t count = (size_t)d->nx * (size_t)d->ny * (size_t)d->nz;
    float top = -1.0f;

    for (size_t i = 0; i < count; i++)
        if (d->score[i] > top) {
            top = d->score[i];
            *best = i;
        }
    return top;
}

static void detector_free(detector *d)
{
    free(d->on);
    free(d->prefix);
    free(d->score);
    free(d->chords);
}

static int detector_init(detector *d, const volume *map,
                         const detect_config *config)
{
    size_t count = volume_count(map);
    size_t rows = (size_t)map->ny * (size_t)map->nz;

    memset(d, 0, sizeof *d);
    d->nx = map->nx;
    d->ny = map->ny;
    d->nz = map->nz;
    d->on = malloc(count);
    d->prefix = malloc(rows * (size_t)(map->nx + 1) * sizeof *d->prefix);
    d->score = malloc(count * sizeof *d->score);
    if (!d->on || !d->prefix || !d->score)
        return tool_error("out of memory for a %dx%dx%d map", map->nx,
                          map->ny, map->nz);
    if (template_build(d, config->initial_template_size / 2.0) < 0)
        return -1;

    for (size_t i = 0; i < count; i++)
        d->on[i] = map->data[i] > config->threshold;
    for (int z = 0; z < d->nz; z++)
        for (int y = 0; y < d->ny; y++)
            prefix_update_row(d, y, z);
    scores_update(d, 0, 0, 0, VOLUME_MAX_SIDE);
    return 0;
}

int detect_cells(const volume *map, const detect_config *config,
                 point_list *cells)
{
    int erase_radius = config->initial_template_size / 2 + config->dilation;
    detector d;
    int status = -1;

    memset(cells, 0, sizeof *cells);
    if (detector_init(&d, map, config) < 0)
        goto done;

    while (cells->count < (size_t)config->max_cells) {
        size_t best = 0;
        float top = detector_best(&d, &best);
        int x = (int)(best % (size_t)d.nx);
        int y = (int)(best / (size_t)d.nx % (size_t)d.ny);
        int z = (int)(best / ((size_t)d.nx * (size_t)d.ny));
        point p = {x, y, z, top};

        if (top < config->stop)
            break;
        if (point_list_append(cells, p) < 0)
            goto done;
        detector_erase(&d, x, y, z, erase_radius);
    }
    status = 0;

done:
    if (status < 0)
        point_list_free(cells);
    detector_free(&d);
    return status;
}
