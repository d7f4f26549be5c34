/* helpers.c - shared by the Criterion tests. */
#define _GNU_SOURCE
#include <criterion/criterion.h>
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"

extern char **environ;

const char *th_env(const char *name)
{
    const char *value = getenv(name);

    if (!value)
        cr_assert_fail("environment variable %s is not set; run the tests with "
                 "make check", name);
    return value;
}

char *th_format(const char *format, ...)
{
    va_list args;
    char *text = NULL;

    va_start(args, format);
    if (vasprintf(&text, format, args) < 0)
        cr_assert_fail("out of memory");
    va_end(args);
    return text;
}

char *th_data(const char *relative)
{
    return th_format("%s/%s", th_env("SABER_TEST_DATA"), relative);
}

char *th_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char *path = th_format("%s/saber-test-XXXXXX", base && *base ? base : "/tmp");

    if (!mkdtemp(path))
        cr_assert_fail("cannot create a temporary folder in %s", path);
    return path;
}

static int remove_entry(const char *path, const struct stat *info, int flag,
                        struct FTW *ftw)
{
    (void)info;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void th_rmtree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

char *th_read_file(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    char *data = NULL;
    size_t size = 0;

    if (!file)
        return NULL;
    for (;;) {
        char chunk[8192];
        size_t got = fread(chunk, 1, sizeof chunk, file);

        if (got == 0)
            break;
        data = realloc(data, size + got + 1);
        memcpy(data + size, chunk, got);
        size += got;
    }
    fclose(file);
    if (!data)
        data = calloc(1, 1);
    data[size] = '\0';
    if (length)
        *length = size;
    return data;
}

char *th_write_file(const char *dir, const char *name, const char *text)
{
    char *path = dir ? th_format("%s/%s", dir, name) : strdup(name);
    FILE *file = fopen(path, "wb");

    if (!file)
        cr_assert_fail("cannot write %s", path);
    fputs(text, file);
    fclose(file);
    return path;
}

void th_copy_file(const char *source, const char *destination)
{
    size_t length = 0;
    char *data = th_read_file(source, &length);
    FILE *file;

    cr_assert_not_null(data, "cannot read %s", source);
    file = fopen(destination, "wb");
    cr_assert_not_null(file, "cannot write %s", destination);
    cr_assert_eq(fwrite(data, 1, length, file), length, "cannot write %s",
                 destination);
    fclose(file);
    free(data);
}

th_result th_run(const char *const *argv, const char *stdin_text,
                 const char *cwd)
{
    char *dir = th_tmpdir();
    char *in_path = th_write_file(dir, "stdin", stdin_text ? stdin_text : "");
    char *out_path = th_format("%s/stdout", dir);
    char *err_path = th_format("%s/stderr", dir);
    posix_spawn_file_actions_t actions;
    th_result r = {0, NULL, NULL};
    pid_t pid;
    int wait_status;

    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, in_path, O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path,
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err_path,
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (cwd)
        posix_spawn_file_actions_addchdir_np(&actions, cwd);
    if (posix_spawnp(&pid, argv[0], &actions, NULL, (char *const *)argv,
                     environ) != 0)
        cr_assert_fail("cannot start %s", argv[0]);
    posix_spawn_file_actions_destroy(&actions);

    while (waitpid(pid, &wait_status, 0) < 0)
        ;
    r.status = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status)
                                      : 128 + WTERMSIG(wait_status);
    r.out = th_read_file(out_path, NULL);
    r.err = th_read_file(err_path, NULL);
    th_rmtree(dir);
    free(dir);
    free(in_path);
    free(out_path);
    free(err_path);
    return r;
}

th_result th_saber(const char *cwd, ...)
{
    const char *argv[64];
    size_t argc = 0;
    va_list args;
    const char *arg;

    argv[argc++] = th_env("SABER_OPT");
    va_start(args, cwd);
    while ((arg = va_arg(args, const char *)) && argc < 63)
        argv[argc++] = arg;
    va_end(args);
    argv[argc] = NULL;
    return th_run(argv, NULL, cwd);
}

void th_result_free(th_result *r)
{
    free(r->out);
    free(r->err);
    r->out = NULL;
    r->err = NULL;
}
