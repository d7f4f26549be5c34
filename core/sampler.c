/* sampler.c - driving a sampler plugin through its descriptor. */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "error.h"
#include "log.h"
#include "rng.h"
#include "sampler.h"
#include "strbuf.h"

static int option_declared(const saber_sampler_descriptor *d, const char *name)
{
    if (!d->options)
        return 0;
    for (const char *const *option = d->options; *option; option++) {
        if (strcmp(*option, name) == 0)
            return 1;
    }
    return 0;
}

static void list_options(const saber_sampler_descriptor *d, strbuf *out)
{
    size_t count = 0;

    if (d->options) {
        for (const char *const *option = d->options; *option; option++)
            strbuf_printf(out, "%s%s", count++ ? ", " : "", *option);
    }
    if (!count)
        strbuf_puts(out, "none beyond method, goal and seed");
}

/* Rejects sampler: options the plugin does not declare. */
static int check_options(const sampler *s, const params *p)
{
    const saber_sampler_descriptor *d = s->plugin.descriptor;

    for (size_t i = 0; i < dict_count(p->options); i++) {
        const char *name = dict_key_at(p->options, i);
        strbuf known = STRBUF_INIT;
        size_t line = 0, column = 0;

        if (option_declared(d, name))
            continue;
        params_option_position(p, name, &line, &column);
        list_options(d, &known);
        error_set("%s:%zu:%zu: unknown option '%s' for sampler method '%s'; "
                  "it accepts: %s", p->path, line, column, name, d->method,
                  strbuf_str(&known));
        strbuf_release(&known);
        return -1;
    }
    return 0;
}

/* Returns the descriptor's flags; a plugin built for ABI 1.0 has none, and
 * its descriptor ends before the member. */
static uint32_t descriptor_flags(const saber_sampler_descriptor *d)
{
    return d->abi_minor >= 1 ? d->flags : 0;
}

/* Rejects a space with a continuous dimension for a plugin that does not
 * declare it samples them. */
static int check_continuous(const sampler *s, const params *p)
{
    const saber_sampler_descriptor *d = s->plugin.descriptor;
    size_t dim = space_first_continuous(&p->space);
    const space_dim *c;

    if (dim == p->space.dim_count ||
        (descriptor_flags(d) & SABER_SAMPLER_CONTINUOUS))
        return 0;
    c = &p->space.dims[dim];
    if (d->abi_minor == 0)
        error_set("%s:%zu:%zu: metaparameter '%s' is a continuous range, "
                  "which method '%s' cannot sample because its plugin was built "
                  "for sampler ABI 1.0; use a method such as random or tpe, "
                  "or rebuild the plugin against ABI 1.1", p->path,
                  c->line, c->column, c->name, d->method);
    else
        error_set("%s:%zu:%zu: metaparameter '%s' is a continuous range, "
                  "which method '%s' cannot sample; give it start, stop and "
                  "step, or use a method such as random or tpe", p->path,
                  c->line, c->column, c->name, d->method);
    return -1;
}

uint64_t sampler_seed(const params *p)
{
    return p->has_seed ? p->seed : rng_fresh_seed();
}

static void prefix_method_position(const params *p)
{
    size_t line = 0, column = 0;

    params_option_position(p, "method", &line, &column);
    error_prefix("%s:%zu:%zu", p->path, line, column);
}

int sampler_load(sampler *s, const plugin_dirs *dirs, const params *p)
{
    memset(s, 0, sizeof *s);
    if (plugin_open(dirs, p->method, &s->plugin) < 0) {
        prefix_method_position(p);
        return -1;
    }
    if (check_options(s, p) < 0 || check_continuous(s, p) < 0)
        goto fail;
    s->positions = calloc(p->space.dim_count + 1, sizeof *s->positions);
    if (!s->positions) {
        error_nomem();
        goto fail;
    }
    return 0;

fail:
    sampler_close(s);
    return -1;
}

int sampler_start(sampler *s, params *p, uint64_t seed)
{
    const saber_sampler_descriptor *d = s->plugin.descriptor;
    int status;

    s->seed = seed;
    host_context_init(&s->ctx, d->method, p, &p->space, seed);
    status = d->create(&host_api, &s->ctx, p->options, &s->state);
    if (status != SABER_OK) {
        host_context_report(&s->ctx, "create", status);
        sampler_close(s);
        return -1;
    }
    s->created = 1;
    return 0;
}

int sampler_open(sampler *s, const plugin_dirs *dirs, params *p, uint64_t seed)
{
    if (sampler_load(s, dirs, p) < 0)
        return -1;
    return sampler_start(s, p, seed);
}

static int protocol_error(sampler *s, const char *what)
{
    error_set("%s: %s", s->plugin.descriptor->method, what);
    return -1;
}

int sampler_next(sampler *s, saber_dict *point, sample_event *event)
{
    int status;

    if (s->done) {
        *event = SAMPLE_DONE;
        return 0;
    }
    dict_clear(point);
    host_context_clear_error(&s->ctx);
    status = s->plugin.descriptor->sample(s->state, point);

    switch (status) {
    case SABER_OK:
        if (space_check_point(s->ctx.space, point, s->positions) < 0) {
            error_prefix("%s: invalid point", s->plugin.descriptor->method);
            return -1;
        }
        s->batch_points++;
        *event = SAMPLE_POINT;
        return 0;
    case SABER_BATCH_END:
        if (s->batch_points == 0)
            return protocol_error(s, "sample() ended a batch that holds no "
                                     "point");
        s->batch_points = 0;
        *event = SAMPLE_BATCH_END;
        return 0;
    case SABER_DONE:
        s->done = 1;
        *event = SAMPLE_DONE;
        return 0;
    default:
        if (status > 0)
            return protocol_error(s, "sample() returned an unknown status");
        return host_context_report(&s->ctx, "sample", status);
    }
}

int sampler_update(sampler *s, const saber_dict *const *rows, size_t count)
{
    int status;

    s->batch_points = 0;
    host_context_clear_error(&s->ctx);
    status = s->plugin.descriptor->update(s->state, rows, count);
    if (status < 0)
        return host_context_report(&s->ctx, "update", status);
    return 0;
}

void sampler_close(sampler *s)
{
    if (s->created)
        s->plugin.descriptor->destroy(s->state);
    if (s->plugin.descriptor)
        host_context_release(&s->ctx);
    plugin_close(&s->plugin);
    free(s->positions);
    memset(s, 0, sizeof *s);
}
