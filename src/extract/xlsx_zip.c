/*
 * xlsx_zip.c - the workbook's archive, one part at a time, through expat.
 *
 * A hostile archive lies in its headers, so sizes are counted as bytes
 * come out of the decompressor, per part and for the whole file, and a
 * part is abandoned the moment it passes its cap.  An XML part never has
 * a DOCTYPE: refusing it closes the door on entity expansion (billion
 * laughs) and external entities at once.
 */
#include "extract/xlsx_priv.h"

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/file.h"
#include "core/mem.h"
#include "core/number.h"
#include "core/text.h"
#include "extract/filesig.h"

#define CHUNK (64 * 1024)
#define MIB (1024.0 * 1024.0)

static void pkg_error(eg_xlsx_pkg *pkg, const char *code, long row, int col,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void pkg_error(eg_xlsx_pkg *pkg, const char *code, long row, int col,
                      const char *fmt, ...)
{
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = eg_xvasprintf(fmt, ap);
    va_end(ap);
    eg_diag_add(pkg->dl, EG_ERROR, code, pkg->display, row, col, NULL, NULL, "%s", msg);
    free(msg);
    pkg->failed = 1;
}

/* libzip's error in the clerk's words; a failed read in the system's
 * (eg_strerror_vi), as the other readers give it; libzip's own English words
 * only for what reading a workbook never meets. */
static const char *zip_words(zip_error_t *ze)
{
    int code = zip_error_code_zip(ze);

    switch (code) {
    case ZIP_ER_OPEN:
    case ZIP_ER_READ:
    case ZIP_ER_SEEK:
        if (zip_error_system_type(ze) == ZIP_ET_SYS && zip_error_code_system(ze))
            return eg_strerror_vi(zip_error_code_system(ze));
        return code == ZIP_ER_OPEN ? "lỗi mở tệp" : "lỗi đọc tệp";
    case ZIP_ER_MULTIDISK:
        return "tệp nén chia thành nhiều phần, không được hỗ trợ";
    case ZIP_ER_CRC:
        return "sai mã kiểm tra CRC";
    case ZIP_ER_NOENT:
        return "không có thành phần này";
    case ZIP_ER_ZLIB:
    case ZIP_ER_COMPRESSED_DATA:
        return "dữ liệu nén bị hỏng";
    case ZIP_ER_MEMORY:
        return "hết bộ nhớ";
    case ZIP_ER_COMPNOTSUPP:
        return "phương thức nén không được hỗ trợ";
    case ZIP_ER_EOF:
        return "tệp kết thúc giữa chừng";
    case ZIP_ER_NOZIP:
        return "không phải tệp nén zip";
    case ZIP_ER_INCONS:
        return "cấu trúc tệp nén không nhất quán";
    case ZIP_ER_ENCRNOTSUPP:
        return "phương thức mã hóa không được hỗ trợ";
    case ZIP_ER_NOPASSWD:
        return "cần mật khẩu để đọc";
    case ZIP_ER_WRONGPASSWD:
        return "sai mật khẩu";
    default:
        return zip_error_strerror(ze);
    }
}

/* 1 when the first bytes look like text a clerk saved (no NUL, valid
 * UTF-8 but for a character cut at the end of the sample). */
static int looks_like_text(const unsigned char *b, size_t n)
{
    if (memchr(b, 0, n))
        return 0;
    for (size_t cut = 0; cut < 4 && cut < n; cut++)
        if (eg_utf8_valid((const char *)b, n - cut))
            return 1;
    return 0;
}

/* What a file that is no zip archive is, for the clerk: the first bytes
 * of the common mistakes. */
static void not_a_zip(eg_xlsx_pkg *pkg, const unsigned char *b, size_t n)
{
    eg_file_sig sig = eg_file_sig_of(b, n);
    const char *what;

    if (sig == EG_SIG_OLE) {
        pkg_error(pkg, "E_XLSX_NOT_ZIP", 0, 0,
                  "tệp là bảng tính Excel 97-2003 hoặc bảng tính được đặt mật khẩu, không phải bảng tính .xlsx: lưu lại dưới dạng \"Excel Workbook (.xlsx)\" không đặt mật khẩu, hoặc nếu là tệp .xls thì đổi đuôi tệp thành .xls");
        return;
    }
    if (sig == EG_SIG_PNG)
        what = "ảnh PNG";
    else if (sig == EG_SIG_JPEG)
        what = "ảnh JPEG";
    else if (sig == EG_SIG_PDF)
        what = "tài liệu PDF";
    else if (n >= 1 && b[0] == '<')
        what = "trang web hoặc tệp XML";
    else if (looks_like_text(b, n))
        what = "tệp văn bản (nếu là tệp CSV, đổi đuôi tệp thành .csv)";
    else
        what = NULL;
    if (what)
        pkg_error(pkg, "E_XLSX_NOT_ZIP", 0, 0,
                  "tệp là %s, không phải bảng tính Excel (.xlsx): gửi báo cáo dưới dạng bảng tính Excel",
                  what);
    else
        pkg_error(pkg, "E_XLSX_NOT_ZIP", 0, 0,
                  "tệp không phải bảng tính Excel (.xlsx), cũng không phải tệp nén zip: gửi báo cáo dưới dạng bảng tính Excel");
}

int eg_xlsx_open(eg_xlsx_pkg *pkg, const char *path, const char *display,
                 const eg_limits *lim, eg_diag_list *dl)
{
    unsigned char head[512];
    size_t n;
    FILE *f;
    int err = 0;
    zip_int64_t entries;

    memset(pkg, 0, sizeof *pkg);
    pkg->display = display;
    pkg->dl = dl;
    pkg->lim = eg_limits_of(lim);
    if (pkg->lim.max_fields > EG_XLSX_MAX_COLS)
        pkg->lim.max_fields = EG_XLSX_MAX_COLS;

    /* The first bytes name the usual mistakes better than libzip can. */
    f = fopen(path, "rb");
    if (!f) {
        pkg_error(pkg, "E_FILE_READ", 0, 0, "không mở được tệp: %s", eg_strerror_vi(errno));
        return -1;
    }
    n = fread(head, 1, sizeof head, f);
    if (ferror(f)) {
        /* no bytes to judge it by: not "an empty file" */
        int read_err = errno;

        fclose(f);
        pkg_error(pkg, "E_FILE_READ", 0, 0, "không đọc được tệp: %s", eg_strerror_vi(read_err));
        return -1;
    }
    fclose(f);
    if (n == 0) {
        /* libzip would take an empty file for an empty archive. */
        pkg_error(pkg, "E_XLSX_NOT_ZIP", 0, 0,
                  "tệp trống (0 byte): lưu lại bảng tính rồi gửi lại");
        return -1;
    }

    pkg->za = zip_open(path, ZIP_RDONLY, &err);
    if (!pkg->za) {
        zip_error_t ze;

        zip_error_init_with_code(&ze, err);
        if (err == ZIP_ER_NOZIP && eg_file_sig_of(head, n) == EG_SIG_ZIP)
            /* It starts as an archive but its directory, at the end,
             * is missing: cut short in a copy or a download. */
            pkg_error(pkg, "E_XLSX_DAMAGED", 0, 0,
                      "bảng tính không đầy đủ (thiếu phần cuối của tệp nén): tệp chưa được sao chép hoặc tải về đầy đủ; gửi lại");
        else if (err == ZIP_ER_NOZIP)
            not_a_zip(pkg, head, n);
        else if (err == ZIP_ER_OPEN || err == ZIP_ER_READ || err == ZIP_ER_SEEK)
            pkg_error(pkg, "E_FILE_READ", 0, 0, "không đọc được tệp: %s", zip_words(&ze));
        else
            pkg_error(pkg, "E_XLSX_DAMAGED", 0, 0,
                      "tệp nén của bảng tính bị hỏng (%s): lưu lại bằng Excel hoặc LibreOffice rồi gửi lại",
                      zip_words(&ze));
        zip_error_fini(&ze);
        return -1;
    }
    entries = zip_get_num_entries(pkg->za, 0);
    if (entries < 0 || (uint64_t)entries > pkg->lim.max_entries) {
        char count[32], max[32];

        pkg_error(pkg, "E_XLSX_TOO_MANY_ENTRIES", 0, 0,
                  "tệp nén của bảng tính có %s thành phần, nhiều hơn mức cho phép là %s: chỉ gửi riêng trang tính báo cáo",
                  eg_fmt_int(count, sizeof count, (int64_t)entries),
                  eg_fmt_int(max, sizeof max, (int64_t)pkg->lim.max_entries));
        eg_xlsx_close(pkg);
        return -1;
    }
    return 0;
}

void eg_xlsx_close(eg_xlsx_pkg *pkg)
{
    if (pkg->za)
        zip_discard(pkg->za);
    pkg->za = NULL;
}

zip_int64_t eg_xlsx_find(eg_xlsx_pkg *pkg, const char *part)
{
    return zip_name_locate(pkg->za, part, ZIP_FL_NOCASE);
}

/* libzip's error while reading a part, in our words and its own. */
static void zip_failed(eg_xlsx_pkg *pkg, const char *part, zip_error_t *ze)
{
    int code = zip_error_code_zip(ze);

    switch (code) {
    case ZIP_ER_CRC:
        pkg_error(pkg, "E_XLSX_CRC", 0, 0,
                  "bảng tính bị hỏng: thành phần %s sai mã kiểm tra CRC (tệp đã bị thay đổi hoặc hỏng khi chuyển đi): gửi lại",
                  part);
        break;
    case ZIP_ER_COMPNOTSUPP:
    case ZIP_ER_ENCRNOTSUPP:
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
        pkg_error(pkg, "E_XLSX_DAMAGED", 0, 0,
                  "không đọc được thành phần %s của bảng tính (%s): lưu lại bằng Excel hoặc LibreOffice, không đặt mật khẩu",
                  part, zip_words(ze));
        break;
    case ZIP_ER_READ:
    case ZIP_ER_SEEK:
    case ZIP_ER_OPEN:
        pkg_error(pkg, "E_FILE_READ", 0, 0, "không đọc được thành phần %s: %s", part,
                  zip_words(ze));
        break;
    default:
        pkg_error(pkg, "E_XLSX_DAMAGED", 0, 0,
                  "bảng tính bị hỏng: không giải nén được thành phần %s (%s): gửi lại",
                  part, zip_words(ze));
        break;
    }
}

static void too_big(eg_xlsx_pkg *pkg, const char *part, int whole)
{
    if (whole)
        pkg_error(pkg, "E_XLSX_TOO_BIG", 0, 0,
                  "tổng dung lượng bảng tính sau khi giải nén lớn hơn %.0f MiB (có thể là tệp nén độc hại, \"zip bomb\"): chỉ gửi riêng trang tính báo cáo",
                  pkg->lim.max_total_bytes / MIB);
    else
        pkg_error(pkg, "E_XLSX_TOO_BIG", 0, 0,
                  "thành phần %s của bảng tính khi giải nén lớn hơn %.0f MiB (có thể là tệp nén độc hại, \"zip bomb\"): chỉ gửi riêng trang tính báo cáo",
                  part, pkg->lim.max_entry_bytes / MIB);
}

/* What receives a part's bytes: 0 go on, 1 done (no error), -1 failed
 * (the sink added the diagnostic). */
typedef int (*sink_fn)(void *ctx, const char *buf, size_t n);

/* Decompresses a part chunk by chunk into sink, counting the bytes.
 * 0 when read to its end or stopped by the sink; 1 when stopped at
 * pkg->part_budget; -1 after an error. */
static int stream(eg_xlsx_pkg *pkg, zip_int64_t index, const char *part, int counted,
                  sink_fn sink, void *ctx)
{
    zip_stat_t st;
    zip_file_t *f;
    char *buf;
    zip_int64_t k;
    uint64_t entry = 0, declared = UINT64_MAX;
    int rc = 0;

    if (pkg->failed)
        return -1;
    /* A size claimed above the cap is refused before a byte is inflated;
     * one claimed below it is a limit too: a part that inflates past the
     * size its header gives is no part a spreadsheet program wrote (a zip
     * bomb that lies about its size stops there, not after 128 MiB of
     * inflating).  The cap is counted as well, whatever the header says. */
    zip_stat_init(&st);
    if (zip_stat_index(pkg->za, (zip_uint64_t)index, 0, &st) == 0 &&
        (st.valid & ZIP_STAT_SIZE)) {
        if (st.size > pkg->lim.max_entry_bytes) {
            too_big(pkg, part, 0);
            return -1;
        }
        declared = st.size;
    }
    /* A stored part is its own bytes: a compressed size other than its
     * size is a damaged header, whose reading would run on into the next
     * part (and be taken for a zip bomb) or stop short. */
    if ((st.valid & ZIP_STAT_SIZE) && (st.valid & ZIP_STAT_COMP_SIZE) &&
        (st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method == ZIP_CM_STORE &&
        (!(st.valid & ZIP_STAT_ENCRYPTION_METHOD) || st.encryption_method == ZIP_EM_NONE) &&
        st.comp_size != st.size) {
        pkg_error(pkg, "E_XLSX_DAMAGED", 0, 0,
                  "bảng tính bị hỏng: thành phần %s không nén nhưng phần đầu khai báo kích thước nén khác kích thước thật (cấu trúc tệp nén không nhất quán): gửi lại",
                  part);
        return -1;
    }
    f = zip_fopen_index(pkg->za, (zip_uint64_t)index, 0);
    if (!f) {
        zip_failed(pkg, part, zip_get_error(pkg->za));
        return -1;
    }
    buf = eg_xmalloc(CHUNK);
    while ((k = zip_fread(f, buf, CHUNK)) > 0) {
        int s;

        entry += (uint64_t)k;
        pkg->probed += pkg->part_budget ? (uint64_t)k : 0;
        if (counted)
            pkg->total += (uint64_t)k;
        if (entry > pkg->lim.max_entry_bytes || pkg->total > pkg->lim.max_total_bytes) {
            too_big(pkg, part, entry <= pkg->lim.max_entry_bytes);
            rc = -1;
            break;
        }
        if (entry > declared) {
            char n[32];

            pkg_error(pkg, "E_XLSX_TOO_BIG", 0, 0,
                      "thành phần %s của bảng tính khi giải nén lớn hơn %s byte mà phần đầu của nó khai báo (có thể là tệp nén độc hại, \"zip bomb\"): chỉ gửi riêng trang tính báo cáo",
                      part, eg_fmt_int(n, sizeof n, declared > INT64_MAX ? INT64_MAX : (int64_t)declared));
            rc = -1;
            break;
        }
        s = sink ? sink(ctx, buf, (size_t)k) : 0;
        if (s) {
            rc = s < 0 ? -1 : 0;
            break;
        }
        if (pkg->part_budget && entry >= pkg->part_budget) {
            rc = 1;             /* its budget spent, read and counted */
            break;
        }
    }
    /* libzip checks the CRC when the part ends: -1 there is damage. */
    if (k < 0 && !pkg->failed) {
        zip_failed(pkg, part, zip_file_get_error(f));
        rc = -1;
    }
    free(buf);
    zip_fclose(f);
    return rc;
}

/* --- XML --------------------------------------------------------------- */

void eg_xml_fail(eg_xml *x, const char *code, long row, int col, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    if (x->stopped)
        return;
    va_start(ap, fmt);
    msg = eg_xvasprintf(fmt, ap);
    va_end(ap);
    pkg_error(x->pkg, code, row, col, "%s", msg);
    free(msg);
    x->stopped = 1;
    if (x->parser)             /* none when xml_fast.c reads */
        XML_StopParser(x->parser, XML_FALSE);
}

void eg_xml_stop(eg_xml *x)
{
    if (x->stopped)
        return;
    x->stopped = 1;
    if (x->parser)             /* none when xml_fast.c reads */
        XML_StopParser(x->parser, XML_FALSE);
}

const char *eg_xml_local(const char *name)
{
    const char *sp = strrchr(name, ' ');

    return sp ? sp + 1 : name;
}

int eg_xml_is_strict(const char *name)
{
    return strncmp(name, "http://purl.oclc.org/ooxml/", 27) == 0;
}

const char *eg_xml_attr(const char **attrs, const char *local)
{
    for (size_t i = 0; attrs[i]; i += 2)
        if (strcmp(eg_xml_local(attrs[i]), local) == 0)
            return attrs[i + 1];
    return NULL;
}

/* Expat allocates through these, against a budget: a part whose parse
 * would need more (a tag of many megabytes, elements nested a million
 * deep) fails with XML_ERROR_NO_MEMORY instead of growing without bound.
 * Expat's suite has no user pointer; one part is parsed at a time per
 * thread. */
typedef union {
    size_t n;
    max_align_t align;
} mem_hdr;

static _Thread_local size_t xml_used, xml_budget;

static void *xml_malloc(size_t n)
{
    mem_hdr *h;

    if (n > xml_budget - xml_used)
        return NULL;
    h = malloc(sizeof *h + n);
    if (!h)
        return NULL;
    h->n = n;
    xml_used += n;
    return h + 1;
}

static void *xml_realloc(void *p, size_t n)
{
    mem_hdr *h, *h2;
    size_t old;

    if (!p)
        return xml_malloc(n);
    h = (mem_hdr *)p - 1;
    old = h->n;
    if (n > old && n - old > xml_budget - xml_used)
        return NULL;
    h2 = realloc(h, sizeof *h2 + n);
    if (!h2)
        return NULL;
    xml_used = xml_used - old + n;
    h2->n = n;
    return h2 + 1;
}

static void xml_free(void *p)
{
    mem_hdr *h;

    if (!p)
        return;
    h = (mem_hdr *)p - 1;
    xml_used -= h->n;
    free(h);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    eg_xml *x = ud;

    if (!x->stopped && x->start)
        x->start(x, name, attrs);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    eg_xml *x = ud;

    if (!x->stopped && x->end)
        x->end(x, name);
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    eg_xml *x = ud;

    if (!x->stopped && x->text)
        x->text(x, s, len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal_subset)
{
    eg_xml *x = ud;

    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal_subset;
    eg_xml_fail(x, "E_XLSX_DOCTYPE", 0, 0,
                "thành phần %s có khai báo DOCTYPE, trong khi bảng tính không bao giờ có khai báo này (có thể là tấn công mở rộng thực thể, \"entity expansion\"): không cho phép DOCTYPE; lưu lại bảng tính bằng Excel hoặc LibreOffice",
                x->part);
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_param,
                              const XML_Char *value, int value_len, const XML_Char *base,
                              const XML_Char *sysid, const XML_Char *pubid,
                              const XML_Char *notation)
{
    eg_xml *x = ud;

    (void)name; (void)is_param; (void)value; (void)value_len; (void)base;
    (void)sysid; (void)pubid; (void)notation;
    eg_xml_fail(x, "E_XLSX_DOCTYPE", 0, 0,
                "thành phần %s khai báo một thực thể (entity), trong khi bảng tính không bao giờ khai báo thực thể: không cho phép khai báo thực thể",
                x->part);
}

/* Expat's reason in the clerk's words; its own English words only for
 * what no part of a workbook meets. */
static const char *xml_words(enum XML_Error e)
{
    switch (e) {
    case XML_ERROR_SYNTAX:
        return "lỗi cú pháp";
    case XML_ERROR_NO_ELEMENTS:
        return "không có phần tử nào";
    case XML_ERROR_INVALID_TOKEN:
        return "ký hiệu không hợp lệ";
    case XML_ERROR_UNCLOSED_TOKEN:
        return "ký hiệu chưa kết thúc";
    case XML_ERROR_PARTIAL_CHAR:
        return "ký tự không đầy đủ";
    case XML_ERROR_TAG_MISMATCH:
        return "thẻ đóng không khớp với thẻ mở";
    case XML_ERROR_DUPLICATE_ATTRIBUTE:
        return "thuộc tính bị lặp";
    case XML_ERROR_JUNK_AFTER_DOC_ELEMENT:
        return "có nội dung thừa sau phần tử gốc";
    case XML_ERROR_UNDEFINED_ENTITY:
        return "thực thể chưa được khai báo";
    case XML_ERROR_BAD_CHAR_REF:
        return "tham chiếu đến mã ký tự không hợp lệ";
    case XML_ERROR_MISPLACED_XML_PI:
        return "khai báo XML không nằm ở đầu";
    case XML_ERROR_UNKNOWN_ENCODING:
        return "bảng mã không xác định";
    case XML_ERROR_INCORRECT_ENCODING:
        return "bảng mã khai báo trong XML không đúng";
    case XML_ERROR_UNCLOSED_CDATA_SECTION:
        return "đoạn CDATA chưa đóng";
    case XML_ERROR_UNBOUND_PREFIX:
        return "tiền tố chưa gắn với không gian tên nào";
    case XML_ERROR_XML_DECL:
        return "khai báo XML sai cấu trúc";
    default:
        return XML_ErrorString(e);
    }
}

static void xml_error(eg_xml *x)
{
    enum XML_Error e = XML_GetErrorCode(x->parser);

    if (e == XML_ERROR_NO_MEMORY)
        pkg_error(x->pkg, "E_XLSX_TOO_BIG", 0, 0,
                  "thành phần %s của bảng tính cần hơn %.0f MiB bộ nhớ để đọc (một thẻ XML dài hàng megabyte, hoặc các phần tử lồng nhau quá sâu): chỉ gửi riêng trang tính báo cáo",
                  x->part, xml_budget / MIB);
    else
        pkg_error(x->pkg, "E_XLSX_XML", 0, 0,
                  "bảng tính bị hỏng: thành phần %s sai cấu trúc XML tại dòng %lu, cột %lu (%s): lưu lại bằng Excel hoặc LibreOffice",
                  x->part, (unsigned long)XML_GetCurrentLineNumber(x->parser),
                  (unsigned long)XML_GetCurrentColumnNumber(x->parser) + 1, xml_words(e));
}

static int xml_sink(void *ctx, const char *buf, size_t n)
{
    eg_xml *x = ctx;

    if (XML_Parse(x->parser, buf, (int)n, 0) == XML_STATUS_ERROR) {
        if (x->stopped)
            return x->pkg->failed ? -1 : 1;
        xml_error(x);
        return -1;
    }
    return 0;
}

void eg_xml_init(eg_xml *x, eg_xlsx_pkg *pkg, const char *part, eg_xml_start_fn start,
                 eg_xml_end_fn end, eg_xml_text_fn text, void *ud)
{
    memset(x, 0, sizeof *x);
    x->pkg = pkg;
    x->part = part;
    x->ud = ud;
    x->start = start;
    x->end = end;
    x->text = text;
}

/* An expat parser for part, set up as every part is read: namespaces on,
 * separated by a space (no URI holds one: Strict Open XML and prefixed
 * writers ("x:row") are told apart by URI), its memory capped, DOCTYPEs
 * and entity declarations refused.  0, or -1 after an error. */
static int xml_begin(eg_xml *x, eg_xlsx_pkg *pkg, const char *part, eg_xml_start_fn start,
                     eg_xml_end_fn end, eg_xml_text_fn text, void *ud)
{
    static const XML_Memory_Handling_Suite mem = { xml_malloc, xml_realloc, xml_free };

    eg_xml_init(x, pkg, part, start, end, text, ud);
    xml_used = 0;
    xml_budget = ((size_t)8 << 20) + 2 * pkg->lim.max_field;
    x->parser = XML_ParserCreate_MM(NULL, &mem, " ");
    if (!x->parser) {
        pkg_error(pkg, "E_XLSX_XML", 0, 0, "không khởi động được bộ phân tích XML cho thành phần %s",
                  part);
        return -1;
    }
    XML_SetUserData(x->parser, x);
    XML_SetElementHandler(x->parser, on_start, on_end);
    XML_SetCharacterDataHandler(x->parser, on_text);
    XML_SetStartDoctypeDeclHandler(x->parser, on_doctype);
    XML_SetEntityDeclHandler(x->parser, on_entity);
    XML_SetParamEntityParsing(x->parser, XML_PARAM_ENTITY_PARSING_NEVER);
    return 0;
}

/* The last call tells expat the part is over (an unclosed element is an
 * error only now); then the parser goes.  rc: the reading's so far. */
static int xml_finish(eg_xml *x, int rc)
{
    if (rc == 0 && !x->stopped && XML_Parse(x->parser, "", 0, 1) == XML_STATUS_ERROR &&
        !x->stopped)
        xml_error(x);
    if (x->pkg->failed)
        rc = -1;
    XML_ParserFree(x->parser);
    x->parser = NULL;
    return rc;
}

int eg_xlsx_parse(eg_xlsx_pkg *pkg, zip_int64_t index, const char *part,
                  eg_xml_start_fn start, eg_xml_end_fn end, eg_xml_text_fn text,
                  void *ud, int counted)
{
    eg_xml x;
    int rc;

    if (pkg->failed || xml_begin(&x, pkg, part, start, end, text, ud))
        return -1;
    rc = stream(pkg, index, part, counted, xml_sink, &x);
    if (rc == 1) {              /* the budget spent: the part is not over */
        x.stopped = 1;
        rc = 0;
    }
    return xml_finish(&x, rc);
}

/* A part inflated whole: its bytes so far (room for a NUL after them),
 * and the cap. */
typedef struct {
    eg_buf b;
    size_t max;
    int over;
} whole;

static int whole_sink(void *ctx, const char *buf, size_t n)
{
    whole *w = ctx;

    if (n > w->max - w->b.n) {
        w->over = 1;
        return 1;
    }
    eg_buf_reserve(&w->b, n + 1);
    eg_buf_put(&w->b, buf, n);
    return 0;
}

int eg_xlsx_inflate(eg_xlsx_pkg *pkg, zip_int64_t index, const char *part, int counted,
                    size_t max, char **doc, size_t *len)
{
    whole w = { { NULL, 0, 0 }, max, 0 };
    int rc = stream(pkg, index, part, counted, whole_sink, &w);

    if (rc == 0 && !w.over) {
        eg_buf_reserve(&w.b, 1);
        w.b.p[w.b.n] = '\0';
        *doc = w.b.p;
        *len = w.b.n;
        return 0;
    }
    free(w.b.p);
    *doc = NULL;
    *len = 0;
    return rc ? -1 : 1;
}

int eg_xlsx_parse_doc(eg_xlsx_pkg *pkg, const char *part, const char *doc, size_t len,
                      eg_xml_start_fn start, eg_xml_end_fn end, eg_xml_text_fn text, void *ud)
{
    eg_xml x;
    int rc = 0;

    if (pkg->failed || xml_begin(&x, pkg, part, start, end, text, ud))
        return -1;
    /* in pieces: expat takes an int's worth at a time */
    for (size_t at = 0; at < len && rc == 0 && !x.stopped;) {
        size_t n = len - at < CHUNK ? len - at : CHUNK;

        rc = xml_sink(&x, doc + at, n) < 0 ? -1 : 0;
        at += n;
    }
    return xml_finish(&x, rc);
}

/* --- text -------------------------------------------------------------- */

int eg_xlsx_text_add(eg_xlsx_text *t, const char *s, size_t n)
{
    if (t->len + n > t->max)
        return -1;
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 64;

        while (cap < t->len + n + 1)
            cap *= 2;
        t->s = eg_xrealloc(t->s, cap);
        t->cap = cap;
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
    return 0;
}

void eg_xlsx_text_free(eg_xlsx_text *t)
{
    free(t->s);
    t->s = NULL;
    t->len = t->cap = 0;
}

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

char *eg_xlsx_field(const char *s, size_t n, size_t *chars)
{
    char *out = eg_xmalloc(n + 1), *o = out, *nfc;
    size_t i = 0;

    /* _xHHHH_ stands for a character XML cannot carry (ECMA-376 22.9.2.19);
     * "_x005F_" escapes a real underscore.  A surrogate or NUL stays as
     * written: it cannot be a character of ours.  The UTF-8 of a BMP
     * character is never longer than its 7-byte escape. */
    while (i < n) {
        if (s[i] == '_' && i + 6 < n && s[i + 1] == 'x' && s[i + 6] == '_') {
            int h0 = hex(s[i + 2]), h1 = hex(s[i + 3]), h2 = hex(s[i + 4]), h3 = hex(s[i + 5]);

            if (h0 >= 0 && h1 >= 0 && h2 >= 0 && h3 >= 0) {
                unsigned cp = (unsigned)(h0 << 12 | h1 << 8 | h2 << 4 | h3);

                if (cp != 0 && (cp < 0xD800 || cp > 0xDFFF)) {
                    o += eg_utf8_put(o, cp);
                    i += 7;
                    continue;
                }
            }
        }
        *o++ = s[i++];
    }
    *o = '\0';
    /* ASCII is already NFC: most cells skip utf8proc. */
    for (o = out; *o; o++)
        if ((unsigned char)*o >= 0x80) {
            nfc = eg_nfc(out);
            free(out);
            out = nfc;
            break;
        }
    eg_trim(out);
    if (chars)
        *chars = eg_utf8_len(out);
    return out;
}
