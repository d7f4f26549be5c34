/* score_pattern.c - translate a score_format into a regular expression. */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "pyfloat.h"
#include "score_pattern.h"
#include "strbuf.h"

/* PCRE2 rejects a repeat count above this in {m,n}. */
#define MAX_REPEAT 65535

/* A type letter of the format spec, the regular expression parse 1.19
 * matches it with, and whether parse treats it as a number (an optional
 * sign in front, '=' alignment pads between sign and digits). */
typedef struct type_rule {
    const char *name;
    const char *regex;
    bool numeric;
    score_conversion conversion;
} type_rule;

/* The regular expressions of an untyped field and of type d depend on the
 * width and precision: append_typed_field builds them. */
static const type_rule type_rules[] = {
    {"", NULL, false, SCORE_CONVERT_FLOAT},
    {"d", NULL, true, SCORE_CONVERT_INT},
    {"n", "\\d{1,3}(?:[,.]\\d{3})*", true, SCORE_CONVERT_INT10},
    {"b", "(?:0[bB])?[01]+", true, SCORE_CONVERT_INT2},
    {"o", "(?:0[oO])?[0-7]+", true, SCORE_CONVERT_INT8},
    {"x", "(?:0[xX])?[0-9a-fA-F]+", true, SCORE_CONVERT_INT16},
    {"%", "\\d+(?:\\.\\d+)?%", true, SCORE_CONVERT_PERCENT},
    {"f", "\\d*\\.\\d+", true, SCORE_CONVERT_FLOAT},
    {"F", "\\d*\\.\\d+", false, SCORE_CONVERT_FLOAT},
    {"e", "\\d*\\.\\d+[eE][-+]?\\d+|nan|NAN|[-+]?inf|[-+]?INF", true,
     SCORE_CONVERT_FLOAT},
    {"g", "\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?|nan|NAN|[-+]?inf|[-+]?INF",
     true, SCORE_CONVERT_FLOAT},
    {"w", "\\w+", false, SCORE_CONVERT_FLOAT},
    {"W", "\\W+", false, SCORE_CONVERT_FLOAT},
    {"s", "\\s+", false, SCORE_CONVERT_FLOAT},
    {"S", "\\S+", false, SCORE_CONVERT_FLOAT},
    {"D", "\\D+", false, SCORE_CONVERT_FLOAT},
    {"l", "[A-Za-z]+", false, SCORE_CONVERT_FLOAT},
};

#define KNOWN_TYPES "d n b o x f F e g % w W s S D l"

/* A format spec, [[fill]align][0][width][.precision][type].  Pointers
 * borrow from the format; a part that is absent has length 0. */
typedef struct field_spec {
    const char *fill;
    size_t fill_length;
    char align;                 /* '<', '>', '=', '^' or '\0' */
    unsigned long width;
    bool has_width;
    unsigned long precision;
    bool has_precision;
    const char *type;
    size_t type_length;
} field_spec;

/* A named field already translated, so that a repetition can refer to it. */
typedef struct named_field {
    const char *name;           /* borrowed from the format */
    size_t name_length;
    const char *spec;
    size_t spec_length;
    uint32_t group;
} named_field;

typedef struct translator {
    const char *format;
    strbuf regex;
    named_field *named;
    size_t named_count;
    uint32_t groups;            /* capture groups so far */
    bool has_score;
    score_conversion conversion;
    uint32_t score_group;
    strbuf run;                 /* ASCII literal text since the last break */
    strbuf literal;             /* the longest of these runs so far */
} translator;

/* Returns the 1-based column, in UTF-8 characters, of byte offset. */
static size_t column_of(const char *text, size_t offset)
{
    size_t column = 1;

    for (size_t i = 0; i < offset; i++) {
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            column++;
    }
    return column;
}

static int fail_at(translator *t, size_t offset, const char *format, ...)
    SABER_FORMAT(3, 4);

/* Sets the error 'score_format "F": column C: MESSAGE' and returns -1. */
static int fail_at(translator *t, size_t offset, const char *format, ...)
{
    strbuf message = STRBUF_INIT;
    va_list args;

    va_start(args, format);
    if (strbuf_printf(&message, "score_format \"%s\": column %zu: ", t->format,
                      column_of(t->format, offset)) < 0 ||
        strbuf_vprintf(&message, format, args) < 0) {
        va_end(args);
        strbuf_release(&message);
        return error_nomem();
    }
    va_end(args);

    error_set("%s", strbuf_str(&message));
    strbuf_release(&message);
    return -1;
}

/* Appends bytes to match literally: ASCII punctuation is escaped, which
 * PCRE2 reads as the character itself; letters, digits and non-ASCII bytes
 * stand for themselves. */
static int append_literal(strbuf *regex, const char *bytes, size_t length)
{
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)bytes[i];

        if (c < 0x80 && ispunct(c) && strbuf_putc(regex, '\\') < 0)
            return -1;
        if (strbuf_putc(regex, (char)c) < 0)
            return -1;
    }
    return 0;
}

/* Returns the byte length of the UTF-8 character that starts with c (1 for
 * a byte that cannot start one). */
static size_t utf8_char_length(unsigned char c)
{
    if (c >= 0xF0 && c < 0xF8)
        return 4;
    if (c >= 0xE0)
        return c < 0xF0 ? 3 : 1;
    if (c >= 0xC0)
        return 2;
    return 1;
}

static bool is_align(char c)
{
    return c == '<' || c == '>' || c == '=' || c == '^';
}

/* Reads a run of decimal digits at *p into *number and returns whether
 * there was one.  A number above MAX_REPEAT is stored as MAX_REPEAT + 1. */
static bool read_count(const char **p, const char *end, unsigned long *number)
{
    const char *start = *p;

    *number = 0;
    while (*p < end && isdigit((unsigned char)**p)) {
        if (*number <= MAX_REPEAT)
            *number = *number * 10 + (unsigned long)(**p - '0');
        (*p)++;
    }
    if (*number > MAX_REPEAT)
        *number = MAX_REPEAT + 1;
    return *p > start;
}

/* Splits spec into its parts the way parse's extract_format does: the
 * type is whatever follows width and precision. */
static void spec_split(const char *spec, size_t length, field_spec *out)
{
    const char *p = spec;
    const char *end = spec + length;
    size_t first = length ? utf8_char_length((unsigned char)*p) : 0;

    memset(out, 0, sizeof *out);
    if (p < end && is_align(*p)) {
        out->align = *p++;
    } else if (first < length && is_align(p[first])) {
        out->fill = p;
        out->fill_length = first;
        out->align = p[first];
        p += first + 1;
    }

    if (p < end && *p == '0')
        p++;
    out->has_width = read_count(&p, end, &out->width);
    if (p < end && *p == '.') {
        p++;
        out->has_precision = read_count(&p, end, &out->precision);
    }
    out->type = p;
    out->type_length = (size_t)(end - p);
}

static const type_rule *type_rule_find(const char *type, size_t length)
{
    for (size_t i = 0; i < SABER_ARRAY_LEN(type_rules); i++) {
        if (strlen(type_rules[i].name) == length &&
            memcmp(type_rules[i].name, type, length) == 0)
            return &type_rules[i];
    }
    return NULL;
}

/* Checks the spec of the field at offset and returns its type rule, or
 * NULL with an error message. */
static const type_rule *spec_check(translator *t, const field_spec *spec,
                                   size_t offset)
{
    const type_rule *rule = type_rule_find(spec->type, spec->type_length);
    int length = (int)spec->type_length;

    if (!rule && spec->type_length == 2 && spec->type[0] == 't' &&
        strchr("ieahgcts", spec->type[1])) {
        fail_at(t, offset, "date and time type '%.*s' is not supported; "
                "match the field as text with {}", length, spec->type);
        return NULL;
    }
    if (!rule) {
        fail_at(t, offset, "unknown type '%.*s'; use one of %s", length,
                spec->type, KNOWN_TYPES);
        return NULL;
    }
    if ((spec->has_width && spec->width > MAX_REPEAT) ||
        (spec->has_precision && spec->precision > MAX_REPEAT)) {
        fail_at(t, offset, "width or precision larger than %d", MAX_REPEAT);
        return NULL;
    }
    return rule;
}

/* Appends the regular expression for an untyped field with a width or a
 * precision: at least width and at most precision characters, lazily. */
static int append_sized_text(translator *t, const field_spec *spec,
                             size_t offset)
{
    unsigned long least = spec->has_width ? spec->width : 1;

    if (spec->has_precision && least > spec->precision)
        return fail_at(t, offset, "width %lu is larger than precision %lu; "
                       "make the precision at least the width", least,
                       spec->precision);
    if (spec->has_precision)
        return strbuf_printf(&t->regex, ".{%lu,%lu}?", least, spec->precision);
    if (spec->has_width)
        return strbuf_printf(&t->regex, ".{%lu,}?", spec->width);
    return strbuf_puts(&t->regex, ".+?");
}

/* Appends type d: decimal digits, or a 0x, 0b or 0o number; a width is the
 * largest number of digits. */
static int append_integer(translator *t, const field_spec *spec, size_t offset)
{
    char count[32] = "+";

    if (spec->has_width && spec->width == 0)
        return fail_at(t, offset, "width 0 leaves no room for a digit; "
                       "give a width of at least 1");
    if (spec->has_width)
        snprintf(count, sizeof count, "{1,%lu}", spec->width);
    return strbuf_printf(&t->regex, "\\d%s|[-+ ]?0[xX][0-9a-fA-F]%s"
                         "|[-+ ]?0[bB][01]%s|[-+ ]?0[oO][0-7]%s", count, count,
                         count, count);
}

/* Appends "(?:FILL)" followed by quantifier, FILL taken literally. */
static int append_fill(strbuf *regex, const char *fill, size_t length,
                       const char *quantifier)
{
    if (strbuf_puts(regex, "(?:") < 0 ||
        append_literal(regex, fill, length) < 0)
        return -1;
    return strbuf_printf(regex, ")%s", quantifier);
}

/*
 * Appends the capture group of a field with a spec, with the padding its
 * alignment sets.  Unlike parse, a fill is always matched literally, where
 * parse leaves the fill of '=' unescaped and does not escape '|'.
 */
static int append_typed_field(translator *t, const field_spec *spec,
                              const type_rule *rule, size_t offset)
{
    const char *fill = spec->fill_length ? spec->fill : " ";
    size_t fill_length = spec->fill_length ? spec->fill_length : 1;
    char align = spec->align;

    if (align == '>' || align == '^' || (align == '\0' && spec->has_width)) {
        if (append_fill(&t->regex, fill, fill_length, "*") < 0)
            return -1;
    }
    if (strbuf_putc(&t->regex, '(') < 0)
        return -1;
    if (rule->numeric && strbuf_puts(&t->regex, "[-+ ]?") < 0)
        return -1;
    if (rule->numeric && align == '=' &&
        append_fill(&t->regex, spec->fill_length ? fill : "0",
                    spec->fill_length ? fill_length : 1, "*") < 0)
        return -1;

    if (rule->name[0] == 'd') {
        if (append_integer(t, spec, offset) < 0)
            return -1;
    } else if (!rule->regex) {
        if (append_sized_text(t, spec, offset) < 0)
            return -1;
    } else if (strbuf_puts(&t->regex, rule->regex) < 0) {
        return -1;
    }

    if (strbuf_putc(&t->regex, ')') < 0)
        return -1;
    if (align == '<' || align == '^')
        return append_fill(&t->regex, fill, fill_length, "+");
    return 0;
}

static bool is_word_byte(unsigned char c)
{
    return isalnum(c) || c == '_' || c >= 0x80;
}

/* Returns 1 for a named field, 0 for an anonymous one ({}, {0}, {_x}), or
 * -1 with an error message.  parse names a field when its name starts
 * with a letter.  Such a name may contain word characters, '.' and '[...]',
 * which parse maps to '_' in the regex group name. */
static int check_name(translator *t, const char *name, size_t length,
                      size_t offset)
{
    if (length == 0 || !(isalpha((unsigned char)name[0]) ||
                         (unsigned char)name[0] >= 0x80))
        return 0;
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)name[i];

        if (!is_word_byte(c) && c != '.' && c != '[' && c != ']')
            return fail_at(t, offset, "invalid field name '%.*s'; use "
                           "letters, digits and '_'", (int)length, name);
    }
    return 1;
}

static named_field *named_find(translator *t, const char *name, size_t length)
{
    for (size_t i = 0; i < t->named_count; i++) {
        if (t->named[i].name_length == length &&
            memcmp(t->named[i].name, name, length) == 0)
            return &t->named[i];
    }
    return NULL;
}

static int named_add(translator *t, const named_field *field)
{
    size_t count = t->named_count + 1;
    named_field *grown = realloc(t->named, count * sizeof *grown);

    if (!grown)
        return error_nomem();
    grown[t->named_count++] = *field;
    t->named = grown;
    return 0;
}

/* A repeated name matches the text its first occurrence captured (caseless
 * like the rest), as parse's (?P=name) does. */
static int append_repeat(translator *t, const named_field *first,
                         const named_field *again, size_t offset)
{
    if (first->spec_length != again->spec_length ||
        memcmp(first->spec, again->spec, again->spec_length) != 0)
        return fail_at(t, offset, "field '%.*s' repeats with spec '%.*s' "
                       "after '%.*s'; give every repetition the same spec",
                       (int)again->name_length, again->name,
                       (int)again->spec_length, again->spec,
                       (int)first->spec_length, first->spec);
    return strbuf_printf(&t->regex, "\\g{%u}", (unsigned)first->group);
}

/* Translates one field: the spec, the group, and for {score} its group
 * number and conversion. */
static int append_field(translator *t, named_field *field, bool named,
                        size_t offset)
{
    field_spec spec;
    const type_rule *rule;

    spec_split(field->spec, field->spec_length, &spec);
    rule = spec_check(t, &spec, offset);
    if (!rule)
        return -1;

    field->group = ++t->groups;
    if (append_typed_field(t, &spec, rule, offset) < 0)
        return -1;
    if (named && field->name_length == 5 &&
        memcmp(field->name, "score", 5) == 0) {
        t->has_score = true;
        t->score_group = field->group;
        t->conversion = rule->conversion;
    }
    return named ? named_add(t, field) : 0;
}

/* Translates the field between the braces at open and close. */
static int translate_field(translator *t, size_t open, size_t close)
{
    const char *content = t->format + open + 1;
    size_t length = close - open - 1;
    const char *colon = memchr(content, ':', length);
    named_field field = {content, length, "", 0, 0};
    named_field *first;
    int named;

    if (colon) {
        field.name_length = (size_t)(colon - content);
        field.spec = colon + 1;
        field.spec_length = length - field.name_length - 1;
    }
    if (colon && memchr(field.spec, ':', field.spec_length))
        return fail_at(t, open, "invalid spec '%.*s': more than one ':'",
                       (int)field.spec_length, field.spec);

    named = check_name(t, field.name, field.name_length, open);
    if (named < 0)
        return -1;
    first = named ? named_find(t, field.name, field.name_length) : NULL;
    if (first)
        return append_repeat(t, first, &field, open);
    return append_field(t, &field, named, open);
}

/* Ends the current run of ASCII literal text, keeping it when it is the
 * longest so far. */
static int end_run(translator *t)
{
    if (t->run.length > t->literal.length) {
        strbuf_reset(&t->literal);
        if (strbuf_append(&t->literal, t->run.data, t->run.length) < 0)
            return -1;
    }
    strbuf_reset(&t->run);
    return 0;
}

/* Appends the literal character c to the regex and to the current run. */
static int append_text(translator *t, char c)
{
    if (append_literal(&t->regex, &c, 1) < 0)
        return -1;
    if ((unsigned char)c >= 0x80)
        return end_run(t);
    return strbuf_putc(&t->run, c);
}

/* Translates the '{' at *i: "{{", or a field up to the next '}'. */
static int translate_brace(translator *t, size_t *i)
{
    const char *f = t->format;
    const char *close;

    if (f[*i + 1] == '{') {
        *i += 2;
        return append_text(t, '{');
    }
    close = strchr(f + *i + 1, '}');
    if (!close || memchr(f + *i + 1, '{', (size_t)(close - f) - *i - 1))
        return fail_at(t, *i, "unbalanced '{'; close the field with '}', or "
                       "write '{{' for a literal brace");
    if (end_run(t) < 0 || translate_field(t, *i, (size_t)(close - f)) < 0)
        return -1;
    *i = (size_t)(close - f) + 1;
    return 0;
}

static int translate(translator *t)
{
    const char *f = t->format;
    size_t i = 0;

    while (f[i]) {
        if (f[i] == '{') {
            if (translate_brace(t, &i) < 0)
                return -1;
        } else if (f[i] == '}' && f[i + 1] != '}') {
            return fail_at(t, i, "unbalanced '}'; write '}}' for a literal "
                           "brace");
        } else if (f[i] == '}') {
            if (append_text(t, '}') < 0)
                return -1;
            i += 2;
        } else {
            if (append_text(t, f[i]) < 0)
                return -1;
            i++;
        }
    }
    return end_run(t);
}

int score_pattern_build(const char *format, score_pattern *pattern)
{
    translator t = {format, STRBUF_INIT, NULL, 0, 0, false,
                    SCORE_CONVERT_FLOAT, 0, STRBUF_INIT, STRBUF_INIT};
    int status = -1;

    memset(pattern, 0, sizeof *pattern);
    if (translate(&t) < 0)
        goto done;
    if (!t.has_score) {
        error_set("score_format \"%s\": no {score} field; put {score} where "
                  "the score appears in the log line", format);
        goto done;
    }

    pattern->regex = strbuf_detach(&t.regex);
    pattern->literal = strbuf_detach(&t.literal);
    if (!pattern->regex || !pattern->literal) {
        score_pattern_release(pattern);
        error_nomem();
        goto done;
    }
    pattern->score_group = t.score_group;
    pattern->conversion = t.conversion;
    status = 0;

done:
    strbuf_release(&t.regex);
    strbuf_release(&t.run);
    strbuf_release(&t.literal);
    free(t.named);
    return status;
}

void score_pattern_release(score_pattern *pattern)
{
    free(pattern->regex);
    free(pattern->literal);
    pattern->regex = NULL;
    pattern->literal = NULL;
}

/* Converts digits of base 2 or 8 into hexadecimal digits, so that strtod
 * rounds the value correctly. */
static int digits_to_hex(const char *digits, size_t count, int bits,
                         strbuf *hex)
{
    size_t total = count * (size_t)bits;
    size_t padding = (4 - total % 4) % 4;
    unsigned nibble = 0;
    size_t filled = padding;

    if (strbuf_puts(hex, "0x") < 0)
        return -1;
    for (size_t i = 0; i < total; i++) {
        unsigned digit = (unsigned)(digits[i / (size_t)bits] - '0');
        unsigned bit = (digit >> (bits - 1 - (int)(i % (size_t)bits))) & 1u;

        nibble = nibble << 1 | bit;
        if (++filled == 4) {
            if (strbuf_putc(hex, "0123456789abcdef"[nibble]) < 0)
                return -1;
            nibble = 0;
            filled = 0;
        }
    }
    return 0;
}

/* Returns the digits as a double, rounded to nearest like Python's
 * float(int).  digits are valid for base and count is at least 1. */
static int digits_to_double(const char *digits, size_t count, int base,
                            double *value)
{
    strbuf text = STRBUF_INIT;
    int status = -1;

    if (base == 10 && strbuf_append(&text, digits, count) < 0)
        goto done;
    if (base == 16 && (strbuf_puts(&text, "0x") < 0 ||
                       strbuf_append(&text, digits, count) < 0))
        goto done;
    if ((base == 2 || base == 8) &&
        digits_to_hex(digits, count, base == 2 ? 1 : 3, &text) < 0)
        goto done;

    /* Python's float() of an int beyond the double range raises
     * OverflowError: no number. */
    *value = strtod(strbuf_str(&text), NULL);
    status = isinf(*value) ? -1 : 0;

done:
    strbuf_release(&text);
    return status;
}

/* Returns the base a 0b, 0o or 0x prefix after the sign gives, else 10;
 * parse looks for a prefix only when more than two characters follow the
 * sign. */
static int detect_base(const char *text, size_t length, size_t start)
{
    char marker;

    if (length - start <= 2 || text[start] != '0')
        return 10;
    marker = (char)tolower((unsigned char)text[start + 1]);
    if (marker == 'b')
        return 2;
    if (marker == 'o')
        return 8;
    return marker == 'x' ? 16 : 10;
}

/*
 * Converts like parse's int_convert: the sign comes from the first
 * character, then every character that is not a digit of the base is
 * dropped (so "1,234" is 1234 and the 0x of a hexadecimal number goes).
 * No digit left means no number.  base 0 detects the base.
 */
static int convert_integer(const char *text, size_t length, int base,
                           double *value)
{
    const char *digit_set = "0123456789abcdef";
    size_t start = length && (text[0] == '-' || text[0] == '+') ? 1 : 0;
    char *digits = malloc(length + 1);
    size_t count = 0;
    int status = -1;

    if (!digits || length == 0)
        goto done;
    if (base == 0)
        base = detect_base(text, length, start);
    for (size_t i = 0; i < length; i++) {
        char c = (char)tolower((unsigned char)text[i]);

        if (c && memchr(digit_set, c, (size_t)base))
            digits[count++] = c;
    }
    if (count == 0 || digits_to_double(digits, count, base, value) < 0)
        goto done;

    if (*value != 0 && text[0] == '-')
        *value = -*value;
    status = 0;

done:
    free(digits);
    return status;
}

int score_pattern_convert(score_conversion conversion, const char *text,
                          size_t length, double *value)
{
    switch (conversion) {
    case SCORE_CONVERT_INT:
        return convert_integer(text, length, 0, value);
    case SCORE_CONVERT_INT2:
        return convert_integer(text, length, 2, value);
    case SCORE_CONVERT_INT8:
        return convert_integer(text, length, 8, value);
    case SCORE_CONVERT_INT10:
        return convert_integer(text, length, 10, value);
    case SCORE_CONVERT_INT16:
        return convert_integer(text, length, 16, value);
    case SCORE_CONVERT_PERCENT:
        if (length == 0 || pyfloat_parse(text, length - 1, value) < 0)
            return -1;
        *value /= 100.0;
        return 0;
    case SCORE_CONVERT_FLOAT:
        break;
    }
    return pyfloat_parse(text, length, value);
}
