/*
 * test_registry.c - extract/registry.h: report.csv's `systems`, the
 * provincial systems a province has, and what it makes of odd values.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "extract/registry.h"

static const char head[] = "key,value\nprovince,Gia Lai\nissuer,UBND\nsigner,A\n"
                           "signer_title,B\nplace,Gia Lai\nissued_on,2021-01-15\n"
                           "deadline,2020-12-31\n";

/* report.csv of head and tail, loaded: rc, the systems it has as bits
 * (when it loaded), its first diagnostic's message into msg. */
static int load(const char *tail, int *bits, char *msg, size_t cap)
{
    char dir[] = "/tmp/egreport-test-registry-XXXXXX";
    eg_dataset ds;
    eg_diag_list dl = { 0 };
    char *path;
    FILE *f;
    int rc;

    assert_non_null(mkdtemp(dir));
    path = eg_xasprintf("%s/report.csv", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(head, f);
    fputs(tail, f);
    fclose(f);
    memset(&ds, 0, sizeof ds);
    ds.year_dir = eg_xstrdup(dir);
    rc = eg_facts_load(&ds, &dl);
    *bits = 0;
    for (int k = 0; k < EG_SYSTEMS; k++)
        *bits |= eg_facts_has_system(&ds, k) << k;
    snprintf(msg, cap, "%s", dl.n ? dl.items[0].message : "");
    eg_diag_free(&dl);
    eg_dataset_free(&ds);
    unlink(path);
    rmdir(dir);
    free(path);
    return rc;
}

static void the_systems_listed_are_the_provinces(void **state)
{
    static const struct {
        const char *tail;
        int bits;
    } ok[] = {
        { "", 3 },                                  /* no key: every system */
        { "systems,dossiers\n", 1 },
        { "systems,documents\n", 2 },
        { "systems,dossiers;documents\n", 3 },
        { "systems, Dossiers ; DOCUMENTS \n", 3 },  /* case and spaces aside */
        { "systems,documents;\n", 2 },              /* a last ';' of habit */
        { "systems,\n", 0 },                        /* none */
        { "systems,  \n", 0 },
    };
    char msg[512];
    int bits;

    (void)state;
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        assert_int_equal(load(ok[i].tail, &bits, msg, sizeof msg), 0);
        assert_int_equal(bits, ok[i].bits);
        assert_string_equal(msg, "");
    }
}

static void another_name_or_an_empty_one_is_fatal(void **state)
{
    static const struct {
        const char *tail, *said;
    } bad[] = {
        { "systems,dossiers;document\n", "key 'systems' names 'document', which is no system" },
        { "systems,  one stop  \n", "key 'systems' names 'one stop', which is no system" },
        { "systems,\"dossiers\nx\"\n", "key 'systems' names 'dossiers\xef\xbf\xbdx', which" },
        { "systems,;\n", "key 'systems' has an empty name between its ';'" },
        { "systems,dossiers;;documents\n", "key 'systems' has an empty name between its ';'" },
        { "systems,dossiers;;\n", "key 'systems' has an empty name between its ';'" },
    };
    char msg[512];
    int bits;

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        assert_int_equal(load(bad[i].tail, &bits, msg, sizeof msg), -1);
        if (strncmp(msg, bad[i].said, strlen(bad[i].said)) != 0)
            fail_msg("%s: said \"%s\"", bad[i].tail, msg);
        assert_non_null(strstr(msg, ": list the systems the province has, among 'dossiers' "
                                    "and 'documents', separated by ';' (an empty value for "
                                    "none)"));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_systems_listed_are_the_provinces),
        cmocka_unit_test(another_name_or_an_empty_one_is_fatal),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
