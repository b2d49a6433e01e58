#include "extract/submissions.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/file.h"
#include "core/mem.h"
#include "core/number.h"
#include "core/text.h"
#include "extract/cellfmt.h"
#include "extract/cfb.h"
#include "extract/csv.h"
#include "extract/titles.h"
#include "extract/xls.h"
#include "extract/xlsx.h"

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The hidden rows W_ROW_HIDDEN lists by number. */
#define HIDDEN_LISTED 5

/* Values of one kind in a file, said once at the first: how many, and
 * the first one's row, column, codes (its unit NULL when none) and
 * value. */
typedef struct {
    size_t n;
    long row;
    int col;
    char *unit, *ind;
    char value[40];
} first_value;

typedef struct {
    eg_dataset *ds;
    int file;
    eg_raw_fn fn;
    void *ctx;
    eg_diag_list *dl;
    int stopped;            /* fn said stop: nothing more is handed on */
    /* A workbook's value cell merged over rows: the first record of its
     * range with an indicator, held until the range ends (its value is
     * its own) or a second such record comes (the value is no one's). */
    struct {
        const eg_merge *g;     /* the range being followed, NULL when none */
        eg_record rec;         /* a copy, its texts owned, when have */
        int have;
        int said;              /* E_VALUE_MERGED said of the range (set at its
                                * second report): each of its rows' value is
                                * one sent all the same */
    } held;
    eg_title_years title;   /* the years its titles name (W_TITLE_YEAR) */
    /* The value column's heading below the header: a row before the
     * first with an indicator whose value cell names another year
     * ("Năm 2020" under "Giá trị", "Năm 2021" under the column beside
     * it): the first such, and whether values were read under it
     * (W_VALUE_YEAR). */
    struct {
        long header_row;    /* the header of the rows below, 0 before one */
        int valued;         /* a row with an indicator has come under it */
        int year;           /* the other year named, 0 none */
        long under;         /* the header it is under */
        long row;
        int col;
        char text[96];
        int read;           /* values were read under it */
    } heading;
    /* The header under which a row before the first with an indicator
     * has text in the column right after the value's, which the header
     * leaves unnamed ("Năm 2021" beside "Năm 2020" under one "Giá trị"):
     * that column is headed, of its own use, and no cut's; 0 when none. */
    long next_headed_under;
    /* A workbook's hidden rows that give a value (W_ROW_HIDDEN): how
     * many, the first few's numbers, and the first one's cell and codes
     * (its unit NULL when none). */
    struct {
        size_t n;
        long rows[HIDDEN_LISTED];
        int col;
        char *unit, *ind;
    } hidden;
    /* A workbook's value column hidden in its sheet, values read from it
     * (W_COLUMN_HIDDEN). */
    first_value hidden_col;
    /* A workbook's values whose number format shows nothing of them
     * (W_VALUE_UNSHOWN). */
    first_value unshown;
} file_state;

/* The row's unit and indicator codes as the acceptor writes them
 * (eg_code_clean's, the unit upper case, the indicator lower), for a
 * problem found before it; the unit NULL when the row has none.  Free
 * both. */
static void row_codes(const char *unit, const char *indicator, char **u, char **k)
{
    *u = eg_ascii_upper(eg_code_clean(eg_xstrdup(unit)));
    *k = eg_ascii_lower(eg_code_clean(eg_xstrdup(indicator)));
    if (!(*u)[0]) {
        free(*u);
        *u = NULL;
    }
}

/* A value cell merged over rows that hold several indicators (C5:C8)
 * shows one value for them all, which says neither whose it is nor
 * whether it is each row's or their sum: said once, at the range's first
 * row, with the codes of its first row with an indicator (rec). */
static void merged_value(file_state *s, const eg_record *rec)
{
    const eg_merge *g = rec->merged[2];
    char cell[24], range[56], *unit, *ind;

    row_codes(rec->field[0], rec->field[1], &unit, &ind);
    eg_cell_name(cell, sizeof cell, rec->col[2], g->first_row);
    eg_diag_add(s->dl, EG_ERROR, "E_VALUE_MERGED", s->ds->files[s->file].path, g->first_row,
                rec->col[2], unit, ind,
                "ô giá trị %s được gộp từ dòng %ld đến dòng %ld (%s), các dòng này thuộc nhiều "
                "chỉ tiêu: một giá trị không cho biết là của chỉ tiêu nào, cũng không cho biết là "
                "giá trị của từng dòng hay tổng của các dòng; bỏ gộp ô và nhập giá trị riêng "
                "của từng dòng; giá trị của các dòng này không được tính",
                cell, g->first_row, g->last_row, eg_merge_name(range, sizeof range, g));
    free(unit);
    free(ind);
}

/* A workbook's value cell that shows an error (#DIV/0!) or holds a
 * formula whose result was not saved: its field is empty, and in a row
 * with an indicator that is an error at the cell (elsewhere, in titles
 * and totals, nothing).  A field its reader could not read
 * (EG_CELL_UNREAD) has its error already. */
static void cell_error(file_state *s, const eg_record *rec)
{
    char *unit, *ind, cell[24];
    const char *file = s->ds->files[s->file].path;

    if (strcmp(rec->error[2], EG_CELL_UNREAD) == 0)
        return;                         /* said where it was read */
    row_codes(rec->field[0], rec->field[1], &unit, &ind);
    eg_cell_name(cell, sizeof cell, rec->col[2], rec->row);
    if (rec->error[2][0])
        eg_diag_add(s->dl, EG_ERROR, "E_CELL_ERROR", file, rec->row, rec->col[2], unit, ind,
                    "ô %s hiện lỗi %s thay cho giá trị: sửa công thức của ô hoặc nhập giá trị",
                    cell, rec->error[2]);
    else
        eg_diag_add(s->dl, EG_ERROR, "E_CELL_NO_RESULT", file, rec->row, rec->col[2], unit, ind,
                    "ô %s chứa công thức chưa được lưu kết quả: mở tệp bằng chương trình bảng tính, để chương trình tính xong, rồi lưu lại tệp",
                    cell);
    free(unit);
    free(ind);
}

/* A field of rec's row its reader could not read (E_TEXT_NUL,
 * E_TEXT_ENCODING) was said before the row's columns were known: it
 * names the row's unit now, as the row's other problems do, and the
 * indicator when the field is the value's. */
static int name_row(file_state *s, const eg_record *rec)
{
    const char *path = s->ds->files[s->file].path;
    const eg_diag *last = s->dl->n ? &s->dl->items[s->dl->n - 1] : NULL;
    char *unit, *ind;

    /* nothing said of this row (the usual case); read by one thread, the
     * list's last problem may be another file's of a row of that number */
    if (!last || last->row != rec->row || !last->file || strcmp(last->file, path) != 0)
        return 0;
    row_codes(rec->field[0], rec->field[1], &unit, &ind);
    /* a row refused for its quoting: that cost its value, and each of
     * its problems names the indicator, wherever it was */
    eg_diag_name_row(s->dl, path, rec->row, rec->broken_col ? -1 : rec->col[2], unit, ind);
    free(unit);
    free(ind);
    return 1;
}

/* A record of a row hidden in its sheet that gives a value (readable or
 * not): noted for W_ROW_HIDDEN. */
static void note_hidden(file_state *s, const eg_record *rec)
{
    if (!rec->hidden || !(rec->field[2][0] || rec->error[2]))
        return;
    if (s->hidden.n < HIDDEN_LISTED)
        s->hidden.rows[s->hidden.n] = rec->row;
    if (!s->hidden.n++) {
        s->hidden.col = rec->col[2];
        row_codes(rec->field[0], rec->field[1], &s->hidden.unit, &s->hidden.ind);
    }
}

/* A workbook's rows hidden in its sheet whose values were read: the clerk
 * who looks at the sheet does not see them, and may have hidden them
 * meaning to leave them out (last year's rows, a unit's rows sent again
 * in another file).  Said once for the file, at the first of them, with
 * the numbers of the first few; their values count as any others. */
static void say_hidden(file_state *s, const char *sheet)
{
    char list[128] = "";

    if (!s->hidden.n)
        return;
    for (size_t i = 0; i < s->hidden.n && i < HIDDEN_LISTED; i++) {
        size_t k = strlen(list);

        snprintf(list + k, sizeof list - k, "%s%ld", i ? ", " : "", s->hidden.rows[i]);
    }
    if (s->hidden.n > HIDDEN_LISTED) {
        size_t k = strlen(list);

        snprintf(list + k, sizeof list - k, " và %zu dòng khác", s->hidden.n - HIDDEN_LISTED);
    }
    eg_diag_add(s->dl, EG_WARNING, "W_ROW_HIDDEN", s->ds->files[s->file].path,
                s->hidden.rows[0], s->hidden.col, s->hidden.unit,
                s->hidden.n == 1 ? s->hidden.ind : NULL,
                "%s bị ẩn trong trang tính '%s' nhưng vẫn có giá trị, và giá trị %s vẫn được "
                "tính vào báo cáo (dòng %s): bỏ ẩn để kiểm tra; xóa dòng nếu không muốn tính "
                "giá trị của dòng đó",
                s->hidden.n == 1 ? "một dòng" : "các dòng", sheet,
                s->hidden.n == 1 ? "đó" : "của chúng", list);
    free(s->hidden.unit);
    free(s->hidden.ind);
    memset(&s->hidden, 0, sizeof s->hidden);
}

/* A record's value (readable or not) counted in f, the first kept. */
static void note_first(first_value *f, const eg_record *rec)
{
    if (f->n++)
        return;
    f->row = rec->row;
    f->col = rec->col[2];
    row_codes(rec->field[0], rec->field[1], &f->unit, &f->ind);
    snprintf(f->value, sizeof f->value, "%.*s", (int)eg_utf8_prefix(rec->field[2], 30),
             rec->field[2]);
}

static void first_free(first_value *f)
{
    free(f->unit);
    free(f->ind);
    memset(f, 0, sizeof *f);
}

/* A record whose value column is hidden in its sheet and gives a value
 * (readable or not): noted for W_COLUMN_HIDDEN. */
static void note_hidden_col(file_state *s, const eg_record *rec)
{
    if ((rec->hidden_col & 1u << 2) && (rec->field[2][0] || rec->error[2]))
        note_first(&s->hidden_col, rec);
}

/* A record whose value's cell shows nothing of it (EG_FROM_UNSHOWN):
 * noted for W_VALUE_UNSHOWN. */
static void note_unshown(file_state *s, const eg_record *rec)
{
    if ((rec->origin[2] & EG_FROM_UNSHOWN) && rec->field[2][0])
        note_first(&s->unshown, rec);
}

/* A workbook's value column hidden in its sheet, values read from it:
 * the clerk who looks at the sheet sees other figures, or none (last
 * year's column hidden under the name 'Giá trị', this year's beside it
 * under another).  Said once for the file, at the first value; the
 * values count as any others. */
static void say_hidden_col(file_state *s, const char *sheet)
{
    char cell[16], letters[16], count[32];
    size_t k = 0;

    if (!s->hidden_col.n)
        return;
    eg_cell_name(cell, sizeof cell, s->hidden_col.col, s->hidden_col.row);
    while (cell[k] >= 'A' && cell[k] <= 'Z' && k + 1 < sizeof letters) {
        letters[k] = cell[k];
        k++;
    }
    letters[k] = '\0';
    eg_diag_add(s->dl, EG_WARNING, "W_COLUMN_HIDDEN", s->ds->files[s->file].path,
                s->hidden_col.row, s->hidden_col.col, s->hidden_col.unit,
                s->hidden_col.n == 1 ? s->hidden_col.ind : NULL,
                "cột giá trị (cột %s) bị ẩn trong trang tính '%s', nhưng %s giá trị ở cột này "
                "(từ ô %s) vẫn được đọc như mọi giá trị khác, dù người mở tệp không nhìn thấy: "
                "bỏ ẩn cột để kiểm tra; nếu đó không phải số liệu năm nay, đặt tên cột 'Giá trị' "
                "cho cột số liệu năm nay", letters, sheet,
                eg_fmt_int(count, sizeof count, (int64_t)s->hidden_col.n), cell);
    first_free(&s->hidden_col);
}

/* A workbook's values whose cells' number format shows nothing of them
 * (";;;"), or a text in their place, or whose font is the colour of
 * their fill (white on white): the clerk who looks at the sheet
 * sees empty cells, or words, where figures are read.  Said once for the
 * file, at the first of them, with how many; the values count as any
 * others. */
static void say_unshown(file_state *s, const char *sheet)
{
    char cell[16], count[48] = "";

    if (!s->unshown.n)
        return;
    eg_cell_name(cell, sizeof cell, s->unshown.col, s->unshown.row);
    if (s->unshown.n > 1)
        snprintf(count, sizeof count, " (%zu ô như vậy)", s->unshown.n);
    eg_diag_add(s->dl, EG_WARNING, "W_VALUE_UNSHOWN", s->ds->files[s->file].path,
                s->unshown.row, s->unshown.col, s->unshown.unit,
                s->unshown.n == 1 ? s->unshown.ind : NULL,
                "định dạng của ô %s không hiện giá trị của ô (định dạng số như ;;;, hoặc chữ "
                "cùng màu với nền ô như chữ trắng trên nền trắng): người mở trang tính '%s' "
                "thấy ô trống hoặc một chữ, nhưng giá trị '%s' của ô vẫn được đọc và tính vào "
                "báo cáo%s: đặt lại định dạng số của ô là Chung (General) hoặc Số (Number), màu "
                "chữ là Tự động (Automatic), để kiểm tra số liệu", cell, sheet, s->unshown.value,
                count);
    first_free(&s->unshown);
}

/* A record with an indicator handed on as a raw value; its value left
 * out when drop_value. */
static void hand_on(file_state *s, const eg_record *rec, int drop_value)
{
    eg_raw_value rv;

    if (s->stopped)
        return;
    if (!drop_value) {
        note_hidden(s, rec);
        note_hidden_col(s, rec);
        note_unshown(s, rec);
    }
    rv.row_said = name_row(s, rec);
    if (!drop_value && rec->error[2])
        cell_error(s, rec);
    rv.file = s->file;
    rv.row = rec->row;
    rv.unit = rec->field[0];
    rv.unit_col = rec->col[0];
    rv.indicator = rec->field[1];
    rv.indicator_col = rec->col[1];
    rv.value = drop_value ? "" : rec->field[2];
    rv.value_col = rec->col[2];
    rv.value_number = !drop_value && EG_FROM_WHAT(rec->origin[2]) == EG_FROM_NUMBER;
    rv.value_dated = !drop_value && EG_FROM_WHAT(rec->origin[2]) == EG_FROM_DATE;
    rv.value_stored = rv.value_dated ? rec->stored[2] : NULL;
    rv.value_percent = !drop_value && EG_FROM_WHAT(rec->origin[2]) == EG_FROM_PERCENT;
    /* a value merged over several indicators' rows (E_VALUE_MERGED) is a
     * value sent all the same, in each of them (a covered cell reads as
     * the range's top-left text, not its error): the form is not blank */
    rv.value_error = drop_value ? s->held.said : rec->error[2] != NULL;
    rv.note = rec->field[3];
    rv.submitted_on = rec->field[4];
    rv.submitted_on_col = rec->col[4];
    rv.unit_name = rec->field[5];
    rv.unit_name_col = rec->col[5];
    rv.extra_col = rec->extra_col;
    rv.extra = rec->extra;
    rv.alien_delimiter = rec->alien_delimiter;
    rv.alien_col = rec->alien_col;
    rv.header_fields = rec->header_fields;
    /* where a cut puts the second half: the note's column, one past the
     * header or a column the header leaves unnamed (a spreadsheet pads
     * the header with an empty field) and no row above the first value
     * heads, or any column of a row a field wider than its header (a
     * column of years after the value, in a row as wide as the header,
     * is no cut) */
    rv.value_next = rec->next[2] && (rec->col[3] == rec->col[2] + 1 ||
                                     (size_t)rec->col[2] >= rec->header_fields ||
                                     ((rec->next_unnamed & (1u << 2)) &&
                                      s->next_headed_under != rec->header_row) ||
                                     rec->n_fields > rec->header_fields)
                    ? rec->next[2] : "";
    s->stopped = s->fn(s->ctx, &rv) != 0;
}

/* rec kept as the held record, its texts copied (the row's buffers
 * are the reader's, gone by the time it is handed on). */
static void held_keep(file_state *s, const eg_record *rec)
{
    eg_record *h = &s->held.rec;

    *h = *rec;
    for (size_t r = 0; r < EG_MAX_ROLES; r++) {
        h->field[r] = rec->field[r] ? eg_xstrdup(rec->field[r]) : NULL;
        h->error[r] = rec->error[r] ? eg_xstrdup(rec->error[r]) : NULL;
        h->stored[r] = rec->stored[r] ? eg_xstrdup(rec->stored[r]) : NULL;
    }
    h->extra = rec->extra ? eg_xstrdup(rec->extra) : NULL;
    s->held.g = rec->merged[2];
    s->held.have = 1;
}

/* The held record handed on (dropping its value or not) and let go. */
static void held_hand_on(file_state *s, int drop_value)
{
    eg_record *rec = &s->held.rec;

    if (!s->held.have)
        return;
    hand_on(s, rec, drop_value);
    for (size_t r = 0; r < EG_MAX_ROLES; r++) {
        free((char *)rec->field[r]);
        free((char *)rec->error[r]);
        free((char *)rec->stored[r]);
    }
    free((char *)rec->extra);
    s->held.have = 0;
}

/* The range followed has ended (or the file): its one record with an
 * indicator keeps its value. */
static void held_release(file_state *s)
{
    held_hand_on(s, 0);
    s->held.g = NULL;
}

/* A row of rec's header without an indicator: before the header's first
 * value, a heading of the value column that names another year is
 * noted. */
static void value_heading(file_state *s, const eg_record *rec)
{
    int y;

    if (s->heading.valued || s->heading.year || !rec->field[2][0] ||
        !(y = eg_heading_other_year(rec->field[2], s->ds->year)))
        return;
    s->heading.year = y;
    s->heading.under = rec->header_row;
    s->heading.row = rec->row;
    s->heading.col = rec->col[2];
    snprintf(s->heading.text, sizeof s->heading.text, "%.*s",
             (int)eg_utf8_prefix(rec->field[2], 60), rec->field[2]);
}

/* The value column's heading named another year and values were read
 * under it: they are most likely that year's, sent as this year's (last
 * year's figures kept beside this year's, "Giá trị" over both).  Filed
 * at the file, as W_TITLE_YEAR is; its values still count. */
static void say_value_year(const file_state *s, int csv, eg_diag_list *dl)
{
    char where[48], cell[16];

    if (!s->heading.read)
        return;
    if (csv)
        snprintf(where, sizeof where, "dòng %ld, cột %d", s->heading.row, s->heading.col);
    else
        snprintf(where, sizeof where, "ô %s",
                 eg_cell_name(cell, sizeof cell, s->heading.col, s->heading.row));
    eg_diag_add(dl, EG_WARNING, "W_VALUE_YEAR", s->ds->files[s->file].path, 0, 0, NULL, NULL,
                "cột giá trị có tiêu đề '%s' (%s, dưới dòng tiêu đề): số liệu đọc từ cột này "
                "có lẽ là của năm %d, không phải năm %d đang tổng hợp, nhưng vẫn được tính cho "
                "năm %d; nếu số liệu năm %d ở cột khác, xóa cột năm %d hoặc đặt tên cột 'Giá "
                "trị' cho cột số liệu năm %d",
                s->heading.text, where, s->heading.year, s->ds->year, s->ds->year,
                s->ds->year, s->heading.year, s->ds->year);
}

static int on_record(void *ctx, const eg_record *rec)
{
    file_state *s = ctx;
    const eg_merge *g = rec->merged[2];
    eg_record unread;

    if (s->stopped)
        return 1;
    s->ds->files[s->file].rows_read++;
    if (rec->broken_col) {
        /* A CSV row whose quoting was refused (E_CSV_SYNTAX, said at the
         * field): its value is not read, in whatever column the refusal
         * was (a value read before it may be a number's first half, its
         * opening quote lost: 45,5" ), but the row is its pair's report,
         * a value sent all the same, as one whose cell could not be read.
         * Refused in the unit's or the indicator's code (or the unit's
         * name standing in for a code), whose the row is cannot be told:
         * it says no more than its refusal (not a row without a unit, nor
         * a heading). */
        if (rec->broken_col == rec->col[0] || rec->broken_col == rec->col[1] ||
            (rec->broken_col == rec->col[5] && !rec->field[0][0]))
            return 0;
        unread = *rec;
        unread.field[2] = "";
        unread.error[2] = EG_CELL_UNREAD;
        unread.next[2] = "";
        unread.extra = NULL;
        unread.extra_col = 0;
        rec = &unread;
    }
    if (rec->header_row != s->heading.header_row) {
        s->heading.header_row = rec->header_row;
        s->heading.valued = 0;
    }
    /* Section headings, blank lines and signatures have no indicator. */
    if (!rec->field[1][0]) {
        value_heading(s, rec);
        if (!s->heading.valued && (rec->next_unnamed & (1u << 2)) && rec->next[2][0])
            s->next_headed_under = rec->header_row;
        return 0;
    }
    if (!s->heading.valued && s->heading.year && s->heading.under == rec->header_row)
        s->heading.read = 1;
    s->heading.valued = 1;
    if (s->held.g && s->held.g != g)
        held_release(s);
    if (!g) {
        hand_on(s, rec, 0);
        return s->stopped;
    }
    if (!s->held.g) {
        /* the first row of the range with an indicator: a row made tall
         * by merging it with a blank one below is one row, its value its
         * own, unless another indicator's row shares the value cell */
        held_keep(s, rec);
        return s->stopped;
    }
    if (s->held.have && strcasecmp(rec->field[0], s->held.rec.field[0]) == 0 &&
        strcasecmp(rec->field[1], s->held.rec.field[1]) == 0 &&
        strcasecmp(rec->field[5], s->held.rec.field[5]) == 0) {
        /* the held row going on below it (a row made tall by merging its
         * cells down, a note in the line under it): the same unit and
         * indicator, no other report */
        return s->stopped;
    }
    if (s->held.have) {
        /* a value cell left empty is no one's value to argue about */
        s->held.said = s->held.rec.field[2][0] || s->held.rec.error[2];
        if (s->held.said)
            merged_value(s, &s->held.rec);
        held_hand_on(s, 1);
    }
    hand_on(s, rec, 1);
    return s->stopped;
}

eg_format eg_format_of(const char *name)
{
    if (eg_has_suffix_nocase(name, ".csv") || eg_has_suffix_nocase(name, ".txt"))
        return EG_FORMAT_CSV;
    if (eg_has_suffix_nocase(name, ".xlsx"))
        return EG_FORMAT_XLSX;
    if (eg_has_suffix_nocase(name, ".xls"))
        return EG_FORMAT_XLS;
    return EG_FORMAT_OTHER;
}

const char *eg_format_advice(const char *name)
{
    if (eg_has_suffix_nocase(name, ".ods") || eg_has_suffix_nocase(name, ".fods"))
        return "; bảng tính LibreOffice Calc (.ods) không được đọc: mở tệp, chọn Tệp → Lưu thành "
               "(File → Save As), kiểu tệp 'Excel 2007-365 (.xlsx)', rồi gửi tệp .xlsx";
    if (eg_has_suffix_nocase(name, ".xlsm") || eg_has_suffix_nocase(name, ".xlsb"))
        return "; bảng tính Excel có macro hoặc dạng nhị phân (.xlsm, .xlsb) không được đọc: "
               "mở tệp bằng Excel, chọn Lưu thành (Save As), kiểu tệp 'Excel Workbook (.xlsx)', "
               "rồi gửi tệp .xlsx";
    if (eg_has_suffix_nocase(name, ".numbers"))
        return "; bảng tính Numbers không được đọc: chọn Tệp → Xuất sang → Excel (File → Export "
               "To → Excel), rồi gửi tệp .xlsx";
    return "";
}

int eg_submission_add(eg_dataset *ds, const char *abs_path, const char *name,
                      eg_diag_list *dl)
{
    struct stat st;
    eg_source *src;
    eg_format format = eg_format_of(name);
    /* the name as every output shows it, valid UTF-8 on one line */
    char *display = eg_display_text(name);

    if (stat(abs_path, &st) != 0) {
        eg_diag_add(dl, EG_ERROR, "E_FILE_READ", display, 0, 0, NULL, NULL,
                    "không đọc được tệp: %s", eg_strerror_vi(errno));
        free(display);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        /* files sorted into folders (submissions/T11/): not read, and a
         * folder of reports must not pass for a stray file */
        size_t n = 0, reports = 0;
        struct stat lst;
        /* a link to a folder (to submissions/ itself) is not looked in */
        char **names = lstat(abs_path, &lst) == 0 && S_ISDIR(lst.st_mode)
                       ? eg_submission_names(abs_path, &n) : NULL;

        for (size_t i = 0; i < n; i++) {
            reports += eg_format_of(names[i]) != EG_FORMAT_OTHER;
            free(names[i]);
        }
        free(names);
        if (reports)
            eg_diag_add(dl, EG_WARNING, "W_FILE_IGNORED", display, 0, 0, NULL, NULL,
                        "là một thư mục: %zu tệp báo cáo trong đó không được đọc (thư mục con "
                        "không được đọc); chuyển các tệp báo cáo ra khỏi thư mục này, vào cạnh "
                        "các tệp báo cáo khác", reports);
        else
            eg_diag_add(dl, EG_WARNING, "W_FILE_IGNORED", display, 0, 0, NULL, NULL,
                        "là một thư mục; thư mục con không được đọc, bị bỏ qua");
        free(display);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        eg_diag_add(dl, EG_WARNING, "W_FILE_IGNORED", display, 0, 0, NULL, NULL,
                    "không phải tệp thông thường; tệp bị bỏ qua");
        free(display);
        return -1;
    }
    if (format == EG_FORMAT_OTHER) {
        eg_diag_add(dl, EG_WARNING, "W_FILE_IGNORED", display, 0, 0, NULL, NULL,
                    "không phải tệp báo cáo (.csv, .txt, .xlsx hoặc .xls)%s; tệp bị bỏ qua",
                    eg_format_advice(name));
        free(display);
        return -1;
    }
    ds->files = eg_xrealloc(ds->files, (ds->n_files + 1) * sizeof *ds->files);
    src = &ds->files[ds->n_files];
    memset(src, 0, sizeof *src);
    src->path = display;
    src->abs_path = eg_xstrdup(abs_path);
    src->size = st.st_size;
    src->mtime = st.st_mtime;
    src->format = format;
    return (int)ds->n_files++;
}

/* The other sheets of a workbook that hold a table of a submission's
 * columns (eg_xlsx_read_probing): a district's communes, a sheet each. */
typedef struct {
    eg_table *table;
    const file_state *fs;   /* a reading stopped by its fn looks at nothing more */
    size_t n;
    char names[3][64];
} other_tables;

static int probe_sheet(void *ctx, const eg_row *row)
{
    other_tables *o = ctx;

    if (o->fs->stopped)
        return 1;
    if (!eg_table_is_header(o->table, row))
        return 0;
    if (o->n < 3)
        eg_utf8_copy(o->names[o->n], sizeof o->names[0], row->sheet ? row->sheet : "");
    o->n++;
    return 1;
}

static void say_other_tables(const other_tables *o, const eg_sheet_probe *probe,
                             const char *display, eg_diag_list *dl)
{
    char list[256] = "", unseen[160] = "";

    if (!o->n)
        return;
    for (size_t i = 0; i < o->n && i < 3; i++) {
        size_t k = strlen(list);

        snprintf(list + k, sizeof list - k, "%s'%s'", i ? ", " : "", o->names[i]);
    }
    if (o->n > 3) {
        size_t k = strlen(list);

        snprintf(list + k, sizeof list - k, " và %zu trang tính khác", o->n - 3);
    }
    if (probe->not_probed)
        snprintf(unseen, sizeof unseen, " (và %zu trang tính sau 16 trang tính đầu tiên của "
                 "bảng tính chưa được kiểm tra)", probe->not_probed);
    eg_diag_add(dl, EG_WARNING, "W_SHEETS_NOT_READ", display, 0, 0, NULL, NULL,
                "%s %s của bảng tính có bảng với các cột của báo cáo nhưng không được đọc%s: "
                "chỉ trang tính '%s'%s được đọc (trang tính tên BaoCao hoặc Báo cáo, nếu không "
                "có thì trang tính đầu tiên không bị ẩn); đưa các dòng của mọi đơn vị vào một trang "
                "tính tên BaoCao%s",
                o->n > 1 ? "các trang tính" : "trang tính", list, unseen, probe->read_sheet,
                probe->read_hidden ? " (trang tính này đang bị ẩn, nên không nhìn thấy khi mở tệp)"
                                   : "",
                probe->read_hidden ? ", bỏ ẩn hoặc xóa trang tính bị ẩn kia" : "");
}

/* A row above the header (eg_table.title_fn). */
static int on_title(void *ctx, const eg_row *row)
{
    file_state *s = ctx;

    eg_title_years_row(&s->title, row, s->ds->year);
    return 0;
}

/* The table of a submission: its records to on_record, its titles to
 * on_title. */
static void table_init(eg_table *t, const eg_colspec *cols, file_state *fs)
{
    eg_table_init(t, cols, EG_SUBMISSION_ROLES, on_record, fs);
    t->title_fn = on_title;
    t->title_ctx = fs;
    t->split_alien = 1;
    t->take_broken = 1;
}

/* Reads a workbook's sheet (read_book: eg_xlsx_read_probing,
 * eg_xls_read_probing) as a table, as eg_table_read_csv does a CSV file,
 * then names its other sheets that hold a table (W_SHEETS_NOT_READ): -1
 * when it could not be read to its end, else 0. */
static int read_workbook(const eg_source *src, const eg_colspec *cols, file_state *fs,
                         const eg_limits *lim, eg_diag_list *dl,
                         int (*read_book)(const char *, const char *, eg_row_fn, void *,
                                          eg_sheet_probe *, const eg_limits *, eg_diag_list *))
{
    eg_table table;
    other_tables o = { .table = &table, .fs = fs };
    eg_sheet_probe probe = { probe_sheet, &o, "", 0, 0 };
    int rc;

    table_init(&table, cols, fs);
    rc = read_book(src->abs_path, src->path, eg_table_row, &table, &probe, lim, dl);
    if (rc == 0 && !fs->stopped)
        say_other_tables(&o, &probe, src->path, dl);
    held_release(fs);
    say_hidden(fs, table.sheet);
    say_hidden_col(fs, table.sheet);
    say_unshown(fs, table.sheet);
    fs->title.table_read = table.have_header;
    eg_table_release(&table);
    /* A file that could not be opened needs no word about its header. */
    if (rc < 0 && !table.have_header)
        return -1;
    if (!eg_table_finish(&table, src->path, "E_NO_HEADER", dl))
        return 0;
    return rc;
}

/* A file named .csv or .txt that is a workbook, a PDF or an image (a
 * workbook renamed, a report exported to the wrong kind): E_CSV_NOT_TEXT
 * saying what it is, as E_XLS_NOT_XLS and E_XLSX_NOT_ZIP say of the
 * other names, and -1; it is not read.  0 when it may be text (or cannot
 * be opened: the reading says so). */
static int check_text(const eg_source *src, eg_diag_list *dl)
{
    unsigned char head[512];
    char msg[320];
    const char *dot = strrchr(src->path, '.'), *what;
    size_t n;
    FILE *f = fopen(src->abs_path, "rb");

    if (!f)
        return 0;
    n = fread(head, 1, sizeof head, f);
    fclose(f);
    what = eg_csv_not_text(head, n, dot ? dot : ".csv", msg, sizeof msg);
    if (!what)
        return 0;
    eg_diag_add(dl, EG_ERROR, "E_CSV_NOT_TEXT", src->path, 0, 0, NULL, NULL, "%s", what);
    return -1;
}

int eg_submission_read(eg_dataset *ds, int file, const eg_colspec *cols, eg_raw_fn fn,
                       void *ctx, const eg_limits *lim, eg_diag_list *dl)
{
    const eg_source *src = &ds->files[file];
    file_state fs = { .ds = ds, .file = file, .fn = fn, .ctx = ctx, .dl = dl };
    size_t max_file = eg_limits_of(lim).max_file_bytes;
    eg_table table;
    int rc;

    /* The size cap (--max-file-size): a file that large is no unit's
     * report, and reading it would cost what a build must not. */
    if (src->size > 0 && (unsigned long long)src->size > (unsigned long long)max_file) {
        char size[32], cap[32];

        eg_diag_add(dl, EG_ERROR, "E_FILE_TOO_BIG", src->path, 0, 0, NULL, NULL,
                    "tệp có %s byte, lớn hơn mức %s byte cho phép của một báo cáo "
                    "(--max-file-size); tệp không được đọc",
                    eg_fmt_int(size, sizeof size, (int64_t)src->size),
                    eg_fmt_int(cap, sizeof cap, (int64_t)max_file));
        return -1;
    }
    /* An .xls is read whole into memory: its own cap holds even where
     * --max-file-size was raised past it. */
    if (src->format == EG_FORMAT_XLS && (unsigned long long)src->size > EG_CFB_MAX_FILE) {
        char size[32], cap[32];

        eg_diag_add(dl, EG_ERROR, "E_FILE_TOO_BIG", src->path, 0, 0, NULL, NULL,
                    "tệp Excel 97-2003 có %s byte, lớn hơn mức %s byte đọc được của loại tệp "
                    "này (cả tệp được đọc vào bộ nhớ, dù --max-file-size cho phép lớn hơn); "
                    "tệp không được đọc",
                    eg_fmt_int(size, sizeof size, (int64_t)src->size),
                    eg_fmt_int(cap, sizeof cap, (int64_t)EG_CFB_MAX_FILE));
        return -1;
    }
    switch (src->format) {
    case EG_FORMAT_CSV:
        if (src->size == 0) {
            eg_diag_add(dl, EG_ERROR, "E_NO_HEADER", src->path, 0, 0, NULL, NULL,
                        "tệp trống (0 byte): lưu lại báo cáo rồi gửi lại");
            return 0;
        }
        if (check_text(src, dl))
            return -1;
        table_init(&table, cols, &fs);
        rc = eg_table_read_csv_into(&table, src->abs_path, src->path, lim, "E_NO_HEADER", dl) < 0
             ? -1 : 0;
        fs.title.table_read = table.have_header;
        break;
    case EG_FORMAT_XLSX:
        rc = read_workbook(src, cols, &fs, lim, dl, eg_xlsx_read_probing);
        break;
    case EG_FORMAT_XLS:
        rc = read_workbook(src, cols, &fs, lim, dl, eg_xls_read_probing);
        break;
    default:
        return -1;
    }
    eg_title_years_say(&fs.title, src->path, src->format == EG_FORMAT_CSV, ds->year, dl);
    say_value_year(&fs, src->format == EG_FORMAT_CSV, dl);
    return rc;
}

char **eg_submission_names(const char *dir, size_t *n)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names;

    *n = 0;
    if (!d)
        return NULL;
    names = eg_xmalloc(sizeof *names);
    while ((e = readdir(d)) != NULL) {
        /* Hidden files and Excel's lock files are nobody's submission. */
        if (e->d_name[0] == '.' || strncmp(e->d_name, "~$", 2) == 0)
            continue;
        names = eg_xrealloc(names, (*n + 1) * sizeof *names);
        names[(*n)++] = eg_xstrdup(e->d_name);
    }
    closedir(d);
    qsort(names, *n, sizeof *names, cmp_names);
    return names;
}

int eg_submissions_read(eg_dataset *ds, const eg_colspec *cols, eg_raw_fn fn, void *ctx,
                        const eg_limits *lim, eg_diag_list *dl)
{
    char *dir = eg_xasprintf("%s/submissions", ds->year_dir);
    size_t n;
    char **names = eg_submission_names(dir, &n);

    if (!names) {
        eg_diag_add(dl, EG_FATAL, "F_INPUT", "submissions", 0, 0, NULL, NULL,
                    "cannot open the submissions folder: %s", strerror(errno));
        free(dir);
        return -1;
    }

    for (size_t i = 0; i < n; i++) {
        char *rel = eg_xasprintf("submissions/%s", names[i]);
        char *abs = eg_xasprintf("%s/%s", dir, names[i]);
        int file = eg_submission_add(ds, abs, rel, dl);

        if (file >= 0)
            eg_submission_read(ds, file, cols, fn, ctx, lim, dl);
        free(rel);
        free(abs);
        free(names[i]);
    }
    free(names);
    free(dir);
    return 0;
}
