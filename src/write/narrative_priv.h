/*
 * narrative_priv.h - what the parts of the narrative share: the
 * expansion context, a growable string, and the entry points of the
 * placeholder expander (narrative_expand.c) and of the blocks made from
 * data (narrative_blocks.c).  Not for use outside src/write/narrative*.c.
 */
#ifndef EG_NARRATIVE_PRIV_H
#define EG_NARRATIVE_PRIV_H

#include <stddef.h>
#include <stdlib.h>

#include "core/diag.h"
#include "core/model.h"
#include "normalize/completeness.h"
#include "normalize/figures.h"
#include "write/doc.h"

/* Where each line of a joined paragraph starts, so that a mistake in
 * its third line is reported at that line. */
typedef struct {
    size_t *offset;         /* byte offset in the joined text */
    int *line;              /* its line in the layout file */
    size_t n, cap;
} eg_linemap;

typedef struct {
    const eg_layouts *L;
    const eg_dataset *ds;
    const eg_results *res;
    const eg_diag_list *problems;
    eg_diag_list *dl;
    const char *file;       /* the layout file, for F_LAYOUT */
    int line;               /* the line being read or expanded */
    int bad;                /* a fatal mistake was found */
    int warned_line;        /* one W_FIGURE_MISSING per line and code */
    char warned_code[96];
    int quiet;              /* > 0: checking a branch not taken, no output */
    int settled;            /* > 0: a condition's test that cannot change its
                             * outcome: no W_FIGURE_MISSING (mistakes still said) */
    eg_completeness *comp;  /* who sent, for {units:…}; made when first asked */
} eg_nctx;

/* A growable string; the zeroed struct is an empty one. */
typedef struct {
    char *s;
    size_t n, cap;
} eg_sbuf;

void eg_sb_add(eg_sbuf *b, const char *s, size_t n);
void eg_sb_puts(eg_sbuf *b, const char *s);
/* The string (never NULL); b is empty again. */
char *eg_sb_take(eg_sbuf *b);

/* An F_LAYOUT at the current line; fmt has one %s for what. */
void eg_nctx_fail(eg_nctx *c, const char *fmt, const char *what);
/* A W_FIGURE_MISSING at the current line, once per line and code (none
 * while quiet).  Takes msg (allocated). */
void eg_nctx_warn_missing(eg_nctx *c, const char *code, char *msg);

/* Replaces every {placeholder} of text and keeps the {if} branches that
 * hold; map (may be NULL) gives the lines of a joined paragraph.  White
 * space is tidied: runs become one space, none before , ; . : ! ? ) or
 * after (.  A mistake is an F_LAYOUT at its line (c->bad set); a figure
 * the data cannot give prints as "…" with a W_FIGURE_MISSING. */
char *eg_narrative_expand(eg_nctx *c, const char *text, const eg_linemap *map);

/* What a placeholder gives: the text to print and, where it is a number,
 * the number as printed (so that a condition sees what the reader sees). */
typedef struct {
    int ok;                 /* the data gives it */
    int is_num;
    int is_share;           /* a percent or points figure's value: a fraction */
    double num;
    char text[256];
    char *more;             /* a longer text (a list of names), owned: used
                             * instead of text when set */
} eg_nvalue;

/* The text a value prints; its owned part freed. */
static inline const char *eg_nvalue_text(const eg_nvalue *v)
{
    return v->more ? v->more : v->text;
}

static inline void eg_nvalue_release(eg_nvalue *v)
{
    free(v->more);
    v->more = NULL;
}

/* Resolves one placeholder (without braces) into v (narrative_value.c).
 * probe: asking only whether the data has it ({if has …}), so that a
 * missing fact is no mistake.  A figure or place the data cannot give
 * leaves v->ok 0 and adds a W_FIGURE_MISSING (not when probing or
 * quiet).  Returns -1 on a mistake in the layout (F_LAYOUT added). */
int eg_narrative_resolve(eg_nctx *c, const char *ref, int probe, eg_nvalue *v);

/* The W_FIGURE_MISSING of figure i printed as "…" (in a table of figures),
 * with its reason, as a placeholder {CODE} would have it. */
void eg_narrative_warn_figure(eg_nctx *c, size_t i);

/* Frees what resolving placeholders kept in c. */
void eg_nctx_free(eg_nctx *c);

/* "2021-01-15" -> "ngày 15 tháng 01 năm 2021" (long) or "15/01/2021". */
int eg_narrative_date(const char *iso, int shortform, char *buf, size_t cap);
/* Share v rounded to dec decimals of a percent, never up to 100% nor
 * down to 0% when it is not (99,96% with one decimal is 99,9%, not
 * 100,0%), nor to 100% from above: the fraction to print. */
double eg_nshare_shown(double v, int dec);

/* Blocks made from the data (narrative_blocks.c).  Each checks its
 * arguments and fails with F_LAYOUT on a mistake. */
void eg_nblock_figures(eg_nctx *c, eg_doc *doc, const char *section);
void eg_nblock_ranking(eg_nctx *c, eg_doc *doc, const char *code);
void eg_nblock_ranking_chart(eg_nctx *c, eg_doc *doc, const char *code);
/* args: "LEVEL NUMERATOR DENOMINATOR TITLE" */
void eg_nblock_rate_chart(eg_nctx *c, eg_doc *doc, const char *args);
void eg_nblock_coverage(eg_nctx *c, eg_doc *doc);
void eg_nblock_problems(eg_nctx *c, eg_doc *doc);

#endif
