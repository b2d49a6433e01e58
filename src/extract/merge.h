/*
 * merge.h - cells merged over several rows, as a workbook stores them.
 *
 * A spreadsheet keeps a merged range's text in its top-left cell only;
 * the cells it covers are stored empty, though the clerk sees the text
 * over all of them (a unit's code merged down the rows of its
 * indicators).  A reader collects the ranges that span more than one row,
 * and apart those within one row over several columns (they change no
 * value's reading, only a header's), and hands them on with every row of
 * the sheet (eg_row.merges); the table (table.h) fills the covered cells
 * of the columns it reads.
 */
#ifndef EG_MERGE_H
#define EG_MERGE_H

#include <stddef.h>

/* One range: rows first_row < last_row, columns first_col..last_col (all
 * 1-based, as a spreadsheet numbers them). */
typedef struct {
    long first_row, last_row;
    int first_col, last_col;
} eg_merge;

typedef struct eg_merges {
    eg_merge *v;           /* by first row, then first column (eg_merges_sort) */
    size_t n, cap;
    /* Ranges within one row over several columns, in the same order: no
     * value's reading changes by them, but a header's name merged over
     * the columns of its sub-headings ("Giá trị" over "Năm 2019" and
     * "Năm 2020") names each of them (table.c).  The first EG_MAX_MERGES
     * are kept, the rest let go without a word. */
    eg_merge *wide;
    size_t n_wide, cap_wide;
} eg_merges;

/* The most row-spanning ranges one sheet may have: a form merges a unit's
 * code over its rows, a few thousand at most; a hostile sheet could
 * otherwise make us hold one for every 20 bytes of its part. */
#define EG_MAX_MERGES 100000

/* E_XLSX_TOO_MANY_MERGES's message, for a workbook of either kind. */
#define EG_MERGES_TOO_MANY_MSG "trang tính có hơn 100.000 vùng ô gộp trải trên nhiều " \
                               "dòng, nhiều hơn hẳn một biểu mẫu báo cáo: " \
                               "tệp không được đọc"
_Static_assert(EG_MAX_MERGES == 100000, "EG_MERGES_TOO_MANY_MSG says 100.000");

/* Adds a range (1-based; corners in any order).  One within a single row
 * goes to m->wide when it spans several columns (a single cell is not
 * kept).  0; -1 when the sheet already has EG_MAX_MERGES over rows. */
int eg_merges_add(eg_merges *m, long r1, int c1, long r2, int c2);

/* Adds a range written as a workbook writes it ("A5:C8", "$A$5:$C$8",
 * "B7" alone).  0; 1 when ref is no range within XFD1048576 (nothing
 * added); -1 past EG_MAX_MERGES. */
int eg_merges_add_ref(eg_merges *m, const char *ref);

/* Orders the ranges for a reading row by row: before the first row goes
 * out. */
void eg_merges_sort(eg_merges *m);

void eg_merges_free(eg_merges *m);

/* "C5:C8" for a range, in buf. */
const char *eg_merge_name(char *buf, size_t cap, const eg_merge *g);

#endif
