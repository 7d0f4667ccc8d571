/* nftw() and flock() are X/Open and BSD, beyond plain POSIX. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE
#include "indexer.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "fence.h"
#include "file.h"
#include "normalize.h"
#include "passage_codec.h"
#include "schema.h"
#include "shard_writer.h"
#include "strbuf.h"
#include "strset.h"
#include "vocabulary.h"
#include "xapian-c.h"

void index_summary_free(index_summary *s)
{
    string_list_free(&s->agencies);
    string_list_free(&s->actors);
    free(s->database);
    memset(s, 0, sizeof *s);
}

/* ---- the index folder --------------------------------------------------- */

static bool make_dirs(const char *path, char **error)
{
    char *copy = strdup(path);
    if (!copy)
        return error_set(error, "out of memory");
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
            error_set(error, "index %s: cannot create %s: %s", path, copy,
                      strerror(errno));
            free(copy);
            return false;
        }
        *p = '/';
    }
    free(copy);
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        return error_set(error, "index %s: %s", path, strerror(errno));
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return error_set(error, "index %s: exists and is not a folder", path);
    return true;
}

/* One build at a time per index folder: an flock on .lock, released by the
 * kernel if the build dies. */
static int take_lock(const char *dir, bool wait, char **error)
{
    strbuf path = STRBUF_INIT;
    strbuf_printf(&path, "%s/%s", dir, INDEX_LOCK);
    /* O_NOFOLLOW: a symbolic link planted as .lock is not followed. */
    int fd = path.failed ? -1 : open(path.data, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
                                     0666);
    if (fd < 0) {
        error_set(error, "index %s: cannot open lock file: %s", dir, strerror(errno));
        strbuf_free(&path);
        return -1;
    }
    strbuf_free(&path);
    if (flock(fd, LOCK_EX | LOCK_NB) == 0)
        return fd;
    if (errno == EWOULDBLOCK && wait && flock(fd, LOCK_EX) == 0)
        return fd;
    if (errno == EWOULDBLOCK)
        error_set(error, "index %s: another 'brief index' is building it; "
                  "try again when it ends (or use --wait)", dir);
    else
        error_set(error, "index %s: cannot lock: %s", dir, strerror(errno));
    close(fd);
    return -1;
}

/* ---- the index folder's generations -------------------------------------- */

/* `current` is written as a new file of this prefix, then renamed. */
#define CURRENT_TMP_PREFIX INDEX_CURRENT ".tmp-"

/* What `current` lists: the generation and its shard count (0 when the stub
 * is missing or not of this layout, e.g. an index of an older brief). */
typedef struct layout {
    char *gen;          /* "gen-...", or NULL */
    unsigned shards;
} layout;

static void layout_free(layout *l)
{
    free(l->gen);
    memset(l, 0, sizeof *l);
}

static void read_layout(const char *dir, layout *out)
{
    memset(out, 0, sizeof *out);
    strbuf path = STRBUF_INIT;
    strbuf_printf(&path, "%s/%s", dir, INDEX_CURRENT);
    struct stat st;
    FILE *f = path.failed ? NULL : file_open_regular(path.data, &st, NULL);
    strbuf_free(&path);
    if (!f)
        return;
    char line[1024];
    unsigned n = 0;
    bool ours = true;
    for (unsigned lineno = 0; fgets(line, sizeof line, f); lineno++) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!*line)
            continue;
        const char *name = strncmp(line, "glass ", 6) == 0 ? line + 6 : line;
        const char *slash = strchr(name, '/');
        if (!out->gen)
            out->gen = slash ? strndup(name, (size_t)(slash - name)) : strdup(name);
        /* Only a generation folder of this index: "gen-..." with no '/'
         * or "..", so what `current` says cannot lead the build elsewhere. */
        if (!out->gen || !slash ||
            strncmp(out->gen, INDEX_GEN_PREFIX, strlen(INDEX_GEN_PREFIX)) != 0 ||
            strstr(out->gen, "..") ||
            strncmp(name, out->gen, strlen(out->gen)) != 0 ||
            name[strlen(out->gen)] != '/') {
            ours = false;
            continue;
        }
        const char *base = slash + 1;
        char want[64];
        if (lineno == 0)
            snprintf(want, sizeof want, "%s", INDEX_META);
        else
            snprintf(want, sizeof want, "%s%u", INDEX_SHARD_PREFIX, lineno);
        if (strcmp(base, want) != 0)
            ours = false;
        else if (lineno > 0)
            n++;
    }
    fclose(f);
    /* An update in place writes into the generation: a real folder, not a
     * symbolic link to somewhere else. */
    strbuf gen = STRBUF_INIT;
    struct stat gst;
    if (out->gen)
        strbuf_printf(&gen, "%s/%s", dir, out->gen);
    ours = ours && out->gen && !gen.failed && lstat(gen.data, &gst) == 0 &&
           S_ISDIR(gst.st_mode);
    strbuf_free(&gen);
    out->shards = ours && n >= 1 && n <= INDEX_MAX_SHARDS ? n : 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

/* Removes a folder and all it holds (best effort: what cannot be removed
 * stays). */
static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Generations that are neither the live one nor the one searchers may
 * still be reading (the previous) are garbage: a killed build leaves one. */
static void remove_old_generations(const char *dir, const char *keep1,
                                   const char *keep2)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        if (strncmp(ent->d_name, CURRENT_TMP_PREFIX, strlen(CURRENT_TMP_PREFIX)) == 0) {
            unlinkat(dirfd(d), ent->d_name, 0);   /* a killed build's */
            continue;
        }
        if (strncmp(ent->d_name, INDEX_GEN_PREFIX, strlen(INDEX_GEN_PREFIX)) != 0)
            continue;
        if ((keep1 && strcmp(ent->d_name, keep1) == 0) ||
            (keep2 && strcmp(ent->d_name, keep2) == 0))
            continue;
        strbuf path = STRBUF_INIT;
        strbuf_printf(&path, "%s/%s", dir, ent->d_name);
        if (!path.failed)
            remove_tree(path.data);
        strbuf_free(&path);
    }
    closedir(d);
}

static bool fsync_path(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    if (fd < 0)
        return false;
    bool ok = fsync(fd) == 0;
    close(fd);
    return ok;
}

/* Points `current` at generation gen atomically: write a new stub, then
 * rename.  Paths are relative: the index folder can be moved or mounted
 * elsewhere (Xapian reads them relative to the stub). */
static bool swap_current(const char *dir, const char *gen, unsigned shards,
                         char **error)
{
    strbuf tmp = STRBUF_INIT, cur = STRBUF_INIT, body = STRBUF_INIT;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    /* A new file of a name no one could plant in advance (O_EXCL) and never
     * a symbolic link (O_NOFOLLOW): what is there is not overwritten.  A
     * killed build's leftover is swept with old generations. */
    strbuf_printf(&tmp, "%s/%s%ld-%ld", dir, CURRENT_TMP_PREFIX, (long)getpid(),
                  ts.tv_nsec);
    strbuf_printf(&cur, "%s/%s", dir, INDEX_CURRENT);
    strbuf_printf(&body, "glass %s/%s\n", gen, INDEX_META);
    for (unsigned k = 1; k <= shards; k++)
        strbuf_printf(&body, "glass %s/%s%u\n", gen, INDEX_SHARD_PREFIX, k);
    bool ok = !tmp.failed && !cur.failed && !body.failed;
    int fd = ok ? open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666)
                : -1;
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (fd >= 0 && !f)
        close(fd);
    ok = f != NULL;
    if (ok) {
        ok = fwrite(body.data, 1, body.len, f) == body.len;
        ok = (fflush(f) == 0) && ok;
        ok = (fsync(fileno(f)) == 0) && ok;
        ok = (fclose(f) == 0) && ok;
    }
    ok = ok && rename(tmp.data, cur.data) == 0;
    if (!ok && fd >= 0)
        unlink(tmp.data);
    if (ok)
        fsync_path(dir, O_RDONLY | O_DIRECTORY);
    else
        error_set(error, "index %s: cannot write %s: %s", dir, INDEX_CURRENT,
                  strerror(errno));
    strbuf_free(&tmp);
    strbuf_free(&cur);
    strbuf_free(&body);
    return ok;
}

/* ---- documents ---------------------------------------------------------- */

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

/* The two term generators of a build: Z-stems of every word with
 * positions, which queries match and which go to the index; and the words
 * themselves, which go only to a scratch document whose terms feed the
 * spelling table (wildcards, sanction*, expand over that table's words:
 * the words as terms of every passage were a third of the writer's work). */
typedef struct term_generators {
    xc_termgen *stems;
    xc_termgen *words;
} term_generators;

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
static xc_status build_document(const corpus *c, const passage *p,
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

    strbuf id = STRBUF_INIT;
    strbuf_printf(&id, "%s%s", PREFIX_ID, p->id);
    if (id.failed)
        st = XC_ERR_NO_MEMORY;
    if (st == XC_OK)
        st = xc_document_add_boolean_term(doc, id.data, error);
    strbuf_free(&id);

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

/* ---- the build ---------------------------------------------------------- */

/* A full build writes each shard in runs: a new database every so much
 * passage text (per shard), all merged into the shard at the end
 * (xc_compact).  Adding a document costs Xapian more the larger the
 * database it goes to (each flush rewrites the blocks of every term it
 * touches, and a large table has fewer terms a block): the 1 GB corpus took
 * 762 s written as one database, 607 s in runs of 48 MB, 493 s in runs of
 * 16 MB, 457 s in runs of 4 MB, merging included (about 35 s).  Each run is
 * one commit, which also bounds what Xapian holds until a commit.  A shard
 * has at most MAX_RUNS runs (larger ones for a larger corpus): the merge
 * holds every run's files open at once, and a process may have only 1,024
 * open files by default.  index_options.run_bytes overrides it (tests). */
#define RUN_BYTES ((size_t)4 << 20)
#define MAX_RUNS 128

static void summarise(index_summary *s, const passage *p)
{
    s->passages++;
    s->bytes += strlen(p->text);
    s->by_kind[p->kind]++;
    s->by_pillar[p->pillar >= 1 && p->pillar <= 6 ? p->pillar : 0]++;
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

/* One database of the generation being written. */
typedef struct target {
    char *path;
    xc_writable *db;    /* in a full build, a shard's: its last run */
    unsigned runs;      /* a full build's shard: runs opened (path.run-K) */
    json_t *state;      /* shards: report id -> content hash */
} target;

typedef struct build {
    const corpus *c;
    const index_options *opt;
    index_summary *sum;
    char **error;
    bool full;
    char *gen;               /* "gen-..." */
    unsigned n;              /* shards */
    target meta;
    target shards[INDEX_MAX_SHARDS];
    term_generators tg;
    xc_document *idle;       /* the term generators' document between
                                passages: none is shared with the writer */
    shard_writer *writer;    /* adds to and commits the shards */
    vocabulary vocab;
    report *reports;         /* every report's metadata, no passages */
    size_t count, cap;
    strset ids;              /* lower-cased ids seen */
    char *old_reports;       /* incremental: META_REPORTS as it was */
    char *old_vocab;
    size_t run_bytes;        /* choose_run_bytes */
    size_t since_run;        /* bytes written to the runs open now */
    strset spelling;         /* words to add to the spelling table */
    bool spelling_failed;
    index_progress progress;
} build;

static bool xc_fail(build *b, const char *where, char *msg, xc_status st)
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

static char *lowered(const char *s)
{
    char *out = strdup(s);
    for (char *p = out; p && *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return out;
}

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

static char *run_path(const target *t, unsigned run)
{
    strbuf path = STRBUF_INIT;
    strbuf_printf(&path, "%s.run-%u", t->path, run);
    return strbuf_detach(&path);
}

/* Opens t's next run (a full build's shard; see RUN_BYTES). */
static bool open_run(target *t, char **error)
{
    char *path = run_path(t, t->runs + 1);
    if (!path)
        return error_set(error, "out of memory");
    char *msg = NULL;
    xc_status st = xc_writable_open(path, XC_CREATE_OR_OVERWRITE, 0, &t->db, &msg);
    bool ok = st == XC_OK || error_take(error, path, msg);
    t->runs += ok;
    free(path);
    return ok;
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

/* Can the live generation be updated in place?  Reads each shard's record
 * of what it holds.  False (no error) when a full build is needed. */
static bool try_incremental(build *b, const char *dir, const layout *live)
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
        b->old_reports = values[2];
        b->old_vocab = values[3];
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
        free(b->old_reports);
        free(b->old_vocab);
        b->old_reports = b->old_vocab = NULL;
    }
    return ok;
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

/* Commits the metadata database, with the spelling table's words counted
 * so far.  (In this thread: the writer has the shards.) */
static bool commit_meta(build *b)
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
    return st == XC_OK || xc_fail(b, b->meta.path, msg, st);
}

/* Waits for the writer: afterwards this thread may use the shards. */
static bool wait_writer(build *b)
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

/* Hands each shard's run to the writer to commit and close, and opens the
 * next. */
static bool next_runs(build *b)
{
    for (unsigned k = 0; k < b->n; k++) {
        target *t = &b->shards[k];
        char *where = run_path(t, t->runs);
        if (!where)
            return error_set(b->error, "out of memory");
        xc_writable *done = t->db;
        t->db = NULL;   /* the writer's now */
        if (!shard_writer_close(b->writer, done, where))
            return wait_writer(b);
        if (!open_run(t, b->error))
            return false;
    }
    b->since_run = 0;
    return true;
}

/* Keeps r's metadata (not its passages) for META_REPORTS. */
static bool keep_metadata(build *b, report *r)
{
    if (b->count == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 16;
        report *grown = realloc(b->reports, cap * sizeof *grown);
        if (!grown)
            return false;
        b->reports = grown;
        b->cap = cap;
    }
    for (size_t i = 0; i < r->count; i++)
        passage_free(&r->passages[i]);
    free(r->passages);
    r->passages = NULL;
    /* r->count stays: the number of passages, as META_REPORTS records. */
    b->reports[b->count++] = *r;
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
            ok = xc_fail(b, b->shards[k].path, msg, st);
    }
    free(xd);
    for (size_t i = 0; ok && i < r->count; i++) {
        if (b->full && b->since_run >= b->run_bytes * b->n && !next_runs(b)) {
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
            ok = xc_fail(b, where.data, msg, st);
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
        b->since_run += len;
    }
    for (unsigned k = 0; ok && k < b->n; k++)
        ok = json_object_set_new(b->shards[k].state, r->id,
                                 json_string(r->content_hash)) == 0 ||
             error_set(b->error, "out of memory");
    return ok;
}

static bool is_current(build *b, const report *r)
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

static bool add_report(build *b, report *r)
{
    char *key = lowered(r->id);
    if (!key)
        return error_set(b->error, "out of memory");
    if (strset_count(&b->ids, key, strlen(key))) {
        const char *other = "another report";
        for (size_t i = 0; i < b->count; i++)
            if (strcasecmp(b->reports[i].id, r->id) == 0)
                other = b->reports[i].source;
        free(key);
        return error_set(b->error, "%s: report id '%s' is also used by %s", r->source,
                         r->id, other);
    }
    bool ok = strset_add(&b->ids, key, strlen(key)) || error_set(b->error, "out of memory");
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

/* Passages of reports the corpus no longer has: gone.  Their ids are
 * added to removed. */
static bool remove_missing(build *b, strset *removed)
{
    for (unsigned k = 0; k < b->n; k++) {
        target *t = &b->shards[k];
        string_list gone = STRING_LIST_INIT;
        const char *id;
        json_t *v;
        json_object_foreach(t->state, id, v) {
            (void)v;
            char *key = lowered(id);
            if (!key || (!strset_count(&b->ids, key, strlen(key)) &&
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
                return xc_fail(b, t->path, msg, st);
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
static void count_removed_by_full_build(build *b, const char *dir, const layout *live)
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
        removed += key && !strset_count(&b->ids, key, strlen(key));
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
static char *reports_with_removed(const char *now, const char *old,
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

/* Sets report id's own key (META_REPORT_PREFIX) to value; "" deletes it. */
static bool set_report_key(build *b, const char *id, const char *value)
{
    if (strlen(id) > REPORT_KEY_MAX)
        return true;   /* the searcher reads the whole list for it */
    strbuf key = STRBUF_INIT;
    strbuf_printf(&key, "%s%s", META_REPORT_PREFIX, id);
    char *msg = NULL;
    xc_status st = key.failed ? XC_ERR_NO_MEMORY
                              : xc_writable_set_metadata(b->meta.db, key.data, value,
                                                         strlen(value), &msg);
    strbuf_free(&key);
    return st == XC_OK || xc_fail(b, b->meta.path, msg, st);
}

/* Each report's own key, which citations read (a search would otherwise
 * read the whole list: 0.9 MB for 2,324 reports). */
static bool write_report_keys(build *b)
{
    bool ok = true;
    for (size_t i = 0; ok && i < b->count; i++) {
        char *one = reports_encode(&b->reports[i], 1);
        ok = (one || error_set(b->error, "out of memory")) &&
             set_report_key(b, b->reports[i].id, one);
        free(one);
    }
    return ok;
}

/* Deletes the keys of the reports removed. */
static bool forget_reports(build *b, const strset *removed)
{
    bool ok = true;
    for (size_t i = 0; ok && i < removed->cap; i++)
        if (removed->keys[i])
            ok = set_report_key(b, removed->keys[i], "");
    return ok;
}

/* Writes the metadata keys and commits them (with the report keys a caller
 * wrote before: once a build, not again when the removed reports go). */
static bool write_metadata(build *b, const char *reports, const char *vocab)
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
            return xc_fail(b, b->meta.path, msg, st);
    }
    return commit_meta(b);
}

/* Makes a full build's shard from its runs, merged (even one: the merge
 * packs the tables full, a third smaller and quicker to search than as
 * written), and removes them. */
static bool merge_shard(build *b, target *t)
{
    char **runs = calloc(t->runs, sizeof *runs);
    bool ok = runs != NULL;
    for (unsigned r = 0; ok && r < t->runs; r++)
        ok = (runs[r] = run_path(t, r + 1)) != NULL;
    char *msg = NULL;
    xc_status st = ok ? xc_compact((const char *const *)runs, t->runs, t->path, &msg)
                      : XC_ERR_NO_MEMORY;
    ok = st == XC_OK || error_take(b->error, NULL, msg ? msg : strdup(xc_status_name(st)));
    for (unsigned r = 0; runs && r < t->runs; r++) {
        if (ok)
            remove_tree(runs[r]);
        free(runs[r]);
    }
    free(runs);
    return ok;
}

/* Each shard of a full build from its runs, once the writer is idle. */
static bool merge_runs(build *b)
{
    bool ok = true;
    for (unsigned k = 0; ok && k < b->n; k++) {
        xc_writable_free(b->shards[k].db);   /* its last run, committed */
        b->shards[k].db = NULL;
        ok = merge_shard(b, &b->shards[k]);
        b->sum->runs += b->shards[k].runs;
    }
    return ok;
}

/* Writes what is left and makes it visible. */
static bool finish(build *b, const char *dir)
{
    strset removed = STRSET_INIT;
    /* In place, the shards are this thread's again from here on; a new
     * generation's metadata is written while the writer catches up. */
    bool ok = b->full || (wait_writer(b) && remove_missing(b, &removed));
    char *reports = ok ? reports_encode(b->reports, b->count) : NULL;
    char *vocab = ok ? vocabulary_encode(&b->vocab) : NULL;
    ok = ok && ((reports && vocab) || error_set(b->error, "out of memory"));
    bool changed = b->full || b->sum->reports_indexed || removed.size ||
                   (ok && (!b->old_reports || strcmp(reports, b->old_reports) != 0 ||
                           !b->old_vocab || strcmp(vocab, b->old_vocab) != 0));
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
        char *wider = removed.size ? reports_with_removed(reports, b->old_reports, &removed)
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
    for (size_t i = 0; i < b->count; i++) {
        b->reports[i].count = 0;   /* its passages are freed already */
        report_free(&b->reports[i]);
    }
    free(b->reports);
    strset_free(&b->ids);
    free(b->old_reports);
    free(b->old_vocab);
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

/* Text a full build writes in one run of each shard (see RUN_BYTES). */
static size_t choose_run_bytes(const index_options *opt, size_t corpus_bytes, unsigned shards)
{
    if (opt->run_bytes)
        return opt->run_bytes;
    size_t for_max_runs = corpus_bytes / shards / MAX_RUNS + 1;
    return for_max_runs > RUN_BYTES ? for_max_runs : RUN_BYTES;
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
               .vocab = VOCABULARY_INIT, .ids = STRSET_INIT};
    b.n = options->shards ? options->shards : live.shards ? live.shards : 1;
    b.full = !try_incremental(&b, index_dir, &live);
    b.progress.bytes_total = editions_bytes(c);
    b.run_bytes = choose_run_bytes(options, b.progress.bytes_total, b.n);
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
    summary->reports = b.count;
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
