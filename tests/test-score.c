/* test-score.c - the score matcher: score_format translation, types,
 * errors, strategies and log scanning on real files. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "helpers.h"
#include "pyfloat.h"
#include "score.h"
#include "score_pattern.h"

/* Returns what line yields under format, as the case tables write it: the
 * repr() of the score, NOMATCH or NOTANUMBER; or "ERROR: message". */
static char *line_outcome(const char *format_text, const char *text)
{
    score_format *format = score_format_compile(format_text);
    score_matcher *matcher;
    score_line line;
    char value[PYFLOAT_REPR_SIZE];
    score_line_status status;

    if (!format)
        return th_format("ERROR: %s", error_message());
    matcher = score_matcher_new(format);
    cr_assert_not_null(matcher);
    status = score_matcher_match(matcher, text, strlen(text), &line);
    score_matcher_free(matcher);
    score_format_free(format);

    if (status == SCORE_LINE_NO_MATCH)
        return strdup("NOMATCH");
    if (status == SCORE_LINE_NOT_A_NUMBER)
        return strdup("NOTANUMBER");
    pyfloat_repr(line.value, value);
    return strdup(value);
}

/* Runs every row FORMAT<TAB>LINE<TAB>EXPECTED of a case table after its
 * header line.  Returns the number of rows run. */
static int run_case_table(const char *relative)
{
    char *path = th_data(relative);
    char *table = th_read_file(path, NULL);
    char *cursor = table;
    int rows = 0;
    int number = 0;

    cr_assert_not_null(table, "cannot read %s", path);
    while (*cursor) {
        char *end = strchr(cursor, '\n');
        char *format = cursor;
        char *text;
        char *expected;
        char *got;

        cr_assert_not_null(end, "%s: the last row has no newline", relative);
        *end = '\0';
        cursor = end + 1;
        if (number++ == 0)
            continue;

        text = strchr(format, '\t');
        cr_assert_not_null(text, "%s:%d: no tab after the format", relative,
                           number);
        *text++ = '\0';
        expected = strchr(text, '\t');
        cr_assert_not_null(expected, "%s:%d: no tab after the line", relative,
                           number);
        *expected++ = '\0';

        got = line_outcome(format, text);
        cr_expect_str_eq(got, expected, "%s:%d: format '%s', line '%s': "
                         "got %s, expected %s", relative, number, format, text,
                         got, expected);
        free(got);
        rows++;
    }
    free(table);
    free(path);
    return rows;
}

Test(score_cases, base_table)
{
    cr_assert_eq(run_case_table("score/score_cases.tsv"), 21);
}

/* Rows whose expected values Python's parse computed
 * (tests/data/score/make_typed_cases.py). */
Test(score_cases, typed_table)
{
    cr_assert_gt(run_case_table("score/typed_cases.tsv"), 150);
}

/* Formats that do not compile, with the exact message. */
static const struct {
    const char *format;
    const char *message;
} error_cases[] = {
    {"F1: {x}", "score_format \"F1: {x}\": no {score} field; put {score} "
     "where the score appears in the log line"},
    {"", "score_format \"\": no {score} field; put {score} where the score "
     "appears in the log line"},
    {"{{score}}", "score_format \"{{score}}\": no {score} field; put {score} "
     "where the score appears in the log line"},
    {"F1: {score", "score_format \"F1: {score\": column 5: unbalanced '{'; "
     "close the field with '}', or write '{{' for a literal brace"},
    {"a{b {score}", "score_format \"a{b {score}\": column 2: unbalanced '{'; "
     "close the field with '}', or write '{{' for a literal brace"},
    {"F1: {score}}", "score_format \"F1: {score}}\": column 12: unbalanced "
     "'}'; write '}}' for a literal brace"},
    {"x} {score}", "score_format \"x} {score}\": column 2: unbalanced '}'; "
     "write '}}' for a literal brace"},
    {"é {score:z}", "score_format \"é {score:z}\": column 3: unknown type "
     "'z'; use one of d n b o x f F e g % w W s S D l"},
    {"{score:dd}", "score_format \"{score:dd}\": column 1: unknown type 'dd'; "
     "use one of d n b o x f F e g % w W s S D l"},
    {"{score:ti}", "score_format \"{score:ti}\": column 1: date and time type "
     "'ti' is not supported; match the field as text with {}"},
    {"{score:d:x}", "score_format \"{score:d:x}\": column 1: invalid spec "
     "'d:x': more than one ':'"},
    {"{a b} {score}", "score_format \"{a b} {score}\": column 1: invalid "
     "field name 'a b'; use letters, digits and '_'"},
    {"{a} {a:d} {score}", "score_format \"{a} {a:d} {score}\": column 5: "
     "field 'a' repeats with spec 'd' after ''; give every repetition the "
     "same spec"},
    {"{score:5.2}", "score_format \"{score:5.2}\": column 1: width 5 is "
     "larger than precision 2; make the precision at least the width"},
    {"{score:.0}", "score_format \"{score:.0}\": column 1: width 1 is larger "
     "than precision 0; make the precision at least the width"},
    {"{score:00d}", "score_format \"{score:00d}\": column 1: width 0 leaves "
     "no room for a digit; give a width of at least 1"},
    {"{score:70000}", "score_format \"{score:70000}\": column 1: width or "
     "precision larger than 65535"},
    {"\xff {score}", "score_format \"\xff {score}\": not valid UTF-8"},
};

Test(score_format, error_messages)
{
    for (size_t i = 0; i < sizeof error_cases / sizeof error_cases[0]; i++) {
        score_format *format = score_format_compile(error_cases[i].format);

        cr_expect_null(format, "'%s' compiled", error_cases[i].format);
        cr_expect_str_eq(error_message(), error_cases[i].message,
                         "'%s': message '%s'", error_cases[i].format,
                         error_message());
        score_format_free(format);
    }
}

static void check_regex(const char *format, const char *regex,
                        uint32_t group, score_conversion conversion)
{
    score_pattern pattern;

    cr_assert_eq(score_pattern_build(format, &pattern), 0, "%s: %s", format,
                 error_message());
    cr_expect_str_eq(pattern.regex, regex, "%s", format);
    cr_expect_eq(pattern.score_group, group, "%s", format);
    cr_expect_eq(pattern.conversion, conversion, "%s", format);
    score_pattern_release(&pattern);
}

Test(score_format, regex_text)
{
    check_regex("{} Average OOB: {score}", "(.+?) Average OOB\\: (.+?)", 2,
                SCORE_CONVERT_FLOAT);
    check_regex("{:d}/{score:>8.3f}", "([-+ ]?\\d+|[-+ ]?0[xX][0-9a-fA-F]+"
                "|[-+ ]?0[bB][01]+|[-+ ]?0[oO][0-7]+)\\/(?: )*"
                "([-+ ]?\\d*\\.\\d+)", 2, SCORE_CONVERT_FLOAT);
    check_regex("{n}{n}{score:x<3d}", "(.+?)\\g{1}([-+ ]?\\d{1,3}"
                "|[-+ ]?0[xX][0-9a-fA-F]{1,3}|[-+ ]?0[bB][01]{1,3}"
                "|[-+ ]?0[oO][0-7]{1,3})(?:x)+", 2, SCORE_CONVERT_INT);
    check_regex("{{{score:|=%}}}", "\\{([-+ ]?(?:\\|)*\\d+(?:\\.\\d+)?%)\\}",
                1, SCORE_CONVERT_PERCENT);
    check_regex("{score:}", "(.+?)", 1, SCORE_CONVERT_FLOAT);
}

Test(score_format, keeps_text)
{
    score_format *format = score_format_compile("F1: {score}");

    cr_assert_not_null(format);
    cr_expect_str_eq(score_format_text(format), "F1: {score}");
    score_format_free(format);
}

/* The captured text is the field without its padding. */
Test(score_matcher, capture_without_padding)
{
    score_format *format = score_format_compile("v={score:>8.3f};");
    score_matcher *matcher = score_matcher_new(format);
    const char *text = "V=   2.500;";
    score_line line;

    cr_assert_eq(score_matcher_match(matcher, text, strlen(text), &line),
                 SCORE_LINE_NUMBER);
    cr_expect_eq(line.score_length, 5);
    cr_expect_eq(strncmp(line.score_text, "2.500", 5), 0);
    cr_expect_eq(line.value, 2.5);
    cr_expect_eq(line.text, text);
    score_matcher_free(matcher);
    score_format_free(format);
}

/* A line that is not valid UTF-8 still matches, byte by byte and
 * ignoring ASCII case. */
Test(score_matcher, invalid_utf8_line)
{
    char *got = line_outcome("{} loss={score}", "caf\xe9 loss=0.5");
    char *caseless = line_outcome("LOSS {} {score}", "loss \xe9 1.5");

    cr_expect_str_eq(got, "0.5");
    cr_expect_str_eq(caseless, "1.5");
    free(got);
    free(caseless);
}

/* A line may hold bytes that end a C string. */
Test(score_matcher, nul_in_line)
{
    score_format *format = score_format_compile("{} loss={score}");
    score_matcher *matcher = score_matcher_new(format);
    const char text[] = "a\0b loss=0.25";
    score_line line;

    cr_assert_eq(score_matcher_match(matcher, text, sizeof text - 1, &line),
                 SCORE_LINE_NUMBER);
    cr_expect_eq(line.value, 0.25);
    score_matcher_free(matcher);
    score_format_free(format);
}

Test(score_strategy, names)
{
    score_strategy strategy = SCORE_LAST;

    cr_expect_eq(score_strategy_parse("first", &strategy), 0);
    cr_expect_eq(strategy, SCORE_FIRST);
    cr_expect_eq(score_strategy_parse("max", &strategy), 0);
    cr_expect_eq(strategy, SCORE_MAX);
    cr_expect_str_eq(score_strategy_name(SCORE_MIN), "min");
    cr_expect_str_eq(score_strategy_name(SCORE_LAST), "last");
    cr_expect_eq(score_strategy_parse("Last", &strategy), -1);
    cr_expect_str_eq(error_message(), "invalid score strategy 'Last'; use "
                     "first, last, min or max");
}

/* Writes each text to its own file in a fresh folder and scans them in
 * order with format and strategy. */
static score_result scan_texts(const char *format_text, score_strategy strategy,
                               const char *const *texts, size_t count)
{
    char *dir = th_tmpdir();
    char *paths[8];
    score_format *format = score_format_compile(format_text);
    score_result result;

    cr_assert_not_null(format, "%s", error_message());
    cr_assert_leq(count, 8);
    for (size_t i = 0; i < count; i++) {
        char *name = th_format("log%zu", i);

        paths[i] = th_write_file(dir, name, texts[i]);
        free(name);
    }
    cr_assert_eq(score_scan_files(format, strategy, (const char *const *)paths,
                                  count, &result), 0, "%s", error_message());

    for (size_t i = 0; i < count; i++)
        free(paths[i]);
    score_format_free(format);
    th_rmtree(dir);
    free(dir);
    return result;
}

static score_result scan_text(const char *format, score_strategy strategy,
                              const char *text)
{
    return scan_texts(format, strategy, &text, 1);
}

static void check_result(const score_result *r, double value, const char *text,
                         uint64_t line, uint64_t matches)
{
    cr_assert(r->found, "no score found");
    cr_expect_eq(r->value, value, "value %.17g, expected %.17g", r->value,
                 value);
    cr_expect_str_eq(r->text, text);
    cr_expect_eq(r->line, line, "line %llu, expected %llu",
                 (unsigned long long)r->line, (unsigned long long)line);
    cr_expect_eq(r->matches, matches, "%llu matches, expected %llu",
                 (unsigned long long)r->matches, (unsigned long long)matches);
}

static const char strategy_log[] =
    "step 1 loss=0.5\n"
    "noise\n"
    "step 2 loss=0.25\n"
    "step 3 loss=fast\n"
    "step 4 loss=0.75\n"
    "step 5 loss=0.250\n";

Test(score_strategy, last_is_default)
{
    score_result r = scan_text("{} loss={score}", SCORE_LAST, strategy_log);

    cr_expect_eq(SCORE_LAST, 0);
    check_result(&r, 0.25, "0.250", 6, 4);
    score_result_release(&r);
}

Test(score_strategy, first)
{
    score_result r = scan_text("{} loss={score}", SCORE_FIRST, strategy_log);

    check_result(&r, 0.5, "0.5", 1, 4);
    score_result_release(&r);
}

/* Between equal values, min keeps the earlier line. */
Test(score_strategy, min_keeps_earlier_tie)
{
    score_result r = scan_text("{} loss={score}", SCORE_MIN, strategy_log);

    check_result(&r, 0.25, "0.25", 3, 4);
    score_result_release(&r);
}

Test(score_strategy, max)
{
    score_result r = scan_text("{} loss={score}", SCORE_MAX, strategy_log);

    check_result(&r, 0.75, "0.75", 5, 4);
    score_result_release(&r);
}

static const char nan_log[] =
    "a loss=0.5\n"
    "b loss=nan\n"
    "c loss=0.25\n"
    "d loss=NaN\n";

/* A NaN line is still the last match: the score is missing. */
Test(score_nan, last_is_missing)
{
    score_result r = scan_text("{} loss={score}", SCORE_LAST, nan_log);

    cr_assert(r.found);
    cr_expect(isnan(r.value));
    cr_expect_str_eq(r.text, "NaN");
    cr_expect_eq(r.line, 4);
    cr_expect_eq(r.matches, 4);
    cr_expect_not(score_result_has_score(&r));
    score_result_release(&r);
}

Test(score_nan, min_and_max_skip_nan)
{
    score_result low = scan_text("{} loss={score}", SCORE_MIN, nan_log);
    score_result high = scan_text("{} loss={score}", SCORE_MAX, nan_log);

    check_result(&low, 0.25, "0.25", 3, 4);
    check_result(&high, 0.5, "0.5", 1, 4);
    cr_expect(score_result_has_score(&low));
    score_result_release(&low);
    score_result_release(&high);
}

/* When every match is NaN, min and max keep the last one's text. */
Test(score_nan, only_nan_lines)
{
    score_result r = scan_text("{} loss={score}", SCORE_MAX,
                               "a loss=nan\nb loss=-nan\nc\n");

    cr_assert(r.found);
    cr_expect(isnan(r.value));
    cr_expect_str_eq(r.text, "-nan");
    cr_expect_eq(r.line, 2);
    cr_expect_not(score_result_has_score(&r));
    score_result_release(&r);
}

Test(score_scan, no_match)
{
    score_result r = scan_text("F1: {score}", SCORE_LAST,
                               "F1:\nF1: n/a\nMean F1: 0.5\n");

    cr_expect_not(r.found);
    cr_expect_null(r.text);
    cr_expect_eq(r.line, 0);
    cr_expect_eq(r.matches, 0);
    cr_expect_not(score_result_has_score(&r));
    score_result_release(&r);
}

Test(score_scan, empty_file)
{
    score_result r = scan_text("F1: {score}", SCORE_LAST, "");

    cr_expect_not(r.found);
    cr_expect_eq(r.matches, 0);
    score_result_release(&r);
}

/* "\r\n" ends a line like "\n", also on the last line. */
Test(score_scan, crlf_endings)
{
    score_result r = scan_text("v={score} end", SCORE_LAST,
                               "v=1.5 end\r\nv=2.5 end\r\nv=3.5 end\r");

    check_result(&r, 3.5, "3.5", 3, 3);
    score_result_release(&r);
}

/* A lone '\r' is part of the line: here it ends up in the capture. */
Test(score_scan, lone_carriage_return)
{
    score_result r = scan_text("{} loss={score}", SCORE_LAST,
                               "a loss=0.5\rb loss=0.25\n");

    cr_expect_not(r.found);
    score_result_release(&r);
}

Test(score_scan, last_line_without_newline)
{
    score_result r = scan_text("F1: {score}", SCORE_LAST, "F1: 0.5\nF1: 0.75");

    check_result(&r, 0.75, "0.75", 2, 2);
    score_result_release(&r);
}

/* Lines longer than the read block: the first is 3 MB long. */
Test(score_scan, very_long_lines)
{
    size_t size = 3 * 1024 * 1024;
    char *text = malloc(size + 64);
    score_result first;
    score_result last;

    cr_assert_not_null(text);
    memset(text, 'x', size);
    strcpy(text + size, " loss=0.125\nyyyyyyyyyy loss=0.5\nz\n");

    first = scan_text("{} loss={score}", SCORE_FIRST, text);
    last = scan_text("{} loss={score}", SCORE_LAST, text);
    check_result(&first, 0.125, "0.125", 1, 2);
    check_result(&last, 0.5, "0.5", 2, 2);
    score_result_release(&first);
    score_result_release(&last);
    free(text);
}

/* Several files read as one log: line numbers go on, and a file's last
 * line ends with the file even without a newline. */
Test(score_scan, several_files)
{
    const char *texts[] = {"v=1\nv=2", "v=3\nnoise\n", "", "v=4\r\n"};
    score_result first = scan_texts("v={score}", SCORE_FIRST, texts, 4);
    score_result last = scan_texts("v={score}", SCORE_LAST, texts, 4);
    score_result max = scan_texts("v={score}", SCORE_MAX, texts, 4);

    check_result(&first, 1, "1", 1, 4);
    check_result(&last, 4, "4", 5, 4);
    check_result(&max, 4, "4", 5, 4);
    score_result_release(&first);
    score_result_release(&last);
    score_result_release(&max);
}

Test(score_scan, missing_file)
{
    char *dir = th_tmpdir();
    char *good = th_write_file(dir, "good.log", "v=1\n");
    char *missing = th_format("%s/missing.log", dir);
    char *expected = th_format("cannot open %s: No such file or directory",
                               missing);
    const char *paths[] = {good, missing};
    score_format *format = score_format_compile("v={score}");
    score_result r;

    cr_expect_eq(score_scan_files(format, SCORE_LAST, paths, 2, &r), -1);
    cr_expect_str_eq(error_message(), expected);
    cr_expect_not(r.found);
    score_format_free(format);
    th_rmtree(dir);
    free(expected);
    free(missing);
    free(good);
    free(dir);
}

Test(score_scan, folder_is_unreadable)
{
    char *dir = th_tmpdir();
    char *expected = th_format("cannot read %s: Is a directory", dir);
    const char *paths[] = {dir};
    score_format *format = score_format_compile("v={score}");
    score_result r;

    cr_expect_eq(score_scan_files(format, SCORE_LAST, paths, 1, &r), -1);
    cr_expect_str_eq(error_message(), expected);
    score_format_free(format);
    th_rmtree(dir);
    free(expected);
    free(dir);
}

static int count_and_stop(const score_line *line, void *data)
{
    int *seen = data;

    (*seen)++;
    if (line->number == 3) {
        error_set("stopped at line 3");
        return -1;
    }
    return 0;
}

/* The callback receives each matching line and can stop the scan. */
Test(score_scan, callback_stops)
{
    char *dir = th_tmpdir();
    char *path = th_write_file(dir, "log", "v=1\nv=2\nv=3\nv=4\n");
    score_format *format = score_format_compile("v={score}");
    int seen = 0;
    score_scan *scan = score_scan_new(format, SCORE_LAST, count_and_stop,
                                      &seen);

    cr_assert_not_null(scan);
    cr_expect_eq(score_scan_path(scan, path), -1);
    cr_expect_eq(seen, 3);
    cr_expect_str_eq(error_message(), "stopped at line 3");
    score_scan_free(scan);
    score_format_free(format);
    th_rmtree(dir);
    free(path);
    free(dir);
}

/* finish hands over the result and starts the next log afresh. */
Test(score_scan, finish_resets)
{
    char *dir = th_tmpdir();
    char *one = th_write_file(dir, "one", "v=1\nv=2\n");
    char *two = th_write_file(dir, "two", "x\nv=7\n");
    score_format *format = score_format_compile("v={score}");
    score_scan *scan = score_scan_new(format, SCORE_FIRST, NULL, NULL);
    score_result r;

    cr_assert_eq(score_scan_path(scan, one), 0);
    cr_assert_eq(score_scan_finish(scan, &r), 0);
    check_result(&r, 1, "1", 1, 2);
    score_result_release(&r);
    cr_assert_eq(score_scan_path(scan, two), 0);
    cr_assert_eq(score_scan_finish(scan, &r), 0);
    check_result(&r, 7, "7", 2, 1);
    score_result_release(&r);

    score_scan_free(scan);
    score_format_free(format);
    th_rmtree(dir);
    free(one);
    free(two);
    free(dir);
}
