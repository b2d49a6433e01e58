/*
 * pdf_form.c - the parts of the Nghị định 30/2020/NĐ-CP form: the heading
 * of page 1 (issuing body, national motto, number, place and date, title),
 * the signature block with Nơi nhận, and the title of an appendix.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "write/pdf_priv.h"
#include "write/pdf_text.h"

/* Header and signature. */
#define LEFT_COL 0.40            /* share of the text width, header */
#define SIGN_LEFT_COL 0.45       /* share of the text width, signature */
#define SIGN_BEFORE 14.0
#define SIGN_SPACE EG_PDF_MM(20)        /* room for the signature and seal */

static const char *str(const char *s)
{
    return s ? s : "";
}

static void rule(eg_pdf_ctx *c, double cx, double y, double len)
{
    if (!c->page)
        return;
    HPDF_Page_SetLineWidth(c->page, 0.6f);
    HPDF_Page_MoveTo(c->page, (HPDF_REAL)(cx - len / 2), (HPDF_REAL)y);
    HPDF_Page_LineTo(c->page, (HPDF_REAL)(cx + len / 2), (HPDF_REAL)y);
    HPDF_Page_Stroke(c->page);
}

/* Draws text centred in [x, x+w) from *top down (two balanced lines if it
 * is too wide) and moves *top below it.  Returns the widest line. */
double eg_pdf_centred(eg_pdf_ctx *c, HPDF_Font f, double size, double lead,
                      const char *text, double x, double w, double *top)
{
    eg_pdf_lines l = { 0 };
    double widest = 0, base = eg_pdf_baseline(f, size, lead);

    eg_pdf_break_balanced(f, size, text, w, &l);
    for (size_t i = 0; i < l.n; i++) {
        eg_pdf_draw_line(c->page, f, size, text, &l.v[i], x, *top - base, w,
                         EG_PDF_CENTER);
        *top -= lead;
        if (l.v[i].width > widest)
            widest = l.v[i].width;
    }
    eg_pdf_lines_free(&l);
    return widest;
}

/* The heading of page 1: issuer and number at the left, national motto
 * and place and date at the right, then the title. */
void eg_pdf_form_header(eg_pdf_ctx *c, const eg_doc *d)
{
    static const char motto[] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
    static const char slogan[] = "Độc lập - Tự do - Hạnh phúc";
    double lw = c->width * LEFT_COL, rw = c->width - lw;
    double lx = c->left, rx = c->left + lw;
    double yl = c->y, yr = c->y, y_num, y_date, iw = 0, sw, tw, msize = 12.5;

    /* Step 1, left: the parent body, then the issuer in bold, capitals,
     * with a short rule beneath. */
    if (d->issuer_parent && *d->issuer_parent) {
        char *u = eg_pdf_upper(d->issuer_parent);

        eg_pdf_centred(c, c->reg, 12.5, 15, u, lx, lw, &yl);
        free(u);
    }
    if (d->issuer && *d->issuer) {
        char *u = eg_pdf_upper(d->issuer);

        iw = eg_pdf_centred(c, c->bold, 12.5, 15, u, lx, lw, &yl);
        free(u);
        yl -= 5;
        rule(c, lx + lw / 2, yl, fmax(iw * 0.4, EG_PDF_MM(15)));
    }

    /* Step 2, right: motto and slogan, the slogan underlined to its own
     * width.  The motto shrinks rather than wrap. */
    while (msize > 9 && eg_pdf_text_width(c->bold, msize, motto, strlen(motto)) > rw)
        msize -= 0.5;
    eg_pdf_centred(c, c->bold, msize, 15, motto, rx, rw, &yr);
    sw = eg_pdf_centred(c, c->bold, 13, 15.5, slogan, rx, rw, &yr);
    yr -= 5;
    rule(c, rx + rw / 2, yr, sw);

    /* Step 3: number and place-date side by side under the rules. */
    y_num = y_date = fmin(yl, yr) - 8;
    eg_pdf_centred(c, c->reg, 13, 16, str(d->number), lx, lw, &y_num);
    eg_pdf_centred(c, c->it, 13, 16, str(d->place_date), rx, rw, &y_date);
    c->y = fmin(y_num, y_date) - 22;

    /* Step 4: title and subtitle across the page, the subtitle's note in
     * italics (a build of a year not over), a short rule beneath. */
    eg_pdf_centred(c, c->bold, 14, 18, str(d->title), c->left, c->width, &c->y);
    tw = eg_pdf_centred(c, c->bold, 14, 18, str(d->subtitle), c->left, c->width, &c->y);
    eg_pdf_centred(c, c->it, 13, 17, str(d->subtitle_note), c->left, c->width, &c->y);
    if (tw > 0) {
        c->y -= 6;
        rule(c, c->left + c->width / 2, c->y, fmax(tw / 3, EG_PDF_MM(25)));
    }
    c->y -= 20;
}

/* The signature block measured: the recipients' lines, where each
 * recipient starts among them, and the height of both columns. */
typedef struct {
    eg_pdf_lines rec;
    size_t *first;
    double lw, rw, dash, lh, rh;
} sign_box;

#define SIGN_TLEAD 16.0
#define SIGN_RSIZE 11.0
#define SIGN_RLEAD (SIGN_RSIZE * 1.25)

static int has_signature(const eg_doc *d)
{
    return (d->signer_title && *d->signer_title) || (d->signer && *d->signer) ||
           d->n_recipients > 0;
}

static void sign_measure(const eg_pdf_ctx *c, const eg_doc *d, sign_box *m)
{
    char *titles = eg_xstrdup(str(d->signer_title)), *save = NULL;

    memset(m, 0, sizeof *m);
    m->lw = c->width * SIGN_LEFT_COL;
    m->rw = c->width - m->lw;
    m->first = eg_xcalloc(d->n_recipients + 1, sizeof *m->first);
    /* The right column: the titles as eg_pdf_centred breaks them, room to
     * sign, the name. */
    for (char *t = strtok_r(titles, "\n", &save); t; t = strtok_r(NULL, "\n", &save)) {
        eg_pdf_break_balanced(c->bold, 13, t, m->rw, &m->rec);
        m->rh += m->rec.n * SIGN_TLEAD;
        eg_pdf_lines_clear(&m->rec);
    }
    m->rh += SIGN_SPACE + SIGN_TLEAD;
    /* The left column: "Nơi nhận:" and a line or more per recipient. */
    m->dash = eg_pdf_text_width(c->reg, SIGN_RSIZE, "- ", 2);
    for (size_t i = 0; i < d->n_recipients; i++) {
        m->first[i] = m->rec.n;
        eg_pdf_break(c->reg, SIGN_RSIZE, str(d->recipients[i]), m->lw - m->dash,
                     m->lw - m->dash, 0, &m->rec);
    }
    m->first[d->n_recipients] = m->rec.n;
    if (d->n_recipients)
        m->lh = 12 * 1.3 + m->rec.n * SIGN_RLEAD;
    free(titles);
}

double eg_pdf_form_signature_height(const eg_pdf_ctx *c, const eg_doc *d)
{
    sign_box m;
    double h;

    if (!has_signature(d))
        return 0;
    sign_measure(c, d, &m);
    h = SIGN_BEFORE + fmax(m.lh, m.rh);
    eg_pdf_lines_free(&m.rec);
    free(m.first);
    return h;
}

/* Signature at the right (titles, room to sign, name), recipients at the
 * left; kept together on one page. */
void eg_pdf_form_signature(eg_pdf_ctx *c, const eg_doc *d)
{
    sign_box m;
    double lx = c->left, rx, yr, yl;
    char *titles, *save = NULL;

    if (!has_signature(d))
        return;
    sign_measure(c, d, &m);
    rx = c->left + m.lw;

    /* Step 1: both columns on this page, or both on the next. */
    eg_pdf_room_for(c, SIGN_BEFORE, fmax(m.lh, m.rh));
    yr = yl = c->y;

    /* Step 2: the right column, centred. */
    titles = eg_xstrdup(str(d->signer_title));
    for (char *t = strtok_r(titles, "\n", &save); t; t = strtok_r(NULL, "\n", &save))
        eg_pdf_centred(c, c->bold, 13, SIGN_TLEAD, t, rx, m.rw, &yr);
    yr -= SIGN_SPACE;
    eg_pdf_centred(c, c->bold, 13, SIGN_TLEAD, str(d->signer), rx, m.rw, &yr);

    /* Step 3: the left column, each recipient after a dash. */
    if (d->n_recipients) {
        double base = eg_pdf_baseline(c->reg, SIGN_RSIZE, SIGN_RLEAD);

        eg_pdf_draw_string(c->page, c->bi, 12, "Nơi nhận:", lx,
                           yl - eg_pdf_baseline(c->bi, 12, 12 * 1.3), EG_PDF_LEFT);
        yl -= 12 * 1.3;
        for (size_t i = 0; i < d->n_recipients; i++)
            for (size_t k = m.first[i]; k < m.first[i + 1]; k++) {
                if (k == m.first[i])
                    eg_pdf_draw_string(c->page, c->reg, SIGN_RSIZE, "-", lx, yl - base,
                                       EG_PDF_LEFT);
                eg_pdf_draw_line(c->page, c->reg, SIGN_RSIZE, d->recipients[i], &m.rec.v[k],
                                 lx + m.dash, yl - base, m.lw - m.dash, EG_PDF_LEFT);
                yl -= SIGN_RLEAD;
            }
    }
    c->y = fmin(yl, yr);
    eg_pdf_lines_free(&m.rec);
    free(m.first);
    free(titles);
}


/* An appendix: on a new page, its label ("PHỤ LỤC") and title centred in
 * bold, the note beneath in italics, a short rule; a bookmark at the top
 * level. */
void eg_pdf_form_appendix(eg_pdf_ctx *c, const eg_doc *d, size_t i)
{
    const eg_block *b = &d->blocks[i];
    double tw;

    if (!eg_pdf_at_top(c))
        eg_pdf_new_page(c);
    c->page_no[c->n_pages - 1] = 1;     /* an appendix numbers its own pages */
    eg_pdf_mark(c, d, i, c->y);
    eg_pdf_centred(c, c->bold, 14, 18, str(b->label), c->left, c->width, &c->y);
    tw = eg_pdf_centred(c, c->bold, 14, 18, str(b->text), c->left, c->width, &c->y);
    if (b->note && *b->note)
        tw = fmax(tw, eg_pdf_centred(c, c->it, 13, 17, b->note, c->left, c->width, &c->y));
    c->y -= 6;
    rule(c, c->left + c->width / 2, c->y, fmax(tw / 3, EG_PDF_MM(25)));
    c->y -= 18;
}
