/* sha1.c - SHA-1 digests (FIPS 180-4), for the checksums CWL reports. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "sha1.h"

static uint32_t rotate_left(uint32_t x, int bits)
{
    return (x << bits) | (x >> (32 - bits));
}

/* Applies the 80-round compression function to one 64-byte block. */
static void compress(uint32_t state[5], const unsigned char block[64])
{
    uint32_t w[80];
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];

    for (int t = 0; t < 16; t++)
        w[t] = (uint32_t)block[4 * t] << 24 | (uint32_t)block[4 * t + 1] << 16 |
               (uint32_t)block[4 * t + 2] << 8 | (uint32_t)block[4 * t + 3];
    for (int t = 16; t < 80; t++)
        w[t] = rotate_left(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);

    for (int t = 0; t < 80; t++) {
        uint32_t f;
        uint32_t k;
        uint32_t temp;

        if (t < 20)
            f = (b & c) | (~b & d), k = 0x5A827999;
        else if (t < 40)
            f = b ^ c ^ d, k = 0x6ED9EBA1;
        else if (t < 60)
            f = (b & c) | (b & d) | (c & d), k = 0x8F1BBCDC;
        else
            f = b ^ c ^ d, k = 0xCA62C1D6;
        temp = rotate_left(a, 5) + f + e + k + w[t];
        e = d;
        d = c;
        c = rotate_left(b, 30);
        b = a;
        a = temp;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
}

void sha1_init(sha1_context *context)
{
    static const uint32_t initial[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE,
                                        0x10325476, 0xC3D2E1F0};

    memcpy(context->state, initial, sizeof initial);
    context->length = 0;
    context->used = 0;
}

void sha1_update(sha1_context *context, const void *data, size_t length)
{
    const unsigned char *bytes = data;

    context->length += length;
    while (length > 0) {
        size_t take = 64 - context->used;

        if (take > length)
            take = length;
        memcpy(context->block + context->used, bytes, take);
        context->used += take;
        bytes += take;
        length -= take;
        if (context->used == 64) {
            compress(context->state, context->block);
            context->used = 0;
        }
    }
}

void sha1_final(sha1_context *context, unsigned char digest[20])
{
    uint64_t bits = context->length * 8;
    unsigned char pad = 0x80;
    unsigned char length_bytes[8];

    sha1_update(context, &pad, 1);
    pad = 0;
    while (context->used != 56)
        sha1_update(context, &pad, 1);
    for (int i = 0; i < 8; i++)
        length_bytes[i] = (unsigned char)(bits >> (56 - 8 * i));
    sha1_update(context, length_bytes, 8);

    for (int i = 0; i < 20; i++)
        digest[i] = (unsigned char)(context->state[i / 4] >> (24 - 8 * (i % 4)));
}

int sha1_file(const char *path, char checksum[SHA1_CHECKSUM_SIZE],
              int64_t *size)
{
    static const char hex[] = "0123456789abcdef";
    unsigned char buffer[65536];
    unsigned char digest[20];
    sha1_context context;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t got;

    if (fd < 0) {
        error_set("cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    sha1_init(&context);
    while ((got = read(fd, buffer, sizeof buffer)) != 0) {
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            error_set("cannot read %s: %s", path, strerror(errno));
            close(fd);
            return -1;
        }
        sha1_update(&context, buffer, (size_t)got);
    }
    close(fd);

    *size = (int64_t)context.length;
    sha1_final(&context, digest);
    memcpy(checksum, "sha1$", 5);
    for (int i = 0; i < 20; i++) {
        checksum[5 + 2 * i] = hex[digest[i] >> 4];
        checksum[6 + 2 * i] = hex[digest[i] & 15];
    }
    checksum[45] = '\0';
    return 0;
}
