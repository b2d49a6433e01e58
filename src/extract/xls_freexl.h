/*
 * xls_freexl.h - an .xls that FreeXL 1.0.6 cannot read safely.
 *
 * FreeXL trusts a workbook's records: fuzzing found it reading past a
 * record by the length a text claims, completing a shared string from a
 * record too short for it, and losing a sheet's table of cells to a
 * second DIMENSION record or a sheet listed without one.  The library
 * cannot be mended here, so the BIFF reader (xls_biff.c) follows the
 * stream as FreeXL would and refuses such a file before it is handed on.
 * Only a workbook older than BIFF8 (Excel 5/95) is handed to FreeXL; a
 * BIFF8 one is read by xls_biff.c alone.
 */
#ifndef EG_XLS_FREEXL_H
#define EG_XLS_FREEXL_H

#include <stddef.h>

/* 0 when FreeXL may read the workbook stream[0..n) (biff8: BIFF8's
 * texts, else BIFF5's); -1 with *why (a static string in the clerk's
 * words) when its sheets are not as FreeXL can hold them or its texts run
 * past their records as FreeXL reads them. */
int eg_xls_freexl_refuses(const unsigned char *stream, size_t n, int biff8, const char **why);

#endif
