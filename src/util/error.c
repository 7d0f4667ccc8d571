#include "error.h"

#include <stdarg.h>
#include <stdlib.h>

#include "strbuf.h"

/* Messages are one line: whatever a library said, newlines become spaces. */
static char *one_line(char *s)
{
    for (char *p = s; p && *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
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
