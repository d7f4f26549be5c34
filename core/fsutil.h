/*
 * fsutil.h - paths, file URIs and whole-tree file operations.
 *
 * CWL names files by location (a URI, possibly relative) and by path; the
 * executor creates step folders, moves outputs and removes work trees.
 * Every returned string is allocated with malloc and owned by the caller.
 */
#ifndef SABER_FSUTIL_H
#define SABER_FSUTIL_H

#include <stddef.h>

/* Returns base/path, or path alone when it is absolute or base is NULL,
 * with "." and ".." segments and repeated slashes removed lexically as
 * Python's os.path.normpath does. */
char *fs_join(const char *base, const char *path);

/* Returns path made absolute against the current folder, normalized. */
char *fs_absolute(const char *path);

/* Returns the folder part of path ("." when it has none). */
char *fs_dirname(const char *path);

/* Returns the last segment of path (borrowed from path). */
const char *fs_basename(const char *path);

/* Returns the length of basename's root in Python's os.path.splitext
 * sense: "a.tar.gz" -> "a.tar" + ".gz"; leading dots do not start an
 * extension (".bashrc" has none). */
size_t fs_nameroot_length(const char *basename);

/* Returns whether location starts with a URI scheme ("file:", "http:"). */
int fs_has_scheme(const char *location);

/* Returns "file://" and path percent-encoded as Python's
 * urllib.parse.quote(path) does: letters, digits, "_.-~/" stay. */
char *fs_file_uri(const char *path);

/* Returns text with %XX escapes decoded. */
char *fs_percent_decode(const char *text);

/* Returns the path of a location: a file: URI decoded, a relative location
 * decoded and joined to base.  NULL with an error message for other
 * schemes. */
char *fs_location_path(const char *location, const char *base);

/* Creates path and its missing parents (mode 0777 minus umask); returns 0
 * or -1 with an error message. */
int fs_mkdirs(const char *path);

/* Removes path and everything below it without following symbolic links;
 * a missing path is not an error.  Returns 0 or -1 with an error message. */
int fs_remove_tree(const char *path);

/* Copies a file (following symbolic links) or a whole folder tree to dst,
 * which must not exist yet.  Returns 0 or -1 with an error message. */
int fs_copy(const char *src, const char *dst);

/* Moves src to dst by rename(2), or by copying and removing across file
 * systems.  Returns 0 or -1 with an error message. */
int fs_move(const char *src, const char *dst);

/* Returns whether path exists; stores whether it is a folder (following
 * symbolic links). */
int fs_exists(const char *path, int *is_directory);

/* Reads at most limit bytes of a file into a new NUL-terminated buffer
 * and stores the length read; sets *truncated when the file is longer.
 * Returns NULL with an error message when it cannot be read. */
char *fs_read_head(const char *path, size_t limit, size_t *length,
                   int *truncated);

/* Writes length bytes to a new file path (mode 0666 minus umask). */
int fs_write_file(const char *path, const char *data, size_t length);

/* Takes an exclusive flock(2) on the existing folder path, held until *fd
 * is closed or the process ends, however it ends.  *fd is opened with
 * O_CLOEXEC, so child processes do not keep the lock.  Returns 0 with *fd
 * set; 1 when another open file holds the lock; -1 with an error message.
 * *fd is -1 unless 0 is returned. */
int fs_lock_folder(const char *path, int *fd);

#endif
