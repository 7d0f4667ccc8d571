/* The index folder and its generations: the lock, the layout `current`
 * names, swapping it to a new generation, removing old ones. */
/* nftw() and flock() are X/Open and BSD, beyond plain POSIX. */
#define _XOPEN_SOURCE 700
#define _DEFAULT_SOURCE
#include "indexer_internal.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "file.h"
#include "strbuf.h"

/* ---- the index folder --------------------------------------------------- */

bool make_dirs(const char *path, char **error)
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
int take_lock(const char *dir, bool wait, char **error)
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

void layout_free(layout *l)
{
    free(l->gen);
    memset(l, 0, sizeof *l);
}

void read_layout(const char *dir, layout *out)
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
void remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Generations that are neither the live one nor the one searchers may
 * still be reading (the previous) are garbage: a killed build leaves one. */
void remove_old_generations(const char *dir, const char *keep1,
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
bool swap_current(const char *dir, const char *gen, unsigned shards,
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
