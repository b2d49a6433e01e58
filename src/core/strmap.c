#include "core/strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;    /* FNV-1a */

    while (*s)
        h = (h ^ (unsigned char)*s++) * 1099511628211ull;
    return h;
}

static void grow(eg_strmap *m)
{
    eg_strmap bigger = { 0 };

    bigger.cap = m->cap ? m->cap * 2 : 64;
    bigger.keys = eg_xcalloc(bigger.cap, sizeof *bigger.keys);
    bigger.vals = eg_xcalloc(bigger.cap, sizeof *bigger.vals);
    for (size_t i = 0; i < m->cap; i++) {
        if (m->keys[i]) {
            size_t j = hash(m->keys[i]) & (bigger.cap - 1);

            while (bigger.keys[j])
                j = (j + 1) & (bigger.cap - 1);
            bigger.keys[j] = m->keys[i];
            bigger.vals[j] = m->vals[i];
            bigger.n++;
        }
    }
    free(m->keys);
    free(m->vals);
    *m = bigger;
}

void eg_strmap_put(eg_strmap *m, const char *key, int val)
{
    size_t j;

    if ((m->n + 1) * 2 > m->cap)
        grow(m);
    j = hash(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], key) == 0) {
            m->vals[j] = val;
            return;
        }
        j = (j + 1) & (m->cap - 1);
    }
    m->keys[j] = eg_xstrdup(key);
    m->vals[j] = val;
    m->n++;
}

int eg_strmap_get(const eg_strmap *m, const char *key)
{
    size_t j;

    if (!m->cap)
        return -1;
    j = hash(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (strcmp(m->keys[j], key) == 0)
            return m->vals[j];
        j = (j + 1) & (m->cap - 1);
    }
    return -1;
}

void eg_strmap_free(eg_strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}
