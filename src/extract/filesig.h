/*
 * filesig.h - what a file is, by the magic number its first bytes hold.
 *
 * The readers of each kind tell a clerk what a file they cannot read
 * really is (an .xlsx named .csv, a PDF named .xlsx): they share these
 * signatures, and each words its own message.
 */
#ifndef EG_EXTRACT_FILESIG_H
#define EG_EXTRACT_FILESIG_H

#include <stddef.h>
#include <string.h>

typedef enum {
    EG_SIG_NONE,     /* none of the below (text, or something else) */
    EG_SIG_ZIP,      /* PK 03 04: an .xlsx, an .ods, any zip archive */
    EG_SIG_OLE,      /* a compound file: an .xls, or a workbook with a password */
    EG_SIG_PDF,      /* %PDF- */
    EG_SIG_PNG,
    EG_SIG_JPEG,
} eg_file_sig;

/* The signature the first n bytes at b start with. */
static inline eg_file_sig eg_file_sig_of(const unsigned char *b, size_t n)
{
    if (n >= 4 && memcmp(b, "PK\x03\x04", 4) == 0)
        return EG_SIG_ZIP;
    if (n >= 8 && memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return EG_SIG_OLE;
    if (n >= 5 && memcmp(b, "%PDF-", 5) == 0)
        return EG_SIG_PDF;
    if (n >= 8 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
        return EG_SIG_PNG;
    if (n >= 3 && memcmp(b, "\xFF\xD8\xFF", 3) == 0)
        return EG_SIG_JPEG;
    return EG_SIG_NONE;
}

#endif
