/*
 * row-log.c - a fixture that walks the grid one point per batch and
 * appends every result row it is fed to the file named by its log_file
 * option, one line per row: "batch B: KEY=TEXT KEY=TEXT ...", keys in the
 * order the host set them.  Tests read the file to see exactly what a
 * sampler receives.
 */
#include <stdio.h>
#include <string.h>

#include "fixture.h"

typedef struct row_log_state {
    fixture_state grid;
    char path[4096];
    unsigned batch;
} row_log_state;

static int row_log_create(const saber_host_api *api, saber_context *ctx,
                          const saber_dict *options, void **state)
{
    row_log_state *r = calloc(1, sizeof *r);
    const char *path = NULL;

    if (!r)
        return SABER_ERROR_NOMEM;
    if (api->dict_get_text(options, "log_file", &path) != SABER_OK ||
        strlen(path) >= sizeof r->path) {
        api->set_error(ctx, "option log_file is required");
        free(r);
        return SABER_ERROR_INVALID;
    }
    strcpy(r->path, path);
    r->grid.api = api;
    r->grid.ctx = ctx;
    if (api->space_grid_size(ctx, &r->grid.size) != SABER_OK) {
        free(r);
        return SABER_ERROR_RANGE;
    }
    *state = r;
    return SABER_OK;
}

static int row_log_sample(void *state, saber_dict *point)
{
    return fixture_sample(&((row_log_state *)state)->grid, point);
}

static int row_log_update(void *state, const saber_dict *const *rows,
                          size_t count)
{
    row_log_state *r = state;
    const saber_host_api *api = r->grid.api;
    FILE *file = fopen(r->path, "a");

    if (!file) {
        api->set_error(r->grid.ctx, "cannot open %s", r->path);
        return SABER_ERROR;
    }
    for (size_t i = 0; i < count; i++) {
        fprintf(file, "batch %u:", r->batch);
        for (size_t k = 0; k < api->dict_count(rows[i]); k++) {
            const char *key = api->dict_key_at(rows[i], k);
            const char *text = "";

            api->dict_get_text(rows[i], key, &text);
            fprintf(file, " %s=%s", key, text);
        }
        fputc('\n', file);
    }
    fclose(file);
    r->batch++;
    return SABER_OK;
}

static const char *const row_log_options[] = {"log_file", NULL};

const saber_sampler_descriptor SABER_SAMPLER_ENTRY(row_log) = {
    SABER_ABI_MAJOR, SABER_ABI_MINOR, "row-log",
    "test fixture: logs the result rows it is fed", "0.0.1",
    row_log_create, row_log_sample, row_log_update, fixture_destroy,
    row_log_options, 0};
