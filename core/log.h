/*
 * log.h - leveled log lines on standard error.
 *
 * Lines read "saber-opt: LEVEL: message".  A progress line on a terminal
 * registers a redraw hook so that log lines never interleave with it.
 */
#ifndef SABER_LOG_H
#define SABER_LOG_H

#include <stdarg.h>

#include <saber/sampler.h>

#include "compat.h"

void log_set_level(saber_log_level level);
saber_log_level log_get_level(void);

/* Parses "debug", "info", "warning" or "error" (any case; "warn" too).
 * Returns 0, or -1 with an error message. */
int log_parse_level(const char *text, saber_log_level *level);

void log_msg(saber_log_level level, const char *format, ...) SABER_FORMAT(2, 3);
void log_msgv(saber_log_level level, const char *prefix, const char *format,
              va_list args) SABER_FORMAT(3, 0);

#define log_debug(...) log_msg(SABER_LOG_DEBUG, __VA_ARGS__)
#define log_info(...) log_msg(SABER_LOG_INFO, __VA_ARGS__)
#define log_warning(...) log_msg(SABER_LOG_WARNING, __VA_ARGS__)
#define log_error(...) log_msg(SABER_LOG_ERROR, __VA_ARGS__)

/* Prints the thread's error message as "saber-opt: error: MESSAGE". */
void log_report_error(void);

/* A hook run before (clear) and after (redraw) each log line, for a
 * progress line that owns the last terminal row.  NULL removes it. */
typedef void (*log_hook_fn)(int redraw, void *data);
void log_set_hook(log_hook_fn hook, void *data);

#endif
