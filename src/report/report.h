/* A report: its metadata and its passages in reading order. */
#ifndef BRIEF_REPORT_H
#define BRIEF_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "list.h"
#include "passage.h"

typedef struct report {
    char *id;              /* short, prefixes passage ids */
    char *title;
    string_list authors;
    char *publisher;
    char *date;            /* as written: "2020-11" */
    char *series;          /* may be NULL */
    /* Optional, for citation records (NULL when the edition has none): */
    char *url;             /* where the report is published */
    char *place;           /* the publisher's place: "Washington, DC" */
    char *number;          /* the report's number in its series */
    char *citekey;         /* a citation key chosen by the edition */
    char *source;          /* the edition's path */
    char *content_hash;    /* of the edition's bytes, hex */
    passage *passages;
    size_t count;
} report;

/* Report and section ids: a passage id (report:section-N.N) is a Xapian
 * term, and a term may not exceed 245 bytes. */
#define REPORT_ID_MAX_BYTES 64
/* An id of 1 to REPORT_ID_MAX_BYTES letters, digits, '-' and '_'. */
bool report_id_valid(const char *id);

/* Reads an edition (see corpus/FORMAT.md) from text[0..len); path names it
 * in messages ("report.md:12: ...").  On failure *out is left empty. */
bool report_read_edition(const char *path, const char *text, size_t len,
                         report *out, char **error);

/* A passage by id (exact), or NULL. */
const passage *report_find(const report *r, const char *id);

void report_free(report *r);

#endif
