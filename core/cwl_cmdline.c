/* cwl_cmdline.c - the argument vector of a CommandLineTool invocation. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cwl_cmdline.h"
#include "error.h"
#include "pyfloat.h"

/* One element of a sort key: a number or a name. */
typedef struct key_part {
    const char *name;   /* NULL for a number */
    long number;
} key_part;

typedef struct sort_key {
    key_part *parts;
    size_t count;
} sort_key;

/* A binding waiting to become arguments. */
typedef struct pending {
    sort_key key;
    const cwl_binding *binding;  /* NULL for a literal */
    const json_value *datum;
    size_t order;                /* insertion order, for a stable sort */
} pending;

typedef struct pending_list {
    pending *items;
    size_t count;
    size_t capacity;
} pending_list;

typedef struct builder {
    arena *a;
    const json_value *inputs;
    const json_value *runtime;
    pending_list all;
    size_t next_order;
} builder;

static const cwl_binding empty_binding = {0, 0, NULL, 1, NULL, NULL, 0, NULL, NULL};

static int key_concat(arena *a, const sort_key *first, const sort_key *second,
                      sort_key *out)
{
    size_t count = first->count + second->count;
    key_part *parts = arena_alloc(a, (count + 1) * sizeof *parts);

    if (!parts)
        return -1;
    if (first->count)
        memcpy(parts, first->parts, first->count * sizeof *parts);
    if (second->count)
        memcpy(parts + first->count, second->parts, second->count * sizeof *parts);
    out->parts = parts;
    out->count = count;
    return 0;
}

static int list_add(pending_list *list, const pending *item)
{
    if (list->count == list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 16;
        pending *items = realloc(list->items, capacity * sizeof *items);

        if (!items)
            return error_nomem();
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count++] = *item;
    return 0;
}

/* Appends the items of from to to and empties from. */
static int list_move(pending_list *to, pending_list *from)
{
    for (size_t i = 0; i < from->count; i++) {
        if (list_add(to, &from->items[i]) < 0)
            return -1;
    }
    free(from->items);
    *from = (pending_list){NULL, 0, 0};
    return 0;
}

/* The position of a binding level: lead + (override or [position]) + tail. */
static int level_key(arena *a, const sort_key *lead, const cwl_binding *binding,
                     const sort_key *override, const sort_key *tail, sort_key *out)
{
    key_part own = {NULL, binding->has_position ? binding->position : 0};
    sort_key middle = override ? *override : (sort_key){&own, 1};
    sort_key head;

    if (key_concat(a, lead, &middle, &head) < 0)
        return -1;
    return key_concat(a, &head, tail, out);
}

static int bind_value(builder *b, const cwl_type *type, const cwl_binding *binding,
                      const sort_key *override, const json_value *datum,
                      const sort_key *lead, const sort_key *tail, int expanded,
                      pending_list *out);

/* Treats a value of type Any as the type its value has. */
static const cwl_type *dynamic_type(arena *a, const json_value *datum)
{
    static cwl_type file = {CWL_TYPE_FILE, NULL, NULL, 0, NULL, 0, NULL, 0, NULL, NULL};
    static cwl_type directory = {CWL_TYPE_DIRECTORY, NULL, NULL, 0, NULL, 0, NULL, 0,
                                 NULL, NULL};
    static cwl_type any = {CWL_TYPE_ANY, NULL, NULL, 0, NULL, 0, NULL, 0, NULL, NULL};
    static cwl_type any_array = {CWL_TYPE_ARRAY, &any, NULL, 0, NULL, 0, NULL, 0,
                                 NULL, NULL};
    const char *class_name = json_class(datum);
    cwl_type *record;

    if (class_name && strcmp(class_name, "File") == 0)
        return &file;
    if (class_name && strcmp(class_name, "Directory") == 0)
        return &directory;
    if (datum && datum->kind == JSON_ARRAY)
        return &any_array;
    if (!datum || datum->kind != JSON_OBJECT)
        return &any;
    record = arena_alloc(a, sizeof *record);
    if (!record || !(record->fields = arena_alloc(a, (datum->count + 1) *
                                                     sizeof *record->fields)))
        return NULL;
    record->kind = CWL_TYPE_RECORD;
    for (size_t i = 0; i < datum->count; i++) {
        record->fields[i].name = datum->keys[i];
        record->fields[i].type = &any;
    }
    record->field_count = datum->count;
    return record;
}

static int bind_record(builder *b, const cwl_type *type, const json_value *datum,
                       const sort_key *lead, pending_list *out)
{
    for (size_t i = 0; i < type->field_count; i++) {
        const cwl_field *field = &type->fields[i];
        const json_value *value = json_get(datum, field->name);
        key_part name = {field->name, 0};
        sort_key tail = {&name, 1};

        if (json_is_null(value))
            continue;
        if (bind_value(b, field->type, field->binding, NULL, value, lead, &tail, 0,
                       out) < 0)
            return -1;
    }
    return 0;
}

/* Binds every item of an array; items inherit the array level's binding
 * with its whole position as their position. */
static int bind_array(builder *b, const cwl_type *type, const cwl_binding *binding,
                      const sort_key *level, const json_value *datum,
                      const sort_key *tail, pending_list *out)
{
    for (size_t n = 0; datum && datum->kind == JSON_ARRAY && n < datum->count; n++) {
        key_part index = {NULL, (long)n};
        sort_key lead = {&index, 1};
        sort_key lead_copy;

        if (key_concat(b->a, &lead, &(sort_key){NULL, 0}, &lead_copy) < 0)
            return -1;
        if (bind_value(b, type->items, binding, binding ? level : NULL,
                       datum->items[n], &lead_copy, tail, 0, out) < 0)
            return -1;
    }
    return 0;
}

static int union_error(const cwl_type *type, const json_value *datum)
{
    strbuf text = STRBUF_INIT;

    cwl_type_write(&text, type);
    error_set("a %s value matches no alternative of %s", json_kind_name(datum),
              strbuf_str(&text));
    strbuf_release(&text);
    return -1;
}

/* Puts the bindings gathered below a level under its position, then the
 * level itself after them, and moves them all to out. */
static int finish_level(builder *b, const cwl_binding *binding, pending *level,
                        pending_list *inner, int status, pending_list *out)
{
    if (status == 0 && binding) {
        for (size_t i = 0; i < inner->count && status == 0; i++)
            status = key_concat(b->a, &level->key, &inner->items[i].key,
                                &inner->items[i].key);
        level->order = b->next_order++;
        if (status == 0)
            status = list_add(inner, level);
    }
    if (status == 0)
        status = list_move(out, inner);
    free(inner->items);
    return status;
}

static const cwl_type *matching_alternative(const cwl_type *type,
                                            const json_value *datum)
{
    for (size_t i = 0; i < type->alternative_count; i++) {
        if (cwl_type_check(type->alternatives[i], datum, NULL, 0))
            return type->alternatives[i];
    }
    return NULL;
}

static int is_compound(const cwl_type *type)
{
    return type->kind == CWL_TYPE_ARRAY || type->kind == CWL_TYPE_RECORD ||
           type->kind == CWL_TYPE_ENUM;
}

/* Binds a value as cwltool's bind_input does.  A level with a binding
 * becomes a pending argument.  A union binds its first matching
 * alternative.  An array, record or enum type is bound once more
 * "expanded", with the binding written inside the type (an array under a
 * binding without itemSeparator gets an empty one, so that its items are
 * bound).  The items of an expanded array and the fields of an expanded
 * record are bound below it.  A valueFrom stops the descent: the level
 * alone produces arguments. */
static int bind_value(builder *b, const cwl_type *type, const cwl_binding *binding,
                      const sort_key *override, const json_value *datum,
                      const sort_key *lead, const sort_key *tail, int expanded,
                      pending_list *out)
{
    pending_list inner = {NULL, 0, 0};
    pending level = {{NULL, 0}, binding, datum, 0};
    int value_from = binding && binding->value_from;
    int status = 0;

    if (binding && level_key(b->a, lead, binding, override, tail, &level.key) < 0)
        return -1;

    if (type->kind == CWL_TYPE_UNION && !expanded) {
        const cwl_type *alternative = matching_alternative(type, datum);

        if (!alternative)
            return union_error(type, datum);
        if (!value_from)
            return bind_value(b, alternative, binding, override, datum, lead, tail, 0,
                              out);
    } else if (is_compound(type) && !expanded) {
        const cwl_binding *inner_binding = type->binding;

        if (binding && !inner_binding && type->kind == CWL_TYPE_ARRAY &&
            !binding->item_separator)
            inner_binding = &empty_binding;
        if (!value_from)
            status = bind_value(b, type, inner_binding, NULL, datum, lead, tail, 1,
                                &inner);
    } else if (type->kind == CWL_TYPE_ANY) {
        const cwl_type *actual = dynamic_type(b->a, datum);

        if (!actual)
            return -1;
        if (actual->kind != CWL_TYPE_ANY)
            return bind_value(b, actual, binding, override, datum, lead, tail, 1, out);
    } else if (type->kind == CWL_TYPE_RECORD) {
        status = bind_record(b, type, datum, lead, &inner);
    } else if (type->kind == CWL_TYPE_ARRAY) {
        status = bind_array(b, type, binding, &level.key, datum, tail, &inner);
        binding = NULL;
    }
    return finish_level(b, binding, &level, &inner, status, out);
}

/* Compares two keys as cwltool's cmp_like_py2: item by item; a shorter
 * key first; a number and a name compare as text. */
static int compare_keys(const sort_key *x, const sort_key *y)
{
    for (size_t i = 0; i < x->count || i < y->count; i++) {
        char left[32];
        char right[32];
        const char *l;
        const char *r;

        if (i >= x->count)
            return -1;
        if (i >= y->count)
            return 1;
        if (!x->parts[i].name && !y->parts[i].name) {
            if (x->parts[i].number != y->parts[i].number)
                return x->parts[i].number < y->parts[i].number ? -1 : 1;
            continue;
        }
        snprintf(left, sizeof left, "%ld", x->parts[i].number);
        snprintf(right, sizeof right, "%ld", y->parts[i].number);
        l = x->parts[i].name ? x->parts[i].name : left;
        r = y->parts[i].name ? y->parts[i].name : right;
        if (strcmp(l, r) != 0 || (x->parts[i].name == NULL) != (y->parts[i].name == NULL))
            return strcmp(l, r) > 0 ? 1 : -1;
    }
    return 0;
}

static int compare_pending(const void *a, const void *b)
{
    const pending *x = a;
    const pending *y = b;
    int order = compare_keys(&x->key, &y->key);

    if (order != 0)
        return order;
    return x->order < y->order ? -1 : x->order > y->order;
}

int cwl_value_to_argument(strbuf *out, const json_value *value)
{
    const char *class_name = json_class(value);
    char text[PYFLOAT_REPR_SIZE];

    if (class_name && (!strcmp(class_name, "File") || !strcmp(class_name, "Directory"))) {
        const char *path = json_get_string(value, "path");

        if (!path) {
            error_set("%s object has no path", class_name);
            return CWL_ERROR;
        }
        return strbuf_puts(out, path);
    }
    switch (value ? value->kind : JSON_NULL) {
    case JSON_NULL:
        return strbuf_puts(out, "None");
    case JSON_BOOL:
        return strbuf_puts(out, value->boolean ? "True" : "False");
    case JSON_INT:
        pyint_str(value->integer, text);
        return strbuf_puts(out, text);
    case JSON_DOUBLE:
        pyfloat_repr(value->number, text);
        return strbuf_puts(out, text);
    case JSON_STRING:
        return strbuf_append(out, value->string, value->length);
    default:
        /* NOTE: Python's str() of a list or dict uses single quotes; this
         * writes JSON instead. */
        return json_write(out, value, JSON_STYLE_PYTHON);
    }
}

/* The arguments being built. */
typedef struct arg_list {
    arena *a;
    const char **items;
    size_t count;
    size_t capacity;
} arg_list;

static int add_arg(arg_list *list, const char *text, size_t length)
{
    if (list->count + 1 >= list->capacity) {
        size_t capacity = list->capacity ? list->capacity * 2 : 32;
        const char **items = arena_alloc(list->a, capacity * sizeof *items);

        if (!items)
            return -1;
        if (list->count)
            memcpy(items, list->items, list->count * sizeof *items);
        list->items = items;
        list->capacity = capacity;
    }
    list->items[list->count] = arena_strndup(list->a, text, length);
    if (!list->items[list->count])
        return -1;
    list->items[++list->count] = NULL;
    return 0;
}

static int add_value(arg_list *list, const json_value *value)
{
    strbuf text = STRBUF_INIT;
    int status = cwl_value_to_argument(&text, value);

    if (status == 0)
        status = add_arg(list, strbuf_str(&text), text.length);
    strbuf_release(&text);
    return status;
}

/* Adds prefix and value, separately or glued. */
static int add_prefixed(arg_list *list, const char *prefix, int separate,
                        const json_value *value)
{
    strbuf text = STRBUF_INIT;
    int status = 0;

    if (separate) {
        if (prefix && add_arg(list, prefix, strlen(prefix)) < 0)
            return -1;
        return add_value(list, value);
    }
    if (prefix)
        status = strbuf_puts(&text, prefix);
    if (status == 0)
        status = cwl_value_to_argument(&text, value);
    if (status == 0)
        status = add_arg(list, strbuf_str(&text), text.length);
    strbuf_release(&text);
    return status;
}

static int add_list(arg_list *list, const cwl_binding *binding,
                    const json_value *value)
{
    const char *prefix = binding->prefix;
    int has_prefix = prefix && *prefix;
    strbuf joined = STRBUF_INIT;
    json_value *single;
    int status = 0;

    if (binding->item_separator && *binding->item_separator && value->count) {
        for (size_t i = 0; i < value->count && status == 0; i++) {
            if (i)
                status = strbuf_puts(&joined, binding->item_separator);
            if (status == 0)
                status = cwl_value_to_argument(&joined, value->items[i]);
        }
        single = status == 0 ? json_new_stringn(list->a, strbuf_str(&joined),
                                                joined.length) : NULL;
        strbuf_release(&joined);
        return single ? add_prefixed(list, prefix, binding->separate, single) : -1;
    }
    if (binding->value_from) {
        if (has_prefix && add_arg(list, prefix, strlen(prefix)) < 0)
            return -1;
        for (size_t i = 0; i < value->count; i++) {
            if (add_value(list, value->items[i]) < 0)
                return -1;
        }
        return 0;
    }
    if (has_prefix && value->count)
        return add_arg(list, prefix, strlen(prefix));
    return 0;
}

/* Turns one sorted binding into arguments, as cwltool's generate_arg. */
static int generate(builder *b, arg_list *list, const pending *item)
{
    const cwl_binding *binding = item->binding ? item->binding : &empty_binding;
    const json_value *value = item->datum;
    const char *class_name;

    if (binding->value_from) {
        cwl_expr_context context = {b->inputs, item->datum, b->runtime};
        json_value *result;

        if (cwl_template_eval(b->a, binding->value_from, &context, &result) < 0)
            return -1;
        value = result;
    }
    if (!binding->prefix && !binding->separate) {
        error_set("%s:%zu:%zu: 'separate' needs a 'prefix'",
                  binding->doc ? ydoc_name(binding->doc) : "?",
                  binding->node ? binding->node->line : 0,
                  binding->node ? binding->node->column : 0);
        return -1;
    }

    class_name = json_class(value);
    if (value && value->kind == JSON_ARRAY)
        return add_list(list, binding, value);
    if (value && value->kind == JSON_OBJECT && !(class_name &&
        (!strcmp(class_name, "File") || !strcmp(class_name, "Directory"))))
        return binding->prefix && *binding->prefix
                   ? add_arg(list, binding->prefix, strlen(binding->prefix)) : 0;
    if (value && value->kind == JSON_BOOL) {
        if (value->boolean && binding->prefix && *binding->prefix)
            return add_arg(list, binding->prefix, strlen(binding->prefix));
        return 0;
    }
    if (json_is_null(value))
        return 0;
    return add_prefixed(list, binding->prefix, binding->separate, value);
}

static int add_literal(builder *b, long first, long second, const cwl_binding *binding,
                       const json_value *datum)
{
    key_part *parts = arena_alloc(b->a, 2 * sizeof *parts);
    pending item = {{parts, 2}, binding, datum, b->next_order++};

    if (!parts)
        return -1;
    parts[0].number = first;
    parts[1].number = second;
    return list_add(&b->all, &item);
}

static int gather(builder *b, const cwl_process *tool)
{
    for (size_t i = 0; i < tool->base_command_count; i++) {
        json_value *text = json_new_string(b->a, tool->base_command[i]);

        if (!text || add_literal(b, -1000000, (long)i, NULL, text) < 0)
            return -1;
    }
    for (size_t i = 0; i < tool->argument_count; i++) {
        const cwl_binding *argument = tool->arguments[i];

        if (add_literal(b, argument->position, (long)i, argument, NULL) < 0)
            return -1;
    }
    for (size_t i = 0; i < tool->input_count; i++) {
        const cwl_param *input = &tool->inputs[i];
        const json_value *value = json_get(b->inputs, input->name);
        key_part name = {input->name, 0};
        sort_key tail = {&name, 1};
        sort_key lead = {NULL, 0};

        if (json_is_null(value) || !input->type)
            continue;
        if (bind_value(b, input->type, input->input_binding, NULL, value, &lead,
                       &tail, 0, &b->all) < 0) {
            error_prefix("input '%s'", input->name);
            return -1;
        }
    }
    return 0;
}

int cwl_command_line(arena *a, const cwl_process *tool,
                     const json_value *inputs, const json_value *runtime,
                     const char ***argv, size_t *argc)
{
    builder b = {a, inputs, runtime, {NULL, 0, 0}, 0};
    arg_list list = {a, NULL, 0, 0};
    int status = gather(&b, tool);

    if (status == 0)
        qsort(b.all.items, b.all.count, sizeof *b.all.items, compare_pending);
    for (size_t i = 0; i < b.all.count && status == 0; i++)
        status = generate(&b, &list, &b.all.items[i]);
    if (status == 0 && list.count == 0) {
        error_set("%s:%zu:%zu: the command line is empty; give baseCommand or "
                  "arguments", tool->where.file, tool->where.line, tool->where.column);
        status = -1;
    }
    free(b.all.items);
    if (status < 0)
        return CWL_ERROR;
    *argv = list.items;
    *argc = list.count;
    return 0;
}
