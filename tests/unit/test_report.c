/* The report model: reading an edition into passages, tagging agencies,
 * finding acronyms.  Uses the small fixture in tests/data/mini. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "vocabulary.h"

#define MINI BRIEF_SOURCE_DIR "/tests/data/mini"

static int load(void **state)
{
    corpus *c = calloc(1, sizeof *c);
    char *error = NULL;
    if (!corpus_load(MINI, c, &error)) {
        fprintf(stderr, "%s\n", error);
        free(error);
        free(c);
        return -1;
    }
    *state = c;
    return 0;
}

static int unload(void **state)
{
    corpus_free(*state);
    free(*state);
    return 0;
}

static const passage *get(void **state, const char *id)
{
    corpus *c = *state;
    const passage *p = report_find(&c->reports[0], id);
    if (!p)
        fail_msg("no passage %s", id);
    return p;
}

static void test_metadata(void **state)
{
    corpus *c = *state;
    assert_int_equal(c->count, 1);
    const report *r = &c->reports[0];
    assert_string_equal(r->id, "tiny");
    assert_string_equal(r->title, "A Tiny Report: Test Fixture for brief");
    assert_int_equal(r->authors.count, 2);
    assert_string_equal(r->authors.items[1], "Bo Editor");
    assert_string_equal(r->date, "2021-03");
    assert_non_null(r->content_hash);
}

static void test_paragraph_text_and_footnotes(void **state)
{
    const passage *p = get(state, "tiny:intro.1");
    assert_int_equal(p->kind, PASSAGE_FOREWORD);
    assert_string_equal(p->text, "The bilateral relationship has long-standing roots "
                                 "in the Indo-Pacific. It is a relationship.");
    assert_int_equal(p->footnote_count, 1);
    assert_int_equal(p->footnotes[0], 1);
    assert_int_equal(p->section.count, 1);
    assert_string_equal(p->section.items[0], "Introduction");
    assert_int_equal(p->pillar, 0);
}

static void test_pull_quote_is_a_repeat(void **state)
{
    const passage *p = get(state, "tiny:intro.2");
    assert_int_equal(p->kind, PASSAGE_PULLQUOTE);
    assert_true(p->repeat);
}

static void test_recommendations(void **state)
{
    const passage *h = get(state, "tiny:rec-p4.1");
    assert_int_equal(h->kind, PASSAGE_HEADLINE);
    assert_int_equal(h->pillar, 4);
    assert_string_equal(h->title, "Move away from a maximalist position in future "
                                  "Special Measures Agreement (SMA) talks.");
    assert_string_equal(h->text, "Move away from a maximalist position in future "
                                 "Special Measures Agreement (SMA) talks. Periodic "
                                 "negotiations over burden-sharing are difficult.");
    assert_int_equal(h->footnote_count, 1);
    assert_int_equal(h->footnotes[0], 3);
    assert_string_equal(h->section.items[1], "Pillar 4: Galvanize security cooperation");

    const passage *b = get(state, "tiny:rec-p4.1.2");
    assert_int_equal(b->kind, PASSAGE_BULLET);
    assert_int_equal(b->pillar, 4);
    assert_int_equal(b->section.count, 3);
    assert_string_equal(b->section.items[2], h->title);
    assert_string_equal(b->text, "The Defense Department’s Defense Innovation Unit "
                                 "should partner with Washington.");

    const passage *c = get(state, "tiny:rec-p4.caption1");
    assert_int_equal(c->kind, PASSAGE_CAPTION);
    const passage *b2 = get(state, "tiny:rec-p4.2.1");
    assert_int_equal(b2->kind, PASSAGE_BULLET);
    assert_string_equal(b2->section.items[2], "Prepare South Korea for change.");
}

static void test_heading_footnote_and_ids(void **state)
{
    const passage *h = get(state, "tiny:rec-p4");
    assert_int_equal(h->kind, PASSAGE_HEADING);
    assert_string_equal(h->text, "Pillar 4: Galvanize security cooperation");
    assert_int_equal(h->footnote_count, 1);
    assert_int_equal(h->footnotes[0], 2);
}

static void test_agencies_and_actors(void **state)
{
    const passage *b1 = get(state, "tiny:rec-p4.1.1");
    assert_int_equal(b1->agencies.count, 2);
    assert_string_equal(b1->agencies.items[0], "U.S. Department of State");
    assert_string_equal(b1->agencies.items[1], "ROK Ministry of Science and ICT");

    /* The longest alias wins: the unit, not its parent. */
    const passage *b2 = get(state, "tiny:rec-p4.1.2");
    assert_int_equal(b2->agencies.count, 1);
    assert_string_equal(b2->agencies.items[0], "Defense Innovation Unit");
    assert_int_equal(b2->actors.count, 1);
    assert_string_equal(b2->actors.items[0], "Washington");

    const passage *b3 = get(state, "tiny:rec-p4.2.1");
    assert_string_equal(b3->agencies.items[0], "U.S. Congress");
}

static void test_acronyms_found(void **state)
{
    corpus *c = *state;
    vocabulary v;
    char *error = NULL;
    assert_true(vocabulary_parse(c->synonyms_text, "synonyms", &v, &error));
    assert_int_equal(v.count, 2);
    assert_true(vocabulary_find_acronyms(&v, &c->reports[0]));
    assert_int_equal(v.acronyms, 1);
    const string_list *g = vocabulary_find(&v, "sma");
    assert_non_null(g);
    assert_string_equal(g->items[0], "Special Measures Agreement");
    assert_non_null(vocabulary_find(&v, "republic of korea"));
    assert_ptr_equal(vocabulary_find(&v, "burdensharing"),
                     vocabulary_find(&v, "burden sharing"));
    vocabulary_free(&v);
}

static void expect_error(const char *text, const char *fragment)
{
    report r;
    char *error = NULL;
    assert_false(report_read_edition("bad.md", text, strlen(text), &r, &error));
    assert_non_null(error);
    if (!strstr(error, fragment))
        fail_msg("error '%s' lacks '%s'", error, fragment);
    free(error);
}

static void test_bad_editions(void **state)
{
    (void)state;
    expect_error("no front matter\n", "bad.md:1: no front matter");
    expect_error("---\ntitle: x\n---\n# A\n\ntext\n", "needs 'id:'");
    expect_error("---\nid: x\ntitle: t\n---\n", "no passages");
    expect_error("---\nid: x\ntitle: t\n---\n# A\n\n<!-- brief: knd=x -->\ntext\n",
                 "bad.md:7: unknown directive 'knd=x'");
    expect_error("---\nid: x\ntitle: t\n---\n# A\n\n<!-- brief: kind=poem -->\nt\n",
                 "unknown passage kind 'poem'");
    expect_error("---\nid: x\ntitle: t\n---\ntext first\n", "text before the first heading");
    expect_error("---\nid: x\ntitle: t\n---\n# A\n\nbad \xc3\x28 byte\n",
                 "bad.md:7:5: invalid UTF-8");
    const char binary[] = "---\nid: x\n\0\0\0";
    report r;
    char *error = NULL;
    assert_false(report_read_edition("bin.md", binary, sizeof binary - 1, &r, &error));
    assert_non_null(strstr(error, "bin.md:3:1: binary data"));
    free(error);
}

static void test_missing_corpus(void **state)
{
    (void)state;
    corpus c;
    char *error = NULL;
    assert_false(corpus_load("/nonexistent/corpus", &c, &error));
    assert_string_equal(error, "corpus /nonexistent/corpus: No such file or directory");
    free(error);
    error = NULL;
    assert_false(corpus_load(BRIEF_SOURCE_DIR "/src", &c, &error));
    assert_non_null(strstr(error, "no reports"));
    free(error);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_metadata),
        cmocka_unit_test(test_paragraph_text_and_footnotes),
        cmocka_unit_test(test_pull_quote_is_a_repeat),
        cmocka_unit_test(test_recommendations),
        cmocka_unit_test(test_heading_footnote_and_ids),
        cmocka_unit_test(test_agencies_and_actors),
        cmocka_unit_test(test_acronyms_found),
        cmocka_unit_test(test_bad_editions),
        cmocka_unit_test(test_missing_corpus),
    };
    return cmocka_run_group_tests(tests, load, unload);
}
