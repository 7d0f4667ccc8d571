/* Building the index: passages -> Xapian documents.
 *
 * An index is a folder.  Each build writes a new Xapian database in a
 * folder of its own (gen-*) and then swaps the stub file `current` to point
 * at it with rename(), so a searcher sees the old index or the new one,
 * never a mixture, and a build that dies leaves the old one working. */
#ifndef BRIEF_INDEXER_H
#define BRIEF_INDEXER_H

#include <stdbool.h>
#include <stddef.h>

#include "corpus.h"
#include "passage.h"

typedef struct index_summary {
    size_t reports;
    size_t passages;
    size_t by_kind[PASSAGE_KIND_COUNT];
    size_t by_pillar[7];            /* [0]: no pillar */
    string_list agencies;           /* distinct canonical names tagged */
    string_list actors;
    size_t vocabulary_groups;
    size_t acronyms;
    char *database;                 /* the folder that was built */
} index_summary;

void index_summary_free(index_summary *s);

/* Where a build has got to, for a progress display. */
typedef struct index_progress {
    size_t reports_done, reports_total;
    size_t passages_done, passages_total;
    size_t bytes_done, bytes_total;    /* of passage text */
} index_progress;

typedef void (*index_progress_fn)(const index_progress *progress, void *ctx);

typedef struct index_options {
    bool wait_for_lock;       /* wait for another build instead of failing */
    index_progress_fn progress;  /* may be NULL */
    void *progress_ctx;
} index_options;

bool index_build(const corpus *c, const char *index_dir,
                 const index_options *options, index_summary *summary,
                 char **error);

#endif
