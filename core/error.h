/*
 * error.h - the error message of the calling thread.
 *
 * Core functions that fail return -1 (or NULL) after setting a one-line
 * message with error_set(); the command that called them prints it once as
 * "saber-opt: error: MESSAGE".  Messages name the file, line and column when
 * there is one, the offending value, and what to do.
 */
#ifndef SABER_ERROR_H
#define SABER_ERROR_H

#include <stdarg.h>

#include "compat.h"

/* Replaces the thread's message; the arguments are copied. */
void error_set(const char *format, ...) SABER_FORMAT(1, 2);
void error_setv(const char *format, va_list args) SABER_FORMAT(1, 0);

/* Puts "PREFIX: " in front of the current message. */
void error_prefix(const char *format, ...) SABER_FORMAT(1, 2);

/* Returns the thread's message, "" when none; valid until the next set. */
const char *error_message(void);

/* Sets the message "out of memory" and returns -1. */
int error_nomem(void);

/* Clears the message. */
void error_clear(void);

#endif
