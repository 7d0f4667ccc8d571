/* Re-ranking by BM25 plus the prior of each passage kind. */
#include "searcher_internal.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "schema.h"

/* Ranking adds each passage's prior (SLOT_PRIOR, by kind) to its BM25
 * weight.  As a query, words AND_MAYBE prior, Xapian reads the value of
 * every candidate it weighs: a quarter of a search over a big index.  The
 * same order comes from the words alone: walk their BM25 order, add the
 * prior of each hit, and stop once a passage's BM25 weight plus the
 * largest prior cannot reach the last place wanted, since no passage
 * after it can.  Most searches read a few dozen values.  Equal weights
 * rank by docid, as Xapian ranks them; the weights are the same sums.
 * (Over remote shards each value read is a round trip: there the shards
 * weigh the prior themselves, with the query.) */

/* Walk at most this far down the BM25 order, then let Xapian do it all.
 * Asking Xapian for this many costs little more than for ten (it weighs
 * the candidates either way); asking twice costs a second match. */
#define RERANK_DEPTH 1000

/* The priors of the passage kinds as the indexer wrote them: a value is
 * read back as the prior whose bytes it has. */
typedef struct prior_table {
    char bytes[PASSAGE_KIND_COUNT][XC_SORTABLE_MAX];
    size_t len[PASSAGE_KIND_COUNT];
    double prior[PASSAGE_KIND_COUNT];
    double max;
} prior_table;

static void prior_table_init(prior_table *t)
{
    t->max = 0;
    for (int k = 0; k < PASSAGE_KIND_COUNT; k++) {
        t->prior[k] = passage_kind_prior((passage_kind)k);
        t->len[k] = xc_sortable_serialise(t->prior[k], t->bytes[k]);
        if (t->prior[k] > t->max)
            t->max = t->prior[k];
    }
}

/* The prior a value stands for; false for one it does not know. */
static bool prior_of(const prior_table *t, const char *value, size_t len,
                     double *prior)
{
    *prior = 0;
    if (!len)
        return true;   /* no value: AND_MAYBE adds nothing */
    for (int k = 0; k < PASSAGE_KIND_COUNT; k++)
        if (t->len[k] == len && memcmp(t->bytes[k], value, len) == 0) {
            *prior = t->prior[k];
            return true;
        }
    return false;
}

/* Does a rank before b: higher weight, then lower docid (Xapian's order)? */
static bool ranks_before(const ranked *a, const ranked *b)
{
    return a->weight > b->weight || (a->weight == b->weight && a->docid < b->docid);
}

/* Puts h into best[] (sorted, at most want long). */
static void keep_best(ranked *best, size_t *count, size_t want, ranked h)
{
    size_t i = *count < want ? (*count)++ : want;
    if (i == want && !ranks_before(&h, &best[want - 1]))
        return;
    if (i == want)
        i--;
    while (i > 0 && ranks_before(&h, &best[i - 1])) {
        best[i] = best[i - 1];
        i--;
    }
    best[i] = h;
}

typedef enum walk_end {
    WALK_SETTLED,     /* best[] holds the first `want` of the final order */
    WALK_EXHAUSTED,   /* it holds the best of the whole mset */
    WALK_UNKNOWN      /* a value that is none of the priors (an index from
                         another version), or Xapian failed (a writer moved
                         on: the caller's fallback reopens) */
} walk_end;

/* Walks r's mset (the BM25 order, from the first match) adding priors. */
static walk_end walk_with_prior(const run *r, ranked *best, size_t *count,
                                size_t want)
{
    prior_table priors;
    prior_table_init(&priors);
    size_t n = mset_size(r->mset);
    *count = 0;
    for (size_t i = 0; i < n; i++) {
        xc_hit info;
        char *value = NULL;
        size_t len = 0;
        if (xc_mset_hit(r->mset, i, &info, NULL) != XC_OK)
            return WALK_UNKNOWN;
        if (*count == want && info.weight + priors.max < best[want - 1].weight)
            return WALK_SETTLED;  /* nothing from here on can place */
        if (xc_mset_value(r->mset, i, SLOT_PRIOR, &value, &len, NULL) != XC_OK)
            return WALK_UNKNOWN;
        double prior;
        bool known = prior_of(&priors, value, len, &prior);
        free(value);
        if (!known)
            return WALK_UNKNOWN;
        ranked h = {info.docid, len ? info.weight + prior : info.weight, i};
        keep_best(best, count, want, h);
    }
    return WALK_EXHAUSTED;
}

/* Runs words (the query without the prior) and ranks by BM25 + prior.
 * *done false (no error): the caller runs words AND_MAYBE prior instead. */
bool rank_with_prior(searcher *s, const xc_query *words,
                     const search_request *req, run *r, bool *done,
                     char **error)
{
    *done = false;
    size_t want = (size_t)req->offset + req->limit;
    if (!want || want > RERANK_DEPTH / 4 || s->remote)
        return true;
    ranked *best = malloc(want * sizeof *best);
    if (!best)
        return error_set(error, "out of memory");
    search_request deep = *req;
    deep.offset = 0;
    deep.limit = RERANK_DEPTH;
    size_t count = 0;
    if (!run_query(s, words, &deep, false, r, error)) {
        free(best);
        return false;
    }
    walk_end end = walk_with_prior(r, best, &count, want);
    /* Short of the depth asked for, the mset holds every match. */
    *done = end == WALK_SETTLED ||
            (end == WALK_EXHAUSTED && mset_size(r->mset) < RERANK_DEPTH);
    if (!*done) {
        free(best);
        run_free(r);
        return true;
    }
    /* best[] is sorted; the hits asked for start at the offset. */
    r->reranked = true;
    r->top = best;
    r->top_count = count > req->offset ? count - req->offset : 0;
    memmove(best, best + (count > req->offset ? req->offset : count),
            r->top_count * sizeof *best);
    return true;
}
