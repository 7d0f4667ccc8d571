#include "strset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static size_t find_slot(const strset *set, const char *key, size_t len)
{
    size_t mask = set->cap - 1;
    size_t i = (size_t)hash_bytes(key, len) & mask;
    while (set->keys[i] &&
           !(strlen(set->keys[i]) == len && memcmp(set->keys[i], key, len) == 0))
        i = (i + 1) & mask;
    return i;
}

static bool grow(strset *set)
{
    size_t cap = set->cap ? set->cap * 2 : 64;
    strset bigger = {calloc(cap, sizeof(char *)), calloc(cap, sizeof(unsigned)),
                     cap, set->size};
    if (!bigger.keys || !bigger.counts) {
        free(bigger.keys);
        free(bigger.counts);
        return false;
    }
    for (size_t i = 0; i < set->cap; i++) {
        if (!set->keys[i])
            continue;
        size_t j = find_slot(&bigger, set->keys[i], strlen(set->keys[i]));
        bigger.keys[j] = set->keys[i];
        bigger.counts[j] = set->counts[i];
    }
    free(set->keys);
    free(set->counts);
    *set = bigger;
    return true;
}

bool strset_add(strset *set, const char *key, size_t len)
{
    return strset_add_n(set, key, len, 1);
}

bool strset_add_n(strset *set, const char *key, size_t len, unsigned n)
{
    unsigned *count = strset_ref(set, key, len);
    if (count)
        *count += n;
    return count != NULL;
}

unsigned *strset_ref(strset *set, const char *key, size_t len)
{
    if ((set->size + 1) * 2 > set->cap && !grow(set))
        return NULL;
    size_t i = find_slot(set, key, len);
    if (!set->keys[i]) {
        char *copy = malloc(len + 1);
        if (!copy)
            return NULL;
        memcpy(copy, key, len);
        copy[len] = '\0';
        set->keys[i] = copy;
        set->size++;
    }
    return &set->counts[i];
}

unsigned strset_count(const strset *set, const char *key, size_t len)
{
    if (!set->cap)
        return 0;
    size_t i = find_slot(set, key, len);
    return set->keys[i] ? set->counts[i] : 0;
}

void strset_free(strset *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->keys[i]);
    free(set->keys);
    free(set->counts);
    *set = (strset)STRSET_INIT;
}
