/* params.c - the parameterize file: sampler: block and metaparameters. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dict.h"
#include "error.h"
#include "log.h"
#include "params.h"
#include "params_continuous.h"

/* A step input with the position of its metaparameter in the file. */
typedef struct pending_target {
    space_target target;
    size_t order;
} pending_target;

typedef struct target_list {
    pending_target *items;
    size_t count;
    size_t capacity;
} target_list;

static int fail_atv(const params *p, const ynode *node, const char *format,
                    va_list args) SABER_FORMAT(3, 0);
static int fail_at(const params *p, const ynode *node, const char *format, ...)
    SABER_FORMAT(3, 4);

static int fail_atv(const params *p, const ynode *node, const char *format,
                    va_list args)
{
    error_setv(format, args);
    error_prefix("%s:%zu:%zu", p->path, node->line, node->column);
    return -1;
}

static int fail_at(const params *p, const ynode *node, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    fail_atv(p, node, format, args);
    va_end(args);
    return -1;
}

int params_fail_at(const params *p, const ynode *node, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    fail_atv(p, node, format, args);
    va_end(args);
    return -1;
}

/* ---- sampler: ---- */

static int read_goal(params *p, const ynode *value)
{
    if (ynode_is(value, "minimize")) {
        p->goal = SABER_GOAL_MINIMIZE;
        return 0;
    }
    if (ynode_is(value, "maximize")) {
        p->goal = SABER_GOAL_MAXIMIZE;
        return 0;
    }
    return fail_at(p, value, "invalid goal '%s'; use minimize or maximize",
                   value->value);
}

static int read_seed(params *p, const ynode *value)
{
    yvalue v;

    if (yaml11_resolve(p->doc, value, &v) < 0)
        return -1;
    if (v.type != SABER_VALUE_INT)
        return fail_at(p, value, "invalid seed '%s'; use an integer",
                       value->value);
    p->seed = (uint64_t)v.integer;
    p->has_seed = 1;
    return 0;
}

static int read_option(params *p, const ynode *key, const ynode *value)
{
    yvalue v;
    int status;

    if (value->kind != YNODE_SCALAR)
        return fail_at(p, value, "sampler option '%s' must be a single value, "
                       "not a %s", key->value, ynode_kind_name(value));
    if (yaml11_resolve(p->doc, value, &v) < 0)
        return -1;

    switch (v.type) {
    case SABER_VALUE_NULL:
        status = dict_set_null(p->options, key->value);
        break;
    case SABER_VALUE_BOOL:
        status = dict_set_bool(p->options, key->value, v.boolean);
        break;
    case SABER_VALUE_INT:
        status = dict_set_int(p->options, key->value, v.integer);
        break;
    case SABER_VALUE_REAL:
        status = dict_set_real(p->options, key->value, v.real);
        break;
    default:
        status = dict_set_text(p->options, key->value, v.text);
    }
    return status == SABER_OK ? 0 : error_nomem();
}

static int read_sampler(params *p, const ynode *sampler)
{
    const ynode *method;

    if (sampler->kind != YNODE_MAPPING)
        return fail_at(p, sampler, "sampler must be a mapping with a method "
                       "key, e.g. 'sampler: {method: grid}'");
    method = ynode_get(sampler, "method");
    if (!method)
        return fail_at(p, sampler, "sampler has no method; add 'method:' "
                       "with random, grid, batch-grid or a plugin's method");
    if (method->kind != YNODE_SCALAR || method->length == 0)
        return fail_at(p, method, "invalid sampler method; write the method "
                       "name, e.g. 'method: grid'");
    p->method = method->value;
    p->sampler = sampler;

    for (size_t i = 0; i < sampler->count; i++) {
        const ynode *key = sampler->items[2 * i];
        const ynode *value = sampler->items[2 * i + 1];
        int status;

        if (ynode_is(key, "method"))
            continue;
        if (ynode_is(key, "goal"))
            status = read_goal(p, value);
        else if (ynode_is(key, "seed"))
            status = read_seed(p, value);
        else
            status = read_option(p, key, value);
        if (status < 0)
            return -1;
    }
    return 0;
}

/* ---- range: ---- */

static int read_number(params *p, const ynode *range, const char *field,
                       const char *name, yvalue *out)
{
    const ynode *node = ynode_get(range, field);

    if (!node)
        return fail_at(p, range, "range of '%s' has no %s; give start, stop "
                       "and step", name, field);
    if (node->kind != YNODE_SCALAR || yaml11_resolve(p->doc, node, out) < 0 ||
        (out->type != SABER_VALUE_INT && out->type != SABER_VALUE_REAL))
        return fail_at(p, node, "invalid %s '%s' in range of '%s'; use a "
                       "number", field, node->kind == YNODE_SCALAR
                       ? node->value : ynode_kind_name(node), name);
    if (out->type == SABER_VALUE_REAL && !isfinite(out->real))
        return fail_at(p, node, "invalid %s '%s' in range of '%s'; use a "
                       "finite number", field, node->value, name);
    return 0;
}

static double number_of(const yvalue *v)
{
    return v->type == SABER_VALUE_INT ? (double)v->integer : v->real;
}

/* Returns whether q + r / s, for 0 < r < s, rounds to q when Python's
 * int / int rounds the quotient to a double (to nearest, ties to even). */
static int quotient_rounds_to(uint64_t q, uint64_t r, uint64_t s)
{
    int exponent = 0;
    int shift;

    if (q == 0)
        return 0;
    if (q >= (UINT64_C(1) << 53))
        return 1;
    while (q >> (exponent + 1))
        exponent++;

    /* Half a unit in the last place of q is 2^-shift. */
    shift = 53 - exponent;
    if (r <= (s - 1) >> shift)
        return 1;
    if ((s & ((UINT64_C(1) << shift) - 1)) == 0 && r == s >> shift)
        return exponent < 52 || q % 2 == 0;
    return 0;
}

/* Computes the length of an all-integer arange as numpy does: Python
 * subtracts the integers exactly and rounds (stop - start) / step to a
 * double, which numpy rounds up. */
static double integer_arange_length(int64_t start, int64_t stop, int64_t step)
{
    uint64_t span, size, q, r;

    if (stop == start || (stop > start) != (step > 0))
        return 0;
    span = stop > start ? (uint64_t)stop - (uint64_t)start
                        : (uint64_t)start - (uint64_t)stop;
    size = step > 0 ? (uint64_t)step : -(uint64_t)step;
    q = span / size;
    r = span % size;
    return (double)q + (r != 0 && !quotient_rounds_to(q, r, size));
}

/* Computes numpy.arange's length ceil((stop - start) / step), the
 * difference taken exactly when both ends are integers. */
static double arange_length(const yvalue *start, const yvalue *stop,
                            const yvalue *step)
{
    double span;

    if (start->type == SABER_VALUE_INT && stop->type == SABER_VALUE_INT &&
        step->type == SABER_VALUE_INT)
        return integer_arange_length(start->integer, stop->integer,
                                     step->integer);
    if (start->type == SABER_VALUE_INT && stop->type == SABER_VALUE_INT)
        span = stop->integer >= start->integer
                   ? (double)((uint64_t)stop->integer - (uint64_t)start->integer)
                   : -(double)((uint64_t)start->integer - (uint64_t)stop->integer);
    else
        span = number_of(stop) - number_of(start);
    return ceil(span / number_of(step));
}

static int check_range_keys(params *p, const ynode *range, const char *name)
{
    for (size_t i = 0; i < range->count; i++) {
        const ynode *key = range->items[2 * i];

        if (!ynode_is(key, "start") && !ynode_is(key, "stop") &&
            !ynode_is(key, "step"))
            return fail_at(p, key, "unknown key '%s' in range of '%s'; a "
                           "range has start, stop and step, or low and high",
                           key->value, name);
    }
    return 0;
}

static int read_arange(params *p, const ynode *range, space_dim *d)
{
    yvalue start, stop, step;
    double length;

    if (check_range_keys(p, range, d->name) < 0 ||
        read_number(p, range, "start", d->name, &start) < 0 ||
        read_number(p, range, "stop", d->name, &stop) < 0 ||
        read_number(p, range, "step", d->name, &step) < 0)
        return -1;
    if (number_of(&step) == 0)
        return fail_at(p, ynode_get(range, "step"), "invalid step '%s' in "
                       "range of '%s'; use a non-zero step", step.text,
                       d->name);

    length = arange_length(&start, &stop, &step);
    if (!(length >= 1))
        return fail_at(p, range, "range of '%s' is empty: start %s, stop %s "
                       "and step %s give no value; check their order and sign",
                       d->name, start.text, stop.text, step.text);
    if (length > 9007199254740992.0)
        return fail_at(p, range, "range of '%s' has %.0f values, more than "
                       "saber-opt can count; use a larger step", d->name,
                       length);

    d->kind = DIM_ARANGE;
    d->count = (uint64_t)length;
    d->stop = stop;
    d->step = step;
    d->integer = start.type == SABER_VALUE_INT && stop.type == SABER_VALUE_INT &&
                 step.type == SABER_VALUE_INT;
    if (d->integer) {
        /* The exact length keeps every value between start and stop, so
         * within 64 bits. */
        d->int_start = start.integer;
        d->int_step = step.integer;
    } else {
        d->start = number_of(&start);
        d->delta = (d->start + number_of(&step)) - d->start;
    }
    return 0;
}

/* Reads the items of a range list or of choices (named by field). */
static int read_values(params *p, const ynode *list, const char *field,
                       space_dim *d)
{
    if (list->count == 0)
        return fail_at(p, list, "%s of '%s' is an empty list; give at least "
                       "one value", field, d->name);

    d->count = list->count;
    d->values = arena_alloc(&p->space.memory, list->count * sizeof *d->values);
    if (!d->values)
        return -1;
    for (size_t i = 0; i < list->count; i++) {
        const ynode *item = list->items[i];

        if (item->kind != YNODE_SCALAR)
            return fail_at(p, item, "invalid value in %s of '%s': a %s; "
                           "list items must be single values", field, d->name,
                           ynode_kind_name(item));
        if (memchr(item->value, '\0', item->length))
            return fail_at(p, item, "invalid value in %s of '%s': it holds a "
                           "NUL character, which a command-line argument "
                           "cannot hold; remove it", field, d->name);
        if (yaml11_resolve(p->doc, item, &d->values[i]) < 0)
            return -1;
    }
    return 0;
}

static int read_choices(params *p, const ynode *choices, space_dim *d)
{
    if (choices->kind != YNODE_SEQUENCE)
        return fail_at(p, choices, "choices of '%s' must be a list of values, "
                       "e.g. 'choices: [adam, sgd]', not a %s", d->name,
                       ynode_kind_name(choices));
    d->kind = DIM_CHOICES;
    return read_values(p, choices, "choices", d);
}

static int read_range(params *p, const ynode *meta, space_dim *d)
{
    const ynode *range = ynode_get(meta, "range");
    const ynode *choices = ynode_get(meta, "choices");

    if (range && choices)
        return fail_at(p, choices, "metaparameter '%s' has both choices and "
                       "range; keep one of them", d->name);
    if (choices)
        return read_choices(p, choices, d);
    if (!range)
        return fail_at(p, meta, "metaparameter '%s' has no range; add "
                       "'range: {start, stop, step}', 'range: {low, high}', "
                       "a list or 'choices: [...]'", d->name);
    if (range->kind == YNODE_MAPPING && params_continuous_is(range))
        return params_continuous_read(p, range, d);
    if (range->kind == YNODE_MAPPING)
        return read_arange(p, range, d);
    if (range->kind == YNODE_SEQUENCE) {
        d->kind = DIM_LIST;
        return read_values(p, range, "range", d);
    }
    return fail_at(p, range, "invalid range '%s' for '%s'; use a mapping "
                   "with start, stop and step, or a list of values",
                   range->value, d->name);
}

/* ---- parameters: and steps: ---- */

/* Returns the kind of range as a noun for messages. */
static const char *kind_noun(dim_kind kind)
{
    switch (kind) {
    case DIM_LIST: return "a list";
    case DIM_CHOICES: return "choices";
    case DIM_CONTINUOUS: return "a continuous range";
    default: return "a range";
    }
}

static int add_target(params *p, target_list *list, const space_target *t)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        pending_target *items = realloc(list->items, capacity * sizeof *items);

        if (!items)
            return error_nomem();
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count].target = *t;
    list->items[list->count].order = list->count;
    list->count++;
    (void)p;
    return 0;
}

static int read_input_name(params *p, const ynode *parameters, const char *role,
                           const char *name, const ynode **out)
{
    const ynode *input = ynode_get(parameters, role);

    if (input->kind != YNODE_SCALAR || input->length == 0)
        return fail_at(p, input, "invalid %s in parameters of '%s'; write "
                       "the name of a step input", role, name);
    *out = input;
    return 0;
}

/* Counts the distinct keys of a mapping as PyYAML reads it: a key written
 * twice, or brought by a merge key and written again, is one key whose
 * last value counts. */
static size_t distinct_keys(const ynode *mapping)
{
    size_t count = 0;

    for (size_t i = 0; i < mapping->count; i++) {
        const ynode *key = mapping->items[2 * i];
        size_t j = 0;

        while (j < i && !(key->kind == YNODE_SCALAR &&
                          ynode_is(mapping->items[2 * j], key->value)))
            j++;
        count += j == i;
    }
    return count;
}

static int read_parameters(params *p, const ynode *meta, space_dim *d,
                           const ynode *inputs[2])
{
    const ynode *parameters = ynode_get(meta, "parameters");
    size_t keys;
    int has_abs, has_min, has_max;

    if (!parameters)
        return fail_at(p, meta, "metaparameter '%s' has no parameters; add "
                       "'parameters: {abs: INPUT}' or '{min: INPUT, max: "
                       "INPUT}'", d->name);
    has_abs = ynode_get(parameters, "abs") != NULL;
    has_min = ynode_get(parameters, "min") != NULL;
    has_max = ynode_get(parameters, "max") != NULL;
    keys = parameters->kind == YNODE_MAPPING ? distinct_keys(parameters) : 0;

    if (has_abs && keys == 1)
        return read_input_name(p, parameters, "abs", d->name, &inputs[0]);
    if (has_min && has_max && keys == 2) {
        if (d->kind != DIM_ARANGE)
            return fail_at(p, parameters, "min/max blocking of '%s' needs a "
                           "range with start, stop and step, not %s",
                           d->name, kind_noun(d->kind));
        d->blocked = 1;
        if (read_input_name(p, parameters, "min", d->name, &inputs[0]) < 0)
            return -1;
        return read_input_name(p, parameters, "max", d->name, &inputs[1]);
    }
    return fail_at(p, parameters, "invalid parameters of '%s'; use "
                   "{abs: INPUT} or {min: INPUT, max: INPUT}", d->name);
}

static int read_steps(params *p, const ynode *meta, size_t dim,
                      const ynode *inputs[2], target_list *targets)
{
    const space_dim *d = &p->space.dims[dim];
    const ynode *steps = ynode_get(meta, "steps");

    if (!steps)
        return fail_at(p, meta, "metaparameter '%s' has no steps; add "
                       "'steps:' with one '- STEP' line per workflow step",
                       d->name);
    if (steps->kind != YNODE_SEQUENCE)
        return fail_at(p, steps, "steps of '%s' must be a list, found '%s'; "
                       "write one '- STEP' line per step, with a space after "
                       "the dash", d->name, steps->value);
    if (steps->count == 0)
        log_warning("%s:%zu:%zu: metaparameter '%s' sets no step", p->path,
                    steps->line, steps->column, d->name);

    for (size_t i = 0; i < steps->count; i++) {
        const ynode *step = steps->items[i];

        if (step->kind != YNODE_SCALAR || step->length == 0)
            return fail_at(p, step, "invalid step in steps of '%s'; write a "
                           "workflow step name", d->name);
        for (int r = 0; r < (d->blocked ? 2 : 1); r++) {
            target_role role = ROLE_ABS;
            space_target t;

            if (d->blocked)
                role = r ? ROLE_MAX : ROLE_MIN;
            t = (space_target){step->value, inputs[r]->value, dim, role,
                               inputs[r]->line, inputs[r]->column, step->line,
                               step->column};

            if (add_target(p, targets, &t) < 0)
                return -1;
        }
    }
    return 0;
}

/* ---- metaparameters ---- */

static int is_reserved(const char *name)
{
    return !strcmp(name, "score") || !strcmp(name, "cost") ||
           !strcmp(name, "status") || !strncmp(name, "score.", 6) ||
           !strncmp(name, "cost.", 5);
}

static void warn_inverted_block(const params *p, const space_dim *d)
{
    double last;
    double step = number_of(&d->step);
    double stop = number_of(&d->stop);

    if (!d->blocked)
        return;
    if (step < 0) {
        log_warning("%s:%zu:%zu: metaparameter '%s' has a negative step, so "
                    "every block's min exceeds its max", p->path, d->line,
                    d->column, d->name);
        return;
    }
    last = d->integer ? (double)space_arange_int(d, d->count - 1)
                      : d->start + (double)(d->count - 1) * d->delta;
    if (stop < last) {
        char last_text[PYFLOAT_REPR_SIZE];

        pyfloat_repr(last, last_text);
        log_warning("%s:%zu:%zu: the last block of '%s' has min %s above its "
                    "max %s; it is kept, as SABER kept it", p->path, d->line,
                    d->column, d->name, last_text, d->stop.text);
    }
}

static void warn_unknown_keys(const params *p, const ynode *meta,
                              const char *name)
{
    for (size_t i = 0; i < meta->count; i++) {
        const ynode *key = meta->items[2 * i];

        if (!ynode_is(key, "range") && !ynode_is(key, "choices") &&
            !ynode_is(key, "parameters") && !ynode_is(key, "steps"))
            log_warning("%s:%zu:%zu: unknown key '%s' in metaparameter '%s' "
                        "is ignored", p->path, key->line, key->column,
                        key->value, name);
    }
}

static int read_metaparameter(params *p, const ynode *key, const ynode *meta,
                              target_list *targets)
{
    space_dim *d = &p->space.dims[p->space.dim_count];
    const ynode *inputs[2] = {NULL, NULL};

    if (key->kind != YNODE_SCALAR || key->length == 0)
        return fail_at(p, key, "invalid metaparameter name; use a plain name");
    if (is_reserved(key->value))
        return fail_at(p, key, "metaparameter name '%s' is reserved for "
                       "results; rename it", key->value);
    if (meta->kind != YNODE_MAPPING)
        return fail_at(p, meta, "metaparameter '%s' must be a mapping with "
                       "range, parameters and steps", key->value);

    d->name = key->value;
    d->line = key->line;
    d->column = key->column;
    if (read_range(p, meta, d) < 0 ||
        read_parameters(p, meta, d, inputs) < 0)
        return -1;
    p->space.dim_count++;
    if (read_steps(p, meta, p->space.dim_count - 1, inputs, targets) < 0)
        return -1;

    warn_unknown_keys(p, meta, d->name);
    warn_inverted_block(p, d);
    return 0;
}

/* Orders targets by step, then input, then file order. */
static int compare_targets(const void *a, const void *b)
{
    const pending_target *x = a;
    const pending_target *y = b;
    int c = strcmp(x->target.step, y->target.step);

    if (c == 0)
        c = strcmp(x->target.input, y->target.input);
    if (c == 0)
        c = x->order < y->order ? -1 : x->order > y->order;
    return c;
}

/* Keeps, for each step input, the target of the last metaparameter in the
 * file that sets it. */
static int settle_targets(params *p, target_list *list)
{
    space *s = &p->space;

    if (list->count)
        qsort(list->items, list->count, sizeof *list->items, compare_targets);
    s->targets = arena_alloc(&s->memory, (list->count + 1) * sizeof *s->targets);
    if (!s->targets)
        return -1;

    for (size_t i = 0; i < list->count; i++) {
        const space_target *t = &list->items[i].target;
        const space_target *next = i + 1 < list->count
                                       ? &list->items[i + 1].target : NULL;

        if (next && !strcmp(t->step, next->step) &&
            !strcmp(t->input, next->input)) {
            log_info("%s:%zu:%zu: metaparameter '%s' sets input '%s' of step "
                     "'%s', overriding '%s'", p->path, next->line, next->column,
                     s->dims[next->dim].name, t->input, t->step,
                     s->dims[t->dim].name);
            continue;
        }
        s->targets[s->target_count++] = *t;
    }
    return 0;
}

static int find_duplicate_key(const ynode *root, size_t i)
{
    for (size_t j = 0; j < i; j++) {
        if (!strcmp(root->items[2 * j]->value, root->items[2 * i]->value))
            return 1;
    }
    return 0;
}

static int read_metaparameters(params *p, const ynode *root)
{
    target_list targets = {NULL, 0, 0};
    int status = -1;

    p->space.dims = arena_alloc(&p->space.memory,
                                (root->count + 1) * sizeof *p->space.dims);
    if (!p->space.dims)
        return -1;

    for (size_t i = 0; i < root->count; i++) {
        const ynode *key = root->items[2 * i];

        if (ynode_is(key, "sampler"))
            continue;
        if (find_duplicate_key(root, i)) {
            fail_at(p, key, "metaparameter '%s' is defined twice; remove one "
                    "definition", key->value);
            goto done;
        }
        if (read_metaparameter(p, key, root->items[2 * i + 1], &targets) < 0)
            goto done;
    }
    if (p->space.dim_count == 0) {
        fail_at(p, root, "no metaparameter to optimize; add one with range, "
                "parameters and steps");
        goto done;
    }
    p->space.continuous_from = space_first_continuous(&p->space);
    status = settle_targets(p, &targets);

done:
    free(targets.items);
    return status;
}

int params_load(const char *path, params *p)
{
    const ynode *root;
    const ynode *sampler;

    memset(p, 0, sizeof *p);
    p->doc = ydoc_load_file(path);
    if (!p->doc)
        return -1;
    p->path = ydoc_name(p->doc);
    p->options = dict_new();
    if (!p->options) {
        error_nomem();
        goto fail;
    }

    root = ydoc_root(p->doc);
    if (!root || root->kind != YNODE_MAPPING) {
        error_set("%s:1:1: a parameterize file is a mapping with a sampler: "
                  "block and one entry per metaparameter", path);
        goto fail;
    }
    sampler = ynode_get(root, "sampler");
    if (!sampler) {
        fail_at(p, root, "no sampler: block; add 'sampler: {method: grid}' "
                "or another method");
        goto fail;
    }
    if (read_sampler(p, sampler) < 0 || read_metaparameters(p, root) < 0)
        goto fail;
    return 0;

fail:
    params_release(p);
    return -1;
}

void params_release(params *p)
{
    space_release(&p->space);
    dict_free(p->options);
    ydoc_free(p->doc);
    memset(p, 0, sizeof *p);
}

int params_option_position(const params *p, const char *name, size_t *line,
                           size_t *column)
{
    if (!p->sampler)
        return -1;
    for (size_t i = p->sampler->count; i-- > 0;) {
        const ynode *key = p->sampler->items[2 * i];

        if (ynode_is(key, name)) {
            *line = key->line;
            *column = key->column;
            return 0;
        }
    }
    return -1;
}
