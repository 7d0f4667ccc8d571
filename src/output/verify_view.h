/* What brief verify prints: a verdict, where the quotation stands (every
 * place), what its marks changed, or where it departs from the nearest
 * passage; as text for people, as JSON for programs. */
#ifndef BRIEF_VERIFY_VIEW_H
#define BRIEF_VERIFY_VIEW_H

#include <jansson.h>
#include <stdio.h>

#include "verify.h"

/* {quotation, verdict, exact, omissions, insertions, case_changed,
 * footnotes, places: [{id, ids, cite, citation}], nearest}. */
json_t *view_verify(const verify_result *v, const char *quotation);

void print_verify_text(FILE *out, const verify_result *v);

/* The passages it stands in, "A, B" (a quotation across passages: "A +
 * B"), or the nearest for one that does not stand (malloc()ed). */
char *verify_places_line(const verify_result *v);

#endif
