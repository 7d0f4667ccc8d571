#include "gazetteer.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "strbuf.h"

const char *entity_type_name(entity_type type)
{
    switch (type) {
    case ENTITY_AGENCY: return "agency";
    case ENTITY_ACTOR: return "actor";
    case ENTITY_ORGANIZATION: return "organization";
    }
    return "unknown";
}

static bool parse_type(const char *s, entity_type *out)
{
    for (int t = ENTITY_AGENCY; t <= ENTITY_ORGANIZATION; t++)
        if (strcmp(s, entity_type_name((entity_type)t)) == 0) {
            *out = (entity_type)t;
            return true;
        }
    return false;
}

/* ’ becomes ' so that aliases and text compare alike; a new string. */
static char *straighten(const char *s)
{
    strbuf sb = STRBUF_INIT;
    for (const char *p = s; *p; p++) {
        if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
            ((unsigned char)p[2] == 0x99 || (unsigned char)p[2] == 0x98)) {
            strbuf_putc(&sb, '\'');
            p += 2;
        } else {
            strbuf_putc(&sb, *p);
        }
    }
    return strbuf_detach(&sb);
}

static void entry_free(gazetteer_entry *e)
{
    free(e->canonical);
    free(e->country);
    free(e->parent);
    string_list_free(&e->aliases);
    string_list_free(&e->typed);
}

void gazetteer_free(gazetteer *g)
{
    for (size_t i = 0; i < g->count; i++)
        entry_free(&g->entries[i]);
    free(g->entries);
    free(g->aliases);
    *g = (gazetteer)GAZETTEER_INIT;
}

/* Grouped by first byte, longest first within a group: the matcher looks
 * only at the aliases that can start where it stands. */
static int by_first_byte_then_length(const void *a, const void *b)
{
    const alias_ref *x = a, *y = b;
    unsigned char fx = (unsigned char)x->text[0], fy = (unsigned char)y->text[0];
    if (fx != fy)
        return fx < fy ? -1 : 1;
    if (x->len != y->len)
        return x->len < y->len ? 1 : -1;
    return strcmp(x->text, y->text);
}

/* Splits a line into at most n tab-separated fields (copies). */
static int split_tabs(const char *line, size_t len, char **fields, int n)
{
    int count = 0;
    const char *p = line, *end = line + len;
    while (count < n) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        const char *stop = tab ? tab : end;
        size_t flen = (size_t)(stop - p);
        while (flen && (p[flen - 1] == '\r' || p[flen - 1] == ' '))
            flen--;
        fields[count] = malloc(flen + 1);
        if (!fields[count])
            return -1;
        memcpy(fields[count], p, flen);
        fields[count][flen] = '\0';
        count++;
        if (!tab)
            break;
        p = tab + 1;
    }
    return count;
}

static bool build_alias_index(gazetteer *g, const char *source, char **error)
{
    size_t n = 0;
    for (size_t i = 0; i < g->count; i++)
        n += g->entries[i].aliases.count;
    g->aliases = calloc(n ? n : 1, sizeof(alias_ref));
    if (!g->aliases)
        return error_set(error, "%s: out of memory", source);
    for (size_t i = 0; i < g->count; i++)
        for (size_t j = 0; j < g->entries[i].aliases.count; j++) {
            const char *a = g->entries[i].aliases.items[j];
            g->aliases[g->alias_count++] = (alias_ref){a, strlen(a), i};
        }
    qsort(g->aliases, g->alias_count, sizeof(alias_ref),
          by_first_byte_then_length);
    for (int c = 0; c <= 256; c++)
        g->first[c] = 0;
    for (size_t i = 0; i < g->alias_count; i++)
        g->first[(unsigned char)g->aliases[i].text[0] + 1] = i + 1;
    for (int c = 1; c <= 256; c++) /* first[c]..first[c+1]: aliases of byte c */
        if (g->first[c] < g->first[c - 1])
            g->first[c] = g->first[c - 1];
    for (size_t i = 1; i < g->alias_count; i++) {
        const alias_ref *a = &g->aliases[i - 1], *b = &g->aliases[i];
        if (a->len == b->len && strcmp(a->text, b->text) == 0 && a->entry != b->entry)
            return error_set(error, "%s: alias '%s' names both '%s' and '%s'",
                             source, a->text, g->entries[a->entry].canonical,
                             g->entries[b->entry].canonical);
    }
    return true;
}

/* type, canonical, country, parent, aliases and (optional) typed names. */
#define FIELDS_MAX 6

/* Adds the |-separated names of field to list (’ as '; each once). */
static bool add_names(string_list *list, char *field)
{
    bool ok = true;
    for (char *a = field; ok && a && *a;) {
        char *bar = strchr(a, '|');
        if (bar)
            *bar = '\0';
        char *name = straighten(a);
        ok = name && (!*name || string_list_add_unique(list, name));
        free(name);
        a = bar ? bar + 1 : NULL;
    }
    return ok;
}

/* ---- names as users type them ------------------------------------------ */

/* A name as gazetteer_lookup compares it: ’ as ', ASCII letters in lower
 * case, no full stops (U.N. = UN), hyphens and runs of white space as one
 * space, no leading "the ".  A new string; NULL when out of memory. */
static char *lookup_key(const char *name)
{
    char *straight = straighten(name);
    if (!straight)
        return NULL;
    strbuf sb = STRBUF_INIT;
    bool space = false;
    for (const char *p = straight; *p; p++) {
        char c = *p;
        if (c == '.')
            continue;
        if (c == '-' || isspace((unsigned char)c)) {
            space = sb.len > 0;
            continue;
        }
        if (space)
            strbuf_putc(&sb, ' ');
        space = false;
        strbuf_putc(&sb, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
    }
    free(straight);
    char *key = strbuf_detach(&sb);
    if (key && strncmp(key, "the ", 4) == 0)
        memmove(key, key + 4, strlen(key + 4) + 1);
    return key;
}

/* The country prefixes a user may add or leave out, as lookup keys, and
 * the country each stands for.  "korea " is not one: Korea Aerospace
 * Research Institute is a name, not a prefix and a name. */
static const struct {
    const char *key;
    int country;
} country_prefixes[] = {
    {"united states ", 1}, {"us ", 1},
    {"republic of korea ", 2}, {"south korean ", 2}, {"south korea ", 2},
    {"rok ", 2}, {"korean ", 2},
};

/* The country of key's prefix (0: none); *rest is the key after it. */
static int country_of(const char *key, const char **rest)
{
    for (size_t i = 0; i < sizeof country_prefixes / sizeof *country_prefixes; i++) {
        size_t n = strlen(country_prefixes[i].key);
        if (strncmp(key, country_prefixes[i].key, n) == 0 && key[n]) {
            *rest = key + n;
            return country_prefixes[i].country;
        }
    }
    *rest = key;
    return 0;
}

/* Every name of an entry a user may type: its aliases, then its typed
 * names. */
static size_t name_count(const gazetteer_entry *e)
{
    return e->aliases.count + e->typed.count;
}

static const char *name_at(const gazetteer_entry *e, size_t i)
{
    return i < e->aliases.count ? e->aliases.items[i]
                                : e->typed.items[i - e->aliases.count];
}

typedef struct keyed_name {
    char *key;
    const char *name;
    size_t entry;
} keyed_name;

static int by_key(const void *a, const void *b)
{
    return strcmp(((const keyed_name *)a)->key, ((const keyed_name *)b)->key);
}

/* No two entries may share a name as gazetteer_lookup compares names:
 * "UN" typed for one and "U.N." written for another would make the filter
 * pick one silently. */
static bool check_typed_names(const gazetteer *g, const char *source, char **error)
{
    size_t n = 0;
    for (size_t i = 0; i < g->count; i++)
        n += name_count(&g->entries[i]);
    keyed_name *names = calloc(n ? n : 1, sizeof *names);
    if (!names)
        return error_set(error, "%s: out of memory", source);
    size_t filled = 0;
    bool ok = true;
    for (size_t i = 0; ok && i < g->count; i++)
        for (size_t j = 0; ok && j < name_count(&g->entries[i]); j++) {
            const char *name = name_at(&g->entries[i], j);
            names[filled] = (keyed_name){lookup_key(name), name, i};
            ok = names[filled++].key != NULL;
        }
    if (!ok)
        error_set(error, "%s: out of memory", source);
    for (size_t i = 0; ok && i < filled; i++)
        if (!*names[i].key)   /* "." or "-": nothing a user could type */
            ok = error_set(error, "%s: the name '%s' of '%s' has nothing to type",
                           source, names[i].name, g->entries[names[i].entry].canonical);
    if (ok)
        qsort(names, filled, sizeof *names, by_key);
    for (size_t i = 1; ok && i < filled; i++) {
        const keyed_name *a = &names[i - 1], *b = &names[i];
        if (a->entry != b->entry && strcmp(a->key, b->key) == 0)
            ok = error_set(error, "%s: '%s' (%s) and '%s' (%s) are the same name "
                           "to a user (case, full stops and hyphens aside)", source,
                           a->name, g->entries[a->entry].canonical, b->name,
                           g->entries[b->entry].canonical);
    }
    for (size_t i = 0; i < filled; i++)
        free(names[i].key);
    free(names);
    return ok;
}

bool gazetteer_parse(const char *text, const char *source, gazetteer *out,
                     char **error)
{
    *out = (gazetteer)GAZETTEER_INIT;
    size_t cap = 0;
    bool header_seen = false;
    unsigned line_no = 0;
    const char *p = text;
    bool ok = true;
    while (ok && *p) {
        line_no++;
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        const char *line = p;
        p = eol ? eol + 1 : p + len;
        if (len == 0 || line[0] == '#' || (len == 1 && line[0] == '\r'))
            continue;
        if (!header_seen) {
            header_seen = true;
            if (strncmp(line, "type\t", 5) == 0)
                continue;
        }
        char *f[FIELDS_MAX + 1] = {0};
        int n = split_tabs(line, len, f, FIELDS_MAX + 1);
        gazetteer_entry e = {0};
        if (n < 0) {
            ok = error_set(error, "%s:%u: out of memory", source, line_no);
        } else if (n != FIELDS_MAX - 1 && n != FIELDS_MAX) {
            ok = error_set(error, "%s:%u: expected 5 or 6 tab-separated fields "
                           "(type, canonical, country, parent, aliases[, typed]), "
                           "found %d", source, line_no, n);
        } else if (!parse_type(f[0], &e.type)) {
            ok = error_set(error, "%s:%u: type must be agency, actor or "
                           "organization, not '%s'", source, line_no, f[0]);
        } else if (!*f[1]) {
            ok = error_set(error, "%s:%u: empty canonical name", source, line_no);
        } else {
            e.canonical = f[1];
            e.country = f[2];
            e.parent = *f[3] ? f[3] : NULL;
            f[1] = f[2] = NULL;
            if (e.parent)
                f[3] = NULL;
            char *canon = straighten(e.canonical);
            ok = canon && string_list_add(&e.aliases, canon);
            free(canon);
            ok = ok && add_names(&e.aliases, f[4]) &&
                 (n < FIELDS_MAX || add_names(&e.typed, f[5]));
            if (ok && out->count == cap) {
                cap = cap ? cap * 2 : 64;
                gazetteer_entry *bigger = realloc(out->entries, cap * sizeof e);
                ok = bigger != NULL;
                if (ok)
                    out->entries = bigger;
            }
            if (ok && gazetteer_get(out, e.canonical))
                ok = error_set(error, "%s:%u: '%s' is listed twice", source,
                               line_no, e.canonical);
            if (ok)
                out->entries[out->count++] = e;
            else {
                entry_free(&e);
                error_set(error, "%s:%u: out of memory", source, line_no);
            }
        }
        for (int i = 0; i < n; i++)
            free(f[i]);
    }
    for (size_t i = 0; ok && i < out->count; i++)
        if (out->entries[i].parent && !gazetteer_get(out, out->entries[i].parent))
            ok = error_set(error, "%s: parent '%s' of '%s' is not listed", source,
                           out->entries[i].parent, out->entries[i].canonical);
    ok = ok && build_alias_index(out, source, error) &&
         check_typed_names(out, source, error);
    if (!ok)
        gazetteer_free(out);
    return ok;
}

const gazetteer_entry *gazetteer_get(const gazetteer *g, const char *canonical)
{
    for (size_t i = 0; i < g->count; i++)
        if (strcmp(g->entries[i].canonical, canonical) == 0)
            return &g->entries[i];
    return NULL;
}

const gazetteer_entry *gazetteer_lookup(const gazetteer *g, const char *name)
{
    char *wanted = lookup_key(name);
    if (!wanted)
        return NULL;
    const char *rest;
    int country = country_of(wanted, &rest);
    const gazetteer_entry *exact = NULL, *loose = NULL;
    bool ambiguous = false;
    for (size_t i = 0; !exact && i < g->count; i++) {
        const gazetteer_entry *e = &g->entries[i];
        for (size_t j = 0; !exact && j < name_count(e); j++) {
            char *key = lookup_key(name_at(e, j));
            if (!key) {
                ambiguous = true;   /* out of memory: say none */
                break;
            }
            const char *key_rest;
            int key_country = country_of(key, &key_rest);
            if (strcmp(key, wanted) == 0) {
                exact = e;
            } else if (strcmp(key_rest, rest) == 0 &&
                       (!country || !key_country || country == key_country)) {
                /* A country prefix added or left out. */
                ambiguous = ambiguous || (loose && loose != e);
                loose = e;
            }
            free(key);
        }
    }
    free(wanted);
    return exact ? exact : ambiguous ? NULL : loose;
}

/* Letters and digits, of any script; typographic punctuation (– — “ ” …,
 * E2 80 xx in UTF-8) is not part of a word. */
static bool word_byte(const char *p)
{
    unsigned char c = (unsigned char)*p;
    if (c == 0xE2 && (unsigned char)p[1] == 0x80)
        return false;
    return isalnum(c) || c >= 0x80;
}

/* Does p start in the middle of a word?  Looks back over a whole
 * character. */
static bool inside_word(const char *text, const char *p)
{
    if (p == text)
        return false;
    const char *q = p - 1;
    while (q > text && ((unsigned char)*q & 0xC0) == 0x80)
        q--;
    return word_byte(q);
}

/* An alias ends on a word boundary: "Congress's" names Congress (the
 * apostrophe is a boundary), "Congressional" does not. */
static bool ends_word(const char *text, size_t end)
{
    return !word_byte(text + end);
}

bool gazetteer_tag(const gazetteer *g, passage *p)
{
    char *text = straighten(p->text);
    if (!text)
        return false;
    bool ok = true;
    size_t len = strlen(text);
    for (size_t i = 0; ok && i < len;) {
        if (((unsigned char)text[i] & 0xC0) == 0x80 || inside_word(text, text + i)) {
            i++;
            continue;
        }
        const alias_ref *hit = NULL;
        unsigned char c = (unsigned char)text[i];
        for (size_t a = g->first[c]; a < g->first[c + 1]; a++) {
            const alias_ref *ref = &g->aliases[a];
            if (ref->len <= len - i &&
                memcmp(text + i, ref->text, ref->len) == 0 &&
                ends_word(text, i + ref->len)) {
                hit = ref;
                break;
            }
        }
        if (!hit) {
            i++;
            continue;
        }
        const gazetteer_entry *e = &g->entries[hit->entry];
        string_list *list = e->type == ENTITY_AGENCY  ? &p->agencies
                            : e->type == ENTITY_ACTOR ? &p->actors
                                                      : &p->organizations;
        ok = string_list_add_unique(list, e->canonical);
        i += hit->len;
    }
    free(text);
    return ok;
}
