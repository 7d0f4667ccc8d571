/* The report model against the ground truth judged by reading
 * (tests/data/recommendations.tsv): the 61 recommendations, their pillars,
 * and the agencies and actors each names.  Precision and recall must be 1.0
 * for every pillar and every agency. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "file.h"

#define TRUTH BRIEF_SOURCE_DIR "/tests/data/recommendations.tsv"

typedef struct truth_row {
    char *id;
    int pillar;
    string_list agencies;
    string_list actors;
} truth_row;

typedef struct fixture {
    corpus corpus;
    truth_row rows[128];
    size_t count;
} fixture;

static void split_bars(char *field, string_list *out)
{
    for (char *v = field; v && *v;) {
        char *bar = strchr(v, '|');
        if (bar)
            *bar = '\0';
        if (*v)
            string_list_add(out, v);
        v = bar ? bar + 1 : NULL;
    }
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    char *error = NULL, *text = NULL;
    if (!corpus_load(BRIEF_SOURCE_DIR "/corpus", &f->corpus, &error) ||
        !file_read_all(TRUTH, 1 << 20, &text, NULL, &error)) {
        fprintf(stderr, "%s\n", error);
        return -1;
    }
    bool header = true;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#')
            continue;
        if (header) { /* id, first_words, pillar, agencies, actors */
            header = false;
            continue;
        }
        char *cols[5] = {0};
        int n = 0;
        for (char *p = line; n < 5; n++) {
            cols[n] = p;
            char *tab = strchr(p, '\t');
            if (!tab) {
                n++;
                break;
            }
            *tab = '\0';
            p = tab + 1;
        }
        truth_row *r = &f->rows[f->count++];
        r->id = strdup(cols[0]);
        r->pillar = atoi(cols[2]);
        split_bars(n > 3 ? cols[3] : NULL, &r->agencies);
        split_bars(n > 4 ? cols[4] : NULL, &r->actors);
    }
    free(text);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    for (size_t i = 0; i < f->count; i++) {
        free(f->rows[i].id);
        string_list_free(&f->rows[i].agencies);
        string_list_free(&f->rows[i].actors);
    }
    corpus_free(&f->corpus);
    free(f);
    return 0;
}

static void test_the_61_recommendations(void **state)
{
    fixture *f = *state;
    assert_int_equal(f->count, 61);
    const report *r = &f->corpus.reports[0];
    size_t found = 0, headlines[7] = {0}, bullets[7] = {0};
    for (size_t i = 0; i < r->count; i++) {
        const passage *p = &r->passages[i];
        if (!passage_kind_is_recommendation(p->kind))
            continue;
        found++;
        (p->kind == PASSAGE_HEADLINE ? headlines : bullets)[p->pillar]++;
        bool listed = false;
        for (size_t j = 0; j < f->count; j++)
            listed |= strcmp(f->rows[j].id, p->id) == 0;
        if (!listed)
            fail_msg("%s is a recommendation the ground truth lacks", p->id);
    }
    assert_int_equal(found, 61);
    const size_t want_h[7] = {0, 5, 4, 3, 4, 3, 3}, want_b[7] = {0, 12, 8, 4, 7, 5, 3};
    for (int p = 0; p <= 6; p++) {
        assert_int_equal(headlines[p], want_h[p]);
        assert_int_equal(bullets[p], want_b[p]);
    }
}

/* Precision and recall of one tag, over the 61 recommendations. */
typedef struct score {
    size_t true_pos, false_pos, false_neg;
} score;

static void count(score *s, bool tagged, bool truth)
{
    s->true_pos += tagged && truth;
    s->false_pos += tagged && !truth;
    s->false_neg += !tagged && truth;
}

static void test_pillars_exact(void **state)
{
    fixture *f = *state;
    const report *r = &f->corpus.reports[0];
    for (int pillar = 1; pillar <= 6; pillar++) {
        score s = {0};
        for (size_t j = 0; j < f->count; j++) {
            const passage *p = report_find(r, f->rows[j].id);
            assert_non_null(p);
            count(&s, p->pillar == pillar, f->rows[j].pillar == pillar);
        }
        if (s.false_pos || s.false_neg)
            fail_msg("pillar %d: %zu false positives, %zu false negatives", pillar,
                     s.false_pos, s.false_neg);
        assert_true(s.true_pos > 0);
    }
}

static void check_tags(fixture *f, bool agencies)
{
    const report *r = &f->corpus.reports[0];
    string_list names = STRING_LIST_INIT;
    for (size_t j = 0; j < f->count; j++) {
        const string_list *t = agencies ? &f->rows[j].agencies : &f->rows[j].actors;
        const passage *p = report_find(r, f->rows[j].id);
        const string_list *g = agencies ? &p->agencies : &p->actors;
        for (size_t k = 0; k < t->count; k++)
            string_list_add_unique(&names, t->items[k]);
        for (size_t k = 0; k < g->count; k++)
            string_list_add_unique(&names, g->items[k]);
    }
    size_t failures = 0;
    for (size_t n = 0; n < names.count; n++) {
        score s = {0};
        for (size_t j = 0; j < f->count; j++) {
            const string_list *t = agencies ? &f->rows[j].agencies : &f->rows[j].actors;
            const passage *p = report_find(r, f->rows[j].id);
            const string_list *g = agencies ? &p->agencies : &p->actors;
            bool tagged = string_list_contains(g, names.items[n]);
            bool truth = string_list_contains(t, names.items[n]);
            count(&s, tagged, truth);
            if (tagged != truth)
                fprintf(stderr, "%s: %s '%s' %s\n", f->rows[j].id,
                        agencies ? "agency" : "actor", names.items[n],
                        tagged ? "tagged but not named" : "named but not tagged");
        }
        failures += s.false_pos + s.false_neg;
    }
    printf("%s: %zu distinct names over %zu recommendations, %zu disagreements\n",
           agencies ? "agencies" : "actors", names.count, f->count, failures);
    string_list_free(&names);
    assert_int_equal(failures, 0);
}

static void test_agencies_exact(void **state) { check_tags(*state, true); }
static void test_actors_exact(void **state) { check_tags(*state, false); }

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_61_recommendations),
        cmocka_unit_test(test_pillars_exact),
        cmocka_unit_test(test_agencies_exact),
        cmocka_unit_test(test_actors_exact),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
