/*
 * score.h - read a step's score from its log with a score_format.
 *
 * A score_format ("{} Average OOB: {score}", the format language of
 * Python's parse package; score_pattern.h lists it) is compiled once into
 * PCRE2 patterns with JIT.  Matching ignores case and the whole line must
 * match.  The text {score} captures converts like Python's float(), or as
 * parse converts the field's type when {score:TYPE} has one.  A line whose
 * capture is not a number does not count as a match.
 *
 * Lines end at '\n'; a '\r' before it, or at the end of the input, is
 * dropped.  A lone '\r' inside a line (a progress bar redrawing itself)
 * stays part of the line.  Lines that are valid UTF-8 match with Unicode
 * rules, as parse matches a Python str: \d, \w and \s cover non-ASCII
 * characters, case folding is Unicode's and a width counts characters.
 * Other lines match byte by byte with ASCII rules.
 *
 * Strategies pick one of the matching lines: first, last (the default),
 * min or max.  A NaN score stays a match for first and last, so the chosen
 * score is missing.  min and max skip NaN lines.  When every matching line
 * is NaN, they choose the last one, so that its text is kept beside the
 * missing score.  Between equal values min and max keep the earlier line.
 */
#ifndef SABER_SCORE_H
#define SABER_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum score_strategy {
    SCORE_LAST,
    SCORE_FIRST,
    SCORE_MIN,
    SCORE_MAX
} score_strategy;

/* Parses "first", "last", "min" or "max".  Returns 0, or -1 with an error
 * message. */
int score_strategy_parse(const char *text, score_strategy *strategy);
const char *score_strategy_name(score_strategy strategy);

/* A compiled score_format; read-only once compiled, so threads can share
 * it, each with its own score_matcher. */
typedef struct score_format score_format;

/* Compiles format (copied).  Returns NULL with an error message naming the
 * format and, for a bad field or brace, its column. */
score_format *score_format_compile(const char *format);
void score_format_free(score_format *format);

/* Returns the format text as given to score_format_compile. */
const char *score_format_text(const score_format *format);

typedef enum score_line_status {
    SCORE_LINE_NO_MATCH,      /* the line does not match the format */
    SCORE_LINE_NOT_A_NUMBER,  /* it matches, but {score} is not a number */
    SCORE_LINE_NUMBER         /* it matches with a number (NaN included) */
} score_line_status;

/* A matched line.  Pointers borrow from the line passed in. */
typedef struct score_line {
    uint64_t number;          /* 1-based across every input of a scan */
    const char *text;         /* the whole line, without its ending */
    size_t length;
    const char *score_text;   /* what {score} captured */
    size_t score_length;
    double value;             /* set for SCORE_LINE_NUMBER */
} score_line;

/* The match data for one thread. */
typedef struct score_matcher score_matcher;

/* Returns a matcher for format, which must outlive it; NULL when out of
 * memory. */
score_matcher *score_matcher_new(const score_format *format);
void score_matcher_free(score_matcher *matcher);

/* Matches one line (without its ending).  Fills line->text, length and,
 * unless the status is SCORE_LINE_NO_MATCH, score_text, score_length and
 * value.  A line that makes PCRE2 fail (match limit, stack) counts as not
 * matching and increases score_matcher_failures(). */
score_line_status score_matcher_match(score_matcher *matcher, const char *text,
                                      size_t length, score_line *line);
uint64_t score_matcher_failures(const score_matcher *matcher);

/* The score chosen from a log. */
typedef struct score_result {
    bool found;               /* a line was chosen */
    double value;             /* its score; NaN means the score is missing */
    char *text;               /* what {score} captured there; owned, NULL if
                                 !found */
    uint64_t line;            /* its line number, 0 if !found */
    uint64_t matches;         /* lines that matched with a number */
} score_result;

/* Returns true when result contains a score: found and not NaN. */
bool score_result_has_score(const score_result *result);
void score_result_release(score_result *result);

/* Called for every line that matches with a number, in order.  Returns 0
 * to go on, or -1 (with an error message) to stop the scan. */
typedef int (*score_line_fn)(const score_line *line, void *data);

/* A scan over one or more inputs read as one log. */
typedef struct score_scan score_scan;

/* Starts a scan; on_match may be NULL.  Returns NULL when out of memory. */
score_scan *score_scan_new(const score_format *format, score_strategy strategy,
                           score_line_fn on_match, void *data);
void score_scan_free(score_scan *scan);

/* Reads fd to its end and scans it; name is for messages.  The input's
 * last line ends there even without a newline.  Returns 0, or -1 with an
 * error message (read error naming the input, or from on_match). */
int score_scan_fd(score_scan *scan, int fd, const char *name);

/* Opens path, scans it and closes it.  Returns 0, or -1 with an error
 * message naming path. */
int score_scan_path(score_scan *scan, const char *path);

/* Moves the chosen score into *result (release it with
 * score_result_release) and resets the scan for another log.  Returns 0,
 * or -1 when out of memory. */
int score_scan_finish(score_scan *scan, score_result *result);

/* Scans the files at paths in order as one log and stores the chosen score
 * in *result (release it with score_result_release).  Returns 0, or -1
 * with an error message naming the file that could not be read. */
int score_scan_files(const score_format *format, score_strategy strategy,
                     const char *const *paths, size_t count,
                     score_result *result);

#endif
