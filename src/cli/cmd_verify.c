/* brief verify: is this quotation what the report says? */
#include <stdio.h>
#include <stdlib.h>

#include "args.h"
#include "citation.h"
#include "cli.h"
#include "searcher.h"
#include "terminal.h"
#include "verify.h"

enum { OPT_INDEX, OPT_HELP };

static const option_spec specs[] = {
    {"index", 'i', true, OPT_INDEX},
    {"help", 'h', false, OPT_HELP},
    {NULL, 0, false, 0},
};

int cmd_verify(const cli_context *ctx, int argc, char **argv)
{
    parsed_args a;
    if (!args_parse("verify", argc, argv, specs, &a))
        return EXIT_TROUBLE;
    const char *index_opt = NULL;
    for (int i = 0; i < a.option_count; i++) {
        if (a.options[i].id == OPT_HELP) {
            args_free(&a);
            print_command_help(find_command("verify"));
            return EXIT_FOUND;
        }
        index_opt = a.options[i].value;
    }
    if (!a.words.count) {
        fprintf(stderr, "brief verify: give the quotation to check, in quotes\n");
        args_free(&a);
        return EXIT_TROUBLE;
    }
    char *quotation = string_list_join(&a.words, " ");
    args_free(&a);
    char *index_dir = resolve_index_dir(ctx, index_opt);
    char *error = NULL;
    searcher *s = NULL;
    verify_result v;
    int status;
    if (!quotation || !open_index(ctx, index_opt, index_dir, &s, &error)) {
        status = fail("verify", error);
    } else if (!verify_quotation(s, quotation, &v, &error)) {
        status = fail("verify", error);
    } else {
        const report *r = v.found ? searcher_report(s, v.passage.report) : NULL;
        char *cite = v.found ? citation_format(r, &v.passage, CITE_PLAIN) : NULL;
        if (v.exact) {
            printf("exact: the quotation stands in %s\n  ", v.passage.id);
            puts_safe(stdout, cite ? cite : "");
            putchar('\n');
            status = EXIT_FOUND;
        } else if (v.found) {
            printf("not exact: the nearest passage is %s\n  ", v.passage.id);
            puts_safe(stdout, cite ? cite : "");
            printf("\n  the quotation departs after %zu of its %zu characters "
                   "(at ⟦):\n    quotation: ", v.matched, v.quote_length);
            puts_safe(stdout, v.quote_context ? v.quote_context : "");
            fputs("\n    report:    ", stdout);
            puts_safe(stdout, v.report_context ? v.report_context : "");
            putchar('\n');
            status = EXIT_NOT_FOUND;
        } else {
            printf("not found: no passage shares words with the quotation\n");
            status = EXIT_NOT_FOUND;
        }
        free(cite);
        verify_result_free(&v);
    }
    searcher_close(s);
    free(quotation);
    free(index_dir);
    return status;
}
