#include "verify.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "normalize.h"
#include "strbuf.h"
#include "verify_pattern.h"

#define CANDIDATES 20        /* passages searched for the nearest */
#define PHRASE_WORDS 6       /* words of the quotation that find its places */
#define CONTEXT 30           /* characters shown each side of a departure */
#define BUDGET 20000000UL    /* character comparisons for one quotation */

char *verify_normalise(const char *text)
{
    strbuf sb = STRBUF_INIT;
    bool space = false;
    for (const char *p = text; *p;) {
        unsigned char c = (unsigned char)*p;
        /* ‘ ’ (E2 80 98/99) and “ ” (E2 80 9C/9D) */
        if (c == 0xE2 && (unsigned char)p[1] == 0x80 &&
            (unsigned char)p[2] >= 0x98 && (unsigned char)p[2] <= 0x9D &&
            (unsigned char)p[2] != 0x9A && (unsigned char)p[2] != 0x9B) {
            if (space && sb.len)
                strbuf_putc(&sb, ' ');
            space = false;
            strbuf_putc(&sb, (unsigned char)p[2] <= 0x99 ? '\'' : '"');
            p += 3;
            continue;
        }
        if (isspace(c)) {
            /* "vola- tility": a hyphen at a line end that joins a word. */
            size_t run = strspn(p, " \t\r\n\f\v");
            const char *q = p + run;
            if (sb.len >= 2 && sb.data[sb.len - 1] == '-' &&
                isalpha((unsigned char)sb.data[sb.len - 2]) &&
                memchr(p, '\n', run)) {
                if (islower((unsigned char)*q)) {
                    strbuf_truncate(&sb, sb.len - 1);
                    p = q;
                    space = false;
                    continue;
                }
            }
            space = true;
            p += run ? run : 1;
            continue;
        }
        if (space && sb.len)
            strbuf_putc(&sb, ' ');
        space = false;
        strbuf_putc(&sb, *p++);
    }
    return strbuf_detach(&sb);
}

const char *verify_verdict(const verify_result *r)
{
    if (!r->exact)
        return r->found ? "not exact" : "not found";
    if (r->place_count > 1)
        return "ambiguous";
    if (r->omissions && r->insertions)
        return "exact with omissions and insertions";
    if (r->omissions)
        return "exact with omissions";
    if (r->insertions)
        return "exact with insertions";
    return "exact";
}

void verify_result_free(verify_result *r)
{
    for (size_t i = 0; i < r->place_count; i++) {
        passage_free(&r->places[i].passage);
        for (size_t j = 0; j < r->places[i].id_count; j++)
            free(r->places[i].ids[j]);
    }
    free(r->places);
    passage_free(&r->passage);
    free(r->quote_context);
    free(r->report_context);
    memset(r, 0, sizeof *r);
}

static size_t chars(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Up to CONTEXT characters each side of s[at], on one line. */
static char *context_at(const char *s, size_t at)
{
    size_t len = strlen(s), from = at, to = at;
    for (size_t n = 0; from > 0 && n < CONTEXT; n++)
        do from--; while (from > 0 && ((unsigned char)s[from] & 0xC0) == 0x80);
    for (size_t n = 0; to < len && n < CONTEXT; n++)
        do to++; while (to < len && ((unsigned char)s[to] & 0xC0) == 0x80);
    strbuf sb = STRBUF_INIT;
    if (from > 0)
        strbuf_puts(&sb, "…");
    strbuf_append(&sb, s + from, at - from);
    /* "⟦" stands before the first character that differs. */
    strbuf_puts(&sb, "⟦");
    strbuf_append(&sb, s + at, to - at);
    strbuf_puts(&sb, to < len ? "…" : "");
    return strbuf_detach(&sb);
}

/* A quotation pasted with its own quotation marks ("…", “…”): without
 * them, as the report has no marks there. */
static void strip_enclosing_quotes(char *quote)
{
    size_t n = quote ? strlen(quote) : 0;
    if (n < 2 || quote[0] != '"' || quote[n - 1] != '"')
        return;
    for (size_t i = 1; i + 1 < n; i++)
        if (quote[i] == '"')
            return;   /* "a" and "b": two quotations, not one enclosed */
    memmove(quote, quote + 1, n - 2);
    quote[n - 2] = '\0';
}

/* ---- candidates --------------------------------------------------------- */

/* A word of the quotation fit for a query: no query syntax, no footnote
 * number glued to it. */
static void put_query_word(strbuf *sb, const char *w, size_t len)
{
    while (len && isdigit((unsigned char)w[len - 1]) && len >= 2 &&
           (islower((unsigned char)w[len - 2]) || strchr(".,;:)'\"", w[len - 2])))
        len--;
    size_t at = sb->len;
    for (size_t i = 0; i < len; i++)
        if (!strchr("\"*():[]{}", w[i]) && !(sb->len == at && strchr("+-", w[i])))
            strbuf_putc(sb, w[i]);
    if (sb->len > at)
        strbuf_putc(sb, ' ');
}

/* Up to max whole words of a piece (a word cut by a bracket is left out),
 * lower-cased so that no word is read as an operator. */
static void piece_words(strbuf *sb, const verify_piece *pc, int max, int *words)
{
    const char *p = pc->text, *end = pc->text + pc->len;
    bool first = true;
    while (p < end && *words < max) {
        while (p < end && *p == ' ')
            p++;
        const char *w = p;
        while (p < end && *p != ' ')
            p++;
        bool cut = (first && pc->gap_before == VERIFY_GAP_BRACKET && !pc->word_before) ||
                   (p == end && pc->gap_after && !pc->word_after);
        first = false;
        if (p > w && !cut) {
            put_query_word(sb, w, (size_t)(p - w));
            (*words)++;
        }
    }
}

/* The phrase of the quotation's first words (in its first piece of three
 * words or more), which finds every passage it may stand in. */
static char *phrase_query(const verify_pattern *pat)
{
    if (!pat->count)
        return strdup("");
    const verify_piece *pick = &pat->pieces[0];
    for (size_t i = 0; i < pat->count; i++) {
        const verify_piece *pc = &pat->pieces[i];
        size_t spaces = 0;
        for (size_t j = 0; j < pc->len; j++)
            spaces += pc->text[j] == ' ';
        if (spaces >= 2) {
            pick = pc;
            break;
        }
        if (pc->len > pick->len)
            pick = pc;
    }
    strbuf sb = STRBUF_INIT;
    int words = 0;
    strbuf_putc(&sb, '"');
    piece_words(&sb, pick, PHRASE_WORDS, &words);
    if (sb.len > 1 && sb.data[sb.len - 1] == ' ')
        strbuf_truncate(&sb, sb.len - 1);
    strbuf_putc(&sb, '"');
    if (!words)
        strbuf_truncate(&sb, 0);
    return strbuf_detach(&sb);
}

/* Words of the whole quotation, letters and digits only and at most 60,
 * without the operators: the passages nearest a misquotation. */
static char *words_query(const verify_pattern *pat)
{
    strbuf sb = STRBUF_INIT;
    int words = 0;
    for (size_t k = 0; k < pat->count && words < 60; k++) {
        const verify_piece *pc = &pat->pieces[k];
        for (const char *p = pc->text, *end = p + pc->len; p < end && words < 60;) {
            if (!isalnum((unsigned char)*p)) {
                p++;
                continue;
            }
            const char *w = p;
            while (p < end && isalnum((unsigned char)*p))
                p++;
            size_t len = (size_t)(p - w);
            if ((len == 2 && strncasecmp(w, "or", 2) == 0) ||
                (len == 3 && (strncasecmp(w, "and", 3) == 0 || strncasecmp(w, "not", 3) == 0)) ||
                (len == 4 && strncasecmp(w, "near", 4) == 0))
                continue;
            strbuf_append(&sb, w, len);
            strbuf_putc(&sb, ' ');
            words++;
        }
    }
    return strbuf_detach(&sb);
}

/* Does the nearest passage share more than half the quotation's words of
 * four letters or more (the first 200)?  If not, the quotation is not a
 * misquotation of it but something the report does not say. */
static bool shares_words(const verify_pattern *pat, const char *text)
{
    char *lower = strdup(text);
    if (!lower)
        return true;
    for (char *p = lower; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    unsigned words = 0, shared = 0;
    for (size_t k = 0; k < pat->count && words < 200; k++) {
        const verify_piece *pc = &pat->pieces[k];
        for (const char *p = pc->text, *end = p + pc->len; p < end && words < 200;) {
            char word[64];
            size_t n = 0;
            while (p < end && !isalpha((unsigned char)*p))
                p++;
            while (p < end && isalpha((unsigned char)*p)) {
                if (n + 1 < sizeof word)
                    word[n++] = (char)tolower((unsigned char)*p);
                p++;
            }
            word[n] = '\0';
            if (n < 4)
                continue;
            words++;
            shared += strstr(lower, word) != NULL;
        }
    }
    free(lower);
    return shared * 2 > words;
}

/* ---- matching over passages --------------------------------------------- */

/* A run of consecutive passages, their texts normalised and joined by a
 * space. */
typedef struct chain {
    passage passages[VERIFY_MAX_SPAN];
    size_t ends[VERIFY_MAX_SPAN];   /* where each one's text ends */
    size_t count;
    strbuf text;
} chain;

static void chain_free(chain *c)
{
    for (size_t i = 0; i < c->count; i++)
        passage_free(&c->passages[i]);
    strbuf_free(&c->text);
    memset(c, 0, sizeof *c);
}

/* Adds p (taken) to the chain. */
static bool chain_add(chain *c, passage *p)
{
    char *text = verify_normalise(p->text);
    if (!text) {
        passage_free(p);
        return false;
    }
    if (c->count)
        strbuf_putc(&c->text, ' ');
    strbuf_puts(&c->text, text);
    free(text);
    c->passages[c->count] = *p;
    c->ends[c->count++] = c->text.len;
    memset(p, 0, sizeof *p);
    return !c->text.failed;
}

/* Adds the passage after the chain's last, passing over pull quotes that
 * repeat the text around them.  False when there is none. */
static bool chain_extend(searcher *s, chain *c)
{
    if (c->count >= VERIFY_MAX_SPAN)
        return false;
    passage next;
    const passage *last = &c->passages[c->count - 1];
    for (int step = 1; step <= 3; step++) {
        if (!searcher_neighbour(s, last, step, &next, NULL))
            return false;
        if (!next.repeat)
            return chain_add(c, &next);
        passage_free(&next);
    }
    return false;
}

static bool has_place(const verify_result *r, const char *id)
{
    for (size_t i = 0; i < r->place_count; i++)
        if (strcmp(r->places[i].passage.id, id) == 0)
            return true;
    return false;
}

/* Records the chain's match m as a place. */
static bool add_place(verify_result *r, chain *c, const verify_matcher *m)
{
    if (r->place_count >= VERIFY_MAX_PLACES)
        return true;
    verify_place *grown = realloc(r->places, (r->place_count + 1) * sizeof *grown);
    if (!grown)
        return false;
    r->places = grown;
    verify_place *pl = &r->places[r->place_count++];
    memset(pl, 0, sizeof *pl);
    size_t from = 0;
    for (size_t i = 0; i < c->count; i++) {
        bool touched = m->start < c->ends[i] && m->end > from;
        from = c->ends[i] + 1;
        if (touched)
            pl->ids[pl->id_count++] = strdup(c->passages[i].id);
    }
    pl->passage = c->passages[0];
    memset(&c->passages[0], 0, sizeof(passage));
    if (m->case_changed)
        r->case_changed = true;
    for (size_t i = 0; i < m->footnote_count && r->footnote_count < VERIFY_MAX_FOOTNOTES; i++)
        r->footnotes[r->footnote_count++] = m->footnotes[i];
    return true;
}

/* The nearest so far, for a quotation that stands nowhere. */
typedef struct nearest {
    size_t reach_quote, reach_text;
    bool found;
    passage passage;
    char *text;
} nearest;

/* Does the quotation start in passage p (taken)?  Extends the chain while
 * the text runs out before the quotation does. */
static bool try_start(searcher *s, const verify_pattern *pat, passage *p,
                      verify_result *r, nearest *near, unsigned long *budget)
{
    if (has_place(r, p->id)) {
        passage_free(p);
        return true;
    }
    chain c = {0};
    c.text = (strbuf)STRBUF_INIT;
    if (!chain_add(&c, p)) {
        chain_free(&c);
        return false;
    }
    size_t first_len = c.ends[0];
    verify_matcher m;
    verify_outcome o;
    do {
        m = (verify_matcher){.pattern = pat, .text = c.text.data, .len = c.text.len,
                             .start_limit = first_len, .budget = *budget};
        o = verify_match(&m);
        *budget = m.budget;
    } while (o == VERIFY_RAN_OUT && chain_extend(s, &c));
    bool ok = true;
    if (o == VERIFY_MATCHED) {
        ok = add_place(r, &c, &m);
    } else if (m.reached && (!near->found || m.reach_quote > near->reach_quote)) {
        passage_free(&near->passage);
        free(near->text);
        near->found = true;
        near->reach_quote = m.reach_quote;
        near->reach_text = m.reach_text;
        near->text = strbuf_detach(&c.text);
        near->passage = c.passages[0];
        memset(&c.passages[0], 0, sizeof(passage));
    }
    chain_free(&c);
    return ok;
}

/* Tries every hit of query q as the passage the quotation starts in, and
 * the passage before each. */
static bool try_query(searcher *s, const char *q, unsigned limit, const verify_pattern *pat,
                      verify_result *r, nearest *near, unsigned long *budget, char **error)
{
    search_request req = {.query = q, .limit = limit, .snippet_chars = 1};
    search_result res;
    if (!searcher_search(s, &req, &res, error))
        return false;
    bool ok = true;
    if (res.total > limit && !res.partial)
        r->more_places = true;
    for (size_t i = 0; ok && i < res.count; i++) {
        passage hit = res.hits[i].passage, before;
        memset(&res.hits[i].passage, 0, sizeof(passage));
        /* The words found may be the quotation's second part, its first
         * standing at the end of the passage before. */
        bool has_before = searcher_neighbour(s, &hit, -1, &before, NULL);
        size_t places = r->place_count;
        ok = try_start(s, pat, &hit, r, near, budget);
        if (ok && has_before && r->place_count == places && !before.repeat)
            ok = try_start(s, pat, &before, r, near, budget);
        else if (has_before)
            passage_free(&before);
    }
    search_result_free(&res);
    return ok || error_set(error, "out of memory");
}

bool verify_quotation(searcher *s, const char *quotation, verify_result *out,
                      char **error)
{
    memset(out, 0, sizeof *out);
    size_t bad;
    if (!text_utf8_valid(quotation, strlen(quotation), &bad))
        return error_set(error, "the quotation is not valid UTF-8 (byte 0x%02x at "
                         "position %zu)", (unsigned char)quotation[bad], bad + 1);
    verify_pattern pat;
    char *quote = verify_normalise(quotation);
    strip_enclosing_quotes(quote);
    if (!quote || !verify_pattern_parse(quote, &pat)) {
        free(quote);
        return error_set(error, "out of memory");
    }
    char *phrase = phrase_query(&pat);
    char *words = words_query(&pat);
    bool ok = phrase && words;
    if (!ok)
        error_set(error, "out of memory");
    else if (!*words && !*phrase)
        ok = error_set(error, "the quotation has no words");
    out->omissions = pat.ellipses;
    out->insertions = pat.brackets;
    out->quote_length = chars(pat.text, strlen(pat.text));
    nearest near = {0};
    unsigned long budget = BUDGET;
    if (ok && *phrase)
        ok = try_query(s, phrase, VERIFY_MAX_PLACES, &pat, out, &near, &budget, error);
    if (ok && !out->place_count && *words)
        ok = try_query(s, words, CANDIDATES, &pat, out, &near, &budget, error);
    if (ok) {
        out->exact = out->place_count > 0;
        out->more_places &= out->place_count >= VERIFY_MAX_PLACES;
        out->gave_up = budget == 0;
        out->found = out->exact || (near.found && shares_words(&pat, near.text));
        if (!out->exact && out->found) {
            out->passage = near.passage;
            memset(&near.passage, 0, sizeof(passage));
            out->matched = chars(pat.text, near.reach_quote);
            out->quote_context = context_at(pat.text, near.reach_quote);
            out->report_context = context_at(near.text, near.reach_text);
        }
    }
    /* Each passage carries its report, so printing reads nothing more. */
    for (size_t i = 0; ok && i < out->place_count; i++)
        out->places[i].report = searcher_report(s, out->places[i].passage.report);
    if (ok && out->passage.report)
        out->report = searcher_report(s, out->passage.report);
    passage_free(&near.passage);
    free(near.text);
    free(phrase);
    free(words);
    verify_pattern_free(&pat);
    if (!ok)
        verify_result_free(out);
    return ok;
}
