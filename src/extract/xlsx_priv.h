/*
 * xlsx_priv.h - inside the XLSX reader: the archive and its XML parts.
 *
 * xlsx_zip.c opens the archive and streams one part at a time through
 * expat, counting every decompressed byte against the caps and refusing
 * DOCTYPEs; xlsx.c knows what the parts mean (workbook, relationships,
 * styles, shared strings) and xlsx_sheet.c turns the sheet into rows.
 * Every problem becomes one error diagnostic for the file; after it the
 * package is marked failed and nothing more is read.
 */
#ifndef EG_XLSX_PRIV_H
#define EG_XLSX_PRIV_H

#include <expat.h>
#include <stdint.h>
#include <zip.h>

#include "core/diag.h"
#include "extract/cellfmt.h"
#include "extract/merge.h"
#include "extract/row.h"

/* Excel's own bounds: the last cell is XFD1048576; a cell holds at most
 * 32,767 characters. */
#define EG_XLSX_MAX_COLS 16384
#define EG_XLSX_MAX_ROWS 1048576L
#define EG_XLSX_MAX_CELL_CHARS 32767

typedef struct {
    zip_t *za;
    const char *display;       /* the file's name in messages */
    eg_diag_list *dl;
    eg_limits lim;             /* every cap resolved (no 0 left) */
    uint64_t total;            /* decompressed bytes so far, all parts */
    int failed;                /* a diagnostic was added: stop */
    /* Not 0: a part's parse ends quietly after this many bytes inflated
     * (a probe's look at another sheet), which are counted in probed. */
    uint64_t part_budget, probed;
} eg_xlsx_pkg;

typedef struct eg_xml eg_xml;
typedef void (*eg_xml_start_fn)(eg_xml *x, const char *name, const char **attrs);
typedef void (*eg_xml_end_fn)(eg_xml *x, const char *name);
typedef void (*eg_xml_text_fn)(eg_xml *x, const char *s, int len);

/* One part being parsed, as the handlers see it. */
struct eg_xml {
    XML_Parser parser;
    eg_xlsx_pkg *pkg;
    const char *part;          /* "xl/worksheets/sheet1.xml" */
    void *ud;                  /* the handlers' own state */
    eg_xml_start_fn start;
    eg_xml_end_fn end;
    eg_xml_text_fn text;
    int stopped;               /* a handler stopped the parse */
};

/* Opens the archive; 0, or -1 after an error (E_FILE_READ, E_XLSX_NOT_ZIP,
 * E_XLSX_DAMAGED, E_XLSX_TOO_MANY_ENTRIES).  lim may be NULL. */
int eg_xlsx_open(eg_xlsx_pkg *pkg, const char *path, const char *display,
                 const eg_limits *lim, eg_diag_list *dl);
void eg_xlsx_close(eg_xlsx_pkg *pkg);

/* The index of a part (names compared without case, as OPC does), or -1. */
zip_int64_t eg_xlsx_find(eg_xlsx_pkg *pkg, const char *part);

/* Streams a part through expat with these handlers (NULL ones are not
 * called); names come as "namespace-uri local" (see eg_xml_local).
 * Expat's own memory is capped (8 MiB plus twice max_field), which bounds
 * a giant tag or a deep nesting.  counted: whether the bytes count
 * against the file's total (not when an earlier pass counted them).
 * 0, or -1 after an error (E_XLSX_XML, E_XLSX_DOCTYPE, E_XLSX_TOO_BIG,
 * E_XLSX_CRC, E_XLSX_DAMAGED, or the handlers' own). */
int eg_xlsx_parse(eg_xlsx_pkg *pkg, zip_int64_t index, const char *part,
                  eg_xml_start_fn start, eg_xml_end_fn end, eg_xml_text_fn text,
                  void *ud, int counted);

/* x made ready for a part read with these handlers, no parser yet: what
 * xml_fast.c reads with. */
void eg_xml_init(eg_xml *x, eg_xlsx_pkg *pkg, const char *part, eg_xml_start_fn start,
                 eg_xml_end_fn end, eg_xml_text_fn text, void *ud);

/* Inflates a part whole into *doc (*len bytes, a NUL after them; the
 * caller frees it), counted as eg_xlsx_parse counts it.  0; 1 when it
 * holds more than max bytes (nothing kept, nothing said); -1 after an
 * error (E_XLSX_TOO_BIG, E_XLSX_CRC, E_XLSX_DAMAGED). */
int eg_xlsx_inflate(eg_xlsx_pkg *pkg, zip_int64_t index, const char *part, int counted,
                    size_t max, char **doc, size_t *len);

/* Parses a part already inflated (eg_xlsx_inflate) through expat, as
 * eg_xlsx_parse does.  0, or -1 after an error. */
int eg_xlsx_parse_doc(eg_xlsx_pkg *pkg, const char *part, const char *doc, size_t len,
                      eg_xml_start_fn start, eg_xml_end_fn end, eg_xml_text_fn text, void *ud);

/* From a handler: adds an error for the file and stops the parse. */
void eg_xml_fail(eg_xml *x, const char *code, long row, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* From a handler: stops the parse without an error (the reader is done). */
void eg_xml_stop(eg_xml *x);

/* The local part of an expat name ("uri local" -> "local"). */
const char *eg_xml_local(const char *name);
/* 1 when the name's namespace is Strict Open XML's (purl.oclc.org). */
int eg_xml_is_strict(const char *name);
/* The value of the attribute with this local name, or NULL. */
const char *eg_xml_attr(const char **attrs, const char *local);

/* A text buffer that refuses to grow past a cap. */
typedef struct {
    char *s;
    size_t len, cap, max;
} eg_xlsx_text;

/* Appends; -1 (nothing appended) when the text would pass t->max bytes. */
int eg_xlsx_text_add(eg_xlsx_text *t, const char *s, size_t n);
void eg_xlsx_text_free(eg_xlsx_text *t);

/* The text of a cell or shared string as a field: Open XML's _xHHHH_
 * escapes decoded (Excel writes a line break as _x000D_), NFC, trimmed.
 * A new string; *chars is its length in characters. */
char *eg_xlsx_field(const char *s, size_t n, size_t *chars);

/* The package as xlsx.c found it, for the sheet reader. */
typedef struct {
    char **strings;            /* shared strings, as fields */
    size_t n_strings;
    eg_cell_kind *xf_kind;     /* per cell style (cellXfs index) */
    unsigned char *xf_hides;   /* per cell style: its format's EG_HIDES_* */
    size_t n_xf;
    int date1904;
    int legacy;                /* eg_legacy of the workbook's texts */
    char sheet_name[64];       /* the sheet read, for messages (cut short) */
} eg_xlsx_book;

/* Reads the styles part into book's xf_kind and xf_hides
 * (xlsx_styles.c).  0, or -1 after an error. */
int eg_xlsx_read_styles(eg_xlsx_pkg *pkg, const char *part, eg_xlsx_book *book);

/* Feeds every inline string of the sheet at index to the legacy-text
 * scanner (an eg_legacy_scan of extract/encoding.h); 0, or -1 after an
 * error.  A pass of its own: the decision must precede the first row.
 * It reads the whole sheet, counted against the caps, and so checks it
 * too (data, CRC, XML) before the reading pass hands on a row.  The
 * sheet's ranges merged over rows go to merges, sorted. */
int eg_xlsx_scan_inline(eg_xlsx_pkg *pkg, zip_int64_t index, const char *part, void *scan,
                        eg_merges *merges);

/* A small sheet in one pass (xlsx_sheet.c), of at most max_part bytes
 * (more, whatever the archive claimed, and it is given up): its rows held
 * while it is parsed and its inline strings fed to scan (an eg_legacy_scan, the
 * shared strings already in it); read whole, decided(arg) settles
 * book->legacy, and the rows go to fn, their texts converted.  0 when the
 * rows went out (or fn stopped them); 1 when the sheet must be read in two
 * passes instead (it holds too much, or something is wrong with it, which
 * the two passes will say: nothing was said or handed on, and scan must be
 * started again); -1 when decided failed. */
int eg_xlsx_read_small_sheet(eg_xlsx_pkg *pkg, eg_xlsx_book *book, zip_int64_t index,
                             const char *part, uint64_t max_part, void *scan, eg_row_fn fn,
                             void *ctx, int (*decided)(void *arg), void *arg);

/* Streams the sheet at index into rows for fn (xlsx_sheet.c), each with
 * the sheet's merged ranges (eg_xlsx_scan_inline's).  0 when read to its
 * end or stopped by fn; -1 after an error. */
int eg_xlsx_read_sheet(eg_xlsx_pkg *pkg, const eg_xlsx_book *book, zip_int64_t index,
                       const char *part, const eg_merges *merges, eg_row_fn fn, void *ctx);

#endif
