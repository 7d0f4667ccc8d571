/* Tests for libxapian-c alone: each test gets a fresh temporary directory. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "xapian-c.h"

/* ---- helpers ------------------------------------------------------------ */

/* Fails the test with the wrapper's message when a call does not succeed. */
#define OK(expr)                                                            \
    do {                                                                    \
        char *err = NULL;                                                   \
        xc_status st_ = (expr);                                             \
        if (st_ != XC_OK)                                                   \
            fail_msg("%s -> %s: %s", #expr, xc_status_name(st_),            \
                     err ? err : "(no message)");                           \
        assert_null(err);                                                   \
    } while (0)

/* Asserts the exact status and a non-empty, one-line message. */
#define EXPECT_ERR(code, expr)                                              \
    do {                                                                    \
        char *err = NULL;                                                   \
        xc_status st_ = (expr);                                             \
        if (st_ != (code))                                                  \
            fail_msg("%s -> %s (want %s): %s", #expr, xc_status_name(st_),  \
                     xc_status_name(code), err ? err : "(no message)");     \
        assert_non_null(err);                                               \
        assert_true(err[0] != '\0');                                        \
        assert_null(strchr(err, '\n'));                                     \
        free(err);                                                          \
    } while (0)

/* EXPECT_ERR, and the message names the Xapian error class. */
#define EXPECT_ERR_MSG(code, needle, expr)                                  \
    do {                                                                    \
        char *err = NULL;                                                   \
        xc_status st_ = (expr);                                             \
        if (st_ != (code))                                                  \
            fail_msg("%s -> %s (want %s): %s", #expr, xc_status_name(st_),  \
                     xc_status_name(code), err ? err : "(no message)");     \
        assert_non_null(err);                                               \
        assert_null(strchr(err, '\n'));                                     \
        if (!strstr(err, (needle)))                                         \
            fail_msg("message lacks \"%s\": %s", (needle), err);            \
        free(err);                                                          \
    } while (0)

typedef struct fixture {
    char dir[512];
} fixture;

static void remove_tree(const char *path) {
    struct stat st;
    if (lstat(path, &st) != 0) return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d)) != NULL) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                    continue;
                char child[1024];
                snprintf(child, sizeof child, "%s/%s", path, e->d_name);
                remove_tree(child);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

static int setup(void **state) {
    fixture *f = calloc(1, sizeof *f);
    if (!f) return -1;
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !*tmp) tmp = "/tmp";
    snprintf(f->dir, sizeof f->dir, "%s/test-xapian-c-XXXXXX", tmp);
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state) {
    fixture *f = *state;
    remove_tree(f->dir);
    free(f);
    return 0;
}

/* A path inside the test's directory (one static buffer per slot). */
static const char *in_dir(void **state, const char *name) {
    static char buf[4][1024];
    static int next;
    char *p = buf[next++ % 4];
    snprintf(p, sizeof buf[0], "%s/%s", ((fixture *)*state)->dir, name);
    return p;
}

static void write_file(const char *path, const void *data, size_t len) {
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

/* ---- a small corpus ------------------------------------------------------ */

enum { SLOT_YEAR = 0, SLOT_AGENCY = 1, SLOT_TAGS = 2 };

typedef struct spec {
    const char *id, *title, *body, *agency, *tags;
    double year;
} spec;

static const spec corpus[] = {
    {"r1", "Korea trade review",
     "Korea\xe2\x80\x99s tariffs on steel were raised. South Korea and Japan "
     "discussed trade.",
     "ustr", "trade\x1fsteel", 2019},
    {"r2", "Japan alliance",
     "Japan and the alliance. Burden-sharing talks continued.", "dod",
     "security\x1f" "alliance", 2021},
    {"r3", "Cybersecurity strategy",
     "Cybersecurity threats from North Korea. Cybersecurity cooperation "
     "with Japan.",
     "dod", "security\x1f" "cyber", 2020},
    {"r4", "Duties", "Tariffs were cut.", "ustr", "trade", 2018},
    {"r5", "Steel exports",
     "Exports of steel grew. Agricultural tariffs remained.", "usda",
     "trade\x1f\x1f" "agriculture\x1f", 2022},
};
#define NCORPUS (sizeof corpus / sizeof corpus[0])

static xc_document *make_doc(xc_termgen *tg, const spec *s) {
    xc_document *doc = NULL;
    char term[64], year[XC_SORTABLE_MAX];
    OK(xc_document_new(&doc, &err));
    OK(xc_termgen_set_document(tg, doc, &err));
    OK(xc_termgen_index_text(tg, s->title, 1, "S", &err));
    OK(xc_termgen_index_text(tg, s->body, 1, NULL, &err));
    snprintf(term, sizeof term, "Q%s", s->id);
    OK(xc_document_add_boolean_term(doc, term, &err));
    snprintf(term, sizeof term, "XA%s", s->agency);
    OK(xc_document_add_boolean_term(doc, term, &err));
    size_t n = xc_sortable_serialise(s->year, year);
    OK(xc_document_set_value(doc, SLOT_YEAR, year, n, &err));
    OK(xc_document_set_value(doc, SLOT_AGENCY, s->agency, strlen(s->agency),
                             &err));
    OK(xc_document_set_value(doc, SLOT_TAGS, s->tags, strlen(s->tags), &err));
    OK(xc_document_set_data(doc, s->id, strlen(s->id), &err));
    return doc;
}

/* Indexes specs [from, to) of the corpus into a new index at path. */
static void build_range(const char *path, size_t from, size_t to,
                        int spelling) {
    xc_writable *w = NULL;
    xc_termgen *tg = NULL;
    OK(xc_writable_open(path, XC_CREATE_OR_OVERWRITE, 0, &w, &err));
    OK(xc_termgen_new("english", XC_STEM_ALL_Z, spelling ? w : NULL, &tg,
                      &err));
    for (size_t i = from; i < to; ++i) {
        xc_document *doc = make_doc(tg, &corpus[i]);
        char q[64];
        snprintf(q, sizeof q, "Q%s", corpus[i].id);
        OK(xc_writable_add_document(w, doc, NULL, &err));
        xc_document_free(doc);
    }
    OK(xc_writable_commit(w, &err));
    xc_termgen_free(tg);
    xc_writable_free(w);
}

static void build_corpus(const char *path) {
    build_range(path, 0, NCORPUS, 0);
}

static xc_qparser *corpus_parser(xc_database *db) {
    xc_qparser *qp = NULL;
    OK(xc_qparser_new(db, &qp, &err));
    OK(xc_qparser_set_stemmer(qp, "english", XC_STEM_ALL_Z, &err));
    OK(xc_qparser_set_default_op(qp, XC_OP_AND, &err));
    OK(xc_qparser_add_prefix(qp, "title", "S", &err));
    return qp;
}

/* The calls that answer with a number or a description, checked. */
static size_t size_of(const xc_mset *m) {
    size_t n = 0;
    OK(xc_mset_size(m, &n, &err));
    return n;
}

static uint32_t matches_of(const xc_mset *m) {
    uint32_t n = 0;
    OK(xc_mset_matches_estimated(m, &n, &err));
    return n;
}

static char *describe(const xc_query *q) {
    char *d = NULL;
    OK(xc_query_describe(q, &d, &err));
    return d;
}

static char *corrected(const xc_qparser *qp) {
    char *c = NULL;
    OK(xc_qparser_corrected(qp, &c, &err));
    assert_non_null(c);
    return c;
}

static int is_empty(const xc_query *q) {
    int empty = -1;
    OK(xc_query_is_empty(q, &empty, &err));
    return empty;
}

/* Runs q over db, exact counts; returns the mset (caller frees). */
static xc_mset *run_query(xc_database *db, const xc_query *q) {
    xc_enquire *enq = NULL;
    xc_mset *m = NULL;
    uint32_t n = 0;
    OK(xc_database_doccount(db, &n, &err));
    OK(xc_enquire_new(db, &enq, &err));
    OK(xc_enquire_set_query(enq, q, &err));
    OK(xc_enquire_run(enq, 0, 100, n, &m, &err));
    xc_enquire_free(enq); /* the mset does not need it */
    return m;
}

/* Number of hits of a query string; -1 stands for a parse failure. */
static int hits_for(xc_database *db, xc_qparser *qp, const char *query,
                    unsigned flags) {
    xc_query *q = NULL;
    char *err = NULL;
    if (xc_qparser_parse(qp, query, flags, &q, &err) != XC_OK) {
        free(err);
        return -1;
    }
    xc_mset *m = run_query(db, q);
    int n = (int)size_of(m);
    assert_int_equal(matches_of(m), n);
    xc_mset_free(m);
    xc_query_free(q);
    return n;
}

/* The data ("r1", ...) of the i-th hit, in a static buffer. */
static const char *hit_id(const xc_mset *m, size_t i) {
    static char buf[64];
    char *data = NULL;
    size_t len = 0;
    OK(xc_mset_data(m, i, &data, &len, &err));
    assert_true(len < sizeof buf);
    memcpy(buf, data, len + 1);
    free(data);
    return buf;
}

/* Collects terms from the each_term callbacks. */
typedef struct terms {
    char t[32][64];
    uint32_t freq[32];
    size_t n, stop_after;
} terms;

static int collect(const char *term, uint32_t freq, void *ctx) {
    terms *ts = ctx;
    assert_true(ts->n < 32);
    snprintf(ts->t[ts->n], sizeof ts->t[0], "%s", term);
    ts->freq[ts->n] = freq;
    ts->n++;
    return ts->stop_after && ts->n >= ts->stop_after;
}

/* ---- status and version --------------------------------------------------- */

static void test_status_names(void **state) {
    (void)state;
    static const struct {
        xc_status s;
        const char *name;
    } names[] = {
        {XC_OK, "ok"},           {XC_ERR_NOT_FOUND, "not-found"},
        {XC_ERR_LOCKED, "locked"}, {XC_ERR_CORRUPT, "corrupt"},
        {XC_ERR_OPENING, "opening"}, {XC_ERR_MODIFIED, "modified"},
        {XC_ERR_QUERY, "query"}, {XC_ERR_NETWORK, "network"},
        {XC_ERR_ARGUMENT, "argument"}, {XC_ERR_NO_MEMORY, "no-memory"},
        {XC_ERR_OTHER, "other"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; ++i)
        assert_string_equal(xc_status_name(names[i].s), names[i].name);
    assert_string_equal(xc_status_name((xc_status)99), "unknown");
    assert_string_equal(xc_xapian_version(), "1.4.22");
}

static void test_sortable(void **state) {
    (void)state;
    char a[XC_SORTABLE_MAX], b[XC_SORTABLE_MAX];
    size_t na = xc_sortable_serialise(2019, a);
    size_t nb = xc_sortable_serialise(20190, b);
    assert_true(na > 0 && na <= XC_SORTABLE_MAX);
    int c = memcmp(a, b, na < nb ? na : nb);
    assert_true(c < 0 || (c == 0 && na < nb));
    assert_float_equal(xc_sortable_unserialise(a, na), 2019.0, 0.0);
    na = xc_sortable_serialise(-1.5, a);
    assert_float_equal(xc_sortable_unserialise(a, na), -1.5, 0.0);
}

static void test_stemmer(void **state) {
    (void)state;
    xc_stemmer *s = NULL;
    char *stem = NULL;
    OK(xc_stemmer_new("english", &s, &err));
    OK(xc_stemmer_stem(s, "tariffs", &stem, &err));
    assert_string_equal(stem, "tariff");
    free(stem);
    xc_stemmer_free(s);

    OK(xc_stemmer_new(NULL, &s, &err)); /* no stemming */
    OK(xc_stemmer_stem(s, "tariffs", &stem, &err));
    assert_string_equal(stem, "tariffs");
    free(stem);

    EXPECT_ERR(XC_ERR_ARGUMENT, xc_stemmer_stem(s, NULL, &stem, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_stemmer_stem(s, "tariffs", NULL, &err));
    xc_stemmer_free(s);
    s = NULL;
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_stemmer_new("klingon", &s, &err));
    assert_null(s);
}

/* ---- writing and reading -------------------------------------------------- */

static void test_write_and_read(void **state) {
    const char *path = in_dir(state, "idx");
    build_corpus(path);

    /* Delete r2 and add it back changed, delete r4, metadata. */
    xc_writable *w = NULL;
    xc_termgen *tg = NULL;
    uint32_t count = 0;
    xc_docid id = 0, id2 = 0;
    OK(xc_writable_open(path, XC_OPEN, 0, &w, &err));
    OK(xc_termgen_new("english", XC_STEM_ALL_Z, NULL, &tg, &err));
    spec changed = corpus[1];
    changed.body = "Japan and the alliance were renewed.";
    xc_document *doc = make_doc(tg, &changed);
    OK(xc_writable_delete_document(w, "Qr2", &err));
    OK(xc_writable_add_document(w, doc, &id, &err));
    assert_int_equal(id, 6);
    xc_document_free(doc);
    OK(xc_writable_delete_document(w, "Qr4", &err));
    OK(xc_writable_delete_document(w, "Qnone", &err)); /* not an error */
    /* A document with a wdf-less term only. */
    OK(xc_document_new(&doc, &err));
    OK(xc_document_add_boolean_term(doc, "Qr7", &err));
    OK(xc_writable_add_document(w, doc, &id2, &err));
    assert_int_equal(id2, 7);
    xc_document_free(doc);
    OK(xc_writable_set_metadata(w, "schema", "v1\0bin", 6, &err));
    OK(xc_writable_commit(w, &err));
    xc_termgen_free(tg);
    xc_writable_free(w);

    xc_database *db = NULL;
    OK(xc_database_open_glass(path, &db, &err));
    OK(xc_database_doccount(db, &count, &err));
    assert_int_equal(count, 5);

    char *s = NULL;
    size_t len = 99;
    OK(xc_database_get_metadata(db, "schema", &s, &len, &err));
    assert_int_equal(len, 6);
    assert_memory_equal(s, "v1\0bin", 6);
    free(s);
    OK(xc_database_get_metadata(db, "missing", &s, &len, &err));
    assert_int_equal(len, 0);
    assert_string_equal(s, ""); /* absent */
    free(s);

    uint32_t freq = 0;
    OK(xc_database_termfreq(db, "Zkorea", &freq, &err));
    assert_int_equal(freq, 2); /* r1 (Korea’s), r3 */
    OK(xc_database_termfreq(db, "XAustr", &freq, &err));
    assert_int_equal(freq, 1); /* r4 was deleted */
    OK(xc_database_termfreq(db, "Zburden", &freq, &err));
    assert_int_equal(freq, 0); /* replaced away */
    OK(xc_database_termfreq(db, "Qr7", &freq, &err));
    assert_int_equal(freq, 1);

    /* A document's data and values, through a query for its id. */
    xc_query *q = NULL;
    OK(xc_query_term("Qr3", &q, &err));
    xc_mset *m = run_query(db, q);
    xc_query_free(q);
    assert_int_equal(size_of(m), 1);
    assert_string_equal(hit_id(m, 0), "r3");
    OK(xc_mset_value(m, 0, SLOT_AGENCY, &s, &len, &err));
    assert_string_equal(s, "dod");
    assert_int_equal(len, 3);
    free(s);
    OK(xc_mset_value(m, 0, SLOT_YEAR, &s, &len, &err));
    assert_float_equal(xc_sortable_unserialise(s, len), 2020.0, 0.0);
    free(s);
    OK(xc_mset_value(m, 0, 42, &s, NULL, &err)); /* unset slot: absent */
    assert_string_equal(s, "");
    free(s);
    xc_mset_free(m);

    /* Unique terms, sorted, with frequencies; the callback can stop. */
    terms ts = {0};
    OK(xc_database_each_term(db, "Q", collect, &ts, &err));
    assert_int_equal(ts.n, 5);
    const char *want[] = {"Qr1", "Qr2", "Qr3", "Qr5", "Qr7"};
    for (size_t i = 0; i < 5; ++i) {
        assert_string_equal(ts.t[i], want[i]);
        assert_int_equal(ts.freq[i], 1);
    }
    memset(&ts, 0, sizeof ts);
    OK(xc_database_each_term(db, "XA", collect, &ts, &err));
    assert_int_equal(ts.n, 3);
    assert_string_equal(ts.t[0], "XAdod");
    assert_int_equal(ts.freq[0], 2);
    memset(&ts, 0, sizeof ts);
    ts.stop_after = 2;
    OK(xc_database_each_term(db, "Q", collect, &ts, &err));
    assert_int_equal(ts.n, 2);
    memset(&ts, 0, sizeof ts);
    OK(xc_database_each_term(db, "Qzz", collect, &ts, &err));
    assert_int_equal(ts.n, 0);

    xc_database_free(db);
}

static void test_reopen_sees_new_commit(void **state) {
    const char *path = in_dir(state, "idx");
    build_corpus(path);
    xc_database *db = NULL;
    xc_writable *w = NULL;
    xc_document *doc = NULL;
    uint32_t n = 0;
    OK(xc_database_open_glass(path, &db, &err));
    OK(xc_writable_open(path, XC_CREATE_OR_OPEN, 0, &w, &err));
    OK(xc_document_new(&doc, &err));
    OK(xc_document_add_boolean_term(doc, "fresh", &err));
    OK(xc_writable_add_document(w, doc, NULL, &err));
    OK(xc_writable_commit(w, &err));
    OK(xc_database_doccount(db, &n, &err));
    assert_int_equal(n, 5); /* still the revision it opened */
    OK(xc_database_reopen(db, &err));
    OK(xc_database_doccount(db, &n, &err));
    assert_int_equal(n, 6);
    xc_document_free(doc);
    xc_writable_free(w);
    xc_database_free(db);
}

/* Free without commit discards (the header's promise), also past Xapian's
 * 10000-document autocommit; a commit makes changes visible at once. */
static void test_uncommitted_changes_are_lost(void **state) {
    const char *path = in_dir(state, "idx");
    build_corpus(path);
    xc_writable *w = NULL;
    xc_database *db = NULL;
    uint32_t n = 0;
    OK(xc_database_open_glass(path, &db, &err));
    OK(xc_writable_open(path, XC_OPEN, 0, &w, &err));
    OK(xc_writable_delete_document(w, "Qr1", &err));
    OK(xc_writable_commit(w, &err));
    OK(xc_database_reopen(db, &err));
    OK(xc_database_doccount(db, &n, &err));
    assert_int_equal(n, 4);
    for (int i = 0; i < 10050; ++i) {
        xc_document *doc = NULL;
        OK(xc_document_new(&doc, &err));
        OK(xc_document_add_boolean_term(doc, "bulk", &err));
        OK(xc_writable_add_document(w, doc, NULL, &err));
        xc_document_free(doc);
    }
    OK(xc_writable_set_metadata(w, "schema", "v2", 2, &err));
    OK(xc_database_reopen(db, &err));
    OK(xc_database_doccount(db, &n, &err));
    assert_int_equal(n, 4); /* no autocommit */
    xc_writable_free(w);

    OK(xc_database_reopen(db, &err));
    OK(xc_database_doccount(db, &n, &err));
    assert_int_equal(n, 4);
    char *v = NULL;
    OK(xc_database_get_metadata(db, "schema", &v, NULL, &err));
    assert_string_equal(v, "");
    free(v);
    /* The lock is free again and the writer still works after a commit. */
    OK(xc_writable_open(path, XC_OPEN, 0, &w, &err));
    OK(xc_writable_delete_document(w, "Qr2", &err));
    OK(xc_writable_commit(w, &err));
    OK(xc_writable_delete_document(w, "Qr3", &err));
    OK(xc_writable_commit(w, &err));
    OK(xc_writable_delete_document(w, "Qr4", &err)); /* not committed */
    xc_writable_free(w);
    OK(xc_database_reopen(db, &err));
    OK(xc_database_doccount(db, &n, &err));
    assert_int_equal(n, 2);
    xc_database_free(db);
}

static void test_overwrite_and_create_modes(void **state) {
    const char *path = in_dir(state, "idx");
    build_corpus(path);
    xc_writable *w = NULL;
    uint32_t n = 9;
    /* XC_CREATE refuses an existing index. */
    EXPECT_ERR(XC_ERR_OPENING, xc_writable_open(path, XC_CREATE, 0, &w, &err));
    assert_null(w);
    OK(xc_writable_open(path, XC_CREATE_OR_OVERWRITE, 0, &w, &err));
    OK(xc_writable_commit(w, &err));
    xc_writable_free(w);
    w = NULL;
    xc_database *db = NULL;
    OK(xc_database_open_glass(path, &db, &err));
    OK(xc_database_doccount(db, &n, &err));
    assert_int_equal(n, 0);
    xc_database_free(db);
    OK(xc_writable_open(in_dir(state, "new"), XC_CREATE, 0, &w, &err));
    xc_writable_free(w);
}

/* ---- query parsing and matching ------------------------------------------- */

static void test_parse_prefixes_and_operators(void **state) {
    const char *path = in_dir(state, "idx");
    build_corpus(path);
    xc_database *db = NULL;
    OK(xc_database_open_glass(path, &db, &err));
    xc_qparser *qp = corpus_parser(db);

    xc_query *q = NULL;
    OK(xc_qparser_parse(qp, "title:korea", XC_QP_DEFAULT, &q, &err));
    char *d = describe(q);
    assert_non_null(d);
    assert_non_null(strstr(d, "ZSkorea"));
    free(d);
    xc_query_free(q);

    assert_int_equal(hits_for(db, qp, "title:korea", XC_QP_DEFAULT), 1);
    /* Default AND: both words. */
    assert_int_equal(hits_for(db, qp, "korea japan", XC_QP_DEFAULT), 2);
    assert_int_equal(hits_for(db, qp, "korea OR alliance", XC_QP_DEFAULT), 3);
    assert_int_equal(hits_for(db, qp, "japan NOT korea", XC_QP_DEFAULT), 1);
    /* Phrases. */
    assert_int_equal(hits_for(db, qp, "\"south korea\"", XC_QP_DEFAULT), 1);
    assert_int_equal(hits_for(db, qp, "\"north korea\"", XC_QP_DEFAULT), 1);
    assert_int_equal(hits_for(db, qp, "\"korea north\"", XC_QP_DEFAULT), 0);
    /* Title and body terms differ (prefix S): no phrase across them. */
    assert_int_equal(hits_for(db, qp, "\"review korea\"", XC_QP_DEFAULT), 0);
    /* Lower-case operators only with BOOLEAN_ANY_CASE. */
    assert_int_equal(hits_for(db, qp, "korea or alliance", XC_QP_DEFAULT), 0);
    assert_int_equal(hits_for(db, qp, "korea or alliance",
                              XC_QP_DEFAULT | XC_QP_BOOLEAN_ANY_CASE), 3);
    /* Wildcards expand over unprefixed terms, and a STEM_ALL_Z index has
     * none: see test_full_pos_index_for_wildcards. */
    assert_int_equal(hits_for(db, qp, "cyber*",
                              XC_QP_DEFAULT | XC_QP_WILDCARD), 0);
    /* Default op OR. */
    OK(xc_qparser_set_default_op(qp, XC_OP_OR, &err));
    assert_int_equal(hits_for(db, qp, "korea alliance", XC_QP_DEFAULT), 3);
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_qparser_set_default_op(qp, XC_OP_PHRASE,
                                                          &err));

    /* Empty query string: an empty query, no hits. */
    OK(xc_qparser_parse(qp, "", XC_QP_DEFAULT, &q, &err));
    assert_true(is_empty(q));
    xc_mset *m = run_query(db, q);
    assert_int_equal(size_of(m), 0);
    xc_mset_free(m);
    xc_query_free(q);

    xc_qparser_free(qp);
    xc_database_free(db);
}

static void test_curly_apostrophe_stemming(void **state) {
    const char *path = in_dir(state, "idx");
    xc_writable *w = NULL;
    xc_termgen *tg = NULL;
    xc_document *doc = NULL;
    OK(xc_writable_open(path, XC_CREATE_OR_OPEN, 0, &w, &err));
    OK(xc_termgen_new("english", XC_STEM_ALL_Z, NULL, &tg, &err));
    OK(xc_document_new(&doc, &err));
    OK(xc_termgen_set_document(tg, doc, &err));
    OK(xc_termgen_index_text(tg, "South Korea\xe2\x80\x99s exports", 1, NULL,
                             &err));
    OK(xc_writable_add_document(w, doc, NULL, &err));
    OK(xc_writable_commit(w, &err));
    xc_document_free(doc);
    xc_termgen_free(tg);
    xc_writable_free(w);

    xc_database *db = NULL;
    OK(xc_database_open_glass(path, &db, &err));
    xc_qparser *qp = corpus_parser(db);
    assert_int_equal(hits_for(db, qp, "Korea", XC_QP_DEFAULT), 1);
    assert_int_equal(hits_for(db, qp, "\"South Korea\"", XC_QP_DEFAULT), 1);
    assert_int_equal(hits_for(db, qp, "korea's", XC_QP_DEFAULT), 1);
    /* The same query under STEM_SOME misses: capitalised words unstemmed. */
    OK(xc_qparser_set_stemmer(qp, "english", XC_STEM_SOME, &err));
    assert_int_equal(hits_for(db, qp, "Korea", XC_QP_DEFAULT), 0);
    xc_qparser_free(qp);
    xc_database_free(db);
}

/* Indexing with STEM_SOME_FULL_POS (unstemmed and Z terms, both with
 * positions) and parsing with STEM_ALL_Z: stems, phrases and wildcards. */
static void test_full_pos_index_for_wildcards(void **state) {
    const char *path = in_dir(state, "idx");
    xc_writable *w = NULL;
    xc_termgen *tg = NULL;
    xc_document *doc = NULL;
    OK(xc_writable_open(path, XC_CREATE_OR_OPEN, 0, &w, &err));
    OK(xc_termgen_new("english", XC_STEM_SOME_FULL_POS, NULL, &tg, &err));
    OK(xc_document_new(&doc, &err));
    OK(xc_termgen_set_document(tg, doc, &err));
    OK(xc_termgen_index_text(tg, "South Korea\xe2\x80\x99s cybersecurity "
                             "tariffs", 1, NULL, &err));
    OK(xc_writable_add_document(w, doc, NULL, &err));
    OK(xc_writable_commit(w, &err));
    xc_document_free(doc);
    xc_termgen_free(tg);
    xc_writable_free(w);

    xc_database *db = NULL;
    OK(xc_database_open_glass(path, &db, &err));
    uint32_t f = 0;
    OK(xc_database_termfreq(db, "cybersecurity", &f, &err));
    assert_int_equal(f, 1);
    OK(xc_database_termfreq(db, "Zcybersecur", &f, &err));
    assert_int_equal(f, 1);
    xc_qparser *qp = corpus_parser(db);
    const unsigned fl = XC_QP_DEFAULT | XC_QP_WILDCARD;
    assert_int_equal(hits_for(db, qp, "Korea", fl), 1);
    assert_int_equal(hits_for(db, qp, "Tariff", fl), 1);
    assert_int_equal(hits_for(db, qp, "\"south korea's cybersecurity\"", fl),
                     1);
    assert_int_equal(hits_for(db, qp, "cyber*", fl), 1);
    assert_int_equal(hits_for(db, qp, "tar*", fl), 1);
    assert_int_equal(hits_for(db, qp, "cyber* NOT korea", fl), 0);
    xc_qparser_free(qp);
    xc_database_free(db);
}

static void test_positions(void **state) {
    const char *path = in_dir(state, "idx");
    xc_writable *w = NULL;
    xc_termgen *tg = NULL;
    xc_document *doc = NULL;
    OK(xc_writable_open(path, XC_CREATE_OR_OPEN, 0, &w, &err));
    OK(xc_termgen_new("english", XC_STEM_ALL_Z, NULL, &tg, &err));
    /* 1: no positions; 2: a word between "north" and "korea"; 3: adjacent. */
    OK(xc_document_new(&doc, &err));
    OK(xc_termgen_set_document(tg, doc, &err));
    OK(xc_termgen_index_text_without_positions(tg, "north korea", 1, NULL,
                                               &err));
    OK(xc_writable_add_document(w, doc, NULL, &err));
    xc_document_free(doc);
    OK(xc_document_new(&doc, &err));
    OK(xc_termgen_set_document(tg, doc, &err));
    OK(xc_termgen_index_text(tg, "north then korea", 1, NULL, &err));
    OK(xc_writable_add_document(w, doc, NULL, &err));
    xc_document_free(doc);
    OK(xc_document_new(&doc, &err));
    OK(xc_termgen_set_document(tg, doc, &err));
    OK(xc_termgen_index_text(tg, "north", 1, NULL, &err));
    OK(xc_termgen_index_text(tg, "korea", 1, NULL, &err));
    OK(xc_writable_add_document(w, doc, NULL, &err));
    xc_document_free(doc);
    OK(xc_writable_commit(w, &err));
    xc_termgen_free(tg);
    xc_writable_free(w);

    xc_database *db = NULL;
    OK(xc_database_open_glass(path, &db, &err));
    xc_qparser *qp = corpus_parser(db);
    assert_int_equal(hits_for(db, qp, "north korea", XC_QP_DEFAULT), 3);
    xc_query *q = NULL;
    OK(xc_qparser_parse(qp, "\"north korea\"", XC_QP_DEFAULT, &q, &err));
    xc_mset *m = run_query(db, q);
    assert_int_equal(size_of(m), 1);
    xc_hit h;
    OK(xc_mset_hit(m, 0, &h, &err));
    assert_int_equal(h.docid, 3);
    xc_mset_free(m);
    xc_query_free(q);
    xc_qparser_free(qp);
    xc_database_free(db);
}

/* The weight of document docid for query (0 when it does not match), with
 * k1 = 0: a term then adds the same to every document it matches, however
 * often it is there. */
static double weight_of(xc_database *db, xc_qparser *qp, const char *query,
                        xc_docid docid) {
    xc_query *q = NULL;
    xc_enquire *enq = NULL;
    xc_mset *m = NULL;
    OK(xc_qparser_parse(qp, query, XC_QP_DEFAULT, &q, &err));
    OK(xc_enquire_new(db, &enq, &err));
    OK(xc_enquire_set_query(enq, q, &err));
    OK(xc_enquire_set_bm25(enq, 0.0, 0.0, 1.0, 0.5, 0.5, &err));
    OK(xc_enquire_run(enq, 0, 10, 10, &m, &err));
    double weight = 0;
    for (size_t i = 0; i < size_of(m); ++i) {
        xc_hit h;
        OK(xc_mset_hit(m, i, &h, &err));
        if (h.docid == docid) weight = h.weight;
    }
    xc_mset_free(m);
    xc_enquire_free(enq);
    xc_query_free(q);
    return weight;
}

/* A group of variants (xc_qparser_add_group) weighs as one term: with k1 = 0
 * (wdf aside) a document with both the acronym and its long form weighs
 * exactly what one with only the acronym does, where ORed it gets the
 * acronym's weight and the long form's three words' on top. */
static void test_group_field_is_one_term(void **state) {
    const char *path = in_dir(state, "idx");
    static const char *texts[] = {
        "The World Trade Organization (WTO) needs reform.",
        "Reform the WTO now.",
        "World trade grew; the organization of trade did not.",
        "Nothing about it here at all.",
    };
    xc_writable *w = NULL;
    xc_termgen *tg = NULL;
    OK(xc_writable_open(path, XC_CREATE_OR_OVERWRITE, 0, &w, &err));
    OK(xc_termgen_new("english", XC_STEM_ALL_Z, NULL, &tg, &err));
    for (size_t i = 0; i < 4; ++i) {
        xc_document *doc = NULL;
        OK(xc_document_new(&doc, &err));
        OK(xc_termgen_set_document(tg, doc, &err));
        OK(xc_termgen_index_text(tg, texts[i], 1, NULL, &err));
        OK(xc_writable_add_document(w, doc, NULL, &err));
        xc_document_free(doc);
    }
    xc_termgen_free(tg);
    OK(xc_writable_commit(w, &err));
    xc_writable_free(w);

    xc_database *db = NULL;
    OK(xc_database_open_glass(path, &db, &err));
    xc_qparser *qp = corpus_parser(db);
    static const char *const wto[] = {"WTO", "\"World Trade Organization\"", "\"\""};
    size_t index = 7;
    OK(xc_qparser_add_group(qp, wto, 3, &index, &err));
    assert_int_equal(index, 0);
    OK(xc_qparser_set_group_field(qp, "grp", &err));   /* after a group: fine */
    OK(xc_qparser_add_group(qp, wto, 1, &index, &err));
    assert_int_equal(index, 1);

    xc_query *q = NULL;
    OK(xc_qparser_parse(qp, "grp:0 reform", XC_QP_DEFAULT, &q, &err));
    char *d = describe(q);
    /* The variant with no word is left out. */
    assert_string_equal(d, "Query(((Zwto@1 SYNONYM (Zworld@1 PHRASE 3 Ztrade@2 PHRASE 3 "
                           "Zorgan@3)) AND Zreform@2))");
    free(d);
    xc_query_free(q);

    double both = weight_of(db, qp, "grp:0", 1);
    assert_true(both > 0);
    assert_float_equal(weight_of(db, qp, "grp:0", 2), both, 1e-9);
    /* ORed, the document with both forms counts the match twice (and the
     * long form as three words). */
    double acronym = weight_of(db, qp, "WTO", 1),
           long_form = weight_of(db, qp, "\"World Trade Organization\"", 1);
    assert_float_equal(weight_of(db, qp, "WTO OR \"World Trade Organization\"", 1),
                       acronym + long_form, 1e-9);
    assert_true(acronym + long_form > both + 0.1);
    /* A group of one is that variant. */
    assert_float_equal(weight_of(db, qp, "grp:1", 2), weight_of(db, qp, "WTO", 2), 1e-9);
    /* The same query twice is one variant: the same weight, wdf and all. */
    static const char *const twice[] = {"WTO", "wto", "W.T.O"};
    OK(xc_qparser_add_group(qp, twice, 3, &index, &err));
    OK(xc_qparser_parse(qp, "grp:2", XC_QP_DEFAULT, &q, &err));
    d = describe(q);
    assert_string_equal(d, "Query(Zwto@1)");
    free(d);
    xc_query_free(q);

    /* Anything but a group's number reads as words, as an unknown field:
     * the rest of the query still counts. */
    const char *not_groups[] = {"grp:3 reform", "grp:abc reform", "grp:0x reform",
                                "grp:99999999999999999999 reform", "grp: reform"};
    for (size_t i = 0; i < sizeof not_groups / sizeof *not_groups; ++i) {
        xc_query *q = NULL;
        OK(xc_qparser_parse(qp, not_groups[i], XC_QP_DEFAULT, &q, &err));
        char *d = describe(q);
        if (strstr(d, "SYNONYM") || !strstr(d, "Zreform"))
            fail_msg("%s -> %s", not_groups[i], d);
        free(d);
        xc_query_free(q);
    }
    /* Xapian joins only terms with NEAR: an error, not an exception. */
    q = (xc_query *)&index;
    EXPECT_ERR(XC_ERR_OTHER, xc_qparser_parse(qp, "grp:0 NEAR reform", XC_QP_DEFAULT, &q, &err));
    assert_null(q);

    /* The field: set once, letters and digits, not a prefix already. */
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_qparser_set_group_field(qp, "other", &err));
    xc_qparser *fresh = corpus_parser(db);
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_qparser_set_group_field(fresh, "", &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_qparser_set_group_field(fresh, "a:b", &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_qparser_set_group_field(fresh, NULL, &err));
    EXPECT_ERR(XC_ERR_OTHER, xc_qparser_set_group_field(fresh, "title", &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_qparser_set_group_field(NULL, "grp", &err));
    index = 7;
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_qparser_add_group(NULL, wto, 1, &index, &err));
    assert_int_equal(index, 0);
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_qparser_add_group(fresh, NULL, 1, &index, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_qparser_add_group(fresh, wto, 1, NULL, &err));
    static const char *const holed[] = {"a", NULL};
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_qparser_add_group(fresh, holed, 2, &index, &err));
    /* An empty group matches nothing. */
    OK(xc_qparser_add_group(fresh, NULL, 0, &index, &err));
    OK(xc_qparser_set_group_field(fresh, "grp", &err));
    OK(xc_qparser_parse(fresh, "grp:0", XC_QP_DEFAULT, &q, &err));
    assert_int_equal(is_empty(q), 1);
    xc_query_free(q);
    xc_qparser_free(fresh);
    xc_qparser_free(qp);
    xc_database_free(db);
}

static void test_query_building(void **state) {
    const char *path = in_dir(state, "idx");
    build_corpus(path);
    xc_database *db = NULL;
    OK(xc_database_open_glass(path, &db, &err));

    xc_query *korea = NULL, *japan = NULL, *dod = NULL, *south = NULL, *q = NULL;
    OK(xc_query_term("Zkorea", &korea, &err));
    OK(xc_query_term("Zjapan", &japan, &err));
    OK(xc_query_term("XAdod", &dod, &err));
    OK(xc_query_term("Zsouth", &south, &err));
    xc_mset *m;

    xc_query *pair[2] = {korea, japan};
    OK(xc_query_combine(XC_OP_AND, pair, 2, 0, &q, &err));
    m = run_query(db, q);
    assert_int_equal(size_of(m), 2);
    xc_mset_free(m);
    terms ts = {0};
    OK(xc_query_each_term(q, collect, &ts, &err));
    assert_int_equal(ts.n, 2);
    assert_string_equal(ts.t[0], "Zjapan");
    assert_string_equal(ts.t[1], "Zkorea");
    assert_int_equal(ts.freq[0], 0);
    xc_query_free(q);

    OK(xc_query_combine(XC_OP_OR, pair, 2, 0, &q, &err));
    m = run_query(db, q);
    assert_int_equal(size_of(m), 3);
    xc_mset_free(m);
    xc_query_free(q);

    OK(xc_query_combine(XC_OP_AND_NOT, pair, 2, 0, &q, &err));
    m = run_query(db, q);
    assert_int_equal(size_of(m), 0);
    xc_mset_free(m);
    xc_query_free(q);

    /* FILTER: japan's matches restricted to dod, japan's weights. */
    xc_query *filt[2] = {japan, dod};
    OK(xc_query_combine(XC_OP_FILTER, filt, 2, 0, &q, &err));
    char *d = describe(q);
    assert_non_null(strstr(d, "FILTER"));
    free(d);
    m = run_query(db, q);
    assert_int_equal(size_of(m), 2);
    xc_hit hf, hj;
    OK(xc_mset_hit(m, 0, &hf, &err));
    xc_mset_free(m);
    m = run_query(db, japan);
    for (size_t i = 0; i < size_of(m); ++i) {
        OK(xc_mset_hit(m, i, &hj, &err));
        if (hj.docid == hf.docid) assert_float_equal(hj.weight, hf.weight, 1e-9);
    }
    xc_mset_free(m);
    xc_query_free(q);

    xc_query *phrase[2] = {south, korea};
    OK(xc_query_combine(XC_OP_PHRASE, phrase, 2, 0, &q, &err));
    m = run_query(db, q);
    assert_int_equal(size_of(m), 1);
    assert_string_equal(hit_id(m, 0), "r1");
    xc_mset_free(m);
    xc_query_free(q);

    OK(xc_query_combine(XC_OP_NEAR, pair, 2, 10, &q, &err));
    m = run_query(db, q);
    assert_int_equal(size_of(m), 2); /* r1: 2 apart; r3: 4 apart */
    xc_mset_free(m);
    xc_query_free(q);
    OK(xc_query_combine(XC_OP_NEAR, pair, 2, 2, &q, &err));
    m = run_query(db, q);
    assert_int_equal(size_of(m), 0);
    xc_mset_free(m);
    xc_query_free(q);

    OK(xc_query_combine(XC_OP_SYNONYM, pair, 2, 0, &q, &err));
    d = describe(q);
    assert_non_null(strstr(d, "SYNONYM"));
    free(d);
    m = run_query(db, q);
    assert_int_equal(size_of(m), 3);
    xc_mset_free(m);
    xc_query_free(q);

    /* Nothing to combine: the empty query. */
    OK(xc_query_combine(XC_OP_AND, NULL, 0, 0, &q, &err));
    assert_true(is_empty(q));
    m = run_query(db, q);
    assert_int_equal(size_of(m), 0);
    xc_mset_free(m);
    xc_query_free(q);

    OK(xc_query_match_all(&q, &err));
    assert_false(is_empty(q));
    m = run_query(db, q);
    assert_int_equal(size_of(m), 5);
    xc_hit h;
    OK(xc_mset_hit(m, 0, &h, &err));
    assert_float_equal(h.weight, 0.0, 0.0);
    xc_mset_free(m);
    xc_query_free(q);

    /* Subqueries are not needed after combining. */
    OK(xc_query_combine(XC_OP_OR, pair, 2, 0, &q, &err));
    xc_query_free(korea);
    xc_query_free(japan);
    m = run_query(db, q);
    assert_int_equal(size_of(m), 3);
    xc_mset_free(m);
    xc_query_free(q);

    xc_query_free(dod);
    xc_query_free(south);
    xc_database_free(db);
}

/* ---- ranking and sorting -------------------------------------------------- */

/* A value used as a static prior: alone it ranks by the value; with
 * AND_MAYBE it only adds weight to the words' matches. */
static void test_value_weight_prior(void **state) {
    const char *path = in_dir(state, "idx");
    build_corpus(path);
    xc_database *db = NULL;
    OK(xc_database_open_glass(path, &db, &err));
    xc_query *prior = NULL, *words = NULL, *q = NULL;
    OK(xc_query_value_weight(SLOT_YEAR, &prior, &err));
    xc_mset *m = run_query(db, prior);
    static const char *by_year[] = {"r5", "r2", "r3", "r1", "r4"};
    assert_int_equal(size_of(m), 5);
    for (size_t i = 0; i < 5; ++i) {
        assert_string_equal(hit_id(m, i), by_year[i]);
    }
    xc_hit h;
    OK(xc_mset_hit(m, 0, &h, &err));
    assert_float_equal(h.weight, 2022.0, 1e-9);
    xc_mset_free(m);

    OK(xc_query_term("Zjapan", &words, &err));
    xc_query *parts[2] = {words, prior};
    OK(xc_query_combine(XC_OP_AND_MAYBE, parts, 2, 0, &q, &err));
    m = run_query(db, q);
    assert_int_equal(size_of(m), 3); /* japan's matches only */
    assert_string_equal(hit_id(m, 0), "r2");
    assert_string_equal(hit_id(m, 1), "r3");
    assert_string_equal(hit_id(m, 2), "r1");
    OK(xc_mset_hit(m, 0, &h, &err));
    assert_true(h.weight > 2021.0);
    xc_mset_free(m);

    /* The prior outlives the handle it was built from. */
    xc_query_free(prior);
    xc_query_free(words);
    m = run_query(db, q);
    assert_int_equal(size_of(m), 3);
    xc_mset_free(m);
    xc_query_free(q);
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_query_value_weight(SLOT_YEAR, NULL, &err));
    xc_database_free(db);
}

/* Builds three texts for the BM25 tests at path; with scale > 0,
 * each document's wdfs are multiplied by scale / N, N being BM25's length
 * normalisation (k1 1, b 0.5, min_normlen 0.5) against the true average
 * length, as brief's indexer does with its fixed one. */
static void build_bm25_texts(const char *path, double scale) {
    static const char *texts[] = {
        "trade only, nothing else",
        "tariff tariff tariff trade",
        "a long review of tariff policy with many other words about "
        "markets, exports, growth, currency and filler filler filler",
    };
    xc_writable *w = NULL;
    xc_termgen *tg = NULL;
    xc_document *doc[3];
    uint64_t len[3], total = 0;
    OK(xc_writable_open(path, XC_CREATE_OR_OVERWRITE, 0, &w, &err));
    OK(xc_termgen_new("english", XC_STEM_ALL_Z, NULL, &tg, &err));
    for (size_t i = 0; i < 3; ++i) {
        OK(xc_document_new(&doc[i], &err));
        OK(xc_termgen_set_document(tg, doc[i], &err));
        OK(xc_termgen_index_text(tg, texts[i], 1, NULL, &err));
        OK(xc_document_add_boolean_term(doc[i], "XKtext", &err));
        OK(xc_document_length(doc[i], &len[i], &err));
        total += len[i];
    }
    for (size_t i = 0; i < 3; ++i) {
        if (scale > 0) {
            double normlen = (double)len[i] / ((double)total / 3);
            double n = 0.5 + 0.5 * (normlen < 0.5 ? 0.5 : normlen);
            OK(xc_document_scale_wdf(doc[i], scale / n, &err));
        }
        OK(xc_writable_add_document(w, doc[i], NULL, &err));
        xc_document_free(doc[i]);
    }
    OK(xc_writable_commit(w, &err));
    xc_termgen_free(tg);
    xc_writable_free(w);
}

static void test_bm25_ranking(void **state) {
    const char *path = in_dir(state, "idx");
    build_bm25_texts(path, 0);

    xc_database *db = NULL;
    OK(xc_database_open_glass(path, &db, &err));
    xc_qparser *qp = corpus_parser(db);
    xc_query *q = NULL;
    OK(xc_qparser_parse(qp, "tariff", XC_QP_DEFAULT, &q, &err));

    xc_enquire *enq = NULL;
    xc_mset *m = NULL;
    xc_hit h0, h1;
    OK(xc_enquire_new(db, &enq, &err));
    OK(xc_enquire_set_query(enq, q, &err));
    OK(xc_enquire_run(enq, 0, 10, 3, &m, &err));
    assert_int_equal(size_of(m), 2);
    assert_int_equal(matches_of(m), 2);
    OK(xc_mset_hit(m, 0, &h0, &err));
    OK(xc_mset_hit(m, 1, &h1, &err));
    /* Three mentions in a short text beat one in a long one. */
    assert_int_equal(h0.docid, 2);
    assert_int_equal(h1.docid, 3);
    assert_int_equal(h0.rank, 0);
    assert_int_equal(h1.rank, 1);
    assert_true(h0.weight > h1.weight);
    assert_int_equal(h0.percent, 100);
    assert_true(h1.percent < 100);
    xc_mset_free(m);

    /* Paging: rank counts from the start of the whole list. */
    OK(xc_enquire_run(enq, 1, 10, 3, &m, &err));
    assert_int_equal(size_of(m), 1);
    OK(xc_mset_hit(m, 0, &h1, &err));
    assert_int_equal(h1.rank, 1);
    assert_int_equal(h1.docid, 3);
    xc_mset_free(m);

    /* k1 = 0: wdf and length stop mattering, both weigh the same. */
    OK(xc_enquire_set_bm25(enq, 0.0, 0.0, 1.0, 0.5, 0.5, &err));
    OK(xc_enquire_run(enq, 0, 10, 3, &m, &err));
    OK(xc_mset_hit(m, 0, &h0, &err));
    OK(xc_mset_hit(m, 1, &h1, &err));
    assert_float_equal(h0.weight, h1.weight, 1e-9);
    xc_mset_free(m);
    /* A larger k1 with full length normalisation: new weights. */
    double before = 0;
    {
        xc_enquire *plain = NULL;
        OK(xc_enquire_new(db, &plain, &err));
        OK(xc_enquire_set_query(plain, q, &err));
        OK(xc_enquire_run(plain, 0, 10, 3, &m, &err));
        OK(xc_mset_hit(m, 0, &h0, &err));
        before = h0.weight;
        xc_mset_free(m);
        xc_enquire_free(plain);
    }
    OK(xc_enquire_set_bm25(enq, 2.0, 0.0, 1.0, 1.0, 0.5, &err));
    OK(xc_enquire_run(enq, 0, 10, 3, &m, &err));
    OK(xc_mset_hit(m, 0, &h0, &err));
    assert_int_equal(h0.docid, 2);
    assert_true(fabs(h0.weight - before) > 1e-6);
    xc_mset_free(m);

    xc_enquire_free(enq);
    xc_query_free(q);
    xc_qparser_free(qp);
    xc_database_free(db);
}

static void test_scaled_wdf(void **state) {
    (void)state;
    xc_document *doc = NULL;
    xc_termgen *tg = NULL;
    uint64_t len = 0;
    OK(xc_document_new(&doc, &err));
    OK(xc_termgen_new("english", XC_STEM_ALL_Z, NULL, &tg, &err));
    OK(xc_termgen_set_document(tg, doc, &err));
    OK(xc_termgen_index_text(tg, "trade tariff trade", 1, NULL, &err));
    OK(xc_document_add_boolean_term(doc, "XKbullet", &err));
    OK(xc_document_length(doc, &len, &err));
    assert_int_equal(len, 3);
    /* 2 x 2.5 = 5; 1 x 2.5 = 2.5, rounded half up to 3; a filter term
     * keeps wdf 0. */
    OK(xc_document_scale_wdf(doc, 2.5, &err));
    OK(xc_document_length(doc, &len, &err));
    assert_int_equal(len, 8);
    terms ts = {0};
    OK(xc_document_each_term(doc, collect, &ts, &err));
    assert_int_equal(ts.n, 3);
    assert_string_equal(ts.t[0], "XKbullet");
    assert_int_equal(ts.freq[0], 0);
    assert_string_equal(ts.t[1], "Ztariff");
    assert_int_equal(ts.freq[1], 3);
    assert_string_equal(ts.t[2], "Ztrade");
    assert_int_equal(ts.freq[2], 5);
    /* Factor 1 changes nothing; below 1, not a number, NULL: refused. */
    OK(xc_document_scale_wdf(doc, 1.0, &err));
    OK(xc_document_length(doc, &len, &err));
    assert_int_equal(len, 8);
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_document_scale_wdf(doc, 0.5, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_document_scale_wdf(doc, NAN, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_document_scale_wdf(doc, INFINITY, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_document_scale_wdf(NULL, 2.0, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_document_length(NULL, &len, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_document_length(doc, NULL, &err));
    xc_termgen_free(tg);
    xc_document_free(doc);
}

/* BM25's length normalisation stored in the wdfs (scale / N) and searched
 * with b = 0 and k1 x scale, the query scaled by (k1 + 1) / (k1 x scale +
 * 1): the weights of plain BM25, up to the rounding of the wdfs, and
 * phrases still match (positions are kept). */
static void test_bm25_from_scaled_wdf(void **state) {
    const char *plain_path = in_dir(state, "plain");
    char scaled_path[4096];
    snprintf(scaled_path, sizeof scaled_path, "%s2", plain_path);
    build_bm25_texts(plain_path, 0);
    build_bm25_texts(scaled_path, 64);
    const double scale = 64;
    static const char *queries[] = {"tariff", "trade", "tariff trade",
                                    "\"tariff trade\"", "filler OR only"};
    for (size_t k = 0; k < sizeof queries / sizeof queries[0]; ++k) {
        double weight[2][3] = {{0}};
        xc_docid order[2][3] = {{0}};
        size_t n[2] = {0};
        for (int scaled = 0; scaled < 2; ++scaled) {
            xc_database *db = NULL;
            OK(xc_database_open_glass(scaled ? scaled_path : plain_path, &db, &err));
            xc_qparser *qp = corpus_parser(db);
            xc_query *q = NULL, *run = NULL;
            OK(xc_qparser_parse(qp, queries[k], XC_QP_DEFAULT, &q, &err));
            xc_enquire *enq = NULL;
            OK(xc_enquire_new(db, &enq, &err));
            if (scaled) {
                OK(xc_query_scale(q, 2.0 / (scale + 1), &run, &err));
                OK(xc_enquire_set_bm25(enq, scale, 0, 1, 0, 0.5, &err));
            }
            OK(xc_enquire_set_query(enq, scaled ? run : q, &err));
            xc_mset *m = NULL;
            OK(xc_enquire_run(enq, 0, 10, 3, &m, &err));
            n[scaled] = size_of(m);
            for (size_t i = 0; i < n[scaled]; ++i) {
                xc_hit h;
                OK(xc_mset_hit(m, i, &h, &err));
                weight[scaled][i] = h.weight;
                order[scaled][i] = h.docid;
            }
            xc_mset_free(m);
            xc_enquire_free(enq);
            xc_query_free(run);
            xc_query_free(q);
            xc_qparser_free(qp);
            xc_database_free(db);
        }
        assert_true(n[0] > 0);
        assert_int_equal(n[0], n[1]);
        for (size_t i = 0; i < n[0]; ++i) {
            assert_int_equal(order[0][i], order[1][i]);
            assert_float_equal(weight[0][i], weight[1][i], 0.01 * weight[0][i]);
        }
    }
    xc_query *q = NULL, *out = NULL;
    OK(xc_query_term("Ztariff", &q, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_query_scale(q, -1, &out, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_query_scale(q, NAN, &out, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_query_scale(NULL, 1, &out, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_query_scale(q, 1, NULL, &err));
    assert_null(out);
    xc_query_free(q);
}

static void test_sort_by_value(void **state) {
    const char *path = in_dir(state, "idx");
    build_corpus(path);
    xc_database *db = NULL;
    xc_enquire *enq = NULL;
    xc_query *all = NULL;
    xc_mset *m = NULL;
    OK(xc_database_open_glass(path, &db, &err));
    OK(xc_query_match_all(&all, &err));
    OK(xc_enquire_new(db, &enq, &err));
    OK(xc_enquire_set_query(enq, all, &err));

    static const char *asc[] = {"r4", "r1", "r3", "r2", "r5"};
    OK(xc_enquire_sort_by_value(enq, SLOT_YEAR, 0, &err));
    OK(xc_enquire_run(enq, 0, 10, 5, &m, &err));
    assert_int_equal(size_of(m), 5);
    for (size_t i = 0; i < 5; ++i) assert_string_equal(hit_id(m, i), asc[i]);
    /* A hit's value, read through the mset: ascending, as sorted; "" for
     * a slot the document does not have; an index past the end fails. */
    char *prev = NULL;
    for (size_t i = 0; i < 5; ++i) {
        char *v = NULL;
        size_t len = 0;
        OK(xc_mset_value(m, i, SLOT_YEAR, &v, &len, &err));
        assert_int_equal(strlen(v), len);
        assert_true(len > 0);
        if (prev) assert_true(strcmp(prev, v) <= 0);
        free(prev);
        prev = v;
    }
    free(prev);
    char *none = NULL;
    OK(xc_mset_value(m, 0, 99, &none, NULL, &err));
    assert_string_equal(none, "");
    free(none);
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_mset_value(m, 5, SLOT_YEAR, &none, NULL, &err));
    xc_mset_free(m);

    OK(xc_enquire_sort_by_value(enq, SLOT_YEAR, 1, &err));
    OK(xc_enquire_run(enq, 0, 10, 5, &m, &err));
    for (size_t i = 0; i < 5; ++i)
        assert_string_equal(hit_id(m, i), asc[4 - i]);
    xc_mset_free(m);

    /* A ranked query, still sorted by year. */
    xc_qparser *qp = corpus_parser(db);
    xc_query *q = NULL;
    OK(xc_qparser_parse(qp, "cybersecurity OR japan", XC_QP_DEFAULT, &q, &err));
    OK(xc_enquire_set_query(enq, q, &err));
    OK(xc_enquire_run(enq, 0, 10, 5, &m, &err));
    assert_string_equal(hit_id(m, 0), "r2"); /* sorted by year, descending */
    xc_mset_free(m);

    xc_query_free(q);
    xc_qparser_free(qp);
    xc_query_free(all);
    xc_enquire_free(enq);
    xc_database_free(db);
}

/* ---- facets ----------------------------------------------------------------- */

typedef struct want_count {
    const char *value;
    uint32_t count;
} want_count;

static void check_counts(xc_enquire *enq, unsigned facet,
                         const want_count *want, size_t n_want) {
    xc_facet_count *counts = NULL;
    size_t n = 0;
    OK(xc_enquire_facet_counts(enq, facet, &counts, &n, &err));
    if (n != n_want) {
        for (size_t i = 0; i < n; ++i)
            print_message("  got %s = %u\n", counts[i].value, counts[i].count);
    }
    assert_int_equal(n, n_want);
    for (size_t i = 0; i < n; ++i) {
        assert_string_equal(counts[i].value, want[i].value);
        assert_int_equal(counts[i].value_len, strlen(want[i].value));
        assert_int_equal(counts[i].count, want[i].count);
    }
    xc_facet_counts_free(counts, n);
}

static void check_corpus_facets(xc_database *db) {
    xc_enquire *enq = NULL;
    xc_query *q = NULL;
    xc_mset *m = NULL;
    unsigned f_agency = 9, f_tags = 9, f_late = 9;
    uint32_t n = 0;
    OK(xc_database_doccount(db, &n, &err));
    OK(xc_enquire_new(db, &enq, &err));
    OK(xc_query_match_all(&q, &err));
    OK(xc_enquire_set_query(enq, q, &err));
    OK(xc_enquire_add_facet(enq, SLOT_AGENCY, 0, NULL, &f_agency, &err));
    OK(xc_enquire_add_facet(enq, SLOT_TAGS, '\x1f', "", &f_tags, &err));
    assert_int_equal(f_agency, 0);
    assert_int_equal(f_tags, 1);

    /* Before any run: no counts. */
    xc_facet_count *counts = NULL;
    size_t nc = 9;
    OK(xc_enquire_facet_counts(enq, f_tags, &counts, &nc, &err));
    assert_int_equal(nc, 0);
    xc_facet_counts_free(counts, nc);

    OK(xc_enquire_run(enq, 0, 1, n, &m, &err)); /* max 1: counts still exact */
    assert_int_equal(size_of(m), 1);
    xc_mset_free(m);
    static const want_count agencies[] = {{"dod", 2}, {"ustr", 2}, {"usda", 1}};
    check_counts(enq, f_agency, agencies, 3);
    static const want_count tags[] = {{"trade", 3},      {"security", 2},
                                      {"agriculture", 1}, {"alliance", 1},
                                      {"cyber", 1},      {"steel", 1}};
    check_counts(enq, f_tags, tags, 6);

    /* A second run starts counting afresh, over its own matches. */
    xc_query *dod = NULL;
    OK(xc_query_term("XAdod", &dod, &err));
    OK(xc_enquire_set_query(enq, dod, &err));
    OK(xc_enquire_add_facet(enq, SLOT_AGENCY, 0, NULL, &f_late, &err));
    assert_int_equal(f_late, 2);
    OK(xc_enquire_run(enq, 0, 10, n, &m, &err));
    xc_mset_free(m);
    static const want_count dod_agencies[] = {{"dod", 2}};
    check_counts(enq, f_agency, dod_agencies, 1);
    check_counts(enq, f_late, dod_agencies, 1);
    static const want_count dod_tags[] = {
        {"security", 2}, {"alliance", 1}, {"cyber", 1}};
    check_counts(enq, f_tags, dod_tags, 3);
    EXPECT_ERR(XC_ERR_ARGUMENT,
               xc_enquire_facet_counts(enq, 3, &counts, &nc, &err));

    xc_query_free(dod);

    /* Two facets over one slot, told apart by a prefix: only the values
     * that start with it count, without it. */
    xc_enquire *shared = NULL;
    unsigned f_s = 9, f_all = 9;
    OK(xc_enquire_new(db, &shared, &err));
    OK(xc_enquire_set_query(shared, q, &err));
    OK(xc_enquire_add_facet(shared, SLOT_TAGS, '\x1f', "s", &f_s, &err));
    OK(xc_enquire_add_facet(shared, SLOT_TAGS, '\x1f', NULL, &f_all, &err));
    OK(xc_enquire_run(shared, 0, 1, n, &m, &err));
    xc_mset_free(m);
    static const want_count s_tags[] = {{"ecurity", 2}, {"teel", 1}};
    check_counts(shared, f_s, s_tags, 2);
    check_counts(shared, f_all, tags, 6);
    xc_enquire_free(shared);

    xc_query_free(q);
    xc_enquire_free(enq);
}

static void test_facets(void **state) {
    const char *path = in_dir(state, "idx");
    build_corpus(path);
    xc_database *db = NULL;
    OK(xc_database_open_glass(path, &db, &err));
    check_corpus_facets(db);
    xc_database_free(db);
}

/* ---- msets and their enquire ------------------------------------------------ */

static void test_mset_keeps_its_run(void **state) {
    const char *path = in_dir(state, "idx");
    build_corpus(path);
    xc_database *db = NULL;
    OK(xc_database_open_glass(path, &db, &err));
    xc_qparser *qp = corpus_parser(db);
    xc_query *q = NULL, *q2 = NULL;
    xc_enquire *enq = NULL;
    xc_mset *m = NULL, *m2 = NULL;
    OK(xc_qparser_parse(qp, "tariff", XC_QP_DEFAULT, &q, &err));
    OK(xc_enquire_new(db, &enq, &err));
    OK(xc_enquire_set_query(enq, q, &err));
    OK(xc_enquire_run(enq, 0, 10, 5, &m, &err));
    assert_int_equal(size_of(m), 3);

    /* A later query on the same enquire does not change the old mset. */
    OK(xc_qparser_parse(qp, "japan", XC_QP_DEFAULT, &q2, &err));
    OK(xc_enquire_set_query(enq, q2, &err));
    OK(xc_enquire_run(enq, 0, 10, 5, &m2, &err));
    assert_int_equal(size_of(m), 3);
    assert_int_equal(size_of(m2), 3);

    /* The mset outlives its enquire, and still reads its documents. */
    xc_enquire_free(enq);
    for (size_t i = 0; i < 3; i++) {
        const char *id = hit_id(m, i);
        assert_true(!strcmp(id, "r1") || !strcmp(id, "r4") || !strcmp(id, "r5"));
    }

    xc_mset_free(m);
    xc_mset_free(m2);
    xc_query_free(q);
    xc_query_free(q2);
    xc_qparser_free(qp);
    xc_database_free(db);
}

/* ---- spelling and synonyms -------------------------------------------------- */

/* Appends "word " to the buffer ctx (256 bytes). */
static int append_word(const char *word, uint32_t freq, void *ctx) {
    (void)freq;
    char *buf = ctx;
    if (strlen(buf) + strlen(word) + 2 > 256) return 1;
    strcat(buf, word);
    strcat(buf, " ");
    return 0;
}

static void test_spelling(void **state) {
    const char *path = in_dir(state, "idx");
    build_range(path, 0, NCORPUS, 1);
    xc_writable *w = NULL;
    OK(xc_writable_open(path, XC_OPEN, 0, &w, &err));
    OK(xc_writable_add_spelling(w, "brexit", 1, &err));
    OK(xc_writable_commit(w, &err));
    xc_writable_free(w);

    xc_database *db = NULL;
    OK(xc_database_open_glass(path, &db, &err));
    xc_qparser *qp = corpus_parser(db);
    xc_query *q = NULL;
    OK(xc_qparser_parse(qp, "cybersecuirty", XC_QP_DEFAULT | XC_QP_SPELLING,
                        &q, &err));
    char *c = corrected(qp);
    assert_string_equal(c, "cybersecurity");
    free(c);
    xc_query_free(q);

    OK(xc_qparser_parse(qp, "brexot", XC_QP_DEFAULT | XC_QP_SPELLING, &q, &err));
    c = corrected(qp);
    assert_string_equal(c, "brexit");
    free(c);
    xc_query_free(q);

    /* The table directly. */
    char *sug = NULL;
    OK(xc_database_spelling_suggestion(db, "cybersecuirty", 2, &sug, &err));
    assert_non_null(sug);
    assert_string_equal(sug, "cybersecurity");
    free(sug);
    OK(xc_database_spelling_suggestion(db, "cybersecurity", 2, &sug, &err));
    assert_string_equal(sug, ""); /* already a known word: absent */
    free(sug);
    OK(xc_database_spelling_suggestion(db, "qqqqzzzz", 2, &sug, &err));
    assert_string_equal(sug, "");
    free(sug);
    sug = (char *)"x";
    EXPECT_ERR(XC_ERR_ARGUMENT,
               xc_database_spelling_suggestion(NULL, "a", 2, &sug, &err));
    assert_null(sug); /* failed: NULL, not "" */
    EXPECT_ERR(XC_ERR_ARGUMENT,
               xc_database_spelling_suggestion(db, "a", 2, NULL, &err));

    /* The table's words by prefix, in order: what wildcards expand over. */
    char got[256] = "";
    OK(xc_database_each_spelling_word(db, "br", append_word, got, &err));
    assert_string_equal(got, "brexit ");
    got[0] = '\0';
    OK(xc_database_each_spelling_word(db, "cyber", append_word, got, &err));
    assert_true(strncmp(got, "cyber", 5) == 0 && strstr(got, "cybersecurity "));
    got[0] = '\0';
    OK(xc_database_each_spelling_word(db, "qqq", append_word, got, &err));
    assert_string_equal(got, "");
    EXPECT_ERR(XC_ERR_ARGUMENT,
               xc_database_each_spelling_word(db, "a", NULL, NULL, &err));

    /* Correct words: no correction. */
    OK(xc_qparser_parse(qp, "cybersecurity", XC_QP_DEFAULT | XC_QP_SPELLING,
                        &q, &err));
    c = corrected(qp);
    assert_string_equal(c, ""); /* absent */
    free(c);
    xc_query_free(q);
    xc_qparser_free(qp);
    xc_database_free(db);
}

/* ---- shards -------------------------------------------------------------------- */

/* A document's data by its unique term, through a query. */
static void assert_id_found(xc_database *db, const char *id) {
    char term[64];
    snprintf(term, sizeof term, "Q%s", id);
    xc_query *q = NULL;
    OK(xc_query_term(term, &q, &err));
    xc_mset *m = run_query(db, q);
    assert_int_equal(size_of(m), 1);
    assert_string_equal(hit_id(m, 0), id);
    xc_mset_free(m);
    xc_query_free(q);
}

static void test_two_shards(void **state) {
    const char *a = in_dir(state, "a");
    const char *b = in_dir(state, "b");
    const char *single = in_dir(state, "single");
    build_range(a, 0, 3, 0);
    build_range(b, 3, NCORPUS, 0);
    build_corpus(single);

    xc_database *db = NULL, *one = NULL;
    uint32_t count = 0;
    OK(xc_database_new(&db, &err));
    OK(xc_database_add_glass(db, a, &err));
    OK(xc_database_add_glass(db, b, &err));
    OK(xc_database_open_glass(single, &one, &err));
    OK(xc_database_doccount(db, &count, &err));
    assert_int_equal(count, 5);
    assert_id_found(db, "r4");

    /* Same hits, order and weights as one index of the same documents. */
    xc_qparser *qp = corpus_parser(db);
    xc_query *q = NULL;
    OK(xc_qparser_parse(qp, "tariffs OR korea", XC_QP_DEFAULT, &q, &err));
    xc_mset *ms = run_query(db, q), *m1 = run_query(one, q);
    assert_int_equal(size_of(ms), 4);
    assert_int_equal(size_of(m1), 4);
    for (size_t i = 0; i < 4; ++i) {
        xc_hit hs, h1;
        OK(xc_mset_hit(ms, i, &hs, &err));
        OK(xc_mset_hit(m1, i, &h1, &err));
        char sid[64];
        snprintf(sid, sizeof sid, "%s", hit_id(ms, i));
        assert_string_equal(sid, hit_id(m1, i));
        assert_float_equal(hs.weight, h1.weight, 1e-9);
    }
    xc_mset_free(ms);
    xc_mset_free(m1);
    xc_query_free(q);
    xc_qparser_free(qp);

    check_corpus_facets(db);
    xc_database_free(one);
    xc_database_free(db);
}

static void set_meta(const char *path, const char *key, const char *value) {
    xc_writable *w = NULL;
    OK(xc_writable_open(path, XC_OPEN, 0, &w, &err));
    OK(xc_writable_set_metadata(w, key, value, strlen(value), &err));
    OK(xc_writable_commit(w, &err));
    xc_writable_free(w);
}

static char *get_meta(xc_database *db, const char *key) {
    char *v = NULL;
    OK(xc_database_get_metadata(db, key, &v, NULL, &err));
    return v;
}

/* Two parts merged: the documents of one index in the order given, the
 * parts' metadata and spelling tables, and the same ranking. */
static void test_compact(void **state) {
    /* in_dir's buffers are few: copies. */
    char a[1024], b[1024], single[1024], merged[1024], gone[1024], missing[1024];
    snprintf(a, sizeof a, "%s", in_dir(state, "a"));
    snprintf(b, sizeof b, "%s", in_dir(state, "b"));
    snprintf(single, sizeof single, "%s", in_dir(state, "single"));
    snprintf(merged, sizeof merged, "%s", in_dir(state, "merged"));
    snprintf(gone, sizeof gone, "%s", in_dir(state, "gone"));
    snprintf(missing, sizeof missing, "%s", in_dir(state, "missing"));
    build_range(a, 0, 3, 1);
    build_range(b, 3, NCORPUS, 1);
    build_corpus(single);
    set_meta(a, "both", "from a");
    set_meta(b, "both", "from b");
    set_meta(b, "only b", "b's");
    const char *parts[] = {a, b};
    OK(xc_compact(parts, 2, merged, &err));

    xc_database *db = NULL, *one = NULL;
    uint32_t count = 0;
    OK(xc_database_open_glass(merged, &db, &err));
    OK(xc_database_open_glass(single, &one, &err));
    OK(xc_database_doccount(db, &count, &err));
    assert_int_equal(count, NCORPUS);
    {   /* b's documents follow a's */
        xc_query *all = NULL;
        OK(xc_query_match_all(&all, &err));
        xc_mset *m = run_query(db, all);
        assert_int_equal(size_of(m), NCORPUS);
        for (size_t i = 0; i < NCORPUS; i++) {
            xc_hit h;
            OK(xc_mset_hit(m, i, &h, &err));
            assert_int_equal(h.docid, i + 1);
            assert_string_equal(hit_id(m, i), corpus[i].id);
        }
        xc_mset_free(m);
        xc_query_free(all);
    }
    xc_qparser *qp = corpus_parser(db);
    xc_query *q = NULL;
    OK(xc_qparser_parse(qp, "tariffs OR korea OR steel", XC_QP_DEFAULT, &q, &err));
    xc_mset *mm = run_query(db, q), *m1 = run_query(one, q);
    assert_int_equal(size_of(mm), size_of(m1));
    for (size_t i = 0; i < size_of(m1); ++i) {
        xc_hit hm, h1;
        OK(xc_mset_hit(mm, i, &hm, &err));
        OK(xc_mset_hit(m1, i, &h1, &err));
        assert_int_equal(hm.docid, h1.docid);
        assert_float_equal(hm.weight, h1.weight, 1e-9);
    }
    xc_mset_free(mm);
    xc_mset_free(m1);
    xc_query_free(q);
    xc_qparser_free(qp);

    char *v = get_meta(db, "both");
    assert_string_equal(v, "from a");
    free(v);
    v = get_meta(db, "only b");
    assert_string_equal(v, "b's");
    free(v);
    char *sug = NULL;   /* "exports" is only in b, "cybersecurity" in a */
    OK(xc_database_spelling_suggestion(db, "exprots", 2, &sug, &err));
    assert_non_null(sug);
    assert_string_equal(sug, "exports");
    free(sug);
    OK(xc_database_spelling_suggestion(db, "cybersecuirty", 2, &sug, &err));
    assert_non_null(sug);
    assert_string_equal(sug, "cybersecurity");
    free(sug);
    xc_database_free(one);
    xc_database_free(db);

    /* The merged database takes more documents like any other. */
    xc_writable *w = NULL;
    xc_termgen *tg = NULL;
    OK(xc_writable_open(merged, XC_OPEN, 0, &w, &err));
    OK(xc_termgen_new("english", XC_STEM_ALL_Z, NULL, &tg, &err));
    xc_document *doc = make_doc(tg, &corpus[0]);
    xc_docid added = 0;
    OK(xc_writable_add_document(w, doc, &added, &err));
    assert_int_equal(added, NCORPUS + 1);
    OK(xc_writable_commit(w, &err));
    xc_document_free(doc);
    xc_termgen_free(tg);
    xc_writable_free(w);

    /* Errors: the place taken, a part missing (nothing is left behind),
     * no parts. */
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_compact(parts, 2, merged, &err));
    const char *with_missing[] = {a, missing};
    EXPECT_ERR(XC_ERR_NOT_FOUND, xc_compact(with_missing, 2, gone, &err));
    struct stat st;
    assert_int_not_equal(lstat(gone, &st), 0);
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_compact(parts, 0, gone, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_compact(NULL, 2, gone, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_compact(parts, 2, NULL, &err));
}

/* ---- errors ------------------------------------------------------------------- */

static void test_missing_and_empty(void **state) {
    xc_database *db = NULL;
    xc_writable *w = NULL;
    const char *missing = in_dir(state, "nope");
    char *err = NULL;
    assert_int_equal(xc_database_open_glass(missing, &db, &err), XC_ERR_NOT_FOUND);
    assert_null(db);
    assert_non_null(err);
    assert_non_null(strstr(err, missing)); /* names the path */
    free(err);
    EXPECT_ERR(XC_ERR_NOT_FOUND, xc_writable_open(missing, XC_OPEN, 0, &w, &err));
    assert_null(w);
    /* error may be NULL. */
    assert_int_equal(xc_database_open_glass(missing, &db, NULL), XC_ERR_NOT_FOUND);

    const char *empty = in_dir(state, "empty");
    assert_int_equal(mkdir(empty, 0700), 0);
    EXPECT_ERR(XC_ERR_NOT_FOUND, xc_database_open_glass(empty, &db, &err));
    assert_null(db);
}

static void test_lock(void **state) {
    const char *path = in_dir(state, "idx");
    build_corpus(path);
    xc_writable *w1 = NULL, *w2 = NULL;
    OK(xc_writable_open(path, XC_OPEN, 0, &w1, &err));
    EXPECT_ERR_MSG(XC_ERR_LOCKED, "DatabaseLockError",
                   xc_writable_open(path, XC_OPEN, 0, &w2, &err));
    assert_null(w2);
    EXPECT_ERR(XC_ERR_LOCKED,
               xc_writable_open(path, XC_CREATE_OR_OPEN, 0, &w2, &err));

    /* Readers still work and see committed data. */
    xc_database *db = NULL;
    uint32_t n = 0;
    OK(xc_database_open_glass(path, &db, &err));
    OK(xc_database_doccount(db, &n, &err));
    assert_int_equal(n, 5);
    xc_database_free(db);

    xc_writable_free(w1); /* releases the lock */
    OK(xc_writable_open(path, XC_OPEN, 0, &w2, &err));
    xc_writable_free(w2);
}

static void test_retry_lock_waits(void **state) {
    const char *path = in_dir(state, "idx");
    build_corpus(path);
    int ready[2];
    assert_int_equal(pipe(ready), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        /* Child: hold the lock for a moment, then let go. */
        xc_writable *w = NULL;
        int rc = xc_writable_open(path, XC_OPEN, 0, &w, NULL) == XC_OK ? 0 : 1;
        char c = (char)rc;
        if (write(ready[1], &c, 1) != 1) _exit(2);
        struct timespec pause = {0, 300 * 1000 * 1000};
        nanosleep(&pause, NULL);
        xc_writable_free(w);
        _exit(rc);
    }
    close(ready[1]);
    char c = 1;
    assert_int_equal(read(ready[0], &c, 1), 1);
    close(ready[0]);
    assert_int_equal(c, 0);
    xc_writable *w = NULL;
    EXPECT_ERR(XC_ERR_LOCKED, xc_writable_open(path, XC_OPEN, 0, &w, &err));
    OK(xc_writable_open(path, XC_OPEN, XC_RETRY_LOCK, &w, &err));
    xc_writable_free(w);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* Calls each reading function until one fails; returns that status. */
static xc_status first_failure(const char *path, char **err) {
    xc_database *db = NULL;
    xc_status st = xc_database_open_glass(path, &db, err);
    if (st != XC_OK) return st;
    uint32_t n;
    xc_query *all = NULL;
    xc_enquire *enq = NULL;
    xc_mset *m = NULL;
    st = xc_database_doccount(db, &n, err);
    if (st == XC_OK) st = xc_query_match_all(&all, err);
    if (st == XC_OK) st = xc_enquire_new(db, &enq, err);
    if (st == XC_OK) st = xc_enquire_set_query(enq, all, err);
    if (st == XC_OK) st = xc_enquire_run(enq, 0, 100, 100, &m, err);
    for (size_t i = 0; st == XC_OK && i < size_of(m); ++i) {
        char *data = NULL;
        st = xc_mset_data(m, i, &data, NULL, err);
        free(data);
    }
    xc_mset_free(m);
    xc_enquire_free(enq);
    xc_query_free(all);
    xc_database_free(db);
    return st;
}

/* Overwrites (or truncates) every *.glass table of an index. */
static void damage_tables(const char *dir, int truncate_half) {
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 6, ".glass") != 0) continue;
        char p[1024];
        struct stat st;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        assert_int_equal(stat(p, &st), 0);
        if (truncate_half) {
            assert_int_equal(truncate(p, st.st_size / 2), 0);
        } else {
            size_t size = (size_t)st.st_size;
            unsigned char *junk = malloc(size ? size : 1);
            assert_non_null(junk);
            for (size_t i = 0; i < size; ++i)
                junk[i] = (unsigned char)(i * 131u + 7u);
            write_file(p, junk, size);
            free(junk);
        }
    }
    closedir(d);
}

/* An index big enough that its postlist spans several blocks. */
static void build_big(const char *path) {
    xc_writable *w = NULL;
    xc_termgen *tg = NULL;
    OK(xc_writable_open(path, XC_CREATE_OR_OPEN, 0, &w, &err));
    OK(xc_termgen_new("english", XC_STEM_ALL_Z, NULL, &tg, &err));
    for (int i = 0; i < 400; ++i) {
        char text[256], q[32];
        snprintf(text, sizeof text,
                 "report %d on tariffs, steel %d, alliance w%d x%d y%d", i,
                 i * 7, i, i * 3, i * 11);
        xc_document *doc = NULL;
        OK(xc_document_new(&doc, &err));
        OK(xc_termgen_set_document(tg, doc, &err));
        OK(xc_termgen_index_text(tg, text, 1, NULL, &err));
        OK(xc_document_set_data(doc, text, strlen(text), &err));
        snprintf(q, sizeof q, "Q%d", i);
        OK(xc_document_add_boolean_term(doc, q, &err));
        OK(xc_writable_add_document(w, doc, NULL, &err));
        xc_document_free(doc);
    }
    OK(xc_writable_commit(w, &err));
    xc_termgen_free(tg);
    xc_writable_free(w);
}

static void test_corrupt_garbage(void **state) {
    const char *path = in_dir(state, "idx");
    build_big(path);
    damage_tables(path, 0);
    EXPECT_ERR_MSG(XC_ERR_CORRUPT, "DatabaseCorruptError",
                   first_failure(path, &err));
}

static void test_corrupt_truncated(void **state) {
    const char *path = in_dir(state, "idx");
    build_big(path);
    damage_tables(path, 1);
    /* A plain DatabaseError ("EOF reading block"), mapped to corrupt. */
    EXPECT_ERR_MSG(XC_ERR_CORRUPT, "DatabaseError: EOF reading block",
                   first_failure(path, &err));
}

static void test_text_file_is_not_an_index(void **state) {
    const char *path = in_dir(state, "notes.txt");
    const char text[] = "These are my notes.\nNot an index.\n";
    write_file(path, text, sizeof text - 1);
    xc_database *db = NULL;
    /* Opened as glass only: a file is no glass folder (and no stub is read). */
    EXPECT_ERR_MSG(XC_ERR_NOT_FOUND, "Not a directory",
                   xc_database_open_glass(path, &db, &err));
    assert_null(db);
}

/* Shards added one by one search as one; a glass path is never read as a
 * stub (a XAPIANDB file in a folder, a stub file), so it runs no program. */
static void test_add_shards(void **state) {
    const char *a = in_dir(state, "a");
    const char *b = in_dir(state, "b");
    build_range(a, 0, 3, 0);
    build_range(b, 3, NCORPUS, 0);
    xc_database *db = NULL;
    uint32_t count = 0;
    OK(xc_database_new(&db, &err));
    OK(xc_database_doccount(db, &count, &err));
    assert_int_equal(count, 0);
    OK(xc_database_add_glass(db, a, &err));
    OK(xc_database_add_glass(db, b, &err));
    OK(xc_database_doccount(db, &count, &err));
    assert_int_equal(count, NCORPUS);
    assert_id_found(db, "r4");

    const char *ran = in_dir(state, "ran");
    char line[1200];
    int n = snprintf(line, sizeof line, "remote :/usr/bin/touch %s\n", ran);
    const char *stubdir = in_dir(state, "stubdir");
    assert_int_equal(mkdir(stubdir, 0777), 0);
    write_file(in_dir(state, "stubdir/XAPIANDB"), line, (size_t)n);
    EXPECT_ERR(XC_ERR_NOT_FOUND, xc_database_add_glass(db, stubdir, &err));
    const char *stub = in_dir(state, "prog.stub");
    write_file(stub, line, (size_t)n);
    xc_database *one = NULL;
    char *msg = NULL;
    assert_int_not_equal(xc_database_open_glass(stub, &one, &msg), XC_OK);
    assert_null(one);
    assert_non_null(msg);
    free(msg);
    assert_int_not_equal(access(ran, F_OK), 0);   /* no program ran */

    EXPECT_ERR(XC_ERR_ARGUMENT, xc_database_add_remote(db, "127.0.0.1", 0, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_database_add_remote(db, "127.0.0.1", 65536, &err));
    EXPECT_ERR(XC_ERR_NETWORK, xc_database_add_remote(db, "127.0.0.1", 1, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_database_add_glass(NULL, a, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_database_add_glass(db, NULL, &err));
    xc_database_free(db);
}

/* A reader left on an old revision while a writer commits several times
 * finds its blocks reused: "modified", and a reopen cures it. */
static void test_modified_then_reopen(void **state) {
    const char *path = in_dir(state, "idx");
    build_big(path);
    xc_database *db = NULL;
    OK(xc_database_open_glass(path, &db, &err));
    xc_writable *w = NULL;
    xc_termgen *tg = NULL;
    OK(xc_writable_open(path, XC_OPEN, 0, &w, &err));
    OK(xc_termgen_new("english", XC_STEM_ALL_Z, NULL, &tg, &err));
    for (int round = 0; round < 4; ++round) {
        for (int i = 0; i < 400; ++i) {
            char text[256], q[32];
            snprintf(text, sizeof text, "round %d rewrite %d of report %d",
                     round, i * 13, i);
            xc_document *doc = NULL;
            OK(xc_document_new(&doc, &err));
            OK(xc_termgen_set_document(tg, doc, &err));
            OK(xc_termgen_index_text(tg, text, 1, NULL, &err));
            OK(xc_document_set_data(doc, text, strlen(text), &err));
            snprintf(q, sizeof q, "Q%d", i);
            OK(xc_document_add_boolean_term(doc, q, &err));
            OK(xc_writable_delete_document(w, q, &err));
            OK(xc_writable_add_document(w, doc, NULL, &err));
            xc_document_free(doc);
        }
        OK(xc_writable_commit(w, &err));
    }
    xc_termgen_free(tg);
    xc_writable_free(w);

    xc_query *q = NULL;
    xc_enquire *enq = NULL;
    xc_mset *m = NULL;
    OK(xc_query_term("Zreport", &q, &err));
    OK(xc_enquire_new(db, &enq, &err));
    OK(xc_enquire_set_query(enq, q, &err));
    EXPECT_ERR_MSG(XC_ERR_MODIFIED, "DatabaseModifiedError",
                   xc_enquire_run(enq, 0, 10, 400, &m, &err));
    assert_null(m);
    OK(xc_database_reopen(db, &err));
    OK(xc_enquire_run(enq, 0, 10, 400, &m, &err));
    assert_int_equal(matches_of(m), 400);
    char *data = NULL;
    OK(xc_mset_data(m, 0, &data, NULL, &err));
    assert_non_null(strstr(data, "round 3"));
    free(data);
    xc_mset_free(m);
    xc_enquire_free(enq);
    xc_query_free(q);
    xc_database_free(db);
}

static void test_bad_query(void **state) {
    const char *path = in_dir(state, "idx");
    build_corpus(path);
    xc_database *db = NULL;
    OK(xc_database_open_glass(path, &db, &err));
    xc_qparser *qp = corpus_parser(db);
    xc_query *q = NULL;
    EXPECT_ERR_MSG(XC_ERR_QUERY, "QueryParserError",
                   xc_qparser_parse(qp, "AND", XC_QP_BOOLEAN, &q, &err));
    assert_null(q);
    EXPECT_ERR(XC_ERR_QUERY, xc_qparser_parse(qp, "korea AND", XC_QP_DEFAULT,
                                              &q, &err));
    EXPECT_ERR(XC_ERR_QUERY, xc_qparser_parse(qp, "korea OR OR japan",
                                              XC_QP_DEFAULT, &q, &err));
    /* Xapian 1.4 recovers from these: they parse. */
    OK(xc_qparser_parse(qp, "\"unbalanced", XC_QP_DEFAULT, &q, &err));
    xc_query_free(q);
    OK(xc_qparser_parse(qp, "(korea", XC_QP_DEFAULT, &q, &err));
    xc_query_free(q);
    /* Without FLAG_BOOLEAN "AND" is just a word. */
    OK(xc_qparser_parse(qp, "AND", 0, &q, &err));
    xc_query_free(q);
    q = NULL;
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_qparser_parse(qp, "korea", 0x8000, &q, &err));
    assert_null(q);
    xc_qparser_free(qp);
    xc_database_free(db);
}

static void test_bad_arguments(void **state) {
    const char *path = in_dir(state, "idx");
    build_corpus(path);
    xc_database *db = NULL;
    OK(xc_database_open_glass(path, &db, &err));
    char *s = NULL;
    xc_writable *w = NULL;
    /* Unknown mode or flags. */
    EXPECT_ERR(XC_ERR_ARGUMENT,
               xc_writable_open(path, (xc_open_mode)0, 0, &w, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_writable_open(path, XC_OPEN, 0x10, &w, &err));
    assert_null(w);
    /* Result index past the end. */
    xc_query *all = NULL;
    OK(xc_query_match_all(&all, &err));
    xc_mset *m = run_query(db, all);
    xc_hit h;
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_mset_hit(m, 5, &h, &err));
    size_t len = 9;
    s = (char *)"junk";
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_mset_data(m, 99, &s, &len, &err));
    assert_null(s);   /* failed: every out-parameter cleared */
    assert_int_equal(len, 0);
    xc_mset_free(m);
    xc_query_free(all);
    /* Unknown enum values. */
    xc_termgen *tg = NULL;
    EXPECT_ERR(XC_ERR_ARGUMENT,
               xc_termgen_new("english", (xc_stem_strategy)9, NULL, &tg, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT,
               xc_termgen_new("klingon", XC_STEM_ALL_Z, NULL, &tg, &err));
    assert_null(tg);
    xc_query *q = NULL;
    EXPECT_ERR(XC_ERR_ARGUMENT,
               xc_query_combine((xc_query_op)42, NULL, 0, 0, &q, &err));
    xc_query *nulls[2] = {NULL, NULL};
    EXPECT_ERR(XC_ERR_ARGUMENT,
               xc_query_combine(XC_OP_AND, nulls, 2, 0, &q, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT,
               xc_query_combine(XC_OP_AND, NULL, 2, 0, &q, &err));
    assert_null(q);
    xc_database_free(db);
}

static int never(const char *t, uint32_t f, void *c) {
    (void)t, (void)f, (void)c;
    return 1;
}

static void test_null_handles(void **state) {
    (void)state;
    uint32_t n;
    xc_docid id;
    char *s;
    size_t len;
    xc_hit h;
    xc_query *q = NULL;
    xc_mset *m = NULL;
    xc_facet_count *fc;
    unsigned facet;
    char buf[4];

    EXPECT_ERR(XC_ERR_ARGUMENT, xc_document_new(NULL, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_document_add_boolean_term(NULL, "a", &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_document_set_value(NULL, 0, "a", 1, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_document_set_data(NULL, "a", 1, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_writable_open(NULL, XC_OPEN, 0, NULL, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_writable_commit(NULL, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_writable_add_document(NULL, NULL, &id, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_writable_delete_document(NULL, "Q1", &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_writable_set_metadata(NULL, "k", "v", 1, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_writable_add_spelling(NULL, "a", 1, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT,
               xc_termgen_new("english", XC_STEM_ALL_Z, NULL, NULL, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_termgen_set_document(NULL, NULL, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_termgen_index_text(NULL, "a", 1, NULL, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_termgen_index_text_without_positions(
                                    NULL, "a", 1, NULL, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_stemmer_new("english", NULL, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_stemmer_stem(NULL, "a", &s, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_database_open_glass(NULL, NULL, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_database_reopen(NULL, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_database_doccount(NULL, &n, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT,
               xc_database_get_metadata(NULL, "k", &s, &len, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_database_termfreq(NULL, "a", &n, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT,
               xc_database_each_term(NULL, "", never, NULL, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_query_term(NULL, &q, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_query_term("a", NULL, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_query_match_all(NULL, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_query_combine(XC_OP_AND, NULL, 0, 0, NULL,
                                                 &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_query_each_term(NULL, never, NULL, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_qparser_new(NULL, NULL, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT,
               xc_qparser_set_stemmer(NULL, "english", XC_STEM_ALL_Z, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_qparser_set_default_op(NULL, XC_OP_AND, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_qparser_add_prefix(NULL, "t", "S", &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_qparser_parse(NULL, "a", 0, &q, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_enquire_new(NULL, NULL, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_enquire_set_query(NULL, NULL, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_enquire_set_bm25(NULL, 1, 0, 1, .5, .5, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_enquire_sort_by_value(NULL, 0, 0, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_enquire_add_facet(NULL, 0, 0, NULL, &facet, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_enquire_run(NULL, 0, 10, 0, &m, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT,
               xc_enquire_facet_counts(NULL, 0, &fc, &len, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_mset_hit(NULL, 0, &h, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_mset_data(NULL, 0, &s, &len, &err));
    assert_null(q);
    assert_null(m);

    /* Strings and callbacks that must not be NULL, on live handles. */
    xc_document *doc = NULL;
    OK(xc_document_new(&doc, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_document_add_boolean_term(doc, NULL, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_document_set_value(doc, 0, NULL, 3, &err));
    OK(xc_document_set_value(doc, 0, NULL, 0, &err)); /* empty is fine */
    xc_document_free(doc);
    OK(xc_query_match_all(&q, &err));
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_query_each_term(q, NULL, NULL, &err));
    xc_query_free(q);

    /* The calls that answer with a number or a string fail alike on NULL,
     * and clear what they would have answered. */
    int empty = 7;
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_query_is_empty(NULL, &empty, &err));
    assert_int_equal(empty, 0);
    s = (char *)"junk";
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_query_describe(NULL, &s, &err));
    assert_null(s);
    s = (char *)"junk";
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_qparser_corrected(NULL, &s, &err));
    assert_null(s);
    len = 7;
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_mset_size(NULL, &len, &err));
    assert_int_equal(len, 0);
    n = 7;
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_mset_matches_estimated(NULL, &n, &err));
    assert_int_equal(n, 0);
    memset(&h, 0xff, sizeof h);
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_mset_hit(NULL, 0, &h, &err));
    assert_int_equal(h.docid, 0);
    fc = (xc_facet_count *)buf;
    len = 7;
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_enquire_facet_counts(NULL, 0, &fc, &len, &err));
    assert_null(fc);
    assert_int_equal(len, 0);
    s = (char *)"junk";
    len = 7;
    EXPECT_ERR(XC_ERR_ARGUMENT,
               xc_database_get_metadata(NULL, "k", &s, &len, &err));
    assert_null(s);
    assert_int_equal(len, 0);
    q = (xc_query *)buf;
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_query_term(NULL, &q, &err));
    assert_null(q);
    m = (xc_mset *)buf;
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_enquire_run(NULL, 0, 10, 0, &m, &err));
    assert_null(m);
    facet = 7;
    EXPECT_ERR(XC_ERR_ARGUMENT, xc_enquire_add_facet(NULL, 0, 0, NULL, &facet, &err));
    assert_int_equal(facet, 0);
    /* Pure functions, with no status: a NULL buffer is harmless. */
    assert_float_equal(xc_sortable_unserialise(NULL, 0), 0.0, 0.0);
    (void)buf;
    xc_document_free(NULL);
    xc_writable_free(NULL);
    xc_termgen_free(NULL);
    xc_stemmer_free(NULL);
    xc_database_free(NULL);
    xc_query_free(NULL);
    xc_qparser_free(NULL);
    xc_enquire_free(NULL);
    xc_mset_free(NULL);
    xc_facet_counts_free(NULL, 0);
}

int main(void) {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_status_names),
        T(test_sortable),
        T(test_stemmer),
        T(test_write_and_read),
        T(test_reopen_sees_new_commit),
        T(test_uncommitted_changes_are_lost),
        T(test_overwrite_and_create_modes),
        T(test_parse_prefixes_and_operators),
        T(test_curly_apostrophe_stemming),
        T(test_full_pos_index_for_wildcards),
        T(test_positions),
        T(test_query_building),
        T(test_group_field_is_one_term),
        T(test_bm25_ranking),
        T(test_scaled_wdf),
        T(test_bm25_from_scaled_wdf),
        T(test_value_weight_prior),
        T(test_sort_by_value),
        T(test_facets),
        T(test_mset_keeps_its_run),
        T(test_spelling),
        T(test_two_shards),
        T(test_compact),
        T(test_missing_and_empty),
        T(test_lock),
        T(test_retry_lock_waits),
        T(test_corrupt_garbage),
        T(test_corrupt_truncated),
        T(test_text_file_is_not_an_index),
        T(test_add_shards),
        T(test_modified_then_reopen),
        T(test_bad_query),
        T(test_bad_arguments),
        T(test_null_handles),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
