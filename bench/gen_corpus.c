/* gen_corpus: a benchmark corpus of report-shaped editions, deterministic
 * from a seed, from a pool of real English paragraphs (bench/make_pool.sh).
 *
 *   gen_corpus POOL SOURCE_CORPUS OUT_DIR SIZE [SEED]
 *
 * SIZE is the total size of the editions written (10M, 100M, 1G, ...).
 * OUT_DIR gets the shared files of SOURCE_CORPUS (agencies.tsv,
 * synonyms.tsv), its bundled report, and reports g00001, g00002, ... of
 * 150 KB to 850 KB each, in the corpus format (corpus/FORMAT.md): front
 * matter, a foreword, an executive summary of six pillars, chapters with
 * sections, paragraphs, captions, figures, sidebars and pull quotes, and a
 * recommendations section per pillar (bold headline, explanation, bullets).
 * Each paragraph is a run of 2 to 6 consecutive sentences of the pool from
 * a random start: real text, seldom twice the same paragraph. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t rng_state;

static uint64_t rnd(void)
{
    /* xorshift64* */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ULL;
}

static size_t below(size_t n) { return n ? (size_t)(rnd() % n) : 0; }

typedef struct sentence {
    const char *start;
    size_t len;
} sentence;

static sentence *sentences;
static size_t nsentences;

static void die(const char *what)
{
    fprintf(stderr, "gen_corpus: %s: %s\n", what, strerror(errno));
    exit(2);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die(path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n)
        die(path);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* Splits the pool into sentences: ". " (or ? !) before a capital letter,
 * and every end of line. */
static void split_pool(char *pool, size_t len)
{
    size_t cap = 1 << 20;
    sentences = malloc(cap * sizeof *sentences);
    const char *start = pool;
    for (size_t i = 0; i <= len; i++) {
        bool end_line = i == len || pool[i] == '\n';
        bool end_sentence = !end_line && (pool[i] == '.' || pool[i] == '?' || pool[i] == '!') &&
                            i + 2 < len && pool[i + 1] == ' ' &&
                            pool[i + 2] >= 'A' && pool[i + 2] <= 'Z';
        if (!end_line && !end_sentence)
            continue;
        size_t n = (size_t)(pool + i + (end_sentence ? 1 : 0) - start);
        while (n && (start[n - 1] == ' ' || start[n - 1] == '\r'))
            n--;
        if (n >= 20) {
            if (nsentences == cap) {
                cap *= 2;
                sentences = realloc(sentences, cap * sizeof *sentences);
                if (!sentences)
                    die("memory");
            }
            sentences[nsentences++] = (sentence){start, n};
        }
        start = pool + i + (end_sentence ? 2 : 1);
        if (end_sentence)
            i++;
    }
}

/* ---- writing ------------------------------------------------------------- */

typedef struct out {
    FILE *f;
    size_t bytes;
} out;

static void put(out *o, const char *s, size_t n)
{
    fwrite(s, 1, n, o->f);
    o->bytes += n;
}

static void puts_(out *o, const char *s) { put(o, s, strlen(s)); }

static void printf_(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void printf_(out *o, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    put(o, buf, n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* The next space-separated word at *p (length in *len, 0 at the end). */
static const char *next_word(const char **p, const char *end, size_t *len)
{
    while (*p < end && **p == ' ')
        (*p)++;
    const char *w = *p;
    while (*p < end && **p != ' ')
        (*p)++;
    *len = (size_t)(*p - w);
    return w;
}

/* Sentences first..first+n-1 of the pool as one paragraph, wrapped at about
 * 72 columns (never breaking before a word that would start a list item or
 * a block). */
static void paragraph_text(out *o, size_t first, size_t n, const char *indent)
{
    size_t col = 0;
    for (size_t k = 0; k < n; k++) {
        const sentence *s = &sentences[(first + k) % nsentences];
        const char *p = s->start, *end = s->start + s->len;
        while (p < end) {
            size_t wl;
            const char *w = next_word(&p, end, &wl);
            if (!wl)
                continue;
            bool breakable = (w[0] >= 'a' && w[0] <= 'z') || (w[0] >= 'A' && w[0] <= 'Z');
            if (col && col + wl > 72 && breakable) {
                puts_(o, "\n");
                puts_(o, indent);
                col = 0;
            } else if (col) {
                puts_(o, " ");
                col++;
            }
            put(o, w, wl);
            col += wl;
        }
    }
    puts_(o, "\n");
}

static void paragraph(out *o, size_t min, size_t max)
{
    paragraph_text(o, below(nsentences), min + below(max - min + 1), "");
    puts_(o, "\n");
}

/* A few words from a sentence, capitalised: a title. */
static void title_words(out *o, size_t words)
{
    const sentence *s = &sentences[below(nsentences)];
    const char *p = s->start, *end = s->start + s->len;
    size_t done = 0;
    while (p < end && done < words) {
        size_t wl;
        const char *w = next_word(&p, end, &wl);
        while (wl && (w[wl - 1] == '.' || w[wl - 1] == ',' || w[wl - 1] == ';' ||
                      w[wl - 1] == ':' || w[wl - 1] == '"' || w[wl - 1] == ')'))
            wl--;
        while (wl && (*w == '"' || *w == '(')) {
            w++;
            wl--;
        }
        if (!wl)
            continue;
        if (done)
            puts_(o, " ");
        char first = w[0];
        if (first >= 'a' && first <= 'z')
            first = (char)(first - 'a' + 'A');
        put(o, &first, 1);
        put(o, w + 1, wl - 1);
        done++;
    }
    if (!done)
        puts_(o, "Untitled");
}

static void heading(out *o, const char *marks, const char *directive)
{
    if (directive)
        printf_(o, "<!-- brief: %s -->\n", directive);
    printf_(o, "%s ", marks);
    title_words(o, 3 + below(6));
    puts_(o, "\n\n");
}

static void kinded(out *o, const char *kind)
{
    printf_(o, "<!-- brief: kind=%s -->\n", kind);
    paragraph(o, 1, 3);
}

static void bullets(out *o, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        puts_(o, "- ");
        paragraph_text(o, below(nsentences), 1 + below(3), "  ");
    }
    puts_(o, "\n");
}

static void write_report(const char *dir, size_t number, size_t target)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/g%05zu", dir, number);
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        die(path);
    snprintf(path, sizeof path, "%s/g%05zu/report.md", dir, number);
    out o = {fopen(path, "w"), 0};
    if (!o.f)
        die(path);
    static const char *const publishers[] = {
        "Center for a New American Security", "Institute for Policy Studies",
        "Council on Strategic Affairs", "Global Governance Forum"};
    printf_(&o, "---\nid: g%05zu\ntitle: ", number);
    title_words(&o, 5 + below(6));
    puts_(&o, "\nauthors: ");
    title_words(&o, 2);
    puts_(&o, "; ");
    title_words(&o, 2);
    printf_(&o, "\npublisher: %s\ndate: %zu-%02zu\nseries: Benchmark Series\n---\n\n",
            publishers[below(4)], 2000 + below(25), 1 + below(12));

    heading(&o, "#", "id=foreword kind=foreword");
    for (size_t i = 3 + below(4); i; i--)
        paragraph(&o, 2, 6);
    kinded(&o, "pullquote repeat");

    heading(&o, "#", "id=exec");
    for (size_t i = 2 + below(3); i; i--)
        paragraph(&o, 2, 5);
    heading(&o, "##", "id=exec-pillars kind=summary");
    for (int p = 1; p <= 6; p++) {
        printf_(&o, "<!-- brief: pillar=%d -->\n%d. ", p, p);
        paragraph_text(&o, below(nsentences), 1 + below(2), "   ");
        puts_(&o, "\n");
    }

    /* Chapters (one per pillar, then more) until 80% of the target. */
    size_t body = target * 8 / 10;
    for (int chapter = 1; o.bytes < body || chapter <= 6; chapter++) {
        char directive[64];
        if (chapter <= 6)
            snprintf(directive, sizeof directive, "id=pillar-%d pillar=%d", chapter,
                     chapter);
        else
            snprintf(directive, sizeof directive, "id=chapter-%d", chapter);
        heading(&o, "#", directive);
        for (size_t i = 2 + below(4); i; i--)
            paragraph(&o, 2, 6);
        for (size_t s = 1 + below(4); s; s--) {
            heading(&o, "##", NULL);
            for (size_t i = 2 + below(6); i; i--)
                paragraph(&o, 2, 7);
            switch (below(6)) {
            case 0: kinded(&o, "caption"); break;
            case 1: kinded(&o, "figure"); break;
            case 2: kinded(&o, "sidebar"); break;
            default: break;
            }
        }
    }

    heading(&o, "#", "id=recs");
    paragraph(&o, 2, 4);
    for (int p = 1; p <= 6 && (p == 1 || o.bytes < target); p++) {
        char directive[64];
        snprintf(directive, sizeof directive, "id=rec-p%d pillar=%d recommendations", p, p);
        heading(&o, "##", directive);
        for (size_t h = 2 + below(5); h; h--) {
            const sentence *s = &sentences[below(nsentences)];
            puts_(&o, "**");
            put(&o, s->start, s->len);
            puts_(&o, "**\n");
            paragraph_text(&o, below(nsentences), 1 + below(3), "");
            puts_(&o, "\n");
            bullets(&o, 1 + below(4));
        }
        if (below(3) == 0)
            kinded(&o, "caption");
    }
    heading(&o, "#", "id=conclusion");
    for (size_t i = 2 + below(3); i; i--)
        paragraph(&o, 2, 6);
    if (fclose(o.f) != 0)
        die(path);
}

static size_t parse_size(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    switch (*end) {
    case 'k': case 'K': v *= 1e3; break;
    case 'm': case 'M': v *= 1e6; break;
    case 'g': case 'G': v *= 1e9; break;
    default: break;
    }
    return (size_t)v;
}

static void copy_file(const char *from, const char *to)
{
    size_t len;
    char *data = read_file(from, &len);
    FILE *f = fopen(to, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0)
        die(to);
    free(data);
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: gen_corpus POOL SOURCE_CORPUS OUT_DIR SIZE [SEED]\n");
        return 2;
    }
    size_t pool_len;
    char *pool = read_file(argv[1], &pool_len);
    split_pool(pool, pool_len);
    if (nsentences < 100) {
        fprintf(stderr, "gen_corpus: the pool %s is too small\n", argv[1]);
        return 2;
    }
    const char *src = argv[2], *dir = argv[3];
    size_t total = parse_size(argv[4]);
    rng_state = 0x9E3779B97F4A7C15ULL ^ (argc > 5 ? strtoull(argv[5], NULL, 10) : 1);
    if (!rng_state)
        rng_state = 1;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        die(dir);
    char from[4096], to[4096];
    const char *shared[] = {"agencies.tsv", "synonyms.tsv"};
    for (int i = 0; i < 2; i++) {
        snprintf(from, sizeof from, "%s/%s", src, shared[i]);
        snprintf(to, sizeof to, "%s/%s", dir, shared[i]);
        copy_file(from, to);
    }
    snprintf(from, sizeof from, "%s/usrok2020/report.md", src);
    snprintf(to, sizeof to, "%s/usrok2020", dir);
    mkdir(to, 0777);
    snprintf(to, sizeof to, "%s/usrok2020/report.md", dir);
    copy_file(from, to);

    size_t written = 0, reports = 0;
    while (written < total) {
        size_t target = 150000 + below(700001);
        if (total - written < target)
            target = total - written < 20000 ? 20000 : total - written;
        write_report(dir, ++reports, target);
        char path[4096];
        snprintf(path, sizeof path, "%s/g%05zu/report.md", dir, reports);
        struct stat st;
        if (stat(path, &st) != 0)
            die(path);
        written += (size_t)st.st_size;
    }
    printf("gen_corpus: %zu reports, %zu bytes in %s (pool: %zu sentences)\n", reports + 1,
           written, dir, nsentences);
    free(sentences);
    free(pool);
    return 0;
}
