/*
 * history.h - the observations the tpe model learns from, in flat arrays:
 * per observation, its numeric coordinates, its category numbers and its
 * loss (the score, negated when the goal is to maximize).
 *
 * An observation without a loss (a failed or skipped iteration, a missing
 * score, or a point of the current batch still running) counts as worse
 * than every observation with one.
 *
 * The observations stay sorted by loss and, per numeric axis, by
 * coordinate: each addition inserts into these orders, which costs
 * O(n) moves but spares every suggestion an O(n log n) sort.
 */
#ifndef SABER_TPE_HISTORY_H
#define SABER_TPE_HISTORY_H

#include <stddef.h>
#include <stdint.h>

typedef struct tpe_history {
    size_t numeric;       /* coordinates per observation */
    size_t categorical;   /* category numbers per observation */
    size_t count;
    size_t capacity;
    double *coordinates;  /* count * numeric */
    uint32_t *categories; /* count * categorical */
    double *loss;         /* count; meaningful where has_loss is set */
    unsigned char *has_loss;
    size_t scored;        /* observations with a loss */
    size_t *by_loss;      /* the scored observations, best first; ties in
                             observation order */
    size_t **by_axis;     /* per numeric axis: every observation, by
                             coordinate; ties in observation order */
    size_t *order;        /* tpe_history_rank()'s result */
} tpe_history;

/* Prepares an empty history.  Returns 0, or -1 when out of memory; h can
 * be released either way. */
int tpe_history_init(tpe_history *h, size_t numeric, size_t categorical);
void tpe_history_release(tpe_history *h);

/* Appends an observation (the arrays are copied); loss counts only when
 * has_loss is nonzero.  Returns 0, or -1 when out of memory. */
int tpe_history_add(tpe_history *h, const double *coordinates,
                    const uint32_t *categories, int has_loss, double loss);

/* Drops the observations from number count on. */
void tpe_history_truncate(tpe_history *h, size_t count);

/* Returns the numeric coordinates and the categories of observation i. */
const double *tpe_history_coordinates(const tpe_history *h, size_t i);
const uint32_t *tpe_history_categories(const tpe_history *h, size_t i);

/* Returns the observation numbers from best to worst: by loss, then those
 * without a loss; ties in observation order.  Borrowed until the next
 * change. */
const size_t *tpe_history_rank(tpe_history *h);

#endif
