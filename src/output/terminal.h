/* Writing to a terminal safely: colour only when stdout is a terminal and
 * NO_COLOR is unset, and never a raw control character from the corpus. */
#ifndef BRIEF_TERMINAL_H
#define BRIEF_TERMINAL_H

#include <stdbool.h>
#include <stdio.h>

typedef struct style {
    bool colour;
} style;

/* Colour for stream f: a terminal, NO_COLOR unset, TERM not "dumb";
 * `when` is "auto", "always" or "never". */
bool terminal_wants_colour(FILE *f, const char *when);

#define SGR_RESET   "\033[0m"
#define SGR_BOLD    "\033[1m"
#define SGR_DIM     "\033[2m"
#define SGR_MATCH   "\033[1;31m"
#define SGR_ID      "\033[35m"
#define SGR_SECTION "\033[36m"
#define SGR_FACET   "\033[33m"

/* The width of the terminal that f writes to, in columns: $COLUMNS when it
 * is set to a number, else the terminal's own size (TIOCGWINSZ), else 80. */
int terminal_columns(FILE *f);

/* Starts / ends a style when colour is on. */
void style_on(FILE *f, const style *s, const char *sgr);
void style_off(FILE *f, const style *s);

/* Writes len bytes of text, with control characters (and ESC) shown as
 * visible escapes (\x1b) instead of acting on the terminal. */
void put_safe(FILE *f, const char *text, size_t len);
void puts_safe(FILE *f, const char *text);

#endif
