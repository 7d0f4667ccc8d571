/* The stub reader (index/stub.h): what an index folder's `current` and a
 * stub file named with --index may say, and the file:line of a refusal. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stub.h"

static char dir[] = "/tmp/brief-stub-XXXXXX";
static char path[64];

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    snprintf(path, sizeof path, "%s/current", dir);
    char sub[80];
    snprintf(sub, sizeof sub, "%s/gen-1", dir);
    mkdir(sub, 0777);
    strcat(sub, "/meta");
    mkdir(sub, 0777);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd);
}

static void write_stub(const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* The stub is refused, with a message ending in expected. */
static void assert_refused(const char *text, bool named, const char *expected)
{
    write_stub(text);
    index_stub stub;
    char *error = NULL;
    assert_false(stub_read(path, named, &stub, &error));
    assert_non_null(error);
    if (!strstr(error, expected))
        fail_msg("'%s': got '%s', expected '%s'", text, error, expected);
    free(error);
}

static void test_glass_inside_the_folder(void **state)
{
    (void)state;
    write_stub("# brief\n\nglass gen-1/meta\r\n");
    index_stub stub;
    char *error = NULL;
    assert_true(stub_read(path, false, &stub, &error));
    assert_int_equal(stub.count, 1);
    assert_false(stub.remote);
    assert_null(stub.shards[0].host);
    assert_non_null(strstr(stub.shards[0].path, "/gen-1/meta"));
    stub_free(&stub);
}

static void test_a_folder_stub_names_no_program_nor_remote(void **state)
{
    (void)state;
    assert_refused("remote :touch pwned\n", false, "current:1: 'remote :PROGRAM' would run");
    assert_refused("glass gen-1/meta\nremote :x\n", true, "current:2: 'remote :PROGRAM'");
    assert_refused("remote example.org:33333\n", false,
                   "current:1: a remote shard is opened only from a stub file named");
    assert_refused("glass ../x\n", false, "current:1: the shard '../x' is outside");
    assert_refused("glass gen-1/../../x\n", false, "is outside the index folder");
    assert_refused("glass /etc\n", false, "current:1: the shard '/etc' is outside");
    assert_refused("glass gen-2/meta\n", false, "current:1: shard 'gen-2/meta': No such file");
    assert_refused("auto gen-1/meta\n", false, "current:1: not a stub line");
    assert_refused("glass\n", false, "current:1: not a stub line");
    assert_refused("glass \n", false, "current:1: 'glass' needs a path");
    assert_refused("glass gen-1/\x1b[31m\n", false, "current:1: a control character");
    assert_refused("\n# nothing\n", false, "current: lists no database");
}

static void test_a_symbolic_link_out_is_refused(void **state)
{
    (void)state;
    char link[80];
    snprintf(link, sizeof link, "%s/gen-out", dir);
    assert_int_equal(symlink("/tmp", link), 0);
    assert_refused("glass gen-out\n", false, "current:1: the shard 'gen-out' leads outside");
    unlink(link);
}

static void test_a_named_stub_may_name_remotes(void **state)
{
    (void)state;
    write_stub("glass /elsewhere/meta\nremote 127.0.0.1:33333\nremote host-1.example:1\n");
    index_stub stub;
    char *error = NULL;
    assert_true(stub_read(path, true, &stub, &error));
    assert_int_equal(stub.count, 3);
    assert_true(stub.remote);
    assert_string_equal(stub.shards[0].path, "/elsewhere/meta");
    assert_string_equal(stub.shards[1].host, "127.0.0.1");
    assert_int_equal(stub.shards[1].port, 33333);
    assert_string_equal(stub.shards[2].host, "host-1.example");
    stub_free(&stub);
    assert_refused("remote host\n", true, "current:1: expected 'remote HOST:PORT'");
    assert_refused("remote host:0\n", true, "expected 'remote HOST:PORT'");
    assert_refused("remote host:65536\n", true, "expected 'remote HOST:PORT'");
    assert_refused("remote host:12x\n", true, "expected 'remote HOST:PORT'");
    assert_refused("remote a b:1\n", true, "expected 'remote HOST:PORT'");
    assert_refused("remote :/bin/sh -c x\n", true, "would run a program");
}

static void test_not_a_regular_file(void **state)
{
    (void)state;
    unlink(path);
    assert_int_equal(mkfifo(path, 0600), 0);
    index_stub stub;
    char *error = NULL;
    assert_false(stub_read(path, true, &stub, &error));
    assert_non_null(strstr(error, "current: not a regular file"));
    free(error);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glass_inside_the_folder),
        cmocka_unit_test(test_a_folder_stub_names_no_program_nor_remote),
        cmocka_unit_test(test_a_symbolic_link_out_is_refused),
        cmocka_unit_test(test_a_named_stub_may_name_remotes),
        cmocka_unit_test(test_not_a_regular_file),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
