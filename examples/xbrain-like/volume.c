/* volume.c - a 3D image of floats and its file format. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"
#include "volume.h"

int volume_init(volume *v, int nx, int ny, int nz)
{
    if (nx < 1 || ny < 1 || nz < 1 || nx > VOLUME_MAX_SIDE
        || ny > VOLUME_MAX_SIDE || nz > VOLUME_MAX_SIDE)
        return tool_error("invalid volume size %dx%dx%d; each side must be "
                          "1 to %d", nx, ny, nz, VOLUME_MAX_SIDE);

    v->nx = nx;
    v->ny = ny;
    v->nz = nz;
    v->data = calloc(volume_count(v), sizeof *v->data);
    if (!v->data)
        return tool_error("out of memory for a %dx%dx%d volume", nx, ny, nz);
    return 0;
}

void volume_free(volume *v)
{
    free(v->data);
    v->data = NULL;
}

int volume_write(const volume *v, const char *path)
{
    FILE *f = fopen(path, "wb");
    int status = -1;

    if (!f)
        return tool_error("cannot create %s: %s", path, strerror(errno));

    fprintf(f, "XBVOL %d %d %d\n", v->nx, v->ny, v->nz);
    if (fwrite(v->data, sizeof *v->data, volume_count(v), f)
        != volume_count(v))
        goto done;
    if (fflush(f) != 0)
        goto done;
    status = 0;

done:
    if (fclose(f) != 0)
        status = -1;
    if (status < 0)
        tool_error("cannot write %s: %s", path, strerror(errno));
    return status;
}

/* Reads the header of f into *v's sizes and allocates its data. */
static int volume_read_header(volume *v, FILE *f, const char *path)
{
    char line[64];
    int nx, ny, nz;
    char extra;

    if (!fgets(line, sizeof line, f) || !strchr(line, '\n')
        || sscanf(line, "XBVOL %d %d %d %c", &nx, &ny, &nz, &extra) != 3)
        return tool_error("%s is not a volume file; its first line must be "
                          "\"XBVOL NX NY NZ\"", path);
    return volume_init(v, nx, ny, nz);
}

int volume_read(volume *v, const char *path)
{
    FILE *f = fopen(path, "rb");
    size_t count;

    memset(v, 0, sizeof *v);
    if (!f)
        return tool_error("cannot open %s: %s", path, strerror(errno));

    if (volume_read_header(v, f, path) < 0)
        goto fail;
    count = fread(v->data, sizeof *v->data, volume_count(v), f);
    if (count != volume_count(v) || fgetc(f) != EOF) {
        tool_error("%s is truncated or too long for a %dx%dx%d volume", path,
                   v->nx, v->ny, v->nz);
        goto fail;
    }

    fclose(f);
    return 0;

fail:
    fclose(f);
    volume_free(v);
    return -1;
}
