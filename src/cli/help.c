/* Help texts, one per subcommand, with examples. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

const char help_index[] =
    "usage: brief index [--corpus DIR] [--index DIR] [--wait] [--quiet]\n"
    "\n"
    "Reads every report of the corpus (DIR/<report>/report.md, see corpus/FORMAT.md),\n"
    "turns it into passages and builds the index.  The new index is built beside the\n"
    "old one and swapped in at the end: searches never see half an index.\n"
    "\n"
    "  -c, --corpus DIR   the corpus (default: ./corpus, else the installed copy)\n"
    "  -i, --index DIR    where the index goes (default: ./index; see brief --help)\n"
    "      --wait         if another 'brief index' is building it, wait for it\n"
    "  -q, --quiet        print nothing but errors\n"
    "\n"
    "examples:\n"
    "  brief index\n"
    "  brief index --corpus ~/reports --index ~/reports.idx\n";

const char help_search[] =
    "usage: brief search [OPTIONS] [QUERY...]\n"
    "\n"
    "Finds passages: every word must match (ranked by BM25); when no passage has\n"
    "them all, the best partial matches are shown and marked partial.\n"
    "\n"
    "query language (case-insensitive):\n"
    "  burden sharing        every word (stemmed: sanction = sanctions)\n"
    "  \"special measures\"    a phrase\n"
    "  trade OR investment   either;  trade NOT china, trade -china: without\n"
    "  sanction*             words that start so\n"
    "  korea NEAR sanctions  within 10 words (NEAR/5: within 5)\n"
    "  (cyber OR space) AND norms    parentheses group\n"
    "  pillar:4  agency:\"State Department\"  actor:Seoul  kind:bullet\n"
    "  section:\"Pillar 4\"  report:usrok2020     filters, like the options below\n"
    "The field's vocabulary is built in: ROK = South Korea = Republic of Korea,\n"
    "DPRK = North Korea, U.S. = US = United States, acronyms the reports define\n"
    "(SMA, NSP, CPTPP, ...), burdensharing = burden-sharing = burden sharing.\n"
    "\n"
    "filters (repeatable; OR within one, AND across):\n"
    "  -p, --pillar N       pillar 1-6, or 'none'\n"
    "  -a, --agency NAME    an agency by name or alias (its units too)\n"
    "      --actor NAME     a generic actor: Washington, Seoul, ...\n"
    "  -k, --kind KIND      paragraph, headline, bullet, recommendation, caption,\n"
    "                       figure, sidebar, timeline, pullquote, summary, foreword,\n"
    "                       list-item, heading\n"
    "  -s, --section TEXT   words of the section path\n"
    "  -r, --report ID      one report of the corpus\n"
    "\n"
    "output:\n"
    "      --facets         counts by pillar, agency, actor, kind over all matches\n"
    "      --sort ORDER     relevance (default) or report (reading order)\n"
    "  -f, --format FMT     text (default), json, jsonl, markdown;  --json\n"
    "  -n, --limit N        results to show (default 10)\n"
    "      --offset N       skip the first N results\n"
    "      --snippet N      snippet length in characters (0: whole passage)\n"
    "      --color WHEN     auto (default: on a terminal, unless NO_COLOR), always, never\n"
    "      --explain        print the query as Xapian runs it, on stderr\n"
    "  -i, --index DIR      the index to search\n"
    "\n"
    "exit status: 0 found, 1 nothing found, 2 an error (as grep)\n"
    "\n"
    "examples:\n"
    "  brief search burden sharing\n"
    "  brief search --pillar 4 --agency \"State Department\" --facets\n"
    "  brief search --kind recommendation --sort report cyber\n"
    "  brief search '\"special measures agreement\"' --format markdown -n 3\n";

const char help_show[] =
    "usage: brief show [--context 0|1] [--format text|json|jsonl] ID...\n"
    "\n"
    "Prints passages in full, with section path, pillar, agencies, actors,\n"
    "footnotes, and the passages before and after them.  An id may leave out the\n"
    "report (rec-p4.1.2) when only one report has it.\n"
    "\n"
    "examples:\n"
    "  brief show rec-p4.1.1\n"
    "  brief show --json usrok2020:rec-p1.1\n";

const char help_quote[] =
    "usage: brief quote [--style markdown|plain|chicago] ID...\n"
    "\n"
    "Prints the exact text of passages with a full citation (authors, title,\n"
    "publisher, date, section), ready to paste into a brief.\n"
    "\n"
    "examples:\n"
    "  brief quote rec-p4.1.1\n"
    "  brief quote --style chicago rec-p2.1 rec-p2.1.1\n";

const char help_passages[] =
    "usage: brief passages [--format text|json|jsonl]\n"
    "\n"
    "Lists every passage of the index in report order: id, kind, section path,\n"
    "pillar, agencies, actors, footnotes and clean text.\n"
    "\n"
    "examples:\n"
    "  brief passages --format jsonl | grep '\"kind\":\"bullet\"'\n";

const char help_verify[] =
    "usage: brief verify [--index DIR] \"TEXT\"\n"
    "\n"
    "Checks a quotation against the reports, ignoring only white space, quote\n"
    "style and line-break hyphenation.  Says where it stands, or shows the nearest\n"
    "passage and exactly where the quotation departs from it.\n"
    "\n"
    "exit status: 0 the quotation is exact, 1 it is not, 2 an error\n"
    "\n"
    "examples:\n"
    "  brief verify \"South Korea today covers approximately 40 percent of the cost\"\n";

const char help_help[] =
    "usage: brief help [SUBCOMMAND]\n";

void print_command_help(const command *c)
{
    if (c)
        fputs(c->usage, stdout);
}
