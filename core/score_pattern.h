/*
 * score_pattern.h - translate a score_format into a regular expression.
 *
 * A score_format is written in the format language of Python's `parse`
 * package (version 1.19), which SABER used: "{} Average OOB: {score}".
 * This module turns it into PCRE2 pattern text with one capture group per
 * field, and converts the text captured by {score} to a double the way
 * parse converts a field of that type.  score.c compiles and runs the
 * pattern.
 *
 * Translation, field by field (the same regular expressions parse builds):
 *   {} {name}        (.+?)
 *   {{ }}            literal braces; every other character is literal
 *   {name:SPEC}      SPEC is [[fill]align][0][width][.precision][type]
 *   d                decimal, or 0x/0o/0b prefixed, with an optional sign
 *   n                digits grouped by ',' or '.' in threes (1,234,567)
 *   b o x            binary, octal, hexadecimal with optional 0b/0o/0x
 *   f F e g %        fixed point, scientific, general, percentage
 *   w W s S D l      \w+ \W+ \s+ \S+ \D+ [A-Za-z]+
 * A width without an alignment means right alignment, padded with the
 * fill (a space unless given).  A name repeated in the format must match
 * the same text again.
 *
 * Where parse is lenient, this translation rejects the format: a lone '{'
 * or '}', which parse reads as a literal brace, is an error (write "{{" or
 * "}}").  An empty spec ({score:}) means no spec, which parse applies only
 * when no literal text touches the field.  Like parse, the translation
 * rejects an unknown type and a repeated name with another spec.  Date and
 * time types (ti, te, tg, ta, th, tc, tt, ts) are not supported.
 *
 * NOTE: PCRE2's Unicode rules differ from Python's re in corners: Python's
 * \s also matches \x1c-\x1f, and its caseless 'i' also matches U+0130.
 */
#ifndef SABER_SCORE_PATTERN_H
#define SABER_SCORE_PATTERN_H

#include <stddef.h>
#include <stdint.h>

/* How the text captured by {score} becomes a number. */
typedef enum score_conversion {
    SCORE_CONVERT_FLOAT,    /* Python float(text): no type, f F e g s w... */
    SCORE_CONVERT_INT,      /* type d: base from a 0b/0o/0x prefix, else 10 */
    SCORE_CONVERT_INT2,     /* type b */
    SCORE_CONVERT_INT8,     /* type o */
    SCORE_CONVERT_INT10,    /* type n */
    SCORE_CONVERT_INT16,    /* type x */
    SCORE_CONVERT_PERCENT   /* type %: float(text without '%') / 100 */
} score_conversion;

typedef struct score_pattern {
    char *regex;                /* PCRE2 pattern text, owned */
    char *literal;              /* the longest run of ASCII literal text,
                                   owned, "" when there is none; a
                                   matching ASCII line contains it,
                                   ignoring case */
    uint32_t score_group;       /* capture group number of {score} */
    score_conversion conversion;
} score_pattern;

/*
 * Translates format into *pattern.  Returns 0, or -1 with an error message
 * that quotes the format and gives the 1-based column (in characters) of
 * the offending field or brace.  The pattern is anchored by the caller:
 * the whole line must match.
 */
int score_pattern_build(const char *format, score_pattern *pattern);

void score_pattern_release(score_pattern *pattern);

/* Converts captured text as parse converts a field of that type, then to a
 * double.  Returns 0, or -1 when the text is not a number. */
int score_pattern_convert(score_conversion conversion, const char *text,
                          size_t length, double *value);

#endif
