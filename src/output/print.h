/* Printing results and passages: text for people (colour on a terminal),
 * Markdown for briefs, JSON and JSON Lines for programs. */
#ifndef BRIEF_PRINT_H
#define BRIEF_PRINT_H

#include <stdbool.h>
#include <jansson.h>
#include <stdio.h>

#include "citation.h"
#include "searcher.h"
#include "terminal.h"

typedef enum output_format {
    FORMAT_TEXT,
    FORMAT_JSON,
    FORMAT_JSONL,
    FORMAT_MARKDOWN
} output_format;

bool output_format_parse(const char *name, output_format *out);

/* Notices (partial, corrected, did you mean) go to `notes` in the text
 * formats, so piped results stay results.  reports[i]: the report of hit i
 * (NULL when unknown), read by the caller: printing reads no index. */
bool print_search_result(FILE *out, FILE *notes, const search_result *res,
                         const report *const *reports, output_format format,
                         const style *st);

/* The notices about a result (corrected, did you mean, partial), one line
 * each: "showing" the results, or "counting" them for a chart. */
void print_search_notices(FILE *notes, const search_result *res, bool counting);

/* One passage in full, with where it stands. */
void print_passage_text(FILE *out, const passage *p, const style *st);
bool print_passage_json(FILE *out, const passage *p, const report *r,
                        bool one_line);

/* The exact text and its citation. */
void print_quote(FILE *out, const passage *p, const report *r,
                 citation_style style);

/* The passage's JSON object (with its "cite" parts), its "citation" in
 * the style asked for. */
bool print_quote_json(FILE *out, const passage *p, const report *r,
                      citation_style style, bool one_line);

/* Writes a JSON value (indented, or on one line) and a newline. */
bool print_json(FILE *out, json_t *value, bool one_line);

#endif
