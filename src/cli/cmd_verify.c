/* brief verify: is this quotation what the report says?  And brief check
 * (brief verify --draft): every quotation of a draft. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "draft_quotes.h"
#include "file.h"
#include "normalize.h"
#include "print.h"
#include "searcher.h"
#include "strbuf.h"
#include "terminal.h"
#include "verify.h"
#include "verify_view.h"

/* A quotation or a draft is read whole: up to this many bytes. */
#define MAX_INPUT (16u << 20)

enum { OPT_INDEX, OPT_FORMAT, OPT_JSON, OPT_DRAFT, OPT_HELP };

static const option_spec specs[] = {
    {"index", 'i', true, OPT_INDEX},  {"format", 'f', true, OPT_FORMAT},
    {"json", 0, false, OPT_JSON},     {"draft", 'd', true, OPT_DRAFT},
    {"help", 'h', false, OPT_HELP},   {NULL, 0, false, 0},
};

/* Standard input, whole, and its length; NULL (having said why) when it
 * is too long or cannot be read. */
static char *read_stdin(const char *command, size_t *len)
{
    strbuf sb = STRBUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
        if (sb.len + n > MAX_INPUT) {
            fprintf(stderr, "brief %s: standard input: longer than %u MB\n", command,
                    MAX_INPUT >> 20);
            strbuf_free(&sb);
            return NULL;
        }
        strbuf_append(&sb, chunk, n);
    }
    if (ferror(stdin) || sb.failed) {
        fprintf(stderr, "brief %s: standard input: cannot be read\n", command);
        strbuf_free(&sb);
        return NULL;
    }
    *len = sb.len;
    return strbuf_detach(&sb);
}

/* Well-formed UTF-8 without NUL bytes, or a line saying where not. */
static bool valid_text(const char *command, const char *name, const char *text, size_t len)
{
    size_t bad = 0;
    if (text_utf8_valid(text, len, &bad))
        return true;
    size_t line, col;
    file_line_col(text, bad, &line, &col);
    fprintf(stderr, "brief %s: %s:%zu:%zu: not UTF-8 text without NUL bytes (byte %zu)\n",
            command, name, line, col, bad + 1);
    return false;
}

static int verify_one(searcher *s, const char *quotation, bool json)
{
    verify_result v;
    char *error = NULL;
    if (!verify_quotation(s, quotation, &v, &error))
        return fail("verify", error);
    warn_index("verify", s);
    bool ok;
    if (json) {
        json_t *o = view_verify(&v, quotation);
        ok = print_json(stdout, o, false);
        json_decref(o);
    } else {
        print_verify_text(stdout, &v);
        ok = true;
    }
    int status = v.exact ? EXIT_FOUND : EXIT_NOT_FOUND;
    verify_result_free(&v);
    /* A failed write is caught once, in main. */
    return ok ? status : fail("verify", strdup("out of memory"));
}

/* FILE:LINE:COL: verdict: where, as compilers say it, so editors jump. */
static void print_draft_line(const char *file, const draft_quote *q, const verify_result *v)
{
    char *where = verify_places_line(v);
    puts_safe(stdout, file);
    printf(":%zu:%zu: %s", q->line, q->col, verify_verdict(v));
    if (where && *where) {
        fputs(": ", stdout);
        puts_safe(stdout, where);
    }
    putchar('\n');
    free(where);
}

static int verify_draft(searcher *s, const char *file, bool json)
{
    char *text = NULL, *error = NULL;
    size_t len = 0;
    if (strcmp(file, "-") == 0) {
        text = read_stdin("verify", &len);
        if (!text)
            return EXIT_TROUBLE;
    } else if (!file_read_all(file, MAX_INPUT, &text, &len, &error)) {
        return fail("verify", error);
    }
    const char *name = strcmp(file, "-") == 0 ? "(standard input)" : file;
    draft_quotes quotes;
    if (!valid_text("verify", name, text, len) || !draft_find_quotes(text, len, &quotes)) {
        free(text);
        return EXIT_TROUBLE;
    }
    free(text);
    int status = EXIT_FOUND;
    json_t *list = json ? json_array() : NULL;
    for (size_t i = 0; i < quotes.count && status != EXIT_TROUBLE; i++) {
        const draft_quote *q = &quotes.items[i];
        verify_result v;
        if (!verify_quotation(s, q->text, &v, &error)) {
            fprintf(stderr, "brief verify: %s:%zu:%zu: %s\n", name, q->line, q->col,
                    error ? error : "failed");
            free(error);
            error = NULL;
            status = EXIT_TROUBLE;
            break;
        }
        if (!v.exact)
            status = EXIT_NOT_FOUND;
        if (i == 0)
            warn_index("verify", s);   /* the metadata is read by the first */
        if (json) {
            json_t *o = view_verify(&v, q->text);
            json_object_set_new(o, "line", json_integer((json_int_t)q->line));
            json_object_set_new(o, "column", json_integer((json_int_t)q->col));
            json_object_set_new(o, "block", json_boolean(q->block));
            json_array_append_new(list, o);
        } else {
            print_draft_line(name, q, &v);
        }
        verify_result_free(&v);
    }
    if (json && status != EXIT_TROUBLE) {
        json_t *o = json_pack("{s:s, s:o}", "file", name, "quotations", list);
        list = NULL;
        if (!print_json(stdout, o, false))
            status = EXIT_TROUBLE;
        json_decref(o);
    }
    json_decref(list);
    draft_quotes_free(&quotes);
    return status;
}

static int run_verify(const cli_context *ctx, int argc, char **argv, bool check)
{
    const char *name = check ? "check" : "verify";
    parsed_args a;
    if (!args_parse(name, argc, argv, specs, &a))
        return EXIT_TROUBLE;
    const char *index_opt = NULL, *draft = NULL;
    bool json = false, ok = true;
    for (int i = 0; ok && i < a.option_count; i++) {
        const parsed_option *o = &a.options[i];
        switch (o->id) {
        case OPT_INDEX: index_opt = o->value; break;
        case OPT_DRAFT: draft = o->value; break;
        case OPT_JSON: json = true; break;
        case OPT_FORMAT:
            ok = strcmp(o->value, "text") == 0 || strcmp(o->value, "json") == 0;
            json = strcmp(o->value, "json") == 0;
            if (!ok)
                fprintf(stderr, "brief %s: --format takes text or json, not '%s'\n", name,
                        o->value);
            break;
        case OPT_HELP:
            args_free(&a);
            print_command_help(find_command(name));
            return EXIT_FOUND;
        }
    }
    if (ok && check && !draft) {
        if (a.words.count == 1)
            draft = a.words.items[0];
        else {
            fprintf(stderr, "brief check: give one draft to check (a file, or - for "
                    "standard input)\n");
            ok = false;
        }
    } else if (ok && draft && a.words.count) {
        fprintf(stderr, "brief verify: give a quotation or --draft FILE, not both\n");
        ok = false;
    }
    char *quotation = NULL;
    if (ok && !draft) {
        bool from_stdin = !a.words.count ||
                          (a.words.count == 1 && strcmp(a.words.items[0], "-") == 0);
        size_t len = 0;
        quotation = from_stdin ? read_stdin(name, &len) : string_list_join(&a.words, " ");
        /* Standard input may hold NUL bytes; a quotation typed cannot, and
         * verify_quotation says where it is not UTF-8. */
        ok = quotation && (!from_stdin || valid_text(name, "(standard input)", quotation, len));
    }
    if (!ok) {
        free(quotation);
        args_free(&a);
        return EXIT_TROUBLE;
    }
    char *index_dir = resolve_index_dir(ctx, index_opt);
    char *error = NULL;
    searcher *s = NULL;
    int status;
    if (!open_index(ctx, index_opt, index_dir, &s, &error))
        status = fail(name, error);
    else if (draft)
        status = verify_draft(s, draft, json);
    else
        status = verify_one(s, quotation, json);
    searcher_close(s);
    free(quotation);
    free(index_dir);
    args_free(&a);
    return status;
}

int cmd_verify(const cli_context *ctx, int argc, char **argv)
{
    return run_verify(ctx, argc, argv, false);
}

int cmd_check(const cli_context *ctx, int argc, char **argv)
{
    return run_verify(ctx, argc, argv, true);
}
