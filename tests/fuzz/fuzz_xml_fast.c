/*
 * fuzz_xml_fast.c - the fast XML reader (extract/xml_fast.c) against expat.
 *
 * The first byte of the input says where the handlers stop the parse; the
 * rest is the document.  The document is read by eg_xml_fast_parse and by
 * expat set up as eg_xlsx_parse sets it up (namespaces on with a space
 * between URI and local name, a DOCTYPE or an entity declaration fails the
 * parse, no parameter entities, its memory capped: here at 8 MiB, the
 * least a build gives it), each time into one string of events: a
 * start as "S<name>", each of its attributes as "A<name>=<value>", an end
 * as "E<name>", and the text between two tags as one "T<text>" line, its
 * pieces joined (the readers cut text into different pieces).  When the
 * fast reader returns EG_XML_FAST_DONE, expat must accept the document and
 * the two strings must be equal; otherwise the target aborts.  A decline
 * proves nothing and is not compared.
 *
 * The first byte, when not 0: its low 7 bits are k; without its high bit
 * the handler of the k-th start or end stops the parse, with it the first
 * text handler called after k starts and ends does.  Both readers are
 * stopped the same way and compared again: the same events before the
 * stop, and no handler of the fast reader called after it.  A stop in a
 * text handler leaves each reader with a piece of the same text: one piece
 * must begin the other.  When the document read whole is taken, the
 * stopped reading must be taken too.
 */
#include "fuzz.h"

#include <expat.h>

#include "extract/xlsx_priv.h"
#include "extract/xml_fast.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    char *s;
    size_t n, cap;
} xf_buf;

static void xf_add(xf_buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2 + 64;
        b->s = eg_xrealloc(b->s, b->cap);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

/* Appends s[0, n) with '\\', line ends and other control bytes escaped
 * (and '=' too in a name), so that each event stays one line and an
 * attribute's name cannot run into its value. */
static void xf_add_escaped(xf_buf *b, const char *s, size_t n, int name)
{
    char tmp[8];

    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == '\\')
            xf_add(b, "\\\\", 2);
        else if (c == '\n')
            xf_add(b, "\\n", 2);
        else if (c == '=' && name)
            xf_add(b, "\\=", 2);
        else if (c < 0x20 && c != '\t') {
            snprintf(tmp, sizeof tmp, "\\x%02x", c);
            xf_add(b, tmp, 4);
        } else
            xf_add(b, (const char *)&c, 1);
    }
}

/* What the handlers make of one reading. */
typedef struct {
    xf_buf ev;              /* the events, one a line */
    xf_buf text;            /* text since the last tag, not yet a line */
    long tags;              /* starts and ends so far */
    long stop_tags;         /* stop in the handler of this tag (0: none) */
    int stop_in_text;       /* stop instead in the first text handler after stop_tags tags */
    int stopped_in_text;
    int refused;            /* expat: a DOCTYPE or an entity declaration */
    long late;              /* handlers called after the stop */
} xf_rec;

static void xf_stop(eg_xml *x)
{
    x->stopped = 1;
    if (x->parser)
        XML_StopParser(x->parser, XML_FALSE);
}

static void xf_flush(xf_rec *r)
{
    if (!r->text.n)
        return;
    xf_add(&r->ev, "T", 1);
    xf_add_escaped(&r->ev, r->text.s, r->text.n, 0);
    xf_add(&r->ev, "\n", 1);
    r->text.n = 0;
}

static void xf_tag(xf_rec *r, char what, const char *name)
{
    xf_flush(r);
    xf_add(&r->ev, &what, 1);
    xf_add_escaped(&r->ev, name, strlen(name), 1);
    xf_add(&r->ev, "\n", 1);
}

static void xf_counted(eg_xml *x, xf_rec *r)
{
    r->tags++;
    if (!r->stop_in_text && r->stop_tags && r->tags == r->stop_tags)
        xf_stop(x);
}

static void xf_on_start(eg_xml *x, const char *name, const char **attrs)
{
    xf_rec *r = x->ud;

    if (x->stopped) {
        r->late++;
        return;
    }
    xf_tag(r, 'S', name);
    for (size_t i = 0; attrs[i]; i += 2) {
        xf_add(&r->ev, "A", 1);
        xf_add_escaped(&r->ev, attrs[i], strlen(attrs[i]), 1);
        xf_add(&r->ev, "=", 1);
        xf_add_escaped(&r->ev, attrs[i + 1], strlen(attrs[i + 1]), 0);
        xf_add(&r->ev, "\n", 1);
    }
    xf_counted(x, r);
}

static void xf_on_end(eg_xml *x, const char *name)
{
    xf_rec *r = x->ud;

    if (x->stopped) {
        r->late++;
        return;
    }
    xf_tag(r, 'E', name);
    xf_counted(x, r);
}

static void xf_on_text(eg_xml *x, const char *s, int len)
{
    xf_rec *r = x->ud;

    if (x->stopped) {
        r->late++;
        return;
    }
    if (len <= 0)
        return;
    xf_add(&r->text, s, (size_t)len);
    if (r->stop_in_text && r->tags >= r->stop_tags) {
        r->stopped_in_text = 1;
        xf_stop(x);
    }
}

/* expat's side, as in xlsx_zip.c: no handler once the parse is stopped. */
static void XMLCALL xf_expat_start(void *ud, const XML_Char *name, const XML_Char **attrs)
{
    eg_xml *x = ud;

    if (!x->stopped)
        x->start(x, name, attrs);
}

static void XMLCALL xf_expat_end(void *ud, const XML_Char *name)
{
    eg_xml *x = ud;

    if (!x->stopped)
        x->end(x, name);
}

static void XMLCALL xf_expat_text(void *ud, const XML_Char *s, int len)
{
    eg_xml *x = ud;

    if (!x->stopped)
        x->text(x, s, len);
}

static void xf_refuse(eg_xml *x)
{
    xf_rec *r = x->ud;

    if (x->stopped)
        return;
    r->refused = 1;
    xf_stop(x);
}

static void XMLCALL xf_expat_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                                     const XML_Char *pubid, int has_internal_subset)
{
    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal_subset;
    xf_refuse(ud);
}

static void XMLCALL xf_expat_entity(void *ud, const XML_Char *name, int is_param,
                                    const XML_Char *value, int value_len, const XML_Char *base,
                                    const XML_Char *sysid, const XML_Char *pubid,
                                    const XML_Char *notation)
{
    (void)name; (void)is_param; (void)value; (void)value_len; (void)base;
    (void)sysid; (void)pubid; (void)notation;
    xf_refuse(ud);
}

/* One reading's outcome. */
typedef struct {
    int rc;                 /* fast: EG_XML_FAST_*; expat: 1 accepted (or stopped), 0 not */
    int stopped;            /* stopped by the handlers (not by a refusal) */
    int stopped_in_text;
    long late;              /* handlers called after the stop */
    char *events;           /* the events before the stop, as lines */
    char *last_text;        /* stopped in text: the text that handler had (escaped) */
    char error[96];         /* expat: why it failed */
} xf_run;

static void xf_begin(eg_xml *x, xf_rec *r, long stop_tags, int stop_in_text)
{
    memset(x, 0, sizeof *x);
    memset(r, 0, sizeof *r);
    r->stop_tags = stop_tags;
    r->stop_in_text = stop_in_text;
    x->part = "fuzz.xml";
    x->ud = r;
    x->start = xf_on_start;
    x->end = xf_on_end;
    x->text = xf_on_text;
}

static void xf_finish(const eg_xml *x, xf_rec *r, xf_run *out)
{
    xf_buf last = { 0 };

    out->stopped = x->stopped && !r->refused;
    out->stopped_in_text = r->stopped_in_text;
    out->late = r->late;
    if (r->stopped_in_text) {
        xf_add(&last, "", 0);
        xf_add_escaped(&last, r->text.s, r->text.n, 0);
        r->text.n = 0;
    }
    xf_flush(r);
    xf_add(&r->ev, "", 0);
    out->events = r->ev.s;
    out->last_text = last.s;
    free(r->text.s);
}

static void xf_run_free(xf_run *run)
{
    free(run->events);
    free(run->last_text);
    run->events = run->last_text = NULL;
}

/* Reads doc[0, len) with expat; out->rc is 1 when expat accepted it or the
 * handlers stopped it, 0 when it failed (out->error says why). */
/* Expat's memory, capped as eg_xlsx_parse caps it (8 MiB and twice the
 * cell cap; here the 8 MiB alone, the least a build gives it): what the
 * fast reader takes must be what expat takes within that memory. */
#define XF_EXPAT_BUDGET ((size_t)8 << 20)

typedef union {
    size_t n;
    max_align_t align;
} xf_mem_hdr;

static size_t xf_expat_used;

static void *xf_expat_malloc(size_t n)
{
    xf_mem_hdr *h;

    if (n > XF_EXPAT_BUDGET - xf_expat_used || !(h = malloc(sizeof *h + n)))
        return NULL;
    h->n = n;
    xf_expat_used += n;
    return h + 1;
}

static void *xf_expat_realloc(void *p, size_t n)
{
    xf_mem_hdr *h, *h2;

    if (!p)
        return xf_expat_malloc(n);
    h = (xf_mem_hdr *)p - 1;
    if (n > h->n && n - h->n > XF_EXPAT_BUDGET - xf_expat_used)
        return NULL;
    if (!(h2 = realloc(h, sizeof *h2 + n)))
        return NULL;
    xf_expat_used = xf_expat_used - h2->n + n;
    h2->n = n;
    return h2 + 1;
}

static void xf_expat_free(void *p)
{
    xf_mem_hdr *h;

    if (!p)
        return;
    h = (xf_mem_hdr *)p - 1;
    xf_expat_used -= h->n;
    free(h);
}

static void xf_run_expat(const char *doc, size_t len, long stop_tags, int stop_in_text,
                         xf_run *out)
{
    static const XML_Memory_Handling_Suite mem = { xf_expat_malloc, xf_expat_realloc,
                                                   xf_expat_free };
    XML_Parser p;

    xf_expat_used = 0;
    p = XML_ParserCreate_MM(NULL, &mem, " ");
    enum XML_Status st;
    eg_xml x;
    xf_rec r;

    if (!p) {
        fprintf(stderr, "fuzz_xml_fast: cannot create an expat parser\n");
        abort();
    }
    memset(out, 0, sizeof *out);
    xf_begin(&x, &r, stop_tags, stop_in_text);
    x.parser = p;
    XML_SetUserData(p, &x);
    XML_SetElementHandler(p, xf_expat_start, xf_expat_end);
    XML_SetCharacterDataHandler(p, xf_expat_text);
    XML_SetStartDoctypeDeclHandler(p, xf_expat_doctype);
    XML_SetEntityDeclHandler(p, xf_expat_entity);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);
    st = XML_Parse(p, doc, (int)len, 1);
    xf_finish(&x, &r, out);
    out->rc = st == XML_STATUS_OK ? !r.refused : out->stopped;
    if (r.refused)
        snprintf(out->error, sizeof out->error, "a DOCTYPE or an entity declaration");
    else if (!out->rc)
        snprintf(out->error, sizeof out->error, "%s at line %lu, column %lu",
                 XML_ErrorString(XML_GetErrorCode(p)),
                 (unsigned long)XML_GetCurrentLineNumber(p),
                 (unsigned long)XML_GetCurrentColumnNumber(p) + 1);
    XML_ParserFree(p);
}

/* Reads doc[0, len) with the fast reader, from a copy of exactly len
 * bytes (a read past the end is then one the sanitizers see). */
static void xf_run_fast(const char *doc, size_t len, long stop_tags, int stop_in_text,
                        xf_run *out)
{
    char *copy = malloc(len ? len : 1);
    eg_xml x;
    xf_rec r;

    if (!copy)
        abort();
    if (len)
        memcpy(copy, doc, len);
    memset(out, 0, sizeof *out);
    xf_begin(&x, &r, stop_tags, stop_in_text);
    out->rc = eg_xml_fast_parse(&x, copy, len);
    xf_finish(&x, &r, out);
    free(copy);
}

/* The byte where two strings first differ, and a little before it. */
static size_t xf_diverge(const char *a, const char *b)
{
    size_t i = 0;

    while (a[i] && a[i] == b[i])
        i++;
    while (i > 0 && a[i - 1] != '\n')
        i--;
    return i;
}

/* Compares the two readings of one document (the same stop); NULL when
 * they agree or the fast reader declined, else what differs (a new
 * string). */
static char *xf_differ(const xf_run *fast, const xf_run *ex)
{
    size_t at;

    if (fast->rc != EG_XML_FAST_DONE && fast->rc != EG_XML_FAST_DECLINED)
        return eg_xasprintf("the fast reader returned %d", fast->rc);
    if (fast->late)
        return eg_xasprintf("the fast reader called a handler %ld time(s) after the stop",
                            fast->late);
    if (fast->rc != EG_XML_FAST_DONE)
        return NULL;
    if (!ex->rc)
        return eg_xasprintf("the fast reader took it, expat fails: %s\nfast events:\n%.600s",
                            ex->error, fast->events);
    if (fast->stopped != ex->stopped || fast->stopped_in_text != ex->stopped_in_text)
        return eg_xasprintf("the fast reader %s, expat %s\nfast events:\n%.600s\n"
                            "expat events:\n%.600s",
                            fast->stopped ? "stopped" : "did not stop",
                            ex->stopped ? "stopped" : "did not stop", fast->events, ex->events);
    if (strcmp(fast->events, ex->events) != 0) {
        at = xf_diverge(fast->events, ex->events);
        return eg_xasprintf("the events differ from byte %zu of the trace\nfast:  %.400s\n"
                            "expat: %.400s", at, fast->events + at, ex->events + at);
    }
    if (fast->stopped_in_text) {
        const char *a = fast->last_text, *b = ex->last_text;
        size_t na = strlen(a), nb = strlen(b);

        if (!na || !nb || strncmp(a, b, na < nb ? na : nb) != 0)
            return eg_xasprintf("stopped in text, the pieces differ\nfast:  \"%.400s\"\n"
                                "expat: \"%.400s\"", a, b);
    }
    return NULL;
}

/* Reads the document both ways with this stop; NULL when they agree,
 * else what differs.  *fast_rc: what the fast reader returned. */
static char *xf_compare(const char *doc, size_t len, long stop_tags, int stop_in_text,
                        int *fast_rc)
{
    xf_run fast, ex;
    char *why;

    xf_run_fast(doc, len, stop_tags, stop_in_text, &fast);
    xf_run_expat(doc, len, stop_tags, stop_in_text, &ex);
    why = xf_differ(&fast, &ex);
    if (fast_rc)
        *fast_rc = fast.rc;
    xf_run_free(&fast);
    xf_run_free(&ex);
    return why;
}

/* The whole check of one document: read whole, then stopped as asked
 * (when stop_tags or stop_in_text).  NULL, or what went wrong.  *taken:
 * whether the fast reader took the document read whole. */
static char *xf_check(const char *doc, size_t len, long stop_tags, int stop_in_text, int *taken)
{
    int rc_whole, rc_stopped;
    char *why = xf_compare(doc, len, 0, 0, &rc_whole), *w;

    if (taken)
        *taken = rc_whole == EG_XML_FAST_DONE;
    if (why || (!stop_tags && !stop_in_text))
        return why;
    why = xf_compare(doc, len, stop_tags, stop_in_text, &rc_stopped);
    if (why) {
        w = eg_xasprintf("stopped %s %ld tag(s): %s", stop_in_text ? "in text after" : "at",
                         stop_tags, why);
        free(why);
        return w;
    }
    if (rc_whole == EG_XML_FAST_DONE && rc_stopped != EG_XML_FAST_DONE)
        return eg_xasprintf("the fast reader takes the document whole but declines it when "
                            "stopped %s %ld tag(s)", stop_in_text ? "in text after" : "at",
                            stop_tags);
    return NULL;
}

/* doc as a C string literal (octal escapes: exact and unambiguous); a new
 * string. */
static char *xf_c_string(const char *doc, size_t len)
{
    xf_buf b = { 0 };
    char tmp[8];

    xf_add(&b, "\"", 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)doc[i];

        if (c == '"' || c == '\\') {
            tmp[0] = '\\';
            tmp[1] = (char)c;
            xf_add(&b, tmp, 2);
        } else if (c == '\n') {
            xf_add(&b, "\\n", 2);
        } else if (c < 0x20 || c >= 0x7f) {
            snprintf(tmp, sizeof tmp, "\\%03o", c);
            xf_add(&b, tmp, 4);
        } else {
            xf_add(&b, (const char *)&c, 1);
        }
    }
    xf_add(&b, "\"", 1);
    return b.s;
}

/* How many inputs were compared and how many the fast reader took (the
 * corpus replay checks that some were). */
static long xf_inputs, xf_taken;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *doc = size ? (const char *)data + 1 : "";
    size_t len = size ? size - 1 : 0;
    long stop_tags = size ? data[0] & 0x7f : 0;
    int stop_in_text = size && (data[0] & 0x80);
    int taken = 0;
    char *why = xf_check(doc, len, stop_tags, stop_in_text, &taken);

    xf_inputs++;
    xf_taken += taken;
    if (why) {
        char *lit = xf_c_string(doc, len);

        fprintf(stderr, "fuzz_xml_fast: %s\ndocument (%zu bytes): %s\n", why, len, lit);
        abort();
    }
    return 0;
}
