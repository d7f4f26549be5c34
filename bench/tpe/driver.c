/*
 * driver.c - runs a sampler plugin in-process on the benchmark functions,
 * through the mock host of tests/mock-host.c, without saber-opt.
 *
 * Usage:
 *   tpe-driver run PLUGIN.so FUNCTION SEEDS ITERATIONS [OPTION=VALUE]...
 *       prints CSV rows function,sampler,seed,iteration,value for seeds 1
 *       to SEEDS; OPTION=VALUE pairs go to the sampler: block (integers,
 *       or true and false).
 *   tpe-driver time PLUGIN.so [COMPLETED [SUGGESTIONS]] [OPTION=VALUE]...
 *       feeds COMPLETED (default 1000) results of Hartmann6 at random
 *       points, then prints the median and the maximum seconds that
 *       sample() takes to yield a point, over SUGGESTIONS (default 50)
 *       further points, each fed back before the next.
 */
#include "config.h"

#include <dlfcn.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "functions.h"
#include "mock-host.h"

typedef struct session {
    const saber_sampler_descriptor *sampler;
    const bench_function *function;
    saber_context *ctx;
    void *state;
    saber_dict *point;
    saber_dict *row;
} session;

static const saber_sampler_descriptor *load(const char *path)
{
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    const saber_sampler_descriptor *d = NULL;
    const char *base = strrchr(path, '/');
    char symbol[256];
    size_t n = 0;

    if (!handle) {
        fprintf(stderr, "tpe-driver: cannot load %s: %s\n", path, dlerror());
        exit(2);
    }
    base = base ? base + 1 : path;
    for (; *base && *base != '.' && n + 1 < sizeof symbol; base++)
        symbol[n++] = (*base == '-') ? '_' : *base;
    snprintf(symbol + n, sizeof symbol - n, "_LTX_saber_sampler");
    d = dlsym(handle, symbol);
    if (!d) {
        fprintf(stderr, "tpe-driver: %s exports no %s\n", path, symbol);
        exit(2);
    }
    return d;
}

/* Adds OPTION=VALUE arguments to options: integers, true or false. */
static void add_options(saber_dict *options, char **arguments, int count)
{
    for (int i = 0; i < count; i++) {
        char *eq = strchr(arguments[i], '=');

        if (!eq) {
            fprintf(stderr, "tpe-driver: expected OPTION=VALUE, got '%s'\n",
                    arguments[i]);
            exit(2);
        }
        *eq = '\0';
        if (!strcmp(eq + 1, "true") || !strcmp(eq + 1, "false"))
            mock_host_api.dict_set_bool(options, arguments[i],
                                        !strcmp(eq + 1, "true"));
        else
            mock_host_api.dict_set_int(options, arguments[i],
                                       strtoll(eq + 1, NULL, 10));
    }
}

static void session_open(session *s, const saber_sampler_descriptor *sampler,
                         const bench_function *function, uint64_t seed,
                         saber_dict *options)
{
    const saber_host_api *api = &mock_host_api;
    char name[24];
    int status;

    s->sampler = sampler;
    s->function = function;
    s->ctx = mock_context_new(seed);
    for (size_t d = 0; d < function->dims; d++) {
        snprintf(name, sizeof name, "x%zu", d);
        mock_space_add_continuous(s->ctx, name, function->low[d],
                                  function->high[d], 0, 0);
    }
    status = sampler->create(api, s->ctx, options, &s->state);
    if (status != SABER_OK) {
        fprintf(stderr, "tpe-driver: create() failed (%d): %s\n", status,
                mock_context_error(s->ctx));
        exit(1);
    }
    s->point = api->dict_new();
    s->row = api->dict_new();
}

static void session_close(session *s)
{
    s->sampler->destroy(s->state);
    mock_host_api.dict_free(s->point);
    mock_host_api.dict_free(s->row);
    mock_context_free(s->ctx);
}

/* Samples the next point into s->point; returns 0 when the sampler is
 * done. */
static int session_sample(session *s)
{
    int status;

    do {
        mock_host_api.dict_clear(s->point);
        status = s->sampler->sample(s->state, s->point);
    } while (status == SABER_BATCH_END);
    if (status == SABER_DONE)
        return 0;
    if (status != SABER_OK) {
        fprintf(stderr, "tpe-driver: sample() failed (%d): %s\n", status,
                mock_context_error(s->ctx));
        exit(1);
    }
    return 1;
}

/* Evaluates the function at s->point and feeds the result back; returns
 * the value. */
static double session_feed_back(session *s)
{
    const saber_host_api *api = &mock_host_api;
    const saber_dict *rows[1] = {s->row};
    double x[16], value;
    char name[24];

    for (size_t d = 0; d < s->function->dims; d++) {
        snprintf(name, sizeof name, "x%zu", d);
        api->dict_get_real(s->point, name, &x[d]);
    }
    value = s->function->evaluate(x);

    api->dict_copy(s->row, s->point);
    api->dict_set_real(s->row, "score", value);
    api->dict_set_real(s->row, "cost", 0);
    api->dict_set_text(s->row, "status", "succeeded");
    /* A batch of one point ends before its row comes back. */
    api->dict_clear(s->point);
    s->sampler->sample(s->state, s->point);
    if (s->sampler->update(s->state, rows, 1) != SABER_OK) {
        fprintf(stderr, "tpe-driver: update() failed: %s\n",
                mock_context_error(s->ctx));
        exit(1);
    }
    return value;
}

static int run(int argc, char **argv)
{
    const saber_sampler_descriptor *sampler = load(argv[0]);
    const bench_function *function = bench_function_find(argv[1]);
    long seeds = atol(argv[2]);
    long iterations = atol(argv[3]);

    if (!function) {
        fprintf(stderr, "tpe-driver: unknown function '%s'\n", argv[1]);
        return 2;
    }
    for (long seed = 1; seed <= seeds; seed++) {
        saber_dict *options = mock_host_api.dict_new();
        session s;

        mock_host_api.dict_set_int(options, "max_iterations", iterations);
        add_options(options, argv + 4, argc - 4);
        session_open(&s, sampler, function, (uint64_t)seed, options);
        for (long i = 1; session_sample(&s); i++)
            printf("%s,%s,%ld,%ld,%.17g\n", function->name, sampler->method,
                   seed, i, session_feed_back(&s));
        session_close(&s);
        mock_host_api.dict_free(options);
    }
    return 0;
}

static double now(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static int time_suggestions(int argc, char **argv)
{
    const saber_sampler_descriptor *sampler = load(argv[0]);
    long completed = argc > 1 && !strchr(argv[1], '=') ? atol(argv[1]) : 1000;
    long count = argc > 2 && !strchr(argv[2], '=') ? atol(argv[2]) : 50;
    int first_option = 1 + (argc > 1 && !strchr(argv[1], '=')) +
                       (argc > 2 && !strchr(argv[2], '='));
    saber_dict *options = mock_host_api.dict_new();
    double *seconds = calloc((size_t)count, sizeof *seconds);
    session s;

    mock_host_api.dict_set_int(options, "max_iterations", completed + count);
    mock_host_api.dict_set_int(options, "n_startup", completed);
    add_options(options, argv + first_option, argc - first_option);
    session_open(&s, sampler, bench_function_find("hartmann6"), 1, options);
    for (long i = 0; i < completed; i++) {
        session_sample(&s);
        session_feed_back(&s);
    }
    for (long i = 0; i < count; i++) {
        double start = now();

        session_sample(&s);
        seconds[i] = now() - start;
        session_feed_back(&s);
    }
    qsort(seconds, (size_t)count, sizeof *seconds, compare_doubles);
    printf("%s suggestion_seconds_after_%ld median %.6f max %.6f\n",
           sampler->method, completed, seconds[count / 2], seconds[count - 1]);
    session_close(&s);
    mock_host_api.dict_free(options);
    free(seconds);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 6 && !strcmp(argv[1], "run"))
        return run(argc - 2, argv + 2);
    if (argc >= 3 && !strcmp(argv[1], "time"))
        return time_suggestions(argc - 2, argv + 2);
    fprintf(stderr, "usage: tpe-driver run PLUGIN.so FUNCTION SEEDS "
            "ITERATIONS [OPTION=VALUE]...\n"
            "       tpe-driver time PLUGIN.so [COMPLETED [SUGGESTIONS]] "
            "[OPTION=VALUE]...\n");
    return 2;
}
