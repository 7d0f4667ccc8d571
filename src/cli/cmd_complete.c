/* brief complete WHAT: the values shell completion offers, one a line, read
 * from the index (not listed by brief --help: completion/brief.bash and
 * completion/_brief call it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "print.h"
#include "searcher.h"

enum { OPT_INDEX, OPT_HELP };

static const option_spec specs[] = {
    {"index", 'i', true, OPT_INDEX},
    {"help", 'h', false, OPT_HELP},
    {NULL, 0, false, 0},
};

static const char *const topics[] = {"subcommands", "pillars", "agencies", "actors",
                                     "kinds", "reports", "ids", NULL};

static int by_text(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Prints the list sorted, each value once, with no control characters
 * (a value is one line). */
static void print_values(string_list *values)
{
    qsort(values->items, values->count, sizeof *values->items, by_text);
    for (size_t i = 0; i < values->count; i++) {
        if (i && strcmp(values->items[i], values->items[i - 1]) == 0)
            continue;
        if (strpbrk(values->items[i], "\n\r\t"))
            continue;
        puts_safe(stdout, values->items[i]);
        putchar('\n');
    }
}

static bool add_ids(const passage *p, void *ctx)
{
    /* The short id (after "report:"): show and quote take it. */
    const char *colon = strchr(p->id, ':');
    return string_list_add(ctx, colon ? colon + 1 : p->id);
}

/* The values of facet f over the whole index, with every name of its
 * entities the filters accept (aliases and typed names: DoD, Pentagon). */
static bool add_facet(searcher *s, facet_name f, string_list *values, char **error)
{
    search_request req = {.query = "", .limit = 0, .facets = true};
    search_result res;
    if (!searcher_search(s, &req, &res, error))
        return false;
    bool ok = true;
    const gazetteer *g = searcher_gazetteer(s);
    for (size_t i = 0; ok && i < res.facet_counts[f]; i++) {
        const char *v = res.facets[f][i].value;
        ok = string_list_add(values, v);
        const gazetteer_entry *e = f == FACET_AGENCY || f == FACET_ACTOR
                                       ? gazetteer_get(g, v) : NULL;
        for (size_t j = 0; ok && e && j < e->aliases.count; j++)
            ok = string_list_add(values, e->aliases.items[j]);
        for (size_t j = 0; ok && e && j < e->typed.count; j++)
            ok = string_list_add(values, e->typed.items[j]);
    }
    search_result_free(&res);
    return ok;
}

/* Pull quotes repeat a passage: searches leave them out unless asked for
 * by kind, so the kind facet does not count them. */
static bool has_pullquotes(searcher *s)
{
    search_request req = {.query = "", .limit = 0};
    search_result res;
    if (!query_filters_add(&req.filters, FILTER_KIND, "pullquote"))
        return false;
    bool found = searcher_search(s, &req, &res, NULL) && res.total > 0;
    if (found)
        search_result_free(&res);
    query_filters_free(&req.filters);
    return found;
}

int cmd_complete(const cli_context *ctx, int argc, char **argv)
{
    parsed_args a;
    if (!args_parse("complete", argc, argv, specs, &a))
        return EXIT_TROUBLE;
    const char *index_opt = NULL;
    for (int i = 0; i < a.option_count; i++) {
        if (a.options[i].id == OPT_INDEX)
            index_opt = a.options[i].value;
        else {
            args_free(&a);
            print_command_help(find_command("complete"));
            return EXIT_FOUND;
        }
    }
    const char *what = a.words.count == 1 ? a.words.items[0] : NULL;
    int topic = -1;
    for (int t = 0; what && topics[t]; t++)
        if (strcmp(what, topics[t]) == 0)
            topic = t;
    if (topic < 0) {
        fprintf(stderr, "brief complete: say what to list: subcommands, pillars, "
                "agencies, actors, kinds, reports or ids\n");
        args_free(&a);
        return EXIT_TROUBLE;
    }
    args_free(&a);
    what = topics[topic];   /* the word was a's */

    if (strcmp(what, "subcommands") == 0) {
        for (const command *c = brief_commands; c->name; c++)
            if (c->summary)
                puts(c->name);
        return EXIT_FOUND;
    }
    char *index_dir = resolve_index_dir(ctx, index_opt);
    char *error = NULL;
    searcher *s = NULL;
    string_list values = STRING_LIST_INIT;
    bool ok = searcher_open(index_dir, &s, &error);
    if (ok && strcmp(what, "pillars") == 0) {
        ok = add_facet(s, FACET_PILLAR, &values, &error) &&
             string_list_add(&values, "none");
    } else if (ok && strcmp(what, "agencies") == 0) {
        ok = add_facet(s, FACET_AGENCY, &values, &error);
    } else if (ok && strcmp(what, "actors") == 0) {
        ok = add_facet(s, FACET_ACTOR, &values, &error);
    } else if (ok && strcmp(what, "kinds") == 0) {
        /* "recommendation" stands for headlines and bullets. */
        ok = add_facet(s, FACET_KIND, &values, &error) &&
             string_list_add(&values, "recommendation") &&
             (!has_pullquotes(s) || string_list_add(&values, "pullquote"));
    } else if (ok && strcmp(what, "reports") == 0) {
        size_t n = 0;
        const report *r = searcher_reports(s, &n);
        for (size_t i = 0; ok && i < n; i++)
            ok = string_list_add(&values, r[i].id);
    } else if (ok) {
        ok = searcher_each_passage(s, add_ids, &values, &error);
    }
    int status = EXIT_FOUND;
    if (ok) {
        print_values(&values);
        status = values.count ? EXIT_FOUND : EXIT_NOT_FOUND;
    } else {
        status = fail("complete", error ? error : strdup("out of memory"));
    }
    if (fflush(stdout) != 0 && status != EXIT_TROUBLE)
        status = fail("complete", strdup("cannot write the values"));
    string_list_free(&values);
    searcher_close(s);
    free(index_dir);
    return status;
}
