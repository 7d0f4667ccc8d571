/* Footnote references: PDF extraction glues them to the word they follow
 * ("Indo-Pacific.1").  They come off the text and stay with the passage. */
#ifndef BRIEF_FOOTNOTES_H
#define BRIEF_FOOTNOTES_H

#include <stdbool.h>
#include <stddef.h>

/* Where a report's footnote numbering has got to.  A glued number counts as
 * a reference only near the next expected number and only once, so "G7",
 * "Reform 2.0" or "COVID-19" are never taken for one. */
typedef struct footnote_seq {
    int next;               /* the next number expected (starts at 1) */
    unsigned char *used;    /* used[n]: number n was taken already */
    size_t used_cap;
} footnote_seq;

#define FOOTNOTE_SEQ_INIT {1, NULL, 0}
#define FOOTNOTE_WINDOW 3   /* how far from `next` a reference may be */

void footnote_seq_free(footnote_seq *seq);
/* A copy of seq's position, for a second pass over the same words. */
bool footnote_seq_copy(footnote_seq *dst, const footnote_seq *src);

typedef struct footnote_list {
    int *numbers;
    size_t count;
} footnote_list;

/* Takes footnote references out of one line of text: numbers glued to the
 * end of a word or its closing punctuation, and explicit [^N] markers.
 * Appends their numbers to notes (which may be NULL).  Returns the text
 * without them (malloc()ed) or NULL on allocation failure. */
char *text_take_footnotes(const char *text, footnote_seq *seq,
                          footnote_list *notes);
void footnote_list_free(footnote_list *notes);

#endif
