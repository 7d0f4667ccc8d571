#include "terminal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "termchar.h"

bool terminal_wants_colour(FILE *f, const char *when)
{
    if (when && strcmp(when, "always") == 0)
        return true;
    if (when && strcmp(when, "never") == 0)
        return false;
    const char *no_colour = getenv("NO_COLOR");
    if (no_colour && *no_colour)
        return false;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0)
        return false;
    return isatty(fileno(f));
}

int terminal_columns(FILE *f)
{
    const char *env = getenv("COLUMNS");
    if (env && *env) {
        char *end;
        long n = strtol(env, &end, 10);
        if (!*end && n > 0 && n <= 10000)
            return (int)n;
    }
#ifdef TIOCGWINSZ
    struct winsize ws;
    if (f && ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
#endif
    return 80;
}

void style_on(FILE *f, const style *s, const char *sgr)
{
    if (s->colour)
        fputs(sgr, f);
}

void style_off(FILE *f, const style *s)
{
    if (s->colour)
        fputs(SGR_RESET, f);
}

void put_safe(FILE *f, const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned code;
        size_t n = termchar_unsafe(text + i, len - i, &code);
        if (n == 1)
            fprintf(f, "\\x%02x", code);
        else if (n)
            fprintf(f, "\\u%04x", code);
        else
            fputc(text[i], f);
        i += n ? n - 1 : 0;
    }
}

void puts_safe(FILE *f, const char *text) { put_safe(f, text, strlen(text)); }
