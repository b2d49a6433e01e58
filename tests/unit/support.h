/*
 * support.h - what several unit tests need: the project's layouts and a
 * scratch folder to clear.  Header-only: each test is one program.
 */
#ifndef EG_TEST_SUPPORT_H
#define EG_TEST_SUPPORT_H

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/diag.h"
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

/* Removes the files of a flat scratch folder, then the folder. */
static inline void eg_test_remove_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;

    while (d && (e = readdir(d)) != NULL) {
        char p[512];

        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        unlink(p);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

#endif
