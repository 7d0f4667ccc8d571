/* Matching a quotation's pattern against a run of the report's text (one
 * passage, or consecutive ones joined by a space), as analysts quote:
 * the first letter of a piece may change case, a footnote number glued to
 * a word of the quotation ("soil.53") is not text, and each piece must
 * follow the one before within its gap. */
#ifndef BRIEF_VERIFY_MATCH_H
#define BRIEF_VERIFY_MATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "verify_pattern.h"

#define VERIFY_MAX_FOOTNOTES 16

typedef enum verify_outcome {
    VERIFY_MATCHED,
    VERIFY_FAILED,
    VERIFY_RAN_OUT   /* the text ended first: more of it might match */
} verify_outcome;

typedef struct verify_matcher {
    const verify_pattern *pattern;
    const char *text;       /* normalised, as the pattern */
    size_t len;
    size_t start_limit;     /* the match starts before this offset */
    unsigned long budget;   /* character comparisons left: bounds the work
                               on any input */
    /* The match found: */
    size_t start, end;
    bool case_changed;
    int footnotes[VERIFY_MAX_FOOTNOTES];
    size_t footnote_count;
    /* The furthest any attempt got, for saying where a misquotation
     * departs: offsets in the pattern's text and in the text. */
    size_t reach_quote, reach_text;
    bool reached;
} verify_matcher;

/* Finds the leftmost match starting before m->start_limit. */
verify_outcome verify_match(verify_matcher *m);

#endif
