#include "print.h"

#include <stdlib.h>
#include <string.h>

#include "termchar.h"
#include "view.h"

bool output_format_parse(const char *name, output_format *out)
{
    static const char *const names[] = {"text", "json", "jsonl", "markdown"};
    for (int i = 0; i < 4; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (output_format)i;
            return true;
        }
    if (strcmp(name, "md") == 0) {
        *out = FORMAT_MARKDOWN;
        return true;
    }
    return false;
}

/* Jansson escapes C0 controls but writes DEL, the C1 controls and the
 * other characters of termchar.h as they are: escape those too.
 * They can stand only inside strings, where \u escapes mean the same. */
bool print_json(FILE *out, json_t *value, bool one_line)
{
    if (!value)
        return false;
    size_t flags = one_line ? JSON_COMPACT : JSON_INDENT(2);
    char *text = json_dumps(value, flags | JSON_PRESERVE_ORDER);
    if (!text)
        return false;
    const char *run = text;
    size_t len = strlen(text);
    for (const char *p = text; *p; p++) {
        unsigned code;
        size_t n = termchar_unsafe(p, len - (size_t)(p - text), &code);
        if (!n || (n == 1 && code != 0x7F))   /* (Jansson escaped C0 itself) */
            continue;
        fwrite(run, 1, (size_t)(p - run), out);
        fprintf(out, "\\u%04x", code);
        p += n - 1;
        run = p + 1;
    }
    fputs(run, out);
    fputc('\n', out);
    free(text);
    return true;
}

static void print_list(FILE *out, const style *st, const char *label,
                       const string_list *list)
{
    if (!list->count)
        return;
    fprintf(out, "%s: ", label);
    style_on(out, st, SGR_FACET);
    for (size_t i = 0; i < list->count; i++) {
        if (i)
            fputs("; ", out);
        puts_safe(out, list->items[i]);
    }
    style_off(out, st);
    fputs("  ", out);
}

static void print_header(FILE *out, const passage *p, const style *st)
{
    style_on(out, st, SGR_ID);
    puts_safe(out, p->id);
    style_off(out, st);
    fprintf(out, "  %s", passage_kind_name(p->kind));
    if (p->pillar)
        fprintf(out, " · pillar %d", p->pillar);
    if (p->page)
        fprintf(out, " · p. %d", p->page);
}

static void print_section_line(FILE *out, const passage *p, const style *st)
{
    char *section = citation_section(p);
    if (section && *section) {
        fputs("   ", out);
        style_on(out, st, SGR_SECTION);
        puts_safe(out, section);
        style_off(out, st);
        fputc('\n', out);
    }
    free(section);
}

static void print_tags(FILE *out, const passage *p, const style *st)
{
    if (!p->agencies.count && !p->actors.count)
        return;
    fputs("   ", out);
    print_list(out, st, "agencies", &p->agencies);
    print_list(out, st, "actors", &p->actors);
    fputc('\n', out);
}

static void print_snippet(FILE *out, const snippet *s, const style *st,
                          bool bold_marks)
{
    size_t at = 0;
    if (s->cut_start)
        fputs("…", out);
    for (size_t i = 0; i < s->count; i++) {
        put_safe(out, s->text + at, s->spans[i].start - at);
        if (bold_marks)
            fputs("**", out);
        style_on(out, st, SGR_MATCH);
        put_safe(out, s->text + s->spans[i].start, s->spans[i].len);
        style_off(out, st);
        if (bold_marks)
            fputs("**", out);
        at = s->spans[i].start + s->spans[i].len;
    }
    puts_safe(out, s->text + at);
    if (s->cut_end)
        fputs("…", out);
}

void print_search_notices(FILE *notes, const search_result *res, bool counting)
{
    const char *doing = counting ? "counting" : "showing";
    if (res->corrected && res->suggestion)
        fprintf(notes, "brief: nothing matched \"%s\"; %s \"%s\"\n", res->query,
                counting ? "counting" : "showing results for", res->suggestion);
    else if (res->suggestion)
        fprintf(notes, "brief: did you mean \"%s\"?\n", res->suggestion);
    if (res->partial && !res->total_all)
        fprintf(notes, "brief: no passage has every word; %s the best partial "
                "matches\n", doing);
    else if (res->partial)
        fprintf(notes, "brief: %u passage%s every word; then the best partial "
                "matches\n", res->total_all, res->total_all == 1 ? " has" : "s have");
}

static void print_missing(FILE *out, const search_hit *h, const style *st)
{
    if (!h->partial)
        return;
    fputs("   ", out);
    style_on(out, st, SGR_DIM);
    fputs("missing: ", out);
    for (size_t i = 0; i < h->missing.count; i++) {
        if (i)
            fputs(", ", out);
        puts_safe(out, h->missing.items[i]);
    }
    style_off(out, st);
    fputc('\n', out);
}

/* The line between the passages with every word and the partial ones. */
static bool divider_before(const search_result *res, size_t i)
{
    return res->hits[i].partial && (i == 0 ? res->total_all > 0 : !res->hits[i - 1].partial);
}

static void print_facets_text(FILE *out, const search_result *res, const style *st)
{
    for (int f = 0; f < FACET_COUNT; f++) {
        if (!res->facet_counts[f])
            continue;
        style_on(out, st, SGR_BOLD);
        fprintf(out, "%s:", facet_name_text((facet_name)f));
        style_off(out, st);
        for (size_t i = 0; i < res->facet_counts[f]; i++) {
            fputs(i ? ", " : " ", out);
            puts_safe(out, res->facets[f][i].value);
            fprintf(out, " (%u)", res->facets[f][i].count);
        }
        fputc('\n', out);
    }
    fputc('\n', out);
}

static void print_text(FILE *out, const search_result *res, const style *st)
{
    if (res->has_facets)
        print_facets_text(out, res, st);
    for (size_t i = 0; i < res->count; i++) {
        const search_hit *h = &res->hits[i];
        if (divider_before(res, i)) {
            style_on(out, st, SGR_DIM);
            fputs("── with some of the words ──\n\n", out);
            style_off(out, st);
        }
        fprintf(out, "%u. ", h->rank);
        print_header(out, &h->passage, st);
        style_on(out, st, SGR_DIM);
        fprintf(out, "  score %.2f", h->score);
        style_off(out, st);
        fputc('\n', out);
        print_section_line(out, &h->passage, st);
        print_tags(out, &h->passage, st);
        print_missing(out, h, st);
        fputs("   ", out);
        print_snippet(out, &h->snippet, st, false);
        fputs("\n\n", out);
    }
    if (!res->partial)
        fprintf(out, "%u passage%s matched", res->total, res->total == 1 ? "" : "s");
    else if (res->total_all)
        fprintf(out, "%u passage%s every word", res->total_all,
                res->total_all == 1 ? " has" : "s have");
    else
        fprintf(out, "no passage has every word; %u %s some", res->total,
                res->total == 1 ? "has" : "have");
    if (res->count)
        fprintf(out, "; showing %u-%u", res->hits[0].rank,
                res->hits[res->count - 1].rank);
    fputc('\n', out);
}

/* A note above the quotes when they answer another query, or not all of
 * this one: pasted into a brief, the reader should know. */
static void print_markdown_note(FILE *out, const search_result *res)
{
    if (res->corrected) {
        fputs("*Results for \"", out);
        puts_safe(out, res->suggestion);
        fputs("\": nothing matched \"", out);
        puts_safe(out, res->query);
        fputs("\".*\n\n", out);
    } else if (res->suggestion) {
        fputs("*Did you mean \"", out);
        puts_safe(out, res->suggestion);
        fputs("\"?*\n\n", out);
    }
    if (res->partial)
        fputs("*Some quotes have only some of the words searched for: each says "
              "which it lacks.*\n\n", out);
}

static void print_markdown(FILE *out, const search_result *res,
                           const report *const *reports)
{
    print_markdown_note(out, res);
    for (size_t i = 0; i < res->count; i++) {
        const search_hit *h = &res->hits[i];
        const passage *p = &h->passage;
        if (i)
            fputc('\n', out);
        if (h->partial) {
            fputs("*(missing: ", out);
            for (size_t k = 0; k < h->missing.count; k++) {
                if (k)
                    fputs(", ", out);
                puts_safe(out, h->missing.items[k]);
            }
            fputs(")*\n\n", out);
        }
        print_quote(out, p, reports[i], CITE_MARKDOWN);
    }
}

bool print_search_result(FILE *out, FILE *notes, const search_result *res,
                         const report *const *reports, output_format format,
                         const style *st)
{
    switch (format) {
    case FORMAT_JSON: {
        json_t *v = view_result(res, reports);
        bool ok = print_json(out, v, false);
        json_decref(v);
        return ok;
    }
    case FORMAT_JSONL:
        for (size_t i = 0; i < res->count; i++) {
            json_t *v = view_hit_line(&res->hits[i], reports[i], res);
            bool ok = print_json(out, v, true);
            json_decref(v);
            if (!ok)
                return false;
        }
        print_search_notices(notes, res, false);
        return true;
    case FORMAT_MARKDOWN:
        print_search_notices(notes, res, false);
        print_markdown(out, res, reports);
        return true;
    case FORMAT_TEXT:
        print_search_notices(notes, res, false);
        print_text(out, res, st);
        return true;
    }
    return false;
}

void print_passage_text(FILE *out, const passage *p, const style *st)
{
    print_header(out, p, st);
    fputc('\n', out);
    print_section_line(out, p, st);
    print_tags(out, p, st);
    if (p->footnote_count) {
        fputs("   notes: ", out);
        for (size_t i = 0; i < p->footnote_count; i++)
            fprintf(out, "%s%d", i ? ", " : "", p->footnotes[i]);
        fputc('\n', out);
    }
    fputs("   ", out);
    puts_safe(out, p->text);
    fputc('\n', out);
}

bool print_passage_json(FILE *out, const passage *p, const report *r, bool one_line)
{
    json_t *v = view_passage(p, r);
    bool ok = print_json(out, v, one_line);
    json_decref(v);
    return ok;
}

bool print_quote_json(FILE *out, const passage *p, const report *r, citation_style style,
                      bool one_line)
{
    json_t *v = view_passage(p, r);
    char *cite = citation_format(r, p, style);
    if (v && cite)
        json_object_set_new(v, "citation", json_string(cite));
    free(cite);
    bool ok = print_json(out, v, one_line);
    json_decref(v);
    return ok;
}

void print_quote(FILE *out, const passage *p, const report *r, citation_style style)
{
    char *cite = citation_format(r, p, style);
    switch (style) {
    case CITE_MARKDOWN:
    case CITE_PANDOC:
        /* A block quote and its citation; pandoc's, [@key, sec. id], with
         * no dash: pandoc --citeproc turns it into the style's note. */
        fputs("> ", out);
        puts_safe(out, p->text);
        fputs(style == CITE_MARKDOWN ? "\n>\n> — " : "\n>\n> ", out);
        puts_safe(out, cite ? cite : "");
        fputc('\n', out);
        break;
    case CITE_CHICAGO:
    case CITE_PLAIN:
        fputs("“", out);
        puts_safe(out, p->text);
        fputs("”\n", out);
        puts_safe(out, cite ? cite : "");
        fputc('\n', out);
        break;
    }
    free(cite);
}
