/* test-yaml12.c - YAML 1.2 scalars, as cwltool (ruamel.yaml) reads them. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "yaml12.h"

/* Resolves the value of "v: TEXT". */
static yvalue resolve(const char *text, ydoc **doc)
{
    char *document = NULL;
    yvalue value;

    cr_assert(asprintf(&document, "v: %s\n", text) > 0);
    *doc = ydoc_load_string("test.yml", document, strlen(document));
    free(document);
    cr_assert_not_null(*doc, "%s", error_message());
    cr_assert_eq(yaml12_resolve(*doc, ynode_get(ydoc_root(*doc), "v"), &value), 0,
                 "%s: %s", text, error_message());
    return value;
}

typedef struct int_case {
    const char *text;
    int64_t value;
} int_case;

Test(yaml12, integers)
{
    static const int_case cases[] = {
        {"010", 10}, {"0o10", 8}, {"0x1F", 31}, {"0b101", 5}, {"1_000", 1000},
        {"+5", 5}, {"-0", 0}, {"-0x10", -16}, {"09", 9}, {"1_", 1},
        {"9223372036854775807", INT64_MAX},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ydoc *doc;
        yvalue value = resolve(cases[i].text, &doc);

        cr_expect_eq(value.type, SABER_VALUE_INT, "%s is not an int", cases[i].text);
        cr_expect_eq(value.integer, cases[i].value, "%s", cases[i].text);
        ydoc_free(doc);
    }
}

typedef struct float_case {
    const char *text;
    double value;
} float_case;

Test(yaml12, floats)
{
    static const float_case cases[] = {
        {"1e3", 1000.0}, {"1.5e3", 1500.0}, {"1.0e-05", 1e-05}, {".5", 0.5},
        {"-.5", -0.5}, {"5.", 5.0}, {"1_0.5", 10.5}, {"1E3", 1000.0},
        {"0.30000000000000004", 0.30000000000000004}, {"+.Inf", INFINITY},
        {"-.inf", -INFINITY},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ydoc *doc;
        yvalue value = resolve(cases[i].text, &doc);

        cr_expect_eq(value.type, SABER_VALUE_REAL, "%s is not a float", cases[i].text);
        cr_expect_eq(value.real, cases[i].value, "%s", cases[i].text);
        ydoc_free(doc);
    }
}

Test(yaml12, nan)
{
    ydoc *doc;
    yvalue value = resolve(".nan", &doc);

    cr_assert_eq(value.type, SABER_VALUE_REAL);
    cr_assert(isnan(value.real));
    ydoc_free(doc);
}

Test(yaml12, booleans_only_true_false)
{
    static const char *const truths[] = {"true", "True", "TRUE"};
    static const char *const text[] = {"yes", "no", "on", "off", "y", "tRue"};

    for (size_t i = 0; i < 3; i++) {
        ydoc *doc;
        yvalue value = resolve(truths[i], &doc);

        cr_expect_eq(value.type, SABER_VALUE_BOOL, "%s", truths[i]);
        cr_expect_eq(value.boolean, 1, "%s", truths[i]);
        ydoc_free(doc);
    }
    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
        ydoc *doc;
        yvalue value = resolve(text[i], &doc);

        cr_expect_eq(value.type, SABER_VALUE_TEXT, "%s should stay text", text[i]);
        ydoc_free(doc);
    }
}

Test(yaml12, text_and_null)
{
    static const char *const text[] = {"1:30", "_1", "0x", "0o", "1e", ".e3",
                                       "'10'", "\"true\"", "!!str 10", "1.2.3"};
    static const char *const nulls[] = {"~", "null", "Null", "NULL", ""};

    for (size_t i = 0; i < sizeof text / sizeof text[0]; i++) {
        ydoc *doc;
        yvalue value = resolve(text[i], &doc);

        cr_expect_eq(value.type, SABER_VALUE_TEXT, "%s should be text", text[i]);
        ydoc_free(doc);
    }
    for (size_t i = 0; i < sizeof nulls / sizeof nulls[0]; i++) {
        ydoc *doc;
        yvalue value = resolve(nulls[i], &doc);

        cr_expect_eq(value.type, SABER_VALUE_NULL, "'%s' should be null", nulls[i]);
        ydoc_free(doc);
    }
}

Test(yaml12, explicit_tags)
{
    ydoc *doc;
    yvalue value = resolve("!!float 3", &doc);

    cr_assert_eq(value.type, SABER_VALUE_REAL);
    cr_assert_eq(value.real, 3.0);
    ydoc_free(doc);
}

Test(yaml12, huge_integer_as_double)
{
    ydoc *doc;
    yvalue value = resolve("4200000000000000000000000000000000000000000", &doc);

    cr_assert_eq(value.type, SABER_VALUE_REAL);
    cr_assert_eq(value.real, 4.2e42);
    ydoc_free(doc);
}

Test(yaml12, unknown_tag)
{
    ydoc *doc = ydoc_load_string("tag.yml", "v: !!binary abc\n", 16);
    yvalue value;

    cr_assert_not_null(doc);
    cr_assert_eq(yaml12_resolve(doc, ynode_get(ydoc_root(doc), "v"), &value), -1);
    cr_assert(strstr(error_message(), "tag.yml:1:4"), "%s", error_message());
    ydoc_free(doc);
}
