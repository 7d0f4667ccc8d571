/* "Did you mean": corrections of the words the index does not know. */
#include "searcher_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "wordlist.h"

static bool is_operator_word(const char *w, size_t len)
{
    static const char *const ops[] = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    for (size_t i = 0; i < sizeof ops / sizeof *ops; i++)
        if (strlen(ops[i]) == len && strncmp(w, ops[i], len) == 0)
            return true;
    return false;
}

/* "did you mean": each word of the query as typed that the index does not
 * know is replaced by the spelling table's suggestion.  (Xapian's own
 * correction would also "correct" known words: with Z-prefixed stems the
 * unstemmed word is never a term.)  NULL when there is nothing to say.
 * *replaceable: every word it replaces is no English word either
 * (wordlist.h), so the suggestion may stand in for the query. */
char *suggest(searcher *s, const char *typed, bool *replaceable)
{
    *replaceable = true;
    strbuf out = STRBUF_INIT;
    bool changed = false;
    for (const char *p = typed; *p;) {
        if (!isalpha((unsigned char)*p)) {
            strbuf_putc(&out, *p++);
            continue;
        }
        const char *start = p;
        while (isalpha((unsigned char)*p) || *p == '\'')
            p++;
        size_t len = (size_t)(p - start);
        bool wildcard = *p == '*', field = *p == ':';
        char *word = strndup(start, len);
        for (char *c = word; c && *c; c++)
            *c = (char)tolower((unsigned char)*c);
        char *fix = NULL;
        if (word && len > 2 && !wildcard && !field && !is_operator_word(start, len) &&
            !word_known(word, s) && !vocabulary_find(&s->vocabulary, word))
            xc_database_spelling_suggestion(s->db, word, 2, &fix, NULL);
        if (fix && *fix) {   /* "": the spelling table has none */
            strbuf_puts(&out, fix);
            changed = true;
            /* A real word stays: only offered another ("supply chains"). */
            if (wordlist_has(wordlist_path(), word) != WORDLIST_NO)
                *replaceable = false;
        } else {
            strbuf_append(&out, start, len);
        }
        free(fix);
        free(word);
    }
    char *result = strbuf_detach(&out);
    if (!changed) {
        free(result);
        return NULL;
    }
    return result;
}
