/* Widening a query's words: the field's vocabulary, compounds, wildcards.
 * Every variant is data: it reaches the parser as a word or a phrase (or
 * in a group, query.c), never as syntax. */
#include "query_tokens.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "normalize.h"
#include "strbuf.h"

/* The longest word compound splitting tries to cut in two. */
#define COMPOUND_MAX_BYTES 64

/* Splits a variant into word keys ("Republic of Korea" -> 3 keys;
 * "burden-sharing" -> "burden", "sharing"). */
static bool variant_words(const char *variant, string_list *out)
{
    char *copy = strdup(variant);
    if (!copy)
        return false;
    bool ok = true;
    for (char *w = strtok(copy, " -"); ok && w; w = strtok(NULL, " -")) {
        char *k = vocabulary_key(w);
        ok = k && (!*k || string_list_add(out, k));
        free(k);
    }
    free(copy);
    return ok;
}

static bool plain_word(const token *t)
{
    return t->type == TOK_WORD && !t->sign && !strchr(t->text, '*');
}

/* A plain word the vocabulary may widen: not one beside NEAR or ADJ, which
 * join single words only (a group there would lose its proximity). */
static bool expandable(const token_list *t, size_t i)
{
    return plain_word(&t->items[i]) &&
           !(i > 0 && query_proximity_op(&t->items[i - 1])) &&
           !(i + 1 < t->count && query_proximity_op(&t->items[i + 1]));
}

/* How many tokens from t->items[i] a variant's words match (0: none).
 * A token may hold several words ("States-Korea"): keys[k] holds token
 * k's words, and a match must end at the end of a token. */
static size_t match_variant(const token_list *t, size_t i, const string_list *words,
                            string_list *keys)
{
    size_t w = 0, k = i;
    while (w < words->count && k < t->count) {
        if (!plain_word(&t->items[k]) || !keys[k].count)
            return 0;
        for (size_t j = 0; j < keys[k].count; j++, w++)
            if (w >= words->count || strcmp(keys[k].items[j], words->items[w]) != 0)
                return 0;
        k++;
    }
    return w == words->count ? k - i : 0;
}

/* Characters QueryParser may read as syntax even inside a phrase: they
 * become spaces in an expansion. */
static bool syntax_char(const char *p, size_t *len)
{
    static const char *const curly[] = {"\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x9e"};
    *len = 1;
    if (strchr("\"()*:~^", *p) || (unsigned char)*p < 0x20)
        return true;
    for (size_t i = 0; i < sizeof curly / sizeof *curly; i++)
        if (strncmp(p, curly[i], 3) == 0) {
            *len = 3;
            return true;
        }
    return false;
}

/* Writes an expansion (words from the vocabulary, the acronym table, the
 * synonyms file or compound joining) so that QueryParser reads it as words
 * and nothing else: a plain word of letters and digits as it is, anything
 * else (several words, an operator word such as "OR", "pillar:3", "x*")
 * as a phrase, with the characters that could be syntax made spaces.  An
 * expansion is data: no report or table can make a search fail.  Returns
 * false, writing nothing, when no word is left. */
static bool put_words(strbuf *sb, const char *words)
{
    bool plain = *words && !query_is_operator_word(words);
    bool any = false;
    for (const char *p = words; *p; p++) {
        unsigned char c = (unsigned char)*p;
        plain = plain && (isalnum(c) || c >= 0x80);
        any = any || isalnum(c) || c >= 0x80;
    }
    if (!any)
        return false;
    if (plain) {
        strbuf_puts(sb, words);
        return true;
    }
    strbuf_putc(sb, '"');
    for (const char *p = words; *p;) {
        size_t n;
        if (syntax_char(p, &n))
            strbuf_putc(sb, ' ');
        else
            strbuf_append(sb, p, n);
        p += n;
    }
    strbuf_putc(sb, '"');
    return true;
}

/* Adds words to a group as one variant, written by put_words; words with
 * no word character are left out.  False when out of memory. */
static bool group_add(token *group, const char *words)
{
    strbuf sb = STRBUF_INIT;
    if (!put_words(&sb, words)) {
        strbuf_free(&sb);
        return true;
    }
    char *variant = strbuf_detach(&sb);
    bool ok = variant && string_list_add(&group->variants, variant);
    free(variant);
    return ok;
}

/* The group of a vocabulary entry's variants, folded as the query is;
 * false when out of memory. */
static bool group_token(const string_list *group, size_t pos, token *out)
{
    *out = (token){TOK_GROUP, NULL, 0, 0, pos, STRING_LIST_INIT, 1};
    bool ok = true;
    for (size_t i = 0; ok && i < group->count; i++) {
        char *folded = text_fold(group->items[i], strlen(group->items[i]), 0);
        ok = group_add(out, folded ? folded : group->items[i]);
        free(folded);
    }
    return ok;
}

/* Makes tok (a word, or a wildcard: its sign stays) the group of words, each
 * a variant; tok stays as it is when none has a word.  False when out of
 * memory. */
static bool make_group(token *tok, const string_list *words)
{
    token g = {TOK_GROUP, NULL, 0, tok->sign, tok->pos, STRING_LIST_INIT, 1};
    bool ok = true;
    for (size_t i = 0; ok && i < words->count; i++)
        ok = group_add(&g, words->items[i]);
    if (!ok || !g.variants.count) {
        string_list_free(&g.variants);
        return ok;
    }
    free(tok->text);
    *tok = g;
    return true;
}

/* Can variant start with the word whose key is key?  False only when sure:
 * the variant's first word is plain ASCII (whose key is itself lower-cased
 * without dots) and differs.  Saves folding every variant of the
 * vocabulary for every word of every query. */
static bool may_start_with(const char *variant, const char *key)
{
    const char *p = variant;
    while (*p == ' ' || *p == '-')
        p++;
    size_t k = 0;
    bool letters = false;
    for (; *p && *p != ' ' && *p != '-'; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= 0x20 || c >= 0x7F)
            return true;   /* folding may change it: ask variant_words */
        if (c == '.')
            continue;
        letters = true;
        if (key[k] != (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c))
            return false;
        k++;
    }
    return !letters || key[k] == '\0';
}

/* Replaces runs of plain words that name a vocabulary variant with the
 * whole group. */
bool query_expand_vocabulary(token_list *t, const vocabulary *v)
{
    if (!v || !v->count || !t->count)
        return true;
    string_list *keys = calloc(t->count, sizeof(string_list));
    if (!keys)
        return false;
    for (size_t i = 0; i < t->count; i++)
        if (expandable(t, i))
            variant_words(t->items[i].text, &keys[i]);

    token_list out = {NULL, 0};
    bool ok = true;
    for (size_t i = 0; ok && i < t->count;) {
        size_t best = 0;
        const string_list *best_group = NULL;
        /* Only a plain word starts a variant: no scan for others (a query
         * of 20,000 parentheses stays quick). */
        bool can_start = keys[i].count > 0;
        for (size_t g = 0; can_start && g < v->count; g++)
            for (size_t j = 0; j < v->groups[g].count; j++) {
                string_list words = STRING_LIST_INIT;
                if (may_start_with(v->groups[g].items[j], keys[i].items[0]) &&
                    variant_words(v->groups[g].items[j], &words)) {
                    size_t n = match_variant(t, i, &words, keys);
                    if (n > best) {
                        best = n;
                        best_group = &v->groups[g];
                    }
                }
                string_list_free(&words);
            }
        token g = {0};
        if (best && !group_token(best_group, t->items[i].pos, &g)) {
            string_list_free(&g.variants);
            ok = false;
        } else if (g.variants.count) {   /* (none has a word: the word stays) */
            g.typed_words = best;
            ok = token_list_push(&out, g);
            for (size_t k = 0; k < best; k++)
                free(t->items[i + k].text);
            i += best;
        } else {
            ok = token_list_push(&out, t->items[i]);
            i++;
        }
    }
    for (size_t i = 0; i < t->count; i++)
        string_list_free(&keys[i]);
    free(keys);
    if (!ok) {
        token_list_free(&out);
        t->count = 0;
        return false;
    }
    free(t->items);
    *t = out;
    return true;
}

/* A word also finds the compounds it heads in the index: "cyber" finds
 * "cybersecurity", "cyberspace" and "cyberattacks", words that start with
 * it and go on with a word of the index of at least COMPOUND_TAIL_MIN
 * letters (so "korea" does not find "koreas", nor "near" "nearly").  At
 * most COMPOUND_HEADS_MAX words of a query are widened so: each costs a
 * walk over the index's words. */
#define COMPOUND_HEAD_MIN 4
#define COMPOUND_TAIL_MIN 4
#define COMPOUND_HEADS_MAX 8

static bool expand_compound_heads(token *tok, const char *w, const query_lexicon *lex,
                                  bool *headed)
{
    *headed = false;
    size_t len = strlen(w);
    if (len < COMPOUND_HEAD_MIN || !lex->words_with_prefix)
        return true;
    for (size_t k = 0; k < len; k++)
        if (!isalpha((unsigned char)w[k]))
            return true;
    string_list words = STRING_LIST_INIT, variants = STRING_LIST_INIT;
    bool ok = lex->words_with_prefix(w, &words, lex->ctx) &&
              string_list_add(&variants, tok->text);
    for (size_t k = 0; ok && k < words.count; k++) {
        const char *word = words.items[k];
        const char *tail = word + len;
        if (strncmp(word, w, len) != 0 || strlen(tail) < COMPOUND_TAIL_MIN)
            continue;
        bool alpha = true;
        for (const char *c = tail; *c && alpha; c++)
            alpha = isalpha((unsigned char)*c);
        if (alpha && lex->known(tail, lex->ctx))
            ok = string_list_add(&variants, word);
    }
    *headed = ok && variants.count > 1;
    ok = ok && (!*headed || make_group(tok, &variants));
    string_list_free(&words);
    string_list_free(&variants);
    return ok;
}

/* "burdensharing" that the index does not know, but whose halves it does,
 * also looks for "burden sharing"; "cyber security" also looks for
 * "cybersecurity" when the index knows that word. */
bool query_expand_compounds(token_list *t, const query_lexicon *lex)
{
    if (!lex || !lex->known)
        return true;
    bool (*known)(const char *, void *) = lex->known;
    void *ctx = lex->ctx;
    size_t heads = 0;   /* words widened to their compounds */
    for (size_t i = 0; i < t->count; i++) {
        token *tok = &t->items[i];
        if (!expandable(t, i))
            continue;
        char *w = vocabulary_key(tok->text);
        if (!w)
            return false;
        token *next = i + 1 < t->count && expandable(t, i + 1) ? &t->items[i + 1] : NULL;
        char *nk = next ? vocabulary_key(next->text) : NULL;
        strbuf sb = STRBUF_INIT;
        string_list variants = STRING_LIST_INIT;
        bool ok = true;
        /* Two words of two letters or more: "vis a vis" is not "visa". */
        if (nk && strlen(w) >= 2 && strlen(nk) >= 2) {
            strbuf_printf(&sb, "%s%s", w, nk);
            if (!sb.failed && known(sb.data, ctx)) {
                /* "no t" -> "not": a word, never the operator NOT (put_words). */
                char *joined = strbuf_detach(&sb);
                strbuf_printf(&sb, "%s %s", w, nk);
                ok = joined && !sb.failed && string_list_add(&variants, sb.data) &&
                     string_list_add(&variants, joined) && make_group(tok, &variants);
                free(joined);
                strbuf_free(&sb);
                string_list_free(&variants);
                free(w);
                free(nk);
                if (!ok)
                    return false;
                tok->typed_words = 2;
                free(next->text);
                memmove(next, next + 1, (t->count - i - 2) * sizeof(token));
                t->count--;
                continue;
            }
            strbuf_truncate(&sb, 0);
        }
        free(nk);
        size_t len = strlen(w);
        /* Longer words are tried as they are: each cut costs two lookups,
         * and a 120,000-letter word took minutes. */
        bool all_alpha = len >= 6 && len <= COMPOUND_MAX_BYTES;
        for (size_t k = 0; k < len; k++)
            all_alpha = all_alpha && isalpha((unsigned char)w[k]);
        if (all_alpha && !known(w, ctx)) {
            for (size_t cut = 3; ok && cut + 3 <= len; cut++) {
                char *a = strndup(w, cut);
                bool split = a && known(a, ctx) && known(w + cut, ctx);
                if (split)
                    strbuf_printf(&sb, "%s %s", a, w + cut);
                free(a);
                if (split) {
                    ok = !sb.failed && string_list_add(&variants, w) &&
                         string_list_add(&variants, sb.data) && make_group(tok, &variants);
                    break;
                }
            }
        }
        strbuf_free(&sb);
        string_list_free(&variants);
        if (!ok) {
            free(w);
            return false;
        }
        if (tok->type == TOK_WORD && heads < COMPOUND_HEADS_MAX) {
            bool headed = false;
            if (!expand_compound_heads(tok, w, lex, &headed)) {
                free(w);
                return false;
            }
            heads += headed;
        }
        free(w);
    }
    return true;
}

/* sanction* -> (sanction OR sanctioned): the index holds stems, not words,
 * so a wildcard expands over the index's words (the spelling table) here,
 * and each word then finds its stem.  A sign stays in front of the group.
 * Nothing to expand to: the wildcard stays and matches nothing. */
bool query_expand_wildcards(token_list *t, const query_lexicon *lex)
{
    if (!lex || !lex->words_with_prefix)
        return true;
    for (size_t i = 0; i < t->count; i++) {
        token *tok = &t->items[i];
        size_t len = tok->type == TOK_WORD ? strlen(tok->text) : 0;
        if (len < 2 || tok->text[len - 1] != '*' || strchr(tok->text, '*') != tok->text + len - 1)
            continue;
        char *prefix = strndup(tok->text, len - 1);
        string_list words = STRING_LIST_INIT;
        bool ok = prefix && lex->words_with_prefix(prefix, &words, lex->ctx);
        free(prefix);
        ok = ok && make_group(tok, &words);
        string_list_free(&words);
        if (!ok)
            return false;
    }
    return true;
}
