#include "draft.h"

#include "array.h"

#include <stdlib.h>
#include <string.h>

block *draft_add(draft *d, block_type type, const char *text, size_t len)
{
    if (!array_make_room(&d->blocks, &d->cap, d->count, sizeof *d->blocks, 64))
        return NULL;
    char *copy = malloc(len + 1);
    if (!copy)
        return NULL;
    memcpy(copy, text, len);
    copy[len] = '\0';
    block *b = &d->blocks[d->count++];
    memset(b, 0, sizeof *b);
    b->type = type;
    b->text = copy;
    b->marker = -1;
    return b;
}

void draft_remove(draft *d, size_t i)
{
    free(d->blocks[i].text);
    memmove(&d->blocks[i], &d->blocks[i + 1], (d->count - i - 1) * sizeof(block));
    d->count--;
}

void draft_move(draft *d, size_t from, size_t to)
{
    if (from == to)
        return;
    block moved = d->blocks[from];
    if (from > to)
        memmove(&d->blocks[to + 1], &d->blocks[to], (from - to) * sizeof(block));
    else
        memmove(&d->blocks[from], &d->blocks[from + 1], (to - from) * sizeof(block));
    d->blocks[to] = moved;
}

bool block_append(block *b, const char *more)
{
    size_t old = strlen(b->text), add = strlen(more);
    char *grown = realloc(b->text, old + add + 2);
    if (!grown)
        return false;
    grown[old] = '\n';
    memcpy(grown + old + 1, more, add + 1);
    b->text = grown;
    return true;
}

void draft_free(draft *d)
{
    for (size_t i = 0; i < d->count; i++)
        free(d->blocks[i].text);
    free(d->blocks);
    free(d->title);
    free(d->authors);
    free(d->publisher);
    free(d->date);
    free(d->series);
    memset(d, 0, sizeof *d);
}

bool text_ends_sentence(const char *text, size_t len)
{
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
        len--;
    if (len > 0 && text[len - 1] == ']') {
        /* an explicit footnote reference: "forum.[^62]" */
        size_t open = len - 1;
        while (open > 0 && text[open] != '[')
            open--;
        if (open + 2 < len && text[open] == '[' && text[open + 1] == '^')
            len = open;
    }
    while (len > 0 && text[len - 1] >= '0' && text[len - 1] <= '9')
        len--; /* a glued footnote number */
    if (len == 0)
        return false;
    /* closing quotes: ” (E2 80 9D), ’ (E2 80 99), " and ' */
    if (len >= 3 && (unsigned char)text[len - 3] == 0xE2 &&
        (unsigned char)text[len - 2] == 0x80 &&
        ((unsigned char)text[len - 1] == 0x9D || (unsigned char)text[len - 1] == 0x99))
        len -= 3;
    else if (text[len - 1] == '"' || text[len - 1] == '\'')
        len--;
    if (len == 0)
        return false;
    return strchr(".!?:)", text[len - 1]) != NULL;
}
