/*
 * saber/sampler.h - the sampler plugin ABI of saber-opt.
 *
 * A sampler plugin is a libtool module named after its method
 * (method "batch-grid" is the module batch-grid.la / batch-grid.so).  It
 * exports exactly one symbol, a const saber_sampler_descriptor, under the
 * name MODULE_LTX_saber_sampler, where MODULE is the file name with every
 * character other than a letter or digit replaced by '_'
 * (batch_grid_LTX_saber_sampler).  SABER_SAMPLER_ENTRY() spells that name.
 * A module that exports the plain name saber_sampler also loads.
 *
 * The plugin links against nothing of saber-opt.  Everything it needs from
 * the host (dictionaries, the search space, random numbers, logging, error
 * reporting) arrives as a const table of function pointers in create().
 *
 * Compatibility: the host loads a plugin whose abi_major equals
 * SABER_ABI_MAJOR and whose abi_minor is not newer than the host's.  Both
 * saber_sampler_descriptor and saber_host_api grow only at their end, and
 * every addition is marked with the minor version that added it, so a plugin
 * may use every member of the minor version it was built against.
 *
 * Ownership words used below:
 *   borrowed     the callee may read it during the call only, or for the
 *                period stated; the owner frees it.
 *   copied       the callee keeps its own copy; the caller keeps ownership.
 *   transferred  ownership passes to the receiver, who must free it as stated.
 */
#ifndef SABER_SAMPLER_H
#define SABER_SAMPLER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI version this header describes. */
#define SABER_ABI_MAJOR 1
#define SABER_ABI_MINOR 1

/* The exported descriptor's name for module MODULE (letters, digits, '_'). */
#define SABER_SAMPLER_ENTRY(module) module##_LTX_saber_sampler

/*
 * Return codes of every plugin entry point and host service that can fail.
 * Zero and positive values are outcomes, negative values are errors.  Any
 * error returned by a plugin should come with a message set through
 * saber_host_api.set_error() or set_option_error().
 */
typedef enum saber_status {
    SABER_OK = 0,           /* success; sample(): a point was written */
    SABER_BATCH_END = 1,    /* sample(): the current batch is complete */
    SABER_DONE = 2,         /* sample(): the sampler has no more points */
    SABER_ERROR = -1,       /* failure described by the message */
    SABER_ERROR_NOMEM = -2, /* out of memory */
    SABER_ERROR_INVALID = -3, /* invalid argument, option or protocol step */
    SABER_ERROR_NOTFOUND = -4, /* no such key, dimension or index */
    SABER_ERROR_TYPE = -5,  /* the value exists but has another type */
    SABER_ERROR_RANGE = -6  /* a number is out of range or overflows */
} saber_status;

/* The type of a value held in a dictionary. */
typedef enum saber_value_type {
    SABER_VALUE_MISSING = 0, /* no such key */
    SABER_VALUE_NULL = 1,    /* YAML null; its text is "None" */
    SABER_VALUE_BOOL = 2,    /* its text is "True" or "False" */
    SABER_VALUE_INT = 3,     /* a signed 64-bit integer */
    SABER_VALUE_REAL = 4,    /* a double; its text is Python's repr(), "0.1" */
    SABER_VALUE_TEXT = 5     /* a NUL-terminated UTF-8 string */
} saber_value_type;

typedef enum saber_log_level {
    SABER_LOG_DEBUG = 0,
    SABER_LOG_INFO = 1,
    SABER_LOG_WARNING = 2,
    SABER_LOG_ERROR = 3
} saber_log_level;

/* Whether a lower or a higher score is better, from "goal:" in sampler:. */
typedef enum saber_goal {
    SABER_GOAL_MINIMIZE = 0,
    SABER_GOAL_MAXIMIZE = 1
} saber_goal;

/* The kind of a dimension of the search space (ABI 1.1). */
typedef enum saber_dim_kind {
    SABER_DIM_NONE = 0,      /* no such dimension */
    SABER_DIM_ARANGE = 1,    /* range: {start, stop, step}: ordered numbers */
    SABER_DIM_LIST = 2,      /* range: [...]: values in the order written */
    SABER_DIM_CHOICES = 3,   /* choices: [...]: unordered categories */
    SABER_DIM_CONTINUOUS = 4 /* range: {low, high}: an interval, no grid */
} saber_dim_kind;

/*
 * Flags of saber_sampler_descriptor.flags (ABI 1.1).
 * SABER_SAMPLER_CONTINUOUS: the plugin samples continuous dimensions.
 * Without it, the host rejects a search space that has one before
 * create(), with a message naming the dimension and the method.  A plugin
 * built for ABI 1.0 has no flags, so the host rejects such a space for it
 * too.
 */
#define SABER_SAMPLER_CONTINUOUS 0x1u

/*
 * A dictionary: string keys in insertion order, each with one typed value.
 * Setting an existing key replaces its value in place.  Every value also
 * has a text form, the exact text a workflow step receives for it.
 */
typedef struct saber_dict saber_dict;

/* The host's state for one plugin instance; passed back to every service. */
typedef struct saber_context saber_context;

#if defined(__GNUC__) || defined(__clang__)
#define SABER_PRINTF(fmt, first) __attribute__((format(printf, fmt, first)))
#else
#define SABER_PRINTF(fmt, first)
#endif

/*
 * The services the host offers a plugin.  The table is borrowed: it stays
 * valid from create() until destroy() returns, and so does every
 * saber_context pointer.  Unless stated otherwise, a service returns a
 * saber_status.
 */
typedef struct saber_host_api {
    /* ABI 1.0 */
    uint32_t abi_major; /* the host's SABER_ABI_MAJOR */
    uint32_t abi_minor; /* the host's SABER_ABI_MINOR */

    /* --- Dictionaries (ABI 1.0) --- */

    /* Returns a new empty dictionary, transferred to the caller, who frees
     * it with dict_free().  Returns NULL when out of memory. */
    saber_dict *(*dict_new)(void);
    /* Frees a dictionary made by dict_new().  NULL is allowed.  Never pass
     * a dictionary the host lent to the plugin. */
    void (*dict_free)(saber_dict *dict);
    /* Removes every key. */
    int (*dict_clear)(saber_dict *dict);
    /* Replaces the content of dst by a copy of src. */
    int (*dict_copy)(saber_dict *dst, const saber_dict *src);

    /* Set key to a value; key and text are copied.  SABER_ERROR_NOMEM
     * leaves the dictionary as it was. */
    int (*dict_set_null)(saber_dict *dict, const char *key);
    int (*dict_set_bool)(saber_dict *dict, const char *key, int value);
    int (*dict_set_int)(saber_dict *dict, const char *key, int64_t value);
    int (*dict_set_real)(saber_dict *dict, const char *key, double value);
    int (*dict_set_text)(saber_dict *dict, const char *key, const char *text);

    /* Returns the number of keys. */
    size_t (*dict_count)(const saber_dict *dict);
    /* Returns the key at position index (insertion order), or NULL past the
     * end.  Borrowed: valid until the dictionary is next modified. */
    const char *(*dict_key_at)(const saber_dict *dict, size_t index);
    /* Returns the type of key's value, SABER_VALUE_MISSING when absent. */
    saber_value_type (*dict_type)(const saber_dict *dict, const char *key);

    /* Read key's value.  SABER_ERROR_NOTFOUND when the key is absent,
     * SABER_ERROR_TYPE when the value does not convert; *out is then left
     * unchanged.  get_bool accepts BOOL only, get_int INT only, get_real
     * INT and REAL. */
    int (*dict_get_bool)(const saber_dict *dict, const char *key, int *out);
    int (*dict_get_int)(const saber_dict *dict, const char *key, int64_t *out);
    int (*dict_get_real)(const saber_dict *dict, const char *key, double *out);
    /* Stores the text form of any value in *out.  Borrowed: valid until the
     * key is next set or removed. */
    int (*dict_get_text)(const saber_dict *dict, const char *key,
                         const char **out);

    /* --- The search space (ABI 1.0) --- */
    /*
     * Dimensions are the metaparameters of the parameterize file, in file
     * order.  Dimension d has dim_size(d) values; the grid is their
     * Cartesian product, ordered with the last dimension varying fastest,
     * and grid index i names one point of it.  Nothing is materialized:
     * points are decoded from their index.
     */

    /* Returns the number of dimensions. */
    size_t (*space_dims)(const saber_context *ctx);
    /* Returns dimension dim's name, NULL when dim is out of range.
     * Borrowed: valid until destroy(). */
    const char *(*space_dim_name)(const saber_context *ctx, size_t dim);
    /* Returns the number of values of dimension dim, 0 when dim is out of
     * range or (ABI 1.1) continuous. */
    uint64_t (*space_dim_size)(const saber_context *ctx, size_t dim);
    /* Sets point[name of dim] to the dimension's value number k.
     * SABER_ERROR_NOTFOUND when dim or k is out of range. */
    int (*space_dim_value)(const saber_context *ctx, size_t dim, uint64_t k,
                           saber_dict *point);
    /* Stores the number of grid points in *size; SABER_ERROR_RANGE when it
     * exceeds UINT64_MAX.  ABI 1.1: SABER_ERROR_INVALID, with a message
     * naming the dimension, when a dimension is continuous. */
    int (*space_grid_size)(const saber_context *ctx, uint64_t *size);
    /* Sets one key per dimension in point to grid point number index.
     * SABER_ERROR_NOTFOUND when index is not below the grid size.  ABI 1.1:
     * SABER_ERROR_INVALID, with a message naming the dimension, when a
     * dimension is continuous. */
    int (*space_decode)(const saber_context *ctx, uint64_t index,
                        saber_dict *point);

    /* --- Random numbers (ABI 1.0) --- */
    /*
     * One generator per plugin instance, seeded from "seed:" in the
     * sampler: block (or from a seed the host draws and records), so the
     * same seed and the same result rows give the same draws.
     */

    /* Returns 64 random bits. */
    uint64_t (*rng_next)(saber_context *ctx);
    /* Returns a double uniform on [0, 1) with 53 random bits. */
    double (*rng_uniform)(saber_context *ctx);
    /* Returns an integer uniform on [0, n); n must be positive. */
    uint64_t (*rng_below)(saber_context *ctx, uint64_t n);

    /* --- Messages (ABI 1.0) --- */

    /* Logs a message; the host prefixes the plugin's method name.  The
     * format and its arguments are borrowed. */
    void (*log)(saber_context *ctx, saber_log_level level, const char *format,
                ...) SABER_PRINTF(3, 4);
    /* Sets the message that goes with the error the current call is about
     * to return; the text is copied and a later call replaces it.  The host
     * shows it once, prefixed with the plugin's method name. */
    void (*set_error)(saber_context *ctx, const char *format, ...)
        SABER_PRINTF(2, 3);
    /* As set_error(), for an invalid or missing sampler option `option`:
     * the host adds the file, line and column of that option, or of the
     * sampler: block when the option is missing. */
    void (*set_option_error)(saber_context *ctx, const char *option,
                             const char *format, ...) SABER_PRINTF(3, 4);
    /* Returns whether the run minimizes or maximizes the score. */
    saber_goal (*goal)(const saber_context *ctx);

    /* --- The search space, continued (ABI 1.1) --- */
    /*
     * A continuous dimension (range: {low, high}, optional log: true and
     * type: int|float) is an interval with no value numbers: its
     * dim_size() is 0, dim_value() returns SABER_ERROR_NOTFOUND for it,
     * and the grid of a space that has one does not exist, so
     * space_grid_size() and space_decode() return SABER_ERROR_INVALID.
     * Discrete dimensions (arange, list, choices) keep their value
     * numbers.  When a service below fails with SABER_ERROR_INVALID or
     * SABER_ERROR_RANGE, it sets the error message itself, as set_error()
     * would, so a plugin may return that status as it is.  Other failures
     * set no message.
     */

    /* Returns the kind of dimension dim, SABER_DIM_NONE when dim is out of
     * range.  (ABI 1.1) */
    saber_dim_kind (*space_dim_kind)(const saber_context *ctx, size_t dim);
    /* Stores a continuous dimension's bounds (both inclusive, as written:
     * not log-transformed), whether it is log-scaled and whether it takes
     * integers; each pointer may be NULL.  SABER_ERROR_NOTFOUND when dim
     * is out of range, SABER_ERROR_INVALID when it is not continuous.
     * (ABI 1.1) */
    int (*space_dim_bounds)(const saber_context *ctx, size_t dim,
                            double *low, double *high, int *log_scale,
                            int *integer);
    /* Sets point[name of dim] to value for a continuous dimension.  An
     * integer dimension rounds value to the nearest integer (halves away
     * from zero) and stores an INT whose text is decimal.  A float
     * dimension stores a REAL whose text is Python's repr().
     * SABER_ERROR_RANGE when value is not finite or (after rounding) lies
     * outside [low, high]; SABER_ERROR_INVALID when dim is not
     * continuous; SABER_ERROR_NOTFOUND when dim is out of range.
     * (ABI 1.1) */
    int (*space_set_continuous)(const saber_context *ctx, size_t dim,
                                double value, saber_dict *point);
    /* Stores in *out the number that value number k of a discrete
     * dimension stands for: an arange value, or an integer or float of a
     * list or choices.  SABER_ERROR_TYPE when that value is not a number
     * (text, a boolean, null), SABER_ERROR_NOTFOUND when dim or k is out
     * of range, SABER_ERROR_INVALID for a continuous dimension.
     * (ABI 1.1) */
    int (*space_dim_number)(const saber_context *ctx, size_t dim, uint64_t k,
                            double *out);
    /* Stores in *k the value number of point[name of dim] for a discrete
     * dimension, matching the value's text, so a result row maps back to
     * its value even when it was read back from the results store.
     * point is borrowed for the call.  SABER_ERROR_NOTFOUND when the key
     * is missing or its value is not one of the dimension's, or when dim
     * is out of range; SABER_ERROR_INVALID for a continuous dimension.
     * (ABI 1.1) */
    int (*space_value_index)(const saber_context *ctx, size_t dim,
                             const saber_dict *point, uint64_t *k);

    /* --- Random numbers, continued (ABI 1.1) --- */

    /* Returns a standard normal deviate (mean 0, standard deviation 1)
     * from the instance's generator.  (ABI 1.1) */
    double (*rng_normal)(saber_context *ctx);
} saber_host_api;

/*
 * The descriptor a plugin exports.  The host reads abi_major and abi_minor
 * before any other member.
 */
typedef struct saber_sampler_descriptor {
    /* ABI 1.0 */
    uint32_t abi_major;      /* SABER_ABI_MAJOR when the plugin was built */
    uint32_t abi_minor;      /* SABER_ABI_MINOR when the plugin was built */
    const char *method;      /* method name, equal to the module name */
    const char *description; /* one line, shown by `saber-opt plugins` */
    const char *version;     /* the plugin's own version, e.g. "1.2.0" */

    /*
     * Creates an instance.  api and ctx are borrowed until destroy().
     * options holds the sampler: block without method, goal and seed, and
     * is borrowed for this call only.  On SABER_OK, *state receives the
     * instance, transferred to the host, which later passes it to destroy().
     * On error, the plugin has freed everything it allocated, *state is not
     * used, and destroy() is not called.
     */
    int (*create)(const saber_host_api *api, saber_context *ctx,
                  const saber_dict *options, void **state);

    /*
     * Yields the next point of the current batch into point, an empty
     * dictionary borrowed for this call, by setting one key per dimension.
     * space_decode() sets them all, space_dim_value() and
     * space_set_continuous() one each.  The host checks that a continuous
     * dimension's value is a number within its bounds.  Returns SABER_OK with a point,
     * SABER_BATCH_END when the batch is complete (point untouched; a batch
     * holds at least one point), or SABER_DONE when no point is left: the
     * points already yielded then form the last batch.  After a batch ends,
     * the host runs it and calls update() before sampling again.
     */
    int (*sample)(void *state, saber_dict *point);

    /*
     * Feeds back the results of the batch just run: one row per point that
     * finished, in the order the points were yielded.  Each row holds every
     * dimension's value, "score" (REAL, or NULL when missing), "cost" (REAL
     * seconds), "status" (TEXT: "succeeded", "failed" or "skipped") and, per
     * workflow step, "score.STEP" and "cost.STEP".  rows and the rows are
     * borrowed for this call only; count may be 0.
     */
    int (*update)(void *state, const saber_dict *const *rows, size_t count);

    /* Frees the instance and everything the plugin allocated for it. */
    void (*destroy)(void *state);

    /* NULL-terminated names of the options the plugin accepts in the
     * sampler: block (NULL for none); the host rejects any other. */
    const char *const *options;

    /* ABI 1.1 */
    /* SABER_SAMPLER_* flags, 0 for none.  The host reads this member only
     * from a descriptor whose abi_minor is at least 1. */
    uint32_t flags;
} saber_sampler_descriptor;

#ifdef __cplusplus
}
#endif

#endif /* SABER_SAMPLER_H */
