/* test-csv-out.c - the CSV writer against bytes Python's csv module wrote
 * (tests/data/csv, written by make_expected.py there). */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv_out.h"
#include "error.h"
#include "helpers.h"

#define MAX_FIELDS 16

/* One row of rows.txt: its name and fields (NULL for Python's None). */
typedef struct csv_case {
    char *name;
    char *fields[MAX_FIELDS];
    size_t count;
} csv_case;

static char *decode_hex(const char *hex, size_t length)
{
    char *bytes = malloc(length / 2 + 1);

    cr_assert_not_null(bytes);
    for (size_t i = 0; i < length / 2; i++) {
        char pair[3] = {hex[2 * i], hex[2 * i + 1], '\0'};

        bytes[i] = (char)strtoul(pair, NULL, 16);
    }
    bytes[length / 2] = '\0';
    return bytes;
}

/* Reads the row NAME<TAB>FIELD... at line into c. */
static void parse_case(char *line, csv_case *c)
{
    char *token = strtok(line, "\t");

    memset(c, 0, sizeof *c);
    c->name = strdup(token);
    while ((token = strtok(NULL, "\t"))) {
        cr_assert_lt(c->count, MAX_FIELDS);
        cr_assert(token[0] == '=' || token[0] == '~', "bad field %s", token);
        c->fields[c->count++] = token[0] == '~'
            ? NULL : decode_hex(token + 1, strlen(token + 1));
    }
}

/* Loads rows.txt; returns the number of rows. */
static size_t load_cases(csv_case *cases, size_t capacity)
{
    char *path = th_data("csv/rows.txt");
    char *text = th_read_file(path, NULL);
    char *line = text;
    size_t count = 0;

    cr_assert_not_null(text, "cannot read %s", path);
    while (*line) {
        char *end = strchr(line, '\n');

        cr_assert_not_null(end);
        *end = '\0';
        cr_assert_lt(count, capacity);
        parse_case(line, &cases[count++]);
        line = end + 1;
    }
    free(text);
    free(path);
    return count;
}

static void free_cases(csv_case *cases, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        for (size_t j = 0; j < cases[i].count; j++)
            free(cases[i].fields[j]);
        free(cases[i].name);
    }
}

static void write_row(csv_out *out, const csv_case *c)
{
    cr_assert_eq(csv_out_write_row(out, (const char *const *)c->fields,
                                   c->count), 0, "%s: %s", c->name,
                 error_message());
}

/* Checks that the file at path contains exactly the bytes of
 * tests/data/csv/expected_name. */
static void check_bytes(const char *path, const char *expected_name)
{
    char *relative = th_format("csv/%s", expected_name);
    char *expected_path = th_data(relative);
    size_t expected_length;
    size_t length;
    char *expected = th_read_file(expected_path, &expected_length);
    char *got = th_read_file(path, &length);

    cr_assert_not_null(expected, "cannot read %s", expected_path);
    cr_assert_not_null(got, "cannot read %s", path);
    cr_expect_eq(length, expected_length, "%s: %zu bytes, expected %zu",
                 expected_name, length, expected_length);
    cr_expect(length == expected_length &&
              memcmp(got, expected, length) == 0,
              "%s: the bytes differ: got '%s'", expected_name, got);
    free(got);
    free(expected);
    free(expected_path);
    free(relative);
}

Test(csv_out, each_row_alone)
{
    csv_case cases[32];
    size_t count = load_cases(cases, 32);
    char *dir = th_tmpdir();

    cr_assert_geq(count, 16);
    for (size_t i = 0; i < count; i++) {
        char *path = th_format("%s/%s.csv", dir, cases[i].name);
        char *expected = th_format("%s.csv", cases[i].name);
        csv_out *out = csv_out_open(path);

        cr_assert_not_null(out, "%s", error_message());
        write_row(out, &cases[i]);
        cr_assert_eq(csv_out_close(out), 0, "%s", error_message());
        check_bytes(path, expected);
        free(expected);
        free(path);
    }
    free_cases(cases, count);
    th_rmtree(dir);
    free(dir);
}

Test(csv_out, all_rows_in_order)
{
    csv_case cases[32];
    size_t count = load_cases(cases, 32);
    char *dir = th_tmpdir();
    char *path = th_format("%s/all.csv", dir);
    csv_out *out = csv_out_open(path);

    cr_assert_not_null(out, "%s", error_message());
    for (size_t i = 0; i < count; i++)
        write_row(out, &cases[i]);
    cr_assert_eq(csv_out_close(out), 0, "%s", error_message());
    check_bytes(path, "all.csv");

    free_cases(cases, count);
    th_rmtree(dir);
    free(path);
    free(dir);
}

static bool exists(const char *path)
{
    struct stat info;

    return stat(path, &info) == 0;
}

/* Rows go to PATH.tmp; PATH keeps its old content until close. */
Test(csv_out, replaces_on_close)
{
    char *dir = th_tmpdir();
    char *path = th_write_file(dir, "out.csv", "old\r\n");
    char *temporary = th_format("%s.tmp", path);
    const char *row[] = {"new", "row"};
    csv_out *out = csv_out_open(path);
    char *content;

    cr_assert_not_null(out, "%s", error_message());
    cr_assert_eq(csv_out_write_row(out, row, 2), 0);
    cr_expect(exists(temporary));
    content = th_read_file(path, NULL);
    cr_expect_str_eq(content, "old\r\n");
    free(content);

    cr_assert_eq(csv_out_close(out), 0, "%s", error_message());
    cr_expect_not(exists(temporary));
    content = th_read_file(path, NULL);
    cr_expect_str_eq(content, "new,row\r\n");
    free(content);
    th_rmtree(dir);
    free(temporary);
    free(path);
    free(dir);
}

Test(csv_out, discard_keeps_old_file)
{
    char *dir = th_tmpdir();
    char *path = th_write_file(dir, "out.csv", "old\r\n");
    char *temporary = th_format("%s.tmp", path);
    const char *row[] = {"new"};
    csv_out *out = csv_out_open(path);
    char *content;

    cr_assert_not_null(out, "%s", error_message());
    cr_assert_eq(csv_out_write_row(out, row, 1), 0);
    csv_out_discard(out);
    cr_expect_not(exists(temporary));
    content = th_read_file(path, NULL);
    cr_expect_str_eq(content, "old\r\n");
    free(content);
    th_rmtree(dir);
    free(temporary);
    free(path);
    free(dir);
}

Test(csv_out, missing_folder)
{
    char *dir = th_tmpdir();
    char *path = th_format("%s/missing/out.csv", dir);
    char *expected = th_format("cannot create %s.tmp: No such file or "
                               "directory; name a CSV in a folder you can "
                               "write", path);

    cr_expect_null(csv_out_open(path));
    cr_expect_str_eq(error_message(), expected);
    th_rmtree(dir);
    free(expected);
    free(path);
    free(dir);
}

/* A folder in the way of PATH makes the rename fail; PATH.tmp goes. */
Test(csv_out, rename_fails)
{
    char *dir = th_tmpdir();
    char *path = th_format("%s/out.csv", dir);
    char *inside = th_format("%s/keep", path);
    char *temporary = th_format("%s.tmp", path);
    char *expected = th_format("cannot rename %s to %s: Is a directory",
                               temporary, path);
    const char *row[] = {"a"};
    csv_out *out;

    cr_assert_eq(mkdir(path, 0700), 0);
    free(th_write_file(NULL, inside, "x"));
    out = csv_out_open(path);
    cr_assert_not_null(out, "%s", error_message());
    cr_assert_eq(csv_out_write_row(out, row, 1), 0);
    cr_expect_eq(csv_out_close(out), -1);
    cr_expect_str_eq(error_message(), expected);
    cr_expect_not(exists(temporary));
    th_rmtree(dir);
    free(expected);
    free(temporary);
    free(inside);
    free(path);
    free(dir);
}

/* A file size limit makes the write fail (each test runs in its own
 * process, so the limit stays in this test). */
Test(csv_out, write_fails)
{
    char *dir = th_tmpdir();
    char *path = th_format("%s/out.csv", dir);
    char *expected = th_format("cannot write %s.tmp: File too large", path);
    struct rlimit limit = {1024, 1024};
    char *big = malloc(70001);
    const char *row[] = {big};
    csv_out *out;

    cr_assert_not_null(big);
    memset(big, 'x', 70000);
    big[70000] = '\0';
    signal(SIGXFSZ, SIG_IGN);
    cr_assert_eq(setrlimit(RLIMIT_FSIZE, &limit), 0);

    out = csv_out_open(path);
    cr_assert_not_null(out, "%s", error_message());
    cr_expect_eq(csv_out_write_row(out, row, 1), -1);
    cr_expect_str_eq(error_message(), expected);
    csv_out_discard(out);
    th_rmtree(dir);
    free(big);
    free(expected);
    free(path);
    free(dir);
}

/* A CSV named like the database would replace it: refused, the file kept. */
Test(csv_out, refuses_database)
{
    static const char database[] = "SQLite format 3\0rest of the file";
    char *dir = th_tmpdir();
    char *path = th_format("%s/saber-opt.db", dir);
    char *expected = th_format("%s is an SQLite database, and the CSV would "
                               "replace it; name another file for the CSV",
                               path);
    FILE *file = fopen(path, "wb");
    char *content;
    size_t length;

    cr_assert_not_null(file);
    cr_assert_eq(fwrite(database, 1, sizeof database, file), sizeof database);
    cr_assert_eq(fclose(file), 0);

    cr_expect_null(csv_out_open(path));
    cr_expect_str_eq(error_message(), expected);
    content = th_read_file(path, &length);
    cr_expect_eq(length, sizeof database);
    cr_expect_eq(memcmp(content, database, sizeof database), 0);
    free(content);
    th_rmtree(dir);
    free(expected);
    free(path);
    free(dir);
}

/* optimize appends to its CSV and rewrites it at the end, so it rejects a
 * pipe in place of the CSV before it records anything. */
Test(csv_out, check_rejects_pipe)
{
    char *dir = th_tmpdir();
    char *path = th_format("%s/out.csv", dir);
    char *expected = th_format("%s is not a regular file, and the CSV would "
                               "replace it; name a file for the CSV", path);

    cr_assert_eq(mkfifo(path, 0600), 0);
    cr_expect_eq(csv_out_check_target(path), -1);
    cr_expect_str_eq(error_message(), expected);
    th_rmtree(dir);
    free(expected);
    free(path);
    free(dir);
}

/* A pipe (or standard output) is written into as it is, never replaced:
 * saber-opt collect >(sort) works. */
Test(csv_out, writes_into_pipe)
{
    const char *row[] = {"a", "b,c"};
    char *dir = th_tmpdir();
    char *path = th_format("%s/out.csv", dir);
    char buffer[64] = {0};
    struct stat info;
    csv_out *out;
    int reader;

    cr_assert_eq(mkfifo(path, 0600), 0);
    reader = open(path, O_RDONLY | O_NONBLOCK);
    cr_assert_geq(reader, 0);
    out = csv_out_open(path);
    cr_assert_not_null(out, "%s", error_message());
    cr_assert_eq(csv_out_write_row(out, row, 2), 0);
    cr_assert_eq(csv_out_close(out), 0, "%s", error_message());
    cr_expect_eq(read(reader, buffer, sizeof buffer - 1), 9);
    cr_expect_str_eq(buffer, "a,\"b,c\"\r\n");
    cr_assert_eq(stat(path, &info), 0);
    cr_expect(S_ISFIFO(info.st_mode), "the pipe is still a pipe");
    close(reader);
    th_rmtree(dir);
    free(path);
    free(dir);
}
