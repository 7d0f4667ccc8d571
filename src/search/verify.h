/* Checking a quotation against the reports: exact up to white space, quote
 * style and line-break hyphenation, or where it departs. */
#ifndef BRIEF_VERIFY_H
#define BRIEF_VERIFY_H

#include <stdbool.h>
#include <stddef.h>

#include "searcher.h"

typedef struct verify_result {
    bool exact;
    bool found;              /* a nearest passage exists */
    passage passage;         /* where it stands, or the nearest */
    size_t matched;          /* characters of the quotation that match */
    size_t quote_length;     /* characters in the (normalised) quotation */
    char *quote_context;     /* around the departure, as quoted */
    char *report_context;    /* the same place in the report */
} verify_result;

/* How quotations compare: quotes made straight, white space made single,
 * "vola- tility" joined.  Case, words, punctuation and dashes all count. */
char *verify_normalise(const char *text);

bool verify_quotation(searcher *s, const char *quotation, verify_result *out,
                      char **error);
void verify_result_free(verify_result *r);

#endif
