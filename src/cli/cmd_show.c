/* brief show and brief quote: passages by id, with where they stand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "print.h"
#include "searcher.h"

enum { OPT_INDEX, OPT_FORMAT, OPT_JSON, OPT_CONTEXT, OPT_STYLE, OPT_COLOR, OPT_HELP };

static const option_spec show_specs[] = {
    {"index", 'i', true, OPT_INDEX},   {"format", 'f', true, OPT_FORMAT},
    {"json", 0, false, OPT_JSON},      {"context", 'C', true, OPT_CONTEXT},
    {"color", 0, true, OPT_COLOR},     {"colour", 0, true, OPT_COLOR},
    {"help", 'h', false, OPT_HELP},    {NULL, 0, false, 0},
};

static const option_spec quote_specs[] = {
    {"index", 'i', true, OPT_INDEX},  {"style", 's', true, OPT_STYLE},
    {"format", 'f', true, OPT_FORMAT}, {"json", 0, false, OPT_JSON},
    {"help", 'h', false, OPT_HELP},   {NULL, 0, false, 0},
};

static void print_neighbour(searcher *s, const passage *p, int delta, const style *st)
{
    passage n;
    if (!searcher_neighbour(s, p, delta, &n, NULL))
        return;
    fputs(delta < 0 ? "  before: " : "  after:  ", stdout);
    style_on(stdout, st, SGR_DIM);
    fputs(n.id, stdout);
    fputs("  ", stdout);
    size_t len = strlen(n.text);
    put_safe(stdout, n.text, len > 100 ? 100 : len);
    if (len > 100)
        fputs("…", stdout);
    style_off(stdout, st);
    fputc('\n', stdout);
    passage_free(&n);
}

static int show_or_quote(const cli_context *ctx, int argc, char **argv, bool quote)
{
    const char *name = quote ? "quote" : "show";
    parsed_args a;
    if (!args_parse(name, argc, argv, quote ? quote_specs : show_specs, &a))
        return EXIT_TROUBLE;
    const char *index_opt = NULL, *color = ctx->color;
    output_format format = FORMAT_TEXT;
    citation_style cite = CITE_MARKDOWN;
    long context = 1;
    bool ok = true;
    for (int i = 0; ok && i < a.option_count; i++) {
        const parsed_option *o = &a.options[i];
        switch (o->id) {
        case OPT_INDEX: index_opt = o->value; break;
        case OPT_FORMAT:
            ok = output_format_parse(o->value, &format) && format != FORMAT_MARKDOWN;
            if (!ok)
                fprintf(stderr, "brief %s: --format takes text, json or jsonl, not "
                        "'%s'\n", name, o->value);
            break;
        case OPT_JSON: format = FORMAT_JSON; break;
        case OPT_CONTEXT:
            ok = args_number(name, "--context", o->value, 0, 1, &context);
            break;
        case OPT_STYLE:
            ok = citation_style_parse(o->value, &cite);
            if (!ok)
                fprintf(stderr, "brief quote: --style takes markdown, plain, chicago or "
                        "pandoc, "
                        "not '%s'\n", o->value);
            break;
        case OPT_COLOR: color = o->value; break;
        case OPT_HELP:
            args_free(&a);
            print_command_help(find_command(name));
            return EXIT_FOUND;
        }
    }
    if (ok && !a.words.count) {
        fprintf(stderr, "brief %s: give one or more passage ids (brief search shows "
                "them)\n", name);
        ok = false;
    }
    if (!ok) {
        args_free(&a);
        return EXIT_TROUBLE;
    }
    char *index_dir = resolve_index_dir(ctx, index_opt);
    char *error = NULL;
    searcher *s = NULL;
    int status = EXIT_FOUND;
    if (!open_index(ctx, index_opt, index_dir, &s, &error))
        status = fail(name, error);
    style st = {terminal_wants_colour(stdout, color)};
    /* Every passage asked for and its report are read first: an unknown id
     * or an index problem is said before the output, not inside it. */
    passage *found = s ? calloc(a.words.count, sizeof *found) : NULL;
    const report **reports = s ? calloc(a.words.count, sizeof *reports) : NULL;
    size_t count = 0;
    if (s && (!found || !reports))
        status = fail(name, strdup("out of memory"));
    for (size_t i = 0; found && reports && i < a.words.count; i++) {
        char *id = cli_passage_id(a.words.items[i]);
        bool ok_id = id && searcher_get(s, id, &found[count], &error);
        free(id);
        if (!ok_id) {
            if (!error)
                error = strdup("out of memory");
            status = fail(name, error);
            error = NULL;
            continue;
        }
        reports[count] = searcher_report(s, found[count].report);
        count++;
    }
    if (s)
        warn_index(name, s);
    for (size_t i = 0; i < count; i++) {
        const passage p = found[i];
        const report *r = reports[i];
        if (quote && format != FORMAT_TEXT) {
            print_quote_json(stdout, &p, r, cite, format == FORMAT_JSONL);
        } else if (quote) {
            if (i)
                fputc('\n', stdout);
            print_quote(stdout, &p, r, cite);
        } else if (format != FORMAT_TEXT) {
            print_passage_json(stdout, &p, r, format == FORMAT_JSONL);
        } else {
            if (i)
                fputc('\n', stdout);
            if (context)
                print_neighbour(s, &p, -1, &st);
            print_passage_text(stdout, &p, &st);
            if (context)
                print_neighbour(s, &p, +1, &st);
        }
    }
    for (size_t i = 0; i < count; i++)
        passage_free(&found[i]);
    free(found);
    free(reports);
    searcher_close(s);
    args_free(&a);
    free(index_dir);
    return status;
}

int cmd_show(const cli_context *ctx, int argc, char **argv)
{
    return show_or_quote(ctx, argc, argv, false);
}

int cmd_quote(const cli_context *ctx, int argc, char **argv)
{
    return show_or_quote(ctx, argc, argv, true);
}
