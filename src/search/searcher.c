#include "searcher.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "error.h"
#include "fence.h"
#include "normalize.h"
#include "passage_codec.h"
#include "schema.h"
#include "strbuf.h"
#include "stub.h"
#include "wildcard.h"
#include "wordlist.h"
#include "xapian-c.h"

/* Without --facets, totals are exact up to this many matches. */
#define TOTAL_EXACT_UP_TO 1000
/* A writer may commit while we read; Xapian then asks us to reopen. */
#define RETRIES 5

/* Metadata parsed when first asked for: a search shown as text needs
 * neither the gazetteer (only --agency and --actor do) nor the reports
 * (only citations do), and parsing them was a fifth of a small search.
 * Citations read their reports one by one (META_REPORT_PREFIX): at 2,324
 * reports the whole list was 0.9 MB, a quarter of a search.  Behind a
 * pointer, so the const accessors can fill it in. */
typedef struct lazy_metadata {
    char *gazetteer_text;   /* as read at open; NULL once parsed */
    gazetteer gazetteer;
    bool all_read;          /* META_REPORTS read into reports[] */
    report *reports;
    size_t report_count;
    report **cited;         /* reports read one by one, before all_read */
    size_t cited_count;
    const report *last;     /* the last one asked for: passages come by report */
    char *error;            /* why a part could not be parsed, or NULL */
} lazy_metadata;

/* Reports read one by one, at most: past that, read them all. */
#define CITED_MAX 32

struct searcher {
    char *path;
    xc_database *db;
    xc_stemmer *stemmer;
    vocabulary vocabulary;
    lazy_metadata *lazy;
    bool torn;              /* an update in place died halfway (fence.h) */
    bool remote;            /* the stub names a remote shard */
};

const char *facet_name_text(facet_name f)
{
    static const char *const names[FACET_COUNT] = {"pillar", "agency", "actor",
                                                   "kind", "report"};
    return f < FACET_COUNT ? names[f] : "?";
}

void search_result_free(search_result *r)
{
    for (size_t i = 0; i < r->count; i++) {
        passage_free(&r->hits[i].passage);
        snippet_free(&r->hits[i].snippet);
        string_list_free(&r->hits[i].missing);
    }
    free(r->hits);
    for (int f = 0; f < FACET_COUNT; f++) {
        for (size_t i = 0; i < r->facet_counts[f]; i++)
            free(r->facets[f][i].value);
        free(r->facets[f]);
    }
    free(r->query);
    free(r->parsed);
    free(r->rewritten);
    free(r->suggestion);
    memset(r, 0, sizeof *r);
}

/* ---- opening ------------------------------------------------------------- */

/* What an index path turned out to be. */
typedef enum index_kind {
    KIND_FOLDER,    /* a plain database folder (or an empty one) */
    KIND_CURRENT,   /* an index folder: its `current` stub */
    KIND_STUB,      /* a stub file */
} index_kind;

/* The path to open for path: its `current` for an index folder. */
static char *resolve_path(const char *path, index_kind *kind, char **error)
{
    struct stat st;
    *kind = KIND_STUB;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT)
            error_set(error, "no index at %s: build it with 'brief index --index %s' "
                      "(or name another with --index or BRIEF_INDEX)", path, path);
        else
            error_set(error, "index %s: %s", path, strerror(errno));
        return NULL;
    }
    strbuf sb = STRBUF_INIT;
    if (S_ISDIR(st.st_mode)) {
        strbuf_printf(&sb, "%s/%s", path, INDEX_CURRENT);
        struct stat cur;
        *kind = KIND_CURRENT;
        if (!sb.failed && lstat(sb.data, &cur) != 0) {
            strbuf_truncate(&sb, 0);
            strbuf_puts(&sb, path);
            *kind = KIND_FOLDER;
        }
    } else {
        strbuf_puts(&sb, path);
    }
    char *out = strbuf_detach(&sb);
    if (!out)
        error_set(error, "out of memory");
    return out;
}

/* Opens the databases s->path names.  A stub is read and checked here,
 * never by Xapian (stub.h); only a stub file the user named (named) may
 * list remote shards or databases outside its folder. */
static bool open_databases(searcher *s, index_kind kind, bool named, char **error)
{
    char *msg = NULL;
    if (kind == KIND_FOLDER)   /* as glass: a XAPIANDB stub in it is not read */
        return xc_database_open_glass(s->path, &s->db, &msg) == XC_OK ||
               error_take(error, s->path, msg);
    index_stub stub;
    if (!stub_read(s->path, named && kind == KIND_STUB, &stub, error))
        return false;
    s->remote = stub.remote;
    bool ok = stub_open(&stub, s->path, &s->db, error);
    stub_free(&stub);
    return ok;
}
/* Moves to the latest revision, behind the fence (fence.h): after a writer
 * moved on, Xapian asks a reader to reopen. */
static void reopen(const searcher *s)
{
    index_fence fence = index_fence_enter(s->path, false);
    xc_database_reopen(s->db, NULL);
    index_fence_leave(fence);
}

/* After a read that failed with st: true when it is worth another try (a
 * writer moved on: reopened, xapian-c.h's READ); else false, with the error
 * set.  Takes *msg either way. */
static bool read_again(const searcher *s, xc_status st, int attempt,
                       char **msg, char **error)
{
    if (st != XC_ERR_MODIFIED || attempt == RETRIES) {
        error_take(error, s->path, *msg);
        *msg = NULL;
        return false;
    }
    free(*msg);
    *msg = NULL;
    reopen(s);
    return true;
}

/* Reads a metadata key ("" when missing).  The reports are read after the
 * search, when a writer may have moved on: then reopen and read again. */
static bool read_metadata(const searcher *s, const char *key, char **value,
                          char **error)
{
    char *msg = NULL;
    xc_status st;
    for (int attempt = 0;
         (st = xc_database_get_metadata(s->db, key, value, NULL, &msg)) != XC_OK;
         attempt++)
        if (!read_again(s, st, attempt, &msg, error))
            return false;
    return true;
}

/* Reads the i-th hit's stored passage from a run's mset, reopening as
 * read_metadata does: the mset reads documents through the database. */
static bool read_hit_data(const searcher *s, const xc_mset *m, size_t i,
                          char **data, size_t *len, char **error)
{
    char *msg = NULL;
    xc_status st;
    for (int attempt = 0; (st = xc_mset_data(m, i, data, len, &msg)) != XC_OK;
         attempt++)
        if (!read_again(s, st, attempt, &msg, error))
            return false;
    return true;
}

/* A run's size and estimated total (0 for no mset: a run that failed). */
static size_t mset_size(const xc_mset *m)
{
    size_t n = 0;
    xc_mset_size(m, &n, NULL);
    return n;
}

static uint32_t mset_total(const xc_mset *m)
{
    uint32_t n = 0;
    xc_mset_matches_estimated(m, &n, NULL);
    return n;
}

/* Reads what the searcher needs (the schema is checked now; the gazetteer
 * and the reports are kept as text and parsed when first used). */
static bool load_metadata(searcher *s, char **error)
{
    char *schema = NULL, *vocab = NULL;
    lazy_metadata *lazy = s->lazy;
    bool ok = read_metadata(s, META_SCHEMA, &schema, error);
    if (ok && strcmp(schema, BRIEF_SCHEMA) != 0)
        ok = error_set(error, "index %s was not built by this version of brief "
                       "(schema '%s'): rebuild it with 'brief index'", s->path,
                       *schema ? schema : "none");
    ok = ok && read_metadata(s, META_GAZETTEER, &lazy->gazetteer_text, error) &&
         read_metadata(s, META_VOCABULARY, &vocab, error);
    ok = ok && vocabulary_decode(vocab, &s->vocabulary, error);
    free(schema);
    free(vocab);
    return ok;
}

/* Keeps the first reason a part of the metadata was unreadable. */
static void lazy_failed(lazy_metadata *lazy, char *error)
{
    if (!lazy->error)
        lazy->error = error;
    else
        free(error);
}

static const gazetteer *lazy_gazetteer(const searcher *s)
{
    lazy_metadata *lazy = s->lazy;
    if (lazy->gazetteer_text) {
        char *error = NULL;
        if (!gazetteer_parse(lazy->gazetteer_text, "index gazetteer", &lazy->gazetteer,
                             &error))
            lazy_failed(lazy, error);  /* (it leaves an empty gazetteer) */
        free(lazy->gazetteer_text);
        lazy->gazetteer_text = NULL;
    }
    return &lazy->gazetteer;
}

/* Every report of the index (META_REPORTS), read when first asked for. */
static const report *lazy_reports(const searcher *s, size_t *count)
{
    lazy_metadata *lazy = s->lazy;
    if (!lazy->all_read) {
        lazy->all_read = true;
        char *text = NULL, *error = NULL;
        if (!read_metadata(s, META_REPORTS, &text, &error) ||
            !reports_decode(text, &lazy->reports, &lazy->report_count, &error))
            lazy_failed(lazy, error);
        free(text);
    }
    *count = lazy->report_count;
    return lazy->reports;
}

static const report *find_report(const report *reports, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(reports[i].id, id) == 0)
            return &reports[i];
    return NULL;
}

/* Report id's own metadata key (the indexer writes one for an id of up to
 * REPORT_KEY_MAX bytes); NULL: read the whole list.  The report is kept in
 * lazy->cited. */
static const report *read_one_report(const searcher *s, const char *id)
{
    lazy_metadata *lazy = s->lazy;
    if (strlen(id) > REPORT_KEY_MAX || lazy->cited_count == CITED_MAX)
        return NULL;
    strbuf key = STRBUF_INIT;
    strbuf_printf(&key, "%s%s", META_REPORT_PREFIX, id);
    char *text = NULL;
    report *one = NULL;
    size_t n = 0;
    bool ok = !key.failed && read_metadata(s, key.data, &text, NULL) && *text &&
              reports_decode(text, &one, &n, NULL) && n == 1 && strcmp(one->id, id) == 0;
    report **grown = ok ? realloc(lazy->cited, (lazy->cited_count + 1) * sizeof *grown) : NULL;
    if (grown) {
        lazy->cited = grown;
        lazy->cited[lazy->cited_count++] = one;
    } else {
        for (size_t i = 0; i < n; i++)
            report_free(&one[i]);
        free(one);
        one = NULL;
    }
    strbuf_free(&key);
    free(text);
    return one;
}

/* For the searcher's own uses, after reading a part of the metadata:
 * false, with the reason, when the metadata was unreadable. */
static bool metadata_ok(const searcher *s, char **error)
{
    return !s->lazy->error || error_set(error, "%s", s->lazy->error);
}

static bool open_as(const char *path, bool named, searcher **out, char **error);

bool searcher_open(const char *path, searcher **out, char **error)
{
    return open_as(path, false, out, error);
}

bool searcher_open_named(const char *path, searcher **out, char **error)
{
    return open_as(path, true, out, error);
}

static bool open_as(const char *path, bool named, searcher **out, char **error)
{
    *out = NULL;
    searcher *s = calloc(1, sizeof *s);
    if (s && !(s->lazy = calloc(1, sizeof *s->lazy))) {
        free(s);
        s = NULL;
    }
    if (!s)
        return error_set(error, "out of memory");
    char *msg = NULL;
    index_kind kind = KIND_STUB;
    s->path = resolve_path(path, &kind, error);
    bool ok = s->path != NULL;
    /* Behind the fence: every database at the same update (fence.h). */
    index_fence fence = ok ? index_fence_enter(s->path, false) : -1;
    ok = ok && open_databases(s, kind, named, error);
    s->torn = index_fence_torn(fence);
    index_fence_leave(fence);
    if (ok && xc_stemmer_new(BRIEF_STEM_LANGUAGE, &s->stemmer, &msg) != XC_OK)
        ok = error_take(error, NULL, msg);
    ok = ok && load_metadata(s, error);
    if (!ok) {
        searcher_close(s);
        return false;
    }
    *out = s;
    return true;
}

void searcher_close(searcher *s)
{
    if (!s)
        return;
    xc_database_free(s->db);
    xc_stemmer_free(s->stemmer);
    vocabulary_free(&s->vocabulary);
    lazy_metadata *lazy = s->lazy;
    gazetteer_free(&lazy->gazetteer);
    for (size_t i = 0; i < lazy->report_count; i++)
        report_free(&lazy->reports[i]);
    free(lazy->reports);
    for (size_t i = 0; i < lazy->cited_count; i++) {
        report_free(lazy->cited[i]);
        free(lazy->cited[i]);
    }
    free(lazy->cited);
    free(lazy->gazetteer_text);
    free(lazy->error);
    free(lazy);
    free(s->path);
    free(s);
}

const report *searcher_reports(const searcher *s, size_t *count)
{
    return lazy_reports(s, count);
}

const report *searcher_report(const searcher *s, const char *id)
{
    lazy_metadata *lazy = s->lazy;
    const report *r = lazy->last && strcmp(lazy->last->id, id) == 0 ? lazy->last : NULL;
    for (size_t i = 0; !r && !lazy->all_read && i < lazy->cited_count; i++)
        if (strcmp(lazy->cited[i]->id, id) == 0)
            r = lazy->cited[i];
    if (!r && !lazy->all_read)
        r = read_one_report(s, id);
    if (!r) {
        size_t n;
        const report *all = lazy_reports(s, &n);
        r = find_report(all, n, id);
    }
    if (r)
        lazy->last = r;
    return r;
}

const gazetteer *searcher_gazetteer(const searcher *s) { return lazy_gazetteer(s); }

const char *searcher_path(const searcher *s) { return s->path; }

const char *searcher_warning(const searcher *s)
{
    return s->torn ? "an update of this index was cut off halfway: its shards may "
                     "differ until 'brief index' runs again"
                   : s->lazy->error;
}

unsigned searcher_passage_count(searcher *s)
{
    uint32_t n = 0;
    xc_database_doccount(s->db, &n, NULL);
    return n;
}

/* ---- building the query ---------------------------------------------------- */

static bool word_known(const char *word, void *ctx)
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
static bool words_with_prefix(const char *prefix, string_list *out, void *ctx)
{
    searcher *s = ctx;
    return wildcard_words(s->db, s->stemmer, prefix, QUERY_MAX_EXPANSION, out);
}

static xc_query *term_query(const char *prefix, const char *value)
{
    char *term = schema_filter_term(prefix, value);
    xc_query *q = NULL;
    if (term)
        xc_query_term(term, &q, NULL);
    free(term);
    return q;
}

static xc_query *combine(xc_query_op op, xc_query **parts, size_t n)
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
static bool build_filter(searcher *s, const query_filters *a,
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

static bool wants_pullquotes(const query_filters *a, const query_filters *b)
{
    const query_filters *both[2] = {a, b};
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < both[k]->values[FILTER_KIND].count; i++)
            if (strcasecmp(both[k]->values[FILTER_KIND].items[i], "pullquote") == 0)
                return true;
    return false;
}

static unsigned qp_flags(void)
{
    return XC_QP_BOOLEAN | XC_QP_PHRASE | XC_QP_LOVEHATE | /* operators in capitals */
           XC_QP_WILDCARD | XC_QP_PURE_NOT;  /* no XC_QP_SPELLING: suggest()
                                                spells, word by word; Xapian's
                                                correction cost a fifth of a
                                                search */
}

static bool new_parser(searcher *s, xc_query_op default_op, xc_qparser **qp,
                       char **error)
{
    char *msg = NULL;
    if (xc_qparser_new(s->db, qp, &msg) != XC_OK ||
        xc_qparser_set_stemmer(*qp, BRIEF_STEM_LANGUAGE, XC_STEM_ALL_Z, &msg) != XC_OK ||
        xc_qparser_set_default_op(*qp, default_op, &msg) != XC_OK) {
        xc_qparser_free(*qp);
        *qp = NULL;
        return error_take(error, NULL, msg);
    }
    return true;
}

/* Parses the rewritten words; a query of filters alone matches all. */
static bool parse_words(searcher *s, const char *input, xc_query_op default_op,
                        xc_query **out, char **suggestion, char **error)
{
    *out = NULL;
    if (!*input)
        return xc_query_match_all(out, NULL) == XC_OK ||
               error_set(error, "out of memory");
    xc_qparser *qp = NULL;
    if (!new_parser(s, default_op, &qp, error))
        return false;
    char *msg = NULL;
    xc_query *parsed = NULL;
    xc_status st = xc_qparser_parse(qp, input, qp_flags(), &parsed, &msg);
    if (st == XC_OK && suggestion)
        st = xc_qparser_corrected(qp, suggestion, &msg);
    xc_qparser_free(qp);
    if (st != XC_OK)
        return error_take(error, "query", msg);
    /* Back to plain BM25's weights, which the prior is measured against
     * (schema.h: the wdfs hold the length normalisation). */
    st = xc_query_scale(parsed, RANK_WORDS_SCALE, out, &msg);
    xc_query_free(parsed);
    return st == XC_OK || error_take(error, "query", msg);
}

static bool is_operator_word(const char *w, size_t len)
{
    static const char *const ops[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (strlen(ops[i]) == len && strncmp(w, ops[i], len) == 0)
            return true;
    return false;
}

/* "did you mean": each word of the query as typed that the index does not
 * know is replaced by the spelling table's suggestion.  (Xapian's own
 * correction would also "correct" known words: with Z-prefixed stems the
 * unstemmed word is never a term.)  NULL when there is nothing to say.
 * *replaceable: every word it replaces is no English word either
 * (wordlist.h), so the suggestion may stand in for the query. */
static char *suggest(searcher *s, const char *typed, bool *replaceable)
{
    *replaceable = true;
    strbuf out = STRBUF_INIT;
    bool changed = false;
    for (const char *p = typed; *p;) {
        if (!isalpha((unsigned char)*p)) {
            strbuf_putc(&out, *p++);
            continue;
        }
        const char *start = p;
        while (isalpha((unsigned char)*p) || *p == '\'')
            p++;
        size_t len = (size_t)(p - start);
        bool wildcard = *p == '*', field = *p == ':';
        char *word = strndup(start, len);
        for (char *c = word; c && *c; c++)
            *c = (char)tolower((unsigned char)*c);
        char *fix = NULL;
        if (word && len > 2 && !wildcard && !field && !is_operator_word(start, len) &&
            !word_known(word, s) && !vocabulary_find(&s->vocabulary, word))
            xc_database_spelling_suggestion(s->db, word, 2, &fix, NULL);
        if (fix && *fix) {   /* "": the spelling table has none */
            strbuf_puts(&out, fix);
            changed = true;
            /* A real word stays: only offered another ("supply chains"). */
            if (wordlist_has(wordlist_path(), word) != WORDLIST_NO)
                *replaceable = false;
        } else {
            strbuf_append(&out, start, len);
        }
        free(fix);
        free(word);
    }
    char *result = strbuf_detach(&out);
    if (!changed) {
        free(result);
        return NULL;
    }
    return result;
}

/* ---- running it --------------------------------------------------------------- */

/* A hit placed by the prior's re-ranking (see rank_with_prior). */
typedef struct ranked {
    xc_docid docid;
    double weight;
    size_t at;              /* its place in the mset (BM25 order) */
} ranked;

typedef struct run {
    xc_enquire *enquire;
    xc_mset *mset;
    unsigned facet_ids[FACET_COUNT];
    bool reranked;          /* the hits are top[], not the mset's */
    ranked *top;            /* hits offset.. of the re-ranked order */
    size_t top_count;
} run;

static void run_free(run *r)
{
    xc_mset_free(r->mset);
    xc_enquire_free(r->enquire);
    free(r->top);
    memset(r, 0, sizeof *r);
}

/* Each facet's mark in SLOT_FACETS (one slot holds them all). */
static const char facet_marks[FACET_COUNT][2] = {
    [FACET_PILLAR] = {FACET_MARK_PILLAR}, [FACET_AGENCY] = {FACET_MARK_AGENCY},
    [FACET_ACTOR] = {FACET_MARK_ACTOR},   [FACET_KIND] = {FACET_MARK_KIND},
    [FACET_REPORT] = {FACET_MARK_REPORT}};

static xc_status run_once(searcher *s, const xc_query *q, const search_request *req,
                          bool report_order, run *r, char **msg)
{
    uint32_t doccount = 0;
    xc_status st = xc_database_doccount(s->db, &doccount, msg);
    if (st == XC_OK)
        st = xc_enquire_new(s->db, &r->enquire, msg);
    if (st == XC_OK)
        st = xc_enquire_set_query(r->enquire, q, msg);
    if (st == XC_OK)   /* b = 0: the wdfs hold the length normalisation */
        st = xc_enquire_set_bm25(r->enquire, RANK_SEARCH_K1, 0, 1, 0, RANK_MIN_NORMLEN, msg);
    if (st == XC_OK && report_order)
        st = xc_enquire_sort_by_value(r->enquire, SLOT_ORDER, 0, msg);
    for (int f = 0; st == XC_OK && req->facets && f < FACET_COUNT; f++)
        st = xc_enquire_add_facet(r->enquire, SLOT_FACETS, FACET_SEP, facet_marks[f],
                                  &r->facet_ids[f], msg);
    /* Facet counts must see every match: then check them all.  Otherwise
     * check at least TOTAL_EXACT_UP_TO matches, so the total is exact up to
     * there and Xapian's estimate beyond, and a query over a big index
     * stops once it has the best hits instead of scoring every match. */
    uint32_t check = req->facets ? doccount : TOTAL_EXACT_UP_TO;
    if (st == XC_OK)
        st = xc_enquire_run(r->enquire, req->offset, req->limit, check,
                            &r->mset, msg);
    return st;
}

/* Runs q, reopening the database when a writer moved it on. */
static bool run_query(searcher *s, const xc_query *q, const search_request *req,
                      bool report_order, run *r, char **error)
{
    char *msg = NULL;
    for (int attempt = 0;; attempt++) {
        xc_status st = run_once(s, q, req, report_order, r, &msg);
        if (st == XC_OK)
            return true;
        run_free(r);
        if (!read_again(s, st, attempt, &msg, error))
            return false;
    }
}

static bool collect_facets(run *r, search_result *out, char **error)
{
    for (int f = 0; f < FACET_COUNT; f++) {
        xc_facet_count *counts = NULL;
        size_t n = 0;
        char *msg = NULL;
        if (xc_enquire_facet_counts(r->enquire, r->facet_ids[f], &counts, &n, &msg) != XC_OK)
            return error_take(error, "facets", msg);
        out->facets[f] = calloc(n ? n : 1, sizeof(facet_value));
        if (!out->facets[f]) {
            xc_facet_counts_free(counts, n);
            return error_set(error, "out of memory");
        }
        for (size_t i = 0; i < n; i++) {
            const char *v = counts[i].value;
            out->facets[f][i].value = strdup(f == FACET_PILLAR && !*v ? "none" : v);
            out->facets[f][i].count = counts[i].count;
        }
        out->facet_counts[f] = n;
        xc_facet_counts_free(counts, n);
    }
    out->has_facets = true;
    return true;
}

/* The i-th hit's place, weight and stored passage: from the mset, or from
 * the re-ranked list. */
static bool hit_at(searcher *s, const run *r, unsigned offset, size_t i,
                   search_hit *hit, char **error)
{
    char *data = NULL, *msg = NULL;
    size_t len = 0;
    bool ok;
    if (r->reranked) {
        hit->rank = offset + (unsigned)i + 1;
        hit->score = r->top[i].weight;
        hit->percent = 0;
        ok = read_hit_data(s, r->mset, r->top[i].at, &data, &len, error);
    } else {
        xc_hit info;
        ok = (xc_mset_hit(r->mset, i, &info, &msg) == XC_OK ||
              error_take(error, s->path, msg)) &&
             read_hit_data(s, r->mset, i, &data, &len, error);
        hit->rank = info.rank + 1;
        hit->score = info.weight;
        hit->percent = info.percent;
    }
    ok = ok && passage_decode(data, len, &hit->passage, error);
    free(data);
    return ok;
}

/* A result to show: the i-th hit of a run (see hit_at), and whether the
 * passage has every word. */
typedef struct pick {
    const run *r;
    size_t i;
    xc_docid docid;
    bool partial;
    double weight;   /* for rerank_exact */
    size_t order;
} pick;

static size_t run_size(const run *r)
{
    return r->reranked ? r->top_count : mset_size(r->mset);
}

static xc_docid run_docid(const run *r, size_t i)
{
    if (r->reranked)
        return r->top[i].docid;
    xc_hit info = {0};
    xc_mset_hit(r->mset, i, &info, NULL);
    return info.docid;
}

/* Loads the picked passages, ranked from offset + 1, with snippets that
 * mark the words of q. */
static bool collect_picks(searcher *s, const pick *picks, size_t n, const xc_query *q,
                          const query_plan *plan, const search_request *req,
                          search_result *out, char **error)
{
    out->hits = calloc(n ? n : 1, sizeof(search_hit));
    if (!out->hits)
        return error_set(error, "out of memory");
    highlighter h;
    if (!highlighter_init(&h, s->stemmer, q, &plan->wildcards, error))
        return false;
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++) {
        search_hit *hit = &out->hits[i];
        ok = hit_at(s, picks[i].r, 0, picks[i].i, hit, error);
        if (!ok)
            break;
        out->count++;
        hit->rank = req->offset + (unsigned)i + 1;
        hit->partial = picks[i].partial;
        if (picks[i].weight > 0)
            hit->score = picks[i].weight;   /* with rerank_exact's bonus */
        ok = highlight_snippet(&h, hit->passage.text, req->snippet_chars, &hit->snippet) ||
             error_set(error, "out of memory");
    }
    highlighter_free(&h);
    return ok;
}

static bool collect_hits(searcher *s, run *r, const xc_query *q,
                         const query_plan *plan, const search_request *req,
                         bool partial, search_result *out, char **error)
{
    size_t n = run_size(r);
    pick *picks = calloc(n ? n : 1, sizeof *picks);
    if (!picks)
        return error_set(error, "out of memory");
    for (size_t i = 0; i < n; i++)
        picks[i] = (pick){r, i, 0, partial, 0, 0};
    bool ok = collect_picks(s, picks, n, q, plan, req, out, error);
    free(picks);
    return ok;
}

/* ---- the ranking prior ------------------------------------------------------
 *
 * Ranking adds each passage's prior (SLOT_PRIOR, by kind) to its BM25
 * weight.  As a query, words AND_MAYBE prior, Xapian reads the value of
 * every candidate it weighs: a quarter of a search over a big index.  The
 * same order comes from the words alone: walk their BM25 order, add the
 * prior of each hit, and stop once a passage's BM25 weight plus the
 * largest prior cannot reach the last place wanted, since no passage
 * after it can.  Most searches read a few dozen values.  Equal weights
 * rank by docid, as Xapian ranks them; the weights are the same sums.
 * (Over remote shards each value read is a round trip: there the shards
 * weigh the prior themselves, with the query.) */

/* Walk at most this far down the BM25 order, then let Xapian do it all.
 * Asking Xapian for this many costs little more than for ten (it weighs
 * the candidates either way); asking twice costs a second match. */
#define RERANK_DEPTH 1000

/* The priors of the passage kinds as the indexer wrote them: a value is
 * read back as the prior whose bytes it has. */
typedef struct prior_table {
    char bytes[PASSAGE_KIND_COUNT][XC_SORTABLE_MAX];
    size_t len[PASSAGE_KIND_COUNT];
    double prior[PASSAGE_KIND_COUNT];
    double max;
} prior_table;

static void prior_table_init(prior_table *t)
{
    t->max = 0;
    for (int k = 0; k < PASSAGE_KIND_COUNT; k++) {
        t->prior[k] = passage_kind_prior((passage_kind)k);
        t->len[k] = xc_sortable_serialise(t->prior[k], t->bytes[k]);
        if (t->prior[k] > t->max)
            t->max = t->prior[k];
    }
}

/* The prior a value stands for; false for one it does not know. */
static bool prior_of(const prior_table *t, const char *value, size_t len,
                     double *prior)
{
    *prior = 0;
    if (!len)
        return true;   /* no value: AND_MAYBE adds nothing */
    for (int k = 0; k < PASSAGE_KIND_COUNT; k++)
        if (t->len[k] == len && memcmp(t->bytes[k], value, len) == 0) {
            *prior = t->prior[k];
            return true;
        }
    return false;
}

/* Does a rank before b: higher weight, then lower docid (Xapian's order)? */
static bool ranks_before(const ranked *a, const ranked *b)
{
    return a->weight > b->weight || (a->weight == b->weight && a->docid < b->docid);
}

/* Puts h into best[] (sorted, at most want long). */
static void keep_best(ranked *best, size_t *count, size_t want, ranked h)
{
    size_t i = *count < want ? (*count)++ : want;
    if (i == want && !ranks_before(&h, &best[want - 1]))
        return;
    if (i == want)
        i--;
    while (i > 0 && ranks_before(&h, &best[i - 1])) {
        best[i] = best[i - 1];
        i--;
    }
    best[i] = h;
}

typedef enum walk_end {
    WALK_SETTLED,     /* best[] holds the first `want` of the final order */
    WALK_EXHAUSTED,   /* it holds the best of the whole mset */
    WALK_UNKNOWN      /* a value that is none of the priors (an index from
                         another version), or Xapian failed (a writer moved
                         on: the caller's fallback reopens) */
} walk_end;

/* Walks r's mset (the BM25 order, from the first match) adding priors. */
static walk_end walk_with_prior(const run *r, ranked *best, size_t *count,
                                size_t want)
{
    prior_table priors;
    prior_table_init(&priors);
    size_t n = mset_size(r->mset);
    *count = 0;
    for (size_t i = 0; i < n; i++) {
        xc_hit info;
        char *value = NULL;
        size_t len = 0;
        if (xc_mset_hit(r->mset, i, &info, NULL) != XC_OK)
            return WALK_UNKNOWN;
        if (*count == want && info.weight + priors.max < best[want - 1].weight)
            return WALK_SETTLED;  /* nothing from here on can place */
        if (xc_mset_value(r->mset, i, SLOT_PRIOR, &value, &len, NULL) != XC_OK)
            return WALK_UNKNOWN;
        double prior;
        bool known = prior_of(&priors, value, len, &prior);
        free(value);
        if (!known)
            return WALK_UNKNOWN;
        ranked h = {info.docid, len ? info.weight + prior : info.weight, i};
        keep_best(best, count, want, h);
    }
    return WALK_EXHAUSTED;
}

/* Runs words (the query without the prior) and ranks by BM25 + prior.
 * *done false (no error): the caller runs words AND_MAYBE prior instead. */
static bool rank_with_prior(searcher *s, const xc_query *words,
                            const search_request *req, run *r, bool *done,
                            char **error)
{
    *done = false;
    size_t want = (size_t)req->offset + req->limit;
    if (!want || want > RERANK_DEPTH / 4 || s->remote)
        return true;
    ranked *best = malloc(want * sizeof *best);
    if (!best)
        return error_set(error, "out of memory");
    search_request deep = *req;
    deep.offset = 0;
    deep.limit = RERANK_DEPTH;
    size_t count = 0;
    if (!run_query(s, words, &deep, false, r, error)) {
        free(best);
        return false;
    }
    walk_end end = walk_with_prior(r, best, &count, want);
    /* Short of the depth asked for, the mset holds every match. */
    *done = end == WALK_SETTLED ||
            (end == WALK_EXHAUSTED && mset_size(r->mset) < RERANK_DEPTH);
    if (!*done) {
        free(best);
        run_free(r);
        return true;
    }
    /* best[] is sorted; the hits asked for start at the offset. */
    r->reranked = true;
    r->top = best;
    r->top_count = count > req->offset ? count - req->offset : 0;
    memmove(best, best + (count > req->offset ? req->offset : count),
            r->top_count * sizeof *best);
    return true;
}

/* One attempt: the plan's words (with default_op), filtered. */
static bool attempt(searcher *s, const query_plan *plan, const search_request *req,
                    xc_query_op default_op, xc_query **query_out, run *r,
                    char **error)
{
    xc_query *words = NULL, *filter = NULL, *q = NULL;
    bool ok = parse_words(s, plan->parser_input, default_op, &words, NULL, error) &&
              build_filter(s, &plan->filters, &req->filters, &filter, error);
    if (ok && filter) {
        xc_query *parts[2] = {words, filter};
        ok = xc_query_combine(XC_OP_FILTER, parts, 2, 0, &q, NULL) == XC_OK ||
             error_set(error, "out of memory");
    } else if (ok) {
        q = words;
        words = NULL;
    }
    if (ok && !wants_pullquotes(&plan->filters, &req->filters)) {
        xc_query *repeat = term_query(TERM_REPEAT, "");
        xc_query *parts[2] = {q, repeat};
        xc_query *without = NULL;
        ok = repeat && xc_query_combine(XC_OP_AND_NOT, parts, 2, 0, &without, NULL) == XC_OK;
        xc_query_free(repeat);
        xc_query_free(q);
        q = without;
        ok = ok || error_set(error, "out of memory");
    }
    xc_query_free(words);
    xc_query_free(filter);
    bool report_order = req->sort == SORT_REPORT ||
                        (req->sort == SORT_AUTO && !*plan->parser_input);
    bool done = false;
    if (ok && !report_order && *plan->parser_input) {
        /* Recommendations before captions when the words match alike: the
         * query says so (for --explain, and for when the re-ranking of the
         * words' order cannot settle), rank_with_prior does it. */
        xc_query *prior = NULL, *ranked = NULL;
        ok = xc_query_value_weight(SLOT_PRIOR, &prior, NULL) == XC_OK;
        xc_query *parts[2] = {q, prior};
        ok = (ok && xc_query_combine(XC_OP_AND_MAYBE, parts, 2, 0, &ranked, NULL) == XC_OK) ||
             error_set(error, "out of memory");
        xc_query_free(prior);
        ok = ok && rank_with_prior(s, q, req, r, &done, error);
        xc_query_free(q);
        q = ranked;
    }
    ok = ok && (done || run_query(s, q, req, report_order, r, error));
    if (ok)
        *query_out = q;
    else
        xc_query_free(q);
    return ok;
}

/* ---- all words first, then the best of the rest ----------------------------
 *
 * When fewer passages than the page asks for have every word, the page is
 * filled with the passages that have some of them, in BM25 order of the
 * words ORed: a rare word weighs more than a common one (its IDF), and a
 * passage with more of the words more than one with fewer.  Each such
 * result says which words it lacks. */

/* The words and "phrases" of a query as typed (filters out), that a
 * passage may lack; false when the query has operators or parentheses,
 * whose meaning partial matching would change. */
static bool typed_units(const char *typed, string_list *out)
{
    static const char *const ops[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    for (const char *p = typed; *p;) {
        if (*p == ' ') {
            p++;
            continue;
        }
        if (*p == '(' || *p == ')')
            return false;
        bool negated = *p == '-', loved = *p == '+';
        if (negated || loved)
            p++;
        const char *start = p;
        if (*p == '"') {
            const char *end = strchr(p + 1, '"');
            p = end ? end + 1 : p + strlen(p);
        } else {
            while (*p && *p != ' ')
                p++;
        }
        size_t len = (size_t)(p - start);
        for (size_t i = 0; !negated && !loved && i < sizeof ops / sizeof *ops; i++) {
            size_t n = strlen(ops[i]);
            if (len >= n && strncmp(start, ops[i], n) == 0 &&
                (len == n || start[n] == '/'))
                return false;
        }
        char *unit = strndup(start, len);
        bool ok = unit && (negated || string_list_add_unique(out, unit));
        free(unit);
        if (!ok)
            return false;
    }
    return true;
}

/* Which of the picked passages match one unit of the query, by running
 * the unit's words filtered to their ids. */
static bool unit_matches(searcher *s, const char *unit, const xc_query *ids,
                         size_t count, xc_docid *found, size_t *nfound)
{
    *nfound = 0;
    const query_lexicon lexicon = {word_known, words_with_prefix, s};
    query_plan plan;
    if (!query_plan_build(unit, &s->vocabulary, &lexicon, &plan, NULL))
        return false;
    xc_query *words = NULL, *q = NULL;
    bool ok = parse_words(s, plan.parser_input, XC_OP_AND, &words, NULL, NULL);
    query_plan_free(&plan);
    int empty = 1;
    if (ok && (xc_query_is_empty(words, &empty, NULL) != XC_OK || empty)) {
        xc_query_free(words);
        return false;   /* no searchable word ("&"): never missing */
    }
    xc_query *parts[2] = {words, (xc_query *)ids};
    ok = ok && xc_query_combine(XC_OP_FILTER, parts, 2, 0, &q, NULL) == XC_OK;
    xc_query_free(words);
    search_request req = {.limit = (unsigned)count};
    run r = {0};
    ok = ok && run_query(s, q, &req, false, &r, NULL);
    for (size_t i = 0; ok && i < mset_size(r.mset) && *nfound < count; i++)
        found[(*nfound)++] = run_docid(&r, i);
    run_free(&r);
    xc_query_free(q);
    return ok;
}

/* Fills each partial hit's missing list. */
static bool mark_missing(searcher *s, const string_list *units, const pick *picks,
                         search_result *out, char **error)
{
    size_t n = 0;
    xc_query **terms = calloc(out->count ? out->count : 1, sizeof *terms);
    xc_docid *found = calloc(out->count ? out->count : 1, sizeof *found);
    bool ok = terms && found;
    for (size_t i = 0; ok && i < out->count; i++)
        if (out->hits[i].partial)
            ok = (terms[n++] = term_query(PREFIX_ID, out->hits[i].passage.id)) != NULL;
    xc_query *ids = ok && n ? combine(XC_OP_OR, terms, n) : NULL;
    if (!ok)
        for (size_t i = 0; i < n; i++)
            xc_query_free(terms[i]);
    for (size_t u = 0; ok && ids && u < units->count; u++) {
        size_t nfound = 0;
        if (!unit_matches(s, units->items[u], ids, n, found, &nfound))
            continue;
        for (size_t i = 0; ok && i < out->count; i++) {
            if (!out->hits[i].partial)
                continue;
            bool has = false;
            for (size_t k = 0; k < nfound && !has; k++)
                has = found[k] == picks[i].docid;
            ok = has || string_list_add(&out->hits[i].missing, units->items[u]);
        }
    }
    xc_query_free(ids);
    free(terms);
    free(found);
    return ok || error_set(error, "out of memory");
}

/* A partial hit that lacks none of the words has them all, though not as
 * the query joined them (a vocabulary name, "Japan-South Korea", read as
 * a phrase): it moves up to the end of the passages with every word. */
static void promote_complete(search_result *out)
{
    unsigned first = out->count ? out->hits[0].rank : 0;
    size_t w = 0;   /* the passages with every word are hits[0..w) */
    while (w < out->count && !out->hits[w].partial)
        w++;
    for (size_t i = w; i < out->count; i++) {
        search_hit *h = &out->hits[i];
        if (!h->partial || h->missing.count)
            continue;
        h->partial = false;
        search_hit moved = *h;
        memmove(&out->hits[w + 1], &out->hits[w], (i - w) * sizeof *h);
        out->hits[w++] = moved;
    }
    out->partial = false;
    for (size_t i = 0; i < out->count; i++) {
        out->hits[i].rank = first + (unsigned)i;
        out->partial = out->partial || out->hits[i].partial;
    }
}

/* ---- exact forms before stem-only matches --------------------------------
 *
 * The index holds stems: "renewable" and "renewed" are both "renew".  A
 * passage that has the word as typed (or its plural) ranks before one
 * that has only another word of its stem: among the first EXACT_WINDOW
 * candidates past the page, each typed word found as typed adds
 * EXACT_BONUS to the passage's weight. */
#define EXACT_WINDOW 40
#define EXACT_BONUS 1.0

/* The typed words worth checking: plain ASCII letters, folded. */
static bool exact_words(const string_list *units, string_list *out)
{
    for (size_t u = 0; u < units->count; u++) {
        const char *w = units->items[u];
        bool plain = *w != '\0';
        for (const char *c = w; *c && plain; c++)
            plain = isalpha((unsigned char)*c);
        if (!plain)
            continue;
        char *lower = strdup(w);
        for (char *c = lower; c && *c; c++)
            *c = (char)tolower((unsigned char)*c);
        bool ok = lower && string_list_add_unique(out, lower);
        free(lower);
        if (!ok)
            return false;
    }
    return true;
}

/* How many of words text has as typed, or with -s / -es. */
static unsigned exact_count(const char *text, const string_list *words)
{
    unsigned found = 0;
    for (size_t k = 0; k < words->count; k++) {
        const char *w = words->items[k];
        size_t n = strlen(w);
        bool seen = false;
        for (const char *p = text; *p && !seen; p++) {
            if (strncasecmp(p, w, n) != 0 || (p > text && isalnum((unsigned char)p[-1])))
                continue;
            const char *e = p + n;
            if (*e == 's' || *e == 'S')
                e++;
            else if (strncasecmp(e, "es", 2) == 0)
                e += 2;
            seen = !isalnum((unsigned char)*e);
        }
        found += seen;
    }
    return found;
}

static double pick_weight(const pick *p)
{
    if (p->r->reranked)
        return p->r->top[p->i].weight;
    xc_hit info = {0};
    xc_mset_hit(p->r->mset, p->i, &info, NULL);
    return info.weight;
}

static int by_tier_then_weight(const void *a, const void *b)
{
    const pick *x = a, *y = b;
    if (x->partial != y->partial)
        return x->partial ? 1 : -1;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Adds the bonus of exact forms to picks[0..n) and re-sorts them, the
 * passages with every word still first. */
static bool rerank_exact(searcher *s, pick *picks, size_t n, const string_list *units,
                         char **error)
{
    string_list words = STRING_LIST_INIT;
    bool ok = exact_words(units, &words) || error_set(error, "out of memory");
    for (size_t i = 0; ok && i < n; i++) {
        picks[i].weight = pick_weight(&picks[i]);
        picks[i].order = i;
        if (!words.count)
            continue;
        search_hit hit = {0};
        ok = hit_at(s, picks[i].r, 0, picks[i].i, &hit, error);
        if (ok)
            picks[i].weight += EXACT_BONUS * exact_count(hit.passage.text, &words);
        passage_free(&hit.passage);
    }
    if (ok)
        qsort(picks, n, sizeof *picks, by_tier_then_weight);
    string_list_free(&words);
    return ok;
}

/* A query of words and phrases, ranked by relevance: the passages with
 * every word (the all-words run r, from the first match to EXACT_WINDOW
 * past the page, which counted the total and the facets), exact forms first; when fewer than the page asks for (and not
 * --match all), then those with some of the words, without repeats.  The
 * total and the facets stay those of the passages with every word, when
 * there are any. */
static bool rank_plain(searcher *s, const query_plan *plan, const search_request *req,
                       const string_list *units, run *r, xc_query **q,
                       search_result *out, char **error)
{
    uint32_t total_all = mset_total(r->mset);
    size_t want = (size_t)req->offset + req->limit;
    size_t depth = want + EXACT_WINDOW;
    bool fill = !req->match_all && units->count > 1 && (total_all < want || !total_all);
    run *all = r, some = {0};
    xc_query *q_some = NULL;
    search_request wide = *req;
    wide.offset = 0;
    wide.limit = (unsigned)(depth + total_all);
    wide.facets = req->facets && total_all == 0;
    bool ok = !fill || attempt(s, plan, &wide, XC_OP_OR, &q_some, &some, error);
    size_t n_all = ok ? run_size(all) : 0, n_some = ok && fill ? run_size(&some) : 0;
    pick *picks = ok ? calloc(n_all + n_some + 1, sizeof *picks) : NULL;
    ok = ok && (picks || error_set(error, "out of memory"));
    size_t n = 0;
    for (size_t i = 0; ok && i < n_all; i++)
        picks[n++] = (pick){all, i, run_docid(all, i), false, 0, 0};
    for (size_t i = 0; ok && i < n_some && n < depth; i++) {
        xc_docid d = run_docid(&some, i);
        bool seen = false;
        for (size_t k = 0; k < n_all && !seen; k++)
            seen = picks[k].docid == d;
        if (!seen)
            picks[n++] = (pick){&some, i, d, true, 0, 0};
    }
    ok = ok && rerank_exact(s, picks, n, units, error);
    size_t first = req->offset < n ? req->offset : n;
    size_t shown = n - first < req->limit ? n - first : req->limit;
    const xc_query *marks = fill ? q_some : *q;
    if (ok) {
        out->total_all = total_all;
        out->total = total_all || !fill ? total_all : mset_total(some.mset);
        for (size_t i = first; i < first + shown; i++)
            out->partial = out->partial || picks[i].partial;
        ok = collect_picks(s, picks + first, shown, marks, plan, req, out, error) &&
             (!out->partial || mark_missing(s, units, picks + first, out, error));
        promote_complete(out);
        /* No passage has every word: what total and facets count is partial
         * even when no result is shown (brief facets, --limit 0). */
        out->partial = out->partial || (fill && !total_all && out->total);
    }
    if (ok && req->facets)   /* the run that counted them */
        ok = collect_facets(!total_all && fill ? &some : r, out, error);
    free(picks);
    if (ok && fill) {   /* what ran, for --explain: the words ORed */
        xc_query_free(*q);
        *q = q_some;
        q_some = NULL;
    }
    run_free(&some);
    xc_query_free(q_some);
    return ok;
}

bool searcher_search(searcher *s, const search_request *req, search_result *out,
                     char **error)
{
    memset(out, 0, sizeof *out);
    if (req->limit > SEARCH_MAX_LIMIT)
        return error_set(error, "--limit %u is too large (at most %d)", req->limit,
                         SEARCH_MAX_LIMIT);
    if (req->offset > SEARCH_MAX_OFFSET)
        return error_set(error, "--offset %u is too large (at most %d)", req->offset,
                         SEARCH_MAX_OFFSET);
    query_plan plan;
    const query_lexicon lexicon = {word_known, words_with_prefix, s};
    if (!query_plan_build(req->query, &s->vocabulary, &lexicon, &plan, error))
        return false;
    /* Nothing at all is an error, but for facets: then it is the whole index. */
    if (!*plan.parser_input && !query_filters_any(&plan.filters) &&
        !query_filters_any(&req->filters) && !req->facets) {
        query_plan_free(&plan);
        return error_set(error, "nothing to search for: give words, a phrase or "
                         "a filter (brief search --help)");
    }
    out->query = strdup(req->query);
    bool replaceable = false;
    out->suggestion = suggest(s, plan.typed, &replaceable);

    /* A query of words and phrases ranked by relevance takes the first
     * candidates past the page too (rank_plain). */
    string_list units = STRING_LIST_INIT;
    bool by_relevance = req->sort == SORT_RELEVANCE || req->sort == SORT_AUTO;
    size_t want = (size_t)req->offset + req->limit;
    bool plain = *plan.parser_input && by_relevance && want <= SEARCH_MAX_LIMIT &&
                 typed_units(plan.typed, &units) && units.count;
    search_request first = *req;
    if (plain) {
        first.offset = 0;
        first.limit = (unsigned)(want + EXACT_WINDOW);
    }
    run r = {0};
    xc_query *q = NULL;
    bool ok = attempt(s, &plan, &first, XC_OP_AND, &q, &r, error);
    bool has_words = *plan.parser_input != '\0';
    if (ok && has_words && mset_total(r.mset) == 0 && out->suggestion &&
        replaceable) {
        /* Nothing as typed, and a typed word is neither the index's nor
         * English: try the spelling suggestion. */
        query_plan fixed;
        if (query_plan_build(out->suggestion, &s->vocabulary, &lexicon, &fixed, NULL)) {
            run r2 = {0};
            xc_query *q2 = NULL;
            if (attempt(s, &fixed, &first, XC_OP_AND, &q2, &r2, NULL) &&
                mset_total(r2.mset) > 0) {
                run_free(&r);
                xc_query_free(q);
                r = r2;
                q = q2;
                query_plan_free(&plan);
                plan = fixed;
                out->corrected = true;
            } else {
                run_free(&r2);
                xc_query_free(q2);
                query_plan_free(&fixed);
            }
        }
    }
    if (plain && out->corrected) {   /* the words are the suggestion's now */
        string_list_free(&units);
        plain = typed_units(plan.typed, &units) && units.count;
    }
    uint32_t total_all = ok ? mset_total(r.mset) : 0;
    if (ok && plain) {
        /* All words first, then the best of the rest. */
        ok = rank_plain(s, &plan, req, &units, &r, &q, out, error);
    } else if (ok && has_words && total_all == 0 && plan.words > 1 && !req->match_all) {
        /* Operators, and no passage matches them all: the best partial
         * matches of the words, said so. */
        run r2 = {0};
        xc_query *q2 = NULL;
        if (attempt(s, &plan, req, XC_OP_OR, &q2, &r2, error)) {
            run_free(&r);
            xc_query_free(q);
            r = r2;
            q = q2;
            out->total = mset_total(r.mset);
            out->partial = out->total > 0;
            ok = collect_hits(s, &r, q, &plan, req, true, out, error) &&
                 (!req->facets || collect_facets(&r, out, error));
        } else {
            ok = false;
        }
    } else if (ok) {
        out->total = out->total_all = total_all;
        ok = collect_hits(s, &r, q, &plan, req, false, out, error) &&
             (!req->facets || collect_facets(&r, out, error));
    }
    if (ok) {
        xc_query_describe(q, &out->parsed, NULL);   /* NULL if it fails */
        out->rewritten = strdup(plan.parser_input);
    }
    string_list_free(&units);
    run_free(&r);
    xc_query_free(q);
    query_plan_free(&plan);
    if (!ok)
        search_result_free(out);
    return ok;
}

/* ---- passages by id and order ------------------------------------------------- */

static bool fetch_first(searcher *s, xc_query *q, bool report_order,
                        uint32_t offset, passage *out, bool *found, char **error)
{
    *found = false;
    search_request req = {.offset = offset, .limit = 1};
    run r = {0};
    bool ok = run_query(s, q, &req, report_order, &r, error);
    if (ok && mset_size(r.mset) > 0) {
        char *data = NULL;
        size_t len = 0;
        ok = read_hit_data(s, r.mset, 0, &data, &len, error) &&
             passage_decode(data, len, out, error);
        free(data);
        *found = ok;
    }
    run_free(&r);
    return ok;
}

static bool get_exact(searcher *s, const char *full_id, passage *out, bool *found,
                      char **error)
{
    xc_query *q = NULL;
    strbuf term = STRBUF_INIT;
    strbuf_printf(&term, "%s%s", PREFIX_ID, full_id);
    bool ok = !term.failed && xc_query_term(term.data, &q, NULL) == XC_OK;
    strbuf_free(&term);
    if (!ok)
        return error_set(error, "out of memory");
    ok = fetch_first(s, q, false, 0, out, found, error);
    xc_query_free(q);
    return ok;
}

bool searcher_get(searcher *s, const char *id, passage *out, char **error)
{
    memset(out, 0, sizeof *out);
    bool found = false;
    if (strchr(id, ':')) {
        if (!get_exact(s, id, out, &found, error))
            return false;
        return found || error_set(error, "no passage '%s' in the index", id);
    }
    /* A short id: try it under every report. */
    size_t report_count;
    const report *reports = lazy_reports(s, &report_count);
    if (!metadata_ok(s, error))
        return false;
    const char *in_report = NULL;
    for (size_t i = 0; i < report_count; i++) {
        strbuf full = STRBUF_INIT;
        strbuf_printf(&full, "%s:%s", reports[i].id, id);
        passage p;
        bool here = false;
        bool ok = !full.failed && get_exact(s, full.data, &p, &here, error);
        strbuf_free(&full);
        if (!ok) {
            passage_free(out);
            return false;
        }
        if (!here)
            continue;
        if (in_report) {
            passage_free(&p);
            passage_free(out);
            return error_set(error, "passage id '%s' is in %s and %s: give the "
                             "report too (%s:%s)", id, in_report, reports[i].id,
                             in_report, id);
        }
        *out = p;
        in_report = reports[i].id;
    }
    return in_report || error_set(error, "no passage '%s' in the index", id);
}

bool searcher_neighbour(searcher *s, const passage *p, int delta, passage *out,
                        char **error)
{
    memset(out, 0, sizeof *out);
    long order = (long)p->order + delta;
    if (order < 0)
        return false;
    xc_query *q = term_query(PREFIX_REPORT, p->report);
    if (!q)
        return error_set(error, "out of memory");
    bool found = false;
    bool ok = fetch_first(s, q, true, (uint32_t)order, out, &found, error);
    xc_query_free(q);
    return ok && found;
}

bool searcher_each_passage(searcher *s, passage_fn fn, void *ctx, char **error)
{
    enum { PAGE = 500 };
    xc_query *all = NULL;
    if (xc_query_match_all(&all, NULL) != XC_OK)
        return error_set(error, "out of memory");
    bool ok = true, go = true;
    for (uint32_t offset = 0; ok && go; offset += PAGE) {
        search_request req = {.offset = offset, .limit = PAGE};
        run r = {0};
        ok = run_query(s, all, &req, true, &r, error);
        size_t n = ok ? mset_size(r.mset) : 0;
        go = n == PAGE;
        for (size_t i = 0; ok && i < n; i++) {
            char *data = NULL;
            size_t len = 0;
            passage p;
            ok = read_hit_data(s, r.mset, i, &data, &len, error) &&
                 passage_decode(data, len, &p, error);
            free(data);
            if (!ok)
                break;
            bool more = fn(&p, ctx);
            passage_free(&p);
            if (!more) {
                go = false;
                break;
            }
        }
        run_free(&r);
    }
    xc_query_free(all);
    return ok;
}
