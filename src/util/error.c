#include "error.h"

#include <stdarg.h>
#include <stdlib.h>

#include "strbuf.h"

/* Messages are one line: whatever a library said, newlines become spaces.
 * And safe on a terminal: other control characters (C0, DEL, C1 as
 * C2 80..C2 9F) that a file or a query brought in become '?'. */
static char *one_line(char *s)
{
    for (unsigned char *p = (unsigned char *)s; p && *p; p++) {
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
        else if (*p < 0x20 || *p == 0x7F)
            *p = '?';
        else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            p[0] = p[1] = '?';
    }
    return s;
}

bool error_set(char **error, const char *fmt, ...)
{
    if (!error || *error)
        return false;
    strbuf sb = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&sb, fmt, ap);
    va_end(ap);
    *error = one_line(strbuf_detach(&sb));
    return false;
}

bool error_take(char **error, const char *prefix, char *message)
{
    if (error && !*error) {
        if (prefix)
            error_set(error, "%s: %s", prefix, message ? message : "failed");
        else
            error_set(error, "%s", message ? message : "failed");
    }
    free(message);
    return false;
}
