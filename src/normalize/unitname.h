/*
 * unitname.h - a unit named in a submission instead of coded.
 *
 * Some files carry a `Tên đơn vị` column and no `Mã đơn vị`.  A name
 * designates a registry unit when, without case and diacritics (eg_fold,
 * the registry's folded_name), it is:
 *
 *   1. the unit's name, after dropping an "Ủy ban nhân dân" or "UBND" in
 *      front of it ("UBND huyện Chư Pưh" is "Huyện Chư Pưh");
 *   2. else the unit's name without its leading kind word (sở, ban,
 *      huyện, thị xã, thành phố, xã, phường, thị trấn, tỉnh): "Chư Pưh"
 *      is "Huyện Chư Pưh".
 *
 * When several units fold alike ("Xã Ia Le" and "Xã Ia Lê"), the one
 * whose name matches with its diacritics, and only without case, wins;
 * if there is not exactly one, the name is ambiguous.  A match is a
 * warning, once per file and unit (W_UNIT_BY_NAME); an ambiguous name
 * (E_UNIT_NAME_AMBIGUOUS) and a name no unit has (E_UNKNOWN_UNIT_NAME,
 * with the nearest name) are errors at each row, whose value is left out.
 * A row with both a code and a name whose name designates another unit,
 * not one above the code's, is E_UNIT_NAME_MISMATCH (accept.c).
 */
#ifndef EG_UNITNAME_H
#define EG_UNITNAME_H

#include "core/diag.h"
#include "core/model.h"
#include "core/strmap.h"

typedef struct {
    eg_strmap resolved;     /* name in lower case -> unit, ambiguous or unknown */
    eg_strmap warned;       /* "file\x1Funit" already warned about */
} eg_unit_names;

/* The position in reg of the unit that name designates, or -1 after an
 * error at (file, row, col).  file_no and display name the file (a
 * warning is given once per file and unit); indicator is for messages. */
int eg_unit_by_name(eg_unit_names *c, const eg_registry *reg, const char *name,
                    int file_no, const char *display, long row, int col,
                    const char *indicator, eg_diag_list *dl);

/* The unit name designates by the rules above, or -1 (no unit, or
 * several).  Says nothing; each distinct name is looked up once. */
int eg_unit_named(eg_unit_names *c, const eg_registry *reg, const char *name);

/* A unit's name written where its code goes ("Huyện Kbang" in `Mã đơn
 * vị`): the unit it designates by the rules above, or -1 (also for text
 * that looks like a code: no space, ASCII only).  Says nothing; each
 * distinct name is looked up once (c's cache, as eg_unit_by_name's). */
int eg_unit_named_in_code(eg_unit_names *c, const eg_registry *reg, const char *text);

/* Frees the caches; c may be zeroed (empty). */
void eg_unit_names_free(eg_unit_names *c);

#endif
