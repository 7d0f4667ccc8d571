/* Exact forms of the typed words before stem-only matches. */
#include "searcher_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"

/* The index holds stems: "renewable" and "renewed" are both "renew".  A
 * passage that has the word as typed (or its plural) ranks before one
 * that has only another word of its stem: among the first EXACT_WINDOW
 * candidates past the page (searcher_internal.h), each typed word found as
 * typed adds EXACT_BONUS to the passage's weight. */
#define EXACT_BONUS 1.0

/* The typed words worth checking: plain ASCII letters, folded. */
static bool exact_words(const string_list *units, string_list *out)
{
    for (size_t u = 0; u < units->count; u++) {
        const char *w = units->items[u];
        bool plain = *w != '\0';
        for (const char *c = w; *c && plain; c++)
            plain = isalpha((unsigned char)*c);
        if (!plain)
            continue;
        char *lower = strdup(w);
        for (char *c = lower; c && *c; c++)
            *c = (char)tolower((unsigned char)*c);
        bool ok = lower && string_list_add_unique(out, lower);
        free(lower);
        if (!ok)
            return false;
    }
    return true;
}

/* How many of words text has as typed, or with -s / -es. */
static unsigned exact_count(const char *text, const string_list *words)
{
    unsigned found = 0;
    for (size_t k = 0; k < words->count; k++) {
        const char *w = words->items[k];
        size_t n = strlen(w);
        bool seen = false;
        for (const char *p = text; *p && !seen; p++) {
            if (strncasecmp(p, w, n) != 0 || (p > text && isalnum((unsigned char)p[-1])))
                continue;
            const char *e = p + n;
            if (*e == 's' || *e == 'S')
                e++;
            else if (strncasecmp(e, "es", 2) == 0)
                e += 2;
            seen = !isalnum((unsigned char)*e);
        }
        found += seen;
    }
    return found;
}

static double pick_weight(const pick *p)
{
    if (p->r->reranked)
        return p->r->top[p->i].weight;
    xc_hit info = {0};
    xc_mset_hit(p->r->mset, p->i, &info, NULL);
    return info.weight;
}

static int by_tier_then_weight(const void *a, const void *b)
{
    const pick *x = a, *y = b;
    if (x->partial != y->partial)
        return x->partial ? 1 : -1;
    if (x->weight != y->weight)
        return x->weight > y->weight ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Adds the bonus of exact forms to picks[0..n) and re-sorts them, the
 * passages with every word still first. */
bool rerank_exact(searcher *s, pick *picks, size_t n, const string_list *units,
                  char **error)
{
    string_list words = STRING_LIST_INIT;
    bool ok = exact_words(units, &words) || error_set(error, "out of memory");
    for (size_t i = 0; ok && i < n; i++) {
        picks[i].weight = pick_weight(&picks[i]);
        picks[i].order = i;
        if (!words.count)
            continue;
        search_hit hit = {0};
        ok = hit_at(s, picks[i].r, 0, picks[i].i, &hit, error);
        if (ok)
            picks[i].weight += EXACT_BONUS * exact_count(hit.passage.text, &words);
        passage_free(&hit.passage);
    }
    if (ok)
        qsort(picks, n, sizeof *picks, by_tier_then_weight);
    string_list_free(&words);
    return ok;
}
