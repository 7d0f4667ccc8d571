/* Partial matches: which of the query's words each partial hit lacks. */
#include "searcher_internal.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "schema.h"

/* When fewer passages than the page asks for have every word, the page is
 * filled with the passages that have some of them, in BM25 order of the
 * words ORed: a rare word weighs more than a common one (its IDF), and a
 * passage with more of the words more than one with fewer.  Each such
 * result says which words it lacks. */

/* The words and "phrases" of a query as typed (filters out), that a
 * passage may lack; false when the query has operators or parentheses,
 * whose meaning partial matching would change. */
bool typed_units(const char *typed, string_list *out)
{
    static const char *const ops[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    for (const char *p = typed; *p;) {
        if (*p == ' ') {
            p++;
            continue;
        }
        if (*p == '(' || *p == ')')
            return false;
        bool negated = *p == '-', loved = *p == '+';
        if (negated || loved)
            p++;
        const char *start = p;
        if (*p == '"') {
            const char *end = strchr(p + 1, '"');
            p = end ? end + 1 : p + strlen(p);
        } else {
            while (*p && *p != ' ')
                p++;
        }
        size_t len = (size_t)(p - start);
        for (size_t i = 0; !negated && !loved && i < sizeof ops / sizeof *ops; i++) {
            size_t n = strlen(ops[i]);
            if (len >= n && strncmp(start, ops[i], n) == 0 &&
                (len == n || start[n] == '/'))
                return false;
        }
        char *unit = strndup(start, len);
        bool ok = unit && (negated || string_list_add_unique(out, unit));
        free(unit);
        if (!ok)
            return false;
    }
    return true;
}

/* Which of the picked passages match one unit of the query, by running
 * the unit's words filtered to their ids. */
static bool unit_matches(searcher *s, const char *unit, const xc_query *ids,
                         size_t count, xc_docid *found, size_t *nfound)
{
    *nfound = 0;
    const query_lexicon lexicon = {word_known, words_with_prefix, s};
    query_plan plan;
    if (!query_plan_build(unit, &s->vocabulary, &lexicon, &plan, NULL))
        return false;
    xc_query *words = NULL, *q = NULL;
    bool ok = parse_words(s, &plan, XC_OP_AND, &words, NULL);
    query_plan_free(&plan);
    int empty = 1;
    if (ok && (xc_query_is_empty(words, &empty, NULL) != XC_OK || empty)) {
        xc_query_free(words);
        return false;   /* no searchable word ("&"): never missing */
    }
    xc_query *parts[2] = {words, (xc_query *)ids};
    ok = ok && xc_query_combine(XC_OP_FILTER, parts, 2, 0, &q, NULL) == XC_OK;
    xc_query_free(words);
    search_request req = {.limit = (unsigned)count};
    run r = {0};
    ok = ok && run_query(s, q, &req, false, &r, NULL);
    for (size_t i = 0; ok && i < mset_size(r.mset) && *nfound < count; i++)
        found[(*nfound)++] = run_docid(&r, i);
    run_free(&r);
    xc_query_free(q);
    return ok;
}

/* Fills each partial hit's missing list. */
bool mark_missing(searcher *s, const string_list *units, const pick *picks,
                  search_result *out, char **error)
{
    size_t n = 0;
    xc_query **terms = calloc(out->count ? out->count : 1, sizeof *terms);
    xc_docid *found = calloc(out->count ? out->count : 1, sizeof *found);
    bool ok = terms && found;
    for (size_t i = 0; ok && i < out->count; i++)
        if (out->hits[i].partial)
            ok = (terms[n++] = id_query(out->hits[i].passage.id)) != NULL;
    xc_query *ids = ok && n ? combine(XC_OP_OR, terms, n) : NULL;
    if (!ok)
        for (size_t i = 0; i < n; i++)
            xc_query_free(terms[i]);
    for (size_t u = 0; ok && ids && u < units->count; u++) {
        size_t nfound = 0;
        if (!unit_matches(s, units->items[u], ids, n, found, &nfound))
            continue;
        for (size_t i = 0; ok && i < out->count; i++) {
            if (!out->hits[i].partial)
                continue;
            bool has = false;
            for (size_t k = 0; k < nfound && !has; k++)
                has = found[k] == picks[i].docid;
            ok = has || string_list_add(&out->hits[i].missing, units->items[u]);
        }
    }
    xc_query_free(ids);
    free(terms);
    free(found);
    return ok || error_set(error, "out of memory");
}

/* A partial hit that lacks none of the words has them all, though not as
 * the query joined them (a vocabulary name, "Japan-South Korea", read as
 * a phrase): it moves up to the end of the passages with every word. */
void promote_complete(search_result *out)
{
    unsigned first = out->count ? out->hits[0].rank : 0;
    size_t w = 0;   /* the passages with every word are hits[0..w) */
    while (w < out->count && !out->hits[w].partial)
        w++;
    for (size_t i = w; i < out->count; i++) {
        search_hit *h = &out->hits[i];
        if (!h->partial || h->missing.count)
            continue;
        h->partial = false;
        search_hit moved = *h;
        memmove(&out->hits[w + 1], &out->hits[w], (i - w) * sizeof *h);
        out->hits[w++] = moved;
    }
    out->partial = false;
    for (size_t i = 0; i < out->count; i++) {
        out->hits[i].rank = first + (unsigned)i;
        out->partial = out->partial || out->hits[i].partial;
    }
}
