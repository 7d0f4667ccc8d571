/* A full build's shards written in runs, merged into each shard at the end. */
#include "indexer_internal.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "strbuf.h"

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

static char *run_path(const target *t, unsigned run)
{
    strbuf path = STRBUF_INIT;
    strbuf_printf(&path, "%s.run-%u", t->path, run);
    return strbuf_detach(&path);
}

/* Opens t's next run (a full build's shard; see RUN_BYTES). */
bool open_run(target *t, char **error)
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

/* Hands each shard's run to the writer to commit and close, and opens the
 * next. */
bool next_runs(build *b)
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
    b->runs.since_run = 0;
    return true;
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
bool merge_runs(build *b)
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

/* Text a full build writes in one run of each shard (see RUN_BYTES). */
size_t choose_run_bytes(const index_options *opt, size_t corpus_bytes, unsigned shards)
{
    if (opt->run_bytes)
        return opt->run_bytes;
    size_t for_max_runs = corpus_bytes / shards / MAX_RUNS + 1;
    return for_max_runs > RUN_BYTES ? for_max_runs : RUN_BYTES;
}
