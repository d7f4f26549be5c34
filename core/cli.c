/* cli.c - helpers shared by the saber-opt commands. */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "log.h"

int cli_usage_error(const char *command, const char *format, ...)
{
    va_list args;

    fputs("saber-opt: error: ", stderr);
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fprintf(stderr, "\nTry 'saber-opt %s%s--help'.\n", command ? command : "",
            command ? " " : "");
    return EXIT_USAGE;
}

int cli_fail(int status)
{
    log_report_error();
    return status;
}

const char *cli_rejected_option(char **argv, char buffer[3])
{
    const char *argument = argv[optind - 1];

    if (optopt > 0 && optopt < 256 && strncmp(argument, "--", 2) != 0) {
        buffer[0] = '-';
        buffer[1] = (char)optopt;
        buffer[2] = '\0';
        return buffer;
    }
    return argument;
}

int cli_set_log_level(const char *command, const char *text)
{
    saber_log_level level;

    if (log_parse_level(text, &level) < 0)
        return cli_usage_error(command, "%s", error_message());
    log_set_level(level);
    return 0;
}

int cli_add_dir(char ***dirs, size_t *count, char *dir)
{
    char **grown = realloc(*dirs, (*count + 1) * sizeof *grown);

    if (!grown)
        return error_nomem();
    grown[(*count)++] = dir;
    *dirs = grown;
    return 0;
}
