/*
 * test_pdf_bytes.c - libharu's HPDF_MemCpy and HPDF_MemSet done by the C
 * library (src/write/pdf_bytes.c): the program's are the ones the
 * loader finds first, and they give what libharu's own give (the bytes
 * and the pointer returned, libharu's own found behind ours with dlsym):
 * a copy of every length up to 300 with its destination at every offset
 * from 48 bytes before its source to 48 after (apart, and overlapping
 * either way), between two buffers, and of nothing to or from NULL; a
 * fill of every length up to 300, and of nothing at NULL.  That libhpdf's
 * own calls are bound to the program's is checked by tests/e2e_pdf.py
 * (the loader's bindings).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <hpdf.h>
#include <string.h>

HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n);
void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n);

typedef HPDF_BYTE *(*memcpy_fn)(HPDF_BYTE *, const HPDF_BYTE *, HPDF_UINT);
typedef void *(*memset_fn)(void *, HPDF_BYTE, HPDF_UINT);

/* libharu's own definition of name, the one after the program's. */
static void *libharu_own(const char *name)
{
    void *lib = dlopen("libhpdf-2.3.0.so", RTLD_LAZY | RTLD_NOLOAD);
    void *f = lib ? dlsym(lib, name) : NULL;

    assert_non_null(f);
    dlclose(lib);       /* the program keeps it loaded: f stays good */
    return f;
}

#define BUF 640

/* Bytes that tell every position apart. */
static void fill(HPDF_BYTE *b)
{
    for (int i = 0; i < BUF; i++)
        b[i] = (HPDF_BYTE)(i * 7 + 3);
}

static void libharu_calls_the_programs_own(void **state)
{
    (void)state;
    /* the lookup libharu's calls go through finds the program's first */
    assert_ptr_equal(dlsym(RTLD_DEFAULT, "HPDF_MemCpy"), (void *)HPDF_MemCpy);
    assert_ptr_equal(dlsym(RTLD_DEFAULT, "HPDF_MemSet"), (void *)HPDF_MemSet);
    assert_ptr_not_equal(libharu_own("HPDF_MemCpy"), (void *)HPDF_MemCpy);
    assert_ptr_not_equal(libharu_own("HPDF_MemSet"), (void *)HPDF_MemSet);
}

/* Every length up to 300, the destination at every offset from 48 bytes
 * before the source to 48 after, in one buffer (the source's alignment
 * moved with the length); then between two buffers, and nothing copied
 * to or from NULL. */
static void a_copy_is_libharus_on_every_length_and_overlap(void **state)
{
    memcpy_fn own;
    HPDF_BYTE a[BUF], b[BUF];
    long checked = 0;

    (void)state;
    *(void **)&own = libharu_own("HPDF_MemCpy");
    for (unsigned n = 0; n <= 300; n++) {
        int from = 100 + (int)(n % 7);

        for (int to = from - 48; to <= from + 48; to++) {
            fill(a);
            fill(b);
            HPDF_BYTE *ra = HPDF_MemCpy(a + to, a + from, n);
            HPDF_BYTE *rb = own(b + to, b + from, n);

            assert_ptr_equal(ra - a, rb - b);
            assert_memory_equal(a, b, BUF);
            checked++;
        }
    }
    assert_int_equal(checked, 301 * 97);
    /* between two buffers */
    fill(a);
    memset(b, 0, sizeof b);
    assert_ptr_equal(HPDF_MemCpy(b + 5, a + 1, 200), b + 205);
    assert_memory_equal(b + 5, a + 1, 200);
    assert_int_equal(b[4], 0);
    assert_int_equal(b[205], 0);
    /* nothing: the destination given back as it came, NULL too */
    assert_ptr_equal(HPDF_MemCpy(NULL, NULL, 0), NULL);
    assert_ptr_equal(own(NULL, NULL, 0), NULL);
    assert_ptr_equal(HPDF_MemCpy(b, NULL, 0), b);
}

static void a_fill_is_libharus_on_every_length(void **state)
{
    memset_fn own;
    HPDF_BYTE a[BUF], b[BUF];

    (void)state;
    *(void **)&own = libharu_own("HPDF_MemSet");
    for (unsigned n = 0; n <= 300; n++) {
        for (int at = 0; at < 20; at += 7) {
            fill(a);
            fill(b);
            void *ra = HPDF_MemSet(a + at, (HPDF_BYTE)(0xA5 + n), n);
            void *rb = own(b + at, (HPDF_BYTE)(0xA5 + n), n);

            assert_int_equal((HPDF_BYTE *)ra - a, (HPDF_BYTE *)rb - b);
            assert_memory_equal(a, b, BUF);
        }
    }
    assert_ptr_equal(HPDF_MemSet(NULL, 7, 0), NULL);
    assert_ptr_equal(own(NULL, 7, 0), NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(libharu_calls_the_programs_own),
        cmocka_unit_test(a_copy_is_libharus_on_every_length_and_overlap),
        cmocka_unit_test(a_fill_is_libharus_on_every_length),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
