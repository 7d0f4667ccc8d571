/* A passage id as typed or pasted: the id of a pandoc citation
 * ([@key, sec. rec‑p4.1.1]) has non-breaking hyphens (U+2011), which
 * brief quote --style pandoc writes so that citeproc does not take the
 * locator for a range; pasted back, they are the id's hyphens. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

char *cli_passage_id(const char *typed)
{
    char *id = strdup(typed);
    if (!id)
        return NULL;
    char *out = id;
    for (const char *p = typed; *p;) {
        /* U+2010 hyphen and U+2011 non-breaking hyphen: E2 80 90/91. */
        if ((unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
            ((unsigned char)p[2] == 0x90 || (unsigned char)p[2] == 0x91)) {
            *out++ = '-';
            p += 3;
        } else {
            *out++ = *p++;
        }
    }
    *out = '\0';
    return id;
}
