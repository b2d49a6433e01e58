#include "normalize/accept.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"
#include "core/number.h"
#include "core/pattern.h"
#include "core/text.h"
#include "extract/encoding.h"
#include "normalize/completeness.h"

#define CONFLICT (-2)

void eg_acceptor_init(eg_acceptor *a, eg_dataset *ds, const eg_layouts *L, eg_diag_list *dl)
{
    size_t cells = ds->registry.n * L->cat.n;

    a->ds = ds;
    a->L = L;
    a->dl = dl;
    a->file = -1;
    a->file_named = 0;
    a->file_unit = -1;
    a->file_filled = 0;
    memset(&a->names, 0, sizeof a->names);
    ds->n_indicators = L->cat.n;
    ds->cell = eg_xmalloc(cells * sizeof *ds->cell);
    a->first_place = eg_xmalloc(cells * sizeof *a->first_place);
    a->other_place = NULL;
    a->said = NULL;
    a->n_said = a->cap_said = 0;
    for (size_t i = 0; i < cells; i++)
        ds->cell[i] = a->first_place[i] = -1;
}

/* A row that names the pair and leaves its value cell empty (a form's
 * row not filled in): kept, the first of each pair, so that a required
 * value never given is said to be missing at that row. */
static void note_blank(eg_dataset *ds, int u, int k, const eg_raw_value *rv)
{
    size_t cell = (size_t)u * ds->n_indicators + (size_t)k;

    if (!ds->blank_cell) {
        size_t cells = ds->registry.n * ds->n_indicators;

        ds->blank_cell = eg_xmalloc(cells * sizeof *ds->blank_cell);
        for (size_t i = 0; i < cells; i++)
            ds->blank_cell[i] = -1;
    }
    if (ds->blank_cell[cell] >= 0)
        return;
    if (ds->n_blanks == ds->cap_blanks) {
        ds->cap_blanks = ds->cap_blanks ? ds->cap_blanks * 2 : 64;
        ds->blanks = eg_xrealloc(ds->blanks, ds->cap_blanks * sizeof *ds->blanks);
    }
    ds->blanks[ds->n_blanks] = (eg_place){ rv->file, rv->row, rv->value_col };
    ds->blank_cell[cell] = (int32_t)ds->n_blanks++;
}

/* The known code nearest to an unknown one, or NULL when none is close: a
 * slip of one letter (two in a code of eight or more).  Codes share their
 * group ("ht.", "KT."), so a looser bound put ht.cbcc beside ht.wifi. */
static const char *nearest(const char *code, char *const *codes, size_t n, size_t stride)
{
    const char *best = NULL;
    size_t best_d = strlen(code) >= 8 ? 3 : 2;

    for (size_t i = 0; i < n; i++) {
        const char *c = *(char *const *)((const char *)codes + i * stride);
        size_t d = eg_edit_distance(code, c, best_d);

        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    return best;
}

/* What the program computes and no unit sends, said so when a clerk
 * sends it as an indicator (indicators.md: diem.tong "is computed, never
 * submitted"): a figure of figures.csv, a ranking of rankings.csv, or a
 * unit's total score.  NULL for any other code. */
static const char *computed_not_sent(const eg_layouts *L, const char *code)
{
    if (strcmp(code, "diem.tong") == 0)
        return "tổng điểm của đơn vị, chương trình tự cộng từ các tiêu chí diem.*";
    if (eg_strmap_get(&L->figure_index, code) >= 0)
        return "số liệu tổng hợp của tỉnh, chương trình tự tính từ số liệu các đơn vị";
    for (size_t i = 0; i < L->n_rankings; i++)
        if (strcmp(code, L->rankings[i].code) == 0)
            return "bảng xếp hạng, chương trình tự xếp theo tổng điểm của các đơn vị";
    return NULL;
}

/* A level as a message names it, after "cấp": "sở/ban/ngành", "xã". */
static const char *level_name(eg_level level)
{
    switch (level) {
    case EG_LEVEL_TINH: return "tỉnh";
    case EG_LEVEL_SO: return "sở/ban/ngành";
    case EG_LEVEL_HUYEN: return "huyện";
    case EG_LEVEL_XA: return "xã";
    case EG_LEVEL_COUNT: break;
    }
    return "?";
}

/* The levels of mask, named so, in a list: "sở/ban/ngành, huyện" (37
 * bytes at most). */
static const char *level_words(unsigned mask)
{
    static char buf[64];

    buf[0] = '\0';
    for (int l = 0; l < EG_LEVEL_COUNT; l++)
        if (mask & EG_LEVEL_BIT(l)) {
            if (buf[0])
                strcat(buf, ", ");
            strcat(buf, level_name((eg_level)l));
        }
    return buf;
}

/* How many bytes of a cell's text a value-parse message quotes: enough
 * for any value a clerk types, and room left in its buffer for the rest
 * of the sentence.  Cut between two characters (eg_utf8_prefix). */
#define QUOTED_MAX 160

/* The message into msg (cap bytes), cut, when it does not fit, between
 * two characters, never inside one. */
static void put_msg(char *msg, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void put_msg(char *msg, size_t cap, const char *fmt, ...)
{
    va_list ap;
    char *all;
    size_t n;

    if (!cap)
        return;
    va_start(ap, fmt);
    all = eg_xvasprintf(fmt, ap);
    va_end(ap);
    n = eg_utf8_prefix(all, cap - 1);
    memcpy(msg, all, n);
    msg[n] = '\0';
    free(all);
}

/* 1 when text is a dash alone (-, – or —): what a spreadsheet shows, and
 * writes into a CSV file, for 0 in an accounting format, and what a clerk
 * may type for "no figure". */
static int dash_alone(const char *text)
{
    return strcmp(text, "-") == 0 || strcmp(text, "\xE2\x80\x93") == 0 ||
           strcmp(text, "\xE2\x80\x94") == 0;
}

/* A cell's text as a message quotes it: "'%.*s'" with this. */
#define QUOTED(text) (int)eg_utf8_prefix(text, QUOTED_MAX), (text)

/* A dash alone (-, – or —: a few bytes) as a count's, a number's, a
 * percentage's or a score's value. */
#define DASH_ALONE "chỉ ghi '%s' thì không phải là số: chương trình bảng tính hiển thị số 0 như vậy ở " \
                   "định dạng kế toán, và dấu gạch ngang cũng có thể có nghĩa là không có " \
                   "số liệu; ghi 0, hoặc để trống ô nếu không có số liệu"

/* s with the full-width digits, comma, full stop and percent sign
 * (U+FF10 to U+FF19, U+FF0C, U+FF0E, U+FF05: EF BC 90-99, 8C, 8E, 85) an
 * input method for Chinese or Japanese types, or a copy from a document
 * written with one leaves, as the ASCII ones they look like, in place:
 * "４６" was refused as "không phải là số" beside a 46 the clerk sees.
 * Returns s. */
static char *fullwidth_folded(char *s)
{
    char *o = s;

    for (const char *p = s; *p;) {
        const unsigned char *u = (const unsigned char *)p;

        if (u[0] == 0xEF && u[1] == 0xBC &&
            ((u[2] >= 0x90 && u[2] <= 0x99) || u[2] == 0x8C || u[2] == 0x8E || u[2] == 0x85)) {
            *o++ = (char)(u[2] - 0x60);      /* U+FF01 to U+FF5E: U+0021 to U+007E */
            p += 3;
        } else {
            *o++ = *p++;
        }
    }
    *o = '\0';
    return s;
}

/* s without the blanks that group thousands (U+202F, U+2009, U+2007) and
 * the white space at its ends, in place; returns s. */
static char *number_blanks_trimmed(char *s)
{
    for (;;) {                      /* a tab may stand between the blanks */
        size_t n = strlen(s);

        if (strlen(eg_trim(eg_num_trim_blanks(s))) == n)
            return s;
    }
}

/* A typed value's text as a number is read from it: without what a
 * copy from a web page or a word processor leaves unseen in it
 * (eg_code_clean: zero-width space and joiners, word joiner, byte-order
 * mark, soft hyphen, marks of writing direction; eg_accept_raw has
 * dropped them from what it hands on already, this parse stands alone)
 * nor the blanks that group thousands (U+202F, U+2009, U+2007) at its
 * ends: "5" then U+200B was refused as "'5' không phải là số", a message
 * the clerk cannot act on.  A new string. */
static char *unseen_dropped(const char *text)
{
    return number_blanks_trimmed(eg_code_clean(fullwidth_folded(eg_xstrdup(text))));
}

static int has_non_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 1;
    return 0;
}

/* The length of text without a currency sign of đồng at its end ("₫",
 * "đ", "VNĐ", "VND", "đồng", in the spellings listed below, a space, a
 * no-break space or none before it), as a
 * spreadsheet set for Vietnam writes its Currency format into a CSV
 * ("4.750.000.000 ₫"); 0 when it has none. */
static size_t before_currency(const char *text)
{
    static const char *const signs[] = { "\xE2\x82\xAB", "đồng", "Đồng", "ĐỒNG", "VNĐ", "Vnđ",
                                         "vnđ", "VND", "Vnd", "vnd", "đ", "Đ" };
    size_t n = strlen(text);

    for (size_t i = 0; i < sizeof signs / sizeof *signs; i++) {
        size_t k = strlen(signs[i]), m;

        if (n <= k || memcmp(text + n - k, signs[i], k) != 0)
            continue;
        m = n - k;
        while (m > 0 && (text[m - 1] == ' ' || (m >= 2 && (unsigned char)text[m - 2] == 0xC2 &&
                                                 (unsigned char)text[m - 1] == 0xA0)))
            m -= text[m - 1] == ' ' ? 1 : 2;
        /* "5đ" and "5 đ"; a sign alone, or after a letter, is no amount */
        return m > 0 && text[m - 1] >= '0' && text[m - 1] <= '9' ? m : 0;
    }
    return 0;
}

/* 1 when the indicator is counted in đồng (its unit "đồng", "VNĐ"). */
static int in_dong(const eg_indicator *ind)
{
    char *f = ind->unit_label ? eg_fold(ind->unit_label) : NULL;
    int yes = f && (strcmp(f, "dong") == 0 || strcmp(f, "vnd") == 0);

    free(f);
    return yes;
}

static int value_parse(const eg_indicator *ind, eg_level lv, const char *text, eg_value *v,
                       const char **code, char *msg, size_t cap);

/* The letters typed for the digits they look like, in a font where they
 * are hard to tell apart: O and o for 0, l and I for 1. */
static const struct {
    char letter, digit;
} LOOKALIKES[] = { { 'O', '0' }, { 'o', '0' }, { 'l', '1' }, { 'I', '1' } };

/* text with those letters as their digits, and in *had a bit (1 << k)
 * for each LOOKALIKES[k] it had; NULL when it has none of them, or no
 * digit at all ("lo" is a word, not a number). */
static char *lookalikes_as_digits(const char *text, unsigned *had)
{
    char *fixed = eg_xstrdup(text);
    int digit = 0;

    *had = 0;
    for (char *p = fixed; *p; p++) {
        digit |= *p >= '0' && *p <= '9';
        for (unsigned k = 0; k < sizeof LOOKALIKES / sizeof *LOOKALIKES; k++)
            if (*p == LOOKALIKES[k].letter) {
                *p = LOOKALIKES[k].digit;
                *had |= 1u << k;
                break;
            }
    }
    if (!digit || !*had) {
        free(fixed);
        return NULL;
    }
    return fixed;
}

/* After a value refused as no number: when it reads as one with the
 * letters that look like digits taken for them ("9O", "1O.5OO", "l2"),
 * says which value that is and which letters stood for which digits, in
 * msg after what it says already. */
static void lookalike_hint(const eg_indicator *ind, eg_level lv, const char *text, char *msg,
                           size_t cap)
{
    unsigned had;
    char *fixed = lookalikes_as_digits(text, &had), *said, *list;
    const char *code;
    eg_value v;

    if (!fixed)
        return;
    if (value_parse(ind, lv, fixed, &v, &code, NULL, 0) != 0) {
        free(fixed);
        return;
    }
    list = eg_xstrdup("");
    for (unsigned k = 0; k < sizeof LOOKALIKES / sizeof *LOOKALIKES; k++) {
        char *more;

        if (!(had & 1u << k))
            continue;
        more = eg_xasprintf("%s%schữ '%c' được gõ thay cho số %c", list, *list ? ", " : "",
                            LOOKALIKES[k].letter, LOOKALIKES[k].digit);
        free(list);
        list = more;
    }
    said = eg_xstrdup(msg);
    put_msg(msg, cap, "%s; có lẽ là '%.*s': %s", said, QUOTED(fixed), list);
    free(said);
    free(list);
    free(fixed);
}

int eg_value_parse(const eg_indicator *ind, eg_level lv, const char *text, eg_value *v,
                   const char **code, char *msg, size_t cap)
{
    char *clean;
    int rc;

    /* what is unseen is never ASCII: most values are read as they are */
    if (ind->type == EG_TYPE_TEXT || !has_non_ascii(text))
        return value_parse(ind, lv, text, v, code, msg, cap);
    clean = unseen_dropped(text);
    rc = value_parse(ind, lv, clean, v, code, msg, cap);
    free(clean);
    return rc;
}

static int value_parse(const eg_indicator *ind, eg_level lv, const char *text, eg_value *v,
                       const char **code, char *msg, size_t cap)
{
    eg_num_status st = EG_NUM_OK;
    double d;
    int b = 0;

    v->i = 0;
    v->d = 0;
    switch (ind->type) {
    case EG_TYPE_COUNT:
    case EG_TYPE_MONEY: {
        size_t amount = ind->type == EG_TYPE_MONEY ? before_currency(text) : 0;

        *code = ind->type == EG_TYPE_COUNT ? "E_VALUE_COUNT" : "E_VALUE_MONEY";
        if (amount && !in_dong(ind)) {
            /* "5.000.000 ₫" for an amount in millions: which is meant? */
            put_msg(msg, cap, "'%.*s' ghi kèm ký hiệu tiền đồng, nhưng chỉ tiêu này tính bằng %s; "
                    "ghi số tiền theo đơn vị đó, không kèm ký hiệu", QUOTED(text),
                    ind->unit_label && ind->unit_label[0] ? ind->unit_label : "đơn vị khác");
            return -1;
        }
        if (amount) {
            char *digits = eg_xstrdup(text);

            digits[amount] = '\0';
            st = eg_parse_count_value(digits, &v->i);
            free(digits);
        } else {
            st = eg_parse_count_value(text, &v->i);
        }
        v->d = (double)v->i;
        if (st && dash_alone(text))
            put_msg(msg, cap, DASH_ALONE, text);
        else if (st)
            put_msg(msg, cap, "'%.*s' không phải là số nguyên ≥ 0 (%s); ghi theo dạng 403.086 "
                    "hoặc 403086", QUOTED(text), eg_num_status_text(st));
        break;
    }
    case EG_TYPE_NUMBER:
    case EG_TYPE_SCORE:
        st = eg_parse_decimal(text, &d);
        v->d = d;
        *code = ind->type == EG_TYPE_NUMBER ? "E_VALUE_NUMBER" : "E_VALUE_SCORE";
        if (st && dash_alone(text)) {
            put_msg(msg, cap, DASH_ALONE, text);
        } else if (st) {
            put_msg(msg, cap, "'%.*s' không phải là số ≥ 0 (%s); ghi theo dạng 116,83",
                    QUOTED(text), eg_num_status_text(st));
        } else if (ind->type == EG_TYPE_SCORE && d > ind->max[lv] + 1e-9) {
            char mx[32];

            /* to the decimals it has, as the form's prompt says it: 40,
             * 12,125 (two decimals said 40,00, and 12,13 above it) */
            eg_fmt_dec(mx, sizeof mx, ind->max[lv], eg_decimals_of(ind->max[lv]));
            *code = "E_SCORE_RANGE";
            put_msg(msg, cap, "điểm %.*s vượt quá điểm tối đa %s của cấp %s", QUOTED(text), mx,
                    level_name(lv));
            st = EG_NUM_RANGE;
        }
        break;
    case EG_TYPE_PERCENT:
        st = eg_parse_percent(text, &d);
        v->d = d;
        *code = "E_VALUE_PERCENT";
        if (st && dash_alone(text))
            put_msg(msg, cap, DASH_ALONE, text);
        else if (st)
            put_msg(msg, cap, "'%.*s' không phải là tỷ lệ phần trăm từ 0 đến 100 (%s); ghi theo "
                    "dạng 96,2%%", QUOTED(text), eg_num_status_text(st));
        break;
    case EG_TYPE_BOOL:
        st = eg_parse_bool(text, &b);
        v->i = b;
        v->d = b;
        *code = "E_VALUE_BOOL";
        if (st)
            put_msg(msg, cap, "'%.*s' không phải là giá trị có/không; ghi \"có\" hoặc \"không\"",
                    QUOTED(text));
        break;
    case EG_TYPE_ENUM: {
        char *folded = eg_fold(text);

        st = EG_NUM_SYNTAX;
        /* The code without regard to case, or the label without case
         * or diacritics: nothing looser. */
        for (size_t k = 0; k < ind->n_options; k++) {
            if (strcasecmp(text, ind->options[k].code) == 0 ||
                strcmp(folded, ind->options[k].folded) == 0) {
                v->i = (int64_t)k;
                v->d = (double)k;
                st = EG_NUM_OK;
                break;
            }
        }
        free(folded);
        *code = "E_VALUE_ENUM";
        if (st) {
            char *list = eg_xasprintf("'%.*s' không phải là một trong các lựa chọn:",
                                      QUOTED(text));

            for (size_t k = 0; k < ind->n_options; k++) {
                char *more = eg_xasprintf("%s%s %s (%s)", list, k ? "," : "",
                                          ind->options[k].code, ind->options[k].label);

                free(list);
                list = more;
            }
            put_msg(msg, cap, "%s", list);
            free(list);
        }
        break;
    }
    case EG_TYPE_TEXT:
        break;
    }
    if (st == EG_NUM_SYNTAX && cap && ind->type != EG_TYPE_BOOL && ind->type != EG_TYPE_ENUM &&
        !dash_alone(text))
        lookalike_hint(ind, lv, text, msg, cap);
    if (st == EG_NUM_OK && ind->pattern && !eg_pattern_match(ind->pattern, text)) {
        *code = "E_VALUE_PATTERN";
        put_msg(msg, cap, "'%.*s' không khớp với mẫu định dạng %s", QUOTED(text),
                eg_pattern_source(ind->pattern));
        return -1;
    }
    return st == EG_NUM_OK ? 0 : -1;
}

static int same_value(const eg_indicator *ind, const eg_value *a, const eg_value *b)
{
    switch (ind->type) {
    case EG_TYPE_NUMBER:
    case EG_TYPE_PERCENT:
    case EG_TYPE_SCORE:
        return a->d == b->d;
    case EG_TYPE_TEXT:
        return strcmp(a->text, b->text) == 0;
    default:
        return a->i == b->i;
    }
}

/* eg_value.unreadable of a value cut in two by a comma outside quotes
 * (E_CSV_EXTRA_FIELD), whose text is only its first half; of a row
 * written with another delimiter, one cell (E_CSV_DELIMITER). */
#define CUT 2
#define ALIEN 3

/* 1 when text is one of the names a column of the header goes by. */
static int names_column(const eg_colspec *col, const char *text)
{
    char *f;
    int found = 0;

    if (!text || !text[0])
        return 0;
    f = eg_fold(text);
    for (size_t i = 0; i < col->n_aliases && !found; i++)
        found = strcmp(f, col->aliases[i]) == 0;
    free(f);
    return found;
}

/* 1 when s is what a number cut at a comma leaves before it: digits,
 * points and the blanks that group thousands, a digit first ("18" of
 * "18,27", "1.234" of "1.234,5", "1 234" of "1 234,5"). */
static int number_head(const char *s)
{
    const char *end = s + strlen(s);

    if (!isdigit((unsigned char)*s))
        return 0;
    while (s < end) {
        size_t blank = eg_num_blank_len(s, end);

        if (blank)
            s += blank;         /* "1 234,5": a blank groups as a dot does */
        else if (isdigit((unsigned char)*s) || *s == '.')
            s++;
        else
            return 0;
    }
    return 1;
}

/* A delimiter in the clerk's words. */
static const char *delimiter_name(char d)
{
    return d == ',' ? "dấu phẩy (,)" : d == ';' ? "dấu chấm phẩy (;)" : "dấu tab";
}

/* What s is, as what a number cut at a comma leaves after: CUT_DIGITS,
 * digits alone or with a percent sign ("45,5%" cut as 45 and "5%");
 * CUT_AMOUNT, digits with the words of an amount ("1,5 tỷ" cut as 1 and
 * "5 tỷ"; tỷ, tỉ, triệu, nghìn, ngàn, đồng, đ, VNĐ), which no note of
 * another figure is; else 0: digits with other words ("5 trường") may be
 * a note. */
enum { CUT_DIGITS = 1, CUT_AMOUNT };

static int cut_second_half(const char *s)
{
    static const char *const amount[] = { "ty", "ti", "trieu", "nghin", "ngan", "dong", "d",
                                          "vnd", NULL };
    char *folded, *word, *save = NULL;
    int ok = 1;

    if (!isdigit((unsigned char)*s))
        return 0;
    while (isdigit((unsigned char)*s))
        s++;
    while (*s == ' ')
        s++;
    if (*s == '\0' || strcmp(s, "%") == 0)
        return CUT_DIGITS;
    folded = eg_fold(s);
    for (word = strtok_r(folded, " ", &save); word && ok; word = strtok_r(NULL, " ", &save)) {
        size_t i = 0;

        while (amount[i] && strcmp(word, amount[i]) != 0)
            i++;
        ok = amount[i] != NULL;
    }
    free(folded);
    return ok ? CUT_AMOUNT : 0;
}

/* A workbook's number as a Vietnamese cell shows it: "1.234" -> "1,234".
 * A new string. */
static char *decimal_comma(const char *number)
{
    char *shown = eg_xstrdup(number), *dot = strchr(shown, '.');

    if (dot)
        *dot = ',';
    return shown;
}

/* 1 for the types whose values are numbers: a cell of theirs shown as a
 * date holds the number typed (say_dated). */
static int numeric_type(eg_type t)
{
    return t == EG_TYPE_COUNT || t == EG_TYPE_MONEY || t == EG_TYPE_NUMBER ||
           t == EG_TYPE_PERCENT || t == EG_TYPE_SCORE;
}

/* A value refused because its workbook cell is formatted as a date or a
 * time: the clerk typed 142 and sees 21/05/1900 or 3408:00, where what
 * the format shows alone ('1900-05-21', '00:00:00') says nothing of the
 * number.  Said with the number when the reader knows it. */
static void say_dated(eg_diag_list *dl, const char *code, const char *file,
                      const eg_raw_value *rv, const char *ucode, const char *icode)
{
    static const char advice[] = "đổi định dạng ô sang Số (Number), xem lại số liệu rồi lưu lại";
    char *stored;

    if (!rv->value_stored) {
        eg_diag_add(dl, EG_ERROR, code, file, rv->row, rv->value_col, ucode, icode,
                    "ô được định dạng ngày/giờ (đọc là '%.*s'), không phải là số; %s",
                    (int)eg_utf8_prefix(rv->value, 40), rv->value, advice);
        return;
    }
    stored = decimal_comma(rv->value_stored);
    eg_diag_add(dl, EG_ERROR, code, file, rv->row, rv->value_col, ucode, icode,
                "ô chứa số %s nhưng được định dạng ngày/giờ (đọc là '%.*s'), không phải là "
                "số; %s", stored, (int)eg_utf8_prefix(rv->value, 40), rv->value, advice);
    free(stored);
}

/* How a conflict's message names a report: "là '45'", or words for a
 * value cut in two.  A new string. */
static char *said(const eg_value *v)
{
    if (v->unreadable == CUT)
        return eg_xstrdup("là giá trị bị cắt làm hai (do dấu phẩy nằm ngoài dấu ngoặc kép)");
    if (v->unreadable == ALIEN)
        return eg_xstrdup("là dòng dùng dấu phân cách khác, nằm cả trong một ô");
    return eg_xasprintf("là '%s'", v->text);
}

/* 1 when two reports of a pair say the same: the same value, or the
 * same text that could not be read. */
static int same_report(const eg_indicator *ind, const eg_value *a, const eg_value *b)
{
    if (a->unreadable || b->unreadable)
        return a->unreadable && b->unreadable && strcmp(a->text, b->text) == 0;
    return same_value(ind, a, b);
}

/* Appends report v to the values; its position.  Only the reports a cell
 * points to outlast eg_acceptor_finish. */
static size_t keep_report(eg_dataset *ds, const eg_value *v)
{
    if (ds->n_values == ds->cap_values) {
        ds->cap_values = ds->cap_values ? ds->cap_values * 2 : 1024;
        ds->values = eg_xrealloc(ds->values, ds->cap_values * sizeof *ds->values);
    }
    ds->values[ds->n_values] = *v;
    return ds->n_values++;
}

/* "file:row:col" of a report, whatever the length of its path: a new
 * string. */
static char *place(const eg_dataset *ds, const eg_value *v)
{
    return eg_xasprintf("%s:%ld:%d", ds->files[v->file].path, v->row, v->col);
}

static int in_file(const eg_diag *d, const char *path)
{
    return d->file && strcmp(d->file, path) == 0;
}

static int cmp_said_row(const void *x, const void *y)
{
    const struct eg_said_row *a = x, *b = y;

    return (a->row > b->row) - (a->row < b->row);
}

/* The file's problems said of a row before its unit's name was matched
 * (an unreadable field: E_TEXT_ENCODING, E_TEXT_NUL) name that unit now,
 * as those of a row with a code do: in the appendix's unit, and so that a
 * required value lost that way is not said to be left out as well. */
static void name_said_rows(eg_acceptor *a)
{
    const char *path = a->ds->files[a->file].path;
    size_t i = a->dl->n;

    qsort(a->said, a->n_said, sizeof *a->said, cmp_said_row);
    /* read by one thread, the next file's reading has said its own first */
    while (i > 0 && !in_file(&a->dl->items[i - 1], path))
        i--;
    while (i-- > 0) {
        eg_diag *d = &a->dl->items[i];
        struct eg_said_row key = { d->row, 0 }, *at;

        if (!in_file(d, path))
            break;
        if (d->unit || d->more || d->row <= 0)
            continue;
        at = bsearch(&key, a->said, a->n_said, sizeof *a->said, cmp_said_row);
        if (at)
            d->unit = eg_xstrdup(a->ds->registry.items[at->unit].code);
    }
    a->n_said = 0;
}

/* The file just read is over: its rows' problems said before their
 * units' names were matched name those units now; a file that named
 * units and gave no value is W_NO_VALUES (its units count as not
 * submitted, unless another file gave theirs). */
static void file_done(eg_acceptor *a)
{
    const eg_dataset *ds = a->ds;
    char n[32];

    if (a->n_said)
        name_said_rows(a);

    if (a->file >= 0 && a->file_named && !a->file_filled) {
        const eg_unit *one = a->file_unit >= 0 ? &ds->registry.items[a->file_unit] : NULL;

        eg_fmt_int(n, sizeof n, (int64_t)a->file_named);
        eg_diag_add(a->dl, EG_WARNING, "W_NO_VALUES", ds->files[a->file].path, 0, 0,
                    one ? one->code : NULL, NULL,
                    "tệp có %s dòng ghi đơn vị trong danh mục đơn vị nhưng không dòng nào có "
                    "giá trị (biểu mẫu gửi lại còn trống?): xét theo tệp này, %s được tính là "
                    "chưa nộp",
                    n, one ? one->name : "các đơn vị đó");
    }
    a->file_named = 0;
    a->file_unit = -1;
    a->file_filled = 0;
}

/* The unit a row's `Tên đơn vị` designates (unitname.h) when it is
 * neither the unit of the row's code u nor one above it (a district's
 * name on its communes' rows names the sender): a row copied from
 * another unit's, or a code typed wrong.  -1 otherwise, and for a name
 * that designates no unit, or several. */
static int name_of_another(eg_acceptor *a, int u, const char *name)
{
    const eg_registry *reg = &a->ds->registry;
    int named = eg_unit_named(&a->names, reg, name);

    for (int p = u; p >= 0 && named >= 0; p = reg->items[p].parent)
        if (p == named)
            return -1;
    return named;
}

int eg_accept_raw(void *acceptor, const eg_raw_value *rv)
{
    eg_acceptor *a = acceptor;
    eg_dataset *ds = a->ds;
    const eg_catalogue *cat = &a->L->cat;
    const char *file = ds->files[rv->file].path;
    char *ucode = eg_ascii_upper(eg_code_clean(eg_xstrdup(rv->unit)));
    char *icode = eg_ascii_lower(eg_code_clean(eg_xstrdup(rv->indicator)));
    int u, k;
    eg_value v;
    const eg_indicator *ind;
    const eg_unit *unit;
    const char *code = NULL, *next, *value = rv->value;
    char msg[512], *clean = NULL;
    size_t cell;
    int cut_value, cut_after;

    if (rv->file != a->file) {
        file_done(a);
        a->file = rv->file;
    }
    /* split by another delimiter, a row is a unit's only with an indicator
     * of the catalogue: else it is text ("Gồm: Phòng A, Phòng B"),
     * skipped as before, whatever its first part would name (or its part
     * in the date's column: "Lưu, VT" is no date of submission) */
    if (rv->alien_delimiter && eg_catalogue_find(cat, icode) < 0)
        goto done;

    /* When the row says when it was sent (completeness.h) */
    eg_arrival_note(ds, rv, a->dl);

    /* Who is speaking: a row may name its unit instead (unitname.h). */
    if (!ucode[0] && rv->unit_name && rv->unit_name[0]) {
        int named = eg_unit_by_name(&a->names, &ds->registry, rv->unit_name, rv->file, file,
                                    rv->row, rv->unit_name_col, icode, a->dl);

        if (named < 0)
            goto done;
        if (rv->row_said) {
            if (a->n_said == a->cap_said) {
                a->cap_said = a->cap_said ? a->cap_said * 2 : 16;
                a->said = eg_xrealloc(a->said, a->cap_said * sizeof *a->said);
            }
            a->said[a->n_said++] = (struct eg_said_row){ rv->row, named };
        }
        free(ucode);
        ucode = eg_xstrdup(ds->registry.items[named].code);
    }
    if (!ucode[0]) {
        eg_diag_add(a->dl, EG_ERROR, "E_UNIT_MISSING", file, rv->row, rv->unit_col, NULL, icode,
                    "dòng có chỉ tiêu nhưng không có mã đơn vị");
        goto done;
    }
    u = eg_strmap_get(&ds->registry.index, ucode);
    if (u < 0) {
        const char *near;
        int named;

        /* the header row again (a table pasted twice, a page's header
         * repeated): no unit's row, nothing to say */
        if (names_column(&a->L->columns[EG_COL_UNIT], rv->unit) &&
            names_column(&a->L->columns[EG_COL_INDICATOR], rv->indicator))
            goto done;
        /* a line of text split by another delimiter (a list "A; B; C"):
         * no unit's row, as it was before it was split */
        if (rv->alien_delimiter)
            goto done;
        /* named as written: the codes' capitals are ASCII's, which would
         * show 'Tổng cộng' as 'TổNG CộNG' */
        named = eg_unit_named_in_code(&a->names, &ds->registry, rv->unit);
        near = named < 0 ? nearest(ucode, &ds->registry.items[0].code, ds->registry.n,
                                   sizeof(eg_unit))
                         : NULL;
        if (named >= 0) {
            /* "Huyện Kbang" where its code goes: filed under that unit, so
             * that its value refused is not said left out as well; the
             * unit has sent its report, as with an unreadable value */
            eg_diag_add(a->dl, EG_ERROR, "E_UNKNOWN_UNIT", file, rv->row, rv->unit_col,
                        ds->registry.items[named].code, icode,
                        "'%s' là tên đơn vị, không phải mã đơn vị: ghi mã %s của %s vào cột này",
                        rv->unit, ds->registry.items[named].code, ds->registry.items[named].name);
            if (rv->value[0] || rv->extra_col || rv->value_error) {
                ds->registry.items[named].submitted = 1;
                a->file_filled = 1;
            }
        } else if (near)
            eg_diag_add(a->dl, EG_ERROR, "E_UNKNOWN_UNIT", file, rv->row, rv->unit_col, rv->unit,
                        icode, "mã đơn vị '%s' không có trong danh mục đơn vị (units.csv); có phải "
                        "là '%s' không?", rv->unit, near);
        else
            eg_diag_add(a->dl, EG_ERROR, "E_UNKNOWN_UNIT", file, rv->row, rv->unit_col, rv->unit,
                        icode, "mã đơn vị '%s' không có trong danh mục đơn vị (units.csv)",
                        rv->unit);
        goto done;
    }
    unit = &ds->registry.items[u];
    /* A unit has submitted when a row of it gives a value, readable or
     * not (an error cell too); a blank form names its units and gives
     * none (W_NO_VALUES). */
    a->file_named++;
    a->file_unit = a->file_unit == -1 || a->file_unit == u ? u : -2;
    if (rv->value[0] || rv->extra_col || rv->value_error) {
        ds->registry.items[u].submitted = 1;
        a->file_filled = 1;
        /* The row names its unit twice, by code and by name, and they
         * are two units: whose value it is cannot be told. */
        if (rv->unit_name && rv->unit_name[0]) {
            int other = name_of_another(a, u, rv->unit_name);

            if (other >= 0) {
                eg_diag_add(a->dl, EG_ERROR, "E_UNIT_NAME_MISMATCH", file, rv->row, rv->unit_col,
                            ucode, icode,
                            "mã đơn vị %s là của %s, nhưng tên đơn vị ở dòng này, '%s', là của "
                            "%s (%s): không rõ số liệu của đơn vị nào nên không được tính; sửa "
                            "mã đơn vị hoặc tên đơn vị cho khớp", unit->code, unit->name,
                            rv->unit_name, ds->registry.items[other].name,
                            ds->registry.items[other].code);
                goto done;
            }
        }
    }

    /* About what */
    k = eg_catalogue_find(cat, icode);
    if (k < 0) {
        const char *near = nearest(icode, &cat->items[0].code, cat->n, sizeof(eg_indicator));
        const char *computed = computed_not_sent(a->L, icode);

        if (computed)
            eg_diag_add(a->dl, EG_ERROR, "E_UNKNOWN_INDICATOR", file, rv->row, rv->indicator_col,
                        ucode, icode,
                        "'%s' không phải chỉ tiêu đơn vị gửi: đó là %s; bỏ dòng này", icode,
                        computed);
        else if (near)
            eg_diag_add(a->dl, EG_ERROR, "E_UNKNOWN_INDICATOR", file, rv->row, rv->indicator_col,
                        ucode, icode,
                        "mã chỉ tiêu '%s' không có trong danh mục chỉ tiêu; có phải là '%s' không?",
                        icode, near);
        else
            eg_diag_add(a->dl, EG_ERROR, "E_UNKNOWN_INDICATOR", file, rv->row, rv->indicator_col,
                        ucode, icode, "mã chỉ tiêu '%s' không có trong danh mục chỉ tiêu", icode);
        goto done;
    }
    ind = &cat->items[k];
    if (!(ind->levels & EG_LEVEL_BIT(unit->level))) {
        eg_diag_add(a->dl, EG_ERROR, "E_WRONG_LEVEL", file, rv->row, rv->indicator_col, ucode,
                    icode, "chỉ tiêu '%s' do cấp %s báo cáo, không phải cấp %s (%s)", icode,
                    level_words(ind->levels), level_name(unit->level), unit->name);
        goto done;
    }

    /* The value: empty means missing, never zero.  One that cannot be
     * read is an error at its cell, and is still the pair's report: a
     * second one of the pair, in this file or another, is a duplicate
     * like any other (input-format.md: only empty cells do not count).
     * So is one cut in two by a comma outside quotes. */
    memset(&v, 0, sizeof v);
    /* "46" with a zero-width space or a byte-order mark in it, copied
     * from a web page or a word processor, or wrapped in the marks of
     * writing direction Windows' Calculator copies: the clerk sees 46, and the
     * message would quote '46' as no number.  Its unseen characters go,
     * as a code's do. */
    if (strstr(value, "\xE2\x80") || strstr(value, "\xE2\x81") ||
        strstr(value, "\xEF\xBB\xBF") || strstr(value, "\xC2\xAD")) {
        value = clean = eg_code_clean(eg_xstrdup(value));
        /* A value of another type than text loses, as a number does, the
         * blanks that group thousands at its ends (U+202F, U+2009,
         * U+2007: all E2 80): one of them alone is an empty cell to the
         * clerk, and read as '' it was refused as no number (a yes/no as
         * no answer), a conflict with the pair's value in another row.  A
         * text keeps its blanks, as written. */
        if (ind->type != EG_TYPE_TEXT)
            number_blanks_trimmed(clean);
    }
    /* In comma-separated text: "18,27" typed without quotes reads as 18,
     * with 27 in the next column (the note's, or one past the header's).
     * A row cut after its value (a note "Gồm 50 nam, 53 nữ") keeps its
     * value when the value's column comes right after the unit's and the
     * indicator's, which a cut before them would have broken. */
    next = rv->value_next ? rv->value_next : "";
    cut_value = !rv->alien_delimiter && number_head(rv->value) ? cut_second_half(next) : 0;
    cut_after = rv->extra_col && !cut_value && rv->unit_col > 0 && rv->indicator_col > 0 &&
                rv->value_col == (rv->unit_col > rv->indicator_col ? rv->unit_col : rv->indicator_col) + 1;
    if (rv->alien_delimiter) {
        /* "GL.KCH.01,ht.cbcc,25" in a file of ';': one cell */
        eg_diag_add(a->dl, EG_ERROR, "E_CSV_DELIMITER", file, rv->row, rv->alien_col, ucode, icode,
                    "dòng được phân cách bằng %s, khác với dòng tiêu đề của tệp: cả dòng nằm "
                    "trong một ô, nên giá trị '%.*s' không được tính; có lẽ các dòng này được "
                    "dán từ một tệp khác: lưu lại tệp để mọi dòng dùng cùng một dấu phân cách",
                    delimiter_name(rv->alien_delimiter), (int)eg_utf8_prefix(rv->value, 40),
                    rv->value);
        v.unreadable = ALIEN;
    } else if (rv->extra_col && !cut_after) {
        eg_diag_add(a->dl, EG_ERROR, "E_CSV_EXTRA_FIELD", file, rv->row, rv->extra_col, ucode,
                    icode, "dòng có '%.*s' ở cột %d, vượt quá %zu cột của dòng tiêu đề: giá trị có "
                    "dấu phẩy nằm ngoài dấu ngoặc kép bị cắt làm hai tại đó; giá trị không được "
                    "tính; ghi giá trị trong dấu ngoặc kép (\"38,79\") hoặc dùng dấu chấm thập "
                    "phân (38.79)",
                    (int)eg_utf8_prefix(rv->extra, 40), rv->extra, rv->extra_col,
                    rv->header_fields);
        v.unreadable = CUT;
    } else if (cut_value) {
        /* "1,5 tỷ" cut as 1 and "5 tỷ": in quotes it is no number either */
        char *advice = cut_value == CUT_AMOUNT
                           ? eg_xstrdup("ghi giá trị là một số đầy đủ, không kèm chữ (1,5 tỷ đồng "
                                        "ghi là 1.500.000.000)")
                           : eg_xasprintf("ghi số trong dấu ngoặc kép (\"%s,%s\") hoặc dùng dấu "
                                          "chấm thập phân, và ghi chú chỉ có chữ số thì viết "
                                          "bằng chữ", rv->value, next);

        eg_diag_add(a->dl, EG_ERROR, "E_CSV_CUT_VALUE", file, rv->row, rv->value_col, ucode, icode,
                    "sau giá trị '%s' là '%s' ở cột kế tiếp: số có dấu phẩy nằm ngoài dấu ngoặc "
                    "kép (%s,%s) bị cắt làm hai tại đó; giá trị không được tính; %s",
                    rv->value, next, rv->value, next, advice);
        free(advice);
        v.unreadable = CUT;
    } else if (!value[0]) {
        /* a value merged over several rows, or an error cell, was sent */
        if (!rv->value_error)
            note_blank(ds, u, k, rv);
        goto done;
    } else if (rv->value_number && (ind->type == EG_TYPE_COUNT || ind->type == EG_TYPE_MONEY) &&
               strchr(value, '.')) {
        /* a workbook's number 1.234 is one and a bit, not 1234: the cell
         * may show it rounded ("1" in a #,##0 format) */
        char *shown = decimal_comma(rv->value);

        eg_diag_add(a->dl, EG_ERROR, ind->type == EG_TYPE_COUNT ? "E_VALUE_COUNT" : "E_VALUE_MONEY",
                    file, rv->row, rv->value_col, ucode, icode,
                    "ô chứa số %s, có phần thập phân (ô có thể hiển thị số đã làm tròn), không "
                    "phải là số nguyên ≥ 0; ghi số nguyên, ví dụ 403086", shown);
        free(shown);
        v.unreadable = 1;
    } else if (eg_value_parse(ind, unit->level, value, &v, &code, msg, sizeof msg)) {
        /* "cÃ³": a CSV UTF-8 opened as a legacy code page and saved again */
        char *meant = rv->value_dated ? NULL : eg_mojibake_undo(rv->value);

        if (rv->value_dated && numeric_type(ind->type))
            say_dated(a->dl, code, file, rv, ucode, icode);
        else if (rv->value_dated)
            /* a text checked by a pattern (a date "12/03/2020" typed,
             * which the spreadsheet made a date): Number would show
             * 43902, no better */
            eg_diag_add(a->dl, EG_ERROR, code, file, rv->row, rv->value_col, ucode, icode,
                        "%s; ô được định dạng ngày/giờ nên được đọc là '%.*s', "
                        "không phải như ô hiển thị; đổi định dạng ô sang Văn bản (Text) rồi "
                        "nhập lại giá trị", msg, (int)eg_utf8_prefix(rv->value, 40), rv->value);
        else if (value[0] == '=' && numeric_type(ind->type))
            /* "=40+6" in a CSV: a formula written where its result was due */
            eg_diag_add(a->dl, EG_ERROR, code, file, rv->row, rv->value_col, ucode, icode,
                        "%s; ô ghi một công thức chứ không phải kết quả của nó: chương trình này "
                        "không tính công thức; ghi số là kết quả (mở tệp bằng chương trình bảng "
                        "tính rồi lưu lại dạng CSV, hoặc gõ số vào ô)", msg);
        else if (rv->value_percent && ind->type != EG_TYPE_PERCENT)
            /* a count typed as 46 in a cell formatted Percent: 0,46 or
             * 46 shown as 46% or 4600%, which the clerk may not notice */
            eg_diag_add(a->dl, EG_ERROR, code, file, rv->row, rv->value_col, ucode, icode,
                        "%s; ô được định dạng phần trăm (Percent) nên số trong ô được đọc như ô "
                        "hiển thị, là '%.*s'; đổi định dạng ô sang Số (Number), xem lại số liệu "
                        "rồi lưu lại", msg, (int)eg_utf8_prefix(value, 40), value);
        else if (meant)
            eg_diag_add(a->dl, EG_ERROR, code, file, rv->row, rv->value_col, ucode, icode,
                        "%s; chữ '%.*s%s' bị lỗi bảng mã, có lẽ là '%.*s%s': tệp CSV UTF-8 đã được "
                        "mở bằng bảng mã khác rồi lưu lại; mở lại tệp gốc bằng bảng mã UTF-8 "
                        "(Unicode), hoặc gõ lại ô", msg, (int)eg_utf8_prefix(rv->value, 40),
                        rv->value, rv->value[eg_utf8_prefix(rv->value, 40)] ? "…" : "",
                        (int)eg_utf8_prefix(meant, 40), meant,
                        meant[eg_utf8_prefix(meant, 40)] ? "…" : "");
        else
            eg_diag_add(a->dl, EG_ERROR, code, file, rv->row, rv->value_col, ucode, icode, "%s",
                        msg);
        free(meant);
        v.unreadable = 1;
    }
    if (cut_after)
        eg_diag_add(a->dl, EG_WARNING, "W_CSV_EXTRA_FIELD", file, rv->row, rv->extra_col, ucode,
                    icode, "dòng có '%.*s' ở cột %d, vượt quá %zu cột của dòng tiêu đề: văn bản "
                    "sau giá trị (ghi chú?) có dấu phẩy nằm ngoài dấu ngoặc kép bị cắt làm hai "
                    "tại đó và chỉ giữ phần đầu; giá trị vẫn được đọc; ghi văn bản như vậy trong "
                    "dấu ngoặc kép",
                    (int)eg_utf8_prefix(rv->extra, 40), rv->extra, rv->extra_col,
                    rv->header_fields);
    v.unit = u;
    v.indicator = k;
    v.text = eg_dataset_keep(ds, value);
    v.note = rv->note[0] ? eg_dataset_keep(ds, rv->note) : NULL;
    v.file = rv->file;
    v.row = rv->row;
    v.col = rv->value_col;

    /* Once per year: a second report of the pair names both places. */
    cell = (size_t)u * cat->n + (size_t)k;
    if (a->first_place[cell] >= 0) {
        const eg_value *first = &ds->values[a->first_place[cell]];
        int same = same_report(ind, first, &v);
        char *where, *here, *there;

        if (ds->cell[cell] != CONFLICT && same) {
            /* the same text that cannot be read, twice: each has its error */
            if (!v.unreadable) {
                where = place(ds, first);
                eg_diag_add(a->dl, EG_WARNING, "W_DUPLICATE", file, rv->row, rv->value_col,
                            ucode, icode, "chỉ tiêu %s của %s được báo cáo lại với cùng giá trị "
                            "(lần đầu tại %s); chỉ tính một lần", icode, ucode, where);
                free(where);
            }
            goto done;
        }
        if (ds->cell[cell] == CONFLICT) {
            /* named against a report it differs from */
            if (same)
                first = &ds->values[a->other_place[cell]];
        } else {
            if (!a->other_place) {
                size_t cells = ds->registry.n * cat->n;

                a->other_place = eg_xmalloc(cells * sizeof *a->other_place);
                for (size_t i = 0; i < cells; i++)
                    a->other_place[i] = -1;
            }
            a->other_place[cell] = (int32_t)keep_report(ds, &v);
            first = &ds->values[a->first_place[cell]];  /* keep_report may move them */
            ds->cell[cell] = CONFLICT;
        }
        here = said(&v);
        there = said(first);
        where = place(ds, first);
        eg_diag_add(a->dl, EG_ERROR, "E_DUPLICATE_CONFLICT", file, rv->row, rv->value_col, ucode,
                    icode, "chỉ tiêu %s của %s được báo cáo %s ở dòng này và %s tại %s; không "
                    "giá trị nào được tính cho đến khi sửa một trong hai",
                    icode, ucode, here, there, where);
        free(here);
        free(there);
        free(where);
        goto done;
    }
    a->first_place[cell] = (int32_t)keep_report(ds, &v);
    if (!v.unreadable)
        ds->cell[cell] = a->first_place[cell];
done:
    free(clean);
    free(ucode);
    free(icode);
    return 0;
}

void eg_acceptor_finish(eg_acceptor *a)
{
    eg_dataset *ds = a->ds;
    size_t cells = ds->registry.n * ds->n_indicators;
    size_t kept = 0;
    int32_t *remap = eg_xmalloc((ds->n_values ? ds->n_values : 1) * sizeof *remap);

    file_done(a);

    /* Keep the values a cell points to, in their order: not those of the
     * pairs in conflict, nor the reports kept only to be named (a value
     * that could not be read, the first to differ from a pair's first). */
    for (size_t i = 0; i < ds->n_values; i++)
        remap[i] = -1;
    /* A pair with reports and no value (unreadable, in conflict): the
     * unit's figures lack it (figures.h, whole). */
    for (size_t c = 0; c < cells; c++)
        if (a->first_place[c] >= 0 && ds->cell[c] < 0) {
            if (!ds->refused)
                ds->refused = eg_xcalloc(cells, 1);
            ds->refused[c] = 1;
        }
    for (size_t c = 0; c < cells; c++)
        if (ds->cell[c] == CONFLICT)
            ds->cell[c] = -1;
        else if (ds->cell[c] >= 0)
            remap[ds->cell[c]] = 0;
    for (size_t i = 0; i < ds->n_values; i++) {
        if (remap[i] < 0)
            continue;
        remap[i] = (int32_t)kept;
        ds->values[kept++] = ds->values[i];
    }
    for (size_t c = 0; c < cells; c++)
        if (ds->cell[c] >= 0)
            ds->cell[c] = remap[ds->cell[c]];
    ds->n_values = kept;
    free(remap);
    free(a->first_place);
    free(a->other_place);
    free(a->said);
    a->first_place = a->other_place = NULL;
    eg_unit_names_free(&a->names);

    for (size_t i = 0; i < ds->registry.n; i++) {
        const eg_unit *u = &ds->registry.items[i];

        if (!u->submitted)
            eg_diag_add(a->dl, EG_WARNING, "W_NOT_SUBMITTED", "units.csv", 0, 0, u->code, NULL,
                        "%s (%s) chưa nộp số liệu nào của năm %d", u->name, u->code, ds->year);
    }
}
