/*
 * fuzz.h - shared by the libFuzzer targets (tests/fuzz/fuzz_*.c) and by the
 * replay of their corpora in the unit tests (tests/unit/test_fuzz_corpus.c).
 *
 * Each target is one file defining LLVMFuzzerTestOneInput; the replay
 * includes them all into one program with that name renamed, so the
 * targets keep their helpers static and prefixed.  Paths are relative to
 * the top of the source tree, where `make fuzz` and the tests run.
 */
#ifndef EG_FUZZ_H
#define EG_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"

/* The layouts and a small year of inputs the targets start from. */
#define FUZZ_LAYOUTS "layouts"
#define FUZZ_YEAR_DIR "tests/cases/small-2021/input/2021"

/* A scratch folder for this process, removed at exit. */
static char fuzz_dir_path[64];

static void fuzz_dir_remove(void)
{
    char *cmd;

    if (!fuzz_dir_path[0])
        return;
    cmd = eg_xasprintf("rm -rf '%s'", fuzz_dir_path);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz: cannot remove %s\n", fuzz_dir_path);
    free(cmd);
}

static const char *fuzz_dir(void)
{
    if (!fuzz_dir_path[0]) {
        const char *tmp = getenv("TMPDIR");

        snprintf(fuzz_dir_path, sizeof fuzz_dir_path, "%s/egfuzz.XXXXXX",
                 tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
        if (!mkdtemp(fuzz_dir_path)) {
            perror("fuzz: mkdtemp");
            abort();
        }
        atexit(fuzz_dir_remove);
    }
    return fuzz_dir_path;
}

/* Writes data[0..size) to name in the scratch folder; returns its path
 * (a new string). */
static char *fuzz_write(const char *name, const uint8_t *data, size_t size)
{
    char *path = eg_xasprintf("%s/%s", fuzz_dir(), name);
    FILE *f = fopen(path, "wb");

    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror(path);
        abort();
    }
    return path;
}

/* Copies the file at from to name in the scratch folder. */
__attribute__((unused)) static void fuzz_copy(const char *from, const char *name)
{
    FILE *f = fopen(from, "rb");
    uint8_t *buf = NULL;
    size_t n = 0, cap = 0, k;

    if (!f) {
        perror(from);
        abort();
    }
    do {
        if (n == cap) {
            cap = cap ? cap * 2 : 65536;
            buf = eg_xrealloc(buf, cap);
        }
        k = fread(buf + n, 1, cap - n, f);
        n += k;
    } while (k > 0);
    fclose(f);
    free(fuzz_write(name, buf, n));
    free(buf);
}

#endif
