/* The text reader: a report's text as extracted from a PDF (one line per
 * printed line, blank lines between blocks, page furniture left in).  It
 * finds blocks, headings, list items and drop caps; ingest_analyse does the
 * rest.  Every rule is about layout and the report's own words, never about
 * one report's strings. */
#include "ingest.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "lines.h"
#include "strbuf.h"
#include "strset.h"

#define MAX_LINE_BYTES 4096      /* longer lines are cut: bounded work */
#define TITLE_LINE_BYTES 80      /* a heading's line is shorter than this */
#define TITLE_MAX_LINES 3
#define FURNITURE_MAX_BYTES 120

typedef struct line {
    const char *s;    /* trimmed both sides */
    size_t len;
    bool indented;    /* began with white space */
    bool furniture;   /* running header, footer or page number */
    const line_info *info;  /* from a layout reader, or NULL */
} line;

typedef struct reader {
    line *lines;
    size_t count;
    text_lexicon lex;
    strset pairs;     /* "word word" pairs seen inside a line, lower case */
    draft *d;
    bool last_heading;     /* the previous block is a heading */
    bool have_section;     /* a heading without numbering was seen */
    bool in_figure;        /* the previous block is a figure's title */
    bool last_text_boxed;  /* the previous block is text that began a text
                              box (an indented first line) */
    bool after_graphic;    /* the previous block titles a graphic's entries */
} reader;

/* ---- lines ------------------------------------------------------------ */

/* U+00A0, the no-break space PDF extraction leaves at line ends */
static bool nbsp_at(const char *s, const char *end)
{
    return end - s >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0;
}

static bool split_lines(char *text, size_t len, reader *r)
{
    size_t cap = 1;
    for (size_t i = 0; i < len; i++)
        cap += text[i] == '\n';
    r->lines = calloc(cap, sizeof *r->lines);
    if (!r->lines)
        return false;
    char *p = text, *end = text + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *stop = nl ? nl : end;
        char *s = p, *e = stop;
        line *l = &r->lines[r->count++];
        l->indented = s < e && (*s == ' ' || *s == '\t' || nbsp_at(s, e));
        for (;;) {
            if (s < e && (isspace((unsigned char)*s) || *s == '\f'))
                s++;
            else if (nbsp_at(s, e))
                s += 2;
            else
                break;
        }
        for (;;) {
            if (e > s && (isspace((unsigned char)e[-1]) || e[-1] == '\f'))
                e--;
            else if (e - s >= 2 && nbsp_at(e - 2, e))
                e -= 2;
            else
                break;
        }
        if ((size_t)(e - s) > MAX_LINE_BYTES)
            e = s + MAX_LINE_BYTES;
        l->s = s;
        l->len = (size_t)(e - s);
        p = nl ? nl + 1 : end;
    }
    return true;
}

static bool blank(const reader *r, size_t i)
{
    return i >= r->count || r->lines[i].len == 0 || r->lines[i].furniture;
}

static bool is_page_number(const line *l)
{
    if (l->len == 0 || l->len > 4)
        return false;
    for (size_t i = 0; i < l->len; i++)
        if (!isdigit((unsigned char)l->s[i]))
            return false;
    return true;
}

/* Page furniture: a page number standing alone, the short lines standing
 * right above it (the running header), and any short line standing alone
 * three times or more; then every other copy of a furniture line. */
static bool mark_furniture(reader *r)
{
    strset alone = STRSET_INIT;
    bool ok = true;
    for (size_t i = 0; ok && i < r->count; i++) {
        line *l = &r->lines[i];
        bool isolated = l->len && (i == 0 || !r->lines[i - 1].len) &&
                        (i + 1 >= r->count || !r->lines[i + 1].len);
        if (isolated && l->len <= FURNITURE_MAX_BYTES)
            ok = strset_add(&alone, l->s, l->len);
        if (!isolated || !is_page_number(l))
            continue;
        l->furniture = true;
        size_t j = i;
        while (j > 0 && i - j < 3 && !r->lines[j - 1].len)
            j--;
        size_t top = j;
        while (top > 0 && j - top < 3 && r->lines[top - 1].len &&
               r->lines[top - 1].len <= FURNITURE_MAX_BYTES &&
               !text_ends_sentence(r->lines[top - 1].s, r->lines[top - 1].len))
            top--;
        if (top < j && (top == 0 || !r->lines[top - 1].len))
            for (size_t k = top; k < j; k++)
                r->lines[k].furniture = true;
    }
    strset furniture = STRSET_INIT;
    for (size_t i = 0; ok && i < r->count; i++) {
        line *l = &r->lines[i];
        if (l->len && !is_page_number(l) && strset_count(&alone, l->s, l->len) >= 3)
            l->furniture = true;
        if (l->furniture && !is_page_number(l))
            ok = strset_add(&furniture, l->s, l->len);
    }
    /* every other copy of a furniture line */
    for (size_t i = 0; ok && i < r->count; i++) {
        line *l = &r->lines[i];
        if (l->len && strset_count(&furniture, l->s, l->len))
            l->furniture = true;
    }
    strset_free(&alone);
    strset_free(&furniture);
    return ok;
}

/* ---- metadata from the furniture -------------------------------------- */

static void metadata_from_furniture(reader *r)
{
    for (size_t i = 0; i < r->count; i++) {
        const line *l = &r->lines[i];
        if (l->furniture && !is_page_number(l))
            ingest_metadata_from_header(r->d, l->s, l->len);
    }
}

/* ---- words ------------------------------------------------------------ */

static bool word_byte(unsigned char c)
{
    return isalnum(c) || c >= 0x80 || c == '\'' || c == '-';
}

/* For pairs of words, a hyphen separates: "Japan-South" / "Korea". */
static bool pair_byte(unsigned char c)
{
    return c != '-' && word_byte(c);
}

static unsigned lexicon_count(const reader *r, const char *word, size_t len)
{
    char buf[64];
    if (len == 0 || len >= sizeof buf)
        return 0;
    for (size_t i = 0; i < len; i++)
        buf[i] = (char)tolower((unsigned char)word[i]);
    return strset_count(&r->lex.words, buf, len);
}

static bool lexicon_has(const reader *r, const char *word, size_t len)
{
    return lexicon_count(r, word, len) > 0;
}

/* Every pair of adjacent words inside one line, lower case: two lines a
 * heading is broken across belong together when the report says the last
 * word of one and the first of the next together elsewhere ("North" /
 * "Korea"). */
static bool collect_pairs(reader *r)
{
    char buf[160];
    for (size_t i = 0; i < r->count; i++) {
        const line *l = &r->lines[i];
        size_t prev_start = 0, prev_len = 0;
        bool have_prev = false;
        size_t k = 0;
        while (k < l->len) {
            while (k < l->len && (l->s[k] == ' ' || l->s[k] == '-'))
                k++;
            size_t start = k;
            while (k < l->len && pair_byte((unsigned char)l->s[k]))
                k++;
            size_t wlen = k - start;
            bool punct_after = k < l->len && l->s[k] != ' ' && l->s[k] != '-';
            if (wlen && have_prev && prev_len + wlen + 1 < sizeof buf) {
                size_t n = 0;
                for (size_t t = 0; t < prev_len; t++)
                    buf[n++] = (char)tolower((unsigned char)l->s[prev_start + t]);
                buf[n++] = ' ';
                for (size_t t = 0; t < wlen; t++)
                    buf[n++] = (char)tolower((unsigned char)l->s[start + t]);
                if (!strset_add(&r->pairs, buf, n))
                    return false;
            }
            have_prev = wlen > 0 && !punct_after;
            prev_start = start;
            prev_len = wlen;
            while (k < l->len && l->s[k] != ' ' && l->s[k] != '-')
                k++;
        }
    }
    return true;
}

static size_t last_word(const line *l, size_t *start)
{
    size_t e = l->len;
    while (e && !pair_byte((unsigned char)l->s[e - 1]))
        e--;
    size_t s = e;
    while (s && pair_byte((unsigned char)l->s[s - 1]))
        s--;
    *start = s;
    return e - s;
}

static size_t first_word(const line *l)
{
    size_t e = 0;
    while (e < l->len && pair_byte((unsigned char)l->s[e]))
        e++;
    return e;
}

static bool pair_known(const reader *r, const line *a, const line *b)
{
    char buf[160];
    size_t s, alen = last_word(a, &s), blen = first_word(b);
    if (!alen || !blen || alen + blen + 1 >= sizeof buf)
        return false;
    size_t n = 0;
    for (size_t t = 0; t < alen; t++)
        buf[n++] = (char)tolower((unsigned char)a->s[s + t]);
    buf[n++] = ' ';
    for (size_t t = 0; t < blen; t++)
        buf[n++] = (char)tolower((unsigned char)b->s[t]);
    return strset_count(&r->pairs, buf, n) >= 2;
}

static bool ends_with_function_word(const line *l)
{
    static const char *const words[] = {"a", "an", "and", "at", "by", "for",
                                        "from", "in", "of", "on", "or", "the",
                                        "to", "with", NULL};
    size_t s, n = last_word(l, &s);
    for (size_t i = 0; words[i]; i++)
        if (strlen(words[i]) == n && strncasecmp(l->s + s, words[i], n) == 0)
            return true;
    return false;
}

static bool starts_lower(const char *s, size_t len)
{
    return len && islower((unsigned char)s[0]);
}

static bool starts_upper(const char *s, size_t len)
{
    if (!len)
        return false;
    unsigned char c = (unsigned char)s[0];
    return isupper(c) || isdigit(c) || c == '"' || c >= 0x80;
}

/* ---- line kinds ------------------------------------------------------- */

/* A bullet mark and the space after it: "¡ ", "• ", "- ", "– ", "* ", "▪ ".
 * Returns the bytes to skip, or 0. */
static size_t bullet_mark(const line *l)
{
    static const char *const marks[] = {"\xc2\xa1", "\xe2\x80\xa2", "-", "\xe2\x80\x93",
                                        "*", "\xe2\x96\xaa", "\xe2\x97\xa6",
                                        "\xe2\x97\x8f", "\xef\x82\xb7", NULL};
    for (size_t i = 0; marks[i]; i++) {
        size_t n = strlen(marks[i]);
        if (l->len > n + 1 && memcmp(l->s, marks[i], n) == 0 && l->s[n] == ' ') {
            while (n < l->len && l->s[n] == ' ')
                n++;
            return n;
        }
    }
    return 0;
}

/* "3. Text" or "3) Text": the number (1-99), and the bytes to skip. */
static int number_mark(const line *l, size_t *skip)
{
    size_t i = 0;
    int n = 0;
    while (i < l->len && i < 2 && isdigit((unsigned char)l->s[i]))
        n = n * 10 + (l->s[i++] - '0');
    if (i == 0 || i + 2 > l->len || (l->s[i] != '.' && l->s[i] != ')') ||
        l->s[i + 1] != ' ' || n == 0)
        return 0;
    i += 1;
    while (i < l->len && l->s[i] == ' ')
        i++;
    if (!starts_upper(l->s + i, l->len - i))
        return 0;
    *skip = i;
    return n;
}

/* A section numbering at the start of a line: "Pillar 3:", "Pillar Three:",
 * "Chapter IV", "Line of Effort 2".  Returns the number (or 0 when it is
 * not one); *pillar tells whether the numbering is the report's pillars. */
int ingest_section_marker(const char *s, size_t len, bool *pillar)
{
    static const struct { const char *word; bool pillar; } kinds[] = {
        {"pillar ", true}, {"line of effort ", true}, {"lines of effort ", true},
        {"priority ", true}, {"chapter ", false}, {"part ", false},
        {"section ", false}, {"appendix ", false}, {NULL, false}};
    static const char *const numbers[] = {"one", "two", "three", "four", "five",
                                          "six", "seven", "eight", "nine", "ten",
                                          "eleven", "twelve", NULL};
    for (size_t k = 0; kinds[k].word; k++) {
        size_t n = strlen(kinds[k].word);
        if (len <= n || strncasecmp(s, kinds[k].word, n) != 0 ||
            !isupper((unsigned char)s[0]))
            continue;
        size_t i = n, start = n;
        while (i < len && isalnum((unsigned char)s[i]))
            i++;
        size_t wlen = i - start;
        if (!wlen || (i < len && s[i] != ':' && s[i] != '.' && s[i] != ' '))
            continue;
        int number = 0;
        if (isdigit((unsigned char)s[start])) {
            for (size_t t = start; t < i && number < 1000; t++)
                number = isdigit((unsigned char)s[t]) ? number * 10 + s[t] - '0' : -1;
        } else {
            for (int w = 0; numbers[w]; w++)
                if (strlen(numbers[w]) == wlen && strncasecmp(s + start, numbers[w], wlen) == 0)
                    number = w + 1;
        }
        if (number <= 0)
            continue;
        *pillar = kinds[k].pillar;
        return number;
    }
    return 0;
}

static bool all_caps(const line *ls, size_t n)
{
    size_t upper = 0;
    for (size_t k = 0; k < n; k++)
        for (size_t i = 0; i < ls[k].len; i++) {
            if (islower((unsigned char)ls[k].s[i]))
                return false;
            upper += isupper((unsigned char)ls[k].s[i]) != 0;
        }
    return upper >= 4 && ingest_count_words(ls[0].s, ls[0].len) >= 2;
}

/* Lines that read as a heading: at most three short lines, starting with a
 * capital, not ending a sentence or a clause. */
static bool title_like(const line *ls, size_t n)
{
    if (n == 0 || n > TITLE_MAX_LINES || !starts_upper(ls[0].s, ls[0].len))
        return false;
    for (size_t k = 0; k < n; k++) {
        const line *l = &ls[k];
        if (l->len > TITLE_LINE_BYTES || text_ends_sentence(l->s, l->len) ||
            l->s[l->len - 1] == ',' || l->s[l->len - 1] == ';' ||
            bullet_mark(l))
            return false;
    }
    /* a word broken at the end, or a title ending in "the": running text */
    const line *last = &ls[n - 1];
    return last->s[last->len - 1] != '-' && !ends_with_function_word(last);
}

/* ---- blocks ----------------------------------------------------------- */

/* The bytes of a paragraph's start set in bold (a headline), when words
 * in the regular face follow on the same line or the next.  0: none. */
static size_t bold_prefix(const line *ls, size_t n, size_t total)
{
    size_t bytes = 0;
    for (size_t k = 0; k < n; k++) {
        size_t b = ls[k].info->bold_prefix;
        if (b >= ls[k].len) {
            bytes += ls[k].len + 1;
            continue;
        }
        if (b == 0) {
            if (bytes == 0)
                return 0;
            bytes--; /* the bold ended with the line before */
        } else {
            while (b && ls[k].s[b - 1] == ' ')
                b--;
            if (b == 0 || ls[k].s[b] != ' ')
                return 0; /* bold inside a word: no headline */
            bytes += b;
        }
        return bytes < total ? bytes : 0;
    }
    return 0; /* all of it bold: a heading's face, not a headline's */
}

static block *add_lines(reader *r, block_type type, const line *ls, size_t n,
                        size_t skip_first)
{
    strbuf sb = STRBUF_INIT;
    for (size_t k = 0; k < n; k++) {
        if (k)
            strbuf_putc(&sb, '\n');
        size_t skip = k == 0 ? skip_first : 0;
        strbuf_append(&sb, ls[k].s + skip, ls[k].len - skip);
    }
    if (sb.failed) {
        strbuf_free(&sb);
        return NULL;
    }
    size_t len = sb.len;
    block *b = draft_add(r->d, type, sb.data ? sb.data : "", len);
    strbuf_free(&sb);
    if (b && n && ls[0].info) {
        b->page = ls[0].info->page;
        b->column_top = ls[0].info->column_top;
        if (type == BLOCK_TEXT && skip_first == 0)
            b->bold_len = bold_prefix(ls, n, len);
    }
    return b;
}

static bool append_lines(block *b, const line *ls, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        char *copy = str_dup_trimmed(ls[k].s, ls[k].len);
        bool ok = copy && block_append(b, copy);
        free(copy);
        if (!ok)
            return false;
    }
    return true;
}

static bool add_heading(reader *r, const line *ls, size_t n, int marker, bool pillar)
{
    block *b = add_lines(r, BLOCK_HEADING, ls, n, 0);
    if (!b)
        return false;
    b->marker = marker;
    b->marker_pillar = pillar;
    if (marker > 0)
        b->level = r->have_section ? 2 : 1;
    else if (r->last_heading && r->d->count >= 2)
        b->level = r->d->blocks[r->d->count - 2].level + 1;
    else
        b->level = 1;
    if (b->level > 3)
        b->level = 3;
    if (marker <= 0 && b->level == 1)
        r->have_section = true;
    r->last_heading = true;
    return true;
}

#define GRAPHIC_MIN_ENTRIES 4
#define ENTRY_MAX_LINES 8
#define ENTRY_LINE_BYTES 50

/* How many short paragraphs of short lines end the draft: the entries of a
 * graphic (a timeline, a list of events) when a title follows them. */
static size_t graphic_entries(const reader *r)
{
    size_t n = 0;
    for (size_t i = r->d->count; i-- > 0; n++) {
        const block *b = &r->d->blocks[i];
        if (b->type != BLOCK_TEXT || b->kind)
            break;
        size_t lines = 1, width = 0;
        bool narrow = true;
        for (const char *p = b->text; *p; p++) {
            if (*p == '\n') {
                lines++;
                width = 0;
            } else if (++width > ENTRY_LINE_BYTES) {
                narrow = false;
            }
        }
        if (!narrow || lines > ENTRY_MAX_LINES)
            break;
    }
    return n;
}

/* A graphic's title printed under its entries: a section of its own
 * (kind timeline when it says so, figure otherwise) one level below the
 * section it is in, opening before the entries. */
static bool add_graphic_title(reader *r, const line *ls, size_t n)
{
    size_t entries = graphic_entries(r);
    int level = 1;
    for (size_t i = r->d->count; i-- > 0;)
        if (r->d->blocks[i].type == BLOCK_HEADING) {
            level = r->d->blocks[i].level + 1;
            break;
        }
    block *b = add_lines(r, BLOCK_HEADING, ls, n, 0);
    if (!b)
        return false;
    bool timeline = false;
    for (const char *p = b->text; *p && !timeline; p++)
        timeline = strncasecmp(p, "timeline", 8) == 0;
    b->kind = timeline ? "timeline" : "figure";
    b->level = level > 3 ? 3 : level;
    draft_move(r->d, r->d->count - 1, r->d->count - 1 - entries);
    r->after_graphic = true;
    r->last_heading = r->in_figure = false;
    return true;
}

/* A chunk: lines between blank lines (or split where a new text box
 * starts).  Items, a numbered heading glued to its text, a heading, a
 * figure's title, or a paragraph. */
static bool add_chunk(reader *r, const line *ls, size_t n)
{
    if (n == 0)
        return true;
    if (ls[0].info && ls[0].info->heading) {
        /* set as a heading: the lines in its face are the title */
        size_t end = 1;
        while (end < n && ls[end].info && ls[end].info->heading)
            end++;
        bool pillar_mark = false;
        int number = ingest_section_marker(ls[0].s, ls[0].len, &pillar_mark);
        if (!add_heading(r, ls, end, number > 0 ? number : -1, pillar_mark))
            return false;
        block *h = &r->d->blocks[r->d->count - 1];
        h->level = ls[0].info->heading;
        r->in_figure = false;
        return add_chunk(r, ls + end, n - end);
    }
    size_t skip = 0;
    bool first_item = bullet_mark(&ls[0]) || number_mark(&ls[0], &skip);
    for (size_t k = 0; k < n; k++) {
        if (!bullet_mark(&ls[k]) && !number_mark(&ls[k], &skip))
            continue;
        if (!first_item || k > 0) {
            /* text before the first item is a paragraph of its own */
            if (!add_chunk(r, ls, k))
                return false;
        }
        while (k < n) {
            size_t end = k + 1;
            while (end < n && !bullet_mark(&ls[end]) && !number_mark(&ls[end], &skip))
                end++;
            int number = number_mark(&ls[k], &skip);
            if (!number)
                skip = bullet_mark(&ls[k]);
            block *b = add_lines(r, BLOCK_ITEM, ls + k, end - k, skip);
            if (!b)
                return false;
            b->number = number;
            k = end;
        }
        r->last_heading = r->in_figure = false;
        return true;
    }

    /* with the fonts known, a heading is what is set as one: the rules
     * below guess headings from plain text */
    bool guess = !ls[0].info;
    bool pillar = false;
    int marker = ingest_section_marker(ls[0].s, ls[0].len, &pillar);
    if (guess && marker > 0) {
        size_t end = 1;
        while (end < n && end < TITLE_MAX_LINES &&
               !text_ends_sentence(ls[end - 1].s, ls[end - 1].len) &&
               (ls[end - 1].s[ls[end - 1].len - 1] == '-' ||
                starts_lower(ls[end].s, ls[end].len) ||
                ends_with_function_word(&ls[end - 1]) ||
                pair_known(r, &ls[end - 1], &ls[end])))
            end++;
        if (!add_heading(r, ls, end, marker, pillar))
            return false;
        r->in_figure = false;
        return add_chunk(r, ls + end, n - end);
    }
    if (guess && n > 1 && all_caps(ls, 1) && !all_caps(ls + 1, 1)) {
        /* a graphic's title over its text: a section of kind figure */
        block *b = add_lines(r, BLOCK_HEADING, ls, 1, 0);
        if (!b)
            return false;
        b->kind = "figure";
        b->level = r->have_section ? 2 : 1;
        r->last_heading = true;
        r->in_figure = false;
        return add_chunk(r, ls + 1, n - 1);
    }
    if (title_like(ls, n) && (guess || all_caps(ls, n))) {
        if (all_caps(ls, n) && graphic_entries(r) >= GRAPHIC_MIN_ENTRIES)
            return add_graphic_title(r, ls, n);
        if (all_caps(ls, n) || r->in_figure) {
            /* a chart's title, and the labels standing under it */
            if (r->in_figure && r->d->count)
                return append_lines(&r->d->blocks[r->d->count - 1], ls, n);
            block *b = add_lines(r, BLOCK_TEXT, ls, n, 0);
            if (!b)
                return false;
            b->kind = "figure";
            block *prev = r->d->count > 1 ? &r->d->blocks[r->d->count - 2] : NULL;
            if (prev && prev->type == BLOCK_TEXT && !prev->kind && r->last_text_boxed) {
                /* the text box just before is the chart's legend */
                if (!block_append(b, prev->text))
                    return false;
                draft_remove(r->d, r->d->count - 2);
            }
            r->in_figure = true;
            r->last_heading = false;
            return true;
        }
        r->in_figure = false;
        return add_heading(r, ls, n, -1, false);
    }
    r->last_heading = r->in_figure = false;
    r->last_text_boxed = ls[0].indented;
    block *b = add_lines(r, BLOCK_TEXT, ls, n, 0);
    if (b && r->after_graphic)
        b->kind = "sidebar"; /* the legend printed under a graphic's title */
    r->after_graphic = false;
    return b != NULL;
}

/* A drop cap printed apart from its word ("I n 2023", "T" / "he"): the
 * letter is a capital standing alone, the rest a fragment that is no word
 * of the report, the two together one.  Returns where the letter is in l,
 * or l->len. */
static size_t find_drop_cap(const reader *r, const line *l)
{
    for (size_t i = 0; i + 3 < l->len; i++) {
        if (!isupper((unsigned char)l->s[i]) || l->s[i + 1] != ' ' ||
            (i > 0 && l->s[i - 1] != ' '))
            continue;
        size_t s = i + 2, e = s;
        while (e < l->len && islower((unsigned char)l->s[e]))
            e++;
        if (e == s || e - s > 30 || (e < l->len && isalpha((unsigned char)l->s[e])))
            continue;
        char joined[40];
        joined[0] = l->s[i];
        memcpy(joined + 1, l->s + s, e - s);
        /* the fragment is no word: it occurs here only */
        if (lexicon_has(r, joined, e - s + 1) && lexicon_count(r, l->s + s, e - s) <= 1)
            return i;
    }
    return l->len;
}

/* Lines i..end of one run of non-blank lines: split where a drop cap opens
 * a paragraph and where a new text box starts (an indented capitalised line
 * after a finished sentence or a short line). */
static bool add_run(reader *r, line *ls, size_t n, char **scratch)
{
    size_t start = 0;
    for (size_t k = 0; k < n; k++) {
        line *l = &ls[k];
        size_t cap = find_drop_cap(r, l);
        if (cap < l->len) {
            /* "by Ambassador X I n 2023, ..." -> "by Ambassador X" | "In 2023, ..." */
            char *fixed = malloc(l->len);
            if (!fixed)
                return false;
            fixed[0] = l->s[cap];
            memcpy(fixed + 1, l->s + cap + 2, l->len - cap - 2);
            line before = *l;
            before.len = cap;
            while (before.len && before.s[before.len - 1] == ' ')
                before.len--;
            if (!add_chunk(r, ls + start, k - start) ||
                (before.len && !add_chunk(r, &before, 1))) {
                free(fixed);
                return false;
            }
            free(*scratch);
            *scratch = fixed;
            l->len = l->len - cap - 1;
            l->s = fixed;
            start = k;
            continue;
        }
        if (k > start && l->indented &&
            (text_ends_sentence(ls[k - 1].s, ls[k - 1].len) ||
             (starts_upper(l->s, l->len) && ls[k - 1].len <= TITLE_LINE_BYTES * 3 / 4))) {
            if (!add_chunk(r, ls + start, k - start))
                return false;
            start = k;
        }
    }
    return add_chunk(r, ls + start, n - start);
}

/* A heading that ends in a lone capital is a drop cap's letter printed
 * beside the section title ("Executive Summary T"); its word begins a
 * paragraph before it in the extracted text ("he U.S.–South Korea ...").
 * The letter goes back to its word and the heading before that paragraph. */
static bool repair_heading_drop_caps(reader *r)
{
    draft *d = r->d;
    for (size_t i = 0; i < d->count; i++) {
        block *h = &d->blocks[i];
        size_t len = strlen(h->text);
        if (h->type != BLOCK_HEADING || len < 3 || h->text[len - 2] != ' ' ||
            !isupper((unsigned char)h->text[len - 1]) || h->text[len - 1] == 'A' ||
            h->text[len - 1] == 'I')
            continue;
        char letter = h->text[len - 1];
        for (size_t j = i; j-- > 0 && i - j <= 8;) {
            block *b = &d->blocks[j];
            if (b->type == BLOCK_HEADING)
                break;
            size_t e = 0;
            while (islower((unsigned char)b->text[e]))
                e++;
            char joined[40];
            if (b->type != BLOCK_TEXT || e == 0 || e > 30)
                continue;
            joined[0] = letter;
            memcpy(joined + 1, b->text, e);
            if (!lexicon_has(r, joined, e + 1))
                continue;
            size_t tlen = strlen(b->text);
            char *fixed = malloc(tlen + 2);
            if (!fixed)
                return false;
            fixed[0] = letter;
            memcpy(fixed + 1, b->text, tlen + 1);
            free(b->text);
            b->text = fixed;
            h->text[len - 2] = '\0';
            int level = h->level;
            draft_move(d, i, j);
            /* the heading now opens the section those paragraphs are in */
            d->blocks[j].level = level;
            break;
        }
    }
    return true;
}

bool ingest_read_text(const char *path, const char *text, size_t len,
                      draft *out, char **error)
{
    return ingest_read_lines(path, text, len, NULL, 0, out, error);
}

bool ingest_read_lines(const char *path, const char *text, size_t len,
                       const line_info *info, size_t info_count, draft *out,
                       char **error)
{
    char *copy = malloc(len + 1);
    reader r = {.lex = TEXT_LEXICON_INIT, .pairs = STRSET_INIT, .d = out};
    char *scratch = NULL;
    bool ok = copy != NULL;
    if (ok) {
        memcpy(copy, text, len);
        copy[len] = '\0';
        for (size_t i = 0; i < len; i++)
            if (copy[i] == '\r')
                copy[i] = (i + 1 < len && copy[i + 1] == '\n') ? ' ' : '\n';
        ok = split_lines(copy, len, &r) && text_lexicon_add(&r.lex, text);
        for (size_t i = 0; ok && info && i < r.count && i < info_count; i++)
            r.lines[i].info = &info[i];
        out->from_layout = info != NULL;
        ok = ok && mark_furniture(&r) && collect_pairs(&r);
    }
    if (ok)
        metadata_from_furniture(&r);
    for (size_t i = 0; ok && i < r.count;) {
        while (i < r.count && blank(&r, i))
            i++;
        size_t start = i;
        while (i < r.count && !blank(&r, i))
            i++;
        ok = add_run(&r, r.lines + start, i - start, &scratch);
        /* the run's lines may point into scratch: copied into blocks now */
    }
    ok = ok && repair_heading_drop_caps(&r);
    free(scratch);
    free(r.lines);
    free(copy);
    text_lexicon_free(&r.lex);
    strset_free(&r.pairs);
    if (!ok)
        return error_set(error, "%s: out of memory", path);
    if (out->count == 0)
        return error_set(error, "%s: no text: the file is empty or blank", path);
    return true;
}
