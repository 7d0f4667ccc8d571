/* Building the index: passages -> Xapian documents.
 *
 * An index is a folder.  Its stub file `current` lists one generation's
 * databases (gen-*): `meta` (the metadata the searcher reads, the spelling
 * table, no passages) and `shard-1` .. `shard-N` (the passages; each report's
 * passages are spread over the shards by passage id).  Each shard records,
 * in the same commit as its passages, which version (content hash) of each
 * report it holds.
 *
 * A build reads the corpus one report at a time (memory holds one report,
 * not the corpus) and:
 *
 *  - when there is no index yet, the shard count changes, the schema or the
 *    gazetteer changed, or --rebuild is asked: writes a whole new generation
 *    beside the live one (each shard written in parts, merged into one
 *    database at the end), and then swaps `current` to it with rename(): a
 *    searcher sees the old index or the new one, a build that dies leaves
 *    the old one working;
 *  - otherwise updates the live generation in place, re-indexing only the
 *    reports whose content hash changed (and deleting the passages of
 *    reports that are gone): the index work is proportional to the change.
 *    Each shard takes all of its changes in one Xapian transaction, and
 *    Xapian's commit is atomic, and the shards commit behind the fence
 *    (fence.h): a searcher sees the whole index before the update or after
 *    it.  A build that dies leaves each shard at its last commit; the next
 *    build compares each shard's record with the corpus again, so it
 *    finishes what a killed one started.
 *
 * Two threads share the work (shard_writer.h): this one reads, parses and
 * builds the documents and fills the spelling table; the writer adds the
 * documents to the shards and commits them. */
#ifndef BRIEF_INDEXER_H
#define BRIEF_INDEXER_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus.h"
#include "passage.h"

typedef struct index_summary {
    size_t reports;                 /* in the corpus */
    size_t reports_indexed;         /* (re-)indexed by this build */
    size_t reports_unchanged;       /* already in the index as they are */
    size_t reports_removed;         /* in the index, gone from the corpus */
    size_t passages;                /* in the corpus */
    size_t passages_indexed;        /* written by this build */
    size_t bytes;                   /* passage text in the corpus */
    size_t bytes_indexed;           /* passage text written by this build */
    size_t by_kind[PASSAGE_KIND_COUNT];
    size_t by_pillar[PILLAR_MAX + 1];  /* [0]: no pillar */
    string_list agencies;           /* distinct canonical names tagged */
    string_list actors;
    size_t vocabulary_groups;
    size_t acronyms;
    size_t shards;
    size_t runs;                    /* a full build: the parts its shards
                                       were written in (indexer.c) */
    bool full;                      /* a whole new generation was built */
    char *database;                 /* the generation folder searched now */
} index_summary;

void index_summary_free(index_summary *s);

/* Where a build has got to, for a progress display. */
typedef struct index_progress {
    size_t reports_done, reports_total;
    size_t passages_done;              /* read so far (total not known) */
    size_t bytes_done, bytes_total;    /* of edition files */
} index_progress;

typedef void (*index_progress_fn)(const index_progress *progress, void *ctx);

typedef struct index_options {
    bool wait_for_lock;       /* wait for another build instead of failing */
    bool rebuild;             /* a whole new generation even if one exists */
    unsigned shards;          /* passages over this many shards (1..
                                 INDEX_MAX_SHARDS); 0: as the index has
                                 now, 1 for a new one */
    size_t run_bytes;         /* a full build writes each shard in parts of
                                 this much passage text, merged at the end;
                                 0: the default (4 MB; more for a
                                 corpus of more than 512 MB a shard) */
    index_progress_fn progress;  /* may be NULL */
    void *progress_ctx;
} index_options;

/* c: from corpus_open (reports are read one at a time) or corpus_load. */
bool index_build(const corpus *c, const char *index_dir,
                 const index_options *options, index_summary *summary,
                 char **error);

#endif
