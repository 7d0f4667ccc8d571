#include "lines.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

/* Bytes >= 0x80 count as word characters: letters of other scripts and the
 * curly apostrophe inside "Korea’s". */
static bool is_word_byte(unsigned char c)
{
    return isalnum(c) || c >= 0x80;
}

/* Trims what surrounds a word (quotes, brackets, punctuation) but keeps
 * what is inside it (hyphens, apostrophes, dots of "U.S"). */
static void trim_word(const char **start, const char **end)
{
    while (*start < *end && !is_word_byte((unsigned char)**start))
        (*start)++;
    while (*end > *start && !is_word_byte((unsigned char)(*end)[-1]))
        (*end)--;
    /* A closing curly quote is multi-byte: drop ” and ’ at the end. */
    while (*end - *start >= 3 && (unsigned char)(*end)[-3] == 0xE2 &&
           (unsigned char)(*end)[-2] == 0x80 &&
           ((unsigned char)(*end)[-1] == 0x9D ||
            (unsigned char)(*end)[-1] == 0x99)) {
        *end -= 3;
        while (*end > *start && !is_word_byte((unsigned char)(*end)[-1]))
            (*end)--;
    }
    while (*end - *start >= 3 && (unsigned char)(*start)[0] == 0xE2 &&
           (unsigned char)(*start)[1] == 0x80 &&
           ((unsigned char)(*start)[2] == 0x9C ||
            (unsigned char)(*start)[2] == 0x98))
        *start += 3;
}

static void lower_into(strbuf *sb, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        strbuf_putc(sb, (char)tolower((unsigned char)s[i]));
}

bool text_lexicon_add(text_lexicon *lex, const char *text)
{
    bool after_break = false;
    const char *p = text;
    strbuf word = STRBUF_INIT;
    bool ok = true;
    while (*p && ok) {
        while (*p && is_space(*p))
            p++;
        const char *start = p;
        while (*p && !is_space(*p))
            p++;
        if (p == start)
            break;
        /* Is this token broken at a line end? */
        const char *q = p;
        while (*q == ' ' || *q == '\t' || *q == '\r')
            q++;
        bool broken = p[-1] == '-' && *q == '\n' && p - start > 1;
        if (!broken && !after_break) {
            const char *s = start, *e = p;
            trim_word(&s, &e);
            if (e > s && e - s <= TEXT_WORD_MAX) {
                strbuf_truncate(&word, 0);
                lower_into(&word, s, (size_t)(e - s));
                ok = !word.failed && strset_add(&lex->words, word.data, word.len);
            }
        }
        after_break = broken;
    }
    strbuf_free(&word);
    return ok;
}

void text_lexicon_free(text_lexicon *lex) { strset_free(&lex->words); }

static bool lexicon_has(const text_lexicon *lex, strbuf *sb)
{
    return lex && strset_count(&lex->words, sb->data, sb->len) > 0;
}

/* Decides the hyphen between left ("vola") and the start of the next
 * line ("tility ..."). */
static bool keep_hyphen(const char *left_start, const char *left_end,
                        const char *right, const text_lexicon *lex)
{
    const char *right_end = right;
    while (*right_end && !is_space(*right_end) && right_end - right <= TEXT_WORD_MAX)
        right_end++;
    if (left_end - left_start > TEXT_WORD_MAX || right_end - right > TEXT_WORD_MAX)
        lex = NULL;  /* no dictionary word: the case rule decides */
    if (left_end - left_start > TEXT_WORD_MAX)
        left_start = left_end - TEXT_WORD_MAX;
    const char *ls = left_start, *le = left_end, *rs = right, *re = right_end;
    trim_word(&ls, &le);
    trim_word(&rs, &re);
    if (rs != right || le == ls || re == rs)
        return true; /* "(" or a quote opens the next line: not one word */

    strbuf joined = STRBUF_INIT, hyphenated = STRBUF_INIT;
    lower_into(&joined, ls, (size_t)(le - ls));
    lower_into(&joined, rs, (size_t)(re - rs));
    lower_into(&hyphenated, ls, (size_t)(le - ls));
    strbuf_putc(&hyphenated, '-');
    lower_into(&hyphenated, rs, (size_t)(re - rs));
    bool keep;
    if (joined.failed || hyphenated.failed)
        keep = true;
    else if (lexicon_has(lex, &joined))
        keep = false;
    else if (islower((unsigned char)*rs) && !lexicon_has(lex, &hyphenated))
        keep = false;
    else
        keep = true;
    strbuf_free(&joined);
    strbuf_free(&hyphenated);
    return keep;
}

/* Does a line end here (from p: spaces then a newline)? */
static const char *line_end_after(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\r')
        p++;
    return *p == '\n' ? p : NULL;
}

static bool ends_with_dash(const strbuf *out)
{
    /* – is E2 80 93, — is E2 80 94 */
    return out->len >= 3 && (unsigned char)out->data[out->len - 3] == 0xE2 &&
           (unsigned char)out->data[out->len - 2] == 0x80 &&
           ((unsigned char)out->data[out->len - 1] == 0x93 ||
            (unsigned char)out->data[out->len - 1] == 0x94);
}

char *text_join_lines(const char *text, const text_lexicon *lex)
{
    strbuf out = STRBUF_INIT;
    const char *p = text;
    size_t word_start = 0;      /* in out: where the current word began */
    bool pending_space = false;
    while (*p) {
        if (!is_space(*p)) {
            if (pending_space && out.len > 0) {
                strbuf_putc(&out, ' ');
            }
            if (pending_space || out.len == 0)
                word_start = out.len;
            pending_space = false;
            strbuf_putc(&out, *p++);
            continue;
        }
        const char *nl = line_end_after(p);
        if (nl && out.len > 1 && out.data[out.len - 1] == '-' &&
            is_word_byte((unsigned char)out.data[out.len - 2])) {
            const char *next = nl + 1;
            while (*next && is_space(*next))
                next++;
            if (*next) {
                if (!keep_hyphen(out.data + word_start, out.data + out.len - 1,
                                 next, lex))
                    strbuf_truncate(&out, out.len - 1);
                p = next; /* the word goes on: no space */
                continue;
            }
        }
        if (nl && ends_with_dash(&out)) {
            const char *next = nl + 1;
            while (*next && is_space(*next))
                next++;
            p = next;
            continue;
        }
        pending_space = true;
        p++;
    }
    return strbuf_detach(&out);
}
