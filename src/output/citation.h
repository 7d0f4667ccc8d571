/* Citations: what a quoted passage carries into a brief. */
#ifndef BRIEF_CITATION_H
#define BRIEF_CITATION_H

#include "passage.h"
#include "report.h"

typedef enum citation_style {
    CITE_PLAIN,
    CITE_MARKDOWN,
    CITE_CHICAGO,
    CITE_PANDOC     /* [@key, sec. id], for pandoc --citeproc */
} citation_style;

bool citation_style_parse(const char *name, citation_style *out);

/* "Kristine Lee, Joshua Fitt, and Coby Goldberg" (malloc()ed). */
char *citation_authors(const report *r);
/* "November 2020" from "2020-11" (malloc()ed; the date as written if it is
 * not YYYY-MM). */
char *citation_date(const report *r);
/* "Policy Recommendations ... > Pillar 4: ... > Move away ..." */
char *citation_section(const passage *p);
/* The title of the section a passage stands in: its own for a heading,
 * the heading above a recommendation bullet, not the headline (static,
 * or NULL at the top of a report). */
const char *citation_section_title(const passage *p);
/* The full citation of passage p of report r (r may be NULL). */
char *citation_format(const report *r, const passage *p, citation_style style);

#endif
