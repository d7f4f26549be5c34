/* points.c - lists of 3D points with one value each, as text files. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "points.h"
#include "tool.h"

int point_list_append(point_list *list, point p)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? 2 * list->capacity : 64;
        point *items = realloc(list->items, capacity * sizeof *items);

        if (!items)
            return tool_error("out of memory for %zu points", capacity);
        list->items = items;
        list->capacity = capacity;
    }

    list->items[list->count++] = p;
    return 0;
}

void point_list_free(point_list *list)
{
    free(list->items);
    memset(list, 0, sizeof *list);
}

int point_list_write(const point_list *list, const char *header,
                     const char *path)
{
    FILE *f = fopen(path, "w");
    int failed;

    if (!f)
        return tool_error("cannot create %s: %s", path, strerror(errno));

    fprintf(f, "# %s\n", header);
    for (size_t i = 0; i < list->count; i++) {
        const point *p = &list->items[i];

        fprintf(f, "%.6g %.6g %.6g %.6g\n", p->x, p->y, p->z, p->value);
    }

    failed = ferror(f) | fclose(f);
    if (failed)
        return tool_error("cannot write %s", path);
    return 0;
}

/* Parses one non-comment line of path into *p. */
static int point_parse(const char *line, const char *path, size_t number,
                       point *p)
{
    char extra;

    if (sscanf(line, "%lf %lf %lf %lf %c", &p->x, &p->y, &p->z, &p->value,
               &extra) != 4
        || !isfinite(p->x) || !isfinite(p->y) || !isfinite(p->z))
        return tool_error("%s:%zu: invalid point; use \"X Y Z VALUE\"", path,
                          number);
    return 0;
}

/* Returns whether line contains only blanks or starts a comment. */
static int line_is_comment(const char *line)
{
    line += strspn(line, " \t\r\n");
    return *line == '\0' || *line == '#';
}

int point_list_read(point_list *list, const char *path)
{
    FILE *f = fopen(path, "r");
    char line[512];
    size_t number = 0;
    point p;

    memset(list, 0, sizeof *list);
    if (!f)
        return tool_error("cannot open %s: %s", path, strerror(errno));

    while (fgets(line, sizeof line, f)) {
        number++;
        if (line_is_comment(line))
            continue;
        if (point_parse(line, path, number, &p) < 0
            || point_list_append(list, p) < 0)
            goto fail;
    }
    if (ferror(f)) {
        tool_error("cannot read %s: %s", path, strerror(errno));
        goto fail;
    }

    fclose(f);
    return 0;

fail:
    fclose(f);
    point_list_free(list);
    return -1;
}
