/* index_build: reads the corpus a report at a time, builds each passage
 * into a document for the writer thread, and finishes the generation. */
#include "indexer_internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "array.h"
#include "error.h"
#include "fence.h"
#include "passage_codec.h"
#include "strbuf.h"

void index_summary_free(index_summary *s)
{
    string_list_free(&s->agencies);
    string_list_free(&s->actors);
    free(s->database);
    memset(s, 0, sizeof *s);
}

static void summarise(index_summary *s, const passage *p)
{
    s->passages++;
    s->bytes += strlen(p->text);
    s->by_kind[p->kind]++;
    s->by_pillar[p->pillar >= 1 && p->pillar <= PILLAR_MAX ? p->pillar : 0]++;
    for (size_t i = 0; i < p->agencies.count; i++)
        string_list_add_unique(&s->agencies, p->agencies.items[i]);
    for (size_t i = 0; i < p->actors.count; i++)
        string_list_add_unique(&s->actors, p->actors.items[i]);
}

/* The spelling table's words are counted over a batch of passages (a
 * strset) and added to the table once per word at the next commit: Xapian's
 * own per-word updates (TermGenerator's FLAG_SPELLING) cost more than the
 * rest of the indexing together.
 *
 * A passage's words for the spelling table: the terms of its words
 * document, with their wdf; not numbers, nor words with digits: no one
 * misspells those (and a wildcard with a digit expands over the stems). */
static int count_word(const char *term, uint32_t wdf, void *ctx)
{
    for (const char *p = term; *p; p++)
        if (*p >= '0' && *p <= '9')
            return 0;
    return strset_add_n(ctx, term, strlen(term), wdf) ? 0 : 1;
}

/* Xapian rewrites each spelling fragment it touches at every commit, and
 * holds a new word's fragments in memory until then: the counted words go
 * to the table when there are this many (and at the end), not at every
 * commit of the shards. */
#define SPELLING_BATCH_WORDS 150000

/* Documents built ahead of the writer at most.  This thread builds them
 * about half again as fast as the writer adds them, so at the end the
 * writer has this many still to add, and this thread commits the spelling
 * table meanwhile (that commit is seconds of work).  12,000 of the
 * benchmark's passages are about 4 s of the writer's work and 95 MB. */
#define WRITER_QUEUE 12000

/* See open_generation. */
#define FLUSH_DOCS "1000"

bool xapian_fail(build *b, const char *where, char *msg, xc_status st)
{
    return error_take(b->error, where, msg ? msg : strdup(xc_status_name(st)));
}

static uint32_t shard_of(const char *id, unsigned n)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        h ^= *p;
        h *= 16777619u;
    }
    return n ? h % n : 0;
}

char *lowered(const char *s)
{
    char *out = strdup(s);
    for (char *p = out; p && *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return out;
}

/* Opens the database name of the generation; a shard of a full build
 * (in_runs) is written as runs, and made at the end (merge_runs). */
static bool open_target(build *b, target *t, const char *name, bool in_runs,
                        char **error)
{
    strbuf path = STRBUF_INIT;
    strbuf_printf(&path, "%s/%s", b->gen, name);
    t->path = strbuf_detach(&path);
    if (!t->path)
        return error_set(error, "out of memory");
    if (in_runs)
        return open_run(t, error);
    char *msg = NULL;
    xc_status st = xc_writable_open(t->path, b->full ? XC_CREATE_OR_OVERWRITE : XC_OPEN,
                                    0, &t->db, &msg);
    if (st != XC_OK)
        return error_take(error, t->path, msg);
    return true;
}

static bool open_generation(build *b, const char *dir, const layout *live)
{
    char **error = b->error;
    strbuf gen = STRBUF_INIT;
    if (!b->full) {
        strbuf_printf(&gen, "%s/%s", dir, live->gen);
    } else {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        strbuf_printf(&gen, "%s/%s%lld-%09ld-%ld", dir, INDEX_GEN_PREFIX,
                      (long long)ts.tv_sec, ts.tv_nsec, (long)getpid());
    }
    b->gen = strbuf_detach(&gen);
    if (!b->gen)
        return error_set(error, "out of memory");
    if (b->full && mkdir(b->gen, 0777) != 0)
        return error_set(error, "index %s: %s", b->gen, strerror(errno));
    /* Xapian buffers the postings of this many documents before it merges
     * them into the tables (its default: 10,000).  Smaller buffers stay in
     * the processor's caches: at 1,000 the writer works a third less, the
     * index is the same size, and memory is lower.  Read by Xapian when a
     * database opens; a value the user set wins. */
    setenv("XAPIAN_FLUSH_THRESHOLD", FLUSH_DOCS, 0);
    bool ok = open_target(b, &b->meta, INDEX_META, false, error);
    for (unsigned k = 0; ok && k < b->n; k++) {
        char name[32];
        snprintf(name, sizeof name, "%s%u", INDEX_SHARD_PREFIX, k + 1);
        ok = open_target(b, &b->shards[k], name, b->full, error);
        if (ok && !b->shards[k].state)
            ok = (b->shards[k].state = json_object()) != NULL ||
                 error_set(error, "out of memory");
    }
    char *msg = NULL;
    /* Spelling goes to the metadata database: a searcher whose shards are
     * remote still has it. */
    if (ok && (xc_termgen_new(BRIEF_STEM_LANGUAGE, XC_STEM_ALL_Z, NULL,
                              &b->tg.stems, &msg) != XC_OK ||
               xc_termgen_new(NULL, XC_STEM_NONE, NULL, &b->tg.words, &msg) != XC_OK ||
               xc_document_new(&b->idle, &msg) != XC_OK))
        ok = error_take(error, b->meta.path, msg);
    if (ok && !(b->writer = shard_writer_new(WRITER_QUEUE)))
        ok = error_set(error, "out of memory");
    return ok;
}

/* Waits for the writer: afterwards this thread may use the shards. */
bool wait_writer(build *b)
{
    return shard_writer_wait(b->writer, b->error);
}

/* Has the writer commit each shard with its record of the reports it
 * holds, as they are now.  Asynchronous: wait_writer() to see it done. */
static bool commit_shards(build *b)
{
    for (unsigned k = 0; k < b->n; k++) {
        target *t = &b->shards[k];
        char *state = json_dumps(t->state, JSON_COMPACT | JSON_SORT_KEYS);
        char *where = strdup(t->path);
        if (!state || !where) {
            free(state);
            free(where);
            return error_set(b->error, "out of memory");
        }
        if (!shard_writer_commit(b->writer, t->db, META_STATE, state, where))
            return wait_writer(b);
    }
    return true;
}

/* Keeps r's metadata (not its passages) for META_REPORTS. */
static bool keep_metadata(build *b, report *r)
{
    if (!array_make_room(&b->kept.reports, &b->kept.cap, b->kept.count,
                         sizeof *b->kept.reports, 16))
        return false;
    for (size_t i = 0; i < r->count; i++)
        passage_free(&r->passages[i]);
    free(r->passages);
    r->passages = NULL;
    /* r->count stays: the number of passages, as META_REPORTS records. */
    b->kept.reports[b->kept.count++] = *r;
    memset(r, 0, sizeof *r);
    return true;
}

static bool index_passages(build *b, const report *r)
{
    char *xd = schema_filter_term(PREFIX_REPORT, r->id);
    if (!xd)
        return error_set(b->error, "out of memory");
    bool ok = true;
    char *msg = NULL;
    xc_status st = XC_OK;
    /* The report's old passages, wherever they are. */
    if (!b->full)
        ok = wait_writer(b);
    for (unsigned k = 0; ok && !b->full && k < b->n; k++) {
        st = xc_writable_delete_document(b->shards[k].db, xd, &msg);
        if (st != XC_OK)
            ok = xapian_fail(b, b->shards[k].path, msg, st);
    }
    free(xd);
    for (size_t i = 0; ok && i < r->count; i++) {
        if (b->full && b->runs.since_run >= b->runs.run_bytes * b->n && !next_runs(b)) {
            ok = false;
            break;
        }
        const passage *p = &r->passages[i];
        target *t = &b->shards[shard_of(p->id, b->n)];
        xc_document *doc = NULL, *words = NULL;
        st = xc_document_new(&doc, &msg);
        if (st == XC_OK)
            st = xc_document_new(&words, &msg);
        if (st == XC_OK)
            st = build_document(b->c, p, &b->tg, doc, words, &msg);
        if (st == XC_OK)
            st = xc_document_each_term(words, count_word, &b->spelling, &msg);
        /* The document goes to the writer's thread: nothing here may still
         * hold it (Xapian's reference counts are not atomic). */
        if (st == XC_OK)
            st = xc_termgen_set_document(b->tg.stems, b->idle, &msg);
        if (st == XC_OK)
            st = xc_termgen_set_document(b->tg.words, b->idle, &msg);
        xc_document_free(words);
        strbuf where = STRBUF_INIT;
        strbuf_printf(&where, "%s:%u (passage %s)", r->source, p->source_line, p->id);
        if (st == XC_OK && where.failed)
            st = XC_ERR_NO_MEMORY;
        if (st != XC_OK) {
            xc_document_free(doc);
            ok = xapian_fail(b, where.data, msg, st);
            strbuf_free(&where);
            break;
        }
        if (!shard_writer_add(b->writer, t->db, doc, strbuf_detach(&where))) {
            ok = wait_writer(b);
            break;
        }
        size_t len = strlen(p->text);
        b->sum->passages_indexed++;
        b->sum->bytes_indexed += len;
        b->runs.since_run += len;
    }
    for (unsigned k = 0; ok && k < b->n; k++)
        ok = json_object_set_new(b->shards[k].state, r->id,
                                 json_string(r->content_hash)) == 0 ||
             error_set(b->error, "out of memory");
    return ok;
}

static bool add_report(build *b, report *r)
{
    char *key = lowered(r->id);
    if (!key)
        return error_set(b->error, "out of memory");
    if (strset_count(&b->kept.ids, key, strlen(key))) {
        const char *other = "another report";
        for (size_t i = 0; i < b->kept.count; i++)
            if (strcasecmp(b->kept.reports[i].id, r->id) == 0)
                other = b->kept.reports[i].source;
        free(key);
        return error_set(b->error, "%s: report id '%s' is also used by %s", r->source,
                         r->id, other);
    }
    bool ok = strset_add(&b->kept.ids, key, strlen(key)) || error_set(b->error, "out of memory");
    free(key);
    ok = ok && (vocabulary_find_acronyms(&b->vocab, r) ||
                error_set(b->error, "out of memory"));
    for (size_t i = 0; ok && i < r->count; i++)
        summarise(b->sum, &r->passages[i]);
    if (ok && is_current(b, r)) {
        b->sum->reports_unchanged++;
    } else if (ok) {
        ok = index_passages(b, r);
        b->sum->reports_indexed += ok;
        if (ok && b->full && b->spelling.size >= SPELLING_BATCH_WORDS)
            ok = commit_meta(b);
    }
    b->progress.passages_done += r->count;
    return ok && (keep_metadata(b, r) || error_set(b->error, "out of memory"));
}

/* Writes what is left and makes it visible. */
static bool finish(build *b, const char *dir)
{
    strset removed = STRSET_INIT;
    /* In place, the shards are this thread's again from here on; a new
     * generation's metadata is written while the writer catches up. */
    bool ok = b->full || (wait_writer(b) && remove_missing(b, &removed));
    char *reports = ok ? reports_encode(b->kept.reports, b->kept.count) : NULL;
    char *vocab = ok ? vocabulary_encode(&b->vocab) : NULL;
    ok = ok && ((reports && vocab) || error_set(b->error, "out of memory"));
    bool changed = b->full || b->sum->reports_indexed || removed.size ||
                   (ok && (!b->update.old_reports || strcmp(reports, b->update.old_reports) != 0 ||
                           !b->update.old_vocab || strcmp(vocab, b->update.old_vocab) != 0));
    if (ok && b->full) {
        /* Nothing is visible until the swap. */
        ok = write_report_keys(b) && write_metadata(b, reports, vocab) && commit_shards(b) &&
             wait_writer(b) && merge_runs(b) &&
             swap_current(dir, b->gen + strlen(dir) + 1, b->n, b->error);
    } else if (ok && changed) {
        /* In place: the metadata first (it then knows every report a
         * searcher can find), the shards (each one atomic commit), and the
         * metadata again without the reports that are gone; behind the
         * fence, so that no searcher opens the index halfway. */
        char *wider = removed.size ? reports_with_removed(reports, b->update.old_reports, &removed)
                                   : NULL;
        index_fence fence = index_fence_enter(dir, true);
        ok = index_fence_mark(fence, true) ||
             error_set(b->error, "index %s: cannot write %s: %s", dir, INDEX_FENCE,
                       strerror(errno));
        ok = ok && write_report_keys(b) && write_metadata(b, wider ? wider : reports, vocab) &&
             commit_shards(b) &&
             wait_writer(b);
        if (ok && wider)
            ok = forget_reports(b, &removed) && write_metadata(b, reports, vocab);
        if (ok)
            index_fence_mark(fence, false);
        index_fence_leave(fence);
        free(wider);
    } else if (ok) {
        /* Nothing to write: every shard's record matches the corpus, so a
         * mark left by an update that died after its commits is stale. */
        index_fence fence = index_fence_enter(dir, true);
        if (index_fence_torn(fence))
            index_fence_mark(fence, false);
        index_fence_leave(fence);
    }
    free(reports);
    free(vocab);
    strset_free(&removed);
    return ok;
}

static void build_free(build *b)
{
    shard_writer_free(b->writer);   /* first: it may be using the shards */
    xc_document_free(b->idle);
    strset_free(&b->spelling);
    xc_termgen_free(b->tg.stems);
    xc_termgen_free(b->tg.words);
    xc_writable_free(b->meta.db);
    free(b->meta.path);
    for (unsigned k = 0; k < INDEX_MAX_SHARDS; k++) {
        xc_writable_free(b->shards[k].db);
        free(b->shards[k].path);
        json_decref(b->shards[k].state);
    }
    vocabulary_free(&b->vocab);
    for (size_t i = 0; i < b->kept.count; i++) {
        b->kept.reports[i].count = 0;   /* its passages are freed already */
        report_free(&b->kept.reports[i]);
    }
    free(b->kept.reports);
    strset_free(&b->kept.ids);
    free(b->update.old_reports);
    free(b->update.old_vocab);
    free(b->gen);
}

static size_t editions_bytes(const corpus *c)
{
    size_t total = 0;
    for (size_t i = 0; i < c->editions.count; i++) {
        struct stat st;
        if (stat(c->editions.items[i], &st) == 0)
            total += (size_t)st.st_size;
    }
    return total;
}

static bool read_each_report(build *b)
{
    const corpus *c = b->c;
    b->progress.reports_total = c->editions.count;
    bool ok = true;
    for (size_t i = 0; ok && i < c->editions.count; i++) {
        report r;
        ok = corpus_read_report(c, i, &r, b->error);
        struct stat st;
        if (ok && stat(c->editions.items[i], &st) == 0)
            b->progress.bytes_done += (size_t)st.st_size;
        ok = ok && add_report(b, &r);
        report_free(&r);
        b->progress.reports_done++;
        if (ok && b->opt->progress)
            b->opt->progress(&b->progress, b->opt->progress_ctx);
    }
    return ok;
}

bool index_build(const corpus *c, const char *index_dir,
                 const index_options *options, index_summary *summary,
                 char **error)
{
    memset(summary, 0, sizeof *summary);
    index_options defaults = {0};
    if (!options)
        options = &defaults;
    if (options->shards > INDEX_MAX_SHARDS)
        return error_set(error, "--shards %u: at most %d", options->shards,
                         INDEX_MAX_SHARDS);
    if (!make_dirs(index_dir, error))
        return false;
    int lock = take_lock(index_dir, options->wait_for_lock, error);
    if (lock < 0)
        return false;

    layout live;
    read_layout(index_dir, &live);
    build b = {.c = c, .opt = options, .sum = summary, .error = error,
               .vocab = VOCABULARY_INIT, .kept.ids = STRSET_INIT};
    b.n = options->shards ? options->shards : live.shards ? live.shards : 1;
    b.full = !try_incremental(&b, index_dir, &live);
    b.progress.bytes_total = editions_bytes(c);
    b.runs.run_bytes = choose_run_bytes(options, b.progress.bytes_total, b.n);
    summary->full = b.full;
    summary->shards = b.n;

    strbuf source = STRBUF_INIT;
    strbuf_printf(&source, "%s/%s", c->dir, CORPUS_SYNONYMS_NAME);
    bool ok = (!source.failed || error_set(error, "out of memory")) &&
              vocabulary_parse(c->synonyms_text, source.data, &b.vocab, error);
    strbuf_free(&source);
    ok = ok && open_generation(&b, index_dir, &live);
    ok = ok && read_each_report(&b);
    if (ok && b.full)
        count_removed_by_full_build(&b, index_dir, &live);
    ok = ok && finish(&b, index_dir);
    summary->reports = b.kept.count;
    summary->vocabulary_groups = b.vocab.count;
    summary->acronyms = b.vocab.acronyms;
    char *gen_path = b.gen ? strdup(b.gen) : NULL;
    bool full = b.full;
    build_free(&b);   /* closes the databases before any is removed */
    if (ok) {
        const char *name = gen_path + strlen(index_dir) + 1;
        /* A new generation: the previous one stays for searchers that opened
         * it; in place: only the live one is kept. */
        remove_old_generations(index_dir, name, full ? live.gen : NULL);
        summary->database = gen_path;
        gen_path = NULL;
    } else if (full && gen_path) {
        remove_tree(gen_path);
    }
    free(gen_path);
    layout_free(&live);
    close(lock);
    return ok;
}
