/* What a result holds: the one place that decides which fields a passage,
 * a hit and a search result carry.  The JSON formats print these objects
 * as they are; the text and Markdown printers read the same fields. */
#ifndef BRIEF_VIEW_H
#define BRIEF_VIEW_H

#include <jansson.h>

#include "passage.h"
#include "report.h"
#include "searcher.h"

json_t *view_passage(const passage *p, const report *r);
json_t *view_hit(const search_hit *h, const report *r);
/* A hit with the search's query, corrected, suggestion and partial: one
 * line of jsonl. */
json_t *view_hit_line(const search_hit *h, const report *r, const search_result *res);
/* One facet value and its count, {value, count}: the one shape of both
 * search --facets and brief facets (a pillar's value a number, or null for
 * none). */
json_t *view_facet_value(facet_name f, const char *value, unsigned count);
json_t *view_facets(const search_result *res);
/* The whole result: query, corrected, suggestion, partial, total,
 * total_all, facets, results (reports[i]: hit i's report, or NULL). */
json_t *view_result(const search_result *res, const report *const *reports);

#endif
