/* What the index stores and every search reads back: passages, the
 * reports' metadata and the vocabulary come back exactly as written; the
 * decoder's two paths (the fast one for what passage_encode writes, jansson
 * for anything else) read the same passage from the same input; the
 * highlighter marks the same words with its memo and its shortcut around
 * the stemmer; and the wdf factor that holds BM25's length normalisation
 * (schema.h) is the one the searcher expects. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "corpus.h"
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
    p.page = 7;
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

static void assert_same_string(const char *a, const char *b)
{
    if (b)
        assert_string_equal(a, b);
    else
        assert_null(a);
}

static void assert_same_passage(const passage *q, const passage *p)
{
    assert_string_equal(q->id, p->id);
    assert_string_equal(q->report, p->report);
    assert_string_equal(q->text, p->text);
    assert_same_string(q->title, p->title);
    assert_int_equal(q->kind, p->kind);
    assert_int_equal(q->pillar, p->pillar);
    assert_int_equal(q->order, p->order);
    assert_int_equal(q->repeat, p->repeat);
    assert_int_equal(q->source_line, p->source_line);
    assert_int_equal(q->page, p->page);
    assert_int_equal(q->footnote_count, p->footnote_count);
    for (size_t i = 0; i < p->footnote_count; i++)
        assert_int_equal(q->footnotes[i], p->footnotes[i]);
    assert_same_list(&q->section, &p->section);
    assert_same_list(&q->agencies, &p->agencies);
    assert_same_list(&q->actors, &p->actors);
    assert_same_list(&q->organizations, &p->organizations);
}

static void assert_round_trip(const passage *p)
{
    char *data = passage_encode(p);
    assert_non_null(data);
    passage q;
    char *error = NULL;
    assert_true(passage_decode(data, strlen(data), &q, &error));
    assert_same_passage(&q, p);
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

/* The two paths of passage_decode on the same input: where the fast one
 * reads a record, the JSON one reads the same passage.  Returns whether
 * the fast one read it. */
static bool decoders_agree(const char *data)
{
    passage fast, slow;
    char *error = NULL;
    bool fast_ok = passage_decode_fast(data, strlen(data), &fast);
    bool slow_ok = passage_decode_json(data, strlen(data), &slow, &error);
    if (fast_ok) {
        assert_true(slow_ok);
        assert_same_passage(&fast, &slow);
        passage_free(&fast);
    }
    if (slow_ok)
        passage_free(&slow);
    free(error);
    return fast_ok;
}

static void test_decoders_agree(void **state)
{
    (void)state;
    /* Every passage of the bundled report as the indexer stores it: the
     * fast path reads each one, and both paths give the passage back. */
    corpus c;
    char *error = NULL;
    assert_true(corpus_load(BRIEF_SOURCE_DIR "/corpus", &c, &error));
    size_t compared = 0;
    for (size_t r = 0; r < c.count; r++) {
        for (size_t i = 0; i < c.reports[r].count; i++) {
            const passage *p = &c.reports[r].passages[i];
            char *data = passage_encode(p);
            assert_non_null(data);
            assert_true(decoders_agree(data));
            passage q;
            assert_true(passage_decode_fast(data, strlen(data), &q));
            assert_same_passage(&q, p);
            passage_free(&q);
            free(data);
            compared++;
        }
    }
    assert_int_equal(compared, corpus_passage_count(&c));
    assert_true(compared > 100);
    corpus_free(&c);
    /* Other shapes: the fast path declines them or agrees. */
    const char *inputs[] = {
        "{ \"text\" : \"t\", \"kind\":\"bullet\", \"id\":\"a:b\", \"report\":\"a\"}",
        "{\"id\":\"a:b\",\"report\":\"a\",\"kind\":\"bullet\",\"text\":\"caf\\u00e9\"}",
        "{\"id\":\"a:b\",\"report\":\"a\",\"kind\":\"bullet\",\"text\":\"t\",\"pillar\":2.0}",
        "{\"id\":\"a:b\",\"report\":\"a\",\"kind\":\"bullet\",\"text\":\"t\",\"id\":\"a:c\"}",
        "{\"id\":\"a:b\",\"report\":\"a\",\"kind\":\"bullet\",\"text\":\"t\","
        "\"footnotes\":[1,2],\"section\":[\"x\",\"y\"],\"repeat\":true}",
        "{\"id\":\"a:b\",\"report\":\"a\",\"kind\":\"bullet\"}",
        "{\"id\":\"a:b\",\"report\":\"a\",\"kind\":\"bullet\",\"text\":\"t\"} x",
        "[1, 2]", "", "{",
    };
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++)
        decoders_agree(inputs[i]);
}

static void assert_same_report(const report *a, const report *b)
{
    assert_string_equal(a->id, b->id);
    assert_string_equal(a->title, b->title);
    assert_same_list(&a->authors, &b->authors);
    assert_same_string(a->publisher, b->publisher);
    assert_same_string(a->date, b->date);
    assert_same_string(a->series, b->series);
    assert_same_string(a->source, b->source);
    assert_same_string(a->content_hash, b->content_hash);
}

/* The reports' metadata as the index keeps it (META_REPORTS and each
 * report's own key) comes back as it was written. */
static void test_reports_round_trip(void **state)
{
    (void)state;
    corpus c;
    char *error = NULL;
    assert_true(corpus_load(BRIEF_SOURCE_DIR "/corpus", &c, &error));
    assert_true(c.count > 0);
    report extra[2] = {{0}, {0}};
    extra[0].id = "second";
    extra[0].title = "A Title: with \"quotes\", commas, and é";
    string_list_add(&extra[0].authors, "One Author");
    string_list_add(&extra[0].authors, "Another, Jr.");
    extra[0].publisher = "A Publisher";
    extra[0].date = "2021-03";
    extra[0].source = "corpus/second/report.md";
    extra[0].content_hash = "00ff";
    extra[1].id = "bare";   /* no optional field, no author */
    extra[1].title = "T";
    const report *all[] = {&c.reports[0], &extra[0], &extra[1]};
    report list[3];
    for (size_t i = 0; i < 3; i++)
        list[i] = *all[i];
    char *text = reports_encode(list, 3);
    assert_non_null(text);
    report *back = NULL;
    size_t n = 0;
    assert_true(reports_decode(text, &back, &n, &error));
    assert_int_equal(n, 3);
    for (size_t i = 0; i < 3; i++)
        assert_same_report(&back[i], all[i]);
    for (size_t i = 0; i < n; i++)
        report_free(&back[i]);
    free(back);
    /* One report alone (its own key), and none. */
    char *one = reports_encode(&extra[0], 1);
    assert_true(reports_decode(one, &back, &n, &error));
    assert_int_equal(n, 1);
    assert_same_report(&back[0], &extra[0]);
    report_free(&back[0]);
    free(back);
    char *none = reports_encode(NULL, 0);
    assert_true(reports_decode(none, &back, &n, &error));
    assert_int_equal(n, 0);
    free(back);
    /* A separator inside a field becomes a space, not a new field. */
    extra[1].title = "two\nlines\x1f" "and\x1e" "a unit";
    char *odd = reports_encode(&extra[1], 1);
    assert_true(reports_decode(odd, &back, &n, &error));
    assert_int_equal(n, 1);
    assert_string_equal(back[0].title, "two lines and a unit");
    report_free(&back[0]);
    free(back);
    /* Not this format (an older brief's JSON array), a line cut short. */
    assert_false(reports_decode("[{\"id\":\"a\",\"title\":\"t\"}]", &back, &n, &error));
    assert_non_null(error);
    free(error);
    error = NULL;
    *strrchr(text, '\x1f') = '\0';
    assert_false(reports_decode(text, &back, &n, &error));
    assert_non_null(error);
    free(error);
    free(text);
    free(one);
    free(none);
    free(odd);
    string_list_free(&extra[0].authors);
    corpus_free(&c);
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
        cmocka_unit_test(test_decoders_agree),
        cmocka_unit_test(test_reports_round_trip),
        cmocka_unit_test(test_vocabulary_round_trip),
        cmocka_unit_test(test_highlight_stems_and_memo),
        cmocka_unit_test(test_wdf_factor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
