/*
 * sysexport_scan.c - where the separators and blanks of a span of export
 * text are: three bitmaps, one bit a byte (sysexport_priv.h,
 * eg_export_classify).
 *
 * The fast path (sysexport.c) walks these bitmaps instead of the bytes:
 * a field ends at each set bit of `sep`, a record at each set bit of
 * `eol` too; `blank` (spaces and tabs) tells it whether a field may need
 * trimming.  Made 64 bytes at a time with AVX-512BW or 32 with AVX2
 * where the processor has them (checked once, with cpuid), 16 at a time
 * with SSE2 (every x86-64), a byte at a time elsewhere.  The same pass
 * finds the first quote or NUL byte: the fast path stops there.
 * tests/unit/test_sysexport_scan.c compares the four, on every length
 * and alignment.
 */
#include "extract/sysexport_priv.h"

#include <pthread.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_X86 1
#endif

/* Each way makes the bitmaps of words [0, words) of p and stops after the
 * first word holding a quote or a NUL: it returns the words made, and the
 * quotes and NULs of the last one made in *quote (0 when it holds none). */

/* One 64-byte word of the bitmaps from p[0..63], a byte at a time. */
static uint64_t word_scalar(const unsigned char *p, uint64_t *sep, uint64_t *eol,
                            uint64_t *blank)
{
    uint64_t s = 0, e = 0, b = 0, q = 0;

    for (int i = 0; i < 64; i++) {
        int end = p[i] == '\n' || p[i] == '\r';

        e |= (uint64_t)end << i;
        s |= (uint64_t)(end || p[i] == ',') << i;
        b |= (uint64_t)(p[i] == ' ' || p[i] == '\t') << i;
        q |= (uint64_t)(p[i] == '"' || p[i] == '\0') << i;
    }
    *sep = s;
    *eol = e;
    *blank = b;
    return q;
}

static size_t classify_scalar(const unsigned char *p, size_t words, uint64_t *sep,
                              uint64_t *eol, uint64_t *blank, uint64_t *quote)
{
    for (size_t w = 0; w < words; w++) {
        uint64_t q = word_scalar(p + 64 * w, &sep[w], &eol[w], &blank[w]);

        if (q) {
            *quote = q;
            return w + 1;
        }
    }
    *quote = 0;
    return words;
}

#ifdef HAVE_X86
static size_t classify_sse2(const unsigned char *p, size_t words, uint64_t *sep, uint64_t *eol,
                            uint64_t *blank, uint64_t *quote)
{
    const __m128i comma = _mm_set1_epi8(','), nl = _mm_set1_epi8('\n');
    const __m128i ret = _mm_set1_epi8('\r'), dq = _mm_set1_epi8('"');
    const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
    const __m128i nul = _mm_setzero_si128();

    for (size_t w = 0; w < words; w++, p += 64) {
        uint64_t s = 0, e = 0, bl = 0, q = 0;

        for (int k = 0; k < 4; k++) {
            __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
            __m128i end = _mm_or_si128(_mm_cmpeq_epi8(b, nl), _mm_cmpeq_epi8(b, ret));

            e |= (uint64_t)(unsigned)_mm_movemask_epi8(end) << (16 * k);
            s |= (uint64_t)(unsigned)_mm_movemask_epi8(
                     _mm_or_si128(end, _mm_cmpeq_epi8(b, comma))) << (16 * k);
            bl |= (uint64_t)(unsigned)_mm_movemask_epi8(
                      _mm_or_si128(_mm_cmpeq_epi8(b, space), _mm_cmpeq_epi8(b, tab))) << (16 * k);
            q |= (uint64_t)(unsigned)_mm_movemask_epi8(
                     _mm_or_si128(_mm_cmpeq_epi8(b, dq), _mm_cmpeq_epi8(b, nul))) << (16 * k);
        }
        sep[w] = s;
        eol[w] = e;
        blank[w] = bl;
        if (q) {
            *quote = q;
            return w + 1;
        }
    }
    *quote = 0;
    return words;
}

__attribute__((target("avx2")))
static size_t classify_avx2(const unsigned char *p, size_t words, uint64_t *sep, uint64_t *eol,
                            uint64_t *blank, uint64_t *quote)
{
    const __m256i comma = _mm256_set1_epi8(','), nl = _mm256_set1_epi8('\n');
    const __m256i ret = _mm256_set1_epi8('\r'), dq = _mm256_set1_epi8('"');
    const __m256i space = _mm256_set1_epi8(' '), tab = _mm256_set1_epi8('\t');
    const __m256i nul = _mm256_setzero_si256();

    for (size_t w = 0; w < words; w++, p += 64) {
        __m256i lo = _mm256_loadu_si256((const __m256i *)(const void *)p);
        __m256i hi = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32));
        __m256i end_lo = _mm256_or_si256(_mm256_cmpeq_epi8(lo, nl), _mm256_cmpeq_epi8(lo, ret));
        __m256i end_hi = _mm256_or_si256(_mm256_cmpeq_epi8(hi, nl), _mm256_cmpeq_epi8(hi, ret));
        uint32_t e_lo = (uint32_t)_mm256_movemask_epi8(end_lo);
        uint32_t e_hi = (uint32_t)_mm256_movemask_epi8(end_hi);
        uint32_t s_lo = (uint32_t)_mm256_movemask_epi8(
            _mm256_or_si256(end_lo, _mm256_cmpeq_epi8(lo, comma)));
        uint32_t s_hi = (uint32_t)_mm256_movemask_epi8(
            _mm256_or_si256(end_hi, _mm256_cmpeq_epi8(hi, comma)));
        uint32_t b_lo = (uint32_t)_mm256_movemask_epi8(
            _mm256_or_si256(_mm256_cmpeq_epi8(lo, space), _mm256_cmpeq_epi8(lo, tab)));
        uint32_t b_hi = (uint32_t)_mm256_movemask_epi8(
            _mm256_or_si256(_mm256_cmpeq_epi8(hi, space), _mm256_cmpeq_epi8(hi, tab)));
        uint32_t q_lo = (uint32_t)_mm256_movemask_epi8(
            _mm256_or_si256(_mm256_cmpeq_epi8(lo, dq), _mm256_cmpeq_epi8(lo, nul)));
        uint32_t q_hi = (uint32_t)_mm256_movemask_epi8(
            _mm256_or_si256(_mm256_cmpeq_epi8(hi, dq), _mm256_cmpeq_epi8(hi, nul)));

        eol[w] = (uint64_t)e_hi << 32 | e_lo;
        sep[w] = (uint64_t)s_hi << 32 | s_lo;
        blank[w] = (uint64_t)b_hi << 32 | b_lo;
        if (q_lo | q_hi) {
            *quote = (uint64_t)q_hi << 32 | q_lo;
            return w + 1;
        }
    }
    *quote = 0;
    return words;
}
#endif

#ifdef HAVE_X86
/* A word's 64 bytes in one register: each compare gives its bits. */
__attribute__((target("avx512bw")))
static size_t classify_avx512(const unsigned char *p, size_t words, uint64_t *sep,
                              uint64_t *eol, uint64_t *blank, uint64_t *quote)
{
    const __m512i comma = _mm512_set1_epi8(','), nl = _mm512_set1_epi8('\n');
    const __m512i ret = _mm512_set1_epi8('\r'), dq = _mm512_set1_epi8('"');
    const __m512i space = _mm512_set1_epi8(' '), tab = _mm512_set1_epi8('\t');

    for (size_t w = 0; w < words; w++, p += 64) {
        __m512i b = _mm512_loadu_si512((const void *)p);
        uint64_t e = _mm512_cmpeq_epi8_mask(b, nl) | _mm512_cmpeq_epi8_mask(b, ret);
        uint64_t q = _mm512_cmpeq_epi8_mask(b, dq) | _mm512_testn_epi8_mask(b, b);

        eol[w] = e;
        sep[w] = e | _mm512_cmpeq_epi8_mask(b, comma);
        blank[w] = _mm512_cmpeq_epi8_mask(b, space) | _mm512_cmpeq_epi8_mask(b, tab);
        if (q) {
            *quote = q;
            return w + 1;
        }
    }
    *quote = 0;
    return words;
}
#endif

#ifdef HAVE_X86
static pthread_once_t cpu_once = PTHREAD_ONCE_INIT;
static int has_avx2, has_avx512, has_popcnt;

static void ask_cpu(void)
{
    __builtin_cpu_init();
    has_avx2 = __builtin_cpu_supports("avx2") != 0;
    has_avx512 = __builtin_cpu_supports("avx512bw") != 0;
    has_popcnt = __builtin_cpu_supports("popcnt") != 0;
}
#endif

int eg_export_has_popcnt(void)
{
#ifdef HAVE_X86
    pthread_once(&cpu_once, ask_cpu);
    return has_popcnt;
#else
    return 1;
#endif
}

typedef size_t (*classify_fn)(const unsigned char *, size_t, uint64_t *, uint64_t *,
                              uint64_t *, uint64_t *);

static int forced = EG_CLASSIFY_AUTO;

int eg_export_classify_which(void)
{
    int which = forced;

    if (which == EG_CLASSIFY_AUTO || which == EG_CLASSIFY_AVX512)
        which = eg_export_classify_has(EG_CLASSIFY_AVX512) ? EG_CLASSIFY_AVX512 : EG_CLASSIFY_AVX2;
    if (which == EG_CLASSIFY_AVX2)
        which = eg_export_classify_has(EG_CLASSIFY_AVX2) ? EG_CLASSIFY_AVX2 : EG_CLASSIFY_SSE2;
    if (which == EG_CLASSIFY_SSE2 && !eg_export_classify_has(EG_CLASSIFY_SSE2))
        which = EG_CLASSIFY_SCALAR;
    return which;
}

static classify_fn pick(void)
{
    switch (eg_export_classify_which()) {
#ifdef HAVE_X86
    case EG_CLASSIFY_AVX512:
        return classify_avx512;
    case EG_CLASSIFY_AVX2:
        return classify_avx2;
    case EG_CLASSIFY_SSE2:
        return classify_sse2;
#endif
    default:
        return classify_scalar;
    }
}

int eg_export_classify_has(int which)
{
#ifdef HAVE_X86
    if (which == EG_CLASSIFY_AVX2 || which == EG_CLASSIFY_AVX512) {
        pthread_once(&cpu_once, ask_cpu);
        return which == EG_CLASSIFY_AVX2 ? has_avx2 : has_avx512;
    }
    return 1;
#else
    return which == EG_CLASSIFY_SCALAR || which == EG_CLASSIFY_AUTO;
#endif
}

int eg_export_classify_use(int which)
{
    int was = forced;

    forced = which;
    return was;
}

size_t eg_export_classify(const char *s, size_t len, uint64_t *sep, uint64_t *eol,
                          uint64_t *blank, size_t *quote)
{
    size_t words = (len + 63) / 64, end = len;
    uint64_t q = 0;

    if (words)
        words = pick()((const unsigned char *)s, words, sep, eol, blank, &q);
    /* the first quote or NUL, unless it lies past the text */
    if (q && 64 * (words - 1) + (size_t)__builtin_ctzll(q) < len)
        end = 64 * (words - 1) + (size_t)__builtin_ctzll(q);
    *quote = end;
    words = (end + 63) / 64;
    if (end % 64) {
        uint64_t keep = ((uint64_t)1 << (end % 64)) - 1;

        sep[words - 1] &= keep;
        eol[words - 1] &= keep;
        blank[words - 1] &= keep;
    }
    return words;
}
