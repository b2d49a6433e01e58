/*
 * narrative_value.c - what a placeholder of the report layout stands for:
 * a figure in one of its formats, a place of a ranking, a fact or date of
 * report.csv, the year.  Shared by the text ({…}) and the conditions
 * ({if …}) of narrative_expand.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/mem.h"
#include "core/number.h"
#include "layout/layout.h"
#include "write/narrative_priv.h"

/* Upper-cases UTF-8 text, Vietnamese letters included; the result is NFC
 * (upper-casing a precomposed letter gives a precomposed letter). */
static char *upper(const char *s)
{
    eg_sbuf b = { 0 };
    const unsigned char *p = (const unsigned char *)s;

    eg_sb_puts(&b, "");
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        utf8proc_uint8_t out[4];

        if (k <= 0) {
            eg_sb_add(&b, (const char *)p, 1);
            p++;
            continue;
        }
        eg_sb_add(&b, (const char *)out, (size_t)utf8proc_encode_char(utf8proc_toupper(cp), out));
        p += k;
    }
    return eg_sb_take(&b);
}

/* ---- values ---------------------------------------------------------------- */

/* s as v's text: in v->text, or a copy in v->more when longer, so that a
 * fact, a unit's name or a ranking's label of more than 255 bytes prints
 * whole rather than cut (in the middle of a letter). */
static void set_text(eg_nvalue *v, const char *s)
{
    size_t n = strlen(s);

    if (n < sizeof v->text)
        memcpy(v->text, s, n + 1);
    else
        v->more = eg_xstrdup(s);
}


/* The formats of a figure.  N is the number of decimals, 0 to 3. */
typedef enum {
    F_INT, F_DEC, F_PCT, F_PCTFLOOR, F_RATE, F_PTS, F_SIGN, F_CHG, F_PAIR, F_NUM, F_DEN
} fmt_kind;

static const char FORMAT_LIST[] =
    "int, dec0-dec3, pct0-pct3, pctfloor, rate0-rate3, pts0-pts3, sign0-sign3, "
    "chg0-chg3, pair, num, den";

/* Parses "pct2" into kind and decimals; -1 when unknown. */
static int parse_format(const char *s, fmt_kind *kind, int *dec)
{
    static const struct { const char *name; fmt_kind kind; int digits; } t[] = {
        { "int", F_INT, 0 }, { "pctfloor", F_PCTFLOOR, 0 }, { "pair", F_PAIR, 0 },
        { "num", F_NUM, 0 }, { "den", F_DEN, 0 }, { "dec", F_DEC, 1 }, { "pct", F_PCT, 1 },
        { "rate", F_RATE, 1 }, { "pts", F_PTS, 1 }, { "sign", F_SIGN, 1 }, { "chg", F_CHG, 1 },
    };

    for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
        size_t n = strlen(t[i].name);

        if (strncmp(s, t[i].name, n) != 0)
            continue;
        if (!t[i].digits && !s[n]) {
            *kind = t[i].kind;
            *dec = 0;
            return 0;
        }
        if (t[i].digits && s[n] >= '0' && s[n] <= '3' && !s[n + 1]) {
            *kind = t[i].kind;
            *dec = s[n] - '0';
            return 0;
        }
    }
    return -1;
}

/* Percentages and changes in points are printed times 100. */
static int shown_as_percent(const eg_figure_def *def)
{
    return def->format == EG_FMT_PERCENT || def->format == EG_FMT_POINTS;
}

double eg_nshare_shown(double v, int dec)
{
    double unit = pow(10, -(dec + 2)), p = eg_round(v, dec + 2);

    if (v < 1 && p >= 1)
        p = 1 - unit;
    else if (v > 0 && p <= 0)
        p = unit;
    else if (v > 1 && p <= 1)
        p = 1 + unit;
    return p;
}

/* A share as the report states it: exactly 100% or 0% without decimals;
 * anything else with dec decimals (eg_nshare_shown).  Returns the
 * fraction as printed. */
static double fmt_rate(char *buf, size_t cap, double v, int dec)
{
    double p;

    if (fabs(v - 1) < 1e-12 || fabs(v) < 1e-12) {
        p = fabs(v) < 1e-12 ? 0 : 1;
        eg_fmt_pct(buf, cap, p, 0);
        return p;
    }
    p = eg_nshare_shown(v, dec);
    eg_fmt_pct(buf, cap, p, dec);
    return p;
}

/* Writes figure f as format (kind, dec) into v. */
static void format_figure(const eg_figure_def *def, const eg_figure *f, fmt_kind kind, int dec,
                          eg_nvalue *v)
{
    double x = f->value, scale = shown_as_percent(def) ? 100 : 1, m;
    char t[64];

    v->ok = 1;
    v->is_num = 1;
    switch (kind) {
    case F_PAIR:
    case F_NUM:
    case F_DEN: {
        char a[32], b[32];

        v->ok = f->has_pair;
        if (!v->ok)
            return;
        eg_fmt_int(a, sizeof a, llround(f->num));
        eg_fmt_int(b, sizeof b, llround(f->den));
        v->is_num = kind != F_PAIR;
        v->num = (double)llround(kind == F_DEN ? f->den : f->num);
        if (kind == F_PAIR)
            snprintf(v->text, sizeof v->text, "%s/%s", a, b);
        else
            snprintf(v->text, sizeof v->text, "%s", kind == F_NUM ? a : b);
        return;
    }
    default:
        break;
    }
    v->ok = f->has_value;
    if (!v->ok)
        return;
    switch (kind) {
    case F_INT:
        v->num = (double)llround(x);
        eg_fmt_int(v->text, sizeof v->text, llround(x));
        break;
    case F_DEC:
        v->num = eg_round(x, dec);
        eg_fmt_dec(v->text, sizeof v->text, x, dec);
        break;
    case F_PCT:
        v->num = eg_round(x, dec + 2);
        eg_fmt_pct(v->text, sizeof v->text, x, dec);
        break;
    case F_PCTFLOOR:
        v->num = floor(x * 100.0 + 1e-9) / 100.0;
        eg_fmt_pct(v->text, sizeof v->text, v->num, 0);
        break;
    case F_RATE:
        v->num = fmt_rate(v->text, sizeof v->text, x, dec);
        break;
    case F_PTS:
    case F_SIGN:
    case F_CHG:
        /* A count or money changes in whole units; the rest with dec
         * decimals, percentages and points times 100. */
        if (def->format == EG_FMT_COUNT || def->format == EG_FMT_MONEY)
            dec = 0;
        m = eg_round(x * scale, dec);
        v->num = m / scale;
        eg_fmt_dec(t, sizeof t, fabs(m), dec);
        if (kind == F_PTS)
            snprintf(v->text, sizeof v->text, "%s%s", m < 0 ? "-" : "", t);
        else if (kind == F_SIGN)
            snprintf(v->text, sizeof v->text, "%s%s", m > 0 ? "+" : m < 0 ? "-" : "", t);
        else if (m == 0)
            snprintf(v->text, sizeof v->text, "không đổi");
        else
            snprintf(v->text, sizeof v->text, "%s %s%s", m > 0 ? "tăng" : "giảm", t,
                     shown_as_percent(def) ? "%" : "");
        break;
    default:
        break;
    }
}

/* 1 when figure def is made of two counts (158/188): a ratio, a count of
 * units, a quotient, or the complement of one of these. */
static int has_two_counts(const eg_layouts *L, const eg_figure_def *def)
{
    while (def->kind == EG_FIG_COMPLEMENT)
        def = &L->figures[def->a];
    return def->kind == EG_FIG_RATIO || def->kind == EG_FIG_COUNT ||
           def->kind == EG_FIG_QUOTIENT;
}

/* Why a figure cannot be printed in a format, or NULL: a count printed as
 * a percentage, a share as a whole number, a sum as a change or a
 * quotient of numbers as a pair of counts would put a wrong number in the
 * report. */
static const char *format_misfit(const eg_layouts *L, const eg_figure_def *def, fmt_kind kind)
{
    int share = def->format == EG_FMT_PERCENT, points = def->format == EG_FMT_POINTS;

    switch (kind) {
    case F_PAIR:
    case F_NUM:
    case F_DEN:
        if (!has_two_counts(L, def))
            return "pair, num and den print the two counts of a ratio, count, quotient or "
                   "complement figure";
        /* as the [figures] table shows no pair of it (eg_figure_pair_whole) */
        return eg_figure_pair_whole(L, (size_t)(def - L->figures)) ? NULL
               : "pair, num and den print two whole counts, and the figures this quotient is "
                 "made of are not counts or amounts (format count or money): 4,5 would print "
                 "as 5";
    case F_PCT:
    case F_PCTFLOOR:
    case F_RATE:
        return share ? NULL : "pct, pctfloor and rate print a share (a figure of format percent)";
    case F_PTS:
        return points ? NULL
               : "pts prints a change in percentage points (a figure of format points)";
    case F_SIGN:
    case F_CHG:
        return def->kind == EG_FIG_DIFF_BASELINE || points ? NULL
               : "sign and chg print a change (a diff_baseline figure)";
    case F_INT:
        return share || points ? "int prints a whole number, and a share or a change in "
                                 "points would print as 0 or 1: use pct, rate or pts"
                               : NULL;
    default:
        return NULL;
    }
}

/* A share above 100% or below 0, or a sum too large to be exact
 * (eg_figure_impossible; of a pair of counts, !eg_figure_pair_printable),
 * is not printed: v is left without a value, and a warning says why (not
 * when probing). */
static void refuse_unprintable(eg_nctx *c, const char *code, int i, int pair, int probe,
                               eg_nvalue *v)
{
    const eg_figure_def *def = &c->L->figures[i];
    const eg_figure *f = &c->res->figures[i];
    char t[96], pct[48];

    if (!v->ok || (pair ? eg_figure_pair_printable(c->res, (size_t)i)
                        : !eg_figure_impossible(c->res, (size_t)i)))
        return;
    /* {if has …} asks whether the data gives it: it does, wrong; so the
     * clause is kept, prints "…" and warns, rather than vanish unsaid */
    if (probe)
        return;
    v->ok = 0;
    if (eg_figure_too_large(c->res, (size_t)i)) {
        eg_nctx_warn_missing(c, code,
                             eg_xasprintf("%s được cộng từ các giá trị quá lớn (tổng vượt "
                                          "9.007.199.254.740.992, không còn chính xác đến hàng "
                                          "đơn vị): kiểm tra các giá trị rất lớn của chỉ tiêu; "
                                          "giá trị được in là …", code));
        return;
    }
    if (def->format == EG_FMT_PERCENT && (f->value < 0 || f->value > 1))
        snprintf(t, sizeof t, "tính ra %s, ngoài", eg_fmt_pct(pct, sizeof pct, f->value, 2));
    else
        snprintf(t, sizeof t, "được tính từ một tỷ lệ ngoài");
    eg_nctx_warn_missing(c, code,
                         eg_xasprintf("%s %s khoảng 0–100%%: số liệu của các đơn vị mâu thuẫn "
                                      "nhau (một phần lớn hơn tổng, xem các lỗi quy tắc so sánh); "
                                      "giá trị được in là …", code, t));
}

/* The figure code[:fmt].  With no format, the figure's own: a condition
 * then compares the value itself, unrounded.  Returns -1 on a layout
 * mistake. */
static int figure_value(eg_nctx *c, const char *code, const char *fmt, int probe, eg_nvalue *v)
{
    int i = eg_strmap_get(&c->L->figure_index, code);
    const eg_figure_def *def;
    const eg_figure *f;
    fmt_kind kind;
    int dec;

    if (i < 0) {
        eg_nctx_fail(c, "unknown figure '%s' (not in figures.csv)", code);
        return -1;
    }
    def = &c->L->figures[i];
    f = &c->res->figures[i];
    if (!fmt) {
        switch (def->format) {
        case EG_FMT_PERCENT: kind = F_PCT; dec = 2; break;
        case EG_FMT_POINTS: kind = F_PTS; dec = 1; break;
        case EG_FMT_NUMBER: kind = F_DEC; dec = 2; break;
        default: kind = F_INT; dec = 0; break;
        }
        format_figure(def, f, kind, dec, v);
        v->num = f->value;
        v->is_share = def->format == EG_FMT_PERCENT || def->format == EG_FMT_POINTS;
        refuse_unprintable(c, code, i, 0, probe, v);
        return 0;
    }
    if (parse_format(fmt, &kind, &dec) != 0) {
        char *m = eg_xasprintf("unknown format '%s' for a figure (%s)", fmt, FORMAT_LIST);

        eg_nctx_fail(c, "%s", m);
        free(m);
        return -1;
    }
    if (format_misfit(c->L, def, kind)) {
        char *m = eg_xasprintf("{%s:%s}: %s", code, fmt, format_misfit(c->L, def, kind));

        eg_nctx_fail(c, "%s", m);
        free(m);
        return -1;
    }
    format_figure(def, f, kind, dec, v);
    v->is_share = (def->format == EG_FMT_PERCENT || def->format == EG_FMT_POINTS) &&
                  kind != F_PAIR && kind != F_NUM && kind != F_DEN && kind != F_INT;
    refuse_unprintable(c, code, i, kind == F_PAIR || kind == F_NUM || kind == F_DEN, probe,
                            v);
    return 0;
}

/* Parses a position "3", "last", "1-3", "2-last" into [from, to] (1-based,
 * 0 standing for last).  Returns -1 when it is none of these. */
static int parse_positions(const char *s, long *from, long *to)
{
    const char *dash = strchr(s, '-');
    char a[24], b[24];

    if (strlen(s) >= sizeof a)
        return -1;
    if (dash) {
        snprintf(a, sizeof a, "%.*s", (int)(dash - s), s);
        snprintf(b, sizeof b, "%s", dash + 1);
    } else {
        snprintf(a, sizeof a, "%s", s);
        snprintf(b, sizeof b, "%s", s);
    }
    for (int k = 0; k < 2; k++) {
        const char *p = k ? b : a;
        long *out = k ? to : from;
        long n = 0;

        if (strcmp(p, "last") == 0) {
            *out = 0;
            continue;
        }
        if (!*p || strlen(p) > 6)
            return -1;
        for (; *p; p++) {
            if (*p < '0' || *p > '9')
                return -1;
            n = n * 10 + (*p - '0');
        }
        if (n < 1)
            return -1;
        *out = n;
    }
    return 0;
}

/* Units of a tie named in the text at most; the others are counted ("A,
 * B, … và 86 đơn vị khác"): a national ranking had 96 districts sharing
 * the first place, named one by one over twenty lines of the report. */
#define TIED_NAMED 10

/* "A, B và C" of the ranked units [from, to], each with its total when
 * with_total; past the first `named` of them, "và N đơn vị khác". */
static void ranking_list(eg_nctx *c, const eg_ranking *rk, size_t from, size_t to,
                         int with_total, size_t named, eg_nvalue *v)
{
    eg_sbuf b = { 0 };
    size_t last = named && to - from + 1 > named ? from + named - 1 : to;

    for (size_t at = from; at <= last; at++) {
        const eg_rank_entry *e = &rk->rows[at - 1];
        char t[48];

        if (at > from)
            eg_sb_puts(&b, at == to ? " và " : ", ");
        eg_sb_puts(&b, c->ds->registry.items[e->unit].name);
        if (with_total) {
            eg_sb_puts(&b, " (");
            eg_sb_puts(&b, eg_fmt_dec(t, sizeof t, e->total, 2));
            eg_sb_puts(&b, " điểm)");
        }
    }
    if (last < to) {
        char n[32];

        eg_fmt_int(n, sizeof n, (int64_t)(to - last));
        eg_sb_puts(&b, " và ");
        eg_sb_puts(&b, n);
        eg_sb_puts(&b, " đơn vị khác");
    }
    /* seventeen districts' names are longer than v->text */
    v->more = b.s ? b.s : eg_xstrdup("");
}

/* The first and last places [*lo, *hi] of the units sharing the rank of
 * the one at place at (ranked rows are in rank order). */
static void tied_places(const eg_ranking *rk, size_t at, size_t *lo, size_t *hi)
{
    int rank = rk->rows[at - 1].rank;

    *lo = *hi = at;
    while (*lo > 1 && rk->rows[*lo - 2].rank == rank)
        (*lo)--;
    while (*hi < rk->n_ranked && rk->rows[*hi].rank == rank)
        (*hi)++;
}

/* RANKING#POS:WHAT, or RANKING:count / RANKING:label when pos is NULL.
 * A place past the ranked units has no value, with a warning unless
 * probing ({if has …} asks without one). */
static int ranking_value(eg_nctx *c, const eg_ranking *rk, const char *pos, const char *what,
                         int probe, eg_nvalue *v)
{
    static const char *const single[] = { "name", "code", "total", "rank", "ordinal",
                                          "tied", "ties" };
    long from, to;
    size_t a, b;
    int is_single = 0, is_list = 0;

    if (!pos) {
        if (what && strcmp(what, "count") == 0) {
            v->ok = v->is_num = 1;
            v->num = (double)rk->n_ranked;
            eg_fmt_int(v->text, sizeof v->text, (int64_t)rk->n_ranked);
            return 0;
        }
        if (what && strcmp(what, "label") == 0) {
            v->ok = 1;
            set_text(v, rk->def->label);
            return 0;
        }
        eg_nctx_fail(c, "a ranking alone is {CODE:count} or {CODE:label}, not ':%s'",
                     what ? what : "");
        return -1;
    }
    if (parse_positions(pos, &from, &to) != 0) {
        eg_nctx_fail(c, "bad position '%s' (1, 2, ... or last; a range such as 1-3 or 2-last)",
                     pos);
        return -1;
    }
    for (size_t i = 0; what && i < sizeof single / sizeof *single; i++)
        is_single |= strcmp(what, single[i]) == 0;
    is_list = what && (strcmp(what, "names") == 0 || strcmp(what, "list") == 0);
    if (!is_single && !is_list) {
        eg_nctx_fail(c, "a ranking placeholder ends in :name, :code, :total, :rank, :ordinal, "
                        ":tied, :ties, :names or :list, not '%s'", what ? what : "");
        return -1;
    }
    if (is_single && strchr(pos, '-')) {
        eg_nctx_fail(c, "a range of positions (%s) goes with :names or :list", pos);
        return -1;
    }
    a = from ? (size_t)from : rk->n_ranked;
    b = to ? (size_t)to : rk->n_ranked;
    if (a == 0 || a > rk->n_ranked || b > rk->n_ranked || b < a) {
        if (!probe)
            eg_nctx_warn_missing(c, rk->def->code,
                                 eg_xasprintf("báo cáo nêu vị trí %s của bảng xếp hạng %s, "
                                              "nhưng chỉ có %zu đơn vị được xếp hạng", pos,
                                              rk->def->code, rk->n_ranked));
        v->ok = 0;
        return 0;
    }
    v->ok = 1;
    if (is_list) {
        ranking_list(c, rk, a, b, what[0] == 'l', 0, v);
        return 0;
    }
    if (strcmp(what, "tied") == 0 || strcmp(what, "ties") == 0) {
        /* every unit of that place, "A và B" of a tie, and how many */
        size_t lo, hi;

        tied_places(rk, a, &lo, &hi);
        if (what[3] == 'd') {
            ranking_list(c, rk, lo, hi, 0, TIED_NAMED, v);
        } else {
            v->is_num = 1;
            v->num = (double)(hi - lo + 1);
            eg_fmt_int(v->text, sizeof v->text, (int64_t)(hi - lo + 1));
        }
        return 0;
    }
    {
        const eg_rank_entry *e = &rk->rows[a - 1];
        const eg_unit *u = &c->ds->registry.items[e->unit];

        if (strcmp(what, "name") == 0) {
            set_text(v, u->name);
        } else if (strcmp(what, "code") == 0) {
            set_text(v, u->code);
        } else if (strcmp(what, "total") == 0) {
            v->is_num = 1;
            v->num = eg_round(e->total, 2);
            eg_fmt_dec(v->text, sizeof v->text, e->total, 2);
        } else {
            /* rank, or ordinal: "nhất" for the first ("xếp thứ nhất"),
             * digits after it ("xếp thứ 2"), as the report writes them. */
            v->is_num = 1;
            v->num = e->rank;
            if (strcmp(what, "ordinal") == 0 && e->rank == 1)
                snprintf(v->text, sizeof v->text, "nhất");
            else
                snprintf(v->text, sizeof v->text, "%d", e->rank);
        }
    }
    return 0;
}

/* {units:WHAT} or {units:WHAT:LEVEL}: how many units of the registry (of
 * one level, or of several joined by '+': "so+huyen+xa") had to send,
 * sent, did not, or sent late (the [coverage] table's counts), so that a
 * sentence can say the figures leave some out, or that a figure over
 * several levels counts every unit of them ("Tất cả …" only then). */
static int units_value(eg_nctx *c, const char *what, const char *level, eg_nvalue *v)
{
    static const char *const whats[] = { "expected", "sent", "missing", "late" };
    size_t count[4] = { 0, 0, 0, 0 };
    int w = -1, in[EG_LEVEL_COUNT] = { 0 };

    for (int i = 0; i < 4; i++)
        if (strcmp(what, whats[i]) == 0)
            w = i;
    if (w < 0) {
        eg_nctx_fail(c, "unknown count '%s' of units (units:expected, units:sent, "
                        "units:missing, units:late, then :LEVEL if one level)", what);
        return -1;
    }
    if (level) {
        char *list = eg_xstrdup(level), *part = list, *plus;
        eg_level l;
        int bad = 0;

        /* Step 1: each level of "so+huyen+xa", once */
        do {
            plus = strchr(part, '+');
            if (plus)
                *plus = '\0';
            if (eg_level_parse(part, &l) != 0) {
                eg_nctx_fail(c, "unknown level '%s' (tinh, so, huyen, xa, or several joined "
                                "by '+': so+huyen)", part);
                bad = 1;
            } else if (in[l]) {
                eg_nctx_fail(c, "level '%s' named twice", part);
                bad = 1;
            } else {
                in[l] = 1;
            }
            if (plus)
                part = plus + 1;
        } while (plus && !bad);
        free(list);
        if (bad)
            return -1;
    }
    if (!c->comp) {
        c->comp = eg_xmalloc(sizeof *c->comp);
        eg_completeness_compute(c->comp, c->ds);
    }
    /* Step 2: the counts, summed over the levels named (all of them when
     * none is: the registry's totals) */
    if (level) {
        for (int l = 0; l < EG_LEVEL_COUNT; l++) {
            if (!in[l])
                continue;
            count[0] += c->comp->level[l].expected;
            count[1] += c->comp->level[l].received;
            count[3] += c->comp->level[l].late;
        }
    } else {
        count[0] = c->comp->expected;
        count[1] = c->comp->received;
        count[3] = c->comp->late;
    }
    count[2] = count[0] - count[1];
    v->ok = v->is_num = 1;
    v->num = (double)count[w];
    eg_fmt_int(v->text, sizeof v->text, (int64_t)count[w]);
    return 0;
}

void eg_nctx_free(eg_nctx *c)
{
    if (c->comp)
        eg_completeness_free(c->comp);
    free(c->comp);
    c->comp = NULL;
}

/* figure_value, with a W_FIGURE_MISSING when the data does not give the
 * figure (unless probing; an unprintable one has had its own, and the
 * same line and code warn once). */
static int figure_warned(eg_nctx *c, const char *code, const char *fmt, int probe,
                         eg_nvalue *v)
{
    int rc = figure_value(c, code, fmt, probe, v);
    int i;

    if (rc != 0 || v->ok || probe)
        return rc;
    i = eg_strmap_get(&c->L->figure_index, code);
    if (i >= 0 && c->L->figures[i].kind == EG_FIG_DIFF_BASELINE &&
        !c->res->figures[i].whole) {
        const eg_figure_def *a = &c->L->figures[c->L->figures[i].a];

        eg_nctx_warn_missing(c, code,
                             eg_xasprintf("báo cáo cần %s, thay đổi của %s so với năm trước, mà "
                                          "%s năm nay chưa tính trên đủ các đơn vị (còn đơn vị "
                                          "chưa gửi báo cáo, có giá trị bị loại, bỏ trống chỉ tiêu "
                                          "phải báo cáo, hoặc chỉ báo "
                                          "cáo một trong hai số của tỷ lệ), nên chưa so "
                                          "được với số liệu cả tỉnh năm trước; giá trị được in "
                                          "là …", code, a->code, a->code));
        return rc;
    }
    eg_nctx_warn_missing(c, code,
                         eg_xasprintf("báo cáo cần %s mà số liệu không cung cấp; giá trị "
                                      "được in là …", code));
    return rc;
}

void eg_narrative_warn_figure(eg_nctx *c, size_t i)
{
    eg_nvalue v;

    memset(&v, 0, sizeof v);
    if (figure_warned(c, c->L->figures[i].code, NULL, 0, &v) == 0)
        eg_nvalue_release(&v);
}

int eg_narrative_resolve(eg_nctx *c, const char *ref, int probe, eg_nvalue *v)
{
    char *inner = eg_xstrdup(ref), *f1, *f2;
    int rc = 0, is_year;

    memset(v, 0, sizeof *v);
    f1 = strchr(inner, ':');
    f2 = f1 ? strchr(f1 + 1, ':') : NULL;
    if (f1)
        *f1++ = '\0';
    if (f2)
        *f2++ = '\0';
    is_year = strcmp(inner, "year") == 0 || strcmp(inner, "prev_year") == 0;
    if (!*inner) {
        eg_nctx_fail(c, "empty placeholder '{%s}'", ref);
        rc = -1;
    } else if (is_year && !f1) {
        v->ok = v->is_num = 1;
        v->num = c->ds->year - (inner[0] == 'p');
        snprintf(v->text, sizeof v->text, "%d", (int)v->num);
    } else if ((strcmp(inner, "fact") == 0 || strcmp(inner, "date") == 0 ||
                strcmp(inner, "units") == 0) && !(f1 && *f1)) {
        eg_nctx_fail(c, "{%s} needs what to print after ':' ({fact:KEY}, {date:KEY}, "
                        "{units:WHAT})", ref);
        rc = -1;
    } else if (strcmp(inner, "fact") == 0 && f1 && *f1) {
        const char *s = eg_dataset_fact(c->ds, f1);

        if (f2 && strcmp(f2, "upper") != 0) {
            eg_nctx_fail(c, "unknown filter '%s' (upper)", f2);
            rc = -1;
        } else if (!s) {
            if (!probe && !c->quiet) {
                eg_nctx_fail(c, "report.csv has no key '%s'", f1);
                rc = -1;
            }
        } else {
            char *u = f2 ? upper(s) : NULL;

            v->ok = 1;
            set_text(v, u ? u : s);
            free(u);
        }
    } else if (strcmp(inner, "date") == 0 && f1 && *f1) {
        char end[16];

        if (f2 && strcmp(f2, "short") != 0) {
            eg_nctx_fail(c, "unknown date form '%s' (short)", f2);
            rc = -1;
        } else if (eg_narrative_date(strcmp(f1, "as_of") == 0    /* the program's day */
                                         ? eg_dataset_as_of(c->ds, end, sizeof end)
                                         : eg_dataset_fact(c->ds, f1),
                                     f2 != NULL, v->text, sizeof v->text) == 0) {
            v->ok = 1;
        } else if (!probe && !c->quiet) {
            eg_nctx_fail(c, "report.csv has no ISO date '%s'", f1);
            rc = -1;
        }
    } else if (strcmp(inner, "units") == 0 && f1 && *f1) {
        rc = units_value(c, f1, f2, v);
    } else if (is_year && eg_strmap_get(&c->L->figure_index, inner) < 0) {
        eg_nctx_fail(c, "{%s} takes no format: {year} and {prev_year} print as four "
                        "digits (2020)", ref);
        rc = -1;
    } else if (strchr(inner, '#')) {
        char *hash = strchr(inner, '#');
        const eg_ranking *rk;

        *hash = '\0';
        rk = eg_results_ranking(c->res, inner);
        if (!rk) {
            eg_nctx_fail(c, "unknown ranking '%s' (not in rankings.csv)", inner);
            rc = -1;
        } else if (f2) {
            eg_nctx_fail(c, "unknown placeholder '{%s}'", ref);
            rc = -1;
        } else {
            rc = ranking_value(c, rk, hash + 1, f1, probe, v);
        }
    } else if (eg_results_ranking(c->res, inner) && !f2) {
        rc = ranking_value(c, eg_results_ranking(c->res, inner), NULL, f1, probe, v);
    } else if (!f2) {
        rc = figure_warned(c, inner, f1, probe, v);
    } else {
        eg_nctx_fail(c, "unknown placeholder '{%s}'", ref);
        rc = -1;
    }
    free(inner);
    return rc;
}
