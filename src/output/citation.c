#include "citation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cite_record.h"
#include "strbuf.h"

bool citation_style_parse(const char *name, citation_style *out)
{
    static const char *const names[] = {"plain", "markdown", "chicago", "pandoc"};
    for (int i = 0; i < 4; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (citation_style)i;
            return true;
        }
    return false;
}

char *citation_authors(const report *r)
{
    strbuf sb = STRBUF_INIT;
    size_t n = r->authors.count;
    for (size_t i = 0; i < n; i++) {
        if (i && n > 2)
            strbuf_puts(&sb, ", ");
        else if (i)
            strbuf_puts(&sb, " ");
        if (i && i == n - 1)
            strbuf_puts(&sb, "and ");
        strbuf_puts(&sb, r->authors.items[i]);
    }
    return strbuf_detach(&sb);
}

char *citation_date(const report *r)
{
    static const char *const months[] = {"January", "February", "March", "April",
                                         "May", "June", "July", "August",
                                         "September", "October", "November",
                                         "December"};
    int year, month, day;
    cite_date_parts(r, &year, &month, &day);
    strbuf sb = STRBUF_INIT;
    if (month && day)
        strbuf_printf(&sb, "%s %d, %d", months[month - 1], day, year);
    else if (month)
        strbuf_printf(&sb, "%s %d", months[month - 1], year);
    else
        strbuf_puts(&sb, r->date ? r->date : "");
    return strbuf_detach(&sb);
}

char *citation_section(const passage *p)
{
    return string_list_join(&p->section, " > ");
}

const char *citation_section_title(const passage *p)
{
    if (p->kind == PASSAGE_HEADING && p->title)
        return p->title;
    size_t n = p->section.count;
    /* A bullet's last step is its headline's sentence, not a section. */
    if (p->kind == PASSAGE_BULLET && n >= 2)
        return p->section.items[n - 2];
    return n ? p->section.items[n - 1] : NULL;
}

/* Text that goes inside curly double quotes: its own double quotes made
 * single, as a quotation inside a quotation. */
static void put_quoted(strbuf *sb, const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (i + 2 < len && strncmp(text + i, "“", 3) == 0) {
            strbuf_puts(sb, "‘");
            i += 2;
        } else if (i + 2 < len && strncmp(text + i, "”", 3) == 0) {
            strbuf_puts(sb, "’");
            i += 2;
        } else {
            strbuf_putc(sb, text[i]);
        }
    }
}

/* The section's title without a full stop of its own, in curly quotes,
 * with `inside` (a comma, for Chicago) before the closing one. */
static void put_section(strbuf *sb, const passage *p, const char *inside)
{
    const char *title = citation_section_title(p);
    if (!title || !*title)
        return;
    size_t n = strlen(title);
    if (title[n - 1] == '.')
        n--;
    strbuf_puts(sb, "sec. “");
    put_quoted(sb, title, n);
    strbuf_printf(sb, "%s” ", inside);
}

/* Chicago notes-bibliography, a report (CMOS 14.220): Authors, *Title*
 * (Place: Publisher, Month Year), sec. “Section,” locator, URL. */
static void format_chicago(strbuf *sb, const report *r, const passage *p,
                           const char *authors, const char *date)
{
    if (*authors)
        strbuf_printf(sb, "%s, ", authors);
    strbuf_printf(sb, "*%s* (", r->title);
    if (cite_field(r->place))
        strbuf_printf(sb, "%s: ", r->place);
    if (cite_field(r->publisher))
        strbuf_printf(sb, "%s, ", r->publisher);
    strbuf_printf(sb, "%s), ", date);
    put_section(sb, p, ",");
    strbuf_puts(sb, p->id);
    if (p->page)   /* the page the PDF printed it on: the locator, last */
        strbuf_printf(sb, ", %d", p->page);
    if (cite_field(r->url))
        strbuf_printf(sb, ", %s", r->url);
    strbuf_putc(sb, '.');
}

/* Plain and Markdown: Authors, “Title” (or *Title*), Publisher, Date,
 * sec. “Section” [id]. */
static void format_simple(strbuf *sb, const report *r, const passage *p,
                          const char *authors, const char *date, bool markdown)
{
    if (*authors)
        strbuf_printf(sb, "%s, ", authors);
    if (markdown) {
        strbuf_printf(sb, "*%s*, ", r->title);
    } else {
        strbuf_puts(sb, "“");
        put_quoted(sb, r->title, strlen(r->title));
        strbuf_puts(sb, "”, ");
    }
    if (cite_field(r->publisher))
        strbuf_printf(sb, "%s, ", r->publisher);
    strbuf_printf(sb, "%s, ", date);
    put_section(sb, p, "");
    if (p->page) {
        if (sb->len && sb->data[sb->len - 1] == ' ')
            strbuf_truncate(sb, sb->len - 1);
        strbuf_printf(sb, ", p. %d ", p->page);
    }
    if (cite_field(r->url))
        strbuf_printf(sb, "%s ", r->url);
    strbuf_printf(sb, "[%s]", p->id);
}

/* The passage's id without its report's (the key names the report), with
 * its hyphens made non-breaking (U+2011): citeproc reads a locator with
 * "-" as a range ("secs. rec–p4.1.1"), and pandoc 2.17 keeps the braces
 * that should protect it. */
static void put_pandoc_locator(strbuf *sb, const passage *p)
{
    size_t n = strlen(p->report);
    const char *id = strncmp(p->id, p->report, n) == 0 && p->id[n] == ':' ? p->id + n + 1
                                                                          : p->id;
    for (; *id; id++) {
        if (*id == '-')
            strbuf_puts(sb, "\u2011");
        else
            strbuf_putc(sb, *id);
    }
}

char *citation_format(const report *r, const passage *p, citation_style style)
{
    strbuf sb = STRBUF_INIT;
    if (style == CITE_PANDOC) {
        char *key = r ? cite_key(r) : NULL;
        strbuf_printf(&sb, "[@%s, sec. ", key ? key : p->report);
        put_pandoc_locator(&sb, p);
        strbuf_putc(&sb, ']');
        free(key);
        return strbuf_detach(&sb);
    }
    if (!r) {
        char *section = citation_section(p);
        strbuf_printf(&sb, "%s, %s [%s]", p->report, section ? section : "", p->id);
        free(section);
        return strbuf_detach(&sb);
    }
    char *authors = citation_authors(r);
    char *date = citation_date(r);
    if (style == CITE_CHICAGO)
        format_chicago(&sb, r, p, authors ? authors : "", date ? date : "");
    else
        format_simple(&sb, r, p, authors ? authors : "", date ? date : "",
                      style == CITE_MARKDOWN);
    free(authors);
    free(date);
    return strbuf_detach(&sb);
}
