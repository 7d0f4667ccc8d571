/* A cmocka group fixture for the unit tests that search the bundled
 * report: an index of corpus/ built afresh in a temporary folder, and a
 * searcher on it. */
#ifndef BRIEF_TEST_BUNDLED_INDEX_H
#define BRIEF_TEST_BUNDLED_INDEX_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "indexer.h"
#include "searcher.h"

typedef struct fixture {
    char dir[64];
    searcher *s;
} fixture;

static int remove_entry(const char *path, const struct stat *st, int flag,
                        struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static int build_index(void **state)
{
    static fixture f;
    strcpy(f.dir, "/tmp/brief-unit.XXXXXX");
    if (!mkdtemp(f.dir))
        return -1;
    char *error = NULL;
    corpus c;
    index_summary sum;
    bool ok = corpus_open(BRIEF_SOURCE_DIR "/corpus", &c, &error);
    ok = ok && index_build(&c, f.dir, NULL, &sum, &error);
    if (ok) {
        index_summary_free(&sum);
        corpus_free(&c);
    }
    ok = ok && searcher_open(f.dir, &f.s, &error);
    if (!ok) {
        fprintf(stderr, "%s\n", error ? error : "?");
        free(error);
        return -1;
    }
    *state = &f;
    return 0;
}

static int remove_index(void **state)
{
    fixture *f = *state;
    searcher_close(f->s);
    return nftw(f->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
