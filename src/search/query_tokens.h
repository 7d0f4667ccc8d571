/* The query language's tokens, shared by the three files that handle a
 * query on its way to Xapian's parser: query_tokens.c reads and checks it,
 * query_expand.c widens its words (the vocabulary, compounds, wildcards),
 * query.c writes it for people and for the parser.  Internal to
 * src/search: the rest of brief sees query.h. */
#ifndef BRIEF_QUERY_TOKENS_H
#define BRIEF_QUERY_TOKENS_H

#include <stdbool.h>
#include <stddef.h>

#include "list.h"
#include "query.h"
#include "vocabulary.h"

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

void token_list_free(token_list *t);
/* Appends tok, taking its strings (freed on failure).  False when out of
 * memory. */
bool token_list_push(token_list *t, token tok);

/* Reads a folded query into tokens: words, phrases, parentheses, operators
 * (capitals only), filters (field:value).  The error names the position. */
bool query_tokenize(const char *q, token_list *out, char **error);
/* Drops "OR" between two filters of one field ("pillar:4 OR pillar:5"
 * means what the filters mean anyway); any other operator next to a
 * filter is an error. */
bool query_check_filters(token_list *t, char **error);
/* Operators between operands, NEAR/ADJ between words, parentheses
 * balanced: each fault an error naming its position. */
bool query_check_syntax(const token_list *t, char **error);
/* NEAR, NEAR/n, ADJ, ADJ/n: they join single words only. */
bool query_proximity_op(const token *t);
/* AND, OR, NOT, XOR, NEAR, ADJ in any case: words an expansion must not
 * hand the parser bare. */
bool query_is_operator_word(const char *w);

/* Each replaces tokens with TOK_GROUP tokens of variants; false only when
 * out of memory.  Runs of plain words that name a vocabulary variant
 * become the whole group. */
bool query_expand_vocabulary(token_list *t, const vocabulary *v);
/* "burdensharing" whose halves the index knows also looks for "burden
 * sharing"; "cyber security" for "cybersecurity"; "cyber" for the
 * compounds it heads. */
bool query_expand_compounds(token_list *t, const query_lexicon *lex);
/* sanction* -> the index's words with that prefix. */
bool query_expand_wildcards(token_list *t, const query_lexicon *lex);

#endif
