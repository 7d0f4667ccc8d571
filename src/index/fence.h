/* The fence between an index folder's readers and an in-place update.
 *
 * An update in place commits several databases one after another (the
 * metadata, shard 1 .. N, the metadata again).  Each commit is atomic, the
 * sequence is not: a searcher opening the index between two commits would
 * see one shard new and another old.  So they meet at an flock on
 * <index>/.fence: a searcher holds it shared while it opens (or reopens)
 * the databases, which pins each database's revision for as long as it
 * reads; the update holds it exclusive while it commits.  A searcher thus
 * sees every database before the update or every one after it.
 *
 * Both hold the fence for milliseconds (an open, a commit sequence), and
 * the kernel drops it if the holder dies.  The writer marks the fence file
 * while it commits and clears it after: a reader that finds the mark
 * knows an update was killed halfway, and the index's shards may stand at
 * different updates until the next `brief index` finishes the work. */
#ifndef BRIEF_FENCE_H
#define BRIEF_FENCE_H

#include <stdbool.h>

/* A held fence: a file descriptor, or -1 for "no fence to hold". */
typedef int index_fence;

/* Waits for and takes the fence of the index folder that `path` names (the
 * folder itself, or its `current` stub).  A reader gets -1, and goes on
 * unfenced, where there is no fence file (a plain database, a stub of
 * remote shards, an index of an older brief) or it cannot be locked (a
 * read-only file system without locks).  The writer creates the file. */
index_fence index_fence_enter(const char *path, bool exclusive);
void index_fence_leave(index_fence fence);

/* The writer: marks the fence file before its commits, clears the mark
 * after them (both false on an I/O error). */
bool index_fence_mark(index_fence fence, bool updating);
/* A reader, holding the fence: did an update die halfway through? */
bool index_fence_torn(index_fence fence);

#endif
