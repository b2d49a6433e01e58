/*
 * ttf_bytes.h - a TrueType font's big-endian words, read and written
 * (pdf_font.c, pdf_glyphs.c).
 */
#ifndef EG_TTF_BYTES_H
#define EG_TTF_BYTES_H

#include <stdint.h>

static inline unsigned be16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static inline uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

static inline void put32(unsigned char *p, uint32_t v)
{
    put16(p, v >> 16);
    put16(p + 2, v & 0xFFFF);
}

#endif
