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

void text_lexicon_free(text_lexicon *lex)
{
    strset_free(&lex->words);
    strset_free(&lex->english);
}

static bool lexicon_has(const text_lexicon *lex, strbuf *sb)
{
    return lex && strset_count(&lex->words, sb->data, sb->len) > 0;
}

static bool english_has(const text_lexicon *lex, strbuf *sb)
{
    return lex && strset_count(&lex->english, sb->data, sb->len) > 0;
}

/* The two halves of a word broken at a line end: left_start..left_end
 * ("vola", before the hyphen) and the first word of the next line, at
 * right ("tility ..."), trimmed of what surrounds words.  False when they
 * are not one word ("(" or a quote opens the next line, or a half is
 * empty). */
typedef struct hyphen_halves {
    const char *ls, *le, *rs, *re;
    bool too_long;   /* a half longer than TEXT_WORD_MAX: no dictionary word */
} hyphen_halves;

static bool find_halves(const char *left_start, const char *left_end, const char *right,
                        hyphen_halves *h)
{
    const char *right_end = right;
    while (*right_end && !is_space(*right_end) && right_end - right <= TEXT_WORD_MAX)
        right_end++;
    bool too_long = left_end - left_start > TEXT_WORD_MAX || right_end - right > TEXT_WORD_MAX;
    if (left_end - left_start > TEXT_WORD_MAX)
        left_start = left_end - TEXT_WORD_MAX;
    *h = (hyphen_halves){left_start, left_end, right, right_end, too_long};
    trim_word(&h->ls, &h->le);
    trim_word(&h->rs, &h->re);
    return h->rs == right && h->le > h->ls && h->re > h->rs;
}

/* The halves lower-cased: each, joined ("volatility") and hyphenated. */
typedef struct hyphen_forms {
    strbuf left, right, joined, hyphenated;
} hyphen_forms;

static bool make_forms(const hyphen_halves *h, hyphen_forms *f)
{
    *f = (hyphen_forms){STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT};
    lower_into(&f->left, h->ls, (size_t)(h->le - h->ls));
    lower_into(&f->right, h->rs, (size_t)(h->re - h->rs));
    strbuf_append(&f->joined, f->left.data, f->left.len);
    strbuf_append(&f->joined, f->right.data, f->right.len);
    strbuf_append(&f->hyphenated, f->left.data, f->left.len);
    strbuf_putc(&f->hyphenated, '-');
    strbuf_append(&f->hyphenated, f->right.data, f->right.len);
    return !f->left.failed && !f->right.failed && !f->joined.failed && !f->hyphenated.failed;
}

static void free_forms(hyphen_forms *f)
{
    strbuf_free(&f->left);
    strbuf_free(&f->right);
    strbuf_free(&f->joined);
    strbuf_free(&f->hyphenated);
}

static bool known_word(const text_lexicon *lex, strbuf *w)
{
    return lexicon_has(lex, w) || english_has(lex, w);
}

/* Decides the hyphen between left ("vola") and the start of the next
 * line ("tility ..."): the report's own words first, then English words,
 * then the case of the second half. */
static bool keep_hyphen(const char *left_start, const char *left_end,
                        const char *right, const text_lexicon *lex)
{
    hyphen_halves h;
    if (!find_halves(left_start, left_end, right, &h))
        return true;
    if (h.too_long)
        lex = NULL;  /* no dictionary word: the case rule decides */
    hyphen_forms f;
    bool keep;
    if (!make_forms(&h, &f))
        keep = true;
    else if (lexicon_has(lex, &f.joined) || lexicon_has(lex, &f.hyphenated))
        /* the report's own spelling; of two, the one it uses more */
        keep = strset_count(&lex->words, f.hyphenated.data, f.hyphenated.len) >
               strset_count(&lex->words, f.joined.data, f.joined.len);
    else if (english_has(lex, &f.joined))
        keep = false;
    else if (lex && lex->english.size > 0 && known_word(lex, &f.left) &&
             known_word(lex, &f.right))
        keep = true;  /* two words, not one: a compound ("evidence-based") */
    else
        keep = !islower((unsigned char)*h.rs);
    free_forms(&f);
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

/* The first word of the line after the one ending at nl (a newline), or
 * NULL when that line is blank or there is none. */
static const char *next_line_word(const char *nl)
{
    const char *next = nl + 1;
    while (*next == ' ' || *next == '\t' || *next == '\r')
        next++;
    return *next && *next != '\n' ? next : NULL;
}

bool text_hyphen_words(const char *text, strset *asked)
{
    bool ok = true;
    for (const char *p = text; ok && (p = strchr(p, '\n')) != NULL; p++) {
        const char *end = p;
        while (end > text && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
            end--;
        if (end - text < 2 || end[-1] != '-' || !is_word_byte((unsigned char)end[-2]))
            continue;
        const char *start = end - 1;
        while (start > text && !is_space(start[-1]) && end - start <= TEXT_WORD_MAX)
            start--;
        const char *right = next_line_word(p);
        hyphen_halves h;
        hyphen_forms f;
        if (!right || !find_halves(start, end - 1, right, &h))
            continue;
        ok = make_forms(&h, &f) && strset_add(asked, f.left.data, f.left.len) &&
             strset_add(asked, f.right.data, f.right.len) &&
             strset_add(asked, f.joined.data, f.joined.len);
        free_forms(&f);
    }
    return ok;
}

char *text_settle_hyphens(const char *text, const text_lexicon *lex)
{
    strbuf out = STRBUF_INIT;
    size_t word_start = 0;      /* in out: where the current word began */
    bool owe_break = false;     /* a word came up from the next line: its line ends after it */
    for (const char *p = text; *p;) {
        if (!is_space(*p)) {
            if (out.len == 0 || is_space(out.data[out.len - 1]))
                word_start = out.len;
            strbuf_putc(&out, *p++);
            continue;
        }
        const char *nl = line_end_after(p);
        const char *right = nl ? next_line_word(nl) : NULL;
        if (right && out.len > 1 && out.data[out.len - 1] == '-' &&
            is_word_byte((unsigned char)out.data[out.len - 2])) {
            if (!keep_hyphen(out.data + word_start, out.data + out.len - 1, right, lex))
                strbuf_truncate(&out, out.len - 1);
            p = right;
            owe_break = true;
            continue;
        }
        if (owe_break) {
            /* the rest of the next line, if any, is a line of its own */
            owe_break = false;
            while (*p == ' ' || *p == '\t' || *p == '\r')
                p++;
            if (*p == '\n')
                p++;
            if (*p)
                strbuf_putc(&out, '\n');
            continue;
        }
        strbuf_putc(&out, *p++);
    }
    return strbuf_detach(&out);
}
