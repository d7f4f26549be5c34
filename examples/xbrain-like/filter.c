/* filter.c - Gaussian smoothing, logistic threshold and ball opening. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "tool.h"

typedef float (*pick_fn)(float a, float b);

static float pick_min(float a, float b)
{
    return b < a ? b : a;
}

static float pick_max(float a, float b)
{
    return b > a ? b : a;
}

/* Fills kernel[0 .. 2 * half] with a normalized Gaussian. */
static void gaussian_kernel(double *kernel, int half, double sigma)
{
    double sum = 0.0;

    for (int i = -half; i <= half; i++) {
        kernel[i + half] = exp(-0.5 * (i / sigma) * (i / sigma));
        sum += kernel[i + half];
    }
    for (int i = 0; i <= 2 * half; i++)
        kernel[i] /= sum;
}

/* Convolves the line of length n that starts at data and steps by stride
 * with kernel, using line as scratch space of n floats. */
static void convolve_line(float *data, size_t stride, int n, float *line,
                          const double *kernel, int half)
{
    for (int i = 0; i < n; i++)
        line[i] = data[(size_t)i * stride];

    for (int i = 0; i < n; i++) {
        double sum = 0.0;

        for (int k = -half; k <= half; k++) {
            int j = i + k < 0 ? 0 : (i + k >= n ? n - 1 : i + k);

            sum += kernel[k + half] * line[j];
        }
        data[(size_t)i * stride] = (float)sum;
    }
}

/* Convolves every line of v along axis (0 = x, 1 = y, 2 = z). */
static void convolve_axis(volume *v, int axis, float *line,
                          const double *kernel, int half)
{
    size_t stride[3] = {1, (size_t)v->nx, (size_t)v->nx * (size_t)v->ny};
    int length[3] = {v->nx, v->ny, v->nz};
    int b = (axis + 1) % 3, c = (axis + 2) % 3;

    for (int j = 0; j < length[c]; j++)
        for (int i = 0; i < length[b]; i++) {
            float *start = v->data + (size_t)i * stride[b]
                           + (size_t)j * stride[c];

            convolve_line(start, stride[axis], length[axis], line, kernel,
                          half);
        }
}

int filter_gaussian(volume *v, double sigma)
{
    int half = (int)ceil(3.0 * sigma);
    int longest = v->nx > v->ny ? v->nx : v->ny;
    double *kernel;
    float *line;

    if (sigma <= 0.0)
        return 0;
    longest = longest > v->nz ? longest : v->nz;
    kernel = malloc((size_t)(2 * half + 1) * sizeof *kernel);
    line = malloc((size_t)longest * sizeof *line);
    if (!kernel || !line) {
        free(kernel);
        free(line);
        return tool_error("out of memory for a Gaussian of sigma %g", sigma);
    }

    gaussian_kernel(kernel, half, sigma);
    for (int axis = 0; axis < 3; axis++)
        convolve_axis(v, axis, line, kernel, half);

    free(kernel);
    free(line);
    return 0;
}

void filter_logistic(volume *v, double midpoint, double width)
{
    size_t count = volume_count(v);

    for (size_t i = 0; i < count; i++)
        v->data[i] = (float)(1.0 / (1.0 + exp(-(v->data[i] - midpoint)
                                              / width)));
}

/* Writes to out, for each voxel, the pick of in over the x window
 * [x - half, x + half] cut at the volume's border. */
static void rows_pick(const volume *in, volume *out, int half, pick_fn pick)
{
    for (int z = 0; z < in->nz; z++)
        for (int y = 0; y < in->ny; y++) {
            const float *row = in->data + volume_index(in, 0, y, z);
            float *dest = out->data + volume_index(out, 0, y, z);

            for (int x = 0; x < in->nx; x++) {
                int lo = x - half < 0 ? 0 : x - half;
                int hi = x + half >= in->nx ? in->nx - 1 : x + half;
                float value = row[lo];

                for (int i = lo + 1; i <= hi; i++)
                    value = pick(value, row[i]);
                dest[x] = value;
            }
        }
}

/* Picks into out, at each (x, y, z), the value of rows at
 * (x, y + dy, z + dz) where that voxel exists. */
static void pick_shifted(const volume *rows, volume *out, int dy, int dz,
                         pick_fn pick)
{
    for (int z = 0; z < out->nz; z++)
        for (int y = 0; y < out->ny; y++) {
            int sy = y + dy, sz = z + dz;
            const float *src;
            float *dest;

            if (sy < 0 || sy >= out->ny || sz < 0 || sz >= out->nz)
                continue;
            src = rows->data + volume_index(rows, 0, sy, sz);
            dest = out->data + volume_index(out, 0, y, z);
            for (int x = 0; x < out->nx; x++)
                dest[x] = pick(dest[x], src[x]);
        }
}

/* Half length along x of the ball's chord at offset (dy, dz), or -1 when
 * the offset lies outside the ball. */
static int chord_half(int radius, int dy, int dz)
{
    int room = radius * radius - dy * dy - dz * dz;
    int half = 0;

    if (room < 0)
        return -1;
    while ((half + 1) * (half + 1) <= room)
        half++;
    return half;
}

/* Replaces v by the pick of v over a ball of the given radius around each
 * voxel.  The ball is the union of x chords, so each chord length is
 * picked once along the rows, then shifted in y and z. */
static int morph_ball(volume *v, int radius, pick_fn pick)
{
    volume rows = {0}, out = {0};
    int status = -1;

    if (volume_init(&rows, v->nx, v->ny, v->nz) < 0
        || volume_init(&out, v->nx, v->ny, v->nz) < 0)
        goto done;
    memcpy(out.data, v->data, volume_count(v) * sizeof *v->data);

    for (int half = 0; half <= radius; half++) {
        rows_pick(v, &rows, half, pick);
        for (int dz = -radius; dz <= radius; dz++)
            for (int dy = -radius; dy <= radius; dy++)
                if (chord_half(radius, dy, dz) == half)
                    pick_shifted(&rows, &out, dy, dz, pick);
    }

    memcpy(v->data, out.data, volume_count(v) * sizeof *v->data);
    status = 0;

done:
    volume_free(&rows);
    volume_free(&out);
    return status;
}

int filter_open(volume *v, int radius)
{
    if (radius <= 0)
        return 0;
    if (morph_ball(v, radius, pick_min) < 0)
        return -1;
    return morph_ball(v, radius, pick_max);
}
