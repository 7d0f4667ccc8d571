/* brief cite: the bibliographic record of reports, for a reference
 * manager or pandoc --citeproc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cite_record.h"
#include "cli.h"
#include "print.h"
#include "searcher.h"
#include "terminal.h"

enum { OPT_INDEX, OPT_FORMAT, OPT_REPORT, OPT_HELP };

static const option_spec specs[] = {
    {"index", 'i', true, OPT_INDEX},   {"format", 'f', true, OPT_FORMAT},
    {"report", 'r', true, OPT_REPORT}, {"help", 'h', false, OPT_HELP},
    {NULL, 0, false, 0},
};

/* The reports to cite, in the order named, each once. */
typedef struct cite_list {
    const report **items;
    size_t count;
} cite_list;

static bool cite_list_add(cite_list *l, const report *r)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i] == r)
            return true;
    const report **grown = realloc(l->items, (l->count + 1) * sizeof *grown);
    if (!grown)
        return false;
    grown[l->count++] = r;
    l->items = grown;
    return true;
}

/* Every report of the index, or those of the --report options and of the
 * passages named.  False (having said why) when one is not there. */
static bool gather(searcher *s, const string_list *report_ids, const string_list *ids,
                   cite_list *out)
{
    if (!report_ids->count && !ids->count) {
        size_t n = 0;
        const report *all = searcher_reports(s, &n);
        for (size_t i = 0; i < n; i++)
            if (!cite_list_add(out, &all[i]))
                return fail("cite", strdup("out of memory")), false;
        return true;
    }
    for (size_t i = 0; i < report_ids->count; i++) {
        const report *r = searcher_report(s, report_ids->items[i]);
        if (!r) {
            fprintf(stderr, "brief cite: no report '%s' in the index (brief complete "
                    "reports lists them)\n", report_ids->items[i]);
            return false;
        }
        if (!cite_list_add(out, r))
            return fail("cite", strdup("out of memory")), false;
    }
    for (size_t i = 0; i < ids->count; i++) {
        passage p;
        char *error = NULL;
        char *id = cli_passage_id(ids->items[i]);
        bool found = id && searcher_get(s, id, &p, &error);
        free(id);
        if (!found)
            return fail("cite", error ? error : strdup("out of memory")), false;
        const report *r = searcher_report(s, p.report);
        if (!r)
            fprintf(stderr, "brief cite: the index has no record of report '%s'\n",
                    p.report);
        passage_free(&p);
        if (!r || !cite_list_add(out, r))
            return false;
    }
    return true;
}

/* Two reports with one key would cite each other's records: says so, and
 * how to part them. */
static void warn_same_keys(const cite_list *l)
{
    char **keys = calloc(l->count ? l->count : 1, sizeof *keys);
    for (size_t i = 0; keys && i < l->count; i++) {
        keys[i] = cite_key(l->items[i]);
        for (size_t j = 0; keys[i] && j < i; j++)
            if (keys[j] && strcmp(keys[i], keys[j]) == 0)
                fprintf(stderr, "brief cite: reports '%s' and '%s' have the same key "
                        "'%s': give one a 'citekey:' in its front matter\n",
                        l->items[j]->id, l->items[i]->id, keys[i]);
    }
    for (size_t i = 0; keys && i < l->count; i++)
        free(keys[i]);
    free(keys);
}

static bool print_records(const cite_list *l, cite_format format)
{
    if (format == CITE_FORMAT_CSL_JSON) {
        json_t *items = json_array();
        for (size_t i = 0; items && i < l->count; i++)
            json_array_append_new(items, cite_csl_json(l->items[i]));
        bool ok = print_json(stdout, items, false);
        json_decref(items);
        return ok;
    }
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < l->count; i++) {
        if (i)
            strbuf_putc(&sb, '\n');
        if (format == CITE_FORMAT_BIBTEX)
            cite_bibtex(&sb, l->items[i]);
        else
            cite_ris(&sb, l->items[i]);
    }
    /* A corpus's control characters are shown as escapes, never obeyed. */
    bool ok = !sb.failed;
    if (ok)
        puts_safe(stdout, strbuf_str(&sb));
    strbuf_free(&sb);
    return ok;
}

/* What the command line asks of brief cite. */
typedef struct cite_request {
    const char *index_opt;
    cite_format format;
    string_list report_ids;   /* --report, in the order given */
    bool help;
} cite_request;

/* Takes one option into req; false (with a message) when its value is bad. */
static bool take_option(const parsed_option *o, cite_request *req)
{
    switch (o->id) {
    case OPT_INDEX:
        req->index_opt = o->value;
        return true;
    case OPT_FORMAT:
        if (cite_format_parse(o->value, &req->format))
            return true;
        fprintf(stderr, "brief cite: --format takes bibtex, csl-json or ris, not '%s'\n",
                o->value);
        return false;
    case OPT_REPORT:
        return string_list_add(&req->report_ids, o->value);
    case OPT_HELP:
        req->help = true;
        return true;
    }
    return true;
}

int cmd_cite(const cli_context *ctx, int argc, char **argv)
{
    parsed_args a;
    if (!args_parse("cite", argc, argv, specs, &a))
        return EXIT_TROUBLE;
    cite_request req = {NULL, CITE_FORMAT_BIBTEX, STRING_LIST_INIT, false};
    bool ok = true;
    for (int i = 0; ok && !req.help && i < a.option_count; i++)
        ok = take_option(&a.options[i], &req);
    int status = EXIT_TROUBLE;
    char *index_dir = NULL, *error = NULL;
    searcher *s = NULL;
    cite_list list = {NULL, 0};
    if (ok && req.help) {
        print_command_help(find_command("cite"));
        status = EXIT_FOUND;
    } else if (ok) {
        index_dir = resolve_index_dir(ctx, req.index_opt);
        if (!open_index(ctx, req.index_opt, index_dir, &s, &error))
            fail("cite", error);
        else if (gather(s, &req.report_ids, &a.words, &list)) {
            warn_index("cite", s);
            warn_same_keys(&list);
            /* A failed write is caught once, in main. */
            if (print_records(&list, req.format))
                status = list.count ? EXIT_FOUND : EXIT_NOT_FOUND;
            else
                fprintf(stderr, "brief cite: out of memory\n");
        }
    }
    free(list.items);
    searcher_close(s);
    free(index_dir);
    string_list_free(&req.report_ids);
    args_free(&a);
    return status;
}
