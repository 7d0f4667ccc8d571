/* Text normalisation: Unicode folding, line joining, footnotes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "footnotes.h"
#include "lines.h"
#include "normalize.h"
#include "wordlist.h"

static void assert_fold(const char *in, int flags, const char *expected)
{
    char *out = text_fold(in, strlen(in), flags);
    assert_non_null(out);
    assert_string_equal(out, expected);
    free(out);
}

static void test_fold_diacritics_quotes_dashes(void **state)
{
    (void)state;
    assert_fold("vis-à-vis", 0, "vis-a-vis");
    assert_fold("VIS-À-VIS", TEXT_FOLD_CASE, "vis-a-vis");
    assert_fold("Korea’s “upside-down pyramid”", 0,
                "Korea's \"upside-down pyramid\"");
    assert_fold("Japan–South Korea — tensions", 0, "Japan-South Korea - tensions");
    assert_fold("ﬁve\u00a0 spaces\n\tand lines", 0, "five spaces and lines");
    assert_fold("Section \u00adsoft", 0, "Section soft");
    assert_fold("AND keeps case", 0, "AND keeps case");
}

static void test_fold_rejects_bad_utf8(void **state)
{
    (void)state;
    const char bad[] = "ok \xff\xfe no";
    assert_null(text_fold(bad, sizeof bad - 1, 0));
    size_t at = 0;
    assert_false(text_utf8_valid(bad, sizeof bad - 1, &at));
    assert_int_equal(at, 3);
    assert_true(text_utf8_valid("plain", 5, NULL));
    assert_false(text_utf8_valid("a\0b", 3, &at)); /* NUL: binary, not text */
    assert_int_equal(at, 1);
}

static char *join(const char *text, const char *corpus)
{
    text_lexicon lex = TEXT_LEXICON_INIT;
    if (corpus)
        assert_true(text_lexicon_add(&lex, corpus));
    char *out = text_join_lines(text, corpus ? &lex : NULL);
    text_lexicon_free(&lex);
    assert_non_null(out);
    return out;
}

static void assert_join(const char *text, const char *corpus, const char *expected)
{
    char *out = join(text, corpus);
    assert_string_equal(out, expected);
    free(out);
}

static void test_join_undoes_line_break_hyphens(void **state)
{
    (void)state;
    /* No evidence either way: a lower-case second half joins. */
    assert_join("has introduced vola-\ntility in the", NULL,
                "has introduced volatility in the");
    /* The joined word occurs elsewhere: join. */
    assert_join("the bilateral relation-\nship", "a relationship here",
                "the bilateral relationship");
    /* The hyphenated word occurs elsewhere: keep the hyphen. */
    assert_join("these long-\nstanding tensions", "a long-standing ally",
                "these long-standing tensions");
    /* A capital or a digit after the break: a real hyphen. */
    assert_join("the Indo-\nPacific region", NULL, "the Indo-Pacific region");
    assert_join("in mid-\n2020, Seoul", NULL, "in mid-2020, Seoul");
    assert_join("Trans-\nPacific Partnership", NULL, "Trans-Pacific Partnership");
    /* A word broken twice over a compound. */
    assert_join("on these cut-\nting-edge policy", "on cutting-edge technologies",
                "on these cutting-edge policy");
    /* The report writes it both ways: the way it writes it more; a tie
     * joins. */
    assert_join("among like-\nminded nations", "like-minded, like-minded and likeminded",
                "among like-minded nations");
    assert_join("among like-\nminded nations", "like-minded and likeminded",
                "among likeminded nations");
    /* The words of a broken token are not evidence for themselves. */
    assert_join("much-\nneeded", "much-\nneeded", "muchneeded");
}

/* A lexicon of text's words and, from the word list at list (NULL: none),
 * the English words its line-break hyphens ask about. */
static void english_lexicon(text_lexicon *lex, const char *text, const char *list)
{
    *lex = (text_lexicon)TEXT_LEXICON_INIT;
    strset asked = STRSET_INIT;
    assert_true(text_lexicon_add(lex, text));
    assert_true(text_hyphen_words(text, &asked));
    if (list)
        assert_true(wordlist_find(list, &asked, &lex->english));
    strset_free(&asked);
}

static void assert_english(const char *text, const char *list, const char *joined,
                           const char *settled)
{
    text_lexicon lex;
    english_lexicon(&lex, text, list);
    char *j = text_join_lines(text, &lex), *s = text_settle_hyphens(text, &lex);
    assert_non_null(j);
    assert_non_null(s);
    assert_string_equal(j, joined);
    assert_string_equal(s, settled);
    /* the settled lines read the same without the word list */
    text_lexicon bare = TEXT_LEXICON_INIT;
    assert_true(text_lexicon_add(&bare, s));
    char *again = text_join_lines(s, &bare);
    assert_non_null(again);
    assert_string_equal(again, joined);
    free(again);
    text_lexicon_free(&bare);
    free(j);
    free(s);
    text_lexicon_free(&lex);
}

static void test_english_words_decide_hyphens(void **state)
{
    (void)state;
    char list[] = "/tmp/brief-test-words-XXXXXX";
    int fd = mkstemp(list);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs("evidence\nbased\nknow\nhow\nDependency\nadministration\nadmin\n", f);
    assert_int_equal(fclose(f), 0);
    /* two English words, not one: a compound keeps its hyphen, the word
     * whole on the line where it starts */
    assert_english("an evidence-\nbased framework", list, "an evidence-based framework",
                   "an evidence-based\nframework");
    assert_english("American know-\nhow\ninto the", list, "American know-how into the",
                   "American know-how\ninto the");
    /* one English word: the hyphen goes, whatever the case */
    assert_english("TRADE DEPEN-\nDENCY ON CHINA", list, "TRADE DEPENDENCY ON CHINA",
                   "TRADE DEPENDENCY\nON CHINA");
    assert_english("the admin-\nistration", list, "the administration",
                   "the administration");
    /* the report's own words come first */
    assert_english("an evidence-\nbased view; evidencebased", list,
                   "an evidencebased view; evidencebased",
                   "an evidencebased\nview; evidencebased");
    /* no word list: the case rule, as before */
    assert_english("an evidence-\nbased framework", "/nonexistent/words",
                   "an evidencebased framework", "an evidencebased\nframework");
    assert_english("the Indo-\nPacific", NULL, "the Indo-Pacific", "the Indo-Pacific");
    /* lines without a break hyphen stay as they are */
    assert_english("a dash -\nalone\n\nnext", list, "a dash - alone next",
                   "a dash -\nalone\n\nnext");
    unlink(list);
}

static void test_join_lines_spaces_and_dashes(void **state)
{
    (void)state;
    assert_join("  the alliance \nhas evolved  \n  into", NULL,
                "the alliance has evolved into");
    assert_join("in the Indo-Pacific—\nincluding the Quad", NULL,
                "in the Indo-Pacific—including the Quad");
    assert_join("U.S.–\nSouth Korea", NULL, "U.S.–South Korea");
    assert_join("a dash -\nalone", NULL, "a dash - alone");
    assert_join("", NULL, "");
}

static char *take(const char *text, footnote_seq *seq, footnote_list *notes)
{
    char *out = text_take_footnotes(text, seq, notes);
    assert_non_null(out);
    return out;
}

static void test_footnotes_glued_numbers(void **state)
{
    (void)state;
    footnote_seq seq = FOOTNOTE_SEQ_INIT;
    footnote_list notes = {NULL, 0};
    char *out = take("a “free and open” Indo-Pacific, the legacies of the 20th "
                     "century.1 Enduring animosity", &seq, &notes);
    assert_string_equal(out, "a “free and open” Indo-Pacific, the legacies of the "
                             "20th century. Enduring animosity");
    assert_int_equal(notes.count, 1);
    assert_int_equal(notes.numbers[0], 1);
    free(out);

    out = take("Southeast Asia and other strategically important regions.3", &seq,
               &notes);
    assert_string_equal(out, "Southeast Asia and other strategically important "
                             "regions.");
    free(out);
    /* A note may be missing (2 was not seen): the window allows it. */
    assert_int_equal(notes.count, 2);
    assert_int_equal(notes.numbers[1], 3);

    seq.next = 6;
    out = take("with the United States in 2016.6 In 2020, Seoul", &seq, &notes);
    assert_string_equal(out, "with the United States in 2016. In 2020, Seoul");
    free(out);

    /* Not footnotes: numbers that belong to the words. */
    seq.next = 20;
    out = take("Defense Reform 2.0 and the G7 and COVID-19 and H-1B visas and "
               "2+2 talks in 1910", &seq, &notes);
    assert_string_equal(out, "Defense Reform 2.0 and the G7 and COVID-19 and H-1B "
                             "visas and 2+2 talks in 1910");
    free(out);

    /* After a closing quote, and in a heading. */
    seq.next = 47;
    out = take("under the guise of combating “false rumors.”47 While", &seq, &notes);
    assert_string_equal(out, "under the guise of combating “false rumors.” While");
    free(out);
    seq.next = 51;
    out = take("Pillar 4: Galvanize new areas of security cooperation51", &seq, &notes);
    assert_string_equal(out, "Pillar 4: Galvanize new areas of security cooperation");
    free(out);
    /* A number used already is not taken twice. */
    out = take("security cooperation51 again", &seq, &notes);
    assert_string_equal(out, "security cooperation51 again");
    free(out);
    footnote_list_free(&notes);
    footnote_seq_free(&seq);
}

static void test_footnotes_explicit_markers(void **state)
{
    (void)state;
    footnote_seq seq = FOOTNOTE_SEQ_INIT;
    footnote_list notes = {NULL, 0};
    char *out = take("talks.[^52] More[^x] text", &seq, &notes);
    assert_string_equal(out, "talks. More[^x] text");
    assert_int_equal(notes.count, 1);
    assert_int_equal(notes.numbers[0], 52);
    assert_int_equal(seq.next, 53);
    free(out);
    footnote_list_free(&notes);
    footnote_seq_free(&seq);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold_diacritics_quotes_dashes),
        cmocka_unit_test(test_fold_rejects_bad_utf8),
        cmocka_unit_test(test_join_undoes_line_break_hyphens),
        cmocka_unit_test(test_english_words_decide_hyphens),
        cmocka_unit_test(test_join_lines_spaces_and_dashes),
        cmocka_unit_test(test_footnotes_glued_numbers),
        cmocka_unit_test(test_footnotes_explicit_markers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
