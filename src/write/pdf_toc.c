/*
 * pdf_toc.c - the table of contents, laid out in two passes.
 *
 * Its height does not depend on the page numbers it shows (they get a
 * column of fixed width), only on the headings, which are known before
 * any page is drawn.  So the measuring pass gives it the room it will
 * take, lays out the rest of the report and learns the page of every
 * heading; the drawing pass then draws it in its place, entry, dotted
 * leader and page number, in reading order with the text around it.  Its
 * links (each entry to its heading) can only be added once the pages they
 * point to exist: eg_pdf_toc_links does that at the end.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "write/pdf_priv.h"
#include "write/pdf_text.h"

#define TOC_SIZE 12.0
#define TOC_LEAD (TOC_SIZE * 1.4)
#define TOC_INDENT EG_PDF_MM(7)          /* per level below the first */
#define TOC_GAP 6.0                       /* text to leader, leader to number */
#define TOC_TITLE_SIZE 13.0
#define TOC_TITLE_AFTER 4.0               /* under the title */
#define TOC_AFTER 14.0
#define DOT_PITCH 3.6
#define DOT_RADIUS 0.45

/* One line of the contents, where it was placed. */
typedef struct {
    size_t block;          /* the heading it lists */
    size_t page;           /* where the line is */
    double top;            /* top of its line box */
    double x, width;       /* where its text goes */
    eg_pdf_line line;      /* bytes of the entry's text */
    int last;              /* the entry's last line: leader and number */
} toc_line;

struct eg_pdf_toc {
    toc_line *v;
    size_t n, cap;
    double num_w;          /* the page number column */
};

static const char *entry_text(const eg_block *b)
{
    return b->entry ? b->entry : b->text ? b->text : "";
}

static int listed(const eg_block *b)
{
    return (b->kind == EG_BLOCK_HEADING || b->kind == EG_BLOCK_APPENDIX) && b->in_contents &&
           *entry_text(b);
}

/* The highest entries (level 1, appendices) in bold at the margin, the
 * others indented by their depth. */
static HPDF_Font entry_font(const eg_pdf_ctx *c, size_t i)
{
    return c->depth[i] == 0 ? c->bold : c->reg;
}

static double entry_indent(const eg_pdf_ctx *c, size_t i)
{
    return c->depth[i] * TOC_INDENT;
}

/* Width of "1.2." at the start of an entry: its other lines hang there. */
static double number_width(HPDF_Font f, const char *s)
{
    size_t n = strcspn(s, " ");

    if (n == 0 || s[n - 1] != '.' || s[0] < '0' || s[0] > '9')
        return 0;
    return eg_pdf_text_width(f, TOC_SIZE, s, n + 1);
}

static void push(struct eg_pdf_toc *t, const toc_line *l)
{
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 32;
        t->v = eg_xrealloc(t->v, t->cap * sizeof *t->v);
    }
    t->v[t->n++] = *l;
}

/* A dotted leader from x0 to x1 on the baseline y; dots on a grid of the
 * page, so that they line up from one entry to the next.  Drawn as
 * graphics, not as text, so that the extracted text stays clean: one
 * stroked line whose dashes are dots (round caps on dashes of next to no
 * length), a few dozen bytes where a disc each took hundreds.  libharu
 * takes dashes in whole units from 1 to 100: drawn at a scale of
 * DOT_SCALE, a dash of 1 is 0.04 pt, and the pitch 90 units. */
#define DOT_SCALE 0.04
static void leader(HPDF_Page page, double x0, double x1, double y)
{
    const HPDF_UINT16 dash[2] = { 1, (HPDF_UINT16)(DOT_PITCH / DOT_SCALE + 0.5) - 1 };
    double x = ceil(x0 / DOT_PITCH) * DOT_PITCH;
    double n = floor((x1 - x) / DOT_PITCH + 1e-9);
    double centre = (y + DOT_RADIUS) / DOT_SCALE;
    HPDF_RGBColor ink = HPDF_Page_GetRGBFill(page);

    if (x > x1)
        return;
    HPDF_Page_GSave(page);
    HPDF_Page_Concat(page, DOT_SCALE, 0, 0, DOT_SCALE, 0, 0);
    HPDF_Page_SetRGBStroke(page, ink.r, ink.g, ink.b);
    HPDF_Page_SetLineWidth(page, (HPDF_REAL)(2 * DOT_RADIUS / DOT_SCALE));
    HPDF_Page_SetLineCap(page, HPDF_ROUND_END);
    HPDF_Page_SetDash(page, dash, 2, 0);
    /* each dot's dash centred on its place on the grid */
    HPDF_Page_MoveTo(page, (HPDF_REAL)(x / DOT_SCALE - 0.5), (HPDF_REAL)centre);
    HPDF_Page_LineTo(page, (HPDF_REAL)((x + n * DOT_PITCH) / DOT_SCALE + 0.5),
                     (HPDF_REAL)centre);
    HPDF_Page_Stroke(page);
    HPDF_Page_GRestore(page);
}

/* One line of an entry; its last line with the leader and the page the
 * measuring pass found. */
static void draw_entry_line(eg_pdf_ctx *c, const eg_doc *d, const struct eg_pdf_toc *t,
                            const toc_line *tl)
{
    const eg_block *b = &d->blocks[tl->block];
    HPDF_Font f = entry_font(c, tl->block);
    double base = tl->top - eg_pdf_baseline(f, TOC_SIZE, TOC_LEAD), right = c->left + c->width;
    char num[24];

    eg_pdf_draw_line(c->page, f, TOC_SIZE, entry_text(b), &tl->line, tl->x, base, tl->width,
                     EG_PDF_LEFT);
    if (!tl->last)
        return;
    snprintf(num, sizeof num, "%zu",
             c->toc_page ? c->toc_page_no[c->toc_page[tl->block]] : 0);
    leader(c->page, tl->x + tl->line.width + TOC_GAP, right - t->num_w - TOC_GAP, base);
    eg_pdf_draw_string(c->page, c->reg, TOC_SIZE, num, right, base, EG_PDF_RIGHT);
}

void eg_pdf_toc_place(eg_pdf_ctx *c, const eg_doc *d, size_t i)
{
    const eg_block *self = &d->blocks[i];
    struct eg_pdf_toc *t;
    eg_pdf_lines l = { 0 };
    double right = c->left + c->width;

    if (c->toc)                /* one table of contents */
        return;
    t = c->toc = eg_xcalloc(1, sizeof *t);
    t->num_w = eg_pdf_text_width(c->reg, TOC_SIZE, "0000", 4);

    /* Step 1: the title, with the first two entries below it (the space
     * under the title counted: without it, one entry alone followed the
     * title at the foot of a page). */
    eg_pdf_room_for(c, 10, TOC_TITLE_SIZE * 1.6 + TOC_TITLE_AFTER + 2 * TOC_LEAD);
    eg_pdf_centred(c, c->bold, TOC_TITLE_SIZE, TOC_TITLE_SIZE * 1.6,
                   self->text && *self->text ? self->text : "MỤC LỤC", c->left, c->width, &c->y);
    c->y -= TOC_TITLE_AFTER;

    /* Step 2: every line of every entry, placed as body text would be. */
    for (size_t k = 0; k < d->n_blocks; k++) {
        const eg_block *b = &d->blocks[k];
        HPDF_Font f;
        double x, hang, w;

        if (!listed(b))
            continue;
        f = entry_font(c, k);
        x = c->left + entry_indent(c, k);
        hang = number_width(f, entry_text(b));
        w = right - x - t->num_w - 2 * TOC_GAP;
        eg_pdf_lines_clear(&l);
        eg_pdf_break(f, TOC_SIZE, entry_text(b), w, w - hang, 0, &l);
        for (size_t j = 0; j < l.n; j++) {
            toc_line tl = { k, 0, 0, j ? x + hang : x, j ? w - hang : w, l.v[j], j + 1 == l.n };

            if (c->y - TOC_LEAD < c->bottom - EG_PDF_EPS)
                eg_pdf_new_page(c);
            tl.page = c->n_pages - 1;
            tl.top = c->y;
            push(t, &tl);
            if (c->page)
                draw_entry_line(c, d, t, &tl);
            c->y -= TOC_LEAD;
        }
    }
    c->y -= TOC_AFTER;
    eg_pdf_lines_free(&l);
}


void eg_pdf_toc_links(eg_pdf_ctx *c, const eg_doc *d)
{
    struct eg_pdf_toc *t = c->toc;
    double right = c->left + c->width;

    (void)d;
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        const toc_line *tl = &t->v[i];
        HPDF_Destination dst = HPDF_Page_CreateDestination(c->pages[c->at_page[tl->block]]);
        HPDF_Annotation a;
        HPDF_Rect r;

        if (!dst)
            continue;
        /* The whole line is a link to the heading, without a border. */
        HPDF_Destination_SetFitH(dst, (HPDF_REAL)(c->at_y[tl->block] + 6));
        r.left = (HPDF_REAL)tl->x;
        r.right = (HPDF_REAL)right;
        r.top = (HPDF_REAL)tl->top;
        r.bottom = (HPDF_REAL)(tl->top - TOC_LEAD);
        a = HPDF_Page_CreateLinkAnnot(c->pages[tl->page], r, dst);
        if (a)
            HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
    }
}

void eg_pdf_toc_free(eg_pdf_ctx *c)
{
    if (!c->toc)
        return;
    free(c->toc->v);
    free(c->toc);
    c->toc = NULL;
}
