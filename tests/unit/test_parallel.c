/*
 * test_parallel.c - the submissions read by a pool of threads
 * (eg_submissions_read_jobs): with 1, 2 and more jobs, the same values
 * handed on in file-name order, the same diagnostics in the same order
 * and the same ds->files; a file too large for a worker (on disk, or by
 * its values past the hold) read by the calling thread in its turn; files
 * that cannot be read, ignored or empty between readable ones; and
 * EGREPORT_JOBS as eg_jobs_from_env reads it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "support.h"
#include "extract/parallel.h"

#ifdef EG_SOURCE_DIR
#define YEAR_2020 EG_SOURCE_DIR "/input/2020"
#define SOURCE EG_SOURCE_DIR "/"
#else
#define YEAR_2020 "input/2020"     /* the test runner runs from the repository */
#define SOURCE ""
#endif

/* What one run gave, as text: each value and each diagnostic a line. */
typedef struct {
    char **line;
    size_t n;
    int files_at_call;      /* ds->n_files when fn was last called */
} seen;

static void seen_add(seen *s, char *line)
{
    s->line = eg_xrealloc(s->line, (s->n + 1) * sizeof *s->line);
    s->line[s->n++] = line;
}

static void seen_free(seen *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->line[i]);
    free(s->line);
    memset(s, 0, sizeof *s);
}

typedef struct {
    seen *s;
    eg_dataset *ds;
} collect_ctx;

static const char *or_dash(const char *s)
{
    return s ? s : "-";
}

/* Every field of the raw value, so that a worker's copy is checked whole. */
static int collect(void *ctx, const eg_raw_value *rv)
{
    collect_ctx *c = ctx;

    seen_add(c->s, eg_xasprintf("V %s:%ld %s|%s|%s|%s|e%d "
                                "c%d,%d,%d n%d d%d s%s p%d o%s@%d name%s@%d said%d "
                                "x%s@%d h%zu next%s a%d@%d",
                                c->ds->files[rv->file].path, rv->row, or_dash(rv->unit),
                                or_dash(rv->indicator), or_dash(rv->value), or_dash(rv->note),
                                rv->value_error, rv->unit_col, rv->indicator_col, rv->value_col,
                                rv->value_number, rv->value_dated, or_dash(rv->value_stored),
                                rv->value_percent, or_dash(rv->submitted_on),
                                rv->submitted_on_col, or_dash(rv->unit_name), rv->unit_name_col,
                                rv->row_said, or_dash(rv->extra), rv->extra_col,
                                rv->header_fields, or_dash(rv->value_next),
                                (int)rv->alien_delimiter, rv->alien_col));
    return 0;
}

/* ds, empty, for the year 2020 at dir. */
static void dataset_at(eg_dataset *ds, const char *dir)
{
    memset(ds, 0, sizeof *ds);
    ds->year = 2020;
    ds->year_dir = eg_xstrdup(dir);
}

/* Runs eg_submissions_read_jobs over dir with jobs threads; what it gave
 * into out: values as they came, then the diagnostics in order, then the
 * files.  Returns its return. */
static int run(const char *dir, int jobs, seen *out)
{
    eg_dataset ds;
    eg_diag_list dl = { 0 };
    collect_ctx c = { out, &ds };
    int rc;

    dataset_at(&ds, dir);
    dl.listed_max = 3;
    rc = eg_submissions_read_jobs(&ds, eg_test_layouts.columns, collect, &c, NULL, &dl, jobs);
    for (size_t i = 0; i < dl.n; i++)
        seen_add(out, eg_xasprintf("D %d %s %s:%ld:%d %s", (int)dl.items[i].severity,
                                   dl.items[i].code, dl.items[i].file ? dl.items[i].file : "-",
                                   dl.items[i].row, dl.items[i].col, dl.items[i].message));
    seen_add(out, eg_xasprintf("N e%zu w%zu f%zu", dl.n_error, dl.n_warning, dl.n_fatal));
    for (size_t i = 0; i < ds.n_files; i++)
        seen_add(out, eg_xasprintf("F %s %lld fmt%d rows%zu", ds.files[i].path, ds.files[i].size,
                                   ds.files[i].format, ds.files[i].rows_read));
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
    return rc;
}

static void assert_same(const seen *a, const seen *b, int jobs)
{
    size_t n = a->n < b->n ? a->n : b->n;

    for (size_t i = 0; i < n; i++)
        if (strcmp(a->line[i], b->line[i]) != 0)
            fail_msg("jobs %d, line %zu:\n  1 job: %s\n  %d jobs: %s", jobs, i, a->line[i], jobs,
                     b->line[i]);
    if (a->n != b->n)
        fail_msg("jobs %d: %zu lines, 1 job %zu", jobs, b->n, a->n);
}

static void assert_prefix(const char *line, const char *prefix)
{
    if (strncmp(line, prefix, strlen(prefix)) != 0)
        fail_msg("\"%s\" does not begin with \"%s\"", line, prefix);
}

static size_t count_prefix(const seen *s, const char *prefix)
{
    size_t n = 0;

    for (size_t i = 0; i < s->n; i++)
        if (strncmp(s->line[i], prefix, strlen(prefix)) == 0)
            n++;
    return n;
}

static int has_line(const seen *s, const char *text)
{
    for (size_t i = 0; i < s->n; i++)
        if (strstr(s->line[i], text))
            return 1;
    return 0;
}

/* A year folder with submissions/ in it; its name (eg_test_rm_rf). */
static char *year_folder(char **sub)
{
    char *dir = eg_test_scratch("eg-par");

    *sub = eg_xasprintf("%s/submissions", dir);
    assert_int_equal(mkdir(*sub, 0755), 0);
    return dir;
}

/* A CSV of n rows of unit u, indicators k0..k(n-1), values v + i. */
static char *rows_csv(const char *u, int n, int v)
{
    size_t cap = 64 + (size_t)n * 64, len;
    char *t = eg_xmalloc(cap);

    len = (size_t)snprintf(t, cap, "unit_code,indicator,value,note\n");
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(t + len, cap - len, "%s,k%d,%d,n%d\n", u, i, v + i, i);
    return t;
}

/* n files f0.csv.. in sub, file f of unit U.f with rows0 + f * step rows
 * valued from value * f (rows_csv). */
static void put_unit_files(const char *sub, int n, int rows0, int step, int value)
{
    for (int f = 0; f < n; f++) {
        char name[32], unit[16];
        char *t;

        snprintf(name, sizeof name, "f%d.csv", f);
        snprintf(unit, sizeof unit, "U.%d", f);
        t = rows_csv(unit, rows0 + f * step, value * f);
        eg_test_put(sub, name, t);
        free(t);
    }
}

/* A run over dir with jobs gives what *one saw. */
static void same_as(const char *dir, const seen *one, int jobs)
{
    seen many = { 0 };

    assert_int_equal(run(dir, jobs, &many), 0);
    assert_same(one, &many, jobs);
    seen_free(&many);
}

/* A collect that says stop at the third value of each file. */
typedef struct {
    collect_ctx c;
    int file;
    int n;
} stopping_ctx;

static int collect_3_a_file(void *ctx, const eg_raw_value *rv)
{
    stopping_ctx *sc = ctx;

    if (rv->file != sc->file) {
        sc->file = rv->file;
        sc->n = 0;
    }
    collect(&sc->c, rv);
    return ++sc->n == 3;
}

/* The values run over dir with jobs threads hands to collect_3_a_file. */
static void run_stopping(const char *dir, int jobs, seen *out)
{
    eg_dataset ds;
    eg_diag_list dl = { 0 };
    stopping_ctx sc = { { out, &ds }, -1, 0 };

    dataset_at(&ds, dir);
    assert_int_equal(eg_submissions_read_jobs(&ds, eg_test_layouts.columns, collect_3_a_file,
                                              &sc, NULL, &dl, jobs), 0);
    assert_int_equal(dl.n, 0);
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
}

/* Compares jobs 2, 3 and EG_MAX_JOBS + 4 (capped) with 1 over dir; the
 * one-job run left in *one. */
static void same_for_all_jobs(const char *dir, seen *one)
{
    static const int jobs[] = { 2, 3, EG_MAX_JOBS + 4 };

    assert_int_equal(run(dir, 1, one), 0);
    for (size_t i = 0; i < sizeof jobs / sizeof *jobs; i++)
        for (int round = 0; round < 3; round++)
            same_as(dir, one, jobs[i]);
}

static void several_files_give_the_same_values_and_diagnostics_with_any_number_of_jobs(void **state)
{
    char *sub;
    char *dir = year_folder(&sub);
    seen one = { 0 };

    (void)state;
    unsetenv("EGREPORT_HOLD_BYTES");
    put_unit_files(sub, 7, 5, 3, 100);
    eg_test_put(sub, "a-empty.csv", "");                            /* E_NO_HEADER */
    eg_test_put(sub, "c-notes.txt", "nothing\n");                   /* ignored */
    eg_test_put(sub, "d-noheader.csv", "x,y\n1,2\n3,4\n");          /* no header */
    eg_test_put(sub, "e-bad.xlsx", "not a zip at all\n");           /* unreadable */
    eg_test_put(sub, ".hidden.csv", "unit_code,indicator,value\nH,h,1\n");
    same_for_all_jobs(dir, &one);
    /* the one-job run is what it should be: every value, in name order */
    assert_int_equal(count_prefix(&one, "V "), 5 + 8 + 11 + 14 + 17 + 20 + 23);
    assert_true(has_line(&one, "V submissions/f0.csv:2 U.0|k0|0|n0|e0"));
    assert_true(has_line(&one, "V submissions/f6.csv:24 U.6|k22|622|n22|e0"));
    assert_false(has_line(&one, ".hidden"));
    assert_true(has_line(&one, "E_NO_HEADER submissions/a-empty.csv"));
    assert_true(has_line(&one, "submissions/e-bad.xlsx"));
    assert_true(count_prefix(&one, "D ") >= 3);
    seen_free(&one);
    free(sub);
    eg_test_rm_rf(dir);
}

/* fn saying stop at a file's third value: no more of that file's values,
 * with one job or several; the next file is read from its start. */
static void a_stop_from_fn_ends_the_files_values_with_any_number_of_jobs(void **state)
{
    char *sub;
    char *dir = year_folder(&sub);
    seen one = { 0 };

    (void)state;
    unsetenv("EGREPORT_HOLD_BYTES");
    put_unit_files(sub, 4, 2, 2, 10);            /* 2, 4, 6, 8 rows */
    run_stopping(dir, 1, &one);
    assert_int_equal(one.n, 2 + 3 + 3 + 3);
    assert_prefix(one.line[1], "V submissions/f0.csv:3 U.0|k1|1|");
    assert_prefix(one.line[2], "V submissions/f1.csv:2 U.1|k0|10|");
    assert_prefix(one.line[4], "V submissions/f1.csv:4 U.1|k2|12|");
    assert_prefix(one.line[5], "V submissions/f2.csv:2 U.2|k0|20|");
    assert_prefix(one.line[10], "V submissions/f3.csv:4 U.3|k2|32|");
    for (int jobs = 2; jobs <= 3; jobs++)
        for (int round = 0; round < 3; round++) {
            seen many = { 0 };

            run_stopping(dir, jobs, &many);
            assert_same(&one, &many, jobs);
            seen_free(&many);
        }
    seen_free(&one);
    free(sub);
    eg_test_rm_rf(dir);
}

/* jobs 1 or fewer is one thread's reading itself: fn saying stop at a
 * file's third value ends its reading there, so the rows past it are
 * neither counted nor looked at (the pool reads a file whole first). */
static void one_job_or_fewer_stops_reading_a_file_where_fn_says_stop(void **state)
{
    static const int jobs[] = { 1, 0, -3 };
    char *sub;
    char *dir = year_folder(&sub);

    (void)state;
    unsetenv("EGREPORT_HOLD_BYTES");
    /* a field past the header's on row 6: a problem only if read */
    eg_test_put(sub, "a.csv", "unit_code,indicator,value\n"
                              "U,k1,1\nU,k2,2\nU,k3,3\nU,k4,4\nU,k5,5,9\n");
    for (size_t i = 0; i < sizeof jobs / sizeof *jobs; i++) {
        seen s = { 0 };
        eg_dataset ds;
        eg_diag_list dl = { 0 };
        stopping_ctx sc = { { &s, &ds }, -1, 0 };

        dataset_at(&ds, dir);
        assert_int_equal(eg_submissions_read_jobs(&ds, eg_test_layouts.columns, collect_3_a_file,
                                                  &sc, NULL, &dl, jobs[i]), 0);
        assert_int_equal(s.n, 3);
        assert_prefix(s.line[2], "V submissions/a.csv:4 U|k3|3|");
        assert_int_equal(ds.n_files, 1);
        assert_int_equal(ds.files[0].rows_read, 3);
        assert_int_equal(dl.n, 0);
        assert_int_equal(dl.n_error + dl.n_warning + dl.n_fatal, 0);
        eg_diag_free(&dl);
        eg_dataset_free(&ds);
        seen_free(&s);
    }
    free(sub);
    eg_test_rm_rf(dir);
}

/* Values in order file by file: the first value of f1 after the last of f0. */
static void values_come_in_file_name_order_whatever_the_sizes(void **state)
{
    char *sub;
    char *dir = year_folder(&sub);
    seen one = { 0 };
    char *t;

    (void)state;
    unsetenv("EGREPORT_HOLD_BYTES");
    /* the first file much larger than the rest: the later ones are read first */
    t = rows_csv("A", 3000, 1);
    eg_test_put(sub, "1.csv", t);
    free(t);
    for (int f = 2; f < 6; f++) {
        char name[16];

        snprintf(name, sizeof name, "%d.csv", f);
        t = rows_csv("B", 2, f);
        eg_test_put(sub, name, t);
        free(t);
    }
    same_for_all_jobs(dir, &one);
    assert_int_equal(count_prefix(&one, "V "), 3000 + 4 * 2);
    assert_prefix(one.line[0], "V submissions/1.csv:2 A|k0|1|n0|e0");
    assert_prefix(one.line[2999], "V submissions/1.csv:3001 A|k2999|3000|n2999|e0");
    assert_prefix(one.line[3000], "V submissions/2.csv:2 B|k0|2|n0|e0");
    seen_free(&one);
    free(sub);
    eg_test_rm_rf(dir);
}

/* With a small hold: a file larger than half of it on disk, and one small
 * on disk whose values pass it, are read by the calling thread in their
 * turn; the outputs stay those of one job. */
static void files_too_large_for_a_worker_are_read_in_their_turn(void **state)
{
    char *sub;
    char *dir = year_folder(&sub);
    seen one = { 0 };
    char *t;

    (void)state;
    /* 4000 bytes: a file over 2000 on disk is not a worker's; 60 short rows
     * hold far more than 4000 in values */
    setenv("EGREPORT_HOLD_BYTES", "4000", 1);
    t = rows_csv("BIG", 200, 7);            /* some 3 KB on disk */
    eg_test_put(sub, "b-big.csv", t);
    free(t);
    {
        char small[2048];
        size_t len = (size_t)snprintf(small, sizeof small, "unit_code,indicator,value\n");

        for (int i = 0; i < 60; i++)
            len += (size_t)snprintf(small + len, sizeof small - len, "M,k%d,%d\n", i, i);
        eg_test_put(sub, "c-many.csv", small);  /* under 2000 bytes on disk */
    }
    t = rows_csv("S", 3, 1);
    eg_test_put(sub, "a-small.csv", t);
    eg_test_put(sub, "d-small.csv", t);
    eg_test_put(sub, "d-zempty.csv", "");
    free(t);
    same_for_all_jobs(dir, &one);
    assert_int_equal(count_prefix(&one, "V "), 3 + 200 + 60 + 3);
    assert_prefix(one.line[3], "V submissions/b-big.csv:2 BIG|k0|7|n0|e0");
    assert_prefix(one.line[203], "V submissions/c-many.csv:2 M|k0|0||e0");
    assert_prefix(one.line[262], "V submissions/c-many.csv:61 M|k59|59||e0");
    assert_prefix(one.line[263], "V submissions/d-small.csv:2 S|k0|1|n0|e0");
    assert_true(has_line(&one, "F submissions/c-many.csv"));
    assert_true(has_line(&one, "rows60"));
    /* a hold that is no count: the default */
    setenv("EGREPORT_HOLD_BYTES", "lots", 1);
    same_as(dir, &one, 2);
    setenv("EGREPORT_HOLD_BYTES", "0", 1);
    same_as(dir, &one, 2);
    unsetenv("EGREPORT_HOLD_BYTES");
    seen_free(&one);
    free(sub);
    eg_test_rm_rf(dir);
}

/* Several files small on disk whose values each pass the hold: a worker
 * lets go of what it held of each before the calling thread reads it, so
 * that the others still find room. */
static void files_whose_values_pass_the_hold_are_let_go_of_by_the_worker(void **state)
{
    char *sub;
    char *dir = year_folder(&sub);
    seen one = { 0 };

    (void)state;
    setenv("EGREPORT_HOLD_BYTES", "4000", 1);
    for (int f = 0; f < 6; f++) {
        char name[32], small[2048];
        size_t len = (size_t)snprintf(small, sizeof small, "unit_code,indicator,value\n");

        for (int i = 0; i < 60; i++)
            /* m0 not UTF-8: a warning its worker says before the values
             * pass the hold, to be said once, by the calling thread */
            len += (size_t)snprintf(small + len, sizeof small - len,
                                    f == 0 ? "M%d,k%d,%d,\xff\n" : "M%d,k%d,%d\n", f, i, i);
        snprintf(name, sizeof name, "m%d.csv", f);
        eg_test_put(sub, name, small);
    }
    same_for_all_jobs(dir, &one);
    assert_int_equal(count_prefix(&one, "V "), 360);
    assert_prefix(one.line[359], "V submissions/m5.csv:61 M5|k59|59|");
    assert_int_equal(count_prefix(&one, "D 0 W_TEXT_CP1258 submissions/m0.csv:"), 1);
    unsetenv("EGREPORT_HOLD_BYTES");
    seen_free(&one);
    free(sub);
    eg_test_rm_rf(dir);
}

/* Of one problem repeated in a file: the first listed_max listed, the rest
 * counted, as one job counts them, file by file. */
static void a_flood_of_one_problem_is_counted_as_one_job_counts_it(void **state)
{
    char *sub;
    char *dir = year_folder(&sub);
    seen one = { 0 };

    (void)state;
    unsetenv("EGREPORT_HOLD_BYTES");
    for (int f = 0; f < 3; f++) {
        char name[16], text[4096];
        size_t len = (size_t)snprintf(text, sizeof text, "unit_code,indicator,value\n");

        /* rows with a field past the header's: a warning or error each */
        for (int i = 0; i < 20; i++)
            len += (size_t)snprintf(text + len, sizeof text - len, "U%d,k%d,1,2,3\n", f, i);
        snprintf(name, sizeof name, "%d.csv", f);
        eg_test_put(sub, name, text);
    }
    same_for_all_jobs(dir, &one);
    seen_free(&one);
    free(sub);
    eg_test_rm_rf(dir);
}

/* Every field of a value as one job gives it: the submission date, the
 * unit's name, a field past the header, the field after the value, a cell
 * shown as a date; and rows of a workbook. */
static void every_field_of_a_value_is_handed_on_as_one_job_gives_it(void **state)
{
    char *sub;
    char *dir = year_folder(&sub);
    seen one = { 0 };

    (void)state;
    unsetenv("EGREPORT_HOLD_BYTES");
    eg_test_put(sub, "a.csv",
                "unit_code,unit_name,indicator,value,note,submitted_on\n"
                "U1,Sở Một,k1,12,ghi chú,15/01/2021\n"
                "U1,Sở Một,k2,\"1,5\",x,15/01/2021\n"
                "U1,Sở Một,k3,1,5,x,16/01/2021,thừa\n"
                "U1,Sở Một,k4,7 ,,\n");
    eg_test_put(sub, "b.csv",
                "unit_code;indicator;value\n"
                "U2;k1;3\n"
                "U2,k2,4\n"
                "U2;k3;1;2\n");
    eg_test_put(sub, "c.csv", "unit_code,indicator,value\nU3,k1,1,5\n");
    same_for_all_jobs(dir, &one);
    assert_true(has_line(&one, "o15/01/2021@6"));
    assert_true(has_line(&one, "nameSở Một@2"));
    assert_true(has_line(&one, "next5"));
    assert_true(count_prefix(&one, "V submissions/b.csv") >= 2);
    seen_free(&one);
    free(sub);
    eg_test_rm_rf(dir);
}

/* Many small files under a small hold: together they pass twice the hold,
 * so a worker waits for the calling thread to let go of those read ahead;
 * every value still comes, in order. */
static void many_small_files_under_a_small_hold_all_come_in_order(void **state)
{
    char *sub;
    char *dir = year_folder(&sub);
    seen one = { 0 };

    (void)state;
    setenv("EGREPORT_HOLD_BYTES", "3000", 1);
    for (int f = 0; f < 40; f++) {
        char name[32], unit[16];
        char *t;

        snprintf(name, sizeof name, "s%02d.csv", f);
        snprintf(unit, sizeof unit, "U%d", f);
        t = rows_csv(unit, 4, f);
        eg_test_put(sub, name, t);
        free(t);
    }
    same_for_all_jobs(dir, &one);
    assert_int_equal(count_prefix(&one, "V "), 160);
    assert_prefix(one.line[0], "V submissions/s00.csv:2 U0|k0|0|n0|e0");
    assert_prefix(one.line[159], "V submissions/s39.csv:5 U39|k3|42|n3|e0");
    unsetenv("EGREPORT_HOLD_BYTES");
    seen_free(&one);
    free(sub);
    eg_test_rm_rf(dir);
}

/* The project's own 2020 submissions (CSV, XLSX and XLS, with their
 * flaws): the same with any number of jobs. */
static void the_2020_submissions_give_the_same_with_any_number_of_jobs(void **state)
{
    seen one = { 0 };

    (void)state;
    unsetenv("EGREPORT_HOLD_BYTES");
    same_for_all_jobs(YEAR_2020, &one);
    assert_true(count_prefix(&one, "V ") > 100);
    assert_true(count_prefix(&one, "D ") > 0);
    seen_free(&one);
}

/* The workbooks of the test corpus (tests/fuzz, tests/fixtures), odd ones
 * included, as submissions. */
static void workbooks_give_the_same_with_any_number_of_jobs(void **state)
{
    char *sub;
    char *dir = year_folder(&sub);
    seen one = { 0 };
    char *cmd = eg_xasprintf("cp " SOURCE "tests/fuzz/fuzz_xlsx/*.xlsx " SOURCE "tests/fixtures/xls/* '%s'", sub);

    (void)state;
    unsetenv("EGREPORT_HOLD_BYTES");
    assert_int_equal(system(cmd), 0);
    free(cmd);
    same_for_all_jobs(dir, &one);
    /* a cell shown as a date keeps the number stored */
    assert_true(has_line(&one, "V submissions/cells.xls:10 KT.STTTT|d.date|2021-12-15||e0"));
    assert_true(has_line(&one, "d1 s44545"));
    seen_free(&one);
    free(sub);
    eg_test_rm_rf(dir);
}

static void no_submissions_folder_is_fatal_with_any_number_of_jobs(void **state)
{
    char *dir = eg_test_scratch("eg-par");
    seen one = { 0 }, many = { 0 };

    (void)state;
    assert_int_equal(run(dir, 1, &one), -1);
    assert_int_equal(run(dir, 2, &many), -1);
    assert_same(&one, &many, 2);
    assert_true(has_line(&one, "F_INPUT submissions"));
    seen_free(&one);
    seen_free(&many);
    eg_test_rm_rf(dir);
}

static void an_empty_submissions_folder_gives_nothing_with_any_number_of_jobs(void **state)
{
    char *sub;
    char *dir = year_folder(&sub);
    seen one = { 0 };

    (void)state;
    same_for_all_jobs(dir, &one);
    assert_int_equal(one.n, 1);
    assert_string_equal(one.line[0], "N e0 w0 f0");
    seen_free(&one);
    free(sub);
    eg_test_rm_rf(dir);
}

static void jobs_from_env_takes_1_to_the_maximum_else_the_default(void **state)
{
    (void)state;
    unsetenv("EGREPORT_JOBS");
    assert_int_equal(eg_jobs_from_env(3), 3);
    setenv("EGREPORT_JOBS", "", 1);
    assert_int_equal(eg_jobs_from_env(3), 3);
    setenv("EGREPORT_JOBS", "1", 1);
    assert_int_equal(eg_jobs_from_env(3), 1);
    setenv("EGREPORT_JOBS", "2", 1);
    assert_int_equal(eg_jobs_from_env(3), 2);
    setenv("EGREPORT_JOBS", "0", 1);
    assert_int_equal(eg_jobs_from_env(3), 3);
    setenv("EGREPORT_JOBS", "-2", 1);
    assert_int_equal(eg_jobs_from_env(3), 3);
    setenv("EGREPORT_JOBS", "two", 1);
    assert_int_equal(eg_jobs_from_env(3), 3);
    setenv("EGREPORT_JOBS", "8", 1);
    assert_int_equal(eg_jobs_from_env(3), EG_MAX_JOBS);
    setenv("EGREPORT_JOBS", "9", 1);
    assert_int_equal(eg_jobs_from_env(3), EG_MAX_JOBS);
    setenv("EGREPORT_JOBS", "1000", 1);
    assert_int_equal(eg_jobs_from_env(3), EG_MAX_JOBS);
    unsetenv("EGREPORT_JOBS");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(several_files_give_the_same_values_and_diagnostics_with_any_number_of_jobs),
        cmocka_unit_test(a_stop_from_fn_ends_the_files_values_with_any_number_of_jobs),
        cmocka_unit_test(one_job_or_fewer_stops_reading_a_file_where_fn_says_stop),
        cmocka_unit_test(values_come_in_file_name_order_whatever_the_sizes),
        cmocka_unit_test(files_too_large_for_a_worker_are_read_in_their_turn),
        cmocka_unit_test(files_whose_values_pass_the_hold_are_let_go_of_by_the_worker),
        cmocka_unit_test(a_flood_of_one_problem_is_counted_as_one_job_counts_it),
        cmocka_unit_test(every_field_of_a_value_is_handed_on_as_one_job_gives_it),
        cmocka_unit_test(many_small_files_under_a_small_hold_all_come_in_order),
        cmocka_unit_test(the_2020_submissions_give_the_same_with_any_number_of_jobs),
        cmocka_unit_test(workbooks_give_the_same_with_any_number_of_jobs),
        cmocka_unit_test(no_submissions_folder_is_fatal_with_any_number_of_jobs),
        cmocka_unit_test(an_empty_submissions_folder_gives_nothing_with_any_number_of_jobs),
        cmocka_unit_test(jobs_from_env_takes_1_to_the_maximum_else_the_default),
    };

    return cmocka_run_group_tests(tests, eg_test_layouts_setup, eg_test_layouts_teardown);
}
