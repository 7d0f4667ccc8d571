/* Fuzzes reading an edition: report_read_edition on arbitrary bytes, then
 * what the indexer does with the passages (gazetteer tags, acronyms).
 * Whatever the bytes, it returns a report or an error, never crashes or
 * leaks, and every passage it makes is clean text. */
#include "fuzz_common.h"

#include "corpus.h"
#include "gazetteer.h"
#include "report.h"
#include "vocabulary.h"

#ifndef BRIEF_SOURCE_DIR
#error "BRIEF_SOURCE_DIR must name the source tree"
#endif

static gazetteer edition_gazetteer;
static int edition_ready;

static void fuzz_edition_init(void)
{
    if (edition_ready)
        return;
    edition_ready = 1;
    const char *path = BRIEF_SOURCE_DIR "/tests/data/mini/agencies.tsv";
    FILE *f = fopen(path, "rb");
    char text[16384];
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f)
        fclose(f);
    text[n] = '\0';
    char *error = NULL;
    if (!gazetteer_parse(text, path, &edition_gazetteer, &error)) {
        fprintf(stderr, "fuzz_edition: %s\n", error ? error : "no gazetteer");
        abort();
    }
}

static int fuzz_edition_one(const uint8_t *data, size_t size)
{
    fuzz_edition_init();
    char *text = fuzz_string(data, size);
    report r;
    char *error = NULL;
    if (report_read_edition("fuzz/report.md", text, size, &r, &error)) {
        FUZZ_CHECK(error == NULL);
        FUZZ_CHECK(r.id && r.title && r.count > 0);
        for (size_t i = 0; i < r.count; i++) {
            passage *p = &r.passages[i];
            FUZZ_CHECK(p->id && p->text && p->report);
            FUZZ_CHECK(fuzz_utf8_ok(p->text));
            FUZZ_CHECK(strchr(p->text, '\n') == NULL);
            FUZZ_CHECK(report_find(&r, p->id) != NULL);
            FUZZ_CHECK(gazetteer_tag(&edition_gazetteer, p));
        }
        vocabulary v = VOCABULARY_INIT;
        FUZZ_CHECK(vocabulary_find_acronyms(&v, &r));
        vocabulary_free(&v);
        report_free(&r);
    } else {
        /* One line naming the file. */
        fuzz_check_error_line(error, "fuzz/report.md");
    }
    free(error);
    free(text);
    return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_edition_one(data, size);
}
#endif
