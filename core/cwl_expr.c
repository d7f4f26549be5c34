/* cwl_expr.c - CWL parameter references in strings: $(inputs.x). */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cwl_expr.h"
#include "error.h"

typedef enum root_kind {
    ROOT_INPUTS,
    ROOT_SELF,
    ROOT_RUNTIME,
    ROOT_NULL        /* $(null) is null, as cwltool evaluates it */
} root_kind;

typedef struct segment {
    const char *key;   /* NULL for an index */
    size_t index;
} segment;

/* A run of literal text (reference_text NULL) or one parameter reference. */
typedef struct part {
    const char *literal;
    size_t literal_length;
    const char *reference_text;   /* "$(...)" as written */
    root_kind root;
    segment *segments;
    size_t segment_count;
} part;

struct cwl_template {
    const char *text;
    const char *where;   /* "FILE:LINE:COL", or "" */
    part *parts;
    size_t count;
    size_t capacity;
    int whole_reference; /* one reference and nothing else */
};

/* The parser's position in the text being parsed. */
typedef struct parser {
    arena *a;
    cwl_template *template;
    const char *p;
    strbuf literal;
} parser;

static int is_word_char(unsigned char c)
{
    return isalnum(c) || c == '_' || c >= 0x80;
}

static part *add_part(parser *ps)
{
    cwl_template *t = ps->template;

    if (t->count == t->capacity) {
        size_t capacity = t->capacity ? t->capacity * 2 : 4;
        part *parts = arena_alloc(ps->a, capacity * sizeof *parts);

        if (!parts)
            return NULL;
        if (t->count)
            memcpy(parts, t->parts, t->count * sizeof *parts);
        t->parts = parts;
        t->capacity = capacity;
    }
    return &t->parts[t->count++];
}

/* Moves the literal text gathered so far into a part. */
static int flush_literal(parser *ps)
{
    part *literal;

    if (ps->literal.length == 0)
        return 0;
    literal = add_part(ps);
    if (!literal)
        return -1;
    literal->literal = arena_strndup(ps->a, strbuf_str(&ps->literal),
                                     ps->literal.length);
    literal->literal_length = ps->literal.length;
    strbuf_reset(&ps->literal);
    return literal->literal ? 0 : -1;
}

static int add_segment(parser *ps, part *reference, const char *key,
                       size_t key_length, size_t index)
{
    segment *segments = arena_alloc(ps->a, (reference->segment_count + 1) *
                                               sizeof *segments);

    if (!segments)
        return -1;
    if (reference->segment_count)
        memcpy(segments, reference->segments,
               reference->segment_count * sizeof *segments);
    segments[reference->segment_count].index = index;
    if (key) {
        segments[reference->segment_count].key =
            arena_strndup(ps->a, key, key_length);
        if (!segments[reference->segment_count].key)
            return -1;
    }
    reference->segments = segments;
    reference->segment_count++;
    return 0;
}

/* Parses ['name'] or ["name"] at p (p at the quote); a backslash escapes
 * the quote.  Returns the end after "]" or NULL. */
static const char *parse_quoted(parser *ps, part *reference, const char *p)
{
    char quote = *p++;
    strbuf key = STRBUF_INIT;
    const char *end = NULL;

    for (; *p && *p != quote; p++) {
        if (*p == '\\' && p[1] == quote)
            p++;
        if (strbuf_putc(&key, *p) < 0)
            goto done;
    }
    if (*p != quote || p[1] != ']' || key.length == 0)
        goto done;
    if (add_segment(ps, reference, strbuf_str(&key), key.length, 0) == 0)
        end = p + 2;

done:
    strbuf_release(&key);
    return end;
}

/* Parses one segment at p; returns its end, or NULL when there is none. */
static const char *parse_segment(parser *ps, part *reference, const char *p)
{
    const char *start;

    if (p[0] == '.' && is_word_char((unsigned char)p[1])) {
        start = ++p;
        while (is_word_char((unsigned char)*p))
            p++;
        return add_segment(ps, reference, start, (size_t)(p - start), 0) < 0
                   ? NULL : p;
    }
    if (p[0] != '[')
        return NULL;
    if (p[1] == '\'' || p[1] == '"')
        return parse_quoted(ps, reference, p + 1);

    start = ++p;
    while (isdigit((unsigned char)*p))
        p++;
    if (p == start || *p != ']')
        return NULL;
    return add_segment(ps, reference, NULL, 0, strtoul(start, NULL, 10)) < 0
               ? NULL : p + 1;
}

/* Parses "$(" ROOT SEGMENT* ")" at ps->p; returns 0, or -1 when the text
 * there is not a parameter reference. */
static int parse_reference(parser *ps)
{
    const char *start = ps->p;
    const char *p = start + 2;
    const char *symbol = p;
    part *reference;

    while (is_word_char((unsigned char)*p))
        p++;
    if (flush_literal(ps) < 0 || !(reference = add_part(ps)))
        return -1;
    if ((size_t)(p - symbol) == 6 && strncmp(symbol, "inputs", 6) == 0)
        reference->root = ROOT_INPUTS;
    else if ((size_t)(p - symbol) == 4 && strncmp(symbol, "self", 4) == 0)
        reference->root = ROOT_SELF;
    else if ((size_t)(p - symbol) == 7 && strncmp(symbol, "runtime", 7) == 0)
        reference->root = ROOT_RUNTIME;
    else if ((size_t)(p - symbol) == 4 && strncmp(symbol, "null", 4) == 0 && *p == ')')
        reference->root = ROOT_NULL;
    else
        return -1;

    while (*p && *p != ')') {
        p = parse_segment(ps, reference, p);
        if (!p)
            return -1;
    }
    if (*p != ')')
        return -1;
    reference->reference_text = arena_strndup(ps->a, start,
                                              (size_t)(p + 1 - start));
    ps->p = p + 1;
    return reference->reference_text ? 0 : -1;
}

/* Handles a backslash at ps->p by the rule of the document's version. */
static int parse_backslash(parser *ps, int v1_0_escapes)
{
    const char *p = ps->p;

    if (!p[1]) {
        ps->p = p + 1;
        return strbuf_putc(&ps->literal, '\\');
    }
    if (v1_0_escapes) {
        ps->p = p + 2;
        return strbuf_putc(&ps->literal, p[1]);
    }
    if (p[1] == '$' && (p[2] == '(' || p[2] == '{')) {
        ps->p = p + 3;
        return strbuf_append(&ps->literal, p + 1, 2);
    }
    ps->p = p + 2;
    if (p[1] == '\\')
        return strbuf_putc(&ps->literal, '\\');
    return strbuf_append(&ps->literal, p, 2);
}

static int unsupported(const cwl_template *t, const char *what)
{
    error_set("%s%sJavaScript expression %s is not supported: saber-opt "
              "evaluates only parameter references such as $(inputs.name), "
              "$(self[0].contents) or $(runtime.outdir)",
              t->where, *t->where ? ": " : "", what);
    return CWL_UNSUPPORTED;
}

/* Quotes the expression starting at p for a message: up to its closing
 * bracket or 60 bytes. */
static const char *excerpt(char buffer[72], const char *p)
{
    size_t length = strcspn(p, "\n");

    if (length > 60)
        length = 60;
    snprintf(buffer, 72, "'%.*s%s'", (int)length, p, p[length] ? "..." : "");
    return buffer;
}

static int parse_text(parser *ps, const char *text, int flags)
{
    int v1_0_escapes = flags & CWL_TEMPLATE_V1_0;
    const char *end;
    char quoted[72];

    /* Python's str.strip() whitespace, as cwltool strips expressions. */
    while (!(flags & CWL_TEMPLATE_KEEP_WHITESPACE) && *text &&
           strchr(" \t\n\r\v\f", *text))
        text++;
    end = text + strlen(text);
    while (!(flags & CWL_TEMPLATE_KEEP_WHITESPACE) && end > text &&
           strchr(" \t\n\r\v\f", end[-1]))
        end--;

    ps->p = text;
    while (ps->p < end) {
        int status = 0;

        if (*ps->p == '\\')
            status = parse_backslash(ps, v1_0_escapes);
        else if (ps->p[0] == '$' && ps->p[1] == '{')
            return unsupported(ps->template, excerpt(quoted, ps->p));
        else if (ps->p[0] == '$' && ps->p[1] == '(') {
            const char *start = ps->p;

            if (parse_reference(ps) < 0 || ps->p > end)
                return unsupported(ps->template, excerpt(quoted, start));
        } else
            status = strbuf_putc(&ps->literal, *ps->p++);
        if (status < 0)
            return CWL_ERROR;
    }
    return flush_literal(ps) < 0 ? CWL_ERROR : 0;
}

static const char *position_text(arena *a, const ydoc *doc, const ynode *node)
{
    char buffer[64];
    strbuf where = STRBUF_INIT;
    const char *copy;

    if (!doc || !node)
        return "";
    snprintf(buffer, sizeof buffer, ":%zu:%zu", node->line, node->column);
    if (strbuf_puts(&where, ydoc_name(doc)) < 0 || strbuf_puts(&where, buffer) < 0)
        return NULL;
    copy = arena_strdup(a, strbuf_str(&where));
    strbuf_release(&where);
    return copy;
}

int cwl_template_parse(arena *a, const char *text, int flags, const ydoc *doc,
                       const ynode *node, cwl_template **out)
{
    cwl_template *t = arena_alloc(a, sizeof *t);
    parser ps = {a, t, NULL, STRBUF_INIT};
    int status;

    if (!t || !(t->text = arena_strdup(a, text)) ||
        !(t->where = position_text(a, doc, node)))
        return CWL_ERROR;
    if (!strstr(text, "$(") && !strstr(text, "${")) {
        if (strbuf_puts(&ps.literal, text) < 0)
            return CWL_ERROR;
        status = flush_literal(&ps) < 0 ? CWL_ERROR : 0;
    } else {
        status = parse_text(&ps, text, flags);
    }
    strbuf_release(&ps.literal);
    if (status < 0)
        return status;

    t->whole_reference = t->count == 1 && t->parts[0].reference_text;
    *out = t;
    return 0;
}

int cwl_template_is_literal(const cwl_template *template)
{
    for (size_t i = 0; i < template->count; i++) {
        if (template->parts[i].reference_text)
            return 0;
    }
    return 1;
}

const char *cwl_template_text(const cwl_template *template)
{
    return template->text;
}

const char *cwl_template_where(const cwl_template *template)
{
    return template->where;
}

static int reference_error(const cwl_template *t, const part *reference,
                           const char *what)
{
    error_set("%s%scannot evaluate %s: %s", t->where, *t->where ? ": " : "",
              reference->reference_text, what);
    return CWL_ERROR;
}

/* Applies one segment to value; returns the result or NULL with *failure
 * describing the problem. */
static const json_value *apply_segment(const json_value *value,
                                       const segment *seg, int last, arena *a,
                                       char failure[160])
{
    if (value && value->kind == JSON_ARRAY && seg->key && last &&
        strcmp(seg->key, "length") == 0)
        return json_new_int(a, (int64_t)value->count);
    if (value && value->kind == JSON_OBJECT && seg->key) {
        const json_value *found = json_get(value, seg->key);

        if (!found)
            snprintf(failure, 160, "the object has no key '%s'", seg->key);
        return found;
    }
    if (value && value->kind == JSON_ARRAY && !seg->key) {
        if (seg->index < value->count)
            return value->items[seg->index];
        snprintf(failure, 160, "index %zu is out of range for a list of %zu",
                 seg->index, value->count);
        return NULL;
    }
    if (seg->key)
        snprintf(failure, 160, "'%s' applied to a %s", seg->key,
                 json_kind_name(value));
    else
        snprintf(failure, 160, "index [%zu] applied to a %s", seg->index,
                 json_kind_name(value));
    return NULL;
}

static int resolve(arena *a, const cwl_template *t, const part *reference,
                   const cwl_expr_context *context, const json_value **out)
{
    const json_value *value = reference->root == ROOT_INPUTS ? context->inputs
                              : reference->root == ROOT_SELF ? context->self
                              : reference->root == ROOT_RUNTIME ? context->runtime
                                                                : NULL;
    char failure[160];

    for (size_t i = 0; i < reference->segment_count; i++) {
        value = apply_segment(value, &reference->segments[i],
                              i + 1 == reference->segment_count, a, failure);
        if (!value)
            return reference_error(t, reference, failure);
    }
    *out = value;
    return 0;
}

int cwl_value_to_text(strbuf *out, const json_value *value)
{
    if (value && value->kind == JSON_STRING)
        return strbuf_append(out, value->string, value->length);
    return json_write(out, value, JSON_STYLE_PYTHON);
}

int cwl_template_eval(arena *a, const cwl_template *template,
                      const cwl_expr_context *context, json_value **out)
{
    strbuf text = STRBUF_INIT;
    int status = CWL_ERROR;

    if (template->whole_reference) {
        const json_value *value;

        if (resolve(a, template, &template->parts[0], context, &value) < 0)
            return CWL_ERROR;
        *out = value ? (json_value *)value : json_new_null(a);
        return *out ? 0 : CWL_ERROR;
    }

    for (size_t i = 0; i < template->count; i++) {
        const part *piece = &template->parts[i];
        const json_value *value;

        if (!piece->reference_text) {
            if (strbuf_append(&text, piece->literal, piece->literal_length) < 0)
                goto done;
            continue;
        }
        if (resolve(a, template, piece, context, &value) < 0 ||
            cwl_value_to_text(&text, value) < 0)
            goto done;
    }
    *out = json_new_stringn(a, strbuf_str(&text), text.length);
    status = *out ? 0 : CWL_ERROR;

done:
    strbuf_release(&text);
    return status;
}

int cwl_template_eval_string(arena *a, const cwl_template *template,
                             const cwl_expr_context *context, int allow_null,
                             const char **out)
{
    json_value *value;

    if (cwl_template_eval(a, template, context, &value) < 0)
        return CWL_ERROR;
    if (allow_null && json_is_null(value)) {
        *out = NULL;
        return 0;
    }
    if (value->kind != JSON_STRING) {
        error_set("%s%s'%s' gave a %s where a string is expected",
                  template->where, *template->where ? ": " : "",
                  template->text, json_kind_name(value));
        return CWL_ERROR;
    }
    *out = value->string;
    return 0;
}
