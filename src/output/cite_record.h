/* Citation records: what a reference manager or pandoc reads about a
 * report (BibTeX, CSL-JSON, RIS), and the parts they are made of. */
#ifndef BRIEF_CITE_RECORD_H
#define BRIEF_CITE_RECORD_H

#include <jansson.h>
#include <stdbool.h>

#include "passage.h"
#include "report.h"
#include "strbuf.h"

typedef enum cite_format {
    CITE_FORMAT_BIBTEX,
    CITE_FORMAT_CSL_JSON,
    CITE_FORMAT_RIS
} cite_format;

bool cite_format_parse(const char *name, cite_format *out);

/* The report's citation key: its front matter's citekey, else the first
 * author's family name, the year and the title's first significant word,
 * in lower-case ASCII ("lee2020renew"); the report id when those give
 * nothing.  Stable: it depends on the front matter alone (malloc()ed). */
char *cite_key(const report *r);

/* A name split for the record formats: "Kristine Lee" -> family "Lee",
 * given "Kristine"; "Martin Luther King Jr." -> family "King", given
 * "Martin Luther", suffix "Jr.".  Pointers into buf. */
typedef struct cite_name {
    char buf[512];
    const char *family, *given, *suffix;
} cite_name;
void cite_name_split(const char *name, cite_name *out);

/* The date's parts: year, month (0 when not given) and day (0). */
void cite_date_parts(const report *r, int *year, int *month, int *day);

/* An optional field: NULL when absent or empty. */
const char *cite_field(const char *value);

/* The structured citation of passage p (every result's "cite" object):
 * key, authors, title, publisher, place, date, url, number, section,
 * section_title, id. */
json_t *cite_json(const report *r, const passage *p);

/* The record of report r, appended to sb. */
void cite_bibtex(strbuf *sb, const report *r);
json_t *cite_csl_json(const report *r);
void cite_ris(strbuf *sb, const report *r);

#endif
