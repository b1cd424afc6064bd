/* stance trend's outputs: the table as TSV or JSON, and the HTML chart. */
#ifndef STANCE_TREND_OUTPUT_H
#define STANCE_TREND_OUTPUT_H

#include <stdio.h>

#include "corpus/labels.h"
#include "trend/period.h"
#include "trend/trend.h"

/* Everything a reader of the table needs to know, besides its rows. */
typedef struct trend_table {
    st_period_unit unit;
    int per_lang, per_source;   /* the group columns, in that order */
    const st_labels *labels;    /* predicted labels counted per row */
    const st_trend_row *rows;
    size_t nrows;
    long min_articles;          /* rows with fewer are marked "few" */
    int replicates;
    double level;
    unsigned long seed;
    size_t articles;            /* in the table */
    size_t undated, unparseable, too_coarse;  /* left out, and why */
    size_t outside;             /* outside --from/--until */
} trend_table;

/* An annotation on the chart: a day and what happened. */
typedef struct trend_event {
    long day;                   /* days since 1970-01-01 */
    char *label;
} trend_event;

/* Reads an events file: lines of DATE<TAB>LABEL, blank lines and '#'
 * comments skipped; a bad line fails with path and line number. */
int trend_read_events(const char *path, trend_event **events, size_t *n,
                      st_error *err);
void trend_free_events(trend_event *events, size_t n);

/* "few" below min_articles, "empty" without articles, else "". */
const char *trend_row_note(const trend_table *t, const st_trend_row *row);

/* The group name's column `column` (0 or 1) into buf. */
const char *trend_group_column(const char *group, int column, char *buf,
                               size_t size);

/* Each returns 0, or -1 when writing failed. */
int trend_write_tsv(FILE *out, const trend_table *t);
int trend_write_json(FILE *out, const trend_table *t);
int trend_write_html(FILE *out, const trend_table *t, const trend_event *events,
                     size_t nevents, const char *title);

#endif
