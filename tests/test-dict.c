/* test-dict.c - the host's dictionaries and the short-copy helper. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "dict.h"

Test(dict, typed_values_and_texts)
{
    saber_dict *d = dict_new();
    const char *text = NULL;
    int64_t integer = 0;
    double real = 0;
    int flag = 0;

    cr_assert_eq(dict_set_int(d, "n", -42), SABER_OK);
    cr_assert_eq(dict_set_real(d, "x", 0.1 + 0.2), SABER_OK);
    cr_assert_eq(dict_set_bool(d, "b", 1), SABER_OK);
    cr_assert_eq(dict_set_null(d, "z"), SABER_OK);
    cr_assert_eq(dict_set_text(d, "s", "fast"), SABER_OK);

    cr_expect_eq(dict_count(d), 5);
    cr_expect_eq(dict_get_int(d, "n", &integer), SABER_OK);
    cr_expect_eq(integer, -42);
    cr_expect_eq(dict_get_real(d, "n", &real), SABER_OK, "an int reads as real");
    cr_expect_eq(real, -42.0);
    cr_expect_eq(dict_get_bool(d, "b", &flag), SABER_OK);
    cr_expect_eq(flag, 1);
    cr_expect_eq(dict_get_int(d, "x", &integer), SABER_ERROR_TYPE);
    cr_expect_eq(dict_get_int(d, "missing", &integer), SABER_ERROR_NOTFOUND);
    cr_expect_eq(dict_type(d, "z"), SABER_VALUE_NULL);
    cr_expect_eq(dict_type(d, "missing"), SABER_VALUE_MISSING);

    dict_get_text(d, "x", &text);
    cr_expect_str_eq(text, "0.30000000000000004");
    dict_get_text(d, "b", &text);
    cr_expect_str_eq(text, "True");
    dict_get_text(d, "z", &text);
    cr_expect_str_eq(text, "None");
    dict_free(d);
}

Test(dict, set_replaces_in_place)
{
    saber_dict *d = dict_new();
    const char *text = NULL;

    dict_set_int(d, "a", 1);
    dict_set_int(d, "b", 2);
    dict_set_text(d, "a", "a much longer text than before");

    cr_expect_eq(dict_count(d), 2);
    cr_expect_str_eq(dict_key_at(d, 0), "a", "the key keeps its position");
    dict_get_text(d, "a", &text);
    cr_expect_str_eq(text, "a much longer text than before");
    cr_expect_eq(dict_type(d, "a"), SABER_VALUE_TEXT);
    dict_free(d);
}

/* A cleared dictionary refilled with other keys forgets the old ones. */
Test(dict, clear_then_refill)
{
    saber_dict *d = dict_new();

    dict_set_int(d, "alpha", 1);
    dict_set_int(d, "beta", 2);
    dict_clear(d);
    cr_expect_eq(dict_count(d), 0);
    cr_expect_eq(dict_type(d, "alpha"), SABER_VALUE_MISSING);

    dict_set_int(d, "beta", 3);
    dict_set_int(d, "gamma", 4);
    cr_expect_eq(dict_count(d), 2);
    cr_expect_str_eq(dict_key_at(d, 0), "beta");
    cr_expect_str_eq(dict_key_at(d, 1), "gamma");
    cr_expect_eq(dict_type(d, "alpha"), SABER_VALUE_MISSING);
    dict_free(d);
}

Test(dict, copy_and_merge)
{
    saber_dict *src = dict_new();
    saber_dict *dst = dict_new();
    const char *text = NULL;

    dict_set_int(src, "a", 1);
    dict_set_text(src, "b", "two");
    dict_set_null(dst, "score");

    cr_assert_eq(dict_merge(dst, src), SABER_OK);
    cr_expect_eq(dict_count(dst), 3, "merge keeps dst's other keys");
    dict_get_text(dst, "b", &text);
    cr_expect_str_eq(text, "two");

    dict_set_text(src, "b", "three");
    cr_assert_eq(dict_merge(dst, src), SABER_OK);
    cr_expect_eq(dict_count(dst), 3, "merge replaces keys it already has");
    dict_get_text(dst, "b", &text);
    cr_expect_str_eq(text, "three");

    cr_assert_eq(dict_copy(dst, src), SABER_OK);
    cr_expect_eq(dict_count(dst), 2, "copy drops dst's other keys");
    cr_expect_eq(dict_type(dst, "score"), SABER_VALUE_MISSING);
    dict_free(src);
    dict_free(dst);
}

Test(dict, index_with_hint)
{
    saber_dict *d = dict_new();

    dict_set_int(d, "a", 1);
    dict_set_int(d, "b", 2);
    dict_set_int(d, "c", 3);
    cr_expect_eq(dict_index(d, "c", 2), 2);
    cr_expect_eq(dict_index(d, "c", 0), 2, "a wrong hint still finds it");
    cr_expect_eq(dict_index(d, "c", 99), 2, "a hint past the end is ignored");
    cr_expect_eq(dict_index(d, "d", 1), DICT_NOT_FOUND);
    cr_expect_eq(dict_text_length_at(d, 1), 1);
    dict_free(d);
}

/* A key set through dict_set_stable() is found by its pointer and by an
 * equal text elsewhere, and a slot reused for another key forgets the
 * pointer. */
Test(dict, stable_keys)
{
    static const char name[] = "threshold";
    char copy[] = "threshold";
    saber_dict *d = dict_new();
    saber_dict *row = dict_new();

    dict_set_stable(d, name, SABER_VALUE_INT, 5, 5.0, "5", 1, 1);
    cr_expect_eq(dict_index(d, name, 0), 0);
    cr_expect_eq(dict_index(d, copy, 0), 0, "an equal text matches");
    cr_assert_eq(dict_merge(row, d), SABER_OK);
    cr_expect_eq(dict_index(row, name, 0), 0, "copies keep the key");

    dict_clear(d);
    dict_set_int(d, "other", 1);
    cr_expect_eq(dict_index(d, name, 0), DICT_NOT_FOUND,
                 "a reused slot must not match the old pointer");
    cr_expect_str_eq(dict_key_at(d, 0), "other");
    dict_free(d);
    dict_free(row);
}

/* bytes_copy() copies exactly n bytes for every length it special-cases. */
Test(bytes, copy_lengths)
{
    char source[64];
    char target[64];

    for (size_t i = 0; i < sizeof source; i++)
        source[i] = (char)('A' + i % 26);
    for (size_t n = 0; n <= 40; n++) {
        memset(target, '#', sizeof target);
        bytes_copy(target + 1, source, n);
        cr_expect_eq(memcmp(target + 1, source, n), 0, "length %zu", n);
        cr_expect_eq(target[0], '#', "length %zu writes before", n);
        cr_expect_eq(target[n + 1], '#', "length %zu writes past the end", n);
    }
}
