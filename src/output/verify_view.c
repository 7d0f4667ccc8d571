#include "verify_view.h"

#include <stdlib.h>

#include "citation.h"
#include "cite_record.h"
#include "strbuf.h"
#include "terminal.h"

static json_t *view_cited(const passage *p, const report *r)
{
    char *citation = citation_format(r, p, CITE_PLAIN);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(p->id));
    json_object_set_new(o, "cite", cite_json(r, p));
    json_object_set_new(o, "citation", citation ? json_string(citation) : json_null());
    free(citation);
    return o;
}

json_t *view_verify(const verify_result *v, const char *quotation)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "quotation", json_string(quotation));
    json_object_set_new(o, "verdict", json_string(verify_verdict(v)));
    json_object_set_new(o, "exact", json_boolean(v->exact));
    json_object_set_new(o, "omissions", json_integer(v->omissions));
    json_object_set_new(o, "insertions", json_integer(v->insertions));
    json_object_set_new(o, "case_changed", json_boolean(v->case_changed));
    json_t *notes = json_array();
    for (size_t i = 0; notes && i < v->footnote_count; i++)
        json_array_append_new(notes, json_integer(v->footnotes[i]));
    json_object_set_new(o, "footnotes", notes);
    json_t *places = json_array();
    for (size_t i = 0; places && i < v->place_count; i++) {
        const verify_place *pl = &v->places[i];
        json_t *place = view_cited(&pl->passage, pl->report);
        json_t *ids = json_array();
        for (size_t j = 0; ids && j < pl->id_count; j++)
            json_array_append_new(ids, json_string(pl->ids[j]));
        json_object_set_new(place, "ids", ids);
        json_array_append_new(places, place);
    }
    json_object_set_new(o, "places", places);
    json_object_set_new(o, "more_places", json_boolean(v->more_places));
    json_object_set_new(o, "gave_up", json_boolean(v->gave_up));
    json_t *nearest = json_null();
    if (!v->exact && v->found) {
        nearest = view_cited(&v->passage, v->report);
        json_object_set_new(nearest, "matched", json_integer((json_int_t)v->matched));
        json_object_set_new(nearest, "quote_length", json_integer((json_int_t)v->quote_length));
        json_object_set_new(nearest, "quotation_context",
                            json_string(v->quote_context ? v->quote_context : ""));
        json_object_set_new(nearest, "report_context",
                            json_string(v->report_context ? v->report_context : ""));
    }
    json_object_set_new(o, "nearest", nearest);
    return o;
}

/* "A + B": the passages one place runs across. */
static void put_place(strbuf *sb, const verify_place *pl)
{
    for (size_t j = 0; j < pl->id_count; j++)
        strbuf_printf(sb, "%s%s", j ? " + " : "", pl->ids[j]);
    if (!pl->id_count)
        strbuf_puts(sb, pl->passage.id);
}

char *verify_places_line(const verify_result *v)
{
    strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < v->place_count; i++) {
        if (i)
            strbuf_puts(&sb, ", ");
        put_place(&sb, &v->places[i]);
    }
    if (!v->exact && v->found)
        strbuf_printf(&sb, "nearest %s, departs after %zu of %zu characters",
                      v->passage.id, v->matched, v->quote_length);
    return strbuf_detach(&sb);
}

static void print_citation(FILE *out, const passage *p, const report *r)
{
    char *cite = citation_format(r, p, CITE_PLAIN);
    fputs("  ", out);
    puts_safe(out, cite ? cite : "");
    fputc('\n', out);
    free(cite);
}

/* What the marks and the allowances changed, a line each. */
static void print_notes(FILE *out, const verify_result *v)
{
    if (v->omissions)
        fprintf(out, "  %u omission%s marked (an ellipsis: words left out)\n", v->omissions,
                v->omissions == 1 ? "" : "s");
    if (v->insertions)
        fprintf(out, "  %u insertion%s or change%s marked in [brackets]\n", v->insertions,
                v->insertions == 1 ? "" : "s", v->insertions == 1 ? "" : "s");
    if (v->case_changed)
        fputs("  the case of a first letter is changed\n", out);
    for (size_t i = 0; i < v->footnote_count; i++)
        fprintf(out, "  %d is a footnote number, not the report's text\n", v->footnotes[i]);
}

void print_verify_text(FILE *out, const verify_result *v)
{
    const char *verdict = verify_verdict(v);
    if (v->exact) {
        if (v->place_count > 1)
            fprintf(out, "%s: the quotation stands in %s%zu passages%s\n", verdict,
                    v->more_places ? "at least " : "", v->place_count,
                    v->more_places ? " (only these are listed)" : "");
        for (size_t i = 0; i < v->place_count; i++) {
            const verify_place *pl = &v->places[i];
            strbuf sb = STRBUF_INIT;
            put_place(&sb, pl);
            if (v->place_count > 1)
                fputs("  ", out);
            else
                fprintf(out, "%s: the quotation stands in ", verdict);
            puts_safe(out, strbuf_str(&sb));
            fputs(pl->id_count > 1 ? " (it runs across them)\n" : "\n", out);
            strbuf_free(&sb);
            print_citation(out, &pl->passage, pl->report);
        }
        print_notes(out, v);
    } else if (v->found) {
        fputs("not exact: the nearest passage is ", out);
        puts_safe(out, v->passage.id);
        fputc('\n', out);
        print_citation(out, &v->passage, v->report);
        fprintf(out, "  the quotation departs after %zu of its %zu characters (at ⟦):\n"
                "    quotation: ", v->matched, v->quote_length);
        puts_safe(out, v->quote_context ? v->quote_context : "");
        fputs("\n    report:    ", out);
        puts_safe(out, v->report_context ? v->report_context : "");
        fputc('\n', out);
    } else {
        fputs("not found: no passage says this, nor shares more than half its words\n", out);
    }
    if (v->gave_up)
        fputs("  (the check stopped at its limit of work: the quotation is too "
              "repetitive to check in full)\n", out);
}
