#include "citation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

bool citation_style_parse(const char *name, citation_style *out)
{
    static const char *const names[] = {"plain", "markdown", "chicago"};
    for (int i = 0; i < 3; i++)
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
    const char *d = r->date ? r->date : "";
    int year, month;
    char tail;
    strbuf sb = STRBUF_INIT;
    if (sscanf(d, "%4d-%2d%c", &year, &month, &tail) == 2 && month >= 1 && month <= 12)
        strbuf_printf(&sb, "%s %d", months[month - 1], year);
    else
        strbuf_puts(&sb, d);
    return strbuf_detach(&sb);
}

char *citation_section(const passage *p)
{
    return string_list_join(&p->section, " > ");
}

char *citation_format(const report *r, const passage *p, citation_style style)
{
    strbuf sb = STRBUF_INIT;
    char *section = citation_section(p);
    if (!r) {
        strbuf_printf(&sb, "%s, %s", p->report, section ? section : "");
        free(section);
        return strbuf_detach(&sb);
    }
    char *authors = citation_authors(r);
    char *date = citation_date(r);
    const char *publisher = r->publisher ? r->publisher : "";
    switch (style) {
    case CITE_CHICAGO:
        /* Notes style for a report: Authors, Title (Publisher, Month Year),
         * where in it. */
        strbuf_printf(&sb, "%s, *%s* (%s, %s)", authors, r->title, publisher, date);
        if (section && *section) {
            /* A section title may end in a full stop of its own. */
            size_t n = strlen(section);
            if (n && section[n - 1] == '.')
                section[n - 1] = '\0';
            strbuf_printf(&sb, ", section \"%s.\"", section);
            if (p->page)
                strbuf_printf(&sb, ", %d.", p->page);
        } else {
            if (p->page)
                strbuf_printf(&sb, ", %d", p->page);
            strbuf_putc(&sb, '.');
        }
        break;
    case CITE_MARKDOWN:
        strbuf_printf(&sb, "%s, *%s*, %s, %s", authors, r->title, publisher, date);
        if (section && *section)
            strbuf_printf(&sb, ", %s", section);
        if (p->page)
            strbuf_printf(&sb, ", p. %d", p->page);
        strbuf_printf(&sb, " [`%s`]", p->id);
        break;
    case CITE_PLAIN:
        strbuf_printf(&sb, "%s, \"%s\", %s, %s", authors, r->title, publisher, date);
        if (section && *section)
            strbuf_printf(&sb, ", %s", section);
        if (p->page)
            strbuf_printf(&sb, ", p. %d", p->page);
        strbuf_printf(&sb, " [%s]", p->id);
        break;
    }
    free(authors);
    free(date);
    free(section);
    return strbuf_detach(&sb);
}
