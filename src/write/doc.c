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
    }
    free(doc->blocks);
    free(doc->issuer_parent);
    free(doc->issuer);
    free(doc->number);
    free(doc->place_date);
    free(doc->title);
    free(doc->subtitle);
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
