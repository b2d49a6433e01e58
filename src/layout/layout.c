#include "layout/layout.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/file.h"
#include "core/mem.h"
#include "core/number.h"
#include "core/pattern.h"
#include "core/text.h"
#include "layout/layout_priv.h"
#include "layout/rules_load.h"

/* ---- reading a layout table ------------------------------------------ */

typedef eg_layout_row lrow;
typedef eg_layout_table ltable;

static int collect(void *ctx, const eg_record *rec)
{
    ltable *t = ctx;
    lrow *r;
    int empty = 1;

    for (size_t i = 0; i < t->n_cols; i++)
        if (rec->field[i][0])
            empty = 0;
    if (rec->stray_col && !t->stray_said) {
        /* a misspelt optional column would be read as absent */
        char names[256] = "";
        const char *near = NULL;
        size_t best = 3;
        char *folded = eg_fold(rec->stray);

        for (size_t i = 0; i < t->n_cols; i++) {
            char *name = eg_fold(t->names[i]);
            size_t d = eg_edit_distance(folded, name, 3);

            free(name);
            snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
                     i ? ", " : "", t->names[i]);
            if (d < best) {
                best = d;
                near = t->names[i];
            }
        }
        free(folded);
        if (best == 0)          /* the same column twice */
            eg_diag_add(t->dl, EG_FATAL, "F_LAYOUT", "", rec->header_row, rec->stray_col, NULL,
                        NULL, "the header row names the column '%s' twice: only the first "
                        "would be read", rec->stray);
        else
            eg_diag_add(t->dl, EG_FATAL, "F_LAYOUT", "", rec->header_row, rec->stray_col, NULL,
                        NULL, "unknown column '%s' in the header row%s%s%s (the columns are "
                        "%s): a misspelt column would be read as left out; a column of notes "
                        "is named with a leading '#'",
                        rec->stray, near ? ": did you mean '" : "", near ? near : "",
                        near ? "'?" : "", names);
        t->stray_said = 1;
    }
    if (empty)
        return 0;
    t->seen++;
    if (rec->extra_col || rec->n_fields > rec->header_fields) {
        /* wider than the header: a text cut at a comma outside quotes
         * (its second half in a filled column past the header's,
         * eg_record.extra_col, or in one left empty); said by read_layout,
         * of the first such rows, or of the header when every row is as
         * wide (the header lacks a name) */
        if (t->wide < 3) {
            t->wide_row[t->wide] = rec->row;
            t->wide_fields[t->wide] = rec->n_fields;
            t->wide_col[t->wide] = rec->extra_col;
            snprintf(t->wide_extra[t->wide], sizeof t->wide_extra[t->wide], "%.*s",
                     rec->extra_col ? (int)eg_utf8_prefix(rec->extra, 40) : 0,
                     rec->extra_col ? rec->extra : "");
        }
        t->wide_alike = t->wide == 0 || (t->wide_alike && rec->n_fields == t->wide_fields[0]);
        t->header_fields = rec->header_fields;
        t->header_row = rec->header_row;
        t->wide++;
        return 0;
    }
    if (t->n == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 64;
        t->rows = eg_xrealloc(t->rows, t->cap * sizeof *t->rows);
    }
    r = &t->rows[t->n++];
    memset(r, 0, sizeof *r);
    r->line = (int)rec->row;
    for (size_t i = 0; i < t->n_cols; i++)
        r->f[i] = eg_xstrdup(rec->field[i]);
    return 0;
}

static void ltable_free(ltable *t)
{
    for (size_t i = 0; i < t->n; i++)
        for (size_t c = 0; c < t->n_cols; c++)
            free(t->rows[i].f[c]);
    free(t->rows);
    memset(t, 0, sizeof *t);
}

/* Reads dir/name whose header must hold the given columns (the first
 * n_required of them required).  Returns 0 or -1 (diagnostics added). */
static int read_layout(const char *dir, const char *name, const char *const *cols,
                       size_t n_cols, size_t n_required, ltable *out, eg_diag_list *dl)
{
    char *path = eg_xasprintf("%s/%s", dir, name);
    eg_colspec spec[EG_MAX_ROLES];
    eg_diag_list local = { .english = 1 };     /* fatal: the operator's */
    int rc;

    memset(out, 0, sizeof *out);
    out->n_cols = n_cols;
    out->names = cols;
    out->dl = &local;
    for (size_t i = 0; i < n_cols; i++) {
        const char *one[2] = { cols[i], NULL };

        eg_colspec_set(&spec[i], cols[i], i < n_required, one);
    }
    rc = eg_table_read_csv(path, path, spec, n_cols, collect, out, NULL,
                           "F_LAYOUT", &local);
    out->dl = NULL;
    out->names = NULL;
    eg_colspec_free(spec, n_cols);
    if (out->wide > 1 && out->wide == out->seen && out->wide_alike) {
        /* every row wider than the header, alike: not texts cut at a
         * comma, but a header that lacks a name */
        eg_diag_add(&local, EG_FATAL, "F_LAYOUT", "", out->header_row, 0, NULL, NULL,
                    "every row has %zu columns and the header row %zu: the header row lacks "
                    "the name of a column", out->wide_fields[0], out->header_fields);
    } else {
        for (size_t i = 0; i < out->wide && i < 3; i++) {
            if (out->wide_col[i])
                eg_diag_add(&local, EG_FATAL, "F_LAYOUT", "", out->wide_row[i], out->wide_col[i],
                            NULL, NULL, "the row has '%s' in column %d, past the header row's "
                            "%zu columns: a text holding a comma outside quotes is cut in two "
                            "there; put it in quotes", out->wide_extra[i], out->wide_col[i],
                            out->header_fields);
            else
                eg_diag_add(&local, EG_FATAL, "F_LAYOUT", "", out->wide_row[i], 0, NULL, NULL,
                            "the row has %zu columns and the header row %zu: a text holding "
                            "the file's delimiter (a comma) outside quotes is cut in two, and "
                            "the columns after it move to the right: put it in quotes; a "
                            "column of notes needs a header named with a leading '#'",
                            out->wide_fields[i], out->header_fields);
        }
        if (out->wide > 3)
            eg_diag_add(&local, EG_FATAL, "F_LAYOUT", "", out->wide_row[2], 0, NULL, NULL,
                        "and %zu rows more below it have more columns than the header row",
                        out->wide - 3);
    }
    /* Whatever went wrong reading a layout is fatal, with its position. */
    for (size_t i = 0; i < local.n; i++) {
        const eg_diag *d = &local.items[i];

        eg_diag_add(dl, EG_FATAL, "F_LAYOUT", path, d->row, d->col, NULL, NULL,
                    "%s", d->message);
    }
    if (rc != 1 || local.n) {
        eg_diag_free(&local);
        free(path);
        ltable_free(out);
        return -1;
    }
    eg_diag_free(&local);
    free(path);
    return 0;
}

static void layout_error(eg_diag_list *dl, const char *dir, const char *name, int line,
                         const char *fmt, const char *a, const char *b)
{
    char *path = eg_xasprintf("%s/%s", dir, name);
    char *msg = eg_xasprintf(fmt, a ? a : "", b ? b : "");

    eg_diag_add(dl, EG_FATAL, "F_LAYOUT", path, line, 0, NULL, NULL, "%s", msg);
    free(msg);
    free(path);
}

/* The same three for the other loaders of layouts/ (layout_priv.h). */
int eg_layout_read(const char *dir, const char *name, const char *const *cols, size_t n_cols,
                   size_t n_required, eg_layout_table *out, eg_diag_list *dl)
{
    return read_layout(dir, name, cols, n_cols, n_required, out, dl);
}

void eg_layout_table_free(eg_layout_table *t)
{
    ltable_free(t);
}

void eg_layout_error(eg_diag_list *dl, const char *dir, const char *name, int line,
                     const char *fmt, const char *a, const char *b)
{
    layout_error(dl, dir, name, line, fmt, a, b);
}

/* ---- small parsers ---------------------------------------------------- */

const char *eg_layout_code_why(const char *code)
{
    if (!code[0])
        return "a row without its code";
    for (const char *c = code; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              *c == '.' || *c == '_' || *c == '-'))
            return "a code is written with the letters a-z, digits, '.', '_' and '-' alone "
                   "(no space, no Vietnamese letter)";
    return NULL;
}

const char *eg_layout_name_why(const char *code)
{
    const char *why = eg_layout_code_why(code);

    if (why)
        return why;
    for (const char *c = code; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            return "a code is written in small letters: the submissions' codes are read "
                   "without case (HT.CBCC is ht.cbcc), so a capital would match none of them";
    return NULL;
}

unsigned eg_levels_parse(const char *s)
{
    unsigned mask = 0;
    char *copy = eg_xstrdup(s), *save = NULL, *nbsp = copy;

    /* a no-break space (Excel, a web page) separates words as a space does */
    while ((nbsp = strstr(nbsp, "\xC2\xA0")) != NULL) {
        nbsp[0] = nbsp[1] = ' ';
        nbsp += 2;
    }

    for (char *w = strtok_r(copy, " ,", &save); w; w = strtok_r(NULL, " ,", &save)) {
        eg_level l;

        if (eg_level_parse(w, &l)) {
            mask = 0;
            break;
        }
        mask |= EG_LEVEL_BIT(l);
    }
    free(copy);
    return mask;
}

int eg_catalogue_find(const eg_catalogue *cat, const char *code)
{
    return eg_strmap_get(&cat->index, code);
}

/* A layout's plain non-negative decimal ("45", "12.5"); -1 on error. */
static double layout_number(const char *s)
{
    double d;

    return eg_parse_decimal(s, &d) == EG_NUM_OK ? d : -1;
}

/* ---- indicators.csv --------------------------------------------------- */

static int parse_options(eg_indicator *ind, const char *spec)
{
    char *copy = eg_xstrdup(spec), *save = NULL;
    size_t cap = 0;

    for (char *item = strtok_r(copy, "|", &save); item; item = strtok_r(NULL, "|", &save)) {
        char *eq = strchr(item, '=');
        eg_enum_option *o;

        if (!eq || eq == item || !eq[1]) {
            /* drop the options read before this one: nothing else will */
            for (size_t k = 0; k < ind->n_options; k++) {
                free(ind->options[k].code);
                free(ind->options[k].label);
                free(ind->options[k].folded);
            }
            free(ind->options);
            ind->options = NULL;
            ind->n_options = 0;
            free(copy);
            return -1;
        }
        *eq = '\0';
        if (ind->n_options == cap) {
            cap = cap ? cap * 2 : 4;
            ind->options = eg_xrealloc(ind->options, cap * sizeof *ind->options);
        }
        o = &ind->options[ind->n_options++];
        o->code = eg_xstrdup(eg_trim(item));
        o->label = eg_nfc(eg_trim(eq + 1));
        o->folded = eg_fold(o->label);
    }
    free(copy);
    return ind->n_options ? 0 : -1;
}

static int load_indicators(eg_layouts *L, eg_diag_list *dl)
{
    static const char *const cols[] = { "code", "label", "type", "levels", "unit",
                                        "options", "max_so", "max_huyen", "pattern" };
    const char *file = "indicators.csv";
    eg_catalogue *cat = &L->cat;
    ltable t;
    int bad = 0;

    if (read_layout(L->dir, file, cols, 9, 4, &t, dl))
        return -1;
    cat->path = eg_xasprintf("%s/%s", L->dir, file);
    cat->items = eg_xcalloc(t.n, sizeof *cat->items);
    for (size_t i = 0; i < t.n; i++) {
        lrow *r = &t.rows[i];
        eg_indicator *ind = &cat->items[cat->n];
        char err[256];

        memset(ind, 0, sizeof *ind);
        ind->line = r->line;
        if (eg_layout_name_why(r->f[0])) {
            layout_error(dl, L->dir, file, r->line, "indicator '%s': %s", r->f[0],
                         eg_layout_name_why(r->f[0]));
            bad = 1;
            continue;
        }
        if (eg_strmap_get(&cat->index, r->f[0]) >= 0) {
            layout_error(dl, L->dir, file, r->line, "indicator '%s' is declared twice", r->f[0], NULL);
            bad = 1;
            continue;
        }
        if (eg_type_parse(r->f[2], &ind->type)) {
            layout_error(dl, L->dir, file, r->line,
                         "unknown type '%s' (count, money, number, percent, bool, enum, score, text)",
                         r->f[2], NULL);
            bad = 1;
            continue;
        }
        ind->levels = eg_levels_parse(r->f[3]);
        if (!ind->levels) {
            layout_error(dl, L->dir, file, r->line,
                         "bad levels '%s' (words among tinh, so, huyen, xa)", r->f[3], NULL);
            bad = 1;
            continue;
        }
        if (ind->type == EG_TYPE_ENUM && parse_options(ind, r->f[5])) {
            layout_error(dl, L->dir, file, r->line,
                         "enum '%s' needs options as code=label|code=label", r->f[0], NULL);
            bad = 1;
            free(ind->options);
            continue;
        }
        if (ind->type == EG_TYPE_SCORE &&
            (ind->levels & ~(EG_LEVEL_BIT(EG_LEVEL_SO) | EG_LEVEL_BIT(EG_LEVEL_HUYEN)))) {
            layout_error(dl, L->dir, file, r->line,
                         "score '%s': scores are given to departments and districts alone "
                         "(levels so, huyen; maxima max_so, max_huyen), not at '%s'",
                         r->f[0], r->f[3]);
            bad = 1;
            continue;
        }
        if (ind->type == EG_TYPE_SCORE) {
            const char *mx[2] = { r->f[6], r->f[7] };
            eg_level lv[2] = { EG_LEVEL_SO, EG_LEVEL_HUYEN };

            for (int k = 0; k < 2; k++) {
                if (!(ind->levels & EG_LEVEL_BIT(lv[k])))
                    continue;
                ind->max[lv[k]] = layout_number(mx[k]);
                if (ind->max[lv[k]] <= 0) {
                    layout_error(dl, L->dir, file, r->line,
                                 "score '%s' needs a positive maximum in %s", r->f[0],
                                 k ? "max_huyen" : "max_so");
                    bad = 1;
                }
            }
        }
        if (r->f[8][0]) {
            ind->pattern = eg_pattern_compile(r->f[8], err, sizeof err);
            if (!ind->pattern) {
                layout_error(dl, L->dir, file, r->line, "%s%s", err, NULL);
                bad = 1;
            }
        }
        ind->code = eg_xstrdup(r->f[0]);
        ind->label = eg_nfc(r->f[1]);
        ind->unit_label = eg_nfc(r->f[4]);
        eg_strmap_put(&cat->index, ind->code, (int)cat->n);
        cat->n++;
    }
    ltable_free(&t);
    return bad ? -1 : 0;
}

/* ---- settings.csv and columns.csv ------------------------------------- */

static int load_settings(eg_layouts *L, eg_diag_list *dl)
{
    static const char *const cols[] = { "key", "value" };
    ltable t;
    int bad = 0;

    if (read_layout(L->dir, "settings.csv", cols, 2, 2, &t, dl))
        return -1;
    eg_check_settings_default(&L->checks);
    for (size_t i = 0; i < t.n; i++) {
        const char *why = NULL;
        int check = eg_check_setting(&L->checks, t.rows[i].f[0], t.rows[i].f[1], &why);

        if (check) {
            /* the thresholds of the statistical checks (rules_load.c) */
            if (check < 0) {
                layout_error(dl, L->dir, "settings.csv", t.rows[i].line, "%s, not '%s'", why,
                             t.rows[i].f[1]);
                bad = 1;
            }
        } else if (strcmp(t.rows[i].f[0], "unit_code_pattern") == 0) {
            char err[256];

            eg_pattern_free(L->cat.unit_code_pattern);
            L->cat.unit_code_pattern = eg_pattern_compile(t.rows[i].f[1], err, sizeof err);
            if (!L->cat.unit_code_pattern) {
                layout_error(dl, L->dir, "settings.csv", t.rows[i].line, "%s%s", err, NULL);
                bad = 1;
            }
        } else if (strcmp(t.rows[i].f[0], "highlight_below") == 0) {
            /* A fraction: the workbook highlights rates under it. */
            double v;

            if (eg_parse_decimal(t.rows[i].f[1], &v) != EG_NUM_OK || v <= 0 || v > 1) {
                layout_error(dl, L->dir, "settings.csv", t.rows[i].line,
                             "highlight_below must be a fraction above 0 and at most 1, such as 0.8, not '%s'%s",
                             t.rows[i].f[1], NULL);
                bad = 1;
            } else {
                L->highlight_below = v;
            }
        } else {
            layout_error(dl, L->dir, "settings.csv", t.rows[i].line, "unknown setting '%s'",
                         t.rows[i].f[0], NULL);
            bad = 1;
        }
    }
    if (!bad && !L->cat.unit_code_pattern) {
        layout_error(dl, L->dir, "settings.csv", 0, "unit_code_pattern is not set%s%s", NULL, NULL);
        bad = 1;
    }
    ltable_free(&t);
    return bad ? -1 : 0;
}

static int ascii_only(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

static int load_columns(eg_layouts *L, eg_diag_list *dl)
{
    static const char *const cols[] = { "role", "header" };
    static const char *const roles[EG_COL_COUNT] = { "unit_code", "indicator", "value", "note",
                                                     "submitted_on", "unit_name" };
    ltable t;
    int bad = 0;

    if (read_layout(L->dir, "columns.csv", cols, 2, 2, &t, dl))
        return -1;
    for (int r = 0; r < EG_COL_COUNT; r++) {
        L->columns[r].role = roles[r];
        L->columns[r].required = r != EG_COL_NOTE && r != EG_COL_SUBMITTED_ON &&
                                 r != EG_COL_UNIT_NAME;
        L->columns[r].stand_in = 0;
    }
    /* A file may name its units instead of giving their codes. */
    L->columns[EG_COL_UNIT].stand_in = EG_COL_UNIT_NAME + 1;
    for (size_t i = 0; i < t.n; i++) {
        int r;
        eg_colspec *c;

        for (r = 0; r < EG_COL_COUNT; r++)
            if (strcmp(t.rows[i].f[0], roles[r]) == 0)
                break;
        if (r == EG_COL_COUNT) {
            layout_error(dl, L->dir, "columns.csv", t.rows[i].line,
                         "unknown role '%s' (unit_code, indicator, value, note, submitted_on, unit_name)", t.rows[i].f[0], NULL);
            bad = 1;
            continue;
        }
        c = &L->columns[r];
        c->aliases = eg_xrealloc(c->aliases, (c->n_aliases + 1) * sizeof *c->aliases);
        c->aliases[c->n_aliases++] = eg_fold(t.rows[i].f[1]);
        /* messages name the column by its first Vietnamese header */
        if (!c->shown && !ascii_only(t.rows[i].f[1]))
            c->shown = eg_nfc(t.rows[i].f[1]);
    }
    for (int r = 0; r < EG_COL_COUNT && !bad; r++)
        if (L->columns[r].required && !L->columns[r].n_aliases) {
            layout_error(dl, L->dir, "columns.csv", 0, "no header name for role '%s'%s", roles[r], NULL);
            bad = 1;
        }
    ltable_free(&t);
    return bad ? -1 : 0;
}

/* ---- rules.csv: see rules_load.c ------------------------------------ */

/* ---- figures.csv ------------------------------------------------------ */

static int parse_format(const char *s, eg_fig_format *f)
{
    static const char *const names[] = { "count", "money", "percent", "points", "number" };

    for (int i = 0; i < 5; i++)
        if (strcmp(s, names[i]) == 0) {
            *f = (eg_fig_format)i;
            return 0;
        }
    return -1;
}

int eg_layout_option_add(const eg_indicator *ind, const char *code, uint64_t *set)
{
    for (size_t k = 0; k < ind->n_options; k++) {
        if (strcmp(ind->options[k].code, code) != 0)
            continue;
        if (k >= 64)
            return -2;
        *set |= 1ull << k;
        return 0;
    }
    return -1;
}

static const char *parse_condition(const eg_indicator *ind, const char *cond, eg_figure_def *f)
{
    if (ind->type == EG_TYPE_BOOL) {
        if (strcmp(cond, "yes") != 0)
            return "a count over a bool takes the condition 'yes'";
        f->cond_yes = 1;
        return NULL;
    }
    if (ind->type != EG_TYPE_ENUM && ind->type != EG_TYPE_TEXT) {
        /* a number: the units that gave one above 0 (funds set aside) */
        if (strcmp(cond, "> 0") != 0)
            return "a count over a number takes the condition '> 0'";
        f->cond_positive = 1;
        return NULL;
    }
    if (ind->type == EG_TYPE_ENUM && strncmp(cond, "in ", 3) == 0) {
        char *copy = eg_xstrdup(cond + 3), *save = NULL;
        const char *why = NULL;

        for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
            int added = eg_layout_option_add(ind, w, &f->cond_options);

            if (added == -1) {
                why = "the condition names an option the indicator does not have";
                break;
            }
            if (added == -2) {
                why = "a condition can name only the first 64 options of an indicator";
                break;
            }
        }
        free(copy);
        return why ? why : (f->cond_options ? NULL : "empty condition");
    }
    return "a count needs a bool indicator with 'yes', an enum with 'in option...' or a number "
           "with '> 0'";
}

/* fmt with the value quoted (its first 40 characters) in buf. */
static const char *quoted(char *buf, size_t cap, const char *fmt, const char *value)
{
    char v[48];

    snprintf(v, sizeof v, "%.*s", (int)eg_utf8_prefix(value, 40), value);
    snprintf(buf, cap, fmt, v);
    return buf;
}

/* Why a sum or ratio cannot be made of a (and b), or NULL. */
static const char *summable(const eg_indicator *a, const eg_indicator *b)
{
    for (int k = 0; k < 2; k++) {
        const eg_indicator *ind = k ? b : a;

        if (!ind)
            continue;
        if (ind->type == EG_TYPE_BOOL || ind->type == EG_TYPE_ENUM)
            return "a sum or ratio needs numbers: a yes/no or a choice is counted with the "
                   "kind count and a cond";
        if (ind->type == EG_TYPE_TEXT)
            return "a sum or ratio needs numbers, and a text indicator has none";
    }
    return NULL;
}

int eg_figure_baseline_counts_units(const eg_figure_def *f)
{
    return f->kind == EG_FIG_COUNT && strncmp(f->code, "tl.", 3) != 0;
}

/* Why f's format does not fit its kind (or the figure it is made from), or
 * NULL: a sum in percent prints 500%, a share in count prints 0 or 1. */
static const char *format_fits(const eg_layouts *L, const eg_figure_def *f)
{
    eg_fig_format base = f->kind >= EG_FIG_DIFF_BASELINE ? L->figures[f->a].format : f->format;

    switch (f->kind) {
    case EG_FIG_SUM:
        if (f->format == EG_FMT_PERCENT || f->format == EG_FMT_POINTS)
            return "a sum is a count, an amount or a number (format count, money or number): "
                   "percent or points would print a total of 5 as 500%";
        return NULL;
    case EG_FIG_COUNT:
        if (f->format != EG_FMT_PERCENT && f->format != EG_FMT_NUMBER)
            return "a count figure is the share of the units that qualify (format percent, or "
                   "number): its two counts are printed with {CODE:pair}";
        return NULL;
    case EG_FIG_RATIO:
    case EG_FIG_QUOTIENT:
        if (f->format == EG_FMT_COUNT || f->format == EG_FMT_POINTS)
            return "a ratio is a share, a number or an amount (format percent, number or "
                   "money): count would print a share of 0,85 as 1";
        return NULL;
    case EG_FIG_COMPLEMENT:
        if (base != EG_FMT_PERCENT && base != EG_FMT_NUMBER)
            return "a complement is 1 minus a share: its figure a must be in percent (or "
                   "number)";
        if (f->format != base)
            return base == EG_FMT_PERCENT ? "the complement of a percent figure is a percent "
                                            "(format percent)"
                                          : "the complement of a number is a number (format "
                                            "number)";
        return NULL;
    default: /* EG_FIG_DIFF_BASELINE */
        /* a figure set against baseline.csv's count of units: its change
         * is a count, whatever its own format */
        if (eg_figure_baseline_counts_units(&L->figures[f->a])) {
            if (f->format == EG_FMT_PERCENT || f->format == EG_FMT_POINTS)
                return "the change of a count figure (dem.*) is one of its count of units, as "
                       "baseline.csv gives it (format count or number): in points a change of "
                       "2 units printed 200";
            return NULL;
        }
        if ((base == EG_FMT_PERCENT || base == EG_FMT_POINTS) && f->format != EG_FMT_POINTS)
            return "the change of a percent or points figure is in percentage points (format "
                   "points)";
        if (base != EG_FMT_PERCENT && base != EG_FMT_POINTS &&
            (f->format == EG_FMT_PERCENT || f->format == EG_FMT_POINTS))
            return "the change of a count, an amount or a number is one too (format count, "
                   "money or number, as its figure a)";
        return NULL;
    }
}

static int load_figures(eg_layouts *L, eg_diag_list *dl)
{
    static const char *const cols[] = { "code", "section", "label", "kind", "a", "b",
                                        "levels", "cond", "format", "better" };
    static const char *const kinds[] = { "sum", "ratio", "count", "diff_baseline",
                                         "complement", "quotient" };
    const char *file = "figures.csv";
    ltable t;
    int bad = 0;

    if (read_layout(L->dir, file, cols, 10, 9, &t, dl))
        return -1;
    L->figures = eg_xcalloc(t.n, sizeof *L->figures);
    for (size_t i = 0; i < t.n; i++) {
        lrow *r = &t.rows[i];
        eg_figure_def *f = &L->figures[L->n_figures];
        const char *why = NULL;
        char said[160];
        int k;

        memset(f, 0, sizeof *f);
        f->line = r->line;
        for (k = 0; k < 6; k++)
            if (strcmp(r->f[3], kinds[k]) == 0)
                break;
        if (eg_layout_name_why(r->f[0]))
            why = eg_layout_name_why(r->f[0]);
        else if (eg_strmap_get(&L->figure_index, r->f[0]) >= 0)
            why = "figure declared twice";
        else if (k == 6)
            why = quoted(said, sizeof said, "unknown kind '%s' (sum, ratio, count, "
                         "diff_baseline, complement, quotient)", r->f[3]);
        else if (parse_format(r->f[8], &f->format))
            why = quoted(said, sizeof said, "unknown format '%s' (count, money, percent, "
                         "points, number)", r->f[8]);
        else if (r->f[9][0] && strcmp(r->f[9], "higher") != 0 && strcmp(r->f[9], "lower") != 0)
            why = quoted(said, sizeof said, "unknown better '%s' (higher, the default, or "
                         "lower)", r->f[9]);
        f->lower_better = strcmp(r->f[9], "lower") == 0;
        if (!why) {
            f->kind = (eg_fig_kind)k;
            if (k <= EG_FIG_COUNT) {
                /* over indicators and levels */
                f->a = eg_catalogue_find(&L->cat, r->f[4]);
                f->b = k == EG_FIG_RATIO ? eg_catalogue_find(&L->cat, r->f[5]) : -1;
                f->levels = eg_levels_parse(r->f[6]);
                if (!r->f[4][0] || (k == EG_FIG_RATIO && !r->f[5][0]))
                    why = !r->f[4][0] ? "its indicator a is empty"
                                      : "its indicator b is empty (a ratio is a / b)";
                else if (f->a < 0 || (k == EG_FIG_RATIO && f->b < 0))
                    why = quoted(said, sizeof said, "unknown indicator '%s' (not in "
                                 "indicators.csv)", f->a < 0 ? r->f[4] : r->f[5]);
                else if (!f->levels)
                    why = "bad levels (words among tinh, so, huyen, xa)";
                else if (k == EG_FIG_COUNT)
                    why = parse_condition(&L->cat.items[f->a], r->f[7], f);
                else
                    why = summable(&L->cat.items[f->a], f->b >= 0 ? &L->cat.items[f->b] : NULL);
                if (!why && !(f->levels & L->cat.items[f->a].levels &
                              (f->b >= 0 ? L->cat.items[f->b].levels : ~0u)))
                    why = "its indicators are reported at none of its levels";
            } else {
                /* over figures declared above */
                f->a = eg_strmap_get(&L->figure_index, r->f[4]);
                f->b = k == EG_FIG_QUOTIENT ? eg_strmap_get(&L->figure_index, r->f[5]) : -1;
                if (f->a < 0 || (k == EG_FIG_QUOTIENT && f->b < 0))
                    why = "a and b must name figures declared on earlier lines";
            }
            if (!why)
                why = format_fits(L, f);
        }
        if (why) {
            layout_error(dl, L->dir, file, r->line, "figure '%s': %s", r->f[0], why);
            bad = 1;
            continue;
        }
        f->code = eg_xstrdup(r->f[0]);
        f->section = eg_nfc(r->f[1]);
        f->label = eg_nfc(r->f[2]);
        eg_strmap_put(&L->figure_index, f->code, (int)L->n_figures);
        L->n_figures++;
    }
    ltable_free(&t);
    return bad ? -1 : 0;
}

/* ---- rankings.csv ----------------------------------------------------- */

/* The line of the ranking called code loaded so far, 0 when none. */
static int ranking_line(const eg_layouts *L, const char *code)
{
    for (size_t i = 0; i < L->n_rankings; i++)
        if (strcmp(L->rankings[i].code, code) == 0)
            return L->rankings[i].line;
    return 0;
}

static int load_rankings(eg_layouts *L, eg_diag_list *dl)
{
    static const char *const cols[] = { "code", "level", "label" };
    ltable t;
    int bad = 0;

    if (read_layout(L->dir, "rankings.csv", cols, 3, 3, &t, dl))
        return -1;
    L->rankings = eg_xcalloc(t.n, sizeof *L->rankings);
    for (size_t i = 0; i < t.n; i++) {
        lrow *r = &t.rows[i];
        eg_ranking_def *rk = &L->rankings[L->n_rankings];
        char *label;
        int too_many = 0;

        memset(rk, 0, sizeof *rk);
        rk->line = r->line;
        if (eg_layout_name_why(r->f[0]) || ranking_line(L, r->f[0]) ||
            eg_strmap_get(&L->figure_index, r->f[0]) >= 0) {
            char twice[96];

            if (ranking_line(L, r->f[0]))
                snprintf(twice, sizeof twice, "declared twice (first on line %d)",
                         ranking_line(L, r->f[0]));
            else
                snprintf(twice, sizeof twice, "a figure of figures.csv has this code: "
                         "{CODE} would name either");
            layout_error(dl, L->dir, "rankings.csv", r->line, "ranking '%s': %s", r->f[0],
                         eg_layout_name_why(r->f[0]) ? eg_layout_name_why(r->f[0]) : twice);
            bad = 1;
            continue;
        }
        if (eg_level_parse(r->f[1], &rk->level)) {
            layout_error(dl, L->dir, "rankings.csv", r->line, "unknown level '%s'%s", r->f[1], NULL);
            bad = 1;
            continue;
        }
        for (size_t k = 0; k < L->cat.n; k++) {
            const eg_indicator *ind = &L->cat.items[k];

            if (ind->type != EG_TYPE_SCORE || !(ind->levels & EG_LEVEL_BIT(rk->level)))
                continue;
            if (rk->n_criteria == EG_RANKING_CRITERIA) {
                char most[16];

                too_many = 1;

                snprintf(most, sizeof most, "%d", EG_RANKING_CRITERIA);
                layout_error(dl, L->dir, "indicators.csv", ind->line,
                             "score '%s' is one criterion too many: a ranking adds at most %s "
                             "score indicators of a level", ind->code, most);
                bad = 1;
                break;
            }
            rk->criteria[rk->n_criteria++] = (int)k;
            rk->max_total += ind->max[rk->level];
        }
        if (!rk->n_criteria) {
            layout_error(dl, L->dir, "rankings.csv", r->line,
                         "no score indicator is reported at level '%s'%s", r->f[1], NULL);
            bad = 1;
            continue;
        }
        label = eg_nfc(r->f[2]);
        if (eg_utf8_len(label) > EG_CHART_TITLE_MAX) {
            char most[16];

            snprintf(most, sizeof most, "%d", EG_CHART_TITLE_MAX);
            layout_error(dl, L->dir, "rankings.csv", r->line, "ranking '%s': its label is the "
                         "title of its chart, and at most %s characters fit above one",
                         r->f[0], most);
            too_many = 1;
        }
        if (too_many) {
            free(label);
            bad = 1;
            continue;
        }
        rk->code = eg_xstrdup(r->f[0]);
        rk->label = label;
        L->n_rankings++;
    }
    ltable_free(&t);
    return bad ? -1 : 0;
}

/* ---- problems.csv (optional) -------------------------------------------- */

static int load_problems(eg_layouts *L, eg_diag_list *dl)
{
    static const char *const cols[] = { "code", "noi_dung" };
    char *path = eg_xasprintf("%s/problems.csv", L->dir);
    struct stat st;
    ltable t;
    int bad = 0, absent = stat(path, &st) != 0 && errno == ENOENT;

    free(path);
    if (absent)
        return 0;
    if (read_layout(L->dir, "problems.csv", cols, 2, 2, &t, dl))
        return -1;
    L->problem_text = eg_xcalloc(t.n + 1, sizeof *L->problem_text);
    for (size_t i = 0; i < t.n; i++) {
        lrow *r = &t.rows[i];

        if (!r->f[0][0]) {
            /* the row has its text (a row with neither is skipped) */
            char said[96];

            layout_error(dl, L->dir, "problems.csv", r->line, "%s%s",
                         quoted(said, sizeof said, "a row without its code, before the text '%s'",
                                r->f[1]), NULL);
            bad = 1;
            continue;
        }
        if (eg_strmap_get(&L->problem_index, r->f[0]) >= 0 || !r->f[1][0]) {
            layout_error(dl, L->dir, "problems.csv", r->line, "code '%s' %s", r->f[0],
                         r->f[1][0] ? "given twice" : "without its text");
            bad = 1;
            continue;
        }
        L->problem_text[L->n_problems] = eg_nfc(r->f[1]);
        eg_strmap_put(&L->problem_index, r->f[0], (int)L->n_problems++);
    }
    ltable_free(&t);
    return bad ? -1 : 0;
}

const char *eg_layouts_problem_text(const eg_layouts *L, const char *code)
{
    int k = code ? eg_strmap_get(&L->problem_index, code) : -1;

    return k >= 0 ? L->problem_text[k] : NULL;
}

void eg_layouts_show_year(eg_layouts *L, int year)
{
    free(L->shown);
    free(L->report_shown);
    L->shown = eg_xasprintf("layouts/%d", year);
    L->report_shown = eg_xasprintf("%s/report.txt", L->shown);
}

int eg_layouts_load(eg_layouts *L, const char *dir, eg_diag_list *dl)
{
    int bad = 0;
    FILE *f;

    memset(L, 0, sizeof *L);
    L->dir = eg_xstrdup(dir);
    /* a clerk's list names no server path: the layouts folder is
     * "layouts" (a year's own, eg_layouts_show_year) */
    L->shown = eg_xstrdup("layouts");
    L->report_shown = eg_xstrdup("layouts/report.txt");
    /* Later files refer to the catalogue: stop when it is broken. */
    if (load_indicators(L, dl))
        return -1;
    bad |= load_settings(L, dl);
    bad |= load_columns(L, dl);
    bad |= eg_rules_load(L, dl);
    bad |= load_figures(L, dl);
    bad |= load_rankings(L, dl);
    bad |= load_problems(L, dl);
    L->report_path = eg_xasprintf("%s/report.txt", dir);
    f = eg_fopen_input(L->report_path);
    if (!f) {
        eg_diag_add(dl, EG_FATAL, "F_LAYOUT", L->report_path, 0, 0, NULL, NULL,
                    "cannot open the report layout: %s", eg_strerror(errno));
        bad = 1;
    } else {
        fclose(f);
    }
    return bad ? -1 : 0;
}

void eg_layouts_free(eg_layouts *L)
{
    eg_catalogue_free(&L->cat);
    eg_colspec_free(L->columns, EG_COL_COUNT);
    eg_rules_free(L->rules, L->n_rules);
    for (size_t i = 0; i < L->n_figures; i++) {
        free(L->figures[i].code);
        free(L->figures[i].section);
        free(L->figures[i].label);
    }
    free(L->figures);
    eg_strmap_free(&L->figure_index);
    for (size_t i = 0; i < L->n_rankings; i++) {
        free(L->rankings[i].code);
        free(L->rankings[i].label);
    }
    free(L->rankings);
    for (size_t i = 0; i < L->n_problems; i++)
        free(L->problem_text[i]);
    free(L->problem_text);
    eg_strmap_free(&L->problem_index);
    free(L->report_path);
    free(L->report_shown);
    free(L->shown);
    free(L->dir);
    memset(L, 0, sizeof *L);
}
