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
    size_t *page_no;              /* per page: its number, 1 again at each
                                     appendix (Nghị định 30/2020); a page
                                     numbered 1 shows none */
    size_t n_pages, cap_pages;
    double left, width, top, bottom;   /* the text area, points from bottom-left */
    double y;                     /* top of the free space on the page */
    HPDF_Outline outline[4];      /* the last bookmark of each depth */
    int has_outline;
    size_t *at_page;              /* per block: the page (0-based) a heading
                                     or appendix was drawn on */
    double *at_y;                 /* and the top of it there */
    int *depth;                   /* per block: its depth in the outline and
                                     the contents, 0 the highest: an
                                     appendix 0, a heading its level - 1,
                                     one more inside an appendix */
    struct eg_pdf_toc *toc;       /* the table of contents (pdf_toc.c) */
    int dry;                      /* the measuring pass: pages are NULL,
                                     nothing is drawn, the layout is the same */
    size_t *toc_page;             /* per block: its page, from the measuring
                                     pass, for the contents */
    size_t *toc_page_no;          /* per page: its number, from that pass */
    int signed_here;              /* the signature block was drawn */
    int sign_block;               /* the document places it (a block) */
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

/* Records that block i (a heading or an appendix) starts at y on the
 * current page, for the table of contents, and adds its bookmark. */
void eg_pdf_mark(eg_pdf_ctx *c, const eg_doc *d, size_t i, double y);

/* The form (pdf_form.c).  eg_pdf_centred draws text centred in [x, x+w)
 * from *top down (two balanced lines if it is too wide), moves *top below
 * it and returns the widest line. */
double eg_pdf_centred(eg_pdf_ctx *c, HPDF_Font f, double size, double lead,
                      const char *text, double x, double w, double *top);
void eg_pdf_form_header(eg_pdf_ctx *c, const eg_doc *d);
void eg_pdf_form_signature(eg_pdf_ctx *c, const eg_doc *d);
double eg_pdf_form_signature_height(const eg_pdf_ctx *c, const eg_doc *d);
void eg_pdf_form_appendix(eg_pdf_ctx *c, const eg_doc *d, size_t i);

/* The table of contents (pdf_toc.c), where block i stands: its height
 * depends on the headings it lists, not on their pages, so the measuring
 * pass gives it the same room as the drawing pass, which draws it with
 * the pages the measuring pass found (c->toc_page).  Its links point to
 * pages that do not exist yet when it is drawn: eg_pdf_toc_links adds
 * them once every page is there. */
void eg_pdf_toc_place(eg_pdf_ctx *c, const eg_doc *d, size_t i);
void eg_pdf_toc_links(eg_pdf_ctx *c, const eg_doc *d);
void eg_pdf_toc_free(eg_pdf_ctx *c);

/* Tables (pdf_table.c): the height a table needs to start where avail is
 * left on the page (its header and first row; all of it when it would be
 * split with fewer than three rows on one side but fits on a page), and
 * the drawing, across pages as needed. */
double eg_pdf_table_keep(const eg_pdf_ctx *c, const eg_block *b, double avail);
void eg_pdf_table_draw(eg_pdf_ctx *c, const eg_block *b);

#endif
