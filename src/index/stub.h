/* The stub file an index is opened through, read and checked by brief.
 *
 * An index folder's `current` lists its databases ("glass gen-.../meta",
 * one a line); a stub file of the user's own may also list remote shards
 * ("remote HOST:PORT", a xapian-tcpsrv).  Xapian trusts a stub completely:
 * its "remote :PROG ARGS" line runs PROG.  An index folder comes from
 * anywhere (an unpacked archive, a shared disk), and brief finds ./index
 * by itself, so brief reads the stub here, keeps only lines it can check,
 * and opens the shards itself (xc_database_add_glass / _add_remote): no
 * stub text reaches Xapian. */
#ifndef BRIEF_STUB_H
#define BRIEF_STUB_H

#include <stdbool.h>
#include <stddef.h>

#include "xapian-c.h"

/* Limits on a stub file: brief's own lists one line per shard. */
#define STUB_MAX_BYTES (64 * 1024)
#define STUB_MAX_SHARDS 1024

typedef struct stub_shard {
    char *path;        /* a glass database, resolved; NULL for a remote */
    char *host;        /* a remote shard's host, or NULL */
    unsigned port;
} stub_shard;

typedef struct index_stub {
    stub_shard *shards;
    size_t count;
    bool remote;       /* a shard is remote */
} index_stub;

/* Reads the stub at path.  named: the user named this file (--index);
 * then glass paths may lie anywhere and "remote HOST:PORT" lines are
 * allowed.  Otherwise (an index folder's `current`, a path brief found by
 * itself) every line must be "glass PATH" with PATH inside the stub's
 * folder (relative, no "..", no symbolic link out of it).  Blank lines
 * and lines starting with '#' are skipped, as Xapian does.  Fails with one
 * line naming path:line. */
bool stub_read(const char *path, bool named, index_stub *out, char **error);
void stub_free(index_stub *stub);

/* Opens the stub's shards as one database; errors are prefixed with
 * `where` (the stub's path). */
bool stub_open(const index_stub *stub, const char *where, xc_database **out,
               char **error);

#endif
