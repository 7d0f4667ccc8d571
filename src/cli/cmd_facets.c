/* brief facets: how the passages that match (or the whole index) spread
 * over pillars, agencies, actors and kinds, drawn as bars (the chart and
 * its JSON: output/facet_chart.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "facet_chart.h"
#include "print.h"
#include "query_command.h"
#include "searcher.h"

static const option_spec specs[] = {QUERY_OPTION_SPECS, {NULL, 0, false, 0}};

/* ---- the command ------------------------------------------------------------ */

/* How many passages a search sees in the whole index (a pull quote that
 * repeats the text is not one), for "7 of 148 passages match". */
static unsigned whole_index(searcher *s, const search_result *res, bool narrowed)
{
    if (!narrowed)
        return res->total;
    search_request all = {.query = "", .limit = 0, .facets = true};
    search_result whole;
    if (!searcher_search(s, &all, &whole, NULL))
        return searcher_passage_count(s);
    unsigned total = whole.total;
    search_result_free(&whole);
    return total;
}

/* facets has no option of its own. */
static bool no_own_option(query_command *q, const parsed_option *o, void *ctx)
{
    (void)q, (void)o, (void)ctx;
    return false;
}

int cmd_facets(const cli_context *ctx, int argc, char **argv)
{
    query_command q;
    query_command_init(&q, ctx, "facets",
                       FORMAT_BIT(FORMAT_TEXT) | FORMAT_BIT(FORMAT_JSON), 100000);
    q.req.facets = true;
    int status = query_command_parse(&q, argc, argv, specs, no_own_option, NULL);
    if (status >= 0)
        return query_command_finish(&q, NULL, status, "the chart");
    /* The chart shows ten values a facet unless told; JSON every value. */
    size_t limit = q.limit >= 0 ? (size_t)q.limit : q.format == FORMAT_TEXT ? 10 : 0;

    searcher *s = NULL;
    search_result res;
    if (query_command_search(&q, ctx, &s, &res, &status)) {
        if (q.format == FORMAT_TEXT)
            print_search_notices(stderr, &res, true);
        style st = {terminal_wants_colour(stdout, q.color)};
        unsigned passages = whole_index(s, &res, *q.req.query || q.filters.count);
        warn_index("facets", s);
        bool printed = q.format == FORMAT_JSON
                           ? print_facet_json(stdout, &res, q.req.query, passages, limit)
                           : print_facet_chart(stdout, &res, q.req.query, &q.filters, passages,
                                         limit, &st);
        status = !printed ? fail("facets", strdup("out of memory"))
                 : res.total ? EXIT_FOUND : EXIT_NOT_FOUND;
        search_result_free(&res);
    }
    return query_command_finish(&q, s, status, "the chart");
}
