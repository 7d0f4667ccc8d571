#include "query.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "normalize.h"
#include "strbuf.h"

static const char *const field_names[FILTER_FIELD_COUNT] = {
    [FILTER_PILLAR] = "pillar", [FILTER_AGENCY] = "agency",
    [FILTER_ACTOR] = "actor",   [FILTER_KIND] = "kind",
    [FILTER_SECTION] = "section", [FILTER_REPORT] = "report",
};

const char *filter_field_name(filter_field f)
{
    return f < FILTER_FIELD_COUNT ? field_names[f] : "?";
}

bool filter_field_parse(const char *name, filter_field *out)
{
    int f = name_table_find(field_names, FILTER_FIELD_COUNT, name);
    if (f < 0)
        return false;
    *out = (filter_field)f;
    return true;
}

void query_filters_free(query_filters *f)
{
    for (int i = 0; i < FILTER_FIELD_COUNT; i++)
        string_list_free(&f->values[i]);
}

bool query_filters_add(query_filters *f, filter_field field, const char *value)
{
    return string_list_add_unique(&f->values[field], value);
}

bool query_filters_any(const query_filters *f)
{
    for (int i = 0; i < FILTER_FIELD_COUNT; i++)
        if (f->values[i].count)
            return true;
    return false;
}

/* ---- tokens ------------------------------------------------------------ */

typedef enum token_type {
    TOK_WORD,
    TOK_PHRASE,
    TOK_OPEN,
    TOK_CLOSE,
    TOK_OP,
    TOK_FIELD,
    TOK_GROUP      /* a vocabulary, compound or wildcard expansion */
} token_type;

typedef struct token {
    token_type type;
    char *text;          /* word, phrase words, operator, field value */
    filter_field field;  /* TOK_FIELD */
    char sign;           /* '+', '-' or 0 before a word, phrase or group */
    size_t pos;          /* 1-based character position in the query */
    string_list variants;  /* TOK_GROUP: each a word or a "phrase" */
    size_t typed_words;    /* TOK_GROUP: how many typed words it stands for */
} token;

typedef struct token_list {
    token *items;
    size_t count;
} token_list;

static void tokens_free(token_list *t)
{
    for (size_t i = 0; i < t->count; i++) {
        free(t->items[i].text);
        string_list_free(&t->items[i].variants);
    }
    free(t->items);
    t->items = NULL;
    t->count = 0;
}

static bool tokens_push(token_list *t, token tok)
{
    /* Room for 16, 32, 64 ... tokens: no realloc (and copy) per token, so
     * a query of thousands of tokens stays linear.  A list that shrank
     * keeps room for at least its old count. */
    size_t n = t->count;
    if (!t->items || (n >= 16 && (n & (n - 1)) == 0)) {
        token *items = realloc(t->items, (n < 16 ? 16 : 2 * n) * sizeof(token));
        if (!items) {
            free(tok.text);
            string_list_free(&tok.variants);
            return false;
        }
        t->items = items;
    }
    t->items[t->count++] = tok;
    return true;
}

/* Character (not byte) position of p in s, 1-based. */
static size_t char_pos(const char *s, const char *p)
{
    size_t n = 1;
    for (const char *q = s; q < p; q++)
        if (((unsigned char)*q & 0xC0) != 0x80)
            n++;
    return n;
}

static const char *const operators[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};

/* NEAR, NEAR/n, ADJ, ADJ/n: they join single words only. */
static bool proximity_op(const token *t)
{
    return t->type == TOK_OP &&
           (strncmp(t->text, "NEAR", 4) == 0 || strncmp(t->text, "ADJ", 3) == 0);
}

/* "AND", "OR", "NEAR/3" ... -> a copy, else NULL.  Only in capitals, as
 * Xapian and Google read them: "not a proxy", "near term" and "korea and"
 * are words. */
static char *operator_name(const char *w)
{
    for (size_t i = 0; i < sizeof operators / sizeof *operators; i++) {
        size_t n = strlen(operators[i]);
        if (strncmp(w, operators[i], n) != 0)
            continue;
        if (w[n] == '\0')
            return strdup(operators[i]);
        if ((i >= 4) && w[n] == '/' && isdigit((unsigned char)w[n + 1])) {
            const char *d = w + n + 1;
            while (isdigit((unsigned char)*d))
                d++;
            if (*d == '\0') {
                strbuf sb = STRBUF_INIT;
                strbuf_printf(&sb, "%s/%s", operators[i], w + n + 1);
                return strbuf_detach(&sb);
            }
        }
    }
    return NULL;
}

static bool tokenize(const char *q, token_list *out, char **error)
{
    const char *p = q;
    const char *counted = q;   /* char_pos(q, p), counted as p moves on */
    size_t chars = 1;
    while (*p) {
        if (isspace((unsigned char)*p)) {
            p++;
            continue;
        }
        for (; counted < p; counted++)
            chars += ((unsigned char)*counted & 0xC0) != 0x80;
        size_t pos = chars;
        if (*p == '(' || *p == ')') {
            if (!tokens_push(out, (token){.type = *p == '(' ? TOK_OPEN : TOK_CLOSE,
                                          .pos = pos}))
                return error_set(error, "out of memory");
            p++;
            continue;
        }
        char sign = 0;
        if ((*p == '+' || *p == '-') && p[1] && !isspace((unsigned char)p[1])) {
            sign = *p++;
        }
        if (*p == '"') {
            const char *end = strchr(p + 1, '"');
            if (!end)
                return error_set(error, "unbalanced quote: the \" at position %zu "
                                 "is not closed", char_pos(q, p));
            char *words = strndup(p + 1, (size_t)(end - p - 1));
            if (!words || !tokens_push(out, (token){.type = TOK_PHRASE, .text = words, .sign = sign, .pos = pos}))
                return error_set(error, "out of memory");
            p = end + 1;
            continue;
        }
        const char *start = p;
        while (*p && !isspace((unsigned char)*p) && *p != '(' && *p != ')' && *p != '"')
            p++;
        char *word = strndup(start, (size_t)(p - start));
        if (!word)
            return error_set(error, "out of memory");
        char *colon = strchr(word, ':');
        filter_field field;
        if (colon && colon != word) {
            *colon = '\0';
            bool is_field = filter_field_parse(word, &field);
            *colon = ':';
            if (is_field) {
                char *value = NULL;
                if (colon[1]) {
                    value = strdup(colon + 1);
                } else if (*p == '"') { /* agency:"State Department" */
                    const char *end = strchr(p + 1, '"');
                    if (!end) {
                        free(word);
                        return error_set(error, "unbalanced quote: the \" at "
                                         "position %zu is not closed", char_pos(q, p));
                    }
                    value = strndup(p + 1, (size_t)(end - p - 1));
                    p = end + 1;
                } else {
                    free(word);
                    return error_set(error, "'%s:' at position %zu needs a value",
                                     filter_field_name(field), pos);
                }
                free(word);
                if (sign) {
                    free(value);
                    return error_set(error, "'%c' before the filter at position %zu: "
                                     "filters narrow the results and cannot be "
                                     "negated", sign, pos);
                }
                if (!value || !tokens_push(out, (token){.type = TOK_FIELD, .text = value, .field = field, .pos = pos}))
                    return error_set(error, "out of memory");
                continue;
            }
        }
        char *op = sign ? NULL : operator_name(word);
        token tok = {.type = op ? TOK_OP : TOK_WORD, .text = op ? op : word, .sign = sign, .pos = pos};
        if (op)
            free(word);
        if (!tokens_push(out, tok))
            return error_set(error, "out of memory");
    }
    return true;
}

/* ---- checks ------------------------------------------------------------ */

/* NEAR/n and ADJ/n: n from 1 to this (a passage is far shorter). */
#define QUERY_MAX_DISTANCE 1000

static bool starts_operand(const token *t)
{
    return t->type == TOK_WORD || t->type == TOK_PHRASE || t->type == TOK_OPEN ||
           (t->type == TOK_OP && strcmp(t->text, "NOT") == 0);
}

static bool ends_operand(const token *t)
{
    return t->type == TOK_WORD || t->type == TOK_PHRASE || t->type == TOK_CLOSE;
}

/* Drops "OR" between two filters of one field ("pillar:4 OR pillar:5"
 * means what the filters mean anyway); any other operator next to a
 * filter is an error. */
static bool check_filters_and_operators(token_list *t, char **error)
{
    size_t w = 0;
    for (size_t i = 0; i < t->count; i++) {
        token *tok = &t->items[i];
        if (tok->type == TOK_OP && strcmp(tok->text, "OR") == 0 && w > 0 &&
            t->items[w - 1].type == TOK_FIELD && i + 1 < t->count &&
            t->items[i + 1].type == TOK_FIELD &&
            t->items[w - 1].field == t->items[i + 1].field) {
            free(tok->text);
            continue;
        }
        t->items[w++] = *tok;
    }
    t->count = w;
    for (size_t i = 0; i < t->count; i++) {
        const token *tok = &t->items[i];
        if (tok->type != TOK_OP)
            continue;
        bool prev_field = i > 0 && t->items[i - 1].type == TOK_FIELD;
        bool next_field = i + 1 < t->count && t->items[i + 1].type == TOK_FIELD;
        if (prev_field || next_field)
            return error_set(error, "'%s' at position %zu is next to a filter: "
                             "filters (pillar:, agency:, ...) always narrow the "
                             "whole query and take no operators", tok->text,
                             tok->pos);
    }
    return true;
}

static bool check_syntax(const token_list *t, char **error)
{
    size_t depth = 0, open_pos = 0;
    for (size_t i = 0; i < t->count; i++) {
        const token *tok = &t->items[i];
        const token *prev = i ? &t->items[i - 1] : NULL;
        const token *next = i + 1 < t->count ? &t->items[i + 1] : NULL;
        /* Filters are taken out: look through them. */
        while (prev && prev->type == TOK_FIELD)
            prev = prev > t->items ? prev - 1 : NULL;
        while (next && next->type == TOK_FIELD)
            next = next + 1 < t->items + t->count ? next + 1 : NULL;
        switch (tok->type) {
        case TOK_OPEN:
            if (depth++ == 0)
                open_pos = tok->pos;
            if (next && next->type == TOK_CLOSE)
                return error_set(error, "empty parentheses at position %zu", tok->pos);
            break;
        case TOK_CLOSE:
            if (depth == 0)
                return error_set(error, "unbalanced parenthesis: the ')' at position "
                                 "%zu has no '('", tok->pos);
            depth--;
            break;
        case TOK_OP: {
            bool is_not = strcmp(tok->text, "NOT") == 0;
            bool left_ok = prev && ends_operand(prev);
            bool right_ok = next && starts_operand(next);
            if (is_not && next && next->type == TOK_OP)
                return error_set(error, "'%s' at position %zu cannot follow 'NOT' at "
                                 "position %zu", next->text, next->pos, tok->pos);
            const char *slash = strchr(tok->text, '/');
            if (slash && (strlen(slash + 1) > 4 || atoi(slash + 1) < 1 ||
                          atoi(slash + 1) > QUERY_MAX_DISTANCE))
                return error_set(error, "'%s' at position %zu: the distance must be "
                                 "from 1 to %d words", tok->text, tok->pos,
                                 QUERY_MAX_DISTANCE);
            if (is_not && !left_ok && right_ok)
                break; /* a leading NOT: "NOT trade" */
            if (!left_ok || !right_ok)
                return error_set(error, "'%s' at position %zu needs a word or "
                                 "phrase on %s", tok->text, tok->pos,
                                 !left_ok && !right_ok ? "each side"
                                 : !left_ok            ? "its left"
                                                       : "its right");
            /* Xapian's NEAR and ADJ take plain words only: anything else
             * it reparses as words (and 1.4 leaks memory doing so). */
            bool proximity = proximity_op(tok);
            const token *bad = prev->type != TOK_WORD || prev->sign ||
                                       strchr(prev->text, '*') ? prev
                               : next->type != TOK_WORD || next->sign ||
                                       strchr(next->text, '*') ? next : NULL;
            if (proximity && bad)
                return error_set(error, "'%s' at position %zu joins two plain words, "
                                 "not %s at position %zu", tok->text, tok->pos,
                                 bad->type == TOK_PHRASE ? "a phrase"
                                 : bad->type != TOK_WORD ? "a group"
                                 : bad->sign             ? "a word with + or -"
                                                         : "a wildcard", bad->pos);
            break;
        }
        default:
            break;
        }
    }
    if (depth)
        return error_set(error, "unbalanced parenthesis: the '(' at position %zu "
                         "is not closed", open_pos);
    return true;
}

/* ---- rewriting --------------------------------------------------------- */

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
           !(i > 0 && proximity_op(&t->items[i - 1])) &&
           !(i + 1 < t->count && proximity_op(&t->items[i + 1]));
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

static bool is_operator_word(const char *w)
{
    for (size_t i = 0; i < sizeof operators / sizeof *operators; i++)
        if (strcasecmp(w, operators[i]) == 0)
            return true;
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
    bool plain = *words && !is_operator_word(words);
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
static bool expand_vocabulary(token_list *t, const vocabulary *v)
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
            ok = tokens_push(&out, g);
            for (size_t k = 0; k < best; k++)
                free(t->items[i + k].text);
            i += best;
        } else {
            ok = tokens_push(&out, t->items[i]);
            i++;
        }
    }
    for (size_t i = 0; i < t->count; i++)
        string_list_free(&keys[i]);
    free(keys);
    if (!ok) {
        tokens_free(&out);
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
static bool expand_compounds(token_list *t, const query_lexicon *lex)
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
static bool expand_wildcards(token_list *t, const query_lexicon *lex)
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

/* Writes a token for people (groups == NULL: a group as (A OR "B C")) or
 * for the query parser.  There a group that stands for one typed word (an
 * acronym, a one-word name, a compound, a wildcard) is QUERY_GROUP_FIELD:N,
 * its variants moved to groups[N]: one term, so "CPTPP" does not weigh its
 * 8-word long form as 8 terms, nor a passage with both "WTO" and "World
 * Trade Organization" twice.  A name typed in several words keeps the
 * weight of its words, as any words typed have: its group stays ORed.
 * (Made one term too, "North Korea" and "burden sharing" weighed less than
 * the other words and the passages' prior: the SMA bullet lost first place
 * for "burden sharing", and tests/relevance's nDCG@10 fell from 0.870 to
 * 0.867, against 0.868 so.)  False when out of memory. */
static bool put_token(strbuf *sb, token *t, query_plan *groups)
{
    if (sb->len)
        strbuf_putc(sb, ' ');
    switch (t->type) {
    case TOK_OPEN:
        strbuf_putc(sb, '(');
        break;
    case TOK_CLOSE:
        strbuf_putc(sb, ')');
        break;
    case TOK_PHRASE:
        if (t->sign)
            strbuf_putc(sb, t->sign);
        strbuf_printf(sb, "\"%s\"", t->text);
        break;
    case TOK_WORD:
        if (t->sign)
            strbuf_putc(sb, t->sign);
        /* A typed "briefgroup:3" names no group: its colon becomes a
         * hyphen, which Xapian reads as it reads "foo:bar" (a phrase). */
        for (const char *p = t->text; *p; p++)
            strbuf_putc(sb, *p == ':' && groups && strstr(t->text, QUERY_GROUP_FIELD ":")
                                ? '-' : *p);
        break;
    case TOK_GROUP:
        if (t->sign)
            strbuf_putc(sb, t->sign);
        if (!groups || t->typed_words > 1) {
            strbuf_putc(sb, '(');
            for (size_t i = 0; i < t->variants.count; i++)
                strbuf_printf(sb, "%s%s", i ? " OR " : "", t->variants.items[i]);
            strbuf_putc(sb, ')');
            break;
        }
        string_list *more = realloc(groups->groups,
                                    (groups->group_count + 1) * sizeof *more);
        if (!more)
            return false;
        groups->groups = more;
        more[groups->group_count] = t->variants;
        t->variants = (string_list)STRING_LIST_INIT;
        strbuf_printf(sb, QUERY_GROUP_FIELD ":%zu", groups->group_count++);
        break;
    default:
        strbuf_puts(sb, t->text);
    }
    return !sb->failed;
}

bool query_plan_build(const char *query, const vocabulary *vocabulary,
                      const query_lexicon *lexicon, query_plan *out, char **error)
{
    memset(out, 0, sizeof *out);
    char *folded = text_fold(query, strlen(query), 0);
    if (!folded)
        return error_set(error, "the query is not valid UTF-8 text");
    token_list t = {NULL, 0};
    bool ok = tokenize(folded, &t, error) &&
              check_filters_and_operators(&t, error) && check_syntax(&t, error);
    for (size_t i = 0; ok && i < t.count; i++) {
        if (t.items[i].type == TOK_WORD)
            out->words++;
        else if (t.items[i].type == TOK_PHRASE)
            for (const char *p = t.items[i].text; *p; p++)
                out->words += !isspace((unsigned char)*p) &&
                              (p == t.items[i].text || isspace((unsigned char)p[-1]));
    }
    if (ok && out->words > QUERY_MAX_WORDS)
        ok = error_set(error, "the query has %zu words; the limit is %d",
                       out->words, QUERY_MAX_WORDS);

    /* Filters leave the token list; the rest is rewritten. */
    size_t w = 0;
    for (size_t i = 0; ok && i < t.count; i++) {
        if (t.items[i].type == TOK_FIELD) {
            ok = query_filters_add(&out->filters, t.items[i].field, t.items[i].text) ||
                 error_set(error, "out of memory");
            free(t.items[i].text);
        } else {
            t.items[w++] = t.items[i];
        }
    }
    if (ok)
        t.count = w;
    strbuf typed = STRBUF_INIT;
    for (size_t i = 0; ok && i < t.count; i++) {
        put_token(&typed, &t.items[i], NULL);
        const char *star = t.items[i].type == TOK_WORD ? strchr(t.items[i].text, '*') : NULL;
        if (star && star > t.items[i].text) {
            char *prefix = vocabulary_key(t.items[i].text);
            char *cut = prefix ? strchr(prefix, '*') : NULL;
            if (cut)
                *cut = '\0';
            ok = prefix && string_list_add(&out->wildcards, prefix);
            free(prefix);
        }
    }
    out->typed = strbuf_detach(&typed);
    ok = ok && (out->typed || error_set(error, "out of memory"));
    ok = ok && (expand_vocabulary(&t, vocabulary) || error_set(error, "out of memory"));
    ok = ok && (expand_compounds(&t, lexicon) || error_set(error, "out of memory"));
    ok = ok && (expand_wildcards(&t, lexicon) || error_set(error, "out of memory"));
    /* For people first: writing for the parser moves the groups out. */
    strbuf shown = STRBUF_INIT, sb = STRBUF_INIT;
    for (size_t i = 0; ok && i < t.count; i++)
        ok = put_token(&shown, &t.items[i], NULL);
    for (size_t i = 0; ok && i < t.count; i++)
        ok = put_token(&sb, &t.items[i], out);
    if (ok) {
        out->rewritten = strbuf_detach(&shown);
        out->parser_input = strbuf_detach(&sb);
        ok = (out->rewritten && out->parser_input) || error_set(error, "out of memory");
    } else {
        error_set(error, "out of memory");   /* (keeps an earlier message) */
    }
    strbuf_free(&shown);
    strbuf_free(&sb);
    tokens_free(&t);
    free(folded);
    if (!ok)
        query_plan_free(out);
    return ok;
}

void query_plan_free(query_plan *plan)
{
    free(plan->parser_input);
    free(plan->rewritten);
    for (size_t i = 0; i < plan->group_count; i++)
        string_list_free(&plan->groups[i]);
    free(plan->groups);
    free(plan->typed);
    string_list_free(&plan->wildcards);
    query_filters_free(&plan->filters);
    memset(plan, 0, sizeof *plan);
}
