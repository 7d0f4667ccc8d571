/* What brief search and brief facets share, as git's parse-options gives
 * its builtins OPT__* for their common options: the filters, --format,
 * --limit, --index and --color in one table and one parser, and the steps
 * around the search itself (open the index, search, report a failure,
 * flush and close). */
#ifndef BRIEF_QUERY_COMMAND_H
#define BRIEF_QUERY_COMMAND_H

#include <stdbool.h>

#include "args.h"
#include "cli.h"
#include "list.h"
#include "print.h"
#include "searcher.h"

/* Option ids: the shared ones, then each command's own from QOPT_OWN. */
enum {
    QOPT_INDEX, QOPT_PILLAR, QOPT_AGENCY, QOPT_ACTOR, QOPT_KIND, QOPT_SECTION,
    QOPT_REPORT, QOPT_FORMAT, QOPT_JSON, QOPT_LIMIT, QOPT_COLOR, QOPT_HELP,
    QOPT_OWN
};

/* The shared entries of an option table: put first, then the command's own
 * and the {NULL} end. */
#define QUERY_OPTION_SPECS                                                  \
    {"index", 'i', true, QOPT_INDEX},     {"pillar", 'p', true, QOPT_PILLAR}, \
    {"agency", 'a', true, QOPT_AGENCY},   {"actor", 0, true, QOPT_ACTOR},     \
    {"kind", 'k', true, QOPT_KIND},       {"section", 's', true, QOPT_SECTION}, \
    {"report", 'r', true, QOPT_REPORT},   {"format", 'f', true, QOPT_FORMAT}, \
    {"json", 0, false, QOPT_JSON},        {"limit", 'n', true, QOPT_LIMIT},   \
    {"color", 0, true, QOPT_COLOR},       {"colour", 0, true, QOPT_COLOR},    \
    {"help", 'h', false, QOPT_HELP}

/* A bit per output_format, for query_command.formats. */
#define FORMAT_BIT(f) (1u << (f))

typedef struct query_command {
    /* Set by query_command_init. */
    const char *name;         /* "search", for messages and --help */
    unsigned formats;         /* FORMAT_BIT()s of the formats it prints */
    long max_limit;
    /* What the shared options said. */
    const char *index_opt;    /* --index, or NULL */
    const char *color;        /* --color, else the global one */
    output_format format;
    long limit;               /* --limit, or -1 when not given */
    search_request req;       /* filters and query filled in */
    string_list filters;      /* the filters as typed: "--agency USTR" */
    char *query;              /* the words, joined */
    char *index_dir;
} query_command;

void query_command_init(query_command *q, const cli_context *ctx,
                        const char *name, unsigned formats, long max_limit);
/* Handles o when it is a shared option (true: *ok says whether it was
 * good, an error line printed when not); false: it is the command's own. */
bool query_command_option(query_command *q, const parsed_option *o, bool *ok);
/* Parses argv: the shared options through query_command_option, the others
 * through own(q, o, ctx), which returns false after printing an error; the
 * words become the query.  Returns EXIT_FOUND after --help (printed),
 * EXIT_TROUBLE on an error, -1 to go on. */
typedef bool (*own_option_fn)(query_command *q, const parsed_option *o, void *ctx);
int query_command_parse(query_command *q, int argc, char **argv,
                        const option_spec *specs, own_option_fn own, void *ctx);
/* Opens the index and runs q->req: false after printing why (*status
 * then says trouble). */
bool query_command_search(query_command *q, const cli_context *ctx,
                          searcher **s, search_result *res, int *status);
/* Flushes stdout (a failure is trouble: "cannot write <what>"), closes the
 * searcher, frees q; returns the final status. */
int query_command_finish(query_command *q, searcher *s, int status,
                         const char *what);

#endif
