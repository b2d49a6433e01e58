/*
 * pdf_bytes.c - libharu's HPDF_MemCpy and HPDF_MemSet, done by the C
 * library's memmove and memset.
 *
 * libharu 2.3.0 copies and fills memory a byte at a time (hpdf_utils.c):
 * every font table it reads, every page's content stream it writes, every
 * list it grows.  On the 2020 demo that was a third of the PDF's
 * instructions.  Its own calls to the two go through the procedure linkage
 * table (Debian's build), so the program defines them and exports them (the
 * Makefile's --export-dynamic-symbol; the linker would export them anyway,
 * libhpdf referring to them): libharu's calls come here.  Only for
 * the version whose behaviour this copies (hpdf_version.h says 2.3.x);
 * with another, libharu keeps its own.
 *
 * The same results, byte for byte: each returns the end of what it wrote
 * (out + n, s + n), as libharu's do.  A copy whose destination starts
 * inside its source, after it (not seen from libharu, but its loop defines
 * what it gives), is made a byte at a time as libharu makes it; one whose
 * destination starts before its source is what memmove makes of it.
 * tests/unit/test_pdf_bytes.c checks these against libharu's own;
 * tests/e2e_pdf.py that the loader binds libhpdf's calls to the program's.
 */
#include <hpdf.h>
#include <stdint.h>
#include <string.h>

#if HPDF_MAJOR_VERSION == 2 && HPDF_MINOR_VERSION == 3

HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n);
void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n);

HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
    if (n == 0)
        return out;     /* which may be NULL: no arithmetic on it */
    /* compared as numbers: the two may lie in different objects */
    if ((uintptr_t)out > (uintptr_t)in && (uintptr_t)out - (uintptr_t)in < n) {
        while (n > 0) {
            *out++ = *in++;
            n--;
        }
        return out;
    }
    memmove(out, in, n);
    return out + n;
}

void *HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
    if (n == 0)
        return s;
    memset(s, c, n);
    return (HPDF_BYTE *)s + n;
}

#endif
