/* flock() is BSD, beyond plain POSIX. */
#define _DEFAULT_SOURCE
#include "fence.h"

#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "schema.h"
#include "strbuf.h"

/* The fence file of the folder `path` names, or of the folder holding the
 * `current` stub that `path` names. */
static bool fence_path(const char *path, strbuf *out)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        strbuf_printf(out, "%s/%s", path, INDEX_FENCE);
        return !out->failed;
    }
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (strcmp(base, INDEX_CURRENT) != 0)
        return false;   /* a stub file of the user's own: no fence */
    if (slash)
        strbuf_printf(out, "%.*s/%s", (int)(slash - path), path, INDEX_FENCE);
    else
        strbuf_puts(out, INDEX_FENCE);
    return !out->failed;
}

/* Opens the fence file; -1 when it cannot, or when it is not a regular
 * file (a FIFO planted as .fence would block the open, hence O_NONBLOCK,
 * and is no fence). */
static int open_fence(const char *file, bool exclusive)
{
    /* O_NOFOLLOW: the writer truncates the file; a symbolic link planted
     * as .fence must not lead it to another file. */
    int fd = exclusive ? open(file, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0666)
                       : open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
        close(fd);
        fd = -1;
    }
    return fd;
}

index_fence index_fence_enter(const char *path, bool exclusive)
{
    strbuf file = STRBUF_INIT;
    int fd = -1;
    if (fence_path(path, &file)) {
        fd = open_fence(file.data, exclusive);
        /* The writer (alone in the folder: it holds .lock) puts a fence
         * file in place of what is not one, a link or a FIFO planted as
         * .fence: else every reader would go on unfenced. */
        struct stat st;
        if (fd < 0 && exclusive && lstat(file.data, &st) == 0 && !S_ISREG(st.st_mode) &&
            !S_ISDIR(st.st_mode) && unlink(file.data) == 0)
            fd = open_fence(file.data, exclusive);
    }
    strbuf_free(&file);
    if (fd >= 0 && flock(fd, exclusive ? LOCK_EX : LOCK_SH) != 0) {
        close(fd);
        fd = -1;
    }
    return fd;
}

void index_fence_leave(index_fence fence)
{
    if (fence >= 0)
        close(fence);   /* and with it the lock */
}

#define FENCE_MARK "an update is committing\n"

bool index_fence_mark(index_fence fence, bool updating)
{
    if (fence < 0)
        return true;
    if (!updating)
        return ftruncate(fence, 0) == 0;
    size_t n = sizeof FENCE_MARK - 1;
    return pwrite(fence, FENCE_MARK, n, 0) == (ssize_t)n && fsync(fence) == 0;
}

bool index_fence_torn(index_fence fence)
{
    struct stat st;
    return fence >= 0 && fstat(fence, &st) == 0 && st.st_size > 0;
}
