/* The English word list: a word is in it or not, in any case; lines too
 * long, a missing file or a last line without a newline are handled. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "wordlist.h"

static char path[64];

static int make_list(void **state)
{
    (void)state;
    snprintf(path, sizeof path, "/tmp/brief-wordlist-XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    FILE *f = fdopen(fd, "w");
    if (!f)
        return -1;
    fputs("chain\nchains\nChina\nwartime\r\n", f);
    for (int i = 0; i < 300; i++)   /* a line longer than any word */
        fputc('x', f);
    fputs("supply\nlast", f);         /* no newline at the end */
    return fclose(f) == 0 ? 0 : -1;
}

static int remove_list(void **state)
{
    (void)state;
    unlink(path);
    return 0;
}

static void test_words_in_any_case(void **state)
{
    (void)state;
    assert_int_equal(wordlist_has(path, "chains"), WORDLIST_YES);
    assert_int_equal(wordlist_has(path, "china"), WORDLIST_YES);
    assert_int_equal(wordlist_has(path, "CHAIN"), WORDLIST_YES);
    assert_int_equal(wordlist_has(path, "wartime"), WORDLIST_YES);   /* CRLF */
    assert_int_equal(wordlist_has(path, "last"), WORDLIST_YES);
    assert_int_equal(wordlist_has(path, "cybersecuirty"), WORDLIST_NO);
    assert_int_equal(wordlist_has(path, "chai"), WORDLIST_NO);
}

static void test_long_lines_never_match(void **state)
{
    (void)state;
    /* The tail of a 300-byte line is not a line of its own. */
    assert_int_equal(wordlist_has(path, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
                     WORDLIST_NO);
    assert_int_equal(wordlist_has(path, "supply"), WORDLIST_NO);
}

static void test_many_words_in_one_reading(void **state)
{
    (void)state;
    strset asked = STRSET_INIT, found = STRSET_INIT;
    const char *words[] = {"china", "wartime", "last", "chai", "supply", "chainsaw"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        assert_true(strset_add(&asked, words[i], strlen(words[i])));
    assert_true(wordlist_find(path, &asked, &found));
    assert_int_equal(found.size, 3);   /* China (any case), CRLF, no last newline */
    assert_int_equal(strset_count(&found, "china", 5), 1);
    assert_int_equal(strset_count(&found, "wartime", 7), 1);
    assert_int_equal(strset_count(&found, "last", 4), 1);
    strset_free(&found);
    /* no list: no word found, and no error */
    found = (strset)STRSET_INIT;
    assert_true(wordlist_find("/nonexistent/words", &asked, &found));
    assert_int_equal(found.size, 0);
    strset_free(&asked);
}

static void test_no_list(void **state)
{
    (void)state;
    assert_int_equal(wordlist_has("/nonexistent/words", "chains"), WORDLIST_ABSENT);
    setenv("BRIEF_WORDLIST", "", 1);
    assert_string_equal(wordlist_path(), WORDLIST_DEFAULT);
    setenv("BRIEF_WORDLIST", "/elsewhere/words", 1);
    assert_string_equal(wordlist_path(), "/elsewhere/words");
    unsetenv("BRIEF_WORDLIST");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_in_any_case),
        cmocka_unit_test(test_long_lines_never_match),
        cmocka_unit_test(test_many_words_in_one_reading),
        cmocka_unit_test(test_no_list),
    };
    return cmocka_run_group_tests(tests, make_list, remove_list);
}
