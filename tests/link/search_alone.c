/* The search side links without the indexer: this program is linked with
 * brief-search alone (through it brief-store, not brief-index nor a threads
 * library of its own), so a searcher that came to need the indexer would
 * fail to link here.  Run over the end-to-end index, it also searches,
 * reads a passage and its neighbour, and cites its report.
 * usage: search_alone INDEX */
#include <stdio.h>
#include <stdlib.h>

#include "searcher.h"

static int failed(char *error)
{
    fprintf(stderr, "search_alone: %s\n", error ? error : "failed");
    free(error);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: search_alone INDEX\n");
        return 2;
    }
    char *error = NULL;
    searcher *s = NULL;
    if (!searcher_open(argv[1], &s, &error))
        return failed(error);
    search_request req = {.query = "burden sharing", .limit = 3};
    search_result res = {0};
    passage p = {0}, next = {0};
    bool ok = searcher_search(s, &req, &res, &error) && res.count > 0 &&
              searcher_get(s, res.hits[0].passage.id, &p, &error) &&
              searcher_neighbour(s, &p, 1, &next, &error) &&
              searcher_report(s, p.report) != NULL;
    if (ok)
        printf("%u passages; first %s, then %s\n", res.total, p.id, next.id);
    passage_free(&p);
    passage_free(&next);
    search_result_free(&res);
    searcher_close(s);
    return ok ? 0 : failed(error);
}
