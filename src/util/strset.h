/* A set of strings (open addressing), with a count per string. */
#ifndef BRIEF_STRSET_H
#define BRIEF_STRSET_H

#include <stdbool.h>
#include <stddef.h>

typedef struct strset {
    char **keys;
    unsigned *counts;
    size_t cap;     /* a power of two, or 0 */
    size_t size;
} strset;

#define STRSET_INIT {NULL, NULL, 0, 0}

/* Adds a copy of key[0..len) (count += 1).  False on allocation failure. */
bool strset_add(strset *set, const char *key, size_t len);
/* The same, count += n. */
bool strset_add_n(strset *set, const char *key, size_t len, unsigned n);
/* The count of key, which is added (count 0) when absent: the caller may
 * set it.  NULL on allocation failure. */
unsigned *strset_ref(strset *set, const char *key, size_t len);
/* How many times key was added (0: absent). */
unsigned strset_count(const strset *set, const char *key, size_t len);
void strset_free(strset *set);

#endif
