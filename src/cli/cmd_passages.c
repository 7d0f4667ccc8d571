/* brief passages: every passage of the index, in report order. */
#include <stdio.h>
#include <stdlib.h>

#include "args.h"
#include "cli.h"
#include "print.h"
#include "searcher.h"
#include "view.h"

enum { OPT_INDEX, OPT_FORMAT, OPT_JSON, OPT_COLOR, OPT_HELP };

static const option_spec specs[] = {
    {"index", 'i', true, OPT_INDEX}, {"format", 'f', true, OPT_FORMAT},
    {"json", 0, false, OPT_JSON},    {"color", 0, true, OPT_COLOR},
    {"colour", 0, true, OPT_COLOR},  {"help", 'h', false, OPT_HELP},
    {NULL, 0, false, 0},
};

typedef struct listing {
    searcher *s;
    output_format format;
    style st;
    size_t count;
    json_t *array;
} listing;

static bool list_one(const passage *p, void *ctx)
{
    listing *l = ctx;
    const report *r = searcher_report(l->s, p->report);
    l->count++;
    if (l->format == FORMAT_JSON) {
        json_array_append_new(l->array, view_passage(p, r));
    } else if (l->format == FORMAT_JSONL) {
        print_passage_json(stdout, p, r, true);
    } else {
        print_passage_text(stdout, p, &l->st);
        fputc('\n', stdout);
    }
    return true;
}

int cmd_passages(const cli_context *ctx, int argc, char **argv)
{
    parsed_args a;
    if (!args_parse("passages", argc, argv, specs, &a))
        return EXIT_TROUBLE;
    const char *index_opt = NULL, *color = ctx->color;
    output_format format = FORMAT_TEXT;
    for (int i = 0; i < a.option_count; i++) {
        const parsed_option *o = &a.options[i];
        switch (o->id) {
        case OPT_INDEX: index_opt = o->value; break;
        case OPT_FORMAT:
            if (!output_format_parse(o->value, &format) || format == FORMAT_MARKDOWN) {
                fprintf(stderr, "brief passages: --format takes text, json or jsonl, "
                        "not '%s'\n", o->value);
                args_free(&a);
                return EXIT_TROUBLE;
            }
            break;
        case OPT_JSON: format = FORMAT_JSON; break;
        case OPT_COLOR: color = o->value; break;
        case OPT_HELP:
            args_free(&a);
            print_command_help(find_command("passages"));
            return EXIT_FOUND;
        }
    }
    if (a.words.count) {
        fprintf(stderr, "brief passages: unexpected argument '%s'\n", a.words.items[0]);
        args_free(&a);
        return EXIT_TROUBLE;
    }
    args_free(&a);
    char *index_dir = resolve_index_dir(ctx, index_opt);
    char *error = NULL;
    listing l = {.format = format, .st = {terminal_wants_colour(stdout, color)}};
    int status = EXIT_FOUND;
    if (!open_index(ctx, index_opt, index_dir, &l.s, &error)) {
        status = fail("passages", error);
    } else {
        /* Every report's metadata before the first line: a problem with
         * it is said before the listing, and listing reads no more. */
        size_t report_count;
        searcher_reports(l.s, &report_count);
        warn_index("passages", l.s);
        l.array = format == FORMAT_JSON ? json_array() : NULL;
        if (!searcher_each_passage(l.s, list_one, &l, &error))
            status = fail("passages", error);
        else if (l.array)
            print_json(stdout, l.array, false);
        json_decref(l.array);
        if (status == EXIT_FOUND && !l.count)
            status = EXIT_NOT_FOUND;
    }
    searcher_close(l.s);
    free(index_dir);
    return status;
}
