/* A passage as a Xapian document: its terms, filter terms, facet values
 * and stored data (the schema is schema.h). */
#include "indexer_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"
#include "passage_codec.h"
#include "strbuf.h"

static xc_status add_filter_term(xc_document *doc, const char *prefix,
                                 const char *value, char **error)
{
    char *term = schema_filter_term(prefix, value);
    if (!term)
        return XC_ERR_NO_MEMORY;
    xc_status st = xc_document_add_boolean_term(doc, term, error);
    free(term);
    return st;
}

static void put_facet(strbuf *sb, char mark, const char *value)
{
    if (sb->len)
        strbuf_putc(sb, FACET_SEP);
    strbuf_putc(sb, mark);
    strbuf_puts(sb, value);
}

/* What --agency finds the passage by, and so what the agency facet counts:
 * the agencies and organizations it names, each with its parents (the
 * Defense Department finds its Defense Innovation Unit). */
static bool agency_closure(const gazetteer *g, const passage *p, string_list *out)
{
    const string_list *named[] = {&p->agencies, &p->organizations};
    bool ok = true;
    for (size_t k = 0; k < 2; k++)
        for (size_t i = 0; ok && i < named[k]->count; i++) {
            ok = string_list_add_unique(out, named[k]->items[i]);
            const gazetteer_entry *e = gazetteer_get(g, named[k]->items[i]);
            for (int depth = 0; ok && e && e->parent && depth < 16; depth++) {
                ok = string_list_add_unique(out, e->parent);
                e = gazetteer_get(g, e->parent);
            }
        }
    return ok;
}

/* SLOT_FACETS: the passage's facet values, each after its mark. */
static xc_status set_facets_value(xc_document *doc, const passage *p,
                                  const char *pillar, const string_list *agencies,
                                  char **error)
{
    strbuf sb = STRBUF_INIT;
    put_facet(&sb, FACET_MARK_PILLAR, pillar);
    put_facet(&sb, FACET_MARK_KIND, passage_kind_name(p->kind));
    put_facet(&sb, FACET_MARK_REPORT, p->report);
    for (size_t i = 0; i < agencies->count; i++)
        put_facet(&sb, FACET_MARK_AGENCY, agencies->items[i]);
    for (size_t i = 0; i < p->actors.count; i++)
        put_facet(&sb, FACET_MARK_ACTOR, p->actors.items[i]);
    xc_status st = sb.failed ? XC_ERR_NO_MEMORY
                             : xc_document_set_value(doc, SLOT_FACETS, sb.data, sb.len, error);
    strbuf_free(&sb);
    return st;
}

/* Indexes folded text: what the searcher's folded query must meet.  The
 * passage's text: Z-stems with positions, and the words for the spelling
 * table.  A section title (prefix given): Z-stems only, without
 * positions: the section filter matches its words, never a phrase or a
 * wildcard, and a section's title is repeated in every passage of it, so
 * positions there would cost much and serve nothing. */
static xc_status index_folded(const term_generators *tg, const char *text,
                              const char *prefix, char **error)
{
    char *folded = text_fold(text, strlen(text), 0);
    if (!folded)
        return XC_ERR_NO_MEMORY;
    xc_status st;
    if (prefix) {
        st = xc_termgen_index_text_without_positions(tg->stems, folded, 1, prefix,
                                                     error);
    } else {
        st = xc_termgen_index_text(tg->stems, folded, 1, NULL, error);
        if (st == XC_OK)
            st = xc_termgen_index_text_without_positions(tg->words, folded, 1, NULL,
                                                         error);
    }
    free(folded);
    return st;
}

/* Builds passage p's document in doc, and its words (for the spelling
 * table, not the index) in words. */
xc_status build_document(const corpus *c, const passage *p,
                         const term_generators *tg, xc_document *doc,
                         xc_document *words, char **error)
{
    xc_status st = xc_termgen_set_document(tg->stems, doc, error);
    if (st == XC_OK)
        st = xc_termgen_set_document(tg->words, words, error);
    if (st == XC_OK)
        st = index_folded(tg, p->text, NULL, error);
    for (size_t i = 0; st == XC_OK && i < p->section.count; i++)
        st = index_folded(tg, p->section.items[i], PREFIX_SECTION, error);

    char *id = schema_id_term(p->id);
    if (!id && st == XC_OK)
        st = XC_ERR_NO_MEMORY;
    if (st == XC_OK)
        st = xc_document_add_boolean_term(doc, id, error);
    free(id);

    char pillar[16];
    if (p->pillar > 0)
        snprintf(pillar, sizeof pillar, "%d", p->pillar);
    else
        pillar[0] = '\0';
    if (st == XC_OK)
        st = add_filter_term(doc, PREFIX_PILLAR, p->pillar ? pillar : "none", error);
    if (st == XC_OK)
        st = add_filter_term(doc, PREFIX_KIND, passage_kind_name(p->kind), error);
    if (st == XC_OK)
        st = add_filter_term(doc, PREFIX_REPORT, p->report, error);
    if (st == XC_OK && p->repeat)
        st = xc_document_add_boolean_term(doc, TERM_REPEAT, error);
    string_list agencies = STRING_LIST_INIT;
    if (st == XC_OK && !agency_closure(&c->gazetteer, p, &agencies))
        st = XC_ERR_NO_MEMORY;
    for (size_t i = 0; st == XC_OK && i < agencies.count; i++) {
        const gazetteer_entry *e = gazetteer_get(&c->gazetteer, agencies.items[i]);
        bool org = e && e->type == ENTITY_ORGANIZATION;
        st = add_filter_term(doc, org ? PREFIX_ORG : PREFIX_AGENCY, agencies.items[i],
                             error);
    }
    for (size_t i = 0; st == XC_OK && i < p->actors.count; i++)
        st = add_filter_term(doc, PREFIX_ACTOR, p->actors.items[i], error);

    /* Report id, NUL, reading order: report order with no report number
     * that would shift when reports come and go. */
    size_t id_len = strlen(p->report);
    char *order = malloc(id_len + 1 + XC_SORTABLE_MAX);
    if (!order && st == XC_OK)
        st = XC_ERR_NO_MEMORY;
    if (st == XC_OK) {
        memcpy(order, p->report, id_len + 1);
        size_t order_len = id_len + 1 + xc_sortable_serialise(p->order, order + id_len + 1);
        st = xc_document_set_value(doc, SLOT_ORDER, order, order_len, error);
    }
    free(order);
    char prior[XC_SORTABLE_MAX];
    size_t prior_len = xc_sortable_serialise(passage_kind_prior(p->kind), prior);
    if (st == XC_OK)
        st = xc_document_set_value(doc, SLOT_PRIOR, prior, prior_len, error);
    /* "none" is counted like a pillar: a facet shows what has none. */
    if (st == XC_OK)
        st = set_facets_value(doc, p, p->pillar ? pillar : "none", &agencies, error);
    string_list_free(&agencies);

    /* BM25's length normalisation, stored in the wdfs (schema.h). */
    uint64_t length = 0;
    if (st == XC_OK)
        st = xc_document_length(doc, &length, error);
    if (st == XC_OK)
        st = xc_document_scale_wdf(doc, schema_wdf_factor(length), error);

    char *data = st == XC_OK ? passage_encode(p) : NULL;
    if (st == XC_OK && !data)
        st = XC_ERR_NO_MEMORY;
    if (st == XC_OK)
        st = xc_document_set_data(doc, data, strlen(data), error);
    free(data);
    return st;
}
