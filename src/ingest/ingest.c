/* Picking the reader for a file as received, and the checks every file
 * goes through first. */
#include "ingest.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "file.h"
#include "normalize.h"

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

bool ingest_derive_edition(const char *path, const char *bytes, size_t len,
                           const char *id, char **edition_out, char **error)
{
    *edition_out = NULL;
    if (blank_text(bytes, len))
        return error_set(error, "%s: empty: no text to make a report of", path);
    if (starts_with(bytes, len, "%PDF-"))
        return error_set(error, "%s: a PDF: this brief reads text, Markdown and "
                         "editions only (extract the text with pdftotext -layout)",
                         path);
    const char *nul = memchr(bytes, '\0', len);
    if (nul) {
        size_t line, col;
        file_line_col(bytes, (size_t)(nul - bytes), &line, &col);
        return error_set(error, "%s:%zu:%zu: binary data (a NUL byte), not a "
                         "report brief can read", path, line, col);
    }
    size_t bad;
    if (!text_utf8_valid(bytes, len, &bad)) {
        size_t line, col;
        file_line_col(bytes, bad, &line, &col);
        return error_set(error, "%s:%zu:%zu: invalid UTF-8 (byte 0x%02x)", path,
                         line, col, (unsigned char)bytes[bad]);
    }
    draft d = DRAFT_INIT;
    bool ok = ingest_read_text(path, bytes, len, &d, error) &&
              ingest_analyse(&d, error);
    if (ok) {
        *edition_out = ingest_write_edition(&d, id);
        ok = *edition_out || error_set(error, "%s: out of memory", path);
    }
    draft_free(&d);
    return ok;
}
