/* brief search: words and filters in, ranked passages out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "print.h"
#include "searcher.h"
#include "strbuf.h"

enum {
    OPT_INDEX, OPT_PILLAR, OPT_AGENCY, OPT_ACTOR, OPT_KIND, OPT_SECTION,
    OPT_REPORT, OPT_FACETS, OPT_SORT, OPT_FORMAT, OPT_JSON, OPT_LIMIT,
    OPT_OFFSET, OPT_SNIPPET, OPT_COLOR, OPT_EXPLAIN, OPT_MATCH, OPT_HELP
};

static const option_spec specs[] = {
    {"index", 'i', true, OPT_INDEX},     {"pillar", 'p', true, OPT_PILLAR},
    {"agency", 'a', true, OPT_AGENCY},   {"actor", 0, true, OPT_ACTOR},
    {"kind", 'k', true, OPT_KIND},       {"section", 's', true, OPT_SECTION},
    {"report", 'r', true, OPT_REPORT},   {"facets", 0, false, OPT_FACETS},
    {"sort", 0, true, OPT_SORT},         {"format", 'f', true, OPT_FORMAT},
    {"json", 0, false, OPT_JSON},        {"limit", 'n', true, OPT_LIMIT},
    {"offset", 0, true, OPT_OFFSET},     {"snippet", 0, true, OPT_SNIPPET},
    {"color", 0, true, OPT_COLOR},       {"colour", 0, true, OPT_COLOR},
    {"explain", 0, false, OPT_EXPLAIN},  {"match", 0, true, OPT_MATCH},
    {"help", 'h', false, OPT_HELP},
    {NULL, 0, false, 0},
};

static const filter_field option_fields[] = {
    [OPT_PILLAR] = FILTER_PILLAR, [OPT_AGENCY] = FILTER_AGENCY,
    [OPT_ACTOR] = FILTER_ACTOR,   [OPT_KIND] = FILTER_KIND,
    [OPT_SECTION] = FILTER_SECTION, [OPT_REPORT] = FILTER_REPORT,
};

int cmd_search(const cli_context *ctx, int argc, char **argv)
{
    parsed_args a;
    if (!args_parse("search", argc, argv, specs, &a))
        return EXIT_TROUBLE;
    search_request req = {.limit = 10, .snippet_chars = 240};
    const char *index_opt = NULL, *color = ctx->color;
    output_format format = FORMAT_TEXT;
    bool explain = false, ok = true;
    for (int i = 0; ok && i < a.option_count; i++) {
        const parsed_option *o = &a.options[i];
        long n;
        switch (o->id) {
        case OPT_INDEX: index_opt = o->value; break;
        case OPT_PILLAR: case OPT_AGENCY: case OPT_ACTOR: case OPT_KIND:
        case OPT_SECTION: case OPT_REPORT:
            ok = query_filters_add(&req.filters, option_fields[o->id], o->value);
            break;
        case OPT_FACETS: req.facets = true; break;
        case OPT_SORT:
            if (strcmp(o->value, "relevance") == 0)
                req.sort = SORT_RELEVANCE;
            else if (strcmp(o->value, "report") == 0)
                req.sort = SORT_REPORT;
            else {
                fprintf(stderr, "brief search: --sort takes 'relevance' or 'report', "
                        "not '%s'\n", o->value);
                ok = false;
            }
            break;
        case OPT_FORMAT:
            if (!output_format_parse(o->value, &format)) {
                fprintf(stderr, "brief search: --format takes text, json, jsonl or "
                        "markdown, not '%s'\n", o->value);
                ok = false;
            }
            break;
        case OPT_JSON: format = FORMAT_JSON; break;
        case OPT_LIMIT:
            ok = args_number("search", "--limit", o->value, 0, SEARCH_MAX_LIMIT, &n);
            req.limit = (unsigned)n;
            break;
        case OPT_OFFSET:
            ok = args_number("search", "--offset", o->value, 0, SEARCH_MAX_OFFSET, &n);
            req.offset = (unsigned)n;
            break;
        case OPT_SNIPPET:
            ok = args_number("search", "--snippet", o->value, 0, 100000, &n);
            req.snippet_chars = (size_t)n;
            break;
        case OPT_COLOR: color = o->value; break;
        case OPT_EXPLAIN: explain = true; break;
        case OPT_MATCH:
            if (strcmp(o->value, "all") == 0 || strcmp(o->value, "some") == 0) {
                req.match_all = strcmp(o->value, "all") == 0;
            } else {
                fprintf(stderr, "brief search: --match takes 'all' or 'some', "
                        "not '%s'\n", o->value);
                ok = false;
            }
            break;
        case OPT_HELP:
            query_filters_free(&req.filters);
            args_free(&a);
            print_command_help(find_command("search"));
            return EXIT_FOUND;
        }
    }
    if (!ok) {
        query_filters_free(&req.filters);
        args_free(&a);
        return EXIT_TROUBLE;
    }
    char *query = string_list_join(&a.words, " ");
    req.query = query ? query : "";
    args_free(&a);

    char *index_dir = resolve_index_dir(ctx, index_opt);
    char *error = NULL;
    searcher *s = NULL;
    search_result res;
    int status;
    if (!open_index(ctx, index_opt, index_dir, &s, &error)) {
        status = fail("search", error);
    } else if (!searcher_search(s, &req, &res, &error)) {
        status = fail("search", error);
    } else {
        style st = {terminal_wants_colour(stdout, color)};
        if (explain)
            fprintf(stderr, "brief: words: %s\nbrief: query: %s\n",
                    res.rewritten ? res.rewritten : "", res.parsed ? res.parsed : "");
        print_search_result(stdout, stderr, &res, s, format, &st);
        /* After printing: the metadata the output needed has been read. */
        if (searcher_warning(s))
            fprintf(stderr, "brief search: warning: %s: %s\n", searcher_path(s),
                    searcher_warning(s));
        status = res.total ? EXIT_FOUND : EXIT_NOT_FOUND;
        search_result_free(&res);
    }
    if (fflush(stdout) != 0 && status != EXIT_TROUBLE)
        status = fail("search", strdup("cannot write the results"));
    searcher_close(s);
    query_filters_free(&req.filters);
    free(query);
    free(index_dir);
    return status;
}
