/* test-fsutil.c - paths, file URIs and file names as CWL needs them. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "cwl_secondary.h"
#include "fsutil.h"

typedef struct join_case {
    const char *base;
    const char *path;
    const char *expected;
} join_case;

Test(fsutil, join_normalizes)
{
    static const join_case cases[] = {
        {"/a/b", "c", "/a/b/c"},
        {"/a/b", "./c/../d", "/a/b/d"},
        {"/a/b", "../../../x", "/x"},
        {"/a/b", "/abs//path/", "/abs/path"},
        {NULL, "x/./y", "x/y"},
        {"rel", "../../up", "../up"},
        {"/", "..", "/"},
        {NULL, ".", "."},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *joined = fs_join(cases[i].base, cases[i].path);

        cr_expect_str_eq(joined, cases[i].expected, "%s + %s",
                         cases[i].base ? cases[i].base : "(none)", cases[i].path);
        free(joined);
    }
}

typedef struct name_case {
    const char *basename;
    size_t root;
} name_case;

Test(fsutil, nameroot_as_splitext)
{
    static const name_case cases[] = {
        {"a.tar.gz", 5}, {".bashrc", 7}, {"..x", 3}, {"noext", 5}, {"end.", 3},
        {"a.b.c", 3},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        cr_expect_eq(fs_nameroot_length(cases[i].basename), cases[i].root, "%s",
                     cases[i].basename);
}

Test(fsutil, file_uri_round_trip)
{
    char *uri = fs_file_uri("/data/A:B c%.txt");
    char *path = fs_location_path(uri, "/elsewhere");

    cr_assert_str_eq(uri, "file:///data/A%3AB%20c%25.txt");
    cr_assert_str_eq(path, "/data/A:B c%.txt");
    free(uri);
    free(path);
}

Test(fsutil, relative_location)
{
    char *path = fs_location_path("sub/A%3AGln2Cys", "/base");

    cr_assert_str_eq(path, "/base/sub/A:Gln2Cys");
    free(path);
    cr_assert_null(fs_location_path("http://example.com/x", "/base"));
    cr_assert(fs_has_scheme("keep:abc"));
    cr_assert_not(fs_has_scheme("tests/colon:test.cwl"));
}

typedef struct secondary_case {
    const char *basename;
    const char *pattern;
    const char *expected;
} secondary_case;

Test(fsutil, secondary_names)
{
    static const secondary_case cases[] = {
        {"reads.bam", ".bai", "reads.bam.bai"},
        {"reads.bam", "^.bai", "reads.bai"},
        {"a.b.c", "^^.d", "a.d"},
        {"plain", "^.idx", "plain.idx"},
        {"x.tar.gz", "^^^.z", "x.z"},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *name = cwl_secondary_name(cases[i].basename, cases[i].pattern);

        cr_expect_str_eq(name, cases[i].expected, "%s %s", cases[i].basename,
                         cases[i].pattern);
        free(name);
    }
}
