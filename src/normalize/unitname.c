#include "normalize/unitname.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/text.h"

/* Values of the resolved cache: a unit's position is stored plus 2. */
#define NAME_UNKNOWN   0
#define NAME_AMBIGUOUS 1
#define MAX_LISTED     5

/* Words in front of a unit's name that say who runs it, and the kind
 * words registry names start with; all folded (eg_fold). */
static const char *const owners[] = { "uy ban nhan dan ", "ubnd ", NULL };
static const char *const kinds[] = { "so ", "ban ", "huyen ", "quan ", "thi xa ", "thanh pho ",
                                     "xa ", "phuong ", "thi tran ", "tinh ", NULL };

/* s past the first of prefixes it starts with, or NULL. */
static const char *after_prefix(const char *s, const char *const *prefixes)
{
    for (size_t i = 0; prefixes[i]; i++) {
        size_t n = strlen(prefixes[i]);

        if (strncmp(s, prefixes[i], n) == 0 && s[n])
            return s + n;
    }
    return NULL;
}

/* 1 when b ends with " " + a. */
static int ends_with_word(const char *b, const char *a)
{
    size_t na = strlen(a), nb = strlen(b);

    return nb > na && b[nb - na - 1] == ' ' && strcmp(b + nb - na, a) == 0;
}

/* The kind words clerks shorten, folded: "TP Pleiku", "TX. An Khê",
 * "H. Chư Păh" are "thành phố Pleiku", "thị xã An Khê", "huyện Chư Păh". */
static const char *const short_kinds[][2] = {
    { "tp", "thanh pho" }, { "tx", "thi xa" }, { "tt", "thi tran" }, { "h", "huyen" },
    { "p", "phuong" }, { "x", "xa" }, { "q", "quan" },
};

/* folded with its first word, a shortened kind ("tp", "tp.", "h."),
 * written out; NULL when it starts with none. */
static char *kind_written_out(const char *folded)
{
    for (size_t i = 0; i < sizeof short_kinds / sizeof *short_kinds; i++) {
        const char *ab = short_kinds[i][0];
        size_t n = strlen(ab);
        const char *rest = folded + n;

        if (strncmp(folded, ab, n) != 0)
            continue;
        if (*rest == '.')           /* "tp." or "h." */
            rest++;
        else if (n == 1 || *rest != ' ')   /* "h" alone is no kind */
            continue;
        while (*rest == ' ')
            rest++;
        if (*rest)
            return eg_xasprintf("%s %s", short_kinds[i][1], rest);
    }
    return NULL;
}

/* The units whose folded name is key, or else whose name without its kind
 * word is; at most cap of them in out; returns how many there are. */
static size_t units_named(const eg_registry *reg, const char *key, int *out, size_t cap)
{
    size_t n = 0;

    for (size_t u = 0; u < reg->n; u++)
        if (strcmp(reg->items[u].folded_name, key) == 0 && n++ < cap)
            out[n - 1] = (int)u;
    if (n == 0)
        for (size_t u = 0; u < reg->n; u++) {
            const char *rest = after_prefix(reg->items[u].folded_name, kinds);

            if (rest && strcmp(rest, key) == 0 && n++ < cap)
                out[n - 1] = (int)u;
        }
    return n;
}

/* The units of reg that name designates (see unitname.h), at most cap of
 * them in out; returns how many there are.  A shortened kind word is
 * written out when the name as given designates none. */
static size_t candidates(const eg_registry *reg, const char *name, int *out, size_t cap)
{
    char *folded = eg_fold(name);
    const char *key = after_prefix(folded, owners);
    size_t n;

    if (!key)
        key = folded;
    n = units_named(reg, key, out, cap);
    if (n == 0) {
        char *full = kind_written_out(key);

        if (full)
            n = units_named(reg, full, out, cap);
        free(full);
    }
    free(folded);
    return n;
}

/* Among units that fold alike, those whose name matches name with its
 * diacritics (only case ignored); returns how many, first in *one. */
static size_t exact_among(const eg_registry *reg, const char *name, const int *cand, size_t n,
                          int *one)
{
    char *given = eg_casefold(name);
    size_t hits = 0;

    for (size_t i = 0; i < n; i++) {
        char *unit = eg_casefold(reg->items[cand[i]].name);

        if (strcmp(unit, given) == 0 || ends_with_word(unit, given) ||
            ends_with_word(given, unit)) {
            if (!hits)
                *one = cand[i];
            hits++;
        }
        free(unit);
    }
    free(given);
    return hits;
}

/* The unit whose folded name is nearest to name's (its shortened kind
 * word written out), or -1. */
static int nearest_name(const eg_registry *reg, const char *name)
{
    char *given = eg_fold(name);
    const char *key = after_prefix(given, owners);
    char *folded = kind_written_out(key ? key : given);
    size_t best_d;
    int best = -1;

    if (!folded)
        folded = eg_xstrdup(key ? key : given);
    free(given);
    best_d = strlen(folded) / 3 + 2;
    for (size_t u = 0; u < reg->n; u++) {
        const char *rest = after_prefix(reg->items[u].folded_name, kinds);
        size_t d = eg_edit_distance(folded, reg->items[u].folded_name, best_d);

        if (rest) {
            size_t d2 = eg_edit_distance(folded, rest, best_d);

            if (d2 < d)
                d = d2;
        }
        if (d < best_d) {
            best_d = d;
            best = (int)u;
        }
    }
    free(folded);
    return best;
}

/* What name designates, each distinct name resolved once (as written:
 * diacritics may decide between names that fold alike): its unit + 2,
 * NAME_AMBIGUOUS or NAME_UNKNOWN. */
static int resolve(eg_unit_names *c, const eg_registry *reg, const char *name)
{
    char *written = eg_casefold(name);
    int cached = eg_strmap_get(&c->resolved, written);

    if (cached < 0) {
        int cand[MAX_LISTED], one = -1;
        size_t n = candidates(reg, name, cand, MAX_LISTED);

        if (n == 1)
            cached = cand[0] + 2;
        else if (n > 1 && n <= MAX_LISTED && exact_among(reg, name, cand, n, &one) == 1)
            cached = one + 2;
        else
            cached = n ? NAME_AMBIGUOUS : NAME_UNKNOWN;
        eg_strmap_put(&c->resolved, written, cached);
    }
    free(written);
    return cached;
}

int eg_unit_named(eg_unit_names *c, const eg_registry *reg, const char *name)
{
    int cached = resolve(c, reg, name);

    return cached >= 2 ? cached - 2 : -1;
}

int eg_unit_named_in_code(eg_unit_names *c, const eg_registry *reg, const char *text)
{
    /* a code has neither spaces nor letters beyond ASCII */
    for (const char *p = text; *p; p++)
        if (*p == ' ' || (unsigned char)*p >= 0x80)
            return eg_unit_named(c, reg, text);
    return -1;
}

int eg_unit_by_name(eg_unit_names *c, const eg_registry *reg, const char *name,
                    int file_no, const char *display, long row, int col,
                    const char *indicator, eg_diag_list *dl)
{
    int cached = resolve(c, reg, name);     /* the errors are per row */
    int cand[MAX_LISTED];
    size_t n;

    if (cached >= 2) {
        const eg_unit *u = &reg->items[cached - 2];
        char *key = eg_xasprintf("%d\x1F%d", file_no, cached - 2);

        if (eg_strmap_get(&c->warned, key) < 0) {
            eg_strmap_put(&c->warned, key, 1);
            eg_diag_add(dl, EG_WARNING, "W_UNIT_BY_NAME", display, row, col, u->code, NULL,
                        "tên đơn vị '%s' được hiểu là %s (%s); để chắc chắn, ghi mã đơn vị "
                        "vào cột 'Mã đơn vị'", name, u->code, u->name);
        }
        free(key);
        return cached - 2;
    }
    if (cached == NAME_AMBIGUOUS) {
        char *list = eg_xstrdup("");

        n = candidates(reg, name, cand, MAX_LISTED);
        for (size_t i = 0; i < n && i < MAX_LISTED; i++) {
            char *more = eg_xasprintf("%s%s%s (%s)", list, i ? ", " : "",
                                      reg->items[cand[i]].name, reg->items[cand[i]].code);

            free(list);
            list = more;
        }
        eg_diag_add(dl, EG_ERROR, "E_UNIT_NAME_AMBIGUOUS", display, row, col, NULL, indicator,
                    "tên đơn vị '%s' khớp với nhiều đơn vị: %s%s; ghi mã đơn vị vào cột "
                    "'Mã đơn vị'", name, list, n > MAX_LISTED ? " và các đơn vị khác" : "");
        free(list);
    } else {
        int near = nearest_name(reg, name);

        if (near >= 0)
            eg_diag_add(dl, EG_ERROR, "E_UNKNOWN_UNIT_NAME", display, row, col, NULL, indicator,
                        "không có đơn vị nào trong danh mục đơn vị (units.csv) có tên '%s'; "
                        "có phải là '%s' (%s) không?", name, reg->items[near].name,
                        reg->items[near].code);
        else
            eg_diag_add(dl, EG_ERROR, "E_UNKNOWN_UNIT_NAME", display, row, col, NULL, indicator,
                        "không có đơn vị nào trong danh mục đơn vị (units.csv) có tên '%s'", name);
    }
    return -1;
}

void eg_unit_names_free(eg_unit_names *c)
{
    eg_strmap_free(&c->resolved);
    eg_strmap_free(&c->warned);
}
