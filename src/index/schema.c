#include "schema.h"

#include <ctype.h>

#include "strbuf.h"

char *schema_filter_term(const char *prefix, const char *value)
{
    strbuf term = STRBUF_INIT;
    strbuf_puts(&term, prefix);
    size_t at = term.len;
    strbuf_puts(&term, value);
    if (term.failed)
        return NULL;
    for (char *p = term.data + at; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return strbuf_detach(&term);
}

static char *joined(const char *prefix, const char *value)
{
    strbuf sb = STRBUF_INIT;
    strbuf_puts(&sb, prefix);
    strbuf_puts(&sb, value);
    return strbuf_detach(&sb);
}

char *schema_id_term(const char *passage_id)
{
    return joined(PREFIX_ID, passage_id);
}

char *schema_report_key(const char *report_id)
{
    return joined(META_REPORT_PREFIX, report_id);
}

double schema_wdf_factor(uint64_t length)
{
    double normlen = (double)length / RANK_PIVOT_LENGTH;
    if (normlen < RANK_MIN_NORMLEN)
        normlen = RANK_MIN_NORMLEN;
    double factor = RANK_WDF_SCALE / (1 - RANK_B + RANK_B * normlen);
    return factor < 1 ? 1 : factor;
}
