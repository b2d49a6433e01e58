/*
 * test_doc.c - write/doc.h: the report as blocks, and its symbols the
 * report's typeface has no glyph for (≤ ≥ ≠ ≈ − →) written as it can
 * (<= >= != ~ - ->) in every text of the document, other text untouched.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "write/doc.h"

/* Blocks are added zeroed, of their kind, in order, past the first 32. */
static void blocks_are_added_zeroed_in_order(void **state)
{
    eg_doc doc;

    (void)state;
    memset(&doc, 0, sizeof doc);
    for (int i = 0; i < 70; i++) {
        eg_block *b = eg_doc_add(&doc, i % 2 ? EG_BLOCK_PARA : EG_BLOCK_HEADING);

        assert_null(b->text);
        assert_int_equal(b->n_rows, 0);
        b->text = eg_xasprintf("%d", i);
    }
    assert_int_equal(doc.n_blocks, 70);
    for (int i = 0; i < 70; i++) {
        char want[12];

        snprintf(want, sizeof want, "%d", i);
        assert_string_equal(doc.blocks[i].text, want);
        assert_int_equal(doc.blocks[i].kind, i % 2 ? EG_BLOCK_PARA : EG_BLOCK_HEADING);
    }
    eg_doc_free(&doc);
    assert_null(doc.blocks);
    assert_int_equal(doc.n_blocks, 0);
}

#define SYMBOLS "a ≤ 1, b ≥ 2, c ≠ 3, d ≈ 4, −5, x → y"
#define PLAIN "a <= 1, b >= 2, c != 3, d ~ 4, -5, x -> y"

static char *sym(void)
{
    return eg_xstrdup(SYMBOLS);
}

static char **strv(size_t n)
{
    char **v = eg_xmalloc(n * sizeof *v);

    for (size_t i = 0; i < n; i++)
        v[i] = sym();
    return v;
}

/* Every text of the document, its head, its blocks' texts, cells and
 * labels, the list of recipients: each symbol written as the typeface can. */
static void every_text_has_its_symbols_written_plain(void **state)
{
    eg_doc doc;
    eg_block *b, *t, *c;
    char **head[] = { &doc.issuer_parent, &doc.issuer, &doc.number, &doc.place_date,
                      &doc.title, &doc.subtitle, &doc.subtitle_note, &doc.signer_title,
                      &doc.signer };

    (void)state;
    memset(&doc, 0, sizeof doc);
    for (size_t i = 0; i < sizeof head / sizeof *head; i++)
        *head[i] = sym();
    doc.recipients = strv(3);
    doc.n_recipients = 3;
    b = eg_doc_add(&doc, EG_BLOCK_APPENDIX);
    b->text = sym();
    b->entry = sym();
    b->label = sym();
    b->note = sym();
    t = eg_doc_add(&doc, EG_BLOCK_TABLE);
    t->n_cols = 2;
    t->n_rows = 3;
    t->cells = strv(6);
    c = eg_doc_add(&doc, EG_BLOCK_BARCHART);
    c->n_bars = 4;
    c->labels = strv(4);
    c->axis_title = sym();
    c->ref_label = sym();

    eg_doc_plain_symbols(&doc);
    for (size_t i = 0; i < sizeof head / sizeof *head; i++)
        assert_string_equal(*head[i], PLAIN);
    for (size_t i = 0; i < 3; i++)
        assert_string_equal(doc.recipients[i], PLAIN);
    b = &doc.blocks[0];
    assert_string_equal(b->text, PLAIN);
    assert_string_equal(b->entry, PLAIN);
    assert_string_equal(b->label, PLAIN);
    assert_string_equal(b->note, PLAIN);
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(doc.blocks[1].cells[i], PLAIN);
    for (size_t i = 0; i < 4; i++)
        assert_string_equal(doc.blocks[2].labels[i], PLAIN);
    assert_string_equal(doc.blocks[2].axis_title, PLAIN);
    assert_string_equal(doc.blocks[2].ref_label, PLAIN);
    eg_doc_free(&doc);
}

/* Text without those symbols is kept as it is, other three-byte
 * characters that begin alike (… ‰ –) and Vietnamese among them; a text
 * not there stays not there. */
static void other_text_is_kept_as_it_is(void **state)
{
    eg_doc doc;
    eg_block *b;
    static const char *const kept[] = {
        "Tỷ lệ hồ sơ trực tuyến…", "3 ‰ – 4", "", "≤", "a≥", "≠b", "\xE2\x89", "\xE2",
    };
    static const char *const made[] = {
        "Tỷ lệ hồ sơ trực tuyến…", "3 ‰ – 4", "", "<=", "a>=", "!=b", "\xE2\x89", "\xE2",
    };

    (void)state;
    for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
        memset(&doc, 0, sizeof doc);
        doc.title = eg_xstrdup(kept[i]);
        b = eg_doc_add(&doc, EG_BLOCK_PARA);
        b->text = eg_xstrdup(kept[i]);
        eg_doc_plain_symbols(&doc);
        assert_string_equal(doc.title, made[i]);
        assert_string_equal(b->text, made[i]);
        assert_null(doc.subtitle);
        assert_null(b->note);
        eg_doc_free(&doc);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(blocks_are_added_zeroed_in_order),
        cmocka_unit_test(every_text_has_its_symbols_written_plain),
        cmocka_unit_test(other_text_is_kept_as_it_is),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
