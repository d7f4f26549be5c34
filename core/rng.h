/*
 * rng.h - the seeded random number generator handed to plugins.
 *
 * xoshiro256** (Blackman and Vigna), its state filled from the 64-bit seed
 * by splitmix64.  The sequence for a seed is fixed: resumed runs and tests
 * depend on it, so the algorithm must never change.
 */
#ifndef SABER_RNG_H
#define SABER_RNG_H

#include <stdint.h>

typedef struct rng {
    uint64_t state[4];
} rng;

void rng_seed(rng *r, uint64_t seed);
uint64_t rng_next(rng *r);

/* Returns a double uniform on [0, 1), from the top 53 bits. */
double rng_uniform(rng *r);

/* Returns an integer uniform on [0, n), n > 0, without modulo bias. */
uint64_t rng_below(rng *r, uint64_t n);

/* Returns a standard normal deviate: the Box-Muller transform of two
 * uniform draws, of which it keeps one deviate and stores nothing.  The
 * last bits depend on the C library's log(), sqrt() and cos(). */
double rng_normal(rng *r);

/* Returns a seed from the system's entropy source (the clock if that
 * fails), for runs whose parameterize file gives none.  The seed is below
 * 2^63, so that written back as 'seed: N' it reads as a 64-bit integer. */
uint64_t rng_fresh_seed(void);

#endif
