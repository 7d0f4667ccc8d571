/* The gazetteer: the agencies, generic actors and organizations a report
 * may name, and the matcher that finds them in a passage. */
#ifndef BRIEF_GAZETTEER_H
#define BRIEF_GAZETTEER_H

#include <stdbool.h>
#include <stddef.h>

#include "list.h"
#include "passage.h"

typedef enum entity_type {
    ENTITY_AGENCY,
    ENTITY_ACTOR,
    ENTITY_ORGANIZATION
} entity_type;

typedef struct gazetteer_entry {
    entity_type type;
    char *canonical;
    char *country;
    char *parent;          /* canonical name of the parent body, or NULL */
    string_list aliases;   /* as written in reports; canonical included */
    string_list typed;     /* what users also call it (DoD, Pentagon): the
                              filters accept these, the text is never
                              matched against them */
} gazetteer_entry;

typedef struct alias_ref {
    const char *text;      /* borrowed from the entry */
    size_t len;
    size_t entry;
} alias_ref;

typedef struct gazetteer {
    gazetteer_entry *entries;
    size_t count;
    alias_ref *aliases;    /* longest first, for the matcher */
    size_t alias_count;
    size_t first[257];     /* aliases[first[c]..first[c+1]) start with c */
} gazetteer;

#define GAZETTEER_INIT {NULL, 0, NULL, 0, {0}}

/* Parses the tab-separated gazetteer (corpus/agencies.tsv); source names it
 * in messages.  Checks that every parent exists and that no alias or typed
 * name names two entries, even as gazetteer_lookup compares them. */
bool gazetteer_parse(const char *text, const char *source, gazetteer *out,
                     char **error);
void gazetteer_free(gazetteer *g);

/* Tags p with the entries its text names (longest match wins, matches do
 * not overlap, ’ and ' alike, an alias may be followed by 's). */
bool gazetteer_tag(const gazetteer *g, passage *p);

/* The entry a user means by name: its canonical name, an alias or a typed
 * name, compared in any case, without full stops (UN = U.N.), hyphens as
 * spaces, with or without a leading "the".  A country prefix (U.S., US,
 * United States; ROK, South Korean, Korean) may be left out or added when
 * that names one entry only: "U.S. State Department", "Space Command",
 * "Korean Ministry of Foreign Affairs".  NULL if none, or if the name could
 * be two entries ("government"). */
const gazetteer_entry *gazetteer_lookup(const gazetteer *g, const char *name);
/* The entry whose canonical name is exactly name, or NULL. */
const gazetteer_entry *gazetteer_get(const gazetteer *g, const char *canonical);

const char *entity_type_name(entity_type type);

#endif
