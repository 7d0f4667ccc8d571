/* searcher_search: the attempts (as typed, corrected, some of the words),
 * all words first, then the best of the rest. */
#include "searcher_internal.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "schema.h"

const char *facet_name_text(facet_name f)
{
    static const char *const names[FACET_COUNT] = {"pillar", "agency", "actor",
                                                   "kind", "report"};
    return f < FACET_COUNT ? names[f] : "?";
}

void search_result_free(search_result *r)
{
    for (size_t i = 0; i < r->count; i++) {
        passage_free(&r->hits[i].passage);
        snippet_free(&r->hits[i].snippet);
        string_list_free(&r->hits[i].missing);
    }
    free(r->hits);
    for (int f = 0; f < FACET_COUNT; f++) {
        for (size_t i = 0; i < r->facet_counts[f]; i++)
            free(r->facets[f][i].value);
        free(r->facets[f]);
    }
    free(r->query);
    free(r->parsed);
    free(r->rewritten);
    free(r->suggestion);
    memset(r, 0, sizeof *r);
}

/* One attempt: the plan's words (with default_op), filtered. */
static bool attempt(searcher *s, const query_plan *plan, const search_request *req,
                    xc_query_op default_op, xc_query **query_out, run *r,
                    char **error)
{
    xc_query *words = NULL, *filter = NULL, *q = NULL;
    bool ok = parse_words(s, plan, default_op, &words, error) &&
              build_filter(s, &plan->filters, &req->filters, &filter, error);
    if (ok && filter) {
        xc_query *parts[2] = {words, filter};
        ok = xc_query_combine(XC_OP_FILTER, parts, 2, 0, &q, NULL) == XC_OK ||
             error_set(error, "out of memory");
    } else if (ok) {
        q = words;
        words = NULL;
    }
    if (ok && !wants_pullquotes(&plan->filters, &req->filters)) {
        xc_query *repeat = term_query(TERM_REPEAT, "");
        xc_query *parts[2] = {q, repeat};
        xc_query *without = NULL;
        ok = repeat && xc_query_combine(XC_OP_AND_NOT, parts, 2, 0, &without, NULL) == XC_OK;
        xc_query_free(repeat);
        xc_query_free(q);
        q = without;
        ok = ok || error_set(error, "out of memory");
    }
    xc_query_free(words);
    xc_query_free(filter);
    bool report_order = req->sort == SORT_REPORT ||
                        (req->sort == SORT_AUTO && !*plan->parser_input);
    bool done = false;
    if (ok && !report_order && *plan->parser_input) {
        /* Recommendations before captions when the words match alike: the
         * query says so (for --explain, and for when the re-ranking of the
         * words' order cannot settle), rank_with_prior does it. */
        xc_query *prior = NULL, *ranked = NULL;
        ok = xc_query_value_weight(SLOT_PRIOR, &prior, NULL) == XC_OK;
        xc_query *parts[2] = {q, prior};
        ok = (ok && xc_query_combine(XC_OP_AND_MAYBE, parts, 2, 0, &ranked, NULL) == XC_OK) ||
             error_set(error, "out of memory");
        xc_query_free(prior);
        ok = ok && rank_with_prior(s, q, req, r, &done, error);
        xc_query_free(q);
        q = ranked;
    }
    ok = ok && (done || run_query(s, q, req, report_order, r, error));
    if (ok)
        *query_out = q;
    else
        xc_query_free(q);
    return ok;
}

/* A query of words and phrases, ranked by relevance: the passages with
 * every word (the all-words run r, from the first match to EXACT_WINDOW
 * past the page, which counted the total and the facets), exact forms first; when fewer than the page asks for (and not
 * --match all), then those with some of the words, without repeats.  The
 * total and the facets stay those of the passages with every word, when
 * there are any. */
static bool rank_plain(searcher *s, const query_plan *plan, const search_request *req,
                       const string_list *units, run *r, xc_query **q,
                       search_result *out, char **error)
{
    uint32_t total_all = mset_total(r->mset);
    size_t want = (size_t)req->offset + req->limit;
    size_t depth = want + EXACT_WINDOW;
    bool fill = !req->match_all && units->count > 1 && (total_all < want || !total_all);
    run *all = r, some = {0};
    xc_query *q_some = NULL;
    search_request wide = *req;
    wide.offset = 0;
    wide.limit = (unsigned)(depth + total_all);
    wide.facets = req->facets && total_all == 0;
    bool ok = !fill || attempt(s, plan, &wide, XC_OP_OR, &q_some, &some, error);
    size_t n_all = ok ? run_size(all) : 0, n_some = ok && fill ? run_size(&some) : 0;
    pick *picks = ok ? calloc(n_all + n_some + 1, sizeof *picks) : NULL;
    ok = ok && (picks || error_set(error, "out of memory"));
    size_t n = 0;
    for (size_t i = 0; ok && i < n_all; i++)
        picks[n++] = (pick){all, i, run_docid(all, i), false, 0, 0};
    for (size_t i = 0; ok && i < n_some && n < depth; i++) {
        xc_docid d = run_docid(&some, i);
        bool seen = false;
        for (size_t k = 0; k < n_all && !seen; k++)
            seen = picks[k].docid == d;
        if (!seen)
            picks[n++] = (pick){&some, i, d, true, 0, 0};
    }
    ok = ok && rerank_exact(s, picks, n, units, error);
    size_t first = req->offset < n ? req->offset : n;
    size_t shown = n - first < req->limit ? n - first : req->limit;
    const xc_query *marks = fill ? q_some : *q;
    if (ok) {
        out->total_all = total_all;
        out->total = total_all || !fill ? total_all : mset_total(some.mset);
        for (size_t i = first; i < first + shown; i++)
            out->partial = out->partial || picks[i].partial;
        ok = collect_picks(s, picks + first, shown, marks, plan, req, out, error) &&
             (!out->partial || mark_missing(s, units, picks + first, out, error));
        promote_complete(out);
        /* No passage has every word: what total and facets count is partial
         * even when no result is shown (brief facets, --limit 0). */
        out->partial = out->partial || (fill && !total_all && out->total);
    }
    if (ok && req->facets)   /* the run that counted them */
        ok = collect_facets(!total_all && fill ? &some : r, out, error);
    free(picks);
    if (ok && fill) {   /* what ran, for --explain: the words ORed */
        xc_query_free(*q);
        *q = q_some;
        q_some = NULL;
    }
    run_free(&some);
    xc_query_free(q_some);
    return ok;
}

bool searcher_search(searcher *s, const search_request *req, search_result *out,
                     char **error)
{
    memset(out, 0, sizeof *out);
    if (req->limit > SEARCH_MAX_LIMIT)
        return error_set(error, "--limit %u is too large (at most %d)", req->limit,
                         SEARCH_MAX_LIMIT);
    if (req->offset > SEARCH_MAX_OFFSET)
        return error_set(error, "--offset %u is too large (at most %d)", req->offset,
                         SEARCH_MAX_OFFSET);
    query_plan plan;
    const query_lexicon lexicon = {word_known, words_with_prefix, s};
    if (!query_plan_build(req->query, &s->vocabulary, &lexicon, &plan, error))
        return false;
    /* Nothing at all is an error, but for facets: then it is the whole index. */
    if (!*plan.parser_input && !query_filters_any(&plan.filters) &&
        !query_filters_any(&req->filters) && !req->facets) {
        query_plan_free(&plan);
        return error_set(error, "nothing to search for: give words, a phrase or "
                         "a filter (brief search --help)");
    }
    out->query = strdup(req->query);
    bool replaceable = false;
    out->suggestion = suggest(s, plan.typed, &replaceable);

    /* A query of words and phrases ranked by relevance takes the first
     * candidates past the page too (rank_plain). */
    string_list units = STRING_LIST_INIT;
    bool by_relevance = req->sort == SORT_RELEVANCE || req->sort == SORT_AUTO;
    size_t want = (size_t)req->offset + req->limit;
    bool plain = *plan.parser_input && by_relevance && want <= SEARCH_MAX_LIMIT &&
                 typed_units(plan.typed, &units) && units.count;
    search_request first = *req;
    if (plain) {
        first.offset = 0;
        first.limit = (unsigned)(want + EXACT_WINDOW);
    }
    run r = {0};
    xc_query *q = NULL;
    bool ok = attempt(s, &plan, &first, XC_OP_AND, &q, &r, error);
    bool has_words = *plan.parser_input != '\0';
    if (ok && has_words && mset_total(r.mset) == 0 && out->suggestion &&
        replaceable) {
        /* Nothing as typed, and a typed word is neither the index's nor
         * English: try the spelling suggestion. */
        query_plan fixed;
        if (query_plan_build(out->suggestion, &s->vocabulary, &lexicon, &fixed, NULL)) {
            run r2 = {0};
            xc_query *q2 = NULL;
            if (attempt(s, &fixed, &first, XC_OP_AND, &q2, &r2, NULL) &&
                mset_total(r2.mset) > 0) {
                run_free(&r);
                xc_query_free(q);
                r = r2;
                q = q2;
                query_plan_free(&plan);
                plan = fixed;
                out->corrected = true;
            } else {
                run_free(&r2);
                xc_query_free(q2);
                query_plan_free(&fixed);
            }
        }
    }
    if (plain && out->corrected) {   /* the words are the suggestion's now */
        string_list_free(&units);
        plain = typed_units(plan.typed, &units) && units.count;
    }
    uint32_t total_all = ok ? mset_total(r.mset) : 0;
    if (ok && plain) {
        /* All words first, then the best of the rest. */
        ok = rank_plain(s, &plan, req, &units, &r, &q, out, error);
    } else if (ok && has_words && total_all == 0 && plan.words > 1 && !req->match_all) {
        /* Operators, and no passage matches them all: the best partial
         * matches of the words, said so. */
        run r2 = {0};
        xc_query *q2 = NULL;
        if (attempt(s, &plan, req, XC_OP_OR, &q2, &r2, error)) {
            run_free(&r);
            xc_query_free(q);
            r = r2;
            q = q2;
            out->total = mset_total(r.mset);
            out->partial = out->total > 0;
            ok = collect_hits(s, &r, q, &plan, req, true, out, error) &&
                 (!req->facets || collect_facets(&r, out, error));
        } else {
            ok = false;
        }
    } else if (ok) {
        out->total = out->total_all = total_all;
        ok = collect_hits(s, &r, q, &plan, req, false, out, error) &&
             (!req->facets || collect_facets(&r, out, error));
    }
    if (ok) {
        xc_query_describe(q, &out->parsed, NULL);   /* NULL if it fails */
        out->rewritten = strdup(plan.rewritten);
    }
    string_list_free(&units);
    run_free(&r);
    xc_query_free(q);
    query_plan_free(&plan);
    if (!ok)
        search_result_free(out);
    return ok;
}
