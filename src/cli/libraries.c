#define PCRE2_CODE_UNIT_WIDTH 8

#include "cli/cli.h"

#include <expat.h>
#include <gnu/libc-version.h>
#include <hpdf.h>
#include <pcre2.h>
#include <string.h>
#include <utf8proc.h>
#include <xlsxwriter.h>
#include <zip.h>
#include <zlib.h>

#include "core/mem.h"

char *eg_cli_libraries(void)
{
    char pcre2[32] = "?";
    const char *expat = XML_ExpatVersion();     /* "expat_2.5.0" */

    if (pcre2_config(PCRE2_CONFIG_VERSION, pcre2) < 0 || !pcre2[0])
        pcre2[0] = '?', pcre2[1] = '\0';
    if (strncmp(expat, "expat_", 6) == 0)
        expat += 6;
    pcre2[strcspn(pcre2, " ")] = '\0';      /* "10.42 2022-12-11": the version */
    return eg_xasprintf("libxlsxwriter %s, libharu %s, zlib %s, libzip %s, expat %s, PCRE2 %s, "
                        "utf8proc %s (Unicode %s), glibc %s",
                        lxw_version(), HPDF_GetVersion(), zlibVersion(), zip_libzip_version(),
                        expat, pcre2, utf8proc_version(),
                        utf8proc_unicode_version(), gnu_get_libc_version());
}
