/* dict.c - the host's implementation of saber_dict. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "dict.h"
#include "pyfloat.h"

typedef struct entry {
    char *key;
    size_t key_capacity;
    saber_value_type type;
    int64_t integer; /* INT, and BOOL as 0 or 1 */
    double real;
    char *text;
    size_t text_length;
    size_t text_capacity;
    uint64_t origin;
    /* NULL, or a pointer to text equal to key that outlives the dictionary
     * (see dict_set_stable()): a lookup with this pointer is a match. */
    const char *alias;
} entry;

struct saber_dict {
    entry *entries;
    size_t count;    /* live entries */
    size_t capacity; /* allocated entries, live or kept for reuse */
};

saber_dict *dict_new(void)
{
    return calloc(1, sizeof(saber_dict));
}

void dict_free(saber_dict *dict)
{
    if (!dict)
        return;
    for (size_t i = 0; i < dict->capacity; i++) {
        free(dict->entries[i].key);
        free(dict->entries[i].text);
    }
    free(dict->entries);
    free(dict);
}

int dict_clear(saber_dict *dict)
{
    dict->count = 0;
    return SABER_OK;
}

/* Returns whether two keys are equal.  Testing the first byte skips the
 * call to strcmp() for most keys that differ, and key comparisons are a
 * large share of the time `saber-opt sample` spends per point. */
static inline int key_equal(const char *a, const char *b)
{
    return a[0] == b[0] && strcmp(a, b) == 0;
}

/* Returns whether entry e's key is key. */
static inline int entry_is(const entry *e, const char *key)
{
    return e->alias == key || key_equal(e->key, key);
}

static entry *find(const saber_dict *dict, const char *key)
{
    for (size_t i = 0; i < dict->count; i++) {
        if (entry_is(&dict->entries[i], key))
            return &dict->entries[i];
    }
    return NULL;
}

/* Grows buffer *data to hold length bytes plus a NUL. */
static int fit(char **data, size_t *capacity, size_t length)
{
    size_t wanted;
    char *grown;

    if (length < *capacity)
        return 0;
    wanted = *capacity ? *capacity : 16;
    while (wanted <= length)
        wanted *= 2;
    grown = realloc(*data, wanted);
    if (!grown)
        return -1;
    *data = grown;
    *capacity = wanted;
    return 0;
}

/* Returns the entry for key, appending one (reusing a kept slot) if new. */
static entry *slot(saber_dict *dict, const char *key)
{
    entry *e = find(dict, key);
    size_t key_length;

    if (e)
        return e;

    if (dict->count == dict->capacity) {
        size_t capacity = dict->capacity ? dict->capacity * 2 : 8;
        entry *entries = realloc(dict->entries, capacity * sizeof *entries);

        if (!entries)
            return NULL;
        memset(entries + dict->capacity, 0,
               (capacity - dict->capacity) * sizeof *entries);
        dict->entries = entries;
        dict->capacity = capacity;
    }

    /* A dictionary refilled in the same order, as points and rows are,
     * finds its key already in the kept slot. */
    e = &dict->entries[dict->count];
    if (!e->key || !entry_is(e, key)) {
        key_length = strlen(key);
        if (fit(&e->key, &e->key_capacity, key_length) < 0)
            return NULL;
        memcpy(e->key, key, key_length + 1);
        e->alias = NULL;
    }
    e->type = SABER_VALUE_MISSING;
    e->text_length = 0;
    dict->count++;
    return e;
}

/* Stores a value in entry e.  When the text does not fit, returns
 * SABER_ERROR_NOMEM and leaves e as it was. */
static int fill(entry *e, saber_value_type type, int64_t integer, double real,
                const char *text, size_t text_length, uint64_t origin)
{
    if (fit(&e->text, &e->text_capacity, text_length) < 0)
        return SABER_ERROR_NOMEM;

    bytes_copy(e->text, text, text_length);
    e->text[text_length] = '\0';
    e->text_length = text_length;
    e->type = type;
    e->integer = integer;
    e->real = real;
    e->origin = origin;
    return SABER_OK;
}

/* Sets key to a value; alias, when not NULL, is a stable pointer to the
 * key's text (see dict_set_stable()). */
static int set_value(saber_dict *dict, const char *key, const char *alias,
                     saber_value_type type, int64_t integer, double real,
                     const char *text, size_t text_length, uint64_t origin)
{
    size_t before = dict->count;
    entry *e = slot(dict, key);

    if (!e)
        return SABER_ERROR_NOMEM;
    if (fill(e, type, integer, real, text, text_length, origin) != SABER_OK) {
        dict->count = before;
        return SABER_ERROR_NOMEM;
    }
    if (alias)
        e->alias = alias;
    return SABER_OK;
}

int dict_set_with_text(saber_dict *dict, const char *key, saber_value_type type,
                       int64_t integer, double real, const char *text,
                       size_t text_length, uint64_t origin)
{
    return set_value(dict, key, NULL, type, integer, real, text, text_length,
                     origin);
}

int dict_set_stable(saber_dict *dict, const char *key, saber_value_type type,
                    int64_t integer, double real, const char *text,
                    size_t text_length, uint64_t origin)
{
    return set_value(dict, key, key, type, integer, real, text, text_length,
                     origin);
}

int dict_set_null(saber_dict *dict, const char *key)
{
    return dict_set_with_text(dict, key, SABER_VALUE_NULL, 0, 0, "None", 4, 0);
}

int dict_set_bool(saber_dict *dict, const char *key, int value)
{
    const char *text = value ? "True" : "False";

    return dict_set_with_text(dict, key, SABER_VALUE_BOOL, value != 0, 0, text,
                              strlen(text), 0);
}

int dict_set_int(saber_dict *dict, const char *key, int64_t value)
{
    char text[24];
    size_t length = pyint_str(value, text);

    return dict_set_with_text(dict, key, SABER_VALUE_INT, value, (double)value,
                              text, length, 0);
}

int dict_set_real(saber_dict *dict, const char *key, double value)
{
    char text[PYFLOAT_REPR_SIZE];
    size_t length = pyfloat_repr(value, text);

    return dict_set_with_text(dict, key, SABER_VALUE_REAL, 0, value, text,
                              length, 0);
}

int dict_set_text(saber_dict *dict, const char *key, const char *text)
{
    return dict_set_with_text(dict, key, SABER_VALUE_TEXT, 0, 0, text,
                              strlen(text), 0);
}

int dict_copy(saber_dict *dst, const saber_dict *src)
{
    if (dst == src)
        return SABER_OK;
    dst->count = 0;
    for (size_t i = 0; i < src->count; i++) {
        const entry *e = &src->entries[i];
        int status = set_value(dst, e->key, e->alias, e->type, e->integer,
                               e->real, e->text, e->text_length, e->origin);

        if (status != SABER_OK)
            return status;
    }
    return SABER_OK;
}

size_t dict_count(const saber_dict *dict)
{
    return dict->count;
}

const char *dict_key_at(const saber_dict *dict, size_t index)
{
    return index < dict->count ? dict->entries[index].key : NULL;
}

saber_value_type dict_type(const saber_dict *dict, const char *key)
{
    const entry *e = find(dict, key);

    return e ? e->type : SABER_VALUE_MISSING;
}

int dict_get_bool(const saber_dict *dict, const char *key, int *out)
{
    const entry *e = find(dict, key);

    if (!e)
        return SABER_ERROR_NOTFOUND;
    if (e->type != SABER_VALUE_BOOL)
        return SABER_ERROR_TYPE;
    *out = (int)e->integer;
    return SABER_OK;
}

int dict_get_int(const saber_dict *dict, const char *key, int64_t *out)
{
    const entry *e = find(dict, key);

    if (!e)
        return SABER_ERROR_NOTFOUND;
    if (e->type != SABER_VALUE_INT)
        return SABER_ERROR_TYPE;
    *out = e->integer;
    return SABER_OK;
}

int dict_get_real(const saber_dict *dict, const char *key, double *out)
{
    const entry *e = find(dict, key);

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

int dict_get_text(const saber_dict *dict, const char *key, const char **out)
{
    const entry *e = find(dict, key);

    if (!e)
        return SABER_ERROR_NOTFOUND;
    *out = e->text;
    return SABER_OK;
}

uint64_t dict_origin(const saber_dict *dict, const char *key)
{
    const entry *e = find(dict, key);

    return e ? e->origin : 0;
}

size_t dict_index(const saber_dict *dict, const char *key, size_t hint)
{
    if (hint < dict->count && entry_is(&dict->entries[hint], key))
        return hint;
    for (size_t i = 0; i < dict->count; i++) {
        if (entry_is(&dict->entries[i], key))
            return i;
    }
    return DICT_NOT_FOUND;
}

saber_value_type dict_type_at(const saber_dict *dict, size_t index)
{
    return index < dict->count ? dict->entries[index].type
                               : SABER_VALUE_MISSING;
}

const char *dict_text_at(const saber_dict *dict, size_t index)
{
    return index < dict->count ? dict->entries[index].text : NULL;
}

size_t dict_text_length_at(const saber_dict *dict, size_t index)
{
    return dict->entries[index].text_length;
}

uint64_t dict_origin_at(const saber_dict *dict, size_t index)
{
    return dict->entries[index].origin;
}

int dict_merge(saber_dict *dst, const saber_dict *src)
{
    if (dst == src)
        return SABER_OK;
    for (size_t i = 0; i < src->count; i++) {
        const entry *e = &src->entries[i];
        int status;

        /* A row refilled from points has their keys at the same places. */
        if (i < dst->count &&
            ((e->alias && dst->entries[i].alias == e->alias) ||
             key_equal(dst->entries[i].key, e->key)))
            status = fill(&dst->entries[i], e->type, e->integer, e->real,
                          e->text, e->text_length, e->origin);
        else
            status = set_value(dst, e->key, e->alias, e->type, e->integer,
                               e->real, e->text, e->text_length, e->origin);
        if (status != SABER_OK)
            return status;
    }
    return SABER_OK;
}
