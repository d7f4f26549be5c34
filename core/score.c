/* score.c - read a step's score from its log with a score_format. */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "log.h"
#include "score.h"
#include "score_pattern.h"
#include "strbuf.h"

/* Bytes read at a time; a longer line grows the buffer to hold it. */
#define SCAN_BLOCK_SIZE (1024 * 1024)

/* The JIT matcher's stack grows on demand up to this size. */
#define JIT_STACK_START (32 * 1024)
#define JIT_STACK_MAX (8 * 1024 * 1024)

/* Python's parse matches with re.IGNORECASE | re.DOTALL, from the start to
 * the end of the text. */
#define COMPILE_OPTIONS \
    (PCRE2_CASELESS | PCRE2_DOTALL | PCRE2_ANCHORED | PCRE2_ENDANCHORED)

struct score_format {
    char *text;
    score_pattern pattern;
    pcre2_code *unicode;  /* for lines that are valid UTF-8 */
    pcre2_code *bytes;    /* for the other lines, and ASCII lines */
    bool bytes_jit;       /* bytes was compiled with JIT */
    bool ascii_bytes;     /* ASCII lines may use bytes */
    char *needle;         /* pattern.literal in lowercase */
    size_t needle_length; /* 0 when there is no literal to look for */
    size_t anchor;        /* index of the needle byte memchr looks for */
};

struct score_matcher {
    const score_format *format;
    pcre2_match_data *data;
    pcre2_match_context *context;
    pcre2_jit_stack *stack;
    uint64_t failures;
    int last_error;
};

struct score_scan {
    const score_format *format;
    score_matcher *matcher;
    score_strategy strategy;
    score_line_fn on_match;
    void *data;
    const char *input;    /* name of the input being read, for messages */
    uint64_t line_number;
    uint64_t failures_reported;
    score_result best;    /* best.text unused: the text is in best_text */
    strbuf best_text;
    char *buffer;
    size_t capacity;
};

static const char *const strategy_names[] = {"last", "first", "min", "max"};

int score_strategy_parse(const char *text, score_strategy *strategy)
{
    for (size_t i = 0; i < SABER_ARRAY_LEN(strategy_names); i++) {
        if (strcmp(text, strategy_names[i]) == 0) {
            *strategy = (score_strategy)i;
            return 0;
        }
    }
    error_set("invalid score strategy '%s'; use first, last, min or max", text);
    return -1;
}

const char *score_strategy_name(score_strategy strategy)
{
    return strategy_names[strategy];
}

static bool is_utf8_error(int code)
{
    return code <= PCRE2_ERROR_UTF8_ERR1 && code >= PCRE2_ERROR_UTF8_ERR21;
}

/* Compiles regex with options and JIT; JIT failure leaves the (slower)
 * interpreter in use and sets *jit to false. */
static pcre2_code *compile_regex(const score_format *format, uint32_t options,
                                 bool *jit)
{
    PCRE2_UCHAR message[256];
    PCRE2_SIZE offset;
    pcre2_code *code;
    int code_error;

    code = pcre2_compile((PCRE2_SPTR)format->pattern.regex,
                         PCRE2_ZERO_TERMINATED, COMPILE_OPTIONS | options,
                         &code_error, &offset, NULL);
    if (!code && is_utf8_error(code_error)) {
        error_set("score_format \"%s\": not valid UTF-8", format->text);
        return NULL;
    }
    if (!code) {
        pcre2_get_error_message(code_error, message, sizeof message);
        error_set("score_format \"%s\": cannot compile its regular expression "
                  "'%s': %s at offset %zu", format->text,
                  format->pattern.regex, (char *)message, (size_t)offset);
        return NULL;
    }

    *jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
    if (!*jit)
        log_debug("score_format \"%s\": no JIT, matching without it",
                  format->text);
    return code;
}

/* Returns how common byte c is in log text, as an estimate: a letter
 * counts with both its cases, by its rank in English text. */
static int byte_commonness(unsigned char c)
{
    static const char letters[] = "zqjxkvbpygfwmucldrhsnioate";
    const char *letter = strchr(letters, tolower(c));

    if (c == ' ')
        return 100;
    if (isalpha(c) && letter)
        return 20 + (int)(letter - letters);
    if (isdigit(c) || strchr(".:,-/=[]()_", c))
        return 40;
    return 10;
}

/*
 * Prepares the needle, the format's longest ASCII literal, which every
 * ASCII line that matches contains.  In a typical log most lines fail
 * this cheap test and skip the regex.  The test ignores ASCII case, which
 * equals the regex's caseless matching on ASCII lines unless the format
 * contains the Kelvin sign or the long s, whose case partners are ASCII k
 * and s.
 */
static int prepare_needle(score_format *format)
{
    const char *literal = format->pattern.literal;
    int rarest = 1000;

    format->ascii_bytes = !strstr(format->text, "\xE2\x84\xAA") &&
                          !strstr(format->text, "\xC5\xBF");
    format->needle_length = format->ascii_bytes ? strlen(literal) : 0;
    format->needle = strdup(literal);
    if (!format->needle)
        return error_nomem();

    for (size_t i = 0; i < format->needle_length; i++) {
        unsigned char c = (unsigned char)literal[i];

        format->needle[i] = (char)tolower(c);
        if (byte_commonness(c) < rarest) {
            rarest = byte_commonness(c);
            format->anchor = i;
        }
    }
    return 0;
}

score_format *score_format_compile(const char *text)
{
    score_format *format = calloc(1, sizeof *format);
    bool jit;

    if (!format || !(format->text = strdup(text))) {
        error_nomem();
        goto fail;
    }
    if (score_pattern_build(text, &format->pattern) < 0)
        goto fail;

    format->unicode = compile_regex(format, PCRE2_UTF | PCRE2_UCP, &jit);
    if (!format->unicode)
        goto fail;
    format->bytes = compile_regex(format, 0, &format->bytes_jit);
    if (!format->bytes || prepare_needle(format) < 0)
        goto fail;
    return format;

fail:
    score_format_free(format);
    return NULL;
}

void score_format_free(score_format *format)
{
    if (!format)
        return;
    pcre2_code_free(format->unicode);
    pcre2_code_free(format->bytes);
    score_pattern_release(&format->pattern);
    free(format->needle);
    free(format->text);
    free(format);
}

const char *score_format_text(const score_format *format)
{
    return format->text;
}

score_matcher *score_matcher_new(const score_format *format)
{
    score_matcher *matcher = calloc(1, sizeof *matcher);

    if (!matcher)
        goto fail;
    matcher->format = format;
    matcher->data = pcre2_match_data_create_from_pattern(format->unicode, NULL);
    matcher->context = pcre2_match_context_create(NULL);
    matcher->stack = pcre2_jit_stack_create(JIT_STACK_START, JIT_STACK_MAX,
                                            NULL);
    if (!matcher->data || !matcher->context || !matcher->stack)
        goto fail;

    pcre2_jit_stack_assign(matcher->context, NULL, matcher->stack);
    return matcher;

fail:
    score_matcher_free(matcher);
    error_nomem();
    return NULL;
}

void score_matcher_free(score_matcher *matcher)
{
    if (!matcher)
        return;
    pcre2_match_data_free(matcher->data);
    pcre2_match_context_free(matcher->context);
    pcre2_jit_stack_free(matcher->stack);
    free(matcher);
}

static bool is_ascii(const char *text, size_t length)
{
    uint64_t bits = 0;
    size_t i = 0;

    for (; i + 8 <= length; i += 8) {
        uint64_t word;

        memcpy(&word, text + i, 8);
        bits |= word;
    }
    for (; i < length; i++)
        bits |= (unsigned char)text[i];
    return (bits & UINT64_C(0x8080808080808080)) == 0;
}

static bool equal_ignoring_case(const char *text, const char *lower,
                                size_t length)
{
    for (size_t i = 0; i < length; i++) {
        if (tolower((unsigned char)text[i]) != lower[i])
            return false;
    }
    return true;
}

/* Looks for the needle with anchor (one case of its anchor byte) in
 * place. */
static bool find_needle_at(const score_format *format, const char *text,
                           size_t length, char anchor)
{
    const char *p = text + format->anchor;
    const char *last = text + length - (format->needle_length - format->anchor);

    while (p <= last && (p = memchr(p, anchor, (size_t)(last - p) + 1))) {
        if (equal_ignoring_case(p - format->anchor, format->needle,
                                format->needle_length))
            return true;
        p++;
    }
    return false;
}

static bool contains_needle(const score_format *format, const char *text,
                            size_t length)
{
    char lower;
    char upper;

    if (format->needle_length == 0)
        return true;
    if (length < format->needle_length)
        return false;

    lower = format->needle[format->anchor];
    upper = (char)toupper((unsigned char)lower);
    if (find_needle_at(format, text, length, lower))
        return true;
    return upper != lower && find_needle_at(format, text, length, upper);
}

/*
 * Runs the regex.  An ASCII line matches the same under the byte pattern
 * as under the Unicode one (prepare_needle names the exception), and the
 * byte pattern runs faster and after a needle test.  Other lines run the
 * Unicode pattern, then the byte pattern when they are not valid UTF-8.
 * Returns PCRE2's result code.
 */
static int run_match(score_matcher *matcher, const char *text, size_t length)
{
    const score_format *format = matcher->format;
    int rc;

    if (format->ascii_bytes && is_ascii(text, length)) {
        if (!contains_needle(format, text, length))
            return PCRE2_ERROR_NOMATCH;
        if (format->bytes_jit)
            return pcre2_jit_match(format->bytes, (PCRE2_SPTR)text, length, 0,
                                   0, matcher->data, matcher->context);
        return pcre2_match(format->bytes, (PCRE2_SPTR)text, length, 0, 0,
                           matcher->data, matcher->context);
    }

    rc = pcre2_match(format->unicode, (PCRE2_SPTR)text, length, 0, 0,
                     matcher->data, matcher->context);
    if (is_utf8_error(rc))
        rc = pcre2_match(format->bytes, (PCRE2_SPTR)text, length, 0, 0,
                         matcher->data, matcher->context);
    return rc;
}

score_line_status score_matcher_match(score_matcher *matcher, const char *text,
                                      size_t length, score_line *line)
{
    const score_pattern *pattern = &matcher->format->pattern;
    uint32_t group = pattern->score_group;
    PCRE2_SIZE *ovector;
    int rc = run_match(matcher, text, length);

    line->text = text;
    line->length = length;
    if (rc == PCRE2_ERROR_NOMATCH)
        return SCORE_LINE_NO_MATCH;
    if (rc < 0) {
        matcher->failures++;
        matcher->last_error = rc;
        return SCORE_LINE_NO_MATCH;
    }

    ovector = pcre2_get_ovector_pointer(matcher->data);
    if (ovector[2 * group] == PCRE2_UNSET)
        return SCORE_LINE_NO_MATCH;
    line->score_text = text + ovector[2 * group];
    line->score_length = ovector[2 * group + 1] - ovector[2 * group];
    if (score_pattern_convert(pattern->conversion, line->score_text,
                              line->score_length, &line->value) < 0)
        return SCORE_LINE_NOT_A_NUMBER;
    return SCORE_LINE_NUMBER;
}

uint64_t score_matcher_failures(const score_matcher *matcher)
{
    return matcher->failures;
}

bool score_result_has_score(const score_result *result)
{
    return result->found && !isnan(result->value);
}

void score_result_release(score_result *result)
{
    free(result->text);
    memset(result, 0, sizeof *result);
}

score_scan *score_scan_new(const score_format *format, score_strategy strategy,
                           score_line_fn on_match, void *data)
{
    score_scan *scan = calloc(1, sizeof *scan);

    if (!scan) {
        error_nomem();
        return NULL;
    }
    scan->matcher = score_matcher_new(format);
    if (!scan->matcher) {
        free(scan);
        return NULL;
    }
    scan->format = format;
    scan->strategy = strategy;
    scan->on_match = on_match;
    scan->data = data;
    return scan;
}

void score_scan_free(score_scan *scan)
{
    if (!scan)
        return;
    score_matcher_free(scan->matcher);
    strbuf_release(&scan->best_text);
    free(scan->buffer);
    free(scan);
}

/* Returns true when a line scoring value replaces the line chosen so far. */
static bool strategy_prefers(const score_scan *scan, double value)
{
    const score_result *best = &scan->best;

    if (scan->strategy == SCORE_FIRST)
        return !best->found;
    if (scan->strategy == SCORE_LAST)
        return true;
    if (!best->found || isnan(best->value))
        return true;
    if (isnan(value))
        return false;
    return scan->strategy == SCORE_MIN ? value < best->value
                                       : value > best->value;
}

static void report_failure(score_scan *scan, uint64_t number)
{
    PCRE2_UCHAR message[256];

    if (scan->failures_reported++ > 0)
        return;
    pcre2_get_error_message(scan->matcher->last_error, message, sizeof message);
    log_warning("%s: line %" PRIu64 ": matching the score_format \"%s\" "
                "failed (%s); the line counts as not matching", scan->input,
                number, scan->format->text, (char *)message);
}

static int scan_line(score_scan *scan, const char *text, size_t length)
{
    uint64_t failures = score_matcher_failures(scan->matcher);
    score_line line;

    line.number = ++scan->line_number;
    if (score_matcher_match(scan->matcher, text, length, &line) !=
        SCORE_LINE_NUMBER) {
        if (score_matcher_failures(scan->matcher) != failures)
            report_failure(scan, line.number);
        return 0;
    }

    scan->best.matches++;
    if (scan->on_match && scan->on_match(&line, scan->data) < 0)
        return -1;
    if (!strategy_prefers(scan, line.value))
        return 0;

    scan->best.found = true;
    scan->best.value = line.value;
    scan->best.line = line.number;
    strbuf_reset(&scan->best_text);
    return strbuf_append(&scan->best_text, line.score_text, line.score_length);
}

/* Scans every complete line in the buffer's first *have bytes, then moves
 * the unfinished last line to the front.  The first *searched bytes are
 * known to hold no newline. */
static int scan_lines(score_scan *scan, size_t *have, size_t *searched)
{
    char *start = scan->buffer;
    char *end = scan->buffer + *have;
    char *search = scan->buffer + *searched;
    char *newline;

    while ((newline = memchr(search, '\n', (size_t)(end - search)))) {
        size_t length = (size_t)(newline - start);

        if (length && start[length - 1] == '\r')
            length--;
        if (scan_line(scan, start, length) < 0)
            return -1;
        start = search = newline + 1;
    }

    *have = (size_t)(end - start);
    memmove(scan->buffer, start, *have);
    *searched = *have;
    return 0;
}

static int grow_buffer(score_scan *scan)
{
    size_t capacity = scan->capacity ? scan->capacity * 2 : SCAN_BLOCK_SIZE;
    char *buffer;

    if (capacity < scan->capacity)
        return error_nomem();
    buffer = realloc(scan->buffer, capacity);
    if (!buffer)
        return error_nomem();
    scan->buffer = buffer;
    scan->capacity = capacity;
    return 0;
}

int score_scan_fd(score_scan *scan, int fd, const char *name)
{
    size_t have = 0;
    size_t searched = 0;
    ssize_t got;

    scan->input = name;
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    for (;;) {
        if (have == scan->capacity && grow_buffer(scan) < 0)
            return -1;
        got = read(fd, scan->buffer + have, scan->capacity - have);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            error_set("cannot read %s: %s", name, strerror(errno));
            return -1;
        }
        if (got == 0)
            break;
        have += (size_t)got;
        if (scan_lines(scan, &have, &searched) < 0)
            return -1;
    }

    if (have && scan->buffer[have - 1] == '\r')
        have--;
    if (have && scan_line(scan, scan->buffer, have) < 0)
        return -1;
    return 0;
}

int score_scan_path(score_scan *scan, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    int status;

    if (fd < 0) {
        error_set("cannot open %s: %s", path, strerror(errno));
        return -1;
    }
    status = score_scan_fd(scan, fd, path);
    close(fd);
    return status;
}

int score_scan_finish(score_scan *scan, score_result *result)
{
    *result = scan->best;
    result->text = NULL;
    if (result->found && !(result->text = strbuf_detach(&scan->best_text)))
        return -1;

    memset(&scan->best, 0, sizeof scan->best);
    strbuf_reset(&scan->best_text);
    scan->line_number = 0;
    scan->failures_reported = 0;
    return 0;
}

int score_scan_files(const score_format *format, score_strategy strategy,
                     const char *const *paths, size_t count,
                     score_result *result)
{
    score_scan *scan = score_scan_new(format, strategy, NULL, NULL);
    int status = -1;

    memset(result, 0, sizeof *result);
    if (!scan)
        return -1;
    for (size_t i = 0; i < count; i++) {
        if (score_scan_path(scan, paths[i]) < 0)
            goto done;
    }
    status = score_scan_finish(scan, result);

done:
    score_scan_free(scan);
    return status;
}
