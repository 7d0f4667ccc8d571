/* Passages by id, their neighbours in reading order, and every passage. */
#include "searcher_internal.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "passage_codec.h"
#include "schema.h"
#include "strbuf.h"

static bool fetch_first(searcher *s, xc_query *q, bool report_order,
                        uint32_t offset, passage *out, bool *found, char **error)
{
    *found = false;
    search_request req = {.offset = offset, .limit = 1};
    run r = {0};
    bool ok = run_query(s, q, &req, report_order, &r, error);
    if (ok && mset_size(r.mset) > 0) {
        char *data = NULL;
        size_t len = 0;
        ok = read_hit_data(s, r.mset, 0, &data, &len, error) &&
             passage_decode(data, len, out, error);
        free(data);
        *found = ok;
    }
    run_free(&r);
    return ok;
}

static bool get_exact(searcher *s, const char *full_id, passage *out, bool *found,
                      char **error)
{
    xc_query *q = id_query(full_id);
    if (!q)
        return error_set(error, "out of memory");
    bool ok = fetch_first(s, q, false, 0, out, found, error);
    xc_query_free(q);
    return ok;
}

bool searcher_get(searcher *s, const char *id, passage *out, char **error)
{
    memset(out, 0, sizeof *out);
    bool found = false;
    if (strchr(id, ':')) {
        if (!get_exact(s, id, out, &found, error))
            return false;
        return found || error_set(error, "no passage '%s' in the index", id);
    }
    /* A short id: try it under every report. */
    size_t report_count;
    const report *reports = lazy_reports(s, &report_count);
    if (!metadata_ok(s, error))
        return false;
    const char *in_report = NULL;
    for (size_t i = 0; i < report_count; i++) {
        strbuf full = STRBUF_INIT;
        strbuf_printf(&full, "%s:%s", reports[i].id, id);
        passage p;
        bool here = false;
        bool ok = !full.failed && get_exact(s, full.data, &p, &here, error);
        strbuf_free(&full);
        if (!ok) {
            passage_free(out);
            return false;
        }
        if (!here)
            continue;
        if (in_report) {
            passage_free(&p);
            passage_free(out);
            return error_set(error, "passage id '%s' is in %s and %s: give the "
                             "report too (%s:%s)", id, in_report, reports[i].id,
                             in_report, id);
        }
        *out = p;
        in_report = reports[i].id;
    }
    return in_report || error_set(error, "no passage '%s' in the index", id);
}

bool searcher_neighbour(searcher *s, const passage *p, int delta, passage *out,
                        char **error)
{
    memset(out, 0, sizeof *out);
    long order = (long)p->order + delta;
    if (order < 0)
        return false;
    xc_query *q = term_query(PREFIX_REPORT, p->report);
    if (!q)
        return error_set(error, "out of memory");
    bool found = false;
    bool ok = fetch_first(s, q, true, (uint32_t)order, out, &found, error);
    xc_query_free(q);
    return ok && found;
}

bool searcher_each_passage(searcher *s, passage_fn fn, void *ctx, char **error)
{
    enum { PAGE = 500 };
    xc_query *all = NULL;
    if (xc_query_match_all(&all, NULL) != XC_OK)
        return error_set(error, "out of memory");
    bool ok = true, go = true;
    for (uint32_t offset = 0; ok && go; offset += PAGE) {
        search_request req = {.offset = offset, .limit = PAGE};
        run r = {0};
        ok = run_query(s, all, &req, true, &r, error);
        size_t n = ok ? mset_size(r.mset) : 0;
        go = n == PAGE;
        for (size_t i = 0; ok && i < n; i++) {
            char *data = NULL;
            size_t len = 0;
            passage p;
            ok = read_hit_data(s, r.mset, i, &data, &len, error) &&
                 passage_decode(data, len, &p, error);
            free(data);
            if (!ok)
                break;
            bool more = fn(&p, ctx);
            passage_free(&p);
            if (!more) {
                go = false;
                break;
            }
        }
        run_free(&r);
    }
    xc_query_free(all);
    return ok;
}
