/*
 * cwl_type.h - CWL parameter types, and checking values against them.
 *
 * Types are read from the shorthand ("File", "int?", "string[]") or the
 * long form (a list is a union; {type: array, items: T}, {type: enum,
 * symbols: [...]}, {type: record, fields: ...}), with names defined by
 * SchemaDefRequirement.  Types live in the arena of their document.
 */
#ifndef SABER_CWL_TYPE_H
#define SABER_CWL_TYPE_H

#include <stddef.h>

#include "arena.h"
#include "cwl_expr.h"
#include "json.h"
#include "strbuf.h"
#include "yamltree.h"

typedef enum cwl_type_kind {
    CWL_TYPE_NULL,
    CWL_TYPE_BOOLEAN,
    CWL_TYPE_INT,
    CWL_TYPE_LONG,
    CWL_TYPE_FLOAT,
    CWL_TYPE_DOUBLE,
    CWL_TYPE_STRING,
    CWL_TYPE_FILE,
    CWL_TYPE_DIRECTORY,
    CWL_TYPE_ANY,
    CWL_TYPE_ARRAY,
    CWL_TYPE_ENUM,
    CWL_TYPE_RECORD,
    CWL_TYPE_UNION,
    CWL_TYPE_STDOUT,   /* output shorthand: the captured standard output */
    CWL_TYPE_STDERR
} cwl_type_kind;

typedef struct cwl_type cwl_type;
typedef struct cwl_binding cwl_binding;
struct cwl_output_binding;

/* One entry of secondaryFiles: a pattern ("^.bai" drops an extension per
 * caret, then appends) or a parameter reference, and whether the file
 * must exist. */
typedef struct cwl_secondary {
    cwl_template *pattern;
    int required;
} cwl_secondary;

/* The secondaryFiles of a parameter or record field. */
typedef struct cwl_secondaries {
    cwl_secondary *items;
    size_t count;
} cwl_secondaries;

/* A field of a record type. */
typedef struct cwl_field {
    const char *name;
    cwl_type *type;
    cwl_binding *binding;   /* its inputBinding, or NULL */
    const char **formats;   /* its format IRIs, namespace prefixes expanded */
    size_t format_count;
    struct cwl_output_binding *output_binding; /* set by the loader for
                                                * output records */
    cwl_secondaries secondary;
    const ynode *node;      /* the field's mapping (NULL for a shorthand) */
} cwl_field;

struct cwl_type {
    cwl_type_kind kind;
    cwl_type *items;               /* ARRAY */
    cwl_type **alternatives;       /* UNION, in the order written */
    size_t alternative_count;
    const char **symbols;          /* ENUM: short names ("b", not "#e/b") */
    size_t symbol_count;
    cwl_field *fields;             /* RECORD */
    size_t field_count;
    /* The inputBinding written inside an array, enum or record type. */
    cwl_binding *binding;
    const char *name;              /* a named type's short name, or NULL */
};

/* A CommandLineBinding: the rules that put a value on the command line.
 * Templates are NULL when the field is absent. */
struct cwl_binding {
    int has_position;
    long position;
    const char *prefix;
    int separate;                  /* 1 unless separate: false */
    const char *item_separator;
    cwl_template *value_from;
    int load_contents;
    const ydoc *doc;               /* where it is written */
    const ynode *node;
};

/* Named types of a document (SchemaDefRequirement), searched by short
 * name. */
typedef struct cwl_type_names {
    const char **names;
    cwl_type **types;
    size_t count;
} cwl_type_names;

/* What the type parser needs beyond the node. */
typedef struct cwl_type_parser {
    arena *a;
    const ydoc *doc;
    const cwl_type_names *names;   /* may be NULL */
    int output;                    /* stdout and stderr are allowed */
    int v1_0_escapes;              /* for valueFrom in nested bindings */
    const ynode *namespaces;       /* the document's $namespaces, or NULL */
} cwl_type_parser;

/* Returns name with a namespace prefix of namespaces expanded
 * ("edam:format_1" -> "http://edamontology.org/format_1"); name itself
 * when it has no known prefix.  The result may be allocated in a. */
const char *cwl_expand_name(arena *a, const ynode *namespaces, const char *name);

/* Reads a format field: one IRI or a list of them, prefixes expanded.
 * Returns 0 or CWL_ERROR. */
int cwl_formats_parse(const cwl_type_parser *parser, const ynode *node,
                      const char ***formats, size_t *count);

/* Reads a secondaryFiles field.  required defaults to true for inputs and
 * false for outputs, as CWL v1.2 specifies.  Returns 0, CWL_ERROR or
 * CWL_UNSUPPORTED. */
int cwl_secondaries_parse(const cwl_type_parser *parser, const ynode *node,
                          cwl_secondaries *out);

/* Parses a type node.  Returns 0, CWL_ERROR or CWL_UNSUPPORTED (unknown
 * type names are errors) with a message naming file, line and column. */
int cwl_type_parse(const cwl_type_parser *parser, const ynode *node,
                   cwl_type **out);

/* Parses an inputBinding mapping. */
int cwl_binding_parse(const cwl_type_parser *parser, const ynode *node,
                      cwl_binding **out);

/* Returns whether the type accepts null (null itself, Any excluded). */
int cwl_type_is_optional(const cwl_type *type);

/* Returns the type without its null alternative: T for [null, T], the
 * union of the rest when more remain, type itself when not optional.
 * The result may be built in a. */
const cwl_type *cwl_type_non_null(arena *a, const cwl_type *type);

/* Appends the type in CWL's shorthand: "int", "File?", "string[]",
 * "[int, string]"; an enum or record type is written as its name, or as
 * "enum" or "record" when it has none. */
int cwl_type_write(strbuf *out, const cwl_type *type);

/*
 * Checks value against type as cwltool's validation does: int is a
 * 32-bit integer, long 64-bit, float and double accept integers, File and
 * Directory need the matching "class", an enum only its symbols, Any any
 * value but null.  Returns 1 when it matches, 0 when not, with a reason
 * in why (at least 200 bytes) when why is not NULL.
 */
int cwl_type_check(const cwl_type *type, const json_value *value, char *why,
                   size_t why_size);

/*
 * Converts text to a value of type:
 *   - int or long: decimal digits with an optional sign ("0.5" and "5.0"
 *     are rejected);
 *   - float or double: as Python's float() reads the text;
 *   - boolean: True, False, true or false;
 *   - enum: one of its symbols;
 *   - string: the text byte for byte;
 *   - File or Directory: a path, made absolute against base (or the
 *     current folder when base is NULL);
 *   - Any: an integer, a number with a point, true or false, else text.
 * An optional type accepts what its non-null part accepts, and a union the
 * first alternative that accepts the text.  Returns 0 with *out in a, or
 * CWL_ERROR with a message saying what the type accepts.
 */
int cwl_type_convert_text(arena *a, const cwl_type *type, const char *text,
                          const char *base, json_value **out);

#endif
