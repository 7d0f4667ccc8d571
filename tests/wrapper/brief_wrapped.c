/* brief under BRIEF_TEST_WRAPPER (tests/CMakeLists.txt; scripts/valgrind.sh
 * sets it to a valgrind runner): runs `WRAPPER BRIEF ARGS...`.
 *
 * exec keeps the process id, so a test that kills brief by its pid
 * (test_atomic) kills what runs it.  A program, not a shell script: the tests
 * take BRIEF for the real binary (test_bad_input indexes its first bytes as
 * binary data).  BRIEF is BRIEF_PROGRAM (tests/brief-wrapped, the end-to-end
 * tests' BRIEF) or, without it, brief.real beside this program (the brief
 * that `cmake --install` puts in bin/ in such a build: test_install). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    (void)argc;
#ifdef BRIEF_PROGRAM
    const char *program = BRIEF_PROGRAM;
#else
    static const char real[] = "brief.real";
    char program[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", program, sizeof program - sizeof real);
    char *slash = n > 0 ? memchr(program, '/', (size_t)n) : NULL;
    if (!slash) {
        fprintf(stderr, "brief: cannot read /proc/self/exe: %s\n", strerror(errno));
        return 2;
    }
    program[n] = '\0';
    slash = strrchr(program, '/');
    memcpy(slash + 1, real, sizeof real);
#endif
    char **args = calloc((size_t)argc + 2, sizeof *args);
    if (!args) {
        fprintf(stderr, "brief: out of memory\n");
        return 2;
    }
    args[0] = (char *)BRIEF_TEST_WRAPPER;
    args[1] = (char *)program;
    for (int i = 1; i < argc; i++)
        args[i + 1] = argv[i];
    execv(BRIEF_TEST_WRAPPER, args);
    fprintf(stderr, "brief: cannot run %s: %s\n", BRIEF_TEST_WRAPPER, strerror(errno));
    return 2;
}
