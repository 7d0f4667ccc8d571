/* What the files of the indexer share (indexer.c, generation.c, document.c,
 * runs.c, incremental.c, index_metadata.c): the build under way and the
 * functions one of them calls in another.  Not for use outside src/index. */
#ifndef BRIEF_INDEXER_INTERNAL_H
#define BRIEF_INDEXER_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "indexer.h"
#include "schema.h"
#include "shard_writer.h"
#include "strset.h"
#include "vocabulary.h"
#include "xapian-c.h"

/* What `current` lists: the generation and its shard count (0 when the stub
 * is missing or not of this layout, e.g. an index of an older brief). */
typedef struct layout {
    char *gen;          /* "gen-...", or NULL */
    unsigned shards;
} layout;

/* The two term generators of a build: Z-stems of every word with
 * positions, which queries match and which go to the index; and the words
 * themselves, which go only to a scratch document whose terms feed the
 * spelling table (wildcards, sanction*, expand over that table's words:
 * the words as terms of every passage were a third of the writer's work). */
typedef struct term_generators {
    xc_termgen *stems;
    xc_termgen *words;
} term_generators;

/* One database of the generation being written. */
typedef struct target {
    char *path;
    xc_writable *db;    /* in a full build, a shard's: its last run */
    unsigned runs;      /* a full build's shard: runs opened (path.run-K) */
    json_t *state;      /* shards: report id -> content hash */
} target;

/* The reports read so far, for META_REPORTS and to catch an id used twice. */
typedef struct kept_reports {
    report *reports;         /* their metadata, no passages */
    size_t count, cap;
    strset ids;              /* lower-cased ids seen */
} kept_reports;

/* An update in place (incremental.c): the live generation's metadata as it
 * was, to tell whether it changed. */
typedef struct in_place {
    char *old_reports;       /* META_REPORTS */
    char *old_vocab;         /* META_VOCABULARY */
} in_place;

/* A full build's shards are written in runs (runs.c). */
typedef struct run_budget {
    size_t run_bytes;        /* choose_run_bytes */
    size_t since_run;        /* bytes written to the runs open now */
} run_budget;

/* A build under way: the generation written (meta and shards), the thread
 * that writes the shards, and what only one kind of build uses. */
typedef struct build {
    const corpus *c;
    const index_options *opt;
    index_summary *sum;
    char **error;
    bool full;               /* a new generation, else in place */
    char *gen;               /* "gen-..." */
    unsigned n;              /* shards */
    target meta;
    target shards[INDEX_MAX_SHARDS];
    term_generators tg;
    xc_document *idle;       /* the term generators' document between
                                passages: none is shared with the writer */
    shard_writer *writer;    /* adds to and commits the shards */
    vocabulary vocab;
    kept_reports kept;
    in_place update;         /* !full only */
    run_budget runs;         /* full only */
    strset spelling;         /* words to add to the spelling table */
    index_progress progress;
} build;

/* generation.c */
bool make_dirs(const char *path, char **error);
int take_lock(const char *dir, bool wait, char **error);
void layout_free(layout *l);
void read_layout(const char *dir, layout *out);
void remove_tree(const char *path);
void remove_old_generations(const char *dir, const char *keep1,
                            const char *keep2);
bool swap_current(const char *dir, const char *gen, unsigned shards,
                  char **error);

/* document.c */
xc_status build_document(const corpus *c, const passage *p,
                         const term_generators *tg, xc_document *doc,
                         xc_document *words, char **error);

/* runs.c */
bool open_run(target *t, char **error);
bool next_runs(build *b);
bool merge_runs(build *b);
size_t choose_run_bytes(const index_options *opt, size_t corpus_bytes, unsigned shards);

/* incremental.c */
bool try_incremental(build *b, const char *dir, const layout *live);
bool is_current(build *b, const report *r);
bool remove_missing(build *b, strset *removed);
void count_removed_by_full_build(build *b, const char *dir, const layout *live);
char *reports_with_removed(const char *now, const char *old,
                           const strset *removed);

/* index_metadata.c */
bool commit_meta(build *b);
bool write_report_keys(build *b);
bool forget_reports(build *b, const strset *removed);
bool write_metadata(build *b, const char *reports, const char *vocab);

/* indexer.c */
bool xapian_fail(build *b, const char *where, char *msg, xc_status st);
char *lowered(const char *s);
bool wait_writer(build *b);

#endif
