#include "list.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strbuf.h"

bool string_list_add(string_list *list, const char *s)
{
    char *copy = strdup(s);
    char **items = copy ? realloc(list->items,
                                  (list->count + 1) * sizeof(char *))
                        : NULL;
    if (!items) {
        free(copy);
        return false;
    }
    items[list->count++] = copy;
    list->items = items;
    return true;
}

bool string_list_contains(const string_list *list, const char *s)
{
    for (size_t i = 0; i < list->count; i++)
        if (strcmp(list->items[i], s) == 0)
            return true;
    return false;
}

bool string_list_add_unique(string_list *list, const char *s)
{
    return string_list_contains(list, s) || string_list_add(list, s);
}

char *string_list_join(const string_list *list, const char *sep)
{
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < list->count; i++) {
        if (i)
            strbuf_puts(&sb, sep);
        strbuf_puts(&sb, list->items[i]);
    }
    return strbuf_detach(&sb);
}

bool string_list_copy(string_list *dst, const string_list *src)
{
    *dst = (string_list)STRING_LIST_INIT;
    for (size_t i = 0; i < src->count; i++)
        if (!string_list_add(dst, src->items[i])) {
            string_list_free(dst);
            return false;
        }
    return true;
}

void string_list_free(string_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
    list->items = NULL;
    list->count = 0;
}

int name_table_find(const char *const *names, int count, const char *name)
{
    for (int i = 0; i < count; i++)
        if (names[i] && strcasecmp(name, names[i]) == 0)
            return i;
    return -1;
}
