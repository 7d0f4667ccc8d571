/* The field's vocabulary: groups of variants that should find each other
 * ("ROK", "South Korea", "Republic of Korea").  It comes from the corpus's
 * synonyms file and from the acronyms a report defines in parentheses
 * ("Special Measures Agreement (SMA)"). */
#ifndef BRIEF_VOCABULARY_H
#define BRIEF_VOCABULARY_H

#include <stdbool.h>
#include <stddef.h>

#include "list.h"
#include "report.h"
#include "strset.h"

typedef struct vocabulary {
    string_list *groups;   /* each: the variants, as written */
    size_t count;
    size_t acronyms;       /* how many groups were found in the text */
    /* For vocabulary_add, built when first needed: each variant's key ->
     * 1 + the first group holding it; "group\x1fkey" for each variant
     * of each group.  Lookups by hash: 10,000 synonym lines took 25 s by
     * comparing every pair. */
    strset first_group;
    strset members;
    size_t indexed;        /* groups[0..indexed) are in the two sets */
} vocabulary;

#define VOCABULARY_INIT {NULL, 0, 0, STRSET_INIT, STRSET_INIT, 0}

/* Parses synonyms.tsv: "term<TAB>variant|variant", # comments. */
bool vocabulary_parse(const char *text, const char *source, vocabulary *out,
                      char **error);
/* Adds the acronyms the report defines: "Long Form Words (LFW)". */
bool vocabulary_find_acronyms(vocabulary *v, const report *r);
/* Adds a group (copied); a group sharing a variant with another is merged
 * into it. */
bool vocabulary_add(vocabulary *v, const string_list *group);
/* How variants compare: folded (case, diacritics, quotes), hyphens as
 * spaces, without the dots of "U.S.".  malloc()ed; NULL for bad UTF-8. */
char *vocabulary_key(const char *s);
/* The group that has this variant (compared case-insensitively after
 * folding), or NULL. */
const string_list *vocabulary_find(const vocabulary *v, const char *variant);
void vocabulary_free(vocabulary *v);

#endif
