/*
 * test_owners.c - normalize/owners.c: whose file a submission is, and the
 * problems about a whole file that then name its owner.
 *
 * The registry: a province GL, two departments, a district PKU with two
 * communes and a district CPU with one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/diag.h"
#include "core/mem.h"
#include "core/model.h"
#include "normalize/owners.h"

#include "support.h"

enum { GL, SA, SB, PKU, PKU1, PKU2, CPU, CPU1 };

#define N_FILES 9

static void registry(eg_dataset *ds)
{
    eg_test_add_unit(ds, "GL", "Tỉnh Gia Lai", EG_LEVEL_TINH, -1);
    eg_test_add_unit(ds, "GL.SA", "Sở A", EG_LEVEL_SO, GL);
    eg_test_add_unit(ds, "GL.SB", "Sở B", EG_LEVEL_SO, GL);
    eg_test_add_unit(ds, "GL.PKU", "Thị xã Ayun Pa", EG_LEVEL_HUYEN, GL);
    eg_test_add_unit(ds, "GL.PKU.01", "Phường Đoàn Kết", EG_LEVEL_XA, PKU);
    eg_test_add_unit(ds, "GL.PKU.02", "Xã Chư Băh", EG_LEVEL_XA, PKU);
    eg_test_add_unit(ds, "GL.CPU", "Huyện Chư Pưh", EG_LEVEL_HUYEN, GL);
    eg_test_add_unit(ds, "GL.CPU.01", "Thị trấn Nhơn Hòa", EG_LEVEL_XA, CPU);
    ds->files = eg_xcalloc(N_FILES, sizeof *ds->files);
    for (int f = 0; f < N_FILES; f++)
        ds->files[f].path = eg_xasprintf("submissions/f%d.csv", f);
    ds->n_files = N_FILES;
}

static void value(eg_dataset *ds, int file, int unit)
{
    ds->values = eg_xrealloc(ds->values, (ds->n_values + 1) * sizeof *ds->values);
    memset(&ds->values[ds->n_values], 0, sizeof *ds->values);
    ds->values[ds->n_values].file = file;
    ds->values[ds->n_values].unit = unit;
    ds->values[ds->n_values].row = (long)ds->n_values + 2;
    ds->n_values++;
}

/* The files of the tests, in the order the values come (a file's values
 * need not come together, nor the owner's first). */
static void files(eg_dataset *ds)
{
    registry(ds);
    value(ds, 0, SA);                           /* one department */
    value(ds, 0, SA);
    value(ds, 1, PKU1);                         /* a district, its communes first */
    value(ds, 1, PKU);
    value(ds, 2, SA);                           /* two departments */
    value(ds, 1, PKU2);
    value(ds, 2, SB);
    /* 3: no values */
    value(ds, 4, PKU1);                         /* communes of two districts */
    value(ds, 4, CPU1);
    value(ds, 5, PKU1);                         /* the province and a commune */
    value(ds, 5, GL);
    value(ds, 6, PKU1);                         /* two communes of one district */
    value(ds, 6, PKU2);
    value(ds, 7, CPU1);                         /* a commune, then another district */
    value(ds, 7, PKU);
    value(ds, 8, CPU1);                         /* one commune */
}

static void a_file_is_of_the_unit_whose_units_all_its_values_are(void **state)
{
    static const int want[N_FILES] = { SA, PKU, -1, -1, -1, GL, -1, -1, CPU1 };
    eg_dataset ds;
    int *owner;

    (void)state;
    memset(&ds, 0, sizeof ds);
    files(&ds);
    owner = eg_file_owners(&ds);
    for (int f = 0; f < N_FILES; f++)
        if (owner[f] != want[f])
            fail_msg("file f%d: owner %d, want %d", f, owner[f], want[f]);
    free(owner);
    eg_dataset_free(&ds);
}

/* A unit whose parents loop (units.csv's reader refuses such a registry:
 * this is the guard behind it) neither hangs the walk nor owns a file;
 * a file of units whose parents end still has its owner. */
static void a_loop_of_parents_ends(void **state)
{
    eg_dataset ds;
    int *owner;

    (void)state;
    memset(&ds, 0, sizeof ds);
    registry(&ds);
    ds.registry.items[PKU].parent = PKU1;       /* PKU <-> PKU1 */
    value(&ds, 0, PKU1);
    value(&ds, 1, PKU1);
    value(&ds, 1, SA);
    value(&ds, 2, SB);
    owner = eg_file_owners(&ds);
    assert_int_equal(owner[0], -1);
    assert_int_equal(owner[1], -1);         /* PKU1 is not within GL.SA */
    assert_int_equal(owner[2], SB);
    free(owner);
    eg_dataset_free(&ds);
}

/* Only a problem of a whole file (a file, no row, no unit), and not a
 * fatal one nor a line standing for more, names the file's owner. */
static void a_problem_of_a_whole_file_names_its_owner(void **state)
{
    static const struct {
        eg_severity sev;
        const char *file;
        long row;
        const char *unit;
        const char *want;
    } cases[] = {
        { EG_WARNING, "submissions/f0.csv", 0, NULL, "GL.SA" },
        { EG_ERROR, "submissions/f1.csv", 0, NULL, "GL.PKU" },
        { EG_WARNING, "submissions/f2.csv", 0, NULL, NULL },          /* units apart */
        { EG_WARNING, "submissions/f3.csv", 0, NULL, NULL },          /* no values */
        { EG_WARNING, "submissions/f0.csv", 5, NULL, NULL },          /* a row's */
        { EG_WARNING, "submissions/f0.csv", 0, "GL.SB", "GL.SB" },    /* named already */
        { EG_FATAL, "submissions/f0.csv", 0, NULL, NULL },
        { EG_WARNING, NULL, 0, NULL, NULL },
        { EG_WARNING, "submissions/other.csv", 0, NULL, NULL },       /* not a submission */
        { EG_WARNING, "submissions/f8.csv", 0, NULL, "GL.CPU.01" },
    };
    const size_t n = sizeof cases / sizeof *cases;
    eg_diag_list dl;
    eg_dataset ds;

    (void)state;
    memset(&ds, 0, sizeof ds);
    memset(&dl, 0, sizeof dl);
    files(&ds);
    for (size_t i = 0; i < n; i++)
        eg_diag_add(&dl, cases[i].sev, "W_X", cases[i].file, cases[i].row, 0, cases[i].unit,
                    NULL, "case %zu", i);
    eg_diag_add(&dl, EG_WARNING, "W_X", "submissions/f0.csv", 0, 0, NULL, NULL, "more");
    dl.items[n].more = 3;
    eg_diag_name_owners(&dl, &ds);
    assert_int_equal(dl.n, n + 1);
    for (size_t i = 0; i < n; i++) {
        const char *got = dl.items[i].unit;

        if (cases[i].want ? !got || strcmp(got, cases[i].want) != 0 : got != NULL)
            fail_msg("case %zu: unit %s, want %s", i, got ? got : "(none)",
                     cases[i].want ? cases[i].want : "(none)");
    }
    assert_null(dl.items[n].unit);
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
}

/* An empty list stays empty, and a list whose only problem is a row's
 * names no owner. */
static void nothing_to_name_changes_nothing(void **state)
{
    eg_diag_list dl;
    eg_dataset ds;

    (void)state;
    memset(&ds, 0, sizeof ds);
    memset(&dl, 0, sizeof dl);
    files(&ds);
    eg_diag_name_owners(&dl, &ds);
    assert_int_equal(dl.n, 0);
    eg_diag_add(&dl, EG_ERROR, "E_X", "submissions/f0.csv", 3, 2, NULL, NULL, "a row");
    eg_diag_name_owners(&dl, &ds);
    assert_null(dl.items[0].unit);
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_file_is_of_the_unit_whose_units_all_its_values_are),
        cmocka_unit_test(a_loop_of_parents_ends),
        cmocka_unit_test(a_problem_of_a_whole_file_names_its_owner),
        cmocka_unit_test(nothing_to_name_changes_nothing),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
