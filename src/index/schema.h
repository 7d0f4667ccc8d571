/* How passages are laid out in the index.  The indexer writes this layout
 * and the searcher reads it: both include this one file.  Change anything
 * here and bump BRIEF_SCHEMA, so an old index is refused, not misread. */
#ifndef BRIEF_SCHEMA_H
#define BRIEF_SCHEMA_H

#include <stdint.h>

/* Terms: Z-stems of every word with positions (STEM_ALL_Z on both sides:
 * "Korea" finds "Korea's", phrases match on stems, numbers too).  The words
 * themselves are not terms: the spelling table (in the metadata database)
 * holds them, and wildcards expand over it to stems. */
#define BRIEF_SCHEMA "brief-index-9;fold=nfkc,stripmark,lump;stem=english,all_z"
#define BRIEF_STEM_LANGUAGE "english"

/* Ranking: BM25 (k1 1, b 0.5, min_normlen 0.5: Xapian's defaults) with its
 * length normalisation done by the indexer.  Xapian's BM25 reads the length
 * of every passage it weighs, decoded from one list in docid order: at
 * 2.6 M passages that was three quarters of a search.  So the indexer
 * multiplies a passage's wdfs by RANK_WDF_SCALE / N, where N = 1 - b + b x
 * max(length / RANK_PIVOT_LENGTH, min_normlen), and the searcher runs BM25
 * with b = 0 (which reads no lengths) and k1 x RANK_WDF_SCALE, the words'
 * weights scaled by (k1 + 1) / (k1 x RANK_WDF_SCALE + 1).  The weights are
 * those of BM25 with the average length fixed at RANK_PIVOT_LENGTH, up to
 * the rounding of the wdfs (under 1%), over local and remote shards alike.
 * The pivot is fixed so that an update in place keeps every passage's
 * weights comparable: passages of the CNAS report average 72.8 terms, those
 * of the benchmark corpora 74.4. */
#define RANK_K1            1.0
#define RANK_B             0.5
#define RANK_MIN_NORMLEN   0.5
#define RANK_PIVOT_LENGTH  72.0
#define RANK_WDF_SCALE     64.0

/* What the indexer multiplies the wdfs of a passage of `length` terms (the
 * sum of their wdfs) by: >= 1 (passages over 9,000 terms are treated as
 * that long). */
double schema_wdf_factor(uint64_t length);
/* The BM25 k1 the searcher runs with, and the scale of the words' weights
 * that brings them back to plain BM25's. */
#define RANK_SEARCH_K1 (RANK_K1 * RANK_WDF_SCALE)
#define RANK_WORDS_SCALE ((RANK_K1 + 1) / (RANK_SEARCH_K1 + 1))

/* Term prefixes.  Free text has none. */
#define PREFIX_ID      "Q"   /* Q + passage id: one per passage */
#define PREFIX_SECTION "S"   /* words of the section path (section:) */
#define PREFIX_PILLAR  "XP"  /* XP + 1..6, or XPnone */
#define PREFIX_KIND    "XK"  /* XK + kind name */
#define PREFIX_AGENCY  "XA"  /* XA + lower-cased canonical name, for the
                                agency named and each of its parents */
#define PREFIX_ACTOR   "XR"  /* XR + lower-cased canonical name */
#define PREFIX_ORG     "XO"  /* the same, for organizations */
#define PREFIX_REPORT  "XD"  /* XD + report id */
#define TERM_REPEAT    "XZrepeat"  /* a pull quote repeating body text:
                                      left out unless kind:pullquote */

/* Value slots. */
#define SLOT_ORDER     0     /* report id, NUL, sortable(order): sorts
                                by report, then reading order, and stays
                                right when reports come and go */
#define SLOT_FACETS    1     /* every facet value of the passage, each after
                                its facet's mark, joined by FACET_SEP:
                                "P4" SEP "Kbullet" SEP "Dusrok2020" SEP
                                "AU.S. Department of State" ...: counting
                                facets reads one value per match, not five */
#define SLOT_PRIOR     2     /* sortable: what the passage's kind adds to
                                its relevance (see passage_kind_prior) */
/* Facet marks: the letter after X in the facet's filter prefix. */
#define FACET_MARK_PILLAR 'P'   /* "1".."6" or "none" */
#define FACET_MARK_KIND   'K'
#define FACET_MARK_REPORT 'D'
#define FACET_MARK_AGENCY 'A'   /* canonical name of each agency and
                                   organization named, and of their parents:
                                   what --agency finds the passage by */
#define FACET_MARK_ACTOR  'R'
#define FACET_SEP      '\x1f'

/* Metadata keys. */
#define META_SCHEMA     "brief:schema"
#define META_REPORTS    "brief:reports"     /* every report's metadata (reports_encode) */
#define META_REPORT_PREFIX "brief:report:"  /* + report id: that report's alone,
                                               for citations (ids of up to
                                               REPORT_KEY_MAX bytes: Xapian's
                                               keys are short) */
#define REPORT_KEY_MAX  200
#define META_GAZETTEER  "brief:gazetteer"   /* agencies.tsv as indexed */
#define META_VOCABULARY "brief:vocabulary"  /* JSON: variant groups */
#define META_BUILT      "brief:built"       /* ISO time of the build */
#define META_SHARDS     "brief:shards"      /* how many shards hold passages */
#define META_STATE      "brief:state"       /* in each shard: JSON object
                                               report id -> content hash of
                                               the reports it holds, written
                                               in the same commit as their
                                               passages */

/* Inside an index folder: the stub the searcher opens, and the builds.
 * `current` lists a generation's databases, one `glass PATH` line each:
 * GEN/meta first (the metadata above and the spelling table; no
 * passages), then GEN/shard-1 .. GEN/shard-N (the passages), where GEN is
 * a gen-* folder.  The searcher
 * opens the stub as one database; Xapian reads metadata from the first. */
#define INDEX_CURRENT   "current"
#define INDEX_LOCK      ".lock"
#define INDEX_FENCE     ".fence"   /* see fence.h */
#define INDEX_GEN_PREFIX "gen-"
#define INDEX_META      "meta"
#define INDEX_SHARD_PREFIX "shard-"
#define INDEX_MAX_SHARDS 64

/* The boolean term for a filter value: prefix + the value lower-cased
 * ("XA" + "u.s. department of state").  The indexer and the searcher both
 * build terms with this, so they always agree.  NULL when memory ran out. */
char *schema_filter_term(const char *prefix, const char *value);

/* The term that names one passage: PREFIX_ID + its id as it is (not
 * lower-cased: ids are matched exactly).  NULL when memory ran out. */
char *schema_id_term(const char *passage_id);

/* Report id's own metadata key: META_REPORT_PREFIX + id (the indexer writes
 * it for ids of up to REPORT_KEY_MAX bytes).  NULL when memory ran out. */
char *schema_report_key(const char *report_id);

#endif
