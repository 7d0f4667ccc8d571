/* Fuzzes the index-open path: the bytes are an index folder's `current`
 * (and a stub file named with --index), read by stub_read.  Whatever they
 * say, a stub is refused with one line naming the file and line, or it
 * gives shards brief may open: for a folder's `current`, glass databases
 * inside the folder only; for a named stub, glass anywhere and remotes of
 * a checked HOST:PORT.  "remote :PROGRAM" is never accepted.  A folder's
 * shards are then opened (glass only: no stub text reaches Xapian). */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700   /* realpath, mkdtemp, symlink */
#endif
#include "fuzz_common.h"

#include <sys/stat.h>
#include <unistd.h>

#include "stub.h"

static char stub_dir[64];
static char stub_path[96];
static char stub_real_dir[4096];

static void fuzz_stub_cleanup(void)
{
    if (!stub_dir[0])
        return;
    char sub[128];
    snprintf(sub, sizeof sub, "%s/outside", stub_dir);
    unlink(sub);
    snprintf(sub, sizeof sub, "%s/gen-1/meta", stub_dir);
    rmdir(sub);
    snprintf(sub, sizeof sub, "%s/gen-1", stub_dir);
    rmdir(sub);
    unlink(stub_path);
    rmdir(stub_dir);
    stub_dir[0] = '\0';
}

static void fuzz_stub_init(void)
{
    if (stub_dir[0])
        return;
    snprintf(stub_dir, sizeof stub_dir, "/tmp/brief-fuzz-stub-XXXXXX");
    if (!mkdtemp(stub_dir) || !realpath(stub_dir, stub_real_dir))
        abort();
    snprintf(stub_path, sizeof stub_path, "%s/current", stub_dir);
    char sub[128];
    snprintf(sub, sizeof sub, "%s/gen-1", stub_dir);
    mkdir(sub, 0777);
    snprintf(sub, sizeof sub, "%s/gen-1/meta", stub_dir);
    mkdir(sub, 0777);
    snprintf(sub, sizeof sub, "%s/outside", stub_dir);
    if (symlink("/tmp", sub) != 0)   /* a link out of the folder */
        abort();
    atexit(fuzz_stub_cleanup);
}

static void check_stub(const index_stub *stub, bool named)
{
    FUZZ_CHECK(stub->count > 0 && stub->count <= STUB_MAX_SHARDS);
    for (size_t i = 0; i < stub->count; i++) {
        const stub_shard *s = &stub->shards[i];
        FUZZ_CHECK((s->path == NULL) != (s->host == NULL));
        if (s->host) {
            FUZZ_CHECK(named);
            FUZZ_CHECK(*s->host && s->host[0] != ':');
            FUZZ_CHECK(strspn(s->host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                       "0123456789.-_[]:") == strlen(s->host));
            FUZZ_CHECK(s->port >= 1 && s->port <= 65535);
        } else if (!named) {
            char *real = realpath(s->path, NULL);
            FUZZ_CHECK(real != NULL);
            size_t n = strlen(stub_real_dir);
            FUZZ_CHECK(strncmp(real, stub_real_dir, n) == 0 && real[n] == '/');
            free(real);
        }
    }
}

static int fuzz_stub_one(const uint8_t *data, size_t size)
{
    fuzz_stub_init();
    FILE *f = fopen(stub_path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    for (int named = 0; named < 2; named++) {
        index_stub stub;
        char *error = NULL;
        if (stub_read(stub_path, named, &stub, &error)) {
            FUZZ_CHECK(error == NULL);
            check_stub(&stub, named);
            if (!named) {
                xc_database *db = NULL;
                if (stub_open(&stub, stub_path, &db, &error))
                    xc_database_free(db);
                else
                    FUZZ_CHECK(error && !strchr(error, '\n'));
            }
            stub_free(&stub);
        } else {
            fuzz_check_error_line(error, stub_path);
        }
        free(error);
    }
    return 0;
}

#ifndef FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_stub_one(data, size);
}
#endif
