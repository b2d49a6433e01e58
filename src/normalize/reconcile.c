/*
 * reconcile.c - the one-stop system's dossiers and the document axis's
 * log against what the units reported (reconcile.h).
 */
#include "normalize/reconcile.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/mem.h"
#include "core/number.h"
#include "core/text.h"
#include "core/thread.h"
#include "extract/registry.h"
#include "extract/submissions.h"
#include "extract/sysexport.h"

/* The exports, in the order of their names in systems/ (eg_system_names,
 * without .csv or .csv.gz). */
enum { DOSSIERS = EG_SYSTEM_DOSSIERS, DOCUMENTS = EG_SYSTEM_DOCUMENTS };

/* Whose each export is, and what goes unchecked without it
 * (W_SYSTEM_MISSING). */
static const char *const whose[EG_SYSTEMS] = { "tệp xuất của hệ thống một cửa điện tử",
                                      "tệp xuất của Trục liên thông văn bản" };
static const char *const unchecked[EG_SYSTEMS] = {
    "số hồ sơ (gd.ho_so, gd.ho_so_tre, gd.ho_so_muc_3, gd.ho_so_muc_4) chưa được đối chiếu "
    "với hệ thống một cửa điện tử",
    "số văn bản gửi, nhận (cd.vb_lien_thong) chưa được đối chiếu với Trục liên thông "
    "văn bản",
};

/* The columns each export must have (docs/input.md), by name. */
enum { D_ID, D_UNIT, D_CHANNEL, D_RECEIVED, D_DUE, D_FINISHED, D_COLS };
enum { V_ID, V_SENDER, V_RECEIVER, V_SENT, V_COLS };
static const char *const dossier_cols[D_COLS] = { "dossier_id", "unit_code", "channel",
                                                  "received_at", "due_at", "finished_at" };
static const char *const document_cols[V_COLS] = { "doc_id", "sender_code", "receiver_code",
                                                   "sent_at" };
static const char *const channels[] = { "truc_tiep", "buu_chinh", "muc_3", "muc_4" };

/* A code of the export seen before, and its unit (or -1); len 0: an
 * empty slot.  Its first and last eight bytes (code_words) are compared
 * first: for a code of at most 16 bytes they are the whole code; a longer
 * one is compared whole too, with its copy in the cache's code.  A
 * code's slot is found by a hash of those words, or in the next ones
 * (at most UNIT_PROBES): once kept, a code stays, and two codes of the
 * same hash do not push each other out row after row.  32 bytes, so that
 * the 300 or so codes of a province's export take 10 KB of cache. */
#define UNIT_CODE_MAX 63
#define UNIT_SLOT_BITS 10
#define UNIT_SLOTS (1 << UNIT_SLOT_BITS)
#define UNIT_PROBES 8
typedef struct {
    uint64_t head, tail;
    uint32_t len;
    int unit;
    uint64_t unused;
} unit_slot;

/* The codes a reader has seen: 96 KB, made by the reader when it keeps
 * its first code.  Until then a reader's state points at no_codes_yet,
 * every slot free and never written: a part of the file read by another
 * thread starts with it, so making a part's state (on one thread, before
 * the others start) costs no memory of this size, which on some hosts is
 * a page fault for every 4 KB. */
typedef struct {
    unit_slot slot[UNIT_SLOTS];
    char code[UNIT_SLOTS][UNIT_CODE_MAX];   /* each kept code's bytes */
} unit_cache;

static unit_cache no_codes_yet;       /* read only: in .bss, not in the program's file */

typedef struct {
    const eg_dataset *ds;
    long long year_from;      /* the year's first time (eg_parse_timestamp's number) */
    eg_diag_list *dl;
    const char *display;
    int kind;
    int header_seen;
    int header_bad;           /* a needed column is missing: not reconciled */
    char shown[96];           /* "systems/dossiers.csv.gz", for messages */
    int col[D_COLS];          /* field of each needed column */
    size_t n_header;
    long long rows, malformed;
    long long *received, *late;       /* DOSSIERS: per unit, this year */
    long long channel[4];             /* DOSSIERS: this year, by channel */
    long long documents;              /* DOCUMENTS: this year */
    eg_day_memo day;                  /* the last day read: received_at, or sent_at */
    eg_export_column column;          /* DOCUMENTS: the shortcut to sent_at */
    const unit_cache *seen;           /* codes seen, by a hash of their bytes */
    eg_diag_list part_dl;             /* a part read by another thread: its rows */
    long cut_row;                     /* the last row, malformed with no line end
                                       * after it: the file was cut there; or 0 */
    int cut_col;                      /* its field at fault (1-based), or 0 */
    char cut_why[192];                /* what is wrong with it */
    int plain;                        /* read from a plain file, not gzip */
} export_state;

/* ---- fields ------------------------------------------------------------- */

/* A year's span in eg_parse_timestamp's numbers (YYYYMMDDhhmmss). */
#define YEAR_SPAN 10000000000LL

/* 1 when time t falls in the export's year: one comparison where dividing
 * out the year would cost a division a row (t - year_from below 0 is a
 * large unsigned number). */
static inline int in_year(const export_state *st, long long t)
{
    return (unsigned long long)(t - st->year_from) < (unsigned long long)YEAR_SPAN;
}

/* The length of field s of n bytes read as a C string: up to a NUL it may
 * hold, as strcmp would.  A code or a channel is a few bytes: a loop in
 * place costs less than a call. */
static inline size_t c_len(const char *s, size_t n)
{
    size_t k = 0;

    while (k < n && s[k])
        k++;
    return k;
}

/* The name of field col (0-based) of the header, as the export has it
 * among the columns needed, or NULL. */
static const char *column_name(const export_state *st, int col)
{
    const char *const *names = st->kind == DOSSIERS ? dossier_cols : document_cols;
    int n_names = st->kind == DOSSIERS ? D_COLS : V_COLS;

    for (int k = 0; k < n_names; k++)
        if (st->col[k] == col)
            return names[k];
    return NULL;
}

/* The file's last row, malformed, with no line end after it: a copy cut
 * short ends so (a row cut in two, a time cut to "2020-05-1"), and its
 * rows would then be blamed on the units; it is kept for read_export to
 * say (E_SYSTEM_CUT), neither counted nor listed.  col: the field at
 * fault (1-based, its last), or 0 for a row of fewer fields than the
 * header's (bad_row decides which rows come here). */
static __attribute__((noinline, cold)) int cut_short(export_state *st, const eg_export_row *r,
                                                     int col)
{
    const char *name = col > 0 ? column_name(st, col - 1) : NULL;

    st->cut_row = r->row;
    st->cut_col = col;
    /* the field's first 40 bytes at most, cut between two characters */
    if (col > 0)
        snprintf(st->cut_why, sizeof st->cut_why, "%s '%.*s' không hợp lệ",
                 name ? name : "một trường", (int)eg_utf8_prefix(r->field[col - 1], 40),
                 r->field[col - 1]);
    else
        snprintf(st->cut_why, sizeof st->cut_why, "có %zu trường, dòng tiêu đề có %zu", r->n,
                 st->n_header);
    return 0;
}

/* Counts a malformed row and lists it while fewer than the cap are.  Out
 * of the way of the rows that are well formed (cold: their code is not
 * spread among the hot path's). */
static __attribute__((noinline, cold)) int bad_row(export_state *st, const eg_export_row *r,
                                                   int col, const char *fmt, const char *arg)
{
    char *why;

    /* A last row without its line end is a copy cut short only where a
     * cut can land: in its last field (a time cut to "2020-05-1"), or
     * before it (fewer fields than the header's).  An unknown unit or
     * channel in a whole row is bad data, whatever its line end; and a
     * gzip stream is checked whole by its own CRC (E_SYSTEM_READ). */
    if (r->unended && st->plain &&
        (col > 0 ? (size_t)col == r->n : !r->overflow && r->n < st->n_header))
        return cut_short(st, r, col);
    st->malformed++;
    if (st->malformed > EG_RECONCILE_LISTED)
        return 0;
    why = eg_xasprintf(fmt, arg ? arg : "");
    eg_diag_add(st->dl, EG_WARNING, "W_SYSTEM_ROW", st->display, r->row, col, NULL, NULL,
                "dòng bị bỏ qua, không được tính khi đối chiếu: %s", why);
    free(why);
    return 0;
}

/* The first and the last eight bytes of code s (n bytes); with fewer, the
 * first and the last four (4 to 7 bytes) or the bytes one by one, zero
 * padded: with n, the whole of a code of up to 16 bytes. */
static inline void code_words(const char *s, size_t n, uint64_t *head, uint64_t *tail)
{
    uint64_t a = 0, b = 0;

    if (n >= 8) {
        memcpy(&a, s, 8);
        memcpy(&b, s + n - 8, 8);
    } else if (n >= 4) {
        uint32_t lo, hi;

        memcpy(&lo, s, 4);
        memcpy(&hi, s + n - 4, 4);
        a = (uint64_t)hi << 32 | lo;
    } else {
        for (size_t i = 0; i < n; i++)
            a |= (uint64_t)(unsigned char)s[i] << (8 * i);
    }
    *head = a;
    *tail = b;
}

/* The registry's unit of the first n bytes of code, in capitals.  A code
 * longer than a slot keeps (a layout's unit_code_pattern may allow one)
 * is looked up all the same, from the heap. */
static int registry_unit(const export_state *st, const char *code, size_t n)
{
    char small[UNIT_CODE_MAX + 1];
    char *up = n <= UNIT_CODE_MAX ? small : eg_xmalloc(n + 1);
    int unit;

    for (size_t i = 0; i < n; i++)
        up[i] = code[i] >= 'a' && code[i] <= 'z' ? (char)(code[i] - 'a' + 'A') : code[i];
    up[n] = '\0';
    unit = eg_strmap_get(&st->ds->registry.index, up);
    if (up != small)
        free(up);
    return unit;
}

/* unit_of for a code not kept: the registry's answer, kept in slot at
 * (UNIT_SLOTS: none free) unless the code is longer than a slot keeps or
 * holds a NUL (read up to it, as strcmp would; such a code is not kept,
 * so a kept code's bytes are its C string). */
static int unit_missed(export_state *st, size_t at, const char *code, size_t n, uint64_t head,
                       uint64_t tail)
{
    size_t k = c_len(code, n);
    unit_cache *cache;
    unit_slot *slot;

    if (k == 0)
        return -1;
    if (k < n || at == UNIT_SLOTS || k > UNIT_CODE_MAX)
        return registry_unit(st, code, k);
    if (st->seen == &no_codes_yet) {
        /* the slots free; a code's bytes are read only where its slot
         * says it is kept */
        unit_cache *made = eg_xmalloc(sizeof *made);

        memset(made->slot, 0, sizeof made->slot);
        st->seen = made;
    }
    cache = (unit_cache *)st->seen;
    slot = &cache->slot[at];
    slot->head = head;
    slot->tail = tail;
    slot->len = (uint32_t)n;
    memcpy(cache->code[at], code, n);
    slot->unit = registry_unit(st, code, n);
    return slot->unit;
}

/* The codes st has kept, given back. */
static void forget_codes(export_state *st)
{
    if (st->seen != &no_codes_yet)
        free((unit_cache *)st->seen);
    st->seen = &no_codes_yet;
}

/* 1 when slot `at` keeps code (n bytes, its words head and tail). */
static inline int kept_at(const export_state *st, size_t at, const char *code, size_t n,
                          uint64_t head, uint64_t tail)
{
    const unit_slot *slot = &st->seen->slot[at];

    return slot->len == n && slot->head == head && slot->tail == tail &&
           (n <= 16 || memcmp(st->seen->code[at], code, n) == 0);
}

/* unit_of past the code's first slot: the next ones, up to a free one,
 * where the code is kept; when UNIT_PROBES are taken by others, the
 * registry is asked each time (an export of a thousand made-up codes). */
static __attribute__((noinline)) int unit_probe(export_state *st, size_t at, const char *code,
                                                size_t n, uint64_t head, uint64_t tail)
{
    for (int p = 0; p < UNIT_PROBES; p++, at = (at + 1) & (UNIT_SLOTS - 1)) {
        if (kept_at(st, at, code, n, head, tail))
            return st->seen->slot[at].unit;
        if (st->seen->slot[at].len == 0)
            return unit_missed(st, at, code, n, head, tail);
    }
    return unit_missed(st, UNIT_SLOTS, code, n, head, tail);
}

/* The unit of code, a field of n bytes read as a C string (up to a NUL it
 * may hold, as strcmp would); -1 when the registry has none.  A dossier's
 * unit changes from row to row: the codes seen are kept in slots, found
 * by a hash of their first and last bytes. */
static inline int unit_of(export_state *st, const char *code, size_t n)
{
    uint64_t head, tail;
    size_t at;

    if (n - 1 >= UNIT_CODE_MAX)         /* empty, or too long to keep */
        return unit_missed(st, UNIT_SLOTS, code, n, 0, 0);
    code_words(code, n, &head, &tail);
    at = ((head * 0x9E3779B97F4A7C15ull) ^ (tail * 0xC2B2AE3D27D4EB4Full) ^ n) >>
         (64 - UNIT_SLOT_BITS);
    if (kept_at(st, at, code, n, head, tail))
        return st->seen->slot[at].unit;
    return unit_probe(st, at, code, n, head, tail);
}

/* channel_of for a channel read up to a NUL it holds, or none. */
static __attribute__((noinline)) int channel_slow(const char *s, size_t n)
{
    size_t k = c_len(s, n);

    for (int c = 0; c < 4; c++)
        if (k == strlen(channels[c]) && memcmp(s, channels[c], k) == 0)
            return c;
    return 4;
}

/* The four bytes at s as a number, as they lie. */
static inline uint32_t word4(const char *s)
{
    uint32_t w;

    memcpy(&w, s, 4);
    return w;
}

/* The channel's position in channels[], or 4 when it is none of them; s
 * read as a C string, as strcmp would.  The channels come mixed row after
 * row: a name of 5 to 9 bytes is told by its first four bytes, its last
 * four and its middle one, which together are all its bytes at those two
 * lengths, compared without a branch on which channel it is; anything
 * else (another length, a NUL) is read the slow way. */
static inline int channel_of(const char *s, size_t n)
{
    uint32_t head, tail;
    unsigned mid;
    int nine, five, truc, buu, muc, three, four, ch;

    if (n - 5 > 4)
        return channel_slow(s, n);
    head = word4(s);
    tail = word4(s + n - 4);
    mid = (unsigned char)s[n / 2];
    /* each a 0 or a 1, and'ed without a branch; the words are those of
     * channels[], spelt out so that they are constants (a loop over
     * channels[] was not unrolled: 46 million more instructions and a
     * branch a row on the demo's dossiers) */
    nine = n == 9;
    five = n == 5;
    truc = head == word4("truc");
    truc &= tail == word4("tiep");
    truc &= mid == '_';
    buu = head == word4("buu_");
    buu &= tail == word4("hinh");
    buu &= mid == 'c';
    muc = head == word4("muc_");
    three = tail == word4("uc_3");
    four = tail == word4("uc_4");
    ch = 4 - 4 * (nine & truc) - 3 * (nine & buu) - 2 * (five & muc & three) -
         (five & muc & four);
    return ch < 4 ? ch : channel_slow(s, n);
}

/* ---- rows ------------------------------------------------------------------ */

/* 1 when header row r, without its line end, reads as a header cut
 * short: its last field is none of the columns found whole
 * ("dossier_id,unit_code,proc"), where a header naming a column wrong
 * and ending in a column's whole name is only wrong.  col: the field of
 * each needed column found, or -1. */
static int header_cut(const eg_export_row *r, const int *col, size_t n_names)
{
    for (size_t k = 0; k < n_names; k++)
        if (col[k] >= 0 && (size_t)col[k] + 1 == r->n)
            return 0;
    return 1;
}

static int header(export_state *st, const eg_export_row *r)
{
    const char *const *names = st->kind == DOSSIERS ? dossier_cols : document_cols;
    size_t n_names = st->kind == DOSSIERS ? D_COLS : V_COLS;
    char missing[256] = "", all[256] = "";

    st->header_seen = 1;
    st->n_header = r->n;
    for (size_t k = 0; k < n_names; k++) {
        st->col[k] = -1;
        for (size_t i = 0; i < r->n; i++)
            if (strcasecmp(r->field[i], names[k]) == 0)
                st->col[k] = (int)i;
        snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", k ? ", " : "", names[k]);
        if (st->col[k] < 0)
            snprintf(missing + strlen(missing), sizeof missing - strlen(missing), "%s%s",
                     missing[0] ? ", " : "", names[k]);
    }
    if (!missing[0] && !r->overflow) {
        if (st->kind == DOCUMENTS) {
            st->column.col = (size_t)st->col[V_SENT];
            st->column.len = 19;        /* "2020-12-31 08:30:00" */
            st->column.width = r->n;    /* armed: the other parts start after this row */
        }
        return 0;
    }
    st->header_bad = 1;
    if (r->unended && !r->overflow && st->plain && header_cut(r, st->col, n_names)) {
        /* the file is a part of its header, cut short */
        st->cut_row = r->row;
        snprintf(st->cut_why, sizeof st->cut_why, "là dòng tiêu đề, thiếu cột %.130s", missing);
        return -1;
    }
    eg_diag_add(st->dl, EG_ERROR, "E_SYSTEM_HEADER", st->display, r->row, 0, NULL, NULL,
                "dòng đầu tiên phải ghi tên các cột %s; thiếu cột: %s; không đối chiếu với tệp này",
                all, missing[0] ? missing : "(có tên cột quá dài)");
    return -1;
}

static int dossier_row(export_state *st, const eg_export_row *r)
{
    const char *f[D_COLS];
    size_t n[D_COLS];
    long long received, due, finished = -1;
    int u, ch;

    for (int k = 0; k < D_COLS; k++) {
        f[k] = r->field[st->col[k]];
        n[k] = r->len[st->col[k]];
    }
    u = unit_of(st, f[D_UNIT], n[D_UNIT]);
    if (u < 0)
        return bad_row(st, r, st->col[D_UNIT] + 1, "mã đơn vị '%s' không có trong units.csv",
                       f[D_UNIT]);
    if (!f[D_ID][0])
        return bad_row(st, r, st->col[D_ID] + 1, "thiếu mã hồ sơ (dossier_id)%s", NULL);
    ch = channel_of(f[D_CHANNEL], n[D_CHANNEL]);
    if (ch == 4)
        return bad_row(st, r, st->col[D_CHANNEL] + 1,
                       "kênh '%s' không phải truc_tiep, buu_chinh, muc_3 hay muc_4", f[D_CHANNEL]);
    /* received_at comes in order, a day repeated row after row: read
     * against the day before (the memo).  due_at and finished_at jump
     * from day to day and month to month at random, where the memo would
     * guess wrong about one row in two: read whole, without a branch. */
    received = eg_parse_timestamp_memo(&st->day, f[D_RECEIVED], n[D_RECEIVED]);
    if (received < 0)
        return bad_row(st, r, st->col[D_RECEIVED] + 1,
                       "received_at '%s' không phải thời điểm dạng 2020-12-31 08:30:00", f[D_RECEIVED]);
    due = eg_parse_timestamp(f[D_DUE], n[D_DUE]);
    if (due < 0)
        return bad_row(st, r, st->col[D_DUE] + 1,
                       "due_at '%s' không phải thời điểm dạng 2020-12-31 08:30:00", f[D_DUE]);
    if (f[D_FINISHED][0] &&
        (finished = eg_parse_timestamp(f[D_FINISHED], n[D_FINISHED])) < 0)
        return bad_row(st, r, st->col[D_FINISHED] + 1,
                       "finished_at '%s' không phải thời điểm dạng 2020-12-31 08:30:00 (để trống khi hồ sơ chưa giải quyết xong)",
                       f[D_FINISHED]);
    /* A dossier counts for the year it was received in; late when it was
     * finished after its due time (an open one is not "processed late"). */
    if (!in_year(st, received))
        return 0;
    st->received[u]++;
    st->channel[ch]++;
    if (finished > due)
        st->late[u]++;
    return 0;
}

static int document_row(export_state *st, const eg_export_row *r)
{
    long long sent;

    if (!r->field[st->col[V_ID]][0])
        return bad_row(st, r, st->col[V_ID] + 1, "thiếu mã văn bản (doc_id)%s", NULL);
    if (!r->field[st->col[V_SENDER]][0])
        return bad_row(st, r, st->col[V_SENDER] + 1, "thiếu mã đơn vị gửi (sender_code)%s", NULL);
    if (!r->field[st->col[V_RECEIVER]][0])
        return bad_row(st, r, st->col[V_RECEIVER] + 1, "thiếu mã đơn vị nhận (receiver_code)%s",
                       NULL);
    sent = eg_parse_timestamp_memo(&st->day, r->field[st->col[V_SENT]],
                                   r->len[st->col[V_SENT]]);
    if (sent < 0)
        return bad_row(st, r, st->col[V_SENT] + 1,
                       "sent_at '%s' không phải thời điểm dạng 2020-12-31 08:30:00",
                       r->field[st->col[V_SENT]]);
    if (in_year(st, sent))
        st->documents++;
    return 0;
}

/* The shortcut of the documents' rows (eg_export_column): a row of the
 * header's width with no field empty (so none of doc_id, sender_code and
 * receiver_code) is read by its sent_at alone.  A sent_at that is not a
 * time gives the row back, for document_row to say so. */
static int document_sent(void *ctx, const char *s, size_t n)
{
    export_state *st = ctx;
    long long sent = eg_parse_timestamp_memo(&st->day, s, n);

    if (sent < 0)
        return 1;
    st->rows++;
    st->documents += in_year(st, sent);   /* no branch: the years come mixed */
    return 0;
}

/* The header, and a row too long or with another number of fields than
 * the header's: out of the way of the rows that are well formed. */
static __attribute__((noinline, cold)) int odd_row(export_state *st, const eg_export_row *r)
{
    char n[32], h[32], *why;

    if (!st->header_seen)
        return header(st, r);
    st->rows++;
    if (r->overflow)
        return bad_row(st, r, 0, "dòng quá dài (trường dài hơn 512 byte hoặc quá 32 trường)%s", NULL);
    snprintf(n, sizeof n, "%zu", r->n);
    snprintf(h, sizeof h, "%zu", st->n_header);
    why = eg_xasprintf("có %s trường, dòng tiêu đề có %s", n, h);
    bad_row(st, r, 0, "%s", why);
    free(why);
    return 0;
}

/* 1 when r is a row after the header, of the header's width, none of its
 * fields too long: counted, and its columns are read. */
static inline int plain_row(export_state *st, const eg_export_row *r)
{
    if (__builtin_expect((!st->header_seen) | r->overflow | (r->n != st->n_header), 0))
        return 0;
    st->rows++;
    return 1;
}

/* Each export's rows, one function each: a well-formed row goes straight
 * to its columns. */
static int on_dossier_row(void *ctx, const eg_export_row *r)
{
    return plain_row(ctx, r) ? dossier_row(ctx, r) : odd_row(ctx, r);
}

static int on_document_row(void *ctx, const eg_export_row *r)
{
    return plain_row(ctx, r) ? document_row(ctx, r) : odd_row(ctx, r);
}

/* ---- parts read by other threads (extract/sysexport.h) ------------------- */

static size_t n_units(const export_state *st)
{
    return st->ds->registry.n ? st->ds->registry.n : 1;
}

/* A state for a later part of the file: the header known, nothing counted,
 * its own list of problems. */
static void *fork_state(void *ctx)
{
    const export_state *st = ctx;
    export_state *p = eg_xcalloc(1, sizeof *p);

    memcpy(p, st, sizeof *p);
    memset(&p->part_dl, 0, sizeof p->part_dl);
    p->dl = &p->part_dl;
    p->rows = p->malformed = 0;
    p->cut_row = 0;
    memset(p->channel, 0, sizeof p->channel);
    p->documents = 0;
    p->received = p->late = NULL;
    p->seen = &no_codes_yet;            /* its own, made as it reads */
    if (st->kind == DOSSIERS) {
        p->received = eg_xcalloc(n_units(st), sizeof *p->received);
        p->late = eg_xcalloc(n_units(st), sizeof *p->late);
    }
    return p;
}

static void drop_state(void *part)
{
    export_state *p = part;

    eg_diag_free(&p->part_dl);
    forget_codes(p);
    free(p->received);
    free(p->late);
    free(p);
}

/* Adds a part's counts to st, and of the rows it lists the first ones
 * while fewer than EG_RECONCILE_LISTED are listed: the list one reader
 * would have made. */
static void join_state(void *ctx, void *part, long rows_before)
{
    export_state *st = ctx, *p = part;
    long long listed = st->malformed < EG_RECONCILE_LISTED ? st->malformed : EG_RECONCILE_LISTED;

    eg_diag_move(st->dl, &p->part_dl, rows_before, (size_t)(EG_RECONCILE_LISTED - listed));
    st->rows += p->rows;
    st->malformed += p->malformed;
    if (p->cut_row) {
        st->cut_row = p->cut_row + rows_before;
        st->cut_col = p->cut_col;
        memcpy(st->cut_why, p->cut_why, sizeof st->cut_why);
    }
    for (int c = 0; c < 4; c++)
        st->channel[c] += p->channel[c];
    st->documents += p->documents;
    if (st->kind == DOSSIERS)
        for (size_t u = 0; u < n_units(st); u++) {
            st->received[u] += p->received[u];
            st->late[u] += p->late[u];
        }
    drop_state(p);
}

/* ---- files --------------------------------------------------------------- */

static int is_file(const char *path)
{
    struct stat s;

    return stat(path, &s) == 0 && S_ISREG(s.st_mode);
}

/* Whether systems/ holds the export of system k, plain or gzip. */
static int export_there(const eg_dataset *ds, int k)
{
    char *plain = eg_xasprintf("%s/systems/%s.csv", ds->year_dir, eg_system_names[k]);
    char *gz = eg_xasprintf("%s/systems/%s.csv.gz", ds->year_dir, eg_system_names[k]);
    int there = is_file(plain) || is_file(gz);

    free(plain);
    free(gz);
    return there;
}

/* What a province without system k writes in report.csv, in words: the
 * list it gave (key `systems`) without k, or when it gave none, the
 * systems whose exports are in systems/ (those it has, most likely). */
static char *without_system(const eg_dataset *ds, int k)
{
    int listed = eg_dataset_fact(ds, "systems") != NULL;
    char *list = eg_xstrdup(""), *words;

    for (int j = 0; j < EG_SYSTEMS; j++) {
        if (j != k && (listed ? eg_facts_has_system(ds, j) : export_there(ds, j))) {
            char *next = eg_xasprintf("%s%s%s", list, *list ? ";" : "", eg_system_names[j]);

            free(list);
            list = next;
        }
    }
    words = eg_xasprintf("nếu tỉnh không có hệ thống này, ghi vào report.csv dòng "
                         "\"systems,%s\"%s",
                         list, *list ? "" : " (để trống: tỉnh không có hệ thống nào)");
    free(list);
    return words;
}

/* Reads systems/<name>.csv or .csv.gz into st.  0 when it was read whole,
 * 1 when there is none (a warning: systems/ is there, so the export was
 * meant to be), -1 when it could not be used (diagnostics say). */
static int read_export(const eg_dataset *ds, const char *name, export_state *st,
                       eg_reconcile_stats *stats)
{
    char *plain = eg_xasprintf("%s/systems/%s.csv", ds->year_dir, name);
    char *gz = eg_xasprintf("%s/systems/%s.csv.gz", ds->year_dir, name);
    int has_plain = is_file(plain), has_gz = is_file(gz);
    char *display = eg_xasprintf("systems/%s.csv%s", name, has_plain ? "" : ".gz");
    long long bytes = 0;
    int rc = 1;

    if (!has_plain && !has_gz && !eg_facts_has_system(ds, st->kind)) {
        /* report.csv says the province has no such system: nothing to say */
    } else if (!has_plain && !has_gz) {
        char *expected = eg_xasprintf("systems/%s.csv", name);
        char *instead = without_system(ds, st->kind);

        eg_diag_add(st->dl, EG_WARNING, "W_SYSTEM_MISSING", expected, 0, 0, NULL, NULL,
                    "không có tệp %s (cũng không có %s.csv.gz): %s; cần đặt tệp xuất của hệ "
                    "thống vào systems/ với đúng tên này; %s",
                    expected, name, unchecked[st->kind], instead);
        free(instead);
        free(expected);
    } else if (has_plain && has_gz) {
        eg_diag_add(st->dl, EG_ERROR, "E_SYSTEM_READ", display, 0, 0, NULL, NULL,
                    "có cả systems/%s.csv và systems/%s.csv.gz: không đối chiếu với tệp nào; "
                    "chỉ giữ lại một trong hai tệp",
                    name, name);
        rc = -1;
    } else if (has_plain || has_gz) {
        st->display = display;
        st->plain = has_plain;
        snprintf(st->shown, sizeof st->shown, "%s", display);
        eg_export_split how = { st->kind == DOSSIERS ? on_dossier_row : on_document_row,
                                fork_state, join_state, drop_state, ds->jobs, 0,
                                st->kind == DOCUMENTS ? &st->column : NULL };

        rc = eg_export_read_split(has_plain ? plain : gz, display, &how, st, &bytes, st->dl);
        if (rc == 0 && !st->header_seen) {
            eg_diag_add(st->dl, EG_ERROR, "E_SYSTEM_HEADER", display, 0, 0, NULL, NULL,
                        "tệp xuất của hệ thống trống: ngay cả dòng tiêu đề cũng không có; không "
                        "đối chiếu với tệp này");
            rc = -1;
        } else if (rc == 0 && st->cut_row) {
            /* Cut short: its counts would be those of a part of the
             * year, and every unit whose rows were past the cut would be
             * blamed for it. */
            eg_diag_add(st->dl, EG_ERROR, "E_SYSTEM_CUT", display, st->cut_row, st->cut_col,
                        NULL, NULL,
                        "tệp xuất của hệ thống kết thúc giữa chừng một dòng: dòng cuối không có "
                        "dấu xuống dòng và không đầy đủ (%s); tệp có vẻ chỉ được sao chép một "
                        "phần; không đối chiếu với tệp này; cần sao chép lại tệp từ hệ thống",
                        st->cut_why);
            rc = -1;
        } else if (rc == 0 && st->header_bad) {
            rc = -1;
        } else if (rc == 0 && st->malformed > 0 && st->malformed > st->rows - st->malformed) {
            /* Most rows unreadable: the export's format is not the one
             * expected (times re-saved by a spreadsheet without their
             * seconds, day first): its counts of next to nothing would
             * blame every unit for the export's fault. */
            char all[32], total[32];

            eg_fmt_int(all, sizeof all, st->malformed);
            eg_fmt_int(total, sizeof total, st->rows);
            eg_diag_add(st->dl, EG_ERROR, "E_SYSTEM_UNREADABLE", display, 0, 0, NULL, NULL,
                        "%s trong %s dòng sai định dạng: tệp không theo định dạng "
                        "của hệ thống (thời gian YYYY-MM-DD HH:MM:SS, mã đơn vị trong units.csv), "
                        "có thể đã bị mở và lưu lại bằng Excel; không đối chiếu với tệp này. "
                        "Các dòng đầu bị lỗi được liệt kê",
                        all, total);
            rc = -1;
        } else if (rc == 0 && st->malformed > EG_RECONCILE_LISTED) {
            char all[32], total[32];

            eg_fmt_int(all, sizeof all, st->malformed);
            eg_fmt_int(total, sizeof total, st->rows);
            eg_diag_add(st->dl, EG_WARNING, "W_SYSTEM_ROW", display, 0, 0, NULL, NULL,
                        "%s trong %s dòng bị bỏ qua vì sai định dạng; %d dòng đầu được liệt kê",
                        all, total, EG_RECONCILE_LISTED);
        }
        if (stats) {
            stats->rows += st->rows;
            stats->bytes += bytes;
            stats->malformed += st->malformed;
        }
    }
    st->display = NULL;
    free(display);
    free(plain);
    free(gz);
    return rc;
}

/* ---- the folder ---------------------------------------------------------- */

/* The export a name of systems/ most likely stands for, or -1: one that
 * starts as an export's name does, without case ("Dossiers.csv",
 * "dossiers (1).csv", "documents_2020.csv.gz", "dossier.zip"). */
static int export_meant(const char *name)
{
    for (int k = 0; k < EG_SYSTEMS; k++)
        if (strncasecmp(name, eg_system_names[k], strlen(eg_system_names[k]) - 1) == 0)
            return k;
    return -1;
}

/* 1 when name is one of the names an export is read under. */
static int is_export_name(const char *name)
{
    for (int k = 0; k < EG_SYSTEMS; k++) {
        size_t n = strlen(eg_system_names[k]);

        if (strncmp(name, eg_system_names[k], n) == 0 &&
            (strcmp(name + n, ".csv") == 0 || strcmp(name + n, ".csv.gz") == 0))
            return 1;
    }
    return 0;
}

/* The W_SYSTEM_IGNORED of entry name of systems/ (dir), not an export:
 * what to do when it looks like an export under another name. */
static void ignored_file(const char *dir, const char *name, int regular, eg_diag_list *dl)
{
    char *shown = eg_display_text(name);
    char *file = eg_xasprintf("systems/%s", shown);
    int k = export_meant(name);
    const char *what;
    char *advice = NULL;

    if (!regular) {
        what = "không phải tệp thông thường";
    } else if (k < 0) {
        what = "trong systems/ chỉ đọc dossiers.csv và documents.csv (mỗi tệp để nguyên "
               "hoặc nén thành .csv.gz)";
    } else {
        char *plain = eg_xasprintf("%s.csv", eg_system_names[k]);
        char *gz = eg_xasprintf("%s.csv.gz", eg_system_names[k]);
        char *plain_path = eg_xasprintf("%s/%s", dir, plain);
        char *gz_path = eg_xasprintf("%s/%s", dir, gz);

        int have_plain = is_file(plain_path), have_gz = !have_plain && is_file(gz_path);

        what = "tên tệp không đúng tên quy định của tệp xuất";
        if (have_plain || have_gz)
            advice = eg_xasprintf("tệp xuất được đọc là systems/%s: cần xóa bản sao này",
                                  have_plain ? plain : gz);
        else if (eg_has_suffix_nocase(name, ".csv"))
            advice = eg_xasprintf("nếu đây là %s, cần đổi tên thành %s", whose[k], plain);
        else if (eg_has_suffix_nocase(name, ".gz"))
            advice = eg_xasprintf("nếu đây là %s, cần đổi tên thành %s", whose[k], gz);
        else
            advice = eg_xasprintf("nếu đây là %s: tệp xuất chỉ được đọc ở dạng CSV, không nén "
                                  "hoặc nén gzip; cần đặt vào systems/ với tên %s hoặc %s "
                                  "(giải nén nếu là tệp .zip)",
                                  whose[k], plain, gz);
        free(plain);
        free(gz);
        free(plain_path);
        free(gz_path);
    }
    eg_diag_add(dl, EG_WARNING, "W_SYSTEM_IGNORED", file, 0, 0, NULL, NULL, "%s bị bỏ qua: %s%s%s",
                file, what, advice ? "; " : "", advice ? advice : "");
    free(advice);
    free(file);
    free(shown);
}

/* Every other entry of systems/ (dir) than the exports, hidden names and
 * Excel's lock files aside as in submissions/, is named in a warning: a
 * misnamed export would otherwise go unread without a word. */
static void look_at_folder(const char *dir, eg_diag_list *dl)
{
    size_t n;
    char **names = eg_submission_names(dir, &n);

    if (!names)
        return;
    for (size_t i = 0; i < n; i++) {
        char *path = eg_xasprintf("%s/%s", dir, names[i]);
        int regular = is_file(path);

        if (!regular || !is_export_name(names[i]))
            ignored_file(dir, names[i], regular, dl);
        free(path);
        free(names[i]);
    }
    free(names);
}

/* ---- differences --------------------------------------------------------- */

/* Compares unit u's value of code with the export's count; an error
 * filed at the value when they differ. */
static void compare(const eg_layouts *L, const eg_dataset *ds, int u, const char *code,
                    long long counted, const char *code_err, const char *what,
                    const char *source, eg_diag_list *dl, eg_reconcile_stats *stats)
{
    int k = eg_catalogue_find(&L->cat, code);
    const eg_value *v = k >= 0 ? eg_dataset_get(ds, u, k) : NULL;
    const eg_unit *unit = &ds->registry.items[u];
    char a[32], b[32], d[32];

    if (!v || v->i == counted)
        return;
    eg_fmt_int(a, sizeof a, v->i);
    eg_fmt_int(b, sizeof b, counted);
    eg_fmt_int(d, sizeof d, v->i > counted ? v->i - counted : counted - v->i);
    eg_diag_add(dl, EG_ERROR, code_err, ds->files[v->file].path, v->row, v->col, unit->code, code,
                "%s báo cáo %s %s (%s), %s ghi nhận %s năm %d: chênh lệch %s; đối chiếu với hệ thống và sửa số liệu sai",
                unit->name, a, what, code, source, b, ds->year, d);
    if (stats)
        stats->differences++;
}

/* ---- reading, then comparing -------------------------------------------- */

/* The one-stop system: per unit, received and late this year. */
static void count_dossiers(eg_reconcile_reading *rd, eg_reconcile_stats *stats)
{
    const eg_dataset *ds = rd->ds;
    size_t n = ds->registry.n ? ds->registry.n : 1;
    export_state st;

    memset(&st, 0, sizeof st);
    st.ds = ds;
    st.year_from = ds->year * YEAR_SPAN;
    st.dl = &rd->dossiers.dl;
    st.kind = DOSSIERS;
    st.seen = &no_codes_yet;
    st.received = eg_xcalloc(n, sizeof *st.received);
    st.late = eg_xcalloc(n, sizeof *st.late);
    rd->dossiers.rc = read_export(ds, "dossiers", &st, stats);
    forget_codes(&st);
    rd->dossiers.received = st.received;
    rd->dossiers.late = st.late;
    memcpy(rd->dossiers.channel, st.channel, sizeof st.channel);
    memcpy(rd->dossiers.shown, st.shown, sizeof st.shown);
}

/* The document axis: documents sent this year. */
static void count_documents(eg_reconcile_reading *rd, eg_reconcile_stats *stats)
{
    export_state st;

    memset(&st, 0, sizeof st);
    st.ds = rd->ds;
    st.year_from = rd->ds->year * YEAR_SPAN;
    st.dl = &rd->documents.dl;
    st.kind = DOCUMENTS;
    st.seen = &no_codes_yet;
    st.column.fn = document_sent;
    rd->documents.rc = read_export(rd->ds, "documents", &st, stats);
    forget_codes(&st);
    rd->documents.count = st.documents;
    memcpy(rd->documents.shown, st.shown, sizeof st.shown);
}

/* The documents' reading when a thread of its own does it. */
typedef struct {
    eg_reconcile_reading *rd;
    eg_reconcile_stats stats;
} documents_job;

static void *documents_thread(void *arg)
{
    documents_job *job = arg;

    count_documents(job->rd, &job->stats);
    return NULL;
}

/* Both exports.  With more than one thread the two files are read side
 * by side (each cut into parts as well): a file's parts wait for the
 * slowest of them, and with the two files at once, the other file's keep
 * both cores busy meanwhile rather than one.  What each finds is its own
 * (counts, problems) and is joined in a fixed order: the same whatever
 * thread ends first. */
static void *count_all(void *arg)
{
    eg_reconcile_reading *rd = arg;
    const eg_dataset *ds = rd->ds;
    struct stat s;
    char *dir = eg_xasprintf("%s/systems", ds->year_dir);
    documents_job job;
    pthread_t th;
    int side = 0;

    rd->have_dir = stat(dir, &s) == 0 && S_ISDIR(s.st_mode);
    if (rd->have_dir)
        look_at_folder(dir, &rd->folder_dl);
    free(dir);
    if (!rd->have_dir)
        return NULL;
    memset(&job, 0, sizeof job);
    job.rd = rd;
    if (ds->jobs > 1)
        side = eg_thread_create(&th, "eg-exports", documents_thread, &job) == 0;
    count_dossiers(rd, &rd->stats);
    if (side)
        pthread_join(th, NULL);
    else
        count_documents(rd, &job.stats);
    rd->stats.rows += job.stats.rows;
    rd->stats.bytes += job.stats.bytes;
    rd->stats.malformed += job.stats.malformed;
    return NULL;
}

void eg_reconcile_start(eg_reconcile_reading *rd, const eg_dataset *ds, int thread)
{
    memset(rd, 0, sizeof *rd);
    rd->ds = ds;
    rd->started = thread && eg_thread_create(&rd->th, "eg-exports", count_all, rd) == 0;
    if (!rd->started)
        count_all(rd);
}

/* Waits for the reading (when a thread does it). */
static void wait_reading(eg_reconcile_reading *rd)
{
    if (rd->started) {
        pthread_join(rd->th, NULL);
        rd->started = 0;
    }
}

void eg_reconcile_abandon(eg_reconcile_reading *rd)
{
    if (!rd->ds)
        return;
    wait_reading(rd);
    eg_diag_free(&rd->folder_dl);
    eg_diag_free(&rd->dossiers.dl);
    eg_diag_free(&rd->documents.dl);
    free(rd->dossiers.received);
    free(rd->dossiers.late);
    memset(rd, 0, sizeof *rd);
}

void eg_reconcile_finish(const eg_layouts *L, const eg_dataset *ds, eg_reconcile_reading *rd,
                         eg_diag_list *dl, eg_reconcile_stats *stats)
{
    int k_ho_so = eg_catalogue_find(&L->cat, "gd.ho_so");

    wait_reading(rd);
    if (stats)
        *stats = rd->stats;
    if (!rd->have_dir) {
        eg_reconcile_abandon(rd);
        return;
    }

    /* The files of the folder not read, then what reading each export
     * found and its differences: the order of one reading after the
     * other. */
    eg_diag_move(dl, &rd->folder_dl, 0, SIZE_MAX);
    eg_diag_move(dl, &rd->dossiers.dl, 0, SIZE_MAX);
    if (rd->dossiers.rc == 0) {
        char *src = eg_xasprintf("hệ thống một cửa điện tử (%s)", rd->dossiers.shown);

        if (stats)
            stats->have_dossiers = 1;
        for (size_t u = 0; u < ds->registry.n; u++) {
            const eg_unit *unit = &ds->registry.items[u];

            if (k_ho_so < 0 || !(L->cat.items[k_ho_so].levels & EG_LEVEL_BIT(unit->level)))
                continue;
            compare(L, ds, (int)u, "gd.ho_so", rd->dossiers.received[u], "E_SYSTEM_HO_SO",
                    "hồ sơ tiếp nhận", src, dl, stats);
            compare(L, ds, (int)u, "gd.ho_so_tre", rd->dossiers.late[u], "E_SYSTEM_HO_SO_TRE",
                    "hồ sơ trễ hạn đã xử lý", src, dl, stats);
        }
        if (ds->registry.province >= 0) {
            compare(L, ds, ds->registry.province, "gd.ho_so_muc_3", rd->dossiers.channel[2],
                    "E_SYSTEM_TRUC_TUYEN", "hồ sơ nộp trực tuyến mức độ 3", src, dl, stats);
            compare(L, ds, ds->registry.province, "gd.ho_so_muc_4", rd->dossiers.channel[3],
                    "E_SYSTEM_TRUC_TUYEN", "hồ sơ nộp trực tuyến mức độ 4", src, dl, stats);
        }
        free(src);
    }

    eg_diag_move(dl, &rd->documents.dl, 0, SIZE_MAX);
    if (rd->documents.rc == 0) {
        char *src = eg_xasprintf("nhật ký Trục liên thông văn bản (%s)", rd->documents.shown);

        if (stats)
            stats->have_documents = 1;
        if (ds->registry.province >= 0)
            compare(L, ds, ds->registry.province, "cd.vb_lien_thong", rd->documents.count,
                    "E_SYSTEM_VB_LIEN_THONG", "lượt văn bản điện tử gửi, nhận qua Trục liên thông",
                    src, dl, stats);
        free(src);
    }
    eg_reconcile_abandon(rd);
}

void eg_reconcile(const eg_layouts *L, const eg_dataset *ds, eg_diag_list *dl,
                  eg_reconcile_stats *stats)
{
    eg_reconcile_reading rd;

    eg_reconcile_start(&rd, ds, 0);
    eg_reconcile_finish(L, ds, &rd, dl, stats);
}
