#include "write/validation.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

size_t eg_csv_field_to(char *out, const char *s)
{
    char *o = out;
    size_t n;
    int quote;

    if (!s)
        return 0;
    n = strlen(s);
    /* a spreadsheet would run "=HYPERLINK(...)" typed by a clerk */
    int neutralise = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@';

    quote = strpbrk(s, ",\"\r\n") || s[0] == ' ' || (n && s[n - 1] == ' ');
    if (quote)
        *o++ = '"';
    if (neutralise)
        *o++ = '\'';
    /* the text up to each quote at once, the quote doubled */
    for (const char *p = s, *q; *p; p = q + 1) {
        q = strchr(p, '"');
        if (!q) {
            memcpy(o, p, n - (size_t)(p - s));
            o += n - (size_t)(p - s);
            break;
        }
        memcpy(o, p, (size_t)(q - p) + 1);
        o += (q - p) + 1;
        *o++ = '"';
    }
    if (quote)
        *o++ = '"';
    return (size_t)(o - out);
}

void eg_csv_field(FILE *f, const char *s)
{
    char *buf;

    if (!s)
        return;
    buf = eg_xmalloc(EG_CSV_FIELD_MAX(strlen(s)));
    fwrite(buf, 1, eg_csv_field_to(buf, s), f);
    free(buf);
}

int eg_validation_write(FILE *f, const eg_diag_list *problems)
{
    fputs("severity,code,file,row,column,unit,indicator,message\n", f);
    for (size_t i = 0; i < problems->n; i++) {
        const eg_diag *d = &problems->items[i];

        fputs(eg_severity_name(d->severity), f);
        fputc(',', f);
        eg_csv_field(f, d->code);
        fputc(',', f);
        eg_csv_field(f, d->file);
        fputc(',', f);
        if (d->row > 0)
            fprintf(f, "%ld", d->row);
        fputc(',', f);
        if (d->col > 0)
            fprintf(f, "%d", d->col);
        fputc(',', f);
        eg_csv_field(f, d->unit);
        fputc(',', f);
        eg_csv_field(f, d->indicator);
        fputc(',', f);
        eg_csv_field(f, d->message);
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}
