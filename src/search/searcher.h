/* Searching an index: a request in, ranked passages with facets out. */
#ifndef BRIEF_SEARCHER_H
#define BRIEF_SEARCHER_H

#include <stdbool.h>
#include <stddef.h>

#include "gazetteer.h"
#include "highlight.h"
#include "passage.h"
#include "query.h"
#include "report.h"
#include "vocabulary.h"

typedef enum search_sort {
    SORT_AUTO,        /* relevance, or report order for a filter-only search */
    SORT_RELEVANCE,
    SORT_REPORT
} search_sort;

typedef struct search_request {
    const char *query;         /* as typed; may be "" with filters */
    query_filters filters;     /* from --pillar, --agency, ... */
    search_sort sort;
    unsigned offset;
    unsigned limit;
    bool facets;               /* count facets over the whole match set;
                                  with no words and no filters: the whole
                                  index (otherwise that is an error) */
    size_t snippet_chars;      /* 0: whole passage */
    bool match_all;            /* --match all: only passages with every
                                  word, never a partial one */
} search_request;

#define SEARCH_MAX_LIMIT 10000
#define SEARCH_MAX_OFFSET 1000000

typedef struct search_hit {
    passage passage;
    unsigned rank;             /* 1-based */
    double score;
    int percent;
    snippet snippet;
    bool partial;              /* lacks some of the query's words */
    string_list missing;       /* those words (or "phrases"), as typed */
} search_hit;

typedef struct facet_value {
    char *value;
    unsigned count;
} facet_value;

typedef enum facet_name {
    FACET_PILLAR,
    FACET_AGENCY,
    FACET_ACTOR,
    FACET_KIND,
    FACET_REPORT,
    FACET_COUNT
} facet_name;

const char *facet_name_text(facet_name f);

typedef struct search_result {
    char *query;               /* as typed */
    char *rewritten;           /* the words as handed to the query parser,
                                  vocabulary and compounds expanded */
    char *parsed;              /* what ran, for --explain */
    char *suggestion;          /* "did you mean", or NULL */
    bool corrected;            /* results are for the suggestion */
    bool partial;              /* some results lack some of the words */
    unsigned total;            /* passages with every word; when none has
                                  them all, passages with some of them
                                  (the facets count the same set) */
    unsigned total_all;        /* passages with every word */
    search_hit *hits;
    size_t count;
    bool has_facets;
    facet_value *facets[FACET_COUNT];
    size_t facet_counts[FACET_COUNT];
} search_result;

void search_result_free(search_result *r);

typedef struct searcher searcher;

/* Opens the index at path: an index folder made by `brief index`, a Xapian
 * database folder, or a stub file of shards.  Refuses an index built with
 * another schema.  The stub is read by brief (index/stub.h): only glass
 * databases inside the index folder. */
bool searcher_open(const char *path, searcher **out, char **error);
/* The same for a path the user named (--index): a stub file there may
 * also name remote shards ("remote HOST:PORT") and databases elsewhere. */
bool searcher_open_named(const char *path, searcher **out, char **error);
void searcher_close(searcher *s);

bool searcher_search(searcher *s, const search_request *req,
                     search_result *out, char **error);

/* A passage by id: the full id, or the part after "report:" when only one
 * report has it. */
bool searcher_get(searcher *s, const char *id, passage *out, char **error);
/* The passage `delta` places away in reading order (same report); false
 * with no error when there is none. */
bool searcher_neighbour(searcher *s, const passage *p, int delta,
                        passage *out, char **error);
/* Every passage of the index in report order, for `brief passages`. */
typedef bool (*passage_fn)(const passage *p, void *ctx);
bool searcher_each_passage(searcher *s, passage_fn fn, void *ctx, char **error);

/* What the index knows beyond passages, parsed when first asked for; an
 * unreadable part reads as empty, and searcher_warning says why. */
const report *searcher_reports(const searcher *s, size_t *count);
const report *searcher_report(const searcher *s, const char *id);
const gazetteer *searcher_gazetteer(const searcher *s);
const char *searcher_path(const searcher *s);
/* What a user should know about the index before trusting its answers
 * (an update that died halfway, metadata that could not be read), or NULL.
 * Ask after using the results: the metadata is read as they need it. */
const char *searcher_warning(const searcher *s);
unsigned searcher_passage_count(searcher *s);

#endif
