#include "wildcard.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

typedef struct expansion_word {
    char *word;
    char *stem;
    uint64_t freq;
} expansion_word;

typedef struct expansion {
    xc_stemmer *stemmer;
    bool over_stems;        /* the terms are Z-stems, not words */
    expansion_word *items;
    size_t count, cap;
    bool failed;
} expansion;

static int collect_word(const char *word, uint32_t freq, void *ctx)
{
    expansion *e = ctx;
    char *stem = NULL;
    if (e->over_stems)
        stem = strdup(word + 1);
    else if (xc_stemmer_stem(e->stemmer, word, &stem, NULL) != XC_OK)
        stem = NULL;
    if (e->count == e->cap) {
        size_t cap = e->cap ? 2 * e->cap : 64;
        expansion_word *bigger = realloc(e->items, cap * sizeof *bigger);
        if (bigger) {
            e->items = bigger;
            e->cap = cap;
        }
    }
    char *copy = strdup(e->over_stems ? word + 1 : word);
    if (!stem || !copy || e->count == e->cap) {
        free(stem);
        free(copy);
        e->failed = true;
        return 1;
    }
    e->items[e->count++] = (expansion_word){copy, stem, freq};
    return 0;
}

static int by_stem_then_freq(const void *a, const void *b)
{
    const expansion_word *x = a, *y = b;
    int c = strcmp(x->stem, y->stem);
    return c ? c : (x->freq < y->freq) - (x->freq > y->freq);
}

static int by_freq(const void *a, const void *b)
{
    const expansion_word *x = a, *y = b;
    int c = (x->freq < y->freq) - (x->freq > y->freq);
    return c ? c : strcmp(x->word, y->word);
}

static int by_word(const void *a, const void *b)
{
    return strcmp(((const expansion_word *)a)->word, ((const expansion_word *)b)->word);
}

static void word_free(expansion_word *w)
{
    free(w->word);
    free(w->stem);
}

/* One word per stem: the most frequent, with all their frequency. */
static void one_per_stem(expansion *e)
{
    if (!e->count)
        return;
    qsort(e->items, e->count, sizeof *e->items, by_stem_then_freq);
    size_t n = 1;
    for (size_t i = 1; i < e->count; i++) {
        if (strcmp(e->items[n - 1].stem, e->items[i].stem) == 0) {
            e->items[n - 1].freq += e->items[i].freq;
            word_free(&e->items[i]);
        } else {
            e->items[n++] = e->items[i];
        }
    }
    e->count = n;
}

/* The max most frequent, in alphabetical order. */
static void keep_most_frequent(expansion *e, size_t max)
{
    if (e->count > max) {
        qsort(e->items, e->count, sizeof *e->items, by_freq);
        for (size_t i = max; i < e->count; i++)
            word_free(&e->items[i]);
        e->count = max;
    }
    if (e->count)
        qsort(e->items, e->count, sizeof *e->items, by_word);
}

bool wildcard_words(xc_database *db, xc_stemmer *stemmer, const char *prefix,
                    size_t max, string_list *out)
{
    expansion e = {stemmer, strpbrk(prefix, "0123456789") != NULL, NULL, 0, 0, false};
    xc_status st;
    if (e.over_stems) {
        strbuf z = STRBUF_INIT;
        strbuf_printf(&z, "Z%s", prefix);
        st = z.failed ? XC_ERR_NO_MEMORY
                      : xc_database_each_term(db, z.data, collect_word, &e, NULL);
        strbuf_free(&z);
    } else {
        st = xc_database_each_spelling_word(db, prefix, collect_word, &e, NULL);
    }
    one_per_stem(&e);
    keep_most_frequent(&e, max);
    bool ok = true;
    for (size_t i = 0; i < e.count; i++) {
        ok = ok && string_list_add(out, e.items[i].word);
        word_free(&e.items[i]);
    }
    free(e.items);
    /* A database error (not memory) leaves out what could not be read. */
    return ok && !e.failed && st != XC_ERR_NO_MEMORY;
}
