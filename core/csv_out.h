/*
 * csv_out.h - write CSV files byte for byte as Python's csv.writer does.
 *
 * SABER wrote its results with Python's csv module and its default
 * dialect, and this writer produces the same bytes: fields separated by
 * ',', every row ended by "\r\n", a field quoted with '"' when it contains
 * ',', '"', '\r' or '\n', quotes inside doubled.  A row of one empty field
 * is written as "" so that it reads back as one field.  Nothing else is
 * quoted: leading and trailing spaces, tabs and non-ASCII text go out
 * unchanged.
 *
 * Rows go to PATH.tmp, which csv_out_close renames over PATH, so that a
 * crash leaves PATH as it was rather than half written.
 */
#ifndef SABER_CSV_OUT_H
#define SABER_CSV_OUT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct csv_out csv_out;

/* Checks that path may be replaced by a CSV: it must not be a device, a
 * pipe or a socket, nor an SQLite database such as the run's own, all of
 * which the rename in csv_out_close would replace.  Returns 0, or -1 with
 * an error message naming the file. */
int csv_out_check_target(const char *path);

/* Returns whether path is "-" (standard output) or names a character
 * device or a pipe, which csv_out_open writes into as it is. */
bool csv_out_is_stream(const char *path);

/* Checks path with csv_out_check_target, then creates (or truncates)
 * PATH.tmp for writing; path is copied.  A path of "-" (standard output),
 * a character device or a pipe is written directly instead.  Returns NULL
 * with an error message naming the file. */
csv_out *csv_out_open(const char *path);

/* Opens path itself for appending rows, without a temporary file: for a
 * CSV that grows batch by batch after csv_out_open and csv_out_close wrote
 * its start.  Returns NULL with an error message naming the file. */
csv_out *csv_out_append(const char *path);

/* Hands the rows written so far to the operating system.  Returns 0, or
 * -1 with an error message naming the file. */
int csv_out_flush(csv_out *out);

/* Writes one row of count fields, each a NUL-terminated string; a NULL
 * field is written empty, as Python writes None.  Returns 0, or -1 with an
 * error message naming the file, after which the caller discards out. */
int csv_out_write_row(csv_out *out, const char *const *fields, size_t count);

/* Flushes PATH.tmp, syncs it to disk, renames it over PATH and frees out
 * (an appending writer syncs PATH itself).  Returns 0, or -1 with an error
 * message naming the file; PATH.tmp is then removed and PATH left as it
 * was. */
int csv_out_close(csv_out *out);

/* Frees out and removes PATH.tmp, leaving PATH as it was (an appending
 * writer keeps the rows it flushed). */
void csv_out_discard(csv_out *out);

#endif
