/*
 * libxapian-c: the small C API that brief uses to reach xapian-core.
 *
 * Conventions (read these once; every function follows them):
 *
 *  - Handles are opaque.  Each type has one constructor that gives the caller
 *    a handle it owns, and one *_free() that accepts NULL.
 *  - Every call that can fail returns xc_status.  The only calls that do not
 *    are those that cannot fail: the *_free() functions, xc_status_name,
 *    xc_xapian_version and xc_sortable_serialise/unserialise.
 *  - Out-parameters: on failure every out-parameter (a handle, a string, a
 *    length, a count, a docid) is set to NULL or 0 before the call returns,
 *    so a caller can free them unconditionally.  On success they hold the
 *    answer.
 *  - "Absent" is never a failure and never NULL: a lookup that finds nothing
 *    returns XC_OK with an empty string "" (no metadata under a key, no
 *    spelling suggestion, no corrected query, a slot the document has no
 *    value in) or 0 (a count, a docid).  Xapian itself stores no empty
 *    metadata or value: "" and "absent" are the same thing there.
 *  - On failure a one-line, human-readable message is stored in *error (when
 *    error is not NULL); the caller owns that string and releases it with
 *    free().  On success *error is left untouched.
 *  - Statuses: any call returning xc_status may return XC_ERR_ARGUMENT (a
 *    NULL handle or out-parameter, an unknown enum or flag, a value out of
 *    range), XC_ERR_NO_MEMORY and XC_ERR_OTHER (an unexpected Xapian
 *    error).  Each call's "Fails:" line lists what else it may return, with
 *    two shorthands:
 *      READ  = XC_ERR_CORRUPT, XC_ERR_MODIFIED, XC_ERR_NETWORK: what reading
 *              a database can meet.  XC_ERR_MODIFIED means a writer has
 *              committed twice since the reader's revision: call
 *              xc_database_reopen() and repeat the call (for a call on an
 *              mset, reopening the database it was run on is enough: the
 *              mset reads documents through it).
 *      OPEN  = XC_ERR_NOT_FOUND, XC_ERR_CORRUPT, XC_ERR_OPENING: what
 *              opening a database can meet.
 *    A write that the disk refuses (full, read-only) is reported by Xapian
 *    as a DatabaseError, so it comes back as XC_ERR_CORRUPT.
 *  - No C++ exception ever leaves this library: every entry point catches
 *    Xapian::Error, std::bad_alloc and anything else, and maps it to a
 *    status.
 *  - Strings handed in are UTF-8 and NUL-terminated unless a length is
 *    given; the library copies what it needs to keep, so the caller may
 *    free them as soon as the call returns.
 *  - Strings and buffers handed out are malloc()ed and owned by the caller
 *    (free()), unless the comment says the library keeps them.
 *
 * Threads and sharing.  Xapian's objects are reference-counted handles on
 * shared internals, and the counts are NOT atomic: two handles that share
 * internals must never be used (freed included) from two threads at once,
 * even for reading.  Handles share in these ways, and only these:
 *  - a database (xc_database) with every query parser, enquire and mset made
 *    on it;
 *  - a query with every query made from it (xc_query_combine,
 *    xc_query_scale), and with every enquire it was set on and that
 *    enquire's msets;
 *  - a document with the term generator it was last set on
 *    (xc_termgen_set_document), until the generator is set on another;
 *  - a writable database with the term generator given it as spelling_db.
 * Such a group of handles may move to another thread as a whole.  Handles
 * that share nothing are independent: a thread may open its own database,
 * parser and enquire on the same index as another thread, and a document
 * no term generator holds may be built in one thread and added to a
 * writable database in another.  xc_status_name, xc_xapian_version and
 * xc_sortable_* are safe from any thread.
 */
#ifndef XAPIAN_C_H
#define XAPIAN_C_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum xc_status {
    XC_OK = 0,
    XC_ERR_NOT_FOUND,   /* no database at that path (DatabaseNotFoundError) */
    XC_ERR_LOCKED,      /* another writer holds the lock (DatabaseLockError) */
    XC_ERR_CORRUPT,     /* damaged or truncated files (DatabaseCorruptError,
                           DatabaseError) */
    XC_ERR_OPENING,     /* not a database: bad stub file, wrong format,
                           unsupported version (DatabaseOpeningError) */
    XC_ERR_MODIFIED,    /* a writer moved on under a reader: reopen and retry
                           (DatabaseModifiedError) */
    XC_ERR_QUERY,       /* the query string does not parse (QueryParserError) */
    XC_ERR_NETWORK,     /* a remote shard failed (NetworkError) */
    XC_ERR_ARGUMENT,    /* a bad argument (InvalidArgumentError, NULL handle) */
    XC_ERR_NO_MEMORY,   /* std::bad_alloc */
    XC_ERR_OTHER        /* any other Xapian::Error or exception */
} xc_status;

/* A short, static, lower-case name for a status ("locked", "corrupt", ...). */
const char *xc_status_name(xc_status status);

/* The version of xapian-core this library runs against (static). */
const char *xc_xapian_version(void);

typedef uint32_t xc_docid;          /* 0 is never a valid document id */
typedef uint32_t xc_slot;           /* value slot number */

/* ------------------------------------------------------------------------
 * Documents: built by the caller, handed to a writable database.
 * ---------------------------------------------------------------------- */

typedef struct xc_document xc_document;

/* Fails: nothing else. */
xc_status xc_document_new(xc_document **out, char **error);
void xc_document_free(xc_document *doc);

/* Adds a term with wdf 0: a filter term that does not affect ranking.
 * Fails (this and the other document calls): nothing else. */
xc_status xc_document_add_boolean_term(xc_document *doc, const char *term,
                                       char **error);
/* The document's length: the sum of its terms' wdf. */
xc_status xc_document_length(const xc_document *doc, uint64_t *length_out,
                             char **error);
/* Multiplies the wdf of every term that has one (not the filter terms, wdf
 * 0) by factor (>= 1), rounded to the nearest integer; positions are kept.
 * A document's length normalisation can so be stored in its wdfs (see
 * brief's schema.h): BM25 with b = 0 then reads no document lengths. */
xc_status xc_document_scale_wdf(xc_document *doc, double factor, char **error);
/* Sets value slot `slot` to `len` bytes (may contain NULs). */
xc_status xc_document_set_value(xc_document *doc, xc_slot slot,
                                const char *value, size_t len, char **error);
/* Sets the opaque data stored with the document. */
xc_status xc_document_set_data(xc_document *doc, const char *data,
                               size_t len, char **error);

/* Encodes a number so that byte order equals numeric order, for sorting by
 * value.  Writes at most XC_SORTABLE_MAX bytes to buf; returns the length. */
#define XC_SORTABLE_MAX 18
size_t xc_sortable_serialise(double value, char buf[XC_SORTABLE_MAX]);
/* The inverse (0 for bytes that are no such encoding): what reads a
 * sortable value back, and what a test of the encoding needs. */
double xc_sortable_unserialise(const char *buf, size_t len);

/* ------------------------------------------------------------------------
 * Writable databases.
 * ---------------------------------------------------------------------- */

typedef struct xc_writable xc_writable;

typedef enum xc_open_mode {
    XC_CREATE_OR_OPEN = 1,      /* open, creating if missing */
    XC_CREATE_OR_OVERWRITE = 2, /* start empty, replacing what is there */
    XC_CREATE = 3,              /* fail if it exists */
    XC_OPEN = 4                 /* fail if it does not exist */
} xc_open_mode;

/* Flags for xc_writable_open. */
#define XC_RETRY_LOCK 0x1 /* wait for another writer's lock instead of
                             failing with XC_ERR_LOCKED */

/* A glass database: an existing path is never read as a stub file.
 * Fails: OPEN (XC_ERR_OPENING also for XC_CREATE on an existing index),
 * XC_ERR_LOCKED. */
xc_status xc_writable_open(const char *path, xc_open_mode mode, int flags,
                           xc_writable **out, char **error);
/* Commits pending changes, reporting any failure.  Call before free.
 * Fails: XC_ERR_CORRUPT. */
xc_status xc_writable_commit(xc_writable *db, char **error);
/* Releases the handle and the lock.  Changes not committed are lost: call
 * xc_writable_commit() first (closing swallows commit errors). */
void xc_writable_free(xc_writable *db);

/* docid_out may be NULL.  The document is read, not kept.
 * Fails (this and the calls down to xc_compact): XC_ERR_CORRUPT. */
xc_status xc_writable_add_document(xc_writable *db, const xc_document *doc,
                                   xc_docid *docid_out, char **error);
/* Deletes every document indexed by unique_term (none is not an error). */
xc_status xc_writable_delete_document(xc_writable *db,
                                      const char *unique_term, char **error);
/* User metadata: any byte string under a non-empty key. */
xc_status xc_writable_set_metadata(xc_writable *db, const char *key,
                                   const char *value, size_t len,
                                   char **error);
/* Spelling table: adds `word` with frequency increment freq_inc. */
xc_status xc_writable_add_spelling(xc_writable *db, const char *word,
                                   unsigned freq_inc, char **error);

/* Merges the databases at sources[0..n) into a new database at dest, where
 * nothing may be yet: their documents follow one another in the order given
 * (renumbered: source k's first document comes after source k-1's last);
 * their user metadata is kept (a key several sources have: the first
 * one's value), and so are their spelling and synonym tables.  The result's
 * tables are packed full, so it is smaller and quicker to read than one
 * database written document by document, and it can be written to like any
 * other.  Merging is linear in the sources' size: writing a large database
 * in parts and merging them is faster than adding every document to it.
 * Fails: OPEN (a source); XC_ERR_ARGUMENT when dest is taken. */
xc_status xc_compact(const char *const *sources, size_t n, const char *dest,
                     char **error);

/* ------------------------------------------------------------------------
 * Term generation: positional free text into a document.
 * ---------------------------------------------------------------------- */

typedef enum xc_stem_strategy {
    XC_STEM_NONE = 0,
    XC_STEM_SOME = 1,     /* Xapian default: capitalised words unstemmed */
    XC_STEM_ALL = 2,
    XC_STEM_ALL_Z = 3,    /* stems every word, Z-prefixed: what brief uses */
    XC_STEM_SOME_FULL_POS = 4
} xc_stem_strategy;

typedef struct xc_termgen xc_termgen;

/* stem_language: a Snowball name such as "english", or NULL/"" for none.
 * spelling_db (may be NULL): words indexed are also added to its spelling
 * table; it is kept (shared: see Threads) and must outlive the term
 * generator.  Fails: XC_ERR_ARGUMENT for an unknown language. */
xc_status xc_termgen_new(const char *stem_language, xc_stem_strategy strategy,
                         xc_writable *spelling_db, xc_termgen **out,
                         char **error);
void xc_termgen_free(xc_termgen *tg);

/* Points the generator at doc (kept, shared: see Threads; it must outlive
 * the indexing calls) and resets the term position to 0.  Fails: nothing
 * else. */
xc_status xc_termgen_set_document(xc_termgen *tg, xc_document *doc,
                                  char **error);
/* Indexes text with positions. prefix may be NULL or "" for none.
 * Fails (and the next): XC_ERR_CORRUPT when the spelling_db is read. */
xc_status xc_termgen_index_text(xc_termgen *tg, const char *text,
                                unsigned wdf_inc, const char *prefix,
                                char **error);
/* Indexes text without positions (no phrase search on it). */
xc_status xc_termgen_index_text_without_positions(xc_termgen *tg,
                                                  const char *text,
                                                  unsigned wdf_inc,
                                                  const char *prefix,
                                                  char **error);

/* ------------------------------------------------------------------------
 * Stemming a single word (the same stemmer TermGenerator and QueryParser
 * use), for highlighting and vocabulary work.
 * ---------------------------------------------------------------------- */

typedef struct xc_stemmer xc_stemmer;

/* Fails: XC_ERR_ARGUMENT for an unknown language. */
xc_status xc_stemmer_new(const char *language, xc_stemmer **out,
                         char **error);
void xc_stemmer_free(xc_stemmer *stemmer);
/* The stem of a lower-case word; caller frees.  Fails: nothing else. */
xc_status xc_stemmer_stem(xc_stemmer *stemmer, const char *word,
                          char **stem_out, char **error);

/* ------------------------------------------------------------------------
 * Read-only databases.
 * ---------------------------------------------------------------------- */

typedef struct xc_database xc_database;

/* An empty database (no shards), to add shards to: searching several
 * added shards searches them as one.  Fails: nothing else. */
xc_status xc_database_new(xc_database **out, char **error);
/* Adds the glass database at path as a shard.  path is opened as glass
 * only: never read as a stub, so it cannot run a program.  Fails: OPEN. */
xc_status xc_database_add_glass(xc_database *db, const char *path,
                                char **error);
/* Adds the database served by xapian-tcpsrv at host:port (1-65535).
 * Fails: XC_ERR_NETWORK, XC_ERR_OPENING. */
xc_status xc_database_add_remote(xc_database *db, const char *host,
                                 unsigned port, char **error);
/* xc_database_new + xc_database_add_glass.  Fails: OPEN. */
xc_status xc_database_open_glass(const char *path, xc_database **out,
                                 char **error);
void xc_database_free(xc_database *db);
/* Moves to the latest committed revision.  Fails: XC_ERR_CORRUPT,
 * XC_ERR_NETWORK. */
xc_status xc_database_reopen(xc_database *db, char **error);
/* Fails (this and the calls down to xc_database_each_spelling_word): READ. */
xc_status xc_database_doccount(xc_database *db, uint32_t *count_out,
                               char **error);
/* *value_out is malloc()ed (NUL-terminated, length in *len_out, len_out may
 * be NULL); a missing key gives "" (absent). */
xc_status xc_database_get_metadata(xc_database *db, const char *key,
                                   char **value_out, size_t *len_out,
                                   char **error);
/* Number of documents indexed by term (0 if none). */
xc_status xc_database_termfreq(xc_database *db, const char *term,
                               uint32_t *freq_out, char **error);
/* The spelling table's suggestion for word (at most max_edits edits away),
 * or "" (absent) when it has none.  Caller frees. */
xc_status xc_database_spelling_suggestion(xc_database *db, const char *word,
                                          unsigned max_edits,
                                          char **suggestion_out, char **error);
/* Calls fn once per term that starts with prefix, in sorted order, with
 * the term (borrowed, valid during the call) and its document frequency.
 * fn returns 0 to go on, non-zero to stop. */
typedef int (*xc_term_fn)(const char *term, uint32_t termfreq, void *ctx);
xc_status xc_database_each_term(xc_database *db, const char *prefix,
                                xc_term_fn fn, void *ctx, char **error);
/* Calls fn once per word of the spelling table that starts with prefix, in
 * sorted order, with the word (borrowed) and its frequency there.  fn
 * returns 0 to go on, non-zero to stop. */
xc_status xc_database_each_spelling_word(xc_database *db, const char *prefix,
                                         xc_term_fn fn, void *ctx, char **error);
/* Calls fn once per term of a document being built, in sorted order, with
 * the term (borrowed) and its wdf (within-document frequency) in place of
 * the frequency.  fn returns 0 to go on, non-zero to stop.  Fails: nothing
 * else. */
xc_status xc_document_each_term(const xc_document *doc, xc_term_fn fn,
                                void *ctx, char **error);

/* ------------------------------------------------------------------------
 * Queries.
 * ---------------------------------------------------------------------- */

typedef struct xc_query xc_query;

typedef enum xc_query_op {
    XC_OP_AND = 0,
    XC_OP_OR = 1,
    XC_OP_AND_NOT = 2,
    XC_OP_FILTER = 3,     /* left's matches, restricted by right, weights
                             from left only */
    XC_OP_PHRASE = 4,
    XC_OP_NEAR = 5,
    XC_OP_SYNONYM = 6,    /* the subqueries count as one term for ranking */
    XC_OP_AND_MAYBE = 7   /* left's matches; right only adds weight */
} xc_query_op;

/* A query matching one term.  Fails (and every query call below): nothing
 * else. */
xc_status xc_query_term(const char *term, xc_query **out, char **error);
/* A query matching every document (weight 0). */
xc_status xc_query_match_all(xc_query **out, char **error);
/* Combines n subqueries with op (the result shares them: see Threads; they
 * may be freed first).  window is used by PHRASE and NEAR (0: default). */
xc_status xc_query_combine(xc_query_op op, xc_query *const *subqueries,
                           size_t n, unsigned window, xc_query **out,
                           char **error);
/* q with every weight it gives multiplied by factor (>= 0): Xapian's
 * OP_SCALE_WEIGHT.  The result shares q (see Threads). */
xc_status xc_query_scale(const xc_query *q, double factor, xc_query **out,
                         char **error);
/* A query that matches every document with a value in slot, weighted by
 * that value (stored with xc_sortable_serialise): a static prior, to be
 * combined as (words AND_MAYBE prior). */
xc_status xc_query_value_weight(xc_slot slot, xc_query **out, char **error);
/* *empty_out: 1 when the query matches nothing (e.g. parsed from ""), else
 * 0. */
xc_status xc_query_is_empty(const xc_query *q, int *empty_out, char **error);
/* Xapian's description of the query (for debugging and tests). */
xc_status xc_query_describe(const xc_query *q, char **description_out,
                            char **error);
void xc_query_free(xc_query *q);
/* Calls fn once per distinct term of the query (wildcards unexpanded), with
 * the term (borrowed) and 0 for the frequency. */
xc_status xc_query_each_term(const xc_query *q, xc_term_fn fn, void *ctx,
                             char **error);

/* ------------------------------------------------------------------------
 * Query parsing.
 * ---------------------------------------------------------------------- */

typedef struct xc_qparser xc_qparser;

/* Flags for xc_qparser_parse (same meaning as Xapian's FLAG_*). */
#define XC_QP_BOOLEAN          0x0001
#define XC_QP_PHRASE           0x0002
#define XC_QP_LOVEHATE         0x0004
#define XC_QP_BOOLEAN_ANY_CASE 0x0008
#define XC_QP_WILDCARD         0x0010
#define XC_QP_PURE_NOT         0x0020
#define XC_QP_PARTIAL          0x0040
#define XC_QP_SPELLING         0x0080
#define XC_QP_SYNONYM          0x0100
#define XC_QP_AUTO_SYNONYMS    0x0200
#define XC_QP_AUTO_MULTIWORD_SYNONYMS 0x0400
#define XC_QP_DEFAULT (XC_QP_BOOLEAN | XC_QP_PHRASE | XC_QP_LOVEHATE)

/* db (may be NULL; kept, shared: see Threads) is used for wildcards,
 * spelling and synonyms.  Fails (and the set-up calls below): nothing else. */
xc_status xc_qparser_new(xc_database *db, xc_qparser **out, char **error);
void xc_qparser_free(xc_qparser *qp);
xc_status xc_qparser_set_stemmer(xc_qparser *qp, const char *language,
                                 xc_stem_strategy strategy, char **error);
/* The operator between words with no explicit operator (XC_OP_AND or
 * XC_OP_OR). */
xc_status xc_qparser_set_default_op(xc_qparser *qp, xc_query_op op,
                                    char **error);
/* field:words searches terms with prefix (free-text field). */
xc_status xc_qparser_add_prefix(xc_qparser *qp, const char *field,
                                const char *prefix, char **error);
/* Groups of alternatives that weigh as one term.  After this call, field:N
 * in a query string stands for group N (0-based, numbered in the order of
 * xc_qparser_add_group): its variants joined with Xapian's OP_SYNONYM, so a
 * document that has several of them gets one term's weight (one IDF, their
 * wdfs added up), not one per variant, and a phrase variant weighs as one
 * term, not as its words.  Each variant is parsed on its own with this
 * parser's stemmer and strategy and phrase syntax only: a word, or "several
 * words" (a phrase); one that yields no term, or the same query as an
 * earlier one, is left out (a group with none matches nothing).  field:X where X is no group's
 * number reads as words, as a field the parser does not know does.  A
 * group next to NEAR or ADJ is an XC_ERR_OTHER at parse time (Xapian joins
 * only terms so).  field is 1 to 64 ASCII letters and digits, set once.
 * Fails: nothing else (XC_ERR_ARGUMENT for a bad or second field;
 * XC_ERR_OTHER for a field already given to xc_qparser_add_prefix). */
xc_status xc_qparser_set_group_field(xc_qparser *qp, const char *field,
                                     char **error);
/* Adds a group of n variants (copied); its number in *index_out.  Groups may
 * be added before or after the field is set, and before each parse.
 * Fails: nothing else. */
xc_status xc_qparser_add_group(xc_qparser *qp, const char *const *variants,
                               size_t n, size_t *index_out, char **error);
/* Fails: XC_ERR_QUERY; READ (wildcards, spelling and synonyms read db). */
xc_status xc_qparser_parse(xc_qparser *qp, const char *query, unsigned flags,
                           xc_query **out, char **error);
/* After a parse with XC_QP_SPELLING: the corrected query string, or ""
 * (absent) when there is no correction.  Caller frees.  Fails: nothing
 * else. */
xc_status xc_qparser_corrected(const xc_qparser *qp, char **corrected_out,
                               char **error);

/* ------------------------------------------------------------------------
 * Running a query.
 * ---------------------------------------------------------------------- */

typedef struct xc_enquire xc_enquire;
typedef struct xc_mset xc_mset;

/* db is kept (shared: see Threads) and must outlive the enquire and its
 * msets.  Fails (and the set-up calls down to xc_enquire_add_facet):
 * nothing else. */
xc_status xc_enquire_new(xc_database *db, xc_enquire **out, char **error);
void xc_enquire_free(xc_enquire *enq);
/* The query is kept (shared: see Threads); q may be freed. */
xc_status xc_enquire_set_query(xc_enquire *enq, const xc_query *q,
                               char **error);
/* BM25 parameters (Xapian defaults: k1 1, k2 0, k3 1, b 0.5,
 * min_normlen 0.5). */
xc_status xc_enquire_set_bm25(xc_enquire *enq, double k1, double k2,
                              double k3, double b, double min_normlen,
                              char **error);
/* Orders results by a value slot (ascending unless reverse), relevance
 * breaking ties. */
xc_status xc_enquire_sort_by_value(xc_enquire *enq, xc_slot slot,
                                   int reverse, char **error);
/* Counts the values of slot over the match set.  separator 0: one value per
 * document (ValueCountMatchSpy).  Otherwise the slot holds several values
 * joined by separator and each is counted.  prefix (NULL or "": all): only
 * the values that start with it count, without it, so that one slot can
 * hold several facets ("Ptrade" and "Kbullet": prefixes "P" and "K"), read
 * once per match however many facets it holds.  Returns the facet's index
 * in *facet_out, for xc_enquire_facet_counts. */
xc_status xc_enquire_add_facet(xc_enquire *enq, xc_slot slot, char separator,
                               const char *prefix, unsigned *facet_out,
                               char **error);
/* Runs the query: results first..first+max-1.  check_at_least makes the
 * match (and facet counts) exact up to that many documents: pass the
 * doccount for exact totals.  Fails: READ. */
xc_status xc_enquire_run(xc_enquire *enq, uint32_t first, uint32_t max,
                         uint32_t check_at_least, xc_mset **out,
                         char **error);

typedef struct xc_facet_count {
    char *value;      /* owned by the array */
    size_t value_len;
    uint32_t count;
} xc_facet_count;

/* Counts gathered by the last run, most frequent first (ties by value).
 * The array and its strings are released with xc_facet_counts_free.
 * Fails: nothing else (XC_ERR_ARGUMENT for an unknown facet). */
xc_status xc_enquire_facet_counts(xc_enquire *enq, unsigned facet,
                                  xc_facet_count **counts_out,
                                  size_t *n_out, char **error);
void xc_facet_counts_free(xc_facet_count *counts, size_t n);

/* ------------------------------------------------------------------------
 * Results.
 * ---------------------------------------------------------------------- */

void xc_mset_free(xc_mset *mset);
/* Number of results held (<= max asked for).  Fails: nothing else. */
xc_status xc_mset_size(const xc_mset *mset, size_t *size_out, char **error);
/* Estimated total matches; exact when check_at_least covered them.
 * Fails: nothing else. */
xc_status xc_mset_matches_estimated(const xc_mset *mset, uint32_t *matches_out,
                                    char **error);

typedef struct xc_hit {
    xc_docid docid;
    uint32_t rank;      /* 0-based position in the whole result list */
    double weight;
    int percent;
} xc_hit;

/* The i-th result (XC_ERR_ARGUMENT when i >= size).  Fails: nothing else. */
xc_status xc_mset_hit(const xc_mset *mset, size_t i, xc_hit *out,
                      char **error);
/* The i-th result's document data (malloc()ed, NUL-terminated, length in
 * *len_out, len_out may be NULL).  Fails: READ; on XC_ERR_MODIFIED reopen
 * the database and call again. */
xc_status xc_mset_data(const xc_mset *mset, size_t i, char **data_out,
                       size_t *len_out, char **error);

/* The value in slot of the i-th result's document (malloc()ed,
 * NUL-terminated, length in *len_out, len_out may be NULL; "" when it has
 * none: absent).  The mset keeps the document for xc_mset_data.
 * Fails: READ, as xc_mset_data. */
xc_status xc_mset_value(const xc_mset *mset, size_t i, xc_slot slot,
                        char **value_out, size_t *len_out, char **error);

#ifdef __cplusplus
}
#endif

#endif /* XAPIAN_C_H */
