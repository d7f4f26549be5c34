/* rng.c - xoshiro256** seeded by splitmix64. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "rng.h"

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotate_left(uint64_t x, int bits)
{
    return (x << bits) | (x >> (64 - bits));
}

void rng_seed(rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->state[i] = splitmix64(&seed);
}

uint64_t rng_next(rng *r)
{
    uint64_t *s = r->state;
    uint64_t result = rotate_left(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotate_left(s[3], 45);
    return result;
}

double rng_uniform(rng *r)
{
    return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

uint64_t rng_below(rng *r, uint64_t n)
{
    /* Reject draws from the incomplete last copy of [0, n). */
    uint64_t threshold = (0 - n) % n;

    for (;;) {
        uint64_t x = rng_next(r);

        if (x >= threshold)
            return x % n;
    }
}

double rng_normal(rng *r)
{
    /* 1 - u lies in (0, 1], so the logarithm is finite. */
    double radius = sqrt(-2.0 * log(1.0 - rng_uniform(r)));
    double angle = 6.283185307179586 * rng_uniform(r);

    return radius * cos(angle);
}

uint64_t rng_fresh_seed(void)
{
    uint64_t seed = 0;
    FILE *source = fopen("/dev/urandom", "rb");
    struct timespec now;

    if (source) {
        size_t got = fread(&seed, sizeof seed, 1, source);

        fclose(source);
        if (got == 1)
            return seed >> 1;
    }
    clock_gettime(CLOCK_REALTIME, &now);
    seed = (uint64_t)now.tv_sec * 1000000007ULL ^ (uint64_t)now.tv_nsec ^
           ((uint64_t)getpid() << 32);
    return splitmix64(&seed) >> 1;
}
