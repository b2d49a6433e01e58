/*
 * buf.h - a growing byte buffer: what a writer assembles in memory before
 * one write (a block of rows' XML, a CSV row).
 */
#ifndef EG_BUF_H
#define EG_BUF_H

#include <stddef.h>
#include <string.h>

#include "core/mem.h"

typedef struct {
    char *p;
    size_t n, cap;
} eg_buf;

/* Room for `more` bytes past b->n (the buffer doubles as it grows). */
static inline void eg_buf_reserve(eg_buf *b, size_t more)
{
    if (b->n + more <= b->cap)
        return;
    while (b->n + more > b->cap)
        b->cap = b->cap ? 2 * b->cap : 4096;
    b->p = eg_xrealloc(b->p, b->cap);
}

static inline void eg_buf_put(eg_buf *b, const char *s, size_t n)
{
    eg_buf_reserve(b, n);
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

#endif
