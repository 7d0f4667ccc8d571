#include "highlight.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "normalize.h"
#include "schema.h"

/* The English (Porter2) stemmer only rewrites a word's ending and always
 * leaves at least its first letter: a word whose first byte starts none of
 * the query's stems cannot stem to one, and need not be stemmed, which was
 * most of the time a search spent highlighting.  (Checked over the 125,000
 * distinct words of the benchmark's pool and 400,000 made-up ones.)  Other
 * languages stem every word. */
#define STEM_KEEPS_FIRST_BYTE (strcmp(BRIEF_STEM_LANGUAGE, "english") == 0)

void snippet_free(snippet *s)
{
    free(s->text);
    free(s->spans);
    memset(s, 0, sizeof *s);
}

static int collect_term(const char *term, uint32_t freq, void *ctx)
{
    (void)freq;
    highlighter *h = ctx;
    /* Filters (XA..., Q...) are not words of the text: their prefixes are
     * capitals, unlike words and Z-stems. */
    if (term[0] >= 'A' && term[0] <= 'Z' && term[0] != 'Z')
        return 0;
    if (term[0] == 'Z' && term[1] >= 'A' && term[1] <= 'Z')
        return 0; /* a stemmed prefixed term, e.g. ZS... (section:) */
    if (term[0] == 'Z')
        h->stem_starts[(unsigned char)term[1]] = true;
    return strset_add(&h->terms, term, strlen(term)) ? 0 : 1;
}

bool highlighter_init(highlighter *h, xc_stemmer *stemmer, const xc_query *q,
                      const string_list *wildcards, char **error)
{
    memset(h, 0, sizeof *h);
    h->stemmer = stemmer;
    char *msg = NULL;
    if (q && xc_query_each_term(q, collect_term, h, &msg) != XC_OK)
        return error_take(error, "highlighting", msg);
    if (wildcards && !string_list_copy(&h->prefixes, wildcards))
        return error_set(error, "out of memory");
    return true;
}

void highlighter_free(highlighter *h)
{
    strset_free(&h->terms);
    string_list_free(&h->prefixes);
    strset_free(&h->judged);
}

/* Is "Z" + the stem of key one of the query's terms? */
static bool stem_matches(const highlighter *h, const char *key)
{
    if (!h->stemmer || (*key && STEM_KEEPS_FIRST_BYTE &&
                        !h->stem_starts[(unsigned char)*key]))
        return false;
    char *stem = NULL;
    if (xc_stemmer_stem(h->stemmer, key, &stem, NULL) != XC_OK)
        return false;
    size_t n = strlen(stem);
    char *z = malloc(n + 2);
    bool hit = false;
    if (z) {
        z[0] = 'Z';
        memcpy(z + 1, stem, n + 1);
        hit = strset_count(&h->terms, z, n + 1) > 0;
    }
    free(z);
    free(stem);
    return hit;
}

/* text_fold(word, TEXT_FOLD_CASE) of a short ASCII word, into buf: the
 * words of a text hold no spaces or controls, so that is lower-casing.
 * False (buf unused) for any other word. */
static bool fold_ascii_word(const char *word, size_t len, char *buf, size_t size)
{
    if (len >= size)
        return false;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)word[i];
        if (c <= 0x20 || c >= 0x7F)
            return false;
        buf[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    buf[len] = '\0';
    return true;
}

bool highlighter_matches(const highlighter *h, const char *word, size_t len)
{
    char buf[64];
    char *key = fold_ascii_word(word, len, buf, sizeof buf) ? buf
                                                            : text_fold(word, len, TEXT_FOLD_CASE);
    if (!key)
        return false;
    /* "U.S." is the term "us", as Xapian's term generator makes it. */
    char *w = key;
    for (char *r = key; *r; r++)
        if (*r != '.')
            *w++ = *r;
    *w = '\0';
    bool hit = strset_count(&h->terms, key, strlen(key)) > 0;
    for (size_t i = 0; !hit && i < h->prefixes.count; i++)
        hit = strncmp(key, h->prefixes.items[i], strlen(h->prefixes.items[i])) == 0;
    hit = hit || stem_matches(h, key);
    if (key != buf)
        free(key);
    return hit;
}

/* ---- remembering judged words ------------------------------------------ */

enum { JUDGED_MISS = 1, JUDGED_HIT = 2 };

/* highlighter_matches, remembered per word as written.  A word the set
 * cannot hold (out of memory) is judged afresh: same answer, slower. */
static bool judge_remembered(highlighter *h, const char *word, size_t len)
{
    unsigned seen = strset_count(&h->judged, word, len);
    if (seen)
        return seen == JUDGED_HIT;
    bool hit = highlighter_matches(h, word, len);
    strset_add_n(&h->judged, word, len, hit ? JUDGED_HIT : JUDGED_MISS);
    return hit;
}

/* ---- words of the text ---------------------------------------------------- */

static bool word_byte(const char *p)
{
    unsigned char c = (unsigned char)*p;
    if (isalnum(c))
        return true;
    if (c < 0x80)
        return false;
    /* Typographic punctuation is not part of a word: — – “ ” ‘ … */
    if (c == 0xE2 && (unsigned char)p[1] == 0x80)
        return false;
    return true;
}

/* Is there an apostrophe inside a word at p (Korea's, Korea’s)? */
static size_t inner_apostrophe(const char *p)
{
    if (*p == '\'' && word_byte(p + 1))
        return 1;
    if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
        (unsigned char)p[2] == 0x99 && word_byte(p + 3))
        return 3;
    return 0;
}

static size_t utf8_length(const char *p)
{
    unsigned char c = (unsigned char)*p;
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    for (size_t i = 1; i < n; i++)
        if (!p[i])
            return i;
    return n;
}

typedef struct word_span {
    size_t start, end;     /* bytes */
    size_t cstart, cend;   /* characters, so windows are measured in O(1) */
    bool hit;
} word_span;

/* The words of text, with whether each matches. */
static bool scan_words(highlighter *h, const char *text, word_span **out,
                       size_t *count)
{
    size_t cap = 0, n = 0;
    word_span *words = NULL;
    const char *p = text, *counted = text;
    size_t chars = 0;
    while (*p) {
        if (!word_byte(p)) {
            p += utf8_length(p); /* never stop inside a character */
            continue;
        }
        const char *start = p;
        for (;;) {
            while (*p && word_byte(p))
                p += utf8_length(p);
            size_t apo = inner_apostrophe(p);
            /* Acronyms: U.S. is one word. */
            bool acronym = *p == '.' && p - start >= 1 && isalpha((unsigned char)p[-1]) &&
                           (p - start == 1 || p[-2] == '.') && isalpha((unsigned char)p[1]) &&
                           (p[2] == '.');
            if (apo)
                p += apo;
            else if (acronym)
                p++;
            else
                break;
        }
        if (*p == '.' && p - start >= 3 && p[-2] == '.')
            p++; /* the final dot of U.S. */
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            word_span *bigger = realloc(words, cap * sizeof *words);
            if (!bigger) {
                free(words);
                return false;
            }
            words = bigger;
        }
        for (; counted < start; counted++)
            chars += ((unsigned char)*counted & 0xC0) != 0x80;
        size_t cstart = chars;
        for (; counted < p; counted++)
            chars += ((unsigned char)*counted & 0xC0) != 0x80;
        words[n++] = (word_span){(size_t)(start - text), (size_t)(p - text),
                                 cstart, chars,
                                 judge_remembered(h, start, (size_t)(p - start))};
    }
    *out = words;
    *count = n;
    return true;
}

static size_t char_count(const char *text, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/* Which query word a matched word stands for, as a small number: its
 * stem ("sanctions" and "sanction" are one), among the kinds seen so far
 * (at most WINDOW_KINDS; more count as the last). */
#define WINDOW_KINDS 32

static int match_kind(const highlighter *h, const char *word, size_t len,
                      char kinds[WINDOW_KINDS][64], int *nkinds)
{
    char key[64];
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < sizeof key; i++) {
        unsigned char c = (unsigned char)word[i];
        if (c != '.')
            key[n++] = (char)tolower(c);
    }
    key[n] = '\0';
    char *stem = NULL;
    if (h->stemmer && xc_stemmer_stem(h->stemmer, key, &stem, NULL) == XC_OK && stem) {
        snprintf(key, sizeof key, "%s", stem);
        free(stem);
    }
    for (int k = 0; k < *nkinds; k++)
        if (strcmp(kinds[k], key) == 0)
            return k;
    if (*nkinds == WINDOW_KINDS)
        return WINDOW_KINDS - 1;
    snprintf(kinds[*nkinds], 64, "%s", key);
    return (*nkinds)++;
}

/* The window of at most max_chars characters, from a word to a word, that
 * holds the most distinct query words (then the most matches; the
 * earliest of equals, so a passage's own opening is preferred).  It then
 * starts up to six words earlier for context, but never so early that a
 * match of the window falls off its end. */
static bool best_window(const highlighter *h, const char *text, const word_span *words,
                        size_t n, size_t max_chars, size_t *first, size_t *end)
{
    char (*kinds)[64] = malloc(WINDOW_KINDS * 64);
    int *kind = malloc(n * sizeof *kind);
    if (!kinds || !kind) {
        free(kinds);
        free(kind);
        return false;
    }
    int nkinds = 0;
    for (size_t i = 0; i < n; i++)
        kind[i] = words[i].hit ? match_kind(h, text + words[i].start,
                                            words[i].end - words[i].start, kinds, &nkinds)
                               : -1;
    unsigned in_window[WINDOW_KINDS] = {0};
    size_t best_start = 0, best_distinct = 0, best_hits = 0;
    size_t j = 0, hits = 0, distinct = 0;
    for (size_t i = 0; i < n; i++) {
        if (j < i)
            j = i;
        while (j < n && words[j].cend - words[i].cstart <= max_chars) {
            if (kind[j] >= 0) {
                hits++;
                distinct += in_window[kind[j]]++ == 0;
            }
            j++;
        }
        if (distinct > best_distinct || (distinct == best_distinct && hits > best_hits)) {
            best_distinct = distinct;
            best_hits = hits;
            best_start = i;
        }
        if (j > i && kind[i] >= 0) {
            hits--;
            distinct -= --in_window[kind[i]] == 0;
        }
    }
    /* The last match of the best window: it must stay in. */
    size_t last = best_start;
    for (size_t k = best_start; k < n && words[k].cend - words[best_start].cstart <= max_chars;
         k++)
        if (kind[k] >= 0)
            last = k;
    size_t start = best_start;
    for (size_t back = 0; back < 6 && start > 0 && best_hits &&
                          words[last].cend - words[start - 1].cstart <= max_chars;
         back++)
        start--;
    size_t stop = start;
    while (stop < n && words[stop].cend - words[start].cstart <= max_chars)
        stop++;
    if (stop == start)
        stop++;
    *first = start;
    *end = stop;
    free(kinds);
    free(kind);
    return true;
}

bool highlight_snippet(highlighter *h, const char *text,
                       size_t max_chars, snippet *out)
{
    memset(out, 0, sizeof *out);
    word_span *words = NULL;
    size_t n = 0;
    if (!scan_words(h, text, &words, &n))
        return false;
    size_t len = strlen(text);
    size_t from = 0, to = len;
    size_t first_word = 0, end_word = n;

    if (max_chars && n && char_count(text, len) > max_chars) {
        if (!best_window(h, text, words, n, max_chars, &first_word, &end_word)) {
            free(words);
            return false;
        }
        from = first_word ? words[first_word].start : 0;
        to = end_word < n ? words[end_word - 1].end : len;
        /* Keep the closing punctuation of the last word. */
        while (to < len && text[to] != ' ' && !word_byte(text + to))
            to += utf8_length(text + to); /* never cut a ” in two */
    }

    out->text = strndup(text + from, to - from);
    out->spans = calloc(n ? n : 1, sizeof(span));
    if (!out->text || !out->spans) {
        free(words);
        snippet_free(out);
        return false;
    }
    for (size_t i = first_word; i < end_word && i < n; i++)
        if (words[i].hit && words[i].end <= to)
            out->spans[out->count++] = (span){words[i].start - from,
                                              words[i].end - words[i].start};
    out->cut_start = from > 0;
    out->cut_end = to < len;
    free(words);
    return true;
}
