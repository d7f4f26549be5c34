/*
 * dict.h - the host's implementation of saber_dict.
 *
 * Keys keep their insertion order; lookups scan linearly, which suits the
 * dozens of keys a point or result row holds.  Entries and their buffers
 * are kept for reuse after dict_clear(), so refilling a point or a row
 * allocates nothing once it has grown to size.
 */
#ifndef SABER_DICT_H
#define SABER_DICT_H

#include <stddef.h>
#include <stdint.h>

#include <saber/sampler.h>

saber_dict *dict_new(void);
void dict_free(saber_dict *dict);
int dict_clear(saber_dict *dict);
int dict_copy(saber_dict *dst, const saber_dict *src);

int dict_set_null(saber_dict *dict, const char *key);
int dict_set_bool(saber_dict *dict, const char *key, int value);
int dict_set_int(saber_dict *dict, const char *key, int64_t value);
int dict_set_real(saber_dict *dict, const char *key, double value);
int dict_set_text(saber_dict *dict, const char *key, const char *text);

/*
 * Sets key to a value whose text form the caller already has: type and the
 * matching number go in as given, text is copied.  origin tags the value
 * with where it came from (the search space uses value number + 1); it is
 * 0 for values set any other way and survives dict_copy().
 */
int dict_set_with_text(saber_dict *dict, const char *key, saber_value_type type,
                       int64_t integer, double real, const char *text,
                       size_t text_length, uint64_t origin);

/*
 * As dict_set_with_text(), for a key whose text stays at the same address,
 * unchanged, for as long as dict and every copy of it live, such as a
 * dimension name of the search space.  The dictionary remembers the
 * pointer, so a lookup or a refill with the same pointer skips comparing
 * text.  Copies (dict_copy(), dict_merge()) keep the pointer.
 */
int dict_set_stable(saber_dict *dict, const char *key, saber_value_type type,
                    int64_t integer, double real, const char *text,
                    size_t text_length, uint64_t origin);

size_t dict_count(const saber_dict *dict);
const char *dict_key_at(const saber_dict *dict, size_t index);
saber_value_type dict_type(const saber_dict *dict, const char *key);
int dict_get_bool(const saber_dict *dict, const char *key, int *out);
int dict_get_int(const saber_dict *dict, const char *key, int64_t *out);
int dict_get_real(const saber_dict *dict, const char *key, double *out);
int dict_get_text(const saber_dict *dict, const char *key, const char **out);

/* Returns the origin tag of key's value, 0 when absent or untagged. */
uint64_t dict_origin(const saber_dict *dict, const char *key);

/*
 * Returns the position of key, or DICT_NOT_FOUND.  The key at position
 * hint is compared first: callers that know where a key usually sits
 * (the search space fills a point's dimensions in order) skip the scan.
 */
#define DICT_NOT_FOUND SIZE_MAX
size_t dict_index(const saber_dict *dict, const char *key, size_t hint);

/* Return the type, text, text length and origin tag of the value at
 * position index, which must be below dict_count(). */
saber_value_type dict_type_at(const saber_dict *dict, size_t index);
const char *dict_text_at(const saber_dict *dict, size_t index);
size_t dict_text_length_at(const saber_dict *dict, size_t index);
uint64_t dict_origin_at(const saber_dict *dict, size_t index);

/* Sets every key of src in dst, as copies, and keeps dst's other keys.
 * SABER_ERROR_NOMEM may leave some keys set. */
int dict_merge(saber_dict *dst, const saber_dict *src);

#endif
