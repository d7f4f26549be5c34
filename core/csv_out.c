/* csv_out.c - write CSV files byte for byte as Python's csv.writer does. */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_out.h"
#include "error.h"

struct csv_out {
    char *path;       /* the final file */
    char *temporary;  /* PATH.tmp, written until close; NULL when appending */
    FILE *file;
    bool stream;      /* standard output, a terminal or a pipe: written
                       * directly, never synced or renamed */
};

static int write_failed(csv_out *out)
{
    error_set("cannot write %s: %s", out->temporary ? out->temporary : out->path,
              errno ? strerror(errno) : "write error");
    return -1;
}

static void csv_out_free(csv_out *out)
{
    if (out->file)
        fclose(out->file);
    free(out->path);
    free(out->temporary);
    free(out);
}

/* Returns whether the regular file at path starts with the 16 bytes that
 * begin every SQLite database file, "SQLite format 3" and a NUL. */
static bool is_sqlite_database(const char *path)
{
    static const char header[16] = "SQLite format 3";
    char start[sizeof header];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t got;

    if (fd < 0)
        return false;
    got = read(fd, start, sizeof start);
    close(fd);
    return got == (ssize_t)sizeof start && memcmp(start, header, sizeof header) == 0;
}

/* Creates and removes PATH.tmp, to find out early whether the folder
 * takes the CSV. */
static int probe_folder(const char *path)
{
    char *temporary = NULL;
    int fd;

    if (asprintf(&temporary, "%s.tmp", path) < 0)
        return error_nomem();
    fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0 && errno != EEXIST) {
        error_set("cannot create %s: %s; name a CSV in a folder you can "
                  "write", temporary, strerror(errno));
        free(temporary);
        return -1;
    }
    if (fd >= 0) {
        close(fd);
        unlink(temporary);
    }
    free(temporary);
    return 0;
}

int csv_out_check_target(const char *path)
{
    struct stat info;

    if (stat(path, &info) < 0)
        return probe_folder(path);
    /* rename() cannot replace a folder and reports that itself, but it
     * would replace a device or a pipe. */
    if (!S_ISREG(info.st_mode) && !S_ISDIR(info.st_mode)) {
        error_set("%s is not a regular file, and the CSV would replace it; "
                  "name a file for the CSV", path);
        return -1;
    }
    if (is_sqlite_database(path)) {
        error_set("%s is an SQLite database, and the CSV would replace it; "
                  "name another file for the CSV", path);
        return -1;
    }
    return S_ISREG(info.st_mode) ? probe_folder(path) : 0;
}

bool csv_out_is_stream(const char *path)
{
    struct stat info;

    if (strcmp(path, "-") == 0)
        return true;
    return stat(path, &info) == 0 &&
           (S_ISCHR(info.st_mode) || S_ISFIFO(info.st_mode));
}

static csv_out *open_stream(const char *path)
{
    csv_out *out = calloc(1, sizeof *out);
    int fd;

    if (!out || !(out->path = strdup(path))) {
        free(out);
        error_nomem();
        return NULL;
    }
    out->stream = true;
    fd = strcmp(path, "-") == 0 ? dup(STDOUT_FILENO)
                                : open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || !(out->file = fdopen(fd, "wb"))) {
        error_set("cannot write %s: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        csv_out_free(out);
        return NULL;
    }
    return out;
}

csv_out *csv_out_open(const char *path)
{
    csv_out *out = NULL;
    int fd;

    if (csv_out_is_stream(path))
        return open_stream(path);
    if (csv_out_check_target(path) < 0)
        return NULL;
    out = calloc(1, sizeof *out);
    if (!out || !(out->path = strdup(path)) ||
        asprintf(&out->temporary, "%s.tmp", path) < 0) {
        if (out)
            out->temporary = NULL;
        goto nomem;
    }

    fd = open(out->temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        error_set("cannot create %s: %s; name a CSV in a folder you can "
                  "write", out->temporary, strerror(errno));
        goto fail;
    }
    out->file = fdopen(fd, "wb");
    if (!out->file) {
        close(fd);
        unlink(out->temporary);
        goto nomem;
    }
    return out;

nomem:
    error_nomem();
fail:
    if (out)
        csv_out_free(out);
    return NULL;
}

csv_out *csv_out_append(const char *path)
{
    csv_out *out = calloc(1, sizeof *out);

    if (!out || !(out->path = strdup(path))) {
        free(out);
        error_nomem();
        return NULL;
    }
    out->file = fopen(path, "ab");
    if (!out->file) {
        error_set("cannot open %s for appending: %s", path, strerror(errno));
        csv_out_free(out);
        return NULL;
    }
    return out;
}

int csv_out_flush(csv_out *out)
{
    errno = 0;
    if (fflush(out->file) != 0)
        return write_failed(out);
    return 0;
}

/* Python's csv module (QUOTE_MINIMAL) quotes a field that contains the
 * delimiter, the quote character or a character of the "\r\n" line
 * terminator. */
static bool needs_quotes(const char *field)
{
    return strpbrk(field, ",\"\r\n") != NULL;
}

/* Writes one field.  libcsv's csv_fwrite2 writes the quoted form with
 * inner quotes doubled, the bytes Python writes for a field that needs
 * quotes.  It quotes every field, so the other fields go out through our
 * own fwrite. */
static int write_field(FILE *file, const char *field, bool alone)
{
    size_t length = strlen(field);

    if (needs_quotes(field) || (alone && length == 0))
        return csv_fwrite2(file, field, length, '"') == 0 ? 0 : -1;
    return fwrite(field, 1, length, file) == length ? 0 : -1;
}


int csv_out_write_row(csv_out *out, const char *const *fields, size_t count)
{
    errno = 0;
    for (size_t i = 0; i < count; i++) {
        const char *field = fields[i] ? fields[i] : "";

        if (i > 0 && putc(',', out->file) == EOF)
            return write_failed(out);
        if (write_field(out->file, field, count == 1) < 0)
            return write_failed(out);
    }
    if (fputs("\r\n", out->file) == EOF || ferror(out->file))
        return write_failed(out);
    return 0;
}

/* Syncs the folder that contains path, so that the rename survives a
 * crash.  This is best effort: a crash before the folder reaches the disk
 * leaves the previous PATH, which is complete too. */
static void sync_folder(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *folder = slash ? strndup(path, (size_t)(slash - path) + 1)
                         : strdup(".");
    int fd = folder ? open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;

    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(folder);
}

int csv_out_close(csv_out *out)
{
    FILE *file = out->file;
    int status = -1;

    out->file = NULL;
    errno = 0;
    if (fflush(file) != 0 || (!out->stream && fsync(fileno(file)) < 0)) {
        write_failed(out);
        fclose(file);
        goto done;
    }
    if (fclose(file) != 0) {
        write_failed(out);
        goto done;
    }
    if (!out->temporary) {
        status = 0;
        goto done;
    }
    if (rename(out->temporary, out->path) < 0) {
        error_set("cannot rename %s to %s: %s", out->temporary, out->path,
                  strerror(errno));
        goto done;
    }
    sync_folder(out->path);
    status = 0;

done:
    if (status < 0 && out->temporary)
        unlink(out->temporary);
    csv_out_free(out);
    return status;
}

void csv_out_discard(csv_out *out)
{
    if (!out)
        return;
    if (out->file) {
        fclose(out->file);
        out->file = NULL;
    }
    if (out->temporary)
        unlink(out->temporary);
    csv_out_free(out);
}
