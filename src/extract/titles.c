#include "extract/titles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"
#include "extract/cellfmt.h"

/* The next year "năm YYYY" names in folded text (eg_fold: "nam 2019")
 * from *at on, *at moved past it; 0 when none is left.  Neither "Việt Nam
 * 2019" nor a date line's "ngày 10 tháng 01 năm 2022" (or "ngày ... tháng
 * ... năm 2022", a form's to be filled in) names the report's year. */
static int next_year_named(const char *folded, const char **at)
{
    const char *p;

    for (; (p = strstr(*at, "nam")) != NULL; *at = p + 3) {
        const char *q = p + 3, *b = p;
        int y = 0, digits = 0;

        if ((p > folded && ((p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= '0' && p[-1] <= '9'))) ||
            (p - folded >= 5 && strncmp(p - 5, "viet ", 5) == 0))
            continue;
        /* "thang 01 nam", and a form's "thang ... nam" left to be filled
         * in (dots or an ellipsis): a date */
        for (;;) {
            if (b > folded && (b[-1] == ' ' || b[-1] == '.' || (b[-1] >= '0' && b[-1] <= '9')))
                b--;
            else if (b - folded >= 3 && memcmp(b - 3, "\xE2\x80\xA6", 3) == 0)
                b -= 3;
            else
                break;
        }
        if (b < p && b - folded >= 5 && strncmp(b - 5, "thang", 5) == 0)
            continue;
        while (*q == ' ')
            q++;
        for (; *q >= '0' && *q <= '9' && digits < 5; q++, digits++)
            y = y * 10 + (*q - '0');
        if (digits == 4 && y >= 1990 && y <= 2100) {
            *at = q;
            return y;
        }
    }
    *at = folded + strlen(folded);
    return 0;
}

/* The title as quoted: up to 60 bytes before the year's digits and the
 * year, "…" where it is cut, whole characters only. */
static void quote_year(char *out, size_t cap, const char *text, int year)
{
    char digits[8];
    const char *at, *from;

    snprintf(digits, sizeof digits, "%d", year);
    at = strstr(text, digits);
    if (!at) {
        snprintf(out, cap, "%.*s", (int)eg_utf8_prefix(text, 64), text);
        return;
    }
    from = at - text > 60 ? at - 60 : text;
    while (from > text && ((unsigned char)*from & 0xC0) == 0x80)
        from++;
    snprintf(out, cap, "%s%.*s%s", from > text ? "…" : "", (int)(at + 4 - from), from,
             at[4] ? "…" : "");
}

void eg_title_years_row(eg_title_years *t, const eg_row *row, int year)
{
    for (size_t i = 0; i < row->n; i++) {
        char *folded;
        int y;

        if (!row->fields[i][0] || !strpbrk(row->fields[i], "0123456789"))
            continue;
        folded = eg_fold(row->fields[i]);
        for (const char *at = folded; (y = next_year_named(folded, &at)) != 0;) {
            if (y == year)
                t->this_year = 1;
            else if (!t->other) {
                t->other = y;
                t->row = row->row;
                t->col = (int)i + 1;
                quote_year(t->text, sizeof t->text, row->fields[i], y);
            }
        }
        free(folded);
    }
}

void eg_title_years_say(const eg_title_years *t, const char *display, int csv, int year,
                        eg_diag_list *dl)
{
    char where[48], cell[16];

    if (!t->table_read || !t->other || t->this_year)
        return;
    if (csv)
        snprintf(where, sizeof where, "dòng %ld", t->row);
    else
        snprintf(where, sizeof where, "ô %s", eg_cell_name(cell, sizeof cell, t->col, t->row));
    eg_diag_add(dl, EG_WARNING, "W_TITLE_YEAR", display, 0, 0, NULL, NULL,
                "tiêu đề của tệp (%s: '%s') ghi năm %d, không phải năm %d đang tổng hợp: có phải "
                "đã gửi nhầm báo cáo năm %d không? Số liệu của tệp vẫn được tính cho năm %d; nếu "
                "gửi nhầm, gửi lại báo cáo năm %d",
                where, t->text, t->other, year, t->other, year, year);
}

int eg_heading_other_year(const char *text, int year)
{
    char *folded;
    int y, other = 0, this = 0;
    size_t n;

    if (!strpbrk(text, "0123456789"))
        return 0;
    folded = eg_fold(text);
    n = strspn(folded, "0123456789");
    if (n == 4 && !folded[n]) {
        y = atoi(folded);
        other = y >= 1990 && y <= 2100 && y != year ? y : 0;
    } else {
        for (const char *at = folded; (y = next_year_named(folded, &at)) != 0;) {
            if (y == year)
                this = 1;
            else if (!other)
                other = y;
        }
    }
    free(folded);
    return this ? 0 : other;
}
