/* brief index: corpus -> passages -> the index: only the reports that
 * changed are re-indexed (see indexer.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "args.h"
#include "cli.h"
#include "corpus.h"
#include "error.h"
#include "indexer.h"
#include "schema.h"
#include "terminal.h"

enum { OPT_CORPUS, OPT_INDEX, OPT_WAIT, OPT_QUIET, OPT_SHARDS, OPT_REBUILD, OPT_HELP };

static const option_spec specs[] = {
    {"corpus", 'c', true, OPT_CORPUS}, {"index", 'i', true, OPT_INDEX},
    {"wait", 0, false, OPT_WAIT},      {"quiet", 'q', false, OPT_QUIET},
    {"shards", 0, true, OPT_SHARDS},   {"rebuild", 0, false, OPT_REBUILD},
    {"help", 'h', false, OPT_HELP},    {NULL, 0, false, 0},
};

typedef struct progress {
    bool show;
    bool open;              /* a bar is on the line, not yet ended */
    struct timespec started;
    size_t last_permille;
} progress;

static double seconds_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + (now.tv_nsec - t0->tv_nsec) / 1e9;
}

/* A bar on stderr, one line that fits the terminal (so that \r can redraw
 * it): the bar, then reports, passages, MB, rate and time left. */
static void on_progress(const index_progress *ip, void *ctx)
{
    static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    progress *p = ctx;
    if (!p->show || !ip->bytes_total)
        return;
    size_t permille = (size_t)((double)ip->bytes_done * 1000 / (double)ip->bytes_total);
    if (permille > 1000)
        permille = 1000;
    bool last = ip->reports_done == ip->reports_total;
    if (permille == p->last_permille && !last)
        return;
    p->last_permille = permille;
    double elapsed = seconds_since(&p->started);
    double mb = (double)ip->bytes_done / 1e6;
    double rate = elapsed > 0 ? mb / elapsed : 0;
    double left = rate > 0 ? ((double)ip->bytes_total / 1e6 - mb) / rate : 0;
    char facts[200];
    int n = snprintf(facts, sizeof facts, " %3zu%%  report %zu/%zu  %zu passages  "
                     "%.1f MB  %.1f MB/s  ", permille / 10, ip->reports_done,
                     ip->reports_total, ip->passages_done, mb, rate);
    if (n > 0 && (size_t)n < sizeof facts)
        snprintf(facts + n, sizeof facts - (size_t)n,
                 last ? "%.1f s" : "%.0f s left", last ? elapsed : left);
    /* [bar] facts, one column short of the line: the bar takes 10-40
     * columns and the facts what is left. */
    size_t columns = (size_t)terminal_columns(stderr);
    size_t avail = columns > 16 ? columns - 3 : 13;
    size_t len = strlen(facts);
    size_t width = avail > len + 10 ? avail - len : 10;
    if (width > 40)
        width = 40;
    if (len > avail - width)
        len = avail - width;
    size_t cells = permille * width * 8 / 1000;
    fputs("\r[", stderr);
    for (size_t i = 0; i < cells / 8; i++)
        fputs("█", stderr);
    fputs(eighths[cells % 8], stderr);
    fprintf(stderr, "%*s]", (int)(width - cells / 8 - (cells % 8 ? 1 : 0)), "");
    fwrite(facts, 1, len, stderr);
    fputs("\033[K", stderr);   /* clears what a longer line left */
    p->open = !last;
    if (last)
        fputc('\n', stderr);
    fflush(stderr);
}

static void print_summary(const index_summary *s, const char *index_dir, double seconds)
{
    printf("indexed %zu report%s, %zu passages into %s in %.2f s\n", s->reports,
           s->reports == 1 ? "" : "s", s->passages, index_dir, seconds);
    printf("  reports:   %zu re-indexed, %zu unchanged, %zu removed (%s; %zu shard%s)\n",
           s->reports_indexed, s->reports_unchanged, s->reports_removed,
           s->full ? "a new build, swapped in" : "updated in place", s->shards,
           s->shards == 1 ? "" : "s");
    printf("  written:   %zu passages, %.1f MB of text, %.1f MB/s", s->passages_indexed,
           (double)s->bytes_indexed / 1e6,
           seconds > 0 ? (double)s->bytes_indexed / 1e6 / seconds : 0.0);
    if (s->runs > s->shards)
        printf(", in %zu parts merged", s->runs);
    putchar('\n');
    printf("  by kind:  ");
    for (int k = 0; k < PASSAGE_KIND_COUNT; k++)
        if (s->by_kind[k])
            printf(" %s %zu", passage_kind_name((passage_kind)k), s->by_kind[k]);
    printf("\n  by pillar:");
    for (int p = 1; p <= PILLAR_MAX; p++)
        printf(" %d: %zu", p, s->by_pillar[p]);
    printf(", none: %zu\n", s->by_pillar[0]);
    printf("  agencies:  %zu named", s->agencies.count);
    for (size_t i = 0; i < s->agencies.count; i++) {
        fputs(i ? "; " : " (", stdout);
        puts_safe(stdout, s->agencies.items[i]);   /* names from agencies.tsv */
    }
    printf("%s\n", s->agencies.count ? ")" : "");
    printf("  actors:    %zu named", s->actors.count);
    for (size_t i = 0; i < s->actors.count; i++) {
        fputs(i ? "; " : " (", stdout);
        puts_safe(stdout, s->actors.items[i]);
    }
    printf("%s\n", s->actors.count ? ")" : "");
    printf("  vocabulary: %zu groups, %zu acronyms defined in the text\n",
           s->vocabulary_groups, s->acronyms);
}

/* BRIEF_INDEX_RUN_BYTES: the size of the parts a full build writes each
 * shard in (indexer.h); for tests and tuning, not in --help. */
static bool run_bytes_from_env(size_t *out, char **error)
{
    const char *v = getenv("BRIEF_INDEX_RUN_BYTES");
    if (!v || !*v)
        return true;
    char *end = NULL;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (v[0] < '0' || v[0] > '9' || errno || *end || n == 0)   /* strtoull takes " -1" */
        return error_set(error, "BRIEF_INDEX_RUN_BYTES=%s: not a positive number of bytes",
                         v);
    *out = (size_t)n;
    return true;
}

int cmd_index(const cli_context *ctx, int argc, char **argv)
{
    parsed_args a;
    if (!args_parse("index", argc, argv, specs, &a))
        return EXIT_TROUBLE;
    const char *corpus_opt = NULL, *index_opt = NULL;
    bool wait = false, quiet = false, rebuild = false;
    unsigned shards = 0;
    for (int i = 0; i < a.option_count; i++) {
        switch (a.options[i].id) {
        case OPT_CORPUS: corpus_opt = a.options[i].value; break;
        case OPT_INDEX: index_opt = a.options[i].value; break;
        case OPT_WAIT: wait = true; break;
        case OPT_QUIET: quiet = true; break;
        case OPT_REBUILD: rebuild = true; break;
        case OPT_SHARDS: {
            char *end;
            long n = strtol(a.options[i].value, &end, 10);
            if (!*a.options[i].value || *end || n < 1 || n > INDEX_MAX_SHARDS) {
                fprintf(stderr, "brief index: --shards must be a number from 1 to %d, "
                        "not '%s'\n", INDEX_MAX_SHARDS, a.options[i].value);
                args_free(&a);
                return EXIT_TROUBLE;
            }
            shards = (unsigned)n;
            break;
        }
        case OPT_HELP:
            args_free(&a);
            print_command_help(find_command("index"));
            return EXIT_FOUND;
        }
    }
    if (a.words.count) {
        fprintf(stderr, "brief index: unexpected argument '%s' (the corpus is given "
                "with --corpus DIR)\n", a.words.items[0]);
        args_free(&a);
        return EXIT_TROUBLE;
    }
    args_free(&a);

    char *corpus_dir = resolve_corpus_dir(corpus_opt);
    char *index_dir = resolve_index_dir(ctx, index_opt);
    char *error = NULL;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    corpus c;
    index_summary summary = {0};
    progress prog = {.show = !quiet && isatty(STDERR_FILENO), .last_permille = (size_t)-1};
    clock_gettime(CLOCK_MONOTONIC, &prog.started);
    index_options options = {.wait_for_lock = wait, .rebuild = rebuild,
                             .shards = shards, .progress = on_progress,
                             .progress_ctx = &prog};
    int status = EXIT_FOUND;
    if (!run_bytes_from_env(&options.run_bytes, &error)) {
        status = fail("index", error);
    } else if (!corpus_open(corpus_dir, &c, &error)) {
        status = fail("index", error);
    } else {
        if (!index_build(&c, index_dir, &options, &summary, &error)) {
            if (prog.open)
                fputc('\n', stderr);   /* the error on a line of its own */
            status = fail("index", error);
        }
        corpus_free(&c);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (status == EXIT_FOUND && !quiet)
        print_summary(&summary, index_dir,
                      (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    index_summary_free(&summary);
    free(corpus_dir);
    free(index_dir);
    return status;
}
