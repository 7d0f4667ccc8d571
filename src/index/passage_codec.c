#include "passage_codec.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"

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
        "{s:s, s:s, s:s, s:o, s:i, s:I, s:o, s:s?, s:s, s:o, s:o, s:o, s:b, s:I}",
        "id", p->id, "report", p->report, "kind", passage_kind_name(p->kind),
        "section", list_to_json(&p->section), "pillar", p->pillar,
        "order", (json_int_t)p->order, "footnotes", footnotes, "title", p->title,
        "text", p->text, "agencies", list_to_json(&p->agencies), "actors",
        list_to_json(&p->actors), "organizations", list_to_json(&p->organizations),
        "repeat", p->repeat, "line", (json_int_t)p->source_line);
    return dump(root);
}

bool passage_decode(const char *data, size_t len, passage *out, char **error)
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

char *reports_encode(const report *reports, size_t count)
{
    json_t *array = json_array();
    for (size_t i = 0; array && i < count; i++) {
        const report *r = &reports[i];
        json_array_append_new(
            array, json_pack("{s:s, s:s, s:o, s:s?, s:s?, s:s?, s:s?, s:s?, s:I}",
                             "id", r->id, "title", r->title, "authors",
                             list_to_json(&r->authors), "publisher", r->publisher,
                             "date", r->date, "series", r->series, "source",
                             r->source, "hash", r->content_hash, "passages",
                             (json_int_t)r->count));
    }
    return dump(array);
}

bool reports_decode(const char *json, report **out, size_t *count, char **error)
{
    *out = NULL;
    *count = 0;
    json_error_t jerr;
    json_t *array = json_loads(json, 0, &jerr);
    if (!json_is_array(array)) {
        json_decref(array);
        return error_set(error, "index metadata: reports are not a JSON array");
    }
    report *reports = calloc(json_array_size(array) + 1, sizeof(report));
    bool ok = reports != NULL;
    size_t i;
    json_t *obj;
    json_array_foreach(array, i, obj) {
        if (!ok)
            break;
        report *r = &reports[i];
        r->id = dup_json_string(obj, "id");
        r->title = dup_json_string(obj, "title");
        r->publisher = dup_json_string(obj, "publisher");
        r->date = dup_json_string(obj, "date");
        r->series = dup_json_string(obj, "series");
        r->source = dup_json_string(obj, "source");
        r->content_hash = dup_json_string(obj, "hash");
        ok = r->id && r->title &&
             list_from_json(json_object_get(obj, "authors"), &r->authors);
        *count = i + 1;
    }
    json_decref(array);
    if (!ok) {
        for (size_t j = 0; reports && j < *count; j++)
            report_free(&reports[j]);
        free(reports);
        *count = 0;
        return error_set(error, "index metadata: a report lacks id or title");
    }
    *out = reports;
    return true;
}

char *vocabulary_encode(const vocabulary *v)
{
    json_t *array = json_array();
    for (size_t i = 0; array && i < v->count; i++)
        json_array_append_new(array, list_to_json(&v->groups[i]));
    return dump(array);
}

bool vocabulary_decode(const char *json, vocabulary *out, char **error)
{
    *out = (vocabulary)VOCABULARY_INIT;
    if (!*json)
        return true;
    json_error_t jerr;
    json_t *array = json_loads(json, 0, &jerr);
    bool ok = json_is_array(array);
    size_t i;
    json_t *group;
    json_array_foreach(array, i, group) {
        string_list list = STRING_LIST_INIT;
        ok = ok && list_from_json(group, &list);
        ok = ok && vocabulary_add(out, &list);
        string_list_free(&list);
    }
    json_decref(array);
    if (!ok) {
        vocabulary_free(out);
        return error_set(error, "index metadata: vocabulary is not valid");
    }
    return true;
}
