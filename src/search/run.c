/* Running a query: the mset with retries when a writer moved on, the
 * facet counts, and loading the hits shown. */
#include "searcher_internal.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "passage_codec.h"
#include "schema.h"

/* Without --facets, totals are exact up to this many matches. */
#define TOTAL_EXACT_UP_TO 1000

void run_free(run *r)
{
    xc_mset_free(r->mset);
    xc_enquire_free(r->enquire);
    free(r->top);
    memset(r, 0, sizeof *r);
}

/* Each facet's mark in SLOT_FACETS (one slot holds them all). */
static const char facet_marks[FACET_COUNT][2] = {
    [FACET_PILLAR] = {FACET_MARK_PILLAR}, [FACET_AGENCY] = {FACET_MARK_AGENCY},
    [FACET_ACTOR] = {FACET_MARK_ACTOR},   [FACET_KIND] = {FACET_MARK_KIND},
    [FACET_REPORT] = {FACET_MARK_REPORT}};

static xc_status run_once(searcher *s, const xc_query *q, const search_request *req,
                          bool report_order, run *r, char **msg)
{
    uint32_t doccount = 0;
    xc_status st = xc_database_doccount(s->db, &doccount, msg);
    if (st == XC_OK)
        st = xc_enquire_new(s->db, &r->enquire, msg);
    if (st == XC_OK)
        st = xc_enquire_set_query(r->enquire, q, msg);
    if (st == XC_OK)   /* b = 0: the wdfs hold the length normalisation */
        st = xc_enquire_set_bm25(r->enquire, RANK_SEARCH_K1, 0, 1, 0, RANK_MIN_NORMLEN, msg);
    if (st == XC_OK && report_order)
        st = xc_enquire_sort_by_value(r->enquire, SLOT_ORDER, 0, msg);
    for (int f = 0; st == XC_OK && req->facets && f < FACET_COUNT; f++)
        st = xc_enquire_add_facet(r->enquire, SLOT_FACETS, FACET_SEP, facet_marks[f],
                                  &r->facet_ids[f], msg);
    /* Facet counts must see every match: then check them all.  Otherwise
     * check at least TOTAL_EXACT_UP_TO matches, so the total is exact up to
     * there and Xapian's estimate beyond, and a query over a big index
     * stops once it has the best hits instead of scoring every match. */
    uint32_t check = req->facets ? doccount : TOTAL_EXACT_UP_TO;
    if (st == XC_OK)
        st = xc_enquire_run(r->enquire, req->offset, req->limit, check,
                            &r->mset, msg);
    return st;
}

/* Runs q, reopening the database when a writer moved it on. */
bool run_query(searcher *s, const xc_query *q, const search_request *req,
               bool report_order, run *r, char **error)
{
    char *msg = NULL;
    for (int attempt = 0;; attempt++) {
        xc_status st = run_once(s, q, req, report_order, r, &msg);
        if (st == XC_OK)
            return true;
        run_free(r);
        if (!read_again(s, st, attempt, &msg, error))
            return false;
    }
}

/* Reads the i-th hit's stored passage from a run's mset, reopening as
 * read_metadata does: the mset reads documents through the database. */
bool read_hit_data(const searcher *s, const xc_mset *m, size_t i, char **data,
                   size_t *len, char **error)
{
    char *msg = NULL;
    xc_status st;
    for (int attempt = 0; (st = xc_mset_data(m, i, data, len, &msg)) != XC_OK;
         attempt++)
        if (!read_again(s, st, attempt, &msg, error))
            return false;
    return true;
}

/* A run's size and estimated total (0 for no mset: a run that failed). */
size_t mset_size(const xc_mset *m)
{
    size_t n = 0;
    xc_mset_size(m, &n, NULL);
    return n;
}

uint32_t mset_total(const xc_mset *m)
{
    uint32_t n = 0;
    xc_mset_matches_estimated(m, &n, NULL);
    return n;
}

bool collect_facets(run *r, search_result *out, char **error)
{
    for (int f = 0; f < FACET_COUNT; f++) {
        xc_facet_count *counts = NULL;
        size_t n = 0;
        char *msg = NULL;
        if (xc_enquire_facet_counts(r->enquire, r->facet_ids[f], &counts, &n, &msg) != XC_OK)
            return error_take(error, "facets", msg);
        out->facets[f] = calloc(n ? n : 1, sizeof(facet_value));
        if (!out->facets[f]) {
            xc_facet_counts_free(counts, n);
            return error_set(error, "out of memory");
        }
        for (size_t i = 0; i < n; i++) {
            const char *v = counts[i].value;
            out->facets[f][i].value = strdup(f == FACET_PILLAR && !*v ? "none" : v);
            out->facets[f][i].count = counts[i].count;
        }
        out->facet_counts[f] = n;
        xc_facet_counts_free(counts, n);
    }
    out->has_facets = true;
    return true;
}

/* The i-th hit's place, weight and stored passage: from the mset, or from
 * the re-ranked list. */
bool hit_at(searcher *s, const run *r, unsigned offset, size_t i,
            search_hit *hit, char **error)
{
    char *data = NULL, *msg = NULL;
    size_t len = 0;
    bool ok;
    if (r->reranked) {
        hit->rank = offset + (unsigned)i + 1;
        hit->score = r->top[i].weight;
        hit->percent = 0;
        ok = read_hit_data(s, r->mset, r->top[i].at, &data, &len, error);
    } else {
        xc_hit info;
        ok = (xc_mset_hit(r->mset, i, &info, &msg) == XC_OK ||
              error_take(error, s->path, msg)) &&
             read_hit_data(s, r->mset, i, &data, &len, error);
        hit->rank = info.rank + 1;
        hit->score = info.weight;
        hit->percent = info.percent;
    }
    ok = ok && passage_decode(data, len, &hit->passage, error);
    free(data);
    return ok;
}

size_t run_size(const run *r)
{
    return r->reranked ? r->top_count : mset_size(r->mset);
}

xc_docid run_docid(const run *r, size_t i)
{
    if (r->reranked)
        return r->top[i].docid;
    xc_hit info = {0};
    xc_mset_hit(r->mset, i, &info, NULL);
    return info.docid;
}

/* Loads the picked passages, ranked from offset + 1, with snippets that
 * mark the words of q. */
bool collect_picks(searcher *s, const pick *picks, size_t n, const xc_query *q,
                   const query_plan *plan, const search_request *req,
                   search_result *out, char **error)
{
    out->hits = calloc(n ? n : 1, sizeof(search_hit));
    if (!out->hits)
        return error_set(error, "out of memory");
    highlighter h;
    if (!highlighter_init(&h, s->stemmer, q, &plan->wildcards, error))
        return false;
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        search_hit *hit = &out->hits[i];
        ok = hit_at(s, picks[i].r, 0, picks[i].i, hit, error);
        if (!ok)
            break;
        out->count++;
        hit->rank = req->offset + (unsigned)i + 1;
        hit->partial = picks[i].partial;
        if (picks[i].weight > 0)
            hit->score = picks[i].weight;   /* with rerank_exact's bonus */
        ok = highlight_snippet(&h, hit->passage.text, req->snippet_chars, &hit->snippet) ||
             error_set(error, "out of memory");
    }
    highlighter_free(&h);
    return ok;
}

bool collect_hits(searcher *s, run *r, const xc_query *q,
                  const query_plan *plan, const search_request *req,
                  bool partial, search_result *out, char **error)
{
    size_t n = run_size(r);
    pick *picks = calloc(n ? n : 1, sizeof *picks);
    if (!picks)
        return error_set(error, "out of memory");
    for (size_t i = 0; i < n; i++)
        picks[i] = (pick){r, i, 0, partial, 0, 0};
    bool ok = collect_picks(s, picks, n, q, plan, req, out, error);
    free(picks);
    return ok;
}
