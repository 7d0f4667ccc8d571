#include "draft_quotes.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "strbuf.h"

#define OPEN_CURLY "\xE2\x80\x9C"    /* “ */
#define CLOSE_CURLY "\xE2\x80\x9D"   /* ” */

typedef struct scanner {
    const char *text;
    size_t len;
    draft_quotes *out;
    size_t cap;
} scanner;

static size_t column_of(const char *line_start, const char *at)
{
    size_t col = 1;
    for (const char *p = line_start; p < at; p++)
        col += ((unsigned char)*p & 0xC0) != 0x80;
    return col;
}

static size_t count_words(const char *s, size_t len)
{
    size_t words = 0;
    bool in_word = false, has_alnum = false;
    for (size_t i = 0; i <= len; i++) {
        bool space = i == len || isspace((unsigned char)s[i]);
        if (!space) {
            in_word = true;
            has_alnum |= isalnum((unsigned char)s[i]) || ((unsigned char)s[i] & 0x80);
        } else if (in_word) {
            words += has_alnum;
            in_word = has_alnum = false;
        }
    }
    return words;
}

static bool add(scanner *sc, size_t line, size_t col, const char *text, size_t len,
                bool block)
{
    draft_quotes *q = sc->out;
    if (!array_make_room(&q->items, &sc->cap, q->count, sizeof *q->items, 16))
        return false;
    char *copy = strndup(text, len);
    if (!copy)
        return false;
    q->items[q->count++] = (draft_quote){line, col, copy, block};
    return true;
}

/* The line after the one at p. */
static const char *next_line(const char *p, const char *end)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    return nl ? nl + 1 : end;
}

static size_t line_length(const char *p, const char *end)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t n = (size_t)((nl ? nl : end) - p);
    return n && p[n - 1] == '\r' ? n - 1 : n;
}

static bool blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)p[i]))
            return false;
    return true;
}

/* After up to 3 spaces, a '>'?  Then *content is what follows the markers. */
static bool quote_line(const char *p, size_t n, const char **content)
{
    size_t i = 0;
    while (i < n && i < 3 && p[i] == ' ')
        i++;
    if (i >= n || p[i] != '>')
        return false;
    while (i < n && (p[i] == '>' || p[i] == ' '))
        i++;
    *content = p + i;
    return true;
}

static bool fence_line(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n && i < 3 && p[i] == ' ')
        i++;
    return n - i >= 3 && (strncmp(p + i, "```", 3) == 0 || strncmp(p + i, "~~~", 3) == 0);
}

/* A block quote's paragraph: its attribution and citations left out. */
static bool add_block_paragraph(scanner *sc, strbuf *para, size_t line, size_t col)
{
    char *s = para->data ? para->data : "";
    size_t n = para->len;
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    /* A pandoc citation at its end: "... [@key, sec. x]". */
    if (n && s[n - 1] == ']') {
        char *open = NULL;
        for (char *p = s + n - 1; p > s; p--)
            if (p[-1] == '[' && p[0] == '@') {
                open = p - 1;
                break;
            }
        if (open) {
            n = (size_t)(open - s);
            while (n && isspace((unsigned char)s[n - 1]))
                n--;
        }
    }
    bool attribution = strncmp(s, "\xE2\x80\x94", 3) == 0 || strncmp(s, "\xE2\x80\x95", 3) == 0 ||
                       strncmp(s, "--", 2) == 0;
    bool ok = true;
    if (n && !attribution && count_words(s, n))
        ok = add(sc, line, col, s, n, true);
    strbuf_truncate(para, 0);
    return ok;
}

/* Lines [p, end) of a block quote, a quotation each paragraph. */
static bool scan_block(scanner *sc, const char *p, const char *end, size_t line)
{
    strbuf para = STRBUF_INIT;
    size_t para_line = 0, para_col = 0;
    bool ok = true;
    for (; ok && p < end; p = next_line(p, end), line++) {
        size_t n = line_length(p, end);
        const char *content;
        quote_line(p, n, &content);
        size_t rest = n - (size_t)(content - p);
        if (blank(content, rest)) {
            ok = add_block_paragraph(sc, &para, para_line, para_col);
            continue;
        }
        if (!para.len) {
            para_line = line;
            para_col = column_of(p, content);
        } else {
            strbuf_putc(&para, '\n');
        }
        strbuf_append(&para, content, rest);
    }
    ok = ok && add_block_paragraph(sc, &para, para_line, para_col);
    strbuf_free(&para);
    return ok && !para.failed;
}

/* Moves *s to `to`, counting the lines passed. */
static void advance(const char **s, const char *to, size_t *line, const char **line_start)
{
    for (const char *c = *s; c < to; c++)
        if (*c == '\n') {
            (*line)++;
            *line_start = c + 1;
        }
    *s = to;
}

/* Quotations in quotation marks in a paragraph [p, end) of running text. */
static bool scan_inline(scanner *sc, const char *p, const char *end, size_t line)
{
    const char *line_start = p;
    for (const char *s = p; s < end;) {
        if (*s == '\n') {
            line++;
            line_start = ++s;
            continue;
        }
        if (*s == '`') {   /* a code span: to the same run of backticks */
            size_t run = strspn(s, "`");
            const char *close = s + run;
            while (close < end && !(strncmp(close, s, run) == 0 && close[run] != '`'))
                close++;
            advance(&s, close < end ? close + run : s + run, &line, &line_start);
            continue;
        }
        const char *body = NULL, *close = NULL;
        if ((size_t)(end - s) >= 3 && strncmp(s, OPEN_CURLY, 3) == 0) {
            body = s + 3;
            for (const char *c = body; c + 3 <= end; c++)
                if (strncmp(c, CLOSE_CURLY, 3) == 0) {
                    close = c;
                    break;
                }
        } else if (*s == '"' && (s == p || isspace((unsigned char)s[-1]) ||
                                 strchr("([{", s[-1]) || (unsigned char)s[-1] >= 0x80)) {
            body = s + 1;
            for (const char *c = body; c < end; c++)
                if (*c == '"' && (c + 1 == end || !isalnum((unsigned char)c[1]))) {
                    close = c;
                    break;
                }
        }
        if (!body || !close) {
            s++;
            continue;
        }
        size_t n = (size_t)(close - body);
        if (count_words(body, n) >= DRAFT_MIN_WORDS &&
            !add(sc, line, column_of(line_start, s), body, n, false))
            return false;
        advance(&s, close + (*close == '"' ? 1 : 3), &line, &line_start);
    }
    return true;
}

bool draft_find_quotes(const char *text, size_t len, draft_quotes *out)
{
    memset(out, 0, sizeof *out);
    scanner sc = {text, len, out, 0};
    const char *p = text, *end = text + len;
    size_t line = 1;
    /* A front matter: "---" first, to the next "---". */
    if (len >= 4 && strncmp(text, "---", 3) == 0 && (text[3] == '\n' || text[3] == '\r')) {
        const char *q = next_line(p, end);
        size_t l = 2;
        for (; q < end; q = next_line(q, end), l++)
            if (line_length(q, end) >= 3 && strncmp(q, "---", 3) == 0)
                break;
        if (q < end) {
            p = next_line(q, end);
            line = l + 1;
        }
    }
    bool ok = true;
    while (ok && p < end) {
        size_t n = line_length(p, end);
        const char *content;
        if (fence_line(p, n)) {          /* code: to the closing fence */
            const char *q = next_line(p, end);
            line++;
            while (q < end && !fence_line(q, line_length(q, end))) {
                q = next_line(q, end);
                line++;
            }
            p = q < end ? next_line(q, end) : end;
            line += q < end;
        } else if (quote_line(p, n, &content)) {
            const char *q = p;
            size_t lines = 0;
            while (q < end && quote_line(q, line_length(q, end), &content)) {
                q = next_line(q, end);
                lines++;
            }
            ok = scan_block(&sc, p, q, line);
            p = q;
            line += lines;
        } else if (blank(p, n)) {
            p = next_line(p, end);
            line++;
        } else {                         /* a paragraph: to a blank line */
            const char *q = p;
            size_t lines = 0;
            while (q < end) {
                size_t m = line_length(q, end);
                if (blank(q, m) || fence_line(q, m) || quote_line(q, m, &content))
                    break;
                q = next_line(q, end);
                lines++;
            }
            ok = scan_inline(&sc, p, q, line);
            p = q;
            line += lines;
        }
    }
    if (!ok)
        draft_quotes_free(out);
    return ok;
}

void draft_quotes_free(draft_quotes *q)
{
    for (size_t i = 0; i < q->count; i++)
        free(q->items[i].text);
    free(q->items);
    memset(q, 0, sizeof *q);
}
