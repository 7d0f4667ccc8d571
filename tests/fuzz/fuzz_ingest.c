/* Fuzzes taking a report as received: ingest_derive_edition on arbitrary
 * bytes (read as text, or as HTML when they start like a page).  Whatever
 * the bytes, it returns an edition or a one-line error naming the file,
 * never crashes or leaks; and every edition it writes is one brief reads
 * back (front matter, directives and escaping right). */
#include "fuzz_common.h"

#include "ingest.h"
#include "report.h"

static int fuzz_ingest_one(const uint8_t *data, size_t size)
{
    char *bytes = fuzz_string(data, size);
    char *edition = NULL, *error = NULL;
    if (ingest_derive_edition("fuzz/received.txt", bytes, size, "fuzz", &edition,
                              &error)) {
        FUZZ_CHECK(error == NULL && edition != NULL);
        report r;
        char *read_error = NULL;
        bool read = report_read_edition("fuzz/report.md", edition, strlen(edition), &r,
                                        &read_error);
        /* an edition of nothing but headings has no passage: the one error
         * reading it back may give */
        FUZZ_CHECK(read || (read_error && strstr(read_error, "no passages")));
        if (read) {
            FUZZ_CHECK(r.count > 0);
            for (size_t i = 0; i < r.count; i++)
                FUZZ_CHECK(fuzz_utf8_ok(r.passages[i].text));
            report_free(&r);
        }
        free(read_error);
    } else {
        FUZZ_CHECK(error != NULL);
        FUZZ_CHECK(strncmp(error, "fuzz/received.txt", 17) == 0);
        FUZZ_CHECK(strchr(error, '\n') == NULL);
    }
    free(edition);
    free(error);
    free(bytes);
    return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_ingest_one(data, size);
}
#endif
