/* A growable list of owned strings. */
#ifndef BRIEF_LIST_H
#define BRIEF_LIST_H

#include <stdbool.h>
#include <stddef.h>

typedef struct string_list {
    char **items;
    size_t count;
} string_list;

#define STRING_LIST_INIT {NULL, 0}

/* Appends a copy of s.  False on allocation failure. */
bool string_list_add(string_list *list, const char *s);
/* Appends a copy unless an equal string is there already. */
bool string_list_add_unique(string_list *list, const char *s);
bool string_list_contains(const string_list *list, const char *s);
/* The items joined by sep (malloc()ed; "" for an empty list). */
char *string_list_join(const string_list *list, const char *sep);
bool string_list_copy(string_list *dst, const string_list *src);
void string_list_free(string_list *list);

/* Where name stands, ignoring case, in a table of count names (an enum's
 * names, say); -1 when it is not there.  NULL entries are skipped. */
int name_table_find(const char *const *names, int count, const char *name);

#endif
