/*
 * pdf_font.h - loading a TrueType face into libharu, through a copy cut
 * down to what a Vietnamese report needs.
 *
 * libharu 2.3.0 makes a UTF-8 font by asking the font's cmap for the
 * glyph of each of the 65,536 code points of the BMP, one linear search
 * of the cmap's segments each (138 in Noto Serif), then writes a width
 * for every code point the font maps.  That was half the time of a 2020
 * report and a third of its bytes.  So the face is loaded from a copy
 * whose cmap maps only the Latin, Vietnamese and punctuation blocks (in
 * a handful of segments), whose post table carries no glyph names, with
 * only the glyphs those code points draw (renumbered, pdf_glyphs.h), and
 * without the tables libharu never reads; each glyph's outline, metrics
 * and hinting are the font's own, untouched.  The copy is handed to
 * libharu in memory (pdf_font.c says how), so nothing is written for it.
 * When the copy cannot be made (another cmap layout), the font is loaded
 * as it is.
 */
#ifndef EG_PDF_FONT_H
#define EG_PDF_FONT_H

#include <stddef.h>

#include <hpdf.h>

/* Loads file into pdf, cut down when it can be.  Returns libharu's font
 * name, or NULL (libharu's error is in its handler).  *trimmed (may be
 * NULL) says whether the face of that name is a cut-down copy (a face of
 * the same name loaded whole before is given back as it is). */
const char *eg_pdf_load_face(HPDF_Doc pdf, const char *file, int *trimmed);

/* The font of face name for the UTF-8 encoder, as HPDF_GetFont(pdf,
 * name, "UTF-8") gives it; when the face is a cut-down copy (its cmap
 * says so), the font's map from CIDs to glyphs stops after the code
 * points it keeps rather than at U+FFFF (pdf_font.c says why).  Either
 * way its ToUnicode map is the identity (each code the code point it is),
 * where libharu 2.3.0 writes the encoder's CMap, which no ToUnicode map
 * may be.  NULL as HPDF_GetFont. */
HPDF_Font eg_pdf_get_font(HPDF_Doc pdf, const char *name);

/* The cut-down copy of the TrueType font in ttf[0..n), in a new buffer
 * (*out, *out_n); 0, or -1 when the font is not laid out as expected
 * (nothing allocated then).  For tests. */
int eg_pdf_trim_ttf(const unsigned char *ttf, size_t n, unsigned char **out, size_t *out_n);

#endif
