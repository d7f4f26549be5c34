/* cmd_score_test.c - `saber-opt score-test`: show which log lines a
 * score_format matches and the score it picks. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "pyfloat.h"
#include "score.h"

enum { OPT_STRATEGY = OPT_HELP + 1 };

static void print_help(void)
{
    printf("Usage: saber-opt score-test [OPTION]... FORMAT [LOGFILE]...\n"
           "\n"
           "Read the LOGFILEs in order as one log (standard input when there "
           "is none) and\nprint each line that FORMAT matches with a number "
           "as LINE<TAB>VALUE<TAB>TEXT,\nthen the chosen score as "
           "score<TAB>VALUE, or score<TAB>none.  LINE counts from 1\nacross "
           "all the files.  FORMAT is a score_format in the language of "
           "Python's parse\npackage, such as '{} Average OOB: {score}': case "
           "is ignored and the whole line\nmust match.\n"
           "\n"
           "Options:\n"
           "  --strategy first|last|min|max  which matching line gives the "
           "score (default\n"
           "                                 last); min and max skip NaN "
           "scores\n"
           "  -h, --help                     print this help and exit\n"
           "\n"
           "Exit status: 0 a score was found, 1 no line matched or the "
           "chosen score is NaN,\n2 invalid FORMAT, unreadable LOGFILE or "
           "bad usage.\n");
}

static int print_line(const score_line *line, void *data)
{
    char value[PYFLOAT_REPR_SIZE];

    (void)data;
    pyfloat_repr(line->value, value);
    printf("%" PRIu64 "\t%s\t", line->number, value);
    if (fwrite(line->text, 1, line->length, stdout) != line->length ||
        putchar('\n') == EOF) {
        error_set("cannot write the output: %s", strerror(errno));
        return -1;
    }
    return 0;
}

/* Opens every file before reading any, so that a wrong name stops the
 * command before it prints anything. */
static int open_inputs(char **paths, int count, int *fds)
{
    for (int i = 0; i < count; i++) {
        fds[i] = open(paths[i], O_RDONLY | O_CLOEXEC);
        if (fds[i] < 0) {
            error_set("cannot open %s: %s", paths[i], strerror(errno));
            while (i-- > 0)
                close(fds[i]);
            return -1;
        }
    }
    return 0;
}

static int scan_inputs(score_scan *scan, char **paths, int count, int *fds)
{
    int status = 0;

    if (count == 0)
        return score_scan_fd(scan, STDIN_FILENO, "standard input");
    for (int i = 0; i < count; i++) {
        if (status == 0 && score_scan_fd(scan, fds[i], paths[i]) < 0)
            status = -1;
        close(fds[i]);
    }
    return status;
}

/* Prints the chosen score; returns the exit status. */
static int print_score(const score_result *result)
{
    char value[PYFLOAT_REPR_SIZE];

    if (result->found)
        pyfloat_repr(result->value, value);
    printf("score\t%s\n", result->found ? value : "none");
    if (fflush(stdout) != 0) {
        error_set("cannot write the output: %s", strerror(errno));
        return cli_fail(EXIT_USAGE);
    }
    return score_result_has_score(result) ? EXIT_OK : EXIT_FAILURE_RUN;
}

static int run_score_test(const char *format_text, score_strategy strategy,
                          char **paths, int count)
{
    score_format *format = score_format_compile(format_text);
    int *fds = calloc((size_t)count + 1, sizeof *fds);
    score_scan *scan = NULL;
    score_result result = {0};
    int status;

    if (!format)
        goto fail;
    scan = score_scan_new(format, strategy, print_line, NULL);
    if (!fds || !scan || open_inputs(paths, count, fds) < 0)
        goto fail;
    if (scan_inputs(scan, paths, count, fds) < 0 ||
        score_scan_finish(scan, &result) < 0)
        goto fail;

    status = print_score(&result);
    goto done;

fail:
    if (!fds)
        error_nomem();
    status = cli_fail(EXIT_USAGE);
done:
    score_result_release(&result);
    score_scan_free(scan);
    score_format_free(format);
    free(fds);
    return status;
}

int cmd_score_test(int argc, char **argv)
{
    static const struct option options[] = {
        {"strategy", required_argument, NULL, OPT_STRATEGY},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    score_strategy strategy = SCORE_LAST;
    char rejected[3];
    int c;

    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        if (c == 'h') {
            print_help();
            return EXIT_OK;
        }
        if (c == OPT_STRATEGY) {
            if (score_strategy_parse(optarg, &strategy) < 0)
                return cli_usage_error("score-test", "%s", error_message());
            continue;
        }
        if (c == ':')
            return cli_usage_error("score-test", "option '%s' needs a value",
                                   cli_rejected_option(argv, rejected));
        return cli_usage_error("score-test", "unknown option '%s'",
                               cli_rejected_option(argv, rejected));
    }
    if (optind == argc)
        return cli_usage_error("score-test", "missing FORMAT");

    return run_score_test(argv[optind], strategy, argv + optind + 1,
                          argc - optind - 1);
}
