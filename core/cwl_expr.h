/*
 * cwl_expr.h - CWL parameter references in strings: $(inputs.x).
 *
 * A CWL field that takes an expression is parsed once, when the document
 * is loaded, into a template of literal text and parameter references.
 * A parameter reference is "$(" ROOT SEGMENT* ")" where ROOT is inputs,
 * self or runtime and a segment is .name, ['name'], ["name"] or [index];
 * .length as the last segment of a list is its length, and $(null) is
 * null.  JavaScript ($(...) that is not a
 * parameter reference, and ${...}) is not supported: parsing it returns
 * CWL_UNSUPPORTED.
 *
 * Evaluation follows cwltool 3.1: a string containing "$(" or "${" is
 * stripped of surrounding whitespace; when one reference is the whole
 * string the result is the referenced value itself, of any type;
 * otherwise references are joined into the text, strings as they are and
 * other values as Python's json.dumps(value, sort_keys=True) writes them.
 * A backslash before "$(" or "${" makes it literal text and "\\" is one
 * backslash (documents of CWL v1.0 instead drop every backslash and keep
 * the character after it).
 */
#ifndef SABER_CWL_EXPR_H
#define SABER_CWL_EXPR_H

#include "arena.h"
#include "json.h"
#include "yamltree.h"

/* Results shared by the CWL functions: 0 on success, CWL_ERROR with an
 * error message, or CWL_UNSUPPORTED with a message naming the feature
 * saber-opt does not implement (saber-opt run then exits 33). */
enum {
    CWL_ERROR = -1,
    CWL_UNSUPPORTED = -2
};

typedef struct cwl_template cwl_template;

/* What references may name while a template is evaluated; every pointer
 * is borrowed, NULL reads as null. */
typedef struct cwl_expr_context {
    const json_value *inputs;
    const json_value *self;
    const json_value *runtime;
} cwl_expr_context;

/* Flags of cwl_template_parse(). */
enum {
    CWL_TEMPLATE_V1_0 = 1,           /* the CWL v1.0 backslash rule */
    CWL_TEMPLATE_KEEP_WHITESPACE = 2 /* no stripping (cwltool keeps the
                                      * whitespace of InitialWorkDir entries) */
};

/*
 * Parses text, read from node of doc (both may be NULL; they only place
 * messages), into *out, allocated in a.  flags is a set of CWL_TEMPLATE_
 * bits.  Returns 0, CWL_ERROR or CWL_UNSUPPORTED; messages read
 * "FILE:LINE:COL: ...".
 */
int cwl_template_parse(arena *a, const char *text, int flags, const ydoc *doc,
                       const ynode *node, cwl_template **out);

/* Returns whether the template has no parameter reference, so its value
 * is its text. */
int cwl_template_is_literal(const cwl_template *template);

/* Returns the text the template was parsed from. */
const char *cwl_template_text(const cwl_template *template);

/* Returns "FILE:LINE:COL" of the template's node, or "" when unknown;
 * the text lives as long as the template. */
const char *cwl_template_where(const cwl_template *template);

/*
 * Evaluates the template into *out (allocated in a).  Returns 0, or
 * CWL_ERROR with a message naming the template's position and the
 * reference that failed (a missing key, an index out of range, a segment
 * applied to null).
 */
int cwl_template_eval(arena *a, const cwl_template *template,
                      const cwl_expr_context *context, json_value **out);

/* Evaluates and requires a string (or null when allow_null); the result
 * is allocated in a.  Returns 0 or CWL_ERROR. */
int cwl_template_eval_string(arena *a, const cwl_template *template,
                             const cwl_expr_context *context, int allow_null,
                             const char **out);

/* Appends value as cwltool writes a referenced value into a string:
 * strings as they are, anything else as Python's json.dumps writes it. */
int cwl_value_to_text(strbuf *out, const json_value *value);

#endif
