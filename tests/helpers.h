/*
 * helpers.h - shared by the Criterion tests: running saber-opt and other
 * real processes, temporary folders and files.
 *
 * make check exports the locations the tests need:
 *   SABER_OPT         the saber-opt executable of the build tree
 *   SABER_PLUGIN_DIR  the build tree's plugins folder
 *   SABER_TEST_PLUGIN_DIR  the fixture plugins (wrong ABI, ...)
 *   SABER_TEST_DATA   tests/data in the source tree
 *   SABER_INSTALLED_PLUGIN_DIR  the plugin folder `make install` fills
 */
#ifndef SABER_TEST_HELPERS_H
#define SABER_TEST_HELPERS_H

#include <stddef.h>

/* The outcome of a finished process. */
typedef struct th_result {
    int status;  /* exit status, or 128 + signal number */
    char *out;   /* everything written to standard output */
    char *err;   /* everything written to standard error */
} th_result;

/* Runs argv (argv[0] searched on PATH) with stdin_text on standard input
 * (NULL for /dev/null) in folder cwd (NULL for the current one); waits for
 * it.  Aborts the test if the process cannot start. */
th_result th_run(const char *const *argv, const char *stdin_text,
                 const char *cwd);

/* Runs saber-opt with the given arguments (NULL-terminated). */
th_result th_saber(const char *cwd, ...);

void th_result_free(th_result *r);

/* Returns the value of environment variable name; aborts when unset. */
const char *th_env(const char *name);

/* Returns "$SABER_TEST_DATA/relative"; the caller frees it. */
char *th_data(const char *relative);

/* Creates a fresh empty folder under $TMPDIR (or /tmp); the caller frees
 * the returned path.  Removed by th_rmtree. */
char *th_tmpdir(void);
void th_rmtree(const char *path);

/* Returns a file's content (NULL if unreadable) and its length. */
char *th_read_file(const char *path, size_t *length);

/* Writes text to dir/name (dir NULL: name is the whole path); returns the
 * path, which the caller frees. */
char *th_write_file(const char *dir, const char *name, const char *text);

/* Copies file source to destination byte for byte; aborts the test on
 * failure. */
void th_copy_file(const char *source, const char *destination);

/* Returns a newly allocated printf result. */
char *th_format(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif
