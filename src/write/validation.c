#include "write/validation.h"

#include <string.h>

void eg_csv_field(FILE *f, const char *s)
{
    int quote = 0;

    if (!s)
        return;
    /* A spreadsheet would run "=HYPERLINK(...)" typed by a clerk. */
    int neutralise = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@';

    if (strpbrk(s, ",\"\r\n") || s[0] == ' ' || (s[0] && s[strlen(s) - 1] == ' '))
        quote = 1;
    if (quote)
        fputc('"', f);
    if (neutralise)
        fputc('\'', f);
    /* the text up to each quote at once, the quote doubled */
    for (const char *p = s, *q; *p; p = q + 1) {
        q = strchr(p, '"');
        if (!q) {
            fputs(p, f);
            break;
        }
        fwrite(p, 1, (size_t)(q - p) + 1, f);
        fputc('"', f);
    }
    if (quote)
        fputc('"', f);
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
