/*
 * completeness.c - the reporting rate: expected, received, missing, late.
 * How submissions are dated is explained in completeness.h.
 */
#include "normalize/completeness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/number.h"

/* ---- dates ---------------------------------------------------------------- */

static int digits(const char *s, size_t n, int *out)
{
    int v = 0;

    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static int valid_date(int y, int m, int d)
{
    if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    return d <= (int)eg_days_in_month((unsigned)y, (unsigned)m);
}

/* The length of s[0..n) without a time of day after its date (" 09:30",
 * " 09:30:00", "T09:30:00": a date-time cell of a workbook is read as
 * "2021-01-05 09:30:00"); n when it ends in none. */
static size_t without_clock(const char *s, size_t n)
{
    int h, mi, se = 0;
    size_t k;

    for (k = n; k > 0 && s[k - 1] != ' ' && s[k - 1] != 'T'; k--)
        ;
    if (k < 2)
        return n;
    if (n - k == 5 && s[k + 2] == ':') {
        if (digits(s + k, 2, &h) || digits(s + k + 3, 2, &mi))
            return n;
    } else if (n - k == 8 && s[k + 2] == ':' && s[k + 5] == ':') {
        if (digits(s + k, 2, &h) || digits(s + k + 3, 2, &mi) || digits(s + k + 6, 2, &se))
            return n;
    } else {
        return n;
    }
    if (h > 23 || mi > 59 || se > 59)
        return n;
    for (k--; k > 0 && s[k - 1] == ' '; k--)
        ;
    return k;
}

int eg_date_parse(const char *s)
{
    int y, m, d;
    size_t n;

    while (*s == ' ')
        s++;
    n = strlen(s);
    while (n && s[n - 1] == ' ')
        n--;
    n = without_clock(s, n);
    if (n == 10 && s[4] == '-' && s[7] == '-') {
        return eg_iso_date(s, n);   /* ISO: 2020-12-31 */
    } else {
        /* day first, as written in Vietnam: 31/12/2020, 5/1/2021 */
        const char *p = s, *e = s + n;
        int parts[3];

        for (int i = 0; i < 3; i++) {
            const char *q = p;

            while (q < e && *q >= '0' && *q <= '9')
                q++;
            if (q == p || q - p > (i == 2 ? 4 : 2) || digits(p, (size_t)(q - p), &parts[i]))
                return 0;
            if (i < 2) {
                if (q >= e || (*q != '/' && *q != '-' && *q != '.') || (i == 1 && *q != p[-1]))
                    return 0;
                q++;
            } else if (q != e || q - p != 4) {
                return 0;
            }
            p = q;
        }
        d = parts[0];
        m = parts[1];
        y = parts[2];
    }
    return valid_date(y, m, d) ? y * 10000 + m * 100 + d : 0;
}

char *eg_date_format(char *buf, size_t cap, int ymd)
{
    unsigned v = ymd > 0 ? (unsigned)ymd : 0;

    snprintf(buf, cap, "%02u/%02u/%04u", v % 100, v / 100 % 100, v / 10000 % 10000);
    return buf;
}

/* ---- rows that say when they were sent --------------------------------- */

void eg_arrival_note(eg_dataset *ds, const eg_raw_value *rv, eg_diag_list *dl)
{
    eg_source *src;
    int date, slip;

    if (!rv->submitted_on || !rv->submitted_on[0] || rv->file < 0 ||
        (size_t)rv->file >= ds->n_files)
        return;
    src = &ds->files[rv->file];
    date = eg_date_parse(rv->submitted_on);
    slip = date && ds->today && date > ds->today;   /* not yet come: 2099 for 2021 */
    if (!date || slip) {
        /* Said once per file, at its first unreadable date or one not yet
         * come, before or after a good one: the rows of a file usually
         * carry the same date.  -1 marks a file with only such dates; a
         * good date still wins.  A slip is no unit late. */
        if (!src->submitted_on_said) {
            char why[128], today[16];

            if (slip)
                snprintf(why, sizeof why, "là một ngày chưa đến (hôm nay là %s)",
                         eg_date_format(today, sizeof today, ds->today));
            else
                snprintf(why, sizeof why, "không đọc được: ghi theo dạng 31/12/%d hoặc %d-12-31",
                         ds->year, ds->year);
            eg_diag_add(dl, EG_WARNING, "W_SUBMITTED_ON", src->path, rv->row,
                        rv->submitted_on_col, NULL, NULL,
                        "ngày nộp '%s' %s; tệp được tính ngày nộp theo các dòng khác, hoặc theo ngày sửa tệp",
                        rv->submitted_on, why);
        }
        src->submitted_on_said = 1;
        if (src->submitted_on == 0)
            src->submitted_on = -1;
        if (slip && !ds->not_yet_come)
            ds->not_yet_come = date;
        return;
    }
    if (date > src->submitted_on)
        src->submitted_on = date;
}

/* ---- the table -------------------------------------------------------------- */

/* The date of file f, 0 when it cannot be trusted; *from_column set when
 * it came from the rows. */
static int file_date(const eg_completeness *c, const eg_source *f, int *from_column)
{
    int d;

    *from_column = 0;
    if (f->submitted_on > 0) {
        *from_column = 1;
        return f->submitted_on;
    }
    if (f->mtime <= 0)
        return 0;
    d = eg_local_day(f->mtime);
    return c->issued_on && d > c->issued_on ? 0 : d;
}

static void push(int **list, size_t *n, int v)
{
    *list = eg_xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = v;
}

void eg_completeness_compute(eg_completeness *c, const eg_dataset *ds)
{
    const char *deadline = eg_dataset_fact(ds, "deadline");
    const char *issued = eg_dataset_fact(ds, "issued_on");
    int *fdate = eg_xcalloc(ds->n_files ? ds->n_files : 1, sizeof *fdate);
    int *fcol = eg_xcalloc(ds->n_files ? ds->n_files : 1, sizeof *fcol);

    memset(c, 0, sizeof *c);
    c->deadline = deadline ? eg_date_parse(deadline) : 0;
    c->issued_on = issued ? eg_date_parse(issued) : 0;
    c->n_units = ds->registry.n;
    c->units = eg_xcalloc(c->n_units ? c->n_units : 1, sizeof *c->units);
    for (size_t u = 0; u < c->n_units; u++)
        c->units[u].file = -1;
    for (size_t f = 0; f < ds->n_files; f++)
        fdate[f] = file_date(c, &ds->files[f], &fcol[f]);

    /* A unit's date: the earliest dated file among those carrying its
     * accepted values. */
    for (size_t i = 0; i < ds->n_values; i++) {
        const eg_value *v = &ds->values[i];
        eg_arrival *a = &c->units[v->unit];

        if (!fdate[v->file] || (a->date && a->date <= fdate[v->file]))
            continue;
        a->date = fdate[v->file];
        a->file = v->file;
        a->from_column = fcol[v->file];
    }

    for (size_t u = 0; u < c->n_units; u++) {
        const eg_unit *unit = &ds->registry.items[u];
        eg_level_completeness *lv = &c->level[unit->level];
        eg_arrival *a = &c->units[u];

        lv->expected++;
        a->received = unit->submitted != 0;
        if (!a->received) {
            a->date = 0;
            a->file = -1;
            push(&lv->missing, &lv->n_missing, (int)u);
            continue;
        }
        lv->received++;
        if (!a->date || !c->deadline) {
            lv->undated += !a->date;
            lv->on_time += a->date != 0;
            continue;
        }
        a->late = a->date > c->deadline;
        if (a->late) {
            lv->late++;
            push(&lv->late_units, &lv->n_late, (int)u);
        } else {
            lv->on_time++;
        }
    }
    for (int l = 0; l < EG_LEVEL_COUNT; l++) {
        c->expected += c->level[l].expected;
        c->received += c->level[l].received;
        c->late += c->level[l].late;
    }
    free(fdate);
    free(fcol);
}

void eg_completeness_free(eg_completeness *c)
{
    for (int l = 0; l < EG_LEVEL_COUNT; l++) {
        free(c->level[l].missing);
        free(c->level[l].late_units);
    }
    free(c->units);
    memset(c, 0, sizeof *c);
}

void eg_completeness_check(const eg_completeness *c, const eg_dataset *ds, eg_diag_list *dl)
{
    char when[32], due[32];

    if (!c->deadline)
        return;
    eg_date_format(due, sizeof due, c->deadline);
    for (size_t u = 0; u < c->n_units; u++) {
        const eg_arrival *a = &c->units[u];
        const eg_unit *unit = &ds->registry.items[u];

        if (!a->late)
            continue;
        eg_diag_add(dl, EG_WARNING, "W_LATE", ds->files[a->file].path, 0, 0, unit->code, NULL,
                    "%s (%s) nộp báo cáo ngày %s, sau hạn %s (%s)", unit->name, unit->code,
                    eg_date_format(when, sizeof when, a->date), due,
                    a->from_column ? "ngày ghi ở cột ngày nộp của tệp"
                                   : "ngày sửa tệp lần cuối; thêm cột 'Ngày nộp' nếu tệp đã được nộp đúng hạn");
    }
}
