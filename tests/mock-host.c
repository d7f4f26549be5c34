/* mock-host.c - a host for sampler plugins written from the ABI alone. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mock-host.h"

/* ---- dictionaries ---- */

typedef struct mock_entry {
    char *key;
    saber_value_type type;
    int64_t integer;
    double real;
    char *text;
} mock_entry;

struct saber_dict {
    mock_entry *entries;
    size_t count;
};

static saber_dict *dict_new(void)
{
    return calloc(1, sizeof(saber_dict));
}

static int dict_clear(saber_dict *dict)
{
    for (size_t i = 0; i < dict->count; i++) {
        free(dict->entries[i].key);
        free(dict->entries[i].text);
    }
    dict->count = 0;
    return SABER_OK;
}

static void dict_free(saber_dict *dict)
{
    if (!dict)
        return;
    dict_clear(dict);
    free(dict->entries);
    free(dict);
}

static mock_entry *find(const saber_dict *dict, const char *key)
{
    for (size_t i = 0; i < dict->count; i++) {
        if (strcmp(dict->entries[i].key, key) == 0)
            return &dict->entries[i];
    }
    return NULL;
}

/* Sets key to a value with its text; text is copied. */
static int set_value(saber_dict *dict, const char *key, saber_value_type type,
                     int64_t integer, double real, const char *text)
{
    mock_entry *e = find(dict, key);
    char *copy = strdup(text);

    if (!copy)
        return SABER_ERROR_NOMEM;
    if (!e) {
        mock_entry *grown = realloc(dict->entries,
                                    (dict->count + 1) * sizeof *grown);

        if (!grown || !(grown[dict->count].key = strdup(key))) {
            if (grown)
                dict->entries = grown;
            free(copy);
            return SABER_ERROR_NOMEM;
        }
        dict->entries = grown;
        e = &dict->entries[dict->count++];
        e->text = NULL;
    }
    free(e->text);
    e->type = type;
    e->integer = integer;
    e->real = real;
    e->text = copy;
    return SABER_OK;
}

/* Writes the shortest %g form of value that reads back as value, with
 * ".0" added to an integral value, as Python writes floats. */
static void format_real(double value, char out[40])
{
    for (int digits = 1; digits <= 17; digits++) {
        snprintf(out, 40, "%.*g", digits, value);
        if (strtod(out, NULL) == value)
            break;
    }
    if (isfinite(value) && !strpbrk(out, ".e"))
        strcat(out, ".0");
}

static int dict_copy(saber_dict *dst, const saber_dict *src)
{
    dict_clear(dst);
    for (size_t i = 0; i < src->count; i++) {
        const mock_entry *e = &src->entries[i];
        int status = set_value(dst, e->key, e->type, e->integer, e->real,
                               e->text);

        if (status != SABER_OK)
            return status;
    }
    return SABER_OK;
}

static int dict_set_null(saber_dict *dict, const char *key)
{
    return set_value(dict, key, SABER_VALUE_NULL, 0, 0, "None");
}

static int dict_set_bool(saber_dict *dict, const char *key, int value)
{
    return set_value(dict, key, SABER_VALUE_BOOL, value != 0, 0,
                     value ? "True" : "False");
}

static int dict_set_int(saber_dict *dict, const char *key, int64_t value)
{
    char text[24];

    snprintf(text, sizeof text, "%lld", (long long)value);
    return set_value(dict, key, SABER_VALUE_INT, value, 0, text);
}

static int dict_set_real(saber_dict *dict, const char *key, double value)
{
    char text[40];

    format_real(value, text);
    return set_value(dict, key, SABER_VALUE_REAL, 0, value, text);
}

static int dict_set_text(saber_dict *dict, const char *key, const char *text)
{
    return set_value(dict, key, SABER_VALUE_TEXT, 0, 0, text);
}

static size_t dict_count(const saber_dict *dict)
{
    return dict->count;
}

static const char *dict_key_at(const saber_dict *dict, size_t index)
{
    return index < dict->count ? dict->entries[index].key : NULL;
}

static saber_value_type dict_type(const saber_dict *dict, const char *key)
{
    const mock_entry *e = find(dict, key);

    return e ? e->type : SABER_VALUE_MISSING;
}

static int dict_get_bool(const saber_dict *dict, const char *key, int *out)
{
    const mock_entry *e = find(dict, key);

    if (!e)
        return SABER_ERROR_NOTFOUND;
    if (e->type != SABER_VALUE_BOOL)
        return SABER_ERROR_TYPE;
    *out = (int)e->integer;
    return SABER_OK;
}

static int dict_get_int(const saber_dict *dict, const char *key, int64_t *out)
{
    const mock_entry *e = find(dict, key);

    if (!e)
        return SABER_ERROR_NOTFOUND;
    if (e->type != SABER_VALUE_INT)
        return SABER_ERROR_TYPE;
    *out = e->integer;
    return SABER_OK;
}

static int dict_get_real(const saber_dict *dict, const char *key, double *out)
{
    const mock_entry *e = find(dict, key);

    if (!e)
        return SABER_ERROR_NOTFOUND;
    if (e->type == SABER_VALUE_INT)
        *out = (double)e->integer;
    else if (e->type == SABER_VALUE_REAL)
        *out = e->real;
    else
        return SABER_ERROR_TYPE;
    return SABER_OK;
}

static int dict_get_text(const saber_dict *dict, const char *key,
                         const char **out)
{
    const mock_entry *e = find(dict, key);

    if (!e)
        return SABER_ERROR_NOTFOUND;
    *out = e->text;
    return SABER_OK;
}

/* ---- the context and its space ---- */

typedef struct mock_dim {
    char *name;
    saber_dim_kind kind;
    double low, high;   /* continuous */
    int log_scale, integer;
    size_t count;       /* discrete: values */
    int *numeric;       /* discrete: value k is a number */
    double *numbers;    /* discrete: the number of value k */
    char **texts;       /* discrete: the text of value k */
} mock_dim;

struct saber_context {
    mock_dim *dims;
    size_t dim_count;
    uint64_t rng[4];
    saber_goal goal;
    char error[1024];
    char *error_option;
    size_t logged[4];
};

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

saber_context *mock_context_new(uint64_t seed)
{
    saber_context *ctx = calloc(1, sizeof *ctx);

    if (!ctx)
        abort();
    for (int i = 0; i < 4; i++)
        ctx->rng[i] = splitmix(&seed);
    return ctx;
}

void mock_context_free(saber_context *ctx)
{
    for (size_t d = 0; d < ctx->dim_count; d++) {
        mock_dim *dim = &ctx->dims[d];

        for (size_t k = 0; k < dim->count; k++)
            free(dim->texts[k]);
        free(dim->texts);
        free(dim->numbers);
        free(dim->numeric);
        free(dim->name);
    }
    free(ctx->dims);
    free(ctx->error_option);
    free(ctx);
}

void mock_context_set_goal(saber_context *ctx, saber_goal goal)
{
    ctx->goal = goal;
}

static mock_dim *add_dim(saber_context *ctx, const char *name,
                         saber_dim_kind kind, size_t count)
{
    mock_dim *dims = realloc(ctx->dims, (ctx->dim_count + 1) * sizeof *dims);
    mock_dim *d;

    if (!dims)
        abort();
    ctx->dims = dims;
    d = &dims[ctx->dim_count++];
    memset(d, 0, sizeof *d);
    d->name = strdup(name);
    d->kind = kind;
    d->count = count;
    d->numeric = calloc(count + 1, sizeof *d->numeric);
    d->numbers = calloc(count + 1, sizeof *d->numbers);
    d->texts = calloc(count + 1, sizeof *d->texts);
    if (!d->name || !d->numeric || !d->numbers || !d->texts)
        abort();
    return d;
}

void mock_space_add_continuous(saber_context *ctx, const char *name,
                               double low, double high, int log_scale,
                               int integer)
{
    mock_dim *d = add_dim(ctx, name, SABER_DIM_CONTINUOUS, 0);

    d->low = low;
    d->high = high;
    d->log_scale = log_scale;
    d->integer = integer;
}

/* Gives value k of d the number value, written as an int when integer. */
static void set_number(mock_dim *d, size_t k, double value, int integer)
{
    char text[40];

    if (integer)
        snprintf(text, sizeof text, "%lld", (long long)value);
    else
        format_real(value, text);
    d->numeric[k] = 1;
    d->numbers[k] = value;
    d->texts[k] = strdup(text);
}

void mock_space_add_arange(saber_context *ctx, const char *name, double start,
                           double step, uint64_t count)
{
    mock_dim *d = add_dim(ctx, name, SABER_DIM_ARANGE, count);
    int integer = start == floor(start) && step == floor(step);

    for (size_t k = 0; k < count; k++)
        set_number(d, k, start + (double)k * step, integer);
}

void mock_space_add_numbers(saber_context *ctx, const char *name,
                            saber_dim_kind kind, const double *values,
                            size_t count)
{
    mock_dim *d = add_dim(ctx, name, kind, count);

    for (size_t k = 0; k < count; k++)
        set_number(d, k, values[k], 0);
}

void mock_space_add_texts(saber_context *ctx, const char *name,
                          saber_dim_kind kind, const char *const *texts,
                          size_t count)
{
    mock_dim *d = add_dim(ctx, name, kind, count);

    for (size_t k = 0; k < count; k++)
        d->texts[k] = strdup(texts[k]);
}

const char *mock_context_error(const saber_context *ctx)
{
    return ctx->error;
}

const char *mock_context_error_option(const saber_context *ctx)
{
    return ctx->error_option;
}

size_t mock_context_log_count(const saber_context *ctx, saber_log_level level)
{
    size_t count = 0;

    for (int l = (int)level; l <= SABER_LOG_ERROR; l++)
        count += ctx->logged[l];
    return count;
}

/* ---- space services ---- */

static size_t space_dims(const saber_context *ctx)
{
    return ctx->dim_count;
}

static const char *space_dim_name(const saber_context *ctx, size_t dim)
{
    return dim < ctx->dim_count ? ctx->dims[dim].name : NULL;
}

static uint64_t space_dim_size(const saber_context *ctx, size_t dim)
{
    return dim < ctx->dim_count ? ctx->dims[dim].count : 0;
}

static int set_discrete(const mock_dim *d, uint64_t k, saber_dict *point)
{
    if (!d->numeric[k])
        return set_value(point, d->name, SABER_VALUE_TEXT, 0, 0, d->texts[k]);
    if (strpbrk(d->texts[k], ".en"))
        return set_value(point, d->name, SABER_VALUE_REAL, 0, d->numbers[k],
                         d->texts[k]);
    return set_value(point, d->name, SABER_VALUE_INT, (int64_t)d->numbers[k], 0,
                     d->texts[k]);
}

static int space_dim_value(const saber_context *ctx, size_t dim, uint64_t k,
                           saber_dict *point)
{
    if (dim >= ctx->dim_count || k >= ctx->dims[dim].count)
        return SABER_ERROR_NOTFOUND;
    return set_discrete(&ctx->dims[dim], k, point);
}

static void set_message(const saber_context *ctx, const char *option,
                        const char *format, va_list args)
{
    saber_context *own = (saber_context *)ctx;

    vsnprintf(own->error, sizeof own->error, format, args);
    free(own->error_option);
    own->error_option = option ? strdup(option) : NULL;
}

static void host_message(const saber_context *ctx, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    set_message(ctx, NULL, format, args);
    va_end(args);
}

static int space_grid_size(const saber_context *ctx, uint64_t *size)
{
    uint64_t product = 1;

    for (size_t d = 0; d < ctx->dim_count; d++) {
        if (ctx->dims[d].kind == SABER_DIM_CONTINUOUS) {
            host_message(ctx, "'%s' is continuous", ctx->dims[d].name);
            return SABER_ERROR_INVALID;
        }
        product *= ctx->dims[d].count;
    }
    *size = product;
    return SABER_OK;
}

static int space_decode(const saber_context *ctx, uint64_t index,
                        saber_dict *point)
{
    uint64_t size;
    int status = space_grid_size(ctx, &size);

    if (status != SABER_OK)
        return status;
    if (index >= size)
        return SABER_ERROR_NOTFOUND;
    for (size_t d = ctx->dim_count; d-- > 0;) {
        status = set_discrete(&ctx->dims[d], index % ctx->dims[d].count, point);
        if (status != SABER_OK)
            return status;
        index /= ctx->dims[d].count;
    }
    return SABER_OK;
}

static saber_dim_kind space_dim_kind(const saber_context *ctx, size_t dim)
{
    return dim < ctx->dim_count ? ctx->dims[dim].kind : SABER_DIM_NONE;
}

static int space_dim_bounds(const saber_context *ctx, size_t dim, double *low,
                            double *high, int *log_scale, int *integer)
{
    const mock_dim *d;

    if (dim >= ctx->dim_count)
        return SABER_ERROR_NOTFOUND;
    d = &ctx->dims[dim];
    if (d->kind != SABER_DIM_CONTINUOUS) {
        host_message(ctx, "'%s' is not continuous", d->name);
        return SABER_ERROR_INVALID;
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

static int space_set_continuous(const saber_context *ctx, size_t dim,
                                double value, saber_dict *point)
{
    const mock_dim *d;

    if (dim >= ctx->dim_count)
        return SABER_ERROR_NOTFOUND;
    d = &ctx->dims[dim];
    if (d->kind != SABER_DIM_CONTINUOUS) {
        host_message(ctx, "'%s' is not continuous", d->name);
        return SABER_ERROR_INVALID;
    }
    if (d->integer)
        value = round(value);
    if (!(value >= d->low && value <= d->high)) {
        host_message(ctx, "%.17g is outside [%g, %g] of '%s'", value, d->low,
                     d->high, d->name);
        return SABER_ERROR_RANGE;
    }
    if (d->integer)
        return dict_set_int(point, d->name, (int64_t)value);
    return dict_set_real(point, d->name, value);
}

static int space_dim_number(const saber_context *ctx, size_t dim, uint64_t k,
                            double *out)
{
    const mock_dim *d;

    if (dim >= ctx->dim_count)
        return SABER_ERROR_NOTFOUND;
    d = &ctx->dims[dim];
    if (d->kind == SABER_DIM_CONTINUOUS) {
        host_message(ctx, "'%s' is continuous", d->name);
        return SABER_ERROR_INVALID;
    }
    if (k >= d->count)
        return SABER_ERROR_NOTFOUND;
    if (!d->numeric[k])
        return SABER_ERROR_TYPE;
    *out = d->numbers[k];
    return SABER_OK;
}

static int space_value_index(const saber_context *ctx, size_t dim,
                             const saber_dict *point, uint64_t *k)
{
    const mock_dim *d;
    const mock_entry *e;

    if (dim >= ctx->dim_count)
        return SABER_ERROR_NOTFOUND;
    d = &ctx->dims[dim];
    if (d->kind == SABER_DIM_CONTINUOUS) {
        host_message(ctx, "'%s' is continuous", d->name);
        return SABER_ERROR_INVALID;
    }
    e = find(point, d->name);
    for (size_t i = 0; e && i < d->count; i++) {
        if (strcmp(d->texts[i], e->text) == 0) {
            *k = i;
            return SABER_OK;
        }
    }
    return SABER_ERROR_NOTFOUND;
}

/* ---- random numbers (xoshiro256**) ---- */

static uint64_t rotate(uint64_t x, int bits)
{
    return (x << bits) | (x >> (64 - bits));
}

static uint64_t rng_next(saber_context *ctx)
{
    uint64_t *s = ctx->rng;
    uint64_t result = rotate(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotate(s[3], 45);
    return result;
}

static double rng_uniform(saber_context *ctx)
{
    return (double)(rng_next(ctx) >> 11) * 0x1.0p-53;
}

static uint64_t rng_below(saber_context *ctx, uint64_t n)
{
    uint64_t threshold = (0 - n) % n;
    uint64_t x;

    do
        x = rng_next(ctx);
    while (x < threshold);
    return x % n;
}

static double rng_normal(saber_context *ctx)
{
    double radius = sqrt(-2.0 * log(1.0 - rng_uniform(ctx)));

    return radius * cos(6.283185307179586 * rng_uniform(ctx));
}

/* ---- messages ---- */

static void host_log(saber_context *ctx, saber_log_level level,
                     const char *format, ...)
{
    (void)format;
    if ((int)level >= 0 && level <= SABER_LOG_ERROR)
        ctx->logged[level]++;
}

static void set_error(saber_context *ctx, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    set_message(ctx, NULL, format, args);
    va_end(args);
}

static void set_option_error(saber_context *ctx, const char *option,
                             const char *format, ...)
{
    va_list args;

    va_start(args, format);
    set_message(ctx, option, format, args);
    va_end(args);
}

static saber_goal goal(const saber_context *ctx)
{
    return ctx->goal;
}

const saber_host_api mock_host_api = {
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
    space_dim_size,
    space_dim_value,
    space_grid_size,
    space_decode,
    rng_next,
    rng_uniform,
    rng_below,
    host_log,
    set_error,
    set_option_error,
    goal,
    space_dim_kind,
    space_dim_bounds,
    space_set_continuous,
    space_dim_number,
    space_value_index,
    rng_normal,
};
