/*
 * pdf.c - lays out an eg_doc on A4 pages with libharu.
 *
 * One pass, top to bottom: every block asks how much room it needs before
 * it draws (a heading asks for itself plus the start of what follows, a
 * table row or a chart for all of itself), and a new page starts when the
 * room is not there.  This runs twice: a measuring pass that draws
 * nothing and learns on which page every heading falls, then the drawing
 * pass, which lays out the same pages and can print those numbers in the
 * table of contents (pdf_toc.c) where it stands, so that the text is
 * drawn in reading order.  Pages are kept in a list so that the page
 * numbers and the contents' links are added once the layout is done.  The form
 * of page 1, the signature and the appendix titles are in pdf_form.c.  libharu reports errors through
 * a handler that only records the first one; the writer checks it after
 * each step and turns it into an F_PDF diagnostic.
 */
#include "write/pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <hpdf.h>

#include "core/mem.h"
#include "write/deflate_level.h"
#include "write/pdf_chart.h"
#include "write/pdf_font.h"
#include "write/pdf_priv.h"
#include "write/pdf_text.h"
#include "write/publish.h"

#define EG_PDF_LANG "vi-VN"     /* the catalog's /Lang: the report's language */

/* Page: Nghị định 30/2020/NĐ-CP margins. */
#define MARGIN_TOP EG_PDF_MM(20)
#define MARGIN_BOTTOM EG_PDF_MM(20)
#define MARGIN_LEFT EG_PDF_MM(30)
#define MARGIN_RIGHT EG_PDF_MM(15)
/* Page numbers (Nghị định 30/2020, Phụ lục I): Arabic digits, 13 pt,
 * upright, centred in the top margin; page 1 shows none. */
#define PAGE_NUMBER_SIZE 13.0
#define PAGE_NUMBER_RAISE EG_PDF_MM(8)  /* baseline above the text's top */

/* Body text. */
#define BODY_SIZE 13.0
#define BODY_LEAD (BODY_SIZE * 1.3)
#define PARA_INDENT EG_PDF_MM(10)
#define PARA_AFTER 6.0
#define BULLET_STEP EG_PDF_MM(5)        /* mark to text, and level 1 to level 2 */
#define BULLET_AFTER 4.0
#define HEADING_BEFORE 8.0
#define HEADING_AFTER 3.0

/* Charts (tables: pdf_table.c). */
#define CHART_BEFORE 8.0
#define CHART_AFTER 12.0


static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no,
                                  void *user_data)
{
    eg_pdf_error *e = user_data;

    if (e->reading && error_no == HPDF_STREAM_EOF)
        return;
    if (e->error_no == 0) {
        e->error_no = error_no;
        e->detail_no = detail_no;
    }
}

/* A few words for the libharu errors a user can cause or meet. */
static const char *hpdf_error_text(HPDF_STATUS e)
{
    switch (e) {
    case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
    case HPDF_FILE_IO_ERROR: return "file input/output error";
    case HPDF_FILE_OPEN_ERROR: return "cannot open a file";
    case HPDF_INVALID_FONTDEF_DATA:
    case HPDF_TTF_INVALID_CMAP:
    case HPDF_TTF_INVALID_FOMAT:
    case HPDF_TTF_MISSING_TABLE: return "unusable TrueType font";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "the font does not allow embedding";
    case HPDF_INVALID_DATE_TIME: return "invalid date";
    case HPDF_PAGE_INSUFFICIENT_SPACE: return "text does not fit its box";
    default: return "see libharu's error list";
    }
}

static const char *str(const char *s)
{
    return s ? s : "";
}

int eg_pdf_at_top(const eg_pdf_ctx *c)
{
    return c->y >= c->top - EG_PDF_EPS;
}

void eg_pdf_new_page(eg_pdf_ctx *c)
{
    HPDF_Page p = c->dry ? NULL : HPDF_AddPage(c->pdf);

    if (p)
        HPDF_Page_SetSize(p, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    if (c->n_pages == c->cap_pages) {
        c->cap_pages = c->cap_pages ? c->cap_pages * 2 : 16;
        c->pages = eg_xrealloc(c->pages, c->cap_pages * sizeof *c->pages);
        c->page_no = eg_xrealloc(c->page_no, c->cap_pages * sizeof *c->page_no);
    }
    c->page_no[c->n_pages] = c->n_pages ? c->page_no[c->n_pages - 1] + 1 : 1;
    c->pages[c->n_pages++] = p;
    c->page = p;
    if (c->n_pages == 1) {
        /* libharu's A4, in points; the same in both passes. */
        const double w = 595.276, h = 841.89;

        c->left = MARGIN_LEFT;
        c->width = w - MARGIN_LEFT - MARGIN_RIGHT;
        c->top = h - MARGIN_TOP;
        c->bottom = MARGIN_BOTTOM;
    }
    c->y = c->top;
}

/* Leaves space above something of height need: on this page if both fit,
 * else at the top of a new page (where no space is left above). */
void eg_pdf_room_for(eg_pdf_ctx *c, double space, double need)
{
    if (eg_pdf_at_top(c))
        return;
    if (c->y - space - need < c->bottom - EG_PDF_EPS)
        eg_pdf_new_page(c);
    else
        c->y -= space;
}

/* Where the lines of a paragraph or bullet go. */
typedef struct {
    double x_first, w_first, x_rest, w_rest;
    const char *mark;       /* bullet mark, drawn at mark_x on the first line */
    double mark_x, after;
} flow_geom;

static void flow_geometry(const eg_pdf_ctx *c, const eg_block *b, flow_geom *g)
{
    double right = c->left + c->width;

    if (b->kind == EG_BLOCK_BULLET) {
        int second = b->level >= 2;

        g->mark = second ? "+" : "-";
        g->mark_x = c->left + PARA_INDENT + (second ? BULLET_STEP : 0);
        g->x_first = g->x_rest = g->mark_x + BULLET_STEP;
        g->w_first = g->w_rest = right - g->x_first;
        g->after = BULLET_AFTER;
    } else {
        g->mark = NULL;
        g->mark_x = 0;
        g->x_first = c->left + PARA_INDENT;
        g->w_first = c->width - PARA_INDENT;
        g->x_rest = c->left;
        g->w_rest = c->width;
        g->after = PARA_AFTER;
    }
}

/* Lines of a paragraph that must stay together at the top of a page: no
 * first line alone at the foot, no last line alone at the head. */
static size_t min_lines(size_t n)
{
    return n <= 3 ? n : 2;
}

/* Paragraphs and bullets: justified, split across pages line by line.
 * tail is the height of what must follow the last lines on their page
 * (the signature after the closing sentence), 0 for none: when it does
 * not fit, the last two lines go over with it. */
static void draw_flow(eg_pdf_ctx *c, const eg_block *b, double tail)
{
    eg_pdf_lines l = { 0 };
    flow_geom g;
    size_t n, i = 0;
    double base = eg_pdf_baseline(c->reg, BODY_SIZE, BODY_LEAD);

    flow_geometry(c, b, &g);
    n = eg_pdf_break_flow(c->reg, BODY_SIZE, str(b->text), g.w_first, g.w_rest, &l);
    while (i < n) {
        double avail = c->y - c->bottom;
        size_t fit = avail > 0 ? (size_t)((avail + EG_PDF_EPS) / BODY_LEAD) : 0;
        size_t k = fit < n - i ? fit : n - i;

        /* No last line alone at the head of the next page; no first
         * line alone at the foot of this one, unless it is empty anyway. */
        if (k < n - i && n - i - k == 1 && k > 1)
            k--;
        if (i == 0 && k < min_lines(n) && !eg_pdf_at_top(c))
            k = 0;
        if (tail > 0 && k == n - i && !eg_pdf_at_top(c) &&
            c->y - k * BODY_LEAD - g.after - tail < c->bottom - EG_PDF_EPS) {
            k -= k < 2 ? k : 2;
            if (i == 0 && k < min_lines(n))
                k = 0;
        }
        if (k == 0 && eg_pdf_at_top(c))
            k = 1;
        if (k == 0) {
            eg_pdf_new_page(c);
            continue;
        }
        for (; k > 0; k--, i++) {
            double y = c->y - base;

            if (i == 0 && g.mark)
                eg_pdf_draw_string(c->page, c->reg, BODY_SIZE, g.mark, g.mark_x, y,
                                   EG_PDF_LEFT);
            eg_pdf_draw_line(c->page, c->reg, BODY_SIZE, b->text, &l.v[i],
                             i == 0 ? g.x_first : g.x_rest, y,
                             i == 0 ? g.w_first : g.w_rest, EG_PDF_JUSTIFY);
            c->y -= BODY_LEAD;
        }
        if (i < n)
            eg_pdf_new_page(c);
    }
    c->y -= g.after;
    eg_pdf_lines_free(&l);
}

static HPDF_Font heading_font(const eg_pdf_ctx *c, int level)
{
    return level >= 3 ? c->bi : c->bold;
}

static double space_before(const eg_block *b)
{
    switch (b->kind) {
    case EG_BLOCK_HEADING: return HEADING_BEFORE;
    case EG_BLOCK_TABLE: return EG_PDF_TABLE_BEFORE;
    case EG_BLOCK_BARCHART: return CHART_BEFORE;
    default: return 0;
    }
}

/* The height a chart is laid out in with rest left at the foot of a page:
 * the page's body, or rest when the chart does not fit there whole but
 * fits pressed into it with every label whole. */
static double chart_body(const eg_pdf_ctx *c, const eg_block *b, double rest)
{
    double body = c->top - c->bottom;

    if (eg_pdf_chart_height(b, c->reg, c->bold, c->width, body) > rest &&
        eg_pdf_chart_min_height(b, c->reg, c->bold, c->width) <= rest &&
        !eg_pdf_chart_cuts(b, c->reg, c->bold, c->width, rest))
        return rest;
    return body;
}

/* Height block i needs at the foot of a page to start there, avail being
 * the room it would find: a heading all of itself and the start of what
 * follows, a paragraph its first lines, a table its header and first row
 * (all of it, when it would rather move whole), a chart all of itself,
 * pressed into avail where draw_chart would press it. */
static double keep_height(const eg_pdf_ctx *c, const eg_doc *d, size_t i, double avail)
{
    const eg_block *b = &d->blocks[i];
    eg_pdf_lines l = { 0 };
    double h = 0;

    switch (b->kind) {
    case EG_BLOCK_HEADING:
        eg_pdf_break(heading_font(c, b->level), BODY_SIZE, str(b->text),
                     c->width, c->width, 0, &l);
        h = l.n * BODY_LEAD + HEADING_AFTER;
        if (i + 1 < d->n_blocks) {
            double sp = space_before(&d->blocks[i + 1]);

            h += sp + keep_height(c, d, i + 1, avail - h - sp);
        }
        break;
    case EG_BLOCK_PARA:
    case EG_BLOCK_BULLET: {
        flow_geom g;

        flow_geometry(c, b, &g);
        eg_pdf_break_flow(c->reg, BODY_SIZE, str(b->text), g.w_first, g.w_rest, &l);
        h = min_lines(l.n) * BODY_LEAD;
        break;
    }
    case EG_BLOCK_TABLE:
        h = eg_pdf_table_keep(c, b, avail);
        break;
    case EG_BLOCK_BARCHART:
        /* as draw_chart would draw it there */
        if (b->n_bars)
            h = eg_pdf_chart_height(b, c->reg, c->bold, c->width, chart_body(c, b, avail));
        break;
    case EG_BLOCK_PAGEBREAK:
    case EG_BLOCK_CONTENTS:
    case EG_BLOCK_SIGNATURE:
    case EG_BLOCK_APPENDIX:
        break;
    }
    eg_pdf_lines_free(&l);
    return h;
}

/* A bookmark for block b (a heading or an appendix) whose top is at y,
 * under the last bookmark of a higher level; an appendix is at the top. */
static void add_outline(eg_pdf_ctx *c, const eg_block *b, int lv, double y)
{
    HPDF_Outline parent = NULL, o;
    HPDF_Destination dst;

    if (c->dry)
        return;
    for (int k = lv - 1; k >= 0 && !parent; k--)
        parent = c->outline[k];
    o = HPDF_CreateOutline(c->pdf, parent, b->entry ? b->entry : b->text, c->utf8);
    if (!o)
        return;
    dst = HPDF_Page_CreateDestination(c->page);
    if (dst) {
        HPDF_Destination_SetFitH(dst, (HPDF_REAL)(y + 6));
        HPDF_Outline_SetDestination(o, dst);
    }
    HPDF_Outline_SetOpened(o, lv < 2 ? HPDF_TRUE : HPDF_FALSE);
    c->outline[lv] = o;
    for (int k = lv + 1; k < 4; k++)
        c->outline[k] = NULL;
    c->has_outline = 1;
}

void eg_pdf_mark(eg_pdf_ctx *c, const eg_doc *d, size_t i, double y)
{
    const eg_block *b = &d->blocks[i];

    c->at_page[i] = c->n_pages - 1;
    c->at_y[i] = y;
    if (b->bookmark && ((b->entry && *b->entry) || (b->text && *b->text)))
        add_outline(c, b, c->depth[i], y);
}

/* The depth of every block: headings by level, one deeper after an
 * appendix (whose own headings are numbered afresh under it). */
static void depths(eg_pdf_ctx *c, const eg_doc *d)
{
    int inside = 0;

    for (size_t i = 0; i < d->n_blocks; i++) {
        const eg_block *b = &d->blocks[i];
        int lv = b->level < 1 ? 0 : b->level > 3 ? 2 : b->level - 1;

        if (b->kind == EG_BLOCK_APPENDIX)
            inside = 1;
        c->depth[i] = b->kind == EG_BLOCK_APPENDIX ? 0 : lv + inside;
    }
}

/* Headings: kept with what follows; a bookmark if asked. */
static void draw_heading(eg_pdf_ctx *c, const eg_doc *d, size_t i)
{
    const eg_block *b = &d->blocks[i];
    HPDF_Font f = heading_font(c, b->level);
    eg_pdf_lines l = { 0 };
    double base = eg_pdf_baseline(f, BODY_SIZE, BODY_LEAD);

    eg_pdf_room_for(c, HEADING_BEFORE,
                    keep_height(c, d, i, c->y - c->bottom - (eg_pdf_at_top(c) ? 0 : HEADING_BEFORE)));
    eg_pdf_mark(c, d, i, c->y);
    eg_pdf_break(f, BODY_SIZE, str(b->text), c->width, c->width, 0, &l);
    for (size_t k = 0; k < l.n; k++) {
        eg_pdf_draw_line(c->page, f, BODY_SIZE, b->text, &l.v[k], c->left,
                         c->y - base, c->width, EG_PDF_LEFT);
        c->y -= BODY_LEAD;
    }
    c->y -= HEADING_AFTER;
    eg_pdf_lines_free(&l);
}

/* A chart whole on one page: here if it fits, or if it fits pressed into
 * the rest of this page with every label whole; else at the top of the
 * next. */
static void draw_chart(eg_pdf_ctx *c, const eg_block *b)
{
    double body = c->top - c->bottom, h;

    if (b->n_bars == 0)
        return;
    if (!eg_pdf_at_top(c))
        body = chart_body(c, b, c->y - CHART_BEFORE - c->bottom);
    h = eg_pdf_chart_height(b, c->reg, c->bold, c->width, body);
    eg_pdf_room_for(c, CHART_BEFORE, h);
    if (c->page)
        eg_pdf_chart_draw(c->page, b, c->reg, c->bold, c->left, c->y, c->width, body);
    c->y -= h + CHART_AFTER;
}

static void draw_block(eg_pdf_ctx *c, const eg_doc *d, size_t i)
{
    const eg_block *b = &d->blocks[i];

    switch (b->kind) {
    case EG_BLOCK_HEADING: draw_heading(c, d, i); break;
    case EG_BLOCK_PARA:
    case EG_BLOCK_BULLET:
        /* The signature is not left alone: the text before it comes along. */
        draw_flow(c, b, (i + 1 < d->n_blocks && d->blocks[i + 1].kind == EG_BLOCK_SIGNATURE) ||
                        (i + 1 == d->n_blocks && !c->sign_block)
                        ? eg_pdf_form_signature_height(c, d) : 0);
        break;
    case EG_BLOCK_TABLE: eg_pdf_table_draw(c, b); break;
    case EG_BLOCK_BARCHART: draw_chart(c, b); break;
    case EG_BLOCK_PAGEBREAK:
        if (!eg_pdf_at_top(c))
            eg_pdf_new_page(c);
        break;
    case EG_BLOCK_CONTENTS: eg_pdf_toc_place(c, d, i); break;
    case EG_BLOCK_APPENDIX: eg_pdf_form_appendix(c, d, i); break;
    case EG_BLOCK_SIGNATURE:
        if (!c->signed_here)
            eg_pdf_form_signature(c, d);
        c->signed_here = 1;
        break;
    }
}

static void draw_page_numbers(eg_pdf_ctx *c)
{
    char buf[32];

    for (size_t i = 1; i < c->n_pages; i++) {
        if (c->page_no[i] == 1)
            continue;           /* an appendix's first page */
        snprintf(buf, sizeof buf, "%zu", c->page_no[i]);
        eg_pdf_draw_string(c->pages[i], c->reg, PAGE_NUMBER_SIZE, buf,
                           c->left + c->width / 2, c->top + PAGE_NUMBER_RAISE, EG_PDF_CENTER);
    }
}

/* One pass over the report: page 1's form, every block, the signature
 * at the end unless a block placed it.  Returns -1 on a libharu error. */
static int lay_out(eg_pdf_ctx *c, const eg_doc *d)
{
    snprintf(c->what, sizeof c->what, "drawing the header");
    eg_pdf_new_page(c);
    eg_pdf_form_header(c, d);
    if (c->err.error_no)
        return -1;
    for (size_t i = 0; i < d->n_blocks; i++) {
        snprintf(c->what, sizeof c->what, "drawing block %zu of %zu", i + 1, d->n_blocks);
        draw_block(c, d, i);
        if (c->err.error_no)
            return -1;
    }
    snprintf(c->what, sizeof c->what, "drawing the signature");
    if (!c->signed_here)
        eg_pdf_form_signature(c, d);
    return c->err.error_no ? -1 : 0;
}

/* Forgets the pages of a pass (the measuring one drew none). */
static void restart(eg_pdf_ctx *c, const eg_doc *d)
{
    c->n_pages = 0;
    c->page = NULL;
    c->y = 0;
    memset(c->outline, 0, sizeof c->outline);
    c->has_outline = 0;
    c->signed_here = 0;
    eg_pdf_toc_free(c);
    memset(c->at_page, 0, (d->n_blocks + 1) * sizeof *c->at_page);
    memset(c->at_y, 0, (d->n_blocks + 1) * sizeof *c->at_y);
}

static unsigned long be32(const unsigned char *p)
{
    return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
           (unsigned long)p[2] << 8 | p[3];
}

/* libharu 2.3.0 crashes on a file that is not TrueType (it reads tables
 * that are not there), so look before it loads: an sfnt header, a table
 * directory inside the file, the tables libharu reads.  Returns NULL when
 * the file looks usable, else what is wrong with it. */
static const char *ttf_problem(const char *file)
{
    static const char *const need[] = {
        "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name", "OS/2", "post",
    };
    unsigned char hdr[12], *dir = NULL;
    const char *why = NULL;
    FILE *f = fopen(file, "rb");
    long size = 0;
    size_t n = 0;

    if (!f)
        return strerror(errno);
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 12 ||
        fseek(f, 0, SEEK_SET) != 0 || fread(hdr, 1, 12, f) != 12)
        why = ferror(f) ? strerror(errno) : "too short to be a font";   /* the disk's, or its */
    else if (memcmp(hdr, "\0\1\0\0", 4) != 0 && memcmp(hdr, "true", 4) != 0)
        why = "not a TrueType font";
    else if ((n = (size_t)(hdr[4] << 8 | hdr[5])) == 0 || 12 + 16 * (long)n > size)
        why = "damaged table directory";
    if (!why) {
        dir = eg_xmalloc(16 * n);
        if (fread(dir, 16, n, f) != n)
            why = ferror(f) ? strerror(errno) : "damaged table directory";
    }
    for (size_t k = 0; !why && k < sizeof need / sizeof *need; k++) {
        size_t i = 0;

        while (i < n && memcmp(dir + 16 * i, need[k], 4) != 0)
            i++;
        if (i == n || be32(dir + 16 * i + 8) + be32(dir + 16 * i + 12) > (unsigned long)size)
            why = "a table the PDF library needs is missing or cut short";
    }
    fclose(f);
    free(dir);
    return why;
}

/* The encoder, the fonts and the document properties.  Returns 0, or -1
 * after a diagnostic. */
const char *const eg_pdf_face_files[EG_PDF_FACES] = {
    "NotoSerif-Regular.ttf", "NotoSerif-Bold.ttf", "NotoSerif-Italic.ttf",
    "NotoSerif-BoldItalic.ttf",
};

static int setup(eg_pdf_ctx *c, const eg_doc *d, const char *font_dir,
                 const char *path, eg_diag_list *dl)
{
    HPDF_Font *slot[EG_PDF_FACES] = { &c->reg, &c->bold, &c->it, &c->bi };
    int failed = 0;
    const struct { HPDF_InfoType type; const char *value; } info[] = {
        { HPDF_INFO_TITLE, d->meta_title }, { HPDF_INFO_AUTHOR, d->meta_author },
        { HPDF_INFO_SUBJECT, d->meta_subject }, { HPDF_INFO_KEYWORDS, d->meta_keywords },
        { HPDF_INFO_CREATOR, d->meta_creator },
    };

    /* Step 1: UTF-8 everywhere, before any string goes in. */
    snprintf(c->what, sizeof c->what, "setting up the UTF-8 encoder");
    HPDF_SetCompressionMode(c->pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(c->pdf);
    HPDF_SetCurrentEncoder(c->pdf, "UTF-8");
    c->utf8 = HPDF_GetEncoder(c->pdf, "UTF-8");
    if (!c->utf8 && !c->err.error_no)
        c->err.error_no = HPDF_INVALID_ENCODER;
    if (c->err.error_no)
        return -1;

    /* Step 2: the four faces, embedded, each through a cut-down copy
     * (pdf_font.h). */
    for (int i = 0; i < EG_PDF_FACES && !failed; i++) {
        char *file = eg_xasprintf("%s/%s", font_dir, eg_pdf_face_files[i]);
        const char *name, *why = ttf_problem(file);

        if (why) {
            eg_diag_add(dl, EG_FATAL, "F_PDF", path, 0, 0, NULL, NULL,
                        "cannot use font '%s': %s (package fonts-noto-core)",
                        file, why);
            free(file);
            failed = 1;
            break;
        }
        snprintf(c->what, sizeof c->what, "loading font '%s'", eg_pdf_face_files[i]);
        name = eg_pdf_load_face(c->pdf, file, NULL);
        free(file);
        *slot[i] = name ? eg_pdf_get_font(c->pdf, name) : NULL;
        /* libharu records some errors without calling the handler (a
         * write into a stream that runs out of memory): the document's
         * own error then says what went wrong */
        if (!*slot[i] && !c->err.error_no) {
            HPDF_STATUS recorded = HPDF_GetError(c->pdf);

            c->err.error_no = recorded ? recorded : HPDF_INVALID_FONT_NAME;
        }
        failed = c->err.error_no != 0;
    }
    if (failed)
        return -1;

    /* Step 3: document properties; a date only when the caller gives one. */
    snprintf(c->what, sizeof c->what, "setting document properties");
    for (size_t i = 0; i < sizeof info / sizeof *info; i++)
        if (info[i].value && *info[i].value)
            HPDF_SetInfoAttr(c->pdf, info[i].type, info[i].value);
    /* The text's language, which libharu 2.3.0 has no call for: a screen
     * reader reads the report as Vietnamese, a viewer hyphenates and
     * searches it as such.  /Lang is PDF 1.4's, so the file says 1.4. */
    HPDF_Dict_Add(c->pdf->catalog, "Lang", HPDF_String_New(c->pdf->mmgr, EG_PDF_LANG, NULL));
    c->pdf->pdf_version = HPDF_VER_14;
    if (d->created != 0) {
        time_t t = (time_t)d->created;
        struct tm tm;

        if (gmtime_r(&t, &tm)) {
            HPDF_Date date = { tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                               tm.tm_hour, tm.tm_min, tm.tm_sec, 'Z', 0, 0 };

            HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, date);
        }
    }
    return c->err.error_no ? -1 : 0;
}

/* Writes buf to path through a temporary file beside it, renamed at the
 * end, so path is never seen half-written.  Its way to the disk is only
 * started: a build's commit syncs every output before it shows any
 * (write/publish.h), and waiting here would hold this thread for nothing. */
static int write_whole(const char *path, const void *buf, size_t n, eg_diag_list *dl)
{
    char *tmp = eg_xasprintf("%s.%ld.tmp", path, (long)getpid());
    const char *p = buf;
    size_t left = n;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);

    if (fd < 0 && errno == EEXIST && unlink(tmp) == 0)
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0)
        goto fail;
    while (left > 0) {
        ssize_t k = write(fd, p, left);

        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            goto fail;
        p += k;
        left -= (size_t)k;
    }
    if (eg_publish_start_writeback(fd) != 0)
        goto fail;
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0)
        goto fail;
    free(tmp);
    return 0;

fail:
    eg_diag_add(dl, EG_FATAL, "F_PDF", path, 0, 0, NULL, NULL,
                "cannot write the PDF report: %s", strerror(errno));
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return -1;
}

/* Saves the document into *buf (malloc'd, *size bytes).  Returns 0, or
 * -1 with the error in c->err. */
static int save_to_memory(eg_pdf_ctx *c, HPDF_BYTE **buf, HPDF_UINT32 *size)
{
    HPDF_UINT32 got = 0;
    HPDF_STATUS saved;

    snprintf(c->what, sizeof c->what, "saving the document");
    *buf = NULL;
    eg_deflate_fast_begin();
    saved = HPDF_SaveToStream(c->pdf);
    eg_deflate_fast_end();
    if (saved != HPDF_OK || c->err.error_no)
        return -1;
    *size = HPDF_GetStreamSize(c->pdf);
    *buf = eg_xmalloc(*size ? *size : 1);
    c->err.reading = 1;
    while (got < *size) {
        HPDF_UINT32 k = *size - got;
        HPDF_STATUS st = HPDF_ReadFromStream(c->pdf, *buf + got, &k);

        got += k;
        if (k == 0 || (st != HPDF_OK && st != HPDF_STREAM_EOF))
            break;
    }
    c->err.reading = 0;
    if (got == *size && *size > 0 && !c->err.error_no)
        return 0;
    if (!c->err.error_no)
        c->err.error_no = HPDF_STREAM_EOF;   /* a short read */
    free(*buf);
    *buf = NULL;
    return -1;
}

int eg_pdf_write(const eg_doc *doc, const char *path, const char *font_dir,
                 eg_diag_list *dl)
{
    eg_pdf_ctx c;
    HPDF_BYTE *buf;
    HPDF_UINT32 size = 0;
    size_t n_measured;
    int rc = -1;

    memset(&c, 0, sizeof c);
    if (!font_dir || !*font_dir)
        font_dir = EG_PDF_FONT_DIR;

    /* Step 1: the document, the encoder, the fonts. */
    c.pdf = HPDF_New(on_error, &c.err);
    if (!c.pdf) {
        eg_diag_add(dl, EG_FATAL, "F_PDF", path, 0, 0, NULL, NULL,
                    "cannot start libharu to write the PDF report (out of memory)");
        return -1;
    }
    eg_pdf_widths_begin();      /* ended before the document is freed */
    c.at_page = eg_xcalloc(doc->n_blocks + 1, sizeof *c.at_page);
    c.at_y = eg_xcalloc(doc->n_blocks + 1, sizeof *c.at_y);
    c.depth = eg_xcalloc(doc->n_blocks + 1, sizeof *c.depth);
    depths(&c, doc);
    for (size_t i = 0; i < doc->n_blocks; i++)
        c.sign_block |= doc->blocks[i].kind == EG_BLOCK_SIGNATURE;
    if (setup(&c, doc, font_dir, path, dl) != 0)
        goto fail;

    /* Step 2: the measuring pass: the whole report laid out, nothing
     * drawn, to learn the page of every heading for the contents. */
    c.dry = 1;
    if (lay_out(&c, doc) != 0)
        goto fail;
    c.toc_page = eg_xmalloc((doc->n_blocks + 1) * sizeof *c.toc_page);
    memcpy(c.toc_page, c.at_page, (doc->n_blocks + 1) * sizeof *c.toc_page);
    n_measured = c.n_pages;
    c.toc_page_no = eg_xmalloc((n_measured + 1) * sizeof *c.toc_page_no);
    memcpy(c.toc_page_no, c.page_no, n_measured * sizeof *c.toc_page_no);
    restart(&c, doc);

    /* Step 3: the drawing pass, the same layout, the contents drawn in
     * their place with the numbers now known. */
    c.dry = 0;
    if (lay_out(&c, doc) != 0)
        goto fail;
    if (c.n_pages != n_measured ||
        memcmp(c.toc_page, c.at_page, (doc->n_blocks + 1) * sizeof *c.toc_page) != 0) {
        eg_diag_add(dl, EG_FATAL, "F_PDF", path, 0, 0, NULL, NULL,
                    "cannot write the PDF report: the two layout passes disagree "
                    "(%zu pages, then %zu); please report this", n_measured, c.n_pages);
        goto done_fail;
    }

    /* Step 4: what needs every page: the contents' links, the numbers. */
    snprintf(c.what, sizeof c.what, "drawing the page numbers");
    eg_pdf_toc_links(&c, doc);
    draw_page_numbers(&c);
    if (c.has_outline)
        HPDF_SetPageMode(c.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    if (c.err.error_no)
        goto fail;

    /* Step 5: out, whole. */
    if (save_to_memory(&c, &buf, &size) != 0)
        goto fail;
    rc = write_whole(path, buf, size, dl);
    free(buf);
    goto done;

fail:
    if (c.err.error_no)
        eg_diag_add(dl, EG_FATAL, "F_PDF", path, 0, 0, NULL, NULL,
                    "cannot write the PDF report: libharu error 0x%04lX (%s), "
                    "detail %lu, while %s",
                    (unsigned long)c.err.error_no, hpdf_error_text(c.err.error_no),
                    (unsigned long)c.err.detail_no, c.what);
done_fail:
    rc = -1;
done:
    eg_pdf_widths_end();
    HPDF_Free(c.pdf);
    eg_pdf_toc_free(&c);
    free(c.pages);
    free(c.page_no);
    free(c.toc_page_no);
    free(c.at_page);
    free(c.at_y);
    free(c.depth);
    free(c.toc_page);
    return rc;
}
