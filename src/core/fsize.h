/*
 * fsize.h - a file size limit (ulimit -f) met by a write.
 *
 * A write past the limit sends SIGXFSZ, whose default kills the process:
 * no cleanup, no message, a temporary file left behind.  Ignored, the
 * write fails with EFBIG, which egreport's own writers check and report.
 * Not every library checks its writes: libxlsxwriter writes each part of
 * a workbook to a temporary file and zips it back without looking, so a
 * part cut at the limit would give a damaged workbook, or form, that
 * still fits under it.  So SIGXFSZ is caught, and counted for the thread
 * whose write met the limit (the kernel sends it to that thread): a
 * writer compares its thread's count before and after.
 */
#ifndef EG_FSIZE_H
#define EG_FSIZE_H

/* Catches SIGXFSZ for the whole process (once, at the start). */
void eg_fsize_catch(void);

/* How many writes of the calling thread have met the file size limit. */
unsigned eg_fsize_hits(void);

#endif
