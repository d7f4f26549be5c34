/* log.c - leveled log lines on standard error. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <strings.h>

#include "error.h"
#include "log.h"

static saber_log_level threshold = SABER_LOG_INFO;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static log_hook_fn hook_fn;
static void *hook_data;

static const char *const level_names[] = {"debug", "info", "warning", "error"};

void log_set_level(saber_log_level level)
{
    threshold = level;
}

saber_log_level log_get_level(void)
{
    return threshold;
}

int log_parse_level(const char *text, saber_log_level *level)
{
    for (int i = 0; i < 4; i++) {
        if (strcasecmp(text, level_names[i]) == 0) {
            *level = (saber_log_level)i;
            return 0;
        }
    }
    if (strcasecmp(text, "warn") == 0) {
        *level = SABER_LOG_WARNING;
        return 0;
    }
    error_set("invalid log level '%s'; use debug, info, warning or error", text);
    return -1;
}

void log_set_hook(log_hook_fn hook, void *data)
{
    pthread_mutex_lock(&log_lock);
    hook_fn = hook;
    hook_data = data;
    pthread_mutex_unlock(&log_lock);
}

void log_msgv(saber_log_level level, const char *prefix, const char *format,
              va_list args)
{
    if (level < threshold)
        return;

    pthread_mutex_lock(&log_lock);
    if (hook_fn)
        hook_fn(0, hook_data);
    fprintf(stderr, "saber-opt: %s: ", level_names[level]);
    if (prefix)
        fprintf(stderr, "%s: ", prefix);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    if (hook_fn)
        hook_fn(1, hook_data);
    pthread_mutex_unlock(&log_lock);
}

void log_msg(saber_log_level level, const char *format, ...)
{
    va_list args;

    va_start(args, format);
    log_msgv(level, NULL, format, args);
    va_end(args);
}

void log_report_error(void)
{
    const char *message = error_message();

    pthread_mutex_lock(&log_lock);
    if (hook_fn)
        hook_fn(0, hook_data);
    fprintf(stderr, "saber-opt: error: %s\n",
            message[0] ? message : "unknown error");
    if (hook_fn)
        hook_fn(1, hook_data);
    pthread_mutex_unlock(&log_lock);
}
