#include "normalize.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "strbuf.h"

bool text_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0 || cp == 0) {
            if (bad_offset)
                *bad_offset = i;
            return false;
        }
        i += (size_t)n;
    }
    return true;
}

/* What LUMP leaves alone but a reader treats as the same character. */
static const char *ascii_for(utf8proc_int32_t cp)
{
    switch (cp) {
    case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x00AB: case 0x00BB: case 0x2033:
        return "\"";
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
        return "'";
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212:
        return "-";
    case 0x00A0: case 0x2007: case 0x202F:
        return " ";
    case 0x00AD: /* soft hyphen: invisible */
    case 0x200B: case 0x200C: case 0x200D: case 0xFEFF:
        return "";
    default:
        return NULL;
    }
}

char *text_fold(const char *s, size_t len, int flags)
{
    if (!text_utf8_valid(s, len, NULL))
        return NULL;
    utf8proc_option_t options = UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                UTF8PROC_STRIPMARK | UTF8PROC_LUMP;
    if (flags & TEXT_FOLD_CASE)
        options |= UTF8PROC_CASEFOLD;
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s,
                                      (utf8proc_ssize_t)len, &mapped, options);
    if (n < 0)
        return NULL;

    strbuf out = STRBUF_INIT;
    bool pending_space = false;
    for (utf8proc_ssize_t i = 0; i < n;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step = utf8proc_iterate(mapped + i, n - i, &cp);
        if (step <= 0)
            break; /* cannot happen: utf8proc_map produced valid UTF-8 */
        const char *ascii = ascii_for(cp);
        bool space = (ascii && strcmp(ascii, " ") == 0) || cp < 0x20 ||
                     cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
                     utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS ||
                     utf8proc_category(cp) == UTF8PROC_CATEGORY_ZL ||
                     utf8proc_category(cp) == UTF8PROC_CATEGORY_ZP;
        if (space) {
            pending_space = out.len > 0;
        } else {
            if (pending_space)
                strbuf_putc(&out, ' ');
            pending_space = false;
            if (ascii)
                strbuf_puts(&out, ascii);
            else
                strbuf_append(&out, (const char *)mapped + i, (size_t)step);
        }
        i += step;
    }
    free(mapped);
    return strbuf_detach(&out);
}
