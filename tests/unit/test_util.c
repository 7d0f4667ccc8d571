/* The small pieces of src/util every part leans on: growing arrays and
 * name tables. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "array.h"
#include "list.h"

/* Every element written stays as written while the array doubles, the
 * capacity is never below the count, and it starts at the size asked. */
static void test_array_grows_and_keeps_elements(void **state)
{
    (void)state;
    long *items = NULL;
    size_t count = 0, cap = 0;
    for (long i = 0; i < 10000; i++) {
        assert_true(array_make_room(&items, &cap, count, sizeof *items, 4));
        assert_true(cap > count);
        if (i == 0)
            assert_int_equal(cap, 4);
        items[count++] = i * 7;
    }
    for (size_t i = 0; i < count; i++)
        assert_int_equal(items[i], (long)i * 7);
    assert_int_equal(cap, 16384);   /* 4 doubled twelve times */
    free(items);
}

/* With room left nothing moves; a size that would overflow fails and
 * leaves the array as it was. */
static void test_array_room_left_and_overflow(void **state)
{
    (void)state;
    char *items = malloc(8);
    assert_non_null(items);
    char *before = items;
    size_t cap = 8;
    assert_true(array_make_room(&items, &cap, 3, 1, 4));
    assert_ptr_equal(items, before);
    assert_int_equal(cap, 8);
    size_t huge = SIZE_MAX / 2 + 1;
    assert_false(array_make_room(&items, &huge, huge, 4, 4));
    assert_ptr_equal(items, before);
    assert_int_equal(huge, SIZE_MAX / 2 + 1);
    free(items);
}

static void test_name_table_find(void **state)
{
    (void)state;
    static const char *const names[] = {"pillar", NULL, "Agency", "kind"};
    assert_int_equal(name_table_find(names, 4, "pillar"), 0);
    assert_int_equal(name_table_find(names, 4, "AGENCY"), 2);
    assert_int_equal(name_table_find(names, 4, "kind"), 3);
    assert_int_equal(name_table_find(names, 3, "kind"), -1);   /* count bounds it */
    assert_int_equal(name_table_find(names, 4, ""), -1);
    assert_int_equal(name_table_find(names, 4, "pillars"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_array_grows_and_keeps_elements),
        cmocka_unit_test(test_array_room_left_and_overflow),
        cmocka_unit_test(test_name_table_find),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
