/* The edition is faithful to the received text.
 *
 * corpus/usrok2020/report.md (the edition) must hold exactly the words of
 * corpus/usrok2020/received.txt (as extracted from the PDF), except the
 * artefacts listed in corpus/usrok2020/artefacts.tsv (running headers, the
 * page number, drop caps).  Both texts are cut into words the same way:
 *
 *   - a line-break hyphen ("vola-" / "tility") joins the next line's word;
 *   - a hyphen or dash between two word characters goes ("long-standing" ->
 *     "longstanding"), so whether the edition keeps or drops a hyphen, or
 *     where it moves a line break, does not matter;
 *   - NFKC, case folding and stripping of marks (utf8proc);
 *   - words are the runs of letters and digits.
 *
 * In the edition the front matter and <!-- ... --> comments (directives)
 * are not text, block-quote markers are markup and [^N] reads as N.  Then
 * received - artefacts' received text + artefacts' edition text must equal
 * the edition as multisets: nothing lost, nothing added.
 *
 * A second test shows the check catches a loss (and an addition) in a copy
 * of the edition altered in memory.  A third counts the recommendation
 * structure by scanning the edition's lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <utf8proc.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CORPUS BRIEF_SOURCE_DIR "/corpus/usrok2020/"

/* ---- helpers ------------------------------------------------------------ */

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        print_error("cannot open %s\n", path);
        return NULL;
    }
    char *data = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 65536;
            char *bigger = realloc(data, cap);
            if (!bigger) {
                free(data);
                fclose(f);
                return NULL;
            }
            data = bigger;
        }
        size_t got = fread(data + len, 1, 4096, f);
        len += got;
        if (got < 4096)
            break;
    }
    fclose(f);
    data[len] = '\0';
    return data;
}

typedef struct {
    int32_t *cp;
    size_t len, cap;
} cps;

static void cps_push(cps *c, int32_t cp)
{
    if (c->len == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 1024;
        c->cp = realloc(c->cp, c->cap * sizeof *c->cp);
        assert_non_null(c->cp);
    }
    c->cp[c->len++] = cp;
}

static bool is_word_cp(int32_t cp)
{
    utf8proc_category_t cat = utf8proc_category(cp);
    /* letters (Lu Ll Lt Lm Lo), marks (Mn Mc Me), numbers (Nd Nl No) */
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
}

static bool is_dash_cp(int32_t cp)
{
    return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

static bool is_space_cp(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' ||
           cp == '\v' || cp == 0x00A0;
}

/* ---- words ----------------------------------------------------------- */

typedef struct {
    char *word;
    int sign;
} token;

typedef struct {
    token *t;
    size_t len, cap;
} bag;

static void bag_add(bag *b, const char *word, size_t len, int sign)
{
    if (b->len == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 4096;
        b->t = realloc(b->t, b->cap * sizeof *b->t);
        assert_non_null(b->t);
    }
    char *w = malloc(len + 1);
    assert_non_null(w);
    memcpy(w, word, len);
    w[len] = '\0';
    b->t[b->len++] = (token){w, sign};
}

static void bag_free(bag *b)
{
    for (size_t i = 0; i < b->len; i++)
        free(b->t[i].word);
    free(b->t);
    *b = (bag){NULL, 0, 0};
}

/* Cuts text into words (see the top of the file) and adds them to b with
 * the given sign. */
static void add_words(bag *b, const char *text, size_t len, int sign)
{
    /* Code points. */
    cps in = {NULL, 0, 0};
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)text;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            print_error("invalid UTF-8 at byte %zu\n", i);
            fail();
        }
        cps_push(&in, cp);
        i += (size_t)n;
    }

    /* Line-break hyphens, then hyphens and dashes between word characters. */
    cps out = {NULL, 0, 0};
    for (size_t i = 0; i < in.len; i++) {
        int32_t cp = in.cp[i];
        bool after_word = out.len > 0 && is_word_cp(out.cp[out.len - 1]);
        if (cp == '-' && after_word) {
            size_t j = i + 1;
            while (j < in.len && (in.cp[j] == ' ' || in.cp[j] == '\t' || in.cp[j] == '\r'))
                j++;
            if (j < in.len && in.cp[j] == '\n') {
                while (j < in.len && is_space_cp(in.cp[j]))
                    j++;
                if (j < in.len && is_word_cp(in.cp[j])) {
                    i = j - 1; /* "vola-\ntility" -> "volatility" */
                    continue;
                }
            }
        }
        if (is_dash_cp(cp) && after_word && i + 1 < in.len && is_word_cp(in.cp[i + 1]))
            continue; /* "long-standing" -> "longstanding" */
        cps_push(&out, cp);
    }
    free(in.cp);

    /* Back to UTF-8, normalised. */
    size_t cap = out.len * 4 + 1, n = 0;
    utf8proc_uint8_t *joined = malloc(cap);
    assert_non_null(joined);
    for (size_t i = 0; i < out.len; i++)
        n += (size_t)utf8proc_encode_char(out.cp[i], joined + n);
    joined[n] = '\0';
    free(out.cp);
    utf8proc_uint8_t *norm = NULL;
    utf8proc_ssize_t nlen =
        utf8proc_map(joined, (utf8proc_ssize_t)n, &norm,
                     UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                         UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    free(joined);
    assert_true(nlen >= 0);

    /* Runs of word characters. */
    size_t start = 0;
    bool in_word = false;
    for (utf8proc_ssize_t i = 0; i <= nlen;) {
        utf8proc_int32_t cp = 0;
        utf8proc_ssize_t step = 1;
        if (i < nlen)
            step = utf8proc_iterate(norm + i, nlen - i, &cp);
        assert_true(step > 0);
        bool word = i < nlen && is_word_cp(cp);
        if (word && !in_word)
            start = (size_t)i;
        if (!word && in_word)
            bag_add(b, (const char *)norm + start, (size_t)i - start, sign);
        in_word = word;
        i += step;
    }
    free(norm);
}

/* The edition's text: front matter, comments and block-quote markers
 * removed, [^N] read as N. */
static char *edition_text(const char *md)
{
    const char *body = md;
    if (strncmp(md, "---\n", 4) == 0) {
        const char *end = strstr(md + 3, "\n---\n");
        assert_non_null(end);
        body = end + 5;
    }
    size_t len = strlen(body);
    char *out = malloc(len + 1);
    assert_non_null(out);
    size_t n = 0;
    bool line_start = true;
    for (const char *p = body; *p;) {
        if (strncmp(p, "<!--", 4) == 0) {
            const char *end = strstr(p + 4, "-->");
            assert_non_null(end);
            out[n++] = ' ';
            p = end + 3;
            continue;
        }
        if (p[0] == '[' && p[1] == '^') {
            const char *q = p + 2;
            while (*q >= '0' && *q <= '9')
                q++;
            if (q > p + 2 && *q == ']') {
                out[n++] = ' ';
                memcpy(out + n, p + 2, (size_t)(q - p - 2));
                n += (size_t)(q - p - 2);
                p = q + 1;
                continue;
            }
        }
        if (line_start) {
            /* indentation and block-quote markers */
            while (*p == ' ' || *p == '>')
                p++;
            line_start = false;
            continue;
        }
        if (*p == '\n')
            line_start = true;
        out[n++] = *p++;
    }
    out[n] = '\0';
    return out;
}

/* Adds the artefacts' received text (sign -1) or edition text (sign +1). */
static void add_artefacts(bag *b, const char *tsv, int column, int sign)
{
    bool header = true;
    for (const char *line = tsv; *line;) {
        const char *eol = strchr(line, '\n');
        if (!eol)
            eol = line + strlen(line);
        if (eol > line && *line != '#') {
            const char *tab1 = memchr(line, '\t', (size_t)(eol - line));
            const char *tab2 = tab1 ? memchr(tab1 + 1, '\t', (size_t)(eol - tab1 - 1)) : NULL;
            if (!tab1 || !tab2) {
                print_error("artefacts.tsv: not three columns: %.*s\n", (int)(eol - line), line);
                fail();
            }
            if (header) {
                assert_int_equal(eol - line, strlen("kind\treceived\tedition"));
                assert_memory_equal(line, "kind\treceived\tedition", eol - line);
                header = false;
            } else if (column == 1) {
                add_words(b, tab1 + 1, (size_t)(tab2 - tab1 - 1), sign);
            } else {
                add_words(b, tab2 + 1, (size_t)(eol - tab2 - 1), sign);
            }
        }
        line = *eol ? eol + 1 : eol;
    }
    assert_false(header);
}

static int by_word(const void *a, const void *b)
{
    return strcmp(((const token *)a)->word, ((const token *)b)->word);
}

/* Prints each word whose signed count is not zero (when report is not
 * NULL); returns how many there are.  what_pos / what_neg name the sides. */
static size_t bag_differences(bag *b, FILE *report, const char *what_pos,
                              const char *what_neg)
{
    qsort(b->t, b->len, sizeof *b->t, by_word);
    size_t differing = 0;
    for (size_t i = 0; i < b->len;) {
        size_t j = i;
        long net = 0;
        while (j < b->len && strcmp(b->t[j].word, b->t[i].word) == 0)
            net += b->t[j++].sign;
        if (net != 0) {
            differing++;
            if (report)
                fprintf(report, "  %s: \"%s\" x%ld\n", net > 0 ? what_pos : what_neg,
                        b->t[i].word, net > 0 ? net : -net);
        }
        i = j;
    }
    return differing;
}

/* The multiset check.  Returns the number of differing words (0: the
 * edition is faithful); reports them on report when not NULL. */
static size_t check_faithful(const char *received, const char *artefacts,
                             const char *edition_md, FILE *report)
{
    /* The artefacts' received text must be in the received text. */
    bag art = {NULL, 0, 0};
    add_words(&art, received, strlen(received), +1);
    add_artefacts(&art, artefacts, 1, -1);
    qsort(art.t, art.len, sizeof *art.t, by_word);
    size_t bad = 0;
    for (size_t i = 0; i < art.len;) {
        size_t j = i;
        long net = 0;
        while (j < art.len && strcmp(art.t[j].word, art.t[i].word) == 0)
            net += art.t[j++].sign;
        if (net < 0) {
            bad++;
            if (report)
                fprintf(report, "  artefact not in the received text: \"%s\" x%ld\n",
                        art.t[i].word, -net);
        }
        i = j;
    }
    bag_free(&art);

    bag b = {NULL, 0, 0};
    add_words(&b, received, strlen(received), +1);
    add_artefacts(&b, artefacts, 1, -1);
    add_artefacts(&b, artefacts, 2, +1);
    char *text = edition_text(edition_md);
    add_words(&b, text, strlen(text), -1);
    free(text);
    bad += bag_differences(&b, report, "missing from the edition",
                           "added by the edition");
    bag_free(&b);
    return bad;
}

typedef struct {
    char *received, *artefacts, *edition;
} inputs;

static int setup(void **state)
{
    inputs *in = calloc(1, sizeof *in);
    if (!in)
        return -1;
    in->received = read_file(CORPUS "received.txt");
    in->artefacts = read_file(CORPUS "artefacts.tsv");
    in->edition = read_file(CORPUS "report.md");
    *state = in;
    return in->received && in->artefacts && in->edition ? 0 : -1;
}

static int teardown(void **state)
{
    inputs *in = *state;
    if (in) {
        free(in->received);
        free(in->artefacts);
        free(in->edition);
        free(in);
    }
    return 0;
}

/* ---- tests ---------------------------------------------------------- */

static void test_edition_has_the_received_words(void **state)
{
    inputs *in = *state;
    size_t differing = check_faithful(in->received, in->artefacts, in->edition, stderr);
    if (differing)
        print_error("report.md differs from received.txt in %zu word(s), listed above\n",
                    differing);
    assert_int_equal(differing, 0);
}

/* Removes the first whole occurrence of word from a copy of text. */
static char *without_word(const char *text, const char *word)
{
    const char *body = strstr(text, "\n---\n");
    assert_non_null(body);
    size_t wl = strlen(word);
    for (const char *p = strstr(body + 5, word); p; p = strstr(p + 1, word)) {
        if (p[-1] == ' ' && p[wl] == ' ') {
            size_t len = strlen(text);
            char *copy = malloc(len + 1);
            assert_non_null(copy);
            size_t at = (size_t)(p - text);
            memcpy(copy, text, at);
            memcpy(copy + at, p + wl + 1, len - at - wl); /* and one space */
            return copy;
        }
    }
    fail_msg("\"%s\" not found in the edition", word);
    return NULL;
}

static void test_check_catches_a_lost_or_added_word(void **state)
{
    inputs *in = *state;

    char *lost = without_word(in->edition, "alliance");
    fprintf(stderr, "(expected) an edition with one \"alliance\" removed:\n");
    assert_int_equal(check_faithful(in->received, in->artefacts, lost, stderr), 1);
    free(lost);

    /* One word added: the edition's text and one more word at its end. */
    size_t len = strlen(in->edition);
    char *added = malloc(len + 32);
    assert_non_null(added);
    memcpy(added, in->edition, len);
    strcpy(added + len, "\nBeijing\n");
    fprintf(stderr, "(expected) an edition with one \"Beijing\" added:\n");
    assert_int_equal(check_faithful(in->received, in->artefacts, added, stderr), 1);
    free(added);

    /* The artefacts are needed: without them the drop caps and running
     * headers show up as differences. */
    fprintf(stderr, "(expected) the edition checked without its artefacts:\n");
    assert_true(check_faithful(in->received, "kind\treceived\tedition\n", in->edition,
                               stderr) > 0);
}

/* Scans the edition's lines: inside each section whose heading directive
 * says id=rec-pN, a line starting with "**" opens a headline paragraph and
 * a line starting with "- " is a bullet. */
static void test_recommendation_structure(void **state)
{
    inputs *in = *state;
    static const int want_headlines[7] = {0, 5, 4, 3, 4, 3, 3};
    static const int want_bullets[7] = {0, 12, 8, 4, 7, 5, 3};
    int headlines[7] = {0}, bullets[7] = {0};
    int pending = 0, current = 0;
    bool in_bold = false;
    for (const char *line = in->edition; *line;) {
        const char *eol = strchr(line, '\n');
        if (!eol)
            eol = line + strlen(line);
        size_t len = (size_t)(eol - line);
        if (strncmp(line, "<!-- brief:", 11) == 0) {
            const char *id = strstr(line, "id=rec-p");
            if (id && id < eol && id[8] >= '1' && id[8] <= '6')
                pending = id[8] - '0';
        } else if (line[0] == '#') {
            current = pending;
            pending = 0;
        } else if (current && strncmp(line, "**", 2) == 0) {
            /* CommonMark: the opening ** is followed by a non-space. */
            assert_false(in_bold);
            assert_true(len > 2 && line[2] != ' ');
            headlines[current]++;
            in_bold = true;
            line += 2;
            len -= 2;
        } else if (current && strncmp(line, "- ", 2) == 0) {
            assert_false(in_bold);
            if (headlines[current] == 0)
                fail_msg("a bullet before the first headline of Pillar %d", current);
            bullets[current]++;
        }
        if (in_bold) {
            /* The closing ** ends its line and follows a non-space. */
            const char *close = NULL;
            for (const char *p = line; p + 1 < eol; p++)
                if (p[0] == '*' && p[1] == '*')
                    close = p;
            if (close) {
                assert_true(close + 2 == eol);
                assert_true(close > line && close[-1] != ' ');
                in_bold = false;
            }
        }
        line = *eol ? eol + 1 : eol;
    }
    assert_false(in_bold);

    int total_h = 0, total_b = 0;
    for (int p = 1; p <= 6; p++) {
        if (headlines[p] != want_headlines[p] || bullets[p] != want_bullets[p])
            print_error("Pillar %d: %d headlines, %d bullets (want %d, %d)\n", p,
                        headlines[p], bullets[p], want_headlines[p], want_bullets[p]);
        assert_int_equal(headlines[p], want_headlines[p]);
        assert_int_equal(bullets[p], want_bullets[p]);
        total_h += headlines[p];
        total_b += bullets[p];
    }
    assert_int_equal(total_h, 22);
    assert_int_equal(total_b, 39);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edition_has_the_received_words),
        cmocka_unit_test(test_check_catches_a_lost_or_added_word),
        cmocka_unit_test(test_recommendation_structure),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
