#include "query.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "normalize.h"
#include "query_tokens.h"
#include "strbuf.h"

static const char *const field_names[FILTER_FIELD_COUNT] = {
    [FILTER_PILLAR] = "pillar", [FILTER_AGENCY] = "agency",
    [FILTER_ACTOR] = "actor",   [FILTER_KIND] = "kind",
    [FILTER_SECTION] = "section", [FILTER_REPORT] = "report",
};

const char *filter_field_name(filter_field f)
{
    return f < FILTER_FIELD_COUNT ? field_names[f] : "?";
}

bool filter_field_parse(const char *name, filter_field *out)
{
    int f = name_table_find(field_names, FILTER_FIELD_COUNT, name);
    if (f < 0)
        return false;
    *out = (filter_field)f;
    return true;
}

void query_filters_free(query_filters *f)
{
    for (int i = 0; i < FILTER_FIELD_COUNT; i++)
        string_list_free(&f->values[i]);
}

bool query_filters_add(query_filters *f, filter_field field, const char *value)
{
    return string_list_add_unique(&f->values[field], value);
}

bool query_filters_any(const query_filters *f)
{
    for (int i = 0; i < FILTER_FIELD_COUNT; i++)
        if (f->values[i].count)
            return true;
    return false;
}

/* Writes a token for people (groups == NULL: a group as (A OR "B C")) or
 * for the query parser.  There a group that stands for one typed word (an
 * acronym, a one-word name, a compound, a wildcard) is QUERY_GROUP_FIELD:N,
 * its variants moved to groups[N]: one term, so "CPTPP" does not weigh its
 * 8-word long form as 8 terms, nor a passage with both "WTO" and "World
 * Trade Organization" twice.  A name typed in several words keeps the
 * weight of its words, as any words typed have: its group stays ORed.
 * (Made one term too, "North Korea" and "burden sharing" weighed less than
 * the other words and the passages' prior: the SMA bullet lost first place
 * for "burden sharing", and tests/relevance's nDCG@10 fell from 0.870 to
 * 0.867, against 0.868 so.)  False when out of memory. */
static bool put_token(strbuf *sb, token *t, query_plan *groups)
{
    if (sb->len)
        strbuf_putc(sb, ' ');
    switch (t->type) {
    case TOK_OPEN:
        strbuf_putc(sb, '(');
        break;
    case TOK_CLOSE:
        strbuf_putc(sb, ')');
        break;
    case TOK_PHRASE:
        if (t->sign)
            strbuf_putc(sb, t->sign);
        strbuf_printf(sb, "\"%s\"", t->text);
        break;
    case TOK_WORD:
        if (t->sign)
            strbuf_putc(sb, t->sign);
        /* A typed "briefgroup:3" names no group: its colon becomes a
         * hyphen, which Xapian reads as it reads "foo:bar" (a phrase). */
        {
            bool names_group = groups && strstr(t->text, QUERY_GROUP_FIELD ":");
            for (const char *p = t->text; *p; p++)
                strbuf_putc(sb, *p == ':' && names_group ? '-' : *p);
        }
        break;
    case TOK_GROUP:
        if (t->sign)
            strbuf_putc(sb, t->sign);
        if (!groups || t->typed_words > 1) {
            strbuf_putc(sb, '(');
            for (size_t i = 0; i < t->variants.count; i++)
                strbuf_printf(sb, "%s%s", i ? " OR " : "", t->variants.items[i]);
            strbuf_putc(sb, ')');
            break;
        }
        string_list *more = realloc(groups->groups,
                                    (groups->group_count + 1) * sizeof *more);
        if (!more)
            return false;
        groups->groups = more;
        more[groups->group_count] = t->variants;
        t->variants = (string_list)STRING_LIST_INIT;
        strbuf_printf(sb, QUERY_GROUP_FIELD ":%zu", groups->group_count++);
        break;
    default:
        strbuf_puts(sb, t->text);
    }
    return !sb->failed;
}

bool query_plan_build(const char *query, const vocabulary *vocabulary,
                      const query_lexicon *lexicon, query_plan *out, char **error)
{
    memset(out, 0, sizeof *out);
    char *folded = text_fold(query, strlen(query), 0);
    if (!folded)
        return error_set(error, "the query is not valid UTF-8 text");
    token_list t = {NULL, 0};
    bool ok = query_tokenize(folded, &t, error) &&
              query_check_filters(&t, error) && query_check_syntax(&t, error);
    for (size_t i = 0; ok && i < t.count; i++) {
        if (t.items[i].type == TOK_WORD)
            out->words++;
        else if (t.items[i].type == TOK_PHRASE)
            for (const char *p = t.items[i].text; *p; p++)
                out->words += !isspace((unsigned char)*p) &&
                              (p == t.items[i].text || isspace((unsigned char)p[-1]));
    }
    if (ok && out->words > QUERY_MAX_WORDS)
        ok = error_set(error, "the query has %zu words; the limit is %d",
                       out->words, QUERY_MAX_WORDS);

    /* Filters leave the token list; the rest is rewritten. */
    size_t w = 0;
    for (size_t i = 0; ok && i < t.count; i++) {
        if (t.items[i].type == TOK_FIELD) {
            ok = query_filters_add(&out->filters, t.items[i].field, t.items[i].text) ||
                 error_set(error, "out of memory");
            free(t.items[i].text);
        } else {
            t.items[w++] = t.items[i];
        }
    }
    if (ok)
        t.count = w;
    strbuf typed = STRBUF_INIT;
    for (size_t i = 0; ok && i < t.count; i++) {
        put_token(&typed, &t.items[i], NULL);
        const char *star = t.items[i].type == TOK_WORD ? strchr(t.items[i].text, '*') : NULL;
        if (star && star > t.items[i].text) {
            char *prefix = vocabulary_key(t.items[i].text);
            char *cut = prefix ? strchr(prefix, '*') : NULL;
            if (cut)
                *cut = '\0';
            ok = prefix && string_list_add(&out->wildcards, prefix);
            free(prefix);
        }
    }
    out->typed = strbuf_detach(&typed);
    ok = ok && (out->typed || error_set(error, "out of memory"));
    ok = ok && (query_expand_vocabulary(&t, vocabulary) || error_set(error, "out of memory"));
    ok = ok && (query_expand_compounds(&t, lexicon) || error_set(error, "out of memory"));
    ok = ok && (query_expand_wildcards(&t, lexicon) || error_set(error, "out of memory"));
    /* For people first: writing for the parser moves the groups out. */
    strbuf shown = STRBUF_INIT, sb = STRBUF_INIT;
    for (size_t i = 0; ok && i < t.count; i++)
        ok = put_token(&shown, &t.items[i], NULL);
    for (size_t i = 0; ok && i < t.count; i++)
        ok = put_token(&sb, &t.items[i], out);
    if (ok) {
        out->rewritten = strbuf_detach(&shown);
        out->parser_input = strbuf_detach(&sb);
        ok = (out->rewritten && out->parser_input) || error_set(error, "out of memory");
    } else {
        error_set(error, "out of memory");   /* (keeps an earlier message) */
    }
    strbuf_free(&shown);
    strbuf_free(&sb);
    token_list_free(&t);
    free(folded);
    if (!ok)
        query_plan_free(out);
    return ok;
}

void query_plan_free(query_plan *plan)
{
    free(plan->parser_input);
    free(plan->rewritten);
    for (size_t i = 0; i < plan->group_count; i++)
        string_list_free(&plan->groups[i]);
    free(plan->groups);
    free(plan->typed);
    string_list_free(&plan->wildcards);
    query_filters_free(&plan->filters);
    memset(plan, 0, sizeof *plan);
}
