/* What the index stores and every search reads back: passages and the
 * vocabulary come back exactly as written, whichever of the decoder's two
 * paths reads them (the fast one for what passage_encode writes, jansson
 * for anything else), the highlighter marks the same words with its memo
 * and its shortcut around the stemmer, and the wdf factor that holds
 * BM25's length normalisation (schema.h) is the one the searcher expects. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "highlight.h"
#include "passage_codec.h"
#include "strbuf.h"
#include "schema.h"

static passage sample(const char *text)
{
    static int notes[] = {3, 17};
    passage p = {0};
    p.id = "usrok2020:rec-p4.1.1";
    p.report = "usrok2020";
    p.kind = PASSAGE_BULLET;
    p.pillar = 4;
    p.order = 1234;
    p.footnotes = notes;
    p.footnote_count = 2;
    p.text = (char *)text;
    p.source_line = 99;
    return p;
}

static void assert_same_list(const string_list *a, const string_list *b)
{
    assert_int_equal(a->count, b->count);
    for (size_t i = 0; i < a->count; i++)
        assert_string_equal(a->items[i], b->items[i]);
}

static void assert_round_trip(const passage *p)
{
    char *data = passage_encode(p);
    assert_non_null(data);
    passage q;
    char *error = NULL;
    assert_true(passage_decode(data, strlen(data), &q, &error));
    assert_string_equal(q.id, p->id);
    assert_string_equal(q.report, p->report);
    assert_string_equal(q.text, p->text);
    if (p->title)
        assert_string_equal(q.title, p->title);
    else
        assert_null(q.title);
    assert_int_equal(q.kind, p->kind);
    assert_int_equal(q.pillar, p->pillar);
    assert_int_equal(q.order, p->order);
    assert_int_equal(q.repeat, p->repeat);
    assert_int_equal(q.source_line, p->source_line);
    assert_int_equal(q.footnote_count, p->footnote_count);
    for (size_t i = 0; i < p->footnote_count; i++)
        assert_int_equal(q.footnotes[i], p->footnotes[i]);
    assert_same_list(&q.section, &p->section);
    assert_same_list(&q.agencies, &p->agencies);
    assert_same_list(&q.actors, &p->actors);
    assert_same_list(&q.organizations, &p->organizations);
    passage_free(&q);
    free(data);
}

static void test_passages_round_trip(void **state)
{
    (void)state;
    passage p = sample("Washington should eschew a “maximalist” approach.");
    assert_round_trip(&p);
    /* Lists, a title, a repeat; escapes the fast path reads (\" \\ \n \t)
     * and one it leaves to jansson (\u0001). */
    string_list section = {0}, agencies = {0};
    string_list_add(&section, "Pillar 4: \"Galvanize\" \\ cooperation");
    string_list_add(&section, "Move away");
    string_list_add(&agencies, "State Department");
    p.section = section;
    p.agencies = agencies;
    p.title = "A bold\tsentence.";
    p.repeat = true;
    p.text = "Line one\nline two: vis-à-vis, U.S.–ROK, 40 percent.";
    assert_round_trip(&p);
    p.text = "a control \x01 character";
    assert_round_trip(&p);
    p.pillar = 0;
    p.footnote_count = 0;
    assert_round_trip(&p);
    string_list_free(&section);
    string_list_free(&agencies);
}

static void assert_decodes(const char *json, bool ok)
{
    passage q;
    char *error = NULL;
    assert_int_equal(passage_decode(json, strlen(json), &q, &error), ok);
    if (ok)
        passage_free(&q);
    else
        assert_non_null(error);
    free(error);
}

static void test_passages_other_shapes(void **state)
{
    (void)state;
    /* Whitespace, keys in another order, a key repeated (the last wins),
     * an unknown key: all JSON, all read. */
    assert_decodes("{ \"text\" : \"t\", \"kind\":\"bullet\", \"id\":\"a:b\","
                   " \"report\":\"a\", \"id\":\"a:c\", \"extra\": [1, {\"x\": 2}] }\n",
                   true);
    assert_decodes("{\"id\":\"a:b\",\"report\":\"a\",\"kind\":\"bullet\","
                   "\"text\":\"caf\\u00e9\",\"pillar\":2.0}", true);
    /* Not passages: no text, an unknown kind, not JSON, trailing bytes. */
    assert_decodes("{\"id\":\"a:b\",\"report\":\"a\",\"kind\":\"bullet\"}", false);
    assert_decodes("{\"id\":\"a:b\",\"report\":\"a\",\"kind\":\"nope\",\"text\":\"t\"}",
                   false);
    assert_decodes("{\"id\":\"a:b\",\"report\":\"a\",\"kind\":\"bullet\",\"text\":\"t", false);
    assert_decodes("{\"id\":\"a:b\",\"report\":\"a\",\"kind\":\"bullet\",\"text\":\"t\"} x",
                   false);
    assert_decodes("{\"id\":\"a:b\",\"report\":\"a\",\"kind\":\"bullet\",\"text\":\"\xff\"}",
                   false);
}

/* Report metadata: the citation fields round-trip; an index written
 * before them (brief-reports-1) is still read, and a list mixing both
 * lines (an update that keeps removed reports' old lines) too. */
static void test_reports_citation_fields(void **state)
{
    (void)state;
    report r = {0};
    r.id = "r1";
    r.title = "Title";
    r.publisher = "Press";
    r.date = "2021-03";
    r.url = "https://example.org/r1";
    r.place = "Washington, DC";
    r.number = "WP-7";
    r.citekey = "key1";
    assert_true(string_list_add(&r.authors, "Ana Lee"));
    char *text = reports_encode(&r, 1);
    assert_non_null(text);
    string_list_free(&r.authors);
    report *out = NULL;
    size_t n = 0;
    assert_true(reports_decode(text, &out, &n, NULL));
    assert_int_equal(n, 1);
    assert_string_equal(out[0].url, "https://example.org/r1");
    assert_string_equal(out[0].place, "Washington, DC");
    assert_string_equal(out[0].number, "WP-7");
    assert_string_equal(out[0].citekey, "key1");
    assert_string_equal(out[0].authors.items[0], "Ana Lee");
    report_free(&out[0]);
    free(out);

    /* A version 1 line (9 fields) after the version 2 header and line. */
    strbuf mixed = STRBUF_INIT;
    strbuf_puts(&mixed, text);
#define US "\x1f"   /* the field separator */
    strbuf_puts(&mixed, "old" US "Old Title" US "Bo Kim" US "Press" US "2019" US US "src" US
                        "hash" US "3\n");
    assert_true(reports_decode(mixed.data, &out, &n, NULL));
    assert_int_equal(n, 2);
    assert_string_equal(out[1].id, "old");
    assert_null(out[1].url);
    assert_null(out[1].citekey);
    for (size_t i = 0; i < n; i++)
        report_free(&out[i]);
    free(out);
    strbuf_free(&mixed);

    const char *v1 = "brief-reports-1\nold" US "Old Title" US US "Press" US "2019" US US "src" US
                     "hash" US "3\n";
    assert_true(reports_decode(v1, &out, &n, NULL));
    assert_int_equal(n, 1);
    assert_string_equal(out[0].title, "Old Title");
    assert_null(out[0].place);
    report_free(&out[0]);
    free(out);
    free(text);
}

static void test_vocabulary_round_trip(void **state)
{
    (void)state;
    vocabulary v = VOCABULARY_INIT, w;
    string_list a = {0}, b = {0};
    string_list_add(&a, "ROK");
    string_list_add(&a, "Republic of \"Korea\"");
    string_list_add(&b, "SMA");
    vocabulary_add(&v, &a);
    vocabulary_add(&v, &b);
    char *json = vocabulary_encode(&v);
    char *error = NULL;
    assert_true(vocabulary_decode(json, &w, &error));
    assert_int_equal(w.count, 2);
    assert_same_list(&w.groups[0], &v.groups[0]);
    assert_same_list(&w.groups[1], &v.groups[1]);
    vocabulary_free(&w);
    assert_true(vocabulary_decode(" [ [\"a\" , \"b\"], [] ] ", &w, &error));
    assert_int_equal(w.count, 2);
    vocabulary_free(&w);
    assert_false(vocabulary_decode("[[\"a\"], 3]", &w, &error));
    free(error);
    free(json);
    vocabulary_free(&v);
    string_list_free(&a);
    string_list_free(&b);
}

/* The marked words of text for the query's terms. */
static char *marks(highlighter *h, const char *text)
{
    snippet s;
    assert_true(highlight_snippet(h, text, 0, &s));
    char *out = calloc(strlen(text) * 2 + 1, 1);
    for (size_t i = 0; i < s.count; i++) {
        strncat(out, s.text + s.spans[i].start, s.spans[i].len);
        strcat(out, "|");
    }
    snippet_free(&s);
    return out;
}

static void test_highlight_stems_and_memo(void **state)
{
    (void)state;
    xc_stemmer *stemmer = NULL;
    xc_query *terms[3] = {NULL}, *q = NULL;
    assert_int_equal(xc_stemmer_new("english", &stemmer, NULL), XC_OK);
    assert_int_equal(xc_query_term("Zsanction", &terms[0], NULL), XC_OK);
    assert_int_equal(xc_query_term("Zkorea", &terms[1], NULL), XC_OK);
    assert_int_equal(xc_query_term("us", &terms[2], NULL), XC_OK);
    assert_int_equal(xc_query_combine(XC_OP_OR, terms, 3, 0, &q, NULL), XC_OK);
    highlighter h;
    assert_true(highlighter_init(&h, stemmer, q, NULL, NULL));
    const char *text = "Sanctions on Korea’s sanctioned firms; the U.S. sanctioning "
                       "Korea, not Japan.";
    /* Twice: the second time from the memo, with the same answer. */
    for (int round = 0; round < 2; round++) {
        char *m = marks(&h, text);
        assert_string_equal(m, "Sanctions|Korea’s|sanctioned|U.S.|sanctioning|Korea|");
        free(m);
    }
    highlighter_free(&h);
    for (int i = 0; i < 3; i++)
        xc_query_free(terms[i]);
    xc_query_free(q);
    xc_stemmer_free(stemmer);
}

/* The wdf factor: RANK_WDF_SCALE at the pivot length, more for shorter
 * passages down to min_normlen, less for longer ones, never below 1. */
static void test_wdf_factor(void **state)
{
    (void)state;
    assert_float_equal(schema_wdf_factor((uint64_t)RANK_PIVOT_LENGTH), RANK_WDF_SCALE, 1e-9);
    double shortest = RANK_WDF_SCALE / (1 - RANK_B + RANK_B * RANK_MIN_NORMLEN);
    assert_float_equal(schema_wdf_factor(0), shortest, 1e-9);
    assert_float_equal(schema_wdf_factor(10), shortest, 1e-9);
    assert_true(schema_wdf_factor(144) < schema_wdf_factor(100));
    assert_float_equal(schema_wdf_factor(144), RANK_WDF_SCALE / 1.5, 1e-9);
    assert_float_equal(schema_wdf_factor(1000000), 1.0, 0);
    assert_float_equal(schema_wdf_factor(UINT64_MAX), 1.0, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_passages_round_trip),
        cmocka_unit_test(test_passages_other_shapes),
        cmocka_unit_test(test_reports_citation_fields),
        cmocka_unit_test(test_vocabulary_round_trip),
        cmocka_unit_test(test_highlight_stems_and_memo),
        cmocka_unit_test(test_wdf_factor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
