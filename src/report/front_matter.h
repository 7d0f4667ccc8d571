/* An edition's front matter, read into a report's metadata. */
#ifndef BRIEF_FRONT_MATTER_H
#define BRIEF_FRONT_MATTER_H

#include <stdbool.h>
#include <stddef.h>

#include "report.h"

/* Reads "---\nkey: value\n...\n---\n" at the start of text[0..len) into
 * rep's metadata; *body_out is where the body starts and *lines_out the
 * number of lines before it.  The error names path and the line. */
bool front_matter_read(const char *path, const char *text, size_t len, report *rep,
                       size_t *body_out, unsigned *lines_out, char **error);

#endif
