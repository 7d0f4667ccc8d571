/* Checking a quotation against the reports, as analysts quote: exact up
 * to white space, quote style and line-break hyphenation; ellipses and
 * [brackets] marking words left out, inserted or changed; the first
 * letter's case; footnote numbers copied with the words; a quotation that
 * runs from one passage into the next.  Where it stands (every place, when
 * it stands in several), or where it departs from the nearest passage. */
#ifndef BRIEF_VERIFY_H
#define BRIEF_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "searcher.h"
#include "verify_match.h"

/* Places listed at most, and passages a quotation may run across. */
#define VERIFY_MAX_PLACES 50
#define VERIFY_MAX_SPAN 4

typedef struct verify_place {
    passage passage;            /* where it starts */
    const report *report;       /* its report, owned by the searcher */
    char *ids[VERIFY_MAX_SPAN]; /* every passage it runs across, in order */
    size_t id_count;
} verify_place;

typedef struct verify_result {
    bool exact;              /* it stands somewhere, marks allowed */
    bool found;              /* exact, or a nearest passage exists */
    verify_place *places;    /* where it stands (exact) */
    size_t place_count;
    bool more_places;        /* it may stand in more than VERIFY_MAX_PLACES */
    bool gave_up;            /* the work allowed for one quotation ran out
                                (a quotation repetitive beyond reason) */
    unsigned omissions;      /* ellipses */
    unsigned insertions;     /* bracketed insertions or changes */
    bool case_changed;       /* a piece's first letter */
    int footnotes[VERIFY_MAX_FOOTNOTES];   /* numbers that are not text */
    size_t footnote_count;
    passage passage;         /* the nearest passage, when not exact */
    const report *report;    /* its report, owned by the searcher */
    size_t matched;          /* characters of the quotation that match */
    size_t quote_length;     /* characters in the (normalised) quotation */
    char *quote_context;     /* around the departure, as quoted */
    char *report_context;    /* the same place in the report */
} verify_result;

/* How quotations compare: quotes made straight, white space made single,
 * "vola- tility" joined.  Case, words, punctuation and dashes all count. */
char *verify_normalise(const char *text);

/* "exact", "exact with omissions", "exact with insertions", "exact with
 * omissions and insertions", "ambiguous", "not exact" or "not found". */
const char *verify_verdict(const verify_result *r);

bool verify_quotation(searcher *s, const char *quotation, verify_result *out,
                      char **error);
void verify_result_free(verify_result *r);

#endif
