/* The PDF reader: poppler-glib gives each page's text in reading order
 * (columns followed one after the other), a box for every character and
 * the font of every run.  From them: lines with their page, size and
 * weight; paragraph breaks from vertical gaps and indented first lines;
 * headings from a larger size or a bold face standing alone; a headline's
 * bold start; running headers, page numbers and footnote text (smaller
 * than the body, at the foot of a page) left out.  The text reader does
 * the rest with the same rules as for text.
 *
 * poppler-glib is loaded with dlopen when a PDF comes, not linked: it
 * brings poppler, cairo and glib, and every search is a whole process that
 * would pay to load them. */
#include "ingest.h"

#include <ctype.h>
#include <dlfcn.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <poppler.h>

#include "array.h"
#include "error.h"
#include "strbuf.h"
#include "strset.h"

#define POPPLER_SONAME "libpoppler-glib.so.8"
#define MAX_PAGES 5000
#define MAX_LINES 2000000

typedef struct poppler_api {
    void *lib;
    GBytes *(*bytes_new_static)(gconstpointer, gsize);
    void (*bytes_unref)(GBytes *);
    PopplerDocument *(*document_new)(GBytes *, const char *, GError **);
    int (*n_pages)(PopplerDocument *);
    PopplerPage *(*get_page)(PopplerDocument *, int);
    char *(*page_text)(PopplerPage *);
    void (*page_size)(PopplerPage *, double *, double *);
    gboolean (*text_layout)(PopplerPage *, PopplerRectangle **, guint *);
    GList *(*text_attributes)(PopplerPage *);
    void (*free_attributes)(GList *);
    char *(*title)(PopplerDocument *);
    char *(*author)(PopplerDocument *);
    void (*object_unref)(gpointer);
    void (*free)(gpointer);
    void (*error_free)(GError *);
} poppler_api;

/* Loaded once, the first time a PDF comes, and kept (GLib's type system
 * cannot be unloaded). */
static bool load_api(poppler_api *api)
{
    static poppler_api loaded;
    if (loaded.lib) {
        *api = loaded;
        return true;
    }
    memset(api, 0, sizeof *api);
    api->lib = dlopen(POPPLER_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!api->lib)
        return false;
    /* glib and gobject come with it: their symbols are found through it */
#define SYM(field, name) (*(void **)&api->field = dlsym(api->lib, name)) != NULL
    bool ok = SYM(bytes_new_static, "g_bytes_new_static") && SYM(bytes_unref, "g_bytes_unref") &&
              SYM(document_new, "poppler_document_new_from_bytes") &&
              SYM(n_pages, "poppler_document_get_n_pages") &&
              SYM(get_page, "poppler_document_get_page") &&
              SYM(page_text, "poppler_page_get_text") &&
              SYM(page_size, "poppler_page_get_size") &&
              SYM(text_layout, "poppler_page_get_text_layout") &&
              SYM(text_attributes, "poppler_page_get_text_attributes") &&
              SYM(free_attributes, "poppler_page_free_text_attributes") &&
              SYM(title, "poppler_document_get_title") &&
              SYM(author, "poppler_document_get_author") &&
              SYM(object_unref, "g_object_unref") && SYM(free, "g_free") &&
              SYM(error_free, "g_error_free");
#undef SYM
    if (!ok) {
        dlclose(api->lib);
        api->lib = NULL;
    } else {
        loaded = *api;
    }
    return ok;
}

/* A line of a page as poppler laid it out. */
typedef struct pdf_line {
    size_t start, len;      /* in the page's text (bytes) */
    double x0, y0, y1;      /* left, top, bottom */
    double size;            /* the size most of its characters have */
    size_t chars, bold_chars, small_chars;
    size_t bold_prefix;     /* bytes from the start in a bold face */
    int page;
    int column;             /* 0 left (or the only one), 1 right */
} pdf_line;

typedef struct pdf_lines {
    pdf_line *items;
    size_t count, cap;
    strbuf text;            /* every page's text, one after the other */
} pdf_lines;

static bool is_bold_font(const char *name)
{
    return name && (strstr(name, "Bold") || strstr(name, "bold") || strstr(name, "Black") ||
                    strstr(name, "Heavy") || strstr(name, "Semibold"));
}

/* The attributes run covering character c, walking forward. */
static const PopplerTextAttributes *run_at(GList **cursor, int c)
{
    while (*cursor && ((PopplerTextAttributes *)(*cursor)->data)->end_index < c)
        *cursor = (*cursor)->next;
    if (!*cursor)
        return NULL;
    const PopplerTextAttributes *a = (*cursor)->data;
    return a->start_index <= c ? a : NULL;
}

static bool push_line(pdf_lines *out, const pdf_line *l)
{
    if (!array_make_room(&out->items, &out->cap, out->count, sizeof *out->items, 256))
        return false;
    out->items[out->count++] = *l;
    return true;
}

/* A line that is only a list mark: a bullet, or "3." */
static bool lone_mark(const char *s, size_t len)
{
    static const char *const marks[] = {"\xe2\x80\xa2", "\xc2\xa1", "-", "\xe2\x80\x93",
                                        "\xe2\x96\xaa", "\xe2\x97\xa6", "\xe2\x97\x8f",
                                        "*", NULL};
    for (size_t i = 0; marks[i]; i++)
        if (len == strlen(marks[i]) && memcmp(s, marks[i], len) == 0)
            return true;
    size_t d = 0;
    while (d < len && isdigit((unsigned char)s[d]))
        d++;
    return d > 0 && d <= 2 && d + 1 == len && (s[d] == '.' || s[d] == ')');
}

static int compare_reading(const void *a, const void *b)
{
    const pdf_line *x = a, *y = b;
    if (x->column != y->column)
        return x->column - y->column;
    if (fabs(x->y0 - y->y0) > 3) /* pieces of one printed line: left first */
        return x->y0 < y->y0 ? -1 : 1;
    return x->x0 < y->x0 ? -1 : x->x0 > y->x0 ? 1 : 0;
}

#define MIN_COLUMN_LINES 5

/* A page printed in two columns: lines starting right of the middle,
 * enough of them to be a column.  Its lines are read left column first,
 * each top to bottom, whatever order the PDF drew them in. */
static void order_columns(const char *text, pdf_line *lines, size_t n, double width)
{
    if (n < 2)
        return; /* (lines may be NULL) */
    size_t right = 0;
    for (size_t i = 0; i < n; i++)
        right += lines[i].x0 >= width / 2;
    for (size_t i = 0; i < n; i++)
        lines[i].column = right >= MIN_COLUMN_LINES && lines[i].x0 >= width / 2;
    /* a bullet or number drawn apart goes with the line beside it, whose
     * box its own smaller one may not line up with */
    for (size_t i = 0; i < n; i++) {
        pdf_line *m = &lines[i];
        if (!lone_mark(text + m->start, m->len))
            continue;
        double mid = (m->y0 + m->y1) / 2;
        for (size_t j = 0; j < n; j++) {
            const pdf_line *t = &lines[j];
            if (j != i && t->x0 > m->x0 && t->x0 - m->x0 < 60 && t->y0 <= mid &&
                mid <= t->y1 && !lone_mark(text + t->start, t->len)) {
                m->y0 = t->y0;
                m->column = t->column;
                break;
            }
        }
    }
    qsort(lines, n, sizeof *lines, compare_reading);
}

/* A line in the making: its fonts' sizes, counted. */
typedef struct line_builder {
    pdf_line l;
    double sizes[8];
    size_t size_counts[8];
    bool bold_run;
    double last_x;          /* right edge of its last character */
} line_builder;

static void line_start(line_builder *lb, size_t start, int page)
{
    memset(lb, 0, sizeof *lb);
    lb->l = (pdf_line){.start = start, .x0 = INFINITY, .y0 = INFINITY, .page = page};
    lb->bold_run = true;
}

/* Ends the line at byte end (of out->text), spaces at its end left out. */
static bool line_end(pdf_lines *out, line_builder *lb, size_t end)
{
    while (end > lb->l.start && out->text.data[end - 1] == ' ')
        end--;
    lb->l.len = end - lb->l.start;
    size_t best_count = 0;
    for (int k = 0; k < 8; k++)
        if (lb->size_counts[k] > best_count)
            lb->l.size = lb->sizes[k], best_count = lb->size_counts[k];
    if (!lb->l.len || !lb->l.chars || out->count >= MAX_LINES)
        return true;
    return push_line(out, &lb->l);
}

/* One page: its text, split into lines, each with its box and fonts.  A
 * line poppler ran across a column gap becomes two. */
static bool read_page(const poppler_api *api, PopplerPage *page, int number,
                      pdf_lines *out)
{
    size_t first_line = out->count;
    char *text = api->page_text(page);
    if (!text)
        return true;
    PopplerRectangle *rects = NULL;
    guint n_rects = 0;
    bool have_layout = api->text_layout(page, &rects, &n_rects);
    GList *attrs = api->text_attributes(page);
    GList *cursor = attrs;
    size_t base = out->text.len;
    strbuf_puts(&out->text, text);
    strbuf_putc(&out->text, '\n');
    line_builder lb;
    line_start(&lb, base, number);
    int c = 0; /* character index, as poppler counts them */
    bool ok = !out->text.failed;
    for (const char *p = text; ok; c++) {
        unsigned char b = (unsigned char)*p;
        size_t clen = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        size_t at = (size_t)(p - text) + base;
        if (!*p || *p == '\n') {
            ok = line_end(out, &lb, at);
            if (!*p)
                break;
            p++;
            line_start(&lb, at + 1, number);
            continue;
        }
        const PopplerTextAttributes *a = run_at(&cursor, c);
        if (!isspace(b)) {
            double size = a ? a->font_size : 0;
            if (have_layout && (guint)c < n_rects) {
                const PopplerRectangle *r = &rects[c];
                bool gap = r->x1 - lb.last_x > (size > 0 ? size : 10) * 1.5;
                bool other_line = r->y1 > lb.l.y1 || r->y2 < lb.l.y0;
                if (lb.l.chars && (gap || other_line)) {
                    /* a gap wider than words have (another column), or a
                     * character above or below the line (a mark drawn
                     * apart): another line */
                    ok = line_end(out, &lb, at);
                    line_start(&lb, at, number);
                }
                if (r->x1 < lb.l.x0)
                    lb.l.x0 = r->x1;
                if (r->y1 < lb.l.y0)
                    lb.l.y0 = r->y1;
                if (r->y2 > lb.l.y1)
                    lb.l.y1 = r->y2;
                lb.last_x = r->x2;
            }
            lb.l.chars++;
            bool bold = a && is_bold_font(a->font_name);
            lb.l.bold_chars += bold;
            if (lb.bold_run && bold)
                lb.l.bold_prefix = at - lb.l.start + clen;
            lb.bold_run = lb.bold_run && bold;
            for (int k = 0; k < 8; k++)
                if (lb.size_counts[k] == 0 || fabs(lb.sizes[k] - size) < 0.1) {
                    lb.sizes[k] = size;
                    lb.size_counts[k]++;
                    break;
                }
        }
        for (size_t k = 0; k < clen; k++)
            if (!*++p)
                break; /* a truncated UTF-8 sequence at the end */
    }
    if (attrs)
        api->free_attributes(attrs);
    api->free(rects);
    api->free(text);
    double width = 0, height = 0;
    api->page_size(page, &width, &height);
    if (ok)
        order_columns(out->text.data, out->items + first_line, out->count - first_line,
                      width);
    return ok && !out->text.failed;
}

/* ---- from lines to text with line_info -------------------------------- */

/* The body's size: the one most characters have. */
static double body_size(const pdf_lines *ls)
{
    double sizes[32] = {0};
    size_t counts[32] = {0};
    for (size_t i = 0; i < ls->count; i++)
        for (int k = 0; k < 32; k++)
            if (counts[k] == 0 || fabs(sizes[k] - ls->items[i].size) < 0.1) {
                sizes[k] = ls->items[i].size;
                counts[k] += ls->items[i].chars;
                break;
            }
    double best = 0;
    size_t best_count = 0;
    for (int k = 0; k < 32; k++)
        if (counts[k] > best_count)
            best = sizes[k], best_count = counts[k];
    return best;
}

/* Heading levels: the sizes above the body's, largest first, are levels
 * 1, 2 ...; a bold line at the body's size is the level after them. */
static int heading_level(const pdf_line *l, double body, const double *larger, int n_larger)
{
    bool bold = l->chars && l->bold_chars == l->chars;
    if (l->size > body * 1.05) {
        for (int k = 0; k < n_larger; k++)
            if (fabs(larger[k] - l->size) < 0.1)
                return k + 1 > 3 ? 3 : k + 1;
        return 3;
    }
    if (bold && fabs(l->size - body) < 0.1)
        return n_larger + 1 > 3 ? 3 : n_larger + 1;
    return 0;
}

/* A table of contents' line: a dot leader before a page number ("Naming
 * . . . . 3"), which is no heading whatever its font. */
static bool dot_leader(const char *s, size_t len)
{
    size_t dots = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '.' && (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == '.'))
            dots++;
        else if (s[i] != ' ')
            dots = dots >= 4 ? dots : 0;   /* a leader's dots come in a row */
    return dots >= 4;
}

static int compare_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

static bool digits_only(const char *s, size_t len)
{
    if (!len || len > 5)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* The line with its digits as '#': a running header or footer is the
 * same on every page but for the page number. */
static void shape_of(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < cap; i++)
        out[n++] = isdigit((unsigned char)s[i]) ? '#' : s[i];
    out[n] = '\0';
}

/* Each page's top and foot: the least and the greatest height of its
 * lines. */
static void page_edges(const pdf_lines *ls, double *top, double *foot)
{
    for (size_t i = 0; i < ls->count; i++) {
        const pdf_line *l = &ls->items[i];
        size_t p = (size_t)l->page;
        if (l->y0 < top[p])
            top[p] = l->y0;
        if (l->y1 > foot[p])
            foot[p] = l->y1;
    }
}

/* Page furniture: the lines at the top and foot of pages that repeat
 * (digits aside) on other pages, or are a page number; and footnotes: a
 * smaller line that starts with its number, and the smaller lines after
 * it. */
static bool mark_furniture(const pdf_lines *ls, double body, unsigned char *drop,
                           int pages)
{
    const char *t = ls->text.data;
    double *top = malloc(((size_t)pages + 2) * sizeof *top);
    double *foot = malloc(((size_t)pages + 2) * sizeof *foot);
    strset shapes = STRSET_INIT;
    bool ok = top && foot;
    for (int p = 0; ok && p <= pages + 1; p++)
        top[p] = INFINITY, foot[p] = -INFINITY;
    if (ok)
        page_edges(ls, top, foot);
    /* a header or footer's shape (digits as '#', its height) on how many
     * pages */
    char shape[320];
    for (int pass = 0; ok && pass < 2; pass++)
        for (size_t i = 0; ok && i < ls->count; i++) {
            const pdf_line *l = &ls->items[i];
            bool edge = l->y0 <= top[l->page] + 1 || l->y1 >= foot[l->page] - 1;
            if (!edge)
                continue;
            if (digits_only(t + l->start, l->len)) {
                drop[i] = 1;
                continue;
            }
            int n = snprintf(shape, sizeof shape, "%.0f|", l->y0);
            shape_of(t + l->start, l->len, shape + n, sizeof shape - (size_t)n);
            if (pass == 0)
                ok = strset_add(&shapes, shape, strlen(shape));
            else if (strset_count(&shapes, shape, strlen(shape)) >= 2)
                drop[i] = 1;
        }
    free(top);
    free(foot);
    strset_free(&shapes);
    if (!ok)
        return false;
    /* footnotes: smaller lines with nothing of the body's size below them
     * in their column */
    for (size_t i = 0; i < ls->count; i++) {
        const pdf_line *l = &ls->items[i];
        if (drop[i] || l->size <= 0 || l->size >= body * 0.9)
            continue;
        bool at_foot = true;
        for (size_t j = i + 1; j < ls->count && at_foot; j++) {
            const pdf_line *m = &ls->items[j];
            if (m->page != l->page || m->column != l->column)
                break;
            at_foot = drop[j] || m->size < body * 0.9;
        }
        if (at_foot)
            drop[i] = 2;
    }
    return true;
}

/* A line, with a space after a bullet or number glued to its first word
 * ("•Congress", "1.Advance"). */
static void append_line(strbuf *text, const char *s, size_t len)
{
    static const char bullet[] = "\xe2\x80\xa2";
    size_t mark = 0;
    if (len > 3 && memcmp(s, bullet, 3) == 0 && s[3] != ' ')
        mark = 3;
    size_t d = 0;
    while (d < len && d < 3 && isdigit((unsigned char)s[d]))
        d++;
    if (d && d < 3 && d + 1 < len && s[d] == '.' && isupper((unsigned char)s[d + 1]))
        mark = d + 1;
    if (mark) {
        strbuf_append(text, s, mark);
        strbuf_putc(text, ' ');
        s += mark;
        len -= mark;
    }
    strbuf_append(text, s, len);
}

/* The left edge of each page's columns (index page * 2 + column): the
 * least left of their kept lines, marks drawn apart aside.  A line's indent
 * is its left less its column's, the same in either column. */
static double *column_lefts(const pdf_lines *ls, const unsigned char *drop)
{
    int last_page = 0;
    for (size_t i = 0; i < ls->count; i++)
        if (ls->items[i].page > last_page)
            last_page = ls->items[i].page;
    size_t n = ((size_t)last_page + 1) * 2;
    double *left = malloc(n * sizeof *left);
    if (!left)
        return NULL;
    for (size_t k = 0; k < n; k++)
        left[k] = INFINITY;
    for (size_t i = 0; i < ls->count; i++) {
        const pdf_line *l = &ls->items[i];
        size_t k = (size_t)l->page * 2 + (size_t)l->column;
        if (!drop[i] && !lone_mark(ls->text.data + l->start, l->len) && l->x0 < left[k])
            left[k] = l->x0;
    }
    return left;
}

static double indent_of(const pdf_line *l, const double *left)
{
    double edge = left[(size_t)l->page * 2 + (size_t)l->column];
    return isfinite(edge) ? l->x0 - edge : 0;
}

/* Writes the kept lines as text, a blank line where a paragraph ends (a
 * gap wider than the lines', a first line indented more than the line
 * before after a finished sentence, in its column or atop the next one,
 * or a bold start after one), with the info of each line. */
static bool lines_to_text(const pdf_lines *ls, const unsigned char *drop, double body,
                          strbuf *text, line_info **info_out, size_t *count_out)
{
    double larger[16];
    int n_larger = 0;
    for (size_t i = 0; i < ls->count; i++) {
        double s = ls->items[i].size;
        if (drop[i] || s <= body * 1.05)
            continue;
        bool seen = false;
        for (int k = 0; k < n_larger; k++)
            seen |= fabs(larger[k] - s) < 0.1;
        if (!seen && n_larger < 16)
            larger[n_larger++] = s;
    }
    qsort(larger, (size_t)n_larger, sizeof(double), compare_desc);

    const char *t = ls->text.data;
    line_info *info = calloc(2 * ls->count + 1, sizeof *info);
    int *levels = calloc(ls->count + 1, sizeof *levels);
    double *left = column_lefts(ls, drop);
    if (!info || !levels || !left) {
        free(info);
        free(levels);
        free(left);
        return false;
    }
    for (size_t i = 0; i < ls->count; i++)
        levels[i] = drop[i] || dot_leader(t + ls->items[i].start, ls->items[i].len)
                        ? 0
                        : heading_level(&ls->items[i], body, larger, n_larger);
    /* bold lines at the body's size that run on into regular text without
     * a gap start a paragraph (a recommendation's headline), not a section */
    for (size_t i = 0; i < ls->count;) {
        size_t j = i;
        while (j < ls->count && (drop[j] || (levels[j] && fabs(ls->items[j].size - body) < 0.1)))
            j++;
        if (j > i && j < ls->count && !levels[j]) {
            const pdf_line *last = &ls->items[j - 1], *next = &ls->items[j];
            double height = next->y1 - next->y0;
            if (next->page == last->page && next->y0 - last->y1 < height * 0.6 &&
                next->y0 > last->y0)
                for (size_t k = i; k < j; k++)
                    levels[k] = 0;
        }
        i = j > i ? j : i + 1;
    }
    size_t n = 0;
    const pdf_line *prev = NULL;
    int prev_level = 0;
    bool pending_mark = false;
    double prev_indent = INFINITY; /* the indent of the line before */
    for (size_t i = 0; i < ls->count; i++) {
        const pdf_line *l = &ls->items[i];
        if (drop[i])
            continue;
        int heading = levels[i];
        if (prev && !pending_mark) {
            double height = l->y1 - l->y0;
            double gap = l->y0 - prev->y1;
            bool same_column = l->page == prev->page && gap > -height;
            bool wide_gap = same_column && gap > height * 0.6;
            bool sentence_end = text_ends_sentence(t + prev->start, prev->len);
            bool indented = indent_of(l, left) > indent_of(prev, left) + body * 0.8 &&
                            sentence_end;
            bool bold_start = l->bold_prefix > 0 && prev->bold_prefix == 0 && sentence_end;
            /* a heading's lines have one level and one page */
            bool other_heading = heading != prev_level || (heading && l->page != prev->page);
            if (wide_gap || indented || bold_start || other_heading) {
                strbuf_putc(text, '\n');
                info[n++] = (line_info){.page = l->page};
            }
        }
        if (lone_mark(t + l->start, l->len) && i + 1 < ls->count && !drop[i + 1] &&
            ls->items[i + 1].page == l->page) {
            /* a bullet or number drawn apart from its item's first line */
            strbuf_append(text, t + l->start, l->len);
            strbuf_putc(text, ' ');
            pending_mark = true;
            continue;
        }
        if (pending_mark) {
            pending_mark = false;
            append_line(text, t + l->start, l->len);
            strbuf_putc(text, '\n');
            info[n++] = (line_info){.page = l->page};
            prev = l;
            prev_level = 0;
            continue;
        }
        bool column_top = !prev || prev->page != l->page || prev->column != l->column;
        double indent = indent_of(l, left);
        append_line(text, t + l->start, l->len);
        strbuf_putc(text, '\n');
        info[n++] = (line_info){.page = l->page, .heading = heading,
                                .bold_prefix = l->bold_prefix,
                                .column_top = column_top && indent <= prev_indent + 1};
        prev = l;
        prev_level = heading;
        prev_indent = indent;
    }
    free(levels);
    free(left);
    *info_out = info;
    *count_out = n;
    return !text->failed;
}

static char *dup_nonempty(const poppler_api *api, char *s)
{
    char *out = s && *s ? strdup(s) : NULL;
    if (s)
        api->free(s);
    return out;
}

bool ingest_read_pdf(const char *path, const char *bytes, size_t len, draft *out,
                     char **error)
{
    poppler_api api;
    if (!load_api(&api))
        return error_set(error, "%s: a PDF needs poppler-glib (%s), which is not "
                         "installed", path, POPPLER_SONAME);
    GBytes *data = api.bytes_new_static(bytes, len);
    GError *gerr = NULL;
    PopplerDocument *doc = api.document_new(data, NULL, &gerr);
    bool ok = true;
    if (!doc) {
        bool encrypted = gerr && gerr->code == POPPLER_ERROR_ENCRYPTED;
        ok = error_set(error, "%s: %s", path,
                       encrypted ? "an encrypted PDF (brief reads no password-protected file)"
                                 : "a damaged PDF (poppler cannot read it)");
        if (gerr)
            api.error_free(gerr);
    }
    pdf_lines ls = {0};
    int pages = ok ? api.n_pages(doc) : 0;
    if (ok && pages > MAX_PAGES)
        ok = error_set(error, "%s: %d pages: more than brief reads (%d)", path, pages,
                       MAX_PAGES);
    for (int i = 0; ok && i < pages; i++) {
        PopplerPage *page = api.get_page(doc, i);
        if (!page)
            continue;
        ok = read_page(&api, page, i + 1, &ls) || error_set(error, "%s: out of memory", path);
        api.object_unref(page);
    }
    size_t chars = 0;
    for (size_t i = 0; i < ls.count; i++)
        chars += ls.items[i].chars;
    if (ok && chars == 0)
        ok = error_set(error, "%s: a PDF without text (scanned images?): nothing to "
                       "index; run OCR on it first", path);
    if (ok) {
        out->title = dup_nonempty(&api, api.title(doc));
        out->authors = dup_nonempty(&api, api.author(doc));
        /* the creation date is the file's, not the report's: not used */
        double body = body_size(&ls);
        unsigned char *drop = calloc(ls.count + 1, 1);
        strbuf text = STRBUF_INIT;
        line_info *info = NULL;
        size_t n_info = 0;
        ok = drop != NULL;
        if (ok)
            ok = mark_furniture(&ls, body, drop, pages);
        if (ok) {
            for (size_t i = 0; i < ls.count; i++)
                if (drop[i] == 1)
                    ingest_metadata_from_header(out, ls.text.data + ls.items[i].start,
                                                ls.items[i].len);
            ok = lines_to_text(&ls, drop, body, &text, &info, &n_info);
        }
        if (!ok)
            error_set(error, "%s: out of memory", path);
        else
            ok = ingest_read_lines(path, strbuf_str(&text), text.len, info, n_info, out,
                                   error);
        free(info);
        free(drop);
        strbuf_free(&text);
    }
    free(ls.items);
    strbuf_free(&ls.text);
    if (doc)
        api.object_unref(doc);
    api.bytes_unref(data);
    return ok;
}
