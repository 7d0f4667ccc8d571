/* What the files of the searcher share (searcher.c, metadata.c, parse.c,
 * filters.c, suggest.c, run.c, rerank_prior.c, rerank_exact.c, partial.c,
 * search.c, lookup.c): the searcher itself, a run of a query, and the
 * functions one of them calls in another.  Not for use outside src/search. */
#ifndef BRIEF_SEARCHER_INTERNAL_H
#define BRIEF_SEARCHER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "searcher.h"
#include "xapian-c.h"

/* A writer may commit while we read; Xapian then asks us to reopen. */
#define RETRIES 5

/* Metadata parsed when first asked for: a search shown as text needs
 * neither the gazetteer (only --agency and --actor do) nor the reports
 * (only citations do), and parsing them was a fifth of a small search.
 * Citations read their reports one by one (META_REPORT_PREFIX): at 2,324
 * reports the whole list was 0.9 MB, a quarter of a search.  Behind a
 * pointer, so the const accessors can fill it in. */
typedef struct lazy_metadata {
    char *gazetteer_text;   /* as read at open; NULL once parsed */
    gazetteer gazetteer;
    bool all_read;          /* META_REPORTS read into reports[] */
    report *reports;
    size_t report_count;
    report **cited;         /* reports read one by one, before all_read */
    size_t cited_count;
    const report *last;     /* the last one asked for: passages come by report */
    char *error;            /* why a part could not be parsed, or NULL */
} lazy_metadata;

struct searcher {
    char *path;
    xc_database *db;
    xc_stemmer *stemmer;
    vocabulary vocabulary;
    lazy_metadata *lazy;
    bool torn;              /* an update in place died halfway (fence.h) */
    bool remote;            /* the stub names a remote shard */
};

/* A hit placed by the prior's re-ranking (see rank_with_prior). */
typedef struct ranked {
    xc_docid docid;
    double weight;
    size_t at;              /* its place in the mset (BM25 order) */
} ranked;

typedef struct run {
    xc_enquire *enquire;
    xc_mset *mset;
    unsigned facet_ids[FACET_COUNT];
    bool reranked;          /* the hits are top[], not the mset's */
    ranked *top;            /* hits offset.. of the re-ranked order */
    size_t top_count;
} run;

/* A result to show: the i-th hit of a run (see hit_at), and whether the
 * passage has every word. */
typedef struct pick {
    const run *r;
    size_t i;
    xc_docid docid;
    bool partial;
    double weight;   /* for rerank_exact */
    size_t order;
} pick;

/* metadata.c */
bool load_metadata(searcher *s, char **error);
void lazy_metadata_free(lazy_metadata *lazy);
const gazetteer *lazy_gazetteer(const searcher *s);
const report *lazy_reports(const searcher *s, size_t *count);
bool metadata_ok(const searcher *s, char **error);

/* searcher.c */
void reopen(const searcher *s);
bool read_again(const searcher *s, xc_status st, int attempt, char **msg, char **error);

/* parse.c */
bool word_known(const char *word, void *ctx);
bool words_with_prefix(const char *prefix, string_list *out, void *ctx);
bool parse_words(searcher *s, const query_plan *plan, xc_query_op default_op,
                 xc_query **out, char **error);

/* filters.c */
xc_query *term_query(const char *prefix, const char *value);
/* The passage whose id is passage_id (as it is: ids are not lower-cased). */
xc_query *id_query(const char *passage_id);
xc_query *combine(xc_query_op op, xc_query **parts, size_t n);
bool build_filter(searcher *s, const query_filters *a,
                  const query_filters *b, xc_query **out, char **error);
bool wants_pullquotes(const query_filters *a, const query_filters *b);

/* suggest.c */
char *suggest(searcher *s, const char *typed, bool *replaceable);

/* run.c */
void run_free(run *r);
bool read_hit_data(const searcher *s, const xc_mset *m, size_t i, char **data,
                   size_t *len, char **error);
size_t mset_size(const xc_mset *m);
uint32_t mset_total(const xc_mset *m);
bool run_query(searcher *s, const xc_query *q, const search_request *req,
               bool report_order, run *r, char **error);
bool collect_facets(run *r, search_result *out, char **error);
bool hit_at(searcher *s, const run *r, unsigned offset, size_t i,
            search_hit *hit, char **error);
size_t run_size(const run *r);
xc_docid run_docid(const run *r, size_t i);
bool collect_picks(searcher *s, const pick *picks, size_t n, const xc_query *q,
                   const query_plan *plan, const search_request *req,
                   search_result *out, char **error);
bool collect_hits(searcher *s, run *r, const xc_query *q,
                  const query_plan *plan, const search_request *req,
                  bool partial, search_result *out, char **error);

/* rerank_prior.c */
bool rank_with_prior(searcher *s, const xc_query *words,
                     const search_request *req, run *r, bool *done,
                     char **error);

/* partial.c */
bool typed_units(const char *typed, string_list *out);
bool mark_missing(searcher *s, const string_list *units, const pick *picks,
                  search_result *out, char **error);
void promote_complete(search_result *out);

/* rerank_exact.c: how many candidates past the page it re-ranks. */
#define EXACT_WINDOW 40
bool rerank_exact(searcher *s, pick *picks, size_t n, const string_list *units,
                  char **error);

#endif
