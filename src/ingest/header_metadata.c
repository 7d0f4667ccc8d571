/* A report's metadata from its running header, the line the PDF printed on
 * every page (the text and PDF readers both find it): "SERIES | MONTH
 * YEAR" gives the series and the date, several words without a bar the
 * title. */
#include "draft.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static const char *const MONTHS[] = {"january", "february", "march", "april",
                                     "may", "june", "july", "august",
                                     "september", "october", "november",
                                     "december"};

/* "November 2020", "NOVEMBER 2020", "November 12, 2020" -> "2020-11". */
static char *parse_date(const char *s, size_t len)
{
    char word[16];
    size_t w = 0;
    while (w < len && w < sizeof word - 1 && isalpha((unsigned char)s[w])) {
        word[w] = (char)tolower((unsigned char)s[w]);
        w++;
    }
    word[w] = '\0';
    int month = 0;
    for (int m = 0; m < 12; m++)
        if (w >= 3 && strcmp(word, MONTHS[m]) == 0)
            month = m + 1;
    if (!month)
        return NULL;
    size_t i = w;
    while (i < len && (s[i] == ' ' || s[i] == ',' || isdigit((unsigned char)s[i]))) {
        if (i + 4 <= len && isdigit((unsigned char)s[i]) &&
            isdigit((unsigned char)s[i + 1]) && isdigit((unsigned char)s[i + 2]) &&
            isdigit((unsigned char)s[i + 3]) && (i + 4 == len || !isdigit((unsigned char)s[i + 4]))) {
            for (size_t k = i + 4; k < len; k++)
                if (!isspace((unsigned char)s[k]))
                    return NULL;
            char *out = malloc(8);
            if (out) {
                memcpy(out, s + i, 4);
                out[4] = '-';
                out[5] = (char)('0' + month / 10);
                out[6] = (char)('0' + month % 10);
                out[7] = '\0';
            }
            return out;
        }
        i++;
    }
    return NULL;
}

size_t ingest_count_words(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (!isspace((unsigned char)s[i]) && (i == 0 || isspace((unsigned char)s[i - 1])))
            n++;
    return n;
}

/* A running header "SERIES | MONTH YEAR" gives the series and the date; a
 * running header of several words without a bar gives the title.  Nothing
 * is guessed from the body. */
void ingest_metadata_from_header(draft *d, const char *s, size_t len)
{
    const char *bar = memchr(s, '|', len);
    if (!bar) {
        if (!d->title && ingest_count_words(s, len) >= 3)
            d->title = str_dup_trimmed(s, len);
        return;
    }
    const char *p = s, *end = s + len;
    while (p < end) {
        const char *stop = memchr(p, '|', (size_t)(end - p));
        if (!stop)
            stop = end;
        char *part = str_dup_trimmed(p, (size_t)(stop - p));
        char *date = part ? parse_date(part, strlen(part)) : NULL;
        if (date && !d->date)
            d->date = date;
        else
            free(date);
        if (part && !date && *part && !d->series)
            d->series = part;
        else
            free(part);
        p = stop + 1;
    }
}
