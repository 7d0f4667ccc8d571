/* A quotation as analysts write it: literal pieces of the report's text,
 * between the marks that stand for what they changed.  An ellipsis (…,
 * ..., . . ., […]) stands for words left out, anywhere further on; a
 * bracketed text ([Washington], [W]ashington) for words inserted or
 * changed, in place of at most VERIFY_BRACKET_SPAN characters. */
#ifndef BRIEF_VERIFY_PATTERN_H
#define BRIEF_VERIFY_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

#define VERIFY_BRACKET_SPAN 80

typedef enum verify_gap {
    VERIFY_GAP_NONE,
    VERIFY_GAP_ELLIPSIS,
    VERIFY_GAP_BRACKET
} verify_gap;

typedef struct verify_piece {
    const char *text;      /* into the pattern's text; not NUL-ended */
    size_t len;
    verify_gap gap_before; /* the mark before it (NONE for a first piece
                              the quotation starts with) */
    bool word_before;      /* a space parted it from the mark before: it
                              starts a word */
    bool word_after;       /* a space parted it from the mark after */
    bool gap_after;        /* a mark follows it */
} verify_piece;

typedef struct verify_pattern {
    char *text;            /* the normalised quotation (verify_normalise) */
    verify_piece *pieces;
    size_t count;
    unsigned ellipses;     /* omissions marked */
    unsigned brackets;     /* insertions or changes marked */
    size_t literal_len;    /* bytes in all pieces */
} verify_pattern;

/* Splits a normalised quotation; false only when memory ran out.  A
 * quotation of marks alone has no pieces. */
bool verify_pattern_parse(char *normalised, verify_pattern *out);
void verify_pattern_free(verify_pattern *p);

#endif
