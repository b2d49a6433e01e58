#include "core/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/number.h"
#include "core/pattern.h"

static const char *const level_codes[EG_LEVEL_COUNT] = { "tinh", "so", "huyen", "xa" };
static const char *const level_labels[EG_LEVEL_COUNT] = {
    "Tỉnh", "Sở, ban, ngành", "Cấp huyện", "Cấp xã"
};
static const char *const type_codes[] = {
    "count", "money", "number", "percent", "bool", "enum", "score", "text"
};

const char *eg_level_code(eg_level level)
{
    return (unsigned)level < EG_LEVEL_COUNT ? level_codes[level] : "?";
}

const char *eg_level_label(eg_level level)
{
    return (unsigned)level < EG_LEVEL_COUNT ? level_labels[level] : "?";
}

int eg_level_parse(const char *s, eg_level *out)
{
    for (int i = 0; i < EG_LEVEL_COUNT; i++)
        if (strcmp(s, level_codes[i]) == 0) {
            *out = (eg_level)i;
            return 0;
        }
    return -1;
}

int eg_type_parse(const char *s, eg_type *out)
{
    for (size_t i = 0; i < sizeof type_codes / sizeof *type_codes; i++)
        if (strcmp(s, type_codes[i]) == 0) {
            *out = (eg_type)i;
            return 0;
        }
    return -1;
}

const eg_value *eg_dataset_get(const eg_dataset *ds, int u, int k)
{
    int32_t at;

    if (!ds->cell || u < 0 || k < 0)
        return NULL;
    at = ds->cell[(size_t)u * ds->n_indicators + (size_t)k];
    return at >= 0 ? &ds->values[at] : NULL;
}

int eg_dataset_refused(const eg_dataset *ds, int u, int k)
{
    if (!ds->refused || u < 0 || k < 0)
        return 0;
    return ds->refused[(size_t)u * ds->n_indicators + (size_t)k];
}

const eg_place *eg_dataset_blank(const eg_dataset *ds, int u, int k)
{
    int32_t at;

    if (!ds->blank_cell || u < 0 || k < 0)
        return NULL;
    at = ds->blank_cell[(size_t)u * ds->n_indicators + (size_t)k];
    return at >= 0 ? &ds->blanks[at] : NULL;
}

const char *eg_dataset_fact(const eg_dataset *ds, const char *key)
{
    for (size_t i = 0; i < ds->n_facts; i++)
        if (strcmp(ds->facts[i].key, key) == 0)
            return ds->facts[i].value;
    return NULL;
}

const char *eg_dataset_keep(eg_dataset *ds, const char *s)
{
    if (ds->n_strings == ds->cap_strings) {
        ds->cap_strings = ds->cap_strings ? ds->cap_strings * 2 : 256;
        ds->strings = eg_xrealloc(ds->strings, ds->cap_strings * sizeof *ds->strings);
    }
    return ds->strings[ds->n_strings++] = eg_xstrdup(s);
}

void eg_registry_free(eg_registry *reg)
{
    for (size_t i = 0; i < reg->n; i++) {
        free(reg->items[i].code);
        free(reg->items[i].name);
        free(reg->items[i].folded_name);
    }
    free(reg->items);
    eg_strmap_free(&reg->index);
    memset(reg, 0, sizeof *reg);
}

void eg_facts_free(eg_fact **facts, size_t *n)
{
    for (size_t i = 0; i < *n; i++) {
        free((*facts)[i].key);
        free((*facts)[i].value);
    }
    free(*facts);
    *facts = NULL;
    *n = 0;
}

void eg_dataset_free(eg_dataset *ds)
{
    free(ds->year_dir);
    eg_registry_free(&ds->registry);
    eg_facts_free(&ds->facts, &ds->n_facts);
    eg_facts_free(&ds->baseline, &ds->n_baseline);
    for (size_t i = 0; i < ds->n_files; i++) {
        free(ds->files[i].path);
        free(ds->files[i].abs_path);
    }
    free(ds->files);
    free(ds->values);
    free(ds->cell);
    free(ds->blanks);
    free(ds->blank_cell);
    free(ds->refused);
    for (size_t i = 0; i < ds->n_strings; i++)
        free(ds->strings[i]);
    free(ds->strings);
    memset(ds, 0, sizeof *ds);
}

void eg_catalogue_free(eg_catalogue *cat)
{
    for (size_t i = 0; i < cat->n; i++) {
        eg_indicator *ind = &cat->items[i];

        free(ind->code);
        free(ind->label);
        free(ind->unit_label);
        for (size_t k = 0; k < ind->n_options; k++) {
            free(ind->options[k].code);
            free(ind->options[k].label);
            free(ind->options[k].folded);
        }
        free(ind->options);
        eg_pattern_free(ind->pattern);
    }
    free(cat->items);
    eg_strmap_free(&cat->index);
    eg_pattern_free(cat->unit_code_pattern);
    free(cat->path);
    memset(cat, 0, sizeof *cat);
}

void eg_dataset_set_as_of(eg_dataset *ds, long long now)
{
    int day = eg_local_day(now), end = ds->year * 10000 + 1231;

    ds->today = day > 0 ? day : 0;
    ds->provisional = day > 0 && day <= end;
    if (!ds->provisional)
        day = end;
    snprintf(ds->as_of, sizeof ds->as_of, "%04u-%02u-%02u", (unsigned)day / 10000 % 10000,
             (unsigned)day / 100 % 100, (unsigned)day % 100);
}

const char *eg_dataset_as_of(const eg_dataset *ds, char *buf, size_t cap)
{
    if (ds->as_of[0])
        return ds->as_of;
    snprintf(buf, cap, "%04u-12-31", (unsigned)ds->year % 10000);
    return buf;
}

char *eg_dataset_as_of_short(const eg_dataset *ds, char *buf, size_t cap)
{
    char iso[16];
    unsigned y = 0, m = 0, d = 0;

    sscanf(eg_dataset_as_of(ds, iso, sizeof iso), "%4u-%2u-%2u", &y, &m, &d);
    snprintf(buf, cap, "%02u/%02u/%04u", d % 100, m % 100, y % 10000);
    return buf;
}
