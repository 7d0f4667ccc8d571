/* Unicode normalisation for matching: the index and the query side fold
 * text the same way, so what a user types finds what the report prints. */
#ifndef BRIEF_NORMALIZE_H
#define BRIEF_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..len) is well-formed UTF-8 without NUL bytes.  Otherwise
 * *bad_offset (if not NULL) is the byte offset of the first bad sequence. */
bool text_utf8_valid(const char *s, size_t len, size_t *bad_offset);

enum {
    TEXT_FOLD_CASE = 1 << 0  /* also case-fold ("Korea" -> "korea") */
};

/* Folds s[0..len) for matching: compatibility forms composed (NFKC),
 * diacritics removed ("vis-à-vis" -> "vis-a-vis"), typographic punctuation
 * made ASCII (’ ‘ -> ', “ ” -> ", – — -> -, … -> ...), control characters
 * and runs of white space made one space.  Case is kept unless
 * TEXT_FOLD_CASE: Xapian lowercases terms itself, and the query parser needs
 * to see AND/OR/NOT.  Returns a malloc()ed string, or NULL when s is not
 * valid UTF-8 or memory ran out. */
char *text_fold(const char *s, size_t len, int flags);

#endif
