/*
 * sha256.h - SHA-256 (FIPS 180-4), for recording which input files a run
 * used.
 */
#ifndef SABER_SHA256_H
#define SABER_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct sha256 {
    uint32_t state[8];
    uint64_t length;      /* bytes hashed so far */
    unsigned char block[64];
    size_t used;          /* bytes waiting in block */
} sha256;

void sha256_init(sha256 *h);
void sha256_update(sha256 *h, const void *data, size_t length);
void sha256_final(sha256 *h, unsigned char digest[32]);

/* Writes the lowercase hex digest of file path into hex (65 bytes).
 * Returns 0, or -1 with an error message naming the file. */
int sha256_file_hex(const char *path, char hex[65]);

#endif
