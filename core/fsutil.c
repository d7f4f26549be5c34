/* fsutil.c - paths, file URIs and whole-tree file operations. */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "fsutil.h"
#include "strbuf.h"

/* Drops the last segment of a normalized path being built; returns 0 when
 * there is none to drop (a relative path then keeps the ".."). */
static int drop_segment(strbuf *out, size_t floor)
{
    char *slash;

    if (out->length <= floor)
        return 0;
    if (out->length - floor >= 2 && strcmp(out->data + out->length - 2, "..") == 0 &&
        (out->length - floor == 2 || out->data[out->length - 3] == '/'))
        return 0;
    slash = strrchr(out->data + floor, '/');
    out->length = slash ? (size_t)(slash - out->data) : floor;
    out->data[out->length] = '\0';
    return 1;
}

/* Appends the segments of path to out, applying "." and "..". */
static int add_segments(strbuf *out, const char *path, size_t floor)
{
    while (*path) {
        const char *end = strchr(path, '/');
        size_t length = end ? (size_t)(end - path) : strlen(path);

        if (length == 0 || (length == 1 && path[0] == '.')) {
            /* nothing */
        } else if (length == 2 && path[0] == '.' && path[1] == '.' &&
                   (drop_segment(out, floor) || floor == 1)) {
            /* dropped, or ".." at the root */
        } else if ((out->length > floor && strbuf_putc(out, '/') < 0) ||
                   strbuf_append(out, path, length) < 0) {
            return -1;
        }
        path += length + (end != NULL);
    }
    return 0;
}

char *fs_join(const char *base, const char *path)
{
    strbuf out = STRBUF_INIT;
    int absolute = path[0] == '/' || (base && base[0] == '/' && path[0] != '/');
    size_t floor = absolute ? 1 : 0;

    if (absolute && strbuf_putc(&out, '/') < 0)
        goto fail;
    if (base && path[0] != '/' && add_segments(&out, base, floor) < 0)
        goto fail;
    if (add_segments(&out, path, floor) < 0)
        goto fail;
    if (out.length == 0 && strbuf_putc(&out, '.') < 0)
        goto fail;
    return strbuf_detach(&out);

fail:
    strbuf_release(&out);
    return NULL;
}

char *fs_absolute(const char *path)
{
    char *cwd;
    char *joined;

    if (path[0] == '/')
        return fs_join(NULL, path);
    cwd = getcwd(NULL, 0);
    if (!cwd) {
        error_set("cannot read the current folder: %s", strerror(errno));
        return NULL;
    }
    joined = fs_join(cwd, path);
    free(cwd);
    return joined;
}

char *fs_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');

    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

const char *fs_basename(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

size_t fs_nameroot_length(const char *basename)
{
    const char *start = basename;
    const char *dot;

    while (*start == '.')
        start++;
    dot = strrchr(start, '.');
    return dot ? (size_t)(dot - basename) : strlen(basename);
}

int fs_has_scheme(const char *location)
{
    const char *p = location;

    if (!isalpha((unsigned char)*p))
        return 0;
    while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
        p++;
    return *p == ':';
}

char *fs_file_uri(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    strbuf out = STRBUF_INIT;

    if (strbuf_puts(&out, "file://") < 0)
        return NULL;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        int status = isalnum(*p) || strchr("_.-~/", *p)
                         ? strbuf_putc(&out, (char)*p)
                         : strbuf_printf(&out, "%%%c%c", hex[*p >> 4], hex[*p & 15]);

        if (status < 0) {
            strbuf_release(&out);
            return NULL;
        }
    }
    return strbuf_detach(&out);
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *fs_percent_decode(const char *text)
{
    char *out = malloc(strlen(text) + 1);
    char *w = out;

    if (!out)
        return NULL;
    for (const char *p = text; *p; p++) {
        if (*p == '%' && hex_digit(p[1]) >= 0 && hex_digit(p[2]) >= 0) {
            *w++ = (char)(hex_digit(p[1]) * 16 + hex_digit(p[2]));
            p += 2;
        } else {
            *w++ = *p;
        }
    }
    *w = '\0';
    return out;
}

char *fs_location_path(const char *location, const char *base)
{
    char *decoded;
    char *path;

    if (strncmp(location, "file://", 7) == 0)
        location += 7;
    else if (fs_has_scheme(location)) {
        error_set("location '%s' is not a local file; only file: locations "
                  "are supported", location);
        return NULL;
    }
    decoded = fs_percent_decode(location);
    if (!decoded) {
        error_nomem();
        return NULL;
    }
    path = fs_join(base, decoded);
    free(decoded);
    return path;
}

/* Creates path and then its parents only when needed, so the common case
 * (the parent exists) costs one mkdir(2). */
int fs_mkdirs(const char *path)
{
    struct stat info;
    char *parent;
    int status;

    if (mkdir(path, 0777) == 0)
        return 0;
    if (errno == EEXIST && stat(path, &info) == 0 && S_ISDIR(info.st_mode))
        return 0;
    if (errno != ENOENT) {
        error_set("cannot create folder %s: %s", path,
                  errno == EEXIST ? "a file of that name exists" : strerror(errno));
        return -1;
    }

    parent = fs_dirname(path);
    if (!parent)
        return error_nomem();
    status = strcmp(parent, path) == 0 ? -1 : fs_mkdirs(parent);
    free(parent);
    if (status < 0)
        return -1;
    if (mkdir(path, 0777) < 0 && errno != EEXIST) {
        error_set("cannot create folder %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int remove_entry(const char *path, const struct stat *info, int flag,
                        struct FTW *ftw)
{
    (void)info;
    (void)ftw;
    if (flag == FTW_DP || flag == FTW_D)
        chmod(path, 0700);
    if (remove(path) < 0 && errno != ENOENT) {
        error_set("cannot remove %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

int fs_remove_tree(const char *path)
{
    struct stat info;

    if (lstat(path, &info) < 0) {
        if (errno == ENOENT)
            return 0;
        error_set("cannot remove %s: %s", path, strerror(errno));
        return -1;
    }
    return nftw(path, remove_entry, 32, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}

static int copy_file(const char *src, const char *dst, mode_t mode)
{
    char buffer[65536];
    int in = open(src, O_RDONLY | O_CLOEXEC);
    int out = in < 0 ? -1 : open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                                 mode & 0777);
    ssize_t got = 0;
    int status = -1;

    if (in < 0 || out < 0) {
        error_set("cannot copy %s to %s: %s", src, dst, strerror(errno));
        goto done;
    }
    while ((got = read(in, buffer, sizeof buffer)) > 0) {
        if (write(out, buffer, (size_t)got) != got) {
            got = -1;
            break;
        }
    }
    if (got < 0)
        error_set("cannot copy %s to %s: %s", src, dst, strerror(errno));
    else
        status = 0;

done:
    if (in >= 0)
        close(in);
    if (out >= 0)
        close(out);
    return status;
}

static int copy_directory(const char *src, const char *dst, mode_t mode)
{
    DIR *dir = opendir(src);
    struct dirent *entry;
    int status = 0;

    if (!dir || mkdir(dst, (mode & 0777) | 0700) < 0) {
        error_set("cannot copy %s to %s: %s", src, dst, strerror(errno));
        if (dir)
            closedir(dir);
        return -1;
    }
    while (status == 0 && (entry = readdir(dir))) {
        char *from;
        char *to;

        if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
            continue;
        from = fs_join(src, entry->d_name);
        to = fs_join(dst, entry->d_name);
        status = from && to ? fs_copy(from, to) : error_nomem();
        free(from);
        free(to);
    }
    closedir(dir);
    return status;
}

int fs_copy(const char *src, const char *dst)
{
    struct stat info;

    if (stat(src, &info) < 0) {
        error_set("cannot copy %s: %s", src, strerror(errno));
        return -1;
    }
    if (S_ISDIR(info.st_mode))
        return copy_directory(src, dst, info.st_mode);
    return copy_file(src, dst, info.st_mode);
}

int fs_move(const char *src, const char *dst)
{
    if (rename(src, dst) == 0)
        return 0;
    if (errno != EXDEV) {
        error_set("cannot move %s to %s: %s", src, dst, strerror(errno));
        return -1;
    }
    if (fs_copy(src, dst) < 0)
        return -1;
    return fs_remove_tree(src);
}

int fs_exists(const char *path, int *is_directory)
{
    struct stat info;

    if (stat(path, &info) < 0)
        return 0;
    if (is_directory)
        *is_directory = S_ISDIR(info.st_mode);
    return 1;
}

char *fs_read_head(const char *path, size_t limit, size_t *length,
                   int *truncated)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    char *data = fd < 0 ? NULL : malloc(limit + 2);
    size_t used = 0;

    if (!data) {
        error_set("cannot read %s: %s", path, fd < 0 ? strerror(errno)
                                                    : "out of memory");
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    while (used < limit + 1) {
        ssize_t got = read(fd, data + used, limit + 1 - used);

        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        used += (size_t)got;
    }
    close(fd);
    *truncated = used > limit;
    *length = used > limit ? limit : used;
    data[*length] = '\0';
    return data;
}

int fs_write_file(const char *path, const char *data, size_t length)
{
    FILE *file = fopen(path, "wb");

    if (!file || fwrite(data, 1, length, file) != length) {
        error_set("cannot write %s: %s", path, strerror(errno));
        if (file)
            fclose(file);
        return -1;
    }
    if (fclose(file) != 0) {
        error_set("cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

int fs_lock_folder(const char *path, int *fd)
{
    *fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (*fd < 0) {
        error_set("cannot open folder %s: %s", path, strerror(errno));
        return -1;
    }
    if (flock(*fd, LOCK_EX | LOCK_NB) == 0)
        return 0;

    if (errno == EWOULDBLOCK) {
        close(*fd);
        *fd = -1;
        return 1;
    }
    error_set("cannot lock folder %s: %s", path, strerror(errno));
    close(*fd);
    *fd = -1;
    return -1;
}
