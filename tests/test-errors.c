/*
 * test-errors.c - bad parameterize files, kept as data: each
 * tests/data/errors/NAME.yml goes through `saber-opt sample` and must exit
 * with status 2, print nothing on standard output and print exactly
 * NAME.expected on standard error.  In NAME.expected, @DATA@ stands for
 * the test data folder, @PLUGINS@ for the build tree's plugins folder and
 * @PLUGINDIR@ for the installed plugin folder.
 */
#include <criterion/criterion.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* Returns text with every placeholder replaced; the caller frees it. */
static char *expand(const char *text)
{
    static const char *const names[] = {"@DATA@", "@PLUGINS@", "@PLUGINDIR@"};
    const char *values[] = {th_env("SABER_TEST_DATA"),
                            th_env("SABER_PLUGIN_DIR"),
                            th_env("SABER_INSTALLED_PLUGIN_DIR")};
    char *result = strdup(text);

    for (size_t i = 0; i < 3; i++) {
        char *at;

        while ((at = strstr(result, names[i]))) {
            char *next = th_format("%.*s%s%s", (int)(at - result), result,
                                   values[i], at + strlen(names[i]));

            free(result);
            result = next;
        }
    }
    return result;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists the case names (NAME of NAME.yml) in tests/data/errors, sorted. */
static size_t list_cases(char ***names)
{
    char *dir = th_data("errors");
    DIR *handle = opendir(dir);
    struct dirent *item;
    size_t count = 0;

    cr_assert_not_null(handle, "cannot open %s", dir);
    *names = NULL;
    while ((item = readdir(handle))) {
        size_t length = strlen(item->d_name);

        if (length < 5 || strcmp(item->d_name + length - 4, ".yml") != 0)
            continue;
        *names = realloc(*names, (count + 1) * sizeof **names);
        (*names)[count++] = strndup(item->d_name, length - 4);
    }
    closedir(handle);
    free(dir);
    qsort(*names, count, sizeof **names, compare_names);
    return count;
}

static void check_case(const char *name)
{
    char *input = th_format("%s/errors/%s.yml", th_env("SABER_TEST_DATA"), name);
    char *expected_path = th_format("%s/errors/%s.expected",
                                    th_env("SABER_TEST_DATA"), name);
    char *raw = th_read_file(expected_path, NULL);
    char *expected;
    th_result r;

    cr_assert_not_null(raw, "%s: missing %s", name, expected_path);
    expected = expand(raw);
    r = th_saber(NULL, "sample", input, NULL);

    cr_expect_eq(r.status, 2, "%s: exit status %d, expected 2", name, r.status);
    cr_expect_str_empty(r.out, "%s: printed on standard output: %s", name,
                        r.out);
    cr_expect_str_eq(r.err, expected, "%s: standard error differs:\n"
                     "got:      %sexpected: %s", name, r.err, expected);
    th_result_free(&r);
    free(expected);
    free(raw);
    free(expected_path);
    free(input);
}

Test(errors, every_case_matches)
{
    char **names;
    size_t count = list_cases(&names);

    cr_assert_geq(count, 30, "only %zu cases in tests/data/errors", count);
    for (size_t i = 0; i < count; i++) {
        check_case(names[i]);
        free(names[i]);
    }
    free(names);
}
