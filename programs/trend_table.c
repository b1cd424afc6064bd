/* stance trend's table, as TSV or as JSON. */
#include "trend_output.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

const char *trend_row_note(const trend_table *t, const st_trend_row *row)
{
    if (!row->articles)
        return "empty";
    return (long)row->articles < t->min_articles ? "few" : "";
}

const char *trend_group_column(const char *group, int column, char *buf,
                               size_t size)
{
    const char *tab = strchr(group, '\t');
    const char *start = column == 0 || !tab ? group : tab + 1;
    size_t len = column == 0 && tab ? (size_t)(tab - group) : strlen(start);
    if (len >= size)
        len = size - 1;
    memcpy(buf, start, len);
    buf[len] = '\0';
    return buf;
}

static void put_number(FILE *out, double v)
{
    if (!isnan(v))
        fprintf(out, "%.4f", v);
}

int trend_write_tsv(FILE *out, const trend_table *t)
{
    char label[32];
    fputs("period", out);
    if (t->per_lang)
        fputs("\tlang", out);
    if (t->per_source)
        fputs("\tsource", out);
    fputs("\tarticles", out);
    for (int c = 0; c < t->labels->n; c++)
        fprintf(out, "\tn_%s", t->labels->names[c]);
    fputs("\tindex\tlow\thigh\tnote\n", out);
    for (size_t i = 0; i < t->nrows; i++) {
        const st_trend_row *r = &t->rows[i];
        fputs(st_period_label(r->period, t->unit, label, sizeof label), out);
        if (t->per_lang || t->per_source)
            fprintf(out, "\t%s", r->group);
        fprintf(out, "\t%zu", r->articles);
        for (int c = 0; c < t->labels->n; c++)
            fprintf(out, "\t%zu", r->per_label ? r->per_label[c] : 0);
        fputc('\t', out);
        put_number(out, r->index);
        fputc('\t', out);
        put_number(out, r->low);
        fputc('\t', out);
        put_number(out, r->high);
        fprintf(out, "\t%s\n", trend_row_note(t, r));
    }
    return ferror(out) ? -1 : 0;
}

static json_t *number_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(round(v * 1e4) / 1e4);
}

static json_t *row_json(const trend_table *t, const st_trend_row *r)
{
    char buf[256];
    json_t *o = json_object(), *counts = json_object();
    json_object_set_new(o, "period", json_string(st_period_label(r->period, t->unit,
                                                                 buf, sizeof buf)));
    if (t->per_lang)
        json_object_set_new(o, "lang", json_string(trend_group_column(r->group, 0,
                                                                      buf, sizeof buf)));
    if (t->per_source)
        json_object_set_new(o, "source", json_string(trend_group_column(
                                             r->group, t->per_lang, buf, sizeof buf)));
    json_object_set_new(o, "articles", json_integer((json_int_t)r->articles));
    for (int c = 0; c < t->labels->n; c++)
        json_object_set_new(counts, t->labels->names[c],
                            json_integer(r->per_label ? (json_int_t)r->per_label[c] : 0));
    json_object_set_new(o, "predicted", counts);
    json_object_set_new(o, "index", number_or_null(r->index));
    json_object_set_new(o, "low", number_or_null(r->low));
    json_object_set_new(o, "high", number_or_null(r->high));
    json_object_set_new(o, "note", json_string(trend_row_note(t, r)));
    return o;
}

int trend_write_json(FILE *out, const trend_table *t)
{
    json_t *doc, *rows = json_array(), *per = json_array(), *labels = json_array();
    int rc;
    if (t->per_lang)
        json_array_append_new(per, json_string("lang"));
    if (t->per_source)
        json_array_append_new(per, json_string("source"));
    for (int c = 0; c < t->labels->n; c++)
        json_array_append_new(labels, json_string(t->labels->names[c]));
    for (size_t i = 0; i < t->nrows; i++)
        json_array_append_new(rows, row_json(t, &t->rows[i]));
    doc = json_pack("{s:s, s:o, s:s, s:{s:s, s:i, s:f, s:I}, s:I, s:o, s:I,"
                    " s:{s:I, s:I, s:I, s:I}, s:o}",
                    "by", st_period_unit_name(t->unit),
                    "per", per,
                    "index", "mean over articles of p(warming) - p(cooling)",
                    "interval", "method", "percentile bootstrap (Poisson weights)",
                    "replicates", t->replicates, "level", t->level,
                    "seed", (json_int_t)t->seed,
                    "min_articles", (json_int_t)t->min_articles,
                    "labels", labels,
                    "articles", (json_int_t)t->articles,
                    "left_out", "undated", (json_int_t)t->undated,
                    "unparseable", (json_int_t)t->unparseable,
                    "too_coarse", (json_int_t)t->too_coarse,
                    "outside_range", (json_int_t)t->outside,
                    "rows", rows);
    if (!doc)
        return -1;
    rc = json_dumpf(doc, out, JSON_INDENT(1) | JSON_REAL_PRECISION(6));
    fputc('\n', out);
    json_decref(doc);
    return rc < 0 || ferror(out) ? -1 : 0;
}
