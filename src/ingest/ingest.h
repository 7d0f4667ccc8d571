/* Taking a report as received: a reader per format (text as extracted from
 * a PDF, for now) fills a draft, one structure analysis finds sections,
 * kinds, recommendations and pillars, and the draft is written as an
 * edition in corpus/FORMAT.md's format, for a person to read and correct. */
#ifndef BRIEF_INGEST_H
#define BRIEF_INGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "draft.h"

/* The reader for plain text (what pdftotext and copy-paste give): pages,
 * running headers and page numbers, paragraphs, headings, list items, drop
 * caps.  path names the file in messages. */
bool ingest_read_text(const char *path, const char *text, size_t len,
                      draft *out, char **error);

/* The same for text whose layout a reader knows: info[i] describes line
 * i of text (info_count lines). */
bool ingest_read_lines(const char *path, const char *text, size_t len,
                       const line_info *info, size_t info_count, draft *out,
                       char **error);

/* The reader for PDF (poppler-glib, loaded when needed): text in reading
 * order with positions and fonts, pages, headings by size and weight,
 * running headers, page numbers and footnote text left out. */
bool ingest_read_pdf(const char *path, const char *bytes, size_t len,
                     draft *out, char **error);

/* The reader for HTML (libxml2's HTML parser, loaded when needed):
 * h1-h6, p, li, blockquote, figcaption; the head's metadata.  False for
 * HTML that is no report (too little text in paragraphs and lists). */
bool ingest_read_html(const char *path, const char *bytes, size_t len,
                      draft *out, char **error);

/* The analysis every reader's draft goes through: captions, paragraphs
 * rejoined across page breaks and figures, pull quotes, section levels,
 * forewords, pillars, recommendation headlines and bullets. */
bool ingest_analyse(draft *d, char **error);

/* The edition (front matter with id, then Markdown with brief
 * directives), malloc()ed; NULL on allocation failure. */
char *ingest_write_edition(const draft *d, const char *id);

/* All of it: the edition of a received file (bytes[0..len), named path),
 * picking the reader by content.  False with a one-line message naming the
 * file when it is not a report brief can read. */
bool ingest_derive_edition(const char *path, const char *bytes, size_t len,
                           const char *id, char **edition_out, char **error);

/* A received file's name in a report folder: "received.txt", ".md",
 * ".html", ".htm" or ".pdf". */
bool ingest_is_received_name(const char *name);

/* A report id made of a file or folder name: lower-case letters, digits
 * and '-', at most 40 bytes ("Renew ROK 2020.pdf" -> "renew-rok-2020");
 * "report" when nothing is left.  malloc()ed, NULL on allocation failure. */
char *ingest_id_from_name(const char *name);

/* Reads the file at path and derives its edition (ingest_derive_edition). */
bool ingest_derive_file(const char *path, const char *id, char **edition_out,
                        char **error);

/* FNV-1a of bytes, as 16 hex digits in out: how brief knows whether an
 * edition is still the one it wrote. */
void ingest_hash(const char *bytes, size_t len, char out[17]);

#endif
