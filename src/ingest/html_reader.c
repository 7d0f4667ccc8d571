/* The HTML reader: libxml2's HTML parser (the one browsers' rules were
 * written into; never regular expressions over HTML) gives the tree;
 * h1-h6 are sections, p, li, blockquote, pre and figcaption are passages,
 * the head gives the title, authors, publisher and date.
 *
 * libxml2 is loaded with dlopen when an HTML file comes, not linked: it
 * brings ICU, and every search is a whole process that would pay for
 * loading it (see "Dependencies, and why" in the README).  Only two of its
 * functions are called; the tree is read through the structures of its
 * headers. */
#include "ingest.h"

#include <ctype.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "error.h"
#include "strbuf.h"

#define LIBXML2_SONAME "libxml2.so.2"
#define MAX_DEPTH 200           /* libxml2 stops at 256 itself */
#define MIN_REPORT_BYTES 200    /* less text than this is no report */

typedef htmlDocPtr (*read_memory_fn)(const char *, int, const char *, const char *, int);
typedef void (*free_doc_fn)(xmlDocPtr);

typedef struct html_reader {
    draft *d;
    int level_of[7];        /* h1-h6 -> section level 1-3 */
    size_t text_bytes;      /* of the passages found */
    bool failed;
} html_reader;

static bool name_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name &&
           strcasecmp((const char *)n->name, name) == 0;
}

static const char *attribute(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (a->name && strcasecmp((const char *)a->name, name) == 0 && a->children &&
            a->children->type == XML_TEXT_NODE)
            return (const char *)a->children->content;
    return NULL;
}

/* Elements that hold no report text. */
static bool skipped(const xmlNode *n)
{
    static const char *const names[] = {"script", "style", "nav", "header", "footer",
                                        "noscript", "form", "template", "button",
                                        "select", "svg", "head", NULL};
    for (size_t i = 0; names[i]; i++)
        if (name_is(n, names[i]))
            return true;
    return false;
}

static void collect_text(const xmlNode *n, strbuf *out, int depth);

/* One node's text: white space runs become one space, but a line break
 * stays one (the edition keeps lines; hyphens at their ends are decided
 * by the shared rule); <br> is a line break. */
static void collect_node(const xmlNode *c, strbuf *out, int depth)
{
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        for (const char *p = (const char *)c->content; p && *p; p++) {
            bool space = *p == ' ' || *p == '\t' || *p == '\r' || *p == '\f';
            char last = out->len ? out->data[out->len - 1] : '\n';
            if (*p == '\n') {
                if (last == ' ')
                    strbuf_truncate(out, out->len - 1);
                if (out->len && out->data[out->len - 1] != '\n')
                    strbuf_putc(out, '\n');
            } else if (space) {
                if (last != ' ' && last != '\n')
                    strbuf_putc(out, ' ');
            } else {
                strbuf_putc(out, *p);
            }
        }
    } else if (name_is(c, "br")) {
        if (out->len && out->data[out->len - 1] != '\n')
            strbuf_putc(out, '\n');
    } else if (c->type == XML_ELEMENT_NODE && !skipped(c) && depth < MAX_DEPTH) {
        collect_text(c, out, depth + 1);
    }
}

/* The text under n. */
static void collect_text(const xmlNode *n, strbuf *out, int depth)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        collect_node(c, out, depth);
}

/* The leading <strong>/<b> of a paragraph, when words follow it: a
 * recommendation's headline.  Its length in the collected text, or 0. */
static size_t leading_bold(const xmlNode *p, const char *text)
{
    const xmlNode *c = p->children;
    while (c && c->type == XML_TEXT_NODE && c->content &&
           strspn((const char *)c->content, " \t\r\n") == strlen((const char *)c->content))
        c = c->next;
    if (!c || !(name_is(c, "strong") || name_is(c, "b")))
        return 0;
    strbuf bold = STRBUF_INIT;
    strbuf_putc(&bold, 'x'); /* collect_node drops a leading space otherwise */
    collect_node(c, &bold, 1);
    size_t n = bold.failed ? 0 : bold.len - 1;
    while (n && (bold.data[n] == ' ' || bold.data[n] == '\n'))
        n--;
    strbuf_free(&bold);
    size_t len = strlen(text);
    if (n == 0 || n >= len || (text[n] != ' ' && text[n] != '\n'))
        return 0;
    return n;
}

/* Adds a block of text[0..] with its lines trimmed; nothing for blank
 * text. */
static block *add_text(html_reader *r, block_type type, strbuf *text)
{
    if (text->failed) {
        r->failed = true;
        return NULL;
    }
    const char *s = strbuf_str(text);
    size_t len = text->len;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\n'))
        len--;
    while (len && (*s == ' ' || *s == '\n'))
        s++, len--;
    if (!len)
        return NULL;
    block *b = draft_add(r->d, type, s, len);
    if (!b)
        r->failed = true;
    else
        r->text_bytes += len;
    return b;
}

static void walk(html_reader *r, const xmlNode *n, int depth);

static void on_list(html_reader *r, const xmlNode *list, int depth)
{
    int number = name_is(list, "ol") ? 1 : 0;
    const char *start = attribute(list, "start");
    if (number && start && atoi(start) > 0 && atoi(start) < 1000)
        number = atoi(start);
    for (const xmlNode *li = list->children; li && !r->failed; li = li->next) {
        if (!name_is(li, "li"))
            continue;
        /* the item's own text; lists inside it are items of their own */
        strbuf text = STRBUF_INIT;
        for (const xmlNode *c = li->children; c; c = c->next)
            if (!name_is(c, "ul") && !name_is(c, "ol"))
                collect_node(c, &text, depth + 1);
        block *b = add_text(r, BLOCK_ITEM, &text);
        strbuf_free(&text);
        if (b)
            b->number = number;
        if (number)
            number++;
        for (const xmlNode *c = li->children; c; c = c->next)
            if (name_is(c, "ul") || name_is(c, "ol"))
                on_list(r, c, depth + 1);
    }
}

static void walk(html_reader *r, const xmlNode *n, int depth)
{
    for (const xmlNode *c = n->children; c && !r->failed; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || skipped(c) || depth > MAX_DEPTH)
            continue;
        const char *name = (const char *)c->name;
        bool heading = strlen(name) == 2 && tolower((unsigned char)name[0]) == 'h' &&
                       name[1] >= '1' && name[1] <= '6';
        if (heading || name_is(c, "p") || name_is(c, "blockquote") ||
            name_is(c, "pre") || name_is(c, "figcaption") || name_is(c, "caption") ||
            name_is(c, "dd") || name_is(c, "dt")) {
            strbuf text = STRBUF_INIT;
            collect_text(c, &text, depth + 1);
            block *b = add_text(r, heading ? BLOCK_HEADING : BLOCK_TEXT, &text);
            strbuf_free(&text);
            if (!b)
                continue;
            if (heading) {
                b->level = r->level_of[name[1] - '0'];
                b->marker = ingest_section_marker(b->text, strlen(b->text),
                                                  &b->marker_pillar);
                r->text_bytes -= strlen(b->text);
            } else if (name_is(c, "figcaption") || name_is(c, "caption")) {
                b->kind = "caption";
            } else if (name_is(c, "p")) {
                b->bold_len = leading_bold(c, b->text);
            }
        } else if (name_is(c, "ul") || name_is(c, "ol")) {
            on_list(r, c, depth);
        } else {
            walk(r, c, depth + 1);
        }
    }
}

/* Which of h1-h6 the document uses: the first three used become levels
 * 1-3, the others level 3. */
static void heading_levels(html_reader *r, const xmlNode *n, bool used[7], int depth)
{
    for (const xmlNode *c = n->children; c && depth < MAX_DEPTH; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)c->name;
        if (strlen(name) == 2 && tolower((unsigned char)name[0]) == 'h' &&
            name[1] >= '1' && name[1] <= '6')
            used[name[1] - '0'] = true;
        else
            heading_levels(r, c, used, depth + 1);
    }
}

static char *dup_text(const xmlNode *n)
{
    strbuf text = STRBUF_INIT;
    collect_text(n, &text, 1);
    char *s = strbuf_detach(&text);
    if (s)
        for (char *p = s; *p; p++)
            if (*p == '\n')
                *p = ' ';
    return s;
}

/* "2020-11-17T..." or "2020-11" -> as written up to the day; other forms
 * are left out rather than guessed. */
static char *iso_date(const char *v)
{
    size_t n = 0;
    while (v[n] && (isdigit((unsigned char)v[n]) || v[n] == '-') && n < 10)
        n++;
    if (n < 4 || !isdigit((unsigned char)v[0]) || (v[n] && v[n] != 'T' && v[n] != ' '))
        return NULL;
    return strndup(v, n);
}

static void append_author(char **authors, const char *name)
{
    strbuf sb = STRBUF_INIT;
    if (*authors)
        strbuf_printf(&sb, "%s; ", *authors);
    strbuf_puts(&sb, name);
    char *joined = strbuf_detach(&sb);
    if (joined) {
        free(*authors);
        *authors = joined;
    }
}

/* The head: citation_* (what scholarly publishers and the CRS use), then
 * Dublin Core and Open Graph, then <title>. */
static void read_head(draft *d, const xmlNode *head)
{
    char *title_tag = NULL;
    for (const xmlNode *c = head ? head->children : NULL; c; c = c->next) {
        if (name_is(c, "title") && !title_tag) {
            title_tag = dup_text(c);
            continue;
        }
        if (!name_is(c, "meta"))
            continue;
        const char *key = attribute(c, "name");
        if (!key)
            key = attribute(c, "property");
        const char *value = attribute(c, "content");
        if (!key || !value || !*value)
            continue;
        if (!strcasecmp(key, "citation_title") || !strcasecmp(key, "dc.title") ||
            !strcasecmp(key, "og:title")) {
            if (!d->title)
                d->title = strdup(value);
        } else if (!strcasecmp(key, "citation_author") || !strcasecmp(key, "author") ||
                   !strcasecmp(key, "dc.creator")) {
            append_author(&d->authors, value);
        } else if (!strcasecmp(key, "citation_publisher") ||
                   !strcasecmp(key, "dc.publisher") || !strcasecmp(key, "og:site_name")) {
            if (!d->publisher)
                d->publisher = strdup(value);
        } else if (!strcasecmp(key, "citation_publication_date") ||
                   !strcasecmp(key, "citation_date") || !strcasecmp(key, "dc.date") ||
                   !strcasecmp(key, "article:published_time")) {
            if (!d->date)
                d->date = iso_date(value);
        }
    }
    if (!d->title && title_tag && *title_tag)
        d->title = title_tag;
    else
        free(title_tag);
}

static const xmlNode *child_named(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (name_is(c, name))
            return c;
    return NULL;
}

bool ingest_read_html(const char *path, const char *bytes, size_t len, draft *out,
                      char **error)
{
    if (len > INT_MAX)
        return error_set(error, "%s: too large for the HTML parser", path);
    /* loaded once, the first time, and kept: closing it would leave
     * libxml2's own global state behind each time */
    static void *lib;
    if (!lib)
        lib = dlopen(LIBXML2_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!lib)
        return error_set(error, "%s: HTML needs libxml2 (%s), which is not installed",
                         path, LIBXML2_SONAME);
    read_memory_fn read_memory = (read_memory_fn)dlsym(lib, "htmlReadMemory");
    free_doc_fn free_doc = (free_doc_fn)dlsym(lib, "xmlFreeDoc");
    if (!read_memory || !free_doc) {
        return error_set(error, "%s: %s lacks htmlReadMemory", path, LIBXML2_SONAME);
    }
    htmlDocPtr doc = read_memory(bytes, (int)len, NULL, NULL,
                                 HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                                 HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    const xmlNode *root = NULL;
    for (const xmlNode *c = doc ? doc->children : NULL; c && !root; c = c->next)
        if (name_is(c, "html"))
            root = c;
    bool ok = true;
    if (!root) {
        ok = error_set(error, "%s: HTML without an <html> element", path);
    } else {
        html_reader r = {.d = out};
        read_head(out, child_named(root, "head"));
        bool used[7] = {false};
        heading_levels(&r, root, used, 0);
        for (int h = 1, level = 1; h <= 6; h++) {
            r.level_of[h] = level > 3 ? 3 : level;
            if (used[h])
                level++;
        }
        const xmlNode *body = child_named(root, "body");
        walk(&r, body ? body : root, 0);
        out->from_markup = true;
        if (r.failed)
            ok = error_set(error, "%s: out of memory", path);
        else if (r.text_bytes < MIN_REPORT_BYTES)
            ok = error_set(error, "%s: HTML that is not a report: %zu bytes of text in "
                           "paragraphs and lists", path, r.text_bytes);
    }
    if (doc)
        free_doc(doc);
    return ok;
}
