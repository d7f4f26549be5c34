/*
 * params_continuous.c - continuous ranges: range: {low, high}, with
 * optional log: true and type: int|float (float by default).
 *
 * SABER files never contain these, so the reader is lenient where PyYAML
 * is strict: a bound may be a YAML number or numeric text such as 1e-5,
 * which PyYAML reads as a string because it has no decimal point.
 */
#include "config.h"

#include <math.h>

#include "error.h"
#include "params_continuous.h"
#include "pyfloat.h"

/* Integers up to 2^53 convert to double and back exactly. */
#define EXACT_INTEGER_LIMIT 9007199254740992.0

int params_continuous_is(const ynode *range)
{
    return ynode_get(range, "low") || ynode_get(range, "high");
}

static int check_keys(params *p, const ynode *range, const char *name)
{
    for (size_t i = 0; i < range->count; i++) {
        const ynode *key = range->items[2 * i];

        if (!ynode_is(key, "low") && !ynode_is(key, "high") &&
            !ynode_is(key, "log") && !ynode_is(key, "type"))
            return params_fail_at(p, key, "unknown key '%s' in range of '%s'; "
                                  "a continuous range has low, high, log and "
                                  "type", key->value, name);
    }
    return 0;
}

static int read_type(params *p, const ynode *range, const char *name,
                     int *integer)
{
    const ynode *type = ynode_get(range, "type");

    *integer = 0;
    if (!type || ynode_is(type, "float"))
        return 0;
    if (ynode_is(type, "int")) {
        *integer = 1;
        return 0;
    }
    return params_fail_at(p, type, "unknown type '%s' in range of '%s'; use "
                          "int or float", type->kind == YNODE_SCALAR
                          ? type->value : ynode_kind_name(type), name);
}

static int read_log(params *p, const ynode *range, const char *name,
                    int *log_scale)
{
    const ynode *log = ynode_get(range, "log");
    yvalue v;

    *log_scale = 0;
    if (!log)
        return 0;
    if (log->kind == YNODE_SCALAR && yaml11_resolve(p->doc, log, &v) < 0)
        return -1;
    if (log->kind != YNODE_SCALAR || v.type != SABER_VALUE_BOOL)
        return params_fail_at(p, log, "invalid log '%s' in range of '%s'; use "
                              "true or false", log->kind == YNODE_SCALAR
                              ? log->value : ynode_kind_name(log), name);
    *log_scale = v.boolean;
    return 0;
}

/* Reads bound field (low or high) as a finite number, a whole one for an
 * int range; *node receives its node for later messages. */
static int read_bound(params *p, const ynode *range, const char *field,
                      const char *name, int integer, const ynode **node,
                      double *out)
{
    const ynode *bound = ynode_get(range, field);
    yvalue v;

    if (!bound)
        return params_fail_at(p, range, "continuous range of '%s' has no %s; "
                              "give low and high", name, field);
    if (bound->kind != YNODE_SCALAR)
        return params_fail_at(p, bound, "invalid %s in range of '%s': a %s; "
                              "use a number", field, name,
                              ynode_kind_name(bound));
    if (yaml11_resolve(p->doc, bound, &v) < 0)
        return -1;
    if (v.type == SABER_VALUE_INT)
        *out = (double)v.integer;
    else if (v.type == SABER_VALUE_REAL)
        *out = v.real;
    else if (v.type != SABER_VALUE_TEXT ||
             pyfloat_parse(bound->value, bound->length, out) < 0)
        return params_fail_at(p, bound, "invalid %s '%s' in range of '%s'; "
                              "use a number such as 0.5 or 1e-5", field,
                              bound->value, name);

    if (!isfinite(*out))
        return params_fail_at(p, bound, "invalid %s '%s' in range of '%s'; "
                              "use a finite number", field, bound->value, name);
    if (integer && (*out != floor(*out) || fabs(*out) > EXACT_INTEGER_LIMIT))
        return params_fail_at(p, bound, "invalid %s '%s' in the int range of "
                              "'%s'; use a whole number of at most 2^53, or "
                              "type: float", field, bound->value, name);
    *node = bound;
    return 0;
}

int params_continuous_read(params *p, const ynode *range, space_dim *d)
{
    const ynode *low_node = NULL, *high_node = NULL;

    if (check_keys(p, range, d->name) < 0 ||
        read_type(p, range, d->name, &d->integer) < 0 ||
        read_log(p, range, d->name, &d->log_scale) < 0 ||
        read_bound(p, range, "low", d->name, d->integer, &low_node,
                   &d->low) < 0 ||
        read_bound(p, range, "high", d->name, d->integer, &high_node,
                   &d->high) < 0)
        return -1;

    if (!(d->low < d->high))
        return params_fail_at(p, range, "range of '%s' is empty: low %s is not "
                              "below high %s; give a low below the high",
                              d->name, low_node->value, high_node->value);
    if (d->log_scale && d->low <= 0)
        return params_fail_at(p, low_node, "invalid low '%s' in the log range "
                              "of '%s'; a log range needs low above 0",
                              low_node->value, d->name);
    d->kind = DIM_CONTINUOUS;
    d->count = 0;
    return 0;
}
