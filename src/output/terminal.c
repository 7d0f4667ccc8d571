#include "terminal.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

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
        unsigned char c = (unsigned char)text[i];
        /* C1 controls are U+0080..U+009F: C2 80..C2 9F in UTF-8. */
        bool c1 = c == 0xC2 && i + 1 < len &&
                  (unsigned char)text[i + 1] >= 0x80 &&
                  (unsigned char)text[i + 1] <= 0x9F;
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
            fprintf(f, "\\x%02x", c);
        } else if (c1) {
            fprintf(f, "\\u%04x", (unsigned char)text[i + 1]);
            i++;
        } else {
            fputc(c, f);
        }
    }
}

void puts_safe(FILE *f, const char *text) { put_safe(f, text, strlen(text)); }
