#include "corpus.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"
#include "file.h"
#include "ingest.h"
#include "strbuf.h"

static char *path_join(const char *dir, const char *name)
{
    strbuf sb = STRBUF_INIT;
    strbuf_printf(&sb, "%s/%s", dir, name);
    return strbuf_detach(&sb);
}

/* Is there an entry at path (a dangling link and a FIFO count: they are
 * errors when read, not files to leave out in silence)? */
static bool exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A report folder's received file, when it has no edition: brief derives
 * the edition from it as it reads the report.  NULL when there is none. */
static char *received_file(const char *folder)
{
    DIR *d = opendir(folder);
    if (!d)
        return NULL;
    struct dirent *ent;
    char *found = NULL;
    while (!found && (ent = readdir(d)) != NULL)
        if (ingest_is_received_name(ent->d_name)) {
            found = path_join(folder, ent->d_name);
            if (found && !exists(found)) {
                free(found);
                found = NULL;
            }
        }
    closedir(d);
    return found;
}

/* The editions under dir, sorted. */
static bool find_editions(const char *dir, string_list *out, char **error)
{
    DIR *d = opendir(dir);
    if (!d)
        return error_set(error, "corpus %s: %s", dir, strerror(errno));
    struct dirent *ent;
    bool ok = true;
    while (ok && (ent = readdir(d)) != NULL) {
        if (ent->d_name[0] == '.')
            continue;
        char *sub = path_join(dir, ent->d_name);
        char *edition = sub ? path_join(sub, CORPUS_EDITION_NAME) : NULL;
        struct stat st;
        if (!edition)
            ok = error_set(error, "out of memory");
        else if (stat(edition, &st) == 0)
            ok = S_ISREG(st.st_mode)
                     ? string_list_add(out, edition) || error_set(error, "out of memory")
                     : error_set(error, "%s: not a regular file", edition);
        else if (errno == ENOENT && lstat(edition, &st) == 0)
            ok = error_set(error, "%s: a symbolic link to nothing", edition);
        else if (errno != ENOENT && errno != ENOTDIR)
            /* A report that cannot be read is an error, not left out. */
            ok = error_set(error, "%s: %s", edition, strerror(errno));
        else if (sub) {
            char *received = received_file(sub);
            ok = !received || string_list_add(out, received) ||
                 error_set(error, "out of memory");
            free(received);
        }
        free(sub);
        free(edition);
    }
    closedir(d);
    if (ok && out->count)
        qsort(out->items, out->count, sizeof(char *), compare_names);
    return ok;
}

/* An optional shared file: "" when it is not there. */
static bool read_optional(const char *dir, const char *name, char **out,
                          char **error)
{
    char *path = path_join(dir, name);
    if (!path)
        return error_set(error, "out of memory");
    bool ok;
    if (exists(path)) {
        ok = file_read_all(path, CORPUS_MAX_FILE_BYTES, out, NULL, error);
    } else {
        *out = strdup("");
        ok = *out || error_set(error, "out of memory");
    }
    free(path);
    return ok;
}

/* path is one report's folder holding only a received file. */
static bool find_received_only(const char *path, string_list *editions, bool *ok)
{
    char *received = received_file(path);
    if (!received)
        return false;
    *ok = string_list_add(editions, received);
    free(received);
    return true;
}

bool corpus_open(const char *path, corpus *out, char **error)
{
    memset(out, 0, sizeof *out);
    struct stat st;
    if (stat(path, &st) != 0)
        return error_set(error, "corpus %s: %s", path, strerror(errno));

    if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode))
        return error_set(error, "corpus %s: not a folder or a regular file", path);

    string_list *editions = &out->editions;
    bool ok = true;
    char *single = S_ISDIR(st.st_mode) ? path_join(path, CORPUS_EDITION_NAME) : NULL;
    if (!S_ISDIR(st.st_mode)) {
        /* One edition file; shared files beside its folder. */
        ok = string_list_add(editions, path);
        char *folder = file_dir_of(path);
        out->dir = folder ? file_dir_of(folder) : NULL;
        free(folder);
    } else if (single && exists(single)) {
        /* One report's folder.  Report folders beside its report.md would
         * be left out: a stray report.md must not replace the corpus. */
        string_list others = STRING_LIST_INIT;
        ok = find_editions(path, &others, error);
        if (ok && others.count)
            ok = error_set(error, "corpus %s: holds both %s and report folders (%s): "
                           "move %s into a folder of its own", path, single,
                           others.items[0], CORPUS_EDITION_NAME);
        string_list_free(&others);
        ok = ok && string_list_add(editions, single);
        out->dir = file_dir_of(path);
    } else if (single && find_received_only(path, editions, &ok)) {
        out->dir = file_dir_of(path);
    } else {
        ok = find_editions(path, editions, error);
        out->dir = strdup(path);
    }
    free(single);
    if (ok && !out->dir)
        ok = error_set(error, "out of memory");
    if (ok && editions->count == 0)
        ok = error_set(error, "corpus %s: no reports (expected %s/<name>/%s)",
                       path, path, CORPUS_EDITION_NAME);

    if (ok)
        ok = read_optional(out->dir, CORPUS_GAZETTEER_NAME, &out->gazetteer_text,
                           error) &&
             read_optional(out->dir, CORPUS_SYNONYMS_NAME, &out->synonyms_text,
                           error);
    if (ok) {
        char *source = path_join(out->dir, CORPUS_GAZETTEER_NAME);
        ok = source && gazetteer_parse(out->gazetteer_text, source,
                                       &out->gazetteer, error);
        free(source);
    }
    if (!ok)
        corpus_free(out);
    return ok;
}

bool corpus_read_report(const corpus *c, size_t i, report *out, char **error)
{
    memset(out, 0, sizeof *out);
    if (i >= c->editions.count)
        return error_set(error, "corpus %s: no report %zu", c->dir, i);
    const char *path = c->editions.items[i];
    char *text = NULL;
    size_t len = 0;
    const char *base = strrchr(path, '/');
    bool ok;
    if (ingest_is_received_name(base ? base + 1 : path)) {
        /* only a received file: its edition is derived as brief reads it */
        char *folder = file_dir_of(path);
        char *id = folder ? ingest_id_from_name(folder) : NULL;
        ok = (id || error_set(error, "out of memory")) &&
             ingest_derive_file(path, id, &text, error);
        if (ok)
            len = strlen(text);
        free(id);
        free(folder);
    } else {
        ok = file_read_all(path, CORPUS_MAX_FILE_BYTES, &text, &len, error);
    }
    ok = ok && report_read_edition(path, text, len, out, error);
    free(text);
    for (size_t j = 0; ok && j < out->count; j++)
        ok = gazetteer_tag(&c->gazetteer, &out->passages[j]) ||
             error_set(error, "out of memory");
    if (!ok)
        report_free(out);
    return ok;
}

bool corpus_load(const char *path, corpus *out, char **error)
{
    if (!corpus_open(path, out, error))
        return false;
    bool ok = true;
    out->reports = calloc(out->editions.count, sizeof(report));
    ok = out->reports || error_set(error, "out of memory");
    for (size_t i = 0; ok && i < out->editions.count; i++) {
        ok = corpus_read_report(out, i, &out->reports[out->count], error);
        if (!ok)
            break;
        report *r = &out->reports[out->count++];
        for (size_t j = 0; j < out->count - 1; j++)
            if (strcmp(out->reports[j].id, r->id) == 0)
                ok = error_set(error, "%s: report id '%s' is also used by %s",
                               r->source, r->id, out->reports[j].source);
    }
    if (!ok)
        corpus_free(out);
    return ok;
}

void corpus_free(corpus *c)
{
    for (size_t i = 0; i < c->count; i++)
        report_free(&c->reports[i]);
    free(c->reports);
    string_list_free(&c->editions);
    gazetteer_free(&c->gazetteer);
    free(c->gazetteer_text);
    free(c->synonyms_text);
    free(c->dir);
    memset(c, 0, sizeof *c);
}

size_t corpus_passage_count(const corpus *c)
{
    size_t n = 0;
    for (size_t i = 0; i < c->count; i++)
        n += c->reports[i].count;
    return n;
}
