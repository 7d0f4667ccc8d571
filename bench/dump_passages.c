/* dump_passages: the passages brief indexes, as text the other engines of
 * the benchmark read: id TAB report TAB kind TAB text, one a line (tabs and
 * line breaks in the text become spaces).  Reads the corpus one report at a
 * time, as brief index does.
 *
 *   dump_passages CORPUS_DIR > passages.tsv */
#include <stdio.h>
#include <stdlib.h>

#include "corpus.h"
#include "report.h"

static void put_clean(const char *s, FILE *out)
{
    for (; *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: dump_passages CORPUS_DIR\n");
        return 2;
    }
    corpus c;
    char *error = NULL;
    if (!corpus_open(argv[1], &c, &error)) {
        fprintf(stderr, "dump_passages: %s\n", error);
        free(error);
        return 2;
    }
    int status = 0;
    for (size_t i = 0; i < c.editions.count && !status; i++) {
        report r;
        if (!corpus_read_report(&c, i, &r, &error)) {
            fprintf(stderr, "dump_passages: %s\n", error);
            free(error);
            status = 2;
            break;
        }
        for (size_t j = 0; j < r.count; j++) {
            const passage *p = &r.passages[j];
            fprintf(stdout, "%s\t%s\t%s\t", p->id, p->report, passage_kind_name(p->kind));
            put_clean(p->text, stdout);
            fputc('\n', stdout);
        }
        report_free(&r);
    }
    corpus_free(&c);
    return status;
}
