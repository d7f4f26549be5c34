/*
 * options.h - reading sampler options, shared by the bundled plugins.
 *
 * Header-only so that each plugin stays a single module that links
 * against nothing of saber-opt: everything goes through the host table.
 */
#ifndef SABER_PLUGIN_OPTIONS_H
#define SABER_PLUGIN_OPTIONS_H

#include <saber/sampler.h>

/*
 * Reads option name as an integer of at least 1 into *out.  A missing
 * option leaves *out alone and returns SABER_OK unless required is set.
 */
static inline int option_positive_int(const saber_host_api *api,
                                      saber_context *ctx,
                                      const saber_dict *options,
                                      const char *name, int required,
                                      int64_t *out)
{
    const char *text = "";
    int64_t value;
    int status = api->dict_get_int(options, name, &value);

    if (status == SABER_ERROR_NOTFOUND && !required)
        return SABER_OK;
    if (status == SABER_ERROR_NOTFOUND) {
        api->set_option_error(ctx, name, "missing option %s; add '%s: N' to "
                              "the sampler: block", name, name);
        return SABER_ERROR_INVALID;
    }
    if (status != SABER_OK || value < 1) {
        api->dict_get_text(options, name, &text);
        api->set_option_error(ctx, name, "invalid %s '%s'; use a whole number "
                              "of at least 1", name, text);
        return SABER_ERROR_INVALID;
    }
    *out = value;
    return SABER_OK;
}

/* Reads option name as a boolean into *out; a missing option leaves *out
 * alone. */
static inline int option_bool(const saber_host_api *api, saber_context *ctx,
                              const saber_dict *options, const char *name,
                              int *out)
{
    const char *text = "";
    int status = api->dict_get_bool(options, name, out);

    if (status == SABER_OK || status == SABER_ERROR_NOTFOUND)
        return SABER_OK;
    api->dict_get_text(options, name, &text);
    api->set_option_error(ctx, name, "invalid %s '%s'; use true or false", name,
                          text);
    return SABER_ERROR_INVALID;
}

#endif
