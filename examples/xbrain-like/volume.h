/* volume.h - a 3D image of floats and its file format.
 *
 * The file is a text header "XBVOL NX NY NZ\n" followed by NX*NY*NZ
 * 32-bit floats in the writing machine's byte order, x varying fastest,
 * then y, then z.  NOTE: the byte order is not recorded, so a file moves
 * only between machines of the same endianness. */
#ifndef XBRAIN_VOLUME_H
#define XBRAIN_VOLUME_H

#include <stddef.h>

/* Largest side length the tools accept, so that sizes fit in an int. */
#define VOLUME_MAX_SIDE 1024

typedef struct volume {
    int nx, ny, nz;
    float *data; /* owned: nx * ny * nz values, x varying fastest */
} volume;

/* Allocates a zero-filled nx * ny * nz volume into *v. */
int volume_init(volume *v, int nx, int ny, int nz);

/* Frees v's data; v may be zero-filled or already freed. */
void volume_free(volume *v);

/* Number of voxels of v. */
static inline size_t volume_count(const volume *v)
{
    return (size_t)v->nx * (size_t)v->ny * (size_t)v->nz;
}

/* Offset of voxel (x, y, z) in v->data; the coordinates must be inside. */
static inline size_t volume_index(const volume *v, int x, int y, int z)
{
    return ((size_t)z * (size_t)v->ny + (size_t)y) * (size_t)v->nx
           + (size_t)x;
}

int volume_write(const volume *v, const char *path);

/* Reads path into *v, which the caller frees with volume_free. */
int volume_read(volume *v, const char *path);

#endif
