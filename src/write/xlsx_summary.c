/*
 * xlsx_summary.c - the Tổng hợp sheet: one row per derived figure, as
 * formulas over Dữ liệu with the computed figure as the cached result.
 *
 * A formula is only written where a spreadsheet recalculating it gets
 * exactly the figure we computed: we evaluate every SUMIFS and COUNTIFS
 * ourselves over the values as Dữ liệu holds them and compare.  Where the
 * definition cannot be said simply (a ratio over only the units that
 * reported both parts, when some reported one), or a code would be read
 * as a wildcard pattern, the cell holds the plain number instead.  When
 * Dữ liệu is split over several sheets, each SUMIFS and COUNTIFS term is
 * repeated for every one of them.  The rates get data bars and the
 * layouts' highlight_below highlight.
 */
#include "write/xlsx_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"
#include "core/number.h"
#include "extract/registry.h"

/* Columns of the sheet. */
enum { C_CODE, C_LABEL, C_VALUE, C_NUM, C_DEN, C_UNIT, C_NOTE, C_COUNT };

/* Excel refuses a formula longer than 8,192 characters, the leading '='
 * with them, counted as UTF-16 code units; a longer one is written as
 * its value.  A sheet name such as 'Dữ liệu (2)' takes more bytes than
 * characters, so the text is kept in bytes, up to three per character
 * (four for the two units of a character past U+FFFF), and the
 * characters are counted apart. */
#define FORMULA_MAX 8192

typedef struct {
    char s[3 * FORMULA_MAX];
    size_t n;     /* bytes */
    size_t units; /* UTF-16 code units, without the '=' */
    int overflow;
} fbuf;

static void fb_init(fbuf *b)
{
    b->s[0] = '\0';
    b->n = b->units = 0;
    b->overflow = 0;
}

static void fb_add(fbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fb_add(fbuf *b, const char *fmt, ...)
{
    va_list ap;
    int k;

    if (b->overflow)
        return;
    va_start(ap, fmt);
    k = vsnprintf(b->s + b->n, sizeof b->s - b->n, fmt, ap);
    va_end(ap);
    if (k < 0 || (size_t)k >= sizeof b->s - b->n) {
        b->overflow = 1;
        return;
    }
    for (const unsigned char *p = (const unsigned char *)b->s + b->n; *p; p++)
        if ((*p & 0xC0) != 0x80)
            b->units += *p >= 0xF0 ? 2 : 1;
    b->n += (size_t)k;
    if (b->units + 1 > FORMULA_MAX)
        b->overflow = 1;
}

/* A code may go into a criterion as it is: no wildcard (* ? ~), no
 * comparison operator, no quote, nothing that reads as a number. */
static int criterion_safe(const char *s)
{
    if (!s || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '_' || *s == '.' || *s == '-'))
            return 0;
    return 1;
}

/* `'Dữ liệu (2)'!$H:$H`: a column of the data sheet s, whole, so that a
 * row an analyst adds below the last is counted too.  Its header is text,
 * which SUMIFS does not add and no criterion of ours matches (a code or
 * a level code, 1, an option's code, ">0"). */
static void fb_range(fbuf *b, const eg_xctx *x, lxw_col_t col, size_t s)
{
    char name[16];

    lxw_col_to_name(name, col, 0);
    fb_add(b, "'%s'!$%s:$%s", x->data[s].name, name, name);
}

/* `F-range,"code",D-range,"level"`: the criteria every term starts with. */
static void fb_code_level(fbuf *b, const eg_xctx *x, size_t s, const char *code, eg_level lv)
{
    fb_range(b, x, EG_XD_INDICATOR, s);
    fb_add(b, ",\"%s\",", code);
    fb_range(b, x, EG_XD_LEVEL, s);
    fb_add(b, ",\"%s\"", eg_level_code(lv));
}

/* Σ of an indicator over levels: a SUMIFS(...) per level and data sheet,
 * added up. */
static void fb_sum(fbuf *b, const eg_xctx *x, const char *code, unsigned levels)
{
    int first = 1;

    for (int lv = 0; lv < EG_LEVEL_COUNT; lv++) {
        if (!(levels & EG_LEVEL_BIT(lv)))
            continue;
        for (size_t s = 0; s < x->n_data; s++) {
            fb_add(b, "%sSUMIFS(", first ? "" : "+");
            fb_range(b, x, EG_XD_VALUE, s);
            fb_add(b, ",");
            fb_code_level(b, x, s, code, (eg_level)lv);
            fb_add(b, ")");
            first = 0;
        }
    }
}

/* Σ over levels and data sheets of COUNTIFS(code, level[, value
 * criterion]); criterion is NULL (every unit that reported), "1" (a yes)
 * or a quoted option. */
static void fb_count(fbuf *b, const eg_xctx *x, const char *code, unsigned levels,
                     const char *criterion, int *first)
{
    for (int lv = 0; lv < EG_LEVEL_COUNT; lv++) {
        if (!(levels & EG_LEVEL_BIT(lv)))
            continue;
        for (size_t s = 0; s < x->n_data; s++) {
            fb_add(b, "%sCOUNTIFS(", *first ? "" : "+");
            fb_code_level(b, x, s, code, (eg_level)lv);
            if (criterion) {
                fb_add(b, ",");
                fb_range(b, x, EG_XD_VALUE, s);
                fb_add(b, ",%s", criterion);
            }
            fb_add(b, ")");
            *first = 0;
        }
    }
}

/* What SUMIFS over Dữ liệu gives for indicator k over levels; 0 when a
 * value there is not a whole number (summing in another order could then
 * change the last bit). */
static int sim_sum(const eg_xctx *x, int k, unsigned levels, double *out)
{
    const eg_dataset *ds = x->ds;
    const eg_indicator *ind = &x->L->cat.items[k];
    double sum = 0;

    for (size_t j = x->values_at[k]; j < x->values_at[k + 1]; j++) {
        const eg_value *v = &ds->values[x->values_of[j]];
        double d;

        if (!(levels & EG_LEVEL_BIT(ds->registry.items[v->unit].level)))
            continue;
        if (!eg_xlsx_data_number(ind, v, &d) || d != (double)(int64_t)d ||
            d > 9007199254740992.0 || d < -9007199254740992.0)
            return 0;
        sum += d;
    }
    *out = sum;
    return 1;
}

/* What COUNTIFS over Dữ liệu gives: the values of indicator k over levels
 * (qualifying ones only when def is given). */
static double sim_count(const eg_xctx *x, int k, unsigned levels, const eg_figure_def *def)
{
    const eg_dataset *ds = x->ds;
    const eg_indicator *ind = &x->L->cat.items[k];
    double n = 0;

    for (size_t j = x->values_at[k]; j < x->values_at[k + 1]; j++) {
        const eg_value *v = &ds->values[x->values_of[j]];
        double d;

        if (!(levels & EG_LEVEL_BIT(ds->registry.items[v->unit].level)))
            continue;
        if (!def) {
            n++;
        } else if (def->cond_yes) {
            if (eg_xlsx_data_number(ind, v, &d) && d == 1)
                n++;
        } else if (def->cond_positive) {
            if (eg_xlsx_data_number(ind, v, &d) && d > 0)
                n++;
        } else if (v->i >= 0 && (size_t)v->i < ind->n_options) {
            /* COUNTIFS compares text without case. */
            for (size_t o = 0; o < ind->n_options; o++)
                if (eg_option_in(def->cond_options, (long long)o) &&
                    strcasecmp(ind->options[o].code, ind->options[v->i].code) == 0) {
                    n++;
                    break;
                }
        }
    }
    return n;
}

/* 1 when unit u, of one of the levels, reported one of a and b and not
 * the other: a ratio of them leaves it out. */
static int one_part_only(const eg_dataset *ds, size_t u, int a, int b, unsigned levels)
{
    return (levels & EG_LEVEL_BIT(ds->registry.items[u].level)) &&
           !eg_dataset_get(ds, (int)u, a) != !eg_dataset_get(ds, (int)u, b);
}

/* 1 when every unit of the levels that reported a also reported b, and
 * the other way round: then Σ over all units is Σ over those with both. */
static int pairs_complete(const eg_xctx *x, int a, int b, unsigned levels)
{
    for (size_t u = 0; u < x->ds->registry.n; u++)
        if (one_part_only(x->ds, u, a, b, levels))
            return 0;
    return 1;
}

/* Writes the formula when it is expressible and its result is `want`,
 * the plain number otherwise. */
static void put_checked(eg_xctx *x, eg_xsheet *sh, lxw_row_t row, lxw_col_t col,
                        const fbuf *b, int ok, double sim, double want, lxw_format *fmt)
{
    if (ok && !b->overflow && sim == want)
        eg_xlsx_put_formula(x, sh, row, col, b->s, want, fmt);
    else
        eg_xlsx_put_number(x, sh, row, col, want, fmt);
}

static lxw_format *figure_format(const eg_xctx *x, eg_fig_format f)
{
    switch (f) {
    case EG_FMT_PERCENT: return x->pct;
    case EG_FMT_POINTS: return x->points;
    case EG_FMT_NUMBER: return x->dec;
    case EG_FMT_COUNT:
    case EG_FMT_MONEY: break;
    }
    return x->count;
}

/* The Đơn vị tính column: what the figure is measured in (not "Đơn vị",
 * which the workbook's other sheets give to the reporting units). */
static const char *unit_word(const eg_xctx *x, const eg_figure_def *def)
{
    const char *u = NULL;

    switch (def->format) {
    case EG_FMT_PERCENT: return "%";
    case EG_FMT_POINTS: return "điểm phần trăm";
    default: break;
    }
    /* A change on last year is in its figure's unit: a sum's (hồ sơ), or
     * of a count of units (dem.*), units. */
    if (def->kind == EG_FIG_DIFF_BASELINE && def->a >= 0 && (size_t)def->a < x->L->n_figures) {
        if (eg_figure_baseline_counts_units(&x->L->figures[def->a]))
            return "đơn vị";
        def = &x->L->figures[def->a];
    }
    if (def->kind == EG_FIG_SUM && def->a >= 0 && (size_t)def->a < x->L->cat.n)
        u = x->L->cat.items[def->a].unit_label;
    if ((!u || !*u) && def->format == EG_FMT_MONEY)
        u = "đồng";
    return u ? u : "";
}

/* The units of the levels that reported one of a ratio's parts and not
 * the other, left out of it: "QG.S03, QG.S04" (the first five, then how
 * many more), a new string; NULL when none. */
static char *units_with_one_part(const eg_xctx *x, int a, int b, unsigned levels, size_t *n)
{
    const eg_dataset *ds = x->ds;
    char *list = NULL;

    *n = 0;
    for (size_t u = 0; u < ds->registry.n; u++) {
        char *more;

        if (!one_part_only(ds, u, a, b, levels))
            continue;
        if (++*n > 5)
            continue;
        more = eg_xasprintf("%s%s%s", list ? list : "", list ? ", " : "",
                            ds->registry.items[u].code);
        free(list);
        list = more;
    }
    if (*n > 5) {
        char k[32], *more;

        eg_fmt_int(k, sizeof k, (int64_t)(*n - 5));
        more = eg_xasprintf("%s và %s đơn vị khác", list, k);

        free(list);
        list = more;
    }
    return list;
}

/* What figure a (not whole) is short of: the figure it is made from that
 * is not whole (a itself unless a quotient or complement), and how many of
 * that one's units have sent their reports of how many it expects (a
 * unit without an optional indicator in its report lacks nothing: "1/21"
 * of the upper secondary schools' figure would say 20 units were
 * missing).  sent == expected: something else is short (a value refused,
 * a required indicator left blank, one part of a ratio only). */
static const eg_figure_def *short_of(const eg_xctx *x, size_t a, size_t *sent,
                                     size_t *expected)
{
    const eg_figure_def *def = &x->L->figures[a];

    /* a quotient or complement: the first figure it is made from that is
     * not whole says what is missing */
    while (def->kind > EG_FIG_COUNT) {
        size_t next = (size_t)def->a;

        if (def->kind == EG_FIG_QUOTIENT && x->res->figures[next].whole)
            next = (size_t)def->b;
        def = &x->L->figures[next];
    }
    *sent = *expected = 0;
    for (size_t u = 0; u < x->ds->registry.n; u++) {
        const eg_unit *unit = &x->ds->registry.items[u];

        if (def->levels & EG_LEVEL_BIT(unit->level)) {
            ++*expected;
            *sent += unit->submitted != 0;
        }
    }
    return def;
}

/* Ghi chú of a change on last year left uncomputed because figure a
 * (or one it is made from) covers part of its units. */
static char *partial_note(const eg_xctx *x, size_t a)
{
    size_t sent, expected;
    const eg_figure_def *def = short_of(x, a, &sent, &expected);

    if (sent < expected) {
        char s1[32], s2[32];

        eg_fmt_int(s1, sizeof s1, (int64_t)sent);
        eg_fmt_int(s2, sizeof s2, (int64_t)expected);
        return eg_xasprintf("Chưa so sánh với năm trước: %s năm nay mới có %s/%s đơn vị gửi báo "
                            "cáo, chưa so được với số liệu cả tỉnh năm trước trong baseline.csv",
                            def->code, s1, s2);
    }
    return eg_xasprintf("Chưa so sánh với năm trước: %s năm nay thiếu số liệu của đơn vị có giá "
                        "trị bị loại (xem Kiểm tra), bỏ trống chỉ tiêu phải báo cáo, hoặc chỉ "
                        "báo cáo một trong hai số của tỷ lệ, "
                        "chưa so được với số liệu cả tỉnh năm trước trong baseline.csv",
                        def->code);
}

/* Ghi chú of a figure with a value that covers part of its units: the
 * value is not the province's yet (a monthly build before every report
 * is in, a unit's value refused). */
static char *incomplete_note(const eg_xctx *x, size_t i)
{
    size_t sent, expected;
    const eg_figure_def *def = short_of(x, i, &sent, &expected);
    const char *which = def == &x->L->figures[i] ? "" : def->code;

    if (sent < expected) {
        char s1[32], s2[32];

        eg_fmt_int(s1, sizeof s1, (int64_t)sent);
        eg_fmt_int(s2, sizeof s2, (int64_t)expected);
        return eg_xasprintf("Chưa đủ: %s%smới có %s/%s đơn vị gửi báo cáo; giá trị chưa phải của "
                            "cả tỉnh", which, *which ? " " : "", s1, s2);
    }
    /* a ratio short by the units that gave one of its parts: those, as
     * its own row's note names them (neither refused nor required) */
    if (def->kind == EG_FIG_RATIO && def->a >= 0 && def->b >= 0) {
        size_t n;
        char *units = units_with_one_part(x, def->a, def->b, def->levels, &n), k[32], *note;

        if (units) {
            eg_fmt_int(k, sizeof k, (int64_t)n);
            note = eg_xasprintf("Chưa đủ: %s%skhông tính %s đơn vị chỉ báo cáo một trong hai số "
                                "của tỷ lệ (%s); giá trị chưa phải của cả tỉnh", which,
                                *which ? " " : "", k, units);
            free(units);
            return note;
        }
    }
    return eg_xasprintf("Chưa đủ: %s%sthiếu số liệu của đơn vị có giá trị bị loại (xem Kiểm tra) "
                        "hoặc bỏ trống chỉ tiêu phải báo cáo; giá trị chưa phải của cả tỉnh",
                        which, *which ? " " : "");
}

/* note, then ". " and the incomplete_note of figure i; frees note. */
static char *with_incomplete_note(const eg_xctx *x, size_t i, char *note)
{
    char *more = incomplete_note(x, i), *both = eg_xasprintf("%s. %s", note, more);

    free(more);
    free(note);
    return both;
}

/* Ghi chú: what the analyst needs to read the figure as the report does:
 * a value the report does not print (it prints "…"), a figure no unit
 * gave the data of, the units a ratio left out, a value that covers part
 * of its units; NULL when nothing. */
static char *figure_note(const eg_xctx *x, size_t i)
{
    const eg_figure_def *def = &x->L->figures[i];
    const eg_figure *f = &x->res->figures[i];
    const eg_catalogue *cat = &x->L->cat;
    char *units, *note, k[32];
    size_t n;

    if (eg_figure_too_large(x->res, i))
        return eg_xstrdup("Báo cáo không in giá trị này: tổng vượt 9.007.199.254.740.992, không "
                          "còn chính xác đến hàng đơn vị (xem Kiểm tra)");
    if (eg_figure_impossible(x->res, i))
        return eg_xstrdup("Báo cáo không in giá trị này: tỷ lệ ngoài khoảng 0–100%, do số liệu "
                          "các đơn vị mâu thuẫn (phần lớn hơn tổng; xem Kiểm tra)");
    if (!f->has_value && !f->has_pair) {
        double base;

        if (def->kind == EG_FIG_DIFF_BASELINE && def->a >= 0 &&
            eg_baseline_get(x->ds, x->L->figures[def->a].code, &base) != 0)
            return eg_xstrdup("Chưa tính được: baseline.csv không có số liệu năm trước của "
                              "chỉ tiêu này");
        if (def->kind == EG_FIG_DIFF_BASELINE && def->a >= 0 && !f->whole)
            return partial_note(x, (size_t)def->a);
        if (def->kind == EG_FIG_RATIO && f->n_units == 0)
            return eg_xasprintf("Chưa tính được: không đơn vị nào báo cáo cả %s và %s",
                                cat->items[def->a].code, cat->items[def->b].code);
        if ((def->kind == EG_FIG_SUM || def->kind == EG_FIG_COUNT) && f->n_units == 0)
            return eg_xstrdup("Chưa tính được: không đơn vị nào gửi số liệu cho chỉ tiêu này");
        if (def->kind == EG_FIG_QUOTIENT && x->res->figures[def->a].has_value &&
            x->res->figures[def->b].has_value && x->res->figures[def->b].value == 0)
            return eg_xasprintf("Chưa tính được: %s bằng 0, không chia được",
                                x->L->figures[def->b].code);
        if (def->kind > EG_FIG_COUNT) {
            size_t from = (size_t)def->a;

            if (def->kind == EG_FIG_QUOTIENT && x->res->figures[from].has_value)
                from = (size_t)def->b;
            if (!x->res->figures[from].has_value)
                return eg_xasprintf("Chưa tính được: %s chưa có giá trị (xem dòng của chỉ "
                                    "tiêu đó)", x->L->figures[from].code);
        }
        return eg_xstrdup("Chưa tính được từ số liệu gửi về");
    }
    /* a ratio whose parts every counted unit gave, adding up to 0 below */
    if (def->kind == EG_FIG_RATIO && !f->has_value && f->den == 0) {
        char *why = eg_xasprintf("Chưa tính được: tổng %s (mẫu số) của các đơn vị báo cáo bằng "
                                 "0, không chia được", cat->items[def->b].code);

        if (!f->whole)
            why = with_incomplete_note(x, i, why);
        return why;
    }
    if (def->kind != EG_FIG_RATIO || def->a < 0 || def->b < 0)
        return f->whole || def->kind == EG_FIG_DIFF_BASELINE ? NULL : incomplete_note(x, i);
    units = units_with_one_part(x, def->a, def->b, def->levels, &n);
    if (!units)
        return f->whole ? NULL : incomplete_note(x, i);
    eg_fmt_int(k, sizeof k, (int64_t)n);
    note = eg_xasprintf("Tính trên các đơn vị báo cáo cả %s và %s; %s đơn vị chỉ báo cáo một "
                        "trong hai không được tính: %s", cat->items[def->a].code,
                        cat->items[def->b].code, k, units);
    free(units);
    /* units that have not sent their reports are short of it too */
    if (!f->whole) {
        size_t sent, expected;

        short_of(x, i, &sent, &expected);
        if (sent < expected)
            note = with_incomplete_note(x, i, note);
    }
    return note;
}

/* Tử số and Mẫu số of a ratio: SUMIFS where every unit reported both. */
static void put_ratio_parts(eg_xctx *x, eg_xsheet *sh, lxw_row_t row,
                            const eg_figure_def *def, const eg_figure *f)
{
    const eg_catalogue *cat = &x->L->cat;
    int ok = pairs_complete(x, def->a, def->b, def->levels) &&
             criterion_safe(cat->items[def->a].code) && criterion_safe(cat->items[def->b].code);
    double sa = 0, sb = 0;
    fbuf num, den;

    fb_init(&num);
    fb_init(&den);
    ok = ok && sim_sum(x, def->a, def->levels, &sa) && sim_sum(x, def->b, def->levels, &sb);
    fb_sum(&num, x, cat->items[def->a].code, def->levels);
    fb_sum(&den, x, cat->items[def->b].code, def->levels);
    put_checked(x, sh, row, C_NUM, &num, ok, sa, f->num, x->count);
    put_checked(x, sh, row, C_DEN, &den, ok, sb, f->den, x->count);
}

/* Tử số and Mẫu số of a count of units: COUNTIFS with the condition. */
static void put_count_parts(eg_xctx *x, eg_xsheet *sh, lxw_row_t row,
                            const eg_figure_def *def, const eg_figure *f)
{
    const eg_indicator *ind = &x->L->cat.items[def->a];
    int ok = criterion_safe(ind->code), first = 1;
    fbuf num, den;

    fb_init(&num);
    fb_init(&den);
    if (def->cond_yes) {
        ok = ok && ind->type == EG_TYPE_BOOL;
        fb_count(&num, x, ind->code, def->levels, "1", &first);
    } else if (def->cond_positive) {
        ok = ok && ind->type != EG_TYPE_ENUM && ind->type != EG_TYPE_TEXT;
        fb_count(&num, x, ind->code, def->levels, "\">0\"", &first);
    } else {
        ok = ok && ind->type == EG_TYPE_ENUM && def->cond_options != 0;
        for (size_t o = 0; ok && o < ind->n_options; o++) {
            char crit[160];

            if (!eg_option_in(def->cond_options, (long long)o))
                continue;
            if (!criterion_safe(ind->options[o].code) ||
                (size_t)snprintf(crit, sizeof crit, "\"%s\"", ind->options[o].code) >= sizeof crit) {
                ok = 0;
                break;
            }
            fb_count(&num, x, ind->code, def->levels, crit, &first);
        }
        if (ind->n_options < 64 && def->cond_options >> ind->n_options)
            ok = 0;  /* an option the indicator does not have */
    }
    put_checked(x, sh, row, C_NUM, &num, ok, ok ? sim_count(x, def->a, def->levels, def) : 0,
                f->num, x->count);
    first = 1;
    fb_count(&den, x, ind->code, def->levels, NULL, &first);
    put_checked(x, sh, row, C_DEN, &den, criterion_safe(ind->code),
                sim_count(x, def->a, def->levels, NULL), f->den, x->count);
}

/* `INDEX($C$3:$C$N,MATCH("code",$A$3:$A$N,0))`: a column of figure k's row,
 * found by its code in Mã chỉ tiêu rather than by its address, so that a
 * sort of the sheet leaves the result as it is.  last is the sheet's last
 * row (1-based).  0 when the code cannot be looked up so (MATCH reads *, ?
 * and ~ as wildcards and compares without case: the code must be plain
 * and no other figure's code may equal it but for case). */
static int fig_ref(const eg_xctx *x, size_t k, char col, unsigned last, char *out, size_t cap)
{
    const char *code = x->L->figures[k].code;
    int n;

    if (!criterion_safe(code))
        return 0;
    for (size_t j = 0; j < x->L->n_figures; j++)
        if (j != k && strcasecmp(x->L->figures[j].code, code) == 0)
            return 0;
    n = snprintf(out, cap, "INDEX($%c$3:$%c$%u,MATCH(\"%s\",$A$3:$A$%u,0))", col, col, last,
                 code, last);
    return n > 0 && (size_t)n < cap;
}

/* One figure's row; last is the sheet's last row (1-based). */
static void put_figure(eg_xctx *x, eg_xsheet *sh, const lxw_row_t *rows, size_t i,
                       unsigned last)
{
    const eg_figure_def *def = &x->L->figures[i];
    const eg_figure *f = &x->res->figures[i];
    const eg_catalogue *cat = &x->L->cat;
    lxw_row_t row = rows[i];
    lxw_format *vf = figure_format(x, def->format);
    char own[64], ra[240], rb[240], fb2[500];
    fbuf b;
    double s = 0;
    int ok;

    /* a change on last year is signed, as a change in points is: +3 in
     * a count or an amount, +1.50 in a number */
    if (def->kind == EG_FIG_DIFF_BASELINE)
        vf = vf == x->count ? x->signed_count : vf == x->dec ? x->signed_dec : vf;
    eg_xlsx_put_text(x, sh, row, C_CODE, def->code, NULL);
    eg_xlsx_put_text(x, sh, row, C_LABEL, def->label, x->wrap);
    eg_xlsx_put_text(x, sh, row, C_UNIT, unit_word(x, def), NULL);
    {
        char *note = figure_note(x, i);

        if (note)
            eg_xlsx_put_text(x, sh, row, C_NOTE, note, x->wrap);
        free(note);
    }
    /* Giá trị of a pair: the row's own Tử số over Mẫu số.  Without
     * anything to divide by (Dữ liệu edited by an analyst: as written the
     * formula is only where Mẫu số is more than 0) an empty text, as the
     * figure has no value: 0 read as a share of 0 %, in red, and a
     * complement made from it as 100 %. */
    snprintf(own, sizeof own, "IF(E%u>0,D%u/E%u,\"\")", (unsigned)row + 1, (unsigned)row + 1,
             (unsigned)row + 1);

    switch (def->kind) {
    case EG_FIG_SUM:
        if (!f->has_value)
            break;
        ok = criterion_safe(cat->items[def->a].code) && sim_sum(x, def->a, def->levels, &s);
        fb_init(&b);
        fb_sum(&b, x, cat->items[def->a].code, def->levels);
        put_checked(x, sh, row, C_VALUE, &b, ok, s, f->value, vf);
        break;
    case EG_FIG_RATIO:
    case EG_FIG_COUNT:
        if (!f->has_pair)
            break;
        if (def->kind == EG_FIG_RATIO)
            put_ratio_parts(x, sh, row, def, f);
        else
            put_count_parts(x, sh, row, def, f);
        /* The quotient of the two cells just written, unless one had to
         * stay blank (a spreadsheet would then not give the value). */
        if (f->has_value && isfinite(f->num) && isfinite(f->den))
            eg_xlsx_put_formula(x, sh, row, C_VALUE, own, f->value, vf);
        else if (f->has_value)
            eg_xlsx_put_number(x, sh, row, C_VALUE, f->value, vf);
        else if (f->den == 0 && isfinite(f->num))
            /* nothing to divide by: no value, as the formula says, until
             * an edit of Dữ liệu gives Mẫu số one (it was a blank, which
             * stayed one) */
            eg_xlsx_put_formula_text(x, sh, row, C_VALUE, own, "", vf);
        break;
    case EG_FIG_QUOTIENT:
        if (!f->has_value)
            break;
        /* Tử số and Mẫu số are the Giá trị cells of the two figures, found
         * by their codes. */
        if (fig_ref(x, (size_t)def->a, 'C', last, ra, sizeof ra) &&
            fig_ref(x, (size_t)def->b, 'C', last, rb, sizeof rb)) {
            eg_xlsx_put_formula(x, sh, row, C_NUM, ra, f->num,
                                figure_format(x, x->L->figures[def->a].format));
            eg_xlsx_put_formula(x, sh, row, C_DEN, rb, f->den,
                                figure_format(x, x->L->figures[def->b].format));
            eg_xlsx_put_formula(x, sh, row, C_VALUE, own, f->value, vf);
        } else {
            eg_xlsx_put_number(x, sh, row, C_NUM, f->num,
                               figure_format(x, x->L->figures[def->a].format));
            eg_xlsx_put_number(x, sh, row, C_DEN, f->den,
                               figure_format(x, x->L->figures[def->b].format));
            eg_xlsx_put_number(x, sh, row, C_VALUE, f->value, vf);
        }
        break;
    case EG_FIG_COMPLEMENT:
        if (!f->has_value)
            break;
        ok = fig_ref(x, (size_t)def->a, 'C', last, ra, sizeof ra);
        if (ok) {
            snprintf(fb2, sizeof fb2, "1-%s", ra);
            eg_xlsx_put_formula(x, sh, row, C_VALUE, fb2, f->value, vf);
        } else
            eg_xlsx_put_number(x, sh, row, C_VALUE, f->value, vf);
        /* Tử số and Mẫu số: the rest of the complemented figure's whole,
         * where that is a whole number (as the report shows them) */
        if (f->has_pair && eg_figure_pair_whole(x->L, i)) {
            lxw_format *cf = figure_format(x, EG_FMT_COUNT);

            if (ok && fig_ref(x, (size_t)def->a, 'E', last, ra, sizeof ra) &&
                fig_ref(x, (size_t)def->a, 'D', last, rb, sizeof rb)) {
                snprintf(fb2, sizeof fb2, "%s-%s", ra, rb);
                eg_xlsx_put_formula(x, sh, row, C_NUM, fb2, f->num, cf);
                eg_xlsx_put_formula(x, sh, row, C_DEN, ra, f->den, cf);
            } else {
                eg_xlsx_put_number(x, sh, row, C_NUM, f->num, cf);
                eg_xlsx_put_number(x, sh, row, C_DEN, f->den, cf);
            }
        }
        break;
    case EG_FIG_DIFF_BASELINE: {
        /* Tử số: this year's figure, found by its code; Mẫu số: last
         * year's, from the baseline; Giá trị: the one less the other.
         * baseline.csv gives a count of units (dem.*) as its count, not
         * its share: this year's is then the figure's own Tử số (column
         * D), a count, where its Giá trị (C) is the share, which set
         * against last year's 2 units showed "200.00%" beside "0.00%". */
        const eg_figure_def *adef = &x->L->figures[def->a];
        const eg_figure *a = &x->res->figures[def->a];
        double base, now;
        int share, units;
        lxw_format *af;

        if (!f->has_value)
            break;
        if (eg_figure_baseline_side(adef, a, &now, &share) == 0 &&
            eg_baseline_get(x->ds, adef->code, &base) == 0 && now - base == f->value) {
            units = !share && eg_figure_baseline_counts_units(adef) && a->has_pair;
            af = units ? x->count : figure_format(x, adef->format);
            if (fig_ref(x, (size_t)def->a, units ? 'D' : 'C', last, ra, sizeof ra))
                eg_xlsx_put_formula(x, sh, row, C_NUM, ra, now, af);
            else
                eg_xlsx_put_number(x, sh, row, C_NUM, now, af);
            eg_xlsx_put_number(x, sh, row, C_DEN, base, af);
            snprintf(fb2, sizeof fb2, "D%u-E%u", (unsigned)row + 1, (unsigned)row + 1);
            eg_xlsx_put_formula(x, sh, row, C_VALUE, fb2, f->value, vf);
        } else {
            eg_xlsx_put_number(x, sh, row, C_VALUE, f->value, vf);
        }
        break;
    }
    }
}

/* A few headline figures by name, for analysts' own formulas. */
static const struct {
    const char *name, *code;
} headline[] = {
    { "TongHoSo", "tong.ho_so" },
    { "TongHoSoTre", "tong.ho_so_tre" },
    { "TyLeHoSoTre", "tl.ho_so_tre" },
    { "TyLeHoSoDungHan", "tl.ho_so_dung_han" },
    { "TyLeCBCCMayTinh", "tl.cbcc_may_tinh" },
    { "TyLeVanBanDiDienTu", "tl.vb_di_dien_tu" },
    { "TyLeHopThuCongVu", "tl.hop_thu" },
    { "TongKinhPhiCNTT", "tong.kinh_phi_cntt" },
    { "TongChungThuSo", "tong.chung_thu_so" },
};

/* Each name is its figure's Giá trị found by code, as the figures refer
 * to each other, so that a sort of the sheet leaves it on its figure; by
 * address where the code cannot be looked up. */
static void define_names(eg_xctx *x, const lxw_row_t *rows, unsigned last)
{
    for (size_t i = 0; i < sizeof headline / sizeof *headline && !x->err; i++) {
        int k = eg_strmap_get(&x->L->figure_index, headline[i].code);
        const char *code;
        char ref[400];
        size_t j;

        if (k < 0 || !eg_xlsx_name_valid(headline[i].name))
            continue;
        code = x->L->figures[k].code;
        for (j = 0; j < x->L->n_figures; j++)
            if ((int)j != k && strcasecmp(x->L->figures[j].code, code) == 0)
                break;
        if (criterion_safe(code) && j == x->L->n_figures)
            snprintf(ref, sizeof ref, "=INDEX('%s'!$C$3:$C$%u,MATCH(\"%s\",'%s'!$A$3:$A$%u,0))",
                     EG_XLSX_SHEET_SUMMARY, last, code, EG_XLSX_SHEET_SUMMARY, last);
        else
            snprintf(ref, sizeof ref, "='%s'!$C$%u", EG_XLSX_SHEET_SUMMARY,
                     (unsigned)rows[k] + 1);
        eg_xlsx_check(x, workbook_define_name(x->wb, headline[i].name, ref),
                      "defining the name %s", headline[i].name);
    }
}

/* The threshold highlight of the percentages of Giá trị, as one rule over
 * the whole column keyed by each row's own cells: a percentage says "%"
 * in Đơn vị (a change in points says "điểm phần trăm"), and one where
 * lower is better (dossiers late), or a figure that is no share though
 * its Đơn vị says "%", is named by its code.  A sort by the
 * filter buttons moves the rows, not the rules: a rule over the rows of
 * percentages as written left a count sorted into their place red, and
 * a share sorted out of it plain.  0, or -1 when a code cannot be named
 * in a formula (the caller then highlights the cells as written). */
static int highlight_rates(eg_xctx *x, lxw_worksheet *ws, lxw_row_t end)
{
    char sq[64], *rule, *next;

    if (x->err || !ws || !(x->L->highlight_below > 0) || end <= 2)
        return 0;
    rule = eg_xasprintf("=AND(ISNUMBER(C3),$F3=\"%%\",C3<%.15g", x->L->highlight_below);
    /* Left out by code: the shares where lower is better, and whatever
     * else says "%" in Đơn vị, a sum of an indicator counted in % or its
     * change on last year (-3 beside last year's is no low share). */
    for (size_t i = 0; i < x->L->n_figures; i++) {
        const eg_figure_def *def = &x->L->figures[i];

        if (strcmp(unit_word(x, def), "%") != 0 ||
            (def->format == EG_FMT_PERCENT && !def->lower_better))
            continue;
        if (!criterion_safe(def->code)) {
            free(rule);
            return -1;
        }
        next = eg_xasprintf("%s,$A3<>\"%s\"", rule, def->code);
        free(rule);
        rule = next;
    }
    /* Excel reads no formula past 8,192 characters */
    if (strlen(rule) > 8000) {
        free(rule);
        return -1;
    }
    next = eg_xasprintf("%s)", rule);
    free(rule);
    rule = next;
    eg_xlsx_range(sq, sizeof sq, C_VALUE, 3, end, 0);
    eg_xlsx_highlight_rule(x, ws, 2, C_VALUE, sq, rule);
    free(rule);
    return 0;
}

/* Data bars and the threshold highlight on the percentages of Giá trị
 * (not on changes in points): the bars as one rule over their cells as
 * written, the highlight keyed by each row's cells (highlight_rates). */
static void format_rates(eg_xctx *x, lxw_worksheet *ws, const lxw_row_t *rows, lxw_row_t end)
{
    unsigned char *pct = eg_xcalloc((size_t)end + 1, 1);
    char *sq = eg_xstrdup(""), *next;
    lxw_row_t first = 0;
    int any = 0;

    for (size_t i = 0; i < x->L->n_figures; i++)
        if (x->L->figures[i].format == EG_FMT_PERCENT && !x->L->figures[i].lower_better &&
            rows[i] < end)
            pct[rows[i]] = 1;
    for (lxw_row_t r = 0; r < end; r++) {
        lxw_row_t r2 = r;
        char run[64];

        if (!pct[r])
            continue;
        while (r2 + 1 < end && pct[r2 + 1])
            r2++;
        eg_xlsx_range(run, sizeof run, C_VALUE, r + 1u, r2 + 1u, 0);
        next = eg_xasprintf("%s%s%s", sq, any ? " " : "", run);
        free(sq);
        sq = next;
        if (!any)
            first = r;
        any = 1;
        r = r2;
    }
    if (any) {
        eg_xlsx_data_bar(x, ws, first, C_VALUE, sq, 1);
        if (highlight_rates(x, ws, end))
            eg_xlsx_highlight_below(x, ws, first, C_VALUE, sq, x->L->highlight_below);
    }
    free(sq);
    free(pct);
}

/* x->values_of and values_at: the values of each indicator, in the
 * dataset's order (a counting sort), so that what SUMIFS and COUNTIFS give
 * for a figure is found among its indicator's values, not all of them, in
 * the order that adds them as before. */
static void index_values(eg_xctx *x)
{
    const eg_dataset *ds = x->ds;
    size_t n_ind = x->L->cat.n, *next = eg_xcalloc(n_ind + 1, sizeof *next);

    x->values_at = eg_xcalloc(n_ind + 1, sizeof *x->values_at);
    x->values_of = eg_xmalloc((ds->n_values ? ds->n_values : 1) * sizeof *x->values_of);
    for (size_t i = 0; i < ds->n_values; i++)
        x->values_at[ds->values[i].indicator + 1]++;
    for (size_t k = 0; k < n_ind; k++)
        x->values_at[k + 1] += x->values_at[k];
    memcpy(next, x->values_at, n_ind * sizeof *next);
    for (size_t i = 0; i < ds->n_values; i++)
        x->values_of[next[ds->values[i].indicator]++] = (uint32_t)i;
    free(next);
}

void eg_xlsx_write_summary(eg_xctx *x)
{
    static const char *const names[C_COUNT] = {
        "Mã chỉ tiêu", "Chỉ tiêu", "Giá trị", "Tử số", "Mẫu số", "Đơn vị tính", "Ghi chú"
    };
    const eg_layouts *L = x->L;
    const char *province = eg_dataset_fact(x->ds, "province");
    eg_xsheet sh;
    lxw_row_t *rows = eg_xcalloc(L->n_figures + 1, sizeof *rows);
    const char **sections = eg_xcalloc(L->n_figures + 1, sizeof *sections);
    size_t n_sections = 0;
    lxw_row_t row = 2;
    char *title;

    index_values(x);
    eg_xlsx_sheet_begin(x, &sh, EG_XLSX_SHEET_SUMMARY, C_COUNT);
    if (!sh.ws)
        goto done;
    {
        /* a year not over says to which day (core/model.h) */
        char part[64] = "", day[16];

        if (x->ds->provisional)
            snprintf(part, sizeof part, " (số liệu tạm tính đến ngày %s)",
                     eg_dataset_as_of_short(x->ds, day, sizeof day));
        title = province && *province
                    ? eg_xasprintf("Tổng hợp số liệu Chính quyền điện tử năm %d, tỉnh %s%s",
                                   x->ds->year, province, part)
                    : eg_xasprintf("Tổng hợp số liệu Chính quyền điện tử năm %d%s", x->ds->year,
                                   part);
    }
    eg_xlsx_check(x, worksheet_write_string(sh.ws, 0, 0, title, x->title), "writing the title");
    free(title);
    eg_xlsx_header_row(x, &sh, 1, names, C_COUNT);

    /* Sections in the order they first appear; a section's figures
     * together under its heading, in file order.  Rows first, so that a
     * figure can refer to one placed below it. */
    for (size_t i = 0; i < L->n_figures; i++) {
        size_t s = 0;

        while (s < n_sections && strcmp(sections[s], L->figures[i].section) != 0)
            s++;
        if (s == n_sections)
            sections[n_sections++] = L->figures[i].section;
    }
    for (size_t s = 0; s < n_sections; s++) {
        row++;  /* the heading */
        for (size_t i = 0; i < L->n_figures; i++)
            if (strcmp(L->figures[i].section, sections[s]) == 0)
                rows[i] = row++;
    }

    row = 2;
    for (size_t s = 0; s < n_sections; s++) {
        /* The heading goes under Chỉ tiêu: column A holds only codes, for
         * whoever reads the figures by code. */
        for (lxw_col_t c = 0; c < C_COUNT; c++)
            if (c == C_LABEL)
                eg_xlsx_put_text(x, &sh, row, c, sections[s], x->section);
            else
                eg_xlsx_put_blank(x, &sh, row, c, x->section);
        row++;
        for (size_t i = 0; i < L->n_figures; i++)
            if (strcmp(L->figures[i].section, sections[s]) == 0) {
                put_figure(x, &sh, rows, i, (unsigned)(2 + n_sections + L->n_figures));
                row++;
            }
    }
    eg_xlsx_check(x, worksheet_autofilter(sh.ws, 1, 0, row > 2 ? row - 1 : 1, C_COUNT - 1),
                  "setting the autofilter of %s", EG_XLSX_SHEET_SUMMARY);
    format_rates(x, sh.ws, rows, row);
    define_names(x, rows, (unsigned)(2 + n_sections + L->n_figures));
    eg_xlsx_sheet_finish(x, &sh, 2, 0, 70);
done:
    free(x->values_of);
    free(x->values_at);
    x->values_of = NULL;
    x->values_at = NULL;
    free(rows);
    free(sections);
}
