/*
 * sha256.h - SHA-256 (FIPS 180-4), to pin the input files a workbook was
 * built from.  Small and dependency-free; not meant for secrets.  On an
 * x86-64 processor with the SHA extensions the blocks are hashed by them
 * (about 2 GB/s here, against 0.3 GB/s in portable C).
 */
#ifndef EG_SHA256_H
#define EG_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint64_t bytes;           /* message length so far */
    unsigned char buf[64];    /* a partial block */
    size_t n_buf;
} eg_sha256;

void eg_sha256_init(eg_sha256 *c);
void eg_sha256_update(eg_sha256 *c, const void *data, size_t n);
/* Writes the 32-byte digest to out; c must be initialised again to reuse. */
void eg_sha256_final(eg_sha256 *c, unsigned char out[32]);

/* Hash with the processor's SHA extensions when use is non-zero and the
 * processor has them (the default), else in portable C; returns 1 when
 * the extensions are in use.  For the tests, which compare the two, and
 * for tools that must run where the extensions are emulated badly.  Not
 * thread-safe: call it before any digest is made. */
int eg_sha256_hardware(int use);

/* The digest of n bytes as 64 lower-case hex digits and a NUL. */
void eg_sha256_hex(const void *data, size_t n, char hex[65]);

/* The digest of a file's contents as 64 lower-case hex digits and a NUL.
 * Returns 0, or -1 (errno set, hex an empty string) when the file cannot
 * be read. */
int eg_sha256_file(const char *path, char hex[65]);

#endif
