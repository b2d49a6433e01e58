/*
 * model.h - the data model in the middle of the pipeline.
 *
 * Extractors fill an eg_dataset with rows; normalize turns rows into typed
 * values, checks them and derives the provincial figures; writers read the
 * result.  Extractors know nothing of indicators beyond codes, and writers
 * know nothing of the files that came in beyond the names kept here.
 */
#ifndef EG_MODEL_H
#define EG_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "core/diag.h"
#include "core/strmap.h"

typedef enum {
    EG_LEVEL_TINH,   /* the province itself */
    EG_LEVEL_SO,     /* department (sở, ban, ngành) */
    EG_LEVEL_HUYEN,  /* district, town, city */
    EG_LEVEL_XA,     /* commune, ward, township */
    EG_LEVEL_COUNT
} eg_level;

#define EG_LEVEL_BIT(l) (1u << (l))

typedef enum {
    EG_TYPE_COUNT,
    EG_TYPE_MONEY,
    EG_TYPE_NUMBER,
    EG_TYPE_PERCENT,
    EG_TYPE_BOOL,
    EG_TYPE_ENUM,
    EG_TYPE_SCORE,
    EG_TYPE_TEXT
} eg_type;

typedef struct eg_pattern eg_pattern;

typedef struct {
    char *code;    /* lien_thong */
    char *label;   /* một cửa điện tử liên thông */
    char *folded;  /* label without case and diacritics, for matching */
} eg_enum_option;

typedef struct {
    char *code;             /* ht.cbcc */
    char *label;            /* Tổng số cán bộ, công chức */
    char *unit_label;       /* người, hồ sơ, đồng; may be empty */
    eg_type type;
    unsigned levels;        /* EG_LEVEL_BIT mask of who reports it */
    eg_enum_option *options;
    size_t n_options;
    double max[EG_LEVEL_COUNT]; /* score maxima; 0 where not scored */
    eg_pattern *pattern;    /* optional constraint on text/enum values */
    int line;               /* line in the catalogue file */
} eg_indicator;

typedef struct {
    eg_indicator *items;
    size_t n;
    eg_strmap index;        /* code (as written) -> position */
    eg_pattern *unit_code_pattern;
    char *path;             /* the catalogue file, for messages */
} eg_catalogue;

typedef struct {
    char *code;
    char *name;
    char *folded_name;      /* name without case and diacritics */
    eg_level level;
    int parent;             /* position in the registry, -1 for none */
    int submitted;          /* at least one accepted or rejected row named it */
} eg_unit;

typedef struct {
    eg_unit *items;
    size_t n;
    eg_strmap index;        /* code -> position */
    int province;           /* position of the one `tinh` unit */
    size_t count[EG_LEVEL_COUNT];
} eg_registry;

/* One value as it was accepted from a submission. */
typedef struct {
    int unit;               /* position in the registry */
    int indicator;          /* position in the catalogue */
    int64_t i;              /* count, money, bool (0/1), enum option */
    double d;               /* number, percent, score; also i as double */
    const char *text;       /* the text as written (owned by the dataset) */
    const char *note;       /* may be NULL */
    int file;               /* position in eg_dataset.files */
    long row;
    int col;
    int unreadable;         /* while reading only: a report that could not be read,
                               kept to be named if the pair is reported again;
                               never among the values a build uses */
} eg_value;

/* A cell of a submission: a value's, or one left empty. */
typedef struct {
    int file;               /* position in eg_dataset.files */
    long row;
    int col;
} eg_place;

typedef struct {
    char *path;             /* relative to the year folder: submissions/x.csv */
    char *abs_path;
    long long size;
    long long mtime;
    int format;             /* eg_format of extract/ */
    size_t rows_read;
    int submitted_on;       /* yyyymmdd: the latest date its rows' submitted_on
                               column gives; 0 none, -1 only unreadable ones
                               (normalize/completeness.h) */
    int submitted_on_said;  /* an unreadable one was said (once a file) */
} eg_source;

typedef struct {
    char *key;
    char *value;
    long row;               /* where it was read, for messages */
} eg_fact;

/* Everything read for one year, after normalisation. */
typedef struct {
    int year;
    char *year_dir;         /* <input>/<year> */
    int jobs;               /* threads the reading may use (0 or 1: this one) */
    char as_of[11];         /* the day the figures run to, YYYY-MM-DD: the build's
                               day while the year is not over, else 31 December;
                               "" when not set (31 December is meant) */
    int provisional;        /* 1: the year is not over, its figures are a part of it */
    int today;              /* yyyymmdd: the build's day (SOURCE_DATE_EPOCH, else the
                               clock); a submitted_on after it is a slip.  0: unknown */
    int not_yet_come;       /* the first submitted_on judged after today (a slip only
                               until the clock reaches it), yyyymmdd; 0: none */
    eg_registry registry;
    eg_fact *facts;         /* report.csv */
    size_t n_facts;
    eg_fact *baseline;      /* baseline.csv: code -> value text */
    size_t n_baseline;
    eg_source *files;
    size_t n_files;
    eg_value *values;       /* accepted values, ordered by file then row */
    size_t n_values;
    size_t cap_values;
    int32_t *cell;          /* n_units x n_indicators: position in values, -1 none */
    size_t n_indicators;
    eg_place *blanks;       /* a form's rows whose value cell was left empty: the
                               first of each pair, where a required value that
                               never came is said to be missing */
    size_t n_blanks, cap_blanks;
    int32_t *blank_cell;    /* n_units x n_indicators: position in blanks, -1
                               none; NULL until the first */
    unsigned char *refused; /* n_units x n_indicators: 1 where the unit sent a
                               value and none was accepted (unreadable, in
                               conflict); NULL when there is none */
    char **strings;         /* arena of owned strings */
    size_t n_strings, cap_strings;
} eg_dataset;

const char *eg_level_code(eg_level level);          /* "tinh", "so", ... */
const char *eg_level_label(eg_level level);         /* "Tỉnh", "Sở, ban, ngành", ... */
int eg_level_parse(const char *s, eg_level *out);   /* 0 on success */
int eg_type_parse(const char *s, eg_type *out);

/* The value of unit u for indicator k, or NULL when it has none. */
const eg_value *eg_dataset_get(const eg_dataset *ds, int u, int k);
/* 1 when unit u sent a value of indicator k and none was accepted. */
int eg_dataset_refused(const eg_dataset *ds, int u, int k);
/* Where unit u left indicator k's value cell empty, or NULL. */
const eg_place *eg_dataset_blank(const eg_dataset *ds, int u, int k);
const char *eg_dataset_fact(const eg_dataset *ds, const char *key);
/* Sets ds->as_of, ds->provisional and ds->today from now (seconds since
 * the epoch: SOURCE_DATE_EPOCH, else the clock) and ds->year: while now's local day
 * (eg_local_day) is not past 31 December of the year, the build is
 * provisional and its figures run to that day; after it, to 31 December.
 * A now with no local day counts as past the year. */
void eg_dataset_set_as_of(eg_dataset *ds, long long now);
/* That day as YYYY-MM-DD: ds->as_of, or when it is not set 31 December
 * of the year, made in buf (of at least 11 bytes). */
const char *eg_dataset_as_of(const eg_dataset *ds, char *buf, size_t cap);
/* That day as dd/mm/yyyy in buf (of at least 11 bytes).  Returns buf. */
char *eg_dataset_as_of_short(const eg_dataset *ds, char *buf, size_t cap);
/* Keeps a copy of s alive as long as the dataset; never returns NULL. */
const char *eg_dataset_keep(eg_dataset *ds, const char *s);
void eg_dataset_free(eg_dataset *ds);
/* Frees the n facts (report.csv's, baseline.csv's) and empties the list. */
void eg_facts_free(eg_fact **facts, size_t *n);
void eg_catalogue_free(eg_catalogue *cat);
void eg_registry_free(eg_registry *reg);

#endif
