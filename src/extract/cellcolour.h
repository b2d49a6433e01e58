/*
 * cellcolour.h - whether a cell's text is drawn in the colour of its
 * background (white on white), from what its workbook says of the
 * cell's font and fill.  A figure in a white font on a white cell is read
 * as any other, while the clerk who looks at the sheet sees an empty
 * cell; the readers (XLSX, XLS) say so with the number formats that show
 * nothing (extract/cellfmt.h).
 *
 * Colours are 0xRRGGBB; EG_COLOUR_UNKNOWN where the workbook's word
 * cannot be turned into one here: a theme colour other than the theme's
 * first two (its background and text, taken as white and black), a
 * tint, a fill with a pattern, and the colours the viewer chooses: the
 * automatic font colour (Excel draws it black, LibreOffice white on a
 * dark fill) and the system's colours (palette 64, 65).  An unknown
 * colour never hides anything.
 */
#ifndef EG_CELLCOLOUR_H
#define EG_CELLCOLOUR_H

#include <stdint.h>

#define EG_COLOUR_UNKNOWN (-1)
#define EG_COLOUR_BLACK 0x000000
#define EG_COLOUR_WHITE 0xFFFFFF

/* Excel's palette colour idx: 0-7 fixed, 8-63 from palette (56 entries,
 * a workbook's own: BIFF's PALETTE record, Open XML's <indexedColors>
 * from its ninth) or Excel's default when palette is NULL;
 * EG_COLOUR_UNKNOWN for any other (64 the system's text colour, 65 its
 * window colour, 0x7FFF BIFF's "automatic": the viewer's). */
int32_t eg_colour_indexed(unsigned idx, const int32_t *palette);

/* Fills a workbook's own palette (indices 8-63) with Excel's default,
 * which its PALETTE record or <indexedColors> then redefines in part. */
void eg_colour_palette_init(int32_t palette[56]);

/* Open XML's "FFRRGGBB" (alpha, ignored, then the colour) or "RRGGBB";
 * EG_COLOUR_UNKNOWN when it is neither. */
int32_t eg_colour_argb(const char *s);

/* What a style hides by its colours (EG_HIDES_* of extract/cellfmt.h):
 * each kind of value whose colour is its background's, both known.  A
 * kind's colour is the one its number format's section sets (colours,
 * from eg_cellfmt_colours: [White], [Color9], in palette, the
 * workbook's, or NULL for Excel's), else its font's (text). */
unsigned eg_colour_hides(int32_t text, int32_t background, uint32_t colours,
                         const int32_t *palette);

#endif
