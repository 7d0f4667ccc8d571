/* A passage: the unit brief indexes, finds, shows and quotes. */
#ifndef BRIEF_PASSAGE_H
#define BRIEF_PASSAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "list.h"

typedef enum passage_kind {
    PASSAGE_PARAGRAPH,
    PASSAGE_FOREWORD,
    PASSAGE_SUMMARY,   /* an Executive Summary pillar item */
    PASSAGE_HEADLINE,  /* recommendation: bold sentence + explanation */
    PASSAGE_BULLET,    /* recommendation bullet */
    PASSAGE_CAPTION,
    PASSAGE_FIGURE,
    PASSAGE_SIDEBAR,
    PASSAGE_TIMELINE,
    PASSAGE_PULLQUOTE,
    PASSAGE_LIST_ITEM,
    PASSAGE_HEADING,   /* a section title */
    PASSAGE_KIND_COUNT
} passage_kind;

/* "paragraph", "headline", ... (static). */
const char *passage_kind_name(passage_kind kind);
/* Parses a kind name, case-insensitively; false if unknown. */
bool passage_kind_parse(const char *name, passage_kind *out);

/* Pillars are numbered 1 to 6, everywhere: in directives, filters, facets. */
#define PILLAR_MAX 6
/* "1".."6" -> 1..6, "none" -> 0; false for anything else ("04", "+4",
 * "7", "-1"). */
bool pillar_parse(const char *text, int *out);
/* How much a passage of this kind weighs before any word matches: an
 * analyst looks for recommendations and the report's argument first, for
 * captions, timeline entries and headings after.  Added to BM25 scores. */
double passage_kind_prior(passage_kind kind);
/* Headlines and bullets are the report's recommendations. */
bool passage_kind_is_recommendation(passage_kind kind);

typedef struct passage {
    char *id;              /* "usrok2020:rec-p4.1.2": stable across builds */
    char *report;          /* the report's id */
    passage_kind kind;
    string_list section;   /* section path, outermost first */
    int pillar;            /* 1..PILLAR_MAX, or 0 for none */
    unsigned order;        /* reading order within the report, from 0 */
    int *footnotes;
    size_t footnote_count;
    char *title;           /* a headline's bold sentence or a heading's
                              title; NULL otherwise */
    char *text;            /* the clean text, as the report prints it */
    string_list agencies;  /* canonical names, as named in the text */
    string_list actors;
    string_list organizations;
    bool repeat;           /* a pull quote that repeats body text */
    int page;              /* the page it starts on (PDF), 0: unknown */
    unsigned source_line;  /* where it starts in the edition */
} passage;

void passage_free(passage *p);

#endif
