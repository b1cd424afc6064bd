/*
 * The warming index over time: articles grouped by period (and by any
 * grouping the caller names, such as language or source), with a
 * bootstrap interval per group, in memory bounded by the number of
 * groups rather than the number of articles.
 *
 * The index of a group is the mean over its articles of
 * p(warming) - p(cooling): +1 when every article is surely warming, -1
 * when every one is surely cooling, near 0 when they balance or are
 * neutral.  Means of probabilities, unlike shares of hard labels, do not
 * jump when an article moves across a decision boundary, and they count
 * an unsure article for little.
 *
 * The interval is a percentile bootstrap computed as the articles stream
 * by (the "Poisson bootstrap": Hanley and MacGibbon 2006; Chamandy et al.
 * 2012).  Instead of resampling n articles with replacement after the
 * fact, each article enters each of B replicates with a Poisson(1) weight
 * drawn as it arrives, which approximates the multinomial resampling and
 * needs only B running sums per group.  The weights come from a counter-
 * based generator keyed by the seed and the article's ordinal, so the
 * result does not depend on threads or timing, only on the input order.
 */
#ifndef STANCE_TREND_H
#define STANCE_TREND_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

typedef struct st_trend st_trend;

/* The most rows st_trend_rows makes (groups x periods, empty ones
 * included): about 640 MB. */
#define ST_TREND_MAX_ROWS 10000000

typedef struct st_trend_options {
    int replicates;     /* bootstrap replicates B; 0: no interval */
    double level;       /* interval coverage, e.g. 0.95 */
    uint64_t seed;
    int nlabels;        /* predicted labels counted per group */
} st_trend_options;

st_trend *st_trend_new(const st_trend_options *options, st_error *err);
void st_trend_free(st_trend *t);

/* Adds one article: the group it belongs to (any string; "" for one
 * group), its period, its index value in [-1, 1], its predicted label in
 * [0, nlabels) and its ordinal in the input (0, 1, 2, ... which keys its
 * bootstrap weights).  Returns 0, or -1 when out of memory. */
int st_trend_add(st_trend *t, const char *group, long period, double value,
                 int label, uint64_t ordinal, st_error *err);

/* Bytes each (group, period) cell takes, for the memory estimate. */
size_t st_trend_cell_bytes(const st_trend_options *options);

typedef struct st_trend_row {
    const char *group;
    long period;
    size_t articles;        /* 0: a period with no articles */
    const size_t *per_label;/* nlabels counts; NULL when articles is 0 */
    double index;           /* NaN when articles is 0 */
    double low, high;       /* the interval; NaN without one */
} st_trend_row;

/* The table, computed once all articles are added: for every group (in
 * byte order of their names) one row per period from the earliest period
 * of any group to the latest, empty periods included, so that series of
 * different groups line up.  Rows stay valid until st_trend_free.
 * Returns the number of rows, or -1 when out of memory or when the table
 * would exceed ST_TREND_MAX_ROWS. */
long st_trend_rows(st_trend *t, const st_trend_row **rows, st_error *err);

#endif
