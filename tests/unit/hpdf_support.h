/*
 * hpdf_support.h - what the PDF unit tests need of libharu: an error
 * handler that fails the test, and a document saved into memory.
 * Header-only, after cmocka.h: each test is one program.
 */
#ifndef EG_TEST_HPDF_SUPPORT_H
#define EG_TEST_HPDF_SUPPORT_H

#include <hpdf.h>

#include "core/mem.h"

/* libharu's error handler: any error fails the test. */
static void HPDF_STDCALL eg_test_hpdf_no_error(HPDF_STATUS e, HPDF_STATUS d, void *u)
{
    (void)u;
    fail_msg("libharu error 0x%04lX detail %lu", (unsigned long)e, (unsigned long)d);
}

/* The saved document of pdf, NUL-terminated; *n its size. */
static inline char *eg_test_hpdf_saved(HPDF_Doc pdf, HPDF_UINT32 *n)
{
    char *buf;

    assert_int_equal(HPDF_SaveToStream(pdf), HPDF_OK);
    *n = HPDF_GetStreamSize(pdf);
    buf = eg_xmalloc(*n + 1);
    assert_int_equal(HPDF_ReadFromStream(pdf, (HPDF_BYTE *)buf, n), HPDF_OK);
    buf[*n] = '\0';
    return buf;
}

#endif
