/* A growable, always NUL-terminated byte string. */
#ifndef BRIEF_STRBUF_H
#define BRIEF_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct strbuf {
    char *data;     /* NUL-terminated; NULL until the first append */
    size_t len;
    size_t cap;
    bool failed;    /* an allocation failed: every later append is a no-op */
} strbuf;

#define STRBUF_INIT {NULL, 0, 0, false}

void strbuf_append(strbuf *sb, const char *bytes, size_t len);
void strbuf_puts(strbuf *sb, const char *s);
void strbuf_putc(strbuf *sb, char c);
void strbuf_printf(strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(strbuf *sb, const char *fmt, va_list ap);
void strbuf_truncate(strbuf *sb, size_t len);
/* The contents ("" when empty; never NULL unless an allocation failed). */
const char *strbuf_str(strbuf *sb);
/* Hands the string to the caller (who frees it) and resets the buffer.
 * Returns NULL if any allocation failed. */
char *strbuf_detach(strbuf *sb);
void strbuf_free(strbuf *sb);

/* A malloc()ed copy of s[0..len) without its leading and trailing white
 * space; NULL when out of memory. */
char *str_dup_trimmed(const char *s, size_t len);

#endif
