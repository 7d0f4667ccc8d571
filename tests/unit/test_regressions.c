/* Replays the fuzz harnesses' inputs without libFuzzer: every seed
 * (tests/fuzz/seeds/HARNESS/) and every input that once crashed, leaked or
 * broke a property (tests/fuzz/regressions/HARNESS/, named for what it
 * found), and checks that it replayed every one of them (a folder moved
 * or misnamed is a failure, not zero inputs).  The harnesses' own checks
 * abort on a failure; the ASan + UBSan build (scripts/test.sh) also
 * catches what memory errors they would have hit. */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_NO_MAIN
#include "../fuzz/fuzz_edition.c"
#include "../fuzz/fuzz_normalize.c"
#include "../fuzz/fuzz_query.c"
#include "../fuzz/fuzz_stub.c"
#include "../fuzz/fuzz_tables.c"
#include "../fuzz/fuzz_ingest.c"
#include "../fuzz/fuzz_quotes.c"

#define FUZZ_DIR BRIEF_SOURCE_DIR "/tests/fuzz"

/* In the ASan build: a leak inside Xapian 1.4's QueryParser itself (see
 * tests/fuzz/xapian.supp) is not this program's.  Unused without ASan. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:Xapian::QueryParser::Internal::parse_query\n";
}

typedef int (*harness_fn)(const uint8_t *data, size_t size);

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs fn on every file of dir (sorted, so a failure names the same file
 * each time); returns how many. */
static size_t replay_dir(const char *dir, harness_fn fn)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    char **names = NULL;
    size_t count = 0;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        if (ent->d_name[0] == '.')
            continue;
        char **more = realloc(names, (count + 1) * sizeof *names);
        assert_non_null(more);
        names = more;
        names[count] = strdup(ent->d_name);
        assert_non_null(names[count]);
        count++;
    }
    closedir(d);
    if (count)
        qsort(names, count, sizeof *names, compare_names);
    for (size_t i = 0; i < count; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "rb");
        if (!f)
            fail_msg("cannot open %s", path);
        fseek(f, 0, SEEK_END);
        long len = ftell(f);
        fseek(f, 0, SEEK_SET);
        uint8_t *data = malloc(len > 0 ? (size_t)len : 1);
        assert_non_null(data);
        size_t got = len > 0 ? fread(data, 1, (size_t)len, f) : 0;
        fclose(f);
        assert_int_equal(got, (size_t)(len > 0 ? len : 0));
        print_message("replay %s\n", path);
        fn(data, got);
        free(data);
        free(names[i]);
    }
    free(names);
    return count;
}

/* Inputs replayed by the harness tests, and the harnesses replayed: the
 * last test checks them against what tests/fuzz holds. */
static size_t replayed;
static const char *harnesses_replayed[16];
static size_t harness_count;

static void replay(const char *harness, harness_fn fn)
{
    char seeds[512], regressions[512];
    snprintf(seeds, sizeof seeds, "%s/seeds/%s", FUZZ_DIR, harness);
    snprintf(regressions, sizeof regressions, "%s/regressions/%s", FUZZ_DIR, harness);
    size_t n = replay_dir(seeds, fn);
    assert_true(n > 0); /* the seeds are there */
    n += replay_dir(regressions, fn);
    print_message("%s: %zu inputs replayed\n", harness, n);
    replayed += n;
    assert_true(harness_count < sizeof harnesses_replayed / sizeof *harnesses_replayed);
    harnesses_replayed[harness_count++] = harness;
}

/* Files in each folder of dir; every folder must be a harness replayed. */
static size_t count_inputs(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        if (ent->d_name[0] == '.')
            continue;
        bool known = false;
        for (size_t i = 0; i < harness_count; i++)
            known |= strcmp(harnesses_replayed[i], ent->d_name) == 0;
        if (!known)
            fail_msg("%s/%s: inputs of a harness this test does not replay", dir,
                     ent->d_name);
        char sub[4096];
        snprintf(sub, sizeof sub, "%s/%s", dir, ent->d_name);
        DIR *inputs = opendir(sub);
        assert_non_null(inputs);
        struct dirent *in;
        while ((in = readdir(inputs)) != NULL)
            n += in->d_name[0] != '.';
        closedir(inputs);
    }
    closedir(d);
    return n;
}

/* Last: every input under tests/fuzz was replayed, none skipped. */
static void test_replayed_every_input(void **state)
{
    (void)state;
    assert_true(harness_count > 0);
    size_t inputs = count_inputs(FUZZ_DIR "/seeds") + count_inputs(FUZZ_DIR "/regressions");
    assert_true(inputs > 0);
    assert_int_equal(replayed, inputs);
}

static void test_edition(void **state)
{
    (void)state;
    replay("edition", fuzz_edition_one);
    gazetteer_free(&edition_gazetteer);
    edition_ready = 0;
}

static void test_normalize(void **state)
{
    (void)state;
    replay("normalize", fuzz_normalize_one);
}

static void test_ingest(void **state)
{
    (void)state;
    replay("ingest", fuzz_ingest_one);
}

static void test_query(void **state)
{
    (void)state;
    replay("query", fuzz_query_one);
    fuzz_query_cleanup();
}

static void test_stub(void **state)
{
    (void)state;
    replay("stub", fuzz_stub_one);
    fuzz_stub_cleanup();
}

static void test_tables(void **state)
{
    (void)state;
    replay("tables", fuzz_tables_one);
}

static void test_quotes(void **state)
{
    (void)state;
    replay("quotes", fuzz_quotes_one);
}

/* What the regressions found, said plainly as well. */
static void test_fold_invisible_in_space_run(void **state)
{
    (void)state;
    /* NBSP, zero-width space, soft hyphen, space: one space. */
    const char *s = "a\xc2\xa0\xe2\x80\x8b\xc2\xad b";
    char *folded = text_fold(s, strlen(s), 0);
    assert_non_null(folded);
    assert_string_equal(folded, "a b");
    free(folded);
}

static void test_section_id_used_twice(void **state)
{
    (void)state;
    const char *text = "---\nid: x\ntitle: T\n---\n\n"
                       "<!-- brief: id=same -->\n# One\n\nText.\n\n"
                       "<!-- brief: id=same -->\n# Two\n\nMore.\n";
    report r;
    char *error = NULL;
    assert_false(report_read_edition("twice.md", text, strlen(text), &r, &error));
    assert_non_null(error);
    assert_non_null(strstr(error, "twice.md:12: section id 'same' is used twice"));
    free(error); /* and nothing leaks: the ASan build checks */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edition),
        cmocka_unit_test(test_normalize),
        cmocka_unit_test(test_query),
        cmocka_unit_test(test_stub),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_ingest),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_replayed_every_input),
        cmocka_unit_test(test_fold_invisible_in_space_run),
        cmocka_unit_test(test_section_id_used_twice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
