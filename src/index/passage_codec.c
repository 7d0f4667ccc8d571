#include "passage_codec.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "normalize.h"
#include "strbuf.h"

static json_t *list_to_json(const string_list *list)
{
    json_t *array = json_array();
    for (size_t i = 0; array && i < list->count; i++)
        json_array_append_new(array, json_string(list->items[i]));
    return array;
}

static bool list_from_json(json_t *array, string_list *out)
{
    *out = (string_list)STRING_LIST_INIT;
    if (!array)
        return true;
    if (!json_is_array(array))
        return false;
    size_t i;
    json_t *item;
    json_array_foreach(array, i, item) {
        if (!json_is_string(item) || !string_list_add(out, json_string_value(item)))
            return false;
    }
    return true;
}

static char *dup_json_string(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? strdup(json_string_value(v)) : NULL;
}

static char *dump(json_t *root)
{
    char *out = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    return out;
}

char *passage_encode(const passage *p)
{
    json_t *footnotes = json_array();
    for (size_t i = 0; footnotes && i < p->footnote_count; i++)
        json_array_append_new(footnotes, json_integer(p->footnotes[i]));
    json_t *root = json_pack(
        "{s:s, s:s, s:s, s:o, s:i, s:I, s:o, s:s?, s:s, s:o, s:o, s:o, s:b, s:I, s:i}",
        "id", p->id, "report", p->report, "kind", passage_kind_name(p->kind),
        "section", list_to_json(&p->section), "pillar", p->pillar,
        "order", (json_int_t)p->order, "footnotes", footnotes, "title", p->title,
        "text", p->text, "agencies", list_to_json(&p->agencies), "actors",
        list_to_json(&p->actors), "organizations", list_to_json(&p->organizations),
        "repeat", p->repeat, "line", (json_int_t)p->source_line, "page", p->page);
    return dump(root);
}

/* The general decoder (jansson): any JSON object with the passage's fields. */
bool passage_decode_json(const char *data, size_t len, passage *out, char **error)
{
    memset(out, 0, sizeof *out);
    json_error_t jerr;
    json_t *root = json_loadb(data, len, 0, &jerr);
    if (!root || !json_is_object(root)) {
        json_decref(root);
        return error_set(error, "stored passage is not JSON: %s", jerr.text);
    }
    bool ok = true;
    out->id = dup_json_string(root, "id");
    out->report = dup_json_string(root, "report");
    out->title = dup_json_string(root, "title");
    out->text = dup_json_string(root, "text");
    const char *kind = json_string_value(json_object_get(root, "kind"));
    ok = out->id && out->report && out->text && kind &&
         passage_kind_parse(kind, &out->kind);
    out->pillar = (int)json_integer_value(json_object_get(root, "pillar"));
    out->order = (unsigned)json_integer_value(json_object_get(root, "order"));
    out->repeat = json_is_true(json_object_get(root, "repeat"));
    out->source_line = (unsigned)json_integer_value(json_object_get(root, "line"));
    out->page = (int)json_integer_value(json_object_get(root, "page"));
    ok = ok && list_from_json(json_object_get(root, "section"), &out->section) &&
         list_from_json(json_object_get(root, "agencies"), &out->agencies) &&
         list_from_json(json_object_get(root, "actors"), &out->actors) &&
         list_from_json(json_object_get(root, "organizations"), &out->organizations);
    json_t *notes = json_object_get(root, "footnotes");
    if (ok && json_is_array(notes) && json_array_size(notes)) {
        out->footnotes = calloc(json_array_size(notes), sizeof(int));
        ok = out->footnotes != NULL;
        size_t i;
        json_t *n;
        json_array_foreach(notes, i, n) {
            if (ok)
                out->footnotes[out->footnote_count++] = (int)json_integer_value(n);
        }
    }
    json_decref(root);
    if (!ok) {
        passage_free(out);
        memset(out, 0, sizeof *out);
        return error_set(error, "stored passage is incomplete");
    }
    return true;
}

/* ---- the fast path: the records passage_encode writes -------------------
 *
 * Every search decodes its hits, and building jansson's objects took a
 * fifth of a search's instructions.  The records are flat objects that
 * jansson itself wrote, so a reader for just that shape does the same work
 * in one pass.  It declines (returns false) on anything else: \u escapes,
 * a key it does not know, a value of an unexpected type, numbers that are
 * not small integers, bad UTF-8; then passage_decode_json reads the
 * record, so what is decoded never depends on which path read it. */

typedef struct reader {
    const char *p, *end;
} reader;

static void skip_space(reader *r)
{
    while (r->p < r->end &&
           (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r'))
        r->p++;
}

static bool expect(reader *r, char c)
{
    skip_space(r);
    if (r->p >= r->end || *r->p != c)
        return false;
    r->p++;
    return true;
}

static bool peek(reader *r, char c)
{
    skip_space(r);
    return r->p < r->end && *r->p == c;
}

/* The end of a string's run of plain bytes (no quote, backslash or
 * control); *high: whether it has bytes beyond ASCII. */
static const char *plain_run(const char *p, const char *end, bool *high)
{
    unsigned char any = 0;
    for (; p < end; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\' || c < 0x20)
            break;
        any |= c;
    }
    *high |= (any & 0x80) != 0;
    return p;
}

/* A string, unescaped and malloc()ed (NUL-terminated, length in *n). */
static bool read_string(reader *r, char **out, size_t *n)
{
    *out = NULL;
    if (!expect(r, '"'))
        return false;
    const char *start = r->p;
    size_t escapes = 0;
    bool high = false;
    for (;;) {
        r->p = plain_run(r->p, r->end, &high);
        if (r->p >= r->end || (unsigned char)*r->p < 0x20)
            return false;  /* unclosed, or a raw control (jansson refuses it) */
        if (*r->p == '"')
            break;
        /* A backslash: \u and anything odd go to the general path. */
        if (++r->p >= r->end || !*r->p || !strchr("\"\\/bfnrt", *r->p))
            return false;
        escapes++;
        r->p++;
    }
    size_t raw = (size_t)(r->p - start);
    r->p++;  /* the closing quote */
    char *s = malloc(raw - escapes + 1);
    if (!s)
        return false;
    size_t k = 0;
    if (!escapes) {
        memcpy(s, start, raw);
        k = raw;
    }
    for (size_t i = 0; escapes && i < raw; i++) {
        char c = start[i];
        if (c == '\\') {
            c = start[++i];
            c = c == 'b' ? '\b' : c == 'f' ? '\f' : c == 'n' ? '\n'
              : c == 'r' ? '\r' : c == 't' ? '\t' : c;
        }
        s[k++] = c;
    }
    s[k] = '\0';
    if (high && !text_utf8_valid(s, k, NULL)) {
        free(s);
        return false;
    }
    *out = s;
    *n = k;
    return true;
}

/* A small integer (what json_int_t holds, with room to spare). */
static bool read_int(reader *r, long long *out)
{
    skip_space(r);
    bool minus = r->p < r->end && *r->p == '-';
    r->p += minus;
    const char *start = r->p;
    long long v = 0;
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9' && r->p - start < 18)
        v = v * 10 + (*r->p++ - '0');
    size_t digits = (size_t)(r->p - start);
    if (!digits || (digits > 1 && *start == '0'))
        return false;
    if (r->p < r->end && (*r->p == '.' || *r->p == 'e' || *r->p == 'E' ||
                          (*r->p >= '0' && *r->p <= '9')))
        return false;  /* a real, or too long */
    *out = minus ? -v : v;
    return true;
}

static bool read_word(reader *r, const char *word)
{
    skip_space(r);
    size_t n = strlen(word);
    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
        return false;
    r->p += n;
    return true;
}

/* A string, or null (for the optional title). */
static bool read_string_or_null(reader *r, char **out)
{
    size_t n;
    free(*out);
    *out = NULL;
    if (peek(r, 'n'))
        return read_word(r, "null");
    return read_string(r, out, &n);
}

static bool read_strings(reader *r, string_list *out)
{
    string_list_free(out);
    if (!expect(r, '['))
        return false;
    if (expect(r, ']'))
        return true;
    do {
        char *s;
        size_t n;
        if (!read_string(r, &s, &n))
            return false;
        bool ok = string_list_add(out, s);
        free(s);
        if (!ok)
            return false;
    } while (expect(r, ','));
    return expect(r, ']');
}

static bool read_footnotes(reader *r, passage *out)
{
    free(out->footnotes);
    out->footnotes = NULL;
    out->footnote_count = 0;
    if (!expect(r, '['))
        return false;
    if (expect(r, ']'))
        return true;
    size_t cap = 0;
    do {
        long long v;
        if (!read_int(r, &v))
            return false;
        if (out->footnote_count == cap) {
            cap = cap ? cap * 2 : 8;
            int *bigger = realloc(out->footnotes, cap * sizeof(int));
            if (!bigger)
                return false;
            out->footnotes = bigger;
        }
        out->footnotes[out->footnote_count++] = (int)v;
    } while (expect(r, ','));
    return expect(r, ']');
}

/* One "key": value of the record; kind goes to *kind (malloc()ed). */
static bool read_field(reader *r, passage *out, char **kind)
{
    char *key;
    size_t n;
    long long v = 0;
    if (!read_string(r, &key, &n) || !expect(r, ':')) {
        free(key);
        return false;
    }
    bool ok;
    if (!strcmp(key, "id"))
        ok = read_string_or_null(r, &out->id) && out->id;
    else if (!strcmp(key, "report"))
        ok = read_string_or_null(r, &out->report) && out->report;
    else if (!strcmp(key, "kind"))
        ok = read_string_or_null(r, kind) && *kind;
    else if (!strcmp(key, "text"))
        ok = read_string_or_null(r, &out->text) && out->text;
    else if (!strcmp(key, "title"))
        ok = read_string_or_null(r, &out->title);
    else if (!strcmp(key, "section"))
        ok = read_strings(r, &out->section);
    else if (!strcmp(key, "agencies"))
        ok = read_strings(r, &out->agencies);
    else if (!strcmp(key, "actors"))
        ok = read_strings(r, &out->actors);
    else if (!strcmp(key, "organizations"))
        ok = read_strings(r, &out->organizations);
    else if (!strcmp(key, "footnotes"))
        ok = read_footnotes(r, out);
    else if (!strcmp(key, "pillar"))
        ok = read_int(r, &v) && (out->pillar = (int)v, true);
    else if (!strcmp(key, "order"))
        ok = read_int(r, &v) && (out->order = (unsigned)v, true);
    else if (!strcmp(key, "line"))
        ok = read_int(r, &v) && (out->source_line = (unsigned)v, true);
    else if (!strcmp(key, "page"))
        ok = read_int(r, &v) && (out->page = (int)v, true);
    else if (!strcmp(key, "repeat"))
        ok = (peek(r, 't') && read_word(r, "true") && (out->repeat = true)) ||
             (peek(r, 'f') && read_word(r, "false") && !(out->repeat = false));
    else
        ok = false;
    free(key);
    return ok;
}

bool passage_decode_fast(const char *data, size_t len, passage *out)
{
    memset(out, 0, sizeof *out);
    reader r = {data, data + len};
    char *kind = NULL;
    bool ok = expect(&r, '{');
    if (ok && !expect(&r, '}')) {
        do
            ok = read_field(&r, out, &kind);
        while (ok && expect(&r, ','));
        ok = ok && expect(&r, '}');
    }
    skip_space(&r);
    ok = ok && r.p == r.end && out->id && out->report && out->text && kind &&
         passage_kind_parse(kind, &out->kind);
    free(kind);
    if (!ok) {
        passage_free(out);
        memset(out, 0, sizeof *out);
    }
    return ok;
}

bool passage_decode(const char *data, size_t len, passage *out, char **error)
{
    return passage_decode_fast(data, len, out) ||
           passage_decode_json(data, len, out, error);
}

/* Report metadata is read by every search, for every report of the
 * index: JSON took most of a search's time over a couple of thousand
 * reports.  So it is a line per report, fields separated by US (0x1f),
 * authors by RS (0x1e), after a first line naming the format; an empty
 * optional field is NULL.  (An index of an older brief, whose reports
 * were a JSON array, fails the schema check before they are read.) */
#define REPORTS_FORMAT "brief-reports-2"
/* Version 1 lines lack the last four fields (url, place, number, citekey);
 * a list may mix both, when an update keeps the lines of removed reports. */
#define REPORTS_FORMAT_1 "brief-reports-1"
#define FIELDS_1 9
#define FIELDS 13
#define FIELD_SEP '\x1f'
#define AUTHOR_SEP '\x1e'

static void put_field(strbuf *sb, const char *s)
{
    for (; s && *s; s++)
        strbuf_putc(sb, *s == '\n' || *s == '\r' || *s == FIELD_SEP || *s == AUTHOR_SEP
                            ? ' ' : *s);
}

char *reports_encode(const report *reports, size_t count)
{
    strbuf sb = STRBUF_INIT;
    strbuf_puts(&sb, REPORTS_FORMAT "\n");
    for (size_t i = 0; i < count; i++) {
        const report *r = &reports[i];
        put_field(&sb, r->id);
        strbuf_putc(&sb, FIELD_SEP);
        put_field(&sb, r->title);
        strbuf_putc(&sb, FIELD_SEP);
        for (size_t a = 0; a < r->authors.count; a++) {
            if (a)
                strbuf_putc(&sb, AUTHOR_SEP);
            put_field(&sb, r->authors.items[a]);
        }
        const char *rest[] = {r->publisher, r->date, r->series, r->source, r->content_hash,
                              r->url, r->place, r->number, r->citekey};
        for (size_t f = 0; f < sizeof rest / sizeof *rest; f++) {
            strbuf_putc(&sb, FIELD_SEP);
            put_field(&sb, rest[f]);
        }
        strbuf_printf(&sb, "%c%zu\n", FIELD_SEP, r->count);
    }
    return strbuf_detach(&sb);
}

static char *field_dup(const char *start, const char *end)
{
    return end > start ? strndup(start, (size_t)(end - start)) : NULL;
}

static bool reports_decode_lines(const char *text, report **out, size_t *count,
                                 char **error)
{
    size_t lines = 0;
    for (const char *p = text; *p; p++)
        lines += *p == '\n';
    report *reports = calloc(lines + 1, sizeof(report));
    if (!reports)
        return error_set(error, "out of memory");
    bool ok = true;
    size_t n = 0;
    const char *line = strchr(text, '\n');
    line = line ? line + 1 : text + strlen(text);
    while (ok && *line) {
        const char *eol = strchr(line, '\n');
        if (!eol)
            eol = line + strlen(line);
        const char *f[FIELDS];
        size_t nf = 0;
        f[nf++] = line;
        for (const char *p = line; p < eol && nf < FIELDS; p++)
            if (*p == FIELD_SEP)
                f[nf++] = p + 1;
        report *r = &reports[n];
        bool whole = nf == FIELDS || nf == FIELDS_1;
        if (whole) {
            const char *end[FIELDS];
            for (size_t i = 0; i + 1 < nf; i++)
                end[i] = f[i + 1] - 1;
            end[nf - 1] = eol;
            r->id = field_dup(f[0], end[0]);
            r->title = field_dup(f[1], end[1]);
            for (const char *a = f[2]; ok && a < end[2];) {
                const char *e = memchr(a, AUTHOR_SEP, (size_t)(end[2] - a));
                if (!e)
                    e = end[2];
                char *name = field_dup(a, e);
                ok = !name || string_list_add(&r->authors, name);
                free(name);
                a = e + 1;
            }
            r->publisher = field_dup(f[3], end[3]);
            r->date = field_dup(f[4], end[4]);
            r->series = field_dup(f[5], end[5]);
            r->source = field_dup(f[6], end[6]);
            r->content_hash = field_dup(f[7], end[7]);
            if (nf == FIELDS) {
                r->url = field_dup(f[8], end[8]);
                r->place = field_dup(f[9], end[9]);
                r->number = field_dup(f[10], end[10]);
                r->citekey = field_dup(f[11], end[11]);
            }
            r->count = 0;   /* the number of passages is not needed here */
            n++;
        }
        ok = ok && whole && r->id && r->title;
        line = *eol ? eol + 1 : eol;
    }
    *count = n;
    if (!ok) {
        for (size_t j = 0; j < n; j++)
            report_free(&reports[j]);
        free(reports);
        *count = 0;
        return error_set(error, "index metadata: a report lacks id or title");
    }
    *out = reports;
    return true;
}

bool reports_decode(const char *text, report **out, size_t *count, char **error)
{
    *out = NULL;
    *count = 0;
    if (strncmp(text, REPORTS_FORMAT "\n", strlen(REPORTS_FORMAT) + 1) != 0 &&
        strncmp(text, REPORTS_FORMAT_1 "\n", strlen(REPORTS_FORMAT_1) + 1) != 0)
        return error_set(error, "index metadata: reports are not in the format "
                         REPORTS_FORMAT);
    return reports_decode_lines(text, out, count, error);
}

char *vocabulary_encode(const vocabulary *v)
{
    json_t *array = json_array();
    for (size_t i = 0; array && i < v->count; i++)
        json_array_append_new(array, list_to_json(&v->groups[i]));
    return dump(array);
}

static bool vocabulary_decode_json(const char *json, vocabulary *out, char **error)
{
    *out = (vocabulary)VOCABULARY_INIT;
    json_error_t jerr;
    json_t *array = json_loads(json, 0, &jerr);
    bool ok = json_is_array(array);
    size_t i;
    json_t *group;
    /* The groups were merged when the index was built (vocabulary_add):
     * taken as they are, not merged again, which would cost the square of
     * their number at every search. */
    if (ok && json_array_size(array)) {
        out->groups = calloc(json_array_size(array), sizeof *out->groups);
        ok = out->groups != NULL;
    }
    json_array_foreach(array, i, group) {
        string_list list = STRING_LIST_INIT;
        ok = ok && list_from_json(group, &list);
        if (ok)
            out->groups[out->count++] = list;
        else
            string_list_free(&list);
    }
    json_decref(array);
    if (!ok) {
        vocabulary_free(out);
        return error_set(error, "index metadata: vocabulary is not valid");
    }
    return true;
}

/* The vocabulary as vocabulary_encode writes it, [["a","b"],["c"]], read
 * with the passages' reader: every search with words needs it, and
 * jansson's objects cost more than the search itself on a small index.
 * Declines (false) on anything else, for vocabulary_decode_json. */
static bool vocabulary_decode_fast(const char *json, vocabulary *out)
{
    *out = (vocabulary)VOCABULARY_INIT;
    reader r = {json, json + strlen(json)};
    bool ok = expect(&r, '[');
    size_t cap = 0;
    if (ok && !expect(&r, ']')) {
        do {
            if (out->count == cap) {
                cap = cap ? cap * 2 : 64;
                string_list *bigger = realloc(out->groups, cap * sizeof *bigger);
                if (!bigger) {
                    ok = false;
                    break;
                }
                out->groups = bigger;
            }
            string_list *group = &out->groups[out->count++];
            *group = (string_list)STRING_LIST_INIT;
            ok = read_strings(&r, group);
        } while (ok && expect(&r, ','));
        ok = ok && expect(&r, ']');
    }
    skip_space(&r);
    ok = ok && r.p == r.end;
    if (!ok)
        vocabulary_free(out);
    return ok;
}

bool vocabulary_decode(const char *json, vocabulary *out, char **error)
{
    *out = (vocabulary)VOCABULARY_INIT;
    if (!*json)
        return true;
    return vocabulary_decode_fast(json, out) || vocabulary_decode_json(json, out, error);
}
