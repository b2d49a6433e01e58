#include "extract/registry.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/file.h"
#include "core/mem.h"
#include "core/number.h"
#include "core/pattern.h"
#include "core/text.h"
#include "extract/table.h"

/* ---- units.csv -------------------------------------------------------- */

typedef struct {
    eg_dataset *ds;
    const eg_catalogue *cat;
    eg_diag_list *dl;
    const char *file;
    char **parents;        /* parent code of each unit, resolved at the end */
    long *rows;
    int bad;
} units_state;

/* A filled field of rec past the header row's last column, or in one the
 * header leaves unnamed right after the column of a role in roles (bit r:
 * role r; a header padded with an empty cell, "code,name,level,parent,"):
 * most likely the rest of a field cut by a comma outside quotes.  Its
 * 1-based column, or 0 when none; *text its text, *past 1 when it is past
 * the header's last column. */
static int unnamed_field(const eg_record *rec, unsigned roles, const char **text, int *past)
{
    *past = rec->extra_col != 0;
    if (rec->extra_col) {
        *text = rec->extra;
        return rec->extra_col;
    }
    for (int r = 0; r < EG_MAX_ROLES; r++)
        if ((roles & rec->next_unnamed & (1u << r)) && rec->next[r] && rec->next[r][0]) {
            *text = rec->next[r];
            return rec->col[r] + 1;
        }
    return 0;
}

/* A name typed on two lines of its cell ("Huyện Đăk" and "Hà") is one
 * name: each run of blanks holding a line break or a tab is one space,
 * as the report's sentences join it; the PDF's charts and tables would
 * break it there.  In place; returns s. */
static char *one_line(char *s)
{
    char *w = s;

    for (const char *p = s; *p;) {
        const char *q = p;
        int ctl = 0;

        while (*q == ' ' || (*q >= '\t' && *q <= '\r')) {
            ctl |= *q != ' ';
            q++;
        }
        if (q == p) {
            *w++ = *p++;
            continue;
        }
        if (ctl) {
            *w++ = ' ';
        } else {
            memmove(w, p, (size_t)(q - p));
            w += q - p;
        }
        p = q;
    }
    *w = '\0';
    return s;
}

static int on_unit(void *ctx, const eg_record *rec)
{
    units_state *s = ctx;
    eg_registry *reg = &s->ds->registry;
    eg_unit *u;
    char *code;
    const char *cut;
    eg_level level;
    int cut_col, past;

    if (!rec->field[0][0] && !rec->field[1][0] && !rec->field[2][0])
        return 0;           /* a blank line */
    cut_col = unnamed_field(rec, 0xFu, &cut, &past);    /* any of the four */
    if (cut_col) {
        /* "GL.A,Huyện A, Gia Lai,huyen,GL": said as it is, not as the
         * level " Gia Lai" that the cut made of it */
        char where[64];

        if (past)
            snprintf(where, sizeof where, "past the header row's %zu columns",
                     rec->header_fields);
        else
            snprintf(where, sizeof where, "which the header row leaves unnamed");
        eg_diag_add(s->dl, EG_FATAL, "F_UNITS", s->file, rec->row, cut_col, NULL, NULL,
                    "the row of unit '%s' has '%.*s' in column %d, %s: a field holding a "
                    "comma outside quotes (a name such as \"Xã A, huyện B\") is cut in two "
                    "there, and each field after it is read one column late; put that field "
                    "in quotes",
                    rec->field[0], (int)eg_utf8_prefix(cut, 40), cut, cut_col, where);
        s->bad = 1;
        return 0;
    }
    code = eg_ascii_upper(eg_xstrdup(rec->field[0]));
    if (!eg_pattern_match(s->cat->unit_code_pattern, code)) {
        eg_diag_add(s->dl, EG_FATAL, "F_UNITS", s->file, rec->row, rec->col[0], code, NULL,
                    "unit code '%s' does not match the pattern %s", code,
                    eg_pattern_source(s->cat->unit_code_pattern));
        s->bad = 1;
    } else if (eg_strmap_get(&reg->index, code) >= 0) {
        eg_diag_add(s->dl, EG_FATAL, "F_UNITS", s->file, rec->row, rec->col[0], code, NULL,
                    "unit code '%s' appears twice", code);
        s->bad = 1;
    } else if (eg_level_parse(rec->field[2], &level)) {
        eg_diag_add(s->dl, EG_FATAL, "F_UNITS", s->file, rec->row, rec->col[2], code, NULL,
                    "level '%s' is not one of tinh, so, huyen, xa", rec->field[2]);
        s->bad = 1;
    } else if (!rec->field[1][strspn(rec->field[1], " \t\n\v\f\r")]) {
        /* blanks alone, a line break among them, are no name either */
        eg_diag_add(s->dl, EG_FATAL, "F_UNITS", s->file, rec->row, rec->col[1], code, NULL,
                    "unit '%s' has no name", code);
        s->bad = 1;
    } else {
        size_t n = reg->n;

        reg->items = eg_xrealloc(reg->items, (n + 1) * sizeof *reg->items);
        s->parents = eg_xrealloc(s->parents, (n + 1) * sizeof *s->parents);
        s->rows = eg_xrealloc(s->rows, (n + 1) * sizeof *s->rows);
        u = &reg->items[n];
        memset(u, 0, sizeof *u);
        u->code = code;
        u->name = one_line(eg_xstrdup(rec->field[1]));
        u->folded_name = eg_fold(u->name);
        u->level = level;
        u->parent = -1;
        s->parents[n] = eg_ascii_upper(eg_xstrdup(rec->field[3]));
        s->rows[n] = rec->row;
        eg_strmap_put(&reg->index, code, (int)n);
        reg->count[level]++;
        reg->n++;
        return 0;
    }
    free(code);
    return 0;
}

/* Checks the parent of every unit against its level. */
static void resolve_parents(units_state *s)
{
    eg_registry *reg = &s->ds->registry;

    for (size_t i = 0; i < reg->n; i++) {
        eg_unit *u = &reg->items[i];
        const char *pc = s->parents[i];
        int p = pc[0] ? eg_strmap_get(&reg->index, pc) : -1;
        const char *want = NULL;

        switch (u->level) {
        case EG_LEVEL_TINH:
            if (pc[0])
                want = "the province has no parent";
            break;
        case EG_LEVEL_SO:
        case EG_LEVEL_HUYEN:
            if (p < 0 || reg->items[p].level != EG_LEVEL_TINH)
                want = "the parent of a department or district is the province's code";
            break;
        case EG_LEVEL_XA:
            if (p < 0 || reg->items[p].level != EG_LEVEL_HUYEN)
                want = "the parent of a commune is its district's code";
            break;
        default:
            break;
        }
        if (want && !pc[0]) {
            eg_diag_add(s->dl, EG_FATAL, "F_UNITS", s->file, s->rows[i], 4, u->code, NULL,
                        "unit '%s' has no parent: %s", u->code, want);
        } else if (want) {
            /* below the province, a code no unit has: most likely mistyped */
            eg_diag_add(s->dl, EG_FATAL, "F_UNITS", s->file, s->rows[i], 4, u->code, NULL,
                        "unit '%s' has parent '%s'%s: %s", u->code, pc,
                        p < 0 && u->level != EG_LEVEL_TINH
                        ? ", which is no unit's code in units.csv" : "", want);
        }
        if (want)
            s->bad = 1;
        u->parent = p;
    }
}

int eg_registry_load(eg_dataset *ds, const eg_catalogue *cat, eg_diag_list *dl)
{
    static const char *const names[][2] = {
        { "code", NULL }, { "name", NULL }, { "level", NULL }, { "parent", NULL }
    };
    units_state s = { .ds = ds, .cat = cat, .dl = dl, .file = "units.csv" };
    eg_colspec spec[4];
    eg_diag_list local = { .english = 1 };     /* fatal: the operator's */
    char *path = eg_xasprintf("%s/units.csv", ds->year_dir);
    int rc;

    for (int i = 0; i < 4; i++)
        eg_colspec_set(&spec[i], names[i][0], 1, names[i]);
    rc = eg_table_read_csv(path, s.file, spec, 4, on_unit, &s, NULL, "F_UNITS", &local);
    eg_colspec_free(spec, 4);
    for (size_t i = 0; i < local.n; i++) {
        eg_diag *d = &local.items[i];

        eg_diag_add(dl, EG_FATAL, "F_UNITS", d->file, d->row, d->col, d->unit, NULL, "%s",
                    d->message);
    }
    if (rc != 1 || local.n)
        s.bad = 1;
    eg_diag_free(&local);
    free(path);
    ds->registry.province = -1;
    if (!s.bad) {
        resolve_parents(&s);
        if (ds->registry.count[EG_LEVEL_TINH] != 1) {
            eg_diag_add(dl, EG_FATAL, "F_UNITS", s.file, 0, 0, NULL, NULL,
                        "the registry must hold exactly one unit of level tinh (it holds %zu)",
                        ds->registry.count[EG_LEVEL_TINH]);
            s.bad = 1;
        }
        for (size_t i = 0; i < ds->registry.n; i++)
            if (ds->registry.items[i].level == EG_LEVEL_TINH)
                ds->registry.province = (int)i;
    }
    for (size_t i = 0; i < ds->registry.n; i++)
        free(s.parents[i]);
    free(s.parents);
    free(s.rows);
    return s.bad ? -1 : 0;
}

/* ---- report.csv and baseline.csv: key,value tables -------------------- */

typedef struct {
    eg_fact **facts;
    size_t *n;
    const char *display;
    eg_diag_list *dl;           /* read_pairs gives them its code; english when
                                 * that code is fatal (F_REPORT) */
} facts_state;

static int on_fact(void *ctx, const eg_record *rec)
{
    facts_state *s = ctx;
    eg_fact *f;
    const char *cut;
    int cut_col, past;

    if (!rec->field[0][0])
        return 0;
    /* "tl.dung_thu,45,7": 45 read, 7 lost (eg_record.extra_col); or the
     * same cut within a header padded with an empty field ("indicator,
     * value,", as a spreadsheet saves it): no column of these files
     * follows the value */
    cut_col = unnamed_field(rec, 2u, &cut, &past);
    if (cut_col && past) {
        eg_diag_add(s->dl, EG_ERROR, "E", s->display, rec->row, cut_col, NULL, NULL,
                    s->dl->english ? "'%s' has '%.*s' in column %d, past the header row's %zu columns: "
                            "a value holding a comma outside quotes is cut in two there; put "
                            "the value in quotes"
                          : "'%s' có '%.*s' ở cột %d, vượt quá %zu cột của dòng tiêu đề: giá trị "
                            "có dấu phẩy nằm ngoài dấu ngoặc kép bị cắt làm hai tại đó; đặt giá "
                            "trị trong dấu ngoặc kép",
                    rec->field[0], (int)eg_utf8_prefix(cut, 40), cut, cut_col,
                    rec->header_fields);
        return 0;
    }
    if (cut_col) {
        eg_diag_add(s->dl, EG_ERROR, "E", s->display, rec->row, cut_col, NULL, NULL,
                    s->dl->english ? "'%s' has '%.*s' in column %d, which the header row leaves "
                            "unnamed: a value holding a comma outside quotes is cut in two "
                            "there; put the value in quotes"
                          : "'%s' có '%.*s' ở cột %d, cột không có tên ở dòng tiêu đề: giá trị "
                            "có dấu phẩy nằm ngoài dấu ngoặc kép bị cắt làm hai tại đó; đặt giá "
                            "trị trong dấu ngoặc kép",
                    rec->field[0], (int)eg_utf8_prefix(cut, 40), cut, cut_col);
        return 0;
    }
    *s->facts = eg_xrealloc(*s->facts, (*s->n + 1) * sizeof **s->facts);
    f = &(*s->facts)[(*s->n)++];
    f->key = eg_xstrdup(rec->field[0]);
    f->value = eg_xstrdup(rec->field[1]);
    f->row = rec->row;
    return 0;
}

static int read_pairs(const char *path, const char *display, const char *k, const char *v,
                      eg_fact **facts, size_t *n, eg_severity sev, const char *code,
                      eg_diag_list *dl)
{
    const char *kn[2] = { k, NULL }, *vn[2] = { v, NULL };
    eg_colspec spec[2];
    eg_diag_list local = { .english = sev == EG_FATAL };
    facts_state s = { facts, n, display, &local };
    int rc;

    eg_colspec_set(&spec[0], k, 1, kn);
    eg_colspec_set(&spec[1], v, 1, vn);
    rc = eg_table_read_csv(path, display, spec, 2, on_fact, &s, NULL, code, &local);
    eg_colspec_free(spec, 2);
    for (size_t i = 0; i < local.n; i++)
        eg_diag_add(dl, sev, code, local.items[i].file, local.items[i].row,
                    local.items[i].col, NULL, NULL, "%s", local.items[i].message);
    if (local.n && sev == EG_FATAL)
        rc = -1;
    eg_diag_free(&local);
    return rc == 1 ? 0 : -1;
}

const char *const eg_system_names[EG_SYSTEMS] = { "dossiers", "documents" };

/* [*a, *b) without the spaces and tabs around it. */
static void trim_span(const char **a, const char **b)
{
    while (*a < *b && (**a == ' ' || **a == '\t'))
        (*a)++;
    while (*b > *a && ((*b)[-1] == ' ' || (*b)[-1] == '\t'))
        (*b)--;
}

/* The systems report.csv's `systems` lists, as bits (1 << EG_SYSTEM_*):
 * names separated by ';' (one more after the last is let be), without
 * case, spaces around each aside; an empty value (spaces aside) lists
 * none.  -1 when an item is empty or no system's name, with [*bad,
 * *bad_end) that item. */
static int systems_listed(const char *list, const char **bad, const char **bad_end)
{
    const char *a = list, *end = list + strlen(list);
    int bits = 0;

    trim_span(&a, &end);
    if (a == end)
        return 0;
    for (;;) {
        const char *semi = memchr(a, ';', (size_t)(end - a));
        const char *item = a, *item_end = semi ? semi : end;
        int k = EG_SYSTEMS;

        trim_span(&item, &item_end);
        while (--k >= 0)
            if ((size_t)(item_end - item) == strlen(eg_system_names[k]) &&
                strncasecmp(item, eg_system_names[k], (size_t)(item_end - item)) == 0)
                break;
        if (k < 0) {
            *bad = item;
            *bad_end = item_end;
            return -1;
        }
        bits |= 1 << k;
        if (!semi || semi + 1 == end)           /* a last ';' of habit is no name */
            return bits;
        a = semi + 1;
    }
}

int eg_facts_has_system(const eg_dataset *ds, int k)
{
    const char *list = eg_dataset_fact(ds, "systems"), *bad, *bad_end;
    int bits;

    if (!list)
        return 1;
    bits = systems_listed(list, &bad, &bad_end);
    return bits < 0 || (bits >> k & 1);
}

/* The row of report.csv that holds key, for a message (0 when none). */
static long fact_row(const eg_dataset *ds, const char *key)
{
    for (size_t i = 0; i < ds->n_facts; i++)
        if (strcmp(ds->facts[i].key, key) == 0)
            return ds->facts[i].row;
    return 0;
}

static int facts_read(eg_dataset *ds, eg_diag_list *dl)
{
    static const char *const required[] = { "province", "issuer", "signer", "signer_title",
                                             "place", "issued_on", "deadline" };
    char *path = eg_xasprintf("%s/report.csv", ds->year_dir);
    int rc = read_pairs(path, "report.csv", "key", "value", &ds->facts, &ds->n_facts,
                        EG_FATAL, "F_REPORT", dl);
    eg_strmap first = { 0 };

    free(path);
    if (rc)
        return -1;
    /* a key given twice with two values (a new signer added below the old
     * one, written `Signer` or `signer`): the first was used without a
     * word; which one is meant cannot be told.  The same value twice is
     * let be. */
    for (size_t i = 0; i < ds->n_facts; i++) {
        char *lower = eg_ascii_lower(eg_xstrdup(ds->facts[i].key));
        int j = eg_strmap_get(&first, lower);

        if (j < 0)
            eg_strmap_put(&first, lower, (int)i);
        free(lower);
        if (j >= 0 && strcmp(ds->facts[i].value, ds->facts[j].value) != 0) {
            char *key = eg_display_text(ds->facts[i].key);
            char *here = eg_display_text(ds->facts[i].value);
            char *there = eg_display_text(ds->facts[j].value);

            eg_diag_add(dl, EG_FATAL, "F_REPORT", "report.csv", ds->facts[i].row, 2, NULL,
                        NULL, "key '%.*s' is given twice, '%.*s' on this row and '%.*s' on "
                        "row %ld: which one the report is to use cannot be told; keep one row",
                        (int)eg_utf8_prefix(key, 100), key, (int)eg_utf8_prefix(here, 100),
                        here, (int)eg_utf8_prefix(there, 100), there, ds->facts[j].row);
            free(key);
            free(here);
            free(there);
            rc = -1;
        }
    }
    eg_strmap_free(&first);
    if (rc)
        return -1;
    for (size_t i = 0; i < sizeof required / sizeof *required; i++)
        if (!eg_dataset_fact(ds, required[i]) || !eg_dataset_fact(ds, required[i])[0]) {
            size_t j = 0;

            /* written otherwise (`Signer`): "missing" beside its row sent
             * the operator looking for what is there */
            if (!eg_dataset_fact(ds, required[i]))
                while (j < ds->n_facts && strcasecmp(ds->facts[j].key, required[i]) != 0)
                    j++;
            if (!eg_dataset_fact(ds, required[i]) && j < ds->n_facts) {
                char *shown = eg_display_text(ds->facts[j].key);

                eg_diag_add(dl, EG_FATAL, "F_REPORT", "report.csv", ds->facts[j].row, 1,
                            NULL, NULL, "key '%s' is missing or empty; row %ld has '%s': "
                            "write the key as '%s', in lower case", required[i],
                            ds->facts[j].row, shown, required[i]);
                free(shown);
            } else {
                eg_diag_add(dl, EG_FATAL, "F_REPORT", "report.csv", 0, 0, NULL, NULL,
                            "key '%s' is missing or empty", required[i]);
            }
            rc = -1;
        }
    for (int k = 0; k < 2 && rc == 0; k++) {
        const char *key = k ? "deadline" : "issued_on";
        const char *d = eg_dataset_fact(ds, key);

        if (!eg_iso_date(d, strlen(d))) {
            char *shown = eg_display_text(d);

            eg_diag_add(dl, EG_FATAL, "F_REPORT", "report.csv", fact_row(ds, key), 2, NULL,
                        NULL, "key '%s' must be a real day written YYYY-MM-DD "
                        "(as 2021-01-15), not '%.*s'", key, (int)eg_utf8_prefix(shown, 100),
                        shown);
            free(shown);
            rc = -1;
        }
    }
    if (rc == 0 && eg_dataset_fact(ds, "systems")) {
        const char *bad, *bad_end;

        if (systems_listed(eg_dataset_fact(ds, "systems"), &bad, &bad_end) < 0) {
            char *item = eg_xstrndup(bad, (size_t)(bad_end - bad));
            char *shown = eg_display_text(item);    /* a line break would split the line */

            eg_diag_add(dl, EG_FATAL, "F_REPORT", "report.csv", 0, 0, NULL, NULL,
                        "key 'systems' %s%.*s%s: list the systems the province has, among "
                        "'%s' and '%s', separated by ';' (an empty value for none)",
                        *shown ? "names '" : "has an empty name between its ';'",
                        (int)eg_utf8_prefix(shown, 100), shown,
                        *shown ? "', which is no system" : "", eg_system_names[0],
                        eg_system_names[1]);
            free(shown);
            free(item);
            rc = -1;
        }
    }
    return rc;
}

int eg_facts_load(eg_dataset *ds, eg_diag_list *dl)
{
    if (facts_read(ds, dl) == 0)
        return 0;
    /* refused: no key of it is used (a deadline of 2021-13-45 was
     * printed on template's forms as 45/13/2021) */
    eg_facts_free(&ds->facts, &ds->n_facts);
    return -1;
}

void eg_facts_check_year(const eg_dataset *ds, eg_diag_list *dl)
{
    const char *deadline = eg_dataset_fact(ds, "deadline");
    const char *issued = eg_dataset_fact(ds, "issued_on");
    char first[16];

    /* {date:as_of} is the program's day, never this key's: a clerk who
     * wrote it to date the figures would see it have no effect */
    if (eg_dataset_fact(ds, "as_of"))
        eg_diag_add(dl, EG_WARNING, "W_REPORT_DATE", "report.csv", fact_row(ds, "as_of"), 1,
                    NULL, NULL,
                    "khóa as_of không được dùng: ngày số liệu tính đến ({date:as_of}) do chương "
                    "trình xác định, là ngày 31/12/%d khi năm đã hết, hoặc ngày lập báo cáo khi "
                    "năm chưa hết (số liệu tạm tính); xóa dòng này", ds->year);
    if (!deadline || !issued)
        return;
    /* ISO dates compare as strings */
    snprintf(first, sizeof first, "%04d-01-01", ds->year);
    if (strcmp(deadline, first) < 0) {
        eg_diag_add(dl, EG_WARNING, "W_REPORT_DATE", "report.csv", fact_row(ds, "deadline"), 2,
                    NULL, NULL,
                    "hạn nộp (deadline) %s ở trước năm %d của báo cáo: report.csv có lẽ được chép "
                    "từ năm trước mà chưa sửa ngày; mọi tệp số liệu năm %d sẽ bị tính là nộp "
                    "muộn hoặc không rõ ngày nộp. Sửa deadline (và issued_on, number) cho năm %d",
                    deadline, ds->year, ds->year, ds->year);
    } else if (strcmp(issued, deadline) < 0) {
        eg_diag_add(dl, EG_WARNING, "W_REPORT_DATE", "report.csv", fact_row(ds, "issued_on"), 2,
                    NULL, NULL,
                    "ngày ban hành báo cáo (issued_on) %s ở trước hạn nộp số liệu (deadline) %s: "
                    "báo cáo in ngày này trên trang đầu; sửa issued_on thành ngày dự kiến ban "
                    "hành, sau hạn nộp", issued, deadline);
    }
}

/* A baseline value as the contract reads it: a tl.* figure is a
 * percentage (45,7 means 45.7 %, returned as the fraction 0.457); any
 * other figure is a count, grouped as counts are (20.000 is twenty
 * thousand). */
static eg_num_status baseline_value(const eg_fact *f, double *out)
{
    eg_num_status st;

    if (strncmp(f->key, "tl.", 3) == 0) {
        double d;

        st = eg_parse_percent(f->value, &d);
        if (st == EG_NUM_OK)
            *out = eg_percent_fraction(d);
    } else {
        int64_t n;

        st = eg_parse_count(f->value, &n);
        if (st == EG_NUM_OK)
            *out = (double)n;
    }
    return st;
}

/* A figure given twice in baseline.csv with two values (a row copied and
 * changed, last year's corrected figure added under the first): which of
 * them was published cannot be told, and the first one alone would make
 * "compared with last year" say what the other denies.  Each later row
 * that differs from an earlier one is an error naming that row, and no
 * row of the figure is used, as with a submission's conflicting pair
 * (300, 300 and 310 kept the second 300).  The same value twice is let
 * be. */
static void baseline_conflicts(eg_dataset *ds, eg_diag_list *dl)
{
    /* per figure: its first row with a value, and the first after it with
     * another value (the earliest row a later one can differ from is one
     * of these two); in one pass, a file of 50,000 rows took 4 s */
    typedef struct {
        size_t first, other;
        double first_v;
        int conflict;
    } seen;
    size_t n = ds->n_baseline, n_seen = 0;
    seen *v = eg_xcalloc(n ? n : 1, sizeof *v);
    eg_strmap at = { 0 };

    for (size_t i = 0; i < n; i++) {
        const eg_fact *f = &ds->baseline[i];
        size_t j;
        int k;
        double a;

        if (!f->value[0] || baseline_value(f, &a) != EG_NUM_OK)
            continue;
        k = eg_strmap_get(&at, f->key);
        if (k < 0) {
            eg_strmap_put(&at, f->key, (int)n_seen);
            v[n_seen].first = i;
            v[n_seen].other = SIZE_MAX;
            v[n_seen++].first_v = a;
            continue;
        }
        if (a != v[k].first_v) {
            j = v[k].first;
            if (v[k].other == SIZE_MAX)
                v[k].other = i;
        } else if (v[k].other != SIZE_MAX) {
            j = v[k].other;
        } else {
            continue;               /* the same value again: let be */
        }
        eg_diag_add(dl, EG_ERROR, "E_BASELINE", "baseline.csv", f->row, 2, NULL, f->key,
                    "chỉ tiêu %s có giá trị '%s' ở dòng này và '%s' ở dòng %ld; không giá "
                    "trị nào được dùng để so sánh với năm trước cho đến khi xóa một trong hai",
                    f->key, f->value, ds->baseline[j].value, ds->baseline[j].row);
        v[k].conflict = 1;
    }
    for (size_t i = 0; i < n; i++) {
        int k = ds->baseline[i].value[0] ? eg_strmap_get(&at, ds->baseline[i].key) : -1;

        if (k >= 0 && v[k].conflict)
            ds->baseline[i].value[0] = '\0';
    }
    eg_strmap_free(&at);
    free(v);
}

/* Where the symbolic link at path leads, as it is written (for a
 * message); "?" when it cannot be read. */
static char *link_text(const char *path)
{
    char buf[4096];
    ssize_t n = readlink(path, buf, sizeof buf - 1);
    char *shown;

    buf[n > 0 ? n : 0] = '\0';
    shown = eg_display_text(n > 0 ? buf : "?");
    return shown;
}

/* Whether the file at path lies in the folder dir (both resolved). */
static int in_folder(const char *path, const char *dir)
{
    char *file = realpath(path, NULL), *folder = dir ? realpath(dir, NULL) : NULL;
    char *slash = file ? strrchr(file, '/') : NULL;
    int in = 0;

    if (slash && folder) {
        *slash = '\0';
        in = strcmp(file[0] ? file : "/", folder) == 0;
    }
    free(file);
    free(folder);
    return in;
}

/* Whether baseline.csv at path is one to read: not a link to nothing, nor
 * to an output of the year's own build (a link made to next year's
 * baseline of the wrong year: each build would compare the year with its
 * own last build).  Said as E_BASELINE when not. */
static int baseline_usable(const eg_dataset *ds, const char *path, const char *out_dir,
                           eg_diag_list *dl)
{
    struct stat st;
    char *to;

    if (stat(path, &st) == 0) {
        if (!in_folder(path, out_dir))
            return 1;
        to = link_text(path);
        eg_diag_add(dl, EG_ERROR, "E_BASELINE", "baseline.csv", 0, 0, NULL, NULL,
                    "là liên kết tới '%s', một tệp đầu ra của chính lần lập báo cáo năm %d: "
                    "số liệu năm trước là baseline-%d.csv do báo cáo năm %d ghi ra; tệp này "
                    "không được dùng", to, ds->year, ds->year, ds->year - 1);
        free(to);
    } else if (errno == ENOENT && lstat(path, &st) == 0) {
        to = link_text(path);
        eg_diag_add(dl, EG_ERROR, "E_BASELINE", "baseline.csv", 0, 0, NULL, NULL,
                    "là liên kết tới '%s', nơi không có tệp nào: không có số liệu năm trước "
                    "để so sánh", to);
        free(to);
    } else if (errno != ENOENT) {
        eg_diag_add(dl, EG_ERROR, "E_BASELINE", "baseline.csv", 0, 0, NULL, NULL,
                    "không đọc được tệp: %s", eg_strerror_vi(errno));
    }
    return 0;
}

int eg_baseline_load(eg_dataset *ds, const char *out_dir, eg_diag_list *dl)
{
    char *path = eg_xasprintf("%s/baseline.csv", ds->year_dir);
    int rc = 0;

    if (baseline_usable(ds, path, out_dir, dl))
        rc = read_pairs(path, "baseline.csv", "indicator", "value", &ds->baseline,
                        &ds->n_baseline, EG_ERROR, "E_BASELINE", dl);
    free(path);
    /* Codes as the catalogue writes them: "TL.DUNG_THU " is tl.dung_thu. */
    for (size_t i = 0; i < ds->n_baseline; i++)
        eg_ascii_lower(eg_trim(ds->baseline[i].key));
    /* Check every value now, so that a bad one is reported once. */
    for (size_t i = 0; i < ds->n_baseline; i++) {
        double d;

        if (baseline_value(&ds->baseline[i], &d) != EG_NUM_OK) {
            int pct = strncmp(ds->baseline[i].key, "tl.", 3) == 0;

            eg_diag_add(dl, EG_ERROR, "E_BASELINE", "baseline.csv", ds->baseline[i].row, 2, NULL,
                        ds->baseline[i].key, "'%s' không phải %s (%s)", ds->baseline[i].value,
                        pct ? "tỷ lệ phần trăm dạng 45,7" : "số nguyên dạng 20.000",
                        eg_num_status_text(baseline_value(&ds->baseline[i], &d)));
            ds->baseline[i].value[0] = '\0';
        }
    }
    baseline_conflicts(ds, dl);
    return rc;
}

int eg_baseline_get(const eg_dataset *ds, const char *code, double *out)
{
    for (size_t i = 0; i < ds->n_baseline; i++) {
        const eg_fact *f = &ds->baseline[i];
        double d;

        if (strcmp(f->key, code) != 0 || !f->value[0])
            continue;
        if (baseline_value(f, &d) != EG_NUM_OK)
            return -1;
        *out = d;
        return 0;
    }
    return -1;
}
