/* The generation's metadata database: its keys (schema, reports, each
 * report's own key, vocabulary, ...) and the spelling table. */
#include "indexer_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "passage_codec.h"
#include "strbuf.h"

/* Commits the metadata database, with the spelling table's words counted
 * so far.  (In this thread: the writer has the shards.) */
bool commit_meta(build *b)
{
    char *msg = NULL;
    xc_status st = XC_OK;
    strset *w = &b->spelling;
    for (size_t i = 0; st == XC_OK && i < w->cap; i++)
        if (w->keys[i])
            st = xc_writable_add_spelling(b->meta.db, w->keys[i], w->counts[i], &msg);
    strset_free(w);
    if (st == XC_OK)
        st = xc_writable_commit(b->meta.db, &msg);
    return st == XC_OK || xapian_fail(b, b->meta.path, msg, st);
}

/* Sets report id's own key (META_REPORT_PREFIX) to value; "" deletes it. */
static bool set_report_key(build *b, const char *id, const char *value)
{
    if (strlen(id) > REPORT_KEY_MAX)
        return true;   /* the searcher reads the whole list for it */
    char *key = schema_report_key(id);
    char *msg = NULL;
    xc_status st = !key ? XC_ERR_NO_MEMORY
                        : xc_writable_set_metadata(b->meta.db, key, value, strlen(value),
                                                   &msg);
    free(key);
    return st == XC_OK || xapian_fail(b, b->meta.path, msg, st);
}

/* Each report's own key, which citations read (a search would otherwise
 * read the whole list: 0.9 MB for 2,324 reports). */
bool write_report_keys(build *b)
{
    bool ok = true;
    for (size_t i = 0; ok && i < b->kept.count; i++) {
        char *one = reports_encode(&b->kept.reports[i], 1);
        ok = (one || error_set(b->error, "out of memory")) &&
             set_report_key(b, b->kept.reports[i].id, one);
        free(one);
    }
    return ok;
}

/* Deletes the keys of the reports removed. */
bool forget_reports(build *b, const strset *removed)
{
    bool ok = true;
    for (size_t i = 0; ok && i < removed->cap; i++)
        if (removed->keys[i])
            ok = set_report_key(b, removed->keys[i], "");
    return ok;
}

/* Writes the metadata keys and commits them (with the report keys a caller
 * wrote before: once a build, not again when the removed reports go). */
bool write_metadata(build *b, const char *reports, const char *vocab)
{
    char built[32], shards[16];
    time_t now = time(NULL);
    strftime(built, sizeof built, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    snprintf(shards, sizeof shards, "%u", b->n);
    const char *keys[] = {META_SCHEMA, META_REPORTS, META_VOCABULARY, META_GAZETTEER,
                          META_BUILT, META_SHARDS};
    const char *values[] = {BRIEF_SCHEMA, reports, vocab, b->c->gazetteer_text,
                            built, shards};
    char *msg = NULL;
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        xc_status st = xc_writable_set_metadata(b->meta.db, keys[i], values[i],
                                                strlen(values[i]), &msg);
        if (st != XC_OK)
            return xapian_fail(b, b->meta.path, msg, st);
    }
    return commit_meta(b);
}
