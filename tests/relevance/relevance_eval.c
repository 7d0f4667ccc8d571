/* relevance_eval: measures how well `brief search` ranks the passages of the
 * bundled report against a judged query set, and, side by side in the same
 * run, how well three SQLite FTS5 baselines (bm25, tokenizer "porter
 * unicode61 remove_diacritics 2") rank the very same passages.
 *
 *   relevance_eval --brief PATH --index DIR [--queries FILE]
 *                  [--verbose] [--runs] [--require-win]
 *   relevance_eval --fts5 QUERY     (prints QUERY in FTS5 syntax)
 *
 * The passages are read from `brief passages --format jsonl` on the index
 * and loaded into an in-memory FTS5 table (id, text).  For each query of
 * the set (tests/relevance/queries.tsv: see its header) it runs
 *   (a) brief search --index DIR --format json -n 10 QUERY
 *   (b) SELECT id FROM p WHERE p MATCH <the query in FTS5 syntax>
 *       ORDER BY bm25(p) LIMIT 10, and when that finds nothing, the same
 *       with every word ORed ("FTS5 AND, OR fallback")
 *   (c) the same with every word ORed straight away ("FTS5 OR")
 *   (d) Meilisearch's "frequency" matching strategy: every word ANDed,
 *       then, to fill the ten places, the words but the most frequent,
 *       and so on down to the rarest alone ("FTS5 frequency tiers")
 * and scores the four top-10 lists: nDCG@10 (gain 2^grade - 1, the ideal
 * from the judgments), reciprocal rank of the first passage of grade >= 1,
 * precision at 5 (grade >= 1, always over 5) and recall at 10 (the
 * passages of grade >= 1 in the top 10, over all of them).  The means over
 * the queries that have relevant passages are printed as Markdown tables,
 * overall and by type of query.  Queries with no relevant passage are left
 * out of the means and reported apart: a system gets them right when it
 * returns nothing, or only matches it marks as partial (brief: no result
 * has "match": "all"; FTS5: its fall back to OR, or no passage with every
 * word).
 *
 * The query in FTS5 syntax: each bare word quoted ("korea's" stays one
 * FTS5 string, so punctuation cannot be a syntax error), "phrases" kept
 * (straight or curly quotes), OR / AND / NOT (any case), -word (NOT),
 * +word, word* (prefix) and parentheses kept, the rest ANDed.
 *
 * --verbose adds a table of every query; --runs prints the ranked lists
 * with the grade of each passage; --require-win exits 1 unless brief beats
 * every baseline on nDCG@10, P@5 and R@10 and keeps its MRR >= 0.95.  Exit
 * 2 on an error.
 */
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define DEPTH 10 /* results scored (nDCG@10, MRR over the top 10) */
#define PREC 5   /* P@5 */
#define MIN_MRR 0.95 /* --require-win: brief's MRR at least this */

#ifndef RELEVANCE_QUERIES
#define RELEVANCE_QUERIES "tests/relevance/queries.tsv"
#endif

static void die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("relevance_eval: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(2);
}

static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) die("out of memory");
  return p;
}

static void *xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (!p) die("out of memory");
  return p;
}

static char *xstrdup(const char *s) {
  char *d = strdup(s);
  if (!d) die("out of memory");
  return d;
}

/* ---- a growing string ------------------------------------------------- */

typedef struct {
  char *s;
  size_t len, cap;
} Buf;

static void buf_add(Buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    b->cap = (b->len + n + 1) * 2;
    b->s = xrealloc(b->s, b->cap);
  }
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

static void buf_puts(Buf *b, const char *s) { buf_add(b, s, strlen(s)); }

static char *buf_take(Buf *b) {
  if (!b->s) buf_add(b, "", 0);
  char *s = b->s;
  b->s = NULL;
  b->len = b->cap = 0;
  return s;
}

/* ---- running brief ---------------------------------------------------- */

/* Runs argv, returns its stdout (NUL-terminated) and its exit status; its
 * stderr is kept in *err (NULL when empty). */
static char *run(char *const argv[], int *status, char **err) {
  int fd[2];
  if (pipe(fd) != 0) die("pipe: %s", strerror(errno));
  FILE *errf = tmpfile();
  if (!errf) die("tmpfile: %s", strerror(errno));
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if (pid < 0) die("fork: %s", strerror(errno));
  if (pid == 0) {
    dup2(fd[1], STDOUT_FILENO);
    dup2(fileno(errf), STDERR_FILENO);
    close(fd[0]);
    close(fd[1]);
    execvp(argv[0], argv);
    fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
    _exit(127);
  }
  close(fd[1]);
  Buf out = {0};
  char chunk[65536];
  for (;;) {
    ssize_t n = read(fd[0], chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) die("read from %s: %s", argv[0], strerror(errno));
    if (n == 0) break;
    buf_add(&out, chunk, (size_t)n);
  }
  close(fd[0]);
  int ws;
  while (waitpid(pid, &ws, 0) < 0)
    if (errno != EINTR) die("waitpid: %s", strerror(errno));
  *status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
  Buf e = {0};
  rewind(errf);
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, errf)) > 0) buf_add(&e, chunk, n);
  fclose(errf);
  *err = e.len ? buf_take(&e) : NULL;
  free(e.s);
  return buf_take(&out);
}

/* ---- the judged queries ----------------------------------------------- */

typedef struct {
  char *id;
  int grade;
} Judgment;

typedef struct {
  char *qid, *type, *text;
  Judgment *judged;
  size_t njudged;
  int line;
} Query;

static int grade_of(const Query *q, const char *id) {
  for (size_t i = 0; i < q->njudged; i++)
    if (strcmp(q->judged[i].id, id) == 0) return q->judged[i].grade;
  return 0;
}

static bool has_relevant(const Query *q) {
  for (size_t i = 0; i < q->njudged; i++)
    if (q->judged[i].grade > 0) return true;
  return false;
}

static char *next_field(char **p) {
  char *s = *p;
  if (!s) return NULL;
  char *tab = strchr(s, '\t');
  if (tab) {
    *tab = '\0';
    *p = tab + 1;
  } else {
    *p = NULL;
  }
  return s;
}

static Query *read_queries(const char *path, size_t *count) {
  FILE *f = fopen(path, "r");
  if (!f) die("%s: %s", path, strerror(errno));
  Query *qs = NULL;
  size_t n = 0;
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  int lineno = 0;
  while ((len = getline(&line, &cap, f)) >= 0) {
    lineno++;
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
      line[--len] = '\0';
    if (len == 0 || line[0] == '#') continue;
    char *p = line;
    char *qid = next_field(&p), *type = next_field(&p),
         *text = next_field(&p), *judged = next_field(&p);
    if (!judged || p)
      die("%s:%d: expected 4 tab-separated fields: qid, type, query, judged",
          path, lineno);
    if (!*qid || !*type || !*text)
      die("%s:%d: an empty field", path, lineno);
    for (size_t i = 0; i < n; i++)
      if (strcmp(qs[i].qid, qid) == 0)
        die("%s:%d: query id %s used twice", path, lineno, qid);
    qs = xrealloc(qs, (n + 1) * sizeof *qs);
    Query *q = &qs[n++];
    q->qid = xstrdup(qid);
    q->type = xstrdup(type);
    q->text = xstrdup(text);
    q->judged = NULL;
    q->njudged = 0;
    q->line = lineno;
    if (strcmp(judged, "-") == 0) continue;
    char *save = NULL;
    for (char *tok = strtok_r(judged, " ", &save); tok;
         tok = strtok_r(NULL, " ", &save)) {
      char *eq = strrchr(tok, '=');
      if (!eq || eq == tok || eq[1] < '0' || eq[1] > '3' || eq[2])
        die("%s:%d: '%s' is not ID=GRADE with a grade 0-3", path, lineno, tok);
      *eq = '\0';
      for (size_t i = 0; i < q->njudged; i++)
        if (strcmp(q->judged[i].id, tok) == 0)
          die("%s:%d: %s judged twice", path, lineno, tok);
      q->judged = xrealloc(q->judged, (q->njudged + 1) * sizeof *q->judged);
      q->judged[q->njudged].id = xstrdup(tok);
      q->judged[q->njudged].grade = eq[1] - '0';
      q->njudged++;
    }
  }
  free(line);
  fclose(f);
  if (n == 0) die("%s: no queries", path);
  *count = n;
  return qs;
}

/* ---- a ranked list ---------------------------------------------------- */

typedef struct {
  char *ids[DEPTH];
  size_t n;
  bool partial;   /* brief: no result has every word; FTS5: the OR fallback */
  bool corrected; /* brief: results for its spelling correction */
} Ranking;

static void ranking_free(Ranking *r) {
  for (size_t i = 0; i < r->n; i++) free(r->ids[i]);
  r->n = 0;
}

static void ranking_add(Ranking *r, const char *id) {
  if (r->n < DEPTH) r->ids[r->n++] = xstrdup(id);
}

/* ---- brief ------------------------------------------------------------ */

static void brief_search(const char *brief, const char *index, const Query *q,
                         Ranking *r) {
  char limit[16];
  snprintf(limit, sizeof limit, "%d", DEPTH);
  char *argv[] = {(char *)brief, "search", "--index", (char *)index,
                  "--format", "json", "-n", limit, q->text, NULL};
  int status;
  char *err;
  char *out = run(argv, &status, &err);
  if (status != 0 && status != 1)
    die("%s: brief search '%s' exited %d: %s", q->qid, q->text, status,
        err ? err : "");
  json_error_t jerr;
  json_t *root = json_loads(out, 0, &jerr);
  if (!root || !json_is_object(root))
    die("%s: brief search '%s': not a JSON object (%s)", q->qid, q->text,
        jerr.text);
  memset(r, 0, sizeof *r);
  /* Partial when no result has every word ("match": "all"). */
  r->partial = true;
  json_t *corr = json_object_get(root, "corrected");
  r->corrected = corr && json_is_string(corr);
  json_t *results = json_object_get(root, "results");
  if (!json_is_array(results))
    die("%s: brief search '%s': no results array", q->qid, q->text);
  size_t i;
  json_t *res;
  json_array_foreach(results, i, res) {
    const char *id = json_string_value(json_object_get(res, "id"));
    if (!id) die("%s: a result without an id", q->qid);
    const char *match = json_string_value(json_object_get(res, "match"));
    if (match && strcmp(match, "all") == 0) r->partial = false;
    ranking_add(r, id);
  }
  json_decref(root);
  free(out);
  free(err);
}

/* ---- FTS5 ------------------------------------------------------------- */

static const char *FTS5_TOKENIZER = "porter unicode61 remove_diacritics 2";

static sqlite3 *fts5_load(const char *brief, const char *index,
                          size_t *npassages, char ***ids_out) {
  char *argv[] = {(char *)brief, "passages", "--index", (char *)index,
                  "--format", "jsonl", NULL};
  int status;
  char *err;
  char *out = run(argv, &status, &err);
  if (status != 0)
    die("brief passages --index %s exited %d: %s", index, status,
        err ? err : "");
  free(err);

  sqlite3 *db;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) die("sqlite3_open failed");
  char sql[256];
  snprintf(sql, sizeof sql,
           "CREATE VIRTUAL TABLE p USING fts5(id UNINDEXED, text, "
           "tokenize = '%s')",
           FTS5_TOKENIZER);
  char *msg = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
    die("FTS5: %s", msg);
  if (sqlite3_exec(db, "BEGIN", NULL, NULL, &msg) != SQLITE_OK)
    die("FTS5: %s", msg);
  sqlite3_stmt *ins;
  if (sqlite3_prepare_v2(db, "INSERT INTO p(id, text) VALUES (?1, ?2)", -1,
                         &ins, NULL) != SQLITE_OK)
    die("FTS5: %s", sqlite3_errmsg(db));
  size_t n = 0;
  char **ids = NULL;
  char *save = NULL;
  for (char *line = strtok_r(out, "\n", &save); line;
       line = strtok_r(NULL, "\n", &save)) {
    json_error_t jerr;
    json_t *p = json_loads(line, 0, &jerr);
    if (!p) die("brief passages: line %zu: %s", n + 1, jerr.text);
    const char *id = json_string_value(json_object_get(p, "id"));
    const char *text = json_string_value(json_object_get(p, "text"));
    if (!id || !text) die("brief passages: line %zu lacks id or text", n + 1);
    sqlite3_bind_text(ins, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins, 2, text, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(ins) != SQLITE_DONE) die("FTS5: %s", sqlite3_errmsg(db));
    sqlite3_reset(ins);
    ids = xrealloc(ids, (n + 1) * sizeof *ids);
    ids[n++] = xstrdup(id);
    json_decref(p);
  }
  sqlite3_finalize(ins);
  if (sqlite3_exec(db, "COMMIT", NULL, NULL, &msg) != SQLITE_OK)
    die("FTS5: %s", msg);
  free(out);
  if (n == 0) die("brief passages: no passages in %s", index);
  *npassages = n;
  *ids_out = ids;
  return db;
}

/* One piece of a query: a word, a "phrase", an operator or a parenthesis. */
typedef enum { T_WORD, T_PHRASE, T_OR, T_AND, T_NOT, T_OPEN, T_CLOSE } TokKind;

typedef struct {
  TokKind kind;
  char *text; /* T_WORD, T_PHRASE */
  bool prefix, negated;
} Tok;

/* A quotation mark: " or a curly one (U+201C, U+201D).  Its length. */
static size_t quote_len(const char *s) {
  if (*s == '"') return 1;
  if ((unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80 &&
      ((unsigned char)s[2] == 0x9C || (unsigned char)s[2] == 0x9D))
    return 3;
  return 0;
}

static size_t tokenize(const char *q, Tok **out) {
  Tok *toks = NULL;
  size_t n = 0;
  const char *s = q;
  while (*s) {
    if (isspace((unsigned char)*s)) {
      s++;
      continue;
    }
    Tok t = {T_WORD, NULL, false, false};
    size_t ql;
    if (*s == '(' || *s == ')') {
      t.kind = *s == '(' ? T_OPEN : T_CLOSE;
      s++;
    } else if ((ql = quote_len(s)) > 0 ||
               ((*s == '-' || *s == '+') && (ql = quote_len(s + 1)) > 0)) {
      if (*s == '-' || *s == '+') t.negated = *s++ == '-';
      s += ql;
      const char *start = s;
      while (*s && !quote_len(s)) s++;
      t.kind = T_PHRASE;
      t.text = strndup(start, (size_t)(s - start));
      if (*s) s += quote_len(s);
    } else {
      const char *start = s;
      while (*s && !isspace((unsigned char)*s) && !quote_len(s) && *s != '(' &&
             *s != ')')
        s++;
      size_t len = (size_t)(s - start);
      if (len == 2 && strncasecmp(start, "OR", 2) == 0) {
        t.kind = T_OR;
      } else if (len == 3 && strncasecmp(start, "AND", 3) == 0) {
        t.kind = T_AND;
      } else if (len == 3 && strncasecmp(start, "NOT", 3) == 0) {
        t.kind = T_NOT;
      } else {
        if (len > 1 && (*start == '-' || *start == '+')) {
          t.negated = *start == '-';
          start++;
          len--;
        }
        if (len > 1 && start[len - 1] == '*') {
          t.prefix = true;
          len--;
        }
        t.text = strndup(start, len);
      }
    }
    if ((t.kind == T_WORD || t.kind == T_PHRASE) && !t.text) die("out of memory");
    toks = xrealloc(toks, (n + 1) * sizeof *toks);
    toks[n++] = t;
  }
  *out = toks;
  return n;
}

/* "text" with its " doubled, as an FTS5 string. */
static void fts5_string(Buf *b, const char *text, bool prefix) {
  buf_puts(b, "\"");
  for (const char *c = text; *c; c++) {
    if (*c == '"') buf_puts(b, "\"");
    buf_add(b, c, 1);
  }
  buf_puts(b, prefix ? "\"*" : "\"");
}

/* The query as FTS5 MATCH syntax, and every word of it ORed (the fall
 * back; NULL when there is no positive word). */
static void fts5_translate(const char *query, char **match, char **any) {
  Tok *toks;
  size_t n = tokenize(query, &toks);
  Buf m = {0}, o = {0};
  bool operand_before = false; /* the last thing written ends an operand */
  TokKind pending = T_AND;     /* the operator before the next operand */
  bool have_pending = false;
  int depth = 0; /* parentheses open */
  for (size_t i = 0; i < n; i++) {
    Tok *t = &toks[i];
    switch (t->kind) {
    case T_OR:
    case T_AND:
    case T_NOT:
      if (operand_before) {
        /* "a OR NOT b" is not FTS5: NOT wins */
        if (!have_pending || t->kind == T_NOT) pending = t->kind;
        have_pending = true;
      }
      break;
    case T_CLOSE:
      if (depth == 0 || !operand_before) break; /* unbalanced or empty */
      buf_puts(&m, ")");
      depth--;
      operand_before = true;
      have_pending = false;
      break;
    case T_OPEN:
    case T_WORD:
    case T_PHRASE: {
      TokKind op = have_pending ? pending : T_AND;
      if (t->negated) op = T_NOT;
      if (operand_before)
        buf_puts(&m, op == T_OR ? " OR " : op == T_NOT ? " NOT " : " AND ");
      else if (t->negated) {
        /* FTS5's NOT needs a left side: a leading -word is dropped */
        break;
      }
      have_pending = false;
      if (t->kind == T_OPEN) {
        buf_puts(&m, "(");
        depth++;
        operand_before = false;
        break;
      }
      fts5_string(&m, t->text, t->prefix);
      operand_before = true;
      if (op != T_NOT) {
        /* the fall back: each word of a word or a phrase */
        char *copy = xstrdup(t->text), *save = NULL;
        for (char *w = strtok_r(copy, " \t", &save); w;
             w = strtok_r(NULL, " \t", &save)) {
          if (o.len) buf_puts(&o, " OR ");
          fts5_string(&o, w, t->prefix);
        }
        free(copy);
      }
      break;
    }
    }
  }
  for (; depth > 0; depth--) buf_puts(&m, ")");
  for (size_t i = 0; i < n; i++) free(toks[i].text);
  free(toks);
  *match = buf_take(&m);
  *any = o.len ? buf_take(&o) : NULL;
  free(o.s);
}

/* Runs one MATCH; false on an FTS5 syntax error. */
static bool fts5_run(sqlite3 *db, const char *match, Ranking *r) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db,
                         "SELECT id FROM p WHERE p MATCH ?1 "
                         "ORDER BY bm25(p) LIMIT ?2",
                         -1, &st, NULL) != SQLITE_OK)
    die("FTS5: %s", sqlite3_errmsg(db));
  sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int(st, 2, DEPTH);
  int rc;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    ranking_add(r, (const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) {
    ranking_free(r);
    return false;
  }
  return true;
}

/* FTS5 as asked: the query translated (AND) with an OR fall back when that
 * finds nothing, or (only_or) every word ORed straight away. */
static void fts5_search(sqlite3 *db, const Query *q, bool only_or, Ranking *r,
                        char **match_out) {
  memset(r, 0, sizeof *r);
  char *match, *any;
  fts5_translate(q->text, &match, &any);
  if (only_or && any) {
    free(match);
    match = any;
    any = NULL;
  }
  bool ok = *match && fts5_run(db, match, r);
  if (!ok && *match)
    fprintf(stderr, "relevance_eval: %s: FTS5 rejects %s: %s\n", q->qid,
            match, sqlite3_errmsg(db));
  if (r->n == 0 && any) {
    r->partial = true;
    if (!fts5_run(db, any, r))
      fprintf(stderr, "relevance_eval: %s: FTS5 rejects %s: %s\n", q->qid, any,
              sqlite3_errmsg(db));
  }
  if (r->partial) {
    free(match);
    match = any;
    any = NULL;
  }
  *match_out = match;
  free(any);
}

/* How many passages a MATCH finds; 0 on an FTS5 syntax error. */
static size_t fts5_count(sqlite3 *db, const char *match) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM p WHERE p MATCH ?1", -1,
                         &st, NULL) != SQLITE_OK)
    die("FTS5: %s", sqlite3_errmsg(db));
  sqlite3_bind_text(st, 1, match, -1, SQLITE_TRANSIENT);
  size_t n = sqlite3_step(st) == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
  sqlite3_finalize(st);
  return n;
}

static const size_t *freq_df; /* for by_frequency: how many passages each
                                 term of the query is in */

/* Rarer first; in the order typed when as frequent. */
static int by_frequency(const void *a, const void *b) {
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  if (freq_df[x] != freq_df[y]) return freq_df[x] < freq_df[y] ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* The k rarest terms ANDed, as FTS5 MATCH syntax. */
static char *rarest_terms(const Tok *toks, const size_t *order, size_t k) {
  Buf m = {0};
  for (size_t i = 0; i < k; i++) {
    if (i) buf_puts(&m, " AND ");
    fts5_string(&m, toks[order[i]].text, false);
  }
  return buf_take(&m);
}

/* Meilisearch's "frequency" matching strategy, over FTS5: the passages with
 * every term first; when they are fewer than DEPTH, those with all terms
 * but the most frequent one, and so on down to the rarest term alone, each
 * tier without the passages of the tiers before, bm25 within a tier
 * (Meilisearch orders a tier by typos, proximity, attribute and
 * exactness; bm25 is the stronger stand-in on prose).  A query with
 * operators, parentheses, prefixes or exclusions is run as typed, as the
 * AND, OR fallback baseline does: the strategy is about plain words. */
static void fts5_frequency_search(sqlite3 *db, const Query *q, Ranking *r,
                                  char **match_out) {
  Tok *toks;
  size_t n = tokenize(q->text, &toks);
  bool plain = n > 0;
  for (size_t i = 0; i < n; i++)
    plain = plain && (toks[i].kind == T_WORD || toks[i].kind == T_PHRASE) &&
            !toks[i].negated && !toks[i].prefix && *toks[i].text;
  if (!plain) {
    for (size_t i = 0; i < n; i++) free(toks[i].text);
    free(toks);
    fts5_search(db, q, false, r, match_out);
    return;
  }
  size_t *df = xmalloc(n * sizeof *df), *order = xmalloc(n * sizeof *order);
  for (size_t i = 0; i < n; i++) {
    Buf one = {0};
    fts5_string(&one, toks[i].text, false);
    df[i] = fts5_count(db, one.s);
    free(one.s);
    order[i] = i;
  }
  freq_df = df;
  qsort(order, n, sizeof *order, by_frequency);
  memset(r, 0, sizeof *r);
  Buf tiers = {0};
  char *wider = NULL; /* the tier before, to leave out */
  for (size_t keep = n; keep > 0 && r->n < DEPTH; keep--) {
    char *tier = rarest_terms(toks, order, keep);
    Buf m = {0};
    buf_puts(&m, "(");
    buf_puts(&m, tier);
    buf_puts(&m, ")");
    if (wider) {
      buf_puts(&m, " NOT (");
      buf_puts(&m, wider);
      buf_puts(&m, ")");
    }
    Ranking found = {0};
    if (!fts5_run(db, m.s, &found))
      fprintf(stderr, "relevance_eval: %s: FTS5 rejects %s: %s\n", q->qid, m.s,
              sqlite3_errmsg(db));
    if (keep == n && found.n == 0) r->partial = true;
    for (size_t i = 0; i < found.n; i++) ranking_add(r, found.ids[i]);
    ranking_free(&found);
    if (tiers.len) buf_puts(&tiers, " | ");
    buf_puts(&tiers, tier);
    free(m.s);
    free(wider);
    wider = tier;
  }
  free(wider);
  for (size_t i = 0; i < n; i++) free(toks[i].text);
  free(toks);
  free(df);
  free(order);
  *match_out = buf_take(&tiers);
}

/* ---- metrics ---------------------------------------------------------- */

typedef struct {
  double ndcg, rr, p5, r10;
} Scores;

static double gain(int grade) { return (double)((1 << grade) - 1); }

static int cmp_desc(const void *a, const void *b) {
  return *(const int *)b - *(const int *)a;
}

static Scores score(const Query *q, const Ranking *r) {
  Scores s = {0, 0, 0, 0};
  double dcg = 0;
  size_t hits5 = 0, hits10 = 0, relevant = 0;
  for (size_t i = 0; i < r->n; i++) {
    int g = grade_of(q, r->ids[i]);
    dcg += gain(g) / log2((double)i + 2);
    if (g > 0 && s.rr == 0) s.rr = 1.0 / (double)(i + 1);
    if (g > 0 && i < PREC) hits5++;
    if (g > 0) hits10++;
  }
  for (size_t i = 0; i < q->njudged; i++) relevant += q->judged[i].grade > 0;
  s.r10 = relevant ? (double)hits10 / (double)relevant : 0;
  int *grades = xmalloc(q->njudged * sizeof *grades);
  for (size_t i = 0; i < q->njudged; i++) grades[i] = q->judged[i].grade;
  qsort(grades, q->njudged, sizeof *grades, cmp_desc);
  double idcg = 0;
  for (size_t i = 0; i < q->njudged && i < DEPTH; i++)
    idcg += gain(grades[i]) / log2((double)i + 2);
  free(grades);
  s.ndcg = idcg > 0 ? dcg / idcg : 0;
  s.p5 = (double)hits5 / PREC;
  return s;
}

/* ---- output ----------------------------------------------------------- */

/* brief, then the three baselines: FTS5 with the query's words ANDed (its
 * OR fall back when that finds nothing), FTS5 with every word ORed, and
 * FTS5 in tiers of words dropped most frequent first (Meilisearch's
 * "frequency" matching strategy). */
#define NSYS 4
static const char *SYSTEMS[NSYS] = {"brief", "FTS5 AND, OR fallback",
                                    "FTS5 OR", "FTS5 frequency tiers"};
static const char *SHORT_NAMES[NSYS] = {"brief", "FTS5", "FTS5-OR", "FTS5-freq"};

static void scores_add(Scores *sum, const Scores *s) {
  sum->ndcg += s->ndcg;
  sum->rr += s->rr;
  sum->p5 += s->p5;
  sum->r10 += s->r10;
}

static void scores_divide(Scores *sum, size_t n) {
  sum->ndcg /= (double)n;
  sum->rr /= (double)n;
  sum->p5 /= (double)n;
  sum->r10 /= (double)n;
}

/* The four metrics' cells of a table row, each "brief / baseline / ...",
 * from the row's scores, one per system. */
static void print_cells(const Scores *m) {
  for (int metric = 0; metric < 4; metric++) {
    printf(" |");
    for (int s = 0; s < NSYS; s++) {
      const double v[4] = {m[s].ndcg, m[s].rr, m[s].p5, m[s].r10};
      printf("%s%.3f", s ? " / " : " ", v[metric]);
    }
  }
}

static void md_escape(const char *s) {
  for (; *s; s++) {
    if (*s == '|') fputs("\\|", stdout);
    else putchar(*s);
  }
}

static void print_ranking(const char *name, const Query *q, const Ranking *r,
                          const char *note) {
  printf("  %s%s%s%s:", name, note ? " " : "", note ? note : "",
         r->partial ? " (partial)" : r->corrected ? " (corrected)" : "");
  if (r->n == 0) printf(" nothing");
  for (size_t i = 0; i < r->n; i++) {
    const char *id = strchr(r->ids[i], ':');
    printf(" %s=%d", id ? id + 1 : r->ids[i], grade_of(q, r->ids[i]));
  }
  putchar('\n');
}

static void usage(FILE *f) {
  fputs("usage: relevance_eval --brief PATH --index DIR [--queries FILE]\n"
        "                      [--verbose] [--runs] [--require-win]\n"
        "  --brief PATH     the brief binary (default: $BRIEF, else brief)\n"
        "  --index DIR      a brief index of the bundled report (default: "
        "$INDEX)\n"
        "  --queries FILE   the judged queries (default: " RELEVANCE_QUERIES
        ")\n"
        "  --verbose        a table of every query too\n"
        "  --runs           every ranked list of every query, with grades\n"
        "  --require-win    exit 1 unless brief beats every baseline on\n"
        "                   nDCG@10, P@5 and R@10, with MRR >= 0.95\n"
        "  --fts5 QUERY     print QUERY in FTS5 syntax, then its OR fall "
        "back\n",
        f);
}

int main(int argc, char **argv) {
  const char *brief = getenv("BRIEF");
  const char *index = getenv("INDEX");
  const char *queries = RELEVANCE_QUERIES;
  bool verbose = false, runs = false, require_win = false;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--brief") == 0 && i + 1 < argc) brief = argv[++i];
    else if (strcmp(a, "--index") == 0 && i + 1 < argc) index = argv[++i];
    else if (strcmp(a, "--queries") == 0 && i + 1 < argc) queries = argv[++i];
    else if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) verbose = true;
    else if (strcmp(a, "--runs") == 0) runs = true;
    else if (strcmp(a, "--require-win") == 0) require_win = true;
    else if (strcmp(a, "--fts5") == 0 && i + 1 < argc) {
      char *match, *any;
      fts5_translate(argv[++i], &match, &any);
      printf("%s\n%s\n", match, any ? any : "");
      free(match);
      free(any);
      return 0;
    }
    else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      usage(stdout);
      return 0;
    } else {
      usage(stderr);
      return 2;
    }
  }
  if (!brief || !*brief) brief = "brief";
  if (!index || !*index) {
    usage(stderr);
    die("no index: give --index DIR (or INDEX)");
  }

  size_t nq;
  Query *qs = read_queries(queries, &nq);
  size_t np;
  char **pids;
  sqlite3 *db = fts5_load(brief, index, &np, &pids);

  /* Every judged passage must exist: a typo would silently count as 0. */
  for (size_t i = 0; i < nq; i++)
    for (size_t j = 0; j < qs[i].njudged; j++) {
      bool found = false;
      for (size_t k = 0; k < np && !found; k++)
        found = strcmp(pids[k], qs[i].judged[j].id) == 0;
      if (!found)
        die("%s:%d: %s judges %s, which the index does not have", queries,
            qs[i].line, qs[i].qid, qs[i].judged[j].id);
    }

  Scores *sc[NSYS];
  Ranking *rk[NSYS];
  char **fts5_queries[NSYS];
  for (int s = 0; s < NSYS; s++) {
    sc[s] = xmalloc(nq * sizeof(Scores));
    rk[s] = xmalloc(nq * sizeof(Ranking));
    fts5_queries[s] = xmalloc(nq * sizeof(char *));
  }
  for (size_t i = 0; i < nq; i++) {
    brief_search(brief, index, &qs[i], &rk[0][i]);
    fts5_queries[0][i] = NULL;
    fts5_search(db, &qs[i], false, &rk[1][i], &fts5_queries[1][i]);
    fts5_search(db, &qs[i], true, &rk[2][i], &fts5_queries[2][i]);
    fts5_frequency_search(db, &qs[i], &rk[3][i], &fts5_queries[3][i]);
    for (int s = 0; s < NSYS; s++) sc[s][i] = score(&qs[i], &rk[s][i]);
  }

  /* The means over the queries that have relevant passages. */
  Scores mean[NSYS];
  size_t njudged = 0, nnone = 0, none_ok[NSYS];
  memset(mean, 0, sizeof mean);
  memset(none_ok, 0, sizeof none_ok);
  for (size_t i = 0; i < nq; i++) {
    if (!has_relevant(&qs[i])) {
      nnone++;
      for (int s = 0; s < NSYS; s++)
        if (rk[s][i].n == 0 || rk[s][i].partial) none_ok[s]++;
      continue;
    }
    njudged++;
    for (int s = 0; s < NSYS; s++) scores_add(&mean[s], &sc[s][i]);
  }
  if (njudged == 0) die("%s: no query has a relevant passage", queries);
  for (int s = 0; s < NSYS; s++) scores_divide(&mean[s], njudged);

  printf("Relevance over %zu passages: %zu judged queries (means below), "
         "%zu with no answer in the report.\n\n",
         np, njudged, nnone);
  printf("| system | nDCG@10 | MRR | P@5 | R@10 | no-answer queries right |\n");
  printf("|---|---:|---:|---:|---:|---:|\n");
  for (int s = 0; s < NSYS; s++)
    printf("| %s | %.3f | %.3f | %.3f | %.3f | %zu of %zu |\n", SYSTEMS[s],
           mean[s].ndcg, mean[s].rr, mean[s].p5, mean[s].r10, none_ok[s],
           nnone);

  /* The same by kind of query: every system in each cell, in order. */
  printf("\n| query type | queries | nDCG@10 | MRR | P@5 | R@10 |\n");
  printf("|---|---:|---:|---:|---:|---:|\n");
  for (size_t i = 0; i < nq; i++) {
    bool seen = false;
    for (size_t j = 0; j < i && !seen; j++)
      seen = strcmp(qs[j].type, qs[i].type) == 0 && has_relevant(&qs[j]);
    if (seen || !has_relevant(&qs[i])) continue;
    Scores m[NSYS];
    memset(m, 0, sizeof m);
    size_t c = 0;
    for (size_t j = i; j < nq; j++) {
      if (strcmp(qs[j].type, qs[i].type) != 0 || !has_relevant(&qs[j]))
        continue;
      c++;
      for (int s = 0; s < NSYS; s++) scores_add(&m[s], &sc[s][j]);
    }
    for (int s = 0; s < NSYS; s++) scores_divide(&m[s], c);
    printf("| %s | %zu", qs[i].type, c);
    print_cells(m);
    printf(" |\n");
  }
  printf("\n(each cell: %s", SYSTEMS[0]);
  for (int s = 1; s < NSYS; s++) printf(" / %s", SYSTEMS[s]);
  printf(")\n");

  if (verbose) {
    printf("\n| qid | type | query | nDCG@10 | RR | P@5 | R@10 | notes |\n");
    printf("|---|---|---|---:|---:|---:|---:|---|\n");
    for (size_t i = 0; i < nq; i++) {
      printf("| %s | %s | ", qs[i].qid, qs[i].type);
      md_escape(qs[i].text);
      Buf notes = {0};
      if (rk[0][i].partial) buf_puts(&notes, "brief partial; ");
      if (rk[0][i].corrected) buf_puts(&notes, "brief corrected; ");
      if (rk[1][i].partial) buf_puts(&notes, "FTS5 OR fallback; ");
      if (has_relevant(&qs[i])) {
        const Scores *b = &sc[0][i];
        Scores row[NSYS];
        for (int s = 0; s < NSYS; s++) row[s] = sc[s][i];
        print_cells(row);
        printf(" | ");
        const char *lost[4];
        size_t nl = 0;
        for (int s = 1; s < NSYS; s++) {
          if (sc[s][i].ndcg > b->ndcg) lost[nl++] = "nDCG";
          if (sc[s][i].rr > b->rr) lost[nl++] = "RR";
          if (sc[s][i].p5 > b->p5) lost[nl++] = "P@5";
          if (sc[s][i].r10 > b->r10) lost[nl++] = "R@10";
          if (nl) {
            buf_puts(&notes, "**brief loses to ");
            buf_puts(&notes, SYSTEMS[s]);
            buf_puts(&notes, " on");
            for (size_t l = 0; l < nl; l++) {
              buf_puts(&notes, " ");
              buf_puts(&notes, lost[l]);
            }
            buf_puts(&notes, "**; ");
          }
          nl = 0;
        }
      } else {
        printf(" | - | - | - | - | ");
        for (int s = 0; s < NSYS; s++) {
          char line[96];
          bool ok = rk[s][i].n == 0 || rk[s][i].partial;
          snprintf(line, sizeof line, "%s %s (%zu results); ", SYSTEMS[s],
                   ok ? "right" : "WRONG", rk[s][i].n);
          buf_puts(&notes, line);
        }
      }
      if (notes.len >= 2) notes.s[notes.len - 2] = '\0';
      md_escape(notes.s ? notes.s : "");
      printf(" |\n");
      free(notes.s);
    }
  }

  if (runs) {
    printf("\nRanked lists (passage=grade; 0 = not judged relevant):\n");
    for (size_t i = 0; i < nq; i++) {
      printf("\n%s %s\n", qs[i].qid, qs[i].text);
      print_ranking("brief", &qs[i], &rk[0][i], NULL);
      for (int s = 1; s < NSYS; s++) {
        char note[512];
        snprintf(note, sizeof note, "[MATCH %s]", fts5_queries[s][i]);
        print_ranking(SHORT_NAMES[s], &qs[i], &rk[s][i], note);
      }
    }
  }

  /* brief must beat every baseline on nDCG@10, P@5 and R@10, and keep
   * finding a relevant passage first almost always (MRR). */
  int status = 0;
  if (require_win) {
    const char *names[3] = {"nDCG@10", "P@5", "R@10"};
    for (int s = 1; s < NSYS; s++) {
      double b[3] = {mean[0].ndcg, mean[0].p5, mean[0].r10};
      double f[3] = {mean[s].ndcg, mean[s].p5, mean[s].r10};
      for (int m = 0; m < 3; m++)
        if (!(b[m] > f[m])) {
          fprintf(stderr,
                  "relevance_eval: brief does not beat %s on %s: %.3f vs "
                  "%.3f\n",
                  SYSTEMS[s], names[m], b[m], f[m]);
          status = 1;
        }
    }
    if (mean[0].rr < MIN_MRR) {
      fprintf(stderr, "relevance_eval: brief's MRR %.3f is below %.2f\n",
              mean[0].rr, MIN_MRR);
      status = 1;
    }
    if (status == 0)
      printf("\nbrief beats the three FTS5 baselines on nDCG@10, P@5 and R@10, "
             "with MRR >= %.2f.\n", MIN_MRR);
  }

  for (size_t i = 0; i < nq; i++) {
    for (int s = 0; s < NSYS; s++) {
      ranking_free(&rk[s][i]);
      free(fts5_queries[s][i]);
    }
    for (size_t j = 0; j < qs[i].njudged; j++) free(qs[i].judged[j].id);
    free(qs[i].judged);
    free(qs[i].qid);
    free(qs[i].type);
    free(qs[i].text);
  }
  for (size_t k = 0; k < np; k++) free(pids[k]);
  free(pids);
  free(qs);
  for (int s = 0; s < NSYS; s++) {
    free(sc[s]);
    free(rk[s]);
    free(fts5_queries[s]);
  }
  sqlite3_close(db);
  return status;
}
