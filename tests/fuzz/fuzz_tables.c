/* Fuzzes the corpus's tables: agencies.tsv (gazetteer_parse) and
 * synonyms.tsv (vocabulary_parse), as the bytes.  Each gives a table or one
 * error line naming the file; a vocabulary's groups are non-empty, and
 * each variant's group is found again by vocabulary_find. */
#include "fuzz_common.h"

#include "gazetteer.h"
#include "vocabulary.h"

static int fuzz_tables_one(const uint8_t *data, size_t size)
{
    char *text = fuzz_string(data, size);
    char *error = NULL;
    gazetteer g;
    if (gazetteer_parse(text, "fuzz/agencies.tsv", &g, &error)) {
        FUZZ_CHECK(error == NULL);
        gazetteer_free(&g);
    } else {
        fuzz_check_error_line(error, "fuzz/agencies.tsv");
    }
    free(error);
    error = NULL;

    vocabulary v;
    if (vocabulary_parse(text, "fuzz/synonyms.tsv", &v, &error)) {
        FUZZ_CHECK(error == NULL);
        for (size_t i = 0; i < v.count; i++) {
            FUZZ_CHECK(v.groups[i].count > 0);
            for (size_t j = 0; j < v.groups[i].count; j++) {
                char *key = vocabulary_key(v.groups[i].items[j]);
                if (key)   /* (NULL: not UTF-8, never found) */
                    FUZZ_CHECK(vocabulary_find(&v, v.groups[i].items[j]) != NULL);
                free(key);
            }
        }
        vocabulary_free(&v);
    } else {
        fuzz_check_error_line(error, "fuzz/synonyms.tsv");
    }
    free(error);
    free(text);
    return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_tables_one(data, size);
}
#endif
