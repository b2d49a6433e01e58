#define PCRE2_CODE_UNIT_WIDTH 8
#include "core/pattern.h"

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

struct eg_pattern {
    pcre2_code *code;
    pcre2_match_data *md;   /* one per pattern: the build is one thread here */
    char *source;
};

eg_pattern *eg_pattern_compile(const char *source, char *err, size_t errcap)
{
    int errcode;
    PCRE2_SIZE erroff;
    eg_pattern *p;
    pcre2_code *code;

    /* Anchor at both ends: a constraint describes the whole value.  The
     * options, not a "^(?:...)$" wrapper: '$' would also match before a
     * final newline, and a stray ')' in the source could close the
     * wrapper's group and leave an alternative unanchored. */
    code = pcre2_compile((PCRE2_SPTR)source, PCRE2_ZERO_TERMINATED,
                         PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED | PCRE2_ENDANCHORED,
                         &errcode, &erroff, NULL);
    if (!code) {
        PCRE2_UCHAR msg[256];

        pcre2_get_error_message(errcode, msg, sizeof msg);
        snprintf(err, errcap, "bad pattern '%s' near offset %zu: %s", source,
                 (size_t)erroff, (char *)msg);
        return NULL;
    }
    /* JIT is an optimisation: where it is unavailable the interpreter runs. */
    (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    p = eg_xcalloc(1, sizeof *p);
    p->code = code;
    p->md = pcre2_match_data_create_from_pattern(code, NULL);
    p->source = eg_xstrdup(source);
    return p;
}

int eg_pattern_match(const eg_pattern *p, const char *s)
{
    int rc = pcre2_match(p->code, (PCRE2_SPTR)s, strlen(s), 0, 0, p->md, NULL);

    return rc >= 0;
}

const char *eg_pattern_source(const eg_pattern *p)
{
    return p->source;
}

void eg_pattern_free(eg_pattern *p)
{
    if (!p)
        return;
    pcre2_match_data_free(p->md);
    pcre2_code_free(p->code);
    free(p->source);
    free(p);
}
