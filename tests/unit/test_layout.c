/*
 * test_layout.c - layout/layout.h: what changes from year to year.
 *
 * The real layouts/ must load with the catalogue of indicators.md; then a
 * copy of them with one mistake each must be refused with F_LAYOUT naming
 * the file and the line, since any mistake in a layout is fatal (exit 3).
 *
 * The layouts are found at EG_SOURCE_DIR/layouts when the macro is
 * defined, else at layouts/ relative to the working directory (the test
 * runner runs from the repository's root).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/mem.h"
#include "core/pattern.h"
#include "layout/layout.h"

#include "support.h"

/* --- fixture ------------------------------------------------------------- */

typedef struct {
    char dir[64];           /* a copy of the layouts, made per test */
    eg_layouts L;
    eg_diag_list dl;
} fixture;

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long len;

    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = eg_xmalloc((size_t)len + 1);
    *n = fread(buf, 1, (size_t)len, f);
    buf[*n] = '\0';
    fclose(f);
    return buf;
}

static int spill(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");

    if (!f)
        return -1;
    if (fwrite(data, 1, n, f) != n) {
        fclose(f);
        return -1;
    }
    return fclose(f);
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);

    if (!fx)
        return -1;
    *state = fx;
    return 0;
}

/* Makes fx->dir a fresh copy of every file of the real layouts. */
static int setup_copy(void **state)
{
    fixture *fx;
    DIR *d;
    struct dirent *e;

    if (setup(state))
        return -1;
    fx = *state;
    strcpy(fx->dir, "/tmp/egreport-test-layout-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    d = opendir(LAYOUT_DIR);
    if (!d) {
        print_error("cannot open %s\n", LAYOUT_DIR);
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        char from[512], to[512];
        char *data;
        size_t n;

        if (e->d_name[0] == '.')
            continue;
        snprintf(from, sizeof from, "%s/%s", LAYOUT_DIR, e->d_name);
        snprintf(to, sizeof to, "%s/%s", fx->dir, e->d_name);
        data = slurp(from, &n);
        if (!data || spill(to, data, n)) {
            free(data);
            closedir(d);
            return -1;
        }
        free(data);
    }
    closedir(d);
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;

    if (fx->dir[0])
        eg_test_remove_dir(fx->dir);
    eg_layouts_free(&fx->L);
    eg_diag_free(&fx->dl);
    free(fx);
    return 0;
}

/*
 * Replaces the one occurrence of old by new in the copy's file name and
 * returns the 1-based line the replacement starts on: the line the
 * diagnostic must name.
 */
static int edit(fixture *fx, const char *name, const char *old, const char *new)
{
    char path[512];
    char *data, *at, *out;
    size_t n, k = strlen(old), m = strlen(new);
    int line = 1;

    snprintf(path, sizeof path, "%s/%s", fx->dir, name);
    data = slurp(path, &n);
    assert_non_null(data);
    at = strstr(data, old);
    if (!at || strstr(at + 1, old)) {
        free(data);
        fail_msg("%s: \"%s\" is not there exactly once", name, old);
    }
    for (const char *p = data; p < at; p++)
        line += *p == '\n';
    out = eg_xmalloc(n - k + m + 1);
    memcpy(out, data, (size_t)(at - data));
    memcpy(out + (at - data), new, m);
    memcpy(out + (at - data) + m, at + k, n - (size_t)(at - data) - k);
    assert_int_equal(spill(path, out, n - k + m), 0);
    free(out);
    free(data);
    return line;
}

/* Writes text as the copy's file name, whole. */
static void rewrite(fixture *fx, const char *name, const char *text)
{
    char path[512];

    snprintf(path, sizeof path, "%s/%s", fx->dir, name);
    assert_int_equal(spill(path, text, strlen(text)), 0);
}

static void remove_file(fixture *fx, const char *name)
{
    char path[512];

    snprintf(path, sizeof path, "%s/%s", fx->dir, name);
    assert_int_equal(unlink(path), 0);
}

/*
 * Loads the copy and checks it is refused: -1, and among the diagnostics,
 * all fatal F_LAYOUT, one naming <dir>/name at line (a line of 0 is not
 * checked) whose message holds words.
 */
static void expect_refused(fixture *fx, const char *name, int line, const char *words)
{
    char path[512];
    int found = 0;

    snprintf(path, sizeof path, "%s/%s", fx->dir, name);
    if (eg_layouts_load(&fx->L, fx->dir, &fx->dl) != -1)
        fail_msg("layouts with a mistake in %s line %d were accepted", name, line);
    assert_true(fx->dl.n > 0);
    for (size_t i = 0; i < fx->dl.n; i++) {
        const eg_diag *d = &fx->dl.items[i];

        assert_string_equal(d->code, "F_LAYOUT");
        assert_int_equal(d->severity, EG_FATAL);
        if (d->file && strcmp(d->file, path) == 0 && (line == 0 || d->row == line) &&
            (!words || strstr(d->message, words)))
            found = 1;
    }
    if (!found) {
        const eg_diag *d = &fx->dl.items[0];

        fail_msg("no F_LAYOUT at %s:%d with \"%s\"; first is %s:%ld: %s", name, line,
                 words ? words : "", d->file ? d->file : "(none)", d->row, d->message);
    }
}

/* As expect_refused, on the diagnostics of the load already made. */
static void expect_refused_again(fixture *fx, const char *name, int line, const char *words)
{
    char path[512];

    snprintf(path, sizeof path, "%s/%s", fx->dir, name);
    for (size_t i = 0; i < fx->dl.n; i++) {
        const eg_diag *d = &fx->dl.items[i];

        if (d->file && strcmp(d->file, path) == 0 && d->row == line && strstr(d->message, words))
            return;
    }
    fail_msg("no F_LAYOUT at %s:%d with \"%s\"", name, line, words);
}

/* --- the real layouts ---------------------------------------------------- */

static void real_layouts_load_without_a_diagnostic(void **state)
{
    fixture *fx = *state;

    assert_int_equal(eg_layouts_load(&fx->L, LAYOUT_DIR, &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
}

static void real_catalogue_holds_the_56_reported_indicators(void **state)
{
    fixture *fx = *state;
    const eg_catalogue *cat = &fx->L.cat;
    int k;

    assert_int_equal(eg_layouts_load(&fx->L, LAYOUT_DIR, &fx->dl), 0);
    /* indicators.md, "Reported indicators": 56 rows (57 lines with the
     * header); diem.tong is computed, never submitted */
    assert_int_equal(cat->n, 56);
    assert_int_equal(eg_catalogue_find(cat, "diem.tong"), -1);
    assert_int_equal(eg_catalogue_find(cat, "ht.cbcc"), 0);
    k = eg_catalogue_find(cat, "ht.cbcc");
    assert_string_equal(cat->items[k].label, "Tổng số cán bộ, công chức");
    assert_string_equal(cat->items[k].unit_label, "người");
    assert_int_equal(cat->items[k].type, EG_TYPE_COUNT);
    assert_int_equal(cat->items[k].levels,
                     EG_LEVEL_BIT(EG_LEVEL_SO) | EG_LEVEL_BIT(EG_LEVEL_HUYEN) |
                     EG_LEVEL_BIT(EG_LEVEL_XA));
    assert_int_equal(cat->items[k].line, 2);

    k = eg_catalogue_find(cat, "ht.doanh_nghiep");
    assert_true(k >= 0);
    assert_int_equal(cat->items[k].levels, EG_LEVEL_BIT(EG_LEVEL_TINH));
    k = eg_catalogue_find(cat, "dt.kinh_phi_cntt");
    assert_int_equal(cat->items[k].type, EG_TYPE_MONEY);
    k = eg_catalogue_find(cat, "ht.phong_hop_truc_tuyen");
    assert_int_equal(cat->items[k].type, EG_TYPE_BOOL);
    assert_int_equal(cat->items[k].levels,
                     EG_LEVEL_BIT(EG_LEVEL_HUYEN) | EG_LEVEL_BIT(EG_LEVEL_XA));
}

static void real_enum_has_its_three_options_with_folded_labels(void **state)
{
    fixture *fx = *state;
    const eg_indicator *ind;
    int k;

    assert_int_equal(eg_layouts_load(&fx->L, LAYOUT_DIR, &fx->dl), 0);
    k = eg_catalogue_find(&fx->L.cat, "ht.mo_hinh_mot_cua");
    assert_true(k >= 0);
    ind = &fx->L.cat.items[k];
    assert_int_equal(ind->type, EG_TYPE_ENUM);
    assert_int_equal(ind->n_options, 3);
    assert_string_equal(ind->options[0].code, "lien_thong");
    assert_string_equal(ind->options[0].label, "một cửa điện tử liên thông");
    assert_string_equal(ind->options[0].folded, "mot cua dien tu lien thong");
    assert_string_equal(ind->options[1].code, "dien_tu");
    assert_string_equal(ind->options[2].code, "chua");
    assert_string_equal(ind->options[2].folded, "chua trien khai");
}

static void real_scores_carry_the_rubric_maxima(void **state)
{
    fixture *fx = *state;
    static const struct { const char *code; double so, huyen; } rubric[] = {
        { "diem.san_sang", 40, 45 }, { "diem.hien_dien", 15, 20 },
        { "diem.tuong_tac", 30, 35 }, { "diem.giao_dich", 25, 30 },
        { "diem.chuyen_doi", 20, 25 },
    };

    assert_int_equal(eg_layouts_load(&fx->L, LAYOUT_DIR, &fx->dl), 0);
    for (size_t i = 0; i < 5; i++) {
        int k = eg_catalogue_find(&fx->L.cat, rubric[i].code);
        const eg_indicator *ind;

        assert_true(k >= 0);
        ind = &fx->L.cat.items[k];
        assert_int_equal(ind->type, EG_TYPE_SCORE);
        assert_true(ind->max[EG_LEVEL_SO] == rubric[i].so);
        assert_true(ind->max[EG_LEVEL_HUYEN] == rubric[i].huyen);
        assert_true(ind->max[EG_LEVEL_XA] == 0);
    }
}

/* The rulebook itself is tested in test_rules_load.c; here, that the real
 * one loads with its ≤ rules first, as the catalogue's order has them. */
static void real_rules_are_17_with_their_operands(void **state)
{
    fixture *fx = *state;
    const eg_layouts *L = &fx->L;
    const eg_rule *r = NULL;

    assert_int_equal(eg_layouts_load(&fx->L, LAYOUT_DIR, &fx->dl), 0);
    assert_true(L->n_rules >= 17);
    assert_string_equal(L->rules[0].code, "R_CBCC_MAY_TINH");
    assert_int_equal(L->rules[0].kind, EG_RULE_COMPARE);
    assert_int_equal(L->rules[0].cmps[0], EG_CMP_LE);
    assert_int_equal(L->rules[0].severity, EG_ERROR);
    assert_int_equal(L->rules[0].line, 2);
    assert_int_equal(L->rules[0].n_operands, 2);
    assert_int_equal(L->rules[0].nodes[L->rules[0].operands[0].root].indicator,
                     eg_catalogue_find(&L->cat, "ht.cbcc_may_tinh"));
    assert_int_equal(L->rules[0].nodes[L->rules[0].operands[1].root].indicator,
                     eg_catalogue_find(&L->cat, "ht.cbcc"));

    for (size_t i = 0; i < L->n_rules; i++)
        if (strcmp(L->rules[i].code, "R_HO_SO_TRUC_TUYEN") == 0)
            r = &L->rules[i];
    assert_non_null(r);
    assert_int_equal(r->levels, EG_LEVEL_BIT(EG_LEVEL_TINH));
    assert_int_equal(r->nodes[r->operands[0].root].kind, EG_EX_ADD);
    assert_int_equal(r->nodes[r->operands[1].root].kind, EG_EX_SUM);
    assert_int_equal(r->nodes[r->operands[1].root].indicator, eg_catalogue_find(&L->cat, "gd.ho_so"));
    assert_int_equal(r->nodes[r->operands[1].root].sum_levels,
                     EG_LEVEL_BIT(EG_LEVEL_SO) | EG_LEVEL_BIT(EG_LEVEL_HUYEN) |
                     EG_LEVEL_BIT(EG_LEVEL_XA));

    r = &L->rules[16];
    assert_string_equal(r->code, "R_TH_TIN_HOC_SO_HUYEN");
    assert_int_equal(r->cmps[0], EG_CMP_EQ);
    assert_int_equal(r->nodes[r->operands[1].root].sum_levels, EG_LEVEL_BIT(EG_LEVEL_HUYEN));
    assert_non_null(strstr(r->message, "{left}"));
}

static void real_figures_are_67_in_file_order(void **state)
{
    fixture *fx = *state;
    const eg_layouts *L = &fx->L;
    int i;

    assert_int_equal(eg_layouts_load(&fx->L, LAYOUT_DIR, &fx->dl), 0);
    assert_int_equal(L->n_figures, 67);
    assert_string_equal(L->figures[0].code, "tl.cbcc_may_tinh");
    assert_int_equal(L->figures[0].kind, EG_FIG_RATIO);
    assert_int_equal(L->figures[0].format, EG_FMT_PERCENT);

    i = eg_strmap_get(&L->figure_index, "dem.mot_cua_dien_tu.huyen");
    assert_true(i >= 0);
    assert_int_equal(L->figures[i].kind, EG_FIG_COUNT);
    assert_int_equal(L->figures[i].cond_options, 0x3);     /* lien_thong, dien_tu */
    assert_int_equal(L->figures[i].levels, EG_LEVEL_BIT(EG_LEVEL_HUYEN));

    i = eg_strmap_get(&L->figure_index, "dem.lan_internet.xa");
    assert_int_equal(L->figures[i].cond_yes, 1);

    i = eg_strmap_get(&L->figure_index, "tl.ho_so_tre");
    assert_int_equal(L->figures[i].kind, EG_FIG_QUOTIENT);
    assert_int_equal(L->figures[i].a, eg_strmap_get(&L->figure_index, "tong.ho_so_tre"));
    assert_int_equal(L->figures[i].b, eg_strmap_get(&L->figure_index, "tong.ho_so"));
    assert_true(L->figures[i].a < i && L->figures[i].b < i);

    i = eg_strmap_get(&L->figure_index, "tl.ho_may_tinh_internet.tang");
    assert_int_equal(L->figures[i].kind, EG_FIG_DIFF_BASELINE);
    assert_int_equal(L->figures[i].format, EG_FMT_POINTS);
    assert_int_equal(L->figures[i].a, eg_strmap_get(&L->figure_index, "tl.ho_may_tinh_internet"));

    /* the late dossiers' rate: less is better (figures.csv's better) */
    i = eg_strmap_get(&L->figure_index, "tl.ho_so_tre");
    assert_int_equal(L->figures[i].lower_better, 1);
    assert_int_equal(L->figures[eg_strmap_get(&L->figure_index, "tl.ho_so_dung_han")].lower_better,
                     0);

    /* the one-stop desks over every level but the province */
    i = eg_strmap_get(&L->figure_index, "dem.bo_phan_mot_cua");
    assert_int_equal(L->figures[i].levels, EG_LEVEL_BIT(EG_LEVEL_SO) | EG_LEVEL_BIT(EG_LEVEL_HUYEN) |
                                           EG_LEVEL_BIT(EG_LEVEL_XA));

    i = eg_strmap_get(&L->figure_index, "tong.kinh_phi_cntt");
    assert_int_equal(L->figures[i].format, EG_FMT_MONEY);
    assert_int_equal(L->figures[i].line, i + 2);
}

static void real_rankings_are_two_with_five_criteria_each(void **state)
{
    fixture *fx = *state;
    const eg_layouts *L = &fx->L;
    static const char *const order[] = { "diem.san_sang", "diem.hien_dien", "diem.tuong_tac",
                                         "diem.giao_dich", "diem.chuyen_doi" };

    assert_int_equal(eg_layouts_load(&fx->L, LAYOUT_DIR, &fx->dl), 0);
    assert_int_equal(L->n_rankings, 2);
    assert_string_equal(L->rankings[0].code, "xh.so");
    assert_int_equal(L->rankings[0].level, EG_LEVEL_SO);
    assert_int_equal(L->rankings[0].n_criteria, 5);
    assert_true(L->rankings[0].max_total == 130);
    assert_string_equal(L->rankings[1].code, "xh.huyen");
    assert_int_equal(L->rankings[1].level, EG_LEVEL_HUYEN);
    assert_int_equal(L->rankings[1].n_criteria, 5);
    assert_true(L->rankings[1].max_total == 155);
    for (size_t c = 0; c < 5; c++) {
        assert_int_equal(L->rankings[0].criteria[c], eg_catalogue_find(&L->cat, order[c]));
        assert_int_equal(L->rankings[1].criteria[c], eg_catalogue_find(&L->cat, order[c]));
    }
}

static void real_columns_and_settings_are_loaded(void **state)
{
    fixture *fx = *state;
    const eg_layouts *L = &fx->L;
    int unit_has_ma_don_vi = 0;

    assert_int_equal(eg_layouts_load(&fx->L, LAYOUT_DIR, &fx->dl), 0);
    assert_int_equal(L->columns[EG_COL_UNIT].n_aliases, 3);
    assert_int_equal(L->columns[EG_COL_VALUE].n_aliases, 4);
    assert_int_equal(L->columns[EG_COL_UNIT].required, 1);
    assert_int_equal(L->columns[EG_COL_NOTE].required, 0);
    for (size_t i = 0; i < L->columns[EG_COL_UNIT].n_aliases; i++)
        if (strcmp(L->columns[EG_COL_UNIT].aliases[i], "ma don vi") == 0)
            unit_has_ma_don_vi = 1;
    assert_true(unit_has_ma_don_vi);
    assert_non_null(L->cat.unit_code_pattern);
    assert_true(eg_pattern_match(L->cat.unit_code_pattern, "GL.PKU"));
    assert_false(eg_pattern_match(L->cat.unit_code_pattern, "gl"));
    assert_non_null(strstr(L->report_path, "report.txt"));
}

static void levels_parse_reads_words_separated_by_spaces_or_commas(void **state)
{
    (void)state;
    assert_int_equal(eg_levels_parse("so huyen"),
                     EG_LEVEL_BIT(EG_LEVEL_SO) | EG_LEVEL_BIT(EG_LEVEL_HUYEN));
    assert_int_equal(eg_levels_parse("tinh,xa"),
                     EG_LEVEL_BIT(EG_LEVEL_TINH) | EG_LEVEL_BIT(EG_LEVEL_XA));
    assert_int_equal(eg_levels_parse("xa"), EG_LEVEL_BIT(EG_LEVEL_XA));
    assert_int_equal(eg_levels_parse("so phuong"), 0);
    assert_int_equal(eg_levels_parse("SO"), 0);
    assert_int_equal(eg_levels_parse(""), 0);
}

/* --- a copy with one mistake --------------------------------------------- */

/* problems.csv: what the appendix says of a code in Vietnamese; the file
 * may be absent (messages as written), a code twice is a mistake. */
static void problem_texts_are_loaded_and_optional(void **state)
{
    fixture *fx = *state;
    const char *t;

    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), 0);
    t = eg_layouts_problem_text(&fx->L, "W_TEXT_CP1258");
    assert_non_null(t);
    assert_non_null(strstr(t, "Windows-1258"));
    assert_null(eg_layouts_problem_text(&fx->L, "R_SOMETHING"));
    assert_null(eg_layouts_problem_text(&fx->L, NULL));
    eg_layouts_free(&fx->L);
    remove_file(fx, "problems.csv");
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
    assert_null(eg_layouts_problem_text(&fx->L, "W_TEXT_CP1258"));
}

static void a_problem_code_given_twice_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "problems.csv", "\nW_TEXT_VNI,", "\nW_TEXT_TCVN3,");

    expect_refused(fx, "problems.csv", line + 1, "code 'W_TEXT_TCVN3' given twice");
    assert_int_equal(fx->dl.n, 1);
}

static void unmodified_copy_loads(void **state)
{
    fixture *fx = *state;

    /* the copying itself is sound: the mistakes below are the only change */
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), 0);
    assert_int_equal(fx->L.cat.n, 56);
}

static void unknown_type_is_refused_at_its_line(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "indicators.csv", ",,bool,so huyen xa,,,,\nht.bo_phan_mot_cua",
                    ",,boolean,so huyen xa,,,,\nht.bo_phan_mot_cua");

    expect_refused(fx, "indicators.csv", line, "unknown type 'boolean'");
    assert_int_equal(fx->dl.n, 1);
}

static void bad_levels_are_refused_at_their_line(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "indicators.csv", "người,count,so huyen xa,,,,\nht.cbcc_may_tinh",
                    "người,count,so huyen phuong,,,,\nht.cbcc_may_tinh");

    assert_int_equal(line, 2);
    expect_refused(fx, "indicators.csv", 2, "so huyen phuong");
}

static void duplicate_indicator_code_is_refused_at_its_second_line(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "indicators.csv", "\nht.wan,", "\nht.lan_internet,");

    expect_refused(fx, "indicators.csv", line + 1, "ht.lan_internet");
    assert_int_equal(fx->dl.n, 1);
}

static void bad_indicator_pattern_is_refused_at_its_line(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "indicators.csv", "người,count,so huyen xa,,,,\nht.cbcc_may_tinh",
                    "người,count,so huyen xa,,,,[A-Z\nht.cbcc_may_tinh");

    expect_refused(fx, "indicators.csv", line, "[A-Z");
}

static void bad_unit_code_pattern_is_refused_in_settings(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "settings.csv", "[A-Z0-9_.-]{0,31}", "[A-Z0-9_.-{0,31}");

    expect_refused(fx, "settings.csv", line, "bad pattern");
}

static void enum_without_options_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "indicators.csv",
                    "lien_thong=một cửa điện tử liên thông|dien_tu=một cửa điện tử|chua=chưa triển khai",
                    "");

    expect_refused(fx, "indicators.csv", line, "ht.mo_hinh_mot_cua");
    assert_int_equal(fx->dl.n, 1);
}

static void enum_with_an_option_lacking_its_label_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "indicators.csv", "|chua=chưa triển khai", "|chua");

    /* two good options come first: they must not leak when the third
     * is refused (the test runs under LeakSanitizer) */
    expect_refused(fx, "indicators.csv", line, "code=label");
}

static void score_without_a_maximum_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "indicators.csv", "so huyen,,15,20,", "so huyen,,15,,");

    expect_refused(fx, "indicators.csv", line, "max_huyen");
}

static void unknown_indicator_in_a_rule_is_refused_at_its_line(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "rules.csv", "R_VB_DI,error,so huyen xa,tt.vb_di_dien_tu,",
                    "R_VB_DI,error,so huyen xa,tt.vb_di_dientu,");

    expect_refused(fx, "rules.csv", line, "R_VB_DI");
    assert_non_null(strstr(fx->dl.items[0].message, "unknown indicator"));
    assert_int_equal(fx->dl.n, 1);
}

static void unknown_indicator_inside_a_sum_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "rules.csv", "sum(huyen; nl.th_tin_hoc)", "sum(huyen; nl.th_tinhoc)");

    expect_refused(fx, "rules.csv", line, "unknown indicator");
}

static void bad_levels_inside_a_sum_are_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "rules.csv", "sum(so huyen xa; gd.ho_so)", "sum(so quan; gd.ho_so)");

    expect_refused(fx, "rules.csv", line, "bad levels");
}

static void bad_operator_is_refused_at_its_line(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "rules.csv", "gd.ho_so_tre,<=,gd.ho_so", "gd.ho_so_tre,<<,gd.ho_so");

    expect_refused(fx, "rules.csv", line, "operator");
    assert_int_equal(fx->dl.n, 1);
}

static void bad_severity_in_a_rule_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "rules.csv", "R_HO_SO_TRE,error,", "R_HO_SO_TRE,fatal,");

    expect_refused(fx, "rules.csv", line, "severity");
}

static void figure_referring_to_an_undeclared_figure_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "figures.csv", "complement,tl.ho_so_tre,", "complement,tl.ho_so_sai,");

    expect_refused(fx, "figures.csv", line, "tl.ho_so_dung_han");
    assert_int_equal(fx->dl.n, 1);
}

static void figure_referring_to_a_later_figure_is_refused(void **state)
{
    fixture *fx = *state;
    /* tl.ho_so_dung_han is declared on the line after tl.ho_so_tre */
    int line = edit(fx, "figures.csv", "quotient,tong.ho_so_tre,tong.ho_so,",
                    "quotient,tl.ho_so_dung_han,tong.ho_so,");

    expect_refused(fx, "figures.csv", line, "earlier lines");
}

static void figure_over_an_unknown_indicator_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "figures.csv", "sum,tt.chung_thu_so,", "sum,tt.chung_thu,");

    expect_refused(fx, "figures.csv", line, "unknown indicator 'tt.chung_thu' (not in indicators.csv)");
}

static void count_condition_naming_no_option_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "figures.csv", "so,in lien_thong,", "so,in lien_thong truc_tuyen,");

    expect_refused(fx, "figures.csv", line, "option");
}

static void count_condition_past_the_first_64_options_is_refused(void **state)
{
    fixture *fx = *state;
    char more[2048] = "|chua=chưa triển khai";
    int line;

    /* 66 options: a figure may name the first 64 only (a set of 64 bits) */
    for (int k = 3; k < 66; k++)
        snprintf(more + strlen(more), sizeof more - strlen(more), "|o%d=khác %d", k, k);
    edit(fx, "indicators.csv", "|chua=chưa triển khai", more);
    line = edit(fx, "figures.csv", "so,in lien_thong,", "so,in o65,");
    expect_refused(fx, "figures.csv", line, "first 64 options");
}

static void count_over_a_bool_needs_yes(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "figures.csv", "hd.du_thong_tin,,xa,yes,", "hd.du_thong_tin,,xa,co,");

    expect_refused(fx, "figures.csv", line, "yes");
}

static void count_over_a_number_needs_above_zero(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "figures.csv", "dt.kinh_phi_cntt,,so huyen,> 0,", "dt.kinh_phi_cntt,,so huyen,yes,");

    expect_refused(fx, "figures.csv", line, "a count over a number takes the condition '> 0'");
}

static void count_over_a_number_takes_no_other_bound(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "figures.csv", "dt.kinh_phi_cntt,,so huyen,> 0,", "dt.kinh_phi_cntt,,so huyen,> 1,");

    expect_refused(fx, "figures.csv", line, "a count over a number takes the condition '> 0'");
}

static void count_over_a_bool_refuses_above_zero(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "figures.csv", "hd.du_thong_tin,,xa,yes,", "hd.du_thong_tin,,xa,> 0,");

    expect_refused(fx, "figures.csv", line, "a count over a bool takes the condition 'yes'");
}

static void unknown_figure_kind_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "figures.csv", "tong.ho_so,Mức độ giao dịch,Tổng số hồ sơ TTHC tiếp nhận trên hệ thống,sum,",
                    "tong.ho_so,Mức độ giao dịch,Tổng số hồ sơ TTHC tiếp nhận trên hệ thống,total,");

    expect_refused(fx, "figures.csv", line, "unknown kind");
}

static void duplicate_figure_code_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "figures.csv", "\ntl.hop_thu,", "\ntl.dung_thu,");

    /* the renamed tl.hop_thu is on line + 1 and the real tl.dung_thu,
     * now the second of the name, on the line after it */
    expect_refused(fx, "figures.csv", line + 2, "declared twice");
    assert_int_equal(fx->dl.n, 1);
}

/* A figure's format must fit its kind: a sum in percent printed 500%, a
 * quotient in count 0, the complement of a sum -400%. */
static void a_format_that_does_not_fit_its_kind_is_refused(void **state)
{
    static const struct {
        const char *old, *new, *words;
    } cases[] = {
        { ",sum,gd.ho_so,,so huyen xa,,count", ",sum,gd.ho_so,,so huyen xa,,percent",
          "a sum is a count" },
        { ",count,tt.qlvb,,so,yes,percent", ",count,tt.qlvb,,so,yes,count",
          "a count figure is the share" },
        { ",quotient,tong.ho_so_tre,tong.ho_so,,,percent",
          ",quotient,tong.ho_so_tre,tong.ho_so,,,count", "a ratio is a share" },
        { ",ratio,tt.hop_thu,ht.cbcc,so huyen xa,,percent",
          ",ratio,tt.hop_thu,ht.cbcc,so huyen xa,,points", "a ratio is a share" },
        { ",complement,tl.ho_so_tre,,,,percent", ",complement,tong.ho_so,,,,percent",
          "1 minus a share" },
        { ",complement,tl.ho_so_tre,,,,percent", ",complement,tl.ho_so_tre,,,,number",
          "complement of a percent figure is a percent" },
        { ",diff_baseline,tl.ho_may_tinh_internet,,,,points",
          ",diff_baseline,tl.ho_may_tinh_internet,,,,percent", "percentage points" },
        { ",diff_baseline,tl.ho_may_tinh_internet,,,,points",
          ",diff_baseline,dem.lan_internet.so,,,,points", "count of units" },
        { ",ratio,tt.hop_thu,ht.cbcc,so huyen xa,,percent", ",ratio,tt.hop_thu,,so huyen xa,,percent",
          "its indicator b is empty" },
    };
    fixture *fx = *state;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int line = edit(fx, "figures.csv", cases[i].old, cases[i].new);

        expect_refused(fx, "figures.csv", line, cases[i].words);
        eg_layouts_free(&fx->L);
        eg_diag_free(&fx->dl);
        edit(fx, "figures.csv", cases[i].new, cases[i].old);
    }
    /* and the real layouts, so restored, load; with the change of a
     * change in points too, and a dem.* figure's change as a count */
    {
        char path[512];
        FILE *f;

        snprintf(path, sizeof path, "%s/figures.csv", fx->dir);
        f = fopen(path, "a");
        assert_non_null(f);
        fputs("x.tang2,Hạ tầng kỹ thuật,Thử,diff_baseline,tl.ho_may_tinh_internet.tang,,,,points\n", f);
        fputs("x.tang3,Hạ tầng kỹ thuật,Thử,diff_baseline,dem.lan_internet.so,,,,count\n", f);
        fclose(f);
    }
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), 0);
}

static void ranking_of_an_unknown_level_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "rankings.csv", "xh.huyen,huyen,", "xh.huyen,quan,");

    expect_refused(fx, "rankings.csv", line, "quan");
}

static void ranking_of_a_level_without_scores_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "rankings.csv", "xh.huyen,huyen,", "xh.huyen,xa,");

    expect_refused(fx, "rankings.csv", line, "no score indicator");
}

static void unknown_column_role_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "columns.csv", "note,ghi_chu", "comment,ghi_chu");

    expect_refused(fx, "columns.csv", line, "comment");
}

static void unknown_setting_is_refused(void **state)
{
    fixture *fx = *state;
    FILE *f;
    char path[512];

    int line = 1;
    int c;

    snprintf(path, sizeof path, "%s/settings.csv", fx->dir);
    f = fopen(path, "r");
    assert_non_null(f);
    while ((c = fgetc(f)) != EOF)       /* the line the new setting goes on */
        line += c == '\n';
    fclose(f);
    f = fopen(path, "a");
    assert_non_null(f);
    fputs("max_units,300\n", f);
    fclose(f);
    expect_refused(fx, "settings.csv", line, "max_units");
}

static void layout_without_its_header_is_refused(void **state)
{
    fixture *fx = *state;

    edit(fx, "rankings.csv", "code,level,label", "ma,cap,nhan");
    expect_refused(fx, "rankings.csv", 0, "code");
}

static void missing_layout_file_is_refused_with_its_name(void **state)
{
    fixture *fx = *state;

    remove_file(fx, "rules.csv");
    expect_refused(fx, "rules.csv", 0, NULL);
}

static void missing_report_layout_is_refused(void **state)
{
    fixture *fx = *state;

    remove_file(fx, "report.txt");
    expect_refused(fx, "report.txt", 0, "report layout");
}

static void every_mistake_in_a_file_is_reported_not_only_the_first(void **state)
{
    fixture *fx = *state;
    char path[512];
    int l1 = edit(fx, "rules.csv", "gd.ho_so_tre,<=,gd.ho_so", "gd.ho_so_tre,<<,gd.ho_so");
    int l2 = edit(fx, "rules.csv", "R_HOP_THU,error,", "R_HOP_THU,erreur,");
    int lines = 0;

    snprintf(path, sizeof path, "%s/rules.csv", fx->dir);
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), -1);
    for (size_t i = 0; i < fx->dl.n; i++)
        if (strcmp(fx->dl.items[i].file, path) == 0)
            lines |= (fx->dl.items[i].row == l1) | (fx->dl.items[i].row == l2) << 1;
    assert_int_equal(lines, 3);
}

static void misspelt_optional_column_is_refused_with_the_nearest_name(void **state)
{
    fixture *fx = *state;

    edit(fx, "rules.csv", "message,tolerance,missing", "message,tolerence,missing");
    expect_refused(fx, "rules.csv", 1, "unknown column 'tolerence' in the header row: did you "
                                       "mean 'tolerance'?");
    assert_int_equal(fx->dl.items[0].col, 8);
}

static void a_column_of_notes_named_with_a_hash_is_read_past(void **state)
{
    fixture *fx = *state;

    edit(fx, "rankings.csv", "code,level,label", "code,level,label,# ghi chú");
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
}

static void indicator_code_with_a_space_or_none_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "indicators.csv", "\ndt.kinh_phi_cntt,", "\ndt.kinh phi,");

    expect_refused(fx, "indicators.csv", line + 1, "no space");
}

/* Submissions' codes are read without case: a catalogue's capital would
 * match no value, and HT.WIFI beside ht.wifi would be two indicators. */
static void codes_with_capitals_are_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "indicators.csv", "\ndt.kinh_phi_cntt,", "\nDT.Kinh_phi_cntt,");

    expect_refused(fx, "indicators.csv", line + 1, "small letters");
    eg_layouts_free(&fx->L);
    eg_diag_free(&fx->dl);
    edit(fx, "indicators.csv", "\nDT.Kinh_phi_cntt,", "\ndt.kinh_phi_cntt,");
    line = edit(fx, "figures.csv", "\ntong.kinh_phi_cntt,", "\nTONG.kinh_phi_cntt,");
    expect_refused(fx, "figures.csv", line + 1, "small letters");
    eg_layouts_free(&fx->L);
    eg_diag_free(&fx->dl);
    line = edit(fx, "rankings.csv", "xh.huyen,huyen,", "XH.huyen,huyen,");
    expect_refused(fx, "rankings.csv", line, "small letters");
}

static void figure_without_a_code_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "figures.csv", "\ntong.kinh_phi_cntt,", "\n,");

    expect_refused(fx, "figures.csv", line + 1, "without its code");
}

static void score_at_the_commune_level_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "indicators.csv", "điểm,score,so huyen,,15,20,", "điểm,score,so huyen xa,,15,20,");

    expect_refused(fx, "indicators.csv", line, "departments and districts alone");
}

static void sum_over_a_text_or_enum_indicator_is_refused(void **state)
{
    fixture *fx = *state;
    int line;

    edit(fx, "indicators.csv", "đồng,money,so huyen", "đồng,text,so huyen");
    line = edit(fx, "figures.csv", "CNTT,sum,dt.kinh_phi_cntt", "CNTT,sum,dt.kinh_phi_cntt");
    expect_refused(fx, "figures.csv", line, "a text indicator has none");
}

static void sum_over_an_enum_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "figures.csv", "thống,sum,gd.ho_so,", "thống,sum,ht.mo_hinh_mot_cua,");

    expect_refused(fx, "figures.csv", line, "counted with the kind count");
}

static void figure_at_levels_its_indicator_is_not_reported_at_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "figures.csv", "sum,dt.kinh_phi_cntt,,so huyen,", "sum,dt.kinh_phi_cntt,,xa,");

    expect_refused(fx, "figures.csv", line, "reported at none of its levels");
}

static void a_ninth_score_of_a_level_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "indicators.csv", "diem.chuyen_doi,Điểm đánh giá: mức độ chuyển đổi,điểm,score,so huyen,,20,25,\n",
                    "diem.chuyen_doi,Điểm đánh giá: mức độ chuyển đổi,điểm,score,so huyen,,20,25,\n"
                    "diem.a,A,điểm,score,so huyen,,1,1,\ndiem.b,B,điểm,score,so huyen,,1,1,\n"
                    "diem.c,C,điểm,score,so huyen,,1,1,\ndiem.d,D,điểm,score,so huyen,,1,1,\n");

    /* five real criteria, three more make eight: the fourth is one too many */
    expect_refused(fx, "indicators.csv", line + 4, "one criterion too many");
}

static void ranking_declared_twice_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "rankings.csv", "xh.huyen,huyen,", "xh.so,huyen,");

    expect_refused(fx, "rankings.csv", line, "declared twice (first on line 2)");
}

static void ranking_with_a_figures_code_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "rankings.csv", "xh.huyen,huyen,", "tong.ho_so,huyen,");

    expect_refused(fx, "rankings.csv", line, "a figure of figures.csv has this code");
}

static void rule_written_twice_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "rules.csv", "\nR_BDVHX_INTERNET,error,huyen,",
                    "\nR_BDVHX_INTERNET,warning,huyen,ht.bdvhx_internet,<=,ht.bdvhx,Lặp lại\n"
                    "R_BDVHX_INTERNET,error,huyen,");

    expect_refused(fx, "rules.csv", line + 2, "the same check as line 3");
}

static void a_label_cut_by_an_unquoted_comma_is_said_so(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "indicators.csv", "\ndt.kinh_phi_cntt,Kinh phí bố trí cho ứng dụng CNTT trong năm,",
                    "\ndt.kinh_phi_cntt,Kinh phí bố trí, cho ứng dụng CNTT trong năm,");

    /* the last column (pattern) is empty: the cut's second half lands in no
     * filled column past the header */
    expect_refused(fx, "indicators.csv", line + 1, "put it in quotes");
}

/* A header that lacks a column's name makes every row one wider: one
 * message at the header, not one a row (56 of them). */
static void a_header_lacking_a_name_is_said_once(void **state)
{
    fixture *fx = *state;

    edit(fx, "indicators.csv", ",max_huyen,pattern\n", ",max_huyen\n");
    expect_refused(fx, "indicators.csv", 1, "every row has 9 columns and the header row 8: the "
                                            "header row lacks the name of a column");
    assert_int_equal(fx->dl.n, 1);
}

/* The same with the unnamed column filled in every row, and the header
 * below a line of comment: said once, at the header's row. */
static void a_header_lacking_the_name_of_a_filled_column_is_said_once_at_its_row(void **state)
{
    fixture *fx = *state;
    char path[512], *data, *out, *at;
    size_t n, k = 0;

    snprintf(path, sizeof path, "%s/indicators.csv", fx->dir);
    data = slurp(path, &n);
    assert_non_null(data);
    out = eg_xmalloc(2 * n + 64);
    k += (size_t)sprintf(out, "# ghi chú\n");
    for (char *line = data; line < data + n; line = at + 1) {
        at = memchr(line, '\n', (size_t)(data + n - line));
        if (!at)
            break;
        if (line == data) {
            /* the header without its last name, pattern */
            size_t len = (size_t)(at - line) - strlen(",pattern");

            memcpy(out + k, line, len);
            k += len;
            out[k++] = '\n';
        } else {
            memcpy(out + k, line, (size_t)(at - line));
            k += (size_t)(at - line);
            k += (size_t)sprintf(out + k, "x\n");   /* pattern was empty: now "x" */
        }
    }
    assert_int_equal(spill(path, out, k), 0);
    free(out);
    free(data);
    expect_refused(fx, "indicators.csv", 2, "every row has 9 columns and the header row 8: the "
                                            "header row lacks the name of a column");
    assert_int_equal(fx->dl.n, 1);
}

/* Some rows cut at a comma: the first three are named, then a count. */
static void many_rows_cut_at_a_comma_are_named_three_then_counted(void **state)
{
    fixture *fx = *state;
    static const char *const codes[] = { "ht.cbcc", "ht.cbcc_may_tinh", "ht.lan_internet",
                                         "ht.wan", "ht.bo_phan_mot_cua" };
    int first = 0, third = 0;
    size_t more = 0, rows = 0;

    for (size_t i = 0; i < 5; i++) {
        char old[64], new[64];
        int line;

        snprintf(old, sizeof old, "\n%s,", codes[i]);
        snprintf(new, sizeof new, "\n%s,,", codes[i]);
        line = edit(fx, "indicators.csv", old, new) + 1;
        first = i == 0 ? line : first;
        third = i == 2 ? line : third;
    }
    if (eg_layouts_load(&fx->L, fx->dir, &fx->dl) != -1)
        fail_msg("accepted");
    for (size_t i = 0; i < fx->dl.n; i++) {
        rows += strstr(fx->dl.items[i].message, "put it in quotes") != NULL;
        if (strstr(fx->dl.items[i].message, "and 2 rows more below it")) {
            assert_int_equal(fx->dl.items[i].row, third);
            more++;
        }
    }
    assert_int_equal(rows, 3);
    assert_int_equal(more, 1);
    expect_refused_again(fx, "indicators.csv", first, "put it in quotes");
}

static void levels_separated_by_a_no_break_space_are_read(void **state)
{
    fixture *fx = *state;

    edit(fx, "indicators.csv", "đồng,money,so huyen,", "đồng,money,so\xC2\xA0huyen,");
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), 0);
    assert_int_equal(fx->L.cat.items[eg_catalogue_find(&fx->L.cat, "dt.kinh_phi_cntt")].levels,
                     EG_LEVEL_BIT(EG_LEVEL_SO) | EG_LEVEL_BIT(EG_LEVEL_HUYEN));
}

static void unknown_figure_format_is_quoted(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "figures.csv", "sum,dt.kinh_phi_cntt,,so huyen,,money", "sum,dt.kinh_phi_cntt,,so huyen,,dong");

    expect_refused(fx, "figures.csv", line, "unknown format 'dong'");
}

static void a_missing_required_column_is_named(void **state)
{
    fixture *fx = *state;

    edit(fx, "rankings.csv", "code,level,label", "code,cap,label");
    expect_refused(fx, "rankings.csv", 1, "row 1 names some of them but not level");
    /* "cap" is another word: no guess */
    assert_null(strstr(fx->dl.items[0].message, "meant to be"));
}

static void a_misspelt_required_column_is_named_with_its_likely_cell(void **state)
{
    fixture *fx = *state;

    edit(fx, "figures.csv", "code,section,label", "code,sectoin,label");
    expect_refused(fx, "figures.csv", 1, "row 1 names some of them but not section (is "
                                         "'sectoin' meant to be section?)");
}

static void a_ranking_label_too_long_for_its_chart_is_refused(void **state)
{
    fixture *fx = *state;
    char label[1200] = "xh.huyen,huyen,";
    int line;

    for (int i = 0; i < 30; i++)
        strcat(label, "Xếp hạng rất dài ");
    line = edit(fx, "rankings.csv", "xh.huyen,huyen,", label);
    expect_refused(fx, "rankings.csv", line, "at most 250 characters");
}

static void an_optional_column_given_twice_is_said_so(void **state)
{
    fixture *fx = *state;

    edit(fx, "rules.csv", "message,tolerance,missing", "message,tolerance,missing,missing");
    expect_refused(fx, "rules.csv", 1, "the header row names the column 'missing' twice");
}

static void every_faulty_ranking_is_reported_after_a_ninth_score(void **state)
{
    fixture *fx = *state;
    char labels[2400] = "code,level,label\nxh.so,so,";

    /* eight scores at each level: no ninth; two labels too long, each said */
    edit(fx, "indicators.csv", "diem.chuyen_doi,Điểm đánh giá: mức độ chuyển đổi,điểm,score,so huyen,,20,25,\n",
                "diem.chuyen_doi,Điểm đánh giá: mức độ chuyển đổi,điểm,score,so huyen,,20,25,\n"
                "diem.a,A,điểm,score,so huyen,,1,1,\ndiem.b,B,điểm,score,so huyen,,1,1,\n"
                "diem.c,C,điểm,score,so huyen,,1,1,\n");
    for (int i = 0; i < 20; i++)
        strcat(labels, "Xếp hạng rất dài ");
    strcat(labels, "\nxh.huyen,huyen,");
    for (int i = 0; i < 20; i++)
        strcat(labels, "Xếp hạng rất dài ");
    strcat(labels, "\n");
    rewrite(fx, "rankings.csv", labels);
    expect_refused(fx, "rankings.csv", 2, "at most 250 characters");
    expect_refused_again(fx, "rankings.csv", 3, "at most 250 characters");
}

static void a_label_in_decomposed_form_is_counted_as_composed(void **state)
{
    fixture *fx = *state;
    char labels[4096] = "code,level,label\nxh.so,so,";

    /* 25 times "Xếp hạng " with its marks as combining characters: 225
     * characters composed, 300 decomposed */
    for (int i = 0; i < 25; i++)
        strcat(labels, "Xe\xCC\x82\xCC\x81p ha\xCC\xA3ng ");
    strcat(labels, "\nxh.huyen,huyen,Xếp hạng\n");
    rewrite(fx, "rankings.csv", labels);
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), 0);
}

/* --- the edges of each check --------------------------------------------- */

/* Appends text to the copy's file name; returns the line it starts on. */
static int append(fixture *fx, const char *name, const char *text)
{
    char path[512];
    int line = 1, c;
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", fx->dir, name);
    f = fopen(path, "rb");
    assert_non_null(f);
    while ((c = fgetc(f)) != EOF)
        line += c == '\n';
    fclose(f);
    f = fopen(path, "ab");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return line;
}

static size_t count_messages(const fixture *fx, const char *words)
{
    size_t n = 0;

    for (size_t i = 0; i < fx->dl.n; i++)
        n += strstr(fx->dl.items[i].message, words) != NULL;
    return n;
}

static void a_header_with_two_unknown_columns_says_so_once(void **state)
{
    fixture *fx = *state;

    edit(fx, "rules.csv", "message,tolerance,missing", "message,tolerence,missng");
    expect_refused(fx, "rules.csv", 1, "unknown column 'tolerence'");
    assert_int_equal(count_messages(fx, "unknown column"), 1);
}

static void a_column_name_two_letters_off_is_suggested(void **state)
{
    fixture *fx = *state;

    edit(fx, "rules.csv", "message,tolerance,missing", "message,tolerans,missing");
    expect_refused(fx, "rules.csv", 1, "unknown column 'tolerans' in the header row: did you "
                                       "mean 'tolerance'?");
}

static void a_misspelt_levels_column_is_a_required_one_missing(void **state)
{
    fixture *fx = *state;

    edit(fx, "indicators.csv", "code,label,unit,type,levels,", "code,label,unit,type,levls,");
    expect_refused(fx, "indicators.csv", 1, "names some of them but not levels");
}

/* One data row, cut at a comma into a filled column past the header's:
 * that row is named with the column, not the header as lacking a name. */
static void the_only_row_cut_at_a_comma_is_named_with_its_column(void **state)
{
    fixture *fx = *state;

    rewrite(fx, "rankings.csv", "code,level,label\nxh.so,so,Xếp hạng sở, ban, ngành\n");
    expect_refused(fx, "rankings.csv", 2, "the row has 'ban' in column 4, past the header "
                                          "row's 3 columns");
    assert_int_equal(fx->dl.n, 1);
    assert_int_equal(fx->dl.items[0].col, 4);
}

/* Every row wider than the header, but not alike: cut texts, each named. */
static void rows_cut_into_different_widths_are_each_named(void **state)
{
    fixture *fx = *state;

    rewrite(fx, "rankings.csv", "code,level,label\nxh.so,so,Xếp hạng sở, ban\n"
                                "xh.huyen,huyen,Xếp hạng, cấp, huyện\n");
    expect_refused(fx, "rankings.csv", 2, "the row has 'ban' in column 4");
    expect_refused_again(fx, "rankings.csv", 3, "the row has 'cấp' in column 4");
    assert_int_equal(count_messages(fx, "every row has"), 0);
}

static void three_rows_cut_at_a_comma_are_named_without_a_count(void **state)
{
    fixture *fx = *state;
    static const char *const codes[] = { "ht.cbcc", "ht.cbcc_may_tinh", "ht.lan_internet" };

    for (size_t i = 0; i < 3; i++) {
        char old[64], new[64];

        snprintf(old, sizeof old, "\n%s,", codes[i]);
        snprintf(new, sizeof new, "\n%s,,", codes[i]);
        edit(fx, "indicators.csv", old, new);
    }
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), -1);
    assert_int_equal(count_messages(fx, "put it in quotes"), 3);
    assert_int_equal(count_messages(fx, "rows more below"), 0);
    assert_int_equal(fx->dl.n, 3);
}

static void codes_may_hold_a_hyphen_and_every_digit(void **state)
{
    fixture *fx = *state;

    append(fx, "indicators.csv", "x-9.a_0,Thử,,count,so,,,,\n");
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), 0);
    assert_true(eg_catalogue_find(&fx->L.cat, "x-9.a_0") >= 0);
}

/* A refused enum is not read further: its pattern is not said too. */
static void an_enum_without_options_is_said_once_whatever_else_its_row_holds(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "indicators.csv", "|chua=chưa triển khai,,,\n", "|chua,,,[A-Z\n");

    expect_refused(fx, "indicators.csv", line,
                   "enum 'ht.mo_hinh_mot_cua' needs options as code=label|code=label");
    assert_int_equal(fx->dl.n, 1);
}

static void an_option_without_its_code_or_its_label_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "indicators.csv", "|chua=chưa triển khai", "|=chưa triển khai");

    expect_refused(fx, "indicators.csv", line,
                   "enum 'ht.mo_hinh_mot_cua' needs options as code=label|code=label");
    eg_layouts_free(&fx->L);
    eg_diag_free(&fx->dl);
    edit(fx, "indicators.csv", "|=chưa triển khai", "|chua=");
    expect_refused(fx, "indicators.csv", line,
                   "enum 'ht.mo_hinh_mot_cua' needs options as code=label|code=label");
}

static void the_first_indicator_declared_again_is_refused(void **state)
{
    fixture *fx = *state;
    int line = append(fx, "indicators.csv", "ht.cbcc,Thử,,count,so,,,,\n");

    expect_refused(fx, "indicators.csv", line, "indicator 'ht.cbcc' is declared twice");
    assert_int_equal(fx->dl.n, 1);
}

static void a_score_of_the_province_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "indicators.csv", "điểm,score,so huyen,,15,20,", "điểm,score,tinh so huyen,,15,20,");

    expect_refused(fx, "indicators.csv", line, "departments and districts alone (levels so, huyen; "
                                               "maxima max_so, max_huyen), not at 'tinh so huyen'");
}

static void a_score_maximum_of_zero_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "indicators.csv", "điểm,score,so huyen,,15,20,", "điểm,score,so huyen,,0,20,");

    expect_refused(fx, "indicators.csv", line, "score 'diem.hien_dien' needs a positive maximum in max_so");
    assert_int_equal(fx->dl.n, 1);
}

static void a_score_of_departments_alone_needs_no_district_maximum(void **state)
{
    fixture *fx = *state;
    const eg_indicator *ind;

    append(fx, "indicators.csv", "diem.x,Điểm thử,điểm,score,so,,7,,\n");
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), 0);
    ind = &fx->L.cat.items[eg_catalogue_find(&fx->L.cat, "diem.x")];
    assert_true(ind->max[EG_LEVEL_SO] == 7);
    assert_true(ind->max[EG_LEVEL_HUYEN] == 0);
    assert_int_equal(fx->L.rankings[0].n_criteria, 6);
    assert_true(fx->L.rankings[0].max_total == 137);
    assert_int_equal(fx->L.rankings[1].n_criteria, 5);
}

static void a_statistical_setting_out_of_bounds_is_refused_with_its_value(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "settings.csv", "\noutlier_threshold,5\n", "\noutlier_threshold,0\n");

    expect_refused(fx, "settings.csv", line + 1,
                   "outlier_threshold must be a number above 0, such as 5, not '0'");
}

static void highlight_below_is_a_fraction_above_0_and_at_most_1(void **state)
{
    fixture *fx = *state;

    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), 0);
    assert_true(fx->L.highlight_below == 0.8);
    eg_layouts_free(&fx->L);
    edit(fx, "settings.csv", "\nhighlight_below,0.8\n", "\nhighlight_below,1\n");
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), 0);
    assert_true(fx->L.highlight_below == 1);
    eg_layouts_free(&fx->L);
    edit(fx, "settings.csv", "\nhighlight_below,1\n", "\nhighlight_below,0\n");
    expect_refused(fx, "settings.csv", 3, "highlight_below must be a fraction above 0 and at "
                                          "most 1, such as 0.8, not '0'");
}

static void settings_without_a_unit_code_pattern_are_refused(void **state)
{
    fixture *fx = *state;

    edit(fx, "settings.csv", "unit_code_pattern,\"[A-Z0-9][A-Z0-9_.-]{0,31}\"\n", "");
    expect_refused(fx, "settings.csv", 0, "unit_code_pattern is not set");
}

static void columns_take_their_first_vietnamese_header_and_a_stand_in(void **state)
{
    fixture *fx = *state;
    const eg_layouts *L = &fx->L;

    assert_int_equal(eg_layouts_load(&fx->L, LAYOUT_DIR, &fx->dl), 0);
    assert_int_equal(L->columns[EG_COL_UNIT_NAME].required, 0);
    assert_int_equal(L->columns[EG_COL_SUBMITTED_ON].required, 0);
    assert_int_equal(L->columns[EG_COL_INDICATOR].required, 1);
    /* a file may name its units instead of giving their codes */
    assert_int_equal(L->columns[EG_COL_UNIT].stand_in, EG_COL_UNIT_NAME + 1);
    assert_string_equal(L->columns[EG_COL_UNIT].shown, "Mã đơn vị");
    assert_string_equal(L->columns[EG_COL_VALUE].shown, "Giá trị");
}

static void a_required_role_without_a_header_is_refused(void **state)
{
    fixture *fx = *state;

    rewrite(fx, "columns.csv", "role,header\nunit_code,ma_don_vi\nindicator,ma_chi_tieu\n"
                               "note,ghi_chu\n");
    expect_refused(fx, "columns.csv", 0, "no header name for role 'value'");
    assert_int_equal(count_messages(fx, "no header name"), 1);
}

static void a_count_may_name_the_64th_option(void **state)
{
    fixture *fx = *state;
    char more[2048] = "|chua=chưa triển khai";
    int i;

    for (int k = 3; k < 64; k++)
        snprintf(more + strlen(more), sizeof more - strlen(more), "|o%d=khác %d", k, k);
    edit(fx, "indicators.csv", "|chua=chưa triển khai", more);
    edit(fx, "figures.csv", "so,in lien_thong,", "so,in o63,");
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), 0);
    i = eg_strmap_get(&fx->L.figure_index, "dem.mot_cua_lien_thong.so");
    assert_true(i >= 0);
    assert_true(fx->L.figures[i].cond_options == 1ull << 63);
}

static void an_unknown_kind_is_quoted_to_its_first_40_characters(void **state)
{
    fixture *fx = *state;
    int line = append(fx, "figures.csv", "x.k,S,Thử,aaaaaaaaaabbbbbbbbbbccccccccccddddddddddeeeee,"
                                         "gd.ho_so,,so,,count\n");

    expect_refused(fx, "figures.csv", line, "figure 'x.k': unknown kind "
                   "'aaaaaaaaaabbbbbbbbbbccccccccccdddddddddd' (sum, ratio");
}

static void a_ratio_over_a_yes_no_divisor_is_refused(void **state)
{
    fixture *fx = *state;
    int line = append(fx, "figures.csv", "x.r,S,Thử,ratio,ht.cbcc,ht.lan_internet,so,,percent\n");

    expect_refused(fx, "figures.csv", line, "a yes/no or a choice is counted with the kind count");
}

static void a_ratio_whose_divisor_is_reported_at_none_of_its_levels_is_refused(void **state)
{
    fixture *fx = *state;
    int line = append(fx, "figures.csv", "x.r,S,Thử,ratio,ht.cbcc,ht.bdvhx,so,,percent\n");

    expect_refused(fx, "figures.csv", line, "figure 'x.r': its indicators are reported at none "
                                            "of its levels");
}

static void a_figure_of_unknown_levels_is_refused(void **state)
{
    fixture *fx = *state;
    int line = append(fx, "figures.csv", "x.s,S,Thử,sum,gd.ho_so,,so quan,,count\n");

    expect_refused(fx, "figures.csv", line, "figure 'x.s': bad levels");
}

/* Formats that fit: a count in number, its complement in number, the
 * change of a tl.* count (a share, not a count of units) in points. */
static void formats_that_fit_their_kind_are_accepted(void **state)
{
    fixture *fx = *state;

    append(fx, "figures.csv", "x.dem,S,Thử,count,ht.lan_internet,,so,yes,number\n"
                              "x.bu,S,Thử,complement,x.dem,,,,number\n"
                              "tl.x,S,Thử,count,ht.lan_internet,,so,yes,percent\n"
                              "tl.x.tang,S,Thử,diff_baseline,tl.x,,,,points\n");
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), 0);
    assert_int_equal(fx->dl.n, 0);
}

static void the_change_of_a_count_in_percent_is_refused(void **state)
{
    fixture *fx = *state;
    int line = append(fx, "figures.csv", "x.tang,S,Thử,diff_baseline,dem.lan_internet.so,,,,percent\n"
                                         "x.tang2,S,Thử,diff_baseline,tong.ho_so,,,,percent\n");

    expect_refused(fx, "figures.csv", line, "the change of a count figure (dem.*) is one of its "
                                            "count of units");
    expect_refused_again(fx, "figures.csv", line + 1, "the change of a count, an amount or a "
                                                      "number is one too");
}

static void figures_without_the_better_column_load(void **state)
{
    fixture *fx = *state;

    rewrite(fx, "figures.csv", "code,section,label,kind,a,b,levels,cond,format\n"
                               "tong.ho_so,S,Thử,sum,gd.ho_so,,so huyen xa,,count\n");
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), 0);
    assert_int_equal(fx->L.n_figures, 1);
    assert_int_equal(fx->L.figures[0].lower_better, 0);
}

static void an_unknown_better_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "figures.csv", ",,,percent,lower\n", ",,,percent,less\n");

    expect_refused(fx, "figures.csv", line, "figure 'tl.ho_so_tre': unknown better 'less' "
                                            "(higher, the default, or lower)");
}

static void a_ranking_label_of_250_characters_fits(void **state)
{
    fixture *fx = *state;
    char labels[600] = "code,level,label\nxh.so,so,";

    for (int i = 0; i < 25; i++)
        strcat(labels, "Xếp hạng ");     /* 9 characters each, with the space */
    strcat(labels, "xxxxxxxxxxxxxxxxxxxxxxxxx\nxh.huyen,huyen,Xếp hạng\n");     /* and 25 */
    rewrite(fx, "rankings.csv", labels);
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), 0);
    assert_int_equal(fx->L.n_rankings, 2);
}

static void a_ranking_declared_twice_names_the_line_of_the_first(void **state)
{
    fixture *fx = *state;

    rewrite(fx, "rankings.csv", "code,level,label\n\nxh.so,so,A\nxh.so,huyen,B\n");
    expect_refused(fx, "rankings.csv", 4, "ranking 'xh.so': declared twice (first on line 3)");
}

static void the_first_figure_declared_again_is_refused(void **state)
{
    fixture *fx = *state;
    int line = append(fx, "figures.csv", "tl.cbcc_may_tinh,S,Thử,sum,gd.ho_so,,so,,count\n");

    expect_refused(fx, "figures.csv", line, "figure 'tl.cbcc_may_tinh': figure declared twice");
    assert_int_equal(fx->dl.n, 1);
}

static void spaces_around_an_options_code_are_dropped(void **state)
{
    fixture *fx = *state;
    const eg_indicator *ind;

    edit(fx, "indicators.csv", "|chua=chưa triển khai", "| chua = chưa triển khai");
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), 0);
    ind = &fx->L.cat.items[eg_catalogue_find(&fx->L.cat, "ht.mo_hinh_mot_cua")];
    assert_string_equal(ind->options[2].code, "chua");
    assert_string_equal(ind->options[2].label, "chưa triển khai");
}

/* A text whose code was left out is not said to lack its text. */
static void a_problem_text_without_its_code_is_said_to_lack_its_code(void **state)
{
    fixture *fx = *state;
    int line = append(fx, "problems.csv", ",Một nội dung\n");

    expect_refused(fx, "problems.csv", line, "a row without its code, before the text 'Một nội dung'");
    assert_int_equal(count_messages(fx, "without its text"), 0);
    assert_int_equal(fx->dl.n, 1);
}

static void a_problem_code_without_its_text_is_refused(void **state)
{
    fixture *fx = *state;
    int line = append(fx, "problems.csv", "E_X,\n");

    expect_refused(fx, "problems.csv", line, "code 'E_X' without its text");
    assert_int_equal(fx->dl.n, 1);
}

/* The one diagnostic of the load naming <dir>/name at line and col with
 * exactly message; fails when there is none. */
static void expect_said(fixture *fx, const char *name, long line, long col, const char *message)
{
    char path[512];

    snprintf(path, sizeof path, "%s/%s", fx->dir, name);
    for (size_t i = 0; i < fx->dl.n; i++) {
        const eg_diag *d = &fx->dl.items[i];

        if (d->file && strcmp(d->file, path) == 0 && d->row == line && d->col == col &&
            strcmp(d->message, message) == 0) {
            assert_string_equal(d->code, "F_LAYOUT");
            assert_int_equal(d->severity, EG_FATAL);
            return;
        }
    }
    fail_msg("no F_LAYOUT at %s:%ld:%ld saying \"%s\"", name, line, col, message);
}

static void a_column_name_three_letters_off_is_not_suggested(void **state)
{
    fixture *fx = *state;

    edit(fx, "rankings.csv", "code,level,label", "code,level,label,labelxyz");
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), -1);
    expect_said(fx, "rankings.csv", 1, 4,
                "unknown column 'labelxyz' in the header row (the columns are code, level, "
                "label): a misspelt column would be read as left out; a column of notes is "
                "named with a leading '#'");
    assert_int_equal(fx->dl.n, 1);
}

static void of_two_columns_as_near_the_first_in_the_header_is_suggested(void **state)
{
    fixture *fx = *state;

    /* 'lebel' is one letter off both 'level' and 'label' */
    edit(fx, "rankings.csv", "code,level,label", "code,level,label,lebel");
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), -1);
    expect_said(fx, "rankings.csv", 1, 4,
                "unknown column 'lebel' in the header row: did you mean 'level'? (the columns "
                "are code, level, label): a misspelt column would be read as left out; a column "
                "of notes is named with a leading '#'");
    assert_int_equal(fx->dl.n, 1);
}

static void a_code_whose_only_capital_is_an_a_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "indicators.csv", "\ndt.kinh_phi_cntt,", "\ndt.kinh_phi_A,") + 1;

    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), -1);
    expect_said(fx, "indicators.csv", line, 0,
                "indicator 'dt.kinh_phi_A': a code is written in small letters: the "
                "submissions' codes are read without case (HT.CBCC is ht.cbcc), so a capital "
                "would match none of them");
    assert_int_equal(fx->dl.n, 1);
}

/* A misspelt unit_code_pattern is said once, as an unknown setting, not
 * again as the setting left out. */
static void a_misspelt_unit_code_pattern_is_said_as_unknown_alone(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "settings.csv", "\nunit_code_pattern,", "\nunit_code_patern,") + 1;

    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), -1);
    expect_said(fx, "settings.csv", line, 0, "unknown setting 'unit_code_patern'");
    assert_int_equal(count_messages(fx, "is not set"), 0);
    assert_int_equal(fx->dl.n, 1);
}

/* A misspelt role is said once, as an unknown role, not again as a
 * required role without a header. */
static void a_misspelt_required_role_is_said_as_unknown_alone(void **state)
{
    fixture *fx = *state;

    rewrite(fx, "columns.csv", "role,header\nunit_cod,ma_don_vi\nindicator,ma_chi_tieu\n"
                               "value,gia_tri\n");
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), -1);
    expect_said(fx, "columns.csv", 2, 0, "unknown role 'unit_cod' (unit_code, indicator, "
                                         "value, note, submitted_on, unit_name)");
    assert_int_equal(count_messages(fx, "no header name"), 0);
    assert_int_equal(fx->dl.n, 1);
}

static void a_count_may_not_name_the_65th_option(void **state)
{
    fixture *fx = *state;
    char more[2048] = "|chua=chưa triển khai";
    int line;

    for (int k = 3; k < 65; k++)
        snprintf(more + strlen(more), sizeof more - strlen(more), "|o%d=khác %d", k, k);
    edit(fx, "indicators.csv", "|chua=chưa triển khai", more);
    line = edit(fx, "figures.csv", "so,in lien_thong,", "so,in o64,");
    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), -1);
    expect_said(fx, "figures.csv", line, 0,
                "figure 'dem.mot_cua_lien_thong.so': a condition can name only the first 64 "
                "options of an indicator");
    assert_int_equal(fx->dl.n, 1);
}

/* The cell is read trimmed: "in " and nothing after is "in", which names
 * no option; said as a condition of none of the three forms. */
static void a_count_condition_of_in_without_an_option_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "figures.csv", "so,in lien_thong,", "so,in  ,");

    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), -1);
    expect_said(fx, "figures.csv", line, 0,
                "figure 'dem.mot_cua_lien_thong.so': a count needs a bool indicator with "
                "'yes', an enum with 'in option...' or a number with '> 0'");
    assert_int_equal(fx->dl.n, 1);
}

/* The change of a change in points is in points too, not a number. */
static void the_change_of_a_points_figure_in_number_is_refused(void **state)
{
    fixture *fx = *state;
    int line = append(fx, "figures.csv", "tl.ho_may_tinh_internet.tang2,Hạ tầng kỹ thuật,X,"
                                         "diff_baseline,tl.ho_may_tinh_internet.tang,,,,number\n");

    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), -1);
    expect_said(fx, "figures.csv", line, 0,
                "figure 'tl.ho_may_tinh_internet.tang2': the change of a percent or points "
                "figure is in percentage points (format points)");
    assert_int_equal(fx->dl.n, 1);
}

/* Only a problems.csv that is not there is left out: one that cannot be
 * read (here a link to itself) is refused. */
static void a_problems_file_that_cannot_be_read_is_refused(void **state)
{
    fixture *fx = *state;
    char path[512];

    remove_file(fx, "problems.csv");
    snprintf(path, sizeof path, "%s/problems.csv", fx->dir);
    assert_int_equal(symlink("problems.csv", path), 0);
    expect_refused(fx, "problems.csv", 0, NULL);
}

static void the_text_of_the_first_problem_is_found(void **state)
{
    fixture *fx = *state;

    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), 0);
    assert_string_equal(eg_layouts_problem_text(&fx->L, "E_FILE_READ"),
                        "Không đọc được tệp; tệp không được tính");
}

static void a_sum_in_points_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "figures.csv", ",sum,nl.thpt_tin_hoc,,so,,count", ",sum,nl.thpt_tin_hoc,,so,,points");

    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), -1);
    expect_said(fx, "figures.csv", line, 0,
                "figure 'nl.thpt_tin_hoc': a sum is a count, an amount or a number (format "
                "count, money or number): percent or points would print a total of 5 as 500%");
    assert_int_equal(fx->dl.n, 1);
}

static void a_ranking_with_the_code_of_the_first_figure_is_refused(void **state)
{
    fixture *fx = *state;
    int line = edit(fx, "rankings.csv", "xh.huyen,huyen,", "tl.cbcc_may_tinh,huyen,");

    assert_int_equal(eg_layouts_load(&fx->L, fx->dir, &fx->dl), -1);
    expect_said(fx, "rankings.csv", line, 0,
                "ranking 'tl.cbcc_may_tinh': a figure of figures.csv has this code: {CODE} "
                "would name either");
    assert_int_equal(fx->dl.n, 1);
}

int main(void)
{

#define R(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
#define C(name) cmocka_unit_test_setup_teardown(name, setup_copy, teardown)
    const struct CMUnitTest tests[] = {
        R(real_layouts_load_without_a_diagnostic),
        R(real_catalogue_holds_the_56_reported_indicators),
        R(real_enum_has_its_three_options_with_folded_labels),
        R(real_scores_carry_the_rubric_maxima),
        R(real_rules_are_17_with_their_operands),
        R(real_figures_are_67_in_file_order),
        R(real_rankings_are_two_with_five_criteria_each),
        R(real_columns_and_settings_are_loaded),
        cmocka_unit_test(levels_parse_reads_words_separated_by_spaces_or_commas),
        C(unmodified_copy_loads),
        C(problem_texts_are_loaded_and_optional),
        C(a_problem_code_given_twice_is_refused),
        C(unknown_type_is_refused_at_its_line),
        C(bad_levels_are_refused_at_their_line),
        C(duplicate_indicator_code_is_refused_at_its_second_line),
        C(bad_indicator_pattern_is_refused_at_its_line),
        C(bad_unit_code_pattern_is_refused_in_settings),
        C(enum_without_options_is_refused),
        C(enum_with_an_option_lacking_its_label_is_refused),
        C(score_without_a_maximum_is_refused),
        C(unknown_indicator_in_a_rule_is_refused_at_its_line),
        C(unknown_indicator_inside_a_sum_is_refused),
        C(bad_levels_inside_a_sum_are_refused),
        C(bad_operator_is_refused_at_its_line),
        C(bad_severity_in_a_rule_is_refused),
        C(figure_referring_to_an_undeclared_figure_is_refused),
        C(figure_referring_to_a_later_figure_is_refused),
        C(figure_over_an_unknown_indicator_is_refused),
        C(count_condition_naming_no_option_is_refused),
        C(count_condition_past_the_first_64_options_is_refused),
        C(count_over_a_number_needs_above_zero),
        C(count_over_a_number_takes_no_other_bound),
        C(count_over_a_bool_refuses_above_zero),
        C(count_over_a_bool_needs_yes),
        C(unknown_figure_kind_is_refused),
        C(duplicate_figure_code_is_refused),
        C(a_format_that_does_not_fit_its_kind_is_refused),
        C(ranking_of_an_unknown_level_is_refused),
        C(ranking_of_a_level_without_scores_is_refused),
        C(unknown_column_role_is_refused),
        C(unknown_setting_is_refused),
        C(layout_without_its_header_is_refused),
        C(missing_layout_file_is_refused_with_its_name),
        C(missing_report_layout_is_refused),
        C(every_mistake_in_a_file_is_reported_not_only_the_first),
        C(misspelt_optional_column_is_refused_with_the_nearest_name),
        C(a_column_of_notes_named_with_a_hash_is_read_past),
        C(indicator_code_with_a_space_or_none_is_refused),
        C(codes_with_capitals_are_refused),
        C(figure_without_a_code_is_refused),
        C(score_at_the_commune_level_is_refused),
        C(sum_over_a_text_or_enum_indicator_is_refused),
        C(sum_over_an_enum_is_refused),
        C(figure_at_levels_its_indicator_is_not_reported_at_is_refused),
        C(a_ninth_score_of_a_level_is_refused),
        C(ranking_declared_twice_is_refused),
        C(ranking_with_a_figures_code_is_refused),
        C(rule_written_twice_is_refused),
        C(a_label_cut_by_an_unquoted_comma_is_said_so),
        C(a_header_lacking_a_name_is_said_once),
        C(a_header_lacking_the_name_of_a_filled_column_is_said_once_at_its_row),
        C(many_rows_cut_at_a_comma_are_named_three_then_counted),
        C(levels_separated_by_a_no_break_space_are_read),
        C(unknown_figure_format_is_quoted),
        C(a_missing_required_column_is_named),
        C(a_misspelt_required_column_is_named_with_its_likely_cell),
        C(a_ranking_label_too_long_for_its_chart_is_refused),
        C(an_optional_column_given_twice_is_said_so),
        C(every_faulty_ranking_is_reported_after_a_ninth_score),
        C(a_label_in_decomposed_form_is_counted_as_composed),
        C(a_header_with_two_unknown_columns_says_so_once),
        C(a_column_name_two_letters_off_is_suggested),
        C(a_misspelt_levels_column_is_a_required_one_missing),
        C(the_only_row_cut_at_a_comma_is_named_with_its_column),
        C(rows_cut_into_different_widths_are_each_named),
        C(three_rows_cut_at_a_comma_are_named_without_a_count),
        C(codes_may_hold_a_hyphen_and_every_digit),
        C(an_enum_without_options_is_said_once_whatever_else_its_row_holds),
        C(an_option_without_its_code_or_its_label_is_refused),
        C(the_first_indicator_declared_again_is_refused),
        C(a_score_of_the_province_is_refused),
        C(a_score_maximum_of_zero_is_refused),
        C(a_score_of_departments_alone_needs_no_district_maximum),
        C(a_statistical_setting_out_of_bounds_is_refused_with_its_value),
        C(highlight_below_is_a_fraction_above_0_and_at_most_1),
        C(settings_without_a_unit_code_pattern_are_refused),
        R(columns_take_their_first_vietnamese_header_and_a_stand_in),
        C(a_required_role_without_a_header_is_refused),
        C(a_count_may_name_the_64th_option),
        C(an_unknown_kind_is_quoted_to_its_first_40_characters),
        C(a_ratio_over_a_yes_no_divisor_is_refused),
        C(a_ratio_whose_divisor_is_reported_at_none_of_its_levels_is_refused),
        C(a_figure_of_unknown_levels_is_refused),
        C(formats_that_fit_their_kind_are_accepted),
        C(the_change_of_a_count_in_percent_is_refused),
        C(figures_without_the_better_column_load),
        C(an_unknown_better_is_refused),
        C(a_ranking_label_of_250_characters_fits),
        C(a_ranking_declared_twice_names_the_line_of_the_first),
        C(the_first_figure_declared_again_is_refused),
        C(spaces_around_an_options_code_are_dropped),
        C(a_problem_code_without_its_text_is_refused),
        C(a_problem_text_without_its_code_is_said_to_lack_its_code),
        C(a_column_name_three_letters_off_is_not_suggested),
        C(of_two_columns_as_near_the_first_in_the_header_is_suggested),
        C(a_code_whose_only_capital_is_an_a_is_refused),
        C(a_misspelt_unit_code_pattern_is_said_as_unknown_alone),
        C(a_misspelt_required_role_is_said_as_unknown_alone),
        C(a_count_may_not_name_the_65th_option),
        C(a_count_condition_of_in_without_an_option_is_refused),
        C(the_change_of_a_points_figure_in_number_is_refused),
        C(a_problems_file_that_cannot_be_read_is_refused),
        C(the_text_of_the_first_problem_is_found),
        C(a_sum_in_points_is_refused),
        C(a_ranking_with_the_code_of_the_first_figure_is_refused),
    };
#undef R
#undef C

    return cmocka_run_group_tests(tests, NULL, NULL);
}
