/* realpath() is XSI. */
#define _XOPEN_SOURCE 700
#include "stub.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "file.h"
#include "strbuf.h"

void stub_free(index_stub *stub)
{
    for (size_t i = 0; i < stub->count; i++) {
        free(stub->shards[i].path);
        free(stub->shards[i].host);
    }
    free(stub->shards);
    memset(stub, 0, sizeof *stub);
}

/* A line with a control character would be echoed in error messages and
 * is no path brief wrote. */
static bool has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return true;
    return false;
}

/* Does the relative path step out with a ".." component? */
static bool climbs(const char *path)
{
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return true;
        p += n + (p[n] == '/');
    }
    return false;
}

/* "glass PATH": checks PATH and stores it, resolved against folder. */
static bool take_glass(const char *where, size_t line, const char *path,
                       const char *folder, const char *real_folder, bool named,
                       stub_shard *out, char **error)
{
    if (!*path)
        return error_set(error, "%s:%zu: 'glass' needs a path", where, line);
    if (!named && (path[0] == '/' || climbs(path)))
        return error_set(error, "%s:%zu: the shard '%s' is outside the index folder "
                         "(an index folder's stub may name only its own databases)",
                         where, line, path);
    strbuf sb = STRBUF_INIT;
    if (path[0] == '/')
        strbuf_puts(&sb, path);
    else
        strbuf_printf(&sb, "%s/%s", folder, path);
    out->path = strbuf_detach(&sb);
    if (!out->path)
        return error_set(error, "out of memory");
    if (named)
        return true;
    /* A symbolic link inside the folder may still lead out of it. */
    char *real = realpath(out->path, NULL);
    if (!real)
        return error_set(error, "%s:%zu: shard '%s': %s", where, line, path,
                         strerror(errno));
    size_t n = strlen(real_folder);
    bool inside = strncmp(real, real_folder, n) == 0 &&
                  (real[n] == '/' || (n == 1 && real_folder[0] == '/'));
    free(real);
    if (!inside)
        return error_set(error, "%s:%zu: the shard '%s' leads outside the index folder "
                         "(through a symbolic link)", where, line, path);
    return true;
}

/* "remote HOST:PORT": a TCP shard; "remote :PROG" would run a program. */
static bool take_remote(const char *where, size_t line, const char *spec,
                        bool named, stub_shard *out, char **error)
{
    if (spec[0] == ':')
        return error_set(error, "%s:%zu: 'remote :PROGRAM' would run a program: refused "
                         "(brief opens only 'glass PATH' and 'remote HOST:PORT')",
                         where, line);
    if (!named)
        return error_set(error, "%s:%zu: a remote shard is opened only from a stub file "
                         "named with --index, not from an index folder", where, line);
    const char *colon = strrchr(spec, ':');
    size_t host_len = colon ? (size_t)(colon - spec) : 0;
    bool ok = host_len > 0;
    for (size_t i = 0; ok && i < host_len; i++)
        ok = isalnum((unsigned char)spec[i]) || strchr(".-_[]:", spec[i]);
    unsigned long port = 0;
    const char *digits = colon ? colon + 1 : "";
    ok = ok && *digits && strspn(digits, "0123456789") == strlen(digits) &&
         strlen(digits) <= 5;
    if (ok)
        port = strtoul(digits, NULL, 10);
    if (!ok || port == 0 || port > 65535)
        return error_set(error, "%s:%zu: expected 'remote HOST:PORT' (a port from 1 "
                         "to 65535), not 'remote %s'", where, line, spec);
    out->host = strndup(spec, host_len);
    out->port = (unsigned)port;
    return out->host || error_set(error, "out of memory");
}

static bool take_line(index_stub *stub, const char *where, size_t lineno, char *line,
                      const char *folder, const char *real_folder, bool named,
                      char **error)
{
    if (has_control(line))
        return error_set(error, "%s:%zu: a control character: not a stub line "
                         "('glass PATH' or 'remote HOST:PORT')", where, lineno);
    if (stub->count == STUB_MAX_SHARDS)
        return error_set(error, "%s:%zu: more than %d shards", where, lineno,
                         STUB_MAX_SHARDS);
    stub_shard *shard = &stub->shards[stub->count];
    memset(shard, 0, sizeof *shard);
    bool ok;
    if (strncmp(line, "glass ", 6) == 0)
        ok = take_glass(where, lineno, line + 6, folder, real_folder, named, shard,
                        error);
    else if (strncmp(line, "remote ", 7) == 0)
        ok = take_remote(where, lineno, line + 7, named, shard, error);
    else
        ok = error_set(error, "%s:%zu: not a stub line: expected 'glass PATH'%s",
                       where, lineno, named ? " or 'remote HOST:PORT'" : "");
    /* A failed shard's strings are freed with the rest. */
    stub->count++;
    stub->remote = stub->remote || shard->host;
    return ok;
}

bool stub_read(const char *path, bool named, index_stub *out, char **error)
{
    memset(out, 0, sizeof *out);
    char *text = NULL;
    if (!file_read_all(path, STUB_MAX_BYTES, &text, NULL, error))
        return false;
    char *folder = file_dir_of(path);   /* where relative paths start */
    char *real_folder = folder && !named ? realpath(folder, NULL) : NULL;
    out->shards = calloc(STUB_MAX_SHARDS, sizeof *out->shards);
    bool ok = folder && out->shards && (named || real_folder);
    if (!ok)
        error_set(error, "%s: %s", path, folder && out->shards ? strerror(errno)
                                                                : "out of memory");
    size_t lineno = 0;
    for (char *line = text, *next; ok && line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        size_t len = strlen(line);
        if (len && line[len - 1] == '\r')
            line[--len] = '\0';
        if (!*line || *line == '#')
            continue;
        ok = take_line(out, path, lineno, line, folder, real_folder, named, error);
    }
    if (ok && out->count == 0)
        ok = error_set(error, "%s: lists no database", path);
    free(text);
    free(folder);
    free(real_folder);
    if (!ok)
        stub_free(out);
    return ok;
}

bool stub_open(const index_stub *stub, const char *where, xc_database **out,
               char **error)
{
    char *msg = NULL;
    xc_database *db = NULL;
    xc_status st = xc_database_new(&db, &msg);
    for (size_t i = 0; st == XC_OK && i < stub->count; i++) {
        const stub_shard *s = &stub->shards[i];
        st = s->host ? xc_database_add_remote(db, s->host, s->port, &msg)
                     : xc_database_add_glass(db, s->path, &msg);
    }
    if (st != XC_OK) {
        xc_database_free(db);
        return error_take(error, where, msg);
    }
    *out = db;
    return true;
}
