/* A group of variants counts once (src/search/query.c, QUERY_GROUP_FIELD):
 * for every acronym of the bundled report's vocabulary (those it defines,
 * "World Trade Organization (WTO)", and those of corpus/synonyms.tsv), the
 * acronym typed becomes one group, parsed as one OP_SYNONYM, and with
 * BM25's k1 = 0 (a term then adds its IDF to every passage it matches,
 * however often) every passage the group matches weighs the same: one that
 * has both the acronym and its long form gets no more from the group than
 * one that has the acronym alone.  The same variants ORed, as brief wrote
 * them before, give such passages more. */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <math.h>

#include "bundled_index.h"
#include "searcher_internal.h"

/* "WTO", "CPTPP", "U.S.": no space, two capitals or more, no small letter. */
static bool is_acronym(const char *v)
{
    size_t capitals = 0;
    for (const char *p = v; *p; p++) {
        if (isspace((unsigned char)*p) || islower((unsigned char)*p))
            return false;
        capitals += isupper((unsigned char)*p) != 0;
    }
    return capitals >= 2;
}

static bool has_long_form(const string_list *group)
{
    for (size_t i = 0; i < group->count; i++)
        if (strchr(group->items[i], ' '))
            return true;
    return false;
}

/* The lowest and highest weight of the passages q matches, with k1 = 0;
 * how many it matches. */
static size_t weight_range(searcher *s, const xc_query *q, double *low, double *high)
{
    xc_enquire *enq = NULL;
    xc_mset *m = NULL;
    uint32_t docs = 0;
    assert_int_equal(xc_database_doccount(s->db, &docs, NULL), XC_OK);
    assert_int_equal(xc_enquire_new(s->db, &enq, NULL), XC_OK);
    assert_int_equal(xc_enquire_set_query(enq, q, NULL), XC_OK);
    assert_int_equal(xc_enquire_set_bm25(enq, 0.0, 0.0, 1.0, 0.0, 0.5, NULL), XC_OK);
    assert_int_equal(xc_enquire_run(enq, 0, docs, docs, &m, NULL), XC_OK);
    size_t n = mset_size(m);
    for (size_t i = 0; i < n; i++) {
        xc_hit h;
        assert_int_equal(xc_mset_hit(m, i, &h, NULL), XC_OK);
        *low = i == 0 || h.weight < *low ? h.weight : *low;
        *high = i == 0 || h.weight > *high ? h.weight : *high;
    }
    xc_mset_free(m);
    xc_enquire_free(enq);
    return n;
}

static void test_every_acronym_counts_once(void **state)
{
    fixture *f = *state;
    const vocabulary *v = &f->s->vocabulary;
    const query_lexicon lexicon = {word_known, words_with_prefix, f->s};
    size_t acronyms = 0, matched = 0, with_both = 0;
    string_list both = STRING_LIST_INIT;
    for (size_t g = 0; g < v->count; g++) {
        if (!has_long_form(&v->groups[g]))
            continue;
        for (size_t k = 0; k < v->groups[g].count; k++) {
            const char *acronym = v->groups[g].items[k];
            if (!is_acronym(acronym))
                continue;
            acronyms++;
            query_plan plan;
            char *error = NULL;
            if (!query_plan_build(acronym, v, &lexicon, &plan, &error))
                fail_msg("%s: %s", acronym, error);
            if (plan.group_count != 1)
                fail_msg("%s: %zu groups (%s)", acronym, plan.group_count, plan.rewritten);

            xc_query *grouped = NULL, *ored = NULL;
            assert_true(parse_words(f->s, &plan, XC_OP_AND, &grouped, &error));
            char *d = NULL;
            assert_int_equal(xc_query_describe(grouped, &d, NULL), XC_OK);
            if (!strstr(d, " SYNONYM ") || strstr(d, " OR "))
                fail_msg("%s: not one synonym: %s", acronym, d);
            free(d);

            double low = 0, high = 0;
            size_t n = weight_range(f->s, grouped, &low, &high);
            if (n && high - low > 1e-9 * high)
                fail_msg("%s: the group weighs from %.12g to %.12g over %zu passages",
                         acronym, low, high, n);
            matched += n > 0;

            /* The same variants ORed: a passage with two of them weighs
             * more than one with one. */
            query_plan or_plan = plan;
            or_plan.parser_input = plan.rewritten;
            or_plan.group_count = 0;
            assert_true(parse_words(f->s, &or_plan, XC_OP_AND, &ored, &error));
            if (weight_range(f->s, ored, &low, &high) && high - low > 1e-6 * high) {
                with_both++;
                assert_true(string_list_add(&both, acronym));
            }
            xc_query_free(grouped);
            xc_query_free(ored);
            query_plan_free(&plan);
        }
    }
    char *names = string_list_join(&both, ", ");
    print_message("%zu acronyms, %zu found in the report, %zu where ORed variants "
                  "counted a passage twice: %s\n", acronyms, matched, with_both, names);
    /* The cases tests/relevance/README.md names are among them. */
    assert_true(string_list_contains(&both, "WTO"));
    assert_true(string_list_contains(&both, "CPTPP"));
    assert_true(acronyms >= 20);
    free(names);
    string_list_free(&both);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_acronym_counts_once),
    };
    return cmocka_run_group_tests(tests, build_index, remove_index);
}
