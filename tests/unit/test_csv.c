/*
 * test_csv.c - extract/csv.h and extract/table.h: submissions as CSV.
 *
 * input-format.md, "Files": UTF-8 with or without BOM, ',' ';' or tab,
 * RFC 4180 quoting, CRLF or LF, NFC; the header row is the first of the
 * first 20 that names the required columns, and it fixes the delimiter;
 * `row` is the record's number as a spreadsheet shows it.  Each test
 * writes its file into a fresh mkdtemp() folder that teardown removes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/mem.h"
#include "extract/csv.h"
#include "extract/table.h"
#include "extract/titles.h"
#include "support.h"

/* --- collecting rows ----------------------------------------------------- */

typedef struct {
    long row;
    size_t n;
    char **f;
    int *unread;            /* per field: cell_errors says EG_CELL_UNREAD */
    int broken_col;
} crow;

typedef struct {
    crow *rows;
    size_t n;
    size_t stop_after;      /* 0: never stop */
} rows_seen;

static int collect_row(void *ctx, const eg_row *row)
{
    rows_seen *rs = ctx;
    crow *c;

    rs->rows = eg_xrealloc(rs->rows, (rs->n + 1) * sizeof *rs->rows);
    c = &rs->rows[rs->n++];
    c->row = row->row;
    c->n = row->n;
    c->broken_col = row->broken_col;
    c->f = eg_xcalloc(row->n ? row->n : 1, sizeof *c->f);
    c->unread = eg_xcalloc(row->n ? row->n : 1, sizeof *c->unread);
    for (size_t i = 0; i < row->n; i++) {
        assert_non_null(row->fields[i]);
        c->f[i] = eg_xstrdup(row->fields[i]);
        c->unread[i] = row->cell_errors && row->cell_errors[i] &&
                       strcmp(row->cell_errors[i], EG_CELL_UNREAD) == 0;
    }
    return rs->stop_after && rs->n >= rs->stop_after;
}

static void rows_free(rows_seen *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        for (size_t k = 0; k < rs->rows[i].n; k++)
            free(rs->rows[i].f[k]);
        free(rs->rows[i].f);
        free(rs->rows[i].unread);
    }
    free(rs->rows);
    memset(rs, 0, sizeof *rs);
}

/* --- collecting records of a table --------------------------------------- */

enum { R_UNIT, R_INDICATOR, R_VALUE, R_NOTE, N_ROLES };

typedef struct {
    long row;
    char *field[N_ROLES];
    int col[N_ROLES];
} crec;

typedef struct {
    crec *recs;
    size_t n;
} recs_seen;

static int collect_rec(void *ctx, const eg_record *rec)
{
    recs_seen *rs = ctx;
    crec *c;

    rs->recs = eg_xrealloc(rs->recs, (rs->n + 1) * sizeof *rs->recs);
    c = &rs->recs[rs->n++];
    c->row = rec->row;
    for (int r = 0; r < N_ROLES; r++) {
        c->field[r] = eg_xstrdup(rec->field[r]);
        c->col[r] = rec->col[r];
    }
    return 0;
}

static void recs_free(recs_seen *rs)
{
    for (size_t i = 0; i < rs->n; i++)
        for (int r = 0; r < N_ROLES; r++)
            free(rs->recs[i].field[r]);
    free(rs->recs);
    memset(rs, 0, sizeof *rs);
}

/* --- fixture: a temporary folder ----------------------------------------- */

typedef struct {
    char dir[64];
    char path[128];
    eg_diag_list dl;
    rows_seen rows;         /* what the reader delivered; freed by teardown */
    recs_seen recs;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);

    if (!fx)
        return -1;
    strcpy(fx->dir, "/tmp/egreport-test-csv-XXXXXX");
    if (!mkdtemp(fx->dir)) {
        free(fx);
        return -1;
    }
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    eg_test_remove_dir(fx->dir);
    eg_diag_free(&fx->dl);
    rows_free(&fx->rows);
    recs_free(&fx->recs);
    free(fx);
    return 0;
}

/* Writes n bytes (n may hold NULs) to <dir>/name; fx->path names it. */
static const char *write_bytes(fixture *fx, const char *name, const char *data, size_t n)
{
    FILE *f;

    snprintf(fx->path, sizeof fx->path, "%s/%s", fx->dir, name);
    f = fopen(fx->path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
    return fx->path;
}

static const char *write_text(fixture *fx, const char *name, const char *text)
{
    return write_bytes(fx, name, text, strlen(text));
}

/* Reads the last file written (fx->path) under name with separator sep
 * (0: found from the header), every row to rs, diagnostics to fx->dl. */
static int read_rows(fixture *fx, const char *name, int sep, rows_seen *rs)
{
    return eg_csv_read(fx->path, name, sep, NULL, NULL, NULL, collect_row, rs, NULL, &fx->dl);
}

/* The first diagnostic with code, or NULL. */
static const eg_diag *find_diag(const eg_diag_list *dl, const char *code)
{
    for (size_t i = 0; i < dl->n; i++)
        if (strcmp(dl->items[i].code, code) == 0)
            return &dl->items[i];
    return NULL;
}

/* The four roles with the header names of input-format.md. */
static void submission_spec(eg_colspec *spec)
{
    static const char *const unit[] = { "unit_code", "ma_don_vi", "Mã đơn vị", NULL };
    static const char *const ind[] = { "indicator", "ma_chi_tieu", "Mã chỉ tiêu", NULL };
    static const char *const val[] = { "value", "gia_tri", "Giá trị", "Số liệu", NULL };
    static const char *const note[] = { "note", "ghi_chu", "Ghi chú", NULL };

    eg_colspec_set(&spec[R_UNIT], "unit_code", 1, unit);
    eg_colspec_set(&spec[R_INDICATOR], "indicator", 1, ind);
    eg_colspec_set(&spec[R_VALUE], "value", 1, val);
    eg_colspec_set(&spec[R_NOTE], "note", 0, note);
}

/* Reads path as a submission table into rs; returns eg_table_read_csv's. */
static int read_table(fixture *fx, const char *path, recs_seen *rs, const eg_limits *lim)
{
    eg_colspec spec[N_ROLES];
    int rc;

    submission_spec(spec);
    rc = eg_table_read_csv(path, "submissions/x.csv", spec, N_ROLES, collect_rec, rs, lim,
                           "E_NO_HEADER", &fx->dl);
    eg_colspec_free(spec, N_ROLES);
    return rc;
}

/* --- header and delimiter ------------------------------------------------ */

static void header_row_is_found_below_title_rows_with_each_delimiter(void **state)
{
    fixture *fx = *state;
    static const char delims[] = { ',', ';', '\t' };

    for (size_t i = 0; i < sizeof delims; i++) {
        char text[1024];
        char d = delims[i];
        recs_seen *rs = &fx->recs;
        int rc;

        /* titles (one with commas and semicolons in it), a blank line,
         * then the header with other columns around the roles */
        snprintf(text, sizeof text,
                 "ỦY BAN NHÂN DÂN HUYỆN PHÚ THIỆN\n"
                 "\"Báo cáo ứng dụng CNTT; năm 2021, số liệu đến 31/12\"\n"
                 "\n"
                 "STT%cMã đơn vị%cTên chỉ tiêu%cMã chỉ tiêu%cGiá trị%cGhi chú\n"
                 "1%cGL.PTH%cTổng số CBCC%cht.cbcc%c120%c\n"
                 "2%cGL.PTH%cCó WAN%cht.wan%ccó%cđã kết nối\n",
                 d, d, d, d, d, d, d, d, d, d, d, d, d, d, d);
        rc = read_table(fx, write_text(fx, "titles.csv", text), rs, NULL);
        if (rc != 1)
            fail_msg("delimiter '%c': eg_table_read_csv returned %d", d == '\t' ? 'T' : d, rc);
        assert_int_equal(fx->dl.n, 0);
        assert_int_equal(rs->n, 2);
        assert_int_equal(rs->recs[0].row, 5);
        assert_string_equal(rs->recs[0].field[R_UNIT], "GL.PTH");
        assert_string_equal(rs->recs[0].field[R_INDICATOR], "ht.cbcc");
        assert_string_equal(rs->recs[0].field[R_VALUE], "120");
        assert_string_equal(rs->recs[0].field[R_NOTE], "");
        assert_int_equal(rs->recs[0].col[R_UNIT], 2);
        assert_int_equal(rs->recs[0].col[R_INDICATOR], 4);
        assert_int_equal(rs->recs[0].col[R_VALUE], 5);
        assert_int_equal(rs->recs[0].col[R_NOTE], 6);
        assert_int_equal(rs->recs[1].row, 6);
        assert_string_equal(rs->recs[1].field[R_VALUE], "có");
        assert_string_equal(rs->recs[1].field[R_NOTE], "đã kết nối");
        recs_free(rs);
    }
}

/* A probe that says yes to a row whose first cell is "unit_code" and
 * which has exactly three cells. */
static int probe_three(void *ctx, const eg_row *row)
{
    (void)ctx;
    return row->n == 3 && strcmp(row->fields[0], "unit_code") == 0;
}

static void probe_fixes_the_delimiter_and_every_row_is_split_with_it(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;
    int found = 0;
    int rc;

    write_text(fx, "p.csv",
               "Báo cáo, năm 2021\n"
               "unit_code;indicator;value\n"
               "GL;ht.cbcc;1,5\n");
    rc = eg_csv_read(fx->path, "p.csv", ',', probe_three, NULL, &found, collect_row, rs,
                     NULL, &fx->dl);
    assert_int_equal(rc, 0);
    assert_int_equal(found, ';');
    assert_int_equal(rs->n, 3);
    assert_int_equal(rs->rows[0].n, 1);                 /* the title is not split by ',' */
    assert_string_equal(rs->rows[0].f[0], "Báo cáo, năm 2021");
    assert_int_equal(rs->rows[2].n, 3);
    assert_string_equal(rs->rows[2].f[2], "1,5");       /* a decimal comma stays whole */
    rows_free(rs);
}

/* A field holding a NUL byte is not read at all, where it used to be cut
 * at the NUL ("3\\0008" read as 3): it is empty, its cell says it could
 * not be read (a value sent all the same), and E_TEXT_NUL names it. */
static void field_with_a_nul_byte_is_not_read(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;
    static const char text[] = "unit_code,indicator,value\nGL,ht.cbcc,3\0008\nGL,ht.wan,45\n";
    const eg_diag *d;
    int found = 0;

    write_bytes(fx, "nul.csv", text, sizeof text - 1);
    assert_int_equal(eg_csv_read(fx->path, "nul.csv", ',', probe_three, NULL, &found,
                                 collect_row, rs, NULL, &fx->dl), 0);
    assert_int_equal(rs->n, 3);
    assert_string_equal(rs->rows[1].f[1], "ht.cbcc");
    assert_string_equal(rs->rows[1].f[2], "");
    assert_int_equal(rs->rows[1].unread[2], 1);
    assert_int_equal(rs->rows[1].unread[1], 0);
    assert_string_equal(rs->rows[2].f[2], "45");        /* the next row is whole */
    assert_int_equal(rs->rows[2].unread[2], 0);
    d = find_diag(&fx->dl, "E_TEXT_NUL");
    assert_non_null(d);
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 3);
    assert_int_equal(fx->dl.n, 1);
}

/* The reader's words are the clerk's (Vietnamese) unless its list is
 * the operator's (eg_diag_list.english: a layout, units.csv), whose
 * problems are fatal and English. */
static void an_operators_list_gets_english_words(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;
    static const char text[] = "unit_code,indicator,value\nGL,ht.cbcc,3\0008\nGL,\"ht.wan,45\n";
    int found = 0;

    write_bytes(fx, "en.csv", text, sizeof text - 1);
    fx->dl.english = 1;
    assert_int_equal(eg_csv_read(fx->path, "en.csv", ',', probe_three, NULL, &found,
                                 collect_row, rs, NULL, &fx->dl), -1);    /* the quote */
    assert_string_equal(find_diag(&fx->dl, "E_TEXT_NUL")->message,
                        "field contains a NUL byte (the file is damaged, or not a text file); "
                        "the field was not read");
    assert_string_equal(find_diag(&fx->dl, "E_CSV_SYNTAX")->message,
                        "a quote opened in this field is never closed: nothing from this field "
                        "to the end of the file was read; close the quote at the field's end, "
                        "and double the quotes inside it");
    eg_diag_free(&fx->dl);
    fx->dl = (eg_diag_list){ .english = 1 };
    assert_int_equal(eg_csv_read("/nonexistent/en.csv", "en.csv", ',', probe_three, NULL, &found,
                                 collect_row, rs, NULL, &fx->dl), -1);
    assert_string_equal(find_diag(&fx->dl, "E_FILE_READ")->message,
                        "cannot open: No such file or directory");
    eg_diag_free(&fx->dl);
    fx->dl = (eg_diag_list){ 0 };
    assert_int_equal(eg_csv_read("/nonexistent/en.csv", "en.csv", ',', probe_three, NULL, &found,
                                 collect_row, rs, NULL, &fx->dl), -1);
    assert_string_equal(find_diag(&fx->dl, "E_FILE_READ")->message,
                        "không mở được tệp: không có tệp hoặc thư mục này");
}

static void probe_finds_each_of_the_three_delimiters(void **state)
{
    fixture *fx = *state;
    static const char delims[] = { ',', ';', '\t' };

    for (size_t i = 0; i < sizeof delims; i++) {
        char text[256];
        char d = delims[i];
        rows_seen *rs = &fx->rows;
        int found = -1;

        snprintf(text, sizeof text, "Tiêu đề\nunit_code%cindicator%cvalue\nGL%cht.cbcc%c5\n",
                 d, d, d, d);
        write_text(fx, "d.csv", text);
        assert_int_equal(eg_csv_read(fx->path, "d.csv", 0, probe_three, NULL, &found,
                                     collect_row, rs, NULL, &fx->dl), 0);
        assert_int_equal(found, d);
        assert_int_equal(rs->n, 3);
        assert_int_equal(rs->rows[1].n, 3);
        assert_string_equal(rs->rows[2].f[1], "ht.cbcc");
        rows_free(rs);
    }
}

/* The probe reads a few KiB at a time and stops at the header: a header
 * below 10 KB of title rows, one of them a quoted field holding line
 * breaks across those pieces, is found all the same, with each
 * delimiter. */
static void probe_finds_a_header_past_the_first_pieces(void **state)
{
    fixture *fx = *state;
    static const char delims[] = { ',', ';', '\t' };

    for (size_t i = 0; i < sizeof delims; i++) {
        size_t cap = 64 * 1024, n = 0;
        char *text = eg_xmalloc(cap), d = delims[i];
        rows_seen *rs = &fx->rows;
        int found = -1;

        n += (size_t)snprintf(text + n, cap - n, "\"Ghi chú dài");
        for (int k = 0; k < 700; k++)
            n += (size_t)snprintf(text + n, cap - n, "%s dòng %d", k % 50 ? "," : "\n", k);
        n += (size_t)snprintf(text + n, cap - n, "\"\n");
        for (int k = 0; k < 12; k++) {
            for (int j = 0; j < 60; j++)
                n += (size_t)snprintf(text + n, cap - n, "tiêu đề ");
            n += (size_t)snprintf(text + n, cap - n, "\n");
        }
        n += (size_t)snprintf(text + n, cap - n, "unit_code%cindicator%cvalue\nGL%cht.cbcc%c5\n",
                              d, d, d, d);
        assert_true(n > 10000);
        write_text(fx, "late.csv", text);
        assert_int_equal(eg_csv_read(fx->path, "late.csv", 0, probe_three, NULL, &found,
                                     collect_row, rs, NULL, &fx->dl), 0);
        assert_int_equal(found, d);
        assert_int_equal(rs->n, 15);
        assert_int_equal(rs->rows[13].n, 3);
        assert_string_equal(rs->rows[14].f[2], "5");
        rows_free(rs);
        free(text);
    }
}

static void probe_that_never_says_yes_delivers_no_row(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;
    int found = -1;

    write_text(fx, "none.csv", "a,b\nc,d\n");
    assert_int_equal(eg_csv_read(fx->path, "none.csv", ',', probe_three, NULL, &found,
                                 collect_row, rs, NULL, &fx->dl), 0);
    assert_int_equal(found, 0);
    assert_int_equal(rs->n, 0);
}

static void earliest_header_row_decides_between_delimiters(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;

    /* row 2 is a header when split by ';', row 4 when split by ',' */
    write_text(fx, "early.csv",
               "Tiêu đề\n"
               "unit_code;indicator;value\n"
               "GL;ht.cbcc;7\n"
               "unit_code,indicator,value\n"
               "GL,ht.wan,1\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 1);
    assert_true(rs->n >= 1);
    assert_int_equal(rs->recs[0].row, 3);
    assert_string_equal(rs->recs[0].field[R_VALUE], "7");
    recs_free(rs);
}

static void header_aliases_match_without_case_spacing_or_diacritics(void **state)
{
    fixture *fx = *state;
    static const char *const unit[] = { "ma_don_vi", NULL };
    static const char *const ind[] = { "ma_chi_tieu", NULL };
    static const char *const val[] = { "gia_tri", NULL };
    static const char *const note[] = { "ghi_chu", NULL };
    eg_colspec spec[N_ROLES];
    recs_seen *rs = &fx->recs;
    int rc;

    write_text(fx, "aliases.csv",
               "MÃ ĐƠN VỊ,Mã  Chỉ_Tiêu, Giá trị ,GHI CHÚ\n"
               "GL.PKU,ht.cbcc,12,\n");
    eg_colspec_set(&spec[R_UNIT], "unit_code", 1, unit);
    eg_colspec_set(&spec[R_INDICATOR], "indicator", 1, ind);
    eg_colspec_set(&spec[R_VALUE], "value", 1, val);
    eg_colspec_set(&spec[R_NOTE], "note", 0, note);
    rc = eg_table_read_csv(fx->path, "aliases.csv", spec, N_ROLES, collect_rec, rs, NULL,
                           "E_NO_HEADER", &fx->dl);
    eg_colspec_free(spec, N_ROLES);
    assert_int_equal(rc, 1);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(rs->n, 1);
    assert_int_equal(rs->recs[0].row, 2);
    assert_string_equal(rs->recs[0].field[R_UNIT], "GL.PKU");
    assert_int_equal(rs->recs[0].col[R_NOTE], 4);
    recs_free(rs);
}

static void decomposed_header_names_are_matched_too(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;

    /* "Mã đơn vị" with a combining tilde and a combining dot below */
    write_text(fx, "nfd.csv",
               "Ma\xCC\x83 \xC4\x91o\xCC\x9Bn vi\xCC\xA3,Mã chỉ tiêu,Số liệu\n"
               "GL,ht.cbcc,3\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 1);
    assert_int_equal(rs->n, 1);
    assert_string_equal(rs->recs[0].field[R_VALUE], "3");
    recs_free(rs);
}

static void no_header_in_the_first_20_rows_returns_0_with_the_given_code(void **state)
{
    fixture *fx = *state;
    char text[2048] = "";
    recs_seen *rs = &fx->recs;
    const eg_diag *d;

    for (int i = 1; i <= 20; i++) {
        char line[64];

        snprintf(line, sizeof line, "Dòng tiêu đề %d,,\n", i);
        strcat(text, line);
    }
    /* a header on row 21 is too late */
    strcat(text, "unit_code,indicator,value\nGL,ht.cbcc,1\n");
    write_text(fx, "late.csv", text);
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 0);
    assert_int_equal(rs->n, 0);
    assert_int_equal(fx->dl.n, 1);
    d = find_diag(&fx->dl, "E_NO_HEADER");
    assert_non_null(d);
    assert_int_equal(d->severity, EG_ERROR);
    assert_string_equal(d->file, "submissions/x.csv");
    assert_non_null(strstr(d->message, "unit_code"));
    assert_non_null(strstr(d->message, "indicator"));
    assert_non_null(strstr(d->message, "value"));
    assert_null(strstr(d->message, "note"));          /* note is optional */
    recs_free(rs);
}

/* A row that names some of the columns: the first such row is said, not
 * a later one naming as many, and its first cell a letter or two off the
 * name it lacks is asked about; a cell further off is not. */
static void the_first_row_naming_most_columns_is_said_with_its_likeliest_slip(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;
    const eg_diag *d;

    write_text(fx, "near.csv",
               "Mã đơn vị,Mã chỉ tiêu,Gia trj,Gia trk\n"
               "Mã đơn vị,Mã chỉ tiêu,Giá trx\n"
               "GL,ht.cbcc,1\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 0);
    d = find_diag(&fx->dl, "E_NO_HEADER");
    assert_non_null(d);
    assert_int_equal(d->row, 1);
    assert_non_null(strstr(d->message, "; dòng 1 có một số cột trên nhưng thiếu cột value "
                                       "(có phải cột 'Gia trj' là cột value không?)"));
    recs_free(rs);
    eg_diag_free(&fx->dl);
    memset(&fx->dl, 0, sizeof fx->dl);

    /* two letters off "value" is two fifths of it; three off "Mã chỉ
     * tiêu" is three */
    write_text(fx, "far.csv", "Mã đơn vị,Mã chỉ tiêu,Vxlxe\nMã đơn vị,Mx cxi tixu,Giá trị\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 0);
    d = find_diag(&fx->dl, "E_NO_HEADER");
    assert_non_null(d);
    assert_int_equal(d->row, 1);
    assert_non_null(strstr(d->message, "; dòng 1 có một số cột trên nhưng thiếu cột value"));
    assert_null(strstr(d->message, "có phải"));
    recs_free(rs);
    eg_diag_free(&fx->dl);
    memset(&fx->dl, 0, sizeof fx->dl);
    /* every column it lacks, and the slip asked about is the first's */
    write_text(fx, "two.csv", "Mã đơn vị,Gia trj\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 0);
    d = find_diag(&fx->dl, "E_NO_HEADER");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "; dòng 1 có một số cột trên nhưng thiếu cột indicator, "
                                       "value"));
    assert_null(strstr(d->message, "có phải"));
    recs_free(rs);
    eg_diag_free(&fx->dl);
    memset(&fx->dl, 0, sizeof fx->dl);
    write_text(fx, "far2.csv", "Mã đơn vị,Mx cxi tixu,Giá trị\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 0);
    d = find_diag(&fx->dl, "E_NO_HEADER");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "; dòng 1 có một số cột trên nhưng thiếu cột indicator"));
    assert_null(strstr(d->message, "có phải"));
    recs_free(rs);
}

static void header_on_row_20_is_still_found(void **state)
{
    fixture *fx = *state;
    char text[2048] = "";
    recs_seen *rs = &fx->recs;

    for (int i = 1; i <= 19; i++)
        strcat(text, "Tiêu đề\n");
    strcat(text, "unit_code,indicator,value\nGL,ht.cbcc,1\n");
    write_text(fx, "row20.csv", text);
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 1);
    assert_int_equal(rs->n, 1);
    assert_int_equal(rs->recs[0].row, 21);
    recs_free(rs);
}

/* Last year's figures beside this year's, both "Số liệu": which is the
 * year's cannot be told, and nothing is read.  A note column twice is no
 * such doubt (the first is read). */
static void a_required_column_named_twice_is_no_header(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;
    const eg_diag *d;

    write_text(fx, "twice.csv", "Tỉnh Gia Lai\nMã đơn vị,Mã chỉ tiêu,Số liệu,Giá trị\nGL,ht.cbcc,92,103\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 0);
    assert_int_equal(rs->n, 0);
    assert_int_equal(fx->dl.n, 1);
    d = find_diag(&fx->dl, "E_NO_HEADER");
    assert_non_null(d);
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 4);
    assert_string_equal(d->message,
                        "dòng tiêu đề có hai cột cùng là cột 'value': cột 3 ('Số liệu') và cột 4 "
                        "('Giá trị'); không có số liệu nào được đọc, vì không xác định được cột "
                        "nào chứa số liệu năm nay: chỉ giữ một cột như vậy (xóa hoặc đổi tên cột "
                        "kia)");
    recs_free(rs);
    eg_diag_free(&fx->dl);
    memset(&fx->dl, 0, sizeof fx->dl);
    write_text(fx, "notes.csv", "unit_code,indicator,value,note,Ghi chú\nGL,ht.cbcc,1,a,b\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 1);
    assert_int_equal(rs->n, 1);
    assert_int_equal(fx->dl.n, 0);
    recs_free(rs);
}

static void file_without_the_value_column_has_no_header(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;

    write_text(fx, "novalue.csv", "unit_code,indicator,note\nGL,ht.cbcc,x\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 0);
    assert_non_null(find_diag(&fx->dl, "E_NO_HEADER"));
    assert_int_equal(rs->n, 0);
}

/* --- encoding ------------------------------------------------------------ */

static void utf8_bom_is_stripped_before_the_header(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;

    write_text(fx, "bom.csv", "\xEF\xBB\xBFunit_code,indicator,value\nGL,ht.cbcc,9\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 1);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(rs->n, 1);
    assert_int_equal(rs->recs[0].row, 2);
    assert_int_equal(rs->recs[0].col[R_UNIT], 1);
    assert_string_equal(rs->recs[0].field[R_UNIT], "GL");
    recs_free(rs);
}

static void utf8_bom_does_not_reach_the_first_field(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    write_text(fx, "bom2.csv", "\xEF\xBB\xBF" "a,b\n");
    assert_int_equal(read_rows(fx, "bom2.csv", ',', rs), 0);
    assert_int_equal(rs->n, 1);
    assert_string_equal(rs->rows[0].f[0], "a");
    rows_free(rs);
}

static void utf16_file_is_read_as_text(void **state)
{
    fixture *fx = *state;
    /* "unit_code<TAB>Ghi chú\nGL<TAB>Việt" in UTF-16, with each BOM */
    static const char le[] = "\xFF\xFEu\0n\0i\0t\0_\0c\0o\0d\0e\0\t\0G\0h\0i\0 \0c\0h\0\xFA\0\n\0"
                             "G\0L\0\t\0V\0i\0\xC7\x1E\x74\0";
    static const char be[] = "\xFE\xFF\0u\0n\0i\0t\0_\0c\0o\0d\0e\0\t\0G\0h\0i\0 \0c\0h\0\xFA\0\n"
                             "\0G\0L\0\t\0V\0i\x1E\xC7\0t";
    rows_seen *rs = &fx->rows;

    write_bytes(fx, "le.txt", le, sizeof le - 1);
    assert_int_equal(eg_csv_read(fx->path, "submissions/le.txt", '\t', NULL, NULL, NULL,
                                 collect_row, rs, NULL, &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);                 /* Unicode: nothing to warn */
    assert_int_equal(rs->n, 2);
    assert_string_equal(rs->rows[0].f[0], "unit_code");   /* no BOM in the field */
    assert_string_equal(rs->rows[0].f[1], "Ghi chú");
    assert_int_equal(rs->rows[1].row, 2);
    assert_string_equal(rs->rows[1].f[1], "Việt");
    rows_free(rs);

    write_bytes(fx, "be.txt", be, sizeof be - 1);
    assert_int_equal(read_rows(fx, "be.txt", '\t', rs), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(rs->n, 2);
    assert_string_equal(rs->rows[0].f[1], "Ghi chú");
    assert_string_equal(rs->rows[1].f[1], "Việt");
    rows_free(rs);
}

static void utf16_tab_separated_table_is_found_by_the_table_reader(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;
    const char *text = "Báo cáo\nunit_code\tindicator\tvalue\tnote\nGL\tht.cbcc\t12\tđã xong\n";
    char raw[512];
    size_t n = 2;

    /* Excel's "Unicode text": UTF-16 LE, tab-separated, with a BOM */
    memcpy(raw, "\xFF\xFE", 2);
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        unsigned cp = *p;
        int k = 1;

        if (cp >= 0xE0) {
            cp = ((cp & 0x0F) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
            k = 3;
        } else if (cp >= 0xC0) {
            cp = ((cp & 0x1F) << 6) | (p[1] & 0x3Fu);
            k = 2;
        }
        raw[n++] = (char)(cp & 0xFF);
        raw[n++] = (char)(cp >> 8);
        p += k;
    }
    write_bytes(fx, "unicode.txt", raw, n);
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 1);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(rs->n, 1);
    assert_int_equal(rs->recs[0].row, 3);
    assert_string_equal(rs->recs[0].field[R_VALUE], "12");
    assert_int_equal(rs->recs[0].col[R_VALUE], 3);
    assert_string_equal(rs->recs[0].field[R_NOTE], "đã xong");
    recs_free(rs);
}

static void a_broken_utf16_character_is_reported_at_its_row_and_column(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;
    const eg_diag *d;
    /* "unit_code<TAB>note\nGL<TAB>A?" in UTF-16 LE, the ? a high
     * surrogate with no low one after it; then a whole row */
    static const char le[] = "\xFF\xFEu\0n\0i\0t\0_\0c\0o\0d\0e\0\t\0n\0o\0t\0e\0\n\0"
                             "G\0L\0\t\0A\0\x00\xD8\n\0G\0L\0\t\0B\0\n\0";

    write_bytes(fx, "le.txt", le, sizeof le - 1);
    assert_int_equal(eg_csv_read(fx->path, "submissions/le.txt", '\t', NULL, NULL, NULL,
                                 collect_row, rs, NULL, &fx->dl), 0);
    assert_int_equal(fx->dl.n, 1);
    d = find_diag(&fx->dl, "E_TEXT_ENCODING");
    assert_non_null(d);
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 2);
    assert_string_equal(d->message, "ô chứa một ký tự UTF-16 bị hỏng; lưu lại tệp dưới dạng "
                                    "\"CSV UTF-8\"");
    /* the rows still arrive, the next one whole */
    assert_int_equal(rs->n, 3);
    assert_string_equal(rs->rows[2].f[1], "B");
    rows_free(rs);
}

static void invalid_utf8_field_is_reported_at_its_row_and_column(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;
    const eg_diag *d;

    /* a UTF-8 file (its letters are UTF-8) with one byte that is not:
     * "Việt" as Windows-1258 would write ê, EA */
    write_text(fx, "cp.csv",
               "unit_code,indicator,value,note\n"
               "GL,ht.cbcc,5,đã kiểm tra\n"
               "GL,ht.wan,1,Vi\xEAt Nam\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 1);
    assert_int_equal(fx->dl.n, 1);
    d = find_diag(&fx->dl, "E_TEXT_ENCODING");
    assert_non_null(d);
    assert_int_equal(d->row, 3);
    assert_int_equal(d->col, 4);
    assert_string_equal(d->file, "submissions/x.csv");
    /* the row still arrives, the bad field empty, the others intact */
    assert_int_equal(rs->n, 2);
    assert_string_equal(rs->recs[1].field[R_NOTE], "");
    assert_string_equal(rs->recs[1].field[R_VALUE], "1");
    assert_string_equal(rs->recs[0].field[R_NOTE], "đã kiểm tra");
    recs_free(rs);
}

static void file_that_is_not_utf8_is_read_as_cp1258_with_a_warning(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;
    const eg_diag *d;

    /* Windows-1258, as Excel on a Vietnamese Windows saves "CSV": the
     * header "Mã đơn vị" with a combining tilde (DE) and dot below (F2) */
    write_text(fx, "cp.csv",
               "Ma\xDE \xF0\xF5n vi\xF2,indicator,value,note\n"
               "GL,ht.cbcc,5,\xF0" "a\xDE ki\xEA\xD2m tra\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 1);
    assert_int_equal(fx->dl.n, 1);
    d = find_diag(&fx->dl, "W_TEXT_CP1258");
    assert_non_null(d);
    assert_int_equal(d->severity, EG_WARNING);
    assert_string_equal(d->file, "submissions/x.csv");
    assert_int_equal(rs->n, 1);
    assert_int_equal(rs->recs[0].row, 2);
    assert_string_equal(rs->recs[0].field[R_UNIT], "GL");
    assert_string_equal(rs->recs[0].field[R_NOTE], "đã kiểm tra");
    recs_free(rs);
}

static void tcvn3_file_is_converted_with_a_warning(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;

    /* .VnTime text: "Mã đơn vị;Mã chỉ tiêu;Giá trị;Ghi chú", then
     * "Sở Thông tin" as a note */
    write_text(fx, "abc.csv",
               "M\xB7 \xAE\xACn v\xDE;M\xB7 ch\xD8 ti\xAAu;Gi\xB8 tr\xDE;Ghi ch\xF3\n"
               "GL;ht.cbcc;5;S\xEB Th\xABng tin\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 1);
    assert_int_equal(fx->dl.n, 1);
    assert_non_null(find_diag(&fx->dl, "W_TEXT_TCVN3"));
    assert_int_equal(rs->n, 1);
    assert_string_equal(rs->recs[0].field[R_VALUE], "5");
    assert_string_equal(rs->recs[0].field[R_NOTE], "Sở Thông tin");
    recs_free(rs);
}

static void vni_file_is_converted_with_a_warning(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;

    write_text(fx, "vni.csv",
               "Ma\xF5 \xF1\xF4n v\xF2,Ma\xF5 ch\xE6 tie\xE2u,Gia\xF9 tr\xF2,Ghi chu\xF9\n"
               "GL,ht.cbcc,5,S\xF4\xFB Tho\xE2ng tin\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 1);
    assert_int_equal(fx->dl.n, 1);
    assert_non_null(find_diag(&fx->dl, "W_TEXT_VNI"));
    assert_int_equal(rs->n, 1);
    assert_string_equal(rs->recs[0].field[R_NOTE], "Sở Thông tin");
    recs_free(rs);
}

static void decomposed_text_is_normalised_to_nfc(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    write_text(fx, "nfd.csv", "Ma\xCC\x83,Nguye\xCC\x82\xCC\x83n\n");
    assert_int_equal(read_rows(fx, "nfd.csv", ',', rs), 0);
    assert_int_equal(rs->n, 1);
    assert_string_equal(rs->rows[0].f[0], "M\xC3\xA3");
    assert_string_equal(rs->rows[0].f[1], "Nguy\xE1\xBB\x85n");
    rows_free(rs);
}

/* --- line ends, quoting and row numbers ---------------------------------- */

static void crlf_line_ends_are_not_part_of_the_fields(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;

    write_text(fx, "crlf.csv",
               "unit_code,indicator,value\r\n"
               "GL,ht.cbcc,12\r\n"
               "\r\n"
               "GL,ht.wan,có\r\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 1);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(rs->n, 3);
    assert_int_equal(rs->recs[0].row, 2);
    assert_string_equal(rs->recs[0].field[R_VALUE], "12");
    assert_int_equal(rs->recs[1].row, 3);                  /* the blank line */
    assert_string_equal(rs->recs[1].field[R_INDICATOR], "");
    assert_int_equal(rs->recs[2].row, 4);
    assert_string_equal(rs->recs[2].field[R_VALUE], "có");
    recs_free(rs);
}

static void quoted_newline_keeps_spreadsheet_row_numbers(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    /* record 2 spans lines 2-3; line 4 is blank and is row 3; "p,q" on
     * line 5 is row 4, as a spreadsheet shows it */
    write_text(fx, "q.csv",
               "a,b\n"
               "\"dòng một\ndòng hai\",z\n"
               "\n"
               "p,q\n");
    assert_int_equal(read_rows(fx, "q.csv", ',', rs), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(rs->n, 4);
    assert_int_equal(rs->rows[0].row, 1);
    assert_int_equal(rs->rows[1].row, 2);
    assert_int_equal(rs->rows[1].n, 2);
    assert_string_equal(rs->rows[1].f[0], "dòng một\ndòng hai");
    assert_string_equal(rs->rows[1].f[1], "z");
    assert_int_equal(rs->rows[2].row, 3);
    assert_true(rs->rows[2].n == 0 || (rs->rows[2].n == 1 && rs->rows[2].f[0][0] == '\0'));
    assert_int_equal(rs->rows[3].row, 4);
    assert_string_equal(rs->rows[3].f[0], "p");
    assert_string_equal(rs->rows[3].f[1], "q");
    rows_free(rs);
}

static void quoted_crlf_newline_keeps_spreadsheet_row_numbers(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    write_text(fx, "q2.csv",
               "a,b\r\n"
               "\"x\r\ny\",z\r\n"
               "\r\n"
               "p,q\r\n");
    assert_int_equal(read_rows(fx, "q2.csv", ',', rs), 0);
    assert_int_equal(rs->n, 4);
    assert_int_equal(rs->rows[1].row, 2);
    assert_string_equal(rs->rows[1].f[0], "x\r\ny");
    assert_int_equal(rs->rows[2].row, 3);
    assert_int_equal(rs->rows[3].row, 4);
    assert_string_equal(rs->rows[3].f[1], "q");
    rows_free(rs);
}

static void record_after_a_quoted_newline_reports_errors_at_its_record_number(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;
    const eg_diag *d;

    write_text(fx, "q3.csv",
               "unit_code,indicator,value,note\n"
               "GL,ht.cbcc,5,\"ghi chú\ntrên hai dòng\"\n"
               "GL,ht.wan,1,Vi\xEAt\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 1);
    assert_int_equal(rs->n, 2);
    assert_int_equal(rs->recs[0].row, 2);
    assert_string_equal(rs->recs[0].field[R_NOTE], "ghi chú\ntrên hai dòng");
    assert_int_equal(rs->recs[1].row, 3);                  /* line 4 in an editor */
    d = find_diag(&fx->dl, "E_TEXT_ENCODING");
    assert_non_null(d);
    assert_int_equal(d->row, 3);
    assert_int_equal(d->col, 4);
    recs_free(rs);
}

static void doubled_quotes_inside_a_quoted_field_are_one_quote(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    write_text(fx, "dq.csv", "\"Ban \"\"Chỉ đạo\"\"\",\"a,b\"\n");
    assert_int_equal(read_rows(fx, "dq.csv", ',', rs), 0);
    assert_int_equal(rs->n, 1);
    assert_int_equal(rs->rows[0].n, 2);
    assert_string_equal(rs->rows[0].f[0], "Ban \"Chỉ đạo\"");
    assert_string_equal(rs->rows[0].f[1], "a,b");
    rows_free(rs);
}

/* Excel's text formula, as a web system's export writes it to keep a
 * code's leading zeros: ="046" and, quoted, "=""046""" are 046, as a
 * spreadsheet shows them; a quoted field holding one keeps it; =5 and an
 * '=' alone are left as they are.  An '=' that is the last byte of a
 * piece read (64 KiB) is judged with the next piece's first. */
static void excels_text_formulas_are_read_as_their_text(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;
    size_t n = 0, cap = 70000;
    char *data = eg_xmalloc(cap);

    write_text(fx, "eq.csv", "=\"GL.STTTT\",\"=\"\"046\"\"\",\"a,=\"\"b\"\"\",=5,=\n"
                             "x, =\"7\",=\"\"\n");
    assert_int_equal(read_rows(fx, "eq.csv", ',', rs), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(rs->n, 2);
    assert_int_equal(rs->rows[0].n, 5);
    assert_string_equal(rs->rows[0].f[0], "GL.STTTT");
    assert_string_equal(rs->rows[0].f[1], "046");
    assert_string_equal(rs->rows[0].f[2], "a,=\"b\"");
    assert_string_equal(rs->rows[0].f[3], "=5");
    assert_string_equal(rs->rows[0].f[4], "=");
    assert_string_equal(rs->rows[1].f[1], "7");
    assert_string_equal(rs->rows[1].f[2], "");
    rows_free(rs);

    /* the '=' of ="046" the first piece's last byte, and the file's last
     * byte an '=' alone */
    n += (size_t)snprintf(data + n, cap - n, "a,b\nxx,y\n");
    while (n < 65535 - 2)
        n += (size_t)snprintf(data + n, cap - n, "x,y\n");
    assert_int_equal(n, 65535 - 2);
    n += (size_t)snprintf(data + n, cap - n, "p,=\"046\"\nq,=");
    assert_int_equal(data[65535], '=');
    write_bytes(fx, "eq2.csv", data, n);
    assert_int_equal(read_rows(fx, "eq2.csv", ',', rs), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_string_equal(rs->rows[rs->n - 2].f[0], "p");
    assert_string_equal(rs->rows[rs->n - 2].f[1], "046");
    assert_string_equal(rs->rows[rs->n - 1].f[1], "=");
    rows_free(rs);
    free(data);
}

/* The '=' of a text formula is dropped where libcsv trims before a
 * field: a tab in a file of commas ("x,<tab>=\"046\"") was E_CSV_SYNTAX,
 * and the rest of the file went unread. */
static void a_text_formula_after_a_tab_is_read_as_its_text(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    write_text(fx, "tab.csv", "a,b\nx,\t=\"046\"\ny,z\n");
    assert_int_equal(read_rows(fx, "tab.csv", ',', rs), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(rs->n, 3);
    assert_string_equal(rs->rows[1].f[1], "046");
    assert_string_equal(rs->rows[2].f[1], "z");
    rows_free(rs);
}

/* The delimiter is looked for in rows read as the file is, its text
 * formulas' '=' dropped: a header (or a title above it) written
 * ="Mã đơn vị", as a web system's export writes every text, was no
 * header (E_NO_HEADER), the probe stopping at the quote after an '='. */
static void a_header_written_as_text_formulas_is_found(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;

    assert_int_equal(read_table(fx, write_text(fx, "head.csv",
                                               "=\"Báo cáo năm 2021\"\n"
                                               "=\"Mã đơn vị\";=\"Mã chỉ tiêu\";=\"Giá trị\"\n"
                                               "=\"GL.PTH\";ht.cbcc;120\n"),
                                rs, NULL), 1);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(rs->n, 1);
    assert_int_equal(rs->recs[0].row, 3);
    assert_string_equal(rs->recs[0].field[R_UNIT], "GL.PTH");
    assert_string_equal(rs->recs[0].field[R_VALUE], "120");
    recs_free(rs);
}

static void tab_delimiter_keeps_empty_cells_between_tabs(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    write_text(fx, "tab.txt", "a\t\t\tb\n\tx\t\n");
    assert_int_equal(read_rows(fx, "tab.txt", '\t', rs), 0);
    assert_int_equal(rs->n, 2);
    assert_int_equal(rs->rows[0].n, 4);
    assert_string_equal(rs->rows[0].f[0], "a");
    assert_string_equal(rs->rows[0].f[1], "");
    assert_string_equal(rs->rows[0].f[2], "");
    assert_string_equal(rs->rows[0].f[3], "b");
    assert_int_equal(rs->rows[1].n, 3);
    assert_string_equal(rs->rows[1].f[0], "");
    assert_string_equal(rs->rows[1].f[1], "x");
    assert_string_equal(rs->rows[1].f[2], "");
    rows_free(rs);
}

static void tab_table_keeps_columns_in_place_across_an_empty_cell(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;

    write_text(fx, "tab.txt",
               "unit_code\tindicator\tnote\tvalue\n"
               " GL \tht.cbcc\t\t 5 \n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 1);
    assert_int_equal(rs->n, 1);
    assert_string_equal(rs->recs[0].field[R_UNIT], "GL");       /* spaces trimmed */
    assert_string_equal(rs->recs[0].field[R_NOTE], "");
    assert_string_equal(rs->recs[0].field[R_VALUE], "5");
    assert_int_equal(rs->recs[0].col[R_VALUE], 4);
    recs_free(rs);
}

static void short_row_gives_empty_fields_for_missing_cells(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;

    write_text(fx, "short.csv", "unit_code,indicator,value,note\nGL,ht.cbcc\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 1);
    assert_int_equal(rs->n, 1);
    assert_string_equal(rs->recs[0].field[R_VALUE], "");
    assert_string_equal(rs->recs[0].field[R_NOTE], "");
    assert_int_equal(rs->recs[0].col[R_VALUE], 3);
    recs_free(rs);
}

/* --- a unit's name standing in for its code ------------------------------ */

typedef struct {
    long row[4];
    char unit[4][32], name[4][64];
    int unit_col[4], name_col[4];
    size_t n;
} named_seen;

static int collect_named(void *ctx, const eg_record *rec)
{
    named_seen *ns = ctx;

    if (ns->n < 4) {
        ns->row[ns->n] = rec->row;
        snprintf(ns->unit[ns->n], sizeof ns->unit[0], "%s", rec->field[R_UNIT]);
        snprintf(ns->name[ns->n], sizeof ns->name[0], "%s", rec->field[N_ROLES]);
        ns->unit_col[ns->n] = rec->col[R_UNIT];
        ns->name_col[ns->n] = rec->col[N_ROLES];
        ns->n++;
    }
    return 0;
}

/* The four roles and a fifth, unit_name, that may stand in for unit_code. */
static int read_named(fixture *fx, const char *text, named_seen *ns)
{
    static const char *const name[] = { "unit_name", "ten_don_vi", "Tên đơn vị", NULL };
    eg_colspec spec[N_ROLES + 1];
    int rc;

    submission_spec(spec);
    eg_colspec_set(&spec[N_ROLES], "unit_name", 0, name);
    spec[R_UNIT].stand_in = N_ROLES + 1;
    write_text(fx, "named.csv", text);
    rc = eg_table_read_csv(fx->path, "submissions/named.csv", spec, N_ROLES + 1, collect_named,
                           ns, NULL, "E_NO_HEADER", &fx->dl);
    eg_colspec_free(spec, N_ROLES + 1);
    return rc;
}

static void unit_name_column_stands_in_for_a_missing_unit_code_column(void **state)
{
    fixture *fx = *state;
    named_seen ns = { 0 };

    assert_int_equal(read_named(fx, "STT,Tên đơn vị,Mã chỉ tiêu,Giá trị\n"
                                    "1,Xã Ia Dreng,ht.cbcc,12\n", &ns), 1);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(ns.n, 1);
    assert_int_equal(ns.row[0], 2);
    assert_string_equal(ns.unit[0], "");
    assert_int_equal(ns.unit_col[0], 0);           /* no such column */
    assert_string_equal(ns.name[0], "Xã Ia Dreng");
    assert_int_equal(ns.name_col[0], 2);
}

static void unit_code_and_name_columns_are_both_delivered(void **state)
{
    fixture *fx = *state;
    named_seen ns = { 0 };

    assert_int_equal(read_named(fx, "ma_don_vi,ten_don_vi,indicator,value\n"
                                    "GL.CPU.01,Xã Ia Dreng,ht.cbcc,12\n", &ns), 1);
    assert_int_equal(ns.n, 1);
    assert_string_equal(ns.unit[0], "GL.CPU.01");
    assert_int_equal(ns.unit_col[0], 1);
    assert_string_equal(ns.name[0], "Xã Ia Dreng");
}

static void header_without_unit_code_or_name_is_no_header(void **state)
{
    fixture *fx = *state;
    named_seen ns = { 0 };
    const eg_diag *d;

    assert_int_equal(read_named(fx, "STT,Mã chỉ tiêu,Giá trị\n1,ht.cbcc,12\n", &ns), 0);
    assert_int_equal(ns.n, 0);
    d = find_diag(&fx->dl, "E_NO_HEADER");
    assert_non_null(d);
    assert_non_null(strstr(d->message, "unit_code (hoặc unit_name)"));
}

/* --- broken files -------------------------------------------------------- */

static void unterminated_quote_is_an_error_at_its_row(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;
    const eg_diag *d;

    write_text(fx, "open.csv",
               "unit_code,indicator,value\n"
               "GL,ht.wan,1\n"
               "GL,ht.cbcc,\"12\n"
               "GL,ht.wan,1\n");
    assert_int_equal(read_rows(fx, "open.csv", ',', rs), -1);
    d = find_diag(&fx->dl, "E_CSV_SYNTAX");
    if (!d)
        d = find_diag(&fx->dl, "E_CSV_FIELD_TOO_LONG");
    assert_non_null(d);
    assert_int_equal(d->severity, EG_ERROR);
    assert_int_equal(d->row, 3);
    assert_string_equal(d->file, "open.csv");
    /* the rows before it were delivered */
    assert_true(rs->n >= 2);
    assert_int_equal(rs->rows[1].row, 2);
    assert_string_equal(rs->rows[1].f[1], "ht.wan");
    rows_free(rs);
}

static void unterminated_quote_makes_the_table_read_fail(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;

    write_text(fx, "open.csv", "unit_code,indicator,value\nGL,ht.cbcc,\"12\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), -1);
    assert_true(find_diag(&fx->dl, "E_CSV_SYNTAX") || find_diag(&fx->dl, "E_CSV_FIELD_TOO_LONG"));
    recs_free(rs);
}

static void stray_quote_inside_an_unquoted_field_is_a_syntax_error(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;
    const eg_diag *d;

    write_text(fx, "stray.csv", "a,b\nx,\"q\"r,z\n");
    assert_int_equal(read_rows(fx, "stray.csv", ',', rs), 0);     /* read to its end */
    d = find_diag(&fx->dl, "E_CSV_SYNTAX");
    assert_non_null(d);
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 2);
    rows_free(rs);
}

static void field_over_the_cap_is_refused(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_field = 16 };
    char text[1024];
    rows_seen *rs = &fx->rows;
    const eg_diag *d;

    memset(text, 'x', sizeof text);
    memcpy(text, "a,b\nGL,", 7);
    strcpy(text + 7 + 600, ",z\nGL,ok,z\n");
    write_text(fx, "long.csv", text);
    assert_int_equal(eg_csv_read(fx->path, "long.csv", ',', NULL, NULL, NULL, collect_row, rs,
                                 &lim, &fx->dl), -1);
    d = find_diag(&fx->dl, "E_CSV_FIELD_TOO_LONG");
    assert_non_null(d);
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 2);
    assert_non_null(strstr(d->message, "16"));
    assert_int_equal(rs->n, 1);                    /* only the row before it */
    rows_free(rs);
}

/* A limit in a message is written as the reader of the list writes
 * numbers: 10.000 for the clerk, 10000 for the operator. */
static void a_limit_is_written_for_its_reader(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_field = 10000 };
    static char text[12000];
    rows_seen *rs = &fx->rows;

    memset(text, 'x', sizeof text - 1);
    memcpy(text, "a,b\nGL,", 7);
    write_text(fx, "long.csv", text);
    assert_int_equal(eg_csv_read(fx->path, "long.csv", ',', NULL, NULL, NULL, collect_row, rs,
                                 &lim, &fx->dl), -1);
    assert_non_null(strstr(find_diag(&fx->dl, "E_CSV_FIELD_TOO_LONG")->message,
                           "ô dài hơn 10.000 byte"));
    eg_diag_free(&fx->dl);
    fx->dl = (eg_diag_list){ .english = 1 };
    assert_int_equal(eg_csv_read(fx->path, "long.csv", ',', NULL, NULL, NULL, collect_row, rs,
                                 &lim, &fx->dl), -1);
    assert_non_null(strstr(find_diag(&fx->dl, "E_CSV_FIELD_TOO_LONG")->message,
                           "field longer than 10000 bytes"));
}

static void field_one_byte_over_the_cap_is_refused(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_field = 16 };
    rows_seen *rs = &fx->rows;

    /* 16 bytes pass, 17 do not */
    write_text(fx, "edge.csv", "0123456789abcdef,x\n");
    assert_int_equal(eg_csv_read(fx->path, "edge.csv", ',', NULL, NULL, NULL, collect_row, rs,
                                 &lim, &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(rs->n, 1);
    assert_string_equal(rs->rows[0].f[0], "0123456789abcdef");
    rows_free(rs);

    write_text(fx, "edge.csv", "ok,x\nGL,0123456789abcdefg,x\n");
    assert_int_equal(eg_csv_read(fx->path, "edge.csv", ',', NULL, NULL, NULL, collect_row, rs,
                                 &lim, &fx->dl), -1);
    assert_non_null(find_diag(&fx->dl, "E_CSV_FIELD_TOO_LONG"));
    assert_int_equal(find_diag(&fx->dl, "E_CSV_FIELD_TOO_LONG")->row, 2);
    assert_int_equal(find_diag(&fx->dl, "E_CSV_FIELD_TOO_LONG")->col, 2);
    assert_int_equal(rs->n, 1);
    rows_free(rs);
}

static void row_wider_than_the_cap_stops_the_file(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_fields = 4 };
    rows_seen *rs = &fx->rows;
    const eg_diag *d;

    write_text(fx, "wide.csv", "a,b\n1,2,3,4,5,6\nc,d\n");
    assert_int_equal(eg_csv_read(fx->path, "wide.csv", ',', NULL, NULL, NULL, collect_row, rs,
                                 &lim, &fx->dl), -1);
    d = find_diag(&fx->dl, "E_FILE_TOO_WIDE");
    assert_non_null(d);
    assert_int_equal(d->row, 2);
    assert_int_equal(rs->n, 1);
    rows_free(rs);
}

static void missing_file_is_a_read_error(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;
    char path[160];

    snprintf(path, sizeof path, "%s/none.csv", fx->dir);
    assert_int_equal(eg_csv_read(path, "none.csv", ',', NULL, NULL, NULL, collect_row, rs,
                                 NULL, &fx->dl), -1);
    assert_non_null(find_diag(&fx->dl, "E_FILE_READ"));
    assert_int_equal(rs->n, 0);
}

static void consumer_can_stop_the_reading(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    rs->stop_after = 2;
    write_text(fx, "stop.csv", "a\nb\nc\nd\n");
    assert_int_equal(read_rows(fx, "stop.csv", ',', rs), 0);
    assert_int_equal(rs->n, 2);
    assert_string_equal(rs->rows[1].f[0], "b");
    rows_free(rs);
}

static void last_line_without_a_newline_is_a_row(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    write_text(fx, "tail.csv", "a,b\nc,d");
    assert_int_equal(read_rows(fx, "tail.csv", ',', rs), 0);
    assert_int_equal(rs->n, 2);
    assert_int_equal(rs->rows[1].row, 2);
    assert_string_equal(rs->rows[1].f[1], "d");
    rows_free(rs);
}

/* A file of a title and a header alone, its last line without a line
 * break: the probe reads to the file's end, and finds the header there. */
static void a_header_on_the_last_line_without_a_newline_is_found(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;
    int found = -1;

    write_text(fx, "head.csv", "Tiêu đề\nunit_code;indicator;value");
    assert_int_equal(eg_csv_read(fx->path, "head.csv", 0, probe_three, NULL, &found,
                                 collect_row, rs, NULL, &fx->dl), 0);
    assert_int_equal(found, ';');
    assert_int_equal(rs->n, 2);
    assert_string_equal(rs->rows[1].f[2], "value");
    assert_int_equal(fx->dl.n, 0);
}

/* Spaces inside a quoted field, and a no-break space at either end of one
 * (a copy from a web page), are no part of its value. */
static void spaces_in_quotes_and_no_break_spaces_are_trimmed(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    write_text(fx, "sp.csv", "\"  GL.STTTT  \",\xc2\xa0" "12\xc2\xa0,\" a b \"\n");
    assert_int_equal(read_rows(fx, "sp.csv", ',', rs), 0);
    assert_int_equal(rs->n, 1);
    assert_string_equal(rs->rows[0].f[0], "GL.STTTT");
    assert_string_equal(rs->rows[0].f[1], "12");
    assert_string_equal(rs->rows[0].f[2], "a b");
}

/* A quoted field of an '=' and one quote is no text formula: it is kept
 * as it is, as are "=" and "=""" followed by more. */
static void an_equals_sign_and_a_lone_quote_are_kept(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    write_text(fx, "eq.csv", "\"=\"\"\",\"=\",\"=\"\"a\"\n");
    assert_int_equal(read_rows(fx, "eq.csv", ',', rs), 0);
    assert_int_equal(rs->n, 1);
    assert_string_equal(rs->rows[0].f[0], "=\"");
    assert_string_equal(rs->rows[0].f[1], "=");
    assert_string_equal(rs->rows[0].f[2], "=\"a");
}

/* Line ends mixed in one file: a row ended by a lone CR, the next by a
 * LF: both are rows, numbered in turn. */
static void a_row_ended_by_a_line_feed_after_a_lone_cr_is_read(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    write_text(fx, "mix.csv", "a,1\rb,2\nc,3\r\n");
    assert_int_equal(read_rows(fx, "mix.csv", ',', rs), 0);
    assert_int_equal(rs->n, 3);
    assert_string_equal(rs->rows[1].f[0], "b");
    assert_int_equal(rs->rows[1].row, 2);
    assert_string_equal(rs->rows[2].f[1], "3");
    assert_int_equal(rs->rows[2].row, 3);
}

/* Once the consumer has stopped the reading, a quote left open further
 * down is none of its business: no error, and the reading succeeded. */
static void an_unclosed_quote_after_the_consumer_stopped_is_not_said(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    rs->stop_after = 1;
    write_text(fx, "open.csv", "a,1\nb,2\n\"c,3\n");
    assert_int_equal(read_rows(fx, "open.csv", ',', rs), 0);
    assert_int_equal(rs->n, 1);
    assert_int_equal(fx->dl.n, 0);
}

/* A string literal's bytes and their number, its final NUL left out. */
#define LIT(s) (const unsigned char *)(s), sizeof(s) - 1

static void a_workbook_pdf_or_image_is_told_from_text_by_its_first_bytes(void **state)
{
    static const unsigned char utf16[] = { 0xFF, 0xFE, 'u', 0, 'n', 0, 'i', 0, 't', 0 };
    static const unsigned char cp1258[] = "M\xe3 \xf0\xf5n v\xf2,M\xe3 ch\xec ti\xeau\n";
    char buf[320];
    const char *m;

    (void)state;
    /* text in each encoding a submission may have, and a stub: no word */
    assert_null(eg_csv_not_text(LIT("unit_code,indicator,value\n"), ".csv",
                                buf, sizeof buf));
    assert_null(eg_csv_not_text(utf16, sizeof utf16, ".csv", buf, sizeof buf));
    assert_null(eg_csv_not_text(cp1258, sizeof cp1258 - 1, ".csv", buf, sizeof buf));
    assert_null(eg_csv_not_text(LIT("PK\x03"), ".csv", buf, sizeof buf));
    assert_null(eg_csv_not_text(LIT("%PDF-x,1\n"), ".csv", buf, sizeof buf));
    assert_null(eg_csv_not_text(LIT("%PDF-,1\n"), ".csv", buf, sizeof buf));
    assert_null(eg_csv_not_text(LIT(""), ".csv", buf, sizeof buf));

    m = eg_csv_not_text(LIT("PK\x03\x04\x14\0\0\0[Content_Types].xml"), ".csv", buf,
                        sizeof buf);
    assert_non_null(strstr(m, "bảng tính Excel (.xlsx), nhưng mang đuôi .csv: đổi đuôi tệp thành .xlsx"));
    m = eg_csv_not_text(LIT("PK\x03\x04\x14\0\0\0mimetypeapplication/"
                            "vnd.oasis.opendocument.spreadsheet"), ".txt", buf, sizeof buf);
    assert_non_null(strstr(m, "bảng tính OpenDocument (.ods) nhưng mang đuôi .txt"));
    m = eg_csv_not_text(LIT("PK\x03\x04\x14\0\0\0mimetypeapplication/"
                            "vnd.oasis.opendocument.text"), ".csv", buf, sizeof buf);
    assert_non_null(strstr(m, "tài liệu OpenDocument nhưng mang đuôi .csv"));
    m = eg_csv_not_text(LIT("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0"), ".CSV", buf, sizeof buf);
    assert_non_null(strstr(m, "bảng tính Excel 97-2003 (.xls) hoặc bảng tính có đặt mật "
                              "khẩu, nhưng mang đuôi .CSV: đổi đuôi tệp thành .xls"));
    m = eg_csv_not_text(LIT("%PDF-1.4\n"), ".csv", buf, sizeof buf);
    assert_non_null(strstr(m, "tài liệu PDF nhưng mang đuôi .csv"));
    m = eg_csv_not_text(LIT("\x89PNG\r\n\x1a\n"), ".csv", buf, sizeof buf);
    assert_non_null(strstr(m, "ảnh PNG"));
}

/* A quote opened and never closed: libcsv would take the rest of the
 * file into the field, up to its end, and call it a syntax error there;
 * the field's cap stops it at the cap, and says so. */
static void unclosed_quote_in_a_long_file_stops_at_the_field_cap(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_field = 16 };
    static char text[8192];
    rows_seen *rs = &fx->rows;
    const eg_diag *d;
    size_t n = 0;

    n += (size_t)snprintf(text + n, sizeof text - n, "a,b\nGL,1\nGL,\"12\n");
    while (n < sizeof text - 16)
        n += (size_t)snprintf(text + n, sizeof text - n, "GL,1\n");
    write_bytes(fx, "open.csv", text, n);
    assert_int_equal(eg_csv_read(fx->path, "open.csv", ',', NULL, NULL, NULL, collect_row, rs,
                                 &lim, &fx->dl), -1);
    assert_null(find_diag(&fx->dl, "E_CSV_SYNTAX"));
    d = find_diag(&fx->dl, "E_CSV_FIELD_TOO_LONG");
    assert_non_null(d);
    assert_int_equal(d->row, 3);
    assert_int_equal(d->col, 2);
    assert_string_equal(d->file, "open.csv");
    assert_non_null(strstr(d->message, "ô dài hơn 16 byte (thiếu dấu ngoặc kép đóng?)"));
    assert_int_equal(rs->n, 2);
    rows_free(rs);
}

/* max_fields fields pass; the one after them is refused at its column,
 * once, and nothing is said of the fields and rows after it. */
static void row_of_as_many_fields_as_the_cap_is_read_one_more_is_not(void **state)
{
    fixture *fx = *state;
    static const char wide[] = "a,b,c,d\n1,2,3,4,5,6\nc,\0\n";
    eg_limits lim = { .max_fields = 4 };
    rows_seen *rs = &fx->rows;
    const eg_diag *d;

    write_bytes(fx, "wide.csv", wide, sizeof wide - 1);
    assert_int_equal(eg_csv_read(fx->path, "wide.csv", ',', NULL, NULL, NULL, collect_row, rs,
                                 &lim, &fx->dl), -1);
    assert_int_equal(rs->n, 1);
    assert_int_equal(rs->rows[0].n, 4);
    assert_string_equal(rs->rows[0].f[3], "d");
    assert_int_equal(fx->dl.n, 1);             /* nothing of what is not read */
    d = find_diag(&fx->dl, "E_FILE_TOO_WIDE");
    assert_non_null(d);
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 5);
    assert_non_null(strstr(d->message, "dòng có hơn 4 ô"));
    rows_free(rs);
}

/* Inside a quoted field, a doubled quote then the delimiter and ="
 * are the field's own text: no text formula's '=' to drop there. */
static void an_equals_sign_after_a_doubled_quote_stays_in_its_quoted_field(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    write_text(fx, "dq.csv", "a,b\n\"x\"\",=\"\"y\"\"\",z\n");
    assert_int_equal(read_rows(fx, "dq.csv", ',', rs), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(rs->n, 2);
    assert_int_equal(rs->rows[1].n, 2);
    assert_string_equal(rs->rows[1].f[0], "x\",=\"y\"");
    assert_string_equal(rs->rows[1].f[1], "z");
    rows_free(rs);
}

/* ="c" right after a closed quoted field is no text formula of its own
 * but text after a closing quote: malformed quoting, at its field. */
static void a_formula_right_after_a_closing_quote_is_a_syntax_error(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;
    const eg_diag *d;

    write_text(fx, "after.csv", "a,b\n\"p\",\"q\"=\"r\"\ns,t\n");
    assert_int_equal(read_rows(fx, "after.csv", ',', rs), 0);
    d = find_diag(&fx->dl, "E_CSV_SYNTAX");
    assert_non_null(d);
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 2);
    /* the row is handed on refused, its first field read, its second
     * not; the one after it is read */
    assert_int_equal(rs->n, 3);
    assert_int_equal(rs->rows[1].row, 2);
    assert_int_equal(rs->rows[1].broken_col, 2);
    assert_string_equal(rs->rows[1].f[0], "p");
    assert_true(rs->rows[1].unread[1]);
    assert_int_equal(rs->rows[2].row, 3);
    assert_int_equal(rs->rows[2].broken_col, 0);
    assert_string_equal(rs->rows[2].f[0], "s");
    rows_free(rs);
}

/* The codes of fx->dl's problems with their rows and columns, one a line
 * ("E_CSV_SYNTAX 2:3"). */
static char *said_at(const fixture *fx)
{
    size_t size = 1;
    char *out = eg_xcalloc(1, 1), line[96];

    for (size_t i = 0; i < fx->dl.n; i++) {
        const eg_diag *d = &fx->dl.items[i];

        snprintf(line, sizeof line, "%s %ld:%d\n", d->code, d->row, d->col);
        out = eg_xrealloc(out, size + strlen(line));
        strcat(out, line);
        size += strlen(line);
    }
    return out;
}

/* The rows delivered, "row:field|field" one a line; a field not read
 * is "~", and a row whose quoting was refused ends with the column
 * refused, "(2)". */
static char *rows_read(const rows_seen *rs)
{
    size_t size = 1;
    char *out = eg_xcalloc(1, 1), line[256];

    for (size_t i = 0; i < rs->n; i++) {
        int w = snprintf(line, sizeof line, "%ld:", rs->rows[i].row);

        for (size_t k = 0; k < rs->rows[i].n && w < (int)sizeof line; k++)
            w += snprintf(line + w, sizeof line - (size_t)w, "%s%.40s", k ? "|" : "",
                          rs->rows[i].unread[k] ? "~" : rs->rows[i].f[k]);
        if (rs->rows[i].broken_col && w < (int)sizeof line)
            snprintf(line + w, sizeof line - (size_t)w, " (%d)", rs->rows[i].broken_col);
        out = eg_xrealloc(out, size + strlen(line) + 1);
        strcat(out, line);
        strcat(out, "\n");
        size += strlen(line) + 1;
    }
    return out;
}

/* Reads text as name (its delimiter given, caps lim or the defaults)
 * and checks what eg_csv_read returned, what was said and what rows
 * came. */
static void expect_read(fixture *fx, const char *name, const char *text, int sep,
                        const eg_limits *lim, int want_rc, const char *want_said,
                        const char *want_rows)
{
    rows_seen rs = { 0 };
    char *got_said, *got_rows;
    int rc;

    write_text(fx, name, text);
    eg_diag_free(&fx->dl);
    fx->dl = (eg_diag_list){ 0 };
    rc = eg_csv_read(fx->path, name, sep, NULL, NULL, NULL, collect_row, &rs, lim, &fx->dl);
    got_said = said_at(fx);
    got_rows = rows_read(&rs);
    if (rc != want_rc || strcmp(got_said, want_said) != 0 || strcmp(got_rows, want_rows) != 0)
        fail_msg("%s: returned %d, not %d; said\n%snot\n%sand read\n%snot\n%s", name, rc,
                 want_rc, got_said, want_said, got_rows, want_rows);
    free(got_said);
    free(got_rows);
    rows_free(&rs);
}

/* A record whose quoting libcsv refuses costs that row alone: it is read
 * to its end as a spreadsheet program splits it (a quote past a field's
 * first byte is a letter, one that begins a field opens it, and the line
 * breaks inside it are no row's end), its refused field unread, and the
 * rows after it are read with their spreadsheet numbers.  The reading
 * went to the end: 0.  Until 2026-12-07 the rest of the file went
 * unread. */
static void a_row_with_malformed_quoting_costs_that_row_alone(void **state)
{
    fixture *fx = *state;

    /* a quote inside a bare field, text after a closing quote */
    expect_read(fx, "stray.csv", "a,b,c\nx,4\"5,z\ny,\"q\"r,\"z\"\"\"\ns,t,u\n", ',', NULL, 0,
                "E_CSV_SYNTAX 2:2\nE_CSV_SYNTAX 3:2\n",
                "1:a|b|c\n2:x|~|z (2)\n3:y|~|z\" (2)\n4:s|t|u\n");
    /* CRLF: the refused row's '\n' is no empty row */
    expect_read(fx, "crlf.csv", "a,b\r\nx,4\"5\r\ns,t\r\n", ',', NULL, 0, "E_CSV_SYNTAX 2:2\n",
                "1:a|b\n2:x|~ (2)\n3:s|t\n");
    /* the last row, without a line break, after a refused one */
    expect_read(fx, "last.csv", "a,b\nx,4\"5\ns,t", ',', NULL, 0, "E_CSV_SYNTAX 2:2\n",
                "1:a|b\n2:x|~ (2)\n3:s|t\n");
    /* a refused row as the file's last, without a line break */
    expect_read(fx, "end.csv", "a,b\ns,t\nx,4\"5", ',', NULL, 0, "E_CSV_SYNTAX 3:2\n",
                "1:a|b\n2:s|t\n3:x|~ (2)\n");
    /* a quote never closed: the row up to it, as a refused one */
    expect_read(fx, "open.csv", "a,b,c\ns,\"t,u\nv,w,x\n", ',', NULL, -1, "E_CSV_SYNTAX 2:2\n",
                "1:a|b|c\n2:s|~ (2)\n");
    /* a row past 64 KiB read over the reader's pieces: the row after it
     * is read */
    {
        size_t n = 200000, at;
        char *text = eg_xmalloc(n + 32);

        strcpy(text, "a,b\nx,4\"");
        at = strlen(text);
        memset(text + at, 'y', n);
        strcpy(text + at + n, "\ns,t\n");
        expect_read(fx, "long.csv", text, ',', NULL, 0, "E_CSV_SYNTAX 2:2\n",
                    "1:a|b\n2:x|~ (2)\n3:s|t\n");
        free(text);
    }
}

/* The rest of a refused row may hold a quoted field over several lines:
 * one row to a spreadsheet program, and so here, but those lines are no
 * rows, and that is said at the field where the quote opens (a clerk's
 * stray quote there took rows B and C); a quote there never closed takes
 * the file, and is said so.  The field cap holds there as in any row. */
static void the_rest_of_a_refused_row_is_split_as_a_spreadsheet_splits_it(void **state)
{
    fixture *fx = *state;
    eg_limits small = { .max_field = 64 };
    char text[256];

    expect_read(fx, "took.csv", "a,b,c\nA,x,4\"5,\"note\nB,y,6,\r\nC,z,7,\"ok\"\nD,w,8\n", ',',
                NULL, 0, "E_CSV_SYNTAX 2:3\nE_CSV_SYNTAX 2:4\n",
                "1:a|b|c\n2:A|x|~|note\nB,y,6,\r\nC,z,7,ok\" (3)\n3:D|w|8\n");
    assert_non_null(strstr(fx->dl.items[1].message, "chỉ đóng sau 2 lần xuống dòng"));
    /* ';': the field of the quote left open is counted by them */
    expect_read(fx, "semi.csv", "a;b;c\nx;4\"5;z;\"open\ns;t;u\n", ';', NULL, -1,
                "E_CSV_SYNTAX 2:2\nE_CSV_SYNTAX 2:4\n", "1:a|b|c\n2:x|~|z| (2)\n");
    /* past the cap, in the refused field or in a field after it */
    snprintf(text, sizeof text, "a,b\nx,4\"%0100d\ns,t\n", 0);
    expect_read(fx, "cap1.csv", text, ',', &small, -1,
                "E_CSV_SYNTAX 2:2\nE_CSV_FIELD_TOO_LONG 2:2\n", "1:a|b\n");
    snprintf(text, sizeof text, "a,b\nx,4\"5,\"%0100d\"\ns,t\n", 0);
    expect_read(fx, "cap2.csv", text, ',', &small, -1,
                "E_CSV_SYNTAX 2:2\nE_CSV_FIELD_TOO_LONG 2:3\n", "1:a|b\n");
    /* as many fields as the cap: read; one more stops the file as a
     * sound row does */
    small = (eg_limits){ .max_fields = 3 };
    expect_read(fx, "wide0.csv", "a,b,c\nA,x\"y,1\nB,2\n", ',', &small, 0, "E_CSV_SYNTAX 2:2\n",
                "1:a|b|c\n2:A|~|1 (2)\n3:B|2\n");
    expect_read(fx, "wide1.csv", "a,b,c\nA,x\"y,1,2,3\nB,2\n", ',', &small, -1,
                "E_CSV_SYNTAX 2:2\nE_FILE_TOO_WIDE 2:4\n", "1:a|b|c\n");
    expect_read(fx, "wide2.csv", "a,b,c\nA,x,y,4\"5\nB,2\n", ',', &small, -1,
                "E_CSV_SYNTAX 2:4\nE_FILE_TOO_WIDE 2:4\n", "1:a|b|c\n");
}

/* What the clerk reads of a skipped row, and of a quote never closed. */
static void malformed_quoting_is_said_in_the_clerks_words(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    write_text(fx, "q.csv", "a,b\nx,4\"5\ns,\"t\n");
    assert_int_equal(read_rows(fx, "q.csv", ',', rs), -1);
    assert_int_equal(fx->dl.n, 2);
    assert_int_equal(fx->dl.items[0].row, 2);
    assert_int_equal(fx->dl.items[0].col, 2);
    assert_string_equal(fx->dl.items[0].message,
                        "dấu ngoặc kép đặt sai (lỗi cú pháp CSV); ô có chứa dấu ngoặc kép, dấu "
                        "phân cách hoặc dấu xuống dòng phải được đặt trong dấu ngoặc kép, và mỗi "
                        "dấu ngoặc kép bên trong ô phải được gõ thành hai dấu (\"\"); giá trị của "
                        "dòng này không được tính");
    assert_int_equal(fx->dl.items[1].row, 3);
    assert_int_equal(fx->dl.items[1].col, 2);
    assert_string_equal(fx->dl.items[1].message,
                        "ô mở bằng dấu ngoặc kép nhưng không có dấu ngoặc kép đóng: từ ô này "
                        "đến hết tệp không được đọc; đóng dấu ngoặc kép ở cuối ô, và mỗi dấu "
                        "ngoặc kép bên trong ô phải được gõ thành hai dấu (\"\")");
    assert_int_equal(rs->n, 3);
}

/* A title with a stray quote above the header: the header is found
 * below it (the delimiter's search skips the row as the reading does),
 * and the rows are read; the title's row is said. */
static void a_title_with_a_stray_quote_does_not_hide_the_header(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;
    const eg_diag *d;

    write_text(fx, "title.csv",
               "BÁO CÁO \"CHÍNH PHỦ ĐIỆN TỬ\" 2020\n"
               "unit_code;indicator;value\n"
               "GL;ht.cbcc;12\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 1);
    assert_null(find_diag(&fx->dl, "E_NO_HEADER"));
    d = find_diag(&fx->dl, "E_CSV_SYNTAX");
    assert_non_null(d);
    assert_int_equal(d->row, 1);
    assert_int_equal(d->col, 1);
    assert_int_equal(rs->n, 1);
    assert_int_equal(rs->recs[0].row, 3);
    assert_string_equal(rs->recs[0].field[R_VALUE], "12");
}

/* Lines ended by CR alone (old Mac files): a text formula that begins a
 * line is read as its text too. */
static void a_text_formula_after_a_lone_cr_is_read_as_its_text(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    write_text(fx, "cr.csv", "a,b\r=\"046\",x\r=\"GL\",y\r");
    assert_int_equal(read_rows(fx, "cr.csv", ',', rs), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(rs->n, 3);
    assert_int_equal(rs->rows[1].row, 2);
    assert_string_equal(rs->rows[1].f[0], "046");
    assert_string_equal(rs->rows[2].f[0], "GL");
    assert_string_equal(rs->rows[2].f[1], "y");
    rows_free(rs);
}

/* Quoted, "=""""" is the text formula ="", an empty text; a formula
 * with quotes of its own inside ="a" & "b" is no text formula and is
 * left as it is. */
static void a_quoted_text_formula_unwraps_only_a_text_alone(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    write_text(fx, "eq.csv", "\"=\"\"\"\"\",\"=\"\"a\"\" & \"\"b\"\"\",x\n");
    assert_int_equal(read_rows(fx, "eq.csv", ',', rs), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(rs->n, 1);
    assert_int_equal(rs->rows[0].n, 3);
    assert_string_equal(rs->rows[0].f[0], "");
    assert_string_equal(rs->rows[0].f[1], "=\"a\" & \"b\"");
    assert_string_equal(rs->rows[0].f[2], "x");
    rows_free(rs);
}

/* max_rows rows pass; the row after them is refused, at its number. */
static void file_of_as_many_rows_as_the_cap_is_read_one_more_is_not(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_rows = 3 };
    rows_seen *rs = &fx->rows;
    const eg_diag *d;

    write_text(fx, "three.csv", "a,b\nc,d\ne,f\n");
    assert_int_equal(eg_csv_read(fx->path, "three.csv", ',', NULL, NULL, NULL, collect_row, rs,
                                 &lim, &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_int_equal(rs->n, 3);
    rows_free(rs);

    write_text(fx, "four.csv", "a,b\nc,d\ne,f\ng,h\n");
    assert_int_equal(eg_csv_read(fx->path, "four.csv", ',', NULL, NULL, NULL, collect_row, rs,
                                 &lim, &fx->dl), -1);
    assert_int_equal(rs->n, 3);
    d = find_diag(&fx->dl, "E_FILE_TOO_LONG");
    assert_non_null(d);
    assert_int_equal(d->row, 4);
    assert_non_null(strstr(d->message, "tệp có hơn 3 dòng"));
    rows_free(rs);
}

/* The probe looks at the first 20 rows: a header on row 21 fixes no
 * delimiter, and no row is read. */
static void probe_looks_no_further_than_row_20(void **state)
{
    fixture *fx = *state;
    char text[2048] = "";
    rows_seen *rs = &fx->rows;
    int found = -1;

    for (int i = 1; i <= 20; i++)
        strcat(text, "Tiêu đề\n");
    strcat(text, "unit_code,indicator,value\nGL,ht.cbcc,1\n");
    write_text(fx, "row21.csv", text);
    assert_int_equal(eg_csv_read(fx->path, "row21.csv", 0, probe_three, NULL, &found,
                                 collect_row, rs, NULL, &fx->dl), 0);
    assert_int_equal(found, 0);
    assert_int_equal(rs->n, 0);
}

/* A row that is a header split by ',' and split by ';' alike: the first
 * of the delimiters, ',', is taken. */
static void a_header_under_two_delimiters_on_one_row_takes_the_comma(void **state)
{
    fixture *fx = *state;
    recs_seen *rs = &fx->recs;

    write_text(fx, "both.csv",
               "Tiêu đề\n"
               "unit_code,indicator,value,x;unit_code;indicator;value\n"
               "GL,ht.cbcc,7\n");
    assert_int_equal(read_table(fx, fx->path, rs, NULL), 1);
    assert_int_equal(rs->n, 1);
    assert_int_equal(rs->recs[0].row, 3);
    assert_string_equal(rs->recs[0].field[R_UNIT], "GL");
    assert_string_equal(rs->recs[0].field[R_VALUE], "7");
    recs_free(rs);
}

/* Once a cap has stopped the reading, what follows is not read: a
 * malformed quote further on is not said. */
static void nothing_is_said_of_the_rows_after_a_cap_stopped_the_reading(void **state)
{
    fixture *fx = *state;
    eg_limits lim = { .max_rows = 2 };
    rows_seen *rs = &fx->rows;

    write_text(fx, "stop.csv", "a,b\nc,d\ne,f\nx,\"q\"r\n");
    assert_int_equal(eg_csv_read(fx->path, "stop.csv", ',', NULL, NULL, NULL, collect_row, rs,
                                 &lim, &fx->dl), -1);
    assert_int_equal(rs->n, 2);
    assert_int_equal(fx->dl.n, 1);
    assert_non_null(find_diag(&fx->dl, "E_FILE_TOO_LONG"));
    assert_null(find_diag(&fx->dl, "E_CSV_SYNTAX"));
    rows_free(rs);
}

/* An '=' that is the last byte of a piece read (64 KiB) and begins a
 * field with no quote after it (=5) is kept: it is put back before the
 * next piece. */
static void an_equals_sign_at_the_end_of_a_piece_without_a_quote_is_kept(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;
    size_t n = 0, cap = 70000;
    char *data = eg_xmalloc(cap);

    n += (size_t)snprintf(data + n, cap - n, "a,b\nxx,y\n");
    while (n < 65535 - 2)
        n += (size_t)snprintf(data + n, cap - n, "x,y\n");
    assert_int_equal(n, 65535 - 2);
    n += (size_t)snprintf(data + n, cap - n, "q,=5\nr,s\n");
    assert_int_equal(data[65535], '=');
    write_bytes(fx, "eq.csv", data, n);
    assert_int_equal(read_rows(fx, "eq.csv", ',', rs), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_string_equal(rs->rows[rs->n - 2].f[0], "q");
    assert_string_equal(rs->rows[rs->n - 2].f[1], "=5");
    assert_string_equal(rs->rows[rs->n - 1].f[1], "s");
    rows_free(rs);
    free(data);
}

/* Line ends mixed in one file: CRLF is one line end, the LF after it
 * another, and the blank line it makes is a row, as a spreadsheet
 * shows it. */
static void a_line_feed_after_a_crlf_is_a_blank_row(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;

    write_text(fx, "mixed.csv", "a,b\r\n\nc,d\n");
    assert_int_equal(read_rows(fx, "mixed.csv", ',', rs), 0);
    assert_int_equal(rs->n, 3);
    assert_int_equal(rs->rows[1].row, 2);
    assert_int_equal(rs->rows[1].n, 0);
    assert_int_equal(rs->rows[2].row, 3);
    assert_string_equal(rs->rows[2].f[1], "d");
    rows_free(rs);
}

/* A field of one NUL byte alone is not read either, at its column. */
static void a_field_of_a_single_nul_byte_is_not_read(void **state)
{
    fixture *fx = *state;
    rows_seen *rs = &fx->rows;
    static const char data[] = "a,b\nc,\0\n";
    const eg_diag *d;

    write_bytes(fx, "nul.csv", data, sizeof data - 1);
    assert_int_equal(read_rows(fx, "nul.csv", ',', rs), 0);
    d = find_diag(&fx->dl, "E_TEXT_NUL");
    assert_non_null(d);
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 2);
    assert_int_equal(rs->n, 2);
    assert_string_equal(rs->rows[1].f[1], "");
    assert_true(rs->rows[1].unread[1]);
    rows_free(rs);
}

/* --- the years titles name (extract/titles.h) --------------------------- */

/* The title rows cells[0..n) (one cell each, rows 1 to n) taken for a
 * build of year; the row above the header read. */
static void title_rows(eg_title_years *t, const char *const *cells, size_t n, int year)
{
    memset(t, 0, sizeof *t);
    for (size_t i = 0; i < n; i++) {
        char *f[2] = { (char *)"", (char *)cells[i] };
        eg_row row = { 0 };

        row.row = (long)i + 1;
        row.n = 2;
        row.fields = f;
        eg_title_years_row(t, &row, year);
    }
    t->table_read = 1;
}

/* "năm YYYY" names a year, in any case, with or without diacritics and
 * spaces; "Việt Nam 2019", a date line, a word ending in "nam", a number
 * run into "năm" and years out of 1990-2100 or not of four digits do
 * not. */
static void a_title_names_the_year_after_nam_and_not_viet_nam_nor_a_date(void **state)
{
    static const struct { const char *text; int year; } cases[] = {
        { "BÁO CÁO SỐ LIỆU ỨNG DỤNG CNTT NĂM 2019", 2019 },
        { "Báo cáo năm2019", 2019 },
        { "bao cao nam   2018", 2018 },
        { "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM 2019", 0 },
        { "Việt Nam 2019", 0 },
        { "Gia Lai, ngày 10 tháng 01 năm 2022", 0 },
        { "ngày 10 tháng 1năm 2022", 0 },
        /* a form's date line left to be filled in */
        { "Gia Lai, ngày ... tháng ... năm 2022", 0 },
        { "ngày…tháng…năm 2022", 0 },
        { "ngày 10 tháng 01. năm 2022", 0 },
        { "Danam 2019", 0 },
        { "mẫu 2năm 2019", 0 },
        { "năm 1990", 1990 },
        { "năm 1989", 0 },
        { "năm 2100", 2100 },
        { "năm 2101", 0 },
        { "năm 20190", 0 },
        { "năm 201", 0 },
        { "ngày 10 tháng 01 năm 2022, báo cáo năm 2019", 2019 },
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int got = eg_heading_other_year(cases[i].text, 2020);

        if (got != cases[i].year)
            fail_msg("'%s': %d, not %d", cases[i].text, got, cases[i].year);
    }
}

/* A heading of a year alone names it, within 1990-2100; a heading naming
 * the build's year too names none; of two other years, the first. */
static void a_heading_names_a_year_alone_or_the_first_other_year_unless_this_one(void **state)
{
    (void)state;
    assert_int_equal(eg_heading_other_year("2019", 2020), 2019);
    assert_int_equal(eg_heading_other_year("2020", 2020), 0);
    assert_int_equal(eg_heading_other_year("1989", 2020), 0);
    assert_int_equal(eg_heading_other_year("2101", 2020), 0);
    assert_int_equal(eg_heading_other_year("2019 ước", 2020), 0);
    assert_int_equal(eg_heading_other_year("Giá trị", 2020), 0);
    assert_int_equal(eg_heading_other_year("Năm 2021 so với năm 2020", 2020), 0);
    assert_int_equal(eg_heading_other_year("Năm 2018, năm 2019", 2020), 2018);
}

/* Titles naming another year, and never this one, say W_TITLE_YEAR at the
 * first other year's cell (by row in a CSV), quoting the title; a title
 * naming this year, or a file whose table was not read, say nothing. */
static void titles_naming_another_year_warn_at_its_cell_quoting_it(void **state)
{
    static const char *const other[] = { "ỦY BAN NHÂN DÂN TỈNH GIA LAI",
                                         "Báo cáo năm 2018", "Số liệu năm 2019" };
    static const char *const both[] = { "Báo cáo năm 2019", "Số liệu năm 2020" };
    fixture *fx = *state;
    eg_title_years t;
    const eg_diag *d;

    title_rows(&t, other, 3, 2020);
    assert_int_equal(t.other, 2018);
    assert_int_equal(t.row, 2);
    assert_int_equal(t.col, 2);
    assert_string_equal(t.text, "Báo cáo năm 2018");
    eg_title_years_say(&t, "submissions/a.xls", 0, 2020, &fx->dl);
    assert_int_equal(fx->dl.n, 1);
    d = find_diag(&fx->dl, "W_TITLE_YEAR");
    assert_non_null(d);
    assert_string_equal(d->file, "submissions/a.xls");
    assert_string_equal(d->message,
                        "tiêu đề của tệp (ô B2: 'Báo cáo năm 2018') ghi năm 2018, không phải "
                        "năm 2020 đang tổng hợp: có phải đã gửi nhầm báo cáo năm 2018 không? "
                        "Số liệu của tệp vẫn được tính cho năm 2020; nếu gửi nhầm, gửi lại "
                        "báo cáo năm 2020");
    eg_diag_free(&fx->dl);
    eg_title_years_say(&t, "a.csv", 1, 2020, &fx->dl);
    assert_int_equal(fx->dl.n, 1);
    assert_non_null(strstr(fx->dl.items[0].message, "(dòng 2: 'Báo cáo năm 2018')"));
    eg_diag_free(&fx->dl);

    t.table_read = 0;
    eg_title_years_say(&t, "a.xls", 0, 2020, &fx->dl);
    assert_int_equal(fx->dl.n, 0);

    title_rows(&t, both, 2, 2020);
    assert_int_equal(t.this_year, 1);
    assert_int_equal(t.other, 2019);
    eg_title_years_say(&t, "a.xls", 0, 2020, &fx->dl);
    assert_int_equal(fx->dl.n, 0);
}

/* The title is quoted up to 60 bytes before its year, cut between
 * characters, with "…" where it is cut. */
static void a_long_title_is_quoted_around_its_year_cut_between_characters(void **state)
{
    /* 70 bytes before the year: "ỦY BAN ... " of 3-byte letters */
    static const char *const title[] = {
        "ỦY BAN NHÂN DÂN TỈNH GIA LAI BÁO CÁO SỐ LIỆU NĂM 2019 (đã sửa)" };
    eg_title_years t;
    const char *y;

    (void)state;
    title_rows(&t, title, 1, 2020);
    assert_int_equal(t.other, 2019);
    y = strstr(title[0], "2019");
    assert_true(y - title[0] > 60);
    assert_string_equal(t.text, "…Y BAN NHÂN DÂN TỈNH GIA LAI BÁO CÁO SỐ LIỆU NĂM 2019…");
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(header_row_is_found_below_title_rows_with_each_delimiter),
        T(probe_fixes_the_delimiter_and_every_row_is_split_with_it),
        T(probe_finds_each_of_the_three_delimiters),
        T(field_with_a_nul_byte_is_not_read),
        T(an_operators_list_gets_english_words),
        T(a_limit_is_written_for_its_reader),
        T(probe_finds_a_header_past_the_first_pieces),
        T(probe_that_never_says_yes_delivers_no_row),
        T(earliest_header_row_decides_between_delimiters),
        T(header_aliases_match_without_case_spacing_or_diacritics),
        T(decomposed_header_names_are_matched_too),
        T(no_header_in_the_first_20_rows_returns_0_with_the_given_code),
        T(the_first_row_naming_most_columns_is_said_with_its_likeliest_slip),
        T(header_on_row_20_is_still_found),
        T(a_required_column_named_twice_is_no_header),
        T(file_without_the_value_column_has_no_header),
        T(utf8_bom_is_stripped_before_the_header),
        T(utf8_bom_does_not_reach_the_first_field),
        T(utf16_file_is_read_as_text),
        T(utf16_tab_separated_table_is_found_by_the_table_reader),
        T(a_broken_utf16_character_is_reported_at_its_row_and_column),
        T(invalid_utf8_field_is_reported_at_its_row_and_column),
        T(file_that_is_not_utf8_is_read_as_cp1258_with_a_warning),
        T(tcvn3_file_is_converted_with_a_warning),
        T(vni_file_is_converted_with_a_warning),
        T(unit_name_column_stands_in_for_a_missing_unit_code_column),
        T(unit_code_and_name_columns_are_both_delivered),
        T(header_without_unit_code_or_name_is_no_header),
        T(decomposed_text_is_normalised_to_nfc),
        T(crlf_line_ends_are_not_part_of_the_fields),
        T(quoted_newline_keeps_spreadsheet_row_numbers),
        T(quoted_crlf_newline_keeps_spreadsheet_row_numbers),
        T(record_after_a_quoted_newline_reports_errors_at_its_record_number),
        T(doubled_quotes_inside_a_quoted_field_are_one_quote),
        T(excels_text_formulas_are_read_as_their_text),
        T(a_text_formula_after_a_tab_is_read_as_its_text),
        T(a_header_written_as_text_formulas_is_found),
        T(tab_delimiter_keeps_empty_cells_between_tabs),
        T(tab_table_keeps_columns_in_place_across_an_empty_cell),
        T(short_row_gives_empty_fields_for_missing_cells),
        T(unterminated_quote_is_an_error_at_its_row),
        T(unterminated_quote_makes_the_table_read_fail),
        T(stray_quote_inside_an_unquoted_field_is_a_syntax_error),
        T(field_over_the_cap_is_refused),
        T(field_one_byte_over_the_cap_is_refused),
        T(row_wider_than_the_cap_stops_the_file),
        T(missing_file_is_a_read_error),
        T(consumer_can_stop_the_reading),
        T(last_line_without_a_newline_is_a_row),
        T(a_workbook_pdf_or_image_is_told_from_text_by_its_first_bytes),
        T(unclosed_quote_in_a_long_file_stops_at_the_field_cap),
        T(row_of_as_many_fields_as_the_cap_is_read_one_more_is_not),
        T(an_equals_sign_after_a_doubled_quote_stays_in_its_quoted_field),
        T(a_formula_right_after_a_closing_quote_is_a_syntax_error),
        T(a_row_with_malformed_quoting_costs_that_row_alone),
        T(the_rest_of_a_refused_row_is_split_as_a_spreadsheet_splits_it),
        T(malformed_quoting_is_said_in_the_clerks_words),
        T(a_title_with_a_stray_quote_does_not_hide_the_header),
        T(a_text_formula_after_a_lone_cr_is_read_as_its_text),
        T(a_quoted_text_formula_unwraps_only_a_text_alone),
        T(file_of_as_many_rows_as_the_cap_is_read_one_more_is_not),
        T(probe_looks_no_further_than_row_20),
        T(a_header_under_two_delimiters_on_one_row_takes_the_comma),
        T(nothing_is_said_of_the_rows_after_a_cap_stopped_the_reading),
        T(an_equals_sign_at_the_end_of_a_piece_without_a_quote_is_kept),
        T(a_line_feed_after_a_crlf_is_a_blank_row),
        T(a_field_of_a_single_nul_byte_is_not_read),
        T(a_header_on_the_last_line_without_a_newline_is_found),
        T(spaces_in_quotes_and_no_break_spaces_are_trimmed),
        T(an_equals_sign_and_a_lone_quote_are_kept),
        T(a_row_ended_by_a_line_feed_after_a_lone_cr_is_read),
        T(an_unclosed_quote_after_the_consumer_stopped_is_not_said),
        T(a_title_names_the_year_after_nam_and_not_viet_nam_nor_a_date),
        T(a_heading_names_a_year_alone_or_the_first_other_year_unless_this_one),
        T(titles_naming_another_year_warn_at_its_cell_quoting_it),
        T(a_long_title_is_quoted_around_its_year_cut_between_characters),
    };
#undef T

    return cmocka_run_group_tests(tests, NULL, NULL);
}
