#include "wordlist.h"

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

wordlist_answer wordlist_has(const char *path, const char *word)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return WORDLIST_ABSENT;
    size_t len = strlen(word);
    char line[128];
    wordlist_answer answer = WORDLIST_NO;
    bool whole = true;   /* line[] starts a line of the file */
    for (long n = 0; answer == WORDLIST_NO && n < WORDLIST_MAX_LINES &&
                     fgets(line, sizeof line, f); n++) {
        size_t got = strlen(line);
        bool ends = got && line[got - 1] == '\n';
        if (ends)
            line[--got] = '\0';
        if (got && line[got - 1] == '\r')
            line[--got] = '\0';
        if (whole && got == len && strncasecmp(line, word, len) == 0)
            answer = WORDLIST_YES;
        whole = ends;
    }
    if (ferror(f) && answer == WORDLIST_NO)
        answer = WORDLIST_ABSENT;
    fclose(f);
    return answer;
}
