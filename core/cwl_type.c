/* cwl_type.c - CWL parameter types, and checking values against them. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cwl_type.h"
#include "error.h"
#include "fsutil.h"
#include "pyfloat.h"

static const struct {
    const char *name;
    cwl_type_kind kind;
} base_types[] = {
    {"null", CWL_TYPE_NULL},       {"boolean", CWL_TYPE_BOOLEAN},
    {"int", CWL_TYPE_INT},         {"long", CWL_TYPE_LONG},
    {"float", CWL_TYPE_FLOAT},     {"double", CWL_TYPE_DOUBLE},
    {"string", CWL_TYPE_STRING},   {"File", CWL_TYPE_FILE},
    {"Directory", CWL_TYPE_DIRECTORY}, {"Any", CWL_TYPE_ANY},
    {"stdout", CWL_TYPE_STDOUT},   {"stderr", CWL_TYPE_STDERR},
};

static int fail_at(const cwl_type_parser *parser, const ynode *node,
                   int status, const char *format, ...) SABER_FORMAT(4, 5);

static int fail_at(const cwl_type_parser *parser, const ynode *node,
                   int status, const char *format, ...)
{
    char what[512];
    va_list args;

    va_start(args, format);
    vsnprintf(what, sizeof what, format, args);
    va_end(args);
    error_set("%s:%zu:%zu: %s", ydoc_name(parser->doc), node ? node->line : 0,
              node ? node->column : 0, what);
    return status;
}

const char *cwl_expand_name(arena *a, const ynode *namespaces, const char *name)
{
    const char *colon = strchr(name, ':');
    char *expanded;

    if (!colon || !namespaces || namespaces->kind != YNODE_MAPPING)
        return name;
    for (size_t i = 0; i < namespaces->count; i++) {
        const ynode *prefix = namespaces->items[2 * i];
        const ynode *iri = namespaces->items[2 * i + 1];

        if (prefix->length != (size_t)(colon - name) ||
            strncmp(prefix->value, name, prefix->length) != 0 ||
            iri->kind != YNODE_SCALAR)
            continue;
        expanded = arena_alloc(a, iri->length + strlen(colon + 1) + 1);
        if (!expanded)
            return NULL;
        memcpy(expanded, iri->value, iri->length);
        strcpy(expanded + iri->length, colon + 1);
        return expanded;
    }
    return name;
}

int cwl_formats_parse(const cwl_type_parser *parser, const ynode *node,
                      const char ***formats, size_t *count)
{
    size_t n = node->kind == YNODE_SEQUENCE ? node->count : 1;
    const char **list = arena_alloc(parser->a, (n + 1) * sizeof *list);

    if (!list)
        return CWL_ERROR;
    for (size_t i = 0; i < n; i++) {
        const ynode *item = node->kind == YNODE_SEQUENCE ? node->items[i] : node;

        if (item->kind != YNODE_SCALAR)
            return fail_at(parser, item, CWL_ERROR, "a format must be text");
        list[i] = cwl_expand_name(parser->a, parser->namespaces, item->value);
        if (!list[i])
            return CWL_ERROR;
    }
    *formats = list;
    *count = n;
    return 0;
}

static int parse_secondary(const cwl_type_parser *parser, const ynode *node,
                           cwl_secondary *secondary)
{
    const ynode *pattern = node->kind == YNODE_MAPPING ? ynode_get(node, "pattern")
                                                      : node;
    const ynode *required = ynode_get(node, "required");

    if (!pattern || pattern->kind != YNODE_SCALAR)
        return fail_at(parser, node, CWL_ERROR,
                       "a secondaryFiles entry needs a text pattern");
    if (required && required->kind == YNODE_SCALAR && strstr(required->value, "$("))
        return fail_at(parser, required, CWL_UNSUPPORTED,
                       "an expression in secondaryFiles required is not supported");
    if (required)
        secondary->required = ynode_is(required, "true") || ynode_is(required, "True");
    return cwl_template_parse(parser->a, pattern->value,
                              parser->v1_0_escapes ? CWL_TEMPLATE_V1_0 : 0,
                              parser->doc, pattern, &secondary->pattern);
}

int cwl_secondaries_parse(const cwl_type_parser *parser, const ynode *node,
                          cwl_secondaries *out)
{
    size_t n = node->kind == YNODE_SEQUENCE ? node->count : 1;

    out->items = arena_alloc(parser->a, (n + 1) * sizeof *out->items);
    if (!out->items)
        return CWL_ERROR;
    for (size_t i = 0; i < n; i++) {
        int status;

        out->items[i].required = !parser->output;
        status = parse_secondary(parser, node->kind == YNODE_SEQUENCE ? node->items[i]
                                                                      : node,
                                 &out->items[i]);
        if (status < 0)
            return status;
    }
    out->count = n;
    return 0;
}

static cwl_type *new_type(arena *a, cwl_type_kind kind)
{
    cwl_type *type = arena_alloc(a, sizeof *type);

    if (type)
        type->kind = kind;
    return type;
}

/* Returns the short name of an identifier: what follows the last '#' and
 * then the last '/' ("#main/Foo" and "types.yml#Foo" give "Foo"). */
static const char *short_name(const char *id)
{
    const char *hash = strrchr(id, '#');
    const char *slash;

    if (hash)
        id = hash + 1;
    slash = strrchr(id, '/');
    return slash ? slash + 1 : id;
}

static cwl_type *lookup_name(const cwl_type_parser *parser, const char *name)
{
    const char *wanted = short_name(name);

    for (size_t i = 0; parser->names && i < parser->names->count; i++) {
        if (strcmp(parser->names->names[i], wanted) == 0)
            return parser->names->types[i];
    }
    return NULL;
}

/* Parses a type name with the "?" and "[]" shorthands. */
static int parse_name(const cwl_type_parser *parser, const ynode *node,
                      const char *text, size_t length, cwl_type **out)
{
    cwl_type *inner;
    char *name;

    if (length > 1 && text[length - 1] == '?') {
        cwl_type *optional = new_type(parser->a, CWL_TYPE_UNION);

        if (!optional || parse_name(parser, node, text, length - 1, &inner) < 0)
            return CWL_ERROR;
        optional->alternatives = arena_alloc(parser->a, 2 * sizeof *optional->alternatives);
        if (!optional->alternatives || !(optional->alternatives[0] =
                                         new_type(parser->a, CWL_TYPE_NULL)))
            return CWL_ERROR;
        optional->alternatives[1] = inner;
        optional->alternative_count = 2;
        *out = optional;
        return 0;
    }
    if (length > 2 && text[length - 2] == '[' && text[length - 1] == ']') {
        cwl_type *array = new_type(parser->a, CWL_TYPE_ARRAY);

        if (!array || parse_name(parser, node, text, length - 2, &array->items) < 0)
            return CWL_ERROR;
        *out = array;
        return 0;
    }

    name = arena_strndup(parser->a, text, length);
    if (!name)
        return CWL_ERROR;
    for (size_t i = 0; i < SABER_ARRAY_LEN(base_types); i++) {
        if (strcmp(short_name(name), base_types[i].name) != 0)
            continue;
        if ((base_types[i].kind == CWL_TYPE_STDOUT ||
             base_types[i].kind == CWL_TYPE_STDERR) && !parser->output)
            return fail_at(parser, node, CWL_ERROR,
                           "invalid type '%s' for an input", name);
        *out = new_type(parser->a, base_types[i].kind);
        return *out ? 0 : CWL_ERROR;
    }
    *out = lookup_name(parser, name);
    if (!*out)
        return fail_at(parser, node, CWL_ERROR,
                       "unknown type '%s'; use a CWL type (File, string, int, "
                       "...) or one named in SchemaDefRequirement", name);
    return 0;
}

static int parse_union(const cwl_type_parser *parser, const ynode *node,
                       cwl_type **out)
{
    cwl_type *type = new_type(parser->a, CWL_TYPE_UNION);

    if (!type)
        return CWL_ERROR;
    type->alternatives = arena_alloc(parser->a, (node->count + 1) *
                                                    sizeof *type->alternatives);
    if (!type->alternatives)
        return CWL_ERROR;
    for (size_t i = 0; i < node->count; i++) {
        int status = cwl_type_parse(parser, node->items[i],
                                    &type->alternatives[i]);

        if (status < 0)
            return status;
    }
    type->alternative_count = node->count;
    *out = type->alternative_count == 1 ? type->alternatives[0] : type;
    return 0;
}

static int parse_symbols(const cwl_type_parser *parser, const ynode *node,
                         cwl_type *type)
{
    const ynode *symbols = ynode_get(node, "symbols");

    if (!symbols || symbols->kind != YNODE_SEQUENCE)
        return fail_at(parser, symbols ? symbols : node, CWL_ERROR,
                       "an enum type needs a list of symbols");
    type->symbols = arena_alloc(parser->a, (symbols->count + 1) *
                                               sizeof *type->symbols);
    if (!type->symbols)
        return CWL_ERROR;
    for (size_t i = 0; i < symbols->count; i++) {
        if (symbols->items[i]->kind != YNODE_SCALAR)
            return fail_at(parser, symbols->items[i], CWL_ERROR,
                           "an enum symbol must be text");
        type->symbols[i] = short_name(symbols->items[i]->value);
    }
    type->symbol_count = symbols->count;
    return 0;
}

static int parse_field(const cwl_type_parser *parser, const char *name,
                       const ynode *spec, cwl_field *field)
{
    const ynode *type_node = spec->kind == YNODE_MAPPING ? ynode_get(spec, "type")
                                                         : spec;
    const ynode *binding = ynode_get(spec, "inputBinding");
    int status;

    field->name = short_name(name);
    field->node = spec->kind == YNODE_MAPPING ? spec : NULL;
    if (!type_node)
        return fail_at(parser, spec, CWL_ERROR, "record field '%s' has no type",
                       name);
    status = cwl_type_parse(parser, type_node, &field->type);
    if (status == 0 && ynode_get(spec, "secondaryFiles"))
        status = cwl_secondaries_parse(parser, ynode_get(spec, "secondaryFiles"),
                                       &field->secondary);
    if (status == 0 && binding && binding->kind == YNODE_MAPPING)
        status = cwl_binding_parse(parser, binding, &field->binding);
    if (status == 0 && ynode_get(spec, "format"))
        status = cwl_formats_parse(parser, ynode_get(spec, "format"), &field->formats,
                                   &field->format_count);
    return status;
}

static int parse_fields(const cwl_type_parser *parser, const ynode *node,
                        cwl_type *type)
{
    const ynode *fields = ynode_get(node, "fields");
    int status = 0;

    if (!fields)
        return 0;
    type->fields = arena_alloc(parser->a, (fields->count + 1) * sizeof *type->fields);
    if (!type->fields)
        return CWL_ERROR;
    for (size_t i = 0; i < fields->count && status == 0; i++) {
        const ynode *spec = fields->kind == YNODE_MAPPING ? fields->items[2 * i + 1]
                                                          : fields->items[i];
        const ynode *name = fields->kind == YNODE_MAPPING ? fields->items[2 * i]
                                                          : ynode_get(spec, "name");

        if (!name || name->kind != YNODE_SCALAR)
            return fail_at(parser, spec, CWL_ERROR, "record field without a name");
        status = parse_field(parser, name->value, spec, &type->fields[i]);
    }
    type->field_count = fields->count;
    return status;
}

static int parse_mapping(const cwl_type_parser *parser, const ynode *node,
                         cwl_type **out)
{
    const ynode *kind = ynode_get(node, "type");
    const ynode *name = ynode_get(node, "name");
    const ynode *binding = ynode_get(node, "inputBinding");
    cwl_type *type = NULL;
    int status;

    if (ynode_is(kind, "array")) {
        type = new_type(parser->a, CWL_TYPE_ARRAY);
        if (!type)
            return CWL_ERROR;
        if (!ynode_get(node, "items"))
            return fail_at(parser, node, CWL_ERROR, "an array type needs items");
        status = cwl_type_parse(parser, ynode_get(node, "items"), &type->items);
    } else if (ynode_is(kind, "enum")) {
        type = new_type(parser->a, CWL_TYPE_ENUM);
        status = type ? parse_symbols(parser, node, type) : CWL_ERROR;
    } else if (ynode_is(kind, "record")) {
        type = new_type(parser->a, CWL_TYPE_RECORD);
        status = type ? parse_fields(parser, node, type) : CWL_ERROR;
    } else {
        return fail_at(parser, kind ? kind : node, CWL_ERROR,
                       "invalid type; a type mapping needs type: array, "
                       "enum or record");
    }
    if (status < 0)
        return status;
    if (name && name->kind == YNODE_SCALAR)
        type->name = short_name(name->value);
    if (binding && binding->kind == YNODE_MAPPING &&
        cwl_binding_parse(parser, binding, &type->binding) < 0)
        return CWL_ERROR;
    *out = type;
    return 0;
}

int cwl_type_parse(const cwl_type_parser *parser, const ynode *node,
                   cwl_type **out)
{
    if (!node)
        return fail_at(parser, node, CWL_ERROR, "missing type");
    switch (node->kind) {
    case YNODE_SCALAR:
        return parse_name(parser, node, node->value, node->length, out);
    case YNODE_SEQUENCE:
        return parse_union(parser, node, out);
    default:
        return parse_mapping(parser, node, out);
    }
}

static int parse_position(const cwl_type_parser *parser, const ynode *node,
                          cwl_binding *binding)
{
    char *end;

    if (!node)
        return 0;
    errno = 0;
    binding->position = strtol(node->value, &end, 10);
    if (node->kind != YNODE_SCALAR || !node->plain || end == node->value ||
        *end || errno) {
        int expression = node->kind == YNODE_SCALAR && strstr(node->value, "$(");

        return fail_at(parser, node, expression ? CWL_UNSUPPORTED : CWL_ERROR,
                       expression ? "a position given by an expression ('%s') "
                                    "is not supported; write an integer"
                                  : "invalid position '%s'; write an integer",
                       node->value);
    }
    binding->has_position = 1;
    return 0;
}

static int parse_flag(const cwl_type_parser *parser, const ynode *node,
                      int *flag)
{
    if (!node)
        return 0;
    if (ynode_is(node, "true") || ynode_is(node, "True") || ynode_is(node, "TRUE")) {
        *flag = 1;
        return 0;
    }
    if (ynode_is(node, "false") || ynode_is(node, "False") || ynode_is(node, "FALSE")) {
        *flag = 0;
        return 0;
    }
    return fail_at(parser, node, CWL_ERROR,
                   "invalid boolean '%s'; write true or false", node->value);
}

static int scalar_text(const cwl_type_parser *parser, const ynode *node,
                       const char *field, const char **out)
{
    if (!node)
        return 0;
    if (node->kind != YNODE_SCALAR)
        return fail_at(parser, node, CWL_ERROR, "%s must be text", field);
    *out = node->value;
    return 0;
}

int cwl_binding_parse(const cwl_type_parser *parser, const ynode *node,
                      cwl_binding **out)
{
    cwl_binding *binding = arena_alloc(parser->a, sizeof *binding);
    const ynode *value_from = ynode_get(node, "valueFrom");
    int status;

    if (!binding)
        return CWL_ERROR;
    binding->separate = 1;
    binding->doc = parser->doc;
    binding->node = node;
    status = parse_position(parser, ynode_get(node, "position"), binding);
    if (status == 0)
        status = scalar_text(parser, ynode_get(node, "prefix"), "prefix",
                             &binding->prefix);
    if (status == 0)
        status = scalar_text(parser, ynode_get(node, "itemSeparator"),
                             "itemSeparator", &binding->item_separator);
    if (status == 0)
        status = parse_flag(parser, ynode_get(node, "separate"), &binding->separate);
    if (status == 0)
        status = parse_flag(parser, ynode_get(node, "loadContents"),
                            &binding->load_contents);
    if (status == 0 && value_from) {
        if (value_from->kind != YNODE_SCALAR)
            return fail_at(parser, value_from, CWL_ERROR, "valueFrom must be text");
        status = cwl_template_parse(parser->a, value_from->value,
                                    parser->v1_0_escapes, parser->doc,
                                    value_from, &binding->value_from);
    }
    *out = binding;
    return status;
}

int cwl_type_is_optional(const cwl_type *type)
{
    if (type->kind == CWL_TYPE_NULL)
        return 1;
    for (size_t i = 0; type->kind == CWL_TYPE_UNION && i < type->alternative_count; i++) {
        if (cwl_type_is_optional(type->alternatives[i]))
            return 1;
    }
    return 0;
}

const cwl_type *cwl_type_non_null(arena *a, const cwl_type *type)
{
    cwl_type *rest;

    if (type->kind != CWL_TYPE_UNION || !cwl_type_is_optional(type))
        return type;
    rest = new_type(a, CWL_TYPE_UNION);
    if (!rest || !(rest->alternatives = arena_alloc(a, type->alternative_count *
                                                           sizeof *rest->alternatives)))
        return NULL;
    for (size_t i = 0; i < type->alternative_count; i++) {
        if (type->alternatives[i]->kind != CWL_TYPE_NULL)
            rest->alternatives[rest->alternative_count++] = type->alternatives[i];
    }
    return rest->alternative_count == 1 ? rest->alternatives[0] : rest;
}

int cwl_type_write(strbuf *out, const cwl_type *type)
{
    if (type->name && (type->kind == CWL_TYPE_ENUM || type->kind == CWL_TYPE_RECORD))
        return strbuf_puts(out, type->name);
    switch (type->kind) {
    case CWL_TYPE_ARRAY:
        if (cwl_type_write(out, type->items) < 0)
            return -1;
        return strbuf_puts(out, "[]");
    case CWL_TYPE_ENUM:
        return strbuf_puts(out, "enum");
    case CWL_TYPE_RECORD:
        return strbuf_puts(out, "record");
    case CWL_TYPE_UNION:
        if (type->alternative_count == 2 &&
            type->alternatives[0]->kind == CWL_TYPE_NULL) {
            if (cwl_type_write(out, type->alternatives[1]) < 0)
                return -1;
            return strbuf_putc(out, '?');
        }
        if (strbuf_putc(out, '[') < 0)
            return -1;
        for (size_t i = 0; i < type->alternative_count; i++) {
            if ((i && strbuf_puts(out, ", ") < 0) ||
                cwl_type_write(out, type->alternatives[i]) < 0)
                return -1;
        }
        return strbuf_putc(out, ']');
    default:
        for (size_t i = 0; i < SABER_ARRAY_LEN(base_types); i++) {
            if (base_types[i].kind == type->kind)
                return strbuf_puts(out, base_types[i].name);
        }
        return strbuf_puts(out, "?");
    }
}

static int mismatch(char *why, size_t why_size, const cwl_type *type,
                    const json_value *value)
{
    strbuf name = STRBUF_INIT;

    if (why) {
        cwl_type_write(&name, type);
        snprintf(why, why_size, "expected %s, found a %s", strbuf_str(&name),
                 json_kind_name(value));
    }
    strbuf_release(&name);
    return 0;
}

static int check_enum(const cwl_type *type, const json_value *value, char *why,
                      size_t why_size)
{
    if (!value || value->kind != JSON_STRING)
        return mismatch(why, why_size, type, value);
    for (size_t i = 0; i < type->symbol_count; i++) {
        if (strcmp(type->symbols[i], value->string) == 0)
            return 1;
    }
    if (why)
        snprintf(why, why_size, "'%s' is not one of the enum's %zu symbols",
                 value->string, type->symbol_count);
    return 0;
}

static int check_container(const cwl_type *type, const json_value *value,
                           char *why, size_t why_size)
{
    if (type->kind == CWL_TYPE_ARRAY) {
        if (!value || value->kind != JSON_ARRAY)
            return mismatch(why, why_size, type, value);
        for (size_t i = 0; i < value->count; i++) {
            if (!cwl_type_check(type->items, value->items[i], why, why_size))
                return 0;
        }
        return 1;
    }
    if (type->kind == CWL_TYPE_RECORD) {
        if (!value || value->kind != JSON_OBJECT)
            return mismatch(why, why_size, type, value);
        for (size_t i = 0; i < type->field_count; i++) {
            if (!cwl_type_check(type->fields[i].type,
                                json_get(value, type->fields[i].name), why, why_size))
                return 0;
        }
        return 1;
    }
    for (size_t i = 0; i < type->alternative_count; i++) {
        if (cwl_type_check(type->alternatives[i], value, NULL, 0))
            return 1;
    }
    return mismatch(why, why_size, type, value);
}

int cwl_type_check(const cwl_type *type, const json_value *value, char *why,
                   size_t why_size)
{
    json_kind kind = value ? value->kind : JSON_NULL;
    const char *class_name = json_class(value);

    switch (type->kind) {
    case CWL_TYPE_NULL:
        return kind == JSON_NULL || mismatch(why, why_size, type, value);
    case CWL_TYPE_BOOLEAN:
        return kind == JSON_BOOL || mismatch(why, why_size, type, value);
    case CWL_TYPE_INT:
        return (kind == JSON_INT && value->integer >= INT32_MIN &&
                value->integer <= INT32_MAX) ||
               mismatch(why, why_size, type, value);
    case CWL_TYPE_LONG:
        return kind == JSON_INT || mismatch(why, why_size, type, value);
    case CWL_TYPE_FLOAT:
    case CWL_TYPE_DOUBLE:
        return kind == JSON_INT || kind == JSON_DOUBLE ||
               mismatch(why, why_size, type, value);
    case CWL_TYPE_STRING:
        return kind == JSON_STRING || mismatch(why, why_size, type, value);
    case CWL_TYPE_FILE:
    case CWL_TYPE_STDOUT:
    case CWL_TYPE_STDERR:
        return (class_name && strcmp(class_name, "File") == 0) ||
               mismatch(why, why_size, type, value);
    case CWL_TYPE_DIRECTORY:
        return (class_name && strcmp(class_name, "Directory") == 0) ||
               mismatch(why, why_size, type, value);
    case CWL_TYPE_ANY:
        return kind != JSON_NULL || mismatch(why, why_size, type, value);
    case CWL_TYPE_ENUM:
        return check_enum(type, value, why, why_size);
    default:
        return check_container(type, value, why, why_size);
    }
}

/* Reads an optionally signed decimal integer, nothing else. */
static int parse_integer(const char *text, int64_t *out)
{
    const char *digits = text + (*text == '-' || *text == '+');
    char *end;

    if (!isdigit((unsigned char)*digits))
        return -1;
    for (const char *p = digits; *p; p++) {
        if (!isdigit((unsigned char)*p))
            return -1;
    }
    errno = 0;
    *out = strtoll(text, &end, 10);
    return errno || *end ? -1 : 0;
}

static json_value *file_from_text(arena *a, const char *class_name,
                                  const char *text, const char *base)
{
    char *path = base ? fs_join(base, text) : fs_absolute(text);
    char *uri = path ? fs_file_uri(path) : NULL;
    json_value *object = json_new_object(a);
    json_value *result = NULL;

    if (!path || !uri || !object)
        goto done;
    if (json_set(a, object, "class", json_new_string(a, class_name)) == 0 &&
        json_set(a, object, "location", json_new_string(a, uri)) == 0 &&
        json_set(a, object, "path", json_new_string(a, path)) == 0)
        result = object;

done:
    free(path);
    free(uri);
    return result;
}

/* Converts text for a type that is not a union.  Returns 1 on success, 0
 * when the text does not fit the type, -1 when out of memory. */
static int convert_simple(arena *a, const cwl_type *type, const char *text,
                          const char *base, json_value **out)
{
    int64_t integer;
    double number;

    switch (type->kind) {
    case CWL_TYPE_INT:
    case CWL_TYPE_LONG:
        if (parse_integer(text, &integer) < 0 ||
            (type->kind == CWL_TYPE_INT && (integer < INT32_MIN || integer > INT32_MAX)))
            return 0;
        *out = json_new_int(a, integer);
        break;
    case CWL_TYPE_FLOAT:
    case CWL_TYPE_DOUBLE:
        /* A whole number stays an integer, which CWL accepts for a float
         * and writes as it is: the text 3 reaches the tool as 3, not 3.0. */
        if (parse_integer(text, &integer) == 0) {
            *out = json_new_int(a, integer);
            break;
        }
        if (pyfloat_parse(text, strlen(text), &number) < 0)
            return 0;
        *out = json_new_double(a, number);
        break;
    case CWL_TYPE_BOOLEAN:
        if (strcmp(text, "True") && strcmp(text, "true") &&
            strcmp(text, "False") && strcmp(text, "false"))
            return 0;
        *out = json_new_bool(a, text[0] == 'T' || text[0] == 't');
        break;
    case CWL_TYPE_STRING:
        *out = json_new_string(a, text);
        break;
    case CWL_TYPE_ENUM:
        *out = json_new_string(a, text);
        if (*out && !check_enum(type, *out, NULL, 0))
            return 0;
        break;
    case CWL_TYPE_FILE:
    case CWL_TYPE_DIRECTORY:
        if (!*text)
            return 0;
        *out = file_from_text(a, type->kind == CWL_TYPE_FILE ? "File" : "Directory",
                              text, base);
        break;
    case CWL_TYPE_ANY:
        if (parse_integer(text, &integer) == 0)
            *out = json_new_int(a, integer);
        else if (strchr(text, '.') && pyfloat_parse(text, strlen(text), &number) == 0)
            *out = json_new_double(a, number);
        else if (!strcmp(text, "true") || !strcmp(text, "false"))
            *out = json_new_bool(a, text[0] == 't');
        else
            *out = json_new_string(a, text);
        break;
    default:
        return 0;
    }
    return *out ? 1 : -1;
}

static int convert(arena *a, const cwl_type *type, const char *text,
                   const char *base, json_value **out)
{
    if (type->kind != CWL_TYPE_UNION)
        return convert_simple(a, type, text, base, out);
    for (size_t i = 0; i < type->alternative_count; i++) {
        int status = convert(a, type->alternatives[i], text, base, out);

        if (status != 0)
            return status;
    }
    return 0;
}

/* Returns advice on what to write for a type, or "". */
static const char *text_advice(const cwl_type *type)
{
    switch (type->kind) {
    case CWL_TYPE_INT:
    case CWL_TYPE_LONG:
        return "; write a whole number such as 5";
    case CWL_TYPE_FLOAT:
    case CWL_TYPE_DOUBLE:
        return "; write a number such as 0.5";
    case CWL_TYPE_BOOLEAN:
        return "; write True or False";
    case CWL_TYPE_ENUM:
        return "; write one of the enum's symbols";
    case CWL_TYPE_FILE:
    case CWL_TYPE_DIRECTORY:
        return "; write a path";
    default:
        return "";
    }
}

int cwl_type_convert_text(arena *a, const cwl_type *type, const char *text,
                          const char *base, json_value **out)
{
    strbuf name = STRBUF_INIT;
    const cwl_type *core;
    int status = convert(a, type, text, base, out);

    if (status > 0)
        return 0;
    if (status < 0)
        return CWL_ERROR;
    core = cwl_type_non_null(a, type);
    cwl_type_write(&name, type);
    error_set("invalid value '%s' for type %s%s", text, strbuf_str(&name),
              core ? text_advice(core) : "");
    strbuf_release(&name);
    return CWL_ERROR;
}
