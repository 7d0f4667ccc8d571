/* Parsing the query's words with Xapian's parser: the index's own words,
 * wildcards expanded through the word list. */
#include "searcher_internal.h"

#include <stdlib.h>

#include "error.h"
#include "schema.h"
#include "strbuf.h"
#include "wildcard.h"

bool word_known(const char *word, void *ctx)
{
    searcher *s = ctx;
    char *stem = NULL;
    if (xc_stemmer_stem(s->stemmer, word, &stem, NULL) != XC_OK)
        return false;
    strbuf term = STRBUF_INIT;
    strbuf_printf(&term, "Z%s", stem);
    free(stem);
    uint32_t freq = 0;
    if (!term.failed)
        xc_database_termfreq(s->db, term.data, &freq, NULL);
    strbuf_free(&term);
    return freq > 0;
}

/* A wildcard's words (query_lexicon.words_with_prefix): see wildcard.h. */
bool words_with_prefix(const char *prefix, string_list *out, void *ctx)
{
    searcher *s = ctx;
    return wildcard_words(s->db, s->stemmer, prefix, QUERY_MAX_EXPANSION, out);
}

static unsigned qp_flags(void)
{
    return XC_QP_BOOLEAN | XC_QP_PHRASE | XC_QP_LOVEHATE | /* operators in capitals */
           XC_QP_WILDCARD | XC_QP_PURE_NOT;  /* no XC_QP_SPELLING: suggest()
                                                spells, word by word; Xapian's
                                                correction cost a fifth of a
                                                search */
}

/* A parser of the index's words that knows the plan's groups (query.h:
 * QUERY_GROUP_FIELD). */
static bool new_parser(searcher *s, const query_plan *plan, xc_query_op default_op,
                       xc_qparser **qp, char **error)
{
    char *msg = NULL;
    bool ok = xc_qparser_new(s->db, qp, &msg) == XC_OK &&
              xc_qparser_set_stemmer(*qp, BRIEF_STEM_LANGUAGE, XC_STEM_ALL_Z, &msg) == XC_OK &&
              xc_qparser_set_default_op(*qp, default_op, &msg) == XC_OK &&
              xc_qparser_set_group_field(*qp, QUERY_GROUP_FIELD, &msg) == XC_OK;
    for (size_t g = 0; ok && g < plan->group_count; g++) {
        size_t index = 0;
        ok = xc_qparser_add_group(*qp, (const char *const *)plan->groups[g].items,
                                  plan->groups[g].count, &index, &msg) == XC_OK;
    }
    if (!ok) {
        xc_qparser_free(*qp);
        *qp = NULL;
        return error_take(error, NULL, msg);
    }
    return true;
}

/* Parses the rewritten words; a query of filters alone matches all. */
bool parse_words(searcher *s, const query_plan *plan, xc_query_op default_op,
                 xc_query **out, char **error)
{
    *out = NULL;
    if (!*plan->parser_input)
        return xc_query_match_all(out, NULL) == XC_OK ||
               error_set(error, "out of memory");
    xc_qparser *qp = NULL;
    if (!new_parser(s, plan, default_op, &qp, error))
        return false;
    char *msg = NULL;
    xc_query *parsed = NULL;
    xc_status st = xc_qparser_parse(qp, plan->parser_input, qp_flags(), &parsed, &msg);
    xc_qparser_free(qp);
    if (st != XC_OK)
        return error_take(error, "query", msg);
    /* Back to plain BM25's weights, which the prior is measured against
     * (schema.h: the wdfs hold the length normalisation). */
    st = xc_query_scale(parsed, RANK_WORDS_SCALE, out, &msg);
    xc_query_free(parsed);
    return st == XC_OK || error_take(error, "query", msg);
}
