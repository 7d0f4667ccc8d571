/* Reading a query: its tokens, and the checks of its syntax. */
#include "query_tokens.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "normalize.h"
#include "strbuf.h"

void token_list_free(token_list *t)
{
    for (size_t i = 0; i < t->count; i++) {
        free(t->items[i].text);
        string_list_free(&t->items[i].variants);
    }
    free(t->items);
    t->items = NULL;
    t->count = 0;
}

bool token_list_push(token_list *t, token tok)
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
bool query_proximity_op(const token *t)
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

bool query_tokenize(const char *q, token_list *out, char **error)
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
            if (!token_list_push(out, (token){.type = *p == '(' ? TOK_OPEN : TOK_CLOSE,
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
            if (!words || !token_list_push(out, (token){.type = TOK_PHRASE, .text = words, .sign = sign, .pos = pos}))
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
                if (!value || !token_list_push(out, (token){.type = TOK_FIELD, .text = value, .field = field, .pos = pos}))
                    return error_set(error, "out of memory");
                continue;
            }
        }
        char *op = sign ? NULL : operator_name(word);
        token tok = {.type = op ? TOK_OP : TOK_WORD, .text = op ? op : word, .sign = sign, .pos = pos};
        if (op)
            free(word);
        if (!token_list_push(out, tok))
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
bool query_check_filters(token_list *t, char **error)
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

bool query_check_syntax(const token_list *t, char **error)
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
            bool proximity = query_proximity_op(tok);
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

bool query_is_operator_word(const char *w)
{
    for (size_t i = 0; i < sizeof operators / sizeof *operators; i++)
        if (strcasecmp(w, operators[i]) == 0)
            return true;
    return false;
}

