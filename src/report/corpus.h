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
    report *reports;       /* sorted by folder name */
    size_t count;
    gazetteer gazetteer;
    char *gazetteer_text;  /* the files as read: the index keeps copies so */
    char *synonyms_text;   /* the query side needs no corpus ("" if none) */
} corpus;

/* Loads path: a corpus folder (one sub-folder per report, each with
 * report.md), a single report's folder, or one edition file.  The shared
 * files are looked for in the corpus folder. */
bool corpus_load(const char *path, corpus *out, char **error);
void corpus_free(corpus *c);

/* Counts of the corpus, for the summary `brief index` prints. */
size_t corpus_passage_count(const corpus *c);

#endif
