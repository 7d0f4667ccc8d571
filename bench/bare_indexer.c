/* bare_indexer: the floor for brief's indexing, a bare Xapian
 * TermGenerator over the same passages: each passage's text indexed with
 * positions (the same stemmer and strategy as brief), its id as a unique
 * term, its text as the document data; nothing else (no Unicode folding,
 * no Markdown, no gazetteer, no facets, no spelling table).
 *
 *   bare_indexer PASSAGES.tsv DB
 *
 * PASSAGES.tsv: id TAB report TAB kind TAB text, one passage a line
 * (bench/dump_passages writes it).  Prints the MB of text indexed. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xapian-c.h"

/* A commit every 48 MB of text, as brief did before it wrote in runs: it
 * bounds what Xapian holds in memory, and this is the plain way to write. */
#define COMMIT_BYTES ((size_t)48 << 20)

static void check(xc_status st, char *msg)
{
    if (st != XC_OK) {
        fprintf(stderr, "bare_indexer: %s\n", msg ? msg : xc_status_name(st));
        exit(2);
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: bare_indexer PASSAGES.tsv DB\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "r");
    if (!in) {
        perror(argv[1]);
        return 2;
    }
    char *msg = NULL;
    xc_writable *db = NULL;
    xc_termgen *tg = NULL;
    check(xc_writable_open(argv[2], XC_CREATE_OR_OVERWRITE, 0, &db, &msg), msg);
    check(xc_termgen_new("english", XC_STEM_ALL_Z, NULL, &tg, &msg), msg);
    char *line = NULL;
    size_t cap = 0, bytes = 0, since = 0, docs = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, in)) > 0) {
        if (line[n - 1] == '\n')
            line[--n] = '\0';
        char *id = line, *t1 = strchr(id, '\t');
        char *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
        char *t3 = t2 ? strchr(t2 + 1, '\t') : NULL;
        if (!t3)
            continue;
        *t1 = '\0';
        char *text = t3 + 1;
        size_t len = strlen(text);
        xc_document *doc = NULL;
        check(xc_document_new(&doc, &msg), msg);
        check(xc_termgen_set_document(tg, doc, &msg), msg);
        check(xc_termgen_index_text(tg, text, 1, NULL, &msg), msg);
        char term[1024];
        snprintf(term, sizeof term, "Q%s", id);
        check(xc_document_add_boolean_term(doc, term, &msg), msg);
        check(xc_document_set_data(doc, text, len, &msg), msg);
        check(xc_writable_add_document(db, doc, NULL, &msg), msg);
        xc_document_free(doc);
        bytes += len;
        since += len;
        docs++;
        if (since >= COMMIT_BYTES) {
            check(xc_writable_commit(db, &msg), msg);
            since = 0;
        }
    }
    check(xc_writable_commit(db, &msg), msg);
    xc_termgen_free(tg);
    xc_writable_free(db);
    free(line);
    fclose(in);
    printf("bare_indexer: %zu passages, %.1f MB of text\n", docs, (double)bytes / 1e6);
    return 0;
}
