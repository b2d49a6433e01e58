/*
 * pdf.h - the published report as a PDF (libharu 2.3.0).
 *
 * Draws an eg_doc as an A4 Vietnamese administrative report (form of
 * Nghị định 30/2020/NĐ-CP): issuer and national motto at the top, title,
 * justified body, tables, bar charts, signature and recipients, the page
 * number in the top margin from page 2 on, bookmarks for headings, embedded
 * Noto fonts.
 */
#ifndef EG_PDF_H
#define EG_PDF_H

#include "core/diag.h"
#include "write/doc.h"

/* Where fonts-noto-core puts the fonts. */
#define EG_PDF_FONT_DIR "/usr/share/fonts/truetype/noto"

/* The report's four faces, regular, bold, italic and bold italic: their
 * files in the font folder. */
#define EG_PDF_FACES 4
extern const char *const eg_pdf_face_files[EG_PDF_FACES];

/* Writes doc as an A4 PDF at path.  font_dir (NULL: EG_PDF_FONT_DIR) holds
 * the four faces, NotoSerif-Regular.ttf, NotoSerif-Bold.ttf,
 * NotoSerif-Italic.ttf and NotoSerif-BoldItalic.ttf.  The file is built in memory and appears at
 * path whole (written beside it, then renamed) or not at all.  The same
 * doc gives the same bytes: doc->created (seconds since the epoch, UTC) is
 * the only date written, and none when it is 0.
 *
 * Returns 0, or -1 after adding an EG_FATAL diagnostic "F_PDF" whose
 * message keeps libharu's error and detail numbers (or the system's
 * error for file operations). */
int eg_pdf_write(const eg_doc *doc, const char *path, const char *font_dir,
                 eg_diag_list *dl);

#endif
