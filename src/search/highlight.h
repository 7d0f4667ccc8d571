/* Snippets: the part of a passage that best shows why it matched, with the
 * matched words marked.  Marks are byte spans, so each output format
 * decides how they look (colour, **bold**, JSON offsets). */
#ifndef BRIEF_HIGHLIGHT_H
#define BRIEF_HIGHLIGHT_H

#include <stdbool.h>
#include <stddef.h>

#include "list.h"
#include "strset.h"
#include "xapian-c.h"

typedef struct span {
    size_t start;   /* byte offset in the snippet text */
    size_t len;
} span;

typedef struct snippet {
    char *text;
    span *spans;
    size_t count;
    bool cut_start;  /* the passage goes on before / after the snippet */
    bool cut_end;
} snippet;

void snippet_free(snippet *s);

typedef struct highlighter {
    xc_stemmer *stemmer;   /* borrowed */
    strset terms;          /* the query's plain terms and Z-stems */
    string_list prefixes;  /* wildcard prefixes ("sanc" for sanc*) */
    bool stem_starts[256]; /* first bytes of the query's Z-stems */
    strset judged;         /* words of the text as written, already judged:
                              count 2 a match, 1 not (most words recur, and
                              judging one, fold and stem, costs far more) */
} highlighter;

/* Collects the words of q (and the wildcard prefixes the user typed). */
bool highlighter_init(highlighter *h, xc_stemmer *stemmer, const xc_query *q,
                      const string_list *wildcards, char **error);
void highlighter_free(highlighter *h);

/* Does this word of the text match the query? */
bool highlighter_matches(const highlighter *h, const char *word, size_t len);

/* The best window of at most max_chars characters, cut at word
 * boundaries, with its matched words marked.  max_chars 0: the whole text.
 * Remembers the words it judged (h->judged), for the next hits. */
bool highlight_snippet(highlighter *h, const char *text,
                       size_t max_chars, snippet *out);

#endif
