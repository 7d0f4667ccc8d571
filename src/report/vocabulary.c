#include "vocabulary.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "normalize.h"
#include "strbuf.h"

char *vocabulary_key(const char *s)
{
    char *folded = text_fold(s, strlen(s), TEXT_FOLD_CASE);
    if (!folded)
        return NULL;
    char *w = folded;
    for (char *r = folded; *r; r++)
        if (*r == '-')
            *w++ = ' ';
        else if (*r != '.')
            *w++ = *r;
    *w = '\0';
    return folded;
}

const string_list *vocabulary_find(const vocabulary *v, const char *variant)
{
    char *key = vocabulary_key(variant);
    const string_list *found = NULL;
    for (size_t g = 0; key && !found && g < v->count; g++)
        for (size_t i = 0; !found && i < v->groups[g].count; i++) {
            char *k = vocabulary_key(v->groups[g].items[i]);
            if (k && strcmp(k, key) == 0)
                found = &v->groups[g];
            free(k);
        }
    free(key);
    return found;
}

/* The "group\x1fkey" member entry of key in group g. */
static bool member_key(strbuf *sb, size_t g, const char *key)
{
    strbuf_truncate(sb, 0);
    strbuf_printf(sb, "%zu\x1f%s", g, key);
    return !sb->failed;
}

/* Records variant (its key) as a member of group g. */
static bool index_variant(vocabulary *v, size_t g, const char *key, strbuf *sb)
{
    unsigned *first = strset_ref(&v->first_group, key, strlen(key));
    if (!first || !member_key(sb, g, key) || !strset_add(&v->members, sb->data, sb->len))
        return false;
    if (!*first || *first > g + 1)
        *first = (unsigned)(g + 1);
    return true;
}

/* Brings the two sets up to date with groups added without them (a
 * vocabulary decoded from an index). */
static bool index_groups(vocabulary *v, strbuf *sb)
{
    for (; v->indexed < v->count; v->indexed++)
        for (size_t i = 0; i < v->groups[v->indexed].count; i++) {
            char *key = vocabulary_key(v->groups[v->indexed].items[i]);
            bool ok = key && index_variant(v, v->indexed, key, sb);
            free(key);
            if (!ok)
                return false;
        }
    return true;
}

bool vocabulary_add(vocabulary *v, const string_list *group)
{
    strbuf sb = STRBUF_INIT;
    bool ok = index_groups(v, &sb);
    char **keys = calloc(group->count + 1, sizeof *keys);
    ok = ok && keys;
    size_t into = SIZE_MAX;
    for (size_t i = 0; ok && i < group->count; i++) {
        keys[i] = vocabulary_key(group->items[i]);
        ok = keys[i] != NULL;
        unsigned first = ok ? strset_count(&v->first_group, keys[i], strlen(keys[i])) : 0;
        if (first && into == SIZE_MAX)
            into = first - 1;
    }
    if (ok && into == SIZE_MAX) {
        string_list *groups = realloc(v->groups, (v->count + 1) * sizeof *groups);
        ok = groups != NULL;
        if (ok) {
            v->groups = groups;
            into = v->count++;
            v->groups[into] = (string_list)STRING_LIST_INIT;
            v->indexed = v->count;
        }
    }
    for (size_t i = 0; ok && i < group->count; i++) {
        ok = member_key(&sb, into, keys[i]);
        if (ok && !strset_count(&v->members, sb.data, sb.len))
            ok = string_list_add(&v->groups[into], group->items[i]) &&
                 index_variant(v, into, keys[i], &sb);
    }
    for (size_t i = 0; keys && i < group->count; i++)
        free(keys[i]);
    free(keys);
    strbuf_free(&sb);
    return ok;
}

bool vocabulary_parse(const char *text, const char *source, vocabulary *out,
                      char **error)
{
    *out = (vocabulary)VOCABULARY_INIT;
    unsigned line_no = 0;
    bool ok = true;
    for (const char *p = text; ok && *p;) {
        line_no++;
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char *line = strndup(p, len);
        p = eol ? eol + 1 : p + len;
        if (!line)
            return error_set(error, "%s: out of memory", source);
        size_t n = strlen(line);
        while (n && (line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = '\0';
        if (!n || line[0] == '#') {
            free(line);
            continue;
        }
        string_list group = STRING_LIST_INIT;
        char *tab = strchr(line, '\t');
        if (!tab) {
            ok = error_set(error, "%s:%u: expected 'term<TAB>variant|variant'",
                           source, line_no);
        } else {
            *tab = '\0';
            ok = string_list_add(&group, line);
            for (char *v = tab + 1; ok && v;) {
                char *bar = strchr(v, '|');
                if (bar)
                    *bar = '\0';
                while (*v == ' ')
                    v++;
                if (*v)
                    ok = string_list_add_unique(&group, v);
                v = bar ? bar + 1 : NULL;
            }
            if (ok && group.count < 2)
                ok = error_set(error, "%s:%u: a term needs at least one variant",
                               source, line_no);
            if (ok && !vocabulary_add(out, &group))
                ok = error_set(error, "%s: out of memory", source);
        }
        string_list_free(&group);
        free(line);
    }
    if (!ok)
        vocabulary_free(out);
    return ok;
}

/* ---- acronyms ---------------------------------------------------------- */

static bool is_acronym(const char *s, size_t len)
{
    size_t upper = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (isupper(c))
            upper++;
        else if (!isdigit(c) && c != '-' && c != ' ' && c != '.' && c != '&')
            return false;
    }
    return upper >= 2 && isupper((unsigned char)s[0]) && len <= 12;
}

/* Where the long form of an acronym starts, or NULL.  Schwartz and Hearst's
 * rule: the acronym's letters appear right to left in the words before
 * "(", the first letter starting a word; the search stops at the end of a
 * clause and after 120 bytes. */
static const char *long_form_start(const char *text, const char *end,
                                   const char *acr, size_t acr_len)
{
    const char *p = end - 1, *start = NULL;
    for (size_t i = acr_len; i-- > 0;) {
        char c = (char)tolower((unsigned char)acr[i]);
        if (!isalnum((unsigned char)c))
            continue;
        bool first = i == 0 || !isalnum((unsigned char)acr[i - 1]);
        for (;; p--) {
            if (p < text || end - p > 120 || *p == ';' || *p == ':' ||
                *p == '(' || *p == ')' || (*p == '.' && p[1] == ' '))
                return NULL;
            bool word_start = p == text || !isalnum((unsigned char)p[-1]);
            if (tolower((unsigned char)*p) == c && (!first || word_start))
                break;
        }
        start = p--;
    }
    return start;
}

/* Schwartz and Hearst's bound: a long form has at most min(n + 5, 2n)
 * words for an acronym of n letters. */
static bool plausible_length(const char *start, const char *end, const char *acr,
                             size_t acr_len)
{
    size_t letters = 0, words = 0;
    for (size_t i = 0; i < acr_len; i++)
        letters += isalnum((unsigned char)acr[i]) != 0;
    bool in_word = false;
    for (const char *p = start; p < end; p++) {
        bool w = !isspace((unsigned char)*p) && *p != '-';
        words += w && !in_word;
        in_word = w;
    }
    size_t limit = letters + 5 < letters * 2 ? letters + 5 : letters * 2;
    return words <= limit;
}

static bool add_pair(vocabulary *v, const char *long_form, size_t lf_len,
                     const char *acr, size_t acr_len)
{
    string_list group = STRING_LIST_INIT;
    char *a = strndup(long_form, lf_len), *b = strndup(acr, acr_len);
    bool ok = a && b && string_list_add(&group, a) && string_list_add(&group, b) &&
              vocabulary_add(v, &group);
    free(a);
    free(b);
    string_list_free(&group);
    return ok;
}

bool vocabulary_find_acronyms(vocabulary *v, const report *r)
{
    for (size_t i = 0; i < r->count; i++) {
        const char *text = r->passages[i].text;
        for (const char *open = strchr(text, '('); open; open = strchr(open + 1, '(')) {
            const char *close = strchr(open, ')');
            if (!close || open == text || open[-1] != ' ')
                continue;
            const char *acr = open + 1;
            size_t acr_len = (size_t)(close - acr);
            if (!is_acronym(acr, acr_len))
                continue;
            const char *end = open - 1; /* the space before "(" */
            const char *start = long_form_start(text, end, acr, acr_len);
            if (!start || !plausible_length(start, end, acr, acr_len))
                continue;
            size_t before = v->count;
            if (!add_pair(v, start, (size_t)(end - start), acr, acr_len))
                return false;
            if (v->count > before)
                v->acronyms++;
        }
    }
    return true;
}

void vocabulary_free(vocabulary *v)
{
    for (size_t i = 0; i < v->count; i++)
        string_list_free(&v->groups[i]);
    free(v->groups);
    strset_free(&v->first_group);
    strset_free(&v->members);
    *v = (vocabulary)VOCABULARY_INIT;
}
