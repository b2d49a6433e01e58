/*
 * titles.h - the years a submission's titles name, and what they say of it.
 *
 * The rows above a submission's header are its titles ("BÁO CÁO SỐ LIỆU
 * ỨNG DỤNG CNTT NĂM 2020").  When they name another year ("năm 2019", any
 * case, with or without diacritics) and never the build's, the file is
 * most likely last year's report, or last year's form, sent again: a
 * warning, W_TITLE_YEAR, quoting the title.  "Việt Nam 2019" and a date
 * line's "ngày 10 tháng 01 năm 2022" (or a form's "ngày ... tháng ... năm
 * 2022") name no report's year.
 */
#ifndef EG_TITLES_H
#define EG_TITLES_H

#include "core/diag.h"
#include "extract/row.h"

typedef struct {
    int table_read;         /* set by the reader: the header was found, the rows read */
    int this_year;          /* a title names the build's year */
    int other;              /* the first other year named, 0 none */
    long row;               /* where, and the title quoted around it */
    int col;
    char text[96];
} eg_title_years;

/* Takes one row above the header. */
void eg_title_years_row(eg_title_years *t, const eg_row *row, int year);

/* After the file (display its name as outputs show it; csv: a text file,
 * whose titles are said by row, not by cell): W_TITLE_YEAR when its rows
 * were read and its titles name another year and not this one. */
void eg_title_years_say(const eg_title_years *t, const char *display, int csv, int year,
                        eg_diag_list *dl);

/* The year a heading cell names when it is not year: "Năm 2020" (as a
 * title names it) or a year alone ("2020", a number cell's too); 0 when
 * it names none, or year as well ("Năm 2021 so với năm 2020"). */
int eg_heading_other_year(const char *text, int year);

#endif
