/* Growing a plain C array one element at a time. */
#ifndef BRIEF_ARRAY_H
#define BRIEF_ARRAY_H

#include <stdbool.h>
#include <stddef.h>

/* Makes room for one more element in the array *items_ptr (a T ** passed
 * as void *) holding count elements of size bytes in *cap slots: when it
 * is full, doubles *cap (starting at first) with realloc.  On failure
 * (allocation, or a size that would overflow) returns false and leaves the
 * array and *cap as they were, so the caller still owns what it had. */
bool array_make_room(void *items_ptr, size_t *cap, size_t count, size_t size,
                     size_t first);

#endif
