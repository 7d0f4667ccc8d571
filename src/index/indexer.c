/* nftw() and flock() are X/Open and BSD, beyond plain POSIX. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE
#include "indexer.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "normalize.h"
#include "passage_codec.h"
#include "schema.h"
#include "strbuf.h"
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
    int fd = path.failed ? -1 : open(path.data, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
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

/* The gen-* folder the stub names now, or NULL. */
static char *current_generation(const char *dir)
{
    strbuf path = STRBUF_INIT;
    strbuf_printf(&path, "%s/%s", dir, INDEX_CURRENT);
    FILE *f = path.failed ? NULL : fopen(path.data, "r");
    strbuf_free(&path);
    if (!f)
        return NULL;
    char line[512];
    char *gen = NULL;
    if (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        const char *name = strncmp(line, "glass ", 6) == 0 ? line + 6 : line;
        gen = strdup(name);
    }
    fclose(f);
    return gen;
}

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

/* Builds that are neither the new one nor the one searchers may still be
 * reading (the previous) are garbage: a killed build leaves one. */
static void remove_old_generations(const char *dir, const char *keep1,
                                   const char *keep2)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        if (strncmp(ent->d_name, INDEX_GEN_PREFIX, strlen(INDEX_GEN_PREFIX)) != 0)
            continue;
        if ((keep1 && strcmp(ent->d_name, keep1) == 0) ||
            (keep2 && strcmp(ent->d_name, keep2) == 0))
            continue;
        strbuf path = STRBUF_INIT;
        strbuf_printf(&path, "%s/%s", dir, ent->d_name);
        if (!path.failed)
            nftw(path.data, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
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

/* Points `current` at gen atomically: write a new stub, then rename. */
static bool swap_current(const char *dir, const char *gen, char **error)
{
    strbuf tmp = STRBUF_INIT, cur = STRBUF_INIT;
    strbuf_printf(&tmp, "%s/%s.tmp", dir, INDEX_CURRENT);
    strbuf_printf(&cur, "%s/%s", dir, INDEX_CURRENT);
    bool ok = !tmp.failed && !cur.failed;
    FILE *f = ok ? fopen(tmp.data, "w") : NULL;
    ok = f != NULL;
    if (ok) {
        /* Relative: the index folder can be moved or mounted elsewhere. */
        ok = fprintf(f, "glass %s\n", gen) > 0;
        ok = (fflush(f) == 0) && ok;
        ok = (fsync(fileno(f)) == 0) && ok;
        ok = (fclose(f) == 0) && ok;
    }
    ok = ok && rename(tmp.data, cur.data) == 0;
    if (ok)
        fsync_path(dir, O_RDONLY | O_DIRECTORY);
    else
        error_set(error, "index %s: cannot write %s: %s", dir, INDEX_CURRENT,
                  strerror(errno));
    strbuf_free(&tmp);
    strbuf_free(&cur);
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

static xc_status set_list_value(xc_document *doc, xc_slot slot,
                                const string_list *list, char **error)
{
    char sep[2] = {FACET_SEP, '\0'};
    char *joined = string_list_join(list, sep);
    if (!joined)
        return XC_ERR_NO_MEMORY;
    xc_status st = xc_document_set_value(doc, slot, joined, strlen(joined), error);
    free(joined);
    return st;
}

/* The two term generators of a build: Z-stems of every word with
 * positions, which queries match; and the words themselves, without
 * positions, which wildcards (sanction*) expand over. */
typedef struct term_generators {
    xc_termgen *stems;
    xc_termgen *words;
} term_generators;

/* Indexes folded text: what the searcher's folded query must meet. */
static xc_status index_folded(const term_generators *tg, const char *text,
                              const char *prefix, char **error)
{
    char *folded = text_fold(text, strlen(text), 0);
    if (!folded)
        return XC_ERR_NO_MEMORY;
    xc_status st = xc_termgen_index_text(tg->stems, folded, 1, prefix, error);
    if (st == XC_OK)
        st = xc_termgen_index_text_without_positions(tg->words, folded, 1, prefix,
                                                     error);
    free(folded);
    return st;
}

static xc_status build_document(const corpus *c, size_t report_no,
                                const passage *p, const term_generators *tg,
                                xc_document *doc, char **error)
{
    xc_status st = xc_termgen_set_document(tg->stems, doc, error);
    if (st == XC_OK)
        st = xc_termgen_set_document(tg->words, doc, error);
    if (st == XC_OK)
        st = index_folded(tg, p->text, NULL, error);
    for (size_t i = 0; st == XC_OK && i < p->section.count; i++) {
        st = xc_termgen_increase_termpos(tg->stems, 100, error);
        if (st == XC_OK)
            st = index_folded(tg, p->section.items[i], PREFIX_SECTION, error);
    }

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
    /* An agency's parents find it too: the Defense Department finds its
     * Defense Innovation Unit. */
    for (size_t i = 0; st == XC_OK && i < p->agencies.count; i++) {
        const gazetteer_entry *e = gazetteer_get(&c->gazetteer, p->agencies.items[i]);
        for (int depth = 0; st == XC_OK && e && depth < 16; depth++) {
            st = add_filter_term(doc, PREFIX_AGENCY, e->canonical, error);
            e = e->parent ? gazetteer_get(&c->gazetteer, e->parent) : NULL;
        }
    }
    for (size_t i = 0; st == XC_OK && i < p->actors.count; i++)
        st = add_filter_term(doc, PREFIX_ACTOR, p->actors.items[i], error);
    for (size_t i = 0; st == XC_OK && i < p->organizations.count; i++)
        st = add_filter_term(doc, PREFIX_ORG, p->organizations.items[i], error);

    char order[XC_SORTABLE_MAX];
    size_t order_len = xc_sortable_serialise((double)report_no * 1e7 + p->order, order);
    const char *kind = passage_kind_name(p->kind);
    if (st == XC_OK)
        st = xc_document_set_value(doc, SLOT_ORDER, order, order_len, error);
    char prior[XC_SORTABLE_MAX];
    size_t prior_len = xc_sortable_serialise(passage_kind_prior(p->kind), prior);
    if (st == XC_OK)
        st = xc_document_set_value(doc, SLOT_PRIOR, prior, prior_len, error);
    /* "none" is counted like a pillar: a facet shows what has none. */
    const char *pillar_value = p->pillar ? pillar : "none";
    if (st == XC_OK)
        st = xc_document_set_value(doc, SLOT_PILLAR, pillar_value,
                                   strlen(pillar_value), error);
    if (st == XC_OK)
        st = xc_document_set_value(doc, SLOT_KIND, kind, strlen(kind), error);
    if (st == XC_OK)
        st = xc_document_set_value(doc, SLOT_REPORT, p->report, strlen(p->report), error);
    if (st == XC_OK)
        st = set_list_value(doc, SLOT_AGENCIES, &p->agencies, error);
    if (st == XC_OK)
        st = set_list_value(doc, SLOT_ACTORS, &p->actors, error);
    if (st == XC_OK)
        st = set_list_value(doc, SLOT_ORGS, &p->organizations, error);

    char *data = st == XC_OK ? passage_encode(p) : NULL;
    if (st == XC_OK && !data)
        st = XC_ERR_NO_MEMORY;
    if (st == XC_OK)
        st = xc_document_set_data(doc, data, strlen(data), error);
    free(data);
    return st;
}

/* ---- the build ---------------------------------------------------------- */

static void summarise(index_summary *s, const passage *p)
{
    s->passages++;
    s->by_kind[p->kind]++;
    s->by_pillar[p->pillar >= 1 && p->pillar <= 6 ? p->pillar : 0]++;
    for (size_t i = 0; i < p->agencies.count; i++)
        string_list_add_unique(&s->agencies, p->agencies.items[i]);
    for (size_t i = 0; i < p->actors.count; i++)
        string_list_add_unique(&s->actors, p->actors.items[i]);
}

static bool write_metadata(xc_writable *db, const corpus *c, vocabulary *v,
                           char **error)
{
    char *reports = reports_encode(c->reports, c->count);
    char *vocab = vocabulary_encode(v);
    char built[32];
    time_t now = time(NULL);
    strftime(built, sizeof built, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
    bool ok = reports && vocab;
    ok = ok && xc_writable_set_metadata(db, META_SCHEMA, BRIEF_SCHEMA,
                                        strlen(BRIEF_SCHEMA), error) == XC_OK;
    ok = ok && xc_writable_set_metadata(db, META_REPORTS, reports, strlen(reports),
                                        error) == XC_OK;
    ok = ok && xc_writable_set_metadata(db, META_VOCABULARY, vocab, strlen(vocab),
                                        error) == XC_OK;
    ok = ok && xc_writable_set_metadata(db, META_GAZETTEER, c->gazetteer_text,
                                        strlen(c->gazetteer_text), error) == XC_OK;
    ok = ok && xc_writable_set_metadata(db, META_BUILT, built, strlen(built),
                                        error) == XC_OK;
    free(reports);
    free(vocab);
    return ok || error_set(error, "out of memory");
}

static bool build_vocabulary(const corpus *c, vocabulary *v, char **error)
{
    strbuf source = STRBUF_INIT;
    strbuf_printf(&source, "%s/%s", c->dir, CORPUS_SYNONYMS_NAME);
    bool ok = !source.failed &&
              vocabulary_parse(c->synonyms_text, source.data, v, error);
    strbuf_free(&source);
    for (size_t i = 0; ok && i < c->count; i++)
        ok = vocabulary_find_acronyms(v, &c->reports[i]) ||
             error_set(error, "out of memory");
    return ok;
}

static bool fill_database(const corpus *c, const char *path,
                          const index_options *options, index_summary *summary,
                          char **error)
{
    xc_writable *db = NULL;
    term_generators tg = {NULL, NULL};
    vocabulary vocab = VOCABULARY_INIT;
    char *msg = NULL;
    bool ok = build_vocabulary(c, &vocab, error);
    if (ok && (xc_writable_open(path, XC_CREATE_OR_OVERWRITE, 0, &db, &msg) != XC_OK ||
               xc_termgen_new(BRIEF_STEM_LANGUAGE, XC_STEM_ALL_Z, db, &tg.stems,
                              &msg) != XC_OK ||
               xc_termgen_new(NULL, XC_STEM_NONE, NULL, &tg.words, &msg) != XC_OK))
    {
        ok = error_take(error, path, msg);
        msg = NULL;
    }

    index_progress progress = {.reports_total = c->count,
                               .passages_total = corpus_passage_count(c)};
    for (size_t r = 0; r < c->count; r++)
        for (size_t i = 0; i < c->reports[r].count; i++)
            progress.bytes_total += strlen(c->reports[r].passages[i].text);
    for (size_t r = 0; ok && r < c->count; r++) {
        for (size_t i = 0; ok && i < c->reports[r].count; i++) {
            const passage *p = &c->reports[r].passages[i];
            xc_document *doc = NULL;
            strbuf unique = STRBUF_INIT;
            strbuf_printf(&unique, "%s%s", PREFIX_ID, p->id);
            xc_status st = unique.failed ? XC_ERR_NO_MEMORY
                                         : xc_document_new(&doc, &msg);
            if (st == XC_OK)
                st = build_document(c, r, p, &tg, doc, &msg);
            if (st == XC_OK)
                st = xc_writable_replace_document(db, unique.data, doc, NULL, &msg);
            xc_document_free(doc);
            strbuf_free(&unique);
            if (st != XC_OK) {
                strbuf where = STRBUF_INIT;
                strbuf_printf(&where, "%s:%u (passage %s)", c->reports[r].source,
                              p->source_line, p->id);
                ok = error_take(error, where.data, msg ? msg : strdup(xc_status_name(st)));
                msg = NULL;
                strbuf_free(&where);
                break;
            }
            summarise(summary, p);
            progress.passages_done++;
            progress.bytes_done += strlen(p->text);
            if (options && options->progress)
                options->progress(&progress, options->progress_ctx);
        }
        progress.reports_done++;
    }
    if (ok)
        ok = write_metadata(db, c, &vocab, error);
    if (ok && xc_writable_commit(db, &msg) != XC_OK)
    {
        ok = error_take(error, path, msg);
        msg = NULL;
    }
    summary->reports = c->count;
    summary->vocabulary_groups = vocab.count;
    summary->acronyms = vocab.acronyms;
    xc_termgen_free(tg.stems);
    xc_termgen_free(tg.words);
    xc_writable_free(db);
    vocabulary_free(&vocab);
    return ok;
}

bool index_build(const corpus *c, const char *index_dir,
                 const index_options *options, index_summary *summary,
                 char **error)
{
    memset(summary, 0, sizeof *summary);
    if (!make_dirs(index_dir, error))
        return false;
    int lock = take_lock(index_dir, options && options->wait_for_lock, error);
    if (lock < 0)
        return false;

    char *previous = current_generation(index_dir);
    strbuf gen = STRBUF_INIT, path = STRBUF_INIT;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    strbuf_printf(&gen, "%s%lld-%09ld-%ld", INDEX_GEN_PREFIX, (long long)ts.tv_sec,
                  ts.tv_nsec, (long)getpid());
    strbuf_printf(&path, "%s/%s", index_dir, strbuf_str(&gen));
    bool ok = (!gen.failed && !path.failed) || error_set(error, "out of memory");
    ok = ok && fill_database(c, path.data, options, summary, error);
    ok = ok && swap_current(index_dir, gen.data, error);
    if (ok) {
        summary->database = strbuf_detach(&path);
        remove_old_generations(index_dir, gen.data, previous);
    } else if (path.data) {
        nftw(path.data, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    }
    strbuf_free(&gen);
    strbuf_free(&path);
    free(previous);
    close(lock);
    return ok;
}
