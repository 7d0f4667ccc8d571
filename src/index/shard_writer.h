/* The shards' writer: a thread of its own that adds documents to the
 * shards and commits them, while the indexer's thread reads, parses and
 * builds the next documents (and fills the spelling table).  Xapian's
 * add_document is most of an index build; with the rest beside it on the
 * second core, a build takes about as long as adding its documents.
 *
 * Jobs run in the order given.  A database handed to the writer must not
 * be used by the caller until shard_writer_wait() has returned: that is
 * the one point where the two threads meet.  A document handed over
 * belongs to the writer (it frees it); no other Xapian object may still
 * refer to it (point a term generator elsewhere first). */
#ifndef BRIEF_SHARD_WRITER_H
#define BRIEF_SHARD_WRITER_H

#include <stdbool.h>
#include <stddef.h>

#include "xapian-c.h"

typedef struct shard_writer shard_writer;

/* A writer that holds at most capacity jobs not yet done (the caller waits
 * when it is full).  Never NULL for lack of a thread: it then runs each job
 * as it is given.  NULL only when memory ran out. */
shard_writer *shard_writer_new(size_t capacity);

/* Adds doc to db.  where (taken, may be NULL) names the document in a
 * failure's message.  False once a job has failed (doc is freed). */
bool shard_writer_add(shard_writer *w, xc_writable *db, xc_document *doc, char *where);

/* Sets db's metadata key to value (taken; NULL: none) and commits db.
 * where (taken) names db in a failure's message. */
bool shard_writer_commit(shard_writer *w, xc_writable *db, const char *key,
                         char *value, char *where);

/* Commits db and frees it: db is the writer's from now on (freed even when
 * an earlier job failed).  where (taken) names db in a failure's message. */
bool shard_writer_close(shard_writer *w, xc_writable *db, char *where);

/* Waits until every job given is done.  False when one failed: the first
 * failure's message goes to *error. */
bool shard_writer_wait(shard_writer *w, char **error);

/* Waits, stops the thread and frees.  Accepts NULL. */
void shard_writer_free(shard_writer *w);

#endif
