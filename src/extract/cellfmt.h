/*
 * cellfmt.h - a spreadsheet's number cells as the text a clerk means.
 *
 * Workbooks store numbers as binary doubles and say, through a number
 * format, whether one is a count, a percentage (0.962 shown as 96,2 %) or
 * a date (a day count).  The rest of egreport reads text in the syntax of
 * input-format.md, so each number becomes text here: whole numbers as
 * digits ("403086"), others as the shortest decimal that reads back as the
 * same double ("116.83", '.' as the decimal mark, never an exponent),
 * percentages as "96.2%", dates as ISO "2021-12-15".  Used by every
 * spreadsheet reader (XLSX, XLS); knows nothing of files.
 */
#ifndef EG_CELLFMT_H
#define EG_CELLFMT_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    EG_CELL_NUMBER = 0,    /* General, 0.00, #,##0, text (@), anything else */
    EG_CELL_PERCENT,       /* 0%, 0.0%: the cell holds a fraction */
    EG_CELL_DATE,          /* a day count shown as a date */
    EG_CELL_TIME,          /* a fraction of a day shown as a time */
    EG_CELL_DATETIME       /* both */
} eg_cell_kind;

/* Room enough for any text eg_cell_number_text writes. */
#define EG_CELL_TEXT_MAX 400

/* The kind of a built-in number format (numFmtId, ECMA-376 18.8.30):
 * 9-10 percent, 14-17 dates, 18-21 and 45-47 times, 22 date and time,
 * and the East Asian built-ins 27-36 and 50-58 (dates, 32-35 times). */
eg_cell_kind eg_cellfmt_builtin(int id);

/* The kind of a format code such as "0.0%", "dd/mm/yyyy", "#,##0" or
 * "[$-42A]h:mm": its first section decides; quoted text, escaped
 * characters and [colour] or [$-locale] brackets do not count. */
eg_cell_kind eg_cellfmt_code(const char *code);

/* What a format code shows nothing of (eg_cellfmt_hides): a section that
 * has no digit placeholder (0 # ?), no date or time code and no General
 * shows the clerk nothing of the number (";;;" hides everything), or a
 * dash, or other digits ("100") in its place; a word ("Có" for a yes, 1;
 * "âm" for a negative) stands for it and hides nothing.  A text section
 * (the fourth) without '@' hides a text.  Zero is left out: a zero shown
 * as nothing is the accountant's blank, and is read as the 0 typed. */
#define EG_HIDES_POSITIVE 1u
#define EG_HIDES_NEGATIVE 2u
#define EG_HIDES_TEXT 4u

/* The EG_HIDES_* of a format code: 0 for "" (General), for any code
 * with a condition ("[>100]"), where the sections' meaning changes, and
 * for every built-in format. */
unsigned eg_cellfmt_hides(const char *code);

/* The colour each kind of value's section of code sets of its own, one
 * byte a kind at the EG_SECTION_* shifts: 0 none (the font's colour);
 * 8-63 an index of the workbook's palette ([Color1] is 8, as Excel reads
 * it); EG_COLOUR_NAMED + an index of Excel's default palette for the
 * eight colours named ([Red] is EG_COLOUR_NAMED + 10, [White] + 9),
 * whatever the workbook's palette; EG_COLOUR_OTHER for one not known
 * ([Color99]).  0 as eg_cellfmt_hides is.  Resolved against the font
 * and the fill by eg_colour_hides (extract/cellcolour.h).  The built-in
 * formats' by eg_cellfmt_builtin_colours: 6, 8, 38 and 40 show
 * negatives red. */
#define EG_SECTION_POSITIVE 0
#define EG_SECTION_NEGATIVE 8
#define EG_SECTION_TEXT 16
#define EG_COLOUR_NAMED 64u
#define EG_COLOUR_OTHER 255u
uint32_t eg_cellfmt_colours(const char *code);
uint32_t eg_cellfmt_builtin_colours(int id);

/* 1 when a number cell of value x whose format hides mask does not show
 * it (x > 0 hidden by EG_HIDES_POSITIVE, x < 0 by EG_HIDES_NEGATIVE). */
static inline int eg_cellfmt_hidden(unsigned hides, double x)
{
    return (x > 0 && (hides & EG_HIDES_POSITIVE)) || (x < 0 && (hides & EG_HIDES_NEGATIVE));
}

/* Reads a number as spreadsheet files store it: "116.83", "-5", "1.284E3",
 * "1E-3" (ASCII, '.' as the decimal mark, optional exponent, white space
 * around ignored).  Returns 0 and sets *out, or -1 when s is not such a
 * number or is out of a double's range. */
int eg_cell_parse_number(const char *s, double *out);

/* Writes x as text of its kind into buf (cap bytes, EG_CELL_TEXT_MAX
 * is always enough) and returns buf.  date1904 chooses the workbook's
 * date system; in the 1900 system day 60 is Excel's 29 February 1900.
 * A date or time kind whose value is not a date Excel can show (below 1,
 * after 9999-12-31) is written as a number instead. */
char *eg_cell_number_text(char *buf, size_t cap, double x, eg_cell_kind kind, int date1904);

/* A cell's name as a spreadsheet shows it, "F12" for column 6 and row
 * 12 (both 1-based), into buf; returns buf.  16 bytes are enough. */
char *eg_cell_name(char *buf, size_t cap, int col, long row);

#endif
