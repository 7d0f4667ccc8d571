/* brief: full-text search for policy reports. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "xapian-c.h"

#ifndef BRIEF_VERSION
#define BRIEF_VERSION "0.0.0"
#endif
#ifdef BRIEF_INDEXER_BUILD
#define BRIEF_BUILD_NOTE "; the indexing build, with jemalloc"
#else
#define BRIEF_BUILD_NOTE ""
#endif

extern const char help_add[], help_index[], help_search[], help_show[], help_quote[],
    help_passages[], help_verify[], help_help[], help_facets[], help_complete[];

const command brief_commands[] = {
    {"index", cmd_index, "build the index from the corpus", help_index},
    {"add", cmd_add, "take a report as received, draft its edition, index it", help_add},
    {"search", cmd_search, "find passages", help_search},
    {"show", cmd_show, "print passages by id, with their neighbours", help_show},
    {"quote", cmd_quote, "print passages exactly, with a citation", help_quote},
    {"verify", cmd_verify, "check a quotation against the reports", help_verify},
    {"passages", cmd_passages, "list every passage of the index", help_passages},
    {"facets", cmd_facets, "chart passages by pillar, agency, actor, kind", help_facets},
    {"help", cmd_help, "help on a subcommand", help_help},
    /* Hidden: the values shell completion offers. */
    {"complete", cmd_complete, NULL, help_complete},
    {NULL, NULL, NULL, NULL},
};

const command *find_command(const char *name)
{
    for (const command *c = brief_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

static void print_usage(FILE *f)
{
    fputs("usage: brief [--index DIR] [--color WHEN] SUBCOMMAND [ARGS...]\n"
          "       brief --help | --version\n"
          "\n"
          "Full-text search for policy reports: passages with their section, pillar\n"
          "and the agencies they name, exact quotes with citations.\n"
          "\n"
          "subcommands:\n", f);
    for (const command *c = brief_commands; c->name; c++)
        if (c->summary)
            fprintf(f, "  %-10s %s\n", c->name, c->summary);
    fputs("\n"
          "The index is found through --index, then $BRIEF_INDEX, then ./index (in a\n"
          "folder with corpus/ or index/), then $XDG_DATA_HOME/brief/index.\n"
          "'brief help SUBCOMMAND' or 'brief SUBCOMMAND --help' tells more.\n"
          "\n"
          "examples:\n"
          "  brief index\n"
          "  brief search burden sharing\n"
          "  brief facets --agency \"State Department\"\n"
          "  brief quote rec-p4.1.1\n"
          "\n"
          "  brief --version      the version, and xapian-core's\n"
          "  man brief            the manual\n", f);
}

int cmd_help(const cli_context *ctx, int argc, char **argv)
{
    (void)ctx;
    if (argc == 0) {
        print_usage(stdout);
        return EXIT_FOUND;
    }
    if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
        print_command_help(find_command("help"));
        return EXIT_FOUND;
    }
    const command *c = find_command(argv[0]);
    if (!c) {
        fprintf(stderr, "brief help: no subcommand '%s' (brief --help lists them)\n",
                argv[0]);
        return EXIT_TROUBLE;
    }
    print_command_help(c);
    return EXIT_FOUND;
}

/* Every subcommand's output is checked here, once: a full disk, a closed
 * pipe or /dev/full must not end in exit 0 with the output cut short.
 * stdout keeps its error flag from the first failed write, and the last
 * buffered bytes go out now. */
static int checked_output(const char *command, int status)
{
    errno = 0;
    bool failed = fflush(stdout) != 0 || ferror(stdout);
    int err = errno;
    failed = fclose(stdout) != 0 || failed;
    if (!failed || status == EXIT_TROUBLE)
        return failed ? EXIT_TROUBLE : status;
    fprintf(stderr, "brief %s: cannot write the output: %s\n", command,
            err ? strerror(err) : "write error");
    return EXIT_TROUBLE;
}

int main(int argc, char **argv)
{
    cli_context ctx = {NULL, "auto"};
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            print_usage(stdout);
            return checked_output("--help", EXIT_FOUND);
        }
        if (strcmp(arg, "--version") == 0 || strcmp(arg, "-V") == 0) {
            printf("brief %s (xapian-core %s%s)\n", BRIEF_VERSION, xc_xapian_version(),
                   BRIEF_BUILD_NOTE);
            return checked_output("--version", EXIT_FOUND);
        }
        const char *value = NULL;
        const char **target = NULL;
        if (strncmp(arg, "--index", 7) == 0 && (arg[7] == '=' || !arg[7]))
            target = &ctx.index;
        else if ((strncmp(arg, "--color", 7) == 0 || strncmp(arg, "--colour", 8) == 0))
            target = &ctx.color;
        if (!target) {
            fprintf(stderr, "brief: unknown option '%s' (brief --help)\n", arg);
            return EXIT_TROUBLE;
        }
        value = strchr(arg, '=') ? strchr(arg, '=') + 1 : (i + 1 < argc ? argv[++i] : NULL);
        if (!value) {
            fprintf(stderr, "brief: '%s' needs a value\n", arg);
            return EXIT_TROUBLE;
        }
        *target = value;
    }
    if (i == argc) {
        print_usage(stderr);
        return EXIT_TROUBLE;
    }
    const command *c = find_command(argv[i]);
    if (!c) {
        fprintf(stderr, "brief: no subcommand '%s' (brief --help lists them)\n", argv[i]);
        return EXIT_TROUBLE;
    }
    if (c->run == cmd_index)
        exec_indexer_build(argv);
    int status = c->run(&ctx, argc - i - 1, argv + i + 1);
    return checked_output(c->name, status);
}
