/*
 * fsize.c - a file size limit met by a write, counted per thread
 * (fsize.h).
 */
#include "core/fsize.h"

#include <signal.h>
#include <string.h>

/* Only the thread itself and its own signal handler touch its count. */
static _Thread_local volatile sig_atomic_t hits;

static void on_xfsz(int sig)
{
    (void)sig;
    hits = hits + 1;
}

void eg_fsize_catch(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_xfsz;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGXFSZ, &sa, NULL);
}

unsigned eg_fsize_hits(void)
{
    return (unsigned)hits;
}
