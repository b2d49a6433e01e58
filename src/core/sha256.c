#include "core/sha256.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/file.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>
#define HAVE_SHA_NI 1
#endif

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

/* One round (FIPS 180-4, 6.2.2), Ch and Maj in their shorter equivalent
 * forms.  The eight words of the state are named in their turn, eight
 * rounds to a turn of the loop: a round renames them rather than moving
 * them in memory (which made the code 2.6 times slower). */
#define ROUND(a, b, c, d, e, f, g, h, k, w)                                               \
    do {                                                                                  \
        uint32_t t1_ = (h) + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) +                    \
                       ((g) ^ ((e) & ((f) ^ (g)))) + (k) + (w);                            \
        uint32_t t2_ = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) +                          \
                       (((a) & (b)) | ((c) & ((a) | (b))));                                \
        (d) += t1_;                                                                       \
        (h) = t1_ + t2_;                                                                  \
    } while (0)

static void block(uint32_t st[8], const unsigned char *p)
{
    uint32_t w[64];
    uint32_t a = st[0], b = st[1], c = st[2], d = st[3], e = st[4], f = st[5], g = st[6],
             h = st[7];

    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);

        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    for (int i = 0; i < 64; i += 8) {
        ROUND(a, b, c, d, e, f, g, h, K[i], w[i]);
        ROUND(h, a, b, c, d, e, f, g, K[i + 1], w[i + 1]);
        ROUND(g, h, a, b, c, d, e, f, K[i + 2], w[i + 2]);
        ROUND(f, g, h, a, b, c, d, e, K[i + 3], w[i + 3]);
        ROUND(e, f, g, h, a, b, c, d, K[i + 4], w[i + 4]);
        ROUND(d, e, f, g, h, a, b, c, K[i + 5], w[i + 5]);
        ROUND(c, d, e, f, g, h, a, b, K[i + 6], w[i + 6]);
        ROUND(b, c, d, e, f, g, h, a, K[i + 7], w[i + 7]);
    }
    st[0] += a;
    st[1] += b;
    st[2] += c;
    st[3] += d;
    st[4] += e;
    st[5] += f;
    st[6] += g;
    st[7] += h;
}

static void blocks_portable(uint32_t h[8], const unsigned char *p, size_t n)
{
    for (; n; n--, p += 64)
        block(h, p);
}

#ifdef HAVE_SHA_NI
/* The same with the SHA extensions of x86 (Intel since Goldmont and Ice
 * Lake, AMD since Zen): about five times faster.  The state is kept as
 * the instructions want it, ABEF and CDGH; each step of the loop does four
 * rounds, the message schedule four words at a time in a ring of four
 * registers (X[j] = msg2(msg1(X[j-4], X[j-3]) + X[j-2..j-1] >> 1 word,
 * X[j-1])). */
__attribute__((target("sha,sse4.1,ssse3")))
static void blocks_sha_ni(uint32_t h[8], const unsigned char *p, size_t n)
{
    const __m128i order = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i t = _mm_loadu_si128((const __m128i *)(const void *)&h[0]);
    __m128i abef, cdgh = _mm_loadu_si128((const __m128i *)(const void *)&h[4]);

    t = _mm_shuffle_epi32(t, 0xB1);                 /* CDAB */
    cdgh = _mm_shuffle_epi32(cdgh, 0x1B);           /* EFGH */
    abef = _mm_alignr_epi8(t, cdgh, 8);             /* ABEF */
    cdgh = _mm_blend_epi16(cdgh, t, 0xF0);          /* CDGH */
    for (; n; n--, p += 64) {
        __m128i abef0 = abef, cdgh0 = cdgh, x[4];

        for (int j = 0; j < 16; j++) {
            __m128i w, k;

            if (j < 4) {
                w = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 16 * j)),
                                     order);
            } else {
                w = _mm_sha256msg1_epu32(x[j & 3], x[(j + 1) & 3]);
                w = _mm_add_epi32(w, _mm_alignr_epi8(x[(j + 3) & 3], x[(j + 2) & 3], 4));
                w = _mm_sha256msg2_epu32(w, x[(j + 3) & 3]);
            }
            x[j & 3] = w;
            k = _mm_add_epi32(w, _mm_loadu_si128((const __m128i *)(const void *)&K[4 * j]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, k);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(k, 0x0E));
        }
        abef = _mm_add_epi32(abef, abef0);
        cdgh = _mm_add_epi32(cdgh, cdgh0);
    }
    t = _mm_shuffle_epi32(abef, 0x1B);              /* FEBA */
    cdgh = _mm_shuffle_epi32(cdgh, 0xB1);           /* DCHG */
    _mm_storeu_si128((__m128i *)(void *)&h[0], _mm_blend_epi16(t, cdgh, 0xF0));  /* DCBA */
    _mm_storeu_si128((__m128i *)(void *)&h[4], _mm_alignr_epi8(cdgh, t, 8));     /* HGFE */
}

static int cpu_has_sha_ni(void)
{
    unsigned a, b, c, d;

    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSSE3) || !(c & bit_SSE4_1))
        return 0;
    return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_SHA);
}
#endif

/* The block function in use: chosen at the first digest (the CPU's SHA
 * extensions when it has them), or by eg_sha256_hardware. */
static void (*blocks)(uint32_t h[8], const unsigned char *p, size_t n);

static pthread_once_t chosen = PTHREAD_ONCE_INIT;

static void choose(void)
{
    void (*f)(uint32_t h[8], const unsigned char *p, size_t n) = blocks_portable;

#ifdef HAVE_SHA_NI
    if (cpu_has_sha_ni())
        f = blocks_sha_ni;
#endif
    blocks = f;
}

int eg_sha256_hardware(int use)
{
    pthread_once(&chosen, choose);
#ifdef HAVE_SHA_NI
    if (use && cpu_has_sha_ni()) {
        blocks = blocks_sha_ni;
        return 1;
    }
#endif
    (void)use;
    blocks = blocks_portable;
    return 0;
}

void eg_sha256_init(eg_sha256 *c)
{
    static const uint32_t h0[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
    };

    pthread_once(&chosen, choose);
    memcpy(c->h, h0, sizeof h0);
    c->bytes = 0;
    c->n_buf = 0;
}

void eg_sha256_update(eg_sha256 *c, const void *data, size_t n)
{
    const unsigned char *p = data;

    c->bytes += n;
    if (c->n_buf) {
        size_t take = 64 - c->n_buf < n ? 64 - c->n_buf : n;

        memcpy(c->buf + c->n_buf, p, take);
        c->n_buf += take;
        p += take;
        n -= take;
        if (c->n_buf < 64)
            return;
        blocks(c->h, c->buf, 1);
        c->n_buf = 0;
    }
    blocks(c->h, p, n / 64);
    p += n / 64 * 64;
    n %= 64;
    memcpy(c->buf, p, n);
    c->n_buf = n;
}

void eg_sha256_final(eg_sha256 *c, unsigned char out[32])
{
    uint64_t bits = c->bytes * 8;

    /* 0x80, zeros up to 56 mod 64, then the length in bits, big-endian. */
    c->buf[c->n_buf++] = 0x80;
    if (c->n_buf > 56) {
        memset(c->buf + c->n_buf, 0, 64 - c->n_buf);
        blocks(c->h, c->buf, 1);
        c->n_buf = 0;
    }
    memset(c->buf + c->n_buf, 0, 56 - c->n_buf);
    for (int i = 0; i < 8; i++)
        c->buf[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
    blocks(c->h, c->buf, 1);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (unsigned char)(c->h[i] >> 24);
        out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
        out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
        out[4 * i + 3] = (unsigned char)c->h[i];
    }
}

static void to_hex(const unsigned char d[32], char hex[65])
{
    static const char digits[] = "0123456789abcdef";

    for (int i = 0; i < 32; i++) {
        hex[2 * i] = digits[d[i] >> 4];
        hex[2 * i + 1] = digits[d[i] & 15];
    }
    hex[64] = '\0';
}

void eg_sha256_hex(const void *data, size_t n, char hex[65])
{
    eg_sha256 c;
    unsigned char d[32];

    eg_sha256_init(&c);
    eg_sha256_update(&c, data, n);
    eg_sha256_final(&c, d);
    to_hex(d, hex);
}

int eg_sha256_file(const char *path, char hex[65])
{
    FILE *f = eg_fopen_input(path);
    unsigned char buf[65536], d[32];
    eg_sha256 c;
    size_t n;
    int err;

    hex[0] = '\0';
    if (!f)
        return -1;
    eg_sha256_init(&c);
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        eg_sha256_update(&c, buf, n);
    err = ferror(f) ? (errno ? errno : EIO) : 0;
    fclose(f);
    if (err) {
        errno = err;
        return -1;
    }
    eg_sha256_final(&c, d);
    to_hex(d, hex);
    return 0;
}
