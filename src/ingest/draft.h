/* A draft: what a reader found in a report as received (PDF, HTML, text),
 * before and after the structure analysis, and what the edition writer
 * turns into report.md (corpus/FORMAT.md).  Block text keeps the received
 * line breaks, hyphens and glued footnote numbers: the edition reader
 * undoes them by the report-wide rules. */
#ifndef BRIEF_DRAFT_H
#define BRIEF_DRAFT_H

#include <stdbool.h>
#include <stddef.h>

typedef enum block_type {
    BLOCK_HEADING,
    BLOCK_TEXT,     /* a paragraph */
    BLOCK_ITEM      /* a list item: bullet (number 0) or numbered */
} block_type;

typedef struct block {
    block_type type;
    int level;          /* heading: 1-3 (0 until the analysis sets it) */
    char *text;         /* lines joined by '\n', each trimmed */
    int number;         /* item: its number, 0 for a bullet */
    int marker;         /* heading: "Pillar 3" -> 3; -1 when not numbered */
    bool marker_pillar; /* heading: the numbering names a pillar / line of effort */
    const char *kind;   /* passage kind name (static) or NULL */
    int pillar;         /* 0: none */
    bool repeat;
    bool recommendations;
    size_t bold_len;    /* text: bytes of the bold headline at its start */
    int page;           /* 1-based page (PDF), 0 unknown */
    bool column_top;    /* its first line opens a column (line_info) */
} block;

typedef struct draft {
    char *title, *authors, *publisher, *date, *series; /* NULL: not found */
    bool from_markup;   /* paragraphs are whole (HTML): none is rejoined */
    bool from_layout;   /* paragraph breaks are known (PDF): a paragraph
                           goes on only in lower case or atop a column */
    block *blocks;
    size_t count, cap;
} draft;

#define DRAFT_INIT {NULL, NULL, NULL, NULL, NULL, false, false, NULL, 0, 0}

/* What a layout reader (PDF) knows of a line that text does not say. */
typedef struct line_info {
    int page;           /* 1-based */
    int heading;        /* 1-3: set as a heading of that level (by font
                           size and weight); 0: body text */
    size_t bold_prefix; /* bytes at the line's start set in bold */
    bool column_top;    /* first in its column, not indented: it may go
                           on with the paragraph the column before ended */
} line_info;

/* Appends a block owning a copy of text[0..len).  NULL on allocation
 * failure. */
block *draft_add(draft *d, block_type type, const char *text, size_t len);
/* Removes block i (freeing its text). */
void draft_remove(draft *d, size_t i);
/* Moves block from to position to (shifting the ones between). */
void draft_move(draft *d, size_t from, size_t to);
/* Appends "\n" + more to block b's text.  False on allocation failure. */
bool block_append(block *b, const char *more);
void draft_free(draft *d);

/* True when a line or text ends a sentence: . ! ? : ) or a closing quote
 * after one, or a footnote number glued after one ("forum.62"). */
bool text_ends_sentence(const char *text, size_t len);

/* A section numbering at the start of a heading or line: "Pillar 3:",
 * "Pillar Three:", "Chapter 4", "Line of Effort 2".  Returns the number
 * (0 when there is none); *pillar tells whether it numbers the report's
 * pillars or lines of effort. */
int ingest_section_marker(const char *s, size_t len, bool *pillar);

/* What a running header says of the report: "SERIES | Month Year" its
 * series and date, a header of three words or more its title (each only
 * when not known yet). */
void ingest_metadata_from_header(draft *d, const char *s, size_t len);
/* The words of s[0..len), as white space separates them. */
size_t ingest_count_words(const char *s, size_t len);

#endif
