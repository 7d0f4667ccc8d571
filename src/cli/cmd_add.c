/* brief add: a report as received -> DIR/<id>/ (the file as received, the
 * draft edition report.md) -> the index.  An edition a person edited is
 * never overwritten without --force: brief keeps the hash of the edition it
 * wrote in report.md.generated beside it (corpus/FORMAT.md). */
/* realpath() is XSI. */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "cli.h"
#include "corpus.h"
#include "error.h"
#include "file.h"
#include "ingest.h"
#include "report.h"
#include "strbuf.h"
#include "strset.h"

#define GENERATED_SUFFIX ".generated"
/* report.md.generated: the hash line, then "from PATH" (the file added). */
#define GENERATED_MAX_BYTES 8192
#define FROM_PREFIX "from "
#define ADD_MAX_FILE_BYTES ((size_t)256 << 20)

enum { OPT_ID, OPT_CORPUS, OPT_INDEX, OPT_FORCE, OPT_QUIET, OPT_HELP };

static const option_spec specs[] = {
    {"id", 0, true, OPT_ID},         {"corpus", 'c', true, OPT_CORPUS},
    {"index", 'i', true, OPT_INDEX}, {"force", 'f', false, OPT_FORCE},
    {"quiet", 'q', false, OPT_QUIET}, {"help", 'h', false, OPT_HELP},
    {NULL, 0, false, 0},
};

/* Writes bytes to path through a temporary file and a rename, every write
 * checked: a reader sees the old file or the new one, never half. */
static bool write_file(const char *path, const char *bytes, size_t len, char **error)
{
    static unsigned serial;
    strbuf tmp = STRBUF_INIT;
    strbuf_printf(&tmp, "%s.tmp%ld.%u", path, (long)getpid(), serial++);
    if (tmp.failed)
        return error_set(error, "out of memory");
    /* a new file of our own: never a planted link's target */
    int fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0644);
    bool ok = fd >= 0 || error_set(error, "%s: %s", tmp.data, strerror(errno));
    for (size_t done = 0; ok && done < len;) {
        ssize_t n = write(fd, bytes + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            ok = error_set(error, "%s: %s", path, n < 0 ? strerror(errno) : "short write");
        else
            done += (size_t)n;
    }
    if (fd >= 0 && close(fd) != 0 && ok)
        ok = error_set(error, "%s: %s", path, strerror(errno));
    if (ok && rename(tmp.data, path) != 0)
        ok = error_set(error, "%s: %s", path, strerror(errno));
    if (!ok && fd >= 0)
        unlink(tmp.data);
    strbuf_free(&tmp);
    return ok;
}

/* A corpus of one's own starts with the field's tables of the corpus brief
 * comes with (agencies.tsv, synonyms.tsv), so its reports name agencies as
 * the bundled one does; a table already there is the user's and stays. */
static bool copy_field_tables(const char *corpus_dir, bool quiet, char **error)
{
    static const char *const tables[] = {CORPUS_GAZETTEER_NAME, CORPUS_SYNONYMS_NAME};
    char *from = bundled_corpus_dir();
    char *real_to = realpath(corpus_dir, NULL);
    char *real_from = from ? realpath(from, NULL) : NULL;
    bool ok = true;
    if (real_from && real_to && strcmp(real_from, real_to) != 0) {
        for (size_t i = 0; ok && i < sizeof tables / sizeof *tables; i++) {
            strbuf src = STRBUF_INIT, dst = STRBUF_INIT;
            strbuf_printf(&src, "%s/%s", real_from, tables[i]);
            strbuf_printf(&dst, "%s/%s", corpus_dir, tables[i]);
            struct stat st;
            char *bytes = NULL;
            size_t len = 0;
            if (src.failed || dst.failed)
                ok = error_set(error, "out of memory");
            else if (lstat(dst.data, &st) != 0 && lstat(src.data, &st) == 0) {
                ok = file_read_all(src.data, ADD_MAX_FILE_BYTES, &bytes, &len, error) &&
                     write_file(dst.data, bytes, len, error);
                if (ok && !quiet)
                    printf("%s: copied from %s (the field's table: edit it for yours)\n",
                           dst.data, src.data);
            }
            free(bytes);
            strbuf_free(&src);
            strbuf_free(&dst);
        }
    }
    free(from);
    free(real_to);
    free(real_from);
    return ok;
}

static bool make_dir(const char *path, char **error)
{
    if (mkdir(path, 0755) == 0 || errno == EEXIST) {
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            return true;
        return error_set(error, "%s: exists and is not a folder", path);
    }
    return error_set(error, "%s: %s", path, strerror(errno));
}

/* May brief write the edition at path?  Yes when there is none, or when it
 * is byte for byte the one brief wrote (its hash is the one recorded). */
static bool edition_writable(const char *path, bool force, char **error)
{
    struct stat st;
    if (force || stat(path, &st) != 0)
        return true;
    strbuf rec = STRBUF_INIT;
    strbuf_printf(&rec, "%s" GENERATED_SUFFIX, path);
    char *edition = NULL, *recorded = NULL;
    size_t len = 0;
    bool ok = !rec.failed && file_read_all(path, ADD_MAX_FILE_BYTES, &edition, &len, NULL);
    bool generated = ok && file_read_all(rec.data, GENERATED_MAX_BYTES, &recorded, NULL, NULL);
    if (generated) {
        char hash[17];
        ingest_hash(edition, len, hash);
        generated = strncmp(recorded, hash, 16) == 0;
    }
    free(edition);
    free(recorded);
    strbuf_free(&rec);
    if (generated)
        return true;
    return error_set(error, "%s: written or edited by a person (it is not the edition "
                     "brief wrote, whose hash is in report.md" GENERATED_SUFFIX
                     "); --force overwrites it", path);
}

static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

/* The file a report folder's received copy was added from, as recorded in
 * its report.md.generated (malloc()ed); NULL when none is recorded (no
 * such file, or one written before brief recorded it). */
static char *recorded_source(const char *hash_path)
{
    char *text = NULL;
    if (!file_read_all(hash_path, GENERATED_MAX_BYTES, &text, NULL, NULL))
        return NULL;
    char *from = strstr(text, "\n" FROM_PREFIX);
    char *source = NULL;
    if (from) {
        from += 1 + strlen(FROM_PREFIX);
        source = strndup(from, strcspn(from, "\n"));
    }
    free(text);
    return source;
}

/* Is the folder free for file's report?  Yes when it holds no report added
 * from elsewhere: a report added again from the same file is updated, but
 * another file that would take the same id must not silently replace it. */
static bool folder_is_ours(const char *folder, const char *hash_path, const char *received,
                           const char *file, bool force, char **error)
{
    /* the folder's own received copy, given again, is its report too */
    char *source = force || same_file(file, received) ? NULL : recorded_source(hash_path);
    char *here = source ? realpath(file, NULL) : NULL;
    bool ours = !source || (here && strcmp(source, here) == 0);
    if (!ours)
        error_set(error, "%s: %s holds the report added from %s; give --id ID to add "
                  "this one as another report, or --force to replace it", file, folder,
                  source);
    free(source);
    free(here);
    return ours;
}

/* The .generated record: the edition's hash, and the file it came from
 * (left out when its path cannot stand on one line). */
static char *generated_record(const char *edition, const char *file)
{
    char hash[17];
    ingest_hash(edition, strlen(edition), hash);
    strbuf sb = STRBUF_INIT;
    strbuf_printf(&sb, "%s\n", hash);
    char *here = realpath(file, NULL);
    if (here && !strchr(here, '\n'))
        strbuf_printf(&sb, FROM_PREFIX "%s\n", here);
    free(here);
    return strbuf_detach(&sb);
}

/* The edition must be one brief reads (a Markdown file given as it is may
 * not be): checked before anything is written. */
static bool edition_reads(const char *file, const char *edition, char **error)
{
    report r;
    char *why = NULL;
    if (!report_read_edition(file, edition, strlen(edition), &r, &why))
        return error_take(error, NULL, why);
    report_free(&r);
    return true;
}

/* The received copy's name: received.txt, .md, .html or .pdf. */
static const char *received_name(const char *file)
{
    const char *dot = strrchr(file, '.');
    const char *slash = strrchr(file, '/');
    if (dot && (!slash || dot > slash)) {
        if (strcasecmp(dot, ".md") == 0 || strcasecmp(dot, ".markdown") == 0)
            return "received.md";
        if (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0)
            return "received.html";
        if (strcasecmp(dot, ".pdf") == 0)
            return "received.pdf";
    }
    return "received.txt";
}

/* One file: derive its edition (nothing is written if that fails), then
 * keep the file and write the edition and its hash. */
static bool add_one(const char *corpus_dir, const char *file, const char *id_opt,
                    bool force, bool quiet, bool write, char **error)
{
    char *id = id_opt ? strdup(id_opt) : ingest_id_from_name(file);
    char *bytes = NULL, *edition = NULL;
    size_t len = 0;
    strbuf folder = STRBUF_INIT, received = STRBUF_INIT, path = STRBUF_INIT,
           hash_path = STRBUF_INIT;
    bool ok = id || error_set(error, "out of memory");
    ok = ok && file_read_all(file, ADD_MAX_FILE_BYTES, &bytes, &len, error);
    ok = ok && ingest_derive_edition(file, bytes, len, id, &edition, error) &&
         edition_reads(file, edition, error);
    if (ok) {
        strbuf_printf(&folder, "%s/%s", corpus_dir, id);
        strbuf_printf(&received, "%s/%s", folder.data, received_name(file));
        strbuf_printf(&path, "%s/report.md", folder.data);
        strbuf_printf(&hash_path, "%s" GENERATED_SUFFIX, path.data);
        ok = !folder.failed && !received.failed && !path.failed && !hash_path.failed;
        if (!ok)
            error_set(error, "out of memory");
    }
    ok = ok && folder_is_ours(folder.data, hash_path.data, received.data, file, force, error) &&
         edition_writable(path.data, force, error) &&
         (!write || (make_dir(corpus_dir, error) && make_dir(folder.data, error)));
    if (!write)
        goto done;
    if (ok && !same_file(file, received.data))
        ok = write_file(received.data, bytes, len, error);
    if (ok) {
        char *record = generated_record(edition, file);
        ok = record ? write_file(path.data, edition, strlen(edition), error) &&
                          write_file(hash_path.data, record, strlen(record), error)
                    : error_set(error, "out of memory");
        free(record);
    }
    if (ok && !quiet)
        printf("added %s: %s kept as %s, draft edition %s\n", id, file, received.data,
               path.data);
done:
    free(id);
    free(bytes);
    free(edition);
    strbuf_free(&folder);
    strbuf_free(&received);
    strbuf_free(&path);
    strbuf_free(&hash_path);
    return ok;
}

/* Files added together must make different reports: two named alike
 * (a/report.pdf, b/report.pdf) would take one id, the second replacing the
 * first.  Says so, naming both, before anything is written. */
static bool distinct_ids(const string_list *files)
{
    strset seen = STRSET_INIT;   /* id -> 1 + the index of its first file */
    bool ok = true;
    for (size_t i = 0; ok && i < files->count; i++) {
        char *id = ingest_id_from_name(files->items[i]);
        unsigned *slot = id ? strset_ref(&seen, id, strlen(id)) : NULL;
        if (!slot) {
            fprintf(stderr, "brief add: out of memory\n");
            ok = false;
        } else if (*slot) {
            fprintf(stderr, "brief add: %s and %s would both be report '%s'; add one of "
                    "them on its own with --id ID\n", files->items[*slot - 1],
                    files->items[i], id);
            ok = false;
        } else {
            *slot = (unsigned)i + 1;
        }
        free(id);
    }
    strset_free(&seen);
    return ok;
}

int cmd_add(const cli_context *ctx, int argc, char **argv)
{
    parsed_args a;
    if (!args_parse("add", argc, argv, specs, &a))
        return EXIT_TROUBLE;
    const char *id = NULL, *corpus_opt = NULL, *index_opt = NULL;
    bool force = false, quiet = false;
    for (int i = 0; i < a.option_count; i++) {
        switch (a.options[i].id) {
        case OPT_ID: id = a.options[i].value; break;
        case OPT_CORPUS: corpus_opt = a.options[i].value; break;
        case OPT_INDEX: index_opt = a.options[i].value; break;
        case OPT_FORCE: force = true; break;
        case OPT_QUIET: quiet = true; break;
        case OPT_HELP:
            args_free(&a);
            print_command_help(find_command("add"));
            return EXIT_FOUND;
        }
    }
    int status = EXIT_FOUND;
    if (a.words.count == 0) {
        fprintf(stderr, "brief add: which file? (brief add FILE... [--id ID])\n");
        status = EXIT_TROUBLE;
    } else if (id && (!report_id_valid(id) || a.words.count > 1)) {
        if (a.words.count > 1)
            fprintf(stderr, "brief add: --id names one report; give one file with it\n");
        else
            fprintf(stderr, "brief add: --id '%s': letters, digits, '-' and '_' only, "
                    "at most %d\n", id, REPORT_ID_MAX_BYTES);
        status = EXIT_TROUBLE;
    }
    if (status == EXIT_FOUND && !id && !distinct_ids(&a.words))
        status = EXIT_TROUBLE;
    /* not the installed copy: a corpus of one's own, ./corpus by default */
    char *corpus_dir = strdup(corpus_opt ? corpus_opt : "corpus");
    char *error = NULL;
    /* every file is read and checked before anything is written */
    for (int write = 0; write < 2; write++)
        for (size_t i = 0; status == EXIT_FOUND && i < a.words.count; i++)
            if (!add_one(corpus_dir, a.words.items[i], id, force, quiet, write, &error))
                status = fail("add", error);
    if (status == EXIT_FOUND && !copy_field_tables(corpus_dir, quiet, &error))
        status = fail("add", error);
    if (status == EXIT_FOUND) {
        /* then the index, as brief index --corpus DIR would */
        char *index_argv[6];
        int n = 0;
        index_argv[n++] = "--corpus";
        index_argv[n++] = corpus_dir;
        if (index_opt) {
            index_argv[n++] = "--index";
            index_argv[n++] = (char *)index_opt;
        }
        if (quiet)
            index_argv[n++] = "--quiet";
        index_argv[n] = NULL;
        status = cmd_index(ctx, n, index_argv);
    }
    free(corpus_dir);
    args_free(&a);
    return status;
}
