/*
 * json.h - JSON values: CWL job objects, File objects, tool outputs.
 *
 * CWL's data model is JSON, so inputs, outputs and the File and Directory
 * objects that move between steps are trees of these values.  Values live
 * in an arena and are freed with it.  Once built, a value may be shared by
 * several trees, so code that needs a changed value builds a new one
 * (json_copy, then json_set on the copy).  A NULL pointer reads as JSON
 * null.
 */
#ifndef SABER_JSON_H
#define SABER_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "strbuf.h"
#include "yamltree.h"

typedef enum json_kind {
    JSON_NULL,
    JSON_BOOL,
    JSON_INT,
    JSON_DOUBLE,
    JSON_STRING,
    JSON_ARRAY,
    JSON_OBJECT
} json_kind;

typedef struct json_value json_value;

struct json_value {
    json_kind kind;
    int boolean;
    int64_t integer;
    double number;
    const char *string;   /* JSON_STRING: NUL-terminated */
    size_t length;        /* JSON_STRING: bytes before the NUL */
    /* JSON_ARRAY: the items.  JSON_OBJECT: the values, with keys[i] the
     * key of items[i], in insertion order. */
    json_value **items;
    const char **keys;
    size_t count;
    size_t capacity;
    /* The document and node the value was read from, for messages; NULL
     * for built values. */
    const ydoc *doc;
    const ynode *node;
};

/* Constructors: each returns a value allocated in a, or NULL when out of
 * memory (with the error message set).  Text is copied. */
json_value *json_new_null(arena *a);
json_value *json_new_bool(arena *a, int value);
json_value *json_new_int(arena *a, int64_t value);
json_value *json_new_double(arena *a, double value);
json_value *json_new_string(arena *a, const char *text);
json_value *json_new_stringn(arena *a, const char *text, size_t length);
json_value *json_new_array(arena *a);
json_value *json_new_object(arena *a);

/* Appends item to array; returns 0 or -1. */
int json_append(arena *a, json_value *array, json_value *item);

/* Sets key (copied) in object, replacing an existing value in place;
 * returns 0 or -1. */
int json_set(arena *a, json_value *object, const char *key, json_value *value);

/* Removes key from object; returns whether it was there. */
int json_remove(json_value *object, const char *key);

/* Returns the value of key, or NULL when object is not an object or has no
 * such key. */
json_value *json_get(const json_value *object, const char *key);

/* Returns the string value of key, or NULL when absent or not a string. */
const char *json_get_string(const json_value *object, const char *key);

/* Returns whether value is null (also for NULL). */
int json_is_null(const json_value *value);

/* Returns the "class" of an object ("File", "Directory"), or NULL. */
const char *json_class(const json_value *value);

/* Returns a deep copy of value in a (NULL value: a null). */
json_value *json_copy(arena *a, const json_value *value);

/*
 * Converts a YAML node to a value, resolving scalars with YAML 1.2 rules
 * (yaml12.h), as cwltool reads documents and job files.  Every value keeps
 * its doc and node.  Returns 0 and sets *out, or -1 with a message naming
 * file, line and column.
 */
int json_from_ynode(arena *a, const ydoc *doc, const ynode *node,
                    json_value **out);

/* Output styles of json_write(). */
typedef enum json_style {
    JSON_STYLE_COMPACT, /* no spaces: {"a":[1,2]} */
    JSON_STYLE_PRETTY,  /* four-space indentation, keys in insertion order */
    /* Python's json.dumps(value, sort_keys=True): ", " and ": " separators,
     * sorted keys, non-ASCII characters as \u escapes.  cwltool writes
     * values into interpolated strings this way. */
    JSON_STYLE_PYTHON
} json_style;

/* Appends value as JSON.  Doubles are written as Python's repr() writes
 * them, with NaN and Infinity as Python's json module writes them.
 * Returns 0 or -1. */
int json_write(strbuf *out, const json_value *value, json_style style);

/* Returns the kind as a noun for messages ("string", "list", ...). */
const char *json_kind_name(const json_value *value);

#endif
