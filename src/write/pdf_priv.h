/*
 * pdf_priv.h - what the PDF writer's parts share: the layout context
 * (document, fonts, pages, the cursor) and its page handling.  Not for
 * use outside src/write/pdf*.c.
 */
#ifndef EG_PDF_PRIV_H
#define EG_PDF_PRIV_H

#include <stddef.h>

#include <hpdf.h>

#include "write/doc.h"

#define EG_PDF_MM(x) ((x) * 72.0 / 25.4)
#define EG_PDF_EPS 0.01              /* points: rounding slack */
#define EG_PDF_TABLE_BEFORE 4.0      /* space above a table */

/* The first libharu error, as its handler saw it. */
typedef struct {
    HPDF_STATUS error_no, detail_no;
    int reading;      /* reading the result: the end of the stream is no error */
} eg_pdf_error;

typedef struct {
    HPDF_Doc pdf;
    HPDF_Encoder utf8;
    HPDF_Font reg, bold, it, bi;
    HPDF_Page page;               /* the page being filled */
    HPDF_Page *pages;
    size_t n_pages, cap_pages;
    double left, width, top, bottom;   /* the text area, points from bottom-left */
    double y;                     /* top of the free space on the page */
    HPDF_Outline outline[3];      /* the last bookmark of each level */
    int has_outline;
    eg_pdf_error err;
    char what[128];               /* what was being done, for messages */
} eg_pdf_ctx;

/* True when nothing has been drawn on the current page yet. */
int eg_pdf_at_top(const eg_pdf_ctx *c);

/* Starts a new A4 page; the cursor goes to its top. */
void eg_pdf_new_page(eg_pdf_ctx *c);

/* Leaves space above something of height need: on this page if both fit,
 * else at the top of a new page (where no space is left above). */
void eg_pdf_room_for(eg_pdf_ctx *c, double space, double need);

/* Tables (pdf_table.c): the height a table needs to start on a page (its
 * header and first row), and the drawing, across pages as needed. */
double eg_pdf_table_keep(const eg_pdf_ctx *c, const eg_block *b);
void eg_pdf_table_draw(eg_pdf_ctx *c, const eg_block *b);

#endif
