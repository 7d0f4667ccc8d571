/* Fuzzes quoting without an index: the quotations of a draft
 * (draft_find_quotes) and a quotation's marks matched against a passage
 * (verify_pattern_parse, verify_match).  Every quotation found has a
 * place inside the draft; pieces lie inside the quotation; a match lies
 * inside the text; the work stays within its budget. */
#include "fuzz_common.h"

#include "draft_quotes.h"
#include "verify.h"
#include "verify_match.h"
#include "verify_pattern.h"

static const char fuzz_passage[] =
    "Washington should eschew a maximalist approach to future burden-sharing "
    "negotiations that, at best, could yield a Pyrrhic victory for the United "
    "States. South Korea today covers approximately 40 percent of the cost of "
    "stationing American forces on its soil. The \"upside-down pyramid\" . . . "
    "[sic] ... and G20 … 2016.";

static int fuzz_quotes_one(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    size_t len = strlen(text);

    draft_quotes quotes;
    FUZZ_CHECK(draft_find_quotes(text, len, &quotes));
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        lines += text[i] == '\n';
    for (size_t i = 0; i < quotes.count; i++) {
        const draft_quote *q = &quotes.items[i];
        FUZZ_CHECK(q->text && q->line >= 1 && q->line <= lines && q->col >= 1);
        FUZZ_CHECK(strlen(q->text) <= len);
    }
    draft_quotes_free(&quotes);

    char *normalised = verify_normalise(text);
    FUZZ_CHECK(normalised != NULL);
    size_t qlen = strlen(normalised);
    verify_pattern p;
    FUZZ_CHECK(verify_pattern_parse(normalised, &p));
    FUZZ_CHECK(p.literal_len <= qlen);
    for (size_t i = 0; i < p.count; i++) {
        const verify_piece *pc = &p.pieces[i];
        FUZZ_CHECK(pc->len > 0 && pc->text >= p.text && pc->text + pc->len <= p.text + qlen);
    }
    size_t plen = strlen(fuzz_passage);
    verify_matcher m = {.pattern = &p, .text = fuzz_passage, .len = plen,
                        .start_limit = plen, .budget = 200000};
    verify_outcome o = verify_match(&m);
    if (o == VERIFY_MATCHED)
        FUZZ_CHECK(m.start <= m.end && m.end <= plen && p.count > 0);
    FUZZ_CHECK(m.footnote_count <= VERIFY_MAX_FOOTNOTES);
    if (m.reached)
        FUZZ_CHECK(m.reach_quote <= qlen && m.reach_text <= plen);
    verify_pattern_free(&p);
    free(text);
    return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_quotes_one(data, size);
}
#endif
