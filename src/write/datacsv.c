#include "write/datacsv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/number.h"
#include "write/validation.h"

/* The rows are made in memory and written a row at a time.  The CSV text
 * of a field met before (a unit's code and name, an indicator's label, a
 * file: the same pointer in every row of theirs) is kept by its pointer
 * (eg_buf_memo), quoted once rather than once a row. */

/* s as a CSV field (eg_csv_field_to), through m when it is not NULL. */
static void put_field(eg_buf *l, const char *s, eg_buf_memo *m)
{
    size_t at = l->n;

    if (!s || (m && eg_buf_recall(l, m, s)))
        return;
    eg_buf_reserve(l, EG_CSV_FIELD_MAX(strlen(s)));
    l->n += eg_csv_field_to(l->p + l->n, s);
    if (m)
        eg_buf_remember(m, s, l, at);
}

static void put_int(eg_buf *l, long long v)
{
    char tmp[24], *e = tmp + sizeof tmp, *s = e;
    unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;

    do
        *--s = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0)
        *--s = '-';
    eg_buf_put(l, s, (size_t)(e - s));
}

/* A decimal as the workbook's cell holds it: the shortest of 15, 16 or
 * 17 significant digits that reads back as d (a whole number below 2^53
 * as an integer), but never with an exponent (1e-05 is 0.00001, 1.5e+17
 * is 150000000000000000): an engine reading the column as text, or a
 * person, takes it as written.  The digits are %.*e's, whose exponent is
 * within ±324 for a double. */
static void put_double(eg_buf *l, double d)
{
    char e[40], digits[17];
    int n = 0, exp10, nd = 0;
    const char *p;

    if (d == 0 || !isfinite(d)) {           /* 0, -0; none comes from a cell */
        n = snprintf(e, sizeof e, "%.16g", d);
        eg_buf_put(l, e, n > 0 ? (size_t)n : 0);
        return;
    }
    if (d == floor(d) && fabs(d) <= 9007199254740992.0) {
        put_int(l, (long long)d);
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(e, sizeof e, "%.*e", prec - 1, d);     /* -1.23456789012346e+17 */
        if (prec == 17 || strtod(e, NULL) == d)
            break;
    }
    for (p = e; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            digits[nd++] = *p;
    exp10 = atoi(p + 1);
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    if (e[0] == '-')
        eg_buf_put(l, "-", 1);
    if (exp10 < 0) {                        /* 0.000 then the digits */
        eg_buf_put(l, "0.", 2);
        for (int z = 0; z < -exp10 - 1; z++)
            eg_buf_put(l, "0", 1);
        eg_buf_put(l, digits, (size_t)nd);
    } else if (nd > exp10 + 1) {            /* 123.45 */
        eg_buf_put(l, digits, (size_t)exp10 + 1);
        eg_buf_put(l, ".", 1);
        eg_buf_put(l, digits + exp10 + 1, (size_t)(nd - exp10 - 1));
    } else {                                /* the digits then zeros */
        eg_buf_put(l, digits, (size_t)nd);
        for (int z = nd; z <= exp10; z++)
            eg_buf_put(l, "0", 1);
    }
}

/* The value cell: the same number the workbook's Dữ liệu holds. */
static void put_value(eg_buf *l, const eg_indicator *ind, const eg_value *v, eg_buf_memo *m)
{
    switch (ind->type) {
    case EG_TYPE_COUNT:
    case EG_TYPE_MONEY:
        put_int(l, v->i);
        return;
    case EG_TYPE_BOOL:
        eg_buf_put(l, v->i ? "1" : "0", 1);
        return;
    case EG_TYPE_NUMBER:
    case EG_TYPE_SCORE:
        put_double(l, v->d);
        return;
    case EG_TYPE_PERCENT:
        put_double(l, eg_percent_fraction(v->d));   /* 84,04 % as typed -> 0.8404 */
        return;
    case EG_TYPE_ENUM:
        if (v->i >= 0 && (size_t)v->i < ind->n_options) {
            put_field(l, ind->options[v->i].code, m);
            return;
        }
        break;
    case EG_TYPE_TEXT:
        break;
    }
    put_field(l, v->text, NULL);
}

int eg_datacsv_write(FILE *f, const eg_dataset *ds, const eg_layouts *L)
{
    eg_buf_memo *m = eg_xcalloc(1, sizeof *m);
    eg_buf l = { 0 };
    char iso[16], as_of[24];
    /* the same on every row: the day the figures run to
     * (eg_dataset_as_of), and whether the year was not over then */
    int as_of_len = snprintf(as_of, sizeof as_of, ",%s,%d\n",
                             eg_dataset_as_of(ds, iso, sizeof iso), ds->provisional ? 1 : 0);

    fputs("year,unit_code,unit_name,level,parent_code,indicator,indicator_label,value,file,"
          "row,note,as_of,provisional\n", f);
    for (size_t k = 0; k < ds->n_values && !ferror(f); k++) {
        const eg_value *v = &ds->values[k];
        const eg_unit *u = &ds->registry.items[v->unit];
        const eg_indicator *ind = &L->cat.items[v->indicator];

        l.n = 0;
        put_int(&l, ds->year);
        eg_buf_put(&l, ",", 1);
        put_field(&l, u->code, m);
        eg_buf_put(&l, ",", 1);
        put_field(&l, u->name, m);
        eg_buf_put(&l, ",", 1);
        put_field(&l, eg_level_code(u->level), m);
        eg_buf_put(&l, ",", 1);
        if (u->parent >= 0 && (size_t)u->parent < ds->registry.n)
            put_field(&l, ds->registry.items[u->parent].code, m);
        eg_buf_put(&l, ",", 1);
        put_field(&l, ind->code, m);
        eg_buf_put(&l, ",", 1);
        put_field(&l, ind->label, m);
        eg_buf_put(&l, ",", 1);
        put_value(&l, ind, v, m);
        eg_buf_put(&l, ",", 1);
        if (v->file >= 0 && (size_t)v->file < ds->n_files)
            put_field(&l, ds->files[v->file].path, m);
        eg_buf_put(&l, ",", 1);
        if (v->row > 0)
            put_int(&l, v->row);
        eg_buf_put(&l, ",", 1);
        put_field(&l, v->note, NULL);
        eg_buf_put(&l, as_of, (size_t)as_of_len);
        fwrite(l.p, 1, l.n, f);
    }
    eg_buf_memo_clear(m);
    free(m);
    free(l.p);
    return ferror(f) ? -1 : 0;
}
