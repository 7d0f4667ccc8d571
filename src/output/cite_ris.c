/* RIS: the tagged format EndNote, Zotero and Mendeley import. */
#include "cite_record.h"

#include <stdlib.h>

static void put_tag(strbuf *sb, const char *tag, const char *value)
{
    if (!cite_field(value))
        return;
    strbuf_printf(sb, "%s  - ", tag);
    for (const char *p = value; *p; p++)
        strbuf_putc(sb, *p == '\n' || *p == '\r' ? ' ' : *p);
    strbuf_putc(sb, '\n');
}

void cite_ris(strbuf *sb, const report *r)
{
    strbuf_puts(sb, "TY  - RPRT\n");
    char *key = cite_key(r);
    put_tag(sb, "ID", key);
    free(key);
    for (size_t i = 0; i < r->authors.count; i++) {
        cite_name n;
        cite_name_split(r->authors.items[i], &n);
        strbuf sb_name = STRBUF_INIT;
        strbuf_puts(&sb_name, n.family);
        if (*n.given)
            strbuf_printf(&sb_name, ", %s", n.given);
        if (*n.suffix)
            strbuf_printf(&sb_name, ", %s", n.suffix);
        put_tag(sb, "AU", strbuf_str(&sb_name));
        strbuf_free(&sb_name);
    }
    /* RIS's tags for the report's plain fields, in the order RIS lists them. */
    const struct { const char *tag, *value; } fields[] = {
        {"TI", r->title}, {"T3", r->series},  {"PB", r->publisher},
        {"CY", r->place}, {"SN", r->number},
    };
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        put_tag(sb, fields[i].tag, fields[i].value);
    int year, month, day;
    cite_date_parts(r, &year, &month, &day);
    if (year) {
        strbuf_printf(sb, "PY  - %d\n", year);
        strbuf_printf(sb, "DA  - %04d/", year);
        if (month)
            strbuf_printf(sb, "%02d/", month);
        else
            strbuf_putc(sb, '/');
        if (day)
            strbuf_printf(sb, "%02d/", day);
        else
            strbuf_putc(sb, '/');
        strbuf_putc(sb, '\n');
    }
    put_tag(sb, "UR", r->url);
    strbuf_puts(sb, "ER  - \n");
}
