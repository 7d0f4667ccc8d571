/* brief facets' output: the counts of a search with facets, drawn as bars
 * or given as JSON.  Nothing here reads the index: `passages` (how many
 * the whole index holds) comes from the caller. */
#ifndef BRIEF_FACET_CHART_H
#define BRIEF_FACET_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "list.h"
#include "searcher.h"
#include "terminal.h"

/* The chart: a title ("7 of 148 passages match QUERY FILTERS..."), then a
 * block of bars a facet (pillars 1-6 in order, then none; the others by
 * count, `limit` of each, 0: all), as wide as the terminal. */
bool print_facet_chart(FILE *out, const search_result *res, const char *query,
                       const string_list *filters, unsigned passages,
                       size_t limit, const style *st);
/* {query, corrected, partial, total, passages, facets}, each facet a list
 * of {value, count} in the chart's order. */
bool print_facet_json(FILE *out, const search_result *res, const char *query,
                      unsigned passages, size_t limit);

#endif
