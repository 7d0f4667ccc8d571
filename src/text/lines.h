/* Undoing the line layout of text extracted from a PDF: a paragraph's lines
 * become one line, and words the layout hyphenated become whole again. */
#ifndef BRIEF_LINES_H
#define BRIEF_LINES_H

#include "strset.h"

/* The words a report uses, to decide what a line-break hyphen was.  Words
 * are stored lower-cased with their inner hyphens and apostrophes; words
 * broken at a line end are left out (they are what is being decided).
 * english: words of a word list (lower case), those the line-break hyphens
 * ask about (text_hyphen_words); empty unless the caller fills it. */
typedef struct text_lexicon {
    strset words;
    strset english;
} text_lexicon;

#define TEXT_LEXICON_INIT {STRSET_INIT, STRSET_INIT}

/* Words longer than this (in bytes) are no dictionary words: the lexicon
 * leaves them out, and a longer word broken at a line end is decided by the
 * case rule alone.  It keeps each join's work bounded: a chain of 50,000
 * hyphen-broken lines would otherwise copy the growing word at every join. */
#define TEXT_WORD_MAX 100

/* Adds the words of text (which may span several lines).  False on
 * allocation failure. */
bool text_lexicon_add(text_lexicon *lex, const char *text);
void text_lexicon_free(text_lexicon *lex);

/* Adds to asked the words a word list is asked about for text's line-break
 * hyphens: each one's two halves and the two joined, lower case.  False on
 * allocation failure. */
bool text_hyphen_words(const char *text, strset *asked);

/* Joins the lines of text into one line.  A line ending in "-" after a
 * letter joins the next line's first word.  The hyphen: when the report
 * writes the word elsewhere, joined or hyphenated, as it writes it more (a
 * tie joins); else, with English words in lex, it goes when the joined word
 * is English and stays when both halves are known words ("evidence-" /
 * "based"); else it goes when the second half starts in lower case and
 * stays otherwise ("long-standing", "Indo-Pacific", "mid-2020").  A line
 * ending in a dash (– —) joins with no space; other lines join with one
 * space.  Runs of white space become one space; the ends are trimmed.  lex
 * may be NULL (then only the case rule decides).  Returns a malloc()ed
 * string or NULL. */
char *text_join_lines(const char *text, const text_lexicon *lex);

/* The same lines, each line-break hyphen decided as text_join_lines
 * decides it and its word made whole on the line where it starts
 * ("evidence-\nbased framework" -> "evidence-based\nframework"): a reader
 * with another lexicon reads the same words.  Returns a malloc()ed string
 * or NULL. */
char *text_settle_hyphens(const char *text, const text_lexicon *lex);

#endif
