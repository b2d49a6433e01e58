#include "extract/cellcolour.h"

#include <string.h>

#include "extract/cellfmt.h"

/* Excel's default palette, indices 8-63 (MS-XLS 2.5.161 IcvXF, as Excel
 * 97-2019 show it). */
static const int32_t default_palette[56] = {
    0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF, 0x00FFFF,
    0x800000, 0x008000, 0x000080, 0x808000, 0x800080, 0x008080, 0xC0C0C0, 0x808080,
    0x9999FF, 0x993366, 0xFFFFCC, 0xCCFFFF, 0x660066, 0xFF8080, 0x0066CC, 0xCCCCFF,
    0x000080, 0xFF00FF, 0xFFFF00, 0x00FFFF, 0x800080, 0x800000, 0x008080, 0x0000FF,
    0x00CCFF, 0xCCFFFF, 0xCCFFCC, 0xFFFF99, 0x99CCFF, 0xFF99CC, 0xCC99FF, 0xFFCC99,
    0x3366FF, 0x33CCCC, 0x99CC00, 0xFFCC00, 0xFF9900, 0xFF6600, 0x666699, 0x969696,
    0x003366, 0x339966, 0x003300, 0x333300, 0x993300, 0x993366, 0x333399, 0x333333
};

void eg_colour_palette_init(int32_t palette[56])
{
    memcpy(palette, default_palette, sizeof default_palette);
}

int32_t eg_colour_indexed(unsigned idx, const int32_t *palette)
{
    if (idx < 8)
        return default_palette[idx];      /* the first eight are the same */
    if (idx < 64)
        return (palette ? palette : default_palette)[idx - 8];
    /* 64, 65, 0x7FFF and the rest: the system's colours, the viewer's */
    return EG_COLOUR_UNKNOWN;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int32_t eg_colour_argb(const char *s)
{
    int32_t v = 0;
    int n = 0;

    if (!s)
        return EG_COLOUR_UNKNOWN;
    for (; s[n]; n++)
        if (hex_digit(s[n]) < 0 || n == 8)
            return EG_COLOUR_UNKNOWN;
    if (n != 6 && n != 8)
        return EG_COLOUR_UNKNOWN;
    for (int i = n - 6; i < n; i++)
        v = v * 16 + hex_digit(s[i]);
    return v;
}

unsigned eg_colour_hides(int32_t text, int32_t background, uint32_t colours,
                         const int32_t *palette)
{
    static const struct { unsigned kind, shift; } kinds[] = {
        { EG_HIDES_POSITIVE, EG_SECTION_POSITIVE },
        { EG_HIDES_NEGATIVE, EG_SECTION_NEGATIVE },
        { EG_HIDES_TEXT, EG_SECTION_TEXT },
    };
    unsigned hides = 0;

    if (background == EG_COLOUR_UNKNOWN)
        return 0;
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        unsigned c = (colours >> kinds[k].shift) & 0xFF;
        int32_t colour = c == 0 ? text
                         : c == EG_COLOUR_OTHER ? EG_COLOUR_UNKNOWN
                         : c >= EG_COLOUR_NAMED ? eg_colour_indexed(c - EG_COLOUR_NAMED, NULL)
                         : eg_colour_indexed(c, palette);

        if (colour != EG_COLOUR_UNKNOWN && colour == background)
            hides |= kinds[k].kind;
    }
    return hides;
}
