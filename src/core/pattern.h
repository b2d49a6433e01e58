/*
 * pattern.h - the patterns that layouts declare, run with PCRE2.
 *
 * Compiled once at start-up in UTF and UCP mode (so \w matches "Nguyễn"),
 * JIT where the platform has it; anchored at both ends, as Table Schema's
 * `pattern` constraint is.  Subjects must be NFC.
 */
#ifndef EG_PATTERN_H
#define EG_PATTERN_H

#include <stddef.h>

typedef struct eg_pattern eg_pattern;

/* A compiled pattern, or NULL with a message (offset and PCRE2's words)
 * written into err (size errcap). */
eg_pattern *eg_pattern_compile(const char *source, char *err, size_t errcap);
/* 1 when the whole of s matches, 0 when not. */
int eg_pattern_match(const eg_pattern *p, const char *s);
const char *eg_pattern_source(const eg_pattern *p);
/* No operation is performed if p is NULL. */
void eg_pattern_free(eg_pattern *p);

#endif
