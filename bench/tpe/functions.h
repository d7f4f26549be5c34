/*
 * functions.h - the test functions of the tpe benchmark, in C: Branin
 * (2 dimensions, global minimum 0.397887), Hartmann6 (6 dimensions,
 * -3.32237) and Rosenbrock in 5 dimensions on [-5, 10]^5 (0 at x = 1).
 * bench/tpe/functions.py defines the same functions for Optuna.
 */
#ifndef SABER_BENCH_FUNCTIONS_H
#define SABER_BENCH_FUNCTIONS_H

#include <stddef.h>

typedef struct bench_function {
    const char *name;
    size_t dims;
    const double *low;  /* per dimension */
    const double *high;
    double (*evaluate)(const double *x);
} bench_function;

/* Returns the function named name, or NULL. */
const bench_function *bench_function_find(const char *name);

/* The functions, NULL-terminated. */
extern const bench_function *const bench_functions[];

#endif
