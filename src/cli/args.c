#include "args.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const option_spec *find_long(const option_spec *specs, const char *name,
                                    size_t len)
{
    for (const option_spec *s = specs; s->name; s++)
        if (strlen(s->name) == len && strncmp(s->name, name, len) == 0)
            return s;
    return NULL;
}

static const option_spec *find_short(const option_spec *specs, char c)
{
    for (const option_spec *s = specs; s->name; s++)
        if (s->short_name && s->short_name == c)
            return s;
    return NULL;
}

/* Adds an option; out of memory, frees all parsed so far and fails. */
static bool push(parsed_args *out, int id, const char *value)
{
    parsed_option *o = realloc(out->options, (size_t)(out->option_count + 1) * sizeof *o);
    if (!o) {
        args_free(out);
        return false;
    }
    o[out->option_count++] = (parsed_option){id, value};
    out->options = o;
    return true;
}

bool args_parse(const char *command, int argc, char **argv,
                const option_spec *specs, parsed_args *out)
{
    memset(out, 0, sizeof *out);
    bool options_done = false;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (!options_done && strcmp(arg, "--") == 0) {
            options_done = true;
            continue;
        }
        if (!options_done && strncmp(arg, "--", 2) == 0) {
            const char *name = arg + 2;
            const char *eq = strchr(name, '=');
            size_t len = eq ? (size_t)(eq - name) : strlen(name);
            const option_spec *s = find_long(specs, name, len);
            if (!s) {
                fprintf(stderr, "brief %s: unknown option '--%.*s' (brief %s --help)\n",
                        command, (int)len, name, command);
                args_free(out);
                return false;
            }
            const char *value = NULL;
            if (s->takes_value) {
                if (eq)
                    value = eq + 1;
                else if (i + 1 < argc)
                    value = argv[++i];
                else {
                    fprintf(stderr, "brief %s: '--%s' needs a value\n", command, s->name);
                    args_free(out);
                    return false;
                }
            } else if (eq) {
                fprintf(stderr, "brief %s: '--%s' takes no value\n", command, s->name);
                args_free(out);
                return false;
            }
            if (!push(out, s->id, value))
                return false;
            continue;
        }
        /* "-n 5", or "-n5" with a number: a known short option; anything
         * else is a word ("-sanctions" excludes sanctions: it is not
         * "-s anctions"). */
        const option_spec *s = !options_done && arg[0] == '-' && arg[1]
                                   ? find_short(specs, arg[1]) : NULL;
        bool attached_number = arg[1] && arg[2] >= '0' && arg[2] <= '9';
        if (s && (arg[2] == '\0' || (s->takes_value && attached_number))) {
            const char *value = NULL;
            if (s->takes_value) {
                if (arg[2])
                    value = arg + 2;
                else if (i + 1 < argc)
                    value = argv[++i];
                else {
                    fprintf(stderr, "brief %s: '-%c' needs a value\n", command,
                            s->short_name);
                    args_free(out);
                    return false;
                }
            }
            if (!push(out, s->id, value))
                return false;
            continue;
        }
        /* "-l" or "-l3": a short option brief does not have, not the query
         * words "-l" and "3" (the word "-x" excludes x; "-- -l" searches
         * for it). */
        bool short_form = arg[1] && ((unsigned char)arg[1] < 0x80) &&
                          isalpha((unsigned char)arg[1]) &&
                          (arg[2] == '\0' || attached_number);
        if (!options_done && arg[0] == '-' && short_form) {
            fprintf(stderr, "brief %s: unknown option '-%c' (brief %s --help)\n",
                    command, arg[1], command);
            args_free(out);
            return false;
        }
        if (!string_list_add(&out->words, arg)) {
            args_free(out);
            return false;
        }
    }
    return true;
}

void args_free(parsed_args *a)
{
    free(a->options);
    string_list_free(&a->words);
    memset(a, 0, sizeof *a);
}

bool args_number(const char *command, const char *option, const char *value,
                 long min, long max, long *out)
{
    char *end;
    errno = 0;
    long n = strtol(value, &end, 10);
    if (!*value || *end || errno || n < min || n > max) {
        fprintf(stderr, "brief %s: %s must be a whole number from %ld to %ld, not '%s'\n",
                command, option, min, max, value);
        return false;
    }
    *out = n;
    return true;
}
