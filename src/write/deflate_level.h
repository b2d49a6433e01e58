/*
 * deflate_level.h - the deflate level of the libraries that write our
 * files.
 *
 * libxlsxwriter 1.1.4 (through minizip) and libharu 2.3.0 deflate what
 * they write at zlib's default level, 6, and have no setting for it.  On
 * the 2020 demo that was about 9 ms of the workbook's 13 ms in
 * workbook_close and 6 ms of the PDF's 18 ms.  At level 1 deflate is three
 * to four times faster on XML and page text, and the files are 5 % (the
 * workbook) and 10 % (the PDF) larger.
 *
 * So egreport defines zlib's two entry points that start a deflate
 * stream, deflateInit_ and deflateInit2_ (what the deflateInit and
 * deflateInit2 macros call), and the program exports them (the Makefile's
 * --export-dynamic-symbol), so that those libraries' calls come here.  On
 * a thread between eg_deflate_fast_begin and eg_deflate_fast_end, a
 * stream asked for level 2 to 9 or the default starts at level 1; every
 * other call goes to zlib unchanged.  The level is the only change: the
 * data is the same, and what zlib writes is a valid deflate stream at
 * any level.
 */
#ifndef EG_DEFLATE_LEVEL_H
#define EG_DEFLATE_LEVEL_H

/* Streams this thread starts from now deflate at level 1 (nested calls
 * count). */
void eg_deflate_fast_begin(void);

/* Back to the levels asked for. */
void eg_deflate_fast_end(void);

#endif
