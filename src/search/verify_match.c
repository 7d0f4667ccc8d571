#include "verify_match.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ' and " match each other: a quotation inside a quotation changes its
 * marks ("upside-down pyramid" quoted as 'upside-down pyramid'). */
static bool same(char a, char b)
{
    return a == b || ((a == '\'' || a == '"') && (b == '\'' || b == '"'));
}

static bool closing(char c)
{
    return c == '.' || c == ',' || c == ';' || c == ':' || c == ')' || c == '\'' ||
           c == '"' || c == '!' || c == '?';
}

/* Digits at piece[i] that are a footnote number glued to what precedes
 * them: 1-3 digits after a lower-case letter or closing punctuation, and
 * before a space, punctuation or the piece's end.  Their count, or 0. */
static size_t footnote_at(const verify_piece *pc, size_t i)
{
    if (i == 0 || !isdigit((unsigned char)pc->text[i]))
        return 0;
    char before = pc->text[i - 1];
    if (!islower((unsigned char)before) && !closing(before))
        return 0;
    size_t n = 0;
    while (i + n < pc->len && isdigit((unsigned char)pc->text[i + n]))
        n++;
    if (n > 3)
        return 0;
    if (i + n < pc->len) {
        char after = pc->text[i + n];
        if (after != ' ' && !closing(after))
            return 0;
    }
    return n;
}

static void note_reach(verify_matcher *m, const verify_piece *pc, size_t i, size_t j)
{
    size_t q = (size_t)(pc->text - m->pattern->text) + i;
    if (!m->reached || q > m->reach_quote) {
        m->reach_quote = q;
        m->reach_text = j;
        m->reached = true;
    }
}

static bool word_char(char c)
{
    return isalnum((unsigned char)c) || ((unsigned char)c & 0x80);
}

/* What one piece matched: where it ends in the text, whether its first
 * letter's case was changed, the footnote numbers it carries. */
typedef struct piece_hit {
    size_t end;
    bool case_changed;
    int notes[VERIFY_MAX_FOOTNOTES];
    size_t note_count;
} piece_hit;

/* Matches piece pc at text offset at, filling *hit on success. */
static verify_outcome match_piece(verify_matcher *m, const verify_piece *pc, size_t at,
                                  piece_hit *hit)
{
    if (pc->word_before && at > 0 && word_char(m->text[at - 1]) && word_char(pc->text[0]))
        return VERIFY_FAILED;
    size_t i = 0, j = at;
    hit->case_changed = false;
    hit->note_count = 0;
    while (i < pc->len) {
        if (!m->budget)
            return VERIFY_FAILED;
        m->budget--;
        char a = pc->text[i];
        size_t digits;
        if (j < m->len && same(a, m->text[j])) {
            i++;
            j++;
        } else if ((digits = footnote_at(pc, i)) && (j >= m->len || !isdigit((unsigned char)m->text[j]))) {
            if (hit->note_count < VERIFY_MAX_FOOTNOTES)
                hit->notes[hit->note_count++] = atoi(pc->text + i);
            i += digits;
        } else if (i + 1 == pc->len && pc == &m->pattern->pieces[m->pattern->count - 1] &&
                   i > 0 && strchr(".,;:", a)) {
            /* The quotation's closing punctuation is the writer's (a comma
             * before the closing quotation mark, in American style). */
            i++;
        } else if (j >= m->len) {
            note_reach(m, pc, i, j);
            return VERIFY_RAN_OUT;
        } else if (i == 0 && isalpha((unsigned char)a) &&
                   tolower((unsigned char)a) == tolower((unsigned char)m->text[j])) {
            hit->case_changed = true;
            i++;
            j++;
        } else {
            note_reach(m, pc, i, j);
            return VERIFY_FAILED;
        }
    }
    if (pc->word_after && j < m->len && word_char(m->text[j]) && word_char(pc->text[pc->len - 1]))
        return VERIFY_FAILED;
    note_reach(m, pc, i, j);
    hit->end = j;
    return VERIFY_MATCHED;
}

/* Adds what a matched piece found to the quotation's match. */
static void keep_hit(verify_matcher *m, const piece_hit *hit)
{
    m->case_changed |= hit->case_changed;
    for (size_t i = 0; i < hit->note_count && m->footnote_count < VERIFY_MAX_FOOTNOTES; i++)
        m->footnotes[m->footnote_count++] = hit->notes[i];
}

/* The pieces after the first, from offset pos: each as early as it
 * occurs within its gap. */
static verify_outcome match_rest(verify_matcher *m, size_t pos)
{
    const verify_pattern *p = m->pattern;
    bool ran_out = false;
    for (size_t k = 1; k < p->count; k++) {
        const verify_piece *pc = &p->pieces[k];
        size_t limit = pc->gap_before == VERIFY_GAP_BRACKET ? pos + VERIFY_BRACKET_SPAN
                                                            : m->len;
        if (pc->gap_before == VERIFY_GAP_NONE)
            limit = pos;
        if (limit > m->len)
            limit = m->len;
        bool found = false;
        for (size_t at = pos; at <= limit && !found && m->budget; at++) {
            if (((unsigned char)m->text[at] & 0xC0) == 0x80)
                continue;
            piece_hit hit;
            verify_outcome o = match_piece(m, pc, at, &hit);
            ran_out |= o == VERIFY_RAN_OUT;
            if (o != VERIFY_MATCHED)
                continue;
            found = true;
            keep_hit(m, &hit);
            pos = hit.end;
        }
        if (!found)
            return ran_out || limit == m->len ? VERIFY_RAN_OUT : VERIFY_FAILED;
    }
    m->end = pos;
    return VERIFY_MATCHED;
}

verify_outcome verify_match(verify_matcher *m)
{
    const verify_pattern *p = m->pattern;
    if (!p->count)
        return VERIFY_FAILED;
    bool ran_out = false;
    size_t limit = m->start_limit < m->len ? m->start_limit : m->len;
    for (size_t s = 0; s < limit && m->budget; s++) {
        if (((unsigned char)m->text[s] & 0xC0) == 0x80)
            continue;
        piece_hit hit;
        verify_outcome o = match_piece(m, &p->pieces[0], s, &hit);
        ran_out |= o == VERIFY_RAN_OUT;
        if (o != VERIFY_MATCHED)
            continue;
        m->case_changed = false;
        m->footnote_count = 0;
        keep_hit(m, &hit);
        o = match_rest(m, hit.end);
        if (o == VERIFY_MATCHED) {
            m->start = s;
            return VERIFY_MATCHED;
        }
        ran_out |= o == VERIFY_RAN_OUT;
    }
    return ran_out ? VERIFY_RAN_OUT : VERIFY_FAILED;
}
