/* brief search: words and filters in, ranked passages out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "print.h"
#include "query_command.h"
#include "searcher.h"

enum { OPT_FACETS = QOPT_OWN, OPT_SORT, OPT_OFFSET, OPT_SNIPPET, OPT_EXPLAIN, OPT_MATCH };

static const option_spec specs[] = {
    QUERY_OPTION_SPECS,
    {"facets", 0, false, OPT_FACETS},    {"sort", 0, true, OPT_SORT},
    {"offset", 0, true, OPT_OFFSET},     {"snippet", 0, true, OPT_SNIPPET},
    {"explain", 0, false, OPT_EXPLAIN},  {"match", 0, true, OPT_MATCH},
    {NULL, 0, false, 0},
};

/* value is one of a and b: *is_a says which; an error line otherwise. */
static bool one_of(const char *option, const char *value, const char *a,
                   const char *b, bool *is_a)
{
    if (strcmp(value, a) == 0 || strcmp(value, b) == 0) {
        *is_a = strcmp(value, a) == 0;
        return true;
    }
    fprintf(stderr, "brief search: --%s takes '%s' or '%s', not '%s'\n", option, a,
            b, value);
    return false;
}

static bool search_option(query_command *q, const parsed_option *o, void *ctx)
{
    bool *explain = ctx, yes = false, ok = true;
    long n;
    switch (o->id) {
    case OPT_FACETS: q->req.facets = true; break;
    case OPT_SORT:
        ok = one_of("sort", o->value, "relevance", "report", &yes);
        q->req.sort = yes ? SORT_RELEVANCE : SORT_REPORT;
        break;
    case OPT_OFFSET:
        ok = args_number("search", "--offset", o->value, 0, SEARCH_MAX_OFFSET, &n);
        q->req.offset = (unsigned)n;
        break;
    case OPT_SNIPPET:
        ok = args_number("search", "--snippet", o->value, 0, 100000, &n);
        q->req.snippet_chars = (size_t)n;
        break;
    case OPT_EXPLAIN: *explain = true; break;
    case OPT_MATCH:
        ok = one_of("match", o->value, "all", "some", &yes);
        q->req.match_all = yes;
        break;
    }
    return ok;
}

int cmd_search(const cli_context *ctx, int argc, char **argv)
{
    query_command q;
    query_command_init(&q, ctx, "search",
                       FORMAT_BIT(FORMAT_TEXT) | FORMAT_BIT(FORMAT_JSON) |
                           FORMAT_BIT(FORMAT_JSONL) | FORMAT_BIT(FORMAT_MARKDOWN),
                       SEARCH_MAX_LIMIT);
    q.req.snippet_chars = 240;
    bool explain = false;
    int status = query_command_parse(&q, argc, argv, specs, search_option, &explain);
    if (status >= 0)
        return query_command_finish(&q, NULL, status, "the results");
    q.req.limit = q.limit < 0 ? 10 : (unsigned)q.limit;

    searcher *s = NULL;
    search_result res;
    if (query_command_search(&q, ctx, &s, &res, &status)) {
        style st = {terminal_wants_colour(stdout, q.color)};
        if (explain)
            fprintf(stderr, "brief: words: %s\nbrief: query: %s\n",
                    res.rewritten ? res.rewritten : "", res.parsed ? res.parsed : "");
        /* The hits' reports first: printing reads nothing from the index. */
        const report **reports = calloc(res.count ? res.count : 1, sizeof *reports);
        for (size_t i = 0; reports && i < res.count; i++)
            reports[i] = searcher_report(s, res.hits[i].passage.report);
        if (!reports) {
            status = fail("search", strdup("out of memory"));
        } else {
            warn_index("search", s);
            print_search_result(stdout, stderr, &res, reports, q.format, &st);
            status = res.total ? EXIT_FOUND : EXIT_NOT_FOUND;
        }
        free(reports);
        search_result_free(&res);
    }
    return query_command_finish(&q, s, status, "the results");
}
