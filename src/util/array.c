#include "array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool array_make_room(void *items_ptr, size_t *cap, size_t count, size_t size,
                     size_t first)
{
    if (count < *cap)
        return true;
    size_t grown = *cap ? *cap * 2 : first;
    if (grown < *cap || size == 0 || grown > SIZE_MAX / size)
        return false;
    /* items_ptr points at a T *; a void * has the same representation. */
    void *items;
    memcpy(&items, items_ptr, sizeof items);
    void *bigger = realloc(items, grown * size);
    if (!bigger)
        return false;
    memcpy(items_ptr, &bigger, sizeof bigger);
    *cap = grown;
    return true;
}
