/* The query language: checks what the user typed, takes the field filters
 * out of it, and rewrites the rest for Xapian's QueryParser with the
 * field's vocabulary ("ROK" also finds "South Korea") and compound words
 * ("burdensharing" also finds "burden sharing"). */
#ifndef BRIEF_QUERY_H
#define BRIEF_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "list.h"
#include "vocabulary.h"

#define QUERY_MAX_WORDS 1000

/* The facets a search can be narrowed by.  Within one facet the values are
 * ORed; facets are ANDed. */
typedef enum filter_field {
    FILTER_PILLAR,
    FILTER_AGENCY,
    FILTER_ACTOR,
    FILTER_KIND,
    FILTER_SECTION,
    FILTER_REPORT,
    FILTER_FIELD_COUNT
} filter_field;

const char *filter_field_name(filter_field f);   /* "pillar", "agency", ... */
bool filter_field_parse(const char *name, filter_field *out);

typedef struct query_filters {
    string_list values[FILTER_FIELD_COUNT];  /* as the user wrote them */
} query_filters;

void query_filters_free(query_filters *f);
bool query_filters_add(query_filters *f, filter_field field, const char *value);
bool query_filters_any(const query_filters *f);

/* What the rewriter may ask of the index, without knowing about Xapian.
 * known: does the index know this (folded, lower-case) word?  (compounds)
 * words_with_prefix: adds to out the index's words that start with prefix,
 * one per stem, at most QUERY_MAX_EXPANSION of them, the most frequent;
 * false when out of memory.  (wildcards: sanction* -> (sanction OR
 * sanctioned)).  Either may be NULL: then nothing is expanded that way. */
typedef struct query_lexicon {
    bool (*known)(const char *word, void *ctx);
    bool (*words_with_prefix)(const char *prefix, string_list *out, void *ctx);
    void *ctx;
} query_lexicon;

/* The most words a wildcard stands for. */
#define QUERY_MAX_EXPANSION 500

/* The query parser's field for a group of variants: QUERY_GROUP_FIELD ":" N
 * stands for groups[N] (xc_qparser_add_group), which weighs as one term: a
 * passage that says both "World Trade Organization" and "WTO" does not
 * count the match twice.  A typed word never reaches the parser as such a
 * field. */
#define QUERY_GROUP_FIELD "briefgroup"

typedef struct query_plan {
    char *parser_input;   /* for QueryParser; "" when only filters remain */
    char *rewritten;      /* the same for people, a group as (A OR "B C") */
    string_list *groups;  /* QUERY_GROUP_FIELD:N's variants, each a word or
                             a "phrase" */
    size_t group_count;
    char *typed;          /* the words as typed, filters taken out: what a
                             spelling suggestion is made from */
    string_list wildcards;  /* "sanc" for sanc*: for highlighting */
    query_filters filters;
    size_t words;         /* plain words and phrase words typed */
} query_plan;

/* Parses the user's query.  On a syntax error returns false with a message
 * that names the position ("unbalanced quote: the \" at position 7 is not
 * closed").  vocabulary and lexicon may be NULL. */
bool query_plan_build(const char *query, const vocabulary *vocabulary,
                      const query_lexicon *lexicon, query_plan *out, char **error);
void query_plan_free(query_plan *plan);

#endif
