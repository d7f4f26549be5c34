/* functions.c - Branin, Hartmann6 and Rosenbrock for the tpe benchmark. */
#include <math.h>
#include <string.h>

#include "functions.h"

static double branin(const double *x)
{
    double b = 5.1 / (4 * M_PI * M_PI);
    double c = 5 / M_PI;
    double t = 1 / (8 * M_PI);
    double u = x[1] - b * x[0] * x[0] + c * x[0] - 6;

    return u * u + 10 * (1 - t) * cos(x[0]) + 10;
}

static const double hartmann_alpha[4] = {1.0, 1.2, 3.0, 3.2};
static const double hartmann_a[4][6] = {
    {10, 3, 17, 3.5, 1.7, 8},
    {0.05, 10, 17, 0.1, 8, 14},
    {3, 3.5, 1.7, 10, 17, 8},
    {17, 8, 0.05, 10, 0.1, 14},
};
static const double hartmann_p[4][6] = {
    {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
    {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
    {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
    {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381},
};

static double hartmann6(const double *x)
{
    double total = 0;

    for (int i = 0; i < 4; i++) {
        double exponent = 0;

        for (int j = 0; j < 6; j++) {
            double d = x[j] - hartmann_p[i][j];

            exponent += hartmann_a[i][j] * d * d;
        }
        total += hartmann_alpha[i] * exp(-exponent);
    }
    return -total;
}

static double rosenbrock(const double *x)
{
    double total = 0;

    for (int i = 0; i < 4; i++) {
        double valley = x[i + 1] - x[i] * x[i];
        double offset = 1 - x[i];

        total += 100 * valley * valley + offset * offset;
    }
    return total;
}

static const double branin_low[2] = {-5, 0};
static const double branin_high[2] = {10, 15};
static const double unit_low[6] = {0, 0, 0, 0, 0, 0};
static const double unit_high[6] = {1, 1, 1, 1, 1, 1};
static const double rosenbrock_low[5] = {-5, -5, -5, -5, -5};
static const double rosenbrock_high[5] = {10, 10, 10, 10, 10};

static const bench_function branin_function = {
    "branin", 2, branin_low, branin_high, branin};
static const bench_function hartmann6_function = {
    "hartmann6", 6, unit_low, unit_high, hartmann6};
static const bench_function rosenbrock_function = {
    "rosenbrock", 5, rosenbrock_low, rosenbrock_high, rosenbrock};

const bench_function *const bench_functions[] = {
    &branin_function, &hartmann6_function, &rosenbrock_function, NULL};

const bench_function *bench_function_find(const char *name)
{
    for (size_t i = 0; bench_functions[i]; i++) {
        if (strcmp(bench_functions[i]->name, name) == 0)
            return bench_functions[i];
    }
    return NULL;
}
