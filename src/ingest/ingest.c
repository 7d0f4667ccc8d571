/* Picking the reader for a file as received, and the checks every file
 * goes through first. */
#include "ingest.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "file.h"
#include "normalize.h"
#include "strbuf.h"

static bool starts_with(const char *bytes, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(bytes, prefix, n) == 0;
}

static bool blank_text(const char *bytes, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\n' &&
            bytes[i] != '\r' && bytes[i] != '\f')
            return false;
    return true;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* HTML: a doctype or an <html> tag before any text. */
static bool looks_like_html(const char *bytes, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && isspace((unsigned char)bytes[i]))
        i++;
    return (len - i >= 9 && strncasecmp(bytes + i, "<!doctype", 9) == 0) ||
           (len - i >= 5 && strncasecmp(bytes + i, "<html", 5) == 0);
}

/* Markdown: an edition already when it has front matter; otherwise the
 * front matter is added, the title taken from its first "# " heading. */
static bool markdown_edition(const char *path, const char *bytes, size_t len,
                             const char *id, char **edition_out, char **error)
{
    if (len >= 4 && memcmp(bytes, "---", 3) == 0 && (bytes[3] == '\n' || bytes[3] == '\r')) {
        *edition_out = strndup(bytes, len);
        return *edition_out || error_set(error, "%s: out of memory", path);
    }
    strbuf sb = STRBUF_INIT;
    strbuf_printf(&sb, "---\nid: %s\n", id);
    const char *title = NULL;
    size_t title_len = 0;
    for (const char *p = bytes; p && p < bytes + len;) {
        const char *nl = memchr(p, '\n', (size_t)(bytes + len - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(bytes + len - p);
        if (n > 2 && p[0] == '#' && p[1] == ' ') {
            title = p + 2;
            title_len = n - 2;
            break;
        }
        p = nl ? nl + 1 : NULL;
    }
    if (title)
        strbuf_printf(&sb, "title: %.*s\n", (int)title_len, title);
    else
        strbuf_printf(&sb, "# no title was found in the file received\ntitle: %s\n", id);
    strbuf_puts(&sb, "---\n\n");
    strbuf_append(&sb, bytes, len);
    *edition_out = strbuf_detach(&sb);
    return *edition_out || error_set(error, "%s: out of memory", path);
}

/* The draft written as an edition, and freed. */
static bool finish(draft *d, const char *path, const char *id, bool ok,
                   char **edition_out, char **error)
{
    if (ok) {
        *edition_out = ingest_write_edition(d, id);
        ok = *edition_out || error_set(error, "%s: out of memory", path);
    }
    draft_free(d);
    return ok;
}

bool ingest_derive_edition(const char *path, const char *bytes, size_t len,
                           const char *id, char **edition_out, char **error)
{
    *edition_out = NULL;
    if (blank_text(bytes, len))
        return error_set(error, "%s: empty: no text to make a report of", path);
    draft d = DRAFT_INIT;
    if (starts_with(bytes, len, "%PDF-")) {
        bool ok = ingest_read_pdf(path, bytes, len, &d, error) &&
                  ingest_analyse(&d, error);
        return finish(&d, path, id, ok, edition_out, error);
    }
    const char *nul = memchr(bytes, '\0', len);
    if (nul) {
        size_t line, col;
        file_line_col(bytes, (size_t)(nul - bytes), &line, &col);
        return error_set(error, "%s:%zu:%zu: binary data (a NUL byte), not a "
                         "report brief can read", path, line, col);
    }
    if (looks_like_html(bytes, len)) {
        /* libxml2 reads the page's own encoding */
        bool ok = ingest_read_html(path, bytes, len, &d, error) &&
                  ingest_analyse(&d, error);
        return finish(&d, path, id, ok, edition_out, error);
    }
    size_t bad;
    if (!text_utf8_valid(bytes, len, &bad)) {
        size_t line, col;
        file_line_col(bytes, bad, &line, &col);
        return error_set(error, "%s:%zu:%zu: invalid UTF-8 (byte 0x%02x)", path,
                         line, col, (unsigned char)bytes[bad]);
    }
    if (ends_with(path, ".md") || ends_with(path, ".markdown"))
        return markdown_edition(path, bytes, len, id, edition_out, error);
    bool ok = ingest_read_text(path, bytes, len, &d, error) &&
              ingest_analyse(&d, error);
    return finish(&d, path, id, ok, edition_out, error);
}
