/* fdopen() is POSIX. */
#define _POSIX_C_SOURCE 200809L
#include "file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

FILE *file_open_regular(const char *path, struct stat *st, char **error)
{
    /* O_NONBLOCK: a FIFO must not hang the open; it is refused below. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 || fstat(fd, st) != 0) {
        int err = errno;
        if (err == ENOENT && lstat(path, st) == 0)
            error_set(error, "%s: a symbolic link to nothing", path);
        else
            error_set(error, err == EISDIR ? "%s: is a directory" : "%s: %s", path,
                      strerror(err));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    FILE *f = NULL;
    if (!S_ISREG(st->st_mode))
        error_set(error, S_ISDIR(st->st_mode) ? "%s: is a directory"
                                              : "%s: not a regular file", path);
    else if (!(f = fdopen(fd, "rb")))
        error_set(error, "%s: %s", path, strerror(errno));
    if (!f)
        close(fd);
    return f;
}

bool file_read_all(const char *path, size_t max_bytes, char **data_out,
                   size_t *len_out, char **error)
{
    struct stat st;
    FILE *f = file_open_regular(path, &st, error);
    if (!f)
        return false;
    if ((unsigned long long)st.st_size > max_bytes) {
        fclose(f);
        return error_set(error, "%s: too large (%lld bytes, limit %zu)", path,
                         (long long)st.st_size, max_bytes);
    }
    size_t cap = (size_t)st.st_size + 1, len = 0;
    char *data = malloc(cap);
    if (!data) {
        fclose(f);
        return error_set(error, "%s: out of memory", path);
    }
    for (;;) {
        if (len + 1 >= cap) { /* the file grew while we read it */
            if (cap > max_bytes) {
                free(data);
                fclose(f);
                return error_set(error, "%s: too large", path);
            }
            char *bigger = realloc(data, cap * 2);
            if (!bigger) {
                free(data);
                fclose(f);
                return error_set(error, "%s: out of memory", path);
            }
            data = bigger;
            cap *= 2;
        }
        size_t n = fread(data + len, 1, cap - 1 - len, f);
        len += n;
        if (n == 0)
            break;
    }
    bool failed = ferror(f);
    fclose(f);
    if (failed) {
        free(data);
        return error_set(error, "%s: read error", path);
    }
    data[len] = '\0';
    /* A UTF-8 byte order mark is an editor's marker, not text. */
    if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
        memmove(data, data + 3, len - 2);
        len -= 3;
    }
    *data_out = data;
    if (len_out)
        *len_out = len;
    return true;
}

char *file_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

void file_line_col(const char *text, size_t at, size_t *line, size_t *col)
{
    size_t l = 1, c = 1;
    for (size_t i = 0; i < at && text[i]; i++) {
        if (text[i] == '\n') {
            l++;
            c = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}
