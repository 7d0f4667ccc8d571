/* Fuzzes text normalisation: text_fold (both flags), text_join_lines (with
 * a lexicon of the text's own words, and without) and
 * text_take_footnotes.  Valid UTF-8 in gives valid UTF-8 out; folded text
 * has no control characters and folding it again changes nothing. */
#include "fuzz_common.h"

#include "footnotes.h"
#include "lines.h"

static int fuzz_normalize_one(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    int valid = text_utf8_valid(text, size, NULL);

    for (int flags = 0; flags <= TEXT_FOLD_CASE; flags += TEXT_FOLD_CASE) {
        char *folded = text_fold(text, size, flags);
        FUZZ_CHECK(valid ? folded != NULL : folded == NULL);
        if (folded) {
            FUZZ_CHECK(fuzz_utf8_ok(folded));
            FUZZ_CHECK(fuzz_no_controls(folded) && !strchr(folded, '\n') &&
                       !strchr(folded, '\t'));
            char *again = text_fold(folded, strlen(folded), flags);
            FUZZ_CHECK(again && strcmp(again, folded) == 0);
            free(again);
        }
        free(folded);
    }

    /* Line joining and footnotes see text up to its first NUL, as the
     * edition reader hands them NUL-free text. */
    size_t len = strlen(text);
    int line_valid = text_utf8_valid(text, len, NULL);
    text_lexicon lex = TEXT_LEXICON_INIT;
    FUZZ_CHECK(text_lexicon_add(&lex, text));
    for (int with_lexicon = 0; with_lexicon < 2; with_lexicon++) {
        char *joined = text_join_lines(text, with_lexicon ? &lex : NULL);
        FUZZ_CHECK(joined != NULL);
        FUZZ_CHECK(!strchr(joined, '\n'));
        FUZZ_CHECK(strlen(joined) <= len);
        if (line_valid)
            FUZZ_CHECK(fuzz_utf8_ok(joined));

        footnote_seq seq = FOOTNOTE_SEQ_INIT;
        footnote_list notes = {NULL, 0};
        char *clean = text_take_footnotes(joined, &seq, &notes);
        FUZZ_CHECK(clean != NULL);
        FUZZ_CHECK(strlen(clean) <= strlen(joined));
        if (line_valid)
            FUZZ_CHECK(fuzz_utf8_ok(clean));
        for (size_t i = 0; i < notes.count; i++)
            FUZZ_CHECK(notes.numbers[i] > 0 && notes.numbers[i] < 100000);
        /* A second pass on a copy of the sequence, as headlines do. */
        footnote_seq copy;
        FUZZ_CHECK(footnote_seq_copy(&copy, &seq));
        char *twice = text_take_footnotes(joined, &copy, NULL);
        FUZZ_CHECK(twice != NULL);
        free(twice);
        footnote_seq_free(&copy);
        footnote_list_free(&notes);
        footnote_seq_free(&seq);
        free(clean);
        free(joined);
    }
    text_lexicon_free(&lex);
    free(text);
    return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_normalize_one(data, size);
}
#endif
