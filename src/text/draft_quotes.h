/* Finding the quotations in a draft (Markdown or plain text): text in
 * curly or straight double quotes of at least DRAFT_MIN_WORDS words, and
 * every paragraph of a block quote, each with where it starts. */
#ifndef BRIEF_DRAFT_QUOTES_H
#define BRIEF_DRAFT_QUOTES_H

#include <stdbool.h>
#include <stddef.h>

#define DRAFT_MIN_WORDS 4

typedef struct draft_quote {
    size_t line, col;    /* 1-based; the column counts characters */
    char *text;          /* the quotation, without its marks */
    bool block;          /* a block quote's paragraph */
} draft_quote;

typedef struct draft_quotes {
    draft_quote *items;
    size_t count;
} draft_quotes;

/* Scans text[0..len) (NUL-terminated); false only when memory ran out.
 * Code (fenced blocks, `spans`) and a front matter are not read; a block
 * quote's attribution ("— Author, ...") and pandoc citations ([@key]) are
 * not part of its quotation. */
bool draft_find_quotes(const char *text, size_t len, draft_quotes *out);
void draft_quotes_free(draft_quotes *q);

#endif
