/* Command-line arguments for one subcommand.  Options may come before or
 * after the words; a word starting with "-" that is not an option is a
 * word ("brief search trade -china" excludes china), and "--" ends the
 * options.  A short option's value follows it ("-s Pillar"), or is
 * attached when it is a number ("-n5"): "-sanctions" is a word, not
 * "-s anctions".  getopt_long would take "-china" for options, so brief
 * parses its own from a table. */
#ifndef BRIEF_ARGS_H
#define BRIEF_ARGS_H

#include <stdbool.h>

#include "list.h"

typedef struct option_spec {
    const char *name;   /* long name, without "--" */
    char short_name;    /* 0 for none */
    bool takes_value;
    int id;
} option_spec;

typedef struct parsed_option {
    int id;
    const char *value;  /* borrowed from argv; NULL for a flag */
} parsed_option;

typedef struct parsed_args {
    parsed_option *options;
    int option_count;
    string_list words;
} parsed_args;

/* Parses argv[0..argc) against specs (ended by a {NULL} entry).  On an
 * unknown --option or a missing value, prints one line naming it and
 * returns false. */
bool args_parse(const char *command, int argc, char **argv,
                const option_spec *specs, parsed_args *out);
void args_free(parsed_args *a);

/* A whole number in [min, max], or an error line naming the option. */
bool args_number(const char *command, const char *option, const char *value,
                 long min, long max, long *out);

#endif
