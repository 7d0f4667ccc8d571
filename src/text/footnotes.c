#include "footnotes.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

void footnote_seq_free(footnote_seq *seq)
{
    free(seq->used);
    *seq = (footnote_seq)FOOTNOTE_SEQ_INIT;
}

bool footnote_seq_copy(footnote_seq *dst, const footnote_seq *src)
{
    *dst = (footnote_seq){src->next, NULL, 0};
    if (!src->used_cap)
        return true;
    dst->used = malloc(src->used_cap);
    if (!dst->used)
        return false;
    memcpy(dst->used, src->used, src->used_cap);
    dst->used_cap = src->used_cap;
    return true;
}

void footnote_list_free(footnote_list *notes)
{
    free(notes->numbers);
    notes->numbers = NULL;
    notes->count = 0;
}

static bool seq_used(const footnote_seq *seq, int n)
{
    return (size_t)n < seq->used_cap && seq->used[n];
}

static bool seq_take(footnote_seq *seq, int n)
{
    if ((size_t)n >= seq->used_cap) {
        size_t cap = seq->used_cap ? seq->used_cap : 128;
        while (cap <= (size_t)n)
            cap *= 2;
        unsigned char *used = realloc(seq->used, cap);
        if (!used)
            return false;
        memset(used + seq->used_cap, 0, cap - seq->used_cap);
        seq->used = used;
        seq->used_cap = cap;
    }
    seq->used[n] = 1;
    if (n + 1 > seq->next)
        seq->next = n + 1;
    return true;
}

static bool plausible(const footnote_seq *seq, long n)
{
    return n >= 1 && n < 100000 && n >= seq->next - FOOTNOTE_WINDOW &&
           n <= seq->next + FOOTNOTE_WINDOW && !seq_used(seq, (int)n);
}

static bool note_add(footnote_list *notes, int n)
{
    if (!notes)
        return true;
    int *numbers = realloc(notes->numbers, (notes->count + 1) * sizeof(int));
    if (!numbers)
        return false;
    numbers[notes->count++] = n;
    notes->numbers = numbers;
    return true;
}

/* May a footnote number be glued right after this byte?  A letter, or the
 * punctuation that closes a sentence, clause or quotation. */
static bool closes_word(const char *start, const char *at)
{
    unsigned char c = (unsigned char)at[-1];
    if (isalpha(c) || strchr(".,;:)'\"", c))
        return true;
    /* ” (E2 80 9D) and ’ (E2 80 99) */
    return at - start >= 3 && (unsigned char)at[-3] == 0xE2 &&
           (unsigned char)at[-2] == 0x80 && (c == 0x9D || c == 0x99);
}

char *text_take_footnotes(const char *text, footnote_seq *seq,
                          footnote_list *notes)
{
    strbuf out = STRBUF_INIT;
    const char *p = text;
    bool ok = true;
    while (*p && ok) {
        /* Explicit marker [^N]. */
        if (p[0] == '[' && p[1] == '^' && isdigit((unsigned char)p[2])) {
            char *end;
            long n = strtol(p + 2, &end, 10);
            if (*end == ']' && n > 0 && n < 100000) {
                ok = seq_take(seq, (int)n) && note_add(notes, (int)n);
                p = end + 1;
                continue;
            }
        }
        /* A run of digits that ends a token and follows a word. */
        if (isdigit((unsigned char)*p) && p > text &&
            closes_word(text, p)) {
            const char *end = p;
            while (isdigit((unsigned char)*end))
                end++;
            bool token_ends = *end == '\0' || *end == ' ';
            long n = end - p <= 5 ? strtol(p, NULL, 10) : 0;
            /* "2016.6" is a reference, "Reform 2.0" is not: the sequence
             * decides (0 is never expected). */
            if (token_ends && plausible(seq, n)) {
                ok = seq_take(seq, (int)n) && note_add(notes, (int)n);
                p = end;
                continue;
            }
            strbuf_append(&out, p, (size_t)(end - p));
            p = end;
            continue;
        }
        strbuf_putc(&out, *p++);
    }
    if (!ok) {
        strbuf_free(&out);
        return NULL;
    }
    return strbuf_detach(&out);
}
