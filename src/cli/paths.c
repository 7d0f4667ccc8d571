/* realpath() is XSI. */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "searcher.h"
#include "strbuf.h"

#ifndef BRIEF_INSTALLED_CORPUS
#define BRIEF_INSTALLED_CORPUS "/usr/local/share/brief/corpus"
#endif
#ifndef BRIEF_CORPUS_FROM_BINDIR
#define BRIEF_CORPUS_FROM_BINDIR "../share/brief/corpus"
#endif
#ifndef BRIEF_CORPUS_FROM_LIBEXECDIR   /* for brief-indexer */
#define BRIEF_CORPUS_FROM_LIBEXECDIR "../../share/brief/corpus"
#endif

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *resolve_index_dir(const cli_context *ctx, const char *option)
{
    if (option)
        return strdup(option);
    if (ctx && ctx->index)
        return strdup(ctx->index);
    const char *env = getenv("BRIEF_INDEX");
    if (env && *env)
        return strdup(env);
    if (is_dir("index") || is_dir("corpus"))
        return strdup("index");
    strbuf sb = STRBUF_INIT;
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");
    if (xdg && *xdg)
        strbuf_printf(&sb, "%s/brief/index", xdg);
    else if (home && *home)
        strbuf_printf(&sb, "%s/.local/share/brief/index", home);
    else
        strbuf_puts(&sb, "index");
    return strbuf_detach(&sb);
}

bool open_index(const cli_context *ctx, const char *option, const char *index_dir,
                searcher **out, char **error)
{
    if (option || (ctx && ctx->index))
        return searcher_open_named(index_dir, out, error);
    return searcher_open(index_dir, out, error);
}

void warn_index(const char *command, const struct searcher *s)
{
    const char *warning = searcher_warning(s);
    if (warning)
        fprintf(stderr, "brief %s: warning: %s: %s\n", command, searcher_path(s), warning);
}

/* The installed corpus beside the running binary (bin/../share/brief/corpus,
 * or libexec/brief/../../share/brief/corpus for brief-indexer), so that an
 * install under any prefix finds its own; NULL when there is none. */
static char *corpus_beside_binary(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return NULL;
    *slash = '\0';
    static const char *const from[] = {BRIEF_CORPUS_FROM_BINDIR,
                                       BRIEF_CORPUS_FROM_LIBEXECDIR};
    char *real = NULL;
    for (size_t i = 0; !real && i < sizeof from / sizeof *from; i++) {
        strbuf sb = STRBUF_INIT;
        strbuf_printf(&sb, "%s/%s", exe, from[i]);
        char *path = strbuf_detach(&sb);
        real = path && is_dir(path) ? realpath(path, NULL) : NULL;
        free(path);
    }
    return real;
}

char *resolve_corpus_dir(const char *option)
{
    if (option)
        return strdup(option);
    if (is_dir("corpus"))
        return strdup("corpus");
    char *beside = corpus_beside_binary();
    return beside ? beside : strdup(BRIEF_INSTALLED_CORPUS);
}

int fail(const char *command, char *message)
{
    fprintf(stderr, "brief%s%s: %s\n", command ? " " : "", command ? command : "",
            message ? message : "failed");
    free(message);
    return EXIT_TROUBLE;
}

char *bundled_corpus_dir(void)
{
    char *beside = corpus_beside_binary();
    if (beside)
        return beside;
    if (is_dir(BRIEF_INSTALLED_CORPUS))
        return strdup(BRIEF_INSTALLED_CORPUS);
    /* a build tree, not installed: the source tree's corpus */
    return is_dir(BRIEF_BUILT_CORPUS) ? strdup(BRIEF_BUILT_CORPUS) : NULL;
}
