// libxapian-c: brief's C API over xapian-core 1.4 (see xapian-c.h).
//
// Every extern "C" entry point runs its body through guard(), the one place
// that turns C++ exceptions into an xc_status plus a one-line message.

#include "xapian-c.h"

#include <xapian.h>

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

// A C-side misuse (NULL handle, unknown enum value): XC_ERR_ARGUMENT.
struct arg_error : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

// Messages must be one line: callers print them after "brief: ".
std::string one_line(std::string s) {
    for (char &c : s)
        if (c == '\n' || c == '\r') c = ' ';
    return s;
}

std::string describe(const Xapian::Error &e) {
    std::string m = e.get_type();
    m += ": ";
    m += e.get_msg();
    const std::string &ctx = e.get_context();
    if (!ctx.empty()) m += " (" + ctx + ")";
    if (const char *es = e.get_error_string()) {
        m += ": ";
        m += es;
    }
    return m;
}

// Stores "subject: text" in *error.  Never throws: a message that cannot be
// allocated is simply dropped (NULL), the status still says what happened.
xc_status fail(char **error, xc_status status, const char *subject,
               const char *text) noexcept {
    if (!error) return status;
    *error = nullptr;
    try {
        std::string m;
        if (subject && *subject) {
            m = subject;
            m += ": ";
        }
        m += text;
        m = one_line(std::move(m));
        if (char *p = static_cast<char *>(std::malloc(m.size() + 1))) {
            std::memcpy(p, m.c_str(), m.size() + 1);
            *error = p;
        }
    } catch (...) {
    }
    return status;
}

xc_status fail(char **error, xc_status status, const char *subject,
               const Xapian::Error &e) noexcept {
    try {
        return fail(error, status, subject, describe(e).c_str());
    } catch (...) {
        return fail(error, status, subject, e.get_type());
    }
}

// Runs body, mapping any exception to a status.  subject (may be NULL)
// prefixes the message, e.g. the index path.  Order matters: the most
// derived Xapian classes come first.
template <typename F>
xc_status guard(char **error, const char *subject, F &&body) noexcept {
    try {
        body();
        return XC_OK;
    } catch (const arg_error &e) {
        return fail(error, XC_ERR_ARGUMENT, subject, e.what());
    } catch (const Xapian::DatabaseLockError &e) {
        return fail(error, XC_ERR_LOCKED, subject, e);
    } catch (const Xapian::DatabaseNotFoundError &e) {
        return fail(error, XC_ERR_NOT_FOUND, subject, e);
    } catch (const Xapian::DatabaseCorruptError &e) {
        return fail(error, XC_ERR_CORRUPT, subject, e);
    } catch (const Xapian::DatabaseOpeningError &e) {
        // Also DatabaseVersionError and stub files with a "Bad line".
        return fail(error, XC_ERR_OPENING, subject, e);
    } catch (const Xapian::DatabaseCreateError &e) {
        // XC_CREATE on an existing index: not damage, so not XC_ERR_CORRUPT.
        return fail(error, XC_ERR_OPENING, subject, e);
    } catch (const Xapian::DatabaseModifiedError &e) {
        return fail(error, XC_ERR_MODIFIED, subject, e);
    } catch (const Xapian::DatabaseError &e) {
        // Truncated tables give a plain DatabaseError ("EOF reading block").
        return fail(error, XC_ERR_CORRUPT, subject, e);
    } catch (const Xapian::QueryParserError &e) {
        return fail(error, XC_ERR_QUERY, subject, e);
    } catch (const Xapian::NetworkError &e) {
        return fail(error, XC_ERR_NETWORK, subject, e);
    } catch (const Xapian::InvalidArgumentError &e) {
        return fail(error, XC_ERR_ARGUMENT, subject, e);
    } catch (const Xapian::Error &e) {
        return fail(error, XC_ERR_OTHER, subject, e);
    } catch (const std::bad_alloc &) {
        return fail(error, XC_ERR_NO_MEMORY, subject, "out of memory");
    } catch (const std::exception &e) {
        return fail(error, XC_ERR_OTHER, subject, e.what());
    } catch (...) {
        return fail(error, XC_ERR_OTHER, subject, "unknown C++ exception");
    }
}

template <typename T>
T &need(T *handle, const char *what) {
    if (!handle) throw arg_error(std::string(what) + " is NULL");
    return *handle;
}

template <typename T>
T &need_out(T *out, const char *what) {
    if (!out) throw arg_error(std::string(what) + " argument is NULL");
    return *out;
}

const char *need_str(const char *s, const char *what) {
    if (!s) throw arg_error(std::string(what) + " is NULL");
    return s;
}

// Clears the out-parameters before any work, so that a failure leaves NULL
// or 0 in them (the header's promise), whatever step failed.
template <typename... T>
void clear_outs(T *...outs) noexcept {
    ((outs ? (void)(*outs = T{}) : (void)0), ...);
}

// Copies s (with embedded NULs) into malloc()ed, NUL-terminated memory.
char *malloc_copy(const std::string &s) {
    char *p = static_cast<char *>(std::malloc(s.size() + 1));
    if (!p) throw std::bad_alloc();
    std::memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    return p;
}

// C callers may put any int in an enum parameter, and reading an
// out-of-range value as the C++ enum type is undefined (UBSan flags it):
// read the bytes instead.
template <typename E>
long long raw(const E &e) {
    std::underlying_type_t<E> v;
    std::memcpy(&v, &e, sizeof v);
    return static_cast<long long>(v);
}

std::string opt_str(const char *s) { return s ? std::string(s) : std::string(); }

Xapian::Stem make_stem(const char *language) {
    return (language && *language) ? Xapian::Stem(language) : Xapian::Stem();
}

Xapian::TermGenerator::stem_strategy tg_strategy(long long s) {
    switch (s) {
    case XC_STEM_NONE: return Xapian::TermGenerator::STEM_NONE;
    case XC_STEM_SOME: return Xapian::TermGenerator::STEM_SOME;
    case XC_STEM_ALL: return Xapian::TermGenerator::STEM_ALL;
    case XC_STEM_ALL_Z: return Xapian::TermGenerator::STEM_ALL_Z;
    case XC_STEM_SOME_FULL_POS:
        return Xapian::TermGenerator::STEM_SOME_FULL_POS;
    }
    throw arg_error("unknown stemming strategy " + std::to_string(s));
}

Xapian::QueryParser::stem_strategy qp_strategy(long long s) {
    switch (s) {
    case XC_STEM_NONE: return Xapian::QueryParser::STEM_NONE;
    case XC_STEM_SOME: return Xapian::QueryParser::STEM_SOME;
    case XC_STEM_ALL: return Xapian::QueryParser::STEM_ALL;
    case XC_STEM_ALL_Z: return Xapian::QueryParser::STEM_ALL_Z;
    case XC_STEM_SOME_FULL_POS:
        return Xapian::QueryParser::STEM_SOME_FULL_POS;
    }
    throw arg_error("unknown stemming strategy " + std::to_string(s));
}

Xapian::Query::op query_op(long long op) {
    switch (op) {
    case XC_OP_AND: return Xapian::Query::OP_AND;
    case XC_OP_OR: return Xapian::Query::OP_OR;
    case XC_OP_AND_NOT: return Xapian::Query::OP_AND_NOT;
    case XC_OP_FILTER: return Xapian::Query::OP_FILTER;
    case XC_OP_PHRASE: return Xapian::Query::OP_PHRASE;
    case XC_OP_NEAR: return Xapian::Query::OP_NEAR;
    case XC_OP_SYNONYM: return Xapian::Query::OP_SYNONYM;
    case XC_OP_AND_MAYBE: return Xapian::Query::OP_AND_MAYBE;
    }
    throw arg_error("unknown query operator " + std::to_string(op));
}

unsigned qp_flags(unsigned f) {
    static const std::pair<unsigned, unsigned> map[] = {
        {XC_QP_BOOLEAN, Xapian::QueryParser::FLAG_BOOLEAN},
        {XC_QP_PHRASE, Xapian::QueryParser::FLAG_PHRASE},
        {XC_QP_LOVEHATE, Xapian::QueryParser::FLAG_LOVEHATE},
        {XC_QP_BOOLEAN_ANY_CASE, Xapian::QueryParser::FLAG_BOOLEAN_ANY_CASE},
        {XC_QP_WILDCARD, Xapian::QueryParser::FLAG_WILDCARD},
        {XC_QP_PURE_NOT, Xapian::QueryParser::FLAG_PURE_NOT},
        {XC_QP_PARTIAL, Xapian::QueryParser::FLAG_PARTIAL},
        {XC_QP_SPELLING, Xapian::QueryParser::FLAG_SPELLING_CORRECTION},
        {XC_QP_SYNONYM, Xapian::QueryParser::FLAG_SYNONYM},
        {XC_QP_AUTO_SYNONYMS, Xapian::QueryParser::FLAG_AUTO_SYNONYMS},
        {XC_QP_AUTO_MULTIWORD_SYNONYMS,
         Xapian::QueryParser::FLAG_AUTO_MULTIWORD_SYNONYMS},
    };
    unsigned out = 0, known = 0;
    for (const auto &m : map) {
        known |= m.first;
        if (f & m.first) out |= m.second;
    }
    if (f & ~known) throw arg_error("unknown query parser flags");
    return out;
}

// A facet over a slot holding several values joined by a separator is
// counted with Xapian's own ValueCountMatchSpy (one count per distinct
// joined string) and split afterwards: each piece gets the count of every
// joined string it is in.  That is the same count as splitting document by
// document, and ValueCountMatchSpy, unlike a MatchSpy of our own, can be
// sent to a remote shard (xapian-tcpsrv knows it) and merged back.
// Facets that share a slot share its spy: the slot is read once per match.
struct facet_def {
    Xapian::valueno slot;
    char separator;
    std::string prefix;
};

} // namespace

// ---------------------------------------------------------------------------
// Handles.

struct xc_document {
    Xapian::Document doc;
};
struct xc_writable {
    Xapian::WritableDatabase db;
};
struct xc_termgen {
    Xapian::TermGenerator tg;
};
struct xc_stemmer {
    Xapian::Stem stem;
};
struct xc_database {
    Xapian::Database db;
};
struct xc_query {
    Xapian::Query q;
};
// The groups of a query parser (xc_qparser_add_group), shared with the
// FieldProcessor that reads "field:N": the parser owns the processor, and
// the processor reads the stemmer set after it was registered.
struct group_table {
    std::string field;
    Xapian::Stem stem;
    Xapian::QueryParser::stem_strategy strategy = Xapian::QueryParser::STEM_SOME;
    std::vector<std::vector<std::string>> groups;
};

namespace {

// "field:N" -> group N as one OP_SYNONYM: Xapian weighs a synonym as a
// single term (one IDF, for the documents that have any variant; the wdf,
// the variants' wdfs added up), so a passage that says both "World Trade
// Organization" and "WTO" does not get the weight of two terms, and the
// 8-word long form of CPTPP does not weigh like 8 terms.  Variants that
// parse to the same query ("burden-sharing", "burden sharing") are kept
// once: the synonym would add up their wdfs.  (OP_MAX of the variants, each
// divided by its number of terms, ranked a little better over
// tests/relevance, but xapian-core 1.4.22 crashes in get_mset on it over a
// sharded index with BM25's b = 0, as brief's is.)  Each variant is parsed
// by a parser of its own (this one is in the middle of a parse) with the
// same stemmer and strategy, phrase syntax only.  Anything but a group's
// number reads as words, as a field Xapian does not know does ("foo:bar").
class group_processor : public Xapian::FieldProcessor {
    std::shared_ptr<const group_table> table;

    Xapian::QueryParser variant_parser() const {
        Xapian::QueryParser p;
        p.set_stemmer(table->stem);
        p.set_stemming_strategy(table->strategy);
        return p;
    }

  public:
    explicit group_processor(std::shared_ptr<const group_table> t)
        : table(std::move(t)) {}

    Xapian::Query operator()(const std::string &value) override {
        Xapian::QueryParser p = variant_parser();
        size_t n = 0;
        bool number = !value.empty() && value.size() <= 9;
        for (size_t i = 0; number && i < value.size(); ++i) {
            number = value[i] >= '0' && value[i] <= '9';
            if (number) n = n * 10 + size_t(value[i] - '0');
        }
        if (!number || n >= table->groups.size())
            return p.parse_query(table->field + ":" + value,
                                 Xapian::QueryParser::FLAG_PHRASE);
        std::vector<Xapian::Query> variants;
        std::vector<std::string> seen;
        for (const std::string &v : table->groups[n]) {
            Xapian::Query q = p.parse_query(v, Xapian::QueryParser::FLAG_PHRASE);
            std::string d = q.get_description();
            if (q.empty() || std::find(seen.begin(), seen.end(), d) != seen.end())
                continue;
            seen.push_back(std::move(d));
            variants.push_back(q);
        }
        return Xapian::Query(Xapian::Query::OP_SYNONYM, variants.begin(),
                             variants.end());
    }
};

} // namespace

struct xc_qparser {
    // Declared before qp, so destroyed after it: the parser only borrows it.
    std::unique_ptr<group_processor> group_field;
    Xapian::QueryParser qp;
    std::shared_ptr<group_table> groups = std::make_shared<group_table>();
};
// Settings only: each run builds a fresh Xapian::Enquire, so an mset keeps
// the query it was made with (MSet::snippet reads it from its Enquire) even
// if this handle gets a new query later, and spies start from zero.
struct xc_enquire {
    xc_database *db;
    Xapian::Query query;
    std::unique_ptr<Xapian::Weight> weight;
    bool sort_by_value = false;
    Xapian::valueno sort_slot = 0;
    bool sort_reverse = false;
    std::vector<facet_def> facets;
    std::vector<std::unique_ptr<Xapian::MatchSpy>> spies; // of the last run
    std::vector<size_t> spy_of;  // facet -> its spy in spies
};
struct xc_mset {
    Xapian::MSet mset;
};

// ---------------------------------------------------------------------------

extern "C" {

const char *xc_status_name(xc_status status) {
    switch (raw(status)) {
    case XC_OK: return "ok";
    case XC_ERR_NOT_FOUND: return "not-found";
    case XC_ERR_LOCKED: return "locked";
    case XC_ERR_CORRUPT: return "corrupt";
    case XC_ERR_OPENING: return "opening";
    case XC_ERR_MODIFIED: return "modified";
    case XC_ERR_QUERY: return "query";
    case XC_ERR_NETWORK: return "network";
    case XC_ERR_ARGUMENT: return "argument";
    case XC_ERR_NO_MEMORY: return "no-memory";
    case XC_ERR_OTHER: return "other";
    }
    return "unknown";
}

const char *xc_xapian_version(void) { return Xapian::version_string(); }

// ---- documents -------------------------------------------------------------

xc_status xc_document_new(xc_document **out, char **error) {
    clear_outs(out);
    return guard(error, nullptr, [&] {
        auto &o = need_out(out, "out"); // checked before allocating
        o = new xc_document;
    });
}

void xc_document_free(xc_document *doc) { delete doc; }

xc_status xc_document_add_boolean_term(xc_document *doc, const char *term,
                                       char **error) {
    return guard(error, nullptr, [&] {
        need(doc, "document").doc.add_boolean_term(need_str(term, "term"));
    });
}

xc_status xc_document_length(const xc_document *doc, uint64_t *length_out,
                             char **error) {
    clear_outs(length_out);
    return guard(error, nullptr, [&] {
        auto &d = need(doc, "document");
        auto &o = need_out(length_out, "length_out");
        uint64_t length = 0;
        for (auto t = d.doc.termlist_begin(); t != d.doc.termlist_end(); ++t)
            length += t.get_wdf();
        o = length;
    });
}

xc_status xc_document_scale_wdf(xc_document *doc, double factor, char **error) {
    return guard(error, nullptr, [&] {
        auto &d = need(doc, "document");
        if (!(factor >= 1.0) || !std::isfinite(factor))
            throw arg_error("factor must be a finite number >= 1");
        // Xapian's Document can only add to a wdf, and not while its term
        // list is walked: note the increments first, then add them.
        std::vector<std::pair<std::string, Xapian::termcount>> more;
        for (auto t = d.doc.termlist_begin(); t != d.doc.termlist_end(); ++t) {
            const Xapian::termcount wdf = t.get_wdf();
            if (!wdf) continue;
            const double scaled = std::floor(wdf * factor + 0.5);
            if (scaled >= 4294967295.0) throw arg_error("scaled wdf overflows");
            const auto target = static_cast<Xapian::termcount>(scaled);
            if (target > wdf) more.emplace_back(*t, target - wdf);
        }
        for (const auto &m : more) d.doc.add_term(m.first, m.second);
    });
}

xc_status xc_document_set_value(xc_document *doc, xc_slot slot,
                                const char *value, size_t len, char **error) {
    return guard(error, nullptr, [&] {
        auto &d = need(doc, "document");
        if (!value && len) throw arg_error("value is NULL");
        d.doc.add_value(slot, value ? std::string(value, len) : std::string());
    });
}

xc_status xc_document_set_data(xc_document *doc, const char *data, size_t len,
                               char **error) {
    return guard(error, nullptr, [&] {
        auto &d = need(doc, "document");
        if (!data && len) throw arg_error("data is NULL");
        d.doc.set_data(data ? std::string(data, len) : std::string());
    });
}

xc_status xc_document_each_term(const xc_document *doc, xc_term_fn fn,
                                void *ctx, char **error) {
    return guard(error, nullptr, [&] {
        auto &d = need(doc, "document");
        if (!fn) throw arg_error("fn is NULL");
        for (auto t = d.doc.termlist_begin(); t != d.doc.termlist_end(); ++t) {
            std::string term = *t;
            if (fn(term.c_str(), t.get_wdf(), ctx)) break;
        }
    });
}

size_t xc_sortable_serialise(double value, char buf[XC_SORTABLE_MAX]) {
    return Xapian::sortable_serialise_(value, buf);
}

double xc_sortable_unserialise(const char *buf, size_t len) {
    try {
        return Xapian::sortable_unserialise(std::string(buf ? buf : "", buf ? len : 0));
    } catch (...) {
        return 0.0;
    }
}

// ---- writable databases ------------------------------------------------------

xc_status xc_writable_open(const char *path, xc_open_mode mode, int flags,
                           xc_writable **out, char **error) {
    clear_outs(out);
    return guard(error, path, [&] {
        need_str(path, "path");
        auto &o = need_out(out, "out");
        int xflags;
        switch (raw(mode)) {
        case XC_CREATE_OR_OPEN: xflags = Xapian::DB_CREATE_OR_OPEN; break;
        case XC_CREATE_OR_OVERWRITE:
            xflags = Xapian::DB_CREATE_OR_OVERWRITE;
            break;
        case XC_CREATE: xflags = Xapian::DB_CREATE; break;
        case XC_OPEN: xflags = Xapian::DB_OPEN; break;
        default:
            throw arg_error("unknown open mode " + std::to_string(raw(mode)));
        }
        if (flags & ~XC_RETRY_LOCK) throw arg_error("unknown open flags");
        if (flags & XC_RETRY_LOCK) xflags |= Xapian::DB_RETRY_LOCK;
        // Glass only: an existing path is never read as a stub.
        xflags |= Xapian::DB_BACKEND_GLASS;
        auto w = std::make_unique<xc_writable>();
        w->db = Xapian::WritableDatabase(path, xflags);
        // Pending changes live in a transaction, so that free without
        // commit discards them as the header promises (plain Xapian would
        // commit on close, and every 10000 documents on its own).
        w->db.begin_transaction(true);
        o = w.release();
    });
}

xc_status xc_writable_commit(xc_writable *db, char **error) {
    return guard(error, nullptr, [&] {
        auto &w = need(db, "database");
        // commit_transaction() ends the transaction even when it throws:
        // start the next one either way.
        struct restart {
            Xapian::WritableDatabase &d;
            ~restart() {
                guard(nullptr, nullptr, [&] { d.begin_transaction(true); });
            }
        } next{w.db};
        w.db.commit_transaction();
    });
}

void xc_writable_free(xc_writable *db) {
    if (!db) return;
    // Discard what was not committed; close() and the destructor may
    // throw, and nothing may escape.
    guard(nullptr, nullptr, [&] { db->db.cancel_transaction(); });
    guard(nullptr, nullptr, [&] { db->db.close(); });
    guard(nullptr, nullptr, [&] { delete db; });
}

xc_status xc_writable_add_document(xc_writable *db, const xc_document *doc,
                                   xc_docid *docid_out, char **error) {
    clear_outs(docid_out);
    return guard(error, nullptr, [&] {
        Xapian::docid id =
            need(db, "database").db.add_document(need(doc, "document").doc);
        if (docid_out) *docid_out = id;
    });
}

xc_status xc_writable_delete_document(xc_writable *db,
                                      const char *unique_term, char **error) {
    return guard(error, nullptr, [&] {
        need(db, "database").db.delete_document(
            need_str(unique_term, "unique term"));
    });
}

xc_status xc_writable_set_metadata(xc_writable *db, const char *key,
                                   const char *value, size_t len,
                                   char **error) {
    return guard(error, nullptr, [&] {
        auto &w = need(db, "database");
        need_str(key, "key");
        if (!value && len) throw arg_error("value is NULL");
        w.db.set_metadata(key, value ? std::string(value, len) : std::string());
    });
}

xc_status xc_writable_add_spelling(xc_writable *db, const char *word,
                                   unsigned freq_inc, char **error) {
    return guard(error, nullptr, [&] {
        need(db, "database").db.add_spelling(need_str(word, "word"), freq_inc);
    });
}

xc_status xc_compact(const char *const *sources, size_t n, const char *dest,
                     char **error) {
    return guard(error, dest, [&] {
        need_str(dest, "destination");
        if (!sources || n == 0) throw arg_error("no databases to merge");
        struct stat st;
        if (lstat(dest, &st) == 0)
            throw arg_error("the merged database's place is taken");
        Xapian::Database all;
        for (size_t i = 0; i < n; i++)
            all.add_database(Xapian::Database(need_str(sources[i], "source")));
        // One pass: a multi-pass merge needs temporary files for the same
        // work, and the sources are few.
        all.compact(dest, 0);
    });
}

// ---- term generation ---------------------------------------------------------

xc_status xc_termgen_new(const char *stem_language, xc_stem_strategy strategy,
                         xc_writable *spelling_db, xc_termgen **out,
                         char **error) {
    clear_outs(out);
    return guard(error, stem_language, [&] {
        auto &o = need_out(out, "out");
        auto t = std::make_unique<xc_termgen>();
        t->tg.set_stemmer(make_stem(stem_language));
        t->tg.set_stemming_strategy(tg_strategy(raw(strategy)));
        if (spelling_db) {
            t->tg.set_database(spelling_db->db);
            t->tg.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
        }
        o = t.release();
    });
}

void xc_termgen_free(xc_termgen *tg) { delete tg; }

xc_status xc_termgen_set_document(xc_termgen *tg, xc_document *doc,
                                  char **error) {
    return guard(error, nullptr, [&] {
        auto &t = need(tg, "term generator");
        // Document is a shared handle: terms land in the caller's document.
        t.tg.set_document(need(doc, "document").doc);
        t.tg.set_termpos(0);
    });
}

xc_status xc_termgen_index_text(xc_termgen *tg, const char *text,
                                unsigned wdf_inc, const char *prefix,
                                char **error) {
    return guard(error, nullptr, [&] {
        need(tg, "term generator")
            .tg.index_text(need_str(text, "text"), wdf_inc, opt_str(prefix));
    });
}

xc_status xc_termgen_index_text_without_positions(xc_termgen *tg,
                                                  const char *text,
                                                  unsigned wdf_inc,
                                                  const char *prefix,
                                                  char **error) {
    return guard(error, nullptr, [&] {
        need(tg, "term generator")
            .tg.index_text_without_positions(need_str(text, "text"), wdf_inc,
                                             opt_str(prefix));
    });
}

// ---- stemmer -----------------------------------------------------------------

xc_status xc_stemmer_new(const char *language, xc_stemmer **out,
                         char **error) {
    clear_outs(out);
    return guard(error, language, [&] {
        auto &o = need_out(out, "out");
        auto s = std::make_unique<xc_stemmer>();
        s->stem = make_stem(language);
        o = s.release();
    });
}

void xc_stemmer_free(xc_stemmer *stemmer) { delete stemmer; }

xc_status xc_stemmer_stem(xc_stemmer *stemmer, const char *word,
                          char **stem_out, char **error) {
    clear_outs(stem_out);
    return guard(error, nullptr, [&] {
        auto &s = need(stemmer, "stemmer");
        const char *w = need_str(word, "word");
        auto &o = need_out(stem_out, "stem");
        o = malloc_copy(s.stem(w));
    });
}

// ---- read-only databases -------------------------------------------------------

xc_status xc_database_new(xc_database **out, char **error) {
    clear_outs(out);
    return guard(error, nullptr, [&] {
        auto &o = need_out(out, "out");
        o = new xc_database();
    });
}

// DB_BACKEND_GLASS: the path is opened as a glass database and nothing
// else, never read as a stub (whose "remote :PROG" lines run programs).
xc_status xc_database_add_glass(xc_database *db, const char *path,
                                char **error) {
    // No subject: the caller names the stub or the path (Xapian's message
    // names the file it could not read).
    return guard(error, nullptr, [&] {
        auto &d = need(db, "database");
        d.db.add_database(Xapian::Database(need_str(path, "path"),
                                           Xapian::DB_BACKEND_GLASS));
    });
}

xc_status xc_database_add_remote(xc_database *db, const char *host,
                                 unsigned port, char **error) {
    // Xapian's message names host and port.
    return guard(error, nullptr, [&] {
        auto &d = need(db, "database");
        const char *h = need_str(host, "host");
        if (port == 0 || port > 65535) throw arg_error("port out of range");
        d.db.add_database(Xapian::Remote::open(h, port));
    });
}

xc_status xc_database_open_glass(const char *path, xc_database **out,
                                 char **error) {
    clear_outs(out);
    xc_database *db = nullptr;
    xc_status st = xc_database_new(&db, error);
    if (st == XC_OK) st = xc_database_add_glass(db, path, error);
    if (st == XC_OK && out) {
        *out = db;
        return st;
    }
    delete db;
    return st == XC_OK ? fail(error, XC_ERR_ARGUMENT, nullptr, "out is NULL") : st;
}

void xc_database_free(xc_database *db) {
    guard(nullptr, nullptr, [&] { delete db; });
}

xc_status xc_database_reopen(xc_database *db, char **error) {
    return guard(error, nullptr, [&] { need(db, "database").db.reopen(); });
}

xc_status xc_database_doccount(xc_database *db, uint32_t *count_out,
                               char **error) {
    clear_outs(count_out);
    return guard(error, nullptr, [&] {
        auto &d = need(db, "database");
        auto &o = need_out(count_out, "count");
        o = d.db.get_doccount();
    });
}

xc_status xc_database_get_metadata(xc_database *db, const char *key,
                                   char **value_out, size_t *len_out,
                                   char **error) {
    clear_outs(value_out, len_out);
    return guard(error, nullptr, [&] {
        auto &d = need(db, "database");
        const char *k = need_str(key, "key");
        auto &o = need_out(value_out, "value");
        std::string v = d.db.get_metadata(k);
        o = malloc_copy(v);
        if (len_out) *len_out = v.size();
    });
}

xc_status xc_database_termfreq(xc_database *db, const char *term,
                               uint32_t *freq_out, char **error) {
    clear_outs(freq_out);
    return guard(error, nullptr, [&] {
        auto &d = need(db, "database");
        const char *t = need_str(term, "term");
        auto &o = need_out(freq_out, "frequency");
        o = d.db.get_termfreq(t);
    });
}

xc_status xc_database_spelling_suggestion(xc_database *db, const char *word,
                                          unsigned max_edits,
                                          char **suggestion_out, char **error) {
    clear_outs(suggestion_out);
    return guard(error, nullptr, [&] {
        auto &d = need(db, "database");
        const char *w = need_str(word, "word");
        auto &o = need_out(suggestion_out, "suggestion");
        o = malloc_copy(d.db.get_spelling_suggestion(w, max_edits));
    });
}

// Calls fn for the terms from it on while they start with prefix.
static void each_with_prefix(Xapian::TermIterator it, const Xapian::TermIterator &end,
                             const std::string &prefix, xc_term_fn fn, void *ctx) {
    for (; it != end; ++it) {
        const std::string term = *it;
        if (term.compare(0, prefix.size(), prefix) != 0) break;
        if (fn(term.c_str(), it.get_termfreq(), ctx)) break;
    }
}

xc_status xc_database_each_term(xc_database *db, const char *prefix,
                                xc_term_fn fn, void *ctx, char **error) {
    return guard(error, nullptr, [&] {
        auto &d = need(db, "database");
        if (!fn) throw arg_error("callback is NULL");
        const std::string p = opt_str(prefix);
        each_with_prefix(d.db.allterms_begin(p), d.db.allterms_end(p), p, fn, ctx);
    });
}

xc_status xc_database_each_spelling_word(xc_database *db, const char *prefix,
                                         xc_term_fn fn, void *ctx, char **error) {
    return guard(error, nullptr, [&] {
        auto &d = need(db, "database");
        if (!fn) throw arg_error("callback is NULL");
        const std::string p = opt_str(prefix);
        auto it = d.db.spellings_begin();
        if (!p.empty()) it.skip_to(p);
        each_with_prefix(it, d.db.spellings_end(), p, fn, ctx);
    });
}

// ---- queries -------------------------------------------------------------------

xc_status xc_query_term(const char *term, xc_query **out, char **error) {
    clear_outs(out);
    return guard(error, nullptr, [&] {
        const char *t = need_str(term, "term");
        auto &o = need_out(out, "out");
        o = new xc_query{Xapian::Query(t)};
    });
}

xc_status xc_query_scale(const xc_query *q, double factor, xc_query **out,
                         char **error) {
    clear_outs(out);
    return guard(error, nullptr, [&] {
        auto &query = need(q, "query");
        auto &o = need_out(out, "out");
        if (!(factor >= 0.0) || !std::isfinite(factor))
            throw arg_error("factor must be a finite number >= 0");
        o = new xc_query{Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query.q, factor)};
    });
}

xc_status xc_query_value_weight(xc_slot slot, xc_query **out, char **error) {
    clear_outs(out);
    return guard(error, nullptr, [&] {
        auto &o = need_out(out, "out");
        // release(): the query owns the source.  The query comes before the
        // handle's allocation, so a failed allocation cannot leak it.
        Xapian::Query q(
            (new Xapian::ValueWeightPostingSource(slot))->release());
        o = new xc_query{q};
    });
}

xc_status xc_query_match_all(xc_query **out, char **error) {
    clear_outs(out);
    return guard(error, nullptr, [&] {
        auto &o = need_out(out, "out");
        o = new xc_query{Xapian::Query::MatchAll};
    });
}

xc_status xc_query_combine(xc_query_op op, xc_query *const *subqueries,
                           size_t n, unsigned window, xc_query **out,
                           char **error) {
    clear_outs(out);
    return guard(error, nullptr, [&] {
        auto &o = need_out(out, "out");
        const long long o_op = raw(op);
        const Xapian::Query::op xop = query_op(o_op);
        if (n && !subqueries) throw arg_error("subqueries is NULL");
        std::vector<Xapian::Query> subs;
        subs.reserve(n);
        for (size_t i = 0; i < n; ++i)
            subs.push_back(need(subqueries[i], "subquery").q);
        auto r = std::make_unique<xc_query>();
        if (n == 0)
            r->q = Xapian::Query(); // nothing to combine: matches nothing
        else if (o_op == XC_OP_FILTER && n == 2)
            r->q = Xapian::Query(xop, subs[0], subs[1]);
        else
            r->q = Xapian::Query(xop, subs.begin(), subs.end(), window);
        o = r.release();
    });
}

xc_status xc_query_is_empty(const xc_query *q, int *empty_out, char **error) {
    clear_outs(empty_out);
    return guard(error, nullptr, [&] {
        auto &query = need(q, "query");
        need_out(empty_out, "empty") = query.q.empty() ? 1 : 0;
    });
}

xc_status xc_query_describe(const xc_query *q, char **description_out,
                            char **error) {
    clear_outs(description_out);
    return guard(error, nullptr, [&] {
        auto &query = need(q, "query");
        auto &o = need_out(description_out, "description");
        o = malloc_copy(query.q.get_description());
    });
}

void xc_query_free(xc_query *q) { delete q; }

xc_status xc_query_each_term(const xc_query *q, xc_term_fn fn, void *ctx,
                             char **error) {
    return guard(error, nullptr, [&] {
        auto &query = need(q, "query");
        if (!fn) throw arg_error("callback is NULL");
        for (auto it = query.q.get_unique_terms_begin();
             it != query.q.get_unique_terms_end(); ++it) {
            const std::string term = *it;
            if (fn(term.c_str(), 0, ctx)) break;
        }
    });
}

// ---- query parsing -------------------------------------------------------------

xc_status xc_qparser_new(xc_database *db, xc_qparser **out, char **error) {
    clear_outs(out);
    return guard(error, nullptr, [&] {
        auto &o = need_out(out, "out");
        auto p = std::make_unique<xc_qparser>();
        if (db) p->qp.set_database(db->db);
        o = p.release();
    });
}

void xc_qparser_free(xc_qparser *qp) { delete qp; }

xc_status xc_qparser_set_stemmer(xc_qparser *qp, const char *language,
                                 xc_stem_strategy strategy, char **error) {
    return guard(error, language, [&] {
        auto &p = need(qp, "query parser");
        Xapian::Stem stem = make_stem(language);
        Xapian::QueryParser::stem_strategy s = qp_strategy(raw(strategy));
        p.qp.set_stemmer(stem);
        p.qp.set_stemming_strategy(s);
        p.groups->stem = stem;
        p.groups->strategy = s;
    });
}

xc_status xc_qparser_set_default_op(xc_qparser *qp, xc_query_op op,
                                    char **error) {
    return guard(error, nullptr, [&] {
        auto &p = need(qp, "query parser");
        const long long o_op = raw(op);
        if (o_op != XC_OP_AND && o_op != XC_OP_OR)
            throw arg_error("default operator must be AND or OR");
        p.qp.set_default_op(query_op(o_op));
    });
}

xc_status xc_qparser_add_prefix(xc_qparser *qp, const char *field,
                                const char *prefix, char **error) {
    return guard(error, field, [&] {
        need(qp, "query parser")
            .qp.add_prefix(need_str(field, "field"), need_str(prefix, "prefix"));
    });
}

xc_status xc_qparser_set_group_field(xc_qparser *qp, const char *field,
                                     char **error) {
    return guard(error, field, [&] {
        auto &p = need(qp, "query parser");
        const std::string f = need_str(field, "field");
        if (!p.groups->field.empty())
            throw arg_error("the group field is already set");
        if (f.empty() || f.size() > 64 ||
            !std::all_of(f.begin(), f.end(), [](unsigned char c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       (c >= '0' && c <= '9');
            }))
            throw arg_error("a group field is 1 to 64 ASCII letters and digits");
        // Not release()d to the parser: add_prefix may throw before taking
        // it (a field already added as a prefix), and it would leak.
        auto proc = std::make_unique<group_processor>(p.groups);
        p.qp.add_prefix(f, proc.get());
        p.group_field = std::move(proc);
        p.groups->field = f;
    });
}

xc_status xc_qparser_add_group(xc_qparser *qp, const char *const *variants,
                               size_t n, size_t *index_out, char **error) {
    clear_outs(index_out);
    return guard(error, nullptr, [&] {
        auto &p = need(qp, "query parser");
        auto &o = need_out(index_out, "index");
        if (n && !variants) throw arg_error("variants is NULL");
        std::vector<std::string> group;
        group.reserve(n);
        for (size_t i = 0; i < n; ++i)
            group.emplace_back(need_str(variants[i], "variant"));
        p.groups->groups.push_back(std::move(group));
        o = p.groups->groups.size() - 1;
    });
}

xc_status xc_qparser_parse(xc_qparser *qp, const char *query, unsigned flags,
                           xc_query **out, char **error) {
    clear_outs(out);
    return guard(error, nullptr, [&] {
        auto &p = need(qp, "query parser");
        const char *s = need_str(query, "query");
        auto &o = need_out(out, "out");
        auto r = std::make_unique<xc_query>();
        r->q = p.qp.parse_query(s, qp_flags(flags));
        o = r.release();
    });
}

xc_status xc_qparser_corrected(const xc_qparser *qp, char **corrected_out,
                               char **error) {
    clear_outs(corrected_out);
    return guard(error, nullptr, [&] {
        auto &p = need(qp, "query parser");
        auto &o = need_out(corrected_out, "corrected");
        o = malloc_copy(p.qp.get_corrected_query_string());
    });
}

// ---- running a query -------------------------------------------------------------

xc_status xc_enquire_new(xc_database *db, xc_enquire **out, char **error) {
    clear_outs(out);
    return guard(error, nullptr, [&] {
        auto &d = need(db, "database");
        auto &o = need_out(out, "out");
        auto e = std::make_unique<xc_enquire>();
        e->db = &d;
        o = e.release();
    });
}

void xc_enquire_free(xc_enquire *enq) {
    guard(nullptr, nullptr, [&] { delete enq; });
}

xc_status xc_enquire_set_query(xc_enquire *enq, const xc_query *q,
                               char **error) {
    return guard(error, nullptr, [&] {
        auto &e = need(enq, "enquire");
        e.query = need(q, "query").q;
    });
}

xc_status xc_enquire_set_bm25(xc_enquire *enq, double k1, double k2,
                              double k3, double b, double min_normlen,
                              char **error) {
    return guard(error, nullptr, [&] {
        auto &e = need(enq, "enquire");
        e.weight = std::make_unique<Xapian::BM25Weight>(k1, k2, k3, b,
                                                        min_normlen);
    });
}

xc_status xc_enquire_sort_by_value(xc_enquire *enq, xc_slot slot, int reverse,
                                   char **error) {
    return guard(error, nullptr, [&] {
        auto &e = need(enq, "enquire");
        e.sort_by_value = true;
        e.sort_slot = slot;
        e.sort_reverse = reverse != 0;
    });
}

xc_status xc_enquire_add_facet(xc_enquire *enq, xc_slot slot, char separator,
                               const char *prefix, unsigned *facet_out,
                               char **error) {
    clear_outs(facet_out);
    return guard(error, nullptr, [&] {
        auto &e = need(enq, "enquire");
        auto &o = need_out(facet_out, "facet");
        e.facets.push_back({slot, separator, opt_str(prefix)});
        o = unsigned(e.facets.size() - 1);
    });
}

xc_status xc_enquire_run(xc_enquire *enq, uint32_t first, uint32_t max,
                         uint32_t check_at_least, xc_mset **out,
                         char **error) {
    clear_outs(out);
    return guard(error, nullptr, [&] {
        auto &e = need(enq, "enquire");
        auto &o = need_out(out, "out");
        Xapian::Enquire x(e.db->db);
        x.set_query(e.query);
        if (e.weight) x.set_weighting_scheme(*e.weight);
        if (e.sort_by_value)
            x.set_sort_by_value_then_relevance(e.sort_slot, e.sort_reverse);

        std::vector<std::unique_ptr<Xapian::MatchSpy>> spies;
        std::vector<size_t> spy_of;
        std::map<Xapian::valueno, size_t> spy_of_slot;
        for (const facet_def &f : e.facets) {
            auto found = spy_of_slot.find(f.slot);
            if (found == spy_of_slot.end()) {
                found = spy_of_slot.emplace(f.slot, spies.size()).first;
                spies.push_back(
                    std::make_unique<Xapian::ValueCountMatchSpy>(f.slot));
                x.add_matchspy(spies.back().get());
            }
            spy_of.push_back(found->second);
        }

        auto m = std::make_unique<xc_mset>();
        m->mset = x.get_mset(first, max, check_at_least);
        // The mset shares x's internals: drop the borrowed spy pointers.
        x.clear_matchspies();
        e.spies = std::move(spies);
        e.spy_of = std::move(spy_of);
        o = m.release();
    });
}

xc_status xc_enquire_facet_counts(xc_enquire *enq, unsigned facet,
                                  xc_facet_count **counts_out, size_t *n_out,
                                  char **error) {
    clear_outs(counts_out, n_out);
    return guard(error, nullptr, [&] {
        auto &e = need(enq, "enquire");
        auto &o = need_out(counts_out, "counts");
        auto &n = need_out(n_out, "count");
        if (facet >= e.facets.size())
            throw arg_error("no facet " + std::to_string(facet));

        std::vector<std::pair<std::string, Xapian::doccount>> v;
        // A facet added after the last run has no spy yet: no counts.
        if (facet < e.spy_of.size()) {
            auto *vc = static_cast<Xapian::ValueCountMatchSpy *>(
                e.spies[e.spy_of[facet]].get());
            const facet_def &f = e.facets[facet];
            std::map<std::string, Xapian::doccount> counts;
            // Counts joined[start, end) if it is the prefix and something more.
            const std::string::size_type plen = f.prefix.size();
            auto count = [&](const std::string &joined, std::string::size_type start,
                             std::string::size_type end, Xapian::doccount c) {
                if (end - start > plen && joined.compare(start, plen, f.prefix) == 0)
                    counts[joined.substr(start + plen, end - start - plen)] += c;
            };
            for (auto it = vc->values_begin(); it != vc->values_end(); ++it) {
                const std::string joined = *it;
                const Xapian::doccount c = it.get_termfreq();
                if (f.separator == 0) {
                    count(joined, 0, joined.size(), c);
                    continue;
                }
                std::string::size_type start = 0;
                while (start <= joined.size()) {
                    std::string::size_type end = joined.find(f.separator, start);
                    if (end == std::string::npos) end = joined.size();
                    count(joined, start, end, c);
                    start = end + 1;
                }
            }
            v.assign(counts.begin(), counts.end());
        }
        std::sort(v.begin(), v.end(), [](const auto &a, const auto &b) {
            return a.second != b.second ? a.second > b.second
                                        : a.first < b.first;
        });

        // calloc: a partly filled array frees cleanly on failure.
        auto *arr = static_cast<xc_facet_count *>(
            std::calloc(v.empty() ? 1 : v.size(), sizeof(xc_facet_count)));
        if (!arr) throw std::bad_alloc();
        for (size_t i = 0; i < v.size(); ++i) {
            arr[i].value = static_cast<char *>(std::malloc(v[i].first.size() + 1));
            if (!arr[i].value) {
                xc_facet_counts_free(arr, i);
                throw std::bad_alloc();
            }
            std::memcpy(arr[i].value, v[i].first.data(), v[i].first.size());
            arr[i].value[v[i].first.size()] = '\0';
            arr[i].value_len = v[i].first.size();
            arr[i].count = v[i].second;
        }
        o = arr;
        n = v.size();
    });
}

void xc_facet_counts_free(xc_facet_count *counts, size_t n) {
    if (!counts) return;
    for (size_t i = 0; i < n; ++i) std::free(counts[i].value);
    std::free(counts);
}

// ---- results ---------------------------------------------------------------------

void xc_mset_free(xc_mset *mset) {
    guard(nullptr, nullptr, [&] { delete mset; });
}

xc_status xc_mset_size(const xc_mset *mset, size_t *size_out, char **error) {
    clear_outs(size_out);
    return guard(error, nullptr, [&] {
        auto &m = need(mset, "mset");
        need_out(size_out, "size") = m.mset.size();
    });
}

xc_status xc_mset_matches_estimated(const xc_mset *mset, uint32_t *matches_out,
                                    char **error) {
    clear_outs(matches_out);
    return guard(error, nullptr, [&] {
        auto &m = need(mset, "mset");
        need_out(matches_out, "matches") = m.mset.get_matches_estimated();
    });
}

} // extern "C": a C++ helper (it returns a C++ type) between entry points

namespace {
Xapian::MSetIterator nth(const xc_mset *mset, size_t i) {
    auto &m = need(mset, "mset");
    if (i >= m.mset.size())
        throw arg_error("result " + std::to_string(i) + " out of range (size " +
                        std::to_string(m.mset.size()) + ")");
    return m.mset[Xapian::doccount(i)];
}
} // namespace

extern "C" {

xc_status xc_mset_hit(const xc_mset *mset, size_t i, xc_hit *out,
                      char **error) {
    clear_outs(out);
    return guard(error, nullptr, [&] {
        Xapian::MSetIterator it = nth(mset, i);
        auto &o = need_out(out, "hit");
        xc_hit h;
        h.docid = *it;
        h.rank = it.get_rank();
        h.weight = it.get_weight();
        h.percent = it.get_percent();
        o = h;
    });
}

xc_status xc_mset_data(const xc_mset *mset, size_t i, char **data_out,
                       size_t *len_out, char **error) {
    clear_outs(data_out, len_out);
    return guard(error, nullptr, [&] {
        Xapian::MSetIterator it = nth(mset, i);
        auto &o = need_out(data_out, "data");
        std::string v = it.get_document().get_data();
        o = malloc_copy(v);
        if (len_out) *len_out = v.size();
    });
}

xc_status xc_mset_value(const xc_mset *mset, size_t i, xc_slot slot,
                        char **value_out, size_t *len_out, char **error) {
    clear_outs(value_out, len_out);
    return guard(error, nullptr, [&] {
        Xapian::MSetIterator it = nth(mset, i);
        auto &o = need_out(value_out, "value");
        std::string v = it.get_document().get_value(slot);
        o = malloc_copy(v);
        if (len_out) *len_out = v.size();
    });
}

} // extern "C"
