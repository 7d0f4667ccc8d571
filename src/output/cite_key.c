#include "cite_record.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "normalize.h"

bool cite_format_parse(const char *name, cite_format *out)
{
    static const char *const names[] = {"bibtex", "csl-json", "ris"};
    for (int i = 0; i < 3; i++)
        if (strcmp(name, names[i]) == 0) {
            *out = (cite_format)i;
            return true;
        }
    return false;
}

const char *cite_field(const char *value)
{
    return value && *value ? value : NULL;
}

void cite_name_split(const char *name, cite_name *out)
{
    static const char *const suffixes[] = {"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"};
    snprintf(out->buf, sizeof out->buf, "%s", name ? name : "");
    out->family = out->given = out->suffix = "";
    char *end = out->buf + strlen(out->buf);
    while (end > out->buf && isspace((unsigned char)end[-1]))
        *--end = '\0';
    char *last = strrchr(out->buf, ' ');
    if (last) {
        for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++)
            if (strcmp(last + 1, suffixes[i]) == 0) {
                out->suffix = last + 1;
                *last = '\0';
                if (last > out->buf && last[-1] == ',')
                    last[-1] = '\0';
                last = strrchr(out->buf, ' ');
                break;
            }
    }
    if (!last) {
        out->family = out->buf;
        return;
    }
    *last = '\0';
    out->family = last + 1;
    out->given = out->buf;
}

void cite_date_parts(const report *r, int *year, int *month, int *day)
{
    *year = *month = *day = 0;
    const char *d = r->date ? r->date : "";
    int y = 0, m = 0, dd = 0;
    int got = sscanf(d, "%4d-%2d-%2d", &y, &m, &dd);
    if (got < 1 || y < 1 || y > 9999)
        return;
    *year = y;
    if (got >= 2 && m >= 1 && m <= 12) {
        *month = m;
        if (got == 3 && dd >= 1 && dd <= 31)
            *day = dd;
    }
}

/* Lower-case ASCII letters and digits of s, diacritics dropped. */
static void put_ascii_word(strbuf *sb, const char *s, size_t len)
{
    char *folded = text_fold(s, len, TEXT_FOLD_CASE);
    for (const char *p = folded; p && *p; p++)
        if (isalnum((unsigned char)*p))
            strbuf_putc(sb, *p);
    free(folded);
}

static bool is_minor_word(const char *w, size_t len)
{
    static const char *const minor[] = {"a", "an", "the", "of", "on", "in", "for",
                                        "and", "to", "at", "by", "with"};
    for (size_t i = 0; i < sizeof minor / sizeof *minor; i++)
        if (strlen(minor[i]) == len && strncasecmp(w, minor[i], len) == 0)
            return true;
    return false;
}

/* The title's first word that is not an article or a preposition. */
static void put_title_word(strbuf *sb, const char *title)
{
    const char *p = title ? title : "";
    while (*p) {
        while (*p && !isalnum((unsigned char)*p) && !((unsigned char)*p & 0x80))
            p++;
        const char *w = p;
        while (*p && (isalnum((unsigned char)*p) || ((unsigned char)*p & 0x80)))
            p++;
        if (p > w && !is_minor_word(w, (size_t)(p - w))) {
            put_ascii_word(sb, w, (size_t)(p - w));
            return;
        }
    }
}

char *cite_key(const report *r)
{
    if (cite_field(r->citekey))
        return strdup(r->citekey);
    strbuf sb = STRBUF_INIT;
    if (r->authors.count) {
        cite_name name;
        cite_name_split(r->authors.items[0], &name);
        put_ascii_word(&sb, name.family, strlen(name.family));
    }
    int year, month, day;
    cite_date_parts(r, &year, &month, &day);
    if (year)
        strbuf_printf(&sb, "%d", year);
    put_title_word(&sb, r->title);
    if (sb.len && isalpha((unsigned char)sb.data[0]))
        return strbuf_detach(&sb);
    strbuf_free(&sb);
    return strdup(r->id);
}
