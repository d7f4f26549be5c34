/*
 * sha1.h - SHA-1 digests (FIPS 180-4), for the checksums CWL reports.
 *
 * CWL File objects carry "checksum": "sha1$<40 hex digits>" of their
 * content; runners compute it for the outputs they report.
 */
#ifndef SABER_SHA1_H
#define SABER_SHA1_H

#include <stddef.h>
#include <stdint.h>

typedef struct sha1_context {
    uint32_t state[5];
    uint64_t length;          /* bytes hashed so far */
    unsigned char block[64];  /* pending bytes of the current block */
    size_t used;
} sha1_context;

/* Room for "sha1$", 40 hex digits and the NUL. */
#define SHA1_CHECKSUM_SIZE 46

void sha1_init(sha1_context *context);
void sha1_update(sha1_context *context, const void *data, size_t length);
void sha1_final(sha1_context *context, unsigned char digest[20]);

/*
 * Hashes the file at path into checksum ("sha1$..." as CWL writes it) and
 * stores its size in bytes.  Returns 0, or -1 with an error message when
 * the file cannot be read.
 */
int sha1_file(const char *path, char checksum[SHA1_CHECKSUM_SIZE],
              int64_t *size);

#endif
