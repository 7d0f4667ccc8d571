/* The options and steps brief search and brief facets share (see
 * query_command.h). */
#include "query_command.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static const filter_field filter_of[] = {
    [QOPT_PILLAR] = FILTER_PILLAR, [QOPT_AGENCY] = FILTER_AGENCY,
    [QOPT_ACTOR] = FILTER_ACTOR,   [QOPT_KIND] = FILTER_KIND,
    [QOPT_SECTION] = FILTER_SECTION, [QOPT_REPORT] = FILTER_REPORT,
};

static const char *const filter_option[] = {
    [QOPT_PILLAR] = "pillar", [QOPT_AGENCY] = "agency", [QOPT_ACTOR] = "actor",
    [QOPT_KIND] = "kind", [QOPT_SECTION] = "section", [QOPT_REPORT] = "report",
};

void query_command_init(query_command *q, const cli_context *ctx,
                        const char *name, unsigned formats, long max_limit)
{
    memset(q, 0, sizeof *q);
    q->name = name;
    q->formats = formats;
    q->max_limit = max_limit;
    q->color = ctx->color;
    q->format = FORMAT_TEXT;
    q->limit = -1;
}

/* A filter for the search, and as typed for a title ("--agency USTR"). */
static bool add_filter(query_command *q, int id, const char *value)
{
    if (!query_filters_add(&q->req.filters, filter_of[id], value))
        return false;
    strbuf sb = STRBUF_INIT;
    strbuf_printf(&sb, strchr(value, ' ') ? "--%s \"%s\"" : "--%s %s",
                  filter_option[id], value);
    char *text = strbuf_detach(&sb);
    bool ok = text && string_list_add(&q->filters, text);
    free(text);
    return ok;
}

/* --format NAME, among the formats this command prints: "text, json or
 * markdown" in the error otherwise. */
static bool set_format(query_command *q, const char *value)
{
    static const char *const names[] = {"text", "json", "jsonl", "markdown"};
    output_format f;
    if (output_format_parse(value, &f) && (q->formats & FORMAT_BIT(f))) {
        q->format = f;
        return true;
    }
    fprintf(stderr, "brief %s: --format takes ", q->name);
    unsigned left = 0;
    for (unsigned i = 0; i < 4; i++)
        left += (q->formats >> i) & 1;
    for (unsigned i = 0; i < 4; i++) {
        if (!(q->formats & FORMAT_BIT(i)))
            continue;
        left--;
        fprintf(stderr, "%s%s", names[i], left > 1 ? ", " : left == 1 ? " or " : "");
    }
    fprintf(stderr, ", not '%s'\n", value);
    return false;
}

bool query_command_option(query_command *q, const parsed_option *o, bool *ok)
{
    switch (o->id) {
    case QOPT_INDEX: q->index_opt = o->value; break;
    case QOPT_PILLAR: case QOPT_AGENCY: case QOPT_ACTOR: case QOPT_KIND:
    case QOPT_SECTION: case QOPT_REPORT:
        *ok = add_filter(q, o->id, o->value);
        break;
    case QOPT_FORMAT: *ok = set_format(q, o->value); break;
    case QOPT_JSON: q->format = FORMAT_JSON; break;
    case QOPT_LIMIT:
        *ok = args_number(q->name, "--limit", o->value, 0, q->max_limit, &q->limit);
        break;
    case QOPT_COLOR: q->color = o->value; break;
    default: return false;
    }
    return true;
}

int query_command_parse(query_command *q, int argc, char **argv,
                        const option_spec *specs, own_option_fn own, void *ctx)
{
    parsed_args a;
    if (!args_parse(q->name, argc, argv, specs, &a))
        return EXIT_TROUBLE;
    bool ok = true, help = false;
    for (int i = 0; ok && !help && i < a.option_count; i++) {
        const parsed_option *o = &a.options[i];
        if (o->id == QOPT_HELP)
            help = true;
        else if (!query_command_option(q, o, &ok))
            ok = own(q, o, ctx);
    }
    if (ok && !help) {
        q->query = string_list_join(&a.words, " ");
        q->req.query = q->query ? q->query : "";
    }
    args_free(&a);
    if (help) {
        print_command_help(find_command(q->name));
        return EXIT_FOUND;
    }
    return ok ? -1 : EXIT_TROUBLE;
}

bool query_command_search(query_command *q, const cli_context *ctx,
                          searcher **s, search_result *res, int *status)
{
    char *error = NULL;
    q->index_dir = resolve_index_dir(ctx, q->index_opt);
    if (open_index(ctx, q->index_opt, q->index_dir, s, &error) &&
        searcher_search(*s, &q->req, res, &error))
        return true;
    *status = fail(q->name, error);
    return false;
}

int query_command_finish(query_command *q, searcher *s, int status,
                         const char *what)
{
    if (fflush(stdout) != 0 && status != EXIT_TROUBLE) {
        strbuf sb = STRBUF_INIT;
        strbuf_printf(&sb, "cannot write %s", what);
        status = fail(q->name, strbuf_detach(&sb));
    }
    searcher_close(s);
    query_filters_free(&q->req.filters);
    string_list_free(&q->filters);
    free(q->query);
    free(q->index_dir);
    return status;
}
