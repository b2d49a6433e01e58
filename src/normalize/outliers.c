/*
 * outliers.c - robust outliers per level, and moves from last year
 * (outliers.h).
 */
#include "normalize/outliers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/number.h"
#include "extract/registry.h"

/* MAD scaled by this estimates the standard deviation of normal data:
 * z = 0.6745 (x - median) / MAD (Iglewicz and Hoaglin). */
#define MAD_Z 0.6745

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

double eg_median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void fmt_value(char *buf, size_t cap, const eg_indicator *ind, double v)
{
    if (ind->type == EG_TYPE_COUNT || ind->type == EG_TYPE_MONEY)
        eg_fmt_int(buf, cap, (int64_t)llround(v));
    else
        eg_fmt_dec(buf, cap, v, 2);
    /* "0,97%" beside "96,50%": a fraction typed for a percentage shows */
    if (ind->type == EG_TYPE_PERCENT && strlen(buf) + 1 < cap)
        strcat(buf, "%");
}

/* One indicator at one level. */
static void judge(const eg_layouts *L, const eg_dataset *ds, int k, eg_level level,
                  const eg_value **vals, double *y, double *x, eg_diag_list *dl)
{
    const eg_indicator *ind = &L->cat.items[k];
    int logscale = ind->type == EG_TYPE_COUNT || ind->type == EG_TYPE_MONEY;
    size_t n = 0;
    double med, mad, med_x;

    /* The values reported at the level; on a log scale zeros stand apart:
     * "none" is not a small amount, and rules judge it. */
    for (size_t u = 0; u < ds->registry.n; u++) {
        const eg_value *v;

        if (ds->registry.items[u].level != level)
            continue;
        v = eg_dataset_get(ds, (int)u, k);
        if (!v || (logscale && v->d <= 0))
            continue;
        vals[n] = v;
        y[n] = logscale ? log(v->d) : v->d;
        n++;
    }
    if (n < L->checks.outlier_min_units)
        return;

    /* median and MAD of the level; the arrays are reordered, so copies */
    for (size_t i = 0; i < n; i++)
        x[i] = y[i];
    med = eg_median(x, n);
    for (size_t i = 0; i < n; i++)
        x[i] = fabs(y[i] - med);
    mad = eg_median(x, n);
    if (mad <= 0)
        return;          /* most units report the same value: nothing to scale by */
    for (size_t i = 0; i < n; i++)
        x[i] = vals[i]->d;
    med_x = eg_median(x, n);

    for (size_t i = 0; i < n; i++) {
        double z = MAD_Z * (y[i] - med) / mad;
        const eg_value *v = vals[i];
        const eg_unit *unit = &ds->registry.items[v->unit];
        char a[48], m[48], zt[48], thr[48];

        if (fabs(z) <= L->checks.outlier_threshold)
            continue;
        fmt_value(a, sizeof a, ind, v->d);
        fmt_value(m, sizeof m, ind, med_x);
        eg_fmt_dec(zt, sizeof zt, fabs(z), 1);
        eg_fmt_dec(thr, sizeof thr, L->checks.outlier_threshold, 1);
        eg_diag_add(dl, EG_WARNING, "W_OUTLIER", ds->files[v->file].path, v->row, v->col,
                    unit->code, ind->code,
                    "%s của %s là %s, %s nhiều so với các đơn vị cùng cấp (%s: trung vị %s, %zu đơn vị; độ lệch chuẩn hóa %s, ngưỡng %s); kiểm tra lại số liệu",
                    ind->label, unit->name, a, z > 0 ? "cao hơn" : "thấp hơn",
                    eg_level_label(level), m, n, zt, thr);
    }
}

void eg_outliers_check(const eg_layouts *L, const eg_dataset *ds, eg_diag_list *dl)
{
    size_t cap = ds->registry.n ? ds->registry.n : 1;
    const eg_value **vals = eg_xmalloc(cap * sizeof *vals);
    double *y = eg_xmalloc(cap * sizeof *y), *x = eg_xmalloc(cap * sizeof *x);

    if (!ds->cell)
        goto done;
    for (int l = 0; l < EG_LEVEL_COUNT; l++)
        for (size_t k = 0; k < L->cat.n; k++) {
            const eg_indicator *ind = &L->cat.items[k];

            if (!(ind->levels & EG_LEVEL_BIT(l)))
                continue;
            if (ind->type != EG_TYPE_COUNT && ind->type != EG_TYPE_MONEY &&
                ind->type != EG_TYPE_NUMBER && ind->type != EG_TYPE_PERCENT &&
                ind->type != EG_TYPE_SCORE)
                continue;
            judge(L, ds, (int)k, (eg_level)l, vals, y, x, dl);
        }
done:
    free(vals);
    free(y);
    free(x);
}

/* ---- baseline ------------------------------------------------------------ */

/* A figure's side of the comparison: a share (points), or a count, whole
 * up to 2^53 itself, which a sum printed may be (figures.h). */
static void fmt_figure(char *buf, size_t cap, int points, double v)
{
    if (points)
        eg_fmt_pct(buf, cap, v, 2);
    else if (v == floor(v) && fabs(v) <= (double)EG_FIGURE_EXACT_MAX)
        eg_fmt_int(buf, cap, (int64_t)v);
    else
        eg_fmt_dec(buf, cap, v, 2);
}

void eg_baseline_check(const eg_layouts *L, const eg_dataset *ds, const eg_results *res,
                       eg_diag_list *dl)
{
    for (size_t i = 0; i < ds->n_baseline; i++) {
        const eg_fact *b = &ds->baseline[i];
        int at = eg_strmap_get(&L->figure_index, b->key);
        const eg_figure_def *def;
        const eg_figure *fig;
        double last, now, change, limit;
        int points;
        const char *units;
        char a[48], was[48], ch[48], lim[48];

        if (at < 0) {
            eg_diag_add(dl, EG_ERROR, "E_BASELINE", "baseline.csv", b->row, 1, NULL, b->key,
                        "'%s' không phải là chỉ tiêu tổng hợp trong layouts/figures.csv: giá trị "
                        "của mã này không được so sánh với số liệu nào (cần mã của một chỉ tiêu "
                        "tổng hợp, như tl.dung_thu)", b->key);
            continue;
        }
        if (eg_baseline_get(ds, b->key, &last) != 0)
            continue;   /* unreadable: E_BASELINE said so */
        def = &L->figures[at];
        fig = &res->figures[at];
        /* a figure short of the province's (figures.h, whole: a monthly
         * build, a unit's value refused) is none to compare: a total of 3
         * units' dossiers "fell by 95%" every month until the last ones
         * sent; nor is one the report does not print (a share above its
         * whole, a sum past 2^53, or made from one), which its error and
         * W_FIGURE_MISSING say, and which this message printed all the
         * same ("năm nay là 104,00%", "11.999.999.999.999.988,00") */
        if (!fig->whole || eg_figure_impossible(res, (size_t)at) ||
            eg_figure_baseline_side(def, fig, &now, &points) != 0)
            continue;
        if (points && last > 0 && last <= 0.01 && now > 10 * last) {
            /* "0,14" for 14 %: a share copied from a workbook, where it
             * is a fraction; within the points' threshold, it printed
             * "tăng 14,9%" for a share that barely moved */
            char pct[48];

            fmt_figure(a, sizeof a, 1, now);
            fmt_figure(was, sizeof was, 1, last);
            fmt_figure(pct, sizeof pct, 1, last * 100);
            eg_diag_add(dl, EG_WARNING, "W_BASELINE_CHANGE", "baseline.csv", b->row, 2, NULL,
                        b->key, "%s năm nay là %s, năm trước %s theo baseline.csv: có lẽ tỷ lệ "
                        "đã được chép dạng phân số từ bảng tính (%s là %s); ghi tỷ lệ theo phần "
                        "trăm, như 45,7 cho 45,7%%", def->label, a, was, b->value, pct);
            continue;
        }
        if (points) {
            /* percentages move in points, whatever their size */
            change = fabs(now - last);
            limit = L->checks.baseline_max_points;
            eg_fmt_dec(ch, sizeof ch, change * 100, 1);
            eg_fmt_dec(lim, sizeof lim, limit * 100, 0);
        } else {
            if (last == 0)
                continue;   /* from nothing, any change is infinite: no judgement */
            change = fabs(now - last) / fabs(last);
            limit = L->checks.baseline_max_change;
            eg_fmt_pct(ch, sizeof ch, change, 1);
            eg_fmt_pct(lim, sizeof lim, limit, 0);
        }
        if (change <= limit + 1e-12)
            continue;
        /* a dem.* figure's count is of units: "20 đơn vị", where 20 alone
         * reads as the share's 20% */
        units = def->kind == EG_FIG_COUNT && !points ? " đơn vị" : "";
        fmt_figure(a, sizeof a, points, now);
        fmt_figure(was, sizeof was, points, last);
        eg_diag_add(dl, EG_WARNING, "W_BASELINE_CHANGE", "baseline.csv", b->row, 2, NULL, b->key,
                    "%s năm nay là %s%s, năm trước %s%s: %s %s%s, quá ngưỡng %s%s (settings.csv); kiểm tra lại số liệu năm nay và baseline.csv",
                    def->label, a, units, was, units, now > last ? "tăng" : "giảm", ch,
                    points ? " điểm phần trăm" : "", lim, points ? " điểm phần trăm" : "");
    }
}
