/* synth.c - a synthetic X-ray-like volume with known cells. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"
#include "tool.h"

#define TWO_PI 6.283185307179586
#define BACKGROUND 0.1
#define CELL_RADIUS_MIN 3.5
#define CELL_RADIUS_MAX 6.0
#define CELL_INTENSITY_MIN 0.45
#define CELL_INTENSITY_MAX 1.0
#define VESSEL_RADIUS_MIN 2.0
#define VESSEL_RADIUS_MAX 2.6
#define VESSEL_INTENSITY 0.9
/* Space kept between two cells, and between a cell and a vessel. */
#define CELL_GAP 1.5
/* Placement attempts per requested cell before giving up on the rest. */
#define TRIES_PER_CELL 200

typedef struct vessel {
    double px, py, pz; /* a point on the axis */
    double dx, dy, dz; /* unit direction of the axis */
    double radius;
} vessel;

typedef struct cell {
    double x, y, z, radius, intensity;
} cell;

typedef struct scene {
    uint64_t rng;
    int size;
    vessel *vessels; /* owned */
    int nvessels;
    cell *cells;     /* owned */
    int ncells;
} scene;

/* splitmix64: a small generator whose output is the same everywhere. */
static uint64_t rng_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* Uniform in [low, high). */
static double rng_uniform(uint64_t *state, double low, double high)
{
    double unit = (double)(rng_next(state) >> 11) * 0x1.0p-53;

    return low + (high - low) * unit;
}

/* Standard normal, by the Box-Muller transform. */
static double rng_normal(uint64_t *state)
{
    double u1 = rng_uniform(state, 0.0, 1.0);
    double u2 = rng_uniform(state, 0.0, 1.0);

    return sqrt(-2.0 * log(1.0 - u1)) * cos(TWO_PI * u2);
}

/* Squared distance from (x, y, z) to the axis of v. */
static double vessel_distance2(const vessel *v, double x, double y, double z)
{
    double rx = x - v->px, ry = y - v->py, rz = z - v->pz;
    double along = rx * v->dx + ry * v->dy + rz * v->dz;

    return rx * rx + ry * ry + rz * rz - along * along;
}

static void vessel_place(scene *s, vessel *v)
{
    double norm;

    v->px = rng_uniform(&s->rng, 0.0, s->size);
    v->py = rng_uniform(&s->rng, 0.0, s->size);
    v->pz = rng_uniform(&s->rng, 0.0, s->size);
    do {
        v->dx = rng_normal(&s->rng);
        v->dy = rng_normal(&s->rng);
        v->dz = rng_normal(&s->rng);
        norm = sqrt(v->dx * v->dx + v->dy * v->dy + v->dz * v->dz);
    } while (norm < 1e-6);
    v->dx /= norm;
    v->dy /= norm;
    v->dz /= norm;
    v->radius = rng_uniform(&s->rng, VESSEL_RADIUS_MIN, VESSEL_RADIUS_MAX);
}

/* Returns whether c keeps its distance from the cells and vessels placed. */
static int cell_fits(const scene *s, const cell *c)
{
    for (int i = 0; i < s->ncells; i++) {
        const cell *o = &s->cells[i];
        double dx = c->x - o->x, dy = c->y - o->y, dz = c->z - o->z;
        double gap = c->radius + o->radius + CELL_GAP;

        if (dx * dx + dy * dy + dz * dz < gap * gap)
            return 0;
    }
    for (int i = 0; i < s->nvessels; i++) {
        double gap = c->radius + s->vessels[i].radius + CELL_GAP;

        if (vessel_distance2(&s->vessels[i], c->x, c->y, c->z) < gap * gap)
            return 0;
    }
    return 1;
}

/* Draws a cell that lies wholly inside the volume. */
static void cell_draw(scene *s, cell *c)
{
    c->radius = rng_uniform(&s->rng, CELL_RADIUS_MIN, CELL_RADIUS_MAX);
    c->x = rng_uniform(&s->rng, c->radius + 1, s->size - 2 - c->radius);
    c->y = rng_uniform(&s->rng, c->radius + 1, s->size - 2 - c->radius);
    c->z = rng_uniform(&s->rng, c->radius + 1, s->size - 2 - c->radius);
    c->intensity = rng_uniform(&s->rng, CELL_INTENSITY_MIN,
                               CELL_INTENSITY_MAX);
}

static void scene_place(scene *s, int ncells)
{
    long tries = (long)ncells * TRIES_PER_CELL;
    cell c;

    for (int i = 0; i < s->nvessels; i++)
        vessel_place(s, &s->vessels[i]);

    while (s->ncells < ncells && tries-- > 0) {
        cell_draw(s, &c);
        if (cell_fits(s, &c))
            s->cells[s->ncells++] = c;
    }
}

/* Paints the background and the vessels into out. */
static void render_vessels(const scene *s, volume *out)
{
    for (int z = 0; z < out->nz; z++)
        for (int y = 0; y < out->ny; y++)
            for (int x = 0; x < out->nx; x++) {
                float value = BACKGROUND;

                for (int i = 0; i < s->nvessels; i++) {
                    const vessel *v = &s->vessels[i];

                    if (vessel_distance2(v, x, y, z) <= v->radius * v->radius)
                        value = VESSEL_INTENSITY;
                }
                out->data[volume_index(out, x, y, z)] = value;
            }
}

/* Paints the voxels whose centers lie inside c. */
static void render_cell(const cell *c, volume *out)
{
    int x0 = (int)floor(c->x - c->radius), x1 = (int)ceil(c->x + c->radius);
    int y0 = (int)floor(c->y - c->radius), y1 = (int)ceil(c->y + c->radius);
    int z0 = (int)floor(c->z - c->radius), z1 = (int)ceil(c->z + c->radius);

    for (int z = z0; z <= z1; z++)
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++) {
                double dx = x - c->x, dy = y - c->y, dz = z - c->z;

                if (dx * dx + dy * dy + dz * dz <= c->radius * c->radius)
                    out->data[volume_index(out, x, y, z)] = (float)c->intensity;
            }
}

static void render_noise(scene *s, volume *out, double noise)
{
    size_t count = volume_count(out);

    for (size_t i = 0; i < count; i++)
        out->data[i] += (float)(noise * rng_normal(&s->rng));
}

/* Copies the cells of s into *cells as points valued by their radius. */
static int scene_export(const scene *s, point_list *cells)
{
    for (int i = 0; i < s->ncells; i++) {
        const cell *c = &s->cells[i];
        point p = {c->x, c->y, c->z, c->radius};

        if (point_list_append(cells, p) < 0)
            return -1;
    }
    return 0;
}

int synth_generate(const synth_config *config, volume *out,
                   point_list *cells)
{
    scene s = {.rng = config->seed, .size = config->size};
    int status = -1;

    memset(cells, 0, sizeof *cells);
    s.vessels = calloc((size_t)config->vessels + 1, sizeof *s.vessels);
    s.cells = calloc((size_t)config->cells + 1, sizeof *s.cells);
    if (!s.vessels || !s.cells) {
        tool_error("out of memory for %d cells", config->cells);
        goto done;
    }
    s.nvessels = config->vessels;
    if (volume_init(out, config->size, config->size, config->size) < 0)
        goto done;

    scene_place(&s, config->cells);
    render_vessels(&s, out);
    for (int i = 0; i < s.ncells; i++)
        render_cell(&s.cells[i], out);
    render_noise(&s, out, config->noise);
    status = scene_export(&s, cells);

done:
    if (status < 0)
        point_list_free(cells);
    free(s.vessels);
    free(s.cells);
    return status;
}
