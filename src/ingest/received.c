/* Received files: their names in a report folder, report ids made of
 * names, and reading one into an edition. */
#include "ingest.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file.h"

#define INGEST_MAX_FILE_BYTES ((size_t)256 << 20)
#define ID_MAX_BYTES 40

bool ingest_is_received_name(const char *name)
{
    static const char *const names[] = {"received.txt", "received.md", "received.html",
                                        "received.htm", "received.pdf", NULL};
    for (size_t i = 0; names[i]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

char *ingest_id_from_name(const char *name)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    char *id = malloc(ID_MAX_BYTES + 1);
    if (!id)
        return NULL;
    size_t n = 0;
    bool dash = false;
    for (size_t i = 0; i < len && n < ID_MAX_BYTES; i++) {
        unsigned char c = (unsigned char)base[i];
        if (isalnum(c)) {
            if (dash && n)
                id[n++] = '-';
            if (n < ID_MAX_BYTES)
                id[n++] = (char)tolower(c);
            dash = false;
        } else {
            dash = true;
        }
    }
    if (n == 0)
        memcpy(id, "report", (n = 6));
    id[n] = '\0';
    return id;
}

bool ingest_derive_file(const char *path, const char *id, char **edition_out,
                        char **error)
{
    char *bytes = NULL;
    size_t len = 0;
    *edition_out = NULL;
    if (!file_read_all(path, INGEST_MAX_FILE_BYTES, &bytes, &len, error))
        return false;
    bool ok = ingest_derive_edition(path, bytes, len, id, edition_out, error);
    free(bytes);
    return ok;
}

void ingest_hash(const char *bytes, size_t len, char out[17])
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)bytes[i];
        h *= 1099511628211ULL;
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}
