/*
 * mock-host.h - a stand-in for saber-opt's side of <saber/sampler.h>, for
 * driving sampler plugins without the core: small dictionaries, a search
 * space built in code, a seeded generator, and the messages a plugin sets.
 *
 * It is written from the header alone, like a second host would be, so a
 * plugin that works here relies on nothing but the ABI.  Values get their
 * text as the header describes (an int in decimal, a float as the shortest
 * text that reads back as the same double), though floats do not follow
 * every detail of Python's repr().  It is not thread-safe.
 */
#ifndef SABER_MOCK_HOST_H
#define SABER_MOCK_HOST_H

#include <stddef.h>
#include <stdint.h>

#include <saber/sampler.h>

/* The table to pass to create(). */
extern const saber_host_api mock_host_api;

/* Returns a new context with an empty space, seeded with seed, goal
 * minimize; free it with mock_context_free(). */
saber_context *mock_context_new(uint64_t seed);
void mock_context_free(saber_context *ctx);

void mock_context_set_goal(saber_context *ctx, saber_goal goal);

/* Add a dimension to the space; name and values are copied. */
void mock_space_add_continuous(saber_context *ctx, const char *name,
                               double low, double high, int log_scale,
                               int integer);
void mock_space_add_arange(saber_context *ctx, const char *name, double start,
                           double step, uint64_t count);
/* A list (kind SABER_DIM_LIST) or choices (SABER_DIM_CHOICES) of numbers. */
void mock_space_add_numbers(saber_context *ctx, const char *name,
                            saber_dim_kind kind, const double *values,
                            size_t count);
/* A list or choices of text values. */
void mock_space_add_texts(saber_context *ctx, const char *name,
                          saber_dim_kind kind, const char *const *texts,
                          size_t count);

/* Returns the message of the last set_error() or set_option_error() (""
 * when none), and the option the latter named (NULL when none). */
const char *mock_context_error(const saber_context *ctx);
const char *mock_context_error_option(const saber_context *ctx);

/* Returns how many lines the plugin logged at level or above. */
size_t mock_context_log_count(const saber_context *ctx, saber_log_level level);

#endif
