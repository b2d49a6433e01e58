#include "write/doc.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

eg_block *eg_doc_add(eg_doc *doc, eg_block_kind kind)
{
    eg_block *b;

    if (doc->n_blocks == doc->cap_blocks) {
        doc->cap_blocks = doc->cap_blocks ? doc->cap_blocks * 2 : 32;
        doc->blocks = eg_xrealloc(doc->blocks, doc->cap_blocks * sizeof *doc->blocks);
    }
    b = &doc->blocks[doc->n_blocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

static void free_strv(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void eg_doc_free(eg_doc *doc)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        eg_block *b = &doc->blocks[i];

        free(b->text);
        free_strv(b->cells, b->n_cols * b->n_rows);
        free(b->align);
        free(b->widths);
        free_strv(b->labels, b->n_bars);
        free(b->values);
        free(b->entry);
        free(b->label);
        free(b->note);
        free(b->value_suffix);
        free(b->axis_title);
        free(b->ref_label);
    }
    free(doc->blocks);
    free(doc->issuer_parent);
    free(doc->issuer);
    free(doc->number);
    free(doc->place_date);
    free(doc->title);
    free(doc->subtitle);
    free(doc->subtitle_note);
    free(doc->signer_title);
    free(doc->signer);
    free_strv(doc->recipients, doc->n_recipients);
    free(doc->meta_title);
    free(doc->meta_author);
    free(doc->meta_subject);
    free(doc->meta_keywords);
    free(doc->meta_creator);
    memset(doc, 0, sizeof *doc);
}

/* A new string: s with every symbol of the table replaced; NULL stays. */
static char *plain(char *s)
{
    static const struct { const char *from, *to; } t[] = {
        { "\xE2\x89\xA4", "<=" }, { "\xE2\x89\xA5", ">=" }, { "\xE2\x89\xA0", "!=" },
        { "\xE2\x89\x88", "~" }, { "\xE2\x88\x92", "-" }, { "\xE2\x86\x92", "->" },
    };
    char *out, *w;

    if (!s || !strstr(s, "\xE2"))
        return s;
    out = w = eg_xmalloc(strlen(s) + 1);     /* never longer: 3 bytes become at most 2 */
    for (const char *p = s; *p;) {
        size_t k = 0;

        while (k < sizeof t / sizeof *t && strncmp(p, t[k].from, 3) != 0)
            k++;
        if (k < sizeof t / sizeof *t) {
            w = stpcpy(w, t[k].to);
            p += 3;
        } else {
            *w++ = *p++;
        }
    }
    *w = '\0';
    free(s);
    return out;
}

static void plain_all(char **v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        v[i] = plain(v[i]);
}

void eg_doc_plain_symbols(eg_doc *doc)
{
    char **fields[] = { &doc->issuer_parent, &doc->issuer, &doc->number, &doc->place_date,
                        &doc->title, &doc->subtitle, &doc->subtitle_note, &doc->signer_title,
                        &doc->signer };

    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        *fields[i] = plain(*fields[i]);
    plain_all(doc->recipients, doc->n_recipients);
    for (size_t i = 0; i < doc->n_blocks; i++) {
        eg_block *b = &doc->blocks[i];

        b->text = plain(b->text);
        b->entry = plain(b->entry);
        b->label = plain(b->label);
        b->note = plain(b->note);
        b->axis_title = plain(b->axis_title);
        b->ref_label = plain(b->ref_label);
        plain_all(b->cells, b->n_rows * b->n_cols);
        plain_all(b->labels, b->n_bars);
    }
}
