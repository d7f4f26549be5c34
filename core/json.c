/* json.c - JSON values: CWL job objects, File objects, tool outputs. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "json.h"
#include "pyfloat.h"
#include "yaml12.h"

static json_value *new_value(arena *a, json_kind kind)
{
    json_value *value = arena_alloc(a, sizeof *value);

    if (value)
        value->kind = kind;
    return value;
}

json_value *json_new_null(arena *a)
{
    return new_value(a, JSON_NULL);
}

json_value *json_new_bool(arena *a, int boolean)
{
    json_value *value = new_value(a, JSON_BOOL);

    if (value)
        value->boolean = boolean != 0;
    return value;
}

json_value *json_new_int(arena *a, int64_t integer)
{
    json_value *value = new_value(a, JSON_INT);

    if (value)
        value->integer = integer;
    return value;
}

json_value *json_new_double(arena *a, double number)
{
    json_value *value = new_value(a, JSON_DOUBLE);

    if (value)
        value->number = number;
    return value;
}

json_value *json_new_stringn(arena *a, const char *text, size_t length)
{
    json_value *value = new_value(a, JSON_STRING);

    if (!value)
        return NULL;
    value->string = arena_strndup(a, text, length);
    value->length = length;
    return value->string ? value : NULL;
}

json_value *json_new_string(arena *a, const char *text)
{
    return json_new_stringn(a, text, strlen(text));
}

json_value *json_new_array(arena *a)
{
    return new_value(a, JSON_ARRAY);
}

json_value *json_new_object(arena *a)
{
    return new_value(a, JSON_OBJECT);
}

/* Makes room for one more item; arena memory is not reallocated, so a full
 * array is copied into a block twice its size. */
static int grow(arena *a, json_value *container)
{
    size_t capacity = container->capacity ? container->capacity * 2 : 4;
    json_value **items;
    const char **keys = NULL;

    if (container->count < container->capacity)
        return 0;
    items = arena_alloc(a, capacity * sizeof *items);
    if (!items)
        return -1;
    if (container->kind == JSON_OBJECT) {
        keys = arena_alloc(a, capacity * sizeof *keys);
        if (!keys)
            return -1;
        if (container->count)
            memcpy(keys, container->keys, container->count * sizeof *keys);
        container->keys = keys;
    }
    if (container->count)
        memcpy(items, container->items, container->count * sizeof *items);
    container->items = items;
    container->capacity = capacity;
    return 0;
}

int json_append(arena *a, json_value *array, json_value *item)
{
    if (!item || grow(a, array) < 0)
        return -1;
    array->items[array->count++] = item;
    return 0;
}

int json_set(arena *a, json_value *object, const char *key, json_value *value)
{
    const char *copy;

    if (!value)
        return -1;
    for (size_t i = 0; i < object->count; i++) {
        if (strcmp(object->keys[i], key) == 0) {
            object->items[i] = value;
            return 0;
        }
    }
    copy = arena_strdup(a, key);
    if (!copy || grow(a, object) < 0)
        return -1;
    object->keys[object->count] = copy;
    object->items[object->count++] = value;
    return 0;
}

int json_remove(json_value *object, const char *key)
{
    for (size_t i = 0; object && object->kind == JSON_OBJECT &&
                       i < object->count; i++) {
        if (strcmp(object->keys[i], key) != 0)
            continue;
        memmove(object->keys + i, object->keys + i + 1,
                (object->count - i - 1) * sizeof *object->keys);
        memmove(object->items + i, object->items + i + 1,
                (object->count - i - 1) * sizeof *object->items);
        object->count--;
        return 1;
    }
    return 0;
}

json_value *json_get(const json_value *object, const char *key)
{
    if (!object || object->kind != JSON_OBJECT)
        return NULL;
    for (size_t i = 0; i < object->count; i++) {
        if (strcmp(object->keys[i], key) == 0)
            return object->items[i];
    }
    return NULL;
}

const char *json_get_string(const json_value *object, const char *key)
{
    const json_value *value = json_get(object, key);

    return value && value->kind == JSON_STRING ? value->string : NULL;
}

int json_is_null(const json_value *value)
{
    return !value || value->kind == JSON_NULL;
}

const char *json_class(const json_value *value)
{
    return json_get_string(value, "class");
}

json_value *json_copy(arena *a, const json_value *value)
{
    json_value *copy;

    if (!value)
        return json_new_null(a);
    copy = new_value(a, value->kind);
    if (!copy)
        return NULL;
    *copy = *value;
    copy->items = NULL;
    copy->keys = NULL;
    copy->count = copy->capacity = 0;

    for (size_t i = 0; i < value->count; i++) {
        json_value *item = json_copy(a, value->items[i]);
        int status = value->kind == JSON_OBJECT
                         ? json_set(a, copy, value->keys[i], item)
                         : json_append(a, copy, item);

        if (status < 0)
            return NULL;
    }
    return copy;
}

static json_value *scalar_from_ynode(arena *a, const ydoc *doc,
                                     const ynode *node)
{
    yvalue resolved;

    if (yaml12_resolve(doc, node, &resolved) < 0)
        return NULL;
    switch (resolved.type) {
    case SABER_VALUE_NULL:
        return json_new_null(a);
    case SABER_VALUE_BOOL:
        return json_new_bool(a, resolved.boolean);
    case SABER_VALUE_INT:
        return json_new_int(a, resolved.integer);
    case SABER_VALUE_REAL:
        return json_new_double(a, resolved.real);
    default:
        return json_new_stringn(a, node->value, node->length);
    }
}

int json_from_ynode(arena *a, const ydoc *doc, const ynode *node,
                    json_value **out)
{
    json_value *value;

    if (!node)
        value = json_new_null(a);
    else if (node->kind == YNODE_SCALAR)
        value = scalar_from_ynode(a, doc, node);
    else
        value = node->kind == YNODE_MAPPING ? json_new_object(a)
                                            : json_new_array(a);
    if (!value)
        return -1;
    value->doc = doc;
    value->node = node;

    for (size_t i = 0; node && node->kind != YNODE_SCALAR && i < node->count; i++) {
        json_value *item;
        const ynode *key = node->kind == YNODE_MAPPING ? node->items[2 * i] : NULL;
        const ynode *child = key ? node->items[2 * i + 1] : node->items[i];

        if (key && key->kind != YNODE_SCALAR) {
            error_set("%s:%zu:%zu: invalid key: a %s; keys must be text",
                      ydoc_name(doc), key->line, key->column,
                      ynode_kind_name(key));
            return -1;
        }
        if (json_from_ynode(a, doc, child, &item) < 0)
            return -1;
        if (key ? json_set(a, value, key->value, item) < 0
                : json_append(a, value, item) < 0)
            return -1;
    }
    *out = value;
    return 0;
}

/* Appends the code point of the UTF-8 sequence at *p as \u escapes (a
 * surrogate pair above U+FFFF) and advances *p; invalid bytes become
 * U+FFFD. */
static int put_unicode_escape(strbuf *out, const unsigned char **p)
{
    const unsigned char *s = *p;
    unsigned long code = 0xFFFD;
    size_t length = 1;

    if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
        code = ((s[0] & 0x1FUL) << 6) | (s[1] & 0x3F);
        length = 2;
    } else if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 &&
               (s[2] & 0xC0) == 0x80) {
        code = ((s[0] & 0x0FUL) << 12) | ((s[1] & 0x3FUL) << 6) | (s[2] & 0x3F);
        length = 3;
    } else if ((s[0] & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 &&
               (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
        code = ((s[0] & 0x07UL) << 18) | ((s[1] & 0x3FUL) << 12) |
               ((s[2] & 0x3FUL) << 6) | (s[3] & 0x3F);
        length = 4;
    }
    *p = s + length;
    if (code < 0x10000)
        return strbuf_printf(out, "\\u%04lx", code);
    code -= 0x10000;
    return strbuf_printf(out, "\\u%04lx\\u%04lx", 0xD800 + (code >> 10),
                         0xDC00 + (code & 0x3FF));
}

static int put_ascii_char(strbuf *out, unsigned char c)
{
    switch (c) {
    case '"':
        return strbuf_puts(out, "\\\"");
    case '\\':
        return strbuf_puts(out, "\\\\");
    case '\n':
        return strbuf_puts(out, "\\n");
    case '\r':
        return strbuf_puts(out, "\\r");
    case '\t':
        return strbuf_puts(out, "\\t");
    case '\b':
        return strbuf_puts(out, "\\b");
    case '\f':
        return strbuf_puts(out, "\\f");
    default:
        if (c < 0x20 || c == 0x7F)
            return strbuf_printf(out, "\\u%04x", c);
        return strbuf_putc(out, (char)c);
    }
}

/* Writes a string as Python's json module does with ensure_ascii. */
static int put_ascii_string(strbuf *out, const char *text)
{
    const unsigned char *p = (const unsigned char *)text;

    if (strbuf_putc(out, '"') < 0)
        return -1;
    while (*p) {
        int status = *p < 0x80 ? put_ascii_char(out, *p++)
                               : put_unicode_escape(out, &p);

        if (status < 0)
            return -1;
    }
    return strbuf_putc(out, '"');
}

static int put_number(strbuf *out, double number)
{
    char text[PYFLOAT_REPR_SIZE];

    if (isnan(number))
        return strbuf_puts(out, "NaN");
    if (isinf(number))
        return strbuf_puts(out, number > 0 ? "Infinity" : "-Infinity");
    pyfloat_repr(number, text);
    return strbuf_puts(out, text);
}

static int put_indent(strbuf *out, json_style style, size_t depth)
{
    if (style != JSON_STYLE_PRETTY)
        return 0;
    if (strbuf_putc(out, '\n') < 0)
        return -1;
    for (size_t i = 0; i < depth; i++) {
        if (strbuf_puts(out, "    ") < 0)
            return -1;
    }
    return 0;
}

static int write_value(strbuf *out, const json_value *value, json_style style,
                       size_t depth);

static int compare_keys(const void *a, const void *b)
{
    const char *const *x = a;
    const char *const *y = b;

    return strcmp(*x, *y);
}

static int put_key(strbuf *out, const char *key, json_style style)
{
    int status = style == JSON_STYLE_PYTHON ? put_ascii_string(out, key)
                                            : strbuf_put_json_string(out, key);

    if (status < 0)
        return -1;
    return strbuf_puts(out, style == JSON_STYLE_COMPACT ? ":" : ": ");
}

/* Writes the items of an array or object; objects in sorted key order in
 * the Python style. */
static int write_container(strbuf *out, const json_value *value,
                           json_style style, size_t depth)
{
    int object = value->kind == JSON_OBJECT;
    const char **order = NULL;
    int status = -1;

    if (object && style == JSON_STYLE_PYTHON && value->count > 1) {
        order = malloc(value->count * sizeof *order);
        if (!order)
            return error_nomem();
        memcpy(order, value->keys, value->count * sizeof *order);
        qsort(order, value->count, sizeof *order, compare_keys);
    }
    if (strbuf_putc(out, object ? '{' : '[') < 0)
        goto done;
    for (size_t i = 0; i < value->count; i++) {
        const char *key = NULL;

        if (object)
            key = order ? order[i] : value->keys[i];
        if (i > 0 && strbuf_puts(out, style == JSON_STYLE_PYTHON ? ", " : ",") < 0)
            goto done;
        if (put_indent(out, style, depth + 1) < 0)
            goto done;
        if (key && put_key(out, key, style) < 0)
            goto done;
        if (write_value(out, key ? json_get(value, key) : value->items[i], style,
                        depth + 1) < 0)
            goto done;
    }
    if (value->count && put_indent(out, style, depth) < 0)
        goto done;
    status = strbuf_putc(out, object ? '}' : ']');

done:
    free(order);
    return status;
}

static int write_value(strbuf *out, const json_value *value, json_style style,
                       size_t depth)
{
    char digits[24];

    switch (value ? value->kind : JSON_NULL) {
    case JSON_NULL:
        return strbuf_puts(out, "null");
    case JSON_BOOL:
        return strbuf_puts(out, value->boolean ? "true" : "false");
    case JSON_INT:
        pyint_str(value->integer, digits);
        return strbuf_puts(out, digits);
    case JSON_DOUBLE:
        return put_number(out, value->number);
    case JSON_STRING:
        return style == JSON_STYLE_PYTHON ? put_ascii_string(out, value->string)
                                          : strbuf_put_json_string(out, value->string);
    default:
        return write_container(out, value, style, depth);
    }
}

int json_write(strbuf *out, const json_value *value, json_style style)
{
    return write_value(out, value, style, 0);
}

const char *json_kind_name(const json_value *value)
{
    static const char *const names[] = {"null", "boolean", "int", "float",
                                        "string", "list", "object"};

    return names[value ? value->kind : JSON_NULL];
}
