#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "strbuf.h"

#ifndef BRIEF_INSTALLED_CORPUS
#define BRIEF_INSTALLED_CORPUS "/usr/local/share/brief/corpus"
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

char *resolve_corpus_dir(const char *option)
{
    if (option)
        return strdup(option);
    if (is_dir("corpus"))
        return strdup("corpus");
    return strdup(BRIEF_INSTALLED_CORPUS);
}

int fail(const char *command, char *message)
{
    if (command)
        fprintf(stderr, "brief %s: %s\n", command, message ? message : "failed");
    else
        fprintf(stderr, "brief: %s\n", message ? message : "failed");
    free(message);
    return EXIT_TROUBLE;
}
