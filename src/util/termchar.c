#include "termchar.h"

#include <stdbool.h>

static bool hidden_format(unsigned code)
{
    return code == 0x200E || code == 0x200F || (code >= 0x2028 && code <= 0x202E) ||
           (code >= 0x2066 && code <= 0x2069);
}

size_t termchar_unsafe(const char *s, size_t avail, unsigned *code)
{
    const unsigned char *p = (const unsigned char *)s;
    if (avail == 0)
        return 0;
    if ((p[0] < 0x20 && p[0] != '\n' && p[0] != '\t') || p[0] == 0x7F) {
        *code = p[0];
        return 1;
    }
    if (p[0] == 0xC2 && avail >= 2 && p[1] >= 0x80 && p[1] <= 0x9F) {
        *code = p[1];
        return 2;
    }
    if (p[0] == 0xE2 && avail >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
        unsigned c = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
        if (hidden_format(c)) {
            *code = c;
            return 3;
        }
    }
    return 0;
}
