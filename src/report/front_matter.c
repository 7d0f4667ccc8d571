/* An edition's front matter: "---", then "key: value" lines (id, title,
 * authors, publisher, date, ...; corpus/FORMAT.md), then "---". */
#include "front_matter.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "strbuf.h"

static bool set_field(char **field, const char *value, size_t len)
{
    free(*field);
    *field = str_dup_trimmed(value, len);
    return *field != NULL;
}

bool report_id_valid(const char *id)
{
    if (!*id || strlen(id) > REPORT_ID_MAX_BYTES)
        return false;
    for (const char *p = id; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
            return false;
    return true;
}

/* A key BibTeX, RIS and pandoc's [@key] all take as it is. */
static bool valid_citekey(const char *key)
{
    for (const char *p = key; *p; p++)
        if (!isalnum((unsigned char)*p) && !strchr("-_:.", *p))
            return false;
    return true;
}

/* Where a one-line front matter field goes; NULL for a key that is not one
 * ("authors" is a list; other keys are for the reader of the file). */
static char **front_matter_field(report *rep, const char *key)
{
    const struct { const char *key; char **field; } fields[] = {
        {"id", &rep->id},         {"title", &rep->title},   {"publisher", &rep->publisher},
        {"date", &rep->date},     {"series", &rep->series}, {"url", &rep->url},
        {"place", &rep->place},   {"number", &rep->number}, {"citekey", &rep->citekey},
    };
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        if (strcmp(key, fields[i].key) == 0)
            return fields[i].field;
    return NULL;
}

bool front_matter_read(const char *path, const char *text, size_t len, report *rep,
                       size_t *body_out, unsigned *lines_out, char **error)
{
    if (len < 4 || strncmp(text, "---", 3) != 0 ||
        (text[3] != '\n' && text[3] != '\r'))
        return error_set(error,
                         "%s:1: no front matter: an edition starts with a "
                         "'---' line, then 'id:' and 'title:' lines, then '---'",
                         path);
    size_t pos = strchr(text, '\n') - text + 1;
    unsigned line = 2;
    for (;; line++) {
        if (pos >= len)
            return error_set(error, "%s:%u: front matter is not closed by '---'",
                             path, line);
        const char *eol = memchr(text + pos, '\n', len - pos);
        size_t line_len = eol ? (size_t)(eol - (text + pos)) : len - pos;
        const char *s = text + pos;
        size_t next = pos + line_len + (eol ? 1 : 0);
        if (line_len >= 3 && strncmp(s, "---", 3) == 0) {
            pos = next;
            break;
        }
        const char *colon = memchr(s, ':', line_len);
        bool blank = true;
        for (size_t i = 0; i < line_len; i++)
            if (!isspace((unsigned char)s[i]))
                blank = false;
        if (blank || s[0] == '#') {
            pos = next;
            continue;
        }
        if (!colon)
            return error_set(error, "%s:%u: front matter line is not 'key: value'",
                             path, line);
        char *key = str_dup_trimmed(s, (size_t)(colon - s));
        const char *value = colon + 1;
        size_t value_len = line_len - (size_t)(value - s);
        bool ok = key != NULL;
        char **field = ok ? front_matter_field(rep, key) : NULL;
        if (!ok) {
        } else if (field) {
            ok = set_field(field, value, value_len);
        } else if (strcmp(key, "authors") == 0) {
            const char *p = value, *end = value + value_len;
            while (ok && p < end) {
                const char *semi = memchr(p, ';', (size_t)(end - p));
                const char *stop = semi ? semi : end;
                char *name = str_dup_trimmed(p, (size_t)(stop - p));
                ok = name && (!*name || string_list_add(&rep->authors, name));
                free(name);
                p = stop + 1;
            }
        } /* other keys are kept for the reader of the file, not used */
        free(key);
        if (!ok)
            return error_set(error, "%s:%u: out of memory", path, line);
        pos = next;
    }
    if (!rep->id || !report_id_valid(rep->id))
        return error_set(error,
                         "%s: front matter needs 'id:' (letters, digits, '-', '_'; "
                         "at most %d)", path, REPORT_ID_MAX_BYTES);
    if (!rep->title || !*rep->title)
        return error_set(error, "%s: front matter needs 'title:'", path);
    if (rep->citekey && *rep->citekey && !valid_citekey(rep->citekey))
        return error_set(error,
                         "%s: front matter 'citekey:' takes letters, digits and "
                         "'-', '_', ':', '.'", path);
    *lines_out = line;
    *body_out = pos;
    return true;
}
