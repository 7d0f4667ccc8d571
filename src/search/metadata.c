/* The index's metadata, read lazily: the schema check, the gazetteer and
 * the reports (one by one for citations, all when asked). */
#include "searcher_internal.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "passage_codec.h"
#include "schema.h"
#include "strbuf.h"

/* Reports read one by one, at most: past that, read them all. */
#define CITED_MAX 32

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

/* Reads what the searcher needs (the schema is checked now; the gazetteer
 * and the reports are kept as text and parsed when first used). */
bool load_metadata(searcher *s, char **error)
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

const gazetteer *lazy_gazetteer(const searcher *s)
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
const report *lazy_reports(const searcher *s, size_t *count)
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
    char *key = schema_report_key(id);
    char *text = NULL;
    report *one = NULL;
    size_t n = 0;
    bool ok = key && read_metadata(s, key, &text, NULL) && *text &&
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
    free(key);
    free(text);
    return one;
}

/* For the searcher's own uses, after reading a part of the metadata:
 * false, with the reason, when the metadata was unreadable. */
bool metadata_ok(const searcher *s, char **error)
{
    return !s->lazy->error || error_set(error, "%s", s->lazy->error);
}

void lazy_metadata_free(lazy_metadata *lazy)
{
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
