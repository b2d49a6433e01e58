#include "extract/submissions.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/mem.h"
#include "extract/csv.h"

static int has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);

    return n > k && strcasecmp(name + n - k, suffix) == 0;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct {
    eg_dataset *ds;
    int file;
    eg_raw_fn fn;
    void *ctx;
} file_state;

static int on_record(void *ctx, const eg_record *rec)
{
    file_state *s = ctx;
    eg_raw_value rv;

    s->ds->files[s->file].rows_read++;
    /* Section headings, blank lines and signatures have no indicator. */
    if (!rec->field[1][0])
        return 0;
    rv.file = s->file;
    rv.row = rec->row;
    rv.unit = rec->field[0];
    rv.unit_col = rec->col[0];
    rv.indicator = rec->field[1];
    rv.indicator_col = rec->col[1];
    rv.value = rec->field[2];
    rv.value_col = rec->col[2];
    rv.note = rec->field[3];
    s->fn(s->ctx, &rv);
    return 0;
}

int eg_submissions_read(eg_dataset *ds, const eg_colspec *cols, eg_raw_fn fn, void *ctx,
                        const eg_limits *lim, eg_diag_list *dl)
{
    char *dir = eg_xasprintf("%s/submissions", ds->year_dir);
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL;
    size_t n = 0;

    if (!d) {
        eg_diag_add(dl, EG_FATAL, "F_INPUT", "submissions", 0, 0, NULL, NULL,
                    "cannot open the submissions folder: %s", strerror(errno));
        free(dir);
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        /* Hidden files and Excel's lock files are nobody's submission. */
        if (e->d_name[0] == '.' || strncmp(e->d_name, "~$", 2) == 0)
            continue;
        names = eg_xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = eg_xstrdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_names);

    for (size_t i = 0; i < n; i++) {
        char *rel = eg_xasprintf("submissions/%s", names[i]);
        char *abs = eg_xasprintf("%s/%s", dir, names[i]);
        struct stat st;
        eg_source *src;
        int format;

        if (stat(abs, &st) != 0) {
            eg_diag_add(dl, EG_ERROR, "E_FILE_READ", rel, 0, 0, NULL, NULL,
                        "cannot read: %s", strerror(errno));
            free(rel);
            free(abs);
            continue;
        }
        if (!S_ISREG(st.st_mode)) {
            eg_diag_add(dl, EG_WARNING, "W_FILE_IGNORED", rel, 0, 0, NULL, NULL,
                        "not a regular file; ignored");
            free(rel);
            free(abs);
            continue;
        }
        if (has_suffix(names[i], ".csv") || has_suffix(names[i], ".txt"))
            format = EG_FORMAT_CSV;
        else if (has_suffix(names[i], ".xlsx"))
            format = EG_FORMAT_XLSX;
        else if (has_suffix(names[i], ".xls"))
            format = EG_FORMAT_XLS;
        else
            format = EG_FORMAT_OTHER;
        if (format == EG_FORMAT_OTHER) {
            eg_diag_add(dl, EG_WARNING, "W_FILE_IGNORED", rel, 0, 0, NULL, NULL,
                        "not a submission (.csv, .xlsx or .xls); ignored");
            free(rel);
            free(abs);
            continue;
        }
        ds->files = eg_xrealloc(ds->files, (ds->n_files + 1) * sizeof *ds->files);
        src = &ds->files[ds->n_files];
        memset(src, 0, sizeof *src);
        src->path = rel;
        src->abs_path = abs;
        src->size = st.st_size;
        src->mtime = st.st_mtime;
        src->format = format;
        ds->n_files++;
        if (format != EG_FORMAT_CSV) {
            eg_diag_add(dl, EG_ERROR, "E_FORMAT_UNSUPPORTED", rel, 0, 0, NULL, NULL,
                        "%s workbooks are not read by this version of egreport; save the sheet as \"CSV UTF-8\" and send that",
                        format == EG_FORMAT_XLSX ? "XLSX" : "XLS");
            continue;
        } else {
            file_state fs = { ds, (int)ds->n_files - 1, fn, ctx };

            eg_table_read_csv(abs, rel, cols, 4, on_record, &fs, lim, "E_NO_HEADER", dl);
        }
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    free(dir);
    return 0;
}
