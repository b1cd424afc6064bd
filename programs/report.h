/*
 * Evaluation reports, the presentation of an st_evaluation: plain text
 * (scikit-learn's classification_report layout), Markdown, JSON and a
 * self-contained HTML page with SVG charts.
 */
#ifndef STANCE_REPORT_H
#define STANCE_REPORT_H

#include <stdio.h>

#include "eval/evaluation.h"

/* Each returns 0, or -1 when writing failed. */
int st_report_text(FILE *out, const st_evaluation *e);
int st_report_markdown(FILE *out, const st_evaluation *e);
int st_report_json(FILE *out, const st_evaluation *e);
/* Where an HTML report came from, shown at its top; members may be NULL. */
typedef struct st_report_provenance {
    const char *model;      /* path */
    const char *trained_on; /* e.g. "6065 records, fingerprint c900..." */
    const char *inputs;     /* the evaluated files, joined */
    const char *command;    /* the command line */
    const char *date;       /* when, ISO 8601 */
} st_report_provenance;

int st_report_html(FILE *out, const st_evaluation *e, const char *title,
                   const st_report_provenance *from);

#endif
