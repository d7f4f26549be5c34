/*
 * testfn.c - the tool of the benchmark's workflow: evaluates one test
 * function at a point and prints "value: V" (V written with 17
 * significant digits, so it reads back as the same double).
 *
 * Usage: testfn FUNCTION X1 X2 ...   (branin: 2 values, hartmann6: 6,
 * rosenbrock: 5)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "functions.h"

int main(int argc, char **argv)
{
    const bench_function *f = argc > 1 ? bench_function_find(argv[1]) : NULL;
    double x[16];

    if (!f) {
        fprintf(stderr, "usage: testfn branin|hartmann6|rosenbrock X...\n");
        return 2;
    }
    if ((size_t)(argc - 2) != f->dims) {
        fprintf(stderr, "testfn: %s takes %zu values, got %d\n", f->name,
                f->dims, argc - 2);
        return 2;
    }
    for (size_t i = 0; i < f->dims; i++) {
        char *end;

        x[i] = strtod(argv[i + 2], &end);
        if (end == argv[i + 2] || *end) {
            fprintf(stderr, "testfn: invalid number '%s'\n", argv[i + 2]);
            return 2;
        }
    }
    printf("value: %.17g\n", f->evaluate(x));
    return 0;
}
