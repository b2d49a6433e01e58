/*
 * xlsx_styles.c - a workbook's cell styles (xl/styles.xml): what kind of
 * value each shows (a count, a percentage, a date) and what its number
 * format hides (";;;").
 */
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "extract/cellfmt.h"
#include "extract/xlsx_priv.h"

/* Cell formats kept; Excel allows about 64,000. */
#define MAX_XF 65536

typedef struct {
    int id;
    eg_cell_kind kind;
    unsigned hides;        /* EG_HIDES_* */
} numfmt;

typedef struct {
    eg_xlsx_book *book;
    numfmt *fmts;
    size_t n_fmts;
    int in_fmts, in_xfs;
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

static void styles_start(eg_xml *x, const char *name, const char **attrs)
{
    styles *st = x->ud;
    const char *local = eg_xml_local(name);

    if (strcmp(local, "numFmts") == 0) {
        st->in_fmts = 1;
    } else if (strcmp(local, "cellXfs") == 0) {
        st->in_xfs = 1;
    } else if (st->in_fmts && strcmp(local, "numFmt") == 0) {
        int id = attr_int(attrs, "numFmtId");
        const char *code = eg_xml_attr(attrs, "formatCode");

        if (id < 0 || !code || st->n_fmts >= MAX_XF)
            return;
        st->fmts = eg_xrealloc(st->fmts, (st->n_fmts + 1) * sizeof *st->fmts);
        st->fmts[st->n_fmts].id = id;
        st->fmts[st->n_fmts].kind = eg_cellfmt_code(code);
        st->fmts[st->n_fmts].hides = eg_cellfmt_hides(code);
        st->n_fmts++;
    } else if (st->in_xfs && strcmp(local, "xf") == 0) {
        eg_xlsx_book *b = st->book;
        int id = attr_int(attrs, "numFmtId");
        eg_cell_kind kind = EG_CELL_NUMBER;
        unsigned hides = 0;
        size_t i;

        if (b->n_xf >= MAX_XF)
            return;
        /* A format the workbook defines wins over the built-in one. */
        for (i = 0; i < st->n_fmts && st->fmts[i].id != id; i++)
            ;
        if (i < st->n_fmts) {
            kind = st->fmts[i].kind;
            hides = st->fmts[i].hides;
        } else if (id >= 0) {
            kind = eg_cellfmt_builtin(id);
        }
        b->xf_kind = eg_xrealloc(b->xf_kind, (b->n_xf + 1) * sizeof *b->xf_kind);
        b->xf_hides = eg_xrealloc(b->xf_hides, b->n_xf + 1);
        b->xf_hides[b->n_xf] = (unsigned char)hides;
        b->xf_kind[b->n_xf++] = kind;
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
    free(st.fmts);
    return rc;
}
