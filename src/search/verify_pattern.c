#include "verify_pattern.h"

#include "array.h"

#include <stdlib.h>
#include <string.h>

/* Length of an ellipsis at s ("…", "...", ". . ."), or 0.  A fourth dot
 * is a full stop before it and is not taken ("soil. . . ." and "soil...."
 * keep "soil." as text). */
static size_t ellipsis_at(const char *s)
{
    if (strncmp(s, "\xE2\x80\xA6", 3) == 0)
        return 3;
    if (strncmp(s, "....", 4) == 0 || strncmp(s, ". . . .", 7) == 0)
        return 0;
    if (strncmp(s, "...", 3) == 0)
        return 3;
    if (strncmp(s, ". . .", 5) == 0)
        return 5;
    return 0;
}

/* A mark at s: an ellipsis, or a bracketed text closed within
 * VERIFY_BRACKET_SPAN bytes ("[…]" is an ellipsis).  Its length, 0 when
 * there is none. */
static size_t mark_at(const char *s, verify_gap *gap)
{
    size_t n = ellipsis_at(s);
    if (n) {
        *gap = VERIFY_GAP_ELLIPSIS;
        return n;
    }
    if (*s != '[')
        return 0;
    const char *close = NULL;
    for (const char *p = s + 1; *p && p - s <= VERIFY_BRACKET_SPAN; p++) {
        if (*p == '[')
            return 0;
        if (*p == ']') {
            close = p;
            break;
        }
    }
    if (!close || close == s + 1)
        return 0;
    size_t inner = (size_t)(close - s - 1);
    *gap = ellipsis_at(s + 1) == inner ? VERIFY_GAP_ELLIPSIS : VERIFY_GAP_BRACKET;
    return (size_t)(close - s) + 1;
}

static bool add_piece(verify_pattern *p, const char *text, size_t len, verify_gap gap,
                      bool word_before, size_t *cap)
{
    if (!array_make_room(&p->pieces, cap, p->count, sizeof *p->pieces, 8))
        return false;
    p->pieces[p->count++] = (verify_piece){text, len, gap, word_before, false, false};
    p->literal_len += len;
    return true;
}

bool verify_pattern_parse(char *normalised, verify_pattern *out)
{
    memset(out, 0, sizeof *out);
    out->text = normalised;
    size_t cap = 0;
    verify_gap pending = VERIFY_GAP_NONE;   /* the mark(s) before the piece */
    bool word_before = false;
    const char *start = normalised;
    for (const char *s = normalised;;) {
        verify_gap gap = VERIFY_GAP_NONE;
        size_t mark = *s ? mark_at(s, &gap) : 0;
        if (*s && !mark) {
            s++;
            continue;
        }
        /* The piece before the mark (or the end), without the spaces
         * that part it from the mark. */
        const char *end = s;
        bool word_after = end > start && end[-1] == ' ';
        while (end > start && end[-1] == ' ')
            end--;
        if (end > start) {
            if (!add_piece(out, start, (size_t)(end - start), pending, word_before, &cap))
                return false;
            out->pieces[out->count - 1].word_after = word_after;
            pending = VERIFY_GAP_NONE;
        }
        if (!*s)
            break;
        if (out->count)
            out->pieces[out->count - 1].gap_after = true;
        out->ellipses += gap == VERIFY_GAP_ELLIPSIS;
        out->brackets += gap == VERIFY_GAP_BRACKET;
        /* Two marks together are one gap; an ellipsis reaches furthest. */
        if (pending != VERIFY_GAP_ELLIPSIS)
            pending = gap;
        s += mark;
        word_before = *s == ' ';
        while (*s == ' ')
            s++;
        start = s;
    }
    return true;
}

void verify_pattern_free(verify_pattern *p)
{
    free(p->pieces);
    free(p->text);
    memset(p, 0, sizeof *p);
}
