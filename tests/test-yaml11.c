/* test-yaml11.c - YAML 1.1 scalar resolution against PyYAML's. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "helpers.h"
#include "pyfloat.h"
#include "strbuf.h"
#include "yaml11.h"
#include "yamltree.h"

typedef struct table_row {
    char *source;
    char *type;
    char *str;
} table_row;

typedef struct table {
    table_row *rows;
    size_t count;
    char *text;
} table;

/* Reads yaml11/resolve.tsv: YAML source of an item, PyYAML's type, str(). */
static table read_table(void)
{
    char *path = th_data("yaml11/resolve.tsv");
    table t = {NULL, 0, th_read_file(path, NULL)};
    char *line_end;

    cr_assert_not_null(t.text, "cannot read %s", path);
    for (char *line = t.text; *line; line = line_end + 1) {
        char *tab1 = strchr(line, '\t');
        char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;

        line_end = strchr(line, '\n');
        cr_assert(tab2 && line_end && tab2 < line_end, "bad row in %s: %.40s",
                  path, line);
        *tab1 = *tab2 = *line_end = '\0';
        t.rows = realloc(t.rows, (t.count + 1) * sizeof *t.rows);
        t.rows[t.count++] = (table_row){line, tab1 + 1, tab2 + 1};
    }
    free(path);
    return t;
}

static const char *type_name(saber_value_type type)
{
    switch (type) {
    case SABER_VALUE_NULL: return "null";
    case SABER_VALUE_BOOL: return "bool";
    case SABER_VALUE_INT: return "int";
    case SABER_VALUE_REAL: return "float";
    case SABER_VALUE_TEXT: return "str";
    default: return "?";
    }
}

/* Every row becomes one item of a YAML list, which resolves to the type
 * and the str() that PyYAML gave it. */
Test(yaml11, resolves_like_pyyaml)
{
    table t = read_table();
    strbuf document = STRBUF_INIT;
    const ynode *root;
    ydoc *doc;

    for (size_t i = 0; i < t.count; i++)
        strbuf_printf(&document, "- %s\n", t.rows[i].source);
    doc = ydoc_load_string("table.yml", document.data, document.length);
    cr_assert_not_null(doc, "the table does not load: %s", error_message());
    root = ydoc_root(doc);
    cr_assert_eq(root->count, t.count, "%zu items for %zu rows", root->count,
                 t.count);

    for (size_t i = 0; i < t.count; i++) {
        char scratch[PYFLOAT_REPR_SIZE];
        yvalue v;
        int status = yaml11_resolve(doc, root->items[i], &v);

        cr_expect_eq(status, 0, "'%s' fails: %s", t.rows[i].source,
                     error_message());
        if (status != 0)
            continue;
        cr_expect_str_eq(type_name(v.type), t.rows[i].type, "'%s' is a %s, "
                         "PyYAML reads a %s", t.rows[i].source,
                         type_name(v.type), t.rows[i].type);
        cr_expect_str_eq(yvalue_str(&v, scratch), t.rows[i].str, "str() of "
                         "'%s' is '%s', PyYAML gives '%s'", t.rows[i].source,
                         yvalue_str(&v, scratch), t.rows[i].str);
    }
    cr_expect_geq(t.count, 5000, "the table has only %zu rows", t.count);
    ydoc_free(doc);
    strbuf_release(&document);
    free(t.rows);
    free(t.text);
}

/* Resolves the single item of "- SOURCE" and returns the status. */
static int resolve_item(const char *source, yvalue *v, ydoc **doc)
{
    char *text = th_format("- %s\n", source);

    *doc = ydoc_load_string("item.yml", text, strlen(text));
    free(text);
    cr_assert_not_null(*doc, "'%s' does not load: %s", source, error_message());
    return yaml11_resolve(*doc, ydoc_root(*doc)->items[0], v);
}

Test(yaml11, int_beyond_64_bits)
{
    ydoc *doc;
    yvalue v;

    cr_assert_eq(resolve_item("9223372036854775808", &v, &doc), -1);
    cr_expect_str_eq(error_message(), "item.yml:1:3: integer "
                     "'9223372036854775808' is out of the 64-bit range; quote "
                     "it to pass it as text");
    ydoc_free(doc);
}

Test(yaml11, bad_explicit_int)
{
    ydoc *doc;
    yvalue v;

    cr_assert_eq(resolve_item("!!int abc", &v, &doc), -1);
    cr_expect_str_eq(error_message(), "item.yml:1:3: invalid integer 'abc'; write a "
                     "whole number or remove the tag");
    ydoc_free(doc);
}

Test(yaml11, unknown_tag)
{
    ydoc *doc;
    yvalue v;

    cr_assert_eq(resolve_item("!!binary aGk=", &v, &doc), -1);
    cr_expect_str_eq(error_message(), "item.yml:1:3: unsupported tag "
                     "'tag:yaml.org,2002:binary' on value 'aGk='; use !!str, "
                     "!!int, !!float, !!bool, !!null or no tag");
    ydoc_free(doc);
}

Test(yaml11, not_a_scalar)
{
    ydoc *doc;
    yvalue v;

    cr_assert_eq(resolve_item("[1, 2]", &v, &doc), -1);
    cr_expect_str_eq(error_message(), "item.yml:1:3: expected a single value, "
                     "found a list");
    ydoc_free(doc);
}
