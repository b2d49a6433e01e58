/*
 * test_reconcile.c - normalize/reconcile.h: the one-stop system's dossiers
 * and the document axis's log against what the units reported.
 *
 * The real layouts, and a registry of a province GL with two departments,
 * a district PKU and its commune 01; the reported values go in through the
 * acceptor as in a build, so that each difference is filed where a build
 * would file it.  Each test writes its exports into <year>/systems/ of a
 * scratch year folder, then reconciles (several times when it rewrites
 * them: eg_reconcile only reads).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "core/diag.h"
#include "core/mem.h"
#include "core/number.h"
#include "core/text.h"
#include "layout/layout.h"
#include "extract/sysexport.h"
#include "normalize/accept.h"
#include "normalize/reconcile.h"

#include "support.h"


/* --- a year built by hand ------------------------------------------------ */

enum { TINH, STTTT, SGDDT, PKU, PKU01, LONG, N_UNITS };

/* LONG: a code of more than 16 bytes (reconcile.c compares those whole) */
static const char *const unit_codes[N_UNITS] = { "GL", "GL.STTTT", "GL.SGDDT", "GL.PKU",
                                                 "GL.PKU.01", "GL.PKU.01.THON.A.BAN" };
static const char *const unit_names[N_UNITS] = { "Tỉnh Gia Lai", "Sở Thông tin và Truyền thông",
                                                 "Sở Giáo dục và Đào tạo", "Thị xã Ayun Pa",
                                                 "Phường Cheo Reo", "Xã Thôn A" };
static const eg_level unit_levels[N_UNITS] = { EG_LEVEL_TINH, EG_LEVEL_SO, EG_LEVEL_SO,
                                               EG_LEVEL_HUYEN, EG_LEVEL_XA, EG_LEVEL_XA };
static const int unit_parents[N_UNITS] = { -1, TINH, TINH, TINH, PKU, PKU };

#define DOSSIER_HEADER "dossier_id,unit_code,procedure_code,channel,received_at,due_at,finished_at\n"
#define DOCUMENT_HEADER "doc_id,sender_code,receiver_code,sent_at\n"
#define VALUES_FILE "submissions/bao-cao.csv"

typedef struct {
    eg_dataset ds;
    eg_acceptor acc;
    eg_diag_list accepted;    /* what accepting said: only W_NOT_SUBMITTED */
    eg_diag_list out;         /* what the last eg_reconcile said, but: */
    eg_diag_list missing;     /* its W_SYSTEM_MISSING (most tests write one export) */
    eg_reconcile_stats stats;
    char systems[600];        /* <year>/systems */
    long next_row;            /* row of the next reported value */
    int finished;
} year;

static void add_unit(eg_dataset *ds, int u)
{
    eg_test_add_unit(ds, unit_codes[u], unit_names[u], unit_levels[u], unit_parents[u]);
}

/* Codes longer than the 63 bytes reconcile.c keeps in a slot: 63, 64 and
 * 90 bytes, "GL." then letters (LONG_CODES, the units after N_UNITS). */
#define LONG_CODES 3
static const size_t long_code_len[LONG_CODES] = { 63, 64, 90 };

static void long_code(char *buf, int k)
{
    memset(buf, 'A' + k, long_code_len[k]);
    memcpy(buf, "GL.", 3);
    buf[long_code_len[k]] = '\0';
}

/* Codes of 16 bytes (the longest reconcile.c tells by its first and last
 * eight bytes alone) and 17, the units after N_UNITS with
 * year_setup_sixteen. */
#define SIXTEEN_CODE "GL.PKU.01.THON.B"
#define SEVENTEEN_CODE "GL.PKU.01.THON.BC"

static int year_setup_codes(void **state, int long_codes)
{
    year *y = calloc(1, sizeof *y);
    char dir[] = "/tmp/egreport-test-reconcile-XXXXXX";

    if (!y || !mkdtemp(dir))
        return -1;
    y->ds.year = 2020;
    y->ds.year_dir = eg_xstrdup(dir);
    snprintf(y->systems, sizeof y->systems, "%s/systems", dir);
    if (mkdir(y->systems, 0700) != 0)
        return -1;
    for (int u = 0; u < N_UNITS; u++)
        add_unit(&y->ds, u);
    if (long_codes == 2) {
        eg_test_add_unit(&y->ds, SIXTEEN_CODE, "Thôn B", EG_LEVEL_XA, PKU);
        eg_test_add_unit(&y->ds, SEVENTEEN_CODE, "Thôn BC", EG_LEVEL_XA, PKU);
    }
    for (int k = 0; long_codes == 1 && k < LONG_CODES; k++) {
        char code[100];

        long_code(code, k);
        eg_test_add_unit(&y->ds, code, "Xã mã dài", EG_LEVEL_XA, PKU);
    }
    y->ds.files = eg_xcalloc(1, sizeof *y->ds.files);
    y->ds.files[0].path = eg_xstrdup(VALUES_FILE);
    y->ds.n_files = 1;
    y->next_row = 2;
    eg_acceptor_init(&y->acc, &y->ds, &eg_test_layouts, &y->accepted);
    *state = y;
    return 0;
}

static int year_setup(void **state)
{
    return year_setup_codes(state, 0);
}

static int year_setup_long_codes(void **state)
{
    return year_setup_codes(state, 1);
}

static int year_setup_sixteen(void **state)
{
    return year_setup_codes(state, 2);
}

static int year_teardown(void **state)
{
    year *y = *state;

    if (!y->finished)
        eg_acceptor_finish(&y->acc);
    eg_test_remove_dir(y->systems);
    eg_test_remove_dir(y->ds.year_dir);
    eg_dataset_free(&y->ds);
    eg_diag_free(&y->accepted);
    eg_diag_free(&y->out);
    eg_diag_free(&y->missing);
    free(y);
    return 0;
}

/* A value the unit reported, in column 3 of the next row of VALUES_FILE;
 * returns that row. */
static long report(year *y, int u, const char *ind, const char *value)
{
    long row = y->next_row++;
    eg_raw_value rv = {
        .file = 0, .row = row,
        .unit = unit_codes[u], .unit_col = 1,
        .indicator = ind, .indicator_col = 2,
        .value = value, .value_col = 3,
        .note = "",
    };

    eg_accept_raw(&y->acc, &rv);
    return row;
}

static void report_count(year *y, int u, const char *ind, long long value)
{
    char text[32];

    snprintf(text, sizeof text, "%lld", value);
    report(y, u, ind, text);
}

static void export_path(const year *y, const char *name, char *path, size_t cap)
{
    snprintf(path, cap, "%s/%s", y->systems, name);
}

/* Writes systems/<name> as it is (name says .csv or .csv.gz; gz the
 * content). */
static void write_export_n(const year *y, const char *name, const char *text, size_t n, int gz);

static void write_export(const year *y, const char *name, const char *text, int gz)
{
    write_export_n(y, name, text, strlen(text), gz);
}

/* The export name holding n bytes of text (gzipped when gz). */
static void write_export_n(const year *y, const char *name, const char *text, size_t n, int gz)
{
    char path[700];

    export_path(y, name, path, sizeof path);
    if (gz) {
        gzFile f = gzopen(path, "wb");

        assert_non_null(f);
        if (n)
            assert_int_equal(gzwrite(f, text, (unsigned)n), (int)n);
        assert_int_equal(gzclose(f), Z_OK);
    } else {
        FILE *f = fopen(path, "wb");

        assert_non_null(f);
        assert_int_equal(fwrite(text, 1, n, f), n);
        assert_int_equal(fclose(f), 0);
    }
}

static void remove_export(const year *y, const char *name)
{
    char path[700];

    export_path(y, name, path, sizeof path);
    unlink(path);
}

/* The exports said to be absent (W_SYSTEM_MISSING), moved from y->out to
 * y->missing: the tests of one export look at y->out alone. */
static void set_missing_apart(year *y)
{
    eg_diag_free(&y->missing);
    for (size_t i = 0; i < y->out.n; i++) {
        const eg_diag *d = &y->out.items[i];

        if (strcmp(d->code, "W_SYSTEM_MISSING") == 0)
            eg_diag_add(&y->missing, d->severity, d->code, d->file, d->row, d->col, d->unit,
                        d->indicator, "%s", d->message);
    }
    eg_diag_drop(&y->out, "W_SYSTEM_MISSING");
}

/* Reconciles the year as it stands, into y->out (emptied first).  The
 * first call ends accepting, which must have said nothing but who did not
 * submit. */
static void reconcile(year *y)
{
    if (!y->finished) {
        eg_acceptor_finish(&y->acc);
        y->finished = 1;
        for (size_t i = 0; i < y->accepted.n; i++)
            if (strcmp(y->accepted.items[i].code, "W_NOT_SUBMITTED") != 0)
                fail_msg("accepting the test values said %s: %s", y->accepted.items[i].code,
                         y->accepted.items[i].message);
    }
    eg_diag_free(&y->out);
    eg_reconcile(&eg_test_layouts, &y->ds, &y->out, &y->stats);
    set_missing_apart(y);
}

static size_t count_code(const eg_diag_list *dl, const char *code)
{
    size_t n = 0;

    for (size_t i = 0; i < dl->n; i++)
        n += strcmp(dl->items[i].code, code) == 0;
    return n;
}

/* The nth (from 0) diagnostic of code, or NULL. */
static const eg_diag *nth(const eg_diag_list *dl, const char *code, size_t n)
{
    for (size_t i = 0; i < dl->n; i++)
        if (strcmp(dl->items[i].code, code) == 0 && n-- == 0)
            return &dl->items[i];
    return NULL;
}

/* The diagnostic of code filed for unit and indicator, or NULL. */
static const eg_diag *at_value(const eg_diag_list *dl, const char *code, const char *unit,
                               const char *indicator)
{
    for (size_t i = 0; i < dl->n; i++) {
        const eg_diag *d = &dl->items[i];

        if (strcmp(d->code, code) == 0 && d->unit && strcmp(d->unit, unit) == 0 &&
            d->indicator && strcmp(d->indicator, indicator) == 0)
            return d;
    }
    return NULL;
}

#define assert_contains(haystack, needle) \
    do { \
        const char *h_ = (haystack), *n_ = (needle); \
        if (!h_ || !strstr(h_, n_)) \
            fail_msg("%s:%d: \"%s\" does not contain \"%s\"", __FILE__, __LINE__, \
                     h_ ? h_ : "(null)", n_); \
    } while (0)

/* Prints what reconciling said, for a failing test's output. */
static void show(const eg_diag_list *dl)
{
    for (size_t i = 0; i < dl->n; i++)
        print_message("  %s %s:%ld:%d %s\n", dl->items[i].code,
                      dl->items[i].file ? dl->items[i].file : "", dl->items[i].row,
                      dl->items[i].col, dl->items[i].message);
}

/* --- times ---------------------------------------------------------------- */

/* A time as written in an export, the year a dossier received then counts
 * for, and whether it is a time at all. */
typedef struct {
    const char *text;
    int year;
    int ok;
} time_case;

static const time_case time_cases[] = {
    { "2020-12-31 08:30:00", 2020, 1 },
    { "2020-12-31T08:30:00", 2020, 1 },         /* a T for the space */
    { "2020-01-01 00:00:00", 2020, 1 },
    { "2020-12-31 23:59:59", 2020, 1 },
    { "2020-01-31 12:00:00", 2020, 1 },
    { "2020-04-30 12:00:00", 2020, 1 },
    { "2020-02-29 12:00:00", 2020, 1 },         /* leap: divisible by 4 */
    { "2000-02-29 12:00:00", 2000, 1 },         /* leap: divisible by 400 */
    { "2019-02-28 12:00:00", 2019, 1 },
    { "2019-02-29 12:00:00", 2019, 0 },         /* not leap */
    { "2100-02-29 12:00:00", 2100, 0 },         /* divisible by 100, not by 400 */
    { "2020-02-30 12:00:00", 2020, 0 },
    { "2020-04-31 12:00:00", 2020, 0 },
    { "2020-06-31 12:00:00", 2020, 0 },
    { "2020-00-10 12:00:00", 2020, 0 },
    { "2020-13-10 12:00:00", 2020, 0 },
    { "2020-05-00 12:00:00", 2020, 0 },
    { "2020-05-32 12:00:00", 2020, 0 },
    { "2020-05-10 24:00:00", 2020, 0 },
    { "2020-05-10 12:60:00", 2020, 0 },
    { "2020-05-10 12:00:60", 2020, 0 },
    { "2020-05-10 12:00", 2020, 0 },            /* too short */
    { "2020-05-10", 2020, 0 },
    { "2020-5-10 12:00:00", 2020, 0 },
    { "2020-05-10 12:00:000", 2020, 0 },        /* too long */
    { "2020-05-10 12:00:00Z", 2020, 0 },
    { "2020-O5-10 12:00:00", 2020, 0 },         /* a letter O for a zero */
    { "2020-05-1a 12:00:00", 2020, 0 },
    { "202a-05-10 12:00:00", 2020, 0 },
    { "2020-05-10 12:0x:00", 2020, 0 },
    { "+020-05-10 12:00:00", 2020, 0 },         /* a sign for a digit */
    { "2020-05-1: 12:00:00", 2020, 0 },         /* the characters either side of 0-9 */
    { "2020-05-1/ 12:00:00", 2020, 0 },
    { "2020/05-10 12:00:00", 2020, 0 },         /* each separator wrong alone */
    { "2020-05/10 12:00:00", 2020, 0 },
    { "2020-05-10_12:00:00", 2020, 0 },
    { "2020-05-10t12:00:00", 2020, 0 },         /* only a capital T */
    { "2020-05-10 12.00.00", 2020, 0 },
    { "2020-05-10 12.00:00", 2020, 0 },
    { "2020-05-10 12:00.00", 2020, 0 },
    { "20200510 12:00:00xx", 2020, 0 },         /* the right length, no dashes */
};

/* Each time of time_cases as the received_at of row 3 (line 3 of the
 * file) of an export whose row 2 is a good dossier of the same year; the
 * unit reported 2 dossiers.  A time is taken when the row counts and
 * nothing is said; refused with one warning at row 3, column 5, and the
 * row not counted. */
static void received_at_must_be_a_real_time(void **state)
{
    year *y = *state;

    report(y, STTTT, "gd.ho_so", "2");
    report(y, STTTT, "gd.ho_so_tre", "0");
    for (size_t i = 0; i < sizeof time_cases / sizeof *time_cases; i++) {
        const time_case *c = &time_cases[i];
        char *text = eg_xasprintf(DOSSIER_HEADER
                                  "D1,GL.STTTT,P1,truc_tiep,%04d-06-01 08:00:00,%04d-06-10 17:00:00,\n"
                                  "D2,GL.STTTT,P1,truc_tiep,%s,%04d-12-31 23:59:59,\n",
                                  c->year, c->year, c->text, c->year);
        char want[128];

        y->ds.year = c->year;
        write_export(y, "dossiers.csv", text, 0);
        free(text);
        reconcile(y);
        if (y->stats.rows != 2 || !y->stats.have_dossiers)
            fail_msg("'%s': %lld rows read", c->text, y->stats.rows);
        if (c->ok) {
            if (y->out.n != 0) {
                show(&y->out);
                fail_msg("'%s' is a time, yet reconciling said %zu things", c->text, y->out.n);
            }
            assert_int_equal(y->stats.malformed, 0);
            continue;
        }
        if (y->out.n != 2 || count_code(&y->out, "W_SYSTEM_ROW") != 1 ||
            count_code(&y->out, "E_SYSTEM_HO_SO") != 1) {
            show(&y->out);
            fail_msg("'%s' is not a time: want one W_SYSTEM_ROW and one E_SYSTEM_HO_SO",
                     c->text);
        }
        assert_int_equal(y->stats.malformed, 1);
        {
            const eg_diag *w = nth(&y->out, "W_SYSTEM_ROW", 0);
            const eg_diag *e = nth(&y->out, "E_SYSTEM_HO_SO", 0);

            assert_int_equal(w->severity, EG_WARNING);
            assert_string_equal(w->file, "systems/dossiers.csv");
            assert_int_equal(w->row, 3);
            assert_int_equal(w->col, 5);
            snprintf(want, sizeof want, "received_at '%s' không phải thời điểm", c->text);
            assert_contains(w->message, want);
            assert_contains(e->message, "báo cáo 2 hồ sơ tiếp nhận (gd.ho_so)");
            snprintf(want, sizeof want, "ghi nhận 1 năm %d: chênh lệch 1", c->year);
            assert_contains(e->message, want);
        }
    }
}

/* The same rules hold for due_at (column 6), finished_at (column 7) and a
 * document's sent_at (column 4); a T and a space give the same instant. */
static void every_time_column_is_checked_alike(void **state)
{
    year *y = *state;
    static const char *const refused[] = { "2019-02-29 10:00:00", "2020-04-31 10:00:00",
                                           "2020-05-10 24:00:00", "2020-05-10 10:00:60",
                                           "2020/05/10 10:00:00", "2020-05-10 10:00" };
    struct {
        const char *fmt;      /* the export, the refused time as %s */
        const char *file, *column, *err;
        int col;
    } where[] = {
        { DOSSIER_HEADER "D1,GL.STTTT,P1,muc_3,2020-06-01 08:00:00,2020-06-10 17:00:00,\n"
                         "D2,GL.STTTT,P1,muc_3,2020-06-01 08:00:00,%s,\n",
          "systems/dossiers.csv", "due_at", "E_SYSTEM_HO_SO", 6 },
        { DOSSIER_HEADER "D1,GL.STTTT,P1,muc_3,2020-06-01 08:00:00,2020-06-10 17:00:00,\n"
                         "D2,GL.STTTT,P1,muc_3,2020-06-01 08:00:00,2020-06-10 17:00:00,%s\n",
          "systems/dossiers.csv", "finished_at", "E_SYSTEM_HO_SO", 7 },
        { DOCUMENT_HEADER "V1,GL.STTTT,GL.PKU,2020-03-01 10:00:00\n"
                          "V2,GL.STTTT,GL.PKU,%s\n",
          "systems/documents.csv", "sent_at", "E_SYSTEM_VB_LIEN_THONG", 4 },
    };

    report(y, STTTT, "gd.ho_so", "2");
    report(y, STTTT, "gd.ho_so_tre", "0");
    report(y, TINH, "cd.vb_lien_thong", "2");
    for (size_t w = 0; w < sizeof where / sizeof *where; w++) {
        const char *name = where[w].file + strlen("systems/");

        for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
            char *text = eg_xasprintf(where[w].fmt, refused[i]);
            char want[128];
            const eg_diag *d;

            write_export(y, name, text, 0);
            free(text);
            reconcile(y);
            remove_export(y, name);
            if (y->out.n != 2) {
                show(&y->out);
                fail_msg("%s '%s': want a warning and an error", where[w].column, refused[i]);
            }
            d = nth(&y->out, "W_SYSTEM_ROW", 0);
            assert_non_null(d);
            assert_string_equal(d->file, where[w].file);
            assert_int_equal(d->row, 3);
            assert_int_equal(d->col, where[w].col);
            snprintf(want, sizeof want, "%s '%s' không phải thời điểm", where[w].column,
                     refused[i]);
            assert_contains(d->message, want);
            d = nth(&y->out, where[w].err, 0);
            assert_non_null(d);
            assert_contains(d->message, "ghi nhận 1 năm 2020: chênh lệch 1");
        }
    }

    /* finished one second after due_at, written with a T: late */
    write_export(y, "dossiers.csv",
                 DOSSIER_HEADER
                 "D1,GL.STTTT,P1,muc_3,2020-06-01T08:00:00,2020-06-10 17:00:00,2020-06-10 17:00:00\n"
                 "D2,GL.STTTT,P1,muc_3,2020-06-01 08:00:00,2020-06-10T17:00:00,2020-06-10T17:00:01\n",
                 0);
    reconcile(y);
    assert_int_equal(y->out.n, 1);
    assert_string_equal(y->out.items[0].code, "E_SYSTEM_HO_SO_TRE");
    assert_contains(y->out.items[0].message, "báo cáo 0 hồ sơ trễ hạn đã xử lý (gd.ho_so_tre)");
    assert_contains(y->out.items[0].message, "ghi nhận 1 năm 2020: chênh lệch 1");
}

/* --- counting ------------------------------------------------------------- */

/*
 * Per unit, in 2020:
 *   GL.STTTT   5 received: on time, late by a second, finished at due_at
 *              exactly, open past due, open received in the last second;
 *              one of 2019 and one of 2021, both late, not counted:
 *              5 and 1, as reported
 *   GL.SGDDT   none: 0 and 0, reported 1 and 0
 *   GL.PKU     2, both late (one coded in lower case): as reported
 *   GL.PKU.01  3, one late: reported 5 and 0
 *   GL         1 (muc_3); its own dossiers are not reconciled
 * by channel (all units, 2020): muc_3 3 (as reported), muc_4 2 (reported 3).
 */
static const char counting_export[] =
    DOSSIER_HEADER
    "S1,GL.STTTT,P1,truc_tiep,2020-01-01 00:00:00,2020-01-05 17:00:00,2020-01-04 10:00:00\n"
    "S6,GL.STTTT,P1,muc_4,2019-12-31 23:59:59,2020-01-03 17:00:00,2020-02-01 08:00:00\n"
    "X1,GL.PKU.01,P2,muc_3,2020-04-01 08:00:00,2020-04-03 17:00:00,2020-04-02 08:00:00\n"
    "S2,GL.STTTT,P1,buu_chinh,2020-03-02 09:00:00,2020-03-10 17:00:00,2020-03-10 17:00:01\n"
    "P1,GL.PKU,P3,muc_3,2020-02-01 08:00:00,2020-02-05 17:00:00,2020-02-06 08:00:00\n"
    "S3,GL.STTTT,P1,truc_tiep,2020-05-05 09:00:00,2020-05-10 17:00:00,2020-05-10 17:00:00\n"
    "X2,GL.PKU.01,P2,muc_4,2020-04-01 08:00:00,2020-04-03 17:00:00,2020-04-04 08:00:00\n"
    "S5,GL.STTTT,P1,truc_tiep,2020-11-01 09:00:00,2020-11-05 17:00:00,\n"
    "P2,gl.pku,P3,muc_4,2020-02-02 08:00:00,2020-02-05 17:00:00,2020-03-01 08:00:00\n"
    "S4,GL.STTTT,P1,truc_tiep,2020-12-31 23:59:59,2021-01-05 17:00:00,\n"
    "X3,GL.PKU.01,P2,buu_chinh,2020-04-01 08:00:00,2020-04-03 17:00:00,\n"
    "S7,GL.STTTT,P1,muc_4,2021-01-01 00:00:00,2021-01-05 17:00:00,2021-02-01 08:00:00\n"
    "G1,GL,P4,muc_3,2020-07-01 08:00:00,2020-07-05 17:00:00,2020-07-10 08:00:00\n";

static void report_counting_values(year *y, long *pku01_ho_so, long *pku01_tre, long *muc_4)
{
    report(y, STTTT, "gd.ho_so", "5");
    report(y, STTTT, "gd.ho_so_tre", "1");
    report(y, SGDDT, "gd.ho_so", "1");
    report(y, SGDDT, "gd.ho_so_tre", "0");
    report(y, PKU, "gd.ho_so", "2");
    report(y, PKU, "gd.ho_so_tre", "2");
    *pku01_ho_so = report(y, PKU01, "gd.ho_so", "5");
    *pku01_tre = report(y, PKU01, "gd.ho_so_tre", "0");
    report(y, TINH, "gd.ho_so_muc_3", "3");
    *muc_4 = report(y, TINH, "gd.ho_so_muc_4", "3");
}

static void check_counting_diags(const year *y, const char *shown, long pku01_ho_so,
                                 long pku01_tre, long muc_4)
{
    const eg_diag *d;
    char want[400];

    if (y->out.n != 4) {
        show(&y->out);
        fail_msg("want 4 differences, got %zu diagnostics", y->out.n);
    }
    assert_int_equal(y->out.n_error, 4);

    d = at_value(&y->out, "E_SYSTEM_HO_SO", "GL.PKU.01", "gd.ho_so");
    assert_non_null(d);
    assert_string_equal(d->file, VALUES_FILE);
    assert_int_equal(d->row, pku01_ho_so);
    assert_int_equal(d->col, 3);
    snprintf(want, sizeof want,
             "Phường Cheo Reo báo cáo 5 hồ sơ tiếp nhận (gd.ho_so), hệ thống một cửa điện tử (%s) ghi nhận 3 năm 2020: chênh lệch 2; đối chiếu với hệ thống và sửa số liệu sai",
             shown);
    assert_string_equal(d->message, want);

    d = at_value(&y->out, "E_SYSTEM_HO_SO_TRE", "GL.PKU.01", "gd.ho_so_tre");
    assert_non_null(d);
    assert_int_equal(d->row, pku01_tre);
    snprintf(want, sizeof want,
             "Phường Cheo Reo báo cáo 0 hồ sơ trễ hạn đã xử lý (gd.ho_so_tre), hệ thống một cửa điện tử (%s) ghi nhận 1 năm 2020: chênh lệch 1",
             shown);
    assert_contains(d->message, want);

    /* a unit with no dossier in the export counts 0 */
    d = at_value(&y->out, "E_SYSTEM_HO_SO", "GL.SGDDT", "gd.ho_so");
    assert_non_null(d);
    assert_contains(d->message, "báo cáo 1 hồ sơ tiếp nhận (gd.ho_so)");
    assert_contains(d->message, "ghi nhận 0 năm 2020: chênh lệch 1");
    assert_null(at_value(&y->out, "E_SYSTEM_HO_SO_TRE", "GL.SGDDT", "gd.ho_so_tre"));

    d = at_value(&y->out, "E_SYSTEM_TRUC_TUYEN", "GL", "gd.ho_so_muc_4");
    assert_non_null(d);
    assert_int_equal(d->row, muc_4);
    assert_contains(d->message, "Tỉnh Gia Lai báo cáo 3 hồ sơ nộp trực tuyến mức độ 4 (gd.ho_so_muc_4)");
    assert_contains(d->message, "ghi nhận 2 năm 2020: chênh lệch 1");

    /* what matched says nothing */
    assert_null(at_value(&y->out, "E_SYSTEM_HO_SO", "GL.STTTT", "gd.ho_so"));
    assert_null(at_value(&y->out, "E_SYSTEM_HO_SO_TRE", "GL.STTTT", "gd.ho_so_tre"));
    assert_null(at_value(&y->out, "E_SYSTEM_HO_SO", "GL.PKU", "gd.ho_so"));
    assert_null(at_value(&y->out, "E_SYSTEM_HO_SO_TRE", "GL.PKU", "gd.ho_so_tre"));
    assert_null(at_value(&y->out, "E_SYSTEM_TRUC_TUYEN", "GL", "gd.ho_so_muc_3"));

    assert_int_equal(y->stats.rows, 13);
    assert_int_equal(y->stats.malformed, 0);
    assert_int_equal(y->stats.differences, 4);
    assert_int_equal(y->stats.have_dossiers, 1);
    assert_int_equal(y->stats.have_documents, 0);
}

static void dossiers_count_for_their_year_and_late_means_finished_after_due(void **state)
{
    year *y = *state;
    long pku01_ho_so, pku01_tre, muc_4;

    report_counting_values(y, &pku01_ho_so, &pku01_tre, &muc_4);
    write_export(y, "dossiers.csv", counting_export, 0);
    reconcile(y);
    check_counting_diags(y, "systems/dossiers.csv", pku01_ho_so, pku01_tre, muc_4);
    assert_int_equal(y->stats.bytes, (long long)strlen(counting_export));
}

static void a_gzip_export_counts_the_same(void **state)
{
    year *y = *state;
    long pku01_ho_so, pku01_tre, muc_4;

    report_counting_values(y, &pku01_ho_so, &pku01_tre, &muc_4);
    write_export(y, "dossiers.csv.gz", counting_export, 1);
    reconcile(y);
    check_counting_diags(y, "systems/dossiers.csv.gz", pku01_ho_so, pku01_tre, muc_4);
    assert_int_equal(y->stats.bytes, (long long)strlen(counting_export));

    /* gzip told by content, not by name */
    remove_export(y, "dossiers.csv.gz");
    write_export(y, "dossiers.csv", counting_export, 1);
    reconcile(y);
    check_counting_diags(y, "systems/dossiers.csv", pku01_ho_so, pku01_tre, muc_4);
}

/* A unit code or channel read as a C string, as it always was: a NUL byte
 * in it ends it (a code "GL.STTTT\0x" is GL.STTTT's). */
static void a_nul_in_a_code_ends_it(void **state)
{
    year *y = *state;
    static const char text[] =
        "dossier_id,unit_code,channel,received_at,due_at,finished_at\n"
        "D1,GL.STTTT\0x,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D2,GL.STTTT,truc_tiep\0,2020-03-01 08:00:00,2020-03-10 17:00:00,\n";

    report(y, STTTT, "gd.ho_so", "2");
    report(y, STTTT, "gd.ho_so_tre", "0");
    write_export_n(y, "dossiers.csv", text, sizeof text - 1, 0);
    reconcile(y);
    assert_int_equal(y->stats.malformed, 0);
    assert_int_equal(count_code(&y->out, "W_SYSTEM_ROW"), 0);
    assert_null(at_value(&y->out, "E_SYSTEM_HO_SO", unit_codes[STTTT], "gd.ho_so"));
}

/* Codes are looked up through a small cache keyed by a hash of their
 * bytes: a code that shares its slot with another (GL.AHH, unknown, and
 * GL.STTTT hash alike), the same code in other case, codes alternating
 * row by row, all count as the registry says.  Channels are matched
 * exactly: near misses are malformed. */
static void codes_and_channels_alternating_row_by_row_count_as_the_registry_says(void **state)
{
    year *y = *state;
    static const char text[] =
        "dossier_id,unit_code,channel,received_at,due_at,finished_at\n"
        "D1,GL.STTTT,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D2,GL.AHH,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D3,GL.STTTT,buu_chinh,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D4,gl.stttt,muc_3,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D5,GL.AHH,muc_4,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D6,GL.SGDDT,muc_4,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D7,GL.STTTT,muc_4,2020-03-01 08:00:00,2020-03-10 17:00:00,2020-03-11 08:00:00\n"
        "D8,Gl.StTtT,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D9,GL.SGDDT,muc_5,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D10,GL.SGDDT,muc_34,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D11,GL.SGDDT,truc_tie,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D12,GL.SGDDT,Truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D13,GL.SGDDT,buu_chinh,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D14,GL.AHH,buu_chinh,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D15,GL.STTTT,muc_,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        /* as many rows readable as not: the export is reconciled */
        "D16,GL.STTTT,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n";
    const eg_diag *d;

    report(y, STTTT, "gd.ho_so", "6");
    report(y, STTTT, "gd.ho_so_tre", "1");
    report(y, SGDDT, "gd.ho_so", "2");
    report(y, SGDDT, "gd.ho_so_tre", "0");
    report(y, TINH, "gd.ho_so_muc_3", "1");
    report(y, TINH, "gd.ho_so_muc_4", "2");
    write_export(y, "dossiers.csv", text, 0);
    reconcile(y);
    if (y->out.n != EG_RECONCILE_LISTED + 1) {
        show(&y->out);
        fail_msg("want %d malformed rows listed and a count, got %zu diagnostics",
                 EG_RECONCILE_LISTED, y->out.n);
    }
    assert_int_equal(y->stats.malformed, 8);
    assert_int_equal(y->stats.differences, 0);
    /* in file order: GL.AHH twice, then the channels */
    d = nth(&y->out, "W_SYSTEM_ROW", 0);
    assert_int_equal(d->row, 3);
    assert_contains(d->message, "mã đơn vị 'GL.AHH' không có trong units.csv");
    assert_int_equal(nth(&y->out, "W_SYSTEM_ROW", 1)->row, 6);
    for (int i = 2; i < EG_RECONCILE_LISTED; i++) {
        d = nth(&y->out, "W_SYSTEM_ROW", (size_t)i);
        assert_int_equal(d->row, 8 + i);
        assert_contains(d->message, "không phải truc_tiep, buu_chinh, muc_3 hay muc_4");
    }
    assert_contains(nth(&y->out, "W_SYSTEM_ROW", EG_RECONCILE_LISTED)->message,
                    "8 trong 16 dòng bị bỏ qua");

    /* the same rows less the malformed ones: nothing said at all */
    write_export(y, "dossiers.csv",
                 "dossier_id,unit_code,channel,received_at,due_at,finished_at\n"
                 "D1,GL.STTTT,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
                 "D3,GL.STTTT,buu_chinh,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
                 "D4,gl.stttt,muc_3,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
                 "D6,GL.SGDDT,muc_4,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
                 "D7,GL.STTTT,muc_4,2020-03-01 08:00:00,2020-03-10 17:00:00,2020-03-11 08:00:00\n"
                 "D8,Gl.StTtT,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
                 "D13,GL.SGDDT,buu_chinh,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
                 "D16,GL.STTTT,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n",
                 0);
    reconcile(y);
    if (y->out.n != 0) {
        show(&y->out);
        fail_msg("want nothing said, got %zu diagnostics", y->out.n);
    }
}

/* A channel is told from the others by its bytes without a branch on
 * which (reconcile.c, channel_of): every channel counts as itself, and
 * every near miss of one (each byte changed, one byte less or more, in
 * other case, the other nine-byte channel's middle byte) is malformed; a
 * channel holding a NUL is read up to it, as strcmp would read it.  The
 * counts by channel are read as the build reads them
 * (eg_reconcile_start). */
static void every_near_miss_of_a_channel_is_malformed(void **state)
{
    year *y = *state;
    static const char *const names[] = { "truc_tiep", "buu_chinh", "muc_3", "muc_4" };
    const char *header = "dossier_id,unit_code,channel,received_at,due_at,finished_at\n";
    const char *row_head = "D,GL.STTTT,";
    const char *row_tail = ",2020-03-01 08:00:00,2020-03-10 17:00:00,\n";
    char *text = NULL;
    size_t len = 0, cap = 0;
    long want[4] = { 0 }, misses = 0;
    eg_reconcile_reading rd;

#define PUT(bytes, n)                                                                      \
    do {                                                                                   \
        while (len + (n) + 1 > cap)                                                        \
            text = eg_xrealloc(text, cap = cap ? 2 * cap : 4096);                          \
        memcpy(text + len, (bytes), (n));                                                  \
        len += (n);                                                                        \
    } while (0)
#define ROW(ch, n)                                                                         \
    do {                                                                                   \
        PUT(row_head, strlen(row_head));                                                   \
        PUT((ch), (n));                                                                    \
        PUT(row_tail, strlen(row_tail));                                                   \
    } while (0)

    PUT(header, strlen(header));
    for (int c = 0; c < 4; c++) {
        size_t n = strlen(names[c]);
        char near[16];

        /* itself, twice, and with a NUL and more after it */
        ROW(names[c], n);
        ROW(names[c], n);
        memcpy(near, names[c], n);
        memcpy(near + n, "\0zz", 3);
        ROW(near, n + 3);
        want[c] += 3;
        /* each byte changed, to another letter and to its capital */
        for (size_t i = 0; i < n; i++) {
            memcpy(near, names[c], n);
            near[i] = near[i] == 'x' ? 'y' : 'x';
            ROW(near, n);
            memcpy(near, names[c], n);
            near[i] = near[i] >= 'a' && near[i] <= 'z' ? (char)(near[i] - 32) : '#';
            ROW(near, n);
            misses += 2;
        }
        /* one byte less, one more */
        ROW(names[c], n - 1);
        memcpy(near, names[c], n);
        near[n] = names[c][n - 1];
        ROW(near, n + 1);
        misses += 2;
    }
    /* the other channel's tail on a head, and the names' lengths crossed:
     * a short channel's head and tail at a long one's length, and back */
    ROW("truc_chinh", 10);
    ROW("buu_ctiep", 9);
    ROW("muc_tiep", 8);
    ROW("truc_3", 6);
    ROW("muc_uc_3", 8);
    ROW("muc_xuc_4", 9);
    ROW("muc_3uc_3", 9);
    ROW("trucxtiep", 9);
    ROW("truc_iep", 8);
    misses += 9;
    /* a nine-byte channel with the other one's middle byte: its head and
     * tail are its own, its middle is not */
    ROW("trucctiep", 9);
    ROW("buu__hinh", 9);
    misses += 2;
    /* as many rows readable as not (an export mostly malformed is not
     * reconciled): another unit's, direct */
    for (long i = 0; i < misses; i++)
        PUT("D,GL.SGDDT,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n", 62);
    want[0] += misses;
#undef ROW
#undef PUT

    write_export_n(y, "dossiers.csv", text, len, 0);
    free(text);
    /* the counts by channel, read as a build reads them */
    memset(&rd, 0, sizeof rd);
    eg_reconcile_start(&rd, &y->ds, 0);
    assert_int_equal(rd.dossiers.rc, 0);
    for (int c = 0; c < 4; c++)
        assert_int_equal(rd.dossiers.channel[c], want[c]);
    eg_reconcile_abandon(&rd);

    /* and the malformed rows counted */
    report(y, STTTT, "gd.ho_so", "12");
    report(y, STTTT, "gd.ho_so_tre", "0");
    {
        char n[32];

        snprintf(n, sizeof n, "%ld", misses);
        report(y, SGDDT, "gd.ho_so", n);
        report(y, SGDDT, "gd.ho_so_tre", "0");
    }
    report(y, TINH, "gd.ho_so_muc_3", "3");
    report(y, TINH, "gd.ho_so_muc_4", "3");
    reconcile(y);
    assert_int_equal(y->stats.malformed, misses);
    assert_int_equal(y->stats.differences, 0);
}

/* A code of more than 16 bytes is compared whole: GL.PKU.0X.THON.A.BAN,
 * unknown, has GL.PKU.01.THON.A.BAN's length and first and last eight
 * bytes (and so its slot), and is not taken for it, whichever comes
 * first; the known one counts, in any case, and so does a code of up to
 * 16 bytes that shares the slot of neither. */
static void a_long_code_is_compared_whole(void **state)
{
    year *y = *state;
    static const char text[] =
        "dossier_id,unit_code,channel,received_at,due_at,finished_at\n"
        "D1,GL.PKU.0X.THON.A.BAN,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D2,GL.PKU.01.THON.A.BAN,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D3,GL.PKU.0X.THON.A.BAN,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D4,gl.pku.01.thon.a.ban,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,2020-03-11 08:00:00\n"
        "D5,GL.PKU.01,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D6,GL.PKU.01.THON.A.BAN,muc_3,2020-03-01 08:00:00,2020-03-10 17:00:00,\n";
    const eg_diag *d;

    report(y, LONG, "gd.ho_so", "3");
    report(y, LONG, "gd.ho_so_tre", "1");
    report(y, PKU01, "gd.ho_so", "1");
    report(y, PKU01, "gd.ho_so_tre", "0");
    write_export(y, "dossiers.csv", text, 0);
    reconcile(y);
    if (y->out.n != 2) {
        show(&y->out);
        fail_msg("want the 2 rows of the unknown code, got %zu diagnostics", y->out.n);
    }
    assert_int_equal(y->stats.malformed, 2);
    assert_int_equal(y->stats.differences, 0);
    d = nth(&y->out, "W_SYSTEM_ROW", 0);
    assert_int_equal(d->row, 2);
    assert_contains(d->message, "mã đơn vị 'GL.PKU.0X.THON.A.BAN' không có trong units.csv");
    assert_int_equal(nth(&y->out, "W_SYSTEM_ROW", 1)->row, 4);
}

/* A dossier whose unit_code is empty is of no unit: left out and listed
 * at its row and column, not counted for the unit of the cache's first
 * slot (an empty slot's words and length are those of an empty code): the
 * province's online dossiers are those of the rows that name a unit. */
static void a_dossier_without_a_unit_code_is_left_out_and_counted_for_no_unit(void **state)
{
    year *y = *state;
    const eg_diag *d;

    report(y, STTTT, "gd.ho_so", "1");
    report(y, STTTT, "gd.ho_so_tre", "0");
    report(y, TINH, "gd.ho_so_muc_3", "0");
    report(y, TINH, "gd.ho_so_muc_4", "1");
    write_export(y, "dossiers.csv",
                 DOSSIER_HEADER
                 "D1,,P1,muc_4,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
                 "D2,GL.STTTT,P1,muc_4,2020-03-01 08:00:00,2020-03-10 17:00:00,\n",
                 0);
    reconcile(y);
    if (y->out.n != 1) {
        show(&y->out);
        fail_msg("want the row without a unit listed alone, got %zu diagnostics", y->out.n);
    }
    d = &y->out.items[0];
    assert_string_equal(d->code, "W_SYSTEM_ROW");
    assert_string_equal(d->file, "systems/dossiers.csv");
    assert_int_equal(d->row, 2);
    assert_int_equal(d->col, 2);
    assert_string_equal(d->message, "dòng bị bỏ qua, không được tính khi đối chiếu: mã đơn vị "
                                    "'' không có trong units.csv");
    assert_int_equal(y->stats.malformed, 1);
    assert_int_equal(y->stats.differences, 0);
    assert_int_equal(y->stats.have_dossiers, 1);
}

/* Codes the cache of codes seen could take for a known one: the same
 * slot, the same first eight bytes.  GL.STTTTGL.STTTT (GL.STTTT written
 * twice) has GL.STTTT's first and last eight bytes, and a hash that
 * differs from GL.STTTT's in the length alone, which the slot's bits
 * leave out: another length in the same slot.  GL.PKU.01.THAG.B has
 * GL.PKU.01.THON.B's length, first eight bytes and (by reconcile.c's
 * hash) slot, and other last eight.  Each is left out, whether it comes
 * after the known code or before it, and the known code counts every
 * time. */
static void codes_of_a_known_code_s_slot_and_first_bytes_are_not_taken_for_it(void **state)
{
    year *y = *state;
    static const char after[] =
        "dossier_id,unit_code,channel,received_at,due_at,finished_at\n"
        "D1,GL.STTTT,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D2,GL.STTTTGL.STTTT,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D3,GL.STTTT,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D4," SIXTEEN_CODE ",truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D5,GL.PKU.01.THAG.B,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D6," SIXTEEN_CODE ",truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n";
    static const char before[] =
        "dossier_id,unit_code,channel,received_at,due_at,finished_at\n"
        "D1,GL.STTTTGL.STTTT,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D2,GL.STTTT,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D3,GL.STTTT,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D4,GL.PKU.01.THAG.B,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D5," SIXTEEN_CODE ",truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
        "D6," SIXTEEN_CODE ",truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n";
    static const struct {
        const char *text;
        long rows[2];           /* the lines of the two codes left out */
    } exports[] = { { after, { 3, 6 } }, { before, { 2, 5 } } };
    eg_raw_value rv = {
        .file = 0, .unit = SIXTEEN_CODE, .unit_col = 1, .indicator_col = 2, .value_col = 3,
        .note = "",
    };

    report(y, STTTT, "gd.ho_so", "2");
    report(y, STTTT, "gd.ho_so_tre", "0");
    rv.row = y->next_row++;
    rv.indicator = "gd.ho_so";
    rv.value = "2";
    eg_accept_raw(&y->acc, &rv);
    rv.row = y->next_row++;
    rv.indicator = "gd.ho_so_tre";
    rv.value = "0";
    eg_accept_raw(&y->acc, &rv);
    for (size_t e = 0; e < sizeof exports / sizeof *exports; e++) {
        const eg_diag *d;

        write_export(y, "dossiers.csv", exports[e].text, 0);
        reconcile(y);
        if (y->out.n != 2 || y->stats.differences != 0) {
            show(&y->out);
            fail_msg("export %zu: want the two codes left out and nothing else, got %zu "
                     "diagnostics", e, y->out.n);
        }
        d = nth(&y->out, "W_SYSTEM_ROW", 0);
        assert_int_equal(d->row, exports[e].rows[0]);
        assert_int_equal(d->col, 2);
        assert_contains(d->message, "mã đơn vị 'GL.STTTTGL.STTTT' không có trong units.csv");
        d = nth(&y->out, "W_SYSTEM_ROW", 1);
        assert_int_equal(d->row, exports[e].rows[1]);
        assert_int_equal(d->col, 2);
        assert_contains(d->message, "mã đơn vị 'GL.PKU.01.THAG.B' không có trong units.csv");
        assert_int_equal(y->stats.malformed, 2);
        assert_int_equal(y->stats.rows, 6);
    }
}

/* Each code of 2 to 20 bytes (the lengths told apart by their bytes one
 * by one, by four and by eight, and compared whole) beside each of its
 * near misses, one byte changed: the near miss, unknown, is left out, never
 * counted as the known code seen just before it (whose slot it may share),
 * and the known code counts every time. */
static void every_near_miss_of_a_known_code_is_malformed(void **state)
{
    year *y = *state;
    static const struct {
        const char *code;
        int unit;               /* -1: one of the units after N_UNITS; -2: none
                                 * reported (the province has no gd.ho_so) */
    } known[] = { { "GL", -2 }, { "GL.PKU", PKU }, { "GL.STTTT", STTTT }, { "GL.PKU.01", PKU01 },
                  { SIXTEEN_CODE, -1 }, { SEVENTEEN_CODE, -1 },
                  { "GL.PKU.01.THON.A.BAN", LONG } };
    char *text = eg_xstrdup("dossier_id,unit_code,channel,received_at,due_at,finished_at\n");
    long misses = 0;

    for (size_t c = 0; c < sizeof known / sizeof *known; c++) {
        size_t n = strlen(known[c].code);
        long rows = 1;
        char near[32], *more;

        more = eg_xasprintf("%sD,%s,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n", text,
                            known[c].code);
        free(text);
        text = more;
        for (size_t i = 0; i < n; i++) {
            memcpy(near, known[c].code, n + 1);
            near[i] = near[i] == '#' ? '$' : '#';
            more = eg_xasprintf("%sD,%s,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n"
                                "D,%s,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n",
                                text, near, known[c].code);
            free(text);
            text = more;
            misses++;
            rows++;
        }
        if (known[c].unit >= 0) {
            report_count(y, known[c].unit, "gd.ho_so", rows);
            report_count(y, known[c].unit, "gd.ho_so_tre", 0);
        } else if (known[c].unit == -1) {
            eg_raw_value rv = {
                .file = 0, .row = y->next_row++, .unit = known[c].code, .unit_col = 1,
                .indicator = "gd.ho_so", .indicator_col = 2, .value = "", .value_col = 3,
                .note = "",
            };
            char value[32];

            snprintf(value, sizeof value, "%ld", rows);
            rv.value = value;
            eg_accept_raw(&y->acc, &rv);
            rv.row = y->next_row++;
            rv.indicator = "gd.ho_so_tre";
            rv.value = "0";
            eg_accept_raw(&y->acc, &rv);
        }
    }
    write_export(y, "dossiers.csv", text, 0);
    free(text);
    reconcile(y);
    assert_int_equal(y->stats.malformed, misses);
    assert_int_equal(count_code(&y->out, "W_SYSTEM_ROW"), EG_RECONCILE_LISTED + 1);
    if (y->stats.differences != 0) {
        show(&y->out);
        fail_msg("a near miss was counted as the known code: %ld differences",
                 (long)y->stats.differences);
    }
    assert_int_equal(y->stats.have_dossiers, 1);
}

/* A code longer than the 63 bytes a slot keeps (a layout's
 * unit_code_pattern may allow one) is the registry's unit all the same:
 * its dossiers counted, in any case; they were left out as of a unit
 * units.csv does not have. */
static void a_code_longer_than_a_slot_is_the_registry_s_all_the_same(void **state)
{
    year *y = *state;
    char code[LONG_CODES][100];
    char *text = eg_xstrdup("dossier_id,unit_code,channel,received_at,due_at,finished_at\n");

    for (int k = 0; k < LONG_CODES; k++) {
        eg_raw_value rv = {
            .file = 0, .row = y->next_row++, .unit = code[k], .unit_col = 1,
            .indicator = "gd.ho_so", .indicator_col = 2, .value = "2", .value_col = 3,
            .note = "",
        };

        long_code(code[k], k);
        eg_accept_raw(&y->acc, &rv);
        rv.row = y->next_row++;
        rv.indicator = "gd.ho_so_tre";
        rv.value = "0";
        eg_accept_raw(&y->acc, &rv);
    }
    for (int row = 0; row < 2 * LONG_CODES; row++) {
        char *more = eg_xasprintf("%sD%d,%s,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n",
                                  text, row, code[row % LONG_CODES]);

        free(text);
        text = more;
    }
    write_export(y, "dossiers.csv", text, 0);
    free(text);
    reconcile(y);
    if (y->out.n != 0) {
        show(&y->out);
        fail_msg("want nothing said, got %zu diagnostics", y->out.n);
    }
    assert_int_equal(y->stats.malformed, 0);
    assert_int_equal(y->stats.differences, 0);
}

/* The codes seen are kept in a table of 1,024 slots, a code in its hash's
 * slot or one of the next few: an export of thousands of made-up codes
 * fills it and crowds those slots.  Known codes then count all the same,
 * those seen before the crowd (kept) and those first seen after it (asked
 * of the registry each time), and every made-up code's row is left out. */
static void a_crowd_of_unknown_codes_leaves_the_known_ones_counted(void **state)
{
    year *y = *state;
    enum { MADE_UP = 3000 };
    size_t cap = 200 + (size_t)MADE_UP * 80, n = 0;
    char *text = malloc(cap);
    int row = 0;

    assert_non_null(text);
    n += (size_t)snprintf(text + n, cap - n, "%s",
                          "dossier_id,unit_code,channel,received_at,due_at,finished_at\n");
    /* GL.STTTT before the crowd, in it and after it; GL.SGDDT after it only */
    n += (size_t)snprintf(text + n, cap - n,
                          "D%d,GL.STTTT,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n", ++row);
    for (int i = 0; i < MADE_UP; i++) {
        n += (size_t)snprintf(text + n, cap - n,
                              "D%d,GL.X%05d,truc_tiep,2020-03-01 08:00:00,2020-03-10 17:00:00,\n",
                              ++row, i);
        if (i % 1000 == 999)
            n += (size_t)snprintf(text + n, cap - n,
                                  "D%d,gl.stttt,muc_4,2020-03-01 08:00:00,2020-03-10 17:00:00,"
                                  "2020-03-11 08:00:00\n", ++row);
    }
    for (int i = 0; i < 3; i++)
        n += (size_t)snprintf(text + n, cap - n,
                              "D%d,GL.SGDDT,buu_chinh,2020-03-01 08:00:00,2020-03-10 17:00:00,\n",
                              ++row);
    assert_true(n < cap);

    report(y, STTTT, "gd.ho_so", "4");
    report(y, STTTT, "gd.ho_so_tre", "3");
    report(y, SGDDT, "gd.ho_so", "3");
    report(y, SGDDT, "gd.ho_so_tre", "0");
    report(y, TINH, "gd.ho_so_muc_4", "3");
    write_export_n(y, "dossiers.csv", text, n, 0);
    free(text);
    reconcile(y);
    assert_int_equal(y->stats.malformed, MADE_UP);
    assert_int_equal(y->stats.rows, row);
    assert_int_equal(y->stats.differences, 0);
    assert_null(at_value(&y->out, "E_SYSTEM_HO_SO", unit_codes[STTTT], "gd.ho_so"));
    assert_null(at_value(&y->out, "E_SYSTEM_HO_SO", unit_codes[SGDDT], "gd.ho_so"));
    assert_contains(nth(&y->out, "W_SYSTEM_ROW", 0)->message,
                    "mã đơn vị 'GL.X00000' không có trong units.csv");
}

/* Columns by name, in any order and case, others ignored; a unit's own
 * figures match. */
static void columns_are_found_by_name_in_any_order(void **state)
{
    year *y = *state;

    report(y, STTTT, "gd.ho_so", "2");
    report(y, STTTT, "gd.ho_so_tre", "1");
    report(y, TINH, "cd.vb_lien_thong", "2");
    write_export(y, "dossiers.csv",
                 "Finished_At,note,CHANNEL,due_at,Received_At,unit_code,dossier_id\n"
                 "2020-03-11 08:00:00,x,truc_tiep,2020-03-10 17:00:00,2020-03-01 08:00:00,GL.STTTT,D1\n"
                 ",y,muc_4,2020-03-10 17:00:00,2020-03-01 08:00:00,GL.STTTT,D2\n",
                 0);
    write_export(y, "documents.csv",
                 "sent_at,receiver_code,doc_id,sender_code\n"
                 "2020-03-01 10:00:00,GL.PKU,V1,GL.STTTT\n"
                 "2020-03-02 10:00:00,GL.STTTT,V2,GL.PKU\n"
                 "2021-01-01 00:00:00,GL.STTTT,V3,GL.PKU\n",
                 0);
    reconcile(y);
    if (y->out.n) {
        show(&y->out);
        fail_msg("want nothing said, got %zu", y->out.n);
    }
    assert_int_equal(y->stats.have_dossiers, 1);
    assert_int_equal(y->stats.have_documents, 1);
    assert_int_equal(y->stats.rows, 5);
}

/* Documents count for the year they were sent in, against the province's
 * cd.vb_lien_thong; a row missing an id or a code is left out. */
static void documents_count_for_the_year_they_were_sent(void **state)
{
    year *y = *state;
    long row = report(y, TINH, "cd.vb_lien_thong", "4");
    const eg_diag *d;

    write_export(y, "documents.csv",
                 DOCUMENT_HEADER
                 "V1,GL.STTTT,GL.PKU,2020-01-01 00:00:00\n"
                 "V2,GL.PKU,GL.STTTT,2020-12-31 23:59:59\n"
                 "V3,GL.PKU,GL.STTTT,2019-12-31 23:59:59\n"
                 "V4,GL.PKU,GL.STTTT,2021-01-01 00:00:00\n"
                 ",GL.PKU,GL.STTTT,2020-06-01 00:00:00\n"
                 "V6,,GL.STTTT,2020-06-01 00:00:00\n"
                 "V7,GL.PKU,,2020-06-01 00:00:00\n"
                 "V8,GL.PKU,GL.STTTT,2020-06-01T00:00:00\n",
                 0);
    reconcile(y);
    assert_int_equal(count_code(&y->out, "W_SYSTEM_ROW"), 3);
    d = nth(&y->out, "W_SYSTEM_ROW", 0);
    assert_int_equal(d->row, 6);
    assert_int_equal(d->col, 1);
    assert_contains(d->message, "doc_id");
    d = nth(&y->out, "W_SYSTEM_ROW", 1);
    assert_int_equal(d->row, 7);
    assert_int_equal(d->col, 2);
    assert_contains(d->message, "sender_code");
    d = nth(&y->out, "W_SYSTEM_ROW", 2);
    assert_int_equal(d->row, 8);
    assert_int_equal(d->col, 3);
    assert_contains(d->message, "receiver_code");
    d = nth(&y->out, "E_SYSTEM_VB_LIEN_THONG", 0);
    assert_non_null(d);
    assert_int_equal(y->out.n, 4);
    assert_string_equal(d->unit, "GL");
    assert_string_equal(d->indicator, "cd.vb_lien_thong");
    assert_int_equal(d->row, row);
    assert_contains(d->message, "Tỉnh Gia Lai báo cáo 4 lượt văn bản điện tử gửi, nhận qua Trục liên thông (cd.vb_lien_thong)");
    assert_contains(d->message, "nhật ký Trục liên thông văn bản (systems/documents.csv) ghi nhận 3 năm 2020: chênh lệch 1");
    assert_int_equal(y->stats.rows, 8);
    assert_int_equal(y->stats.malformed, 3);
    assert_int_equal(y->stats.have_documents, 1);
    assert_int_equal(y->stats.have_dossiers, 0);
}

/* --- malformed rows and their listing ------------------------------------- */

/*
 * 20 data rows of GL.STTTT (2020, open) over lines 2..22, with a blank
 * line 4 (rows are lines of the file); 8 of them malformed, each in its
 * own way, at lines 3, 5, 7, 10, 13, 16, 19, 22.
 */
static const char eight_bad_export[] =
    DOSSIER_HEADER
    "D02,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"       /* 2 */
    "D03,GL.XYZ,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"         /* 3: unit */
    "\n"                                                                         /* 4 */
    ",GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"          /* 5: id */
    "D06,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
    "D07,GL.STTTT,P,muc_5,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"           /* 7: channel */
    "D08,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
    "D09,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
    "D10,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00\n"        /* 10: 6 fields */
    "D11,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
    "D12,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
    "D13,GL.STTTT,P,truc_tiep,2020-02-30 08:00:00,2020-05-09 17:00:00,\n"       /* 13: received */
    "D14,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
    "D15,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
    "D16,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 25:00:00,\n"       /* 16: due */
    "D17,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
    "D18,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
    "D19,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,2020-5-1\n" /* 19: finished */
    "D20,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
    "D21,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
    "D22,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,,x\n";    /* 22: 8 fields */

static void only_the_first_malformed_rows_are_listed_then_a_count(void **state)
{
    year *y = *state;
    static const struct {
        long row;
        int col;
        const char *says;
    } listed[EG_RECONCILE_LISTED] = {
        { 3, 2, "mã đơn vị 'GL.XYZ' không có trong units.csv" },
        { 5, 1, "thiếu mã hồ sơ (dossier_id)" },
        { 7, 4, "kênh 'muc_5' không phải" },
        { 10, 0, "có 6 trường, dòng tiêu đề có 7" },
        { 13, 5, "received_at '2020-02-30 08:00:00'" },
    };
    const eg_diag *d;

    report(y, STTTT, "gd.ho_so", "12");     /* the 12 good rows */
    report(y, STTTT, "gd.ho_so_tre", "0");
    write_export(y, "dossiers.csv", eight_bad_export, 0);
    reconcile(y);
    if (y->out.n != EG_RECONCILE_LISTED + 1) {
        show(&y->out);
        fail_msg("want %d rows listed and a count, got %zu diagnostics", EG_RECONCILE_LISTED,
                 y->out.n);
    }
    assert_int_equal(EG_RECONCILE_LISTED, 5);       /* docs/checks.md says five */
    for (int i = 0; i < EG_RECONCILE_LISTED; i++) {
        d = &y->out.items[i];
        assert_string_equal(d->code, "W_SYSTEM_ROW");
        assert_int_equal(d->severity, EG_WARNING);
        assert_string_equal(d->file, "systems/dossiers.csv");
        assert_int_equal(d->row, listed[i].row);
        assert_int_equal(d->col, listed[i].col);
        assert_contains(d->message, "dòng bị bỏ qua, không được tính khi đối chiếu: ");
        assert_contains(d->message, listed[i].says);
    }
    d = &y->out.items[EG_RECONCILE_LISTED];
    assert_string_equal(d->code, "W_SYSTEM_ROW");
    assert_string_equal(d->file, "systems/dossiers.csv");
    assert_int_equal(d->row, 0);
    assert_int_equal(d->col, 0);
    assert_string_equal(d->message,
                        "8 trong 20 dòng bị bỏ qua vì sai định dạng; 5 dòng đầu được liệt kê");
    assert_int_equal(y->stats.rows, 20);
    assert_int_equal(y->stats.malformed, 8);
    assert_int_equal(y->stats.differences, 0);
}

/* As many malformed rows as are listed: all listed, no count line. */
static void as_many_malformed_rows_as_listed_need_no_count(void **state)
{
    year *y = *state;

    report(y, STTTT, "gd.ho_so", "5");
    write_export(y, "dossiers.csv",
                 DOSSIER_HEADER
                 "D1,GL.X1,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
                 "D2,GL.X2,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
                 "D3,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
                 "D4,GL.X4,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
                 "D5,GL.X5,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
                 "D6,GL.X6,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
                 /* as many rows readable as not: reconciled */
                 "D7,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
                 "D8,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
                 "D9,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
                 "D10,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n",
                 0);
    reconcile(y);
    assert_int_equal(y->out.n, EG_RECONCILE_LISTED);
    for (size_t i = 0; i < y->out.n; i++) {
        assert_string_equal(y->out.items[i].code, "W_SYSTEM_ROW");
        assert_int_not_equal(y->out.items[i].row, 0);
    }
    assert_int_equal(y->out.items[4].row, 7);
    assert_contains(y->out.items[4].message, "'GL.X6'");
    assert_int_equal(y->stats.malformed, 5);
}

/* A field longer than the reader keeps, or more fields than it keeps: the
 * row is left out whole, not counted with a cut field. */
static void an_overlong_row_is_left_out(void **state)
{
    year *y = *state;
    char proc[EG_EXPORT_MAX_FIELD + 2];
    char *text;
    const eg_diag *d;

    memset(proc, 'P', sizeof proc - 1);
    proc[sizeof proc - 1] = '\0';
    text = eg_xasprintf(DOSSIER_HEADER
                        "D1,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n"
                        "D2,GL.STTTT,%s,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n",
                        proc);
    report(y, STTTT, "gd.ho_so", "1");
    write_export(y, "dossiers.csv", text, 0);
    free(text);
    reconcile(y);
    if (y->out.n != 1) {
        show(&y->out);
        fail_msg("want one warning, got %zu diagnostics", y->out.n);
    }
    d = &y->out.items[0];
    assert_string_equal(d->code, "W_SYSTEM_ROW");
    assert_int_equal(d->row, 3);
    assert_int_equal(d->col, 0);
    assert_contains(d->message, "dòng quá dài");
    assert_int_equal(y->stats.malformed, 1);
}

/* --- one reader or two ---------------------------------------------------- */

#define BIG_ROWS 110000L       /* about 10 MB: split in two by default */

/* What generating the big export put in it. */
typedef struct {
    long long received[N_UNITS], late[N_UNITS], channel[4];
    long long documents;
    long rows;                 /* data rows */
    long bad_line[16];         /* lines of the malformed rows, in order */
    int bad_col[16];
    int n_bad;
    long long size;
    long cut_line;             /* the line a cut left last, unfinished (cut_big) */
    int cut_col;               /* its field at fault, or 0 */
} big_tally;

static const char *const channel_names[4] = { "truc_tiep", "buu_chinh", "muc_3", "muc_4" };

/* Writes row i (0-based; line i + 2) of the big export to f, malformed
 * in the way `bad` says when bad >= 0, and tallies it. */
static void big_row(FILE *f, long i, int bad, const char *eol, big_tally *t)
{
    int u = (int)((i / 7) % N_UNITS);           /* rows come in runs of a unit */
    int ch = (int)((i / 3) % 4);
    int yr = i % 11 == 0 ? 2019 : i % 13 == 0 ? 2021 : 2020;
    int mo = 1 + (int)(i % 12), dd = 1 + (int)(i % 25);
    int state = (int)(i % 5);                   /* open, early, at due, late, late by 1 s */
    char id[32], unit[32], proc[32], received[32], due[32], finished[32];
    static const char *const finish_at[5] = { "", "16:59:59", "17:00:00", "23:00:00",
                                              "17:00:01" };
    int col = 0;

    snprintf(id, sizeof id, "D%07ld", i);
    snprintf(unit, sizeof unit, "%s", unit_codes[u]);
    /* a quoted field now and then sends the reader to libcsv */
    snprintf(proc, sizeof proc, i % 20011 == 7 ? "\"P,%03ld\"" : "P%03ld", i % 1000);
    snprintf(received, sizeof received, "%04d-%02d-%02d%c%02d:%02d:%02d", yr, mo, dd,
             i % 17 == 0 ? 'T' : ' ', (int)(i % 24), (int)(i % 60), (int)(i * 7 % 60));
    snprintf(due, sizeof due, "%04d-%02d-%02d 17:00:00", yr, mo, dd + 3);
    if (state)
        snprintf(finished, sizeof finished, "%04d-%02d-%02d %s", yr, mo, dd + 3,
                 finish_at[state]);
    else
        finished[0] = '\0';
    switch (bad) {
    case 0: snprintf(unit, sizeof unit, "GL.XYZ%ld", i); col = 2; break;
    case 1: snprintf(received, sizeof received, "2019-02-29 10:00:00"); col = 5; break;
    case 2: id[0] = '\0'; col = 1; break;
    case 3: ch = -1; col = 4; break;
    case 4: snprintf(due, sizeof due, "2020-04-31 17:00:00"); col = 6; break;
    case 5: snprintf(finished, sizeof finished, "2020-13-01 00:00:00"); col = 7; break;
    case 6: col = 0; break;                     /* a field too few */
    case 7: snprintf(received, sizeof received, "2020-0l-01 10:00:00"); col = 5; break;
    }
    if (bad == 6)
        fprintf(f, "%s,%s,%s,%s,%s,%s%s", id, unit, proc, channel_names[ch], received, due, eol);
    else
        fprintf(f, "%s,%s,%s,%s,%s,%s,%s%s", id, unit, proc, ch < 0 ? "muc_9" : channel_names[ch],
                received, due, finished, eol);
    if (bad >= 0) {
        t->bad_line[t->n_bad] = i + 2;
        t->bad_col[t->n_bad++] = col;
        return;
    }
    if (yr != 2020)
        return;
    t->received[u]++;
    t->channel[ch]++;
    t->late[u] += state >= 3;
}

/* Writes the big export with malformed rows at the data rows bad_at
 * (ascending), of kinds 0, 1, 2, ... in turn. */
static void write_big(const year *y, const long *bad_at, int n_bad, const char *eol,
                      int last_eol, big_tally *t)
{
    char path[700];
    FILE *f;
    int next = 0;

    memset(t, 0, sizeof *t);
    export_path(y, "dossiers.csv", path, sizeof path);
    f = fopen(path, "wb");
    assert_non_null(f);
    fprintf(f, "dossier_id,unit_code,procedure_code,channel,received_at,due_at,finished_at%s",
            eol);
    for (long i = 0; i < BIG_ROWS; i++) {
        int bad = next < n_bad && bad_at[next] == i ? next++ % 8 : -1;

        big_row(f, i, bad, i == BIG_ROWS - 1 && !last_eol ? "" : eol, t);
    }
    t->rows = BIG_ROWS;
    t->size = ftell(f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(next, n_bad);
    /* large enough for two readers: twice the default least part */
    assert_true(t->size >= 2 * 4LL * 1024 * 1024 + 1024 * 1024);
}

/* Reports what the export holds, but one more for some figures so that
 * differences name the counts. */
static void report_big(year *y, const big_tally *t)
{
    report_count(y, STTTT, "gd.ho_so", t->received[STTTT]);
    report_count(y, STTTT, "gd.ho_so_tre", t->late[STTTT] + 1);
    report_count(y, SGDDT, "gd.ho_so", t->received[SGDDT]);
    report_count(y, SGDDT, "gd.ho_so_tre", t->late[SGDDT]);
    report_count(y, PKU, "gd.ho_so", t->received[PKU] + 1);
    report_count(y, PKU, "gd.ho_so_tre", t->late[PKU]);
    report_count(y, PKU01, "gd.ho_so", t->received[PKU01]);
    report_count(y, PKU01, "gd.ho_so_tre", t->late[PKU01]);
    report_count(y, TINH, "gd.ho_so_muc_3", t->channel[2]);
    report_count(y, TINH, "gd.ho_so_muc_4", t->channel[3] + 1);
}

/* The malformed rows listed and counted as the tally wants. */
static void check_listed(const year *y, const big_tally *t)
{
    const eg_diag *d;
    char want[128], all[32];
    int listed = t->n_bad < EG_RECONCILE_LISTED ? t->n_bad : EG_RECONCILE_LISTED;

    for (int i = 0; i < listed; i++) {
        d = nth(&y->out, "W_SYSTEM_ROW", (size_t)i);
        assert_non_null(d);
        if (d->row != t->bad_line[i] || d->col != t->bad_col[i]) {
            show(&y->out);
            fail_msg("listed row %d is %ld:%d; want %ld:%d", i, d->row, d->col,
                     t->bad_line[i], t->bad_col[i]);
        }
    }
    if (t->n_bad > EG_RECONCILE_LISTED) {
        d = nth(&y->out, "W_SYSTEM_ROW", EG_RECONCILE_LISTED);
        assert_non_null(d);
        assert_int_equal(d->row, 0);
        eg_fmt_int(all, sizeof all, t->rows);
        snprintf(want, sizeof want, "%d trong %s dòng bị bỏ qua", t->n_bad, all);
        assert_contains(d->message, want);
    }
    assert_int_equal(count_code(&y->out, "W_SYSTEM_ROW"),
                     listed + (t->n_bad > EG_RECONCILE_LISTED));
    assert_int_equal(y->stats.rows, t->rows);
    assert_int_equal(y->stats.malformed, t->n_bad);
    assert_int_equal(y->stats.bytes, t->size);
}

static void check_big_dossiers(const year *y, const big_tally *t)
{
    const eg_diag *d;
    char want[128], a[32], b[32];

    check_listed(y, t);
    assert_int_equal(y->out.n_error, 3);
    d = at_value(&y->out, "E_SYSTEM_HO_SO_TRE", "GL.STTTT", "gd.ho_so_tre");
    assert_non_null(d);
    eg_fmt_int(a, sizeof a, t->late[STTTT] + 1);
    eg_fmt_int(b, sizeof b, t->late[STTTT]);
    snprintf(want, sizeof want, "báo cáo %s hồ sơ trễ hạn", a);
    assert_contains(d->message, want);
    snprintf(want, sizeof want, "ghi nhận %s năm 2020: chênh lệch 1", b);
    assert_contains(d->message, want);
    d = at_value(&y->out, "E_SYSTEM_HO_SO", "GL.PKU", "gd.ho_so");
    assert_non_null(d);
    eg_fmt_int(b, sizeof b, t->received[PKU]);
    snprintf(want, sizeof want, "ghi nhận %s năm 2020: chênh lệch 1", b);
    assert_contains(d->message, want);
    d = at_value(&y->out, "E_SYSTEM_TRUC_TUYEN", "GL", "gd.ho_so_muc_4");
    assert_non_null(d);
    eg_fmt_int(b, sizeof b, t->channel[3]);
    snprintf(want, sizeof want, "ghi nhận %s năm 2020: chênh lệch 1", b);
    assert_contains(d->message, want);
}

static void assert_same_diags(const eg_diag_list *one, const eg_diag_list *two)
{
#define SAME_STR(a, b) ((a) == (b) || ((a) && (b) && strcmp((a), (b)) == 0))
    for (size_t i = 0; i < one->n && i < two->n; i++) {
        const eg_diag *a = &one->items[i], *b = &two->items[i];

        if (strcmp(a->code, b->code) != 0 || a->severity != b->severity || a->row != b->row ||
            a->col != b->col || !SAME_STR(a->file, b->file) || !SAME_STR(a->unit, b->unit) ||
            !SAME_STR(a->indicator, b->indicator) || strcmp(a->message, b->message) != 0) {
            print_message("one reader:\n");
            show(one);
            print_message("two readers:\n");
            show(two);
            fail_msg("diagnostic %zu differs: %s %ld:%d \"%s\" / %s %ld:%d \"%s\"", i, a->code,
                     a->row, a->col, a->message, b->code, b->row, b->col, b->message);
        }
    }
    if (one->n != two->n) {
        print_message("one reader:\n");
        show(one);
        print_message("two readers:\n");
        show(two);
        fail_msg("one reader said %zu things, two said %zu", one->n, two->n);
    }
#undef SAME_STR
}

/* Reads the big export with one reader, then two (then three, for a part
 * joined after another forked one): the same diagnostics in the same
 * order, the same counts, and the ones the tally wants. */
static void one_and_two_readers_agree(year *y, const big_tally *t,
                                      void (*check)(const year *, const big_tally *))
{
    eg_diag_list one = { 0 };
    eg_reconcile_stats one_stats;

    y->ds.jobs = 1;
    reconcile(y);
    check(y, t);
    one = y->out;
    memset(&y->out, 0, sizeof y->out);
    one_stats = y->stats;

    for (int jobs = 2; jobs <= 3; jobs++) {
        size_t parts = eg_export_parts_read();

        y->ds.jobs = jobs;
        reconcile(y);
        /* the big export was cut: at least as many parts as threads */
        assert_true(eg_export_parts_read() - parts >= (size_t)jobs);
        assert_same_diags(&one, &y->out);
        assert_int_equal(y->stats.rows, one_stats.rows);
        assert_int_equal(y->stats.bytes, one_stats.bytes);
        assert_int_equal(y->stats.malformed, one_stats.malformed);
        assert_int_equal(y->stats.differences, one_stats.differences);
        check(y, t);
    }
    eg_diag_free(&one);
}

/* Malformed rows in the first part (the header's), in the first half and
 * in the second: the listed ones come from all three.  The last row, well
 * formed, has no line end: it counts as any other. */
static void two_readers_list_and_count_as_one_does(void **state)
{
    year *y = *state;
    static const long bad_at[] = { 3, 250, 20000, 60000, 70000, 80000, 90000, BIG_ROWS - 2 };
    big_tally t;

    write_big(y, bad_at, 8, "\n", 0, &t);
    report_big(y, &t);
    one_and_two_readers_agree(y, &t, check_big_dossiers);
}

/* All the malformed rows in the second half, CRLF line ends: the rows
 * listed are the second reader's, numbered as lines of the whole file. */
static void two_readers_number_the_second_half_as_lines_of_the_file(void **state)
{
    year *y = *state;
    static const long bad_at[] = { 60001, 61002, 65003, 70004, 75005, 100006, BIG_ROWS - 2 };
    big_tally t;

    write_big(y, bad_at, 7, "\r\n", 1, &t);
    report_big(y, &t);
    one_and_two_readers_agree(y, &t, check_big_dossiers);
}

/* More than the listed number in the first half already: none of the
 * second half is listed, all are counted. */
static void two_readers_list_nothing_more_once_the_first_half_listed_enough(void **state)
{
    year *y = *state;
    static const long bad_at[] = { 1, 2, 30000, 30001, 40000, 50000, 90000, 95000, 99000,
                                   100000 };
    big_tally t;

    write_big(y, bad_at, 10, "\n", 1, &t);
    report_big(y, &t);
    one_and_two_readers_agree(y, &t, check_big_dossiers);
}

/* Cuts the big export at byte `at` (not just after a line end), as a copy
 * that did not finish: the line it leaves last, unfinished, in t. */
static void cut_big(const year *y, long long at, int col, big_tally *t)
{
    char path[700];
    FILE *f;
    long line = 1;
    int c, last = 0;

    export_path(y, "dossiers.csv", path, sizeof path);
    f = fopen(path, "rb");
    assert_non_null(f);
    for (long long i = 0; i < at && (c = getc(f)) != EOF; i++) {
        line += c == '\n';
        last = c;
    }
    assert_int_equal(fclose(f), 0);
    assert_true(last != '\n');
    assert_int_equal(truncate(path, (off_t)at), 0);
    t->cut_line = line;
    t->cut_col = col;
    t->size = at;
}

/* A cut export: one error at its last line, nothing compared, nothing of
 * that line listed. */
static void check_cut(const year *y, const big_tally *t)
{
    const eg_diag *d = nth(&y->out, "E_SYSTEM_CUT", 0);

    if (!d || y->out.n_error != 1) {
        show(&y->out);
        fail_msg("want one E_SYSTEM_CUT and no other error");
    }
    assert_string_equal(d->file, "systems/dossiers.csv");
    assert_int_equal(d->row, t->cut_line);
    assert_int_equal(d->col, t->cut_col);
    assert_contains(d->message, "tệp xuất của hệ thống kết thúc giữa chừng một dòng");
    assert_contains(d->message, "chỉ được sao chép một phần");
    assert_int_equal(count_code(&y->out, "W_SYSTEM_ROW"), 0);
    assert_int_equal(y->stats.have_dossiers, 0);
    assert_int_equal(y->stats.differences, 0);
    assert_int_equal(y->stats.bytes, t->size);
}

/* The big export cut short, as `truncate -s` leaves a copy that did not
 * finish: in a time of its last row, and in the middle of the file (a
 * unit code cut, two fields left), where the second reader's part ends.
 * Said cut, at the same line, by one reader, two and three; the units
 * whose counts then differ are not blamed. */
static void a_plain_export_cut_short_is_said_cut_by_any_number_of_readers(void **state)
{
    year *y = *state;
    big_tally t;
    char path[700];
    FILE *f;
    long long at = 0;
    int c;

    write_big(y, NULL, 0, "\n", 1, &t);
    report_big(y, &t);
    /* "...,2020-12-29 17:00:01\n" cut to "...,2020-12-29 17:00:" */
    cut_big(y, t.size - 3, 7, &t);
    one_and_two_readers_agree(y, &t, check_cut);

    /* nine tenths in, 12 bytes into a line: "D0099000,GL." */
    write_big(y, NULL, 0, "\n", 1, &t);
    export_path(y, "dossiers.csv", path, sizeof path);
    f = fopen(path, "rb");
    assert_non_null(f);
    assert_int_equal(fseek(f, (long)(t.size / 10 * 9), SEEK_SET), 0);
    while ((c = getc(f)) != EOF && c != '\n')
        ;
    at = ftell(f) + 12;
    assert_int_equal(fclose(f), 0);
    cut_big(y, at, 0, &t);
    one_and_two_readers_agree(y, &t, check_cut);
    assert_contains(nth(&y->out, "E_SYSTEM_CUT", 0)->message, "(có 2 trường, dòng tiêu đề có 7)");
}

#define BIG_DOCUMENTS 230000L  /* about 9.5 MB */

/* The document axis's log, as big, with malformed rows at the data rows
 * bad_at (ascending): a missing id, sender, receiver, a bad time in turn. */
static void write_big_documents(const year *y, const long *bad_at, int n_bad, big_tally *t)
{
    char path[700];
    FILE *f;
    int next = 0;

    memset(t, 0, sizeof *t);
    export_path(y, "documents.csv", path, sizeof path);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs(DOCUMENT_HEADER, f);
    for (long i = 0; i < BIG_DOCUMENTS; i++) {
        int bad = next < n_bad && bad_at[next] == i ? next++ % 4 : -1;
        int yr = i % 9 == 0 ? 2019 : i % 10 == 0 ? 2021 : 2020;
        char id[32], sent[32];

        snprintf(id, sizeof id, "V%07ld", i);
        snprintf(sent, sizeof sent, "%04d-%02d-%02d %02d:%02d:%02d", yr, 1 + (int)(i % 12),
                 1 + (int)(i % 28), (int)(i % 24), (int)(i % 60), (int)(i * 7 % 60));
        if (bad == 3)
            snprintf(sent, sizeof sent, "%04d-02-30 10:00:00", yr);
        fprintf(f, "%s,%s,%s,%s\n", bad == 0 ? "" : id, bad == 1 ? "" : unit_codes[i % N_UNITS],
                bad == 2 ? "" : unit_codes[(i + 1) % N_UNITS], sent);
        if (bad >= 0) {
            t->bad_line[t->n_bad] = i + 2;
            t->bad_col[t->n_bad++] = bad + 1;
        } else {
            t->documents += yr == 2020;
        }
    }
    t->rows = BIG_DOCUMENTS;
    t->size = ftell(f);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(next, n_bad);
    assert_true(t->size >= 2 * 4LL * 1024 * 1024 + 1024 * 1024);
}

static void check_big_documents(const year *y, const big_tally *t)
{
    const eg_diag *d;
    char want[128], b[32];

    check_listed(y, t);
    assert_int_equal(y->out.n_error, 1);
    d = at_value(&y->out, "E_SYSTEM_VB_LIEN_THONG", "GL", "cd.vb_lien_thong");
    assert_non_null(d);
    eg_fmt_int(b, sizeof b, t->documents);
    snprintf(want, sizeof want, "ghi nhận %s năm 2020: chênh lệch 1", b);
    assert_contains(d->message, want);
}

static void two_readers_count_documents_as_one_does(void **state)
{
    year *y = *state;
    static const long bad_at[] = { 10, 50000, 100000, 120000, 150000, 180000, 229999 };
    big_tally t;

    write_big_documents(y, bad_at, 7, &t);
    report_count(y, TINH, "cd.vb_lien_thong", t.documents + 1);
    one_and_two_readers_agree(y, &t, check_big_documents);
}

/* The build begins reading the exports in a thread of their own before
 * the submissions are read, and compares once they are: what it says, in
 * what order, must be what reading them after the values says.  The thread
 * reads while values are accepted, as in a build. */
static void reading_begun_before_the_values_says_what_reading_after_them_says(void **state)
{
    year *y = *state;
    static const long bad_dossiers[] = { 3, 250, 60000, 90000 };
    static const long bad_documents[] = { 10, 120000, 229999 };
    big_tally td, tv;
    eg_reconcile_reading rd;
    eg_reconcile_stats early_stats;
    eg_diag_list early = { 0 };
    size_t last_dossier = 0, first_document = SIZE_MAX;

    write_big(y, bad_dossiers, 4, "\n", 1, &td);
    write_big_documents(y, bad_documents, 3, &tv);
    y->ds.jobs = 2;
    eg_reconcile_start(&rd, &y->ds, 1);
    assert_int_equal(rd.started, 1);
    report_big(y, &td);
    report_count(y, TINH, "cd.vb_lien_thong", tv.documents + 1);
    eg_acceptor_finish(&y->acc);
    y->finished = 1;
    eg_reconcile_finish(&eg_test_layouts, &y->ds, &rd, &early, &early_stats);
    assert_int_equal(rd.started, 0);

    reconcile(y);
    assert_same_diags(&y->out, &early);
    assert_int_equal(early_stats.rows, y->stats.rows);
    assert_int_equal(early_stats.bytes, y->stats.bytes);
    assert_int_equal(early_stats.malformed, y->stats.malformed);
    assert_int_equal(early_stats.differences, y->stats.differences);
    assert_int_equal(early_stats.have_dossiers, 1);
    assert_int_equal(early_stats.have_documents, 1);
    assert_int_equal(early_stats.malformed, 7);
    /* the dossiers' rows and differences, then the documents' */
    for (size_t i = 0; i < early.n; i++) {
        if (strstr(early.items[i].file, "dossiers") || strstr(early.items[i].code, "HO_SO"))
            last_dossier = i;
        else if (first_document == SIZE_MAX)
            first_document = i;
    }
    assert_true(first_document != SIZE_MAX && last_dossier < first_document);
    assert_non_null(at_value(&early, "E_SYSTEM_VB_LIEN_THONG", "GL", "cd.vb_lien_thong"));
    assert_non_null(at_value(&early, "E_SYSTEM_HO_SO_TRE", unit_codes[STTTT], "gd.ho_so_tre"));
    eg_diag_free(&early);
}

/* --- exports that cannot be reconciled ------------------------------------ */

static void a_missing_column_is_a_header_error_and_nothing_is_compared(void **state)
{
    year *y = *state;
    const eg_diag *d;

    report(y, STTTT, "gd.ho_so", "7");      /* would differ */
    report(y, TINH, "cd.vb_lien_thong", "7");
    write_export(y, "dossiers.csv",
                 "dossier_id,unit_code,procedure_code,channel,received_at,finished_at\n"
                 "D1,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,\n",
                 0);
    reconcile(y);
    assert_int_equal(y->out.n, 1);
    d = &y->out.items[0];
    assert_string_equal(d->code, "E_SYSTEM_HEADER");
    assert_int_equal(d->severity, EG_ERROR);
    assert_string_equal(d->file, "systems/dossiers.csv");
    assert_int_equal(d->row, 1);
    assert_contains(d->message, "dòng đầu tiên phải ghi tên các cột dossier_id, unit_code, channel, received_at, due_at, finished_at; thiếu cột: due_at;");
    assert_int_equal(y->stats.have_dossiers, 0);

    /* two missing, named in the order of the list */
    write_export(y, "dossiers.csv",
                 "dossier_id,unit_code,procedure_code,received_at,finished_at\n", 0);
    reconcile(y);
    assert_int_equal(y->out.n, 1);
    assert_contains(y->out.items[0].message, "thiếu cột: channel, due_at;");

    /* the document axis's header */
    remove_export(y, "dossiers.csv");
    write_export(y, "documents.csv",
                 "doc_id,sender_code,receiver,sent_at\n"
                 "V1,GL.STTTT,GL.PKU,2020-03-01 10:00:00\n",
                 0);
    reconcile(y);
    assert_int_equal(y->out.n, 1);
    d = &y->out.items[0];
    assert_string_equal(d->code, "E_SYSTEM_HEADER");
    assert_string_equal(d->file, "systems/documents.csv");
    assert_contains(d->message, "thiếu cột: receiver_code;");
    assert_int_equal(y->stats.have_documents, 0);
}

/* A header with every column needed and one name too long to read whole
 * is no header to trust: an error, and nothing is compared. */
static void a_header_with_a_name_too_long_is_a_header_error(void **state)
{
    year *y = *state;
    char name[EG_EXPORT_MAX_FIELD + 2];
    char *text;

    memset(name, 'X', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    text = eg_xasprintf("dossier_id,unit_code,procedure_code,channel,received_at,due_at,"
                        "finished_at,%s\n"
                        "D1,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,,x\n",
                        name);
    report(y, STTTT, "gd.ho_so", "7");      /* would differ */
    write_export(y, "dossiers.csv", text, 0);
    free(text);
    reconcile(y);
    if (y->out.n != 1) {
        show(&y->out);
        fail_msg("want one error, got %zu diagnostics", y->out.n);
    }
    assert_string_equal(y->out.items[0].code, "E_SYSTEM_HEADER");
    assert_int_equal(y->out.items[0].row, 1);
    assert_contains(y->out.items[0].message, "thiếu cột: (có tên cột quá dài)");
    assert_int_equal(y->stats.have_dossiers, 0);
}

static void an_empty_export_is_a_header_error(void **state)
{
    year *y = *state;

    report(y, STTTT, "gd.ho_so", "7");
    write_export(y, "dossiers.csv", "", 0);
    reconcile(y);
    assert_int_equal(y->out.n, 1);
    assert_string_equal(y->out.items[0].code, "E_SYSTEM_HEADER");
    assert_contains(y->out.items[0].message, "trống");
}

static void plain_and_gzip_both_present_is_a_read_error(void **state)
{
    year *y = *state;
    const eg_diag *d;

    report(y, STTTT, "gd.ho_so", "7");      /* would differ */
    report(y, TINH, "cd.vb_lien_thong", "1");
    write_export(y, "dossiers.csv",
                 DOSSIER_HEADER "D1,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n",
                 0);
    write_export(y, "dossiers.csv.gz",
                 DOSSIER_HEADER "D1,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n",
                 1);
    /* the other export is reconciled all the same */
    write_export(y, "documents.csv", DOCUMENT_HEADER "V1,GL.STTTT,GL.PKU,2020-03-01 10:00:00\n",
                 0);
    reconcile(y);
    assert_int_equal(y->out.n, 1);
    d = &y->out.items[0];
    assert_string_equal(d->code, "E_SYSTEM_READ");
    assert_int_equal(d->severity, EG_ERROR);
    assert_string_equal(d->file, "systems/dossiers.csv");
    assert_string_equal(d->message,
                        "có cả systems/dossiers.csv và systems/dossiers.csv.gz: không đối chiếu "
                        "với tệp nào; chỉ giữ lại một trong hai tệp");
    assert_int_equal(y->stats.have_dossiers, 0);
    assert_int_equal(y->stats.have_documents, 1);
    assert_int_equal(y->stats.rows, 1);
}

/* A gzip export cut short: an error, and no difference filed from the
 * rows that could be read. */
static void a_truncated_gzip_export_is_a_read_error(void **state)
{
    year *y = *state;
    long pku01_ho_so, pku01_tre, muc_4;
    char path[700];
    struct stat st;

    report_counting_values(y, &pku01_ho_so, &pku01_tre, &muc_4);
    write_export(y, "dossiers.csv.gz", counting_export, 1);
    export_path(y, "dossiers.csv.gz", path, sizeof path);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(truncate(path, st.st_size - 12), 0);    /* the trailer and more */
    reconcile(y);
    if (y->out.n != 1) {
        show(&y->out);
        fail_msg("want one E_SYSTEM_READ, got %zu diagnostics", y->out.n);
    }
    assert_string_equal(y->out.items[0].code, "E_SYSTEM_READ");
    assert_string_equal(y->out.items[0].file, "systems/dossiers.csv.gz");
    assert_contains(y->out.items[0].message, "không đọc được hết tệp xuất của hệ thống");
    assert_int_equal(y->stats.have_dossiers, 0);
    assert_int_equal(y->stats.differences, 0);
}

/* The last line without a line end: well formed, a row as any other (a
 * writer may leave the last line end out); malformed where a cut can
 * land (its last field, or fewer fields), the sign of a copy cut short:
 * an error at that line, which names what is wrong, and the export is not
 * compared (nor the line listed).  Not a cut: a whole row with bad data
 * (an unknown unit), a whole header with a wrong name, and anything in a
 * gzip stream, which its CRC checks whole (E_SYSTEM_READ). */
static void a_last_line_unfinished_and_malformed_is_a_cut(void **state)
{
    year *y = *state;
#define TEN_X "xxxxxxxxxx"
#define LONG_FIELD TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X \
                   TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X \
                   TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X \
                   TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X \
                   TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X \
                   TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X TEN_X
#define FIRST_ROW "S1,GL.STTTT,P1,truc_tiep,2020-01-01 00:00:00,2020-01-05 17:00:00,2020-01-04 10:00:00\n"
    static const struct {
        const char *text;
        long row;
        int col;
        const char *why;
    } cuts[] = {
        { DOSSIER_HEADER FIRST_ROW
          "S2,GL.STTTT,P1,truc_tiep,2020-03-02 09:00:00,2020-03-10 17:00:00,2020-03-10 17:00:0",
          3, 7, "(finished_at '2020-03-10 17:00:0' không hợp lệ)" },
        { DOSSIER_HEADER FIRST_ROW "S2,GL.STTTT,P1,truc_tiep,2020-03-02 09:00:00,2020-03-10 17:0",
          3, 0, "(có 6 trường, dòng tiêu đề có 7)" },
        { DOSSIER_HEADER FIRST_ROW "S2,GL.ST", 3, 0, "(có 2 trường, dòng tiêu đề có 7)" },
        /* a quote sends the last line to libcsv */
        { DOSSIER_HEADER FIRST_ROW "S2,\"GL.STTTT\",P1,truc_tiep,2020-03-02 09:00:00,2020-03-1",
          3, 0, "(có 6 trường, dòng tiêu đề có 7)" },
        { "dossier_id,unit_code,proc", 1, 0,
          "(là dòng tiêu đề, thiếu cột channel, received_at, due_at, finished_at)" },
        /* a field cut long is shown by its first 40 bytes */
        { DOSSIER_HEADER FIRST_ROW
          "S2,GL.STTTT,P1,truc_tiep,2020-03-02 09:00:00,2020-03-10 17:00:00,"
          "2020-03-10 17:00:00 0123456789abcdefghijKLMNOPQRST",
          3, 7, "(finished_at '2020-03-10 17:00:00 0123456789abcdefghij' không hợp lệ)" },
    };
    /* whole, but for a unit unknown: a malformed row, listed; a whole
     * header naming a column wrong: a header error */
    static const struct {
        const char *text, *code;
    } not_cut[] = {
        { DOSSIER_HEADER FIRST_ROW
          "S2,GL.XYZ,P1,truc_tiep,2020-03-02 09:00:00,2020-03-10 17:00:00,2020-03-10 17:00:01",
          "W_SYSTEM_ROW" },
        { "dossier_id,unit_code,procedure_code,kenh,received_at,due_at,finished_at",
          "E_SYSTEM_HEADER" },
        /* a field before the last one wrong: not where a cut lands */
        { DOSSIER_HEADER FIRST_ROW
          "S2,GL.STTTT,P1,truc_tiep,2020-03-02 09:00:00,2020-03-10 17:00:0,2020-03-10 17:00:01",
          "W_SYSTEM_ROW" },
        /* fewer fields than the header's, one of them too long: too long,
         * whatever its line end */
        { DOSSIER_HEADER FIRST_ROW "S2,GL.STTTT," LONG_FIELD, "W_SYSTEM_ROW" },
    };

    report(y, STTTT, "gd.ho_so", "2");
    report(y, STTTT, "gd.ho_so_tre", "0");
    for (int gz = 0; gz < 2; gz++) {
        const char *name = gz ? "dossiers.csv.gz" : "dossiers.csv";
        const char *shown = gz ? "systems/dossiers.csv.gz" : "systems/dossiers.csv";

        write_export(y, name,
                     DOSSIER_HEADER FIRST_ROW
                     "S2,GL.STTTT,P1,truc_tiep,2020-03-02 09:00:00,2020-03-10 17:00:00,2020-03-10 17:00:00",
                     gz);
        reconcile(y);
        if (y->out.n != 0) {
            show(&y->out);
            fail_msg("the last line well formed without its end: %zu diagnostics", y->out.n);
        }
        assert_int_equal(y->stats.have_dossiers, 1);
        for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
            const eg_diag *d;

            write_export(y, name, cuts[i].text, gz);
            reconcile(y);
            if (gz) {           /* a line of an intact stream: no cut */
                assert_int_equal(count_code(&y->out, "E_SYSTEM_CUT"), 0);
                assert_true(count_code(&y->out, "W_SYSTEM_ROW") +
                            count_code(&y->out, "E_SYSTEM_HEADER") >= 1);
                continue;
            }
            if (y->out.n != 1) {
                show(&y->out);
                fail_msg("cut %zu: want one E_SYSTEM_CUT, got %zu diagnostics", i, y->out.n);
            }
            d = &y->out.items[0];
            assert_string_equal(d->code, "E_SYSTEM_CUT");
            assert_int_equal(d->severity, EG_ERROR);
            assert_string_equal(d->file, shown);
            assert_int_equal(d->row, cuts[i].row);
            assert_int_equal(d->col, cuts[i].col);
            assert_contains(d->message, cuts[i].why);
            assert_int_equal(y->stats.have_dossiers, 0);
            assert_int_equal(y->stats.malformed, 0);
        }
        for (size_t i = 0; i < sizeof not_cut / sizeof *not_cut; i++) {
            write_export(y, name, not_cut[i].text, gz);
            reconcile(y);
            assert_int_equal(count_code(&y->out, "E_SYSTEM_CUT"), 0);
            assert_int_equal(count_code(&y->out, not_cut[i].code), 1);
        }
        /* the same line with its end: a malformed row, listed; the rest
         * compared (one dossier counted of the two reported) */
        {
            char *text = eg_xasprintf("%s\n", cuts[0].text);

            write_export(y, name, text, gz);
            free(text);
        }
        reconcile(y);
        assert_int_equal(count_code(&y->out, "W_SYSTEM_ROW"), 1);
        assert_int_equal(count_code(&y->out, "E_SYSTEM_HO_SO"), 1);
        assert_int_equal(count_code(&y->out, "E_SYSTEM_CUT"), 0);
        remove_export(y, name);
    }
#undef FIRST_ROW
#undef LONG_FIELD
#undef TEN_X
}

/* An export of one row, and that one malformed: more rows unreadable than
 * not, the export is not reconciled (a count of none would blame the
 * unit); listed, then said unreadable, 1 of 1. */
static void an_export_of_one_malformed_row_is_unreadable(void **state)
{
    year *y = *state;
    const eg_diag *d;

    report(y, STTTT, "gd.ho_so", "1");
    report(y, STTTT, "gd.ho_so_tre", "0");
    write_export(y, "dossiers.csv",
                 DOSSIER_HEADER "D1,GL.STTTT,P1,truc_tiep,2020-03-01 08:00,2020-03-10 17:00:00,\n",
                 0);
    reconcile(y);
    if (y->out.n != 2) {
        show(&y->out);
        fail_msg("want the row listed and the export unreadable, got %zu diagnostics", y->out.n);
    }
    assert_int_equal(count_code(&y->out, "W_SYSTEM_ROW"), 1);
    d = nth(&y->out, "E_SYSTEM_UNREADABLE", 0);
    assert_non_null(d);
    assert_string_equal(d->file, "systems/dossiers.csv");
    assert_contains(d->message, "1 trong 1 dòng sai định dạng");
    assert_int_equal(y->stats.have_dossiers, 0);
    assert_int_equal(y->stats.differences, 0);
}

/* Seven rows of twelve malformed: the export is unreadable, an error that
 * says how many rows of how many, after the first five listed; no count
 * line of W_SYSTEM_ROW besides, and the unit whose figure would differ
 * from the five rows read is not blamed. */
static void more_rows_malformed_than_not_is_an_error_saying_how_many_of_how_many(void **state)
{
    year *y = *state;
    char *text = eg_xstrdup(DOSSIER_HEADER);
    const eg_diag *d;

    for (int i = 1; i <= 12; i++) {
        char *more = eg_xasprintf("%sD%d,%s,P1,truc_tiep,2020-03-01 08:00:00,"
                                  "2020-03-10 17:00:00,\n",
                                  text, i, i % 2 || i == 12 ? "GL.XYZ" : "GL.STTTT");

        free(text);
        text = more;
    }
    report(y, STTTT, "gd.ho_so", "9");      /* 5 in the rows read: would differ */
    report(y, STTTT, "gd.ho_so_tre", "0");
    write_export(y, "dossiers.csv", text, 0);
    free(text);
    reconcile(y);
    if (y->out.n != EG_RECONCILE_LISTED + 1) {
        show(&y->out);
        fail_msg("want %d rows listed and the export unreadable, got %zu diagnostics",
                 EG_RECONCILE_LISTED, y->out.n);
    }
    assert_int_equal(count_code(&y->out, "W_SYSTEM_ROW"), EG_RECONCILE_LISTED);
    d = &y->out.items[EG_RECONCILE_LISTED];
    assert_string_equal(d->code, "E_SYSTEM_UNREADABLE");
    assert_int_equal(d->severity, EG_ERROR);
    assert_string_equal(d->file, "systems/dossiers.csv");
    assert_int_equal(d->row, 0);
    assert_string_equal(d->message,
                        "7 trong 12 dòng sai định dạng: tệp không theo định dạng của hệ thống "
                        "(thời gian YYYY-MM-DD HH:MM:SS, mã đơn vị trong units.csv), có thể đã "
                        "bị mở và lưu lại bằng Excel; không đối chiếu với tệp này. Các dòng đầu "
                        "bị lỗi được liệt kê");
    assert_int_equal(y->out.n_error, 1);
    assert_int_equal(y->stats.rows, 12);
    assert_int_equal(y->stats.malformed, 7);
    assert_int_equal(y->stats.have_dossiers, 0);
    assert_int_equal(y->stats.differences, 0);
}

/* --- the folder ------------------------------------------------------------ */

/* With systems/ there, each export absent is a warning naming the file
 * expected and the check not made; present (plain or gzip), none. */
static void an_absent_export_is_said_to_be_missing(void **state)
{
    year *y = *state;
    const eg_diag *d;

    report(y, STTTT, "gd.ho_so", "1");
    reconcile(y);
    assert_int_equal(y->out.n, 0);
    assert_int_equal(y->missing.n, 2);
    d = &y->missing.items[0];
    assert_int_equal(d->severity, EG_WARNING);
    assert_string_equal(d->file, "systems/dossiers.csv");
    assert_int_equal(d->row, 0);
    assert_string_equal(d->message,
                        "không có tệp systems/dossiers.csv (cũng không có dossiers.csv.gz): số "
                        "hồ sơ (gd.ho_so, gd.ho_so_tre, gd.ho_so_muc_3, gd.ho_so_muc_4) chưa "
                        "được đối chiếu với hệ thống một cửa điện tử; cần đặt tệp xuất của hệ "
                        "thống vào systems/ với đúng tên này; nếu tỉnh không có hệ thống này, "
                        "ghi vào report.csv dòng \"systems,\" (để trống: tỉnh không có hệ "
                        "thống nào)");
    d = &y->missing.items[1];
    assert_string_equal(d->file, "systems/documents.csv");
    assert_contains(d->message, "(cd.vb_lien_thong) chưa được đối chiếu với Trục liên thông văn bản");
    assert_int_equal(y->stats.have_dossiers, 0);
    assert_int_equal(y->stats.have_documents, 0);

    write_export(y, "dossiers.csv.gz",
                 DOSSIER_HEADER "D1,GL.STTTT,P,truc_tiep,2020-05-01 08:00:00,2020-05-09 17:00:00,\n",
                 1);
    reconcile(y);
    assert_int_equal(y->out.n, 0);
    assert_int_equal(y->missing.n, 1);
    assert_string_equal(y->missing.items[0].file, "systems/documents.csv");
    /* the systems whose exports are there, without this one */
    assert_contains(y->missing.items[0].message,
                    "; nếu tỉnh không có hệ thống này, ghi vào report.csv dòng "
                    "\"systems,dossiers\"");

    write_export(y, "documents.csv", DOCUMENT_HEADER, 0);
    reconcile(y);
    assert_int_equal(y->out.n, 0);
    assert_int_equal(y->missing.n, 0);
    assert_int_equal(y->stats.have_dossiers, 1);
    assert_int_equal(y->stats.have_documents, 1);
}

/* A province whose report.csv lists its systems (`systems`) is not told
 * of an export it has no system for; one it lists and lacks is; one it
 * does not list but sends is read all the same. */
static void a_system_the_province_has_not_is_not_missed(void **state)
{
    year *y = *state;
    eg_fact fact = { "systems", "", 1 };

    y->ds.facts = &fact;
    y->ds.n_facts = 1;
    report(y, STTTT, "gd.ho_so", "1");
    reconcile(y);                               /* none: nothing missed */
    assert_int_equal(y->missing.n, 0);
    assert_int_equal(y->out.n, 0);

    fact.value = " documents ";                 /* spaces around a name */
    reconcile(y);
    assert_int_equal(y->missing.n, 1);
    assert_string_equal(y->missing.items[0].file, "systems/documents.csv");
    /* the list given, without this one: none left */
    assert_contains(y->missing.items[0].message, "dòng \"systems,\" (để trống: tỉnh không có "
                                                 "hệ thống nào)");

    fact.value = "dossiers";
    write_export(y, "documents.csv", DOCUMENT_HEADER, 0);
    reconcile(y);
    assert_int_equal(y->missing.n, 1);
    assert_string_equal(y->missing.items[0].file, "systems/dossiers.csv");
    assert_int_equal(y->stats.have_documents, 1);   /* not listed, sent: read */
    /* the list given, not the exports sent, says what is left */
    assert_contains(y->missing.items[0].message, "dòng \"systems,\" (để trống: tỉnh không có "
                                                 "hệ thống nào)");

    fact.value = "dossiers;documents";
    reconcile(y);
    assert_int_equal(y->missing.n, 1);
    assert_string_equal(y->missing.items[0].file, "systems/dossiers.csv");
    assert_contains(y->missing.items[0].message, "dòng \"systems,documents\"");
    y->ds.facts = NULL;
    y->ds.n_facts = 0;
}

/* The warning of file name in systems/, or NULL. */
static const eg_diag *ignored(const year *y, const char *name)
{
    char file[128];

    snprintf(file, sizeof file, "systems/%s", name);
    for (size_t i = 0; i < y->out.n; i++)
        if (strcmp(y->out.items[i].code, "W_SYSTEM_IGNORED") == 0 &&
            strcmp(y->out.items[i].file, file) == 0)
            return &y->out.items[i];
    return NULL;
}

/* Any other file of systems/ is named, with what to do when it looks like
 * an export under another name; hidden files and Excel's lock files are
 * passed over, as in submissions/. */
static void other_files_of_the_folder_are_named(void **state)
{
    year *y = *state;
    static const char *const quiet[] = { ".hidden.csv", "~$dossiers.csv" };
    static const struct {
        const char *name, *message;
    } said[] = {
        { "Dossiers.csv", "systems/Dossiers.csv bị bỏ qua: tên tệp không đúng tên quy định của tệp xuất; "
                          "nếu đây là tệp xuất của hệ thống một cửa điện tử, cần đổi tên thành "
                          "dossiers.csv" },
        { "dossiers (1).csv", "systems/dossiers (1).csv bị bỏ qua: tên tệp không đúng tên quy "
                              "định của tệp xuất; nếu đây là tệp xuất của hệ thống một cửa điện tử, cần "
                              "đổi tên thành dossiers.csv" },
        { "DOSSIER-2020.CSV.GZ", "systems/DOSSIER-2020.CSV.GZ bị bỏ qua: tên tệp không đúng tên "
                                 "quy định của tệp xuất; nếu đây là tệp xuất của hệ thống một cửa điện "
                                 "tử, cần đổi tên thành dossiers.csv.gz" },
        { "dossiers.zip", "systems/dossiers.zip bị bỏ qua: tên tệp không đúng tên quy định của tệp xuất; "
                          "nếu đây là tệp xuất của hệ thống một cửa điện tử: tệp xuất chỉ được "
                          "đọc ở dạng CSV, không nén hoặc nén gzip; cần đặt vào systems/ với tên "
                          "dossiers.csv hoặc dossiers.csv.gz (giải nén nếu là tệp .zip)" },
        { "documents.csv.bak", "systems/documents.csv.bak bị bỏ qua: tên tệp không đúng tên quy "
                               "định của tệp xuất; tệp xuất được đọc là systems/documents.csv: cần xóa "
                               "bản sao này" },
        { "notes.txt", "systems/notes.txt bị bỏ qua: trong systems/ chỉ đọc dossiers.csv và "
                       "documents.csv (mỗi tệp để nguyên hoặc nén thành .csv.gz)" },
        { "old", "systems/old bị bỏ qua: không phải tệp thông thường" },
        /* a folder by an export's name: no export, and said */
        { "dossiers.csv", "systems/dossiers.csv bị bỏ qua: không phải tệp thông thường" },
    };
    char path[700];

    write_export(y, "documents.csv", DOCUMENT_HEADER, 0);
    for (size_t i = 0; i < sizeof quiet / sizeof *quiet; i++)
        write_export(y, quiet[i], "x\n", 0);
    for (size_t i = 0; i < sizeof said / sizeof *said; i++) {
        export_path(y, said[i].name, path, sizeof path);
        if (strcmp(said[i].name, "old") == 0 || strcmp(said[i].name, "dossiers.csv") == 0)
            assert_int_equal(mkdir(path, 0700), 0);
        else
            write_export(y, said[i].name, DOSSIER_HEADER, 0);
    }
    reconcile(y);
    for (size_t i = 0; i < sizeof said / sizeof *said; i++) {
        const eg_diag *d = ignored(y, said[i].name);

        if (!d) {
            show(&y->out);
            fail_msg("nothing said of %s", said[i].name);
        }
        assert_int_equal(d->severity, EG_WARNING);
        assert_string_equal(d->message, said[i].message);
    }
    if (y->out.n != sizeof said / sizeof *said) {
        show(&y->out);
        fail_msg("want %zu warnings, got %zu", sizeof said / sizeof *said, y->out.n);
    }
    /* the one-stop system's export is absent: said too */
    assert_int_equal(y->missing.n, 1);
    assert_string_equal(y->missing.items[0].file, "systems/dossiers.csv");
    assert_int_equal(y->stats.have_documents, 1);
    /* the export read gzip: the copy is said to be one of it */
    remove_export(y, "documents.csv");
    write_export(y, "documents.csv.gz", DOCUMENT_HEADER, 1);
    reconcile(y);
    assert_non_null(ignored(y, "documents.csv.bak"));
    assert_string_equal(ignored(y, "documents.csv.bak")->message,
                        "systems/documents.csv.bak bị bỏ qua: tên tệp không đúng tên quy định "
                        "của tệp xuất; tệp xuất được đọc là systems/documents.csv.gz: cần xóa "
                        "bản sao này");
    assert_int_equal(y->stats.have_documents, 1);
    export_path(y, "old", path, sizeof path);
    rmdir(path);
    export_path(y, "dossiers.csv", path, sizeof path);
    rmdir(path);
}

static void without_a_systems_folder_nothing_is_done(void **state)
{
    year *y = *state;

    report(y, STTTT, "gd.ho_so", "7");
    rmdir(y->systems);
    memset(&y->stats, 0xff, sizeof y->stats);
    reconcile(y);
    assert_int_equal(y->out.n, 0);
    assert_int_equal(y->missing.n, 0);      /* the folder is optional */
    assert_int_equal(y->stats.have_dossiers, 0);
    assert_int_equal(y->stats.rows, 0);
    assert_int_equal(y->stats.differences, 0);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, year_setup, year_teardown)
    const struct CMUnitTest tests[] = {
        T(received_at_must_be_a_real_time),
        T(every_time_column_is_checked_alike),
        T(dossiers_count_for_their_year_and_late_means_finished_after_due),
        T(a_gzip_export_counts_the_same),
        T(columns_are_found_by_name_in_any_order),
        T(a_nul_in_a_code_ends_it),
        T(codes_and_channels_alternating_row_by_row_count_as_the_registry_says),
        T(every_near_miss_of_a_channel_is_malformed),
        T(a_long_code_is_compared_whole),
        T(a_dossier_without_a_unit_code_is_left_out_and_counted_for_no_unit),
        cmocka_unit_test_setup_teardown(
            codes_of_a_known_code_s_slot_and_first_bytes_are_not_taken_for_it,
            year_setup_sixteen, year_teardown),
        cmocka_unit_test_setup_teardown(every_near_miss_of_a_known_code_is_malformed,
                                        year_setup_sixteen, year_teardown),
        cmocka_unit_test_setup_teardown(a_code_longer_than_a_slot_is_the_registry_s_all_the_same,
                                        year_setup_long_codes, year_teardown),
        T(a_crowd_of_unknown_codes_leaves_the_known_ones_counted),
        T(documents_count_for_the_year_they_were_sent),
        T(only_the_first_malformed_rows_are_listed_then_a_count),
        T(as_many_malformed_rows_as_listed_need_no_count),
        T(an_overlong_row_is_left_out),
        T(two_readers_list_and_count_as_one_does),
        T(two_readers_number_the_second_half_as_lines_of_the_file),
        T(two_readers_list_nothing_more_once_the_first_half_listed_enough),
        T(two_readers_count_documents_as_one_does),
        T(reading_begun_before_the_values_says_what_reading_after_them_says),
        T(a_missing_column_is_a_header_error_and_nothing_is_compared),
        T(a_header_with_a_name_too_long_is_a_header_error),
        T(an_empty_export_is_a_header_error),
        T(plain_and_gzip_both_present_is_a_read_error),
        T(a_truncated_gzip_export_is_a_read_error),
        T(a_last_line_unfinished_and_malformed_is_a_cut),
        T(a_plain_export_cut_short_is_said_cut_by_any_number_of_readers),
        T(an_export_of_one_malformed_row_is_unreadable),
        T(more_rows_malformed_than_not_is_an_error_saying_how_many_of_how_many),
        T(an_absent_export_is_said_to_be_missing),
        T(a_system_the_province_has_not_is_not_missed),
        T(other_files_of_the_folder_are_named),
        T(without_a_systems_folder_nothing_is_done),
    };
#undef T

    return cmocka_run_group_tests(tests, eg_test_layouts_setup, eg_test_layouts_teardown);
}
