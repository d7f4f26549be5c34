/* history.c - the observations of the tpe model, in flat arrays. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "history.h"

int tpe_history_init(tpe_history *h, size_t numeric, size_t categorical)
{
    memset(h, 0, sizeof *h);
    h->numeric = numeric;
    h->categorical = categorical;
    h->by_axis = calloc(numeric + 1, sizeof *h->by_axis);
    return h->by_axis ? 0 : -1;
}

void tpe_history_release(tpe_history *h)
{
    for (size_t j = 0; h->by_axis && j < h->numeric; j++)
        free(h->by_axis[j]);
    free(h->by_axis);
    free(h->coordinates);
    free(h->categories);
    free(h->loss);
    free(h->has_loss);
    free(h->by_loss);
    free(h->order);
    memset(h, 0, sizeof *h);
}

/* Reallocates *array to room for count indices. */
static int resize_indices(size_t **array, size_t count)
{
    size_t *grown = realloc(*array, (count + 1) * sizeof *grown);

    if (!grown)
        return -1;
    *array = grown;
    return 0;
}

/* Grows every array to room for capacity observations.  An array that
 * grew stays grown when a later one fails. */
static int grow(tpe_history *h, size_t capacity)
{
    double *coordinates = realloc(h->coordinates, (capacity * h->numeric + 1) *
                                                  sizeof *coordinates);
    uint32_t *categories;
    double *loss;
    unsigned char *has_loss;

    if (!coordinates)
        return -1;
    h->coordinates = coordinates;
    categories = realloc(h->categories, (capacity * h->categorical + 1) *
                                        sizeof *categories);
    if (!categories)
        return -1;
    h->categories = categories;
    loss = realloc(h->loss, capacity * sizeof *loss);
    if (!loss)
        return -1;
    h->loss = loss;
    has_loss = realloc(h->has_loss, capacity * sizeof *has_loss);
    if (!has_loss)
        return -1;
    h->has_loss = has_loss;

    if (resize_indices(&h->by_loss, capacity) < 0 ||
        resize_indices(&h->order, capacity) < 0)
        return -1;
    for (size_t j = 0; j < h->numeric; j++) {
        if (resize_indices(&h->by_axis[j], capacity) < 0)
            return -1;
    }
    h->capacity = capacity;
    return 0;
}

/* Inserts index into sorted[0..count) after every entry whose key is at
 * most key, where entry e's key is keys[e * stride].  Equal keys thus stay
 * in observation order, since index is the newest observation. */
static void insert_sorted(size_t *sorted, size_t count, size_t index,
                          double key, const double *keys, size_t stride)
{
    size_t low = 0, high = count;

    while (low < high) {
        size_t middle = low + (high - low) / 2;

        if (keys[sorted[middle] * stride] <= key)
            low = middle + 1;
        else
            high = middle;
    }
    memmove(sorted + low + 1, sorted + low, (count - low) * sizeof *sorted);
    sorted[low] = index;
}

int tpe_history_add(tpe_history *h, const double *coordinates,
                    const uint32_t *categories, int has_loss, double loss)
{
    size_t i = h->count;

    if (i == h->capacity && grow(h, h->capacity ? 2 * h->capacity : 64) < 0)
        return -1;
    memcpy(h->coordinates + i * h->numeric, coordinates,
           h->numeric * sizeof *coordinates);
    memcpy(h->categories + i * h->categorical, categories,
           h->categorical * sizeof *categories);
    h->loss[i] = has_loss ? loss : 0;
    h->has_loss[i] = has_loss != 0;

    if (has_loss)
        insert_sorted(h->by_loss, h->scored++, i, loss, h->loss, 1);
    for (size_t j = 0; j < h->numeric; j++)
        insert_sorted(h->by_axis[j], i, i, coordinates[j],
                      h->coordinates + j, h->numeric);
    h->count++;
    return 0;
}

/* Removes the entries at or past count from sorted[0..length); returns
 * the new length. */
static size_t drop_from(size_t *sorted, size_t length, size_t count)
{
    size_t kept = 0;

    for (size_t i = 0; i < length; i++) {
        if (sorted[i] < count)
            sorted[kept++] = sorted[i];
    }
    return kept;
}

void tpe_history_truncate(tpe_history *h, size_t count)
{
    if (count >= h->count)
        return;
    h->scored = drop_from(h->by_loss, h->scored, count);
    for (size_t j = 0; j < h->numeric; j++)
        drop_from(h->by_axis[j], h->count, count);
    h->count = count;
}

const double *tpe_history_coordinates(const tpe_history *h, size_t i)
{
    return h->coordinates + i * h->numeric;
}

const uint32_t *tpe_history_categories(const tpe_history *h, size_t i)
{
    return h->categories + i * h->categorical;
}

const size_t *tpe_history_rank(tpe_history *h)
{
    size_t unscored = h->scored;

    memcpy(h->order, h->by_loss, h->scored * sizeof *h->order);
    for (size_t i = 0; i < h->count; i++) {
        if (!h->has_loss[i])
            h->order[unscored++] = i;
    }
    return h->order;
}
