#include "normalize.h"

#include <stdbool.h>
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

/* text_fold of pure ASCII, which is most text: NFKC, STRIPMARK and LUMP
 * change no ASCII character and case folding is tolower, so what is left
 * is the rule for spaces below.  Indexing folds every passage: this saves
 * about a tenth of `brief index`.  NULL (as text_fold) at a NUL byte, and
 * (declined) at the first byte that is not ASCII. */
static bool fold_ascii(const char *s, size_t len, int flags, char **out)
{
    *out = NULL;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            return false;
    char *dst = malloc(len + 1);
    if (!dst)
        return true;
    size_t n = 0;
    bool pending_space = false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0) {
            free(dst);
            return true;
        }
        if (c <= 0x20 || c == 0x7F) {
            pending_space = n > 0;
            continue;
        }
        if (pending_space)
            dst[n++] = ' ';
        pending_space = false;
        dst[n++] = (char)((flags & TEXT_FOLD_CASE) && c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    dst[n] = '\0';
    *out = dst;
    return true;
}

char *text_fold(const char *s, size_t len, int flags)
{
    char *ascii = NULL;
    if (fold_ascii(s, len, flags, &ascii))
        return ascii;
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
        if (ascii && !*ascii) { /* invisible: not even a break in a space run */
            i += step;
            continue;
        }
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
