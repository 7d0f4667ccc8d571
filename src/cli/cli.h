/* The command line: one file per subcommand, a table in main.c. */
#ifndef BRIEF_CLI_H
#define BRIEF_CLI_H

#include <stdbool.h>

/* Exit status, as grep: something found, nothing found, trouble. */
#define EXIT_FOUND 0
#define EXIT_NOT_FOUND 1
#define EXIT_TROUBLE 2

typedef struct cli_context {
    const char *index;   /* --index before the subcommand, or NULL */
    const char *color;   /* --color: auto, always, never */
} cli_context;

typedef int (*command_fn)(const cli_context *ctx, int argc, char **argv);

typedef struct command {
    const char *name;
    command_fn run;
    const char *summary;   /* one line, for `brief --help`; NULL: not listed */
    const char *usage;     /* the full help text */
} command;

/* The subcommands, ended by {NULL}. */
extern const command brief_commands[];
const command *find_command(const char *name);

/* Prints a command's help to stdout. */
void print_command_help(const command *c);

/* Where the index is: --index, then $BRIEF_INDEX, then ./index when the
 * current folder has a corpus/ or index/ folder, then the XDG data folder
 * ($XDG_DATA_HOME/brief/index).  Returns a string the caller frees. */
char *resolve_index_dir(const cli_context *ctx, const char *option);
/* Opens the index resolve_index_dir found.  A stub file named with --index
 * is the user's own: it may name remote shards (see index/stub.h). */
struct searcher;
bool open_index(const cli_context *ctx, const char *option, const char *index_dir,
                struct searcher **out, char **error);
/* Says on stderr what a user should know about the index before trusting
 * what follows (searcher_warning), if anything: call it once the metadata
 * the output needs is read, before printing. */
void warn_index(const char *command, const struct searcher *s);
/* Where the corpus is: --corpus, then ./corpus, then the installed copy
 * (beside the binary: bin/../share/brief/corpus, else the configured one). */
char *resolve_corpus_dir(const char *option);
/* The corpus brief comes with (installed beside the binary, at the
 * configured prefix, or the source tree's for a build not installed), for
 * its field tables; malloc()ed, NULL when there is none. */
char *bundled_corpus_dir(void);

int cmd_index(const cli_context *ctx, int argc, char **argv);
int cmd_add(const cli_context *ctx, int argc, char **argv);
int cmd_search(const cli_context *ctx, int argc, char **argv);
int cmd_show(const cli_context *ctx, int argc, char **argv);
int cmd_quote(const cli_context *ctx, int argc, char **argv);
int cmd_passages(const cli_context *ctx, int argc, char **argv);
int cmd_verify(const cli_context *ctx, int argc, char **argv);
int cmd_check(const cli_context *ctx, int argc, char **argv);
int cmd_cite(const cli_context *ctx, int argc, char **argv);
int cmd_help(const cli_context *ctx, int argc, char **argv);
int cmd_facets(const cli_context *ctx, int argc, char **argv);
int cmd_complete(const cli_context *ctx, int argc, char **argv);

/* Runs this command line in brief-indexer, the jemalloc build of brief that
 * indexes faster, when there is one (see indexer_build.c); returns when
 * there is none, or in that build. */
void exec_indexer_build(char **argv);

/* A passage id as typed, its pasted hyphens (U+2010, U+2011, as in a
 * pandoc citation's locator) made "-" (malloc()ed; NULL without memory). */
char *cli_passage_id(const char *typed);

/* Prints "brief CMD: message" on stderr and frees message. */
int fail(const char *command, char *message);

#endif
