/* CSL-JSON (the Citation Style Language's input schema), which pandoc
 * --citeproc and Zotero read: one item of type "report". */
#include "cite_record.h"

#include <stdlib.h>

static void set_optional(json_t *o, const char *name, const char *value)
{
    if (cite_field(value))
        json_object_set_new(o, name, json_string(value));
}

static json_t *csl_authors(const report *r)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < r->authors.count; i++) {
        cite_name n;
        cite_name_split(r->authors.items[i], &n);
        json_t *a = json_object();
        json_object_set_new(a, "family", json_string(n.family));
        set_optional(a, "given", n.given);
        set_optional(a, "suffix", n.suffix);
        json_array_append_new(list, a);
    }
    return list;
}

json_t *cite_csl_json(const report *r)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    char *key = cite_key(r);
    json_object_set_new(o, "id", json_string(key ? key : r->id));
    json_object_set_new(o, "type", json_string("report"));
    json_object_set_new(o, "title", json_string(r->title));
    if (r->authors.count)
        json_object_set_new(o, "author", csl_authors(r));
    set_optional(o, "publisher", r->publisher);
    set_optional(o, "publisher-place", r->place);
    set_optional(o, "collection-title", r->series);
    set_optional(o, "number", r->number);
    set_optional(o, "URL", r->url);
    int year, month, day;
    cite_date_parts(r, &year, &month, &day);
    if (year) {
        json_t *parts = json_pack("[i]", year);
        if (month)
            json_array_append_new(parts, json_integer(month));
        if (month && day)
            json_array_append_new(parts, json_integer(day));
        json_object_set_new(o, "issued", json_pack("{s:[o]}", "date-parts", parts));
    }
    free(key);
    return o;
}
