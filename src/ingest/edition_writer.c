/* The draft written as an edition (corpus/FORMAT.md): front matter, then
 * headings, paragraphs and list items with brief directives where the
 * analysis found a kind, a pillar or a recommendations section.  Text is
 * escaped so that CommonMark reads back exactly the received words. */
#include "ingest.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lines.h"
#include "strbuf.h"
#include "wordlist.h"

/* One line of received text as Markdown inline text. */
static void put_escaped_line(strbuf *sb, const char *s, size_t len)
{
    /* what would open a block at the start of a line */
    if (len && strchr("#>-+=|~", s[0]))
        strbuf_putc(sb, '\\');
    else if (len && isdigit((unsigned char)s[0])) {
        size_t i = 0;
        while (i < len && isdigit((unsigned char)s[i]))
            i++;
        if (i < len && (s[i] == '.' || s[i] == ')') && i <= 9) {
            strbuf_append(sb, s, i);
            strbuf_putc(sb, '\\');
            s += i;
            len -= i;
        }
    }
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '[' && i + 2 < len && s[i + 1] == '^' && isdigit((unsigned char)s[i + 2])) {
            /* a footnote reference the analysis made explicit: [^12] */
            size_t e = i + 2;
            while (e < len && isdigit((unsigned char)s[e]))
                e++;
            if (e < len && s[e] == ']') {
                strbuf_append(sb, s + i, e + 1 - i);
                i = e;
                continue;
            }
        }
        if (strchr("\\`*_[]<>&!", s[i]))
            strbuf_putc(sb, '\\');
        strbuf_putc(sb, s[i]);
    }
}

/* text's lines, each escaped, each after indent (but the first), each
 * line-break hyphen decided with lex (its word whole on one line). */
static void put_lines(strbuf *sb, const char *text, size_t len, const char *indent,
                      const text_lexicon *lex)
{
    char *copy = strndup(text, len);
    char *settled = copy ? text_settle_hyphens(copy, lex) : NULL;
    free(copy);
    if (!settled) {
        sb->failed = true;
        return;
    }
    const char *p = settled, *end = settled + strlen(settled);
    bool first = true;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        if (!first)
            strbuf_puts(sb, indent);
        put_escaped_line(sb, p, (size_t)(stop - p));
        strbuf_putc(sb, '\n');
        first = false;
        p = nl ? nl + 1 : end;
    }
    free(settled);
}

static void put_directive(strbuf *sb, const block *b)
{
    /* a heading's page would apply to its whole section: blocks only */
    bool page = b->page > 0 && b->type != BLOCK_HEADING;
    bool any = b->kind || b->pillar || b->repeat || b->recommendations || page;
    if (!any)
        return;
    strbuf_puts(sb, "<!-- brief:");
    if (b->kind)
        strbuf_printf(sb, " kind=%s", b->kind);
    if (b->pillar)
        strbuf_printf(sb, " pillar=%d", b->pillar);
    if (b->recommendations)
        strbuf_puts(sb, " recommendations");
    if (b->repeat)
        strbuf_puts(sb, " repeat");
    if (page)
        strbuf_printf(sb, " page=%d", b->page);
    strbuf_puts(sb, " -->\n");
}

static void put_heading(strbuf *sb, const block *b, const text_lexicon *lex)
{
    char *title = text_join_lines(b->text, lex);
    if (!title) {
        sb->failed = true;
        return;
    }
    for (int i = 0; i < (b->level ? b->level : 1); i++)
        strbuf_putc(sb, '#');
    strbuf_putc(sb, ' ');
    put_escaped_line(sb, title, strlen(title));
    strbuf_putc(sb, '\n');
    free(title);
}

static void put_item(strbuf *sb, const block *b, const text_lexicon *lex)
{
    char mark[16];
    if (b->number > 0)
        snprintf(mark, sizeof mark, "%d. ", b->number);
    else
        snprintf(mark, sizeof mark, "- ");
    char indent[16];
    size_t n = strlen(mark);
    memset(indent, ' ', n);
    indent[n] = '\0';
    strbuf_puts(sb, mark);
    put_lines(sb, b->text, strlen(b->text), indent, lex);
}

static void put_paragraph(strbuf *sb, const block *b, const text_lexicon *lex)
{
    size_t len = strlen(b->text), bold = b->bold_len;
    if (bold > 0 && bold < len) {
        strbuf_puts(sb, "**");
        /* the closing ** goes on the bold part's last line */
        strbuf b_part = STRBUF_INIT;
        put_lines(&b_part, b->text, bold, "", lex);
        if (b_part.failed) {
            sb->failed = true;
            return;
        }
        strbuf_append(sb, b_part.data, b_part.len - 1);
        strbuf_free(&b_part);
        strbuf_puts(sb, "**\n");
        put_lines(sb, b->text + bold + 1, len - bold - 1, "", lex);
    } else {
        put_lines(sb, b->text, len, "", lex);
    }
}

static void put_field(strbuf *sb, const char *key, const char *value)
{
    if (!value)
        return;
    strbuf_printf(sb, "%s: ", key);
    for (const char *p = value; *p; p++)
        strbuf_putc(sb, *p == '\n' ? ' ' : *p);
    strbuf_putc(sb, '\n');
}

char *ingest_write_edition(const draft *d, const char *id)
{
    strbuf sb = STRBUF_INIT;
    /* the report's words and English words decide the line-break hyphens:
     * the edition keeps each word whole on one line, so that the edition
     * reader, which has no word list, reads the words decided here */
    text_lexicon lex = TEXT_LEXICON_INIT;
    strset asked = STRSET_INIT;
    for (size_t i = 0; i < d->count; i++)
        if (!text_lexicon_add(&lex, d->blocks[i].text) ||
            !text_hyphen_words(d->blocks[i].text, &asked))
            sb.failed = true;
    if (!wordlist_find(wordlist_path(), &asked, &lex.english))
        sb.failed = true;
    strset_free(&asked);
    strbuf_puts(&sb, "---\n");
    put_field(&sb, "id", id);
    if (d->title)
        put_field(&sb, "title", d->title);
    else
        strbuf_printf(&sb, "# no title was found in the file received\ntitle: %s\n", id);
    put_field(&sb, "authors", d->authors);
    put_field(&sb, "publisher", d->publisher);
    put_field(&sb, "date", d->date);
    put_field(&sb, "series", d->series);
    strbuf_puts(&sb, "---\n");
    if (d->count && d->blocks[0].type != BLOCK_HEADING) {
        /* an edition opens with a heading: the title, where the text has none */
        block title = {.type = BLOCK_HEADING, .level = 1,
                       .text = d->title ? d->title : (char *)id};
        strbuf_putc(&sb, '\n');
        put_heading(&sb, &title, NULL);
    }
    for (size_t i = 0; i < d->count; i++) {
        const block *b = &d->blocks[i];
        strbuf_putc(&sb, '\n');
        put_directive(&sb, b);
        if (b->type == BLOCK_HEADING)
            put_heading(&sb, b, &lex);
        else if (b->type == BLOCK_ITEM)
            put_item(&sb, b, &lex);
        else
            put_paragraph(&sb, b, &lex);
    }
    text_lexicon_free(&lex);
    return strbuf_detach(&sb);
}
