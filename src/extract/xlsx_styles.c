/*
 * xlsx_styles.c - a workbook's cell styles (xl/styles.xml): what kind of
 * value each shows (a count, a percentage, a date), and what it hides
 * from the clerk who looks at the sheet: a number format that shows
 * nothing (";;;"), a font the colour of the cell's fill (white on white).
 *
 * The parts of styles.xml come in the schema's order: numFmts, fonts,
 * fills, ..., cellXfs, ..., colors (the workbook's own palette).  The
 * palette coming last, each cell style's colours are resolved once the
 * part is read.
 */
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "extract/cellcolour.h"
#include "extract/cellfmt.h"
#include "extract/xlsx_priv.h"

/* Cell formats, fonts and fills kept; Excel allows about 64,000 formats. */
#define MAX_XF 65536

/* A colour as the part gives it, resolved at its end: >= 0 an RGB,
 * EG_COLOUR_UNKNOWN, or INDEXED - i a palette index i. */
#define INDEXED (-1000)

typedef struct {
    int id;
    eg_cell_kind kind;
    unsigned hides;        /* EG_HIDES_* */
    uint32_t colours;      /* the colours its sections set (eg_cellfmt_colours) */
} numfmt;

typedef struct {
    eg_cell_kind kind;
    unsigned hides;
    uint32_t colours;
    int font, fill;        /* indices, -1 when out of range */
} xf;

typedef struct {
    eg_xlsx_book *book;
    numfmt *fmts;
    size_t n_fmts;
    int32_t *fonts;        /* per <font> of <fonts>: its colour (INDEXED allowed) */
    size_t n_fonts;
    int32_t *fills;        /* per <fill> of <fills>: its background */
    size_t n_fills;
    xf *xfs;
    size_t n_xfs;
    int32_t palette[56];   /* <indexedColors>' from the ninth */
    size_t n_palette;      /* <rgbColor>s read */
    int own_palette;       /* the part has <indexedColors> */
    int in_fmts, in_xfs, in_fonts, in_font, in_fills, in_fill, in_palette;
    int solid;             /* in a <patternFill patternType="solid"> */
} styles;

static int attr_int(const char **attrs, const char *local)
{
    const char *s = eg_xml_attr(attrs, local);
    long v = 0;

    if (!s || !*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > 1000000)
            return -1;
        v = v * 10 + (*s - '0');
    }
    return (int)v;
}

/* A <color>, <fgColor> or <rgbColor> element's colour: rgb, indexed (to
 * resolve), theme 0 and 1 (the theme's background and text: white and
 * black in every theme Excel ships); auto (the viewer's), a tint,
 * another theme colour or none of those is unknown. */
static int32_t colour_of(const char **attrs)
{
    const char *tint = eg_xml_attr(attrs, "tint"), *v;
    int n;

    if (tint && strtod(tint, NULL) != 0)
        return EG_COLOUR_UNKNOWN;
    if ((v = eg_xml_attr(attrs, "rgb")))
        return eg_colour_argb(v);
    if ((n = attr_int(attrs, "indexed")) >= 0)
        return n <= 0x7FFF ? INDEXED - n : EG_COLOUR_UNKNOWN;
    if ((n = attr_int(attrs, "theme")) == 0 || n == 1)
        return n == 0 ? EG_COLOUR_WHITE : EG_COLOUR_BLACK;
    return EG_COLOUR_UNKNOWN;
}

static int32_t resolve(const styles *st, int32_t c)
{
    if (c > INDEXED)
        return c;
    return eg_colour_indexed((unsigned)(INDEXED - c), st->own_palette ? st->palette : NULL);
}

static void push_colour(int32_t **v, size_t *n, int32_t c)
{
    *v = eg_xrealloc(*v, (*n + 1) * sizeof **v);
    (*v)[(*n)++] = c;
}

static void xf_start(styles *st, const char **attrs)
{
    int id = attr_int(attrs, "numFmtId"), font = attr_int(attrs, "fontId"),
        fill = attr_int(attrs, "fillId");
    xf *x;
    size_t i;

    if (st->n_xfs >= MAX_XF)
        return;
    st->xfs = eg_xrealloc(st->xfs, (st->n_xfs + 1) * sizeof *st->xfs);
    x = &st->xfs[st->n_xfs++];
    memset(x, 0, sizeof *x);
    x->kind = EG_CELL_NUMBER;
    /* A format the workbook defines wins over the built-in one. */
    for (i = 0; i < st->n_fmts && st->fmts[i].id != id; i++)
        ;
    if (i < st->n_fmts) {
        x->kind = st->fmts[i].kind;
        x->hides = st->fmts[i].hides;
        x->colours = st->fmts[i].colours;
    } else if (id >= 0) {
        x->kind = eg_cellfmt_builtin(id);
        x->colours = eg_cellfmt_builtin_colours(id);
    }
    /* absent: the first font and fill, as Excel reads it */
    x->font = font < 0 && !eg_xml_attr(attrs, "fontId") ? 0 : font;
    x->fill = fill < 0 && !eg_xml_attr(attrs, "fillId") ? 0 : fill;
}

static void styles_start(eg_xml *x, const char *name, const char **attrs)
{
    styles *st = x->ud;
    const char *local = eg_xml_local(name);

    if (strcmp(local, "numFmts") == 0) {
        st->in_fmts = 1;
    } else if (strcmp(local, "cellXfs") == 0) {
        st->in_xfs = 1;
    } else if (strcmp(local, "fonts") == 0) {
        st->in_fonts = 1;
    } else if (strcmp(local, "fills") == 0) {
        st->in_fills = 1;
    } else if (strcmp(local, "indexedColors") == 0) {
        /* what it leaves out stays Excel's */
        st->in_palette = 1;
        st->n_palette = 0;
        st->own_palette = 1;
        eg_colour_palette_init(st->palette);
    } else if (st->in_fmts && strcmp(local, "numFmt") == 0) {
        int id = attr_int(attrs, "numFmtId");
        const char *code = eg_xml_attr(attrs, "formatCode");
        numfmt *f;

        if (id < 0 || !code || st->n_fmts >= MAX_XF)
            return;
        st->fmts = eg_xrealloc(st->fmts, (st->n_fmts + 1) * sizeof *st->fmts);
        f = &st->fmts[st->n_fmts++];
        f->id = id;
        f->kind = eg_cellfmt_code(code);
        f->hides = eg_cellfmt_hides(code);
        f->colours = eg_cellfmt_colours(code);
    } else if (st->in_fonts && strcmp(local, "font") == 0) {
        /* no <color>: the automatic text colour, the viewer's */
        st->in_font = st->n_fonts < MAX_XF;
        if (st->in_font)
            push_colour(&st->fonts, &st->n_fonts, EG_COLOUR_UNKNOWN);
    } else if (st->in_font && strcmp(local, "color") == 0) {
        st->fonts[st->n_fonts - 1] = colour_of(attrs);
    } else if (st->in_fills && strcmp(local, "fill") == 0) {
        st->in_fill = st->n_fills < MAX_XF;
        if (st->in_fill)
            push_colour(&st->fills, &st->n_fills, EG_COLOUR_UNKNOWN);
    } else if (st->in_fill && strcmp(local, "patternFill") == 0) {
        const char *type = eg_xml_attr(attrs, "patternType");

        /* none (the default): the sheet's white; solid: its fgColor; a
         * pattern mixes two colours */
        st->solid = type && strcmp(type, "solid") == 0;
        if (!type || strcmp(type, "none") == 0)
            st->fills[st->n_fills - 1] = EG_COLOUR_WHITE;
    } else if (st->in_fill && st->solid && strcmp(local, "fgColor") == 0) {
        st->fills[st->n_fills - 1] = colour_of(attrs);
    } else if (st->in_palette && strcmp(local, "rgbColor") == 0) {
        int32_t c = colour_of(attrs);

        /* the ninth on are the palette's; the first eight are fixed */
        if (st->n_palette >= 8 && st->n_palette < 64)
            st->palette[st->n_palette - 8] = c < 0 ? EG_COLOUR_UNKNOWN : c;
        st->n_palette++;
    } else if (st->in_xfs && strcmp(local, "xf") == 0) {
        xf_start(st, attrs);
    }
}

static void styles_end(eg_xml *x, const char *name)
{
    styles *st = x->ud;
    const char *local = eg_xml_local(name);

    if (strcmp(local, "numFmts") == 0)
        st->in_fmts = 0;
    else if (strcmp(local, "cellXfs") == 0)
        st->in_xfs = 0;
    else if (strcmp(local, "fonts") == 0)
        st->in_fonts = st->in_font = 0;
    else if (strcmp(local, "font") == 0)
        st->in_font = 0;
    else if (strcmp(local, "fills") == 0)
        st->in_fills = st->in_fill = 0;
    else if (strcmp(local, "fill") == 0)
        st->in_fill = st->solid = 0;
    else if (strcmp(local, "indexedColors") == 0)
        st->in_palette = 0;
}

/* Each cell style's kind and what it hides, into the book. */
static void resolve_xfs(styles *st)
{
    eg_xlsx_book *b = st->book;

    b->xf_kind = eg_xrealloc(b->xf_kind, (st->n_xfs ? st->n_xfs : 1) * sizeof *b->xf_kind);
    b->xf_hides = eg_xrealloc(b->xf_hides, st->n_xfs ? st->n_xfs : 1);
    for (size_t i = 0; i < st->n_xfs; i++) {
        const xf *x = &st->xfs[i];
        int32_t text = x->font >= 0 && (size_t)x->font < st->n_fonts
                       ? resolve(st, st->fonts[x->font]) : EG_COLOUR_UNKNOWN;
        int32_t back = x->fill >= 0 && (size_t)x->fill < st->n_fills
                       ? resolve(st, st->fills[x->fill]) : EG_COLOUR_UNKNOWN;

        b->xf_kind[i] = x->kind;
        b->xf_hides[i] = (unsigned char)(x->hides |
                                         eg_colour_hides(text, back, x->colours,
                                                         st->own_palette ? st->palette : NULL));
    }
    b->n_xf = st->n_xfs;
}

int eg_xlsx_read_styles(eg_xlsx_pkg *pkg, const char *part, eg_xlsx_book *book)
{
    zip_int64_t idx = eg_xlsx_find(pkg, part);
    styles st = { 0 };
    int rc;

    if (idx < 0)
        return 0;
    st.book = book;
    rc = eg_xlsx_parse(pkg, idx, part, styles_start, styles_end, NULL, &st, 1);
    if (rc == 0)
        resolve_xfs(&st);
    free(st.fmts);
    free(st.fonts);
    free(st.fills);
    free(st.xfs);
    return rc;
}
