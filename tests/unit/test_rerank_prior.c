/* rank_with_prior (src/search/rerank_prior.c) ranks by BM25 + each
 * passage's prior by walking the words' BM25 order; its comment says that
 * gives the order Xapian gives the query words AND_MAYBE prior.  Checked
 * here over every judged query of tests/relevance/queries.tsv, all words
 * and some words, at two pages, against the bundled report's index. */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>

#include "bundled_index.h"
#include "schema.h"
#include "searcher_internal.h"

#define QUERIES BRIEF_SOURCE_DIR "/tests/relevance/queries.tsv"

/* The i-th hit's docid and weight, from either kind of run. */
static void hit_of(const run *r, size_t i, xc_docid *docid, double *weight)
{
    if (r->reranked) {
        *docid = r->top[i].docid;
        *weight = r->top[i].weight;
        return;
    }
    xc_hit info = {0};
    assert_int_equal(xc_mset_hit(r->mset, i, &info, NULL), XC_OK);
    *docid = info.docid;
    *weight = info.weight;
}

/* Compares the two rankings of words for one page; true when
 * rank_with_prior settled it itself (else the caller runs the query). */
static bool same_order(searcher *s, xc_query *words, unsigned offset,
                       const char *what)
{
    search_request req = {.offset = offset, .limit = 10};
    run walked = {0}, xapian = {0};
    bool done = false;
    char *error = NULL;
    assert_true(rank_with_prior(s, words, &req, &walked, &done, &error));
    if (!done) {
        run_free(&walked);
        return false;
    }
    xc_query *prior = NULL, *ranked = NULL;
    assert_int_equal(xc_query_value_weight(SLOT_PRIOR, &prior, NULL), XC_OK);
    xc_query *parts[2] = {words, prior};
    assert_int_equal(xc_query_combine(XC_OP_AND_MAYBE, parts, 2, 0, &ranked, NULL), XC_OK);
    assert_true(run_query(s, ranked, &req, false, &xapian, &error));
    size_t n = run_size(&walked);
    if (n != run_size(&xapian))
        fail_msg("%s (offset %u): %zu hits re-ranked, %zu from Xapian", what, offset, n,
                 run_size(&xapian));
    for (size_t i = 0; i < n; i++) {
        xc_docid a, b;
        double wa, wb;
        hit_of(&walked, i, &a, &wa);
        hit_of(&xapian, i, &b, &wb);
        if (a != b || fabs(wa - wb) > 1e-9 * (1 + fabs(wb)))
            fail_msg("%s (offset %u), hit %zu: docid %u weight %.12g re-ranked, "
                     "docid %u weight %.12g from Xapian", what, offset, i, a, wa, b, wb);
    }
    xc_query_free(prior);
    xc_query_free(ranked);
    run_free(&walked);
    run_free(&xapian);
    return true;
}

static void test_same_order_as_and_maybe(void **state)
{
    fixture *f = *state;
    FILE *in = fopen(QUERIES, "r");
    assert_non_null(in);
    char line[8192];
    size_t queries = 0, settled = 0, pages = 0;
    query_lexicon lexicon = {word_known, words_with_prefix, f->s};
    while (fgets(line, sizeof line, in)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *qid = strtok(line, "\t"), *type = strtok(NULL, "\t"),
             *query = strtok(NULL, "\t");
        assert_non_null(qid);
        assert_non_null(type);
        assert_non_null(query);
        query_plan plan;
        char *error = NULL;
        assert_true(query_plan_build(query, &f->s->vocabulary, &lexicon, &plan, &error));
        queries++;
        const xc_query_op ops[] = {XC_OP_AND, XC_OP_OR};
        for (size_t o = 0; *plan.parser_input && o < 2; o++) {
            xc_query *words = NULL;
            assert_true(parse_words(f->s, &plan, ops[o], &words, &error));
            for (unsigned offset = 0; offset <= 7; offset += 7) {
                settled += same_order(f->s, words, offset, query);
                pages++;
            }
            xc_query_free(words);
        }
        query_plan_free(&plan);
    }
    fclose(in);
    print_message("%zu queries, %zu pages, %zu settled by the walk\n", queries, pages,
                  settled);
    assert_true(queries > 50);
    /* Over one small report the walk settles every page it is asked for. */
    assert_int_equal(settled, pages);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_order_as_and_maybe),
    };
    return cmocka_run_group_tests(tests, build_index, remove_index);
}
