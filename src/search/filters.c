/* Filters (--pillar, --agency, ...) as Xapian queries: OR within a facet,
 * AND across facets. */
#include "searcher_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "normalize.h"
#include "schema.h"
#include "strbuf.h"

/* The query for term, which it frees; NULL when memory ran out. */
static xc_query *owned_term_query(char *term)
{
    xc_query *q = NULL;
    if (term)
        xc_query_term(term, &q, NULL);
    free(term);
    return q;
}

xc_query *term_query(const char *prefix, const char *value)
{
    return owned_term_query(schema_filter_term(prefix, value));
}

xc_query *id_query(const char *passage_id)
{
    return owned_term_query(schema_id_term(passage_id));
}

xc_query *combine(xc_query_op op, xc_query **parts, size_t n)
{
    xc_query *q = NULL;
    xc_query_combine(op, parts, n, 0, &q, NULL);
    for (size_t i = 0; i < n; i++)
        xc_query_free(parts[i]);
    return q;
}

static const char *kind_list(void)
{
    return "paragraph, foreword, summary, headline, bullet, recommendation, "
           "caption, figure, sidebar, timeline, pullquote, list-item, heading";
}

/* The filter terms for one value of one facet (a kind may stand for two). */
static bool filter_terms(searcher *s, filter_field field, const char *value,
                         xc_query **parts, size_t *n, char **error)
{
    switch (field) {
    case FILTER_PILLAR: {
        int p;
        if (!pillar_parse(value, &p))
            return error_set(error, "pillar must be a number from 1 to %d or 'none', "
                             "not '%s'", PILLAR_MAX, value);
        parts[(*n)++] = term_query(PREFIX_PILLAR, p ? value : "none");
        return true;
    }
    case FILTER_AGENCY:
    case FILTER_ACTOR: {
        const gazetteer *g = lazy_gazetteer(s);
        if (!metadata_ok(s, error))
            return false;
        const gazetteer_entry *e = gazetteer_lookup(g, value);
        entity_type want = field == FILTER_AGENCY ? ENTITY_AGENCY : ENTITY_ACTOR;
        if (!e)
            return error_set(error, "unknown %s '%s' (brief facets lists those the "
                             "index knows)", filter_field_name(field), value);
        if (e->type != want && !(field == FILTER_AGENCY && e->type == ENTITY_ORGANIZATION))
            return error_set(error, "'%s' is an %s, not an %s: use --%s", value,
                             entity_type_name(e->type), filter_field_name(field),
                             e->type == ENTITY_ACTOR ? "actor" : "agency");
        const char *prefix = e->type == ENTITY_AGENCY  ? PREFIX_AGENCY
                             : e->type == ENTITY_ACTOR ? PREFIX_ACTOR
                                                       : PREFIX_ORG;
        parts[(*n)++] = term_query(prefix, e->canonical);
        return true;
    }
    case FILTER_KIND: {
        passage_kind kind;
        if (strcasecmp(value, "recommendation") == 0 ||
            strcasecmp(value, "recommendations") == 0) {
            parts[(*n)++] = term_query(PREFIX_KIND, "headline");
            parts[(*n)++] = term_query(PREFIX_KIND, "bullet");
        } else if (passage_kind_parse(value, &kind)) {
            parts[(*n)++] = term_query(PREFIX_KIND, passage_kind_name(kind));
        } else {
            return error_set(error, "unknown kind '%s' (kinds: %s)", value, kind_list());
        }
        return true;
    }
    case FILTER_REPORT: {
        const report *r = searcher_report(s, value);
        if (!metadata_ok(s, error))
            return false;
        if (!r)
            return error_set(error, "unknown report '%s'", value);
        parts[(*n)++] = term_query(PREFIX_REPORT, value);
        return true;
    }
    case FILTER_SECTION: {
        /* Every word of the text, in the section path. */
        xc_qparser *qp = NULL;
        xc_query *q = NULL;
        char *msg = NULL;
        char *folded = text_fold(value, strlen(value), 0);
        strbuf sb = STRBUF_INIT;
        for (char *w = folded ? strtok(folded, " ") : NULL; w; w = strtok(NULL, " ")) {
            /* One without a letter or digit ("-") is no word: parsed
             * alone, it made a filter that let other passages through. */
            bool word = false;
            for (const char *c = w; *c; c++)
                word = word || isalnum((unsigned char)*c) || (unsigned char)*c >= 0x80;
            if (!word)
                continue;
            strbuf_printf(&sb, "%ssection:", sb.len ? " " : "");
            for (char *c = w; *c; c++)
                if (*c != '"' && *c != '(' && *c != ')')
                    strbuf_putc(&sb, *c);
        }
        free(folded);
        bool ok = !sb.failed && sb.len &&
                  xc_qparser_new(s->db, &qp, &msg) == XC_OK &&
                  xc_qparser_set_stemmer(qp, BRIEF_STEM_LANGUAGE, XC_STEM_ALL_Z, &msg) == XC_OK &&
                  xc_qparser_add_prefix(qp, "section", PREFIX_SECTION, &msg) == XC_OK &&
                  xc_qparser_set_default_op(qp, XC_OP_AND, &msg) == XC_OK &&
                  xc_qparser_parse(qp, sb.data, 0, &q, &msg) == XC_OK;
        xc_qparser_free(qp);
        strbuf_free(&sb);
        if (!ok) {
            free(msg);
            return error_set(error, "section filter '%s' has no words", value);
        }
        parts[(*n)++] = q;
        return true;
    }
    default:
        return error_set(error, "unknown filter");
    }
}

/* OR within a facet, AND across facets; NULL (no error) without filters. */
bool build_filter(searcher *s, const query_filters *a,
                  const query_filters *b, xc_query **out, char **error)
{
    *out = NULL;
    xc_query *facets[FILTER_FIELD_COUNT];
    size_t nf = 0;
    bool ok = true;
    for (int f = 0; ok && f < FILTER_FIELD_COUNT; f++) {
        size_t count = a->values[f].count + b->values[f].count;
        if (!count)
            continue;
        xc_query **parts = calloc(count * 2, sizeof *parts);
        size_t n = 0;
        ok = parts != NULL || error_set(error, "out of memory");
        for (size_t i = 0; ok && i < a->values[f].count; i++)
            ok = filter_terms(s, (filter_field)f, a->values[f].items[i], parts, &n, error);
        for (size_t i = 0; ok && i < b->values[f].count; i++)
            ok = filter_terms(s, (filter_field)f, b->values[f].items[i], parts, &n, error);
        for (size_t i = 0; ok && i < n; i++)
            ok = parts[i] != NULL || error_set(error, "out of memory");
        if (ok)
            facets[nf++] = combine(XC_OP_OR, parts, n);
        else
            for (size_t i = 0; i < n; i++)
                xc_query_free(parts[i]);
        free(parts);
    }
    if (!ok) {
        for (size_t i = 0; i < nf; i++)
            xc_query_free(facets[i]);
        return false;
    }
    if (nf)
        *out = combine(XC_OP_AND, facets, nf);
    return nf == 0 || *out || error_set(error, "out of memory");
}

bool wants_pullquotes(const query_filters *a, const query_filters *b)
{
    const query_filters *both[2] = {a, b};
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < both[k]->values[FILTER_KIND].count; i++)
            if (strcasecmp(both[k]->values[FILTER_KIND].items[i], "pullquote") == 0)
                return true;
    return false;
}
