/*
 * strmap.h - a map from strings to non-negative ints (positions in an
 * array the caller owns).  Open addressing, keys copied.
 */
#ifndef EG_STRMAP_H
#define EG_STRMAP_H

#include <stddef.h>

typedef struct {
    char **keys;
    int *vals;
    size_t cap, n;
} eg_strmap;

/* Sets key to val, replacing an earlier value.  */
void eg_strmap_put(eg_strmap *m, const char *key, int val);
/* The value of key, or -1 when absent.  m may be zeroed (empty). */
int eg_strmap_get(const eg_strmap *m, const char *key);
void eg_strmap_free(eg_strmap *m);

#endif
