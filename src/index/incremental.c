/* Updating the live generation in place: each shard's record of the
 * reports it holds, the reports changed and the reports gone. */
#include "indexer_internal.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "strbuf.h"

/* A read-only look at a database's metadata key ("" when absent). */
static bool peek_metadata(const char *path, const char *const *keys, char **values,
                          size_t n, char **error)
{
    xc_database *db = NULL;
    char *msg = NULL;
    xc_status st = xc_database_open_glass(path, &db, &msg);
    for (size_t i = 0; st == XC_OK && i < n; i++)
        st = xc_database_get_metadata(db, keys[i], &values[i], NULL, &msg);
    xc_database_free(db);
    if (st != XC_OK) {
        for (size_t i = 0; i < n; i++) {
            free(values[i]);
            values[i] = NULL;
        }
        return error_take(error, path, msg);
    }
    return true;
}

static json_t *parse_state(const char *text)
{
    json_error_t jerr;
    json_t *state = *text ? json_loads(text, 0, &jerr) : json_object();
    if (state && !json_is_object(state)) {
        json_decref(state);
        state = NULL;
    }
    return state;
}

/* Can the live generation be updated in place?  Reads each shard's record
 * of what it holds.  False (no error) when a full build is needed. */
bool try_incremental(build *b, const char *dir, const layout *live)
{
    if (b->opt->rebuild || !live->shards || live->shards != b->n)
        return false;
    strbuf meta = STRBUF_INIT;
    strbuf_printf(&meta, "%s/%s/%s", dir, live->gen, INDEX_META);
    const char *keys[] = {META_SCHEMA, META_GAZETTEER, META_REPORTS, META_VOCABULARY};
    char *values[4] = {NULL, NULL, NULL, NULL};
    bool ok = !meta.failed && peek_metadata(meta.data, keys, values, 4, NULL) &&
              strcmp(values[0], BRIEF_SCHEMA) == 0 &&
              strcmp(values[1], b->c->gazetteer_text) == 0;
    strbuf_free(&meta);
    if (ok) {
        b->update.old_reports = values[2];
        b->update.old_vocab = values[3];
        values[2] = values[3] = NULL;
    }
    free(values[0]);
    free(values[1]);
    free(values[2]);
    free(values[3]);
    for (unsigned k = 0; ok && k < b->n; k++) {
        strbuf path = STRBUF_INIT;
        strbuf_printf(&path, "%s/%s/%s%u", dir, live->gen, INDEX_SHARD_PREFIX, k + 1);
        const char *key[] = {META_STATE};
        char *state = NULL;
        ok = !path.failed && peek_metadata(path.data, key, &state, 1, NULL);
        b->shards[k].state = ok ? parse_state(state) : NULL;
        ok = ok && b->shards[k].state != NULL;
        free(state);
        strbuf_free(&path);
    }
    if (!ok) {
        for (unsigned k = 0; k < b->n; k++) {
            json_decref(b->shards[k].state);
            b->shards[k].state = NULL;
        }
        free(b->update.old_reports);
        free(b->update.old_vocab);
        b->update.old_reports = b->update.old_vocab = NULL;
    }
    return ok;
}

bool is_current(build *b, const report *r)
{
    if (b->full)
        return false;
    for (unsigned k = 0; k < b->n; k++) {
        const char *h = json_string_value(json_object_get(b->shards[k].state, r->id));
        if (!h || strcmp(h, r->content_hash) != 0)
            return false;
    }
    return true;
}

/* Passages of reports the corpus no longer has: gone.  Their ids are
 * added to removed. */
bool remove_missing(build *b, strset *removed)
{
    for (unsigned k = 0; k < b->n; k++) {
        target *t = &b->shards[k];
        string_list gone = STRING_LIST_INIT;
        const char *id;
        json_t *v;
        json_object_foreach(t->state, id, v) {
            (void)v;
            char *key = lowered(id);
            if (!key || (!strset_count(&b->kept.ids, key, strlen(key)) &&
                         !string_list_add(&gone, id))) {
                free(key);
                string_list_free(&gone);
                return error_set(b->error, "out of memory");
            }
            free(key);
        }
        for (size_t i = 0; i < gone.count; i++) {
            char *xd = schema_filter_term(PREFIX_REPORT, gone.items[i]);
            char *msg = NULL;
            xc_status st = xd ? xc_writable_delete_document(t->db, xd, &msg)
                              : XC_ERR_NO_MEMORY;
            free(xd);
            if (st != XC_OK) {
                string_list_free(&gone);
                return xapian_fail(b, t->path, msg, st);
            }
            json_object_del(t->state, gone.items[i]);
            if (!strset_count(removed, gone.items[i], strlen(gone.items[i])))
                strset_add(removed, gone.items[i], strlen(gone.items[i]));
        }
        string_list_free(&gone);
    }
    b->sum->reports_removed = removed->size;
    return true;
}

/* A full build: how many reports of the live index the corpus no longer
 * has (an update counts them as it deletes them, in remove_missing). */
void count_removed_by_full_build(build *b, const char *dir, const layout *live)
{
    if (!live->shards)
        return;
    strbuf path = STRBUF_INIT;
    strbuf_printf(&path, "%s/%s/%s", dir, live->gen, INDEX_META);
    const char *keys[] = {META_REPORTS};
    char *old = NULL;
    if (path.failed || !peek_metadata(path.data, keys, &old, 1, NULL)) {
        strbuf_free(&path);
        return;
    }
    strbuf_free(&path);
    /* reports_encode's lines: a header, then one a report, its id first. */
    size_t removed = 0;
    const char *line = strchr(old, '\n');
    for (line = line ? line + 1 : NULL; line && *line;) {
        const char *eol = strchr(line, '\n');
        size_t len = eol ? (size_t)(eol - line) : strlen(line);
        const char *sep = memchr(line, '\x1f', len);
        char *id = sep ? strndup(line, (size_t)(sep - line)) : NULL;
        char *key = id ? lowered(id) : NULL;
        removed += key && !strset_count(&b->kept.ids, key, strlen(key));
        free(id);
        free(key);
        line = eol ? eol + 1 : NULL;
    }
    free(old);
    b->sum->reports_removed = removed;
}

/* META_REPORTS with the removed reports still in, for the moment between
 * the metadata's commit and the shards': a searcher then may still find
 * their passages, and must be able to cite them. */
char *reports_with_removed(const char *now, const char *old,
                           const strset *removed)
{
    /* Both are reports_encode's lines: a header, then one line a report
     * whose first field (up to 0x1f) is its id. */
    strbuf sb = STRBUF_INIT;
    strbuf_puts(&sb, now);
    const char *line = old ? strchr(old, '\n') : NULL;
    for (line = line ? line + 1 : NULL; line && *line;) {
        const char *eol = strchr(line, '\n');
        size_t len = eol ? (size_t)(eol - line) : strlen(line);
        const char *sep = memchr(line, '\x1f', len);
        if (sep && strset_count(removed, line, (size_t)(sep - line))) {
            strbuf_append(&sb, line, len);
            strbuf_putc(&sb, '\n');
        }
        line = eol ? eol + 1 : NULL;
    }
    return strbuf_detach(&sb);
}
