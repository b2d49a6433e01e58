#include "normalize/owners.h"

#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/strmap.h"

/* 1 when unit a is unit b or one of its communes, districts... */
static int within(const eg_registry *r, int a, int b)
{
    for (int depth = 0; a >= 0 && depth <= EG_LEVEL_COUNT; depth++, a = r->items[a].parent)
        if (a == b)
            return 1;
    return 0;
}

/* Two passes over the values: the unit nearest the top, then whether
 * every other is within it, whatever their order. */
int *eg_file_owners(const eg_dataset *ds)
{
    int *owner = eg_xmalloc((ds->n_files + 1) * sizeof *owner);
    int *top = eg_xmalloc((ds->n_files + 1) * sizeof *top);

    for (size_t f = 0; f < ds->n_files; f++)
        owner[f] = -1, top[f] = EG_LEVEL_COUNT + 1;
    for (size_t i = 0; i < ds->n_values; i++) {
        int f = ds->values[i].file, u = ds->values[i].unit, depth = 0;

        for (int a = ds->registry.items[u].parent; a >= 0 && depth <= EG_LEVEL_COUNT;
             a = ds->registry.items[a].parent)
            depth++;
        if (depth < top[f])
            owner[f] = u, top[f] = depth;
    }
    for (size_t i = 0; i < ds->n_values; i++) {
        int f = ds->values[i].file;

        if (owner[f] >= 0 && !within(&ds->registry, ds->values[i].unit, owner[f]))
            owner[f] = -2;      /* of units apart */
    }
    for (size_t f = 0; f < ds->n_files; f++)
        if (owner[f] < 0)
            owner[f] = -1;
    free(top);
    return owner;
}

void eg_diag_name_owners(eg_diag_list *dl, const eg_dataset *ds)
{
    eg_strmap file_at = { 0 };
    int *owner = NULL;

    for (size_t i = 0; i < dl->n; i++) {
        eg_diag *d = &dl->items[i];
        int f;

        /* a "… N more" line is of rows, which name no owner either */
        if (d->unit || !d->file || d->row != 0 || d->more || d->severity == EG_FATAL)
            continue;
        if (!owner) {
            owner = eg_file_owners(ds);
            for (size_t k = 0; k < ds->n_files; k++)
                eg_strmap_put(&file_at, ds->files[k].path, (int)k);
        }
        f = eg_strmap_get(&file_at, d->file);
        if (f >= 0 && owner[f] >= 0)
            d->unit = eg_xstrdup(ds->registry.items[owner[f]].code);
    }
    free(owner);
    eg_strmap_free(&file_at);
}
