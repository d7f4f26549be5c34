/* host.c - the services saber-opt offers a sampler plugin. */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dict.h"
#include "error.h"
#include "host.h"
#include "log.h"

static size_t space_dims(const saber_context *ctx)
{
    return ctx->space->dim_count;
}

static const char *space_dim_name(const saber_context *ctx, size_t dim)
{
    return dim < ctx->space->dim_count ? ctx->space->dims[dim].name : NULL;
}

static uint64_t host_dim_size(const saber_context *ctx, size_t dim)
{
    return space_dim_size(ctx->space, dim);
}

static int host_dim_value(const saber_context *ctx, size_t dim, uint64_t k,
                          saber_dict *point)
{
    return space_dim_value(ctx->space, dim, k, point);
}

/*
 * Sets the plugin's message to the thread's error message, for a space
 * service that failed with status.  The services take a const context, as
 * the table declares them, but every context is a host object that the
 * host may change.
 */
static int forward_error(const saber_context *ctx, int status)
{
    saber_context *own = (saber_context *)ctx;

    strbuf_reset(&own->error);
    strbuf_reset(&own->error_position);
    strbuf_puts(&own->error, error_message());
    own->error_set = 1;
    return status;
}

/* Sets the plugin's message for a space that has no grid, placed at the
 * continuous dimension that prevents one. */
static int no_grid(const saber_context *ctx)
{
    saber_context *own = (saber_context *)ctx;
    const space_dim *d = &ctx->space->dims[space_first_continuous(ctx->space)];

    strbuf_reset(&own->error);
    strbuf_reset(&own->error_position);
    if (ctx->params)
        strbuf_printf(&own->error_position, "%s:%zu:%zu: ", ctx->params->path,
                      d->line, d->column);
    strbuf_printf(&own->error, "metaparameter '%s' is a continuous range, so "
                  "the search space has no grid; give it start, stop and "
                  "step, or use a method such as random or tpe", d->name);
    own->error_set = 1;
    return SABER_ERROR_INVALID;
}

static int host_grid_size(const saber_context *ctx, uint64_t *size)
{
    int status = space_grid_size(ctx->space, size);

    return status == SABER_ERROR_INVALID ? no_grid(ctx) : status;
}

static int host_decode(const saber_context *ctx, uint64_t index,
                       saber_dict *point)
{
    int status = space_decode(ctx->space, index, point);

    return status == SABER_ERROR_INVALID ? no_grid(ctx) : status;
}

static saber_dim_kind host_dim_kind(const saber_context *ctx, size_t dim)
{
    static const saber_dim_kind kinds[] = {
        [DIM_ARANGE] = SABER_DIM_ARANGE,
        [DIM_LIST] = SABER_DIM_LIST,
        [DIM_CHOICES] = SABER_DIM_CHOICES,
        [DIM_CONTINUOUS] = SABER_DIM_CONTINUOUS,
    };

    if (dim >= ctx->space->dim_count)
        return SABER_DIM_NONE;
    return kinds[ctx->space->dims[dim].kind];
}

static int host_dim_bounds(const saber_context *ctx, size_t dim, double *low,
                           double *high, int *log_scale, int *integer)
{
    const space_dim *d;

    if (dim >= ctx->space->dim_count)
        return SABER_ERROR_NOTFOUND;
    d = &ctx->space->dims[dim];
    if (d->kind != DIM_CONTINUOUS) {
        error_set("metaparameter '%s' is not a continuous range, so it has no "
                  "bounds", d->name);
        return forward_error(ctx, SABER_ERROR_INVALID);
    }
    if (low)
        *low = d->low;
    if (high)
        *high = d->high;
    if (log_scale)
        *log_scale = d->log_scale;
    if (integer)
        *integer = d->integer;
    return SABER_OK;
}

/* Forwards the message of a failed value service to the plugin. */
static int value_status(const saber_context *ctx, int status)
{
    if (status == SABER_ERROR_INVALID || status == SABER_ERROR_RANGE)
        return forward_error(ctx, status);
    return status;
}

static int host_set_continuous(const saber_context *ctx, size_t dim,
                               double value, saber_dict *point)
{
    return value_status(ctx, space_set_continuous(ctx->space, dim, value,
                                                  point));
}

static int host_dim_number(const saber_context *ctx, size_t dim, uint64_t k,
                           double *out)
{
    return value_status(ctx, space_dim_number(ctx->space, dim, k, out));
}

static int host_value_index(const saber_context *ctx, size_t dim,
                            const saber_dict *point, uint64_t *k)
{
    return value_status(ctx, space_value_index(ctx->space, dim, point, k));
}

/* Logs a drawn seed the first time the plugin uses the generator, so a
 * run that relies on randomness can be repeated, and one that does not
 * (grid) stays quiet. */
static void announce_seed(saber_context *ctx)
{
    if (!ctx->seed_drawn)
        return;
    ctx->seed_drawn = 0;
    log_info("no seed in the sampler: block, so seed %" PRIu64 " was drawn; "
             "add 'seed: %" PRIu64 "' there to repeat this run", ctx->seed,
             ctx->seed);
}

static uint64_t host_rng_next(saber_context *ctx)
{
    announce_seed(ctx);
    return rng_next(&ctx->random);
}

static double host_rng_uniform(saber_context *ctx)
{
    announce_seed(ctx);
    return rng_uniform(&ctx->random);
}

static uint64_t host_rng_below(saber_context *ctx, uint64_t n)
{
    announce_seed(ctx);
    return n ? rng_below(&ctx->random, n) : 0;
}

static double host_rng_normal(saber_context *ctx)
{
    announce_seed(ctx);
    return rng_normal(&ctx->random);
}

static void host_log(saber_context *ctx, saber_log_level level,
                     const char *format, ...)
{
    va_list args;

    if (level > SABER_LOG_ERROR)
        level = SABER_LOG_ERROR;
    va_start(args, format);
    log_msgv(level, ctx->method, format, args);
    va_end(args);
}

static void set_errorv(saber_context *ctx, const char *option,
                       const char *format, va_list args)
{
    size_t line, column;

    strbuf_reset(&ctx->error);
    strbuf_reset(&ctx->error_position);
    if (option && ctx->params && ctx->params->sampler) {
        /* A missing option is placed at the sampler: block. */
        line = ctx->params->sampler->line;
        column = ctx->params->sampler->column;
        params_option_position(ctx->params, option, &line, &column);
        strbuf_printf(&ctx->error_position, "%s:%zu:%zu: ", ctx->params->path,
                      line, column);
    }
    strbuf_vprintf(&ctx->error, format, args);
    ctx->error_set = 1;
}

static void host_set_error(saber_context *ctx, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    set_errorv(ctx, NULL, format, args);
    va_end(args);
}

static void host_set_option_error(saber_context *ctx, const char *option,
                                  const char *format, ...)
{
    va_list args;

    va_start(args, format);
    set_errorv(ctx, option, format, args);
    va_end(args);
}

static saber_goal host_goal(const saber_context *ctx)
{
    return ctx->params ? ctx->params->goal : SABER_GOAL_MINIMIZE;
}

const saber_host_api host_api = {
    SABER_ABI_MAJOR,
    SABER_ABI_MINOR,
    dict_new,
    dict_free,
    dict_clear,
    dict_copy,
    dict_set_null,
    dict_set_bool,
    dict_set_int,
    dict_set_real,
    dict_set_text,
    dict_count,
    dict_key_at,
    dict_type,
    dict_get_bool,
    dict_get_int,
    dict_get_real,
    dict_get_text,
    space_dims,
    space_dim_name,
    host_dim_size,
    host_dim_value,
    host_grid_size,
    host_decode,
    host_rng_next,
    host_rng_uniform,
    host_rng_below,
    host_log,
    host_set_error,
    host_set_option_error,
    host_goal,
    host_dim_kind,
    host_dim_bounds,
    host_set_continuous,
    host_dim_number,
    host_value_index,
    host_rng_normal,
};

void host_context_init(saber_context *ctx, const char *method,
                       const params *p, space *s, uint64_t seed)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->seed = seed;
    ctx->seed_drawn = p && !p->has_seed;
    ctx->method = method;
    ctx->params = p;
    ctx->space = s;
    rng_seed(&ctx->random, seed);
}

void host_context_release(saber_context *ctx)
{
    strbuf_release(&ctx->error);
    strbuf_release(&ctx->error_position);
}

void host_context_clear_error(saber_context *ctx)
{
    if (!ctx->error_set)
        return;
    strbuf_reset(&ctx->error);
    strbuf_reset(&ctx->error_position);
    ctx->error_set = 0;
}

/* Returns the name of an error status, for messages. */
static const char *status_name(int status)
{
    switch (status) {
    case SABER_ERROR: return "SABER_ERROR";
    case SABER_ERROR_NOMEM: return "SABER_ERROR_NOMEM";
    case SABER_ERROR_INVALID: return "SABER_ERROR_INVALID";
    case SABER_ERROR_NOTFOUND: return "SABER_ERROR_NOTFOUND";
    case SABER_ERROR_TYPE: return "SABER_ERROR_TYPE";
    case SABER_ERROR_RANGE: return "SABER_ERROR_RANGE";
    default: return "an unknown status";
    }
}

int host_context_report(saber_context *ctx, const char *entry_point, int status)
{
    if (ctx->error_set && ctx->error.length)
        error_set("%s%s: %s", strbuf_str(&ctx->error_position), ctx->method,
                  strbuf_str(&ctx->error));
    else
        error_set("%s: %s() returned %s without a message; report this to "
                  "the plugin's authors", ctx->method, entry_point,
                  status_name(status));
    return -1;
}
