/*
 * support.h - what several unit tests need: the project's layouts (once
 * for a group), a registry built by hand and a scratch folder to clear.  Header-only:
 * each test is one program.
 */
#ifndef EG_TEST_SUPPORT_H
#define EG_TEST_SUPPORT_H

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/mem.h"
#include "core/model.h"
#include "core/strmap.h"
#include "core/text.h"
#include "layout/layout.h"

#ifdef EG_SOURCE_DIR
#define LAYOUT_DIR EG_SOURCE_DIR "/layouts"
#else
#define LAYOUT_DIR "layouts"      /* the test runner runs from the repository */
#endif

/* Loads the project's own layouts into L; 0, or the loader's -1 after
 * saying so on stderr. */
static inline int eg_test_load_layouts(eg_layouts *L)
{
    eg_diag_list dl = { 0 };
    int rc = eg_layouts_load(L, LAYOUT_DIR, &dl);

    if (rc != 0)
        fprintf(stderr, "cannot load %s (%zu diagnostics)\n", LAYOUT_DIR, dl.n);
    eg_diag_free(&dl);
    return rc;
}

/* Adds a unit to ds's registry as units.csv would (its index, its level's
 * count, the province); returns it, for a test to set more. */
static inline eg_unit *eg_test_add_unit(eg_dataset *ds, const char *code, const char *name,
                                        eg_level level, int parent)
{
    eg_registry *reg = &ds->registry;
    eg_unit *u;

    reg->items = eg_xrealloc(reg->items, (reg->n + 1) * sizeof *reg->items);
    u = &reg->items[reg->n];
    memset(u, 0, sizeof *u);
    u->code = eg_xstrdup(code);
    u->name = eg_xstrdup(name);
    u->folded_name = eg_fold(name);
    u->level = level;
    u->parent = parent;
    eg_strmap_put(&reg->index, code, (int)reg->n);
    reg->count[level]++;
    if (level == EG_LEVEL_TINH)
        reg->province = (int)reg->n;
    reg->n++;
    return u;
}

/* Removes a scratch folder and everything in it, folders within included
 * (a test may make one, as a year folder's submissions/). */
static inline void eg_test_remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    while (d && (e = readdir(d)) != NULL) {
        char p[4096];

        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
            snprintf(p, sizeof p, "%s/%s", dir, e->d_name) >= (int)sizeof p)
            continue;
        if (unlink(p) != 0 && (errno == EISDIR || errno == EPERM))
            eg_test_remove_dir(p);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

/* Leaves stream f as a read the disk failed leaves it: its error
 * indicator set (what ferror reads: glibc's _IO_ERR_SEEN) and errno EIO.
 * For a test's wrap of a read function (-Wl,--wrap=, in the Makefile),
 * which then returns what that function returns on an error; a real
 * failed read cannot be had once the file's bytes are in the stream's
 * buffer. */
static inline void eg_test_stream_fails(FILE *f)
{
    f->_flags |= _IO_ERR_SEEN;
    errno = EIO;
}

/* With cmocka included first: a scratch folder and files in it, failing
 * the test when the file system says no. */
#ifdef cmocka_unit_test
#include <stdlib.h>

/* A new folder /tmp/<prefix>.XXXXXX; its name, to give to
 * eg_test_rm_rf. */
static inline char *eg_test_scratch(const char *prefix)
{
    char *tmpl = eg_xasprintf("/tmp/%s.XXXXXX", prefix);

    assert_non_null(mkdtemp(tmpl));
    return tmpl;
}

/* Removes the scratch folder, whatever is in it, and frees its name. */
static inline void eg_test_rm_rf(char *dir)
{
    char *cmd = eg_xasprintf("rm -rf '%s'", dir);

    assert_int_equal(system(cmd), 0);
    free(cmd);
    free(dir);
}

/* The project's layouts, loaded once for a group of tests: give
 * eg_test_layouts_setup and eg_test_layouts_teardown to
 * cmocka_run_group_tests, and the tests read eg_test_layouts. */
static eg_layouts eg_test_layouts __attribute__((unused));

static inline int eg_test_layouts_setup(void **state)
{
    (void)state;
    return eg_test_load_layouts(&eg_test_layouts);
}

static inline int eg_test_layouts_teardown(void **state)
{
    (void)state;
    eg_layouts_free(&eg_test_layouts);
    return 0;
}

/* Writes text as the file dir/name. */
static inline void eg_test_put(const char *dir, const char *name, const char *text)
{
    char *p = eg_xasprintf("%s/%s", dir, name);
    FILE *f = fopen(p, "wb");

    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    free(p);
}
#endif

#endif
