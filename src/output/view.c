#include "view.h"

#include <stdlib.h>
#include <string.h>

#include "citation.h"

static json_t *strings(const string_list *list)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < list->count; i++)
        json_array_append_new(a, json_string(list->items[i]));
    return a;
}

static json_t *string_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static size_t char_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

json_t *view_passage(const passage *p, const report *r)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    char *section = citation_section(p);
    char *cite = citation_format(r, p, CITE_PLAIN);
    json_t *notes = json_array();
    for (size_t i = 0; notes && i < p->footnote_count; i++)
        json_array_append_new(notes, json_integer(p->footnotes[i]));
    json_object_set_new(o, "id", json_string(p->id));
    json_object_set_new(o, "report", json_string(p->report));
    json_object_set_new(o, "kind", json_string(passage_kind_name(p->kind)));
    json_object_set_new(o, "section", json_string(section ? section : ""));
    json_object_set_new(o, "section_path", strings(&p->section));
    json_object_set_new(o, "pillar", p->pillar ? json_integer(p->pillar) : json_null());
    json_object_set_new(o, "agencies", strings(&p->agencies));
    json_object_set_new(o, "actors", strings(&p->actors));
    json_object_set_new(o, "organizations", strings(&p->organizations));
    json_object_set_new(o, "footnotes", notes);
    json_object_set_new(o, "order", json_integer(p->order));
    if (p->title)
        json_object_set_new(o, "title", json_string(p->title));
    if (p->repeat)
        json_object_set_new(o, "repeat", json_true());
    if (p->page)
        json_object_set_new(o, "page", json_integer(p->page));
    json_object_set_new(o, "text", json_string(p->text));
    json_object_set_new(o, "citation", string_or_null(cite));
    free(section);
    free(cite);
    return o;
}

json_t *view_hit(const search_hit *h, const report *r)
{
    json_t *o = view_passage(&h->passage, r);
    if (!o)
        return NULL;
    json_t *marks = json_array();
    const snippet *s = &h->snippet;
    for (size_t i = 0; marks && i < s->count; i++) {
        size_t start = char_count(s->text, s->spans[i].start);
        size_t len = char_count(s->text + s->spans[i].start, s->spans[i].len);
        json_array_append_new(marks, json_pack("{s:I, s:I}", "start", (json_int_t)start,
                                               "length", (json_int_t)len));
    }
    json_object_set_new(o, "rank", json_integer(h->rank));
    json_object_set_new(o, "score", json_real(h->score));
    json_object_set_new(o, "snippet", json_string(s->text ? s->text : ""));
    json_object_set_new(o, "highlights", marks);
    json_object_set_new(o, "snippet_cut", json_pack("{s:b, s:b}", "start", s->cut_start,
                                                    "end", s->cut_end));
    json_object_set_new(o, "match", json_string(h->partial ? "some" : "all"));
    json_object_set_new(o, "missing", strings(&h->missing));
    return o;
}

/* query, corrected, suggestion, partial: what the search says of itself. */
static void set_search_fields(json_t *o, const search_result *res)
{
    json_object_set_new(o, "query", json_string(res->query ? res->query : ""));
    json_object_set_new(o, "corrected", res->corrected ? json_string(res->suggestion)
                                                       : json_null());
    json_object_set_new(o, "suggestion", string_or_null(res->suggestion));
    json_object_set_new(o, "partial", json_boolean(res->partial));
}

/* The search's own fields on each line of jsonl, so a line read alone
 * says whether its query was corrected or its results partial. */
json_t *view_hit_line(const search_hit *h, const report *r, const search_result *res)
{
    json_t *o = view_hit(h, r);
    if (o)
        set_search_fields(o, res);
    return o;
}

/* A pillar is a number, 1 to 6, or null for the passages without one
 * ("none" in the search's counts and on the chart). */
json_t *view_facet_value(facet_name f, const char *value, unsigned count)
{
    json_t *v = f != FACET_PILLAR ? json_string(value)
                : strcmp(value, "none") == 0 ? json_null()
                : json_integer(atoi(value));
    return json_pack("{s:o, s:I}", "value", v, "count", (json_int_t)count);
}

json_t *view_facets(const search_result *res)
{
    json_t *facets = json_object();
    for (int f = 0; facets && f < FACET_COUNT; f++) {
        json_t *values = json_array();
        for (size_t i = 0; values && i < res->facet_counts[f]; i++) {
            const facet_value *v = &res->facets[f][i];
            json_array_append_new(values, view_facet_value((facet_name)f, v->value,
                                                           v->count));
        }
        json_object_set_new(facets, facet_name_text((facet_name)f), values);
    }
    return facets;
}

json_t *view_result(const search_result *res, const report *const *reports)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    set_search_fields(o, res);
    json_object_set_new(o, "total", json_integer(res->total));
    json_object_set_new(o, "total_all", json_integer(res->total_all));
    json_object_set_new(o, "facets", res->has_facets ? view_facets(res) : json_null());
    json_t *results = json_array();
    for (size_t i = 0; results && i < res->count; i++)
        json_array_append_new(results, view_hit(&res->hits[i], reports[i]));
    json_object_set_new(o, "results", results);
    return o;
}
