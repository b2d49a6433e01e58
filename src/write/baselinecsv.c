#include "write/baselinecsv.h"

#include <math.h>
#include <string.h>

#include "core/number.h"

/* A share as baseline.csv reads it: 0.573822 -> "57.38", rounded as the
 * report rounds its two decimals (eg_fmt_pct), with '.' for the mark and
 * no '%': no field of the file needs quotes. */
static void put_share(FILE *f, double fraction)
{
    char buf[48], *p;

    eg_fmt_pct(buf, sizeof buf, fraction, 2);
    for (p = buf; *p; p++)
        if (*p == ',')
            *p = '.';
    p = strchr(buf, '%');
    if (p)
        *p = '\0';
    fputs(buf, f);
}

int eg_baselinecsv_write(FILE *f, const eg_layouts *L, const eg_results *res, int provisional)
{
    fputs("indicator,value\n", f);
    for (size_t i = 0; i < L->n_figures && !provisional; i++) {
        const eg_figure_def *def = &L->figures[i];
        const eg_figure *fig = &res->figures[i];
        double now;
        int share;

        if (def->kind == EG_FIG_DIFF_BASELINE || !fig->whole ||
            eg_figure_impossible(res, i) ||
            eg_figure_baseline_side(def, fig, &now, &share) != 0)
            continue;
        if (!share && (now != floor(now) || fabs(now) >= 9e15))
            continue;       /* no count: baseline.csv would refuse it */
        fprintf(f, "%s,", def->code);
        if (share)
            put_share(f, now);
        else
            fprintf(f, "%lld", (long long)now);
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}
