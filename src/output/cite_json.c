#include "cite_record.h"

#include <stdlib.h>

#include "citation.h"

static json_t *optional(const char *value)
{
    return cite_field(value) ? json_string(value) : json_null();
}

json_t *cite_json(const report *r, const passage *p)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    char *section = citation_section(p);
    const char *title = citation_section_title(p);
    json_t *authors = json_array();
    char *key = r ? cite_key(r) : NULL;
    for (size_t i = 0; r && authors && i < r->authors.count; i++)
        json_array_append_new(authors, json_string(r->authors.items[i]));
    json_object_set_new(o, "key", optional(key));
    json_object_set_new(o, "authors", authors);
    json_object_set_new(o, "title", optional(r ? r->title : NULL));
    json_object_set_new(o, "publisher", optional(r ? r->publisher : NULL));
    json_object_set_new(o, "place", optional(r ? r->place : NULL));
    json_object_set_new(o, "date", optional(r ? r->date : NULL));
    json_object_set_new(o, "url", optional(r ? r->url : NULL));
    json_object_set_new(o, "number", optional(r ? r->number : NULL));
    json_object_set_new(o, "section", json_string(section ? section : ""));
    json_object_set_new(o, "section_title", optional(title));
    json_object_set_new(o, "id", json_string(p->id));
    /* The page a PDF printed it on; a hand edition has none. */
    if (p->page)
        json_object_set_new(o, "page", json_integer(p->page));
    free(section);
    free(key);
    return o;
}
