/*
 * xlsx.c - a workbook's structure: which sheet, which styles, which strings.
 *
 * An XLSX file is an Open Packaging archive: _rels/.rels names the
 * workbook part, the workbook's own relationships name its sheets, shared
 * strings and styles.  Everything the sheet's cells refer to is read
 * here, first (the styles in xlsx_styles.c); xlsx_sheet.c then streams
 * the sheet.
 */
#include "extract/xlsx.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/number.h"
#include "core/text.h"
#include "extract/encoding.h"
#include "extract/xlsx_priv.h"

/* Longest part name or relationship id kept: no real one comes near. */
#define MAX_NAME 1024

/* --- part names ----------------------------------------------------------- */

/* The folder of a part with its slash ("xl/" for "xl/workbook.xml"). */
static char *dir_of(const char *part)
{
    const char *slash = strrchr(part, '/');

    return eg_xstrndup(part, slash ? (size_t)(slash - part + 1) : 0);
}

/* The relationships part of a part: "xl/_rels/workbook.xml.rels". */
static char *rels_of(const char *part)
{
    const char *slash = strrchr(part, '/');
    size_t d = slash ? (size_t)(slash - part + 1) : 0;

    return eg_xasprintf("%.*s_rels/%s.rels", (int)d, part, part + d);
}

/* The part a relationship's target names: relative to dir, or absolute
 * ("/xl/worksheets/sheet1.xml").  A new string, or NULL when the target
 * climbs out of the package or names nothing. */
static char *resolve_target(const char *dir, const char *target)
{
    char *out = eg_xmalloc(strlen(dir) + strlen(target) + 1);
    size_t len = 0;
    const char *p = target;

    if (*p == '/' || *p == '\\') {
        p++;
    } else {
        len = strlen(dir);
        memcpy(out, dir, len);
    }
    out[len] = '\0';
    /* Segment by segment: ".." takes one off, "." and "" do nothing. */
    while (*p) {
        size_t n = strcspn(p, "/\\");

        if (n == 2 && p[0] == '.' && p[1] == '.') {
            if (len == 0) {
                free(out);
                return NULL;
            }
            len--;                                  /* the trailing '/' */
            while (len > 0 && out[len - 1] != '/')
                len--;
        } else if (!(n == 0 || (n == 1 && p[0] == '.'))) {
            memcpy(out + len, p, n);
            len += n;
            if (p[n])
                out[len++] = '/';
        }
        out[len] = '\0';
        p += n;
        if (*p)
            p++;
    }
    if (len == 0 || out[len - 1] == '/') {
        free(out);
        return NULL;
    }
    return out;
}

/* --- relationships -------------------------------------------------------- */

typedef enum { REL_OTHER, REL_OFFICE_DOC, REL_WORKSHEET, REL_SHARED_STRINGS, REL_STYLES } rel_kind;

typedef struct {
    char *id;
    char *target;          /* the part, resolved */
    rel_kind kind;
} rel;

typedef struct {
    const char *dir;       /* what relative targets start from */
    rel *items;
    size_t n;
} rels;

/* Transitional and Strict relationship types end alike. */
static rel_kind kind_of_type(const char *type)
{
    const char *last = strrchr(type, '/');

    last = last ? last + 1 : type;
    if (strcmp(last, "officeDocument") == 0)
        return REL_OFFICE_DOC;
    if (strcmp(last, "worksheet") == 0)
        return REL_WORKSHEET;
    if (strcmp(last, "sharedStrings") == 0)
        return REL_SHARED_STRINGS;
    if (strcmp(last, "styles") == 0)
        return REL_STYLES;
    return REL_OTHER;
}

static void rels_start(eg_xml *x, const char *name, const char **attrs)
{
    rels *r = x->ud;
    const char *id, *type, *target, *mode;
    rel_kind kind;
    char *part;

    if (strcmp(eg_xml_local(name), "Relationship") != 0)
        return;
    id = eg_xml_attr(attrs, "Id");
    type = eg_xml_attr(attrs, "Type");
    target = eg_xml_attr(attrs, "Target");
    mode = eg_xml_attr(attrs, "TargetMode");
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
        return;
    kind = kind_of_type(type);
    if (kind == REL_OTHER || strlen(id) > MAX_NAME || strlen(target) > MAX_NAME)
        return;
    if (r->n >= x->pkg->lim.max_entries) {
        char n[32];

        eg_xml_fail(x, "E_XLSX_TOO_MANY_ENTRIES", 0, 0,
                    "thành phần %s liệt kê hơn %s quan hệ (relationship): tệp này không phải do chương trình bảng tính lưu ra",
                    x->part, eg_fmt_int(n, sizeof n, (int64_t)x->pkg->lim.max_entries));
        return;
    }
    part = resolve_target(r->dir, target);
    if (!part)
        return;
    r->items = eg_xrealloc(r->items, (r->n + 1) * sizeof *r->items);
    r->items[r->n].id = eg_xstrdup(id);
    r->items[r->n].target = part;
    r->items[r->n].kind = kind;
    r->n++;
}

/* Reads a relationships part; an absent one is no error (the caller
 * finds what it needs missing).  0, or -1 after an error. */
static int read_rels(eg_xlsx_pkg *pkg, const char *part, rels *r)
{
    zip_int64_t idx = eg_xlsx_find(pkg, part);

    if (idx < 0)
        return 0;
    return eg_xlsx_parse(pkg, idx, part, rels_start, NULL, NULL, r, 1);
}

static const rel *rel_first(const rels *r, rel_kind kind)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->items[i].kind == kind)
            return &r->items[i];
    return NULL;
}

static const rel *rel_find(const rels *r, const char *id)
{
    for (size_t i = 0; id && i < r->n; i++)
        if (strcmp(r->items[i].id, id) == 0)
            return &r->items[i];
    return NULL;
}

static void rels_free(rels *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->items[i].id);
        free(r->items[i].target);
    }
    free(r->items);
    r->items = NULL;
    r->n = 0;
}

/* --- the workbook ----------------------------------------------------------- */

/* The visible worksheets a probe looks at after the sheet read. */
#define PROBED_SHEETS EG_PROBE_SHEETS

typedef struct {
    const rels *rels;
    int root_seen;
    int date1904;
    size_t n_sheets;
    const char *first;          /* targets, owned by rels */
    const char *first_visible;
    const char *report;         /* the sheet named BaoCao / Báo cáo */
    char first_name[64], first_visible_name[64], report_name[64];   /* theirs */
    int report_hidden;
    /* the first PROBED_SHEETS visible worksheets, in order */
    const char *visible[PROBED_SHEETS];
    char visible_name[PROBED_SHEETS][64];
    size_t n_visible, n_visible_all;
} workbook;

/* input-format.md: the report's sheet is "BaoCao" or "Báo cáo", told
 * apart folded and without spaces, as the other spreadsheet reader does. */
static int is_report_sheet(const char *name)
{
    return eg_fold_is(name, "baocao");
}

static void wb_start(eg_xml *x, const char *name, const char **attrs)
{
    workbook *wb = x->ud;
    const char *local = eg_xml_local(name);

    if (!wb->root_seen) {
        wb->root_seen = 1;
        if (eg_xml_is_strict(name))
            eg_xml_fail(x, "E_XLSX_STRICT", 0, 0,
                        "bảng tính được lưu theo định dạng \"Strict Open XML Spreadsheet\", định dạng mà chương trình này không đọc được: lưu lại dưới dạng bảng tính Excel thông thường (.xlsx)");
        else if (strcmp(local, "workbook") != 0)
            eg_xml_fail(x, "E_XLSX_NOT_WORKBOOK", 0, 0,
                        "tệp là tài liệu Office nhưng không phải bảng tính Excel (thành phần chính của tệp là <%.*s>): gửi báo cáo dưới dạng bảng tính Excel",
                        (int)eg_utf8_prefix(local, 40), local);
        return;
    }
    if (strcmp(local, "workbookPr") == 0) {
        const char *d = eg_xml_attr(attrs, "date1904");

        wb->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
    } else if (strcmp(local, "sheet") == 0) {
        const char *sname = eg_xml_attr(attrs, "name");
        const char *state = eg_xml_attr(attrs, "state");
        const rel *r = rel_find(wb->rels, eg_xml_attr(attrs, "id"));
        int hidden = state && (strcmp(state, "hidden") == 0 || strcmp(state, "veryHidden") == 0);

        if (++wb->n_sheets > x->pkg->lim.max_entries) {
            char n[32];

            eg_xml_fail(x, "E_XLSX_TOO_MANY_ENTRIES", 0, 0,
                        "bảng tính có hơn %s trang tính: chỉ gửi riêng trang tính báo cáo",
                        eg_fmt_int(n, sizeof n, (int64_t)x->pkg->lim.max_entries));
            return;
        }
        /* Chart sheets and macro sheets hold no cells. */
        if (!r || r->kind != REL_WORKSHEET)
            return;
        if (!wb->first) {
            wb->first = r->target;
            eg_utf8_copy(wb->first_name, sizeof wb->first_name, sname ? sname : "");
        }
        if (!hidden && !wb->first_visible) {
            wb->first_visible = r->target;
            eg_utf8_copy(wb->first_visible_name, sizeof wb->first_visible_name, sname ? sname : "");
        }
        wb->n_visible_all += !hidden;
        if (!hidden && wb->n_visible < PROBED_SHEETS) {
            wb->visible[wb->n_visible] = r->target;
            eg_utf8_copy(wb->visible_name[wb->n_visible], sizeof wb->visible_name[0],
                      sname ? sname : "");
            wb->n_visible++;
        }
        if (!wb->report && sname && strlen(sname) < MAX_NAME && is_report_sheet(sname)) {
            wb->report = r->target;
            eg_utf8_copy(wb->report_name, sizeof wb->report_name, sname);
            wb->report_hidden = hidden;
        }
    }
}

/* A zip archive that holds no workbook: say what it is if we can. */
static void not_a_workbook(eg_xlsx_pkg *pkg)
{
    const char *what = "tệp nén zip";

    if (eg_xlsx_find(pkg, "mimetype") >= 0 && eg_xlsx_find(pkg, "content.xml") >= 0)
        what = "tệp OpenDocument (.ods hoặc .odt)";
    else if (eg_xlsx_find(pkg, "word/document.xml") >= 0)
        what = "tài liệu Word";
    else if (eg_xlsx_find(pkg, "ppt/presentation.xml") >= 0)
        what = "bản trình chiếu PowerPoint";
    eg_diag_add(pkg->dl, EG_ERROR, "E_XLSX_NOT_WORKBOOK", pkg->display, 0, 0, NULL, NULL,
                "tệp là %s, không phải bảng tính Excel (.xlsx): lưu báo cáo dưới dạng bảng tính Excel",
                what);
    pkg->failed = 1;
}

/* --- shared strings ------------------------------------------------------------ */

typedef struct {
    eg_xlsx_book *book;
    size_t cap;
    size_t bytes;
    int in_si, in_t, rph;
    eg_xlsx_text text;
} strings;

static void sst_start(eg_xml *x, const char *name, const char **attrs)
{
    strings *ss = x->ud;
    const char *local = eg_xml_local(name);

    (void)attrs;
    if (strcmp(local, "si") == 0) {
        ss->in_si = 1;
        ss->rph = 0;
        ss->text.len = 0;
    } else if (ss->in_si && strcmp(local, "rPh") == 0) {
        ss->rph++;                 /* phonetic runs: not part of the text */
    } else if (ss->in_si && !ss->rph && strcmp(local, "t") == 0) {
        ss->in_t = 1;              /* <si><t> or <si><r><t>: both count */
    }
}

static void sst_end(eg_xml *x, const char *name)
{
    strings *ss = x->ud;
    eg_xlsx_book *b = ss->book;
    const char *local = eg_xml_local(name);
    size_t chars;
    char *field;

    if (strcmp(local, "t") == 0) {
        ss->in_t = 0;
    } else if (strcmp(local, "rPh") == 0) {
        if (ss->rph > 0)
            ss->rph--;
    } else if (ss->in_si && strcmp(local, "si") == 0) {
        ss->in_si = 0;
        if (b->n_strings >= x->pkg->lim.max_strings) {
            char n[32];

            eg_xml_fail(x, "E_XLSX_TOO_MANY_STRINGS", 0, 0,
                        "bảng tính chứa hơn %s chuỗi văn bản khác nhau: chỉ gửi riêng trang tính báo cáo",
                        eg_fmt_int(n, sizeof n, (int64_t)x->pkg->lim.max_strings));
            return;
        }
        field = eg_xlsx_field(ss->text.s ? ss->text.s : "", ss->text.len, &chars);
        if (chars > EG_XLSX_MAX_CELL_CHARS) {
            char n[32];

            free(field);
            eg_xml_fail(x, "E_XLSX_CELL_TOO_LONG", 0, 0,
                        "chuỗi văn bản thứ %zu của bảng tính có %s ký tự, nhiều hơn 32.767 ký tự mà một ô bảng tính chứa được: tệp này không phải do chương trình bảng tính lưu ra",
                        b->n_strings + 1, eg_fmt_int(n, sizeof n, (int64_t)chars));
            return;
        }
        ss->bytes += strlen(field) + 1;
        if (ss->bytes > x->pkg->lim.max_string_bytes) {
            char n[32];

            free(field);
            eg_xml_fail(x, "E_XLSX_TOO_MANY_STRINGS", 0, 0,
                        "các chuỗi văn bản của bảng tính chiếm hơn %s byte: chỉ gửi riêng trang tính báo cáo",
                        eg_fmt_int(n, sizeof n, (int64_t)x->pkg->lim.max_string_bytes));
            return;
        }
        if (b->n_strings == ss->cap) {
            ss->cap = ss->cap ? ss->cap * 2 : 256;
            b->strings = eg_xrealloc(b->strings, ss->cap * sizeof *b->strings);
        }
        b->strings[b->n_strings++] = field;
    }
}

static void sst_text(eg_xml *x, const char *s, int len)
{
    strings *ss = x->ud;

    char n[32];

    if (ss->in_t && eg_xlsx_text_add(&ss->text, s, (size_t)len) < 0)
        eg_xml_fail(x, "E_XLSX_CELL_TOO_LONG", 0, 0,
                    "chuỗi văn bản thứ %zu của bảng tính chứa hơn %s byte, nhiều hơn một ô bảng tính chứa được",
                    ss->book->n_strings + 1, eg_fmt_int(n, sizeof n, (int64_t)ss->text.max));
}

static int read_strings(eg_xlsx_pkg *pkg, const char *part, eg_xlsx_book *book)
{
    zip_int64_t idx = eg_xlsx_find(pkg, part);
    strings ss = { 0 };
    int rc;

    if (idx < 0)
        return 0;
    ss.book = book;
    ss.text.max = pkg->lim.max_field;
    rc = eg_xlsx_parse(pkg, idx, part, sst_start, sst_end, sst_text, &ss, 1);
    eg_xlsx_text_free(&ss.text);
    return rc;
}

/* Text typed with TCVN3 or VNI fonts arrives as Unicode look-alikes of
 * their bytes.  The decision is taken over every text of the workbook, as
 * the CSV and XLS readers take it over the file, and the texts are
 * converted before any row goes out. */
typedef struct {
    eg_legacy_scan scan;
    eg_xlsx_book *book;
    const char *display;
    eg_diag_list *dl;
} legacy_check;

static void legacy_begin(legacy_check *lc, eg_xlsx_book *book, const char *display,
                         eg_diag_list *dl)
{
    eg_legacy_scan_init(&lc->scan);
    lc->book = book;
    lc->display = display;
    lc->dl = dl;
    for (size_t i = 0; i < book->n_strings; i++)
        eg_legacy_scan_utf8(&lc->scan, book->strings[i], strlen(book->strings[i]));
}

/* Once the sheet's inline strings are scanned too: the decision, the
 * shared strings converted, the warning.  Always 0 (eg_xlsx_read_small_sheet
 * asks it). */
static int legacy_decide(void *arg)
{
    legacy_check *lc = arg;
    eg_xlsx_book *book = lc->book;
    eg_text t = { 0 };

    eg_legacy_scan_end(&lc->scan);
    t.legacy = eg_legacy_decide(&lc->scan, 0);
    book->legacy = t.legacy;
    if (t.legacy == EG_LEGACY_NONE)
        return 0;
    for (size_t i = 0; i < book->n_strings; i++) {
        char *fixed = eg_legacy_fix_utf8(t.legacy, book->strings[i]);

        if (fixed) {
            free(book->strings[i]);
            book->strings[i] = fixed;
        }
    }
    eg_text_warn(&t, lc->display, lc->dl);
    return 0;
}

/* A part's size as the archive gives it (UINT64_MAX when it does not). */
static uint64_t part_size(eg_xlsx_pkg *pkg, zip_int64_t idx)
{
    zip_stat_t st;

    zip_stat_init(&st);
    if (zip_stat_index(pkg->za, (zip_uint64_t)idx, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
        return st.size;
    return UINT64_MAX;
}

/* The largest sheet part read in one pass (the rows it holds are capped
 * apart, xlsx_sheet.c). */
#define SMALL_SHEET ((uint64_t)4 << 20)

/* --- reading ------------------------------------------------------------------- */

/* The bytes inflated probing other sheets, in all (eg_xlsx_probe_bytes). */
static _Atomic uint64_t probe_bytes;

uint64_t eg_xlsx_probe_bytes(void)
{
    return atomic_load(&probe_bytes);
}

/* The first rows of each other visible worksheet, to probe, no more than
 * EG_PROBE_BYTES of each inflated: what goes wrong there is no concern of
 * the sheet read, and is not said. */
static void probe_others(eg_xlsx_pkg *pkg, eg_xlsx_book *book, const workbook *wb,
                         const char *read_part, eg_sheet_probe *probe)
{
    eg_diag_list quiet = { 0 }, *dl = pkg->dl;
    char name[sizeof book->sheet_name];

    memcpy(name, book->sheet_name, sizeof name);
    snprintf(probe->read_sheet, sizeof probe->read_sheet, "%s", name);
    /* the visible sheets past the first 16, less the sheet read if it is
     * one of them */
    {
        int read_visible = wb->report ? !wb->report_hidden : wb->first_visible != NULL;
        int read_listed = 0;

        for (size_t i = 0; i < wb->n_visible; i++)
            read_listed |= strcmp(wb->visible[i], read_part) == 0;
        probe->not_probed = wb->n_visible_all - wb->n_visible - (read_visible && !read_listed);
        probe->read_hidden = !read_visible;
    }
    pkg->dl = &quiet;
    pkg->part_budget = EG_PROBE_BYTES;
    pkg->probed = 0;
    for (size_t i = 0; i < wb->n_visible; i++) {
        eg_probe_pass p = { probe->fn, probe->ctx, 0 };
        zip_int64_t idx;

        if (strcmp(wb->visible[i], read_part) == 0 ||
            (idx = eg_xlsx_find(pkg, wb->visible[i])) < 0)
            continue;
        snprintf(book->sheet_name, sizeof book->sheet_name, "%s", wb->visible_name[i]);
        pkg->failed = 0;        /* a sheet that failed is no reason to skip the next */
        eg_xlsx_read_sheet(pkg, book, idx, wb->visible[i], NULL, eg_probe_row, &p);
    }
    atomic_fetch_add(&probe_bytes, pkg->probed);
    pkg->part_budget = 0;
    pkg->failed = 0;
    pkg->dl = dl;
    eg_diag_free(&quiet);
    memcpy(book->sheet_name, name, sizeof name);
}

int eg_xlsx_read(const char *path, const char *display, eg_row_fn fn, void *ctx,
                 const eg_limits *lim, eg_diag_list *dl)
{
    return eg_xlsx_read_probing(path, display, fn, ctx, NULL, lim, dl);
}

int eg_xlsx_read_probing(const char *path, const char *display, eg_row_fn fn, void *ctx,
                         eg_sheet_probe *probe, const eg_limits *lim, eg_diag_list *dl)
{
    eg_xlsx_pkg pkg;
    eg_xlsx_book book = { 0 };
    rels root = { "", NULL, 0 }, wbrels = { "", NULL, 0 };
    workbook wb = { 0 };
    legacy_check lc;
    eg_merges merges = { 0 };
    char *wb_part = NULL, *wb_dir = NULL, *wb_rels = NULL;
    const char *sheet_part;
    const rel *r;
    zip_int64_t idx;
    int rc = -1;

    if (eg_xlsx_open(&pkg, path, display, lim, dl))
        return -1;

    /* 1. The package's relationships name the workbook part; without
     * them it is looked for where every writer puts it. */
    if (read_rels(&pkg, "_rels/.rels", &root) < 0)
        goto done;
    r = rel_first(&root, REL_OFFICE_DOC);
    wb_part = eg_xstrdup(r ? r->target : "xl/workbook.xml");
    idx = eg_xlsx_find(&pkg, wb_part);
    if (idx < 0) {
        not_a_workbook(&pkg);
        goto done;
    }

    /* 2. The workbook's relationships: sheets, shared strings, styles. */
    wb_dir = dir_of(wb_part);
    wb_rels = rels_of(wb_part);
    wbrels.dir = wb_dir;
    if (eg_xlsx_find(&pkg, wb_rels) < 0) {
        eg_diag_add(dl, EG_ERROR, "E_XLSX_DAMAGED", display, 0, 0, NULL, NULL,
                    "bảng tính bị hỏng: thiếu thành phần %s, nơi ghi tên các trang tính; lưu lại bằng Excel hoặc LibreOffice",
                    wb_rels);
        goto done;
    }
    if (read_rels(&pkg, wb_rels, &wbrels) < 0)
        goto done;

    /* 3. The workbook itself: the sheet to read and the date system;
     * Strict Open XML is recognised by its root element. */
    wb.rels = &wbrels;
    if (eg_xlsx_parse(&pkg, idx, wb_part, wb_start, NULL, NULL, &wb, 1))
        goto done;
    sheet_part = wb.report ? wb.report : wb.first_visible ? wb.first_visible : wb.first;
    snprintf(book.sheet_name, sizeof book.sheet_name, "%s",
             wb.report ? wb.report_name : wb.first_visible ? wb.first_visible_name
                                                          : wb.first_name);
    if (!sheet_part) {
        eg_diag_add(dl, EG_ERROR, "E_XLSX_NOT_WORKBOOK", display, 0, 0, NULL, NULL,
                    "bảng tính không có trang tính nào: đặt báo cáo vào một trang tính rồi gửi lại");
        goto done;
    }
    idx = eg_xlsx_find(&pkg, sheet_part);
    if (idx < 0) {
        eg_diag_add(dl, EG_ERROR, "E_XLSX_DAMAGED", display, 0, 0, NULL, NULL,
                    "bảng tính bị hỏng: thiếu trang tính của bảng tính (thành phần %s); lưu lại bằng Excel hoặc LibreOffice",
                    sheet_part);
        goto done;
    }
    book.date1904 = wb.date1904;

    /* 4. What the cells refer to: styles (percent and date formats) and
     * shared strings. */
    r = rel_first(&wbrels, REL_STYLES);
    if (r && eg_xlsx_read_styles(&pkg, r->target, &book))
        goto done;
    r = rel_first(&wbrels, REL_SHARED_STRINGS);
    if (r && read_strings(&pkg, r->target, &book))
        goto done;

    /* 5. The sheet.  Its legacy text must be known before a row goes
     * out, and a damaged sheet must hand on no row at all.  A small one
     * (its part at most SMALL_SHEET bytes) is read in one pass, its rows
     * held until it is read whole; a larger one, or one that could not be
     * read so, in two: parsed whole first for its legacy text, which
     * checks it too (its size within the caps, its data intact, its XML
     * well formed), then streamed. */
    legacy_begin(&lc, &book, display, dl);
    if (part_size(&pkg, idx) <= SMALL_SHEET) {
        rc = eg_xlsx_read_small_sheet(&pkg, &book, idx, sheet_part, SMALL_SHEET, &lc.scan,
                                      fn, ctx, legacy_decide, &lc);
        if (rc <= 0)
            goto read;
        rc = -1;
        legacy_begin(&lc, &book, display, dl);
    }
    if (eg_xlsx_scan_inline(&pkg, idx, sheet_part, &lc.scan, &merges))
        goto done;
    legacy_decide(&lc);
    rc = eg_xlsx_read_sheet(&pkg, &book, idx, sheet_part, &merges, fn, ctx);
read:
    if (rc == 0 && probe)
        probe_others(&pkg, &book, &wb, sheet_part, probe);

done:
    eg_merges_free(&merges);
    for (size_t i = 0; i < book.n_strings; i++)
        free(book.strings[i]);
    free(book.strings);
    free(book.xf_kind);
    free(book.xf_hides);
    rels_free(&root);
    rels_free(&wbrels);
    free(wb_part);
    free(wb_dir);
    free(wb_rels);
    eg_xlsx_close(&pkg);
    return rc;
}
