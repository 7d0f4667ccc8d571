#include "error.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "termchar.h"

/* Messages are one line: whatever a library said, newlines become spaces.
 * And safe on a terminal: the characters of termchar.h that a file or a
 * query brought in become '?'. */
static char *one_line(char *s)
{
    size_t len = s ? strlen(s) : 0;
    for (size_t i = 0; i < len; i++) {
        unsigned code;
        size_t n = termchar_unsafe(s + i, len - i, &code);
        if (s[i] == '\n' || s[i] == '\r' || s[i] == '\t')
            s[i] = ' ';
        else if (n)
            memset(s + i, '?', n);
        i += n ? n - 1 : 0;
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
