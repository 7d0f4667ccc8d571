/* The bundled report read as a careful reader does: section order, kinds,
 * pillars, repaired reading order, agencies and actors on a sample, and
 * the line-break and footnote rules on the report's own tricky words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"

static int setup(void **state)
{
    corpus *c = calloc(1, sizeof *c);
    char *error = NULL;
    if (!corpus_load(BRIEF_SOURCE_DIR "/corpus", c, &error)) {
        fprintf(stderr, "%s\n", error);
        return -1;
    }
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    corpus_free(*state);
    free(*state);
    return 0;
}

static const report *the_report(void **state)
{
    return &((corpus *)*state)->reports[0];
}

static const passage *get(void **state, const char *id)
{
    const passage *p = report_find(the_report(state), id);
    if (!p)
        fail_msg("no passage %s", id);
    return p;
}

static const passage *containing(void **state, const char *words)
{
    const report *r = the_report(state);
    for (size_t i = 0; i < r->count; i++)
        if (strstr(r->passages[i].text, words))
            return &r->passages[i];
    fail_msg("no passage has '%s'", words);
    return NULL;
}

static void test_sections_in_order(void **state)
{
    static const char *const expected[] = {
        "Foreword", "Executive Summary", "The Six Pillars of a Renewed U.S.-ROK Alliance",
        "The Six Pillars of a Renewed U.S.-ROK Alliance",
        "Pillar One: Advance cooperation on “new frontier” policy areas",
        "Pillar Two: Reinvigorate the trade relationship",
        "Pillar Three: Coordinate on values-based diplomacy",
        "Pillar Four: Galvanize new areas of security cooperation",
        "Pillar Five: Prioritize managing Japan-South Korea tensions",
        "Pillar Six: Realign approaches to North Korea",
        "TIMELINE OF RECENT DEVELOPMENTS IN U.S.-KOREA RELATIONS VIS-À-VIS THE NORTH KOREA THREAT",
        "Policy Recommendations for the U.S. Government", "NEW FRONTIERS OF COLLABORATION",
        "Pillar 1: Advance cooperation on “new frontier” policy areas",
        "Pillar 2: Reinvigorate the trade relationship",
        "Pillar 3: Coordinate on values-based diplomacy",
        "Pillar 4: Galvanize new areas of security cooperation",
        "Pillar 5: Prioritize managing Japan-South Korea tensions",
        "Pillar 6: Realign approaches to North Korea", "Conclusion"};
    const report *r = the_report(state);
    size_t n = 0;
    for (size_t i = 0; i < r->count; i++) {
        if (r->passages[i].kind != PASSAGE_HEADING)
            continue;
        assert_true(n < sizeof expected / sizeof *expected);
        assert_string_equal(r->passages[i].text, expected[n]);
        n++;
    }
    assert_int_equal(n, sizeof expected / sizeof *expected);
    assert_string_equal(r->title, "Renew, Elevate, Modernize: A Blueprint for a 21st "
                                  "Century U.S.-ROK Alliance Strategy");
    assert_int_equal(r->authors.count, 3);
}

static void test_pillars_of_every_part(void **state)
{
    /* Narrative sections, recommendation sections and the Executive
     * Summary's six items all carry their pillar. */
    for (int p = 1; p <= 6; p++) {
        char id[64];
        snprintf(id, sizeof id, "usrok2020:pillar-%d", p);
        assert_int_equal(get(state, id)->pillar, p);
        snprintf(id, sizeof id, "usrok2020:rec-p%d", p);
        assert_int_equal(get(state, id)->pillar, p);
        snprintf(id, sizeof id, "usrok2020:exec-pillars.%d", p);
        const passage *item = get(state, id);
        assert_int_equal(item->kind, PASSAGE_SUMMARY);
        assert_int_equal(item->pillar, p);
    }
    assert_int_equal(get(state, "usrok2020:pillars.1")->pillar, 0);
    assert_int_equal(get(state, "usrok2020:conclusion.1")->pillar, 0);
}

static void test_reading_order_repaired(void **state)
{
    const passage *p = containing(state, "Perhaps most importantly, the United States "
                                         "has long served as the top international "
                                         "destination for Korean students");
    assert_int_equal(p->pillar, 2);
    assert_string_equal(p->section.items[1], "Pillar Two: Reinvigorate the trade relationship");
    p = containing(state, "Although tensions between Seoul and Tokyo have quieted");
    assert_int_equal(p->pillar, 5);
    assert_int_equal(p->kind, PASSAGE_PARAGRAPH);
    /* A recommendation split by a photo caption is whole again. */
    p = containing(state, "create concrete technical solutions to mitigate exposure to risk");
    assert_int_equal(p->kind, PASSAGE_BULLET);
}

static void test_kinds_on_a_sample(void **state)
{
    assert_int_equal(containing(state, "by Ambassador Mark Lippert")->kind, PASSAGE_FOREWORD);
    const passage *pull = containing(state, "This landscape demands a high-performing, global "
                                            "alliance that is deeply involved on issue sets "
                                            "that will shape the 21st century and bring new "
                                            "“constituencies” into the relationship.");
    /* The body paragraph comes first; the pull quote repeats it. */
    assert_int_equal(pull->kind, PASSAGE_FOREWORD);
    const report *r = the_report(state);
    size_t pullquotes = 0, timeline = 0, captions = 0;
    for (size_t i = 0; i < r->count; i++) {
        const passage *p = &r->passages[i];
        if (p->kind == PASSAGE_PULLQUOTE) {
            pullquotes++;
            assert_true(p->repeat);
        }
        timeline += p->kind == PASSAGE_TIMELINE;
        captions += p->kind == PASSAGE_CAPTION;
    }
    assert_int_equal(pullquotes, 1);
    assert_int_equal(timeline, 11);
    assert_int_equal(captions, 10);
    assert_int_equal(containing(state, "(Chung Sung Jun/Getty Images)")->kind, PASSAGE_CAPTION);
    assert_int_equal(containing(state, "SOUTH KOREAN TRADE DEPENDENCY ON CHINA")->kind,
                     PASSAGE_FIGURE);
    assert_int_equal(containing(state, "The SMA expires without a new deal")->kind,
                     PASSAGE_TIMELINE);
    /* The bullet that lost its mark at a page break. */
    const passage *last = containing(state, "together with Japan, South Korea, and other "
                                            "like-minded countries, should call out");
    assert_int_equal(last->kind, PASSAGE_BULLET);
    assert_string_equal(last->id, "usrok2020:rec-p6.3.1");
}

static void assert_names(const string_list *list, const char *const *names)
{
    size_t n = 0;
    for (; names[n]; n++)
        if (!string_list_contains(list, names[n]))
            fail_msg("'%s' is not tagged", names[n]);
    assert_int_equal(list->count, n);
}

static void test_agencies_actors_organizations(void **state)
{
    const passage *diu = get(state, "usrok2020:rec-p1.1.1");
    assert_names(&diu->agencies, (const char *[]){"Defense Innovation Unit",
                 "ROK National IT Industry Promotion Agency", NULL});
    assert_names(&diu->actors, (const char *[]){"Washington", "Seoul", NULL});
    assert_names(&diu->organizations,
                 (const char *[]){"Microsoft Korea Cybersecurity Center", NULL});
    assert_names(&get(state, "usrok2020:rec-p1.3.2")->agencies,
                 (const char *[]){"U.S. Department of State",
                                  "ROK Ministry of Science and ICT", NULL});
    assert_names(&get(state, "usrok2020:rec-p1.5.3")->agencies,
                 (const char *[]){"NASA", "Korea Aerospace Research Institute", NULL});
    assert_names(&get(state, "usrok2020:rec-p2.2.2")->agencies,
                 (const char *[]){"Korea Communications Commission", "European Union", NULL});
    assert_names(&get(state, "usrok2020:rec-p2.1.1")->agencies,
                 (const char *[]){"U.S. Congress", NULL});
    const passage *usaid = get(state, "usrok2020:rec-p1.1.3");
    assert_true(string_list_contains(&usaid->agencies,
                                     "U.S. Agency for International Development"));
    assert_true(string_list_contains(&usaid->agencies,
                                     "Presidential Committee on New Southern Policy"));
    const passage *exec = get(state, "usrok2020:rec-p4.1.2");
    assert_true(string_list_contains(&exec->actors, "executive branch"));
    assert_names(&get(state, "usrok2020:rec-p1.3.1")->organizations,
                 (const char *[]){"Huawei", NULL});
    assert_names(&get(state, "usrok2020:rec-p1.3.2")->organizations,
                 (const char *[]){"Samsung", NULL});
}

static void test_hyphens_and_footnotes_of_the_report(void **state)
{
    /* Line-break hyphens undone, real hyphens kept. */
    containing(state, "has introduced volatility in the bilateral relationship");
    containing(state, "address long-standing regional challenges");
    containing(state, "on these cutting-edge policy areas");
    containing(state, "associated with a nuclear-armed North Korea");
    containing(state, "avoid purely budget-driven changes");
    containing(state, "much-needed services in the Indo-Pacific");
    containing(state, "in the Indo-Pacific, including through trilateral");
    /* Footnote numbers come off the words and stay with the passage. */
    const passage *p = containing(state, "the legacies of the 20th century. Enduring animosity");
    assert_int_equal(p->footnote_count, 1);
    assert_int_equal(p->footnotes[0], 1);
    p = containing(state, "South Korea became the first Asian nation to sign a "
                          "space-cooperation agreement with the United States in 2016. In 2020");
    assert_int_equal(p->footnotes[p->footnote_count - 1], 7);
    p = get(state, "usrok2020:rec-p4");
    assert_string_equal(p->text, "Pillar 4: Galvanize new areas of security cooperation");
    assert_int_equal(p->footnotes[0], 51);
    p = get(state, "usrok2020:rec-p4.1");
    assert_string_equal(p->title, "Move away from a maximalist position in future Special "
                                  "Measures Agreement (SMA) talks.");
    assert_int_equal(p->footnotes[0], 52);
    containing(state, "South Korea’s Defense Reform 2.0 to jointly invest");
    containing(state, "the G7 Rapid Response Mechanism");
    /* Every footnote 1-70 is taken exactly once. */
    const report *r = the_report(state);
    int seen[71] = {0};
    for (size_t i = 0; i < r->count; i++)
        for (size_t k = 0; k < r->passages[i].footnote_count; k++) {
            int n = r->passages[i].footnotes[k];
            assert_true(n >= 1 && n <= 70);
            seen[n]++;
        }
    for (int n = 1; n <= 70; n++)
        if (seen[n] != 1)
            fail_msg("footnote %d taken %d times", n, seen[n]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sections_in_order),
        cmocka_unit_test(test_pillars_of_every_part),
        cmocka_unit_test(test_reading_order_repaired),
        cmocka_unit_test(test_kinds_on_a_sample),
        cmocka_unit_test(test_agencies_actors_organizations),
        cmocka_unit_test(test_hyphens_and_footnotes_of_the_report),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
