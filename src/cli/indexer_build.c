/* `brief index` runs in brief-indexer, a second build of this same program
 * linked with jemalloc.  Indexing makes millions of small allocations on
 * two threads, where jemalloc is about 30% faster than glibc's malloc; but
 * jemalloc costs every process about 2 ms to start, a seventh of a search.
 * So only the indexer pays it.  Without brief-indexer (not built, e.g. in
 * the sanitizer build, or BRIEF_NO_INDEXER_BUILD set) brief indexes itself. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "strbuf.h"

#ifndef BRIEF_INDEXER_FROM_BINDIR
#define BRIEF_INDEXER_FROM_BINDIR "../libexec/brief/brief-indexer"
#endif

#ifdef BRIEF_INDEXER_BUILD
void exec_indexer_build(char **argv)
{
    (void)argv;   /* this is the indexer build */
}
#else
static bool try_exec(const char *dir, const char *rel, char **argv)
{
    strbuf sb = STRBUF_INIT;
    strbuf_printf(&sb, "%s/%s", dir, rel);
    bool found = !sb.failed && access(sb.data, X_OK) == 0;
    if (found)
        execv(sb.data, argv);   /* returns only on failure: index here */
    strbuf_free(&sb);
    return found;
}

void exec_indexer_build(char **argv)
{
    const char *off = getenv("BRIEF_NO_INDEXER_BUILD");
    if (off && *off)
        return;
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return;
    *slash = '\0';
    /* The build tree has it beside brief; an install, in libexec. */
    if (!try_exec(exe, "brief-indexer", argv))
        try_exec(exe, BRIEF_INDEXER_FROM_BINDIR, argv);
}
#endif
