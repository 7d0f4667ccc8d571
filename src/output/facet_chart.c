/* brief facets' chart: how the matching passages spread over pillars,
 * agencies, actors, kinds and reports, as bars, or as JSON in the chart's
 * order (each value in view_facet_value's shape, as search --facets). */
#include "facet_chart.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"
#include "view.h"

/* The facets in the order drawn. */
static const facet_name chart_order[] = {FACET_PILLAR, FACET_AGENCY, FACET_ACTOR,
                                         FACET_KIND, FACET_REPORT};
#define CHART_FACETS (sizeof chart_order / sizeof *chart_order)

/* One facet's values, ordered for the chart (borrowed strings). */
typedef struct bars {
    const char **labels;
    unsigned *counts;
    size_t n;
} bars;

static void bars_free(bars *b)
{
    free(b->labels);
    free(b->counts);
    memset(b, 0, sizeof *b);
}

static const facet_value *sort_base;

static int by_count(const void *a, const void *b)
{
    const facet_value *x = &sort_base[*(const size_t *)a];
    const facet_value *y = &sort_base[*(const size_t *)b];
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->value, y->value);
}

/* Pillars 1-PILLAR_MAX in order (0 when none match) and then "none" when some
 * passages have no pillar; every other facet by count, largest first. */
static bool order_facet(const search_result *res, facet_name f, bars *out)
{
    static const char *const pillars[] = {"1", "2", "3", "4", "5", "6", "none"};
    _Static_assert(sizeof pillars / sizeof *pillars == PILLAR_MAX + 1,
                   "a label for each pillar, then none");
    const facet_value *v = res->facets[f];
    size_t n = res->facet_counts[f];
    size_t cap = f == FACET_PILLAR ? n + PILLAR_MAX + 1 : n;
    memset(out, 0, sizeof *out);
    out->labels = calloc(cap ? cap : 1, sizeof *out->labels);
    out->counts = calloc(cap ? cap : 1, sizeof *out->counts);
    if (!out->labels || !out->counts) {
        bars_free(out);
        return false;
    }
    if (f == FACET_PILLAR) {
        unsigned with_pillar = 0, none = 0;
        bool none_counted = false;
        for (size_t p = 0; p <= PILLAR_MAX; p++) {
            unsigned count = 0;
            for (size_t i = 0; i < n; i++)
                if (strcmp(v[i].value, pillars[p]) == 0)
                    count = v[i].count;
            if (p < PILLAR_MAX) {
                out->labels[out->n] = pillars[p];
                out->counts[out->n++] = count;
                with_pillar += count;
            } else if (count) {
                none = count;
                none_counted = true;
            }
        }
        /* A passage has one pillar at most: the rest have none. */
        if (!none_counted && res->total > with_pillar)
            none = res->total - with_pillar;
        if (none) {
            out->labels[out->n] = "none";
            out->counts[out->n++] = none;
        }
        return true;
    }
    size_t *idx = calloc(n ? n : 1, sizeof *idx);
    if (!idx) {
        bars_free(out);
        return false;
    }
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    sort_base = v;
    qsort(idx, n, sizeof *idx, by_count);
    for (size_t i = 0; i < n; i++) {
        out->labels[out->n] = v[idx[i]].value;
        out->counts[out->n++] = v[idx[i]].count;
    }
    free(idx);
    return true;
}

/* ---- text: bars ------------------------------------------------------------ */

/* Width in columns of UTF-8 text (one column a code point: the labels are
 * names of agencies and places). */
static size_t text_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            w++;
    return w;
}

/* Prints label in exactly `width` columns: cut with "…" or padded. */
static void put_label(FILE *out, const char *label, size_t width)
{
    size_t w = text_width(label);
    if (w <= width) {
        puts_safe(out, label);
        fprintf(out, "%*s", (int)(width - w), "");
        return;
    }
    size_t cols = 0, bytes = 0;
    while (label[bytes] && cols + 1 < width) {
        bytes++;
        while (((unsigned char)label[bytes] & 0xC0) == 0x80)
            bytes++;
        cols++;
    }
    put_safe(out, label, bytes);
    fputs("…", out);
    fprintf(out, "%*s", (int)(width - cols - 1), "");
}

/* A bar of count/max of `width` cells, in eighths of a cell, padded. */
static void put_bar(FILE *out, unsigned count, unsigned max, size_t width)
{
    static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    unsigned long long cells = max ? (unsigned long long)count * width * 8 / max : 0;
    if (count && !cells)
        cells = 1;   /* a count that is there shows */
    size_t full = (size_t)(cells / 8), rest = (size_t)(cells % 8);
    for (size_t i = 0; i < full; i++)
        fputs("█", out);
    fputs(eighths[rest], out);
    fprintf(out, "%*s", (int)(width - full - (rest ? 1 : 0)), "");
}

static void print_title(FILE *out, const search_result *res, const char *query,
                        const string_list *filters, unsigned passages)
{
    if (!*query && !filters->count) {
        fprintf(out, "%u passages: the whole index", res->total);
        return;
    }
    fprintf(out, "%u of %u passages match", res->total, passages);
    if (*query) {
        fputs(" ", out);
        puts_safe(out, res->corrected && res->suggestion ? res->suggestion : query);
    }
    for (size_t i = 0; i < filters->count; i++) {
        fputs(" ", out);
        puts_safe(out, filters->items[i]);
    }
    if (res->partial)
        fputs(" (partial matches)", out);
}

bool print_facet_chart(FILE *out, const search_result *res, const char *query,
                        const string_list *filters, unsigned passages,
                        size_t limit, const style *st)
{
    bars b[CHART_FACETS];
    size_t label_width = 4, count_width = 1;
    for (size_t k = 0; k < CHART_FACETS; k++) {
        if (!order_facet(res, chart_order[k], &b[k])) {
            for (size_t j = 0; j < k; j++)
                bars_free(&b[j]);
            return false;
        }
        for (size_t i = 0; i < b[k].n && (!limit || i < limit); i++) {
            size_t w = text_width(b[k].labels[i]);
            if (w > label_width)
                label_width = w;
            int digits = snprintf(NULL, 0, "%u", b[k].counts[i]);
            if ((size_t)digits > count_width)
                count_width = (size_t)digits;
        }
    }
    /* "  label  bar count  pct%": the bar takes what is left of the line
     * (one column short of it, so that no terminal wraps). */
    size_t columns = (size_t)terminal_columns(out);
    if (columns < 40)
        columns = 40;
    size_t fixed = 2 + 2 + 1 + count_width + 2 + 4 + 1;
    size_t max_label = (columns - fixed) / 2;
    if (label_width > max_label)
        label_width = max_label;
    size_t bar_width = columns - fixed - label_width;

    style_on(out, st, SGR_BOLD);
    print_title(out, res, query, filters, passages);
    style_off(out, st);
    fputc('\n', out);
    for (size_t k = 0; res->total && k < CHART_FACETS; k++) {
        facet_name f = chart_order[k];
        /* One report is no news: its bar only when there are several. */
        if (f == FACET_REPORT && b[k].n < 2)
            continue;
        fputc('\n', out);
        style_on(out, st, SGR_BOLD);
        fputs(facet_name_text(f), out);
        style_off(out, st);
        fputc('\n', out);
        if (!b[k].n)
            fputs("  (none)\n", out);
        unsigned max = 0;
        for (size_t i = 0; i < b[k].n; i++)
            if (b[k].counts[i] > max)
                max = b[k].counts[i];
        size_t shown = f == FACET_PILLAR || !limit || b[k].n < limit ? b[k].n : limit;
        for (size_t i = 0; i < shown; i++) {
            fputs("  ", out);
            put_label(out, b[k].labels[i], label_width);
            fputs("  ", out);
            style_on(out, st, SGR_FACET);
            put_bar(out, b[k].counts[i], max, bar_width);
            style_off(out, st);
            unsigned pct = res->total ? (unsigned)((b[k].counts[i] * 100ULL +
                                                    res->total / 2) / res->total) : 0;
            fprintf(out, " %*u  %3u%%\n", (int)count_width, b[k].counts[i], pct);
        }
        if (shown < b[k].n) {
            style_on(out, st, SGR_DIM);
            fprintf(out, "  … %zu more (--limit 0 shows them all)\n", b[k].n - shown);
            style_off(out, st);
        }
    }
    for (size_t k = 0; k < CHART_FACETS; k++)
        bars_free(&b[k]);
    return true;
}

/* ---- JSON ------------------------------------------------------------------ */

bool print_facet_json(FILE *out, const search_result *res, const char *query,
                              unsigned passages, size_t limit)
{
    json_t *root = json_object(), *facets = json_object();
    bool ok = root && facets;
    if (ok) {
        json_object_set_new(root, "query", json_string(query));
        json_object_set_new(root, "corrected", res->corrected && res->suggestion
                                                   ? json_string(res->suggestion)
                                                   : json_null());
        json_object_set_new(root, "partial", json_boolean(res->partial));
        json_object_set_new(root, "total", json_integer(res->total));
        json_object_set_new(root, "passages", json_integer(passages));
        json_object_set(root, "facets", facets);
    }
    for (size_t k = 0; ok && k < CHART_FACETS; k++) {
        facet_name f = chart_order[k];
        bars b;
        json_t *list = json_array();
        bool ordered = list && order_facet(res, f, &b);
        ok = ordered;
        for (size_t i = 0; ok && i < b.n && (f == FACET_PILLAR || !limit || i < limit); i++) {
            json_t *item = view_facet_value(f, b.labels[i], b.counts[i]);
            ok = item && json_array_append_new(list, item) == 0;
        }
        if (ordered)
            bars_free(&b);
        /* set_new takes the list, even when it fails. */
        ok = ok ? json_object_set_new(facets, facet_name_text(f), list) == 0
                : (json_decref(list), false);
    }
    ok = ok && print_json(out, root, false);
    json_decref(facets);
    json_decref(root);
    return ok;
}
