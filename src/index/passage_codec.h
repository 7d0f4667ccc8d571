/* A passage as stored in the index: a JSON object in the document data.
 * The searcher gives back exactly what the indexer read from the edition. */
#ifndef BRIEF_PASSAGE_CODEC_H
#define BRIEF_PASSAGE_CODEC_H

#include <stdbool.h>
#include <stddef.h>

#include "passage.h"
#include "report.h"
#include "vocabulary.h"

/* malloc()ed JSON, or NULL when memory ran out. */
char *passage_encode(const passage *p);
/* Fills *out (free with passage_free); false if data is not a passage. */
bool passage_decode(const char *data, size_t len, passage *out, char **error);
/* passage_decode's two paths, which tests compare: a fast reader of just
 * what passage_encode writes (false, with nothing to free, for anything
 * else), and the general JSON reader it falls back to. */
bool passage_decode_fast(const char *data, size_t len, passage *out);
bool passage_decode_json(const char *data, size_t len, passage *out, char **error);

/* Report metadata (title, authors, ...) without passages: the index keeps
 * it for citations. */
char *reports_encode(const report *reports, size_t count);
bool reports_decode(const char *json, report **out, size_t *count,
                    char **error);

char *vocabulary_encode(const vocabulary *v);
bool vocabulary_decode(const char *json, vocabulary *out, char **error);

#endif
