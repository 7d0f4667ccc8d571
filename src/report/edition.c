/* Reading an edition: Markdown (cmark) with front matter and directives,
 * into passages.  The format is described in corpus/FORMAT.md. */
#include <cmark.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "error.h"
#include "file.h"
#include "footnotes.h"
#include "front_matter.h"
#include "lines.h"
#include "normalize.h"
#include "report.h"
#include "strbuf.h"
#include "strset.h"

#define MAX_DEPTH 16
/* Block quotes, lists and inline markup nested deeper are refused (the
 * walk recurses once per level). */
#define MAX_NESTING 100

/* What a directive says; -1 / NULL for "not said". */
typedef struct directive {
    int pillar;
    int kind;
    char *id;
    bool recommendations;
    bool repeat;
    int page;
} directive;

#define DIRECTIVE_NONE {-1, -1, NULL, false, false, -1}

typedef struct section {
    char *title;
    char *id;
    int level;
    int pillar;
    int kind;               /* default kind inside, or -1 */
    bool recommendations;
    unsigned passages;      /* numbered passages so far */
    unsigned per_kind[PASSAGE_KIND_COUNT];
    unsigned headlines;
} section;

typedef struct reader {
    const char *path;
    unsigned line_offset;   /* lines of front matter before the body */
    report *rep;
    size_t cap;
    text_lexicon lexicon;
    footnote_seq footnotes;
    section stack[MAX_DEPTH];
    int depth;
    strset section_ids;     /* every section id so far */
    strset suffixes;        /* per repeated id: how many "-N" were tried */
    directive pending;      /* a block directive waiting for its block */
    char *headline_title;   /* current recommendation headline */
    unsigned headline_no;
    unsigned bullet_no;
    char **error;
} reader;

static void directive_clear(directive *d)
{
    free(d->id);
    *d = (directive)DIRECTIVE_NONE;
}

static unsigned node_line(const reader *r, cmark_node *node)
{
    return r->line_offset + (unsigned)cmark_node_get_start_line(node);
}

/* ---- directives ------------------------------------------------------- */

/* Parses "<!-- brief: key=value flag -->".  *is_directive is false for any
 * other HTML (which is ignored). */
static bool parse_directive(reader *r, const char *html, unsigned line,
                            directive *d, bool *is_directive)
{
    *is_directive = false;
    const char *p = html;
    while (isspace((unsigned char)*p))
        p++;
    if (strncmp(p, "<!--", 4) != 0)
        return true;
    p += 4;
    while (isspace((unsigned char)*p))
        p++;
    if (strncmp(p, "brief:", 6) != 0)
        return true;
    *is_directive = true;
    p += 6;
    const char *end = strstr(p, "-->");
    if (!end)
        return error_set(r->error, "%s:%u: directive is not closed by '-->'",
                         r->path, line);
    while (p < end) {
        while (p < end && isspace((unsigned char)*p))
            p++;
        const char *word = p;
        while (p < end && !isspace((unsigned char)*p))
            p++;
        if (p == word)
            break;
        char *token = str_dup_trimmed(word, (size_t)(p - word));
        if (!token)
            return error_set(r->error, "%s:%u: out of memory", r->path, line);
        char *eq = strchr(token, '=');
        const char *value = eq ? eq + 1 : NULL;
        if (eq)
            *eq = '\0';
        bool ok = true;
        if (strcmp(token, "pillar") == 0 && value) {
            ok = pillar_parse(value, &d->pillar);
            if (!ok)
                error_set(r->error, "%s:%u: pillar must be a number from 1 to %d "
                          "(or none), not '%s'", r->path, line, PILLAR_MAX, value);
        } else if (strcmp(token, "kind") == 0 && value) {
            passage_kind kind;
            ok = passage_kind_parse(value, &kind);
            d->kind = (int)kind;
            if (!ok)
                error_set(r->error, "%s:%u: unknown passage kind '%s'", r->path,
                          line, value);
        } else if (strcmp(token, "id") == 0 && value) {
            ok = report_id_valid(value);
            if (ok) {
                free(d->id);
                d->id = strdup(value);
                ok = d->id != NULL;
            } else {
                error_set(r->error, "%s:%u: bad section id '%s' (letters, digits, "
                          "'-', '_'; at most %d)", r->path, line, value, REPORT_ID_MAX_BYTES);
            }
        } else if (strcmp(token, "recommendations") == 0 && !value) {
            d->recommendations = true;
        } else if (strcmp(token, "repeat") == 0 && !value) {
            d->repeat = true;
        } else if (strcmp(token, "page") == 0 && value) {
            char *stop;
            long n = strtol(value, &stop, 10);
            ok = *value && !*stop && n >= 1 && n <= 1000000;
            d->page = (int)n;
            if (!ok)
                error_set(r->error, "%s:%u: page must be a number from 1, not '%s'",
                          r->path, line, value);
        } else {
            ok = false;
            error_set(r->error, "%s:%u: unknown directive '%s%s%s'", r->path,
                      line, token, value ? "=" : "", value ? value : "");
        }
        free(token);
        if (!ok)
            return false;
    }
    return true;
}

/* Later directives win; unset fields fall through. */
static void directive_merge(directive *into, const directive *from)
{
    if (from->pillar >= 0)
        into->pillar = from->pillar;
    if (from->page >= 0)
        into->page = from->page;
    if (from->kind >= 0)
        into->kind = from->kind;
    into->recommendations |= from->recommendations;
    into->repeat |= from->repeat;
}

/* ---- text ------------------------------------------------------------- */

/* The words of a node, with "\n" where the source broke lines. */
static void render_inlines(cmark_node *node, strbuf *out)
{
    for (cmark_node *child = cmark_node_first_child(node); child;
         child = cmark_node_next(child)) {
        switch (cmark_node_get_type(child)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            strbuf_puts(out, cmark_node_get_literal(child));
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            strbuf_putc(out, '\n');
            break;
        case CMARK_NODE_HTML_INLINE:
            break; /* directives and markup are not words */
        default:
            render_inlines(child, out);
        }
    }
}

/* A block's words: paragraphs and headings directly, containers through
 * their children except nested lists (which are passages of their own). */
static void render_block(cmark_node *node, strbuf *out)
{
    switch (cmark_node_get_type(node)) {
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
        render_inlines(node, out);
        break;
    case CMARK_NODE_CODE_BLOCK:
        strbuf_puts(out, cmark_node_get_literal(node));
        break;
    case CMARK_NODE_LIST:
        break;
    default:
        for (cmark_node *child = cmark_node_first_child(node); child;
             child = cmark_node_next(child)) {
            if (cmark_node_get_type(child) == CMARK_NODE_LIST)
                continue;
            if (out->len)
                strbuf_putc(out, '\n');
            render_block(child, out);
        }
    }
}

/* Raw words -> clean text: lines joined, hyphenation undone, footnotes off. */
static char *clean_text(reader *r, const char *raw, footnote_seq *seq,
                        footnote_list *notes)
{
    char *joined = text_join_lines(raw, &r->lexicon);
    if (!joined)
        return NULL;
    char *clean = text_take_footnotes(joined, seq, notes);
    free(joined);
    return clean;
}

/* cmark's leaf nodes: the iterator enters them and never exits them. */
static bool is_leaf(cmark_node_type type)
{
    switch (type) {
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
        return true;
    default:
        return false;
    }
}

/* The walk below recurses once per level of block quotes, lists and
 * emphasis: a deeper document (50,000 '>') is refused here, before it
 * could exhaust the stack.  The iterator itself does not recurse. */
static bool check_nesting(reader *r, cmark_node *root)
{
    cmark_iter *iter = cmark_iter_new(root);
    if (!iter)
        return error_set(r->error, "%s: out of memory", r->path);
    int depth = 0;
    cmark_node *deep = NULL;
    cmark_event_type ev;
    while (!deep && (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(iter);
        if (ev == CMARK_EVENT_EXIT)
            depth--;
        else if (!is_leaf(cmark_node_get_type(node)) && ++depth > MAX_NESTING)
            deep = node;
    }
    cmark_iter_free(iter);
    if (!deep)
        return true;
    while (cmark_node_get_start_line(deep) == 0 && cmark_node_parent(deep))
        deep = cmark_node_parent(deep);
    return error_set(r->error, "%s:%u: nested more than %d levels deep (block quotes, "
                     "lists, emphasis, links)", r->path, node_line(r, deep), MAX_NESTING);
}

static bool lexicon_add_all(reader *r, cmark_node *root)
{
    cmark_iter *iter = cmark_iter_new(root);
    bool ok = iter != NULL;
    cmark_event_type ev;
    while (ok && (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(iter);
        cmark_node_type type = cmark_node_get_type(node);
        if (ev != CMARK_EVENT_ENTER ||
            (type != CMARK_NODE_PARAGRAPH && type != CMARK_NODE_HEADING))
            continue;
        strbuf raw = STRBUF_INIT;
        render_inlines(node, &raw);
        ok = !raw.failed && text_lexicon_add(&r->lexicon, strbuf_str(&raw));
        strbuf_free(&raw);
    }
    cmark_iter_free(iter);
    return ok;
}

/* ---- sections and passages -------------------------------------------- */

static const section *current_section(const reader *r)
{
    return r->depth > 0 ? &r->stack[r->depth - 1] : NULL;
}

static char *slugify(const char *title)
{
    strbuf sb = STRBUF_INIT;
    int words = 0;
    bool in_word = false;
    for (const char *p = title; *p && words <= 4 && sb.len < REPORT_ID_MAX_BYTES; p++) {
        if (isalnum((unsigned char)*p)) {
            if (!in_word && words++ >= 4)
                break;
            if (!in_word && sb.len)
                strbuf_putc(&sb, '-');
            strbuf_putc(&sb, (char)tolower((unsigned char)*p));
            in_word = true;
        } else {
            in_word = false;
        }
    }
    if (!sb.len)
        strbuf_puts(&sb, "section");
    return strbuf_detach(&sb);
}

static bool passage_push(reader *r, passage **out)
{
    report *rep = r->rep;
    if (!array_make_room(&rep->passages, &r->cap, rep->count, sizeof *rep->passages, 64))
        return error_set(r->error, "%s: out of memory", r->path);
    passage *p = &rep->passages[rep->count++];
    memset(p, 0, sizeof *p);
    p->order = (unsigned)(rep->count - 1);
    p->report = strdup(rep->id);
    for (int i = 0; i < r->depth; i++)
        if (!string_list_add(&p->section, r->stack[i].title))
            return error_set(r->error, "%s: out of memory", r->path);
    *out = p;
    return p->report != NULL || error_set(r->error, "%s: out of memory", r->path);
}

static bool take_notes(passage *p, footnote_list *notes)
{
    p->footnotes = notes->numbers;
    p->footnote_count = notes->count;
    notes->numbers = NULL;
    notes->count = 0;
    return true;
}

static bool on_heading(reader *r, cmark_node *node, const directive *d)
{
    unsigned line = node_line(r, node);
    int level = cmark_node_get_heading_level(node);
    while (r->depth > 0 && r->stack[r->depth - 1].level >= level) {
        section *s = &r->stack[--r->depth];
        free(s->title);
        free(s->id);
    }
    if (r->depth == MAX_DEPTH)
        return error_set(r->error, "%s:%u: sections nested too deeply", r->path, line);
    free(r->headline_title);
    r->headline_title = NULL;
    r->headline_no = r->bullet_no = 0;

    strbuf raw = STRBUF_INIT;
    render_inlines(node, &raw);
    footnote_list notes = {NULL, 0};
    char *title = raw.failed ? NULL : clean_text(r, strbuf_str(&raw), &r->footnotes, &notes);
    strbuf_free(&raw);
    if (!title)
        return error_set(r->error, "%s:%u: out of memory", r->path, line);
    if (!*title) {
        free(title);
        footnote_list_free(&notes);
        return error_set(r->error, "%s:%u: empty heading", r->path, line);
    }

    const section *parent = current_section(r);
    section *s = &r->stack[r->depth];
    memset(s, 0, sizeof *s);
    s->title = title;
    s->level = level;
    s->pillar = d->pillar >= 0 ? d->pillar : parent ? parent->pillar : 0;
    s->kind = d->kind >= 0 ? d->kind : parent ? parent->kind : -1;
    s->recommendations = d->recommendations || (parent && parent->recommendations);
    s->id = d->id ? strdup(d->id) : slugify(title);
    if (!s->id)
        return error_set(r->error, "%s:%u: out of memory", r->path, line);
    /* Section ids must be unique: a second "Conclusion" becomes conclusion-2.
     * The next N is counted per id, so 4,000 "Conclusion"s take linear time. */
    if (strset_count(&r->section_ids, s->id, strlen(s->id))) {
        if (d->id) {
            footnote_list_free(&notes);
            /* s is not on the stack yet (depth is not raised): free it. */
            free(s->title);
            free(s->id);
            s->title = s->id = NULL;
            return error_set(r->error, "%s:%u: section id '%s' is used twice",
                             r->path, line, d->id);
        }
        char *base = s->id;
        s->id = NULL;
        for (unsigned n = strset_count(&r->suffixes, base, strlen(base)) + 2;; n++) {
            strbuf sb = STRBUF_INIT;
            strbuf_printf(&sb, "%s-%u", base, n);
            free(s->id);
            s->id = strbuf_detach(&sb);
            if (!s->id || !strset_add(&r->suffixes, base, strlen(base)) ||
                !strset_count(&r->section_ids, s->id, strlen(s->id)))
                break;
        }
        free(base);
        if (!s->id)
            return error_set(r->error, "%s:%u: out of memory", r->path, line);
    }
    r->depth++;
    if (!strset_add(&r->section_ids, s->id, strlen(s->id)))
        return error_set(r->error, "%s:%u: out of memory", r->path, line);

    passage *p;
    if (!passage_push(r, &p))
        return false;
    p->kind = PASSAGE_HEADING;
    p->pillar = s->pillar;
    p->source_line = line;
    string_list_free(&p->section);
    for (int i = 0; i < r->depth - 1; i++)
        string_list_add(&p->section, r->stack[i].title);
    p->title = strdup(title);
    p->text = strdup(title);
    strbuf id = STRBUF_INIT;
    strbuf_printf(&id, "%s:%s", r->rep->id, s->id);
    p->id = strbuf_detach(&id);
    take_notes(p, &notes);
    if (!p->title || !p->text || !p->id)
        return error_set(r->error, "%s:%u: out of memory", r->path, line);
    return true;
}

/* The first inline of a paragraph that carries words. */
static cmark_node *first_content_inline(cmark_node *para)
{
    cmark_node *child = cmark_node_first_child(para);
    while (child && cmark_node_get_type(child) == CMARK_NODE_HTML_INLINE)
        child = cmark_node_next(child);
    /* Leading white space left after a directive. */
    while (child && cmark_node_get_type(child) == CMARK_NODE_TEXT) {
        const char *lit = cmark_node_get_literal(child);
        while (lit && isspace((unsigned char)*lit))
            lit++;
        if (lit && *lit)
            break;
        child = cmark_node_next(child);
    }
    return child;
}

/* Makes one passage of a paragraph or list item.  in_list: it is an item. */
static bool on_text_block(reader *r, cmark_node *node, const directive *block,
                          bool in_list)
{
    unsigned line = node_line(r, node);
    directive d = DIRECTIVE_NONE;
    directive_merge(&d, block);

    const section *s = current_section(r);
    bool recs = s && s->recommendations;
    cmark_node *para = in_list ? cmark_node_first_child(node) : node;
    cmark_node *first = para && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH
                            ? first_content_inline(para) : NULL;
    bool headline = !in_list && recs && d.kind < 0 && first &&
                    cmark_node_get_type(first) == CMARK_NODE_STRONG;
    bool bullet = in_list && recs && d.kind < 0 && r->headline_title;

    passage_kind kind;
    if (headline)
        kind = PASSAGE_HEADLINE;
    else if (bullet)
        kind = PASSAGE_BULLET;
    else if (d.kind >= 0)
        kind = (passage_kind)d.kind;
    else if (s && s->kind >= 0)
        kind = (passage_kind)s->kind;
    else
        kind = in_list ? PASSAGE_LIST_ITEM : PASSAGE_PARAGRAPH;

    strbuf raw = STRBUF_INIT;
    render_block(node, &raw);
    if (raw.failed)
        return error_set(r->error, "%s:%u: out of memory", r->path, line);
    char *title = NULL;
    if (headline) {
        /* The bold sentence's footnotes are the paragraph's: read them on
         * a copy of the sequence so they are not taken twice. */
        strbuf bold = STRBUF_INIT;
        render_inlines(first, &bold);
        footnote_seq copy;
        if (!footnote_seq_copy(&copy, &r->footnotes))
            bold.failed = true;
        title = bold.failed ? NULL : clean_text(r, strbuf_str(&bold), &copy, NULL);
        footnote_seq_free(&copy);
        strbuf_free(&bold);
        if (!title) {
            strbuf_free(&raw);
            return error_set(r->error, "%s:%u: out of memory", r->path, line);
        }
    }
    footnote_list notes = {NULL, 0};
    char *text = clean_text(r, strbuf_str(&raw), &r->footnotes, &notes);
    strbuf_free(&raw);
    if (!text) {
        free(title);
        return error_set(r->error, "%s:%u: out of memory", r->path, line);
    }
    if (!*text) { /* an empty item or a paragraph of markup only */
        free(title);
        free(text);
        footnote_list_free(&notes);
        return true;
    }

    if (!s) {
        free(title);
        free(text);
        footnote_list_free(&notes);
        return error_set(r->error, "%s:%u: text before the first heading",
                         r->path, line);
    }
    section *sec = &r->stack[r->depth - 1];
    strbuf id = STRBUF_INIT;
    strbuf_printf(&id, "%s:%s", r->rep->id, sec->id);
    if (headline) {
        free(r->headline_title);
        r->headline_title = strdup(title);
        r->headline_no = ++sec->headlines;
        r->bullet_no = 0;
        strbuf_printf(&id, ".%u", r->headline_no);
    } else if (bullet) {
        strbuf_printf(&id, ".%u.%u", r->headline_no, ++r->bullet_no);
    } else if (recs) {
        strbuf_printf(&id, ".%s%u", passage_kind_name(kind), ++sec->per_kind[kind]);
    } else {
        strbuf_printf(&id, ".%u", ++sec->passages);
    }

    passage *p;
    if (!passage_push(r, &p)) {
        free(title);
        free(text);
        strbuf_free(&id);
        footnote_list_free(&notes);
        return false;
    }
    if (bullet && !string_list_add(&p->section, r->headline_title))
        id.failed = true;
    p->id = strbuf_detach(&id);
    p->kind = kind;
    p->pillar = d.pillar >= 0 ? d.pillar : sec->pillar;
    p->title = title;
    p->text = text;
    p->repeat = d.repeat;
    p->page = d.page > 0 ? d.page : 0;
    p->source_line = line;
    take_notes(p, &notes);
    if (!p->id)
        return error_set(r->error, "%s:%u: out of memory", r->path, line);
    return true;
}

static bool walk_blocks(reader *r, cmark_node *parent, const directive *ctx);

static bool on_block(reader *r, cmark_node *node, const directive *ctx)
{
    cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_HTML_BLOCK) {
        bool is_directive;
        directive d = DIRECTIVE_NONE;
        if (!parse_directive(r, cmark_node_get_literal(node), node_line(r, node),
                             &d, &is_directive)) {
            directive_clear(&d);
            return false;
        }
        if (is_directive) {
            directive_merge(&r->pending, &d);
            if (d.id) {
                free(r->pending.id);
                r->pending.id = d.id;
                d.id = NULL;
            }
        }
        directive_clear(&d);
        return true;
    }

    /* The pending directive belongs to this block. */
    directive d = DIRECTIVE_NONE;
    directive_merge(&d, ctx);
    directive_merge(&d, &r->pending);
    d.id = r->pending.id;
    r->pending.id = NULL;
    directive_clear(&r->pending);

    bool ok = true;
    switch (type) {
    case CMARK_NODE_HEADING:
        ok = on_heading(r, node, &d);
        break;
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_CODE_BLOCK:
        ok = on_text_block(r, node, &d, false);
        break;
    case CMARK_NODE_LIST:
        for (cmark_node *item = cmark_node_first_child(node); ok && item;
             item = cmark_node_next(item)) {
            ok = on_text_block(r, item, &d, true);
            /* Lists nested in the item are passages too. */
            for (cmark_node *child = cmark_node_first_child(item); ok && child;
                 child = cmark_node_next(child))
                if (cmark_node_get_type(child) == CMARK_NODE_LIST)
                    ok = on_block(r, child, &d);
        }
        break;
    case CMARK_NODE_BLOCK_QUOTE:
        ok = walk_blocks(r, node, &d);
        break;
    default:
        break; /* thematic breaks and the like carry no words */
    }
    if (d.id && type != CMARK_NODE_HEADING && ok)
        ok = error_set(r->error, "%s:%u: 'id=' belongs on a heading",
                       r->path, node_line(r, node));
    directive_clear(&d);
    return ok;
}

static bool walk_blocks(reader *r, cmark_node *parent, const directive *ctx)
{
    for (cmark_node *node = cmark_node_first_child(parent); node;
         node = cmark_node_next(node))
        if (!on_block(r, node, ctx))
            return false;
    return true;
}

/* ---- the whole edition ------------------------------------------------ */

static char *content_hash(const char *text, size_t len)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a: change detection only */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)text[i];
        h *= 1099511628211ULL;
    }
    char *out = malloc(17);
    if (out)
        snprintf(out, 17, "%016llx", (unsigned long long)h);
    return out;
}

bool report_read_edition(const char *path, const char *text, size_t len,
                         report *out, char **error)
{
    memset(out, 0, sizeof *out);
    size_t bad;
    if (memchr(text, '\0', len)) {
        size_t line, col;
        file_line_col(text, (size_t)((const char *)memchr(text, '\0', len) - text),
                      &line, &col);
        return error_set(error, "%s:%zu:%zu: binary data (a NUL byte), not text",
                         path, line, col);
    }
    if (!text_utf8_valid(text, len, &bad)) {
        size_t line, col;
        file_line_col(text, bad, &line, &col);
        return error_set(error, "%s:%zu:%zu: invalid UTF-8 (byte 0x%02x)", path,
                         line, col, (unsigned char)text[bad]);
    }

    reader r = {.path = path, .rep = out, .error = error,
                .lexicon = TEXT_LEXICON_INIT,
                .footnotes = FOOTNOTE_SEQ_INIT,
                .pending = DIRECTIVE_NONE};
    size_t body = 0;
    bool ok = front_matter_read(path, text, len, out, &body, &r.line_offset, error);
    cmark_node *doc = NULL;
    if (ok) {
        doc = cmark_parse_document(text + body, len - body, CMARK_OPT_DEFAULT);
        ok = doc != NULL || error_set(error, "%s: out of memory", path);
    }
    ok = ok && check_nesting(&r, doc);
    ok = ok && (lexicon_add_all(&r, doc) ||
                error_set(error, "%s: out of memory", path));
    directive none = DIRECTIVE_NONE;
    ok = ok && walk_blocks(&r, doc, &none);
    if (ok && out->count == 0)
        ok = error_set(error, "%s: no passages: the edition has no text", path);
    if (ok) {
        out->source = strdup(path);
        out->content_hash = content_hash(text, len);
        ok = (out->source && out->content_hash) ||
             error_set(error, "%s: out of memory", path);
    }

    if (doc)
        cmark_node_free(doc);
    while (r.depth > 0) {
        section *s = &r.stack[--r.depth];
        free(s->title);
        free(s->id);
    }
    strset_free(&r.section_ids);
    strset_free(&r.suffixes);
    directive_clear(&r.pending);
    free(r.headline_title);
    text_lexicon_free(&r.lexicon);
    footnote_seq_free(&r.footnotes);
    if (!ok)
        report_free(out);
    return ok;
}

const passage *report_find(const report *r, const char *id)
{
    for (size_t i = 0; i < r->count; i++)
        if (strcmp(r->passages[i].id, id) == 0)
            return &r->passages[i];
    return NULL;
}

void report_free(report *r)
{
    for (size_t i = 0; i < r->count; i++)
        passage_free(&r->passages[i]);
    free(r->passages);
    free(r->id);
    free(r->title);
    string_list_free(&r->authors);
    free(r->publisher);
    free(r->date);
    free(r->series);
    free(r->url);
    free(r->place);
    free(r->number);
    free(r->citekey);
    free(r->source);
    free(r->content_hash);
    memset(r, 0, sizeof *r);
}
