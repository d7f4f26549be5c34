/* tool.h - error messages and option parsing shared by the xbrain-like
 * example tools. */
#ifndef XBRAIN_TOOL_H
#define XBRAIN_TOOL_H

#if defined(__GNUC__)
#define TOOL_FORMAT(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define TOOL_FORMAT(fmt, args)
#endif

/* Exit status for bad options, as for saber-opt itself. */
#define TOOL_EXIT_USAGE 2

/* Sets the program name that prefixes every message; name is borrowed and
 * must outlive the program (argv[0] does). */
void tool_set_name(const char *name);

/* Prints "NAME: error: MESSAGE" on stderr and returns -1. */
int tool_error(const char *format, ...) TOOL_FORMAT(1, 2);

/* Prints "NAME: MESSAGE" on stderr, for progress. */
void tool_info(const char *format, ...) TOOL_FORMAT(1, 2);

/* Parses the whole of text as a decimal integer in [min, max] into *out.
 * option names the option in the error message. */
int tool_parse_int(const char *option, const char *text, long min, long max,
                   int *out);

/* Parses the whole of text as a finite number in [min, max] into *out.
 * Surrounding blanks are allowed, as Python's float() allows them. */
int tool_parse_double(const char *option, const char *text, double min,
                      double max, double *out);

#endif
