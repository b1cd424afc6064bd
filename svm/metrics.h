/*
 * Classification metrics from a confusion matrix: accuracy, per-class
 * precision, recall, F1 and support, macro and support-weighted averages.
 * A class never predicted has precision 0 (and F1 0), as scikit-learn's
 * zero_division=0, rather than a division by zero.
 */
#ifndef STANCE_METRICS_H
#define STANCE_METRICS_H

#include <stddef.h>

#include "common/error.h"

/* Counts of (truth, predicted) over k labels, k x k, allocated for k. */
typedef struct st_confusion {
    int k;
    size_t *count;        /* [truth * k + predicted] */
} st_confusion;

typedef struct st_class_scores {
    double precision, recall, f1;
    size_t support;
    size_t predicted;    /* times the label was predicted */
} st_class_scores;

typedef struct st_scores {
    int k;
    size_t total;
    double accuracy;
    st_class_scores *cls; /* k of them */
    /* Macro averages are over the labels that occur, in the truth or in
     * the predictions (nmacro of the k): a label a model knows but that
     * neither occurs nor is predicted would only add a meaningless 0 (or
     * perfect) score; scikit-learn does the same. */
    st_class_scores macro, weighted;
    int nmacro;
} st_scores;

/* An empty k x k matrix; -1 with err when out of memory.  A zeroed
 * st_confusion is empty too (and safe to free). */
int st_confusion_init(st_confusion *c, int k, st_error *err);
void st_confusion_add(st_confusion *c, int truth, int predicted);
size_t st_confusion_at(const st_confusion *c, int truth, int predicted);
void st_confusion_free(st_confusion *c);

/* Scores of c into s (zeroed, or computed before), whose per-label array
 * it allocates (st_scores_free);
 * -1 with err when out of memory. */
int st_scores_compute(const st_confusion *c, st_scores *s, st_error *err);
void st_scores_free(st_scores *s);

#endif
