/* The query language: syntax errors with positions, filters taken out,
 * vocabulary and compound rewriting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"

/* The parser's input with each QUERY_GROUP_FIELD:N written out as the
 * group's variants ORed, as the plan shows them to people. */
static char *groups_written_out(const query_plan *plan)
{
    static const char field[] = QUERY_GROUP_FIELD ":";
    char *out = calloc(strlen(plan->parser_input) + 1, 1);
    size_t len = 0, used = 0;
    for (const char *p = plan->parser_input; *p;) {
        if (strncmp(p, field, sizeof field - 1) != 0) {
            out[len++] = *p++;
            continue;
        }
        char *end;
        size_t n = strtoul(p + sizeof field - 1, &end, 10);
        assert_true(n < plan->group_count);
        assert_int_equal(n, used++);   /* numbered in order, each once */
        char *joined = string_list_join(&plan->groups[n], " OR ");
        out = realloc(out, len + strlen(joined) + strlen(end) + 3);
        len += (size_t)sprintf(out + len, "(%s)", joined);
        free(joined);
        p = end;
    }
    out[len] = '\0';
    assert_int_equal(used, plan->group_count);
    return out;
}

static void assert_plan(const char *query, const vocabulary *v,
                        const query_lexicon *lexicon, const char *expected)
{
    query_plan plan;
    char *error = NULL;
    if (!query_plan_build(query, v, lexicon, &plan, &error))
        fail_msg("'%s' failed: %s", query, error);
    assert_string_equal(plan.rewritten, expected);
    char *written_out = groups_written_out(&plan);
    assert_string_equal(written_out, expected);
    free(written_out);
    query_plan_free(&plan);
}

static void assert_rewrites(const char *query, const vocabulary *v,
                            bool (*known)(const char *, void *), const char *expected)
{
    const query_lexicon lexicon = {known, NULL, NULL};
    assert_plan(query, v, &lexicon, expected);
}

/* The words of a made-up index (NULL-ended) that start with prefix. */
static bool words_starting(const char *const *words, const char *prefix, string_list *out)
{
    for (size_t i = 0; words[i]; i++)
        if (strncmp(words[i], prefix, strlen(prefix)) == 0 && !string_list_add(out, words[i]))
            return false;
    return true;
}

static void assert_error(const char *query, const char *expected)
{
    query_plan plan;
    char *error = NULL;
    assert_false(query_plan_build(query, NULL, NULL, &plan, &error));
    assert_non_null(error);
    assert_string_equal(error, expected);
    free(error);
}

static void test_plain_queries_pass_through(void **state)
{
    (void)state;
    assert_rewrites("burden sharing", NULL, NULL, "burden sharing");
    assert_rewrites("“special measures” OR trade -china", NULL, NULL,
                    "\"special measures\" OR trade -china");
    assert_rewrites("sanction* AND (korea OR japan)", NULL, NULL,
                    "sanction* AND ( korea OR japan )");
    /* Operators only in capitals: lowercase they are words. */
    assert_rewrites("not a proxy", NULL, NULL, "not a proxy");
    assert_rewrites("near term", NULL, NULL, "near term");
    assert_rewrites("korea and", NULL, NULL, "korea and");
    assert_rewrites("korea Or japan", NULL, NULL, "korea Or japan");
    assert_rewrites("korea NEAR/5 sanctions", NULL, NULL, "korea NEAR/5 sanctions");
    assert_rewrites("vis-à-vis", NULL, NULL, "vis-a-vis");
}

/* A made-up index: its words starting with a prefix. */
static bool fake_words(const char *prefix, string_list *out, void *ctx)
{
    (void)ctx;
    static const char *const words[] = {"not", "sanction", "sanctioned", "trade", NULL};
    return words_starting(words, prefix, out);
}

static void assert_expands(const char *query, const char *expected)
{
    query_plan plan;
    char *error = NULL;
    const query_lexicon lexicon = {NULL, fake_words, NULL};
    assert_plan(query, NULL, &lexicon, expected);
    if (!query_plan_build(query, NULL, &lexicon, &plan, &error))
        fail_msg("'%s' failed: %s", query, error);
    assert_int_equal(plan.wildcards.count, 1);   /* still highlighted by prefix */
    query_plan_free(&plan);
}

static void test_wildcards_expand_over_the_words(void **state)
{
    (void)state;
    assert_expands("sanction* korea", "(sanction OR sanctioned) korea");
    assert_expands("korea -sanction*", "korea -(sanction OR sanctioned)");
    /* A word that is an operator stays a word: quoted. */
    assert_expands("no* korea", "(\"not\") korea");
    /* Nothing to expand to: the wildcard stays, and matches nothing. */
    assert_expands("zebra* korea", "zebra* korea");
}

static void test_filters_come_out(void **state)
{
    (void)state;
    query_plan plan;
    char *error = NULL;
    assert_true(query_plan_build("trade pillar:2 agency:\"State Department\" "
                                 "kind:bullet OR kind:headline",
                                 NULL, NULL, &plan, &error));
    assert_string_equal(plan.parser_input, "trade");
    assert_int_equal(plan.filters.values[FILTER_PILLAR].count, 1);
    assert_string_equal(plan.filters.values[FILTER_PILLAR].items[0], "2");
    assert_string_equal(plan.filters.values[FILTER_AGENCY].items[0], "State Department");
    assert_int_equal(plan.filters.values[FILTER_KIND].count, 2);
    query_plan_free(&plan);

    assert_true(query_plan_build("pillar:4", NULL, NULL, &plan, &error));
    assert_string_equal(plan.parser_input, "");
    query_plan_free(&plan);
}

static void test_syntax_errors_name_the_position(void **state)
{
    (void)state;
    assert_error("\"burden sharing", "unbalanced quote: the \" at position 1 is not closed");
    assert_error("(trade OR china", "unbalanced parenthesis: the '(' at position 1 is not closed");
    assert_error("trade)", "unbalanced parenthesis: the ')' at position 6 has no '('");
    assert_error("AND", "'AND' at position 1 needs a word or phrase on each side");
    assert_error("trade OR", "'OR' at position 7 needs a word or phrase on its right");
    assert_error("OR trade", "'OR' at position 1 needs a word or phrase on its left");
    assert_error("trade ()", "empty parentheses at position 7");
    assert_error("pillar:", "'pillar:' at position 1 needs a value");
    assert_error("trade AND pillar:4",
                 "'AND' at position 7 is next to a filter: filters (pillar:, agency:, ...) "
                 "always narrow the whole query and take no operators");
    assert_error("\xff", "the query is not valid UTF-8 text");
}

static void test_too_many_words(void **state)
{
    (void)state;
    size_t n = QUERY_MAX_WORDS + 1;
    char *q = malloc(n * 2 + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(q + 2 * i, "a ", 2);
    q[n * 2] = '\0';
    query_plan plan;
    char *error = NULL;
    assert_false(query_plan_build(q, NULL, NULL, &plan, &error));
    assert_string_equal(error, "the query has 1001 words; the limit is 1000");
    free(error);
    free(q);
}

static void test_vocabulary_expands(void **state)
{
    (void)state;
    vocabulary v;
    char *error = NULL;
    assert_true(vocabulary_parse("South Korea\tROK|Republic of Korea\n"
                                 "North Korea\tDPRK\n", "test", &v, &error));
    assert_rewrites("ROK trade", &v, NULL,
                    "(\"South Korea\" OR ROK OR \"Republic of Korea\") trade");
    /* One word typed: one term for the parser; a name typed in several
     * words keeps its words' weight, ORed. */
    query_plan plan;
    assert_true(query_plan_build("ROK trade", &v, NULL, &plan, &error));
    assert_string_equal(plan.parser_input, QUERY_GROUP_FIELD ":0 trade");
    query_plan_free(&plan);
    assert_true(query_plan_build("south korea trade", &v, NULL, &plan, &error));
    assert_string_equal(plan.parser_input,
                        "(\"South Korea\" OR ROK OR \"Republic of Korea\") trade");
    assert_int_equal(plan.group_count, 0);
    query_plan_free(&plan);
    vocabulary_free(&v);
}

static bool known_words(const char *word, void *ctx)
{
    (void)ctx;
    static const char *const words[] = {"burden", "sharing", "cybersecurity", NULL};
    for (int i = 0; words[i]; i++)
        if (strcmp(words[i], word) == 0)
            return true;
    return false;
}

static void test_compounds(void **state)
{
    (void)state;
    assert_rewrites("burdensharing talks", NULL, known_words,
                    "(burdensharing OR \"burden sharing\") talks");
    assert_rewrites("cyber security", NULL, known_words,
                    "(\"cyber security\" OR cybersecurity)");
}

/* A made-up index for compound heads: its words, and which it knows. */
static const char *const compound_index[] = {
    "cyber", "cybersecurity", "cyberspace", "security", "space", "spacex", "korea", "koreas",
    "near", "nearly", "cyberx", NULL};

static bool compound_known(const char *word, void *ctx)
{
    (void)ctx;
    for (int i = 0; compound_index[i]; i++)
        if (strcmp(compound_index[i], word) == 0)
            return true;
    return false;
}

static bool compound_words(const char *prefix, string_list *out, void *ctx)
{
    (void)ctx;
    return words_starting(compound_index, prefix, out);
}

static void assert_heads(const char *query, const char *expected)
{
    const query_lexicon lexicon = {compound_known, compound_words, NULL};
    assert_plan(query, NULL, &lexicon, expected);
}

static void test_compound_heads(void **state)
{
    (void)state;
    /* A word finds the compounds it heads: a word of the index follows. */
    assert_heads("cyber norms", "(cyber OR cybersecurity OR cyberspace) norms");
    /* Not a plural, an adverb or a tail the index does not know. */
    assert_heads("korea", "korea");
    assert_heads("near term", "near term");
    /* Two words that make a compound join as before. */
    assert_heads("cyber security", "(\"cyber security\" OR cybersecurity)");
    /* A one-letter word joins nothing: "vis a" is not "visa". */
    assert_heads("space x", "space x");
    /* A phrase, a -word and a wildcard stay as typed. */
    assert_heads("\"cyber norms\" -cyber", "\"cyber norms\" -cyber");
}

/* Words from the vocabulary, the synonyms file or compound joining are
 * data: an operator word or a syntax character there is a phrase, never
 * syntax. */
static bool known_operator_words(const char *word, void *ctx)
{
    (void)ctx;
    return strcmp(word, "not") == 0 || strcmp(word, "near") == 0;
}

static void test_expansions_are_data(void **state)
{
    (void)state;
    vocabulary v;
    char *error = NULL;
    assert_true(vocabulary_parse("operations research\tOR\n"
                                 "trade\tNOT|pillar:3|x*|(AND)|\"NEAR\"|()\n", "test", &v,
                                 &error));
    assert_rewrites("operations research", &v, NULL,
                    "(\"operations research\" OR \"OR\")");
    assert_rewrites("trade", &v, NULL,
                    "(trade OR \"NOT\" OR \"pillar 3\" OR \"x \" OR \" AND \" OR \" NEAR \")");
    vocabulary_free(&v);
    /* A one-letter word joins nothing (so "no t" stays two words); a
     * joined operator word is a phrase. */
    assert_rewrites("no t", NULL, known_operator_words, "no t");
    assert_rewrites("ne ar", NULL, known_operator_words, "(\"ne ar\" OR \"near\")");
}

/* A typed group field names no group: Xapian reads it as words. */
static void test_typed_group_field_is_words(void **state)
{
    (void)state;
    query_plan plan;
    char *error = NULL;
    assert_true(query_plan_build("briefgroup:0 x/briefgroup:1 -briefgroup:2* \"briefgroup:3\"",
                                 NULL, NULL, &plan, &error));
    assert_string_equal(plan.parser_input,
                        "briefgroup-0 x/briefgroup-1 -briefgroup-2* \"briefgroup:3\"");
    assert_int_equal(plan.group_count, 0);
    query_plan_free(&plan);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_queries_pass_through),
        cmocka_unit_test(test_wildcards_expand_over_the_words),
        cmocka_unit_test(test_filters_come_out),
        cmocka_unit_test(test_syntax_errors_name_the_position),
        cmocka_unit_test(test_too_many_words),
        cmocka_unit_test(test_vocabulary_expands),
        cmocka_unit_test(test_compounds),
        cmocka_unit_test(test_compound_heads),
        cmocka_unit_test(test_expansions_are_data),
        cmocka_unit_test(test_typed_group_field_is_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
