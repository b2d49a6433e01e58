/*
 * narrative.c - reads the report layout (layouts/report.txt) line by line
 * into an eg_doc: the page-1 form, headings, paragraphs, bullets and the
 * blocks made from data.  Placeholders and conditions are expanded by
 * narrative_expand.c, the tables and charts made by narrative_blocks.c.
 */
#include "write/narrative.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/file.h"
#include "core/mem.h"
#include "core/text.h"
#include "core/version.h"
#include "write/narrative_priv.h"

/* What the reader keeps between lines. */
typedef struct {
    eg_nctx c;
    eg_doc *doc;
    eg_sbuf para;           /* the paragraph being joined */
    eg_linemap map;         /* where its lines start */
    int numbers[3];         /* heading numbers: 1. / 1.1. / 1.1.1. */
    int style;              /* @heading_numbers: 'd' decimal, 'r' roman, 'm' marks */
    int n_contents, n_signature;
    char *appendix_note;    /* @appendix_note, expanded */
    int said_on[16];        /* the line of each one-value directive given */
    int recipient_dot;      /* the last recipient's '.' is the one added */
} reader;

static void set(char **field, char *value)
{
    free(*field);
    *field = value;
}

static void map_add(eg_linemap *m, size_t offset, int line)
{
    if (m->n == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 8;
        m->offset = eg_xrealloc(m->offset, m->cap * sizeof *m->offset);
        m->line = eg_xrealloc(m->line, m->cap * sizeof *m->line);
    }
    m->offset[m->n] = offset;
    m->line[m->n++] = line;
}

/* ---- the @ directives ---------------------------------------------------- */

static void directive(reader *r, const char *key, const char *rest)
{
    static const char *const keys[] = { "issuer_parent", "issuer", "number", "place_date",
                                         "title", "subtitle", "subtitle_note", "signer_title",
                                         "signer", "meta_title", "meta_subject",
                                         "meta_keywords" };
    eg_doc *doc = r->doc;
    char **fields[] = { &doc->issuer_parent, &doc->issuer, &doc->number, &doc->place_date,
                        &doc->title, &doc->subtitle, &doc->subtitle_note, &doc->signer_title,
                        &doc->signer, &doc->meta_title, &doc->meta_subject,
                        &doc->meta_keywords };

    if (strcmp(key, "recipients") == 0) {
        char *all = eg_narrative_expand(&r->c, rest, NULL), *save = NULL;
        size_t first = doc->n_recipients;

        for (char *s = strtok_r(all, ";", &save); s; s = strtok_r(NULL, ";", &save)) {
            eg_trim(s);
            if (!*s)
                continue;
            doc->recipients = eg_xrealloc(doc->recipients,
                                          (doc->n_recipients + 1) * sizeof *doc->recipients);
            doc->recipients[doc->n_recipients++] = eg_xstrdup(s);
        }
        free(all);
        /* Nghị định 30: each line of "Nơi nhận" ends with ';', the last
         * with '.', unless the layout wrote its own stop.  Lines given on
         * a later @recipients follow the last one: the '.' added to it
         * becomes ';'. */
        if (r->recipient_dot && first && doc->n_recipients > first) {
            char *t = doc->recipients[first - 1];

            t[strlen(t) - 1] = ';';
        }
        for (size_t i = first; i < doc->n_recipients; i++) {
            char *t = doc->recipients[i];
            size_t n = strlen(t);
            int last = i + 1 == doc->n_recipients;

            if (last)
                r->recipient_dot = n && !strchr(".;:!?", t[n - 1]);
            if (n && !strchr(".;:!?", t[n - 1])) {
                doc->recipients[i] = eg_xasprintf("%s%c", t, last ? '.' : ';');
                free(t);
            }
        }
        return;
    }
    /* a one-value directive given twice: the second would silently undo
     * the first (an empty @title erased the title).  Its slot in said_on:
     * that of keys[], then heading_numbers and appendix_note. */
    size_t n_keys = sizeof keys / sizeof *keys, slot = SIZE_MAX;

    _Static_assert(sizeof keys / sizeof *keys + 2 <= sizeof r->said_on / sizeof *r->said_on,
                   "said_on holds a line for each one-value directive");
    if (strcmp(key, "heading_numbers") == 0)
        slot = n_keys;
    else if (strcmp(key, "appendix_note") == 0)
        slot = n_keys + 1;
    for (size_t i = 0; i < n_keys && slot == SIZE_MAX; i++)
        if (strcmp(key, keys[i]) == 0)
            slot = i;
    if (slot != SIZE_MAX && r->said_on[slot]) {
        char *m = eg_xasprintf("@%s is given twice (first on line %d): keep one", key,
                               r->said_on[slot]);

        eg_nctx_fail(&r->c, "%s", m);
        free(m);
        return;
    }
    if (slot != SIZE_MAX)
        r->said_on[slot] = r->c.line;
    if (strcmp(key, "heading_numbers") == 0) {
        if (strcmp(rest, "decimal") == 0 || strcmp(rest, "roman") == 0 ||
            strcmp(rest, "marks") == 0)
            r->style = rest[0];
        else
            eg_nctx_fail(&r->c, "@heading_numbers is decimal, roman or marks, not '%s'", rest);
        return;
    }
    if (strcmp(key, "appendix_note") == 0) {
        set(&r->appendix_note, eg_narrative_expand(&r->c, rest, NULL));
        return;
    }
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (strcmp(key, keys[i]) == 0) {
            char *v = eg_narrative_expand(&r->c, rest, NULL);

            /* "\n" in signer_title separates its lines. */
            for (char *p = v; (p = strstr(p, "\\n")) != NULL;) {
                *p = '\n';
                memmove(p + 1, p + 2, strlen(p + 2) + 1);
            }
            set(fields[i], v);
            return;
        }
    eg_nctx_fail(&r->c, "unknown directive '@%s'", key);
}

/* ---- headings and appendices --------------------------------------------- */

/* The number of a heading of level, as @heading_numbers says:
 *   decimal  1.  1.1.  1.1.1.   (the default)
 *   roman    I.  1.    a)       (as administrative reports number them)
 *   marks    -   +     *        (as the published 2020 text marks them) */
static void number_of(const reader *r, int level, char *num, size_t cap)
{
    static const char *const roman[] = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII",
                                         "IX", "X", "XI", "XII", "XIII", "XIV", "XV" };
    static const char *const marks[] = { "-", "+", "*" };
    int n = r->numbers[level - 1];

    num[0] = '\0';
    if (r->style == 'm') {
        snprintf(num, cap, "%s", marks[level - 1]);
    } else if (r->style == 'r' && level == 1 && n <= 15) {
        snprintf(num, cap, "%s.", roman[n - 1]);
    } else if (r->style == 'r' && level == 3 && n <= 26) {
        snprintf(num, cap, "%c)", 'a' + n - 1);
    } else if (r->style == 'r') {
        snprintf(num, cap, "%d.", n);
    } else {
        for (int k = 0; k < level; k++)
            snprintf(num + strlen(num), cap - strlen(num), "%d.", r->numbers[k]);
    }
}

static void heading(reader *r, const char *s)
{
    int level = 0;
    char *title, num[32] = "";
    eg_block *b;

    while (s[level] == '=')
        level++;
    if (level > 3 || (s[level] != ' ' && s[level] != '\t')) {
        eg_nctx_fail(&r->c, "a heading is '=', '==' or '===' and a space, then the title%s", "");
        return;
    }
    title = eg_narrative_expand(&r->c, s + level, NULL);
    if (!*title) {                      /* a condition left nothing */
        free(title);
        return;
    }
    r->numbers[level - 1]++;
    for (int k = level; k < 3; k++)
        r->numbers[k] = 0;
    number_of(r, level, num, sizeof num);
    b = eg_doc_add(r->doc, EG_BLOCK_HEADING);
    b->level = level;
    b->bookmark = 1;
    b->in_contents = 1;
    b->text = eg_xasprintf("%s %s", num, title);
    free(title);
}

/* [appendix TITLE]: a new page with PHỤ LỤC and the title; the headings
 * after it are numbered afresh. */
static void appendix(reader *r, const char *arg)
{
    eg_block *b = eg_doc_add(r->doc, EG_BLOCK_APPENDIX);

    b->text = eg_narrative_expand(&r->c, arg, NULL);
    b->label = eg_xstrdup("PHỤ LỤC");
    b->bookmark = 1;
    b->in_contents = 1;
    memset(r->numbers, 0, sizeof r->numbers);
}

/* ---- [blocks] ------------------------------------------------------------- */

static void bracket(reader *r, char *inner)
{
    eg_nctx *c = &r->c;
    char *arg = strpbrk(inner, " \t");

    if (arg) {
        *arg++ = '\0';
        eg_trim(arg);
        if (!*arg)
            arg = NULL;
    }
    if (strcmp(inner, "figures") == 0 && arg) {
        eg_nblock_figures(c, r->doc, arg);
    } else if (strcmp(inner, "ranking") == 0 && arg) {
        eg_nblock_ranking(c, r->doc, arg);
    } else if (strcmp(inner, "chart") == 0 && arg) {
        eg_nblock_ranking_chart(c, r->doc, arg);
    } else if (strcmp(inner, "chart-rate") == 0 && arg) {
        eg_nblock_rate_chart(c, r->doc, arg);
    } else if (strcmp(inner, "coverage") == 0 && !arg) {
        eg_nblock_coverage(c, r->doc);
    } else if (strcmp(inner, "problems") == 0 && !arg) {
        eg_nblock_problems(c, r->doc);
    } else if (strcmp(inner, "contents") == 0) {
        if (r->n_contents++)
            eg_nctx_fail(c, "a second [contents]%s", "");
        eg_doc_add(r->doc, EG_BLOCK_CONTENTS)->text =
            arg ? eg_narrative_expand(c, arg, NULL) : eg_xstrdup("MỤC LỤC");
    } else if (strcmp(inner, "signature") == 0 && !arg) {
        if (r->n_signature++)
            eg_nctx_fail(c, "a second [signature]%s", "");
        eg_doc_add(r->doc, EG_BLOCK_SIGNATURE);
    } else if (strcmp(inner, "appendix") == 0 && arg) {
        appendix(r, arg);
    } else if (strcmp(inner, "pagebreak") == 0 && !arg) {
        eg_doc_add(r->doc, EG_BLOCK_PAGEBREAK);
    } else {
        eg_nctx_fail(c, "unknown block '[%s]' or wrong arguments (figures SECTION, ranking CODE, "
                        "chart CODE, chart-rate LEVEL NUM DEN TITLE, coverage, problems, "
                        "contents, signature, appendix TITLE, pagebreak)", inner);
    }
}

/* ---- paragraphs ------------------------------------------------------------ */

/* Expands the paragraph joined so far into a block; nothing when a
 * condition left it empty. */
static void flush_para(reader *r)
{
    int at = r->c.line;
    char *text;

    if (!r->para.n)
        return;
    r->c.line = r->map.line[0];
    text = eg_narrative_expand(&r->c, r->para.s, &r->map);
    r->c.line = at;
    if (*text)
        eg_doc_add(r->doc, EG_BLOCK_PARA)->text = text;
    else
        free(text);
    free(r->para.s);
    memset(&r->para, 0, sizeof r->para);
    r->map.n = 0;
}

/* One line of the layout, trimmed, not a comment. */
static void read_line(reader *r, char *s)
{
    int starts_block = s[0] == '@' || s[0] == '=' || s[0] == '[' ||
                       ((s[0] == '-' || s[0] == '+') && (s[1] == ' ' || s[1] == '\t'));

    if (!s[0] || starts_block)
        flush_para(r);
    if (!s[0])
        return;
    if (s[0] == '@') {
        char *sp = strpbrk(s, " \t");
        const char *rest = "";

        if (sp) {
            *sp = '\0';
            rest = eg_trim(sp + 1);
        }
        directive(r, s + 1, rest);
    } else if (s[0] == '=') {
        heading(r, s);
    } else if (s[0] == '[') {
        size_t n = strlen(s);

        if (s[n - 1] != ']') {
            eg_nctx_fail(&r->c, "a block line ends with ']'%s", "");
            return;
        }
        s[n - 1] = '\0';
        bracket(r, s + 1);
    } else if (starts_block) {
        char *text = eg_narrative_expand(&r->c, s + 2, NULL);

        if (*text) {
            eg_block *b = eg_doc_add(r->doc, EG_BLOCK_BULLET);

            b->level = s[0] == '-' ? 1 : 2;
            b->text = text;
        } else {
            free(text);
        }
    } else {
        if (r->para.n)
            eg_sb_puts(&r->para, " ");
        map_add(&r->map, r->para.n, r->c.line);
        eg_sb_puts(&r->para, s);
    }
}

/* After the last line: appendices numbered when there are several, their
 * note, and what the layout left unsaid. */
static void finish(reader *r, const eg_dataset *ds)
{
    static const char *const roman[] = { "I", "II", "III", "IV", "V", "VI", "VII", "VIII",
                                         "IX", "X" };
    eg_doc *doc = r->doc;
    size_t n_app = 0, k = 0;

    for (size_t i = 0; i < doc->n_blocks; i++)
        n_app += doc->blocks[i].kind == EG_BLOCK_APPENDIX;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        eg_block *b = &doc->blocks[i];

        if (b->kind != EG_BLOCK_APPENDIX)
            continue;
        if (n_app > 1 && k < sizeof roman / sizeof *roman) {
            set(&b->label, eg_xasprintf("PHỤ LỤC %s", roman[k]));
            b->entry = eg_xasprintf("Phụ lục %s: %s", roman[k], b->text);
        } else {
            b->entry = eg_xasprintf("Phụ lục: %s", b->text);
        }
        k++;
        if (r->appendix_note && *r->appendix_note)
            b->note = eg_xstrdup(r->appendix_note);
    }
    if (!doc->title)
        doc->title = eg_xstrdup("BÁO CÁO");
    if (!doc->meta_title)
        doc->meta_title = eg_xstrdup(doc->title);
    doc->meta_author = eg_xstrdup(eg_dataset_fact(ds, "issuer") ? eg_dataset_fact(ds, "issuer")
                                                                 : "");
    doc->meta_creator = eg_xasprintf("egreport %s - phần mềm tổng hợp báo cáo Chính quyền "
                                     "điện tử", EG_VERSION);
    eg_doc_plain_symbols(doc);
}

int eg_narrative_build(eg_doc *doc, const eg_layouts *L, const eg_dataset *ds,
                       const eg_results *res, const eg_diag_list *problems, eg_diag_list *dl)
{
    reader r;
    FILE *f = eg_fopen_input(L->report_path);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int not_utf8 = 0;

    memset(doc, 0, sizeof *doc);
    memset(&r, 0, sizeof r);
    r.c.L = L;
    r.c.ds = ds;
    r.c.res = res;
    r.c.problems = problems;
    r.c.dl = dl;
    r.c.file = L->report_path;
    r.doc = doc;
    r.style = 'd';
    if (!f) {
        eg_diag_add(dl, EG_FATAL, "F_LAYOUT", L->report_path, 0, 0, NULL, NULL,
                    "cannot open the report layout");
        return -1;
    }
    while ((len = getline(&line, &cap, f)) >= 0) {
        char *s;

        r.c.line++;
        if (!eg_utf8_valid(line, (size_t)len)) {
            /* once: a file saved as UTF-16 or in a legacy encoding has
             * every line so */
            if (!not_utf8++)
                eg_nctx_fail(&r.c, "the line is not UTF-8 (nor, likely, the rest of the file): "
                                   "save report.txt as UTF-8, not UTF-16 or a legacy encoding%s",
                             "");
            continue;
        }
        s = eg_nfc(line);
        eg_trim(s);
        if (s[0] != '#')
            read_line(&r, s);
        free(s);
    }
    if (ferror(f)) {
        /* a report cut where the disk failed would be published short */
        r.c.line = 0;
        eg_nctx_fail(&r.c, "cannot read the report layout to its end: %s", eg_strerror(errno));
    }
    flush_para(&r);
    free(line);
    fclose(f);
    if (!r.c.bad && doc->n_blocks == 0) {
        /* a file saved blank would publish a report of its first page's form */
        r.c.line = 0;
        eg_nctx_fail(&r.c, "the report layout has no heading, paragraph or block: an empty "
                           "report is not published%s", "");
    }
    finish(&r, ds);
    eg_nctx_free(&r.c);
    free(r.appendix_note);
    free(r.map.offset);
    free(r.map.line);
    return r.c.bad ? -1 : 0;
}
