/* What a wildcard stands for.  The index holds stems, not words (schema.h):
 * sanction* is expanded here over the index's words, the spelling table in
 * its metadata database, and the query then looks up each word's stem. */
#ifndef BRIEF_WILDCARD_H
#define BRIEF_WILDCARD_H

#include <stdbool.h>
#include <stddef.h>

#include "list.h"
#include "xapian-c.h"

/* Adds to out the words of db's spelling table that start with prefix, one
 * per stem (its most frequent word, the stem counting all its words), the
 * max most frequent stems, in alphabetical order.  Words with digits are
 * not in that table: for a prefix with a digit, the stems themselves (a
 * number is its own stem).  False when memory ran out; a database error
 * leaves out what could not be read. */
bool wildcard_words(xc_database *db, xc_stemmer *stemmer, const char *prefix,
                    size_t max, string_list *out);

#endif
