/*
 * mem.h - allocation that cannot return NULL.
 *
 * Running out of memory is not a user error we can report per row: these
 * print one line and exit 3, so callers never carry NULL checks.
 */
#ifndef EG_MEM_H
#define EG_MEM_H

#include <stdarg.h>
#include <stddef.h>

void *eg_xmalloc(size_t n);
void *eg_xcalloc(size_t n, size_t size);
void *eg_xrealloc(void *p, size_t n);
char *eg_xstrdup(const char *s);
char *eg_xstrndup(const char *s, size_t n);
char *eg_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *eg_xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* "egreport: fatal: out of memory (what)" on standard error, then exit 3:
 * what the functions above do when they cannot; for memory another
 * library failed to get. */
_Noreturn void eg_out_of_memory(const char *what);

#endif
