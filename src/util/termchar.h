/* Characters that must not reach a terminal as they are: C0 controls (but
 * newline and tab), DEL, C1 controls (U+0080..U+009F, which terminals may
 * obey), the bidirectional controls (U+200E, U+200F, U+202A..U+202E,
 * U+2066..U+2069: U+202E turns the rest of a line around, hiding what it
 * says) and the line and paragraph separators U+2028, U+2029 (a line break
 * to some terminals and editors). */
#ifndef BRIEF_TERMCHAR_H
#define BRIEF_TERMCHAR_H

#include <stddef.h>

/* The length in bytes (1 to 3) of such a character at s[0..avail), its
 * code point in *code; 0 when s starts with anything else. */
size_t termchar_unsafe(const char *s, size_t avail, unsigned *code);

#endif
