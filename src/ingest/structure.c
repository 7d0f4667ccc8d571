/* The structure analysis every reader's draft goes through: which blocks
 * are captions and pull quotes, which paragraphs a page break or a figure
 * cut in two, and what the sections say about kinds, pillars and
 * recommendations. */
#include "ingest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "strbuf.h"
#include "strset.h"

#define JOIN_LOOKAHEAD 4     /* captions or figures a paragraph may jump */
#define MAX_JOINED_BYTES (64 * 1024) /* no paragraph is longer: bounded work */
#define SHINGLE_WORDS 6      /* words per shingle when looking for repeats */
#define HEADLINE_MAX_LINES 4

static bool is_caption(const block *b)
{
    return b->kind && (strcmp(b->kind, "caption") == 0 || strcmp(b->kind, "figure") == 0 ||
                       strcmp(b->kind, "pullquote") == 0);
}

/* A photo credit closes a caption: "(Name/Agency)", "(... via Getty
 * Images)", "(Photo: ...)". */
static bool ends_with_credit(const char *text)
{
    size_t len = strlen(text);
    while (len && isspace((unsigned char)text[len - 1]))
        len--;
    if (!len || text[len - 1] != ')')
        return false;
    size_t open = len - 1;
    while (open > 0 && text[open] != '(')
        open--;
    if (text[open] != '(' || len - open > 120)
        return false;
    const char *in = text + open + 1;
    size_t n = len - open - 2;
    for (size_t i = 0; i < n; i++)
        if (in[i] == '/')
            return true;
    static const char *const words[] = {"Images", "Photo", "photo", " via ",
                                        "Getty", "Reuters", "Shutterstock", NULL};
    for (size_t w = 0; words[w]; w++) {
        size_t wl = strlen(words[w]);
        for (size_t i = 0; i + wl <= n; i++)
            if (memcmp(in + i, words[w], wl) == 0)
                return true;
    }
    return false;
}

static void mark_captions(draft *d)
{
    for (size_t i = 0; i < d->count; i++) {
        block *b = &d->blocks[i];
        if (b->type == BLOCK_TEXT && !b->kind && ends_with_credit(b->text))
            b->kind = "caption";
    }
}

/* A paragraph or item goes on in the next text block when that starts in
 * lower case (no paragraph does), or when it stopped without ending a
 * sentence; a paragraph cut off mid-sentence goes on past the captions and
 * figures the page put between. */
static bool rejoin_paragraphs(draft *d)
{
    /* joined blocks are emptied and dropped at the end, in one pass */
    bool *gone = calloc(d->count + 1, sizeof *gone);
    if (!gone)
        return false;
    bool ok = true;
    for (size_t i = 0; ok && i < d->count; i++) {
        block *b = &d->blocks[i];
        if (gone[i] || b->type == BLOCK_HEADING || is_caption(b))
            continue;
        size_t len = strlen(b->text);
        for (size_t j = i + 1, seen = 0; j < d->count && seen < JOIN_LOOKAHEAD &&
                                         len < MAX_JOINED_BYTES; j++) {
            if (gone[j])
                continue;
            seen++;
            block *next = &d->blocks[j];
            bool open = !text_ends_sentence(b->text, len);
            bool goes_on = islower((unsigned char)next->text[0]) ||
                           (open && (!d->from_layout || next->column_top));
            if (next->type == BLOCK_TEXT && !next->kind && goes_on) {
                size_t more = strlen(next->text);
                char *grown = realloc(b->text, len + more + 2);
                if (!grown) {
                    ok = false;
                    break;
                }
                grown[len] = '\n';
                memcpy(grown + len + 1, next->text, more + 1);
                b->text = grown;
                len += more + 1;
                gone[j] = true;
                seen = 0; /* it may go on again */
                continue;
            }
            if (!open || !is_caption(next))
                break;
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < d->count; i++) {
        if (gone[i])
            free(d->blocks[i].text);
        else
            d->blocks[kept++] = d->blocks[i];
    }
    d->count = kept;
    free(gone);
    return ok;
}

/* ---- pull quotes ------------------------------------------------------ */

/* The block's words, lower case, letters and digits only ("high-\nperforming"
 * and "high-performing" give the same words). */
static size_t block_words(const char *text, strbuf *out, size_t *starts, size_t max)
{
    size_t n = 0;
    bool in_word = false;
    for (const char *p = text; *p; p++) {
        unsigned char c = (unsigned char)*p;
        bool letter = isalnum(c) || c >= 0x80;
        if (c == '-' && p[1] == '\n') {
            p++; /* a line-break hyphen: the word goes on */
            continue;
        }
        if (c == '-' || c == '\'')
            continue; /* "high-performing" = "highperforming" */
        if (c == 0xC2 && (unsigned char)p[1] == 0xA0) {
            p++; /* a no-break space */
            letter = false;
        }
        if (letter) {
            if (!in_word) {
                if (n == max)
                    break;
                if (out->len)
                    strbuf_putc(out, ' ');
                starts[n++] = out->len;
            }
            strbuf_putc(out, (char)tolower(c));
            in_word = true;
        } else {
            in_word = false;
        }
    }
    return n;
}

#define MAX_QUOTE_WORDS 80

/* Shingles of SHINGLE_WORDS words of every text block; a short block all
 * of whose shingles occur in some other block too repeats body text: a
 * pull quote. */
static bool mark_pull_quotes(draft *d)
{
    strset shingles = STRSET_INIT;
    size_t starts[4096];
    bool ok = true;
    for (size_t pass = 0; ok && pass < 2; pass++) {
        for (size_t i = 0; ok && i < d->count; i++) {
            block *b = &d->blocks[i];
            if (b->type == BLOCK_HEADING)
                continue;
            strbuf words = STRBUF_INIT;
            size_t n = block_words(b->text, &words, starts, 4096);
            ok = !words.failed;
            if (pass == 0) {
                for (size_t k = 0; ok && k + SHINGLE_WORDS <= n; k++) {
                    size_t end = k + SHINGLE_WORDS < n ? starts[k + SHINGLE_WORDS] - 1
                                                       : words.len;
                    ok = strset_add(&shingles, words.data + starts[k], end - starts[k]);
                }
            } else if (n >= SHINGLE_WORDS + 2 && n <= MAX_QUOTE_WORDS && !b->kind) {
                bool repeated = true;
                for (size_t k = 0; repeated && k + SHINGLE_WORDS <= n; k++) {
                    size_t end = k + SHINGLE_WORDS < n ? starts[k + SHINGLE_WORDS] - 1
                                                       : words.len;
                    repeated = strset_count(&shingles, words.data + starts[k],
                                            end - starts[k]) >= 2;
                }
                if (repeated) {
                    b->kind = "pullquote";
                    b->repeat = true;
                }
            }
            strbuf_free(&words);
        }
    }
    strset_free(&shingles);
    return ok;
}

/* ---- footnote references ------------------------------------------- */

#define MAX_FOOTNOTE 999

/* A number glued to the end of a word ("century.1", "cooperation51"):
 * digits after a lower-case letter or closing punctuation, ending the
 * token.  Returns its value (0 when there is none) and its length. */
static int glued_number(const char *text, size_t at, size_t *len)
{
    if (at == 0 || !isdigit((unsigned char)text[at]) ||
        isdigit((unsigned char)text[at - 1]))
        return 0;
    unsigned char c = (unsigned char)text[at - 1];
    bool closes = islower(c) || strchr(".,;:)'\"", c) ||
                  (at >= 3 && (unsigned char)text[at - 3] == 0xE2 &&
                   (unsigned char)text[at - 2] == 0x80 && (c == 0x9D || c == 0x99));
    if (!closes)
        return 0;
    size_t e = at;
    int n = 0;
    while (isdigit((unsigned char)text[e]) && e - at < 4)
        n = n * 10 + (text[e++] - '0');
    if (isdigit((unsigned char)text[e]) || (text[e] && text[e] != ' ' && text[e] != '\n'))
        return 0;
    *len = e - at;
    return n <= MAX_FOOTNOTE ? n : 0;
}

/* Footnote references, decided over the whole report at once: the
 * numbers glued to words that run 1, 2, 3 ... (in whatever order the
 * extraction put the pages) up to the last N of which most below are
 * present.  Each is written as an explicit [^N], so the edition reader
 * takes it whatever the order. */
static bool mark_footnotes(draft *d)
{
    unsigned char seen[MAX_FOOTNOTE + 1] = {0};
    for (size_t i = 0; i < d->count; i++)
        for (size_t k = 0, len; d->blocks[i].text[k]; k++) {
            int n = glued_number(d->blocks[i].text, k, &len);
            if (n > 0)
                seen[n] = 1;
        }
    int last = 0, present = 0;
    for (int n = 1; n <= MAX_FOOTNOTE; n++) {
        present += seen[n];
        if (seen[n] && present * 5 >= n * 4)
            last = n;
    }
    unsigned char used[MAX_FOOTNOTE + 1] = {0};
    for (size_t i = 0; i < d->count; i++) {
        block *b = &d->blocks[i];
        strbuf out = STRBUF_INIT;
        size_t bold = 0;
        for (size_t k = 0; b->text[k];) {
            size_t len = 0;
            if (b->bold_len && k == b->bold_len)
                bold = out.len; /* the headline ends at the same words */
            int n = glued_number(b->text, k, &len);
            if (n > 0 && n <= last && !used[n]) {
                used[n] = 1;
                strbuf_printf(&out, "[^%d]", n);
                k += len;
            } else {
                strbuf_putc(&out, b->text[k++]);
            }
        }
        if (b->bold_len)
            b->bold_len = bold;
        char *text = strbuf_detach(&out);
        if (!text)
            return false;
        free(b->text);
        b->text = text;
    }
    return true;
}

/* ---- sections --------------------------------------------------------- */

static bool title_has(const char *title, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = title; *p; p++)
        if (strncasecmp(p, word, n) == 0)
            return true;
    return false;
}

/* Where the bold headline of a recommendation ends: after its first
 * sentence, when that ends a line and text follows.  0 when there is none. */
static size_t headline_end(const char *text)
{
    const char *line = text;
    for (int n = 0; n < HEADLINE_MAX_LINES; n++) {
        const char *nl = strchr(line, '\n');
        if (!nl)
            return 0;
        if (text_ends_sentence(line, (size_t)(nl - line)) &&
            (isupper((unsigned char)nl[1]) || (unsigned char)nl[1] >= 0x80))
            return (size_t)(nl - text);
        line = nl + 1;
    }
    return 0;
}

/* The first line of text is in capitals (two words at least): a chart's
 * or graphic's title. */
static bool caps_title(const char *text)
{
    size_t upper = 0, words = 1;
    for (const char *p = text; *p && *p != '\n'; p++) {
        if (islower((unsigned char)*p))
            return false;
        upper += isupper((unsigned char)*p) != 0;
        words += *p == ' ';
    }
    return upper >= 4 && words >= 2;
}

/* The next block that is not a caption, figure or pull quote. */
static const block *next_body(const draft *d, size_t i)
{
    for (size_t j = i + 1; j < d->count; j++)
        if (!is_caption(&d->blocks[j]))
            return &d->blocks[j];
    return NULL;
}

typedef struct open_section {
    int level;
    const block *heading;
} open_section;

static void mark_sections(draft *d)
{
    open_section stack[4] = {{0, NULL}};
    size_t depth = 0;
    int recs_level = 0;          /* a "Recommendations" heading is open */
    const block *previous = NULL; /* the previous block, captions aside */
    for (size_t i = 0; i < d->count; i++) {
        block *b = &d->blocks[i];
        if (b->type == BLOCK_HEADING) {
            while (depth && stack[depth - 1].level >= b->level)
                depth--;
            if (recs_level && b->level <= recs_level)
                recs_level = 0;
            if (depth < 4)
                stack[depth++] = (open_section){b->level, b};
            if (title_has(b->text, "recommendation"))
                recs_level = b->level;
            if (!b->kind && title_has(b->text, "timeline"))
                b->kind = "timeline";
            else if (!b->kind && caps_title(b->text))
                b->kind = "figure";
            if (b->level == 1 && (strncasecmp(b->text, "foreword", 8) == 0 ||
                                  strncasecmp(b->text, "preface", 7) == 0))
                b->kind = "foreword";
            if (b->marker_pillar && b->marker > 0) {
                b->pillar = b->marker;
                b->recommendations = recs_level && b->level > recs_level;
            }
            previous = b;
            continue;
        }
        const block *section = depth ? stack[depth - 1].heading : NULL;
        if (b->type == BLOCK_TEXT && !b->kind && strchr(b->text, '\n') &&
            caps_title(b->text))
            b->kind = "figure";
        if (b->type == BLOCK_ITEM && b->number > 0 && section && !b->kind &&
            (title_has(section->text, "pillar") ||
             title_has(section->text, "lines of effort"))) {
            b->kind = "summary";
            b->pillar = b->number;
        }
        bool in_recs = section && section->recommendations;
        if (in_recs && b->type == BLOCK_TEXT && !b->kind) {
            const block *next = next_body(d, i);
            bool bullets = next && next->type == BLOCK_ITEM && next->number == 0;
            bool after_text = previous && previous->type == BLOCK_TEXT;
            if ((bullets || !after_text) && !b->bold_len)
                b->bold_len = headline_end(b->text);
        }
        if (!is_caption(b))
            previous = b;
    }
}

bool ingest_analyse(draft *d, char **error)
{
    mark_captions(d);
    if ((!d->from_markup && !rejoin_paragraphs(d)) || !mark_pull_quotes(d) ||
        !mark_footnotes(d))
        return error_set(error, "out of memory");
    mark_sections(d);
    return true;
}
