/* test-score-test.c - `saber-opt score-test`, run as a process on real
 * log files. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static const char training_log[] =
    "epoch 1 Average OOB: 0.5\n"
    "loading block 7\n"
    "epoch 2 average oob: 1.5e-03\r\n"
    "epoch 3 Average OOB: not yet\n"
    "epoch 4 Average OOB: 0.25";

Test(score_test, prints_matches_and_last)
{
    char *dir = th_tmpdir();
    char *log = th_write_file(dir, "train.log", training_log);
    th_result r = th_saber(NULL, "score-test", "{} Average OOB: {score}", log,
                           NULL);

    cr_expect_eq(r.status, 0, "exit %d, stderr: %s", r.status, r.err);
    cr_expect_str_eq(r.out, "1\t0.5\tepoch 1 Average OOB: 0.5\n"
                     "3\t0.0015\tepoch 2 average oob: 1.5e-03\n"
                     "5\t0.25\tepoch 4 Average OOB: 0.25\n"
                     "score\t0.25\n");
    cr_expect_str_eq(r.err, "");
    th_result_free(&r);
    th_rmtree(dir);
    free(log);
    free(dir);
}

Test(score_test, strategy_option)
{
    char *dir = th_tmpdir();
    char *log = th_write_file(dir, "train.log", training_log);
    th_result first = th_saber(NULL, "score-test", "--strategy", "first",
                               "{} Average OOB: {score}", log, NULL);
    th_result min = th_saber(NULL, "score-test", "--strategy=min",
                             "{} Average OOB: {score}", log, NULL);
    th_result max = th_saber(NULL, "score-test", "{} Average OOB: {score}",
                             log, "--strategy", "max", NULL);

    cr_expect_eq(first.status, 0);
    cr_expect(strstr(first.out, "\nscore\t0.5\n") != NULL, "%s", first.out);
    cr_expect_eq(min.status, 0);
    cr_expect(strstr(min.out, "\nscore\t0.0015\n") != NULL, "%s", min.out);
    cr_expect_eq(max.status, 0);
    cr_expect(strstr(max.out, "\nscore\t0.5\n") != NULL, "%s", max.out);
    th_result_free(&first);
    th_result_free(&min);
    th_result_free(&max);
    th_rmtree(dir);
    free(log);
    free(dir);
}

Test(score_test, no_match_exits_1)
{
    char *dir = th_tmpdir();
    char *log = th_write_file(dir, "train.log", training_log);
    th_result r = th_saber(NULL, "score-test", "F1: {score}", log, NULL);

    cr_expect_eq(r.status, 1);
    cr_expect_str_eq(r.out, "score\tnone\n");
    cr_expect_str_eq(r.err, "");
    th_result_free(&r);
    th_rmtree(dir);
    free(log);
    free(dir);
}

/* A NaN score is chosen but missing: it prints, and the exit status is 1. */
Test(score_test, nan_exits_1)
{
    char *dir = th_tmpdir();
    char *log = th_write_file(dir, "train.log", "F1: 0.5\nF1: nan\n");
    th_result last = th_saber(NULL, "score-test", "F1: {score}", log, NULL);
    th_result max = th_saber(NULL, "score-test", "--strategy", "max",
                             "F1: {score}", log, NULL);

    cr_expect_eq(last.status, 1);
    cr_expect_str_eq(last.out, "1\t0.5\tF1: 0.5\n2\tnan\tF1: nan\n"
                     "score\tnan\n");
    cr_expect_eq(max.status, 0);
    cr_expect(strstr(max.out, "\nscore\t0.5\n") != NULL, "%s", max.out);
    th_result_free(&last);
    th_result_free(&max);
    th_rmtree(dir);
    free(log);
    free(dir);
}

/* Line numbers run on across files; standard output of a tool, then its
 * standard error. */
Test(score_test, several_files)
{
    char *dir = th_tmpdir();
    char *out = th_write_file(dir, "stdout.log", "F1: 0.5\nF1: inf");
    char *err = th_write_file(dir, "stderr.log", "warning\nF1: 0.75\n");
    th_result r = th_saber(NULL, "score-test", "F1: {score}", out, err, NULL);

    cr_expect_eq(r.status, 0);
    cr_expect_str_eq(r.out, "1\t0.5\tF1: 0.5\n2\tinf\tF1: inf\n"
                     "4\t0.75\tF1: 0.75\nscore\t0.75\n");
    th_result_free(&r);
    th_rmtree(dir);
    free(out);
    free(err);
    free(dir);
}

Test(score_test, reads_standard_input)
{
    const char *argv[] = {th_env("SABER_OPT"), "score-test", "{} acc {:d}% "
                          "err={score}", NULL};
    th_result r = th_run(argv, "run 1 acc 93% err=0.07\n"
                         "run 2 acc 9x% err=0.5\n", NULL);

    cr_expect_eq(r.status, 0, "stderr: %s", r.err);
    cr_expect_str_eq(r.out, "1\t0.07\trun 1 acc 93% err=0.07\n"
                     "score\t0.07\n");
    th_result_free(&r);
}

Test(score_test, invalid_format_exits_2)
{
    th_result r = th_saber(NULL, "score-test", "F1: {score", NULL);

    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.out, "");
    cr_expect_str_eq(r.err, "saber-opt: error: score_format \"F1: {score\": "
                     "column 5: unbalanced '{'; close the field with '}', or "
                     "write '{{' for a literal brace\n");
    th_result_free(&r);
}

Test(score_test, format_without_score)
{
    th_result r = th_saber(NULL, "score-test", "F1: {f1:g}", NULL);

    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.err, "saber-opt: error: score_format \"F1: {f1:g}\": "
                     "no {score} field; put {score} where the score appears "
                     "in the log line\n");
    th_result_free(&r);
}

/* A missing file stops the command before it prints any line. */
Test(score_test, missing_file_exits_2)
{
    char *dir = th_tmpdir();
    char *log = th_write_file(dir, "train.log", training_log);
    char *missing = th_format("%s/missing.log", dir);
    char *expected = th_format("saber-opt: error: cannot open %s: No such "
                               "file or directory\n", missing);
    th_result r = th_saber(NULL, "score-test", "{} Average OOB: {score}", log,
                           missing, NULL);

    cr_expect_eq(r.status, 2);
    cr_expect_str_eq(r.out, "");
    cr_expect_str_eq(r.err, expected);
    th_result_free(&r);
    th_rmtree(dir);
    free(expected);
    free(missing);
    free(log);
    free(dir);
}

Test(score_test, usage_errors)
{
    th_result none = th_saber(NULL, "score-test", NULL);
    th_result strategy = th_saber(NULL, "score-test", "--strategy", "best",
                                  "F1: {score}", NULL);
    th_result option = th_saber(NULL, "score-test", "--fast", "F1: {score}",
                                NULL);

    cr_expect_eq(none.status, 2);
    cr_expect_str_eq(none.err, "saber-opt: error: missing FORMAT\n"
                     "Try 'saber-opt score-test --help'.\n");
    cr_expect_eq(strategy.status, 2);
    cr_expect_str_eq(strategy.err, "saber-opt: error: invalid score strategy "
                     "'best'; use first, last, min or max\n"
                     "Try 'saber-opt score-test --help'.\n");
    cr_expect_eq(option.status, 2);
    cr_expect_str_eq(option.err, "saber-opt: error: unknown option '--fast'\n"
                     "Try 'saber-opt score-test --help'.\n");
    th_result_free(&none);
    th_result_free(&strategy);
    th_result_free(&option);
}

Test(score_test, help_to_stdout)
{
    const char *usage = "Usage: saber-opt score-test [OPTION]... FORMAT "
                        "[LOGFILE]...\n";
    th_result r = th_saber(NULL, "score-test", "--help", NULL);
    th_result top = th_saber(NULL, "--help", NULL);

    cr_expect_eq(r.status, 0);
    cr_expect_eq(strncmp(r.out, usage, strlen(usage)), 0, "%s", r.out);
    cr_expect_str_eq(r.err, "");
    cr_expect(strstr(top.out, "\n  score-test ") != NULL, "%s", top.out);
    th_result_free(&r);
    th_result_free(&top);
}

/* A line that makes the matcher give up counts as not matching, with one
 * warning for the scan. */
Test(score_test, match_limit_warns)
{
    char *dir = th_tmpdir();
    char *line = malloc(5003);
    char *log;
    char *expected;
    th_result r;

    cr_assert_not_null(line);
    line[0] = 'x';
    memset(line + 1, 'a', 5000);
    strcpy(line + 5001, "\n");
    log = th_write_file(dir, "long.log", line);
    expected = th_format("saber-opt: warning: %s: line 1: matching the "
                         "score_format \"{}{}{}{}{}{}{}{}{}{}{}{}x{score}\" "
                         "failed (match limit exceeded); the line counts as "
                         "not matching\n", log);
    r = th_saber(NULL, "score-test", "{}{}{}{}{}{}{}{}{}{}{}{}x{score}", log,
                 log, NULL);

    cr_expect_eq(r.status, 1);
    cr_expect_str_eq(r.out, "score\tnone\n");
    cr_expect_str_eq(r.err, expected);
    th_result_free(&r);
    th_rmtree(dir);
    free(expected);
    free(log);
    free(line);
    free(dir);
}
