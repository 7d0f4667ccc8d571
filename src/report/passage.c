#include "passage.h"

#include <stdlib.h>
#include <strings.h>

static const char *const kind_names[PASSAGE_KIND_COUNT] = {
    [PASSAGE_PARAGRAPH] = "paragraph", [PASSAGE_FOREWORD] = "foreword",
    [PASSAGE_SUMMARY] = "summary",     [PASSAGE_HEADLINE] = "headline",
    [PASSAGE_BULLET] = "bullet",       [PASSAGE_CAPTION] = "caption",
    [PASSAGE_FIGURE] = "figure",       [PASSAGE_SIDEBAR] = "sidebar",
    [PASSAGE_TIMELINE] = "timeline",   [PASSAGE_PULLQUOTE] = "pullquote",
    [PASSAGE_LIST_ITEM] = "list-item", [PASSAGE_HEADING] = "heading",
};

const char *passage_kind_name(passage_kind kind)
{
    return kind < PASSAGE_KIND_COUNT ? kind_names[kind] : "unknown";
}

bool passage_kind_parse(const char *name, passage_kind *out)
{
    int k = name_table_find(kind_names, PASSAGE_KIND_COUNT, name);
    if (k < 0)
        return false;
    *out = (passage_kind)k;
    return true;
}

bool pillar_parse(const char *text, int *out)
{
    if (strcasecmp(text, "none") == 0) {
        *out = 0;
        return true;
    }
    if (text[0] < '1' || text[0] > '0' + PILLAR_MAX || text[1])
        return false;
    *out = text[0] - '0';
    return true;
}

double passage_kind_prior(passage_kind kind)
{
    switch (kind) {
    case PASSAGE_HEADLINE:
    case PASSAGE_BULLET:
        return 1.0;
    case PASSAGE_PARAGRAPH:
    case PASSAGE_SUMMARY:
        return 0.6;
    case PASSAGE_LIST_ITEM:
    case PASSAGE_HEADING:
        return 0.4;
    case PASSAGE_FOREWORD:
    case PASSAGE_SIDEBAR:
    case PASSAGE_TIMELINE:
        return 0.3;
    case PASSAGE_CAPTION:
    case PASSAGE_FIGURE:
        return 0.2;
    default:
        return 0.0;
    }
}

bool passage_kind_is_recommendation(passage_kind kind)
{
    return kind == PASSAGE_HEADLINE || kind == PASSAGE_BULLET;
}

void passage_free(passage *p)
{
    if (!p)
        return;
    free(p->id);
    free(p->report);
    string_list_free(&p->section);
    free(p->footnotes);
    free(p->title);
    free(p->text);
    string_list_free(&p->agencies);
    string_list_free(&p->actors);
    string_list_free(&p->organizations);
}
