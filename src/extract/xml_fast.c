/*
 * xml_fast.c - a part's XML read without expat, when it is plain
 * (xml_fast.h says which corner of XML, and why).
 *
 * One pass over the text.  A tag's attributes are read first (names as
 * they are written, values with their references decoded), then its
 * namespace declarations bound, then its name and its attributes' names
 * made as expat makes them ("uri local", or "local" without a namespace),
 * and the handler called.  Text goes to the handler as it lies, a
 * reference's character apart.  Whatever this reader is not sure expat
 * would read the same way is declined, never guessed.
 */
#include "extract/xml_fast.h"

#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"
#include "core/text.h"

/* Past these bounds a part is left to expat.  No sheet comes near them
 * (Excel's root element, the largest tag, holds 9 attributes and
 * declarations in about 1 KB; a sheet has a few dozen names).  They keep
 * this reader's lists short (expat finds a prefix or an attribute given
 * twice with hash tables: without the bounds, a made-up 4 MB sheet of
 * thousands of prefixes in force took this reader 10 s), and they keep
 * what this reader takes far inside the memory expat is given
 * (eg_xlsx_parse: 8 MiB and more), where expat refuses a part it would
 * need more for: a tag of megabytes, a long URI copied into every open
 * element's name, thousands of distinct names it keeps a record of.
 * Within them expat needs a few MiB at most for any part this reader
 * takes: tags of 64 KiB, 256 open elements with names of 256 bytes and
 * 4 KiB of URIs, 1,024 names. */
#define MAX_DEPTH 256          /* elements open */
#define MAX_ATTRS 32           /* attributes and declarations in one tag */
#define MAX_BINDINGS 64        /* namespace declarations in force */
#define MAX_TAG 65536          /* bytes of a start tag, '<' to '>' */
#define MAX_NAME 256           /* bytes of an element's or attribute's name */
#define MAX_URIS 4096          /* bytes of the URIs in force */
#define MAX_NAMES 1024         /* distinct names of elements and attributes */
#define NAME_SLOTS 2048        /* their table: twice as many slots */
#define TEXT_PIECE ((size_t)1 << 30)

static const char xml_uri[] = "http://www.w3.org/XML/1998/namespace";
static const char xmlns_uri[] = "http://www.w3.org/2000/xmlns/";

typedef struct {
    const char *prefix;        /* in the text; NULL: the default namespace */
    size_t plen;
    size_t uri, ulen;          /* in uris; ulen 0: none (xmlns="") */
} binding;

typedef struct {
    const char *qname;         /* as written, for its end tag */
    size_t qlen;
    size_t bindings, uris;     /* what was bound before it */
} frame;

/* An attribute as read: its name as written, its value decoded in tag. */
typedef struct {
    const char *qname;
    size_t qlen, colon;        /* colon: the prefix's length, 0 for none */
    size_t value, vlen;        /* in tag */
    size_t name;               /* in tag: the name made for the handler */
    int decl;                  /* a namespace declaration */
} attr;

/* A distinct name met: its bytes in the text (held whole while read). */
typedef struct {
    const char *s;
    uint32_t len, hash;
} name_slot;

typedef struct {
    eg_xml *x;
    const char *p, *end;
    binding *b;
    size_t nb, cb;
    eg_buf uris;               /* the bound URIs, each NUL-ended */
    frame fr[MAX_DEPTH];
    size_t depth;
    attr at[MAX_ATTRS];
    eg_buf tag;                /* a tag's names and values, NUL-ended */
    name_slot names[NAME_SLOTS];
    size_t n_names;
} reader;

/* What a byte of text is: plain, or what must be looked at. */
enum { PLAIN, LT, AMP, BRACKET, BAD, LEAD };

static unsigned char text_class[256];

static void init_classes(void)
{
    for (int c = 0; c < 256; c++) {
        unsigned char k = PLAIN;

        if (c < 0x20)
            k = (c == '\t' || c == '\n') ? PLAIN : BAD;   /* '\r' too: expat turns it */
        else if (c == '<')
            k = LT;
        else if (c == '&')
            k = AMP;
        else if (c == ']')
            k = BRACKET;
        else if (c >= 0x80)
            k = (c >= 0xC2 && c <= 0xF4) ? LEAD : BAD;
        text_class[c] = k;
    }
}

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int name_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int name_char(int c)
{
    return name_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

/* Bytes of the UTF-8 character at p (a lead byte, C2 to F4: the caller
 * checks) that expat takes as a character XML allows, or 0. */
static size_t utf8_char(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    unsigned lo = 0x80, hi = 0xBF;

    if ((size_t)(end - p) < n)
        return 0;
    if (c == 0xE0)
        lo = 0xA0;
    else if (c == 0xED)
        hi = 0x9F;              /* no surrogate */
    else if (c == 0xF0)
        lo = 0x90;
    else if (c == 0xF4)
        hi = 0x8F;              /* nothing past U+10FFFF */
    if (p[1] < lo || p[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++)
        if ((p[i] & 0xC0) != 0x80)
            return 0;
    if (c == 0xEF && p[1] == 0xBF && p[2] >= 0xBE)
        return 0;               /* U+FFFE, U+FFFF */
    return n;
}

/* The reference at *pp ('&' first): its character's UTF-8 into out (at
 * least 4 bytes), *pp past its ';'.  Its length, or 0 when it is not one
 * of the five entities or a character reference to a character XML
 * allows. */
static size_t reference(const char **pp, const char *end, char *out)
{
    const char *p = *pp + 1;
    uint32_t cp = 0;

    if (p < end && *p == '#') {
        int hex = ++p < end && *p == 'x', digits = 0;

        p += hex;
        for (; p < end && *p != ';'; p++, digits++) {
            int d;

            if (*p >= '0' && *p <= '9')
                d = *p - '0';
            else if (hex && ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'f'))
                d = (*p | 0x20) - 'a' + 10;
            else
                return 0;
            cp = cp * (hex ? 16u : 10u) + (uint32_t)d;
            if (cp > 0x10FFFF)
                return 0;
        }
        if (p == end || !digits)
            return 0;
        if (!(cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
              (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000))
            return 0;
        *pp = p + 1;
        return eg_utf8_put(out, cp);
    }
    {
        static const struct {
            const char *name;
            size_t len;
            char c;
        } ents[] = { { "lt;", 3, '<' }, { "gt;", 3, '>' }, { "amp;", 4, '&' },
                     { "quot;", 5, '"' }, { "apos;", 5, '\'' } };

        for (size_t i = 0; i < sizeof ents / sizeof *ents; i++)
            if ((size_t)(end - p) >= ents[i].len && memcmp(p, ents[i].name, ents[i].len) == 0) {
                *pp = p + ents[i].len;
                out[0] = ents[i].c;
                return 1;
            }
    }
    return 0;
}

/* A name at r->p: its length, and in *colon the prefix's length (0 for
 * none).  0 when it is no name this reader takes (ASCII, at most one
 * colon, a part on each side of it). */
static size_t read_name(reader *r, size_t *colon)
{
    const char *p = r->p, *s = p;

    *colon = 0;
    if (p == r->end || !name_start((unsigned char)*p))
        return 0;
    for (p++; p < r->end; p++) {
        unsigned char c = (unsigned char)*p;

        if (c == ':') {
            if (*colon || p + 1 == r->end || !name_start((unsigned char)p[1]))
                return 0;
            *colon = (size_t)(p - s);
        } else if (!name_char(c)) {
            if (c >= 0x80)
                return 0;       /* a name going on in other letters */
            break;
        }
    }
    if ((size_t)(p - s) > MAX_NAME)
        return 0;
    r->p = p;
    return (size_t)(p - s);
}

/* Counts name s (n bytes) among the distinct names met.  0, or -1 past
 * MAX_NAMES of them. */
static int met_name(reader *r, const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    size_t at;

    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    for (at = h & (NAME_SLOTS - 1); r->names[at].s; at = (at + 1) & (NAME_SLOTS - 1))
        if (r->names[at].hash == h && r->names[at].len == n && memcmp(r->names[at].s, s, n) == 0)
            return 0;
    if (r->n_names == MAX_NAMES)
        return -1;
    r->names[at] = (name_slot){ s, (uint32_t)n, h };
    r->n_names++;
    return 0;
}

static void skip_space(reader *r)
{
    while (r->p < r->end && is_space((unsigned char)*r->p))
        r->p++;
}

/* An attribute's value at r->p (its quote first), decoded into tag.
 * 0, or -1 to decline. */
static int read_value(reader *r, attr *a)
{
    char q;
    const char *p;

    if (r->p == r->end || (*r->p != '"' && *r->p != '\''))
        return -1;
    q = *r->p++;
    p = memchr(r->p, q, (size_t)(r->end - r->p));
    if (!p)
        return -1;
    eg_buf_reserve(&r->tag, (size_t)(p - r->p) + 1);    /* a value never decodes longer */
    a->value = r->tag.n;
    for (p = r->p; p < r->end && *p != q;) {
        unsigned char c = (unsigned char)*p;

        if (c == '&') {
            size_t k = reference(&p, r->end, r->tag.p + r->tag.n);

            if (!k)
                return -1;
            r->tag.n += k;
        } else if (c < 0x20 || c == '<') {
            return -1;          /* a tab or line end expat makes a space; '<' */
        } else if (c >= 0x80) {
            size_t k = text_class[c] == LEAD
                           ? utf8_char((const unsigned char *)p, (const unsigned char *)r->end)
                           : 0;

            if (!k)
                return -1;          /* no lead byte, or no character */
            memcpy(r->tag.p + r->tag.n, p, k);
            r->tag.n += k;
            p += k;
        } else {
            r->tag.p[r->tag.n++] = (char)c;
            p++;
        }
    }
    if (p == r->end)
        return -1;
    a->vlen = r->tag.n - a->value;
    r->tag.p[r->tag.n++] = '\0';
    r->p = p + 1;
    return 0;
}

/* The binding of a prefix (plen bytes; NULL: the default one), or NULL. */
static const binding *bound(const reader *r, const char *prefix, size_t plen)
{
    for (size_t i = r->nb; i-- > 0;) {
        const binding *b = &r->b[i];

        if (prefix ? b->prefix && b->plen == plen && memcmp(b->prefix, prefix, plen) == 0
                   : !b->prefix)
            return b;
    }
    return NULL;
}

static int bind(reader *r, const char *prefix, size_t plen, const char *uri, size_t ulen)
{
    binding *b;

    if (memchr(uri, ' ', ulen) || (ulen == sizeof xml_uri - 1 && !memcmp(uri, xml_uri, ulen)) ||
        (ulen == sizeof xmlns_uri - 1 && !memcmp(uri, xmlns_uri, ulen)))
        return -1;              /* the separator in it; a reserved one */
    if (r->nb > MAX_BINDINGS || r->uris.n + ulen + 1 > MAX_URIS)
        return -1;              /* the xml prefix's and MAX_BINDINGS more */
    if (r->nb == r->cb) {
        r->cb = r->cb ? 2 * r->cb : 16;
        r->b = eg_xrealloc(r->b, r->cb * sizeof *r->b);
    }
    b = &r->b[r->nb++];
    b->prefix = prefix;
    b->plen = plen;
    b->uri = r->uris.n;
    b->ulen = ulen;
    eg_buf_put(&r->uris, uri, ulen);
    eg_buf_put(&r->uris, "", 1);
    return 0;
}

/* Appends to tag the name expat gives qname (colon: its prefix's length):
 * "uri local", or the local part alone without a namespace.  elem: an
 * element's name, which the default namespace applies to.  Its offset,
 * or (size_t)-1 for a prefix not bound. */
static size_t make_name(reader *r, const char *qname, size_t qlen, size_t colon, int elem)
{
    const binding *b = NULL;
    const char *local = colon ? qname + colon + 1 : qname;
    size_t llen = colon ? qlen - colon - 1 : qlen, at = r->tag.n, ulen = 0;

    if (colon) {
        if ((b = bound(r, qname, colon)) == NULL)
            return (size_t)-1;
    } else if (elem) {
        b = bound(r, NULL, 0);
    }
    if (b)
        ulen = b->ulen;
    eg_buf_reserve(&r->tag, ulen + 1 + llen + 1);
    if (ulen) {
        memcpy(r->tag.p + r->tag.n, r->uris.p + b->uri, ulen);
        r->tag.n += ulen;
        r->tag.p[r->tag.n++] = ' ';
    }
    memcpy(r->tag.p + r->tag.n, local, llen);
    r->tag.n += llen;
    r->tag.p[r->tag.n++] = '\0';
    return at;
}

static int same(const char *a, size_t na, const char *b, size_t nb)
{
    return na == nb && memcmp(a, b, na) == 0;
}

/* A start tag at r->p ('<' and a name start first): its attributes read,
 * its namespaces bound, the start handler called; an empty element ends
 * at once.  0, or -1 to decline. */
static int start_tag(reader *r)
{
    eg_xml *x = r->x;
    const char *tag = r->p, *qname, *attrs[2 * MAX_ATTRS + 1];
    size_t qlen, colon, n = 0, name, uris = r->uris.n, bindings = r->nb;
    int empty = 0;

    r->p++;
    qname = r->p;
    if ((qlen = read_name(r, &colon)) == 0 || r->depth == MAX_DEPTH ||
        met_name(r, qname, qlen))
        return -1;
    if (colon == 5 && memcmp(qname, "xmlns", 5) == 0)
        return -1;
    r->tag.n = 0;
    for (;;) {
        const char *before = r->p;
        attr *a;

        skip_space(r);
        if (r->p == r->end)
            return -1;
        if (*r->p == '>') {
            r->p++;
            break;
        }
        if (*r->p == '/') {
            if (r->p + 1 == r->end || r->p[1] != '>')
                return -1;
            r->p += 2;
            empty = 1;
            break;
        }
        if (r->p == before || n == MAX_ATTRS)
            return -1;          /* no space before the attribute */
        a = &r->at[n++];
        a->qname = r->p;
        if ((a->qlen = read_name(r, &a->colon)) == 0 || met_name(r, a->qname, a->qlen))
            return -1;
        skip_space(r);
        if (r->p == r->end || *r->p != '=')
            return -1;
        r->p++;
        skip_space(r);
        if (read_value(r, a))
            return -1;
        for (size_t i = 0; i + 1 < n; i++)
            if (same(r->at[i].qname, r->at[i].qlen, a->qname, a->qlen))
                return -1;      /* given twice */
    }
    if (r->p - tag > MAX_TAG)
        return -1;
    /* The tag's own namespaces first: they hold for its name and all its
     * attributes, wherever they are declared in it. */
    for (size_t i = 0; i < n; i++) {
        attr *a = &r->at[i];

        a->decl = 0;
        if (a->colon == 5 && memcmp(a->qname, "xmlns", 5) == 0) {
            const char *prefix = a->qname + 6;
            size_t plen = a->qlen - 6;

            if (!a->vlen || same(prefix, plen, "xml", 3) || same(prefix, plen, "xmlns", 5) ||
                bind(r, prefix, plen, r->tag.p + a->value, a->vlen))
                return -1;
            a->decl = 1;
        } else if (!a->colon && same(a->qname, a->qlen, "xmlns", 5)) {
            if (bind(r, NULL, 0, r->tag.p + a->value, a->vlen))
                return -1;
            a->decl = 1;
        }
    }
    if ((name = make_name(r, qname, qlen, colon, 1)) == (size_t)-1)
        return -1;
    for (size_t i = 0; i < n; i++) {
        attr *a = &r->at[i];

        if (a->decl)
            continue;
        if ((a->name = make_name(r, a->qname, a->qlen, a->colon, 0)) == (size_t)-1)
            return -1;
        /* two prefixes of one namespace: the same attribute twice */
        for (size_t k = 0; a->colon && k < i; k++)
            if (!r->at[k].decl && r->at[k].colon &&
                strcmp(r->tag.p + r->at[k].name, r->tag.p + a->name) == 0)
                return -1;
    }
    if (x->start && !x->stopped) {
        size_t k = 0;

        for (size_t i = 0; i < n; i++) {
            if (r->at[i].decl)
                continue;
            attrs[k++] = r->tag.p + r->at[i].name;
            attrs[k++] = r->tag.p + r->at[i].value;
        }
        attrs[k] = NULL;
        x->start(x, r->tag.p + name, attrs);
    }
    if (empty) {
        if (x->end && !x->stopped)
            x->end(x, r->tag.p + name);
        r->nb = bindings;
        r->uris.n = uris;
        return 0;
    }
    r->fr[r->depth].qname = qname;
    r->fr[r->depth].qlen = qlen;
    r->fr[r->depth].bindings = bindings;
    r->fr[r->depth].uris = uris;
    r->depth++;
    return 0;
}

/* An end tag at r->p ("</" first), of the element open last.  0, or -1
 * to decline. */
static int end_tag(reader *r)
{
    eg_xml *x = r->x;
    frame *f = &r->fr[r->depth - 1];
    const char *qname;
    size_t qlen, colon, name;

    r->p += 2;
    qname = r->p;
    if ((qlen = read_name(r, &colon)) == 0 || !same(qname, qlen, f->qname, f->qlen))
        return -1;
    skip_space(r);
    if (r->p == r->end || *r->p != '>')
        return -1;
    r->p++;
    r->tag.n = 0;
    if ((name = make_name(r, qname, qlen, colon, 1)) == (size_t)-1)
        return -1;              /* bound at its start: cannot be */
    if (x->end && !x->stopped)
        x->end(x, r->tag.p + name);
    r->nb = f->bindings;
    r->uris.n = f->uris;
    r->depth--;
    return 0;
}

static void text(reader *r, const char *s, size_t n)
{
    eg_xml *x = r->x;

    while (n && x->text && !x->stopped) {
        size_t k = n < TEXT_PIECE ? n : TEXT_PIECE;

        x->text(x, s, (int)k);
        s += k;
        n -= k;
    }
}

/* The element's content up to the end of the root.  0, or -1 to
 * decline. */
static int content(reader *r)
{
    eg_xml *x = r->x;
    const char *p = r->p, *run = p;

    while (r->depth && !x->stopped) {
        unsigned char c;

        if (p == r->end)
            return -1;          /* the root is not closed */
        c = (unsigned char)*p;
        switch (text_class[c]) {
        case PLAIN:
            p++;
            continue;
        case LEAD: {
            size_t k = utf8_char((const unsigned char *)p, (const unsigned char *)r->end);

            if (!k)
                return -1;
            p += k;
            continue;
        }
        case BRACKET:
            if (r->end - p >= 3 && p[1] == ']' && p[2] == '>')
                return -1;      /* "]]>" outside a CDATA section */
            p++;
            continue;
        case AMP: {
            char ch[4];
            size_t k;

            text(r, run, (size_t)(p - run));
            if ((k = reference(&p, r->end, ch)) == 0)
                return -1;
            text(r, ch, k);
            run = p;
            continue;
        }
        case LT:
            text(r, run, (size_t)(p - run));
            if (x->stopped)
                return 0;
            r->p = p;
            if (r->end - p >= 2 && p[1] == '/') {
                if (end_tag(r))
                    return -1;
            } else if (r->end - p >= 2 && name_start((unsigned char)p[1])) {
                if (start_tag(r))
                    return -1;
            } else {
                return -1;      /* comment, CDATA, PI, or no tag */
            }
            p = run = r->p;
            continue;
        default:
            return -1;
        }
    }
    r->p = p;
    return 0;
}

/* The XML declaration's pseudo-attribute `name` at r->p (after a space),
 * its value in value[0, *vlen).  0, or -1 to decline. */
static int decl_attr(reader *r, const char *name, const char **value, size_t *vlen)
{
    size_t n = strlen(name);
    const char *v;
    char q;

    if ((size_t)(r->end - r->p) < n || memcmp(r->p, name, n) != 0)
        return -1;
    r->p += n;
    skip_space(r);
    if (r->p == r->end || *r->p != '=')
        return -1;
    r->p++;
    skip_space(r);
    if (r->p == r->end || (*r->p != '"' && *r->p != '\''))
        return -1;
    q = *r->p++;
    v = r->p;
    while (r->p < r->end && *r->p != q)
        r->p++;
    if (r->p == r->end)
        return -1;
    *value = v;
    *vlen = (size_t)(r->p - v);
    r->p++;
    return 0;
}

/* a[0, n) is b (lower case) but for the case of its ASCII letters. */
static int same_nocase(const char *a, size_t n, const char *b)
{
    if (strlen(b) != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] + ('a' - 'A')) : a[i];

        if (c != b[i])
            return 0;
    }
    return 1;
}

/* `<?xml version="1.0" [encoding="UTF-8"] [standalone="yes|no"] ?>`, at
 * r->p, past it.  0, or -1 to decline (another version or encoding, or
 * anything else). */
static int xml_decl(reader *r)
{
    const char *v;
    size_t n;
    int spaced;

    r->p += 5;
    if (r->p == r->end || !is_space((unsigned char)*r->p))
        return -1;
    skip_space(r);
    if (decl_attr(r, "version", &v, &n) || !same(v, n, "1.0", 3))
        return -1;
    spaced = r->p < r->end && is_space((unsigned char)*r->p);
    skip_space(r);
    if (spaced && r->p < r->end && *r->p == 'e') {
        if (decl_attr(r, "encoding", &v, &n) || !same_nocase(v, n, "utf-8"))
            return -1;
        spaced = r->p < r->end && is_space((unsigned char)*r->p);
        skip_space(r);
    }
    if (spaced && r->p < r->end && *r->p == 's') {
        if (decl_attr(r, "standalone", &v, &n) || !(same(v, n, "yes", 3) || same(v, n, "no", 2)))
            return -1;
        skip_space(r);
    }
    if (r->end - r->p < 2 || r->p[0] != '?' || r->p[1] != '>')
        return -1;
    r->p += 2;
    return 0;
}

static int parse(reader *r)
{
    if (r->end - r->p >= 3 && memcmp(r->p, "\xEF\xBB\xBF", 3) == 0)
        r->p += 3;
    if (r->end - r->p >= 5 && memcmp(r->p, "<?xml", 5) == 0 && xml_decl(r))
        return -1;
    skip_space(r);
    if (r->end - r->p < 2 || r->p[0] != '<' || !name_start((unsigned char)r->p[1]))
        return -1;              /* no root; or a comment, PI or DOCTYPE first */
    if (start_tag(r) || (r->depth && content(r)))
        return -1;
    if (r->x->stopped)
        return 0;
    skip_space(r);
    return r->p == r->end ? 0 : -1;     /* only space after the root */
}

int eg_xml_fast_parse(eg_xml *x, const char *doc, size_t len)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    reader *r = eg_xcalloc(1, sizeof *r);
    int rc;

    pthread_once(&once, init_classes);
    r->x = x;
    r->p = doc;
    r->end = doc + len;
    /* The xml prefix is bound from the start (bind refuses its URI to a
     * declaration). */
    r->cb = 16;
    r->b = eg_xmalloc(r->cb * sizeof *r->b);
    eg_buf_put(&r->uris, xml_uri, sizeof xml_uri);
    r->b[r->nb++] = (binding){ "xml", 3, 0, sizeof xml_uri - 1 };
    rc = parse(r) ? EG_XML_FAST_DECLINED : EG_XML_FAST_DONE;
    free(r->b);
    free(r->uris.p);
    free(r->tag.p);
    free(r);
    return rc;
}
