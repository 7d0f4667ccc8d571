/* Shared by the fuzz harnesses (built with clang -fsanitize=fuzzer by
 * scripts/fuzz.sh) and by tests/unit/test_regressions.c, which includes the
 * harnesses with FUZZ_NO_MAIN defined and replays the seeds and every input
 * that once crashed (tests/fuzz/regressions/). */
#ifndef BRIEF_FUZZ_COMMON_H
#define BRIEF_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normalize.h"

/* A property that must hold: abort (a crash the fuzzer keeps) if not. */
#define FUZZ_CHECK(cond)                                                     \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "%s:%d: FUZZ_CHECK failed: %s\n", __FILE__,      \
                    __LINE__, #cond);                                        \
            abort();                                                         \
        }                                                                    \
    } while (0)

/* The input as a NUL-terminated string (it may hold NULs of its own). */
static inline char *fuzz_string(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        abort();
    if (size)
        memcpy(s, data, size);
    s[size] = '\0';
    return s;
}

static inline int fuzz_utf8_ok(const char *s)
{
    return text_utf8_valid(s, strlen(s), NULL);
}

/* No C0 control but tab and newline, no DEL. */
static inline int fuzz_no_controls(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7F)
            return 0;
    return 1;
}

/* An error is one line that starts with the file's name, without
 * control characters. */
static inline void fuzz_check_error_line(const char *error, const char *source)
{
    FUZZ_CHECK(error != NULL);
    FUZZ_CHECK(strncmp(error, source, strlen(source)) == 0);
    FUZZ_CHECK(strchr(error, '\n') == NULL && fuzz_no_controls(error));
}

#endif
