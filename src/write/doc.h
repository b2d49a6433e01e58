/*
 * doc.h - a report as a sequence of blocks, ready to be typeset.
 *
 * The narrative module expands the report layout (layouts/report.txt)
 * against the figures into an eg_doc; the PDF writer draws any eg_doc.
 * All text is NFC UTF-8 and already formatted: the writer adds nothing
 * but typography.
 */
#ifndef EG_DOC_H
#define EG_DOC_H

#include <stddef.h>

typedef enum {
    EG_BLOCK_HEADING,   /* level 1..3; kept with the next block */
    EG_BLOCK_PARA,      /* justified, first-line indent */
    EG_BLOCK_BULLET,    /* level 1 "-", level 2 "+": hanging indent */
    EG_BLOCK_TABLE,     /* cells[0..n_cols) is the header row */
    EG_BLOCK_BARCHART,  /* horizontal bars: labels[i], values[i] */
    EG_BLOCK_PAGEBREAK,
    EG_BLOCK_CONTENTS,  /* the table of contents; text is its title */
    EG_BLOCK_SIGNATURE, /* the signature and Nơi nhận here, not at the end */
    EG_BLOCK_APPENDIX   /* a new page, label ("PHỤ LỤC") and text centred,
                           note beneath in italics */
} eg_block_kind;

typedef struct {
    eg_block_kind kind;
    int level;
    char *text;           /* heading, paragraph, bullet; chart title */
    int bookmark;         /* heading, appendix: add a PDF outline entry */
    int in_contents;      /* heading, appendix: listed in the table of contents */
    char *entry;          /* its text in the contents and outline; NULL: text */
    char *label;          /* appendix: "PHỤ LỤC" */
    char *note;           /* appendix: "(Kèm theo Báo cáo số …)"; may be NULL */
    /* table */
    size_t n_cols, n_rows;  /* n_rows counts the header row */
    char **cells;         /* row-major, n_rows * n_cols */
    char *align;          /* per column: 'l', 'r' or 'c'; in capitals, body cells kept on one line */
    double *widths;       /* per column, relative weights */
    /* bar chart */
    size_t n_bars;
    char **labels;
    double *values;
    double max_value;     /* axis end; 0 = the largest value */
    int decimals;         /* for the value labels */
    char *value_suffix;   /* after each value and tick, e.g. "%"; may be NULL */
    char *axis_title;     /* under the axis, e.g. "Tổng điểm"; may be NULL */
    size_t gap_row;       /* 1-based: the row that says how many units are left
                           * out between the first and the last (its label
                           * alone, no bar, no value); 0 when none */
    int has_ref;          /* a reference line at ref_value (e.g. the province's) */
    double ref_value;
    char *ref_label;      /* its label, e.g. "Toàn tỉnh: 57,4%" */
} eg_block;

typedef struct {
    char *issuer_parent;  /* line above the issuer, may be empty */
    char *issuer;         /* ỦY BAN NHÂN DÂN TỈNH GIA LAI */
    char *number;         /* Số: 25/BC-UBND */
    char *place_date;     /* Gia Lai, ngày 15 tháng 01 năm 2021 */
    char *title;          /* BÁO CÁO */
    char *subtitle;       /* Kết quả xây dựng Chính quyền điện tử năm 2020 */
    char *subtitle_note;  /* (Số liệu tạm tính đến ngày 30/11/2020): may be empty */
    eg_block *blocks;
    size_t n_blocks, cap_blocks;
    char *signer_title;   /* KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH: lines split on \n */
    char *signer;         /* Mai Xuân Cường */
    char **recipients;    /* Nơi nhận: lines */
    size_t n_recipients;
    /* document properties */
    char *meta_title, *meta_author, *meta_subject, *meta_keywords, *meta_creator;
    long long created;    /* seconds since the epoch; 0 = write no date */
} eg_doc;

/* Replaces, in every text of doc, the symbols the report's typeface
 * (Noto Serif) has no glyph for by what it has: ≤ ≥ ≠ ≈ − → by <= >= !=
 * ~ - ->.  Diagnostics' messages, which the appendix quotes, use them. */
void eg_doc_plain_symbols(eg_doc *doc);

/* Appends a zeroed block of the given kind and returns it. */
eg_block *eg_doc_add(eg_doc *doc, eg_block_kind kind);
void eg_doc_free(eg_doc *doc);

#endif
