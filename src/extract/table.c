#include "extract/table.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"
#include "extract/csv.h"

/* Which role, if any, a header cell names. */
static int role_of(const eg_table *t, const char *cell)
{
    char *folded = eg_fold(cell);
    int found = -1;

    for (size_t r = 0; r < t->n_spec && found < 0; r++)
        for (size_t a = 0; a < t->spec[r].n_aliases; a++)
            if (strcmp(folded, t->spec[r].aliases[a]) == 0) {
                found = (int)r;
                break;
            }
    free(folded);
    return found;
}

static void note_near(eg_table *t, const int *cols, const eg_row *row);

/* Maps the roles of row into cols; 1 when every required role is there. */
static int match_header(const eg_table *t, const eg_row *row, int *cols, int *twice)
{
    for (size_t r = 0; r < t->n_spec; r++)
        cols[r] = -1;
    twice[0] = -1;
    for (size_t i = 0; i < row->n; i++) {
        int r = role_of(t, row->fields[i]);

        if (r >= 0 && cols[r] < 0)
            cols[r] = (int)i;
        else if (r >= 0 && t->spec[r].required && twice[0] < 0) {
            twice[0] = r;
            twice[1] = (int)i;
        }
    }
    for (size_t r = 0; r < t->n_spec; r++) {
        int alt = t->spec[r].stand_in - 1;

        if (t->spec[r].required && cols[r] < 0 &&
            !(alt >= 0 && (size_t)alt < t->n_spec && cols[alt] >= 0))
            return 0;
    }
    return 1;
}

int eg_table_is_header(void *ctx, const eg_row *row)
{
    int cols[EG_MAX_ROLES], twice[2];

    return match_header(ctx, row, cols, twice);
}

/* eg_table_is_header for the table's own file, noting the rows that come
 * near (under every delimiter tried). */
static int is_header_noting(void *ctx, const eg_row *row)
{
    int cols[EG_MAX_ROLES], twice[2];

    if (match_header(ctx, row, cols, twice))
        return 1;
    note_near(ctx, cols, row);
    return 0;
}

void eg_table_init(eg_table *t, const eg_colspec *spec, size_t n_spec, eg_record_fn fn,
                   void *ctx)
{
    memset(t, 0, sizeof *t);
    t->spec = spec;
    t->n_spec = n_spec;
    t->fn = fn;
    t->ctx = ctx;
}

/* The next range begun at or above row, NULL when none: each range is
 * taken once, in order. */
static const eg_merge *next_begun(eg_table *t, long row)
{
    const eg_merge *g;

    if (!t->merges || t->merge_next >= t->merges->n)
        return NULL;
    g = &t->merges->v[t->merge_next];
    if (g->first_row > row)
        return NULL;
    t->merge_next++;
    return g;
}

/* A copy of the row's text at 1-based col, NULL when it is empty. */
static char *top_text(const eg_row *row, int col)
{
    return col >= 1 && (size_t)col <= row->n && row->fields[col - 1][0]
               ? eg_xstrdup(row->fields[col - 1])
               : NULL;
}

/* A range followed no more: its text freed. */
static void range_clear(struct eg_table_range *p)
{
    free(p->text);
    p->g = NULL;
    p->text = NULL;
}

/* The ranges followed before the header, let go. */
static void pre_free(eg_table *t)
{
    for (size_t c = 0; c < t->pre_cols; c++)
        free(t->pre[c].text);
    free(t->pre);
    t->pre = NULL;
    t->pre_cols = 0;
}

/* 1 when p's text goes into its column in the row numbered row: a range
 * begun above it, its top-left cell not empty. */
static int fills(const struct eg_table_range *p, long row)
{
    return p->text && p->g->first_row < row;
}

/* 1 when p's text is seen in the row numbered row, in its first column
 * or only in the others (a range begun in that row, over several
 * columns). */
static int spans(const struct eg_table_range *p, long row)
{
    return fills(p, row) || (p->text && p->g->first_row == row &&
                             p->g->last_col > p->g->first_col);
}

/* Before the header: the row as the sheet shows it, the texts of ranges
 * begun above it filled into their columns, so that a header merged down
 * two rows is found in its second.  One range per column is followed (a
 * later one in place of an earlier), each top-left text copied once:
 * what is held never passes one row's cells.  *view is what to free. */
static eg_row header_view(eg_table *t, const eg_row *row, char ***view)
{
    eg_row r = *row;
    const eg_merge *g;
    size_t n = row->n;
    int any = 0;

    *view = NULL;
    if (!t->pre) {
        for (size_t i = 0; i < t->merges->n; i++)
            if ((size_t)t->merges->v[i].first_col >= t->pre_cols)
                t->pre_cols = (size_t)t->merges->v[i].first_col + 1;
        t->pre = eg_xcalloc(t->pre_cols, sizeof *t->pre);
    }
    for (size_t c = 1; c < t->pre_cols; c++)
        if (t->pre[c].g && t->pre[c].g->last_row < row->row)
            range_clear(&t->pre[c]);
    while ((g = next_begun(t, row->row)) != NULL) {
        struct eg_table_range *p = &t->pre[g->first_col];

        if (g->last_row < row->row)
            continue;
        if (!(p->g && p->g->first_row == g->first_row)) {
            free(p->text);
            p->text = g->first_row == row->row ? top_text(row, g->first_col) : NULL;
        }
        p->g = g;
    }
    for (size_t c = 1; c < t->pre_cols; c++)
        if (spans(&t->pre[c], row->row)) {
            any = 1;
            if ((size_t)t->pre[c].g->last_col > n)
                n = (size_t)t->pre[c].g->last_col;
        }
    if (!any)
        return r;
    *view = eg_xcalloc(n, sizeof **view);
    for (size_t k = 0; k < n; k++)
        (*view)[k] = k < row->n ? row->fields[k] : (char *)"";
    for (size_t c = 1; c < t->pre_cols; c++)
        if (spans(&t->pre[c], row->row))
            for (int k = fills(&t->pre[c], row->row) ? (int)c : (int)c + 1;
                 k <= t->pre[c].g->last_col; k++)
                (*view)[k - 1] = t->pre[c].text;
    r.n = n;
    r.fields = *view;
    return r;
}

/* The ranges within one row (eg_merges.wide) begun in row: [*a, *b).
 * Rows come in order, so each range is passed once. */
static void wide_in(eg_table *t, long row, size_t *a, size_t *b)
{
    const eg_merges *m = t->merges;

    while (m && t->wide_next < m->n_wide && m->wide[t->wide_next].first_row < row)
        t->wide_next++;
    *a = t->wide_next;
    while (m && t->wide_next < m->n_wide && m->wide[t->wide_next].first_row == row)
        t->wide_next++;
    *b = t->wide_next;
}

/* The range i of the row's ranges over several columns: first those
 * within the row (wide[a, b)), then those over rows begun in it that no
 * one has followed yet (a header again below the first; before the
 * header, header_view follows them); NULL past the last. */
static const eg_merge *across(const eg_table *t, long row, size_t a, size_t b, size_t i)
{
    const eg_merges *m = t->merges;

    if (i < b - a)
        return &m->wide[a + i];
    i -= b - a;
    for (size_t k = t->merge_next; k < m->n && m->v[k].first_row == row; k++)
        if (m->v[k].last_col > m->v[k].first_col && i-- == 0)
            return &m->v[k];
    return NULL;
}

/* A row that may be a header (r, as header_view gives it, *view what to
 * free) with the text of each cell merged across columns, begun in it,
 * written into every column the range spans, as the clerk sees it over
 * them: a "Giá trị" over the two columns "Năm 2020" and "Năm 2021" names
 * the value's column twice, and which one to read cannot be told. */
static eg_row spread_wide(eg_table *t, eg_row r, char ***view)
{
    const eg_merge *g;
    size_t a, b, n = r.n;

    wide_in(t, r.row, &a, &b);
    for (size_t i = 0; (g = across(t, r.row, a, b, i)) != NULL; i++)
        if ((size_t)g->first_col <= r.n && r.fields[g->first_col - 1][0] &&
            (size_t)g->last_col > n)
            n = (size_t)g->last_col;
    if (!across(t, r.row, a, b, 0))
        return r;
    if (!*view || n > r.n) {
        char **v = eg_xcalloc(n, sizeof *v);

        for (size_t k = 0; k < n; k++)
            v[k] = k < r.n ? r.fields[k] : (char *)"";
        free(*view);    /* r.fields, when header_view made it */
        *view = v;
        r.fields = v;
    }
    /* no further than n: ranges that overlap (a damaged file) may put
     * text into a first cell the loop above found empty */
    for (size_t i = 0; (g = across(t, r.row, a, b, i)) != NULL; i++)
        if ((size_t)g->first_col <= r.n && r.fields[g->first_col - 1][0])
            for (int k = g->first_col + 1; k <= g->last_col && (size_t)k <= n; k++)
                (*view)[k - 1] = r.fields[g->first_col - 1];
    r.n = n;
    r.fields = *view;
    return r;
}

/* The merges followed no more (rows out of order, the table released):
 * what they held freed. */
static void merges_drop(eg_table *t)
{
    pre_free(t);
    for (size_t r = 0; r < EG_MAX_ROLES; r++)
        range_clear(&t->cover[r]);
}

/* After the header: which range holds each role's cell in this row, and
 * the cell's text as the sheet shows it (a covered cell reads as its
 * range's top-left cell). */
static void follow_merges(eg_table *t, const eg_row *row, eg_record *rec)
{
    const eg_merge *g;

    for (size_t r = 0; r < t->n_spec; r++)
        if (t->cover[r].g && t->cover[r].g->last_row < row->row)
            range_clear(&t->cover[r]);
    while ((g = next_begun(t, row->row)) != NULL) {
        if (g->last_row < row->row)
            continue;
        for (size_t r = 0; r < t->n_spec; r++) {
            int c = t->col[r] + 1;

            if (c >= g->first_col && c <= g->last_col) {
                range_clear(&t->cover[r]);
                t->cover[r].g = g;
            }
        }
    }
    for (size_t r = 0; r < t->n_spec; r++) {
        const eg_merge *m = t->cover[r].g;

        if (!m)
            continue;
        rec->merged[r] = m;
        if (m->first_row == row->row) {
            if (t->col[r] + 1 == m->first_col && !t->cover[r].text) {
                t->cover[r].text = top_text(row, m->first_col);
                t->cover[r].origin = rec->origin[r];
            }
        } else {
            rec->field[r] = t->cover[r].text ? t->cover[r].text : "";
            rec->origin[r] = t->cover[r].text ? t->cover[r].origin : EG_FROM_OTHER;
        }
    }
}

/* After a row that is no header, its roles in cols: remembered when it
 * names more of the required ones than any row before it, with the cell
 * that most likely misspells the first it lacks ("Gia tri" for "Giá
 * trị" is read alike; "Gía trj" is not). */
static void note_near(eg_table *t, const int *cols, const eg_row *row)
{
    size_t found = 0, best = 3;
    unsigned missing = 0;
    int first = -1;

    for (size_t r = 0; r < t->n_spec; r++) {
        int alt = t->spec[r].stand_in - 1;

        if (!t->spec[r].required)
            continue;
        if (cols[r] >= 0 || (alt >= 0 && (size_t)alt < t->n_spec && cols[alt] >= 0))
            found++;
        else {
            missing |= 1u << r;
            if (first < 0)
                first = (int)r;
        }
    }
    if (found <= t->near_found)
        return;
    t->near_found = found;
    t->near_row = row->row;
    t->near_missing = missing;
    t->near_guess[0] = '\0';
    t->near_guess_role = first;
    for (size_t i = 0; first >= 0 && i < row->n; i++) {
        int taken = 0;
        char *folded;

        for (size_t r = 0; r < t->n_spec; r++)
            taken |= cols[r] == (int)i;
        if (taken || !row->fields[i][0] || strlen(row->fields[i]) > 64)
            continue;
        folded = eg_fold(row->fields[i]);
        for (size_t a = 0; a < t->spec[first].n_aliases; a++) {
            const char *alias = t->spec[first].aliases[a];
            size_t d = eg_edit_distance(folded, alias, best);

            /* a slip, not another word: at most two letters, and fewer
             * than a third of the name */
            if (d < best && d * 3 < strlen(alias)) {
                best = d;
                snprintf(t->near_guess, sizeof t->near_guess, "%.*s",
                         (int)eg_utf8_prefix(row->fields[i], 60), row->fields[i]);
            }
        }
        free(folded);
    }
}

/* The header's first named column that is none of the roles; one named
 * with a leading '#' is a column of notes, said to be one. */
static void find_stray(eg_table *t, const eg_row *header)
{
    for (size_t i = 0; i < header->n && !t->stray_col; i++) {
        int taken = 0;

        for (size_t r = 0; r < t->n_spec; r++)
            taken |= t->col[r] == (int)i;
        const char *name = header->fields[i] + strspn(header->fields[i], " \t");

        if (!taken && *name && *name != '#') {
            t->stray_col = (int)i + 1;
            snprintf(t->stray, sizeof t->stray, "%.*s",
                     (int)eg_utf8_prefix(header->fields[i], 40), header->fields[i]);
        }
    }
}

/* Bit r of t->next_unnamed: the header's cell right after role r's is
 * empty.  A spreadsheet saving CSV pads the header with such a field
 * when a row has a cell past its names ("Mã đơn vị,Mã chỉ tiêu,Giá
 * trị,"): that column is no column of another use, and what a row has
 * there is looked at as what it has past the header's last. */
static void find_unnamed(eg_table *t, const eg_row *header)
{
    t->next_unnamed = 0;
    for (size_t r = 0; r < t->n_spec; r++) {
        int c = t->col[r];

        if (c >= 0 && (size_t)c + 1 < header->n &&
            !header->fields[c + 1][strspn(header->fields[c + 1], " \t")])
            t->next_unnamed |= 1u << r;
    }
}

/* A header row that names required role twice[0] in two columns
 * (cols[twice[0]] and twice[1]): kept for eg_table_finish to say. */
static void note_twice(eg_table *t, const eg_row *row, const int *cols, const int twice[2])
{
    const eg_merges *m = t->merges;

    t->twice = twice[0] + 1;
    t->twice_row = row->row;
    t->twice_col[0] = cols[twice[0]];
    t->twice_col[1] = twice[1];
    for (int k = 0; k < 2; k++)
        snprintf(t->twice_name[k], sizeof t->twice_name[k], "%.*s",
                 (int)eg_utf8_prefix(row->fields[t->twice_col[k]], 40),
                 row->fields[t->twice_col[k]]);
    /* one cell merged over both, within the row or over rows */
    t->twice_merged[0] = '\0';
    for (size_t i = 0; m && i < m->n_wide + m->n && !t->twice_merged[0]; i++) {
        const eg_merge *g = i < m->n_wide ? &m->wide[i] : &m->v[i - m->n_wide];

        if (g->first_row <= row->row && row->row <= g->last_row &&
            g->first_col <= t->twice_col[0] + 1 && t->twice_col[1] + 1 <= g->last_col)
            eg_merge_name(t->twice_merged, sizeof t->twice_merged, g);
    }
}

/* 1 when cell may fold (eg_fold) to a header name: each of its ASCII
 * bytes but white space (a line break in a wrapped cell, "Số\nliệu")
 * and '_' is, in lower case, a byte of some name (a
 * code's '.', a number's digits are in none).  Bytes beyond ASCII may
 * fold to anything.  Cheap: every row below the header is asked. */
static int may_name(eg_table *t, const char *cell)
{
    const unsigned char *p = (const unsigned char *)cell;

    if (!*p)
        return 0;
    for (; *p; p++)
        if (*p < 0x80 && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '_' &&
            !t->name_bytes[tolower(*p)])
            return 0;
    return 1;
}

/* 1 when row has as many cells that may name a column as the table has
 * required columns: no row of codes and numbers is a header.  The bytes
 * of the names (in lower case, as a cell's are looked up) and the count
 * of required columns are gathered at the first row asked. */
static int may_be_header(eg_table *t, const eg_row *row)
{
    size_t found = 0;

    if (!t->name_bytes_known) {
        for (size_t r = 0; r < t->n_spec; r++) {
            t->n_required += t->spec[r].required != 0;
            for (size_t a = 0; a < t->spec[r].n_aliases; a++)
                for (const unsigned char *p = (const unsigned char *)t->spec[r].aliases[a]; *p;
                     p++)
                    if (*p < 0x80)
                        t->name_bytes[tolower(*p)] = 1;
        }
        t->name_bytes_known = 1;
    }
    for (size_t i = 0; i < row->n && found < t->n_required; i++)
        found += may_name(t, row->fields[i]);
    return found >= t->n_required;
}

/* A row below the header that names the columns again: a second table
 * pasted under the first, or the header repeated on each printed page.
 * 0 when it is none.  2 when it puts every column where the header did:
 * its rows read as before, and it is no record (a hidden one is no
 * hidden value either).  1 when it
 * puts them elsewhere ("Năm 2019" where the first table had its "Số
 * liệu", the figures one column on): the rows below it are read by it, as
 * the clerk reads them, and it is no record.  -1 when it names a required
 * column twice: which of the two holds the figures cannot be told, and
 * the table stops there (eg_table_finish says so). */
static int names_again(eg_table *t, const eg_row *row)
{
    int cols[EG_MAX_ROLES], twice[2], moved = 0;

    if (!may_be_header(t, row) || !match_header(t, row, cols, twice))
        return 0;
    if (twice[0] >= 0) {
        note_twice(t, row, cols, twice);
        return -1;
    }
    for (size_t r = 0; r < t->n_spec; r++)
        moved |= cols[r] != t->col[r];
    if (!moved)
        return 2;
    memcpy(t->col, cols, sizeof t->col);
    t->header_n = row->n;
    t->header_row = row->row;
    t->stray_col = 0;
    t->stray[0] = '\0';
    find_stray(t, row);
    find_unnamed(t, row);
    /* ranges begun at or above a header fill no record (as for the first) */
    for (size_t r = 0; r < EG_MAX_ROLES; r++)
        range_clear(&t->cover[r]);
    while (next_begun(t, row->row) != NULL)
        ;
    return 1;
}

/* names_again of the row as the clerk sees it: a name merged across
 * columns names each of them. */
static int header_again(eg_table *t, const eg_row *row)
{
    char **view = NULL;
    eg_row r = t->merges ? spread_wide(t, *row, &view) : *row;
    int rc = names_again(t, &r);

    free(view);
    return rc;
}

/* A delimited text's row that is one field holding another delimiter
 * (',' in a file of ';', ';' or ',' in one of tabs): a table pasted from
 * a file of another kind, whose rows were read whole into their first
 * cell, their indicator's cell empty, and so skipped without a word as
 * headings are.  When the field split by that delimiter fills every
 * required column, rec's fields become the parts (a table's reader says
 * what it makes of them): 1.  Quotes are not undone: the parts say what
 * the row is, not what to read. */
static int split_alien(eg_table *t, const eg_row *row, eg_record *rec)
{
    static const char delims[] = { ',', ';', '\t' };
    const char *field = NULL;
    int col = 0;
    size_t need = 1;

    for (size_t i = 0; i < row->n; i++)
        if (row->fields[i][0]) {
            if (field)
                return 0;
            field = row->fields[i];
            col = (int)i + 1;
        }
    /* a pasted row lands whole in the first column; a note's text in
     * its own column is a note */
    if (!field || col != 1)
        return 0;
    for (size_t r = 0; r < t->n_spec; r++)
        if (t->col[r] >= 0 && (size_t)t->col[r] + 1 > need)
            need = (size_t)t->col[r] + 1;
    for (size_t k = 0; k < sizeof delims; k++) {
        char d = delims[k], *p;
        int fills = 1;

        if (d == t->delimiter || !strchr(field, d))
            continue;
        free(t->alien);
        t->alien = eg_xstrdup(field);
        t->n_alien_parts = 0;
        /* the parts up to the last role's column, no more: a cell of a
         * million commas is split once, in one allocation */
        t->alien_parts = eg_xrealloc(t->alien_parts, need * sizeof *t->alien_parts);
        for (p = t->alien; t->n_alien_parts < need; p++) {
            char *end = strchr(p, d);

            t->alien_parts[t->n_alien_parts++] = p;
            if (!end)
                break;
            *end = '\0';
            p = end;
        }
        for (size_t r = 0; r < t->n_spec; r++) {
            int c = t->col[r], alt = t->spec[r].stand_in - 1;
            int ok = c >= 0 && (size_t)c < t->n_alien_parts && t->alien_parts[c][0];

            if (!ok && alt >= 0 && (size_t)alt < t->n_spec) {
                c = t->col[alt];
                ok = c >= 0 && (size_t)c < t->n_alien_parts && t->alien_parts[c][0];
            }
            fills &= !t->spec[r].required || ok;
        }
        if (!fills)
            continue;
        for (size_t r = 0; r < t->n_spec; r++) {
            int c = t->col[r];

            rec->field[r] = c >= 0 && (size_t)c < t->n_alien_parts ? eg_trim(t->alien_parts[c])
                                                                   : "";
            rec->next[r] = "";
        }
        rec->extra_col = 0;
        rec->extra = NULL;
        rec->alien_delimiter = d;
        rec->alien_col = col;
        return 1;
    }
    return 0;
}

int eg_table_row(void *ctx, const eg_row *row)
{
    eg_table *t = ctx;
    eg_record rec;

    if (row->broken_col && !t->take_broken)
        return 0;
    if (row->merges && (row->merges->n || row->merges->n_wide) && !t->merges_off) {
        /* A row at or above the one before (no spreadsheet writes them so)
         * would make a range cover rows it does not: its sheet's rows are
         * read as stored from here on. */
        if (t->merges && row->row <= t->last_row) {
            merges_drop(t);
            t->merges = NULL;
            t->merges_off = 1;
        } else {
            t->merges = row->merges;
        }
    }
    t->last_row = row->row;
    if (!t->have_header) {
        char **view = NULL;
        int twice[2];
        eg_row r = t->merges ? header_view(t, row, &view) : *row;

        if (t->merges)
            r = spread_wide(t, r, &view);

        if (row->sheet && !t->sheet[0])
            eg_utf8_copy(t->sheet, sizeof t->sheet, row->sheet);
        if (++t->rows_seen > EG_HEADER_SEARCH_ROWS) {
            free(view);
            return 1;
        }
        t->have_header = match_header(t, &r, t->col, twice);
        t->header_n = r.n;
        if (!t->have_header)
            note_near(t, t->col, &r);
        if (t->have_header && twice[0] >= 0) {
            t->have_header = 0;
            note_twice(t, &r, t->col, twice);
            free(view);
            /* A name merged over several columns ("Số liệu" over the row
             * "Giá trị | Ghi chú"): the row under it may name the column
             * alone, and the search goes on; a header found below lets
             * the note go, none leaves it for eg_table_finish to say. */
            return t->twice_merged[0] ? 0 : 1;
        }
        if (t->have_header) {
            t->twice = 0;
            t->twice_merged[0] = '\0';
            t->header_row = row->row;
            find_stray(t, &r);
            find_unnamed(t, &r);
        } else if (t->title_fn) {
            t->title_fn(t->title_ctx, &r);
        }
        free(view);
        if (t->have_header)
            pre_free(t);    /* ranges begun at or above the header fill no record */
        return 0;
    }
    switch (header_again(t, row)) {
    case 1:
    case 2:
        return 0;
    case -1:
        return 1;
    }
    memset(&rec, 0, sizeof rec);
    rec.row = row->row;
    rec.n_fields = row->n;
    rec.header_fields = t->header_n;
    rec.stray_col = t->stray_col;
    rec.next_unnamed = t->next_unnamed;
    rec.stray = t->stray;
    rec.header_row = t->header_row;
    rec.hidden = row->hidden;
    rec.broken_col = row->broken_col;
    for (size_t i = t->header_n; t->delimiter == ',' && i < row->n; i++)
        if (row->fields[i][0]) {
            rec.extra_col = (int)i + 1;
            rec.extra = row->fields[i];
            break;
        }
    for (size_t r = 0; r < t->n_spec; r++) {
        int c = t->col[r];

        rec.col[r] = c + 1;
        if (c >= 0 && (size_t)c < row->n_hidden_cols && row->hidden_cols[c])
            rec.hidden_col |= 1u << r;
        rec.field[r] = (c >= 0 && (size_t)c < row->n) ? row->fields[c] : "";
        rec.next[r] = (t->delimiter == ',' && c >= 0 && (size_t)c + 1 < row->n) ? row->fields[c + 1]
                                                                                : "";
        if (row->cell_errors && c >= 0 && (size_t)c < row->n)
            rec.error[r] = row->cell_errors[c];
        if (row->origins && c >= 0 && (size_t)c < row->n)
            rec.origin[r] = row->origins[c];
        if (row->stored && c >= 0 && (size_t)c < row->n)
            rec.stored[r] = row->stored[c];
    }
    if (t->merges)
        follow_merges(t, row, &rec);
    if (t->delimiter && t->split_alien)
        split_alien(t, row, &rec);
    return t->fn(t->ctx, &rec);
}

void eg_table_release(eg_table *t)
{
    merges_drop(t);
    free(t->alien);
    free(t->alien_parts);
    t->alien = NULL;
    t->alien_parts = NULL;
    t->n_alien_parts = 0;
}

/* A column's name in messages. */
static const char *spec_name(const eg_colspec *c)
{
    return c->shown ? c->shown : c->role;
}

int eg_table_finish(const eg_table *t, const char *display, const char *missing_code,
                    eg_diag_list *dl)
{
    char names[512] = "", near[448] = "";
    /* A fatal problem (a layout's, units.csv's) is the operator's, in
     * English; an error or a warning is the clerk's, in Vietnamese. */
    int en = dl->english;

    if (t->twice && t->twice_merged[0]) {
        /* one name merged across columns (spread_wide): the clerk sees
         * it over all of them */
        eg_diag_add(dl, EG_ERROR, missing_code, display, t->twice_row, t->twice_col[1] + 1, NULL,
                    NULL,
                    en ? "%s the cell '%s' (%s) is merged across columns, so that the column "
                         "'%s' is both column %d and column %d; %s, since which one "
                         "holds this year's figures cannot be told: unmerge the cell and write "
                         "the name over the column of this year's figures alone"
                       : "%s ô '%s' (%s) được gộp qua nhiều cột, nên cột '%s' là cả cột %d và "
                         "cột %d; %s, vì không xác định được cột nào chứa số "
                         "liệu năm nay: bỏ gộp ô và chỉ ghi tên cột trên cột số liệu năm nay",
                    t->have_header ? (en ? "the columns are named again below the header, and"
                                         : "các cột lại được ghi tên ở dưới dòng tiêu đề, và")
                                   : (en ? "in the header row" : "ở dòng tiêu đề,"),
                    t->twice_name[0], t->twice_merged, spec_name(&t->spec[t->twice - 1]),
                    t->twice_col[0] + 1, t->twice_col[1] + 1,
                    t->have_header ? (en ? "the rows from this one on were not read" :
                                           "các dòng từ dòng này trở đi không được đọc")
                                   : (en ? "nothing was read" : "không có số liệu nào được đọc"));
        return t->have_header;
    }
    if (t->have_header && t->twice) {
        /* a header again below the first (header_again) */
        eg_diag_add(dl, EG_ERROR, missing_code, display, t->twice_row, t->twice_col[1] + 1, NULL,
                    NULL,
                    en ? "row %ld names the columns again, and names the column '%s' twice: "
                         "column %d ('%s') and column %d ('%s'); the rows from it on were not "
                         "read, since which column holds this year's figures cannot be told: "
                         "keep one such column (delete or rename the other)"
                       : "dòng %ld lại ghi tên các cột, và có hai cột cùng là cột '%s': cột %d "
                         "('%s') và cột %d ('%s'); các dòng từ dòng này trở đi không được đọc, "
                         "vì không xác định được cột nào chứa số liệu năm nay: chỉ giữ một cột "
                         "như vậy (xóa hoặc đổi tên cột kia)",
                    t->twice_row, spec_name(&t->spec[t->twice - 1]), t->twice_col[0] + 1,
                    t->twice_name[0], t->twice_col[1] + 1, t->twice_name[1]);
        return 1;
    }
    if (t->have_header)
        return 1;
    if (t->twice) {
        eg_diag_add(dl, EG_ERROR, missing_code, display, t->twice_row, t->twice_col[1] + 1, NULL,
                    NULL,
                    en ? "the header row names the column '%s' twice: column %d ('%s') and "
                         "column %d ('%s'); nothing was read, since which one holds this "
                         "year's figures cannot be told: keep one such column (delete or "
                         "rename the other)"
                       : "dòng tiêu đề có hai cột cùng là cột '%s': cột %d ('%s') và cột %d "
                         "('%s'); không có số liệu nào được đọc, vì không xác định được cột "
                         "nào chứa số liệu năm nay: chỉ giữ một cột như vậy (xóa hoặc đổi tên "
                         "cột kia)",
                    spec_name(&t->spec[t->twice - 1]), t->twice_col[0] + 1, t->twice_name[0],
                    t->twice_col[1] + 1, t->twice_name[1]);
        return 0;
    }
    for (size_t r = 0; r < t->n_spec; r++) {
        if (!t->spec[r].required)
            continue;
        if (names[0])
            strncat(names, ", ", sizeof names - strlen(names) - 1);
        strncat(names, spec_name(&t->spec[r]), sizeof names - strlen(names) - 1);
        if (t->spec[r].stand_in > 0 && (size_t)t->spec[r].stand_in <= t->n_spec) {
            strncat(names, en ? " (or " : " (hoặc ", sizeof names - strlen(names) - 1);
            strncat(names, spec_name(&t->spec[t->spec[r].stand_in - 1]),
                    sizeof names - strlen(names) - 1);
            strncat(names, ")", sizeof names - strlen(names) - 1);
        }
    }
    /* a row that names some of them: which it lacks */
    if (t->near_found) {
        char lacks[256] = "";

        for (size_t r = 0; r < t->n_spec; r++) {
            if (!(t->near_missing & (1u << r)))
                continue;
            if (lacks[0])
                strncat(lacks, ", ", sizeof lacks - strlen(lacks) - 1);
            strncat(lacks, spec_name(&t->spec[r]), sizeof lacks - strlen(lacks) - 1);
        }
        snprintf(near, sizeof near,
                 en ? "; row %ld names some of them but not %s" :
                      "; dòng %ld có một số cột trên nhưng thiếu cột %s",
                 t->near_row, lacks);
        if (t->near_guess[0])
            snprintf(near + strlen(near), sizeof near - strlen(near),
                     en ? " (is '%s' meant to be %s?)" : " (có phải cột '%s' là cột %s không?)",
                     t->near_guess, spec_name(&t->spec[t->near_guess_role]));
    }
    if (t->sheet[0] && en)
        eg_diag_add(dl, EG_ERROR, missing_code, display, t->near_row, 0, NULL, NULL,
                    "no header row naming the columns %s in the first %d rows of the sheet "
                    "'%s' (a workbook is read from its sheet named BaoCao or Báo cáo, else "
                    "from its first visible sheet)%s", names, EG_HEADER_SEARCH_ROWS, t->sheet,
                    near);
    else if (t->sheet[0])
        eg_diag_add(dl, EG_ERROR, missing_code, display, t->near_row, 0, NULL, NULL,
                    "không tìm thấy dòng tiêu đề ghi tên các cột %s; đã tìm trong %d dòng đầu "
                    "tiên của trang tính '%s' (bảng tính được đọc từ trang tính tên BaoCao hoặc Báo "
                    "cáo, nếu không có thì từ trang tính đầu tiên không bị ẩn)%s",
                    names, EG_HEADER_SEARCH_ROWS, t->sheet, near);
    else
        eg_diag_add(dl, EG_ERROR, missing_code, display, t->near_row, 0, NULL, NULL,
                    en ? "no header row naming the columns %s in the first %d rows%s"
                       : "không tìm thấy dòng tiêu đề ghi tên các cột %s; đã tìm trong %d dòng đầu "
                         "tiên%s",
                    names, EG_HEADER_SEARCH_ROWS, near);
    return 0;
}

int eg_table_read_csv(const char *path, const char *display,
                      const eg_colspec *spec, size_t n_spec,
                      eg_record_fn fn, void *ctx, const eg_limits *lim,
                      const char *missing_code, eg_diag_list *dl)
{
    eg_table t;

    eg_table_init(&t, spec, n_spec, fn, ctx);
    return eg_table_read_csv_into(&t, path, display, lim, missing_code, dl);
}

int eg_table_read_csv_into(eg_table *t, const char *path, const char *display,
                           const eg_limits *lim, const char *missing_code, eg_diag_list *dl)
{
    int rc;

    /* the delimiter is found before the first row comes */
    rc = eg_csv_read(path, display, 0, is_header_noting, t, &t->delimiter, eg_table_row, t,
                     lim, dl);
    eg_table_release(t);
    if (rc < 0 && !t->have_header)
        return -1;
    if (!eg_table_finish(t, display, missing_code, dl))
        return 0;
    return rc < 0 ? -1 : 1;
}

void eg_colspec_set(eg_colspec *spec, const char *role, int required, const char *const *names)
{
    size_t n = 0;

    while (names[n])
        n++;
    spec->role = role;
    spec->shown = NULL;
    spec->required = required;
    spec->stand_in = 0;
    spec->n_aliases = n;
    spec->aliases = eg_xcalloc(n, sizeof *spec->aliases);
    for (size_t i = 0; i < n; i++)
        spec->aliases[i] = eg_fold(names[i]);
}

void eg_colspec_free(eg_colspec *spec, size_t n)
{
    for (size_t r = 0; r < n; r++) {
        for (size_t a = 0; a < spec[r].n_aliases; a++)
            free(spec[r].aliases[a]);
        free(spec[r].aliases);
        free(spec[r].shown);
        spec[r].aliases = NULL;
        spec[r].shown = NULL;
        spec[r].n_aliases = 0;
    }
}
