#include "verify.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "normalize.h"
#include "strbuf.h"

#define CANDIDATES 20
#define CONTEXT 30   /* characters shown each side of a departure */

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
            size_t run = strspn(p, " \t\r\n");
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
            p++;
            continue;
        }
        if (space && sb.len)
            strbuf_putc(&sb, ' ');
        space = false;
        strbuf_putc(&sb, *p++);
    }
    return strbuf_detach(&sb);
}

void verify_result_free(verify_result *r)
{
    passage_free(&r->passage);
    free(r->quote_context);
    free(r->report_context);
    memset(r, 0, sizeof *r);
}

/* Length of the common prefix of a and b, in bytes, ending on a character
 * boundary. */
static size_t common_prefix(const char *a, const char *b)
{
    size_t n = 0;
    while (a[n] && a[n] == b[n])
        n++;
    while (n && ((unsigned char)a[n] & 0xC0) == 0x80)
        n--;
    return n;
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
    strbuf_puts(&sb, "⟦");
    strbuf_append(&sb, s + at, to - at);
    strbuf_puts(&sb, to < len ? "…" : "");
    /* "⟦" stands before the first character that differs. */
    return strbuf_detach(&sb);
}

/* Words of the quotation, for finding candidates: letters and digits only,
 * at most 60 of them, so any quotation makes a valid query. */
static char *candidate_query(const char *q)
{
    strbuf sb = STRBUF_INIT;
    int words = 0;
    for (const char *p = q; *p && words < 60;) {
        if (!isalnum((unsigned char)*p)) {
            p++;
            continue;
        }
        if (sb.len)
            strbuf_putc(&sb, ' ');
        while (isalnum((unsigned char)*p))
            strbuf_putc(&sb, *p++);
        words++;
    }
    return strbuf_detach(&sb);
}

bool verify_quotation(searcher *s, const char *quotation, verify_result *out,
                      char **error)
{
    memset(out, 0, sizeof *out);
    size_t bad;
    if (!text_utf8_valid(quotation, strlen(quotation), &bad))
        return error_set(error, "the quotation is not valid UTF-8 (byte 0x%02x at "
                         "position %zu)", (unsigned char)quotation[bad], bad + 1);
    char *quote = verify_normalise(quotation);
    char *words = quote ? candidate_query(quote) : NULL;
    if (!quote || !words) {
        free(quote);
        free(words);
        return error_set(error, "out of memory");
    }
    if (!*words) {
        free(quote);
        free(words);
        return error_set(error, "the quotation has no words");
    }
    search_request req = {.query = words, .limit = CANDIDATES, .snippet_chars = 1};
    search_result res;
    bool ok = searcher_search(s, &req, &res, error);
    free(words);
    if (!ok) {
        free(quote);
        return false;
    }
    size_t best = 0, best_hit = 0, best_at = 0;
    bool exact = false;
    for (size_t i = 0; i < res.count && !exact; i++) {
        char *text = verify_normalise(res.hits[i].passage.text);
        if (!text)
            continue;
        for (size_t at = 0; text[at]; at++) {
            if (((unsigned char)text[at] & 0xC0) == 0x80)
                continue;
            size_t n = common_prefix(quote + 0, text + at);
            if (n > best || (i == 0 && at == 0 && n == best && !best)) {
                best = n;
                best_hit = i;
                best_at = at;
            }
            if (!quote[n]) {
                exact = true;
                break;
            }
        }
        free(text);
    }
    out->exact = exact;
    out->quote_length = chars(quote, strlen(quote));
    if (res.count) {
        out->found = true;
        out->passage = res.hits[best_hit].passage;
        memset(&res.hits[best_hit].passage, 0, sizeof(passage));
        out->matched = chars(quote, best);
        if (!exact) {
            char *text = verify_normalise(out->passage.text);
            out->quote_context = context_at(quote, best);
            out->report_context = text ? context_at(text, best_at + best) : NULL;
            free(text);
        }
    }
    search_result_free(&res);
    free(quote);
    return true;
}
