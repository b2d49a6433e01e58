#include "write/narrative.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/mem.h"
#include "core/number.h"
#include "core/text.h"
#include "core/version.h"

typedef struct {
    const eg_layouts *L;
    const eg_dataset *ds;
    const eg_results *res;
    const eg_diag_list *problems;
    eg_diag_list *dl;
    const char *file;
    int line;
    int bad;
    int warned_line;        /* one W_FIGURE_MISSING per line and code */
    const char *warned_code;
} ctx_t;

/* The report layout as named in validation.csv: a clerk's list should not
 * carry the operator's paths. */
#define REPORT_DISPLAY "layouts/report.txt"

/* Takes msg (allocated). */
static void warn_missing(ctx_t *c, const char *code, char *msg)
{
    if (!(c->warned_line == c->line && c->warned_code && strcmp(c->warned_code, code) == 0)) {
        c->warned_line = c->line;
        c->warned_code = code;
        eg_diag_add(c->dl, EG_WARNING, "W_FIGURE_MISSING", REPORT_DISPLAY, c->line, 0, NULL,
                    code, "%s", msg);
    }
    free(msg);
}

/* A growable string. */
typedef struct {
    char *s;
    size_t n, cap;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = eg_xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void sb_puts(sbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

static char *sb_take(sbuf *b)
{
    char *s = b->s ? b->s : eg_xstrdup("");

    memset(b, 0, sizeof *b);
    return s;
}

static void fail(ctx_t *c, const char *fmt, const char *what)
{
    char *msg = eg_xasprintf(fmt, what);

    eg_diag_add(c->dl, EG_FATAL, "F_LAYOUT", c->file, c->line, 0, NULL, NULL, "%s", msg);
    free(msg);
    c->bad = 1;
}

static char *upper(const char *s)
{
    sbuf b = { 0 };
    const unsigned char *p = (const unsigned char *)s;

    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        utf8proc_uint8_t out[4];

        if (k <= 0) {
            sb_add(&b, (const char *)p, 1);
            p++;
            continue;
        }
        sb_add(&b, (const char *)out, (size_t)utf8proc_encode_char(utf8proc_toupper(cp), out));
        p += k;
    }
    return sb_take(&b);
}

/* "2021-01-15" -> "ngày 15 tháng 01 năm 2021" */
static int viet_date(const char *iso, char *buf, size_t cap)
{
    int y, m, d;

    if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return -1;
    snprintf(buf, cap, "ngày %02d tháng %02d năm %d", d, m, y);
    return 0;
}

static void fmt_figure(ctx_t *c, sbuf *out, const char *code, const char *fmt)
{
    int i = eg_strmap_get(&c->L->figure_index, code);
    const eg_figure_def *def;
    const eg_figure *f;
    char buf[64];

    if (i < 0) {
        fail(c, "unknown figure '%s' (not in figures.csv)", code);
        return;
    }
    def = &c->L->figures[i];
    f = &c->res->figures[i];
    if (!fmt) {
        switch (def->format) {
        case EG_FMT_PERCENT: fmt = "pct2"; break;
        case EG_FMT_POINTS: fmt = "pts1"; break;
        case EG_FMT_NUMBER: fmt = "dec2"; break;
        default: fmt = "int"; break;
        }
    }
    if (strcmp(fmt, "pair") == 0 || strcmp(fmt, "num") == 0 || strcmp(fmt, "den") == 0) {
        char a[32], b[32];

        if (!f->has_pair)
            goto missing;
        eg_fmt_int(a, sizeof a, llround(f->num));
        eg_fmt_int(b, sizeof b, llround(f->den));
        if (fmt[0] == 'p')
            snprintf(buf, sizeof buf, "%s/%s", a, b);
        else
            snprintf(buf, sizeof buf, "%s", fmt[0] == 'n' ? a : b);
    } else {
        if (!f->has_value)
            goto missing;
        if (strcmp(fmt, "int") == 0)
            eg_fmt_int(buf, sizeof buf, llround(f->value));
        else if (strcmp(fmt, "dec2") == 0)
            eg_fmt_dec(buf, sizeof buf, f->value, 2);
        else if (strncmp(fmt, "pct", 3) == 0 && fmt[3] >= '0' && fmt[3] <= '3' && !fmt[4])
            eg_fmt_pct(buf, sizeof buf, f->value, fmt[3] - '0');
        else if (strcmp(fmt, "pctfloor") == 0)
            eg_fmt_pct(buf, sizeof buf, floor(f->value * 100.0 + 1e-9) / 100.0, 0);
        else if (strcmp(fmt, "pts1") == 0)
            eg_fmt_dec(buf, sizeof buf, f->value * 100.0, 1);
        else {
            fail(c, "unknown format '%s' (int, dec2, pct0-pct3, pctfloor, pts1, pair, num, den)", fmt);
            return;
        }
    }
    sb_puts(out, buf);
    return;
missing:
    sb_puts(out, "…");
    warn_missing(c, def->code, eg_xasprintf("the report needs %s, which the data does not give; "
                                            "it is printed as …", code));
}

static void fmt_ranking(ctx_t *c, sbuf *out, const char *code, const char *pos, const char *what)
{
    const eg_ranking *rk = eg_results_ranking(c->res, code);
    const eg_rank_entry *e;
    size_t at;
    char buf[64];

    if (!rk) {
        fail(c, "unknown ranking '%s' (not in rankings.csv)", code);
        return;
    }
    if (strcmp(pos, "last") == 0) {
        at = rk->n_ranked;
    } else {
        char *end;
        long n = strtol(pos, &end, 10);

        if (*end || n < 1) {
            fail(c, "bad position '%s' (1, 2, ... or last)", pos);
            return;
        }
        at = (size_t)n;
    }
    if (!what || (strcmp(what, "name") && strcmp(what, "total") && strcmp(what, "rank") &&
                  strcmp(what, "code"))) {
        fail(c, "a ranking placeholder ends in :name, :code, :total or :rank, not '%s'",
             what ? what : "");
        return;
    }
    if (at == 0 || at > rk->n_ranked) {
        sb_puts(out, "…");
        warn_missing(c, rk->def->code,
                     eg_xasprintf("the report names position %s of %s, but only %zu units are ranked",
                                  pos, code, rk->n_ranked));
        return;
    }
    e = &rk->rows[at - 1];
    if (strcmp(what, "name") == 0)
        sb_puts(out, c->ds->registry.items[e->unit].name);
    else if (strcmp(what, "code") == 0)
        sb_puts(out, c->ds->registry.items[e->unit].code);
    else if (strcmp(what, "total") == 0)
        sb_puts(out, eg_fmt_dec(buf, sizeof buf, e->total, 2));
    else
        sb_puts(out, eg_fmt_int(buf, sizeof buf, e->rank));
}

/* Replaces every {placeholder} of text. */
static char *expand(ctx_t *c, const char *text)
{
    sbuf out = { 0 };
    const char *p = text;

    sb_puts(&out, "");
    while (*p) {
        const char *open = strchr(p, '{'), *close;
        char *inner, *f1, *f2;

        if (!open) {
            sb_puts(&out, p);
            break;
        }
        sb_add(&out, p, (size_t)(open - p));
        close = strchr(open, '}');
        if (!close) {
            fail(c, "unbalanced '{'%s", "");
            break;
        }
        inner = eg_xstrndup(open + 1, (size_t)(close - open - 1));
        f1 = strchr(inner, ':');
        f2 = f1 ? strchr(f1 + 1, ':') : NULL;
        if (f1)
            *f1++ = '\0';
        if (f2)
            *f2++ = '\0';
        if (strcmp(inner, "year") == 0 && !f1) {
            char y[16];

            snprintf(y, sizeof y, "%d", c->ds->year);
            sb_puts(&out, y);
        } else if (strcmp(inner, "prev_year") == 0 && !f1) {
            char y[16];

            snprintf(y, sizeof y, "%d", c->ds->year - 1);
            sb_puts(&out, y);
        } else if (strcmp(inner, "fact") == 0 && f1) {
            const char *v = eg_dataset_fact(c->ds, f1);

            if (!v) {
                fail(c, "report.csv has no key '%s'", f1);
            } else if (f2 && strcmp(f2, "upper") == 0) {
                char *u = upper(v);

                sb_puts(&out, u);
                free(u);
            } else if (f2) {
                fail(c, "unknown filter '%s' (upper)", f2);
            } else {
                sb_puts(&out, v);
            }
        } else if (strcmp(inner, "date") == 0 && f1 && !f2) {
            char d[64];

            if (viet_date(eg_dataset_fact(c->ds, f1), d, sizeof d))
                fail(c, "report.csv has no ISO date '%s'", f1);
            else
                sb_puts(&out, d);
        } else if (strchr(inner, '#')) {
            char *hash = strchr(inner, '#');

            *hash = '\0';
            fmt_ranking(c, &out, inner, hash + 1, f1);
        } else if (!f2) {
            fmt_figure(c, &out, inner, f1);
        } else {
            fail(c, "unknown placeholder '{%s}'", inner);
        }
        free(inner);
        p = close + 1;
    }
    return sb_take(&out);
}

static void set(char **field, char *value)
{
    free(*field);
    *field = value;
}

static char *dupstr(const char *s)
{
    return eg_xstrdup(s ? s : "");
}

/* ---- blocks made from data ------------------------------------------- */

static void add_table(eg_doc *doc, size_t cols, const char *align, const double *widths)
{
    eg_block *b = eg_doc_add(doc, EG_BLOCK_TABLE);

    b->n_cols = cols;
    b->align = eg_xstrndup(align, cols);
    b->widths = eg_xmalloc(cols * sizeof *b->widths);
    memcpy(b->widths, widths, cols * sizeof *b->widths);
}

static void add_row(eg_block *b, const char *const *cells)
{
    b->cells = eg_xrealloc(b->cells, (b->n_rows + 1) * b->n_cols * sizeof *b->cells);
    for (size_t i = 0; i < b->n_cols; i++)
        b->cells[b->n_rows * b->n_cols + i] = dupstr(cells[i]);
    b->n_rows++;
}

static void figure_cells(const eg_figure_def *def, const eg_figure *f, char *val, char *pair,
                         size_t cap)
{
    strcpy(val, "…");
    pair[0] = '\0';
    if (f->has_value) {
        switch (def->format) {
        case EG_FMT_PERCENT: eg_fmt_pct(val, cap, f->value, 2); break;
        case EG_FMT_POINTS: {
            char t[48];

            eg_fmt_dec(t, sizeof t, f->value * 100, 2);
            snprintf(val, cap, "%s%s điểm %%", f->value >= 0 ? "+" : "", t);
            break;
        }
        case EG_FMT_NUMBER: eg_fmt_dec(val, cap, f->value, 2); break;
        default: eg_fmt_int(val, cap, llround(f->value)); break;
        }
    }
    if (f->has_pair && def->kind != EG_FIG_QUOTIENT) {
        char a[32], b[32];

        eg_fmt_int(a, sizeof a, llround(f->num));
        eg_fmt_int(b, sizeof b, llround(f->den));
        snprintf(pair, cap, "%s/%s", a, b);
    }
}

static void figures_table(ctx_t *c, eg_doc *doc, const char *section)
{
    static const double w[] = { 6, 2.2, 1.8 };
    const char *head[] = { "Chỉ tiêu", "Giá trị", "Tử số/Mẫu số" };
    eg_block *b;
    int any = 0;

    add_table(doc, 3, "lrr", w);
    b = &doc->blocks[doc->n_blocks - 1];
    add_row(b, head);
    for (size_t i = 0; i < c->L->n_figures; i++) {
        const eg_figure_def *def = &c->L->figures[i];
        char val[64], pair[64];
        const char *row[3];

        if (strcmp(def->section, section) != 0)
            continue;
        figure_cells(def, &c->res->figures[i], val, pair, sizeof val);
        row[0] = def->label;
        row[1] = val;
        row[2] = pair;
        add_row(b, row);
        any = 1;
    }
    if (!any)
        fail(c, "no figure of figures.csv is in section '%s'", section);
}

static void ranking_table(ctx_t *c, eg_doc *doc, const char *code)
{
    const eg_ranking *rk = eg_results_ranking(c->res, code);
    double w[12] = { 0.8, 4.6 };
    char align[12] = "cl";
    const char *head[12];
    eg_block *b;
    size_t nc;

    if (!rk) {
        fail(c, "unknown ranking '%s' (not in rankings.csv)", code);
        return;
    }
    nc = 2 + rk->def->n_criteria + 1;
    head[0] = "Hạng";
    head[1] = "Đơn vị";
    for (size_t k = 0; k < rk->def->n_criteria; k++) {
        const char *label = c->L->cat.items[rk->def->criteria[k]].label;
        const char *colon = strstr(label, ": ");

        head[2 + k] = colon ? colon + 2 : label;
        w[2 + k] = 1.25;
        align[2 + k] = 'r';
    }
    head[nc - 1] = "Tổng điểm";
    w[nc - 1] = 1.2;
    align[nc - 1] = 'r';
    align[nc] = '\0';
    add_table(doc, nc, align, w);
    b = &doc->blocks[doc->n_blocks - 1];
    add_row(b, head);
    for (size_t i = 0; i < rk->n; i++) {
        const eg_rank_entry *e = &rk->rows[i];
        char cells[12][48];
        const char *row[12];

        if (e->rank)
            eg_fmt_int(cells[0], sizeof cells[0], e->rank);
        else
            strcpy(cells[0], "-");
        row[0] = cells[0];
        row[1] = c->ds->registry.items[e->unit].name;
        for (size_t k = 0; k < rk->def->n_criteria; k++) {
            if (e->present[k])
                eg_fmt_dec(cells[2 + k], sizeof cells[0], e->criteria[k], 2);
            else
                strcpy(cells[2 + k], "…");
            row[2 + k] = cells[2 + k];
        }
        if (e->complete)
            eg_fmt_dec(cells[nc - 1], sizeof cells[0], e->total, 2);
        else
            strcpy(cells[nc - 1], "chưa đủ điểm");
        row[nc - 1] = cells[nc - 1];
        add_row(b, row);
    }
}

static void ranking_chart(ctx_t *c, eg_doc *doc, const char *code)
{
    const eg_ranking *rk = eg_results_ranking(c->res, code);
    eg_block *b;

    if (!rk) {
        fail(c, "unknown ranking '%s' (not in rankings.csv)", code);
        return;
    }
    b = eg_doc_add(doc, EG_BLOCK_BARCHART);
    b->text = eg_xasprintf("%s (tổng điểm, tối đa %.0f)", rk->def->label, rk->def->max_total);
    b->n_bars = rk->n_ranked;
    b->labels = eg_xcalloc(rk->n_ranked + 1, sizeof *b->labels);
    b->values = eg_xcalloc(rk->n_ranked + 1, sizeof *b->values);
    b->max_value = rk->def->max_total;
    b->decimals = 2;
    for (size_t i = 0; i < rk->n_ranked; i++) {
        b->labels[i] = dupstr(c->ds->registry.items[rk->rows[i].unit].name);
        b->values[i] = rk->rows[i].total;
    }
}

static void coverage_table(ctx_t *c, eg_doc *doc)
{
    static const double w[] = { 3, 1.6, 1.6, 1.6 };
    const char *head[] = { "Cấp", "Phải nộp", "Đã nộp", "Tỷ lệ" };
    eg_block *b;

    add_table(doc, 4, "lrrr", w);
    b = &doc->blocks[doc->n_blocks - 1];
    add_row(b, head);
    for (int l = 0; l < EG_LEVEL_COUNT; l++) {
        size_t expected = 0, got = 0;
        char e[32], g[32], r[32];
        const char *row[4];

        for (size_t u = 0; u < c->ds->registry.n; u++)
            if (c->ds->registry.items[u].level == (eg_level)l) {
                expected++;
                got += c->ds->registry.items[u].submitted != 0;
            }
        if (!expected)
            continue;
        eg_fmt_int(e, sizeof e, (int64_t)expected);
        eg_fmt_int(g, sizeof g, (int64_t)got);
        eg_fmt_pct(r, sizeof r, (double)got / (double)expected, 1);
        row[0] = eg_level_label((eg_level)l);
        row[1] = e;
        row[2] = g;
        row[3] = r;
        add_row(b, row);
    }
    /* A sentence on the problems found, from the validation list. */
    {
        eg_block *p = eg_doc_add(doc, EG_BLOCK_PARA);
        char ne[32], nw[32];

        eg_fmt_int(ne, sizeof ne, (int64_t)c->problems->n_error);
        eg_fmt_int(nw, sizeof nw, (int64_t)c->problems->n_warning);
        if (c->problems->n_error + c->problems->n_warning == 0)
            p->text = eg_xstrdup("Số liệu các đơn vị gửi về không có lỗi hoặc cảnh báo nào khi kiểm tra.");
        else
            p->text = eg_xasprintf("Khi kiểm tra số liệu các đơn vị gửi về, có %s lỗi và %s cảnh báo; danh sách chi tiết trong tệp validation.csv và trang tính \"Kiểm tra\" của bảng tổng hợp.", ne, nw);
    }
}

/* ---- the layout file -------------------------------------------------- */

static void directive(ctx_t *c, eg_doc *doc, const char *key, const char *rest)
{
    static const char *const keys[] = { "issuer_parent", "issuer", "number", "place_date",
                                         "title", "subtitle", "signer_title", "signer",
                                         "meta_title", "meta_subject", "meta_keywords" };
    char **fields[] = { &doc->issuer_parent, &doc->issuer, &doc->number, &doc->place_date,
                        &doc->title, &doc->subtitle, &doc->signer_title, &doc->signer,
                        &doc->meta_title, &doc->meta_subject, &doc->meta_keywords };

    if (strcmp(key, "recipients") == 0) {
        char *all = expand(c, rest), *save = NULL;

        for (char *r = strtok_r(all, ";", &save); r; r = strtok_r(NULL, ";", &save)) {
            eg_trim(r);
            if (!*r)
                continue;
            doc->recipients = eg_xrealloc(doc->recipients,
                                          (doc->n_recipients + 1) * sizeof *doc->recipients);
            doc->recipients[doc->n_recipients++] = eg_xstrdup(r);
        }
        free(all);
        return;
    }
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (strcmp(key, keys[i]) == 0) {
            char *v = expand(c, rest);

            /* "\n" in signer_title separates its lines. */
            for (char *p = v; (p = strstr(p, "\\n")) != NULL;) {
                *p = '\n';
                memmove(p + 1, p + 2, strlen(p + 2) + 1);
            }
            set(fields[i], v);
            return;
        }
    fail(c, "unknown directive '@%s'", key);
}

static void bracket(ctx_t *c, eg_doc *doc, char *inner)
{
    char *arg = strchr(inner, ' ');

    if (arg)
        *arg++ = '\0';
    if (strcmp(inner, "figures") == 0 && arg)
        figures_table(c, doc, eg_trim(arg));
    else if (strcmp(inner, "ranking") == 0 && arg)
        ranking_table(c, doc, eg_trim(arg));
    else if (strcmp(inner, "chart") == 0 && arg)
        ranking_chart(c, doc, eg_trim(arg));
    else if (strcmp(inner, "coverage") == 0 && !arg)
        coverage_table(c, doc);
    else if (strcmp(inner, "pagebreak") == 0 && !arg)
        eg_doc_add(doc, EG_BLOCK_PAGEBREAK);
    else
        fail(c, "unknown block '[%s]' (figures, ranking, chart, coverage, pagebreak)", inner);
}

static void flush_para(ctx_t *c, eg_doc *doc, sbuf *para)
{
    if (!para->n)
        return;
    eg_doc_add(doc, EG_BLOCK_PARA)->text = expand(c, para->s);
    free(para->s);
    memset(para, 0, sizeof *para);
}

int eg_narrative_build(eg_doc *doc, const eg_layouts *L, const eg_dataset *ds,
                       const eg_results *res, const eg_diag_list *problems, eg_diag_list *dl)
{
    ctx_t c = { L, ds, res, problems, dl, L->report_path, 0, 0, 0, NULL };
    FILE *f = fopen(L->report_path, "r");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    sbuf para = { 0 };
    int para_line = 0;
    int numbers[3] = { 0, 0, 0 };

    memset(doc, 0, sizeof *doc);
    if (!f) {
        eg_diag_add(dl, EG_FATAL, "F_LAYOUT", L->report_path, 0, 0, NULL, NULL,
                    "cannot open the report layout");
        return -1;
    }
    while ((len = getline(&line, &cap, f)) >= 0) {
        char *s;

        c.line++;
        if (!eg_utf8_valid(line, (size_t)len)) {
            fail(&c, "line is not valid UTF-8%s", "");
            continue;
        }
        s = eg_nfc(line);
        eg_trim(s);
        if (s[0] == '#') {
            free(s);
            continue;
        }
        if (!s[0]) {
            int at = c.line;

            c.line = para_line;
            flush_para(&c, doc, &para);
            c.line = at;
            free(s);
            continue;
        }
        if (s[0] == '@' || s[0] == '=' || (s[0] == '-' && s[1] == ' ') ||
            (s[0] == '+' && s[1] == ' ') || s[0] == '[') {
            int at = c.line;

            c.line = para_line;
            flush_para(&c, doc, &para);
            c.line = at;
        }
        if (s[0] == '@') {
            char *sp = strpbrk(s, " \t");
            const char *rest = "";

            if (sp) {
                *sp = '\0';
                rest = eg_trim(sp + 1);
            }
            directive(&c, doc, s + 1, rest);
        } else if (s[0] == '=') {
            int level = 0;
            eg_block *b;

            while (s[level] == '=')
                level++;
            if (level > 3 || (s[level] != ' ' && s[level] != '\t')) {
                fail(&c, "a heading is '=', '==' or '===' and a space, then the title%s", "");
            } else {
                char *title = expand(&c, eg_trim(s + level));
                char num[32] = "";

                numbers[level - 1]++;
                for (int k = level; k < 3; k++)
                    numbers[k] = 0;
                /* 1. / 1.1. / 1.1.1. */
                for (int k = 0; k < level; k++)
                    snprintf(num + strlen(num), sizeof num - strlen(num), "%d.", numbers[k]);
                b = eg_doc_add(doc, EG_BLOCK_HEADING);
                b->level = level;
                b->bookmark = 1;
                b->text = eg_xasprintf("%s %s", num, title);
                free(title);
            }
        } else if ((s[0] == '-' || s[0] == '+') && s[1] == ' ') {
            eg_block *b = eg_doc_add(doc, EG_BLOCK_BULLET);

            b->level = s[0] == '-' ? 1 : 2;
            b->text = expand(&c, eg_trim(s + 2));
        } else if (s[0] == '[') {
            size_t n = strlen(s);

            if (s[n - 1] != ']') {
                fail(&c, "a block line ends with ']'%s", "");
            } else {
                s[n - 1] = '\0';
                bracket(&c, doc, s + 1);
            }
        } else {
            if (!para.n)
                para_line = c.line;
            else
                sb_puts(&para, " ");
            sb_puts(&para, s);
        }
        free(s);
    }
    c.line = para_line;
    flush_para(&c, doc, &para);
    free(line);
    fclose(f);
    if (!doc->title)
        doc->title = eg_xstrdup("BÁO CÁO");
    if (!doc->meta_title)
        doc->meta_title = eg_xstrdup(doc->title);
    doc->meta_author = dupstr(eg_dataset_fact(ds, "issuer"));
    doc->meta_creator = eg_xasprintf("egreport %s", EG_VERSION);
    return c.bad ? -1 : 0;
}
