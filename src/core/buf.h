/*
 * buf.h - a growing byte buffer: what a writer assembles in memory before
 * one write (a block of rows' XML, a CSV row).
 */
#ifndef EG_BUF_H
#define EG_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
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

/* What texts were written as, kept by the text's pointer: a unit's name
 * or an indicator's label is the same pointer in every row of theirs, so
 * a writer escapes or quotes it once rather than once a row.  One slot
 * per hash of the pointer: a text whose slot another took is written
 * again, never wrongly. */
#define EG_BUF_MEMO 1024

typedef struct {
    const char *text[EG_BUF_MEMO];
    char *bytes[EG_BUF_MEMO];
    size_t n[EG_BUF_MEMO];
} eg_buf_memo;

static inline size_t eg_buf_memo_slot(const char *s)
{
    return ((uintptr_t)s >> 3) % EG_BUF_MEMO;
}

/* 1, with what s was written as put into b, when m holds it; else 0. */
static inline int eg_buf_recall(eg_buf *b, const eg_buf_memo *m, const char *s)
{
    size_t h = eg_buf_memo_slot(s);

    if (m->text[h] != s)
        return 0;
    eg_buf_put(b, m->bytes[h], m->n[h]);
    return 1;
}

/* Keeps b's bytes from `from` on as what s is written as. */
static inline void eg_buf_remember(eg_buf_memo *m, const char *s, const eg_buf *b, size_t from)
{
    size_t h = eg_buf_memo_slot(s), n = b->n - from;

    free(m->bytes[h]);
    m->bytes[h] = eg_xmalloc(n ? n : 1);
    memcpy(m->bytes[h], b->p + from, n);
    m->n[h] = n;
    m->text[h] = s;
}

/* Frees what m keeps (not m). */
static inline void eg_buf_memo_clear(eg_buf_memo *m)
{
    for (size_t i = 0; i < EG_BUF_MEMO; i++)
        free(m->bytes[i]);
    memset(m, 0, sizeof *m);
}

#endif
