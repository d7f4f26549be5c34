/* points.h - lists of 3D points with one value each, as text files.
 *
 * The file has one point per line, "X Y Z VALUE" in voxel coordinates.
 * Lines starting with '#' and blank lines are comments. */
#ifndef XBRAIN_POINTS_H
#define XBRAIN_POINTS_H

#include <stddef.h>

typedef struct point {
    double x, y, z;
    double value; /* a cell's radius, or a detection's template score */
} point;

typedef struct point_list {
    point *items; /* owned */
    size_t count;
    size_t capacity;
} point_list;

int point_list_append(point_list *list, point p);

/* Frees list's items; list may be zero-filled. */
void point_list_free(point_list *list);

/* Writes list to path, after the comment line "# " header. */
int point_list_write(const point_list *list, const char *header,
                     const char *path);

/* Reads path into *list, which the caller frees with point_list_free. */
int point_list_read(point_list *list, const char *path);

#endif
