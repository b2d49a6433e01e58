#include "write/datacsv.h"

#include <inttypes.h>

#include "write/validation.h"

/* The value cell: the same number the workbook's Dữ liệu holds. */
static void put_value(FILE *f, const eg_indicator *ind, const eg_value *v)
{
    switch (ind->type) {
    case EG_TYPE_COUNT:
    case EG_TYPE_MONEY:
        fprintf(f, "%" PRId64, v->i);
        return;
    case EG_TYPE_BOOL:
        fputc(v->i ? '1' : '0', f);
        return;
    case EG_TYPE_NUMBER:
    case EG_TYPE_SCORE:
        fprintf(f, "%.16g", v->d);
        return;
    case EG_TYPE_PERCENT:
        fprintf(f, "%.16g", v->d / 100.0);   /* 84,04 % as typed -> 0.8404 */
        return;
    case EG_TYPE_ENUM:
        if (v->i >= 0 && (size_t)v->i < ind->n_options) {
            eg_csv_field(f, ind->options[v->i].code);
            return;
        }
        break;
    case EG_TYPE_TEXT:
        break;
    }
    eg_csv_field(f, v->text);
}

int eg_datacsv_write(FILE *f, const eg_dataset *ds, const eg_layouts *L)
{
    fputs("year,unit_code,unit_name,level,parent_code,indicator,indicator_label,value,file,"
          "row,note\n", f);
    for (size_t k = 0; k < ds->n_values && !ferror(f); k++) {
        const eg_value *v = &ds->values[k];
        const eg_unit *u = &ds->registry.items[v->unit];
        const eg_indicator *ind = &L->cat.items[v->indicator];

        fprintf(f, "%d,", ds->year);
        eg_csv_field(f, u->code);
        fputc(',', f);
        eg_csv_field(f, u->name);
        fputc(',', f);
        eg_csv_field(f, eg_level_code(u->level));
        fputc(',', f);
        if (u->parent >= 0 && (size_t)u->parent < ds->registry.n)
            eg_csv_field(f, ds->registry.items[u->parent].code);
        fputc(',', f);
        eg_csv_field(f, ind->code);
        fputc(',', f);
        eg_csv_field(f, ind->label);
        fputc(',', f);
        put_value(f, ind, v);
        fputc(',', f);
        if (v->file >= 0 && (size_t)v->file < ds->n_files)
            eg_csv_field(f, ds->files[v->file].path);
        fputc(',', f);
        if (v->row > 0)
            fprintf(f, "%ld", v->row);
        fputc(',', f);
        eg_csv_field(f, v->note);
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}
