/* Error messages: one line, owned by the caller.  Functions that can fail
 * take `char **error` last and, on failure, store a malloc()ed message
 * there (when error is not NULL) and return false. */
#ifndef BRIEF_ERROR_H
#define BRIEF_ERROR_H

#include <stdbool.h>

/* Stores a formatted message in *error (if error is not NULL and *error is
 * not already set) and returns false, so callers can `return error_set(..)`. */
bool error_set(char **error, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Like error_set, for a message handed over by another layer: takes
 * ownership of message (frees it), prefixing it with prefix when given. */
bool error_take(char **error, const char *prefix, char *message);

#endif
