/* Fuzzes the query language and the whole search path.  Once, at start: a
 * small index built from tests/data/mini in a temporary folder.  Then for
 * each input: query_plan_build on the text, and searcher_search with
 * options taken from the first two bytes (limit, offset, sort, facets,
 * snippet length), searcher_get with the text as an id, and
 * verify_quotation.  Each returns results or a one-line error; results
 * hold valid UTF-8 with highlights inside their snippets. */
#define _XOPEN_SOURCE 700
#include "fuzz_common.h"

#include <ftw.h>
#include <stdio.h>
#include <unistd.h>

#include "corpus.h"
#include "indexer.h"
#include "query.h"
#include "searcher.h"
#include "verify.h"
#include "vocabulary.h"

#ifndef BRIEF_SOURCE_DIR
#error "BRIEF_SOURCE_DIR must name the source tree"
#endif

static searcher *query_searcher;
static vocabulary query_vocabulary = VOCABULARY_INIT;
static char query_index_dir[64];

static int query_remove(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void fuzz_query_cleanup(void)
{
    searcher_close(query_searcher);
    query_searcher = NULL;
    vocabulary_free(&query_vocabulary);
    if (query_index_dir[0])
        nftw(query_index_dir, query_remove, 16, FTW_DEPTH | FTW_PHYS);
    query_index_dir[0] = '\0';
}

static void fuzz_query_init(void)
{
    if (query_searcher)
        return;
    const char *mini = BRIEF_SOURCE_DIR "/tests/data/mini";
    const char *tmp = getenv("TMPDIR");
    snprintf(query_index_dir, sizeof query_index_dir, "%s/brief-fuzz-XXXXXX",
             tmp && *tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    if (!mkdtemp(query_index_dir))
        abort();
    corpus c;
    index_options options;
    memset(&options, 0, sizeof options);
    index_summary summary;
    char *error = NULL;
    if (!corpus_load(mini, &c, &error) ||
        !index_build(&c, query_index_dir, &options, &summary, &error) ||
        !searcher_open(query_index_dir, &query_searcher, &error)) {
        fprintf(stderr, "fuzz_query: cannot build the index: %s\n",
                error ? error : "?");
        abort();
    }
    index_summary_free(&summary);
    /* The vocabulary of the mini corpus, for query_plan_build alone. */
    FILE *f = fopen(BRIEF_SOURCE_DIR "/tests/data/mini/synonyms.tsv", "rb");
    char text[16384];
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f)
        fclose(f);
    text[n] = '\0';
    if (!vocabulary_parse(text, "synonyms.tsv", &query_vocabulary, &error))
        abort();
    corpus_free(&c);
    atexit(fuzz_query_cleanup);
}

/* A made-up index for the plan alone: words of even length are known. */
static bool even_known(const char *word, void *ctx)
{
    (void)ctx;
    return strlen(word) % 2 == 0;
}

static void check_error(char *error)
{
    FUZZ_CHECK(error != NULL);
    FUZZ_CHECK(strchr(error, '\n') == NULL);
    FUZZ_CHECK(fuzz_no_controls(error));
    free(error);
}

static int fuzz_query_one(const uint8_t *data, size_t size)
{
    fuzz_query_init();
    uint8_t flags = size > 0 ? data[0] : 0;
    uint8_t offset = size > 1 ? data[1] : 0;
    char *text = fuzz_string(size > 2 ? data + 2 : data, size > 2 ? size - 2 : 0);
    char *error = NULL;

    query_plan plan;
    const query_lexicon lexicon = {even_known, NULL, NULL};
    if (query_plan_build(text, &query_vocabulary, &lexicon, &plan, &error)) {
        FUZZ_CHECK(plan.parser_input && plan.typed);
        FUZZ_CHECK(fuzz_utf8_ok(plan.parser_input));
        query_plan_free(&plan);
    } else {
        check_error(error);
    }
    error = NULL;

    static const unsigned limits[] = {10, 0, 1, 3};
    search_request req;
    memset(&req, 0, sizeof req);
    req.query = text;
    req.facets = flags & 1;
    req.sort = (search_sort)((flags >> 1) % 3);
    req.limit = limits[(flags >> 3) & 3];
    req.offset = offset % 8;
    req.snippet_chars = (flags & 0x20) ? 0 : (flags & 0x40) ? 12 : 240;
    search_result res;
    if (searcher_search(query_searcher, &req, &res, &error)) {
        FUZZ_CHECK(res.count <= req.limit);
        for (size_t i = 0; i < res.count; i++) {
            const search_hit *h = &res.hits[i];
            FUZZ_CHECK(fuzz_utf8_ok(h->passage.text));
            FUZZ_CHECK(h->snippet.text && fuzz_utf8_ok(h->snippet.text));
            size_t len = strlen(h->snippet.text);
            for (size_t k = 0; k < h->snippet.count; k++)
                FUZZ_CHECK(h->snippet.spans[k].start + h->snippet.spans[k].len <= len);
        }
        search_result_free(&res);
    } else {
        check_error(error);
    }
    error = NULL;

    if (size < 64) {
        passage p;
        if (searcher_get(query_searcher, text, &p, &error)) {
            FUZZ_CHECK(p.id && p.text);
            passage_free(&p);
        } else {
            check_error(error);
        }
        error = NULL;
    }

    verify_result v;
    memset(&v, 0, sizeof v);
    if (verify_quotation(query_searcher, text, &v, &error))
        verify_result_free(&v);
    else
        check_error(error);
    free(text);
    return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_query_one(data, size);
}
#endif
