/* BibTeX: a @techreport entry (biblatex reads it as @report). */
#include "cite_record.h"

#include <stdlib.h>
#include <string.h>

/* Characters TeX would read as commands, escaped; the rest (UTF-8 too) as
 * it is, which biber and BibTeX with inputenc take. */
static void put_escaped(strbuf *sb, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': case '%': case '$': case '#': case '_': case '{': case '}':
            strbuf_putc(sb, '\\');
            strbuf_putc(sb, *s);
            break;
        case '~': strbuf_puts(sb, "\\textasciitilde{}"); break;
        case '^': strbuf_puts(sb, "\\textasciicircum{}"); break;
        case '\\': strbuf_puts(sb, "\\textbackslash{}"); break;
        case '\n': case '\r': case '\t': strbuf_putc(sb, ' '); break;
        default: strbuf_putc(sb, *s);
        }
    }
}

static void put_field(strbuf *sb, const char *name, const char *value, bool protect)
{
    if (!cite_field(value))
        return;
    strbuf_printf(sb, ",\n  %-11s = {%s", name, protect ? "{" : "");
    put_escaped(sb, value);
    strbuf_puts(sb, protect ? "}}" : "}");
}

static void put_authors(strbuf *sb, const report *r)
{
    if (!r->authors.count)
        return;
    strbuf_printf(sb, ",\n  %-11s = {", "author");
    for (size_t i = 0; i < r->authors.count; i++) {
        cite_name n;
        cite_name_split(r->authors.items[i], &n);
        if (i)
            strbuf_puts(sb, " and ");
        put_escaped(sb, n.family);
        if (*n.suffix) {
            strbuf_puts(sb, ", ");
            put_escaped(sb, n.suffix);
        }
        if (*n.given) {
            strbuf_puts(sb, ", ");
            put_escaped(sb, n.given);
        }
    }
    strbuf_putc(sb, '}');
}

void cite_bibtex(strbuf *sb, const report *r)
{
    static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    char *key = cite_key(r);
    strbuf_printf(sb, "@techreport{%s", key ? key : r->id);
    put_authors(sb, r);
    /* Double braces keep the title's capitals as the report prints them. */
    put_field(sb, "title", r->title, true);
    put_field(sb, "institution", r->publisher, false);
    put_field(sb, "address", r->place, false);
    put_field(sb, "type", "Report", false);
    put_field(sb, "number", r->number, false);
    put_field(sb, "series", r->series, false);
    int year, month, day;
    cite_date_parts(r, &year, &month, &day);
    if (year)
        strbuf_printf(sb, ",\n  %-11s = {%d}", "year", year);
    if (month)
        strbuf_printf(sb, ",\n  %-11s = %s", "month", months[month - 1]);
    put_field(sb, "url", r->url, false);
    strbuf_puts(sb, "\n}\n");
    free(key);
}
