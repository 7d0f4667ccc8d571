/* Opening and closing a searcher: the index path, its databases behind
 * the fence, and reopening when a writer moved on. */
#include "searcher_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"
#include "fence.h"
#include "schema.h"
#include "strbuf.h"
#include "stub.h"

/* What an index path turned out to be. */
typedef enum index_kind {
    KIND_FOLDER,    /* a plain database folder (or an empty one) */
    KIND_CURRENT,   /* an index folder: its `current` stub */
    KIND_STUB,      /* a stub file */
} index_kind;

/* The path to open for path: its `current` for an index folder. */
static char *resolve_path(const char *path, index_kind *kind, char **error)
{
    struct stat st;
    *kind = KIND_STUB;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT)
            error_set(error, "no index at %s: build it with 'brief index --index %s' "
                      "(or name another with --index or BRIEF_INDEX)", path, path);
        else
            error_set(error, "index %s: %s", path, strerror(errno));
        return NULL;
    }
    strbuf sb = STRBUF_INIT;
    if (S_ISDIR(st.st_mode)) {
        strbuf_printf(&sb, "%s/%s", path, INDEX_CURRENT);
        struct stat cur;
        *kind = KIND_CURRENT;
        if (!sb.failed && lstat(sb.data, &cur) != 0) {
            strbuf_truncate(&sb, 0);
            strbuf_puts(&sb, path);
            *kind = KIND_FOLDER;
        }
    } else {
        strbuf_puts(&sb, path);
    }
    char *out = strbuf_detach(&sb);
    if (!out)
        error_set(error, "out of memory");
    return out;
}

/* Opens the databases s->path names.  A stub is read and checked here,
 * never by Xapian (stub.h); only a stub file the user named (named) may
 * list remote shards or databases outside its folder. */
static bool open_databases(searcher *s, index_kind kind, bool named, char **error)
{
    char *msg = NULL;
    if (kind == KIND_FOLDER)   /* as glass: a XAPIANDB stub in it is not read */
        return xc_database_open_glass(s->path, &s->db, &msg) == XC_OK ||
               error_take(error, s->path, msg);
    index_stub stub;
    if (!stub_read(s->path, named && kind == KIND_STUB, &stub, error))
        return false;
    s->remote = stub.remote;
    bool ok = stub_open(&stub, s->path, &s->db, error);
    stub_free(&stub);
    return ok;
}
/* Moves to the latest revision, behind the fence (fence.h): after a writer
 * moved on, Xapian asks a reader to reopen. */
void reopen(const searcher *s)
{
    index_fence fence = index_fence_enter(s->path, false);
    xc_database_reopen(s->db, NULL);
    index_fence_leave(fence);
}

/* After a read that failed with st: true when it is worth another try (a
 * writer moved on: reopened, xapian-c.h's READ); else false, with the error
 * set.  Takes *msg either way. */
bool read_again(const searcher *s, xc_status st, int attempt, char **msg, char **error)
{
    if (st != XC_ERR_MODIFIED || attempt == RETRIES) {
        error_take(error, s->path, *msg);
        *msg = NULL;
        return false;
    }
    free(*msg);
    *msg = NULL;
    reopen(s);
    return true;
}

static bool open_as(const char *path, bool named, searcher **out, char **error);

bool searcher_open(const char *path, searcher **out, char **error)
{
    return open_as(path, false, out, error);
}

bool searcher_open_named(const char *path, searcher **out, char **error)
{
    return open_as(path, true, out, error);
}

static bool open_as(const char *path, bool named, searcher **out, char **error)
{
    *out = NULL;
    searcher *s = calloc(1, sizeof *s);
    if (s && !(s->lazy = calloc(1, sizeof *s->lazy))) {
        free(s);
        s = NULL;
    }
    if (!s)
        return error_set(error, "out of memory");
    char *msg = NULL;
    index_kind kind = KIND_STUB;
    s->path = resolve_path(path, &kind, error);
    bool ok = s->path != NULL;
    /* Behind the fence: every database at the same update (fence.h). */
    index_fence fence = ok ? index_fence_enter(s->path, false) : -1;
    ok = ok && open_databases(s, kind, named, error);
    s->torn = index_fence_torn(fence);
    index_fence_leave(fence);
    if (ok && xc_stemmer_new(BRIEF_STEM_LANGUAGE, &s->stemmer, &msg) != XC_OK)
        ok = error_take(error, NULL, msg);
    ok = ok && load_metadata(s, error);
    if (!ok) {
        searcher_close(s);
        return false;
    }
    *out = s;
    return true;
}

void searcher_close(searcher *s)
{
    if (!s)
        return;
    xc_database_free(s->db);
    xc_stemmer_free(s->stemmer);
    vocabulary_free(&s->vocabulary);
    lazy_metadata_free(s->lazy);
    free(s->path);
    free(s);
}

const char *searcher_path(const searcher *s) { return s->path; }

const char *searcher_warning(const searcher *s)
{
    return s->torn ? "an update of this index was cut off halfway: its shards may "
                     "differ until 'brief index' runs again"
                   : s->lazy->error;
}

unsigned searcher_passage_count(searcher *s)
{
    uint32_t n = 0;
    xc_database_doccount(s->db, &n, NULL);
    return n;
}
