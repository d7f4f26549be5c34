/*
 * bytes.h - copying the short byte strings that make up most of a point.
 *
 * Parameter values and JSON fragments are mostly under 32 bytes.  For
 * those, a call to memcpy() costs more than the copy, so bytes_copy()
 * moves them with fixed-size loads and stores, reading and writing only
 * the n bytes given.
 */
#ifndef SABER_BYTES_H
#define SABER_BYTES_H

#include <stdint.h>
#include <string.h>

/* Copies n bytes from src to dst; the ranges must not overlap. */
static inline void bytes_copy(char *dst, const char *src, size_t n)
{
    uint64_t head, tail;
    uint32_t head32, tail32;

    if (n > 16) {
        if (n > 32) {
            memcpy(dst, src, n);
            return;
        }
        bytes_copy(dst, src, 16);
        bytes_copy(dst + 16, src + 16, n - 16);
        return;
    }
    if (n >= 8) {
        /* Two 8-byte moves that overlap when n < 16. */
        memcpy(&head, src, 8);
        memcpy(&tail, src + n - 8, 8);
        memcpy(dst, &head, 8);
        memcpy(dst + n - 8, &tail, 8);
        return;
    }
    if (n >= 4) {
        memcpy(&head32, src, 4);
        memcpy(&tail32, src + n - 4, 4);
        memcpy(dst, &head32, 4);
        memcpy(dst + n - 4, &tail32, 4);
        return;
    }
    for (size_t i = 0; i < n; i++)
        dst[i] = src[i];
}

#endif
