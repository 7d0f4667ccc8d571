/* Quoting pieces without an index: the quotation's marks (verify_pattern),
 * matching them against a text (verify_match), the quotations of a draft
 * (draft_quotes), and the citation key and name parts (cite_record). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "cite_record.h"
#include "draft_quotes.h"
#include "verify.h"
#include "verify_match.h"
#include "verify_pattern.h"

static void parse(const char *quotation, verify_pattern *p)
{
    char *text = verify_normalise(quotation);
    assert_non_null(text);
    assert_true(verify_pattern_parse(text, p));
}

static void assert_piece(const verify_pattern *p, size_t i, const char *text,
                         verify_gap gap)
{
    assert_true(i < p->count);
    assert_int_equal(p->pieces[i].len, strlen(text));
    assert_memory_equal(p->pieces[i].text, text, strlen(text));
    assert_int_equal(p->pieces[i].gap_before, gap);
}

static void test_pattern_marks(void **state)
{
    (void)state;
    verify_pattern p;
    parse("one two … three... four . . . five [...] six", &p);
    assert_int_equal(p.count, 5);
    assert_int_equal(p.ellipses, 4);
    assert_int_equal(p.brackets, 0);
    assert_piece(&p, 0, "one two", VERIFY_GAP_NONE);
    assert_piece(&p, 1, "three", VERIFY_GAP_ELLIPSIS);
    assert_piece(&p, 4, "six", VERIFY_GAP_ELLIPSIS);
    verify_pattern_free(&p);

    /* A fourth dot is the sentence's full stop, kept as text. */
    parse("on its soil. . . . The next", &p);
    assert_piece(&p, 0, "on its soil.", VERIFY_GAP_NONE);
    assert_piece(&p, 1, "The next", VERIFY_GAP_ELLIPSIS);
    verify_pattern_free(&p);
    parse("on its soil.... The next", &p);
    assert_piece(&p, 0, "on its soil.", VERIFY_GAP_NONE);
    verify_pattern_free(&p);

    parse("[W]ashington should [not] eschew", &p);
    assert_int_equal(p.brackets, 2);
    assert_piece(&p, 0, "ashington should", VERIFY_GAP_BRACKET);
    assert_false(p.pieces[0].word_before);
    assert_true(p.pieces[0].word_after);
    assert_piece(&p, 1, "eschew", VERIFY_GAP_BRACKET);
    verify_pattern_free(&p);

    /* An unclosed bracket, or an empty one, is text. */
    parse("a [b c", &p);
    assert_int_equal(p.count, 1);
    assert_piece(&p, 0, "a [b c", VERIFY_GAP_NONE);
    verify_pattern_free(&p);
    parse("… […] ...", &p);
    assert_int_equal(p.count, 0);
    assert_int_equal(p.ellipses, 3);
    verify_pattern_free(&p);
}

/* Matches quotation in text: the outcome, and the match's span. */
static verify_outcome match(const char *quotation, const char *text, verify_matcher *m)
{
    static verify_pattern p;
    verify_pattern_free(&p);
    parse(quotation, &p);
    *m = (verify_matcher){.pattern = &p, .text = text, .len = strlen(text),
                          .start_limit = strlen(text), .budget = 1000000};
    return verify_match(m);
}

static void test_match_as_analysts_quote(void **state)
{
    (void)state;
    const char *text = "Washington should eschew a maximalist approach to future "
                       "burden-sharing negotiations that, at best, could yield a "
                       "Pyrrhic victory.";
    verify_matcher m;
    assert_int_equal(match("should eschew", text, &m), VERIFY_MATCHED);
    assert_int_equal(m.start, 11);
    assert_int_equal(m.end, 24);
    assert_int_equal(match("washington should", text, &m), VERIFY_MATCHED);
    assert_true(m.case_changed);
    assert_int_equal(match("Washington should … a Pyrrhic victory.", text, &m), VERIFY_MATCHED);
    assert_int_equal(match("[The United States] should eschew", text, &m), VERIFY_MATCHED);
    assert_int_equal(match("[W]ashington should", text, &m), VERIFY_MATCHED);
    assert_int_equal(match("approach [to the] future", text, &m), VERIFY_MATCHED);
    assert_int_equal(match("a Pyrrhic victory.12", text, &m), VERIFY_MATCHED);
    assert_int_equal(m.footnote_count, 1);
    assert_int_equal(m.footnotes[0], 12);
    /* The writer's closing comma. */
    assert_int_equal(match("could yield a Pyrrhic victory,", text, &m), VERIFY_MATCHED);
    /* Not excused: a changed word, words out of order, a word cut by an
     * ellipsis, a bracket standing for too much. */
    assert_int_equal(match("Washington must eschew", text, &m), VERIFY_FAILED);
    assert_true(m.reached);
    assert_int_equal(m.reach_quote, 11);
    assert_int_equal(match("a Pyrrhic victory … Washington", text, &m), VERIFY_RAN_OUT);
    assert_int_equal(match("should … ington", text, &m), VERIFY_RAN_OUT);
    assert_int_equal(match("Washington [x] victory", text, &m), VERIFY_FAILED);
    assert_int_equal(match("Washington should eschew a maximalist approach to future "
                           "burden-sharing negotiations that, at best, could yield a "
                           "Pyrrhic victory. And more", text, &m), VERIFY_RAN_OUT);
    assert_int_equal(match("G20 summit", "the G20 summit", &m), VERIFY_MATCHED);
    assert_int_equal(m.footnote_count, 0);
}

static void test_match_is_bounded(void **state)
{
    (void)state;
    /* A text of one letter over and over, the worst case for trying every
     * start: the budget stops it. */
    size_t n = 20000;
    char *text = malloc(n + 1), *quote = malloc(n + 8);
    memset(text, 'a', n);
    text[n] = '\0';
    memset(quote, 'a', n - 1);
    strcpy(quote + n - 1, "b … a");
    verify_pattern p;
    parse(quote, &p);
    verify_matcher m = {.pattern = &p, .text = text, .len = n, .start_limit = n,
                        .budget = 5000000};
    assert_int_not_equal(verify_match(&m), VERIFY_MATCHED);
    assert_int_equal(m.budget, 0);
    verify_pattern_free(&p);
    free(text);
    free(quote);
}

static void test_draft_quotes(void **state)
{
    (void)state;
    const char *draft =
        "---\ntitle: \"a front matter with four words\"\n---\n"
        "It says “the alliance is very strong” and \"so it is, they say\".\n"
        "A scare “quote” and `\"code that is not a quotation\"`.\n"
        "\n"
        "“A quotation that runs\non two lines”\n"
        "```\n\"in a fenced block of code\"\n```\n"
        "> First paragraph of\n> a block quote.\n>\n> — The Author, *Title*\n"
        "\n> Second block [@key, sec. x]\n";
    draft_quotes q;
    assert_true(draft_find_quotes(draft, strlen(draft), &q));
    assert_int_equal(q.count, 5);
    assert_string_equal(q.items[0].text, "the alliance is very strong");
    assert_int_equal(q.items[0].line, 4);
    assert_int_equal(q.items[0].col, 9);
    assert_string_equal(q.items[1].text, "so it is, they say");
    assert_int_equal(q.items[1].col, 43);
    assert_string_equal(q.items[2].text, "A quotation that runs\non two lines");
    assert_int_equal(q.items[2].line, 7);
    assert_string_equal(q.items[3].text, "First paragraph of\na block quote.");
    assert_true(q.items[3].block);
    assert_int_equal(q.items[3].line, 12);
    assert_int_equal(q.items[3].col, 3);
    assert_string_equal(q.items[4].text, "Second block");
    assert_int_equal(q.items[4].line, 17);
    draft_quotes_free(&q);
}

static void test_cite_key_and_names(void **state)
{
    (void)state;
    report r = {0};
    r.id = "usrok2020";
    r.title = "Renew, Elevate, Modernize";
    r.date = "2020-11";
    assert_true(string_list_add(&r.authors, "Kristine Lee"));
    char *key = cite_key(&r);
    assert_string_equal(key, "lee2020renew");
    free(key);
    r.title = "The Über-Alliance of the Future";
    string_list_free(&r.authors);
    assert_true(string_list_add(&r.authors, "José Núñez Jr."));
    key = cite_key(&r);
    assert_string_equal(key, "nunez2020uber");
    free(key);
    cite_name n;
    cite_name_split("José Núñez Jr.", &n);
    assert_string_equal(n.family, "Núñez");
    assert_string_equal(n.given, "José");
    assert_string_equal(n.suffix, "Jr.");
    cite_name_split("Plato", &n);
    assert_string_equal(n.family, "Plato");
    assert_string_equal(n.given, "");
    /* Nothing to make a key of: the report id. */
    string_list_free(&r.authors);
    r.title = "The";
    r.date = NULL;
    key = cite_key(&r);
    assert_string_equal(key, "usrok2020");
    free(key);
    r.citekey = "chosen:key";
    key = cite_key(&r);
    assert_string_equal(key, "chosen:key");
    free(key);
    int y, m, d;
    r.date = "2021-03-15";
    cite_date_parts(&r, &y, &m, &d);
    assert_int_equal(y * 10000 + m * 100 + d, 20210315);
    r.date = "spring 2020";
    cite_date_parts(&r, &y, &m, &d);
    assert_int_equal(y, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pattern_marks),
        cmocka_unit_test(test_match_as_analysts_quote),
        cmocka_unit_test(test_match_is_bounded),
        cmocka_unit_test(test_draft_quotes),
        cmocka_unit_test(test_cite_key_and_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
