/*
 * deflate_level.c - zlib's deflateInit_ and deflateInit2_, passed on to
 * zlib's own with level 1 on a thread that asked for it (deflate_level.h).
 */
#include "write/deflate_level.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <zlib.h>

typedef int (*init2_fn)(z_streamp, int, int, int, int, int, const char *, int);

static _Thread_local int fast;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static init2_fn zlib_init2;

void eg_deflate_fast_begin(void)
{
    fast++;
}

void eg_deflate_fast_end(void)
{
    if (fast > 0)
        fast--;
}

/* zlib's deflateInit2_: the next definition after this program's. */
static void find_zlib(void)
{
    void *f = dlsym(RTLD_NEXT, "deflateInit2_");

    if (!f) {
        void *z = dlopen("libz.so.1", RTLD_LAZY | RTLD_NOLOAD);

        f = z ? dlsym(z, "deflateInit2_") : NULL;
    }
    /* a function pointer from dlsym's void *, as POSIX allows */
    *(void **)&zlib_init2 = f;
}

int deflateInit2_(z_streamp strm, int level, int method, int window_bits, int mem_level,
                  int strategy, const char *version, int stream_size)
{
    pthread_once(&once, find_zlib);
    if (!zlib_init2)
        return Z_STREAM_ERROR;    /* the library says it could not compress */
    if (fast && (level == Z_DEFAULT_COMPRESSION || level > 1))
        level = 1;
    return zlib_init2(strm, level, method, window_bits, mem_level, strategy, version,
                      stream_size);
}

/* deflateInit is deflateInit2 with zlib's defaults (deflate.c). */
int deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
    return deflateInit2_(strm, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version,
                         stream_size);
}
