/* English words, from a plain word list (one a line, as Debian's wamerican
 * installs /usr/share/dict/american-english): a spelling correction may
 * replace a typed word silently only when the word is not English ("supply
 * chains" is not "supply china"), and a draft edition keeps the hyphen of a
 * compound broken at a line's end ("evidence-" / "based"). */
#ifndef BRIEF_WORDLIST_H
#define BRIEF_WORDLIST_H

#include <stdbool.h>

#include "strset.h"

#define WORDLIST_DEFAULT "/usr/share/dict/american-english"

typedef enum wordlist_answer {
    WORDLIST_NO,       /* the list has no such word */
    WORDLIST_YES,      /* an English word (any case) */
    WORDLIST_ABSENT    /* no readable list: nobody can say */
} wordlist_answer;

/* The list brief reads: $BRIEF_WORDLIST when set and not empty, else
 * WORDLIST_DEFAULT. */
const char *wordlist_path(void);

/* Is word (ASCII letters compared without case) a line of the list at
 * path?  Reads at most WORDLIST_MAX_LINES lines; longer lines never
 * match. */
#define WORDLIST_MAX_LINES 2000000
wordlist_answer wordlist_has(const char *path, const char *word);

/* Of the words in asked (lower case), adds to found those that are lines of
 * the list at path (compared without case): one reading of the list for
 * many words.  A list that cannot be read has none of them.  False on
 * allocation failure. */
bool wordlist_find(const char *path, const strset *asked, strset *found);

#endif
