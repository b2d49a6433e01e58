/*
 * xls_records.h - an .xls workbook stream's records in turn (MS-XLS
 * 2.1.4: a type, a length, its bytes) and the little-endian numbers in
 * them; for the BIFF reader (xls_biff.c).
 */
#ifndef EG_XLS_RECORDS_H
#define EG_XLS_RECORDS_H

#include <stddef.h>
#include <stdint.h>

static inline uint16_t rd16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

typedef struct {
    const unsigned char *s;
    size_t n, pos;
    uint16_t type;
    const unsigned char *data;
    size_t len;
} records;

/* The next record: 1, or 0 at the end (or where a record would run past
 * the stream). */
static inline int next_record(records *r)
{
    if (r->pos + 4 > r->n)
        return 0;
    r->type = rd16(r->s + r->pos);
    r->len = rd16(r->s + r->pos + 2);
    if (r->pos + 4 + r->len > r->n)
        return 0;
    r->data = r->s + r->pos + 4;
    r->pos += 4 + r->len;
    return 1;
}

#endif
