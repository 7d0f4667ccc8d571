#include "wordlist.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *wordlist_path(void)
{
    const char *env = getenv("BRIEF_WORDLIST");
    return env && *env ? env : WORDLIST_DEFAULT;
}

/* Calls visit with each whole line of the list (its end of line off), at
 * most WORDLIST_MAX_LINES of them, until visit returns false.  Lines too long
 * for the buffer are no words and are not visited. */
typedef bool (*line_visitor)(const char *line, size_t len, void *ctx);

static wordlist_answer scan(const char *path, line_visitor visit, void *ctx)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return WORDLIST_ABSENT;
    char line[128];
    bool whole = true;   /* line[] starts a line of the file */
    bool going = true;
    for (long n = 0; going && n < WORDLIST_MAX_LINES && fgets(line, sizeof line, f); n++) {
        size_t got = strlen(line);
        bool ends = got && line[got - 1] == '\n';
        if (ends)
            line[--got] = '\0';
        if (got && line[got - 1] == '\r')
            line[--got] = '\0';
        if (whole && (ends || feof(f)))
            going = visit(line, got, ctx);
        whole = ends;
    }
    wordlist_answer answer = ferror(f) && going ? WORDLIST_ABSENT : WORDLIST_NO;
    fclose(f);
    return answer;
}

typedef struct one_word {
    const char *word;
    size_t len;
    bool found;
} one_word;

static bool match_one(const char *line, size_t len, void *ctx)
{
    one_word *w = ctx;
    w->found = len == w->len && strncasecmp(line, w->word, len) == 0;
    return !w->found;
}

wordlist_answer wordlist_has(const char *path, const char *word)
{
    one_word w = {word, strlen(word), false};
    wordlist_answer answer = scan(path, match_one, &w);
    return w.found ? WORDLIST_YES : answer;
}

typedef struct many_words {
    const strset *asked;
    strset *found;
    bool ok;
} many_words;

static bool match_many(const char *line, size_t len, void *ctx)
{
    many_words *w = ctx;
    char lower[128];
    for (size_t i = 0; i < len; i++)
        lower[i] = (char)tolower((unsigned char)line[i]);
    if (len && strset_count(w->asked, lower, len) && !strset_count(w->found, lower, len))
        w->ok = strset_add(w->found, lower, len);
    return w->ok;
}

bool wordlist_find(const char *path, const strset *asked, strset *found)
{
    if (asked->size == 0)
        return true;   /* nothing to read the list for */
    many_words w = {asked, found, true};
    scan(path, match_many, &w);
    return w.ok;
}
