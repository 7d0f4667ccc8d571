/* The gazetteer as users name its entries: --agency DoD, agency:"the
 * Pentagon", "U.S. State Department".  Rules on a small gazetteer, then
 * every name of the real one (corpus/agencies.tsv). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"
#include "gazetteer.h"
#include "strbuf.h"

#define AGENCIES BRIEF_SOURCE_DIR "/corpus/agencies.tsv"

static const char small[] =
    "type\tcanonical\tcountry\tparent\taliases\ttyped\n"
    "agency\tU.S. Department of State\tUS\t\tState Department\tDoS\n"
    "agency\tU.S. Space Command\tUS\t\tU.S. Space Command\tSPACECOM\n"
    "agency\tROK Ministry of Foreign Affairs\tROK\t\tROK Ministry of Foreign Affairs"
    "\tMOFA|Ministry of Foreign Affairs and Trade\n"
    "agency\tUnited Nations\tinternational\t\tUnited Nations|U.N.\n"
    "agency\tAsia-Pacific Economic Cooperation\tinternational\t\t"
    "Asia-Pacific Economic Cooperation\tAPEC\n"
    "actor\tUnited States\tUS\t\tUnited States|U.S. government\n"
    "actor\tSouth Korean government\tROK\t\tSouth Korean government\n";

static gazetteer parse_ok(const char *text)
{
    gazetteer g;
    char *error = NULL;
    if (!gazetteer_parse(text, "test.tsv", &g, &error))
        fail_msg("%s", error);
    return g;
}

/* The canonical name lookup gives, or "(none)". */
static const char *resolve(const gazetteer *g, const char *name)
{
    const gazetteer_entry *e = gazetteer_lookup(g, name);
    return e ? e->canonical : "(none)";
}

static void test_rules(void **state)
{
    (void)state;
    gazetteer g = parse_ok(small);
    /* Any case, "the", typed names. */
    assert_string_equal(resolve(&g, "state department"), "U.S. Department of State");
    assert_string_equal(resolve(&g, "The State Department"), "U.S. Department of State");
    assert_string_equal(resolve(&g, "dos"), "U.S. Department of State");
    assert_string_equal(resolve(&g, "MOFA"), "ROK Ministry of Foreign Affairs");
    assert_string_equal(resolve(&g, "Ministry of Foreign Affairs and Trade"),
                        "ROK Ministry of Foreign Affairs");
    /* Full stops, hyphens and white space. */
    assert_string_equal(resolve(&g, "UN"), "United Nations");
    assert_string_equal(resolve(&g, "the U.N"), "United Nations");
    assert_string_equal(resolve(&g, "Asia Pacific  economic cooperation"),
                        "Asia-Pacific Economic Cooperation");
    assert_string_equal(resolve(&g, " apec "), "Asia-Pacific Economic Cooperation");
    /* A country prefix added, left out, or spelled otherwise. */
    assert_string_equal(resolve(&g, "U.S. State Department"), "U.S. Department of State");
    assert_string_equal(resolve(&g, "US State Department"), "U.S. Department of State");
    assert_string_equal(resolve(&g, "United States Department of State"),
                        "U.S. Department of State");
    assert_string_equal(resolve(&g, "Space Command"), "U.S. Space Command");
    assert_string_equal(resolve(&g, "the space command"), "U.S. Space Command");
    assert_string_equal(resolve(&g, "Ministry of Foreign Affairs"),
                        "ROK Ministry of Foreign Affairs");
    assert_string_equal(resolve(&g, "South Korean Ministry of Foreign Affairs"),
                        "ROK Ministry of Foreign Affairs");
    assert_string_equal(resolve(&g, "Korean government"), "South Korean government");
    assert_string_equal(resolve(&g, "US government"), "United States");
    /* Never another country's body, never a guess between two. */
    assert_string_equal(resolve(&g, "ROK Space Command"), "(none)");
    assert_string_equal(resolve(&g, "U.S. Ministry of Foreign Affairs"), "(none)");
    assert_string_equal(resolve(&g, "government"), "(none)");
    assert_string_equal(resolve(&g, "Space"), "(none)");
    assert_string_equal(resolve(&g, "the"), "(none)");
    assert_string_equal(resolve(&g, ""), "(none)");
    gazetteer_free(&g);
}

/* Typed names are for users: the text is never tagged by them. */
static void test_typed_names_never_tag(void **state)
{
    (void)state;
    gazetteer g = parse_ok(small);
    passage p = {0};
    p.text = (char *)"MOFA and the DoS met at the U.N. with the State Department.";
    assert_true(gazetteer_tag(&g, &p));
    assert_int_equal(p.agencies.count, 2);
    assert_string_equal(p.agencies.items[0], "United Nations");
    assert_string_equal(p.agencies.items[1], "U.S. Department of State");
    string_list_free(&p.agencies);
    string_list_free(&p.actors);
    string_list_free(&p.organizations);
    gazetteer_free(&g);
}

static void expect_error(const char *text, const char *message)
{
    gazetteer g;
    char *error = NULL;
    assert_false(gazetteer_parse(text, "test.tsv", &g, &error));
    if (!strstr(error, message))
        fail_msg("error '%s' lacks '%s'", error, message);
    free(error);
}

static void test_bad_tables(void **state)
{
    (void)state;
    /* One name for two entries, even only as a user compares names. */
    expect_error("agency\tUnited Nations\tinternational\t\tU.N.\n"
                 "agency\tUnion Nationale\tFrance\t\tUnion Nationale\tUN\n",
                 "'U.N.' (United Nations) and 'UN' (Union Nationale) are the same name");
    expect_error("agency\tA Body\tUS\t\tA Body\tAB\textra\n",
                 "test.tsv:1: expected 5 or 6 tab-separated fields");
    expect_error("agency\tA Body\tUS\n", "test.tsv:1: expected 5 or 6");
    expect_error("agency\tA Body\tUS\t\tA Body\t. -\n",
                 "the name '. -' of 'A Body' has nothing to type");
    /* Five fields (no typed names) still parse. */
    gazetteer g = parse_ok("agency\tA Body\tUS\t\tA Body\n");
    assert_string_equal(resolve(&g, "a body"), "A Body");
    gazetteer_free(&g);
}

static char *read_agencies(void)
{
    char *text = NULL;
    size_t len = 0;
    char *error = NULL;
    if (!file_read_all(AGENCIES, 1 << 20, &text, &len, &error))
        fail_msg("%s", error);
    return text;
}

/* The names the issue found refused, and the caption's trade
 * representative. */
static void test_names_analysts_type(void **state)
{
    (void)state;
    char *text = read_agencies();
    gazetteer g = parse_ok(text);
    static const char *const cases[][2] = {
        {"DoD", "U.S. Department of Defense"},
        {"Pentagon", "U.S. Department of Defense"},
        {"the Pentagon", "U.S. Department of Defense"},
        {"U.S. Department of Defense", "U.S. Department of Defense"},
        {"MOFA", "ROK Ministry of Foreign Affairs"},
        {"Ministry of Foreign Affairs and Trade", "ROK Ministry of Foreign Affairs"},
        {"HHS", "U.S. Department of Health and Human Services"},
        {"NRC", "U.S. Nuclear Regulatory Commission"},
        {"USFK", "U.S. Forces Korea"},
        {"UN", "United Nations"},
        {"USTR", "Office of the U.S. Trade Representative"},
        {"The U.S. trade representative", "Office of the U.S. Trade Representative"},
        {"trade representative", "Office of the U.S. Trade Representative"},
        {"MSIT", "ROK Ministry of Science and ICT"},
        {"U.S. Space Command", "U.S. Space Command"},
        {"space command", "U.S. Space Command"},
        {"State Department", "U.S. Department of State"},
        {"NITRD", "Networking and Information Technology Research and Development Program"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        if (strcmp(resolve(&g, cases[i][0]), cases[i][1]) != 0)
            fail_msg("'%s' resolves to '%s', not '%s'", cases[i][0],
                     resolve(&g, cases[i][0]), cases[i][1]);

    passage p = {0};
    p.text = (char *)"The U.S. trade representative and South Korean chief negotiator "
                     "meet in Seoul in June 2007.";
    assert_true(gazetteer_tag(&g, &p));
    assert_true(string_list_contains(&p.agencies, "Office of the U.S. Trade Representative"));
    string_list_free(&p.agencies);
    string_list_free(&p.actors);
    string_list_free(&p.organizations);
    gazetteer_free(&g);
    free(text);
}

static char *changed(const char *prefix, const char *name, bool upper)
{
    strbuf sb = STRBUF_INIT;
    strbuf_printf(&sb, "%s%s", prefix, name);
    char *s = strbuf_detach(&sb);
    for (char *p = s; upper && *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return s;
}

static void expect_entry(const gazetteer *g, const char *typed, const gazetteer_entry *e)
{
    const gazetteer_entry *found = gazetteer_lookup(g, typed);
    if (found != e)
        fail_msg("'%s' resolves to '%s', not '%s'", typed,
                 found ? found->canonical : "(none)", e->canonical);
}

/* Every name of every entry, as written, in capitals, after "the", finds
 * its entry; left without its "U.S. " it finds that entry or none (when
 * another country's body bears the rest too), never another. */
static void test_every_name_resolves(void **state)
{
    (void)state;
    char *text = read_agencies();
    gazetteer g = parse_ok(text);
    size_t names = 0;
    for (size_t i = 0; i < g.count; i++) {
        const gazetteer_entry *e = &g.entries[i];
        const string_list *lists[] = {&e->aliases, &e->typed};
        for (size_t k = 0; k < 2; k++)
            for (size_t j = 0; j < lists[k]->count; j++) {
                const char *name = lists[k]->items[j];
                char *upper = changed("", name, true), *the = changed("the ", name, false);
                expect_entry(&g, name, e);
                expect_entry(&g, upper, e);
                expect_entry(&g, the, e);
                free(upper);
                free(the);
                if (strncmp(name, "U.S. ", 5) == 0) {
                    const gazetteer_entry *bare = gazetteer_lookup(&g, name + 5);
                    if (bare && bare != e)
                        fail_msg("'%s' resolves to '%s', not '%s'", name + 5,
                                 bare->canonical, e->canonical);
                }
                names++;
            }
    }
    assert_true(names > g.count);
    gazetteer_free(&g);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_typed_names_never_tag),
        cmocka_unit_test(test_bad_tables),
        cmocka_unit_test(test_names_analysts_type),
        cmocka_unit_test(test_every_name_resolves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
