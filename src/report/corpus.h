/* A corpus: the reports in a folder, with the gazetteer and vocabulary
 * they share.  Loading it gives every passage its agencies and actors. */
#ifndef BRIEF_CORPUS_H
#define BRIEF_CORPUS_H

#include <stdbool.h>
#include <stddef.h>

#include "gazetteer.h"
#include "report.h"

#define CORPUS_EDITION_NAME "report.md"
#define CORPUS_GAZETTEER_NAME "agencies.tsv"
#define CORPUS_SYNONYMS_NAME "synonyms.tsv"
#define CORPUS_MAX_FILE_BYTES ((size_t)1 << 31)

typedef struct corpus {
    char *dir;
    string_list editions;  /* every report's edition path, sorted */
    report *reports;       /* sorted by folder name; empty after
                              corpus_open (read them one at a time) */
    size_t count;
    gazetteer gazetteer;
    char *gazetteer_text;  /* the files as read: the index keeps copies so */
    char *synonyms_text;   /* the query side needs no corpus ("" if none) */
} corpus;

/* Loads path: a corpus folder (one sub-folder per report, each with
 * report.md), a single report's folder, or one edition file.  The shared
 * files are looked for in the corpus folder. */
bool corpus_load(const char *path, corpus *out, char **error);
/* Like corpus_load, but reads only the shared files and lists the
 * editions: a big corpus is then read one report at a time with
 * corpus_read_report, so memory holds one report, not all of them. */
bool corpus_open(const char *path, corpus *out, char **error);
/* Reads, parses and tags edition i of c->editions into *out (free it with
 * report_free). */
bool corpus_read_report(const corpus *c, size_t i, report *out, char **error);
void corpus_free(corpus *c);

/* Counts of the corpus, for the summary `brief index` prints. */
size_t corpus_passage_count(const corpus *c);

#endif
