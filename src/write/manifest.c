#include "write/manifest.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "core/file.h"
#include "core/mem.h"
#include "core/number.h"
#include "core/sha256.h"
#include "core/strmap.h"
#include "core/thread.h"

#define MAGIC "egreport-manifest 1"
#define MAX_DEPTH 16
#define NS_PER_S 1000000000LL
#define RACY_NS (2 * NS_PER_S)   /* two seconds */
#define MAX_DIGEST_THREADS 8     /* eg_manifest_scan_jobs's cap (manifest.h) */

void eg_manifest_init(eg_manifest *m)
{
    memset(m, 0, sizeof *m);
}

static void free_entries(eg_mf_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(e[i].path);
    free(e);
}

void eg_manifest_free(eg_manifest *m)
{
    free(m->version);
    free(m->program);
    free(m->layouts);
    free(m->settings);
    free_entries(m->inputs, m->n_inputs);
    free_entries(m->outputs, m->n_outputs);
    memset(m, 0, sizeof *m);
}

static eg_mf_entry *push(eg_mf_entry **v, size_t *n, char kind, const char *path)
{
    eg_mf_entry *e;

    *v = eg_xrealloc(*v, (*n + 1) * sizeof **v);
    e = &(*v)[(*n)++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->path = eg_xstrdup(path);
    e->size = -1;
    return e;
}

static long long ns_of(struct timespec ts)
{
    return (long long)ts.tv_sec * NS_PER_S + ts.tv_nsec;
}

/* ---- scanning --------------------------------------------------------- */

/* A file whose bytes must be read for its digest: its entry in
 * m->inputs (by position: the array grows while the folders are
 * walked), its path. */
typedef struct {
    size_t at;
    long long size;               /* the entry's, for the order they are read in */
    char *abs;
} to_hash;

typedef struct {
    eg_manifest *m;
    const eg_manifest *prev;
    int jobs;                     /* threads that may read the files */
    to_hash *pending;             /* with more than one: read after the walk */
    size_t n_pending;
    eg_strmap prev_index;         /* path -> position in prev->inputs */
    dev_t dev[MAX_DEPTH + 1];     /* the folders being walked, to stop loops */
    ino_t ino[MAX_DEPTH + 1];
    int depth;
    dev_t out_dev[2];             /* folders never entered: the outputs' */
    ino_t out_ino[2];
    int n_out;
} scan_ctx;

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 when the digest recorded in p, by the scan at scanned_ns, holds for
 * a file that looks as e: the same inode, size and times, and those not
 * within two seconds before that scan (a change in the same tick as the
 * scan could have left them the same). */
static int cache_holds(const eg_mf_entry *p, long long scanned_ns, const eg_mf_entry *e)
{
    return p->kind == 'f' && e->kind == 'f' && p->ino == e->ino && p->size == e->size &&
           p->mtime_ns == e->mtime_ns && p->ctime_ns == e->ctime_ns &&
           scanned_ns - p->mtime_ns > RACY_NS && scanned_ns - p->ctime_ns > RACY_NS;
}

/* The digest of a file: the one recorded when the file looks exactly as
 * it did then and that was not too close to the scan, else its bytes. */
static int file_digest(scan_ctx *s, const char *abs, const char *rel, const struct stat *st,
                       eg_mf_entry *e)
{
    int at = s->prev ? eg_strmap_get(&s->prev_index, rel) : -1;

    e->size = (long long)st->st_size;
    e->ino = (unsigned long long)st->st_ino;
    e->mtime_ns = ns_of(st->st_mtim);
    e->ctime_ns = ns_of(st->st_ctim);
    if (at >= 0) {
        const eg_mf_entry *p = &s->prev->inputs[at];

        if (cache_holds(p, s->prev->scanned_ns, e)) {
            memcpy(e->sha, p->sha, sizeof e->sha);
            return 0;
        }
    }
    if (s->jobs > 1) {
        s->pending = eg_xrealloc(s->pending, (s->n_pending + 1) * sizeof *s->pending);
        s->pending[s->n_pending++] = (to_hash){ (size_t)(e - s->m->inputs), e->size,
                                                eg_xstrdup(abs) };
        return 0;
    }
    return eg_sha256_file(abs, e->sha);
}

/* An entry whose file could not be read: recorded as such. */
static void unreadable(eg_mf_entry *e)
{
    e->kind = 'x';
    e->size = -1;
    e->sha[0] = '\0';
}

/* ---- the files read for their digests, by several threads ------------- */

typedef struct {
    eg_manifest *m;
    const to_hash *files;         /* the largest first */
    size_t n;
    atomic_size_t next;
} hash_queue;

static void *hash_files(void *arg)
{
    hash_queue *q = arg;
    size_t k;

    while ((k = atomic_fetch_add(&q->next, 1)) < q->n) {
        eg_mf_entry *e = &q->m->inputs[q->files[k].at];

        if (eg_sha256_file(q->files[k].abs, e->sha) != 0)
            unreadable(e);
    }
    return NULL;
}

static int larger_first(const void *a, const void *b)
{
    long long x = ((const to_hash *)a)->size, y = ((const to_hash *)b)->size;

    return x > y ? -1 : x < y;
}

/* The digests the walk left for later: each file read by whichever of up
 * to s->jobs threads is free, the largest first, so that the last to
 * end is a small one.  Each digest is its file's, whoever reads it. */
static void hash_pending(scan_ctx *s)
{
    hash_queue q = { s->m, s->pending, s->n_pending, 0 };
    pthread_t th[MAX_DIGEST_THREADS - 1];
    int started = 0;

    if (s->n_pending > 1)
        qsort(s->pending, s->n_pending, sizeof *s->pending, larger_first);
    for (int t = 0; t < s->jobs - 1 && t < MAX_DIGEST_THREADS - 1 && (size_t)t + 1 < s->n_pending;
         t++)
        if (eg_thread_create(&th[started], "eg-digest", hash_files, &q) == 0)
            started++;
    hash_files(&q);
    for (int t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    for (size_t i = 0; i < s->n_pending; i++)
        free(s->pending[i].abs);
    free(s->pending);
    s->pending = NULL;
    s->n_pending = 0;
}

static int walk(scan_ctx *s, const char *abs, const char *rel)
{
    DIR *d = opendir(abs);
    struct dirent *de;
    char **names = NULL;
    size_t n = 0;

    if (!d)
        return -1;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.' || strncmp(de->d_name, "~$", 2) == 0)
            continue;
        names = eg_xrealloc(names, (n + 1) * sizeof *names);
        names[n++] = eg_xstrdup(de->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, cmp_names);

    for (size_t i = 0; i < n; i++) {
        char *cabs = eg_xasprintf("%s/%s", abs, names[i]);
        char *crel = *rel ? eg_xasprintf("%s/%s", rel, names[i]) : eg_xstrdup(names[i]);
        struct stat st;
        eg_mf_entry *e;

        if (stat(cabs, &st) != 0) {
            push(&s->m->inputs, &s->m->n_inputs, 'x', crel);
        } else if (S_ISDIR(st.st_mode)) {
            int loop = 0;

            for (int k = 0; k <= s->depth; k++)
                if (s->dev[k] == st.st_dev && s->ino[k] == st.st_ino)
                    loop = 1;
            /* an output folder reached through a link: its files are
             * this build's outputs, never its inputs */
            for (int k = 0; k < s->n_out; k++)
                if (s->out_dev[k] == st.st_dev && s->out_ino[k] == st.st_ino)
                    loop = 1;
            e = push(&s->m->inputs, &s->m->n_inputs, 'd', crel);
            if (!loop && s->depth < MAX_DEPTH) {
                size_t at = s->m->n_inputs - 1;

                s->depth++;
                s->dev[s->depth] = st.st_dev;
                s->ino[s->depth] = st.st_ino;
                if (walk(s, cabs, crel) != 0)
                    s->m->inputs[at].kind = 'x';
                s->depth--;
            }
            (void)e;
        } else if (S_ISREG(st.st_mode)) {
            e = push(&s->m->inputs, &s->m->n_inputs, 'f', crel);
            if (file_digest(s, cabs, crel, &st, e) != 0)
                unreadable(e);
        } else {
            push(&s->m->inputs, &s->m->n_inputs, 'o', crel);
        }
        free(cabs);
        free(crel);
        free(names[i]);
    }
    free(names);
    return 0;
}

int eg_manifest_scan(eg_manifest *m, const char *dir, const eg_manifest *prev)
{
    return eg_manifest_scan_outside(m, dir, prev, NULL);
}

int eg_manifest_scan_outside(eg_manifest *m, const char *dir, const eg_manifest *prev,
                             const char *const out[2])
{
    return eg_manifest_scan_jobs(m, dir, prev, out, 1);
}

int eg_manifest_scan_jobs(eg_manifest *m, const char *dir, const eg_manifest *prev,
                          const char *const out[2], int jobs)
{
    scan_ctx s;
    struct stat st;
    struct timespec now;
    int rc;

    memset(&s, 0, sizeof s);
    s.m = m;
    s.prev = prev;
    s.jobs = jobs;
    for (int k = 0; out && k < 2; k++) {
        if (out[k] && stat(out[k], &st) == 0 && S_ISDIR(st.st_mode)) {
            s.out_dev[s.n_out] = st.st_dev;
            s.out_ino[s.n_out++] = st.st_ino;
        }
    }
    clock_gettime(CLOCK_REALTIME, &now);
    m->scanned_ns = ns_of(now);
    if (stat(dir, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    if (prev)
        for (size_t i = 0; i < prev->n_inputs; i++)
            eg_strmap_put(&s.prev_index, prev->inputs[i].path, (int)i);
    s.dev[0] = st.st_dev;
    s.ino[0] = st.st_ino;
    rc = walk(&s, dir, "");
    hash_pending(&s);
    eg_strmap_free(&s.prev_index);
    return rc;
}

int eg_manifest_digest_dir(const char *dir, char hex[65])
{
    eg_manifest tmp;
    eg_sha256 c;
    unsigned char d[32];
    static const char digits[] = "0123456789abcdef";

    hex[0] = '\0';
    eg_manifest_init(&tmp);
    if (eg_manifest_scan(&tmp, dir, NULL) != 0) {
        eg_manifest_free(&tmp);
        return -1;
    }
    eg_sha256_init(&c);
    for (size_t i = 0; i < tmp.n_inputs; i++) {
        const eg_mf_entry *e = &tmp.inputs[i];
        char head[96];
        int k;

        /* a year's own layouts (layouts/2021/) are that year's, not the
         * others': editing them rebuilds no other year */
        if (strspn(e->path, "0123456789") == 4 && (e->path[4] == '/' || !e->path[4]))
            continue;
        k = snprintf(head, sizeof head, "%c %lld %s ", e->kind, e->size, e->sha);

        eg_sha256_update(&c, head, (size_t)k);
        eg_sha256_update(&c, e->path, strlen(e->path) + 1);
    }
    eg_sha256_final(&c, d);
    for (int i = 0; i < 32; i++) {
        hex[2 * i] = digits[d[i] >> 4];
        hex[2 * i + 1] = digits[d[i] & 15];
    }
    hex[64] = '\0';
    eg_manifest_free(&tmp);
    return 0;
}

int eg_manifest_add_output(eg_manifest *m, const char *name, const char *path, const char *sha)
{
    struct stat st;
    eg_mf_entry *e;

    if (stat(path, &st) != 0)
        return -1;
    e = push(&m->outputs, &m->n_outputs, 'f', name);
    e->size = (long long)st.st_size;
    if (sha) {
        snprintf(e->sha, sizeof e->sha, "%s", sha);
        return 0;
    }
    return eg_sha256_file(path, e->sha);
}

/* ---- the text form ---------------------------------------------------- */

static void put_escaped(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '\\')
            fputs("\\\\", f);
        else if (*s == '\n')
            fputs("\\n", f);
        else if (*s == '\r')
            fputs("\\r", f);
        else
            fputc(*s, f);
    }
}

/* Undoes put_escaped in place; returns s. */
static char *unescape(char *s)
{
    char *w = s;

    for (const char *r = s; *r; r++) {
        if (*r == '\\' && r[1]) {
            r++;
            *w++ = *r == 'n' ? '\n' : *r == 'r' ? '\r' : *r;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return s;
}

int eg_manifest_save(const eg_manifest *m, const char *path)
{
    FILE *f = fopen(path, "wb");
    int rc = 0, err = 0;

    if (!f)
        return -1;
    fputs(MAGIC "\n# What the outputs beside this file were built from; egreport compares it\n"
          "# at every build and writes nothing when nothing changed.  Do not edit.\n", f);
    fputs("version ", f);
    put_escaped(f, m->version);
    fputs("\nprogram ", f);
    put_escaped(f, m->program);
    fputs("\nlayouts ", f);
    put_escaped(f, m->layouts);
    fputs("\nsettings ", f);
    put_escaped(f, m->settings);
    fprintf(f, "\nscanned %lld\nresult %d %ld %ld %ld %ld %ld\n", m->scanned_ns, m->exit_code,
            m->units_got, m->units_expected, m->values, m->errors, m->warnings);
    for (size_t i = 0; i < m->n_inputs; i++) {
        const eg_mf_entry *e = &m->inputs[i];

        if (e->kind == 'f')
            fprintf(f, "input f %lld %s %llu %lld %lld ", e->size, e->sha, e->ino,
                    e->mtime_ns, e->ctime_ns);
        else
            fprintf(f, "input %c - - - - - ", e->kind);
        put_escaped(f, e->path);
        fputc('\n', f);
    }
    for (size_t i = 0; i < m->n_outputs; i++) {
        fprintf(f, "output %lld %s ", m->outputs[i].size, m->outputs[i].sha);
        put_escaped(f, m->outputs[i].path);
        fputc('\n', f);
    }
    fputs("end\n", f);
    if (fflush(f) != 0 || ferror(f)) {
        rc = -1;
        err = errno ? errno : EIO;
    }
    if (fclose(f) != 0 && !rc) {
        rc = -1;
        err = errno;
    }
    errno = err;
    return rc;
}

/* Splits off the next space-separated word of *s (NUL-terminating it). */
static char *word(char **s)
{
    char *w = *s, *sp;

    if (!w)
        return NULL;
    sp = strchr(w, ' ');
    if (sp) {
        *sp = '\0';
        *s = sp + 1;
    } else {
        *s = NULL;
    }
    return w;
}

/* Our own decimal reader: an optional '-', digits, nothing else. */
static int num(const char *s, long long *out)
{
    unsigned long long v = 0;
    int neg = 0;

    if (!s)
        return -1;
    if (*s == '-' && s[1]) {
        neg = 1;
        s++;
    }
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > 922337203685477579ULL)
            return -1;
        v = v * 10 + (unsigned long long)(*s - '0');
    }
    *out = neg ? -(long long)v : (long long)v;
    return 0;
}

/* The same for an unsigned 64-bit number (inode numbers). */
static int unum(const char *s, unsigned long long *out)
{
    unsigned long long v = 0;

    if (!s || !*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (~0ULL - 9) / 10)
            return -1;
        v = v * 10 + (unsigned long long)(*s - '0');
    }
    *out = v;
    return 0;
}

static int is_hex64(const char *s)
{
    if (!s || strlen(s) != 64)
        return 0;
    for (; *s; s++)
        if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
            return 0;
    return 1;
}

static int parse_line(eg_manifest *m, char *line, int *ended)
{
    char *rest = line;
    char *key = word(&rest);
    long long v[6];

    if (*ended)
        return -1;
    if (!strcmp(key, "end")) {
        *ended = 1;
        return rest ? -1 : 0;
    }
    if (key[0] == '#')
        return 0;
    if (!rest)
        return -1;
    if (!strcmp(key, "version") || !strcmp(key, "program") || !strcmp(key, "layouts") ||
        !strcmp(key, "settings")) {
        char **slot = key[0] == 'v' ? &m->version : key[0] == 'p' ? &m->program :
                      key[0] == 'l' ? &m->layouts : &m->settings;

        free(*slot);
        *slot = eg_xstrdup(unescape(rest));
        return 0;
    }
    if (!strcmp(key, "scanned"))
        return num(rest, &m->scanned_ns);
    if (!strcmp(key, "result")) {
        for (int i = 0; i < 6; i++)
            if (num(word(&rest), &v[i]))
                return -1;
        if (rest || v[0] < 0 || v[0] > 1)
            return -1;
        m->exit_code = (int)v[0];
        m->units_got = (long)v[1];
        m->units_expected = (long)v[2];
        m->values = (long)v[3];
        m->errors = (long)v[4];
        m->warnings = (long)v[5];
        return 0;
    }
    if (!strcmp(key, "input")) {
        char *kind = word(&rest), *size = word(&rest), *sha = word(&rest);
        char *ino = word(&rest), *mt = word(&rest), *ct = word(&rest);
        eg_mf_entry *e;

        if (!rest || !kind || strlen(kind) != 1 || !strchr("fdox", kind[0]))
            return -1;
        e = push(&m->inputs, &m->n_inputs, kind[0], unescape(rest));
        if (kind[0] != 'f')
            return 0;
        if (num(size, &e->size) || !is_hex64(sha) || unum(ino, &e->ino) ||
            num(mt, &e->mtime_ns) || num(ct, &e->ctime_ns))
            return -1;
        memcpy(e->sha, sha, 65);
        return 0;
    }
    if (!strcmp(key, "output")) {
        char *size = word(&rest), *sha = word(&rest);
        eg_mf_entry *e;

        if (!rest || !is_hex64(sha))
            return -1;
        e = push(&m->outputs, &m->n_outputs, 'f', unescape(rest));
        memcpy(e->sha, sha, 65);
        return num(size, &e->size);
    }
    return -1;
}

int eg_manifest_load(eg_manifest *m, const char *path)
{
    FILE *f = eg_fopen_input(path);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int rc = 0, ended = 0, first = 1;

    eg_manifest_init(m);
    if (!f)
        return -1;
    while (rc == 0 && (n = getline(&line, &cap, f)) > 0) {
        if (line[n - 1] != '\n' || memchr(line, '\0', (size_t)n)) {
            rc = -1;
            break;
        }
        line[n - 1] = '\0';
        if (first) {
            rc = strcmp(line, MAGIC) ? -1 : 0;
            first = 0;
        } else {
            rc = parse_line(m, line, &ended);
        }
    }
    free(line);
    if (ferror(f) || !ended || !m->version || !m->layouts)
        rc = -1;
    fclose(f);
    if (rc)
        eg_manifest_free(m);
    return rc;
}

/* ---- comparing -------------------------------------------------------- */

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int eg_manifest_same_build(const eg_manifest *old, const eg_manifest *now)
{
    if (!same_str(old->version, now->version) || !same_str(old->program, now->program) ||
        !same_str(old->layouts, now->layouts) || !same_str(old->settings, now->settings) ||
        old->n_inputs != now->n_inputs)
        return 0;
    for (size_t i = 0; i < old->n_inputs; i++) {
        const eg_mf_entry *a = &old->inputs[i], *b = &now->inputs[i];

        if (a->kind != b->kind || strcmp(a->path, b->path) != 0)
            return 0;
        if (a->kind == 'f' && (a->size != b->size || strcmp(a->sha, b->sha) != 0))
            return 0;
        /* a file's day of modification dates a submission (W_LATE): the
         * same bytes modified on another day may not be the same build */
        if (a->kind == 'f' && eg_local_day(a->mtime_ns / NS_PER_S) !=
                                  eg_local_day(b->mtime_ns / NS_PER_S))
            return 0;
    }
    return 1;
}

int eg_manifest_cache_stale(const eg_manifest *old, const eg_manifest *now)
{
    for (size_t i = 0; i < old->n_inputs && i < now->n_inputs; i++)
        if (now->inputs[i].kind == 'f' &&
            !cache_holds(&old->inputs[i], old->scanned_ns, &now->inputs[i]) &&
            cache_holds(&now->inputs[i], now->scanned_ns, &now->inputs[i]))
            return 1;
    return 0;
}

int eg_manifest_outputs_intact(const eg_manifest *m, const char *dir)
{
    if (m->n_outputs == 0)
        return 0;
    for (size_t i = 0; i < m->n_outputs; i++) {
        const eg_mf_entry *e = &m->outputs[i];
        char *path = eg_xasprintf("%s/%s", dir, e->path);
        struct stat st;
        char hex[65];
        int ok = stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == e->size &&
                 eg_sha256_file(path, hex) == 0 && strcmp(hex, e->sha) == 0;

        free(path);
        if (!ok)
            return 0;
    }
    return 1;
}
