/*
 * Faster scoring for linear models: a bucket's idf and its weight in every
 * pair side by side in memory.
 *
 * Scoring a document touches, for each of its few thousand distinct
 * buckets, the bucket's idf (to weigh it) and its weight in each pair's row
 * (to score it).  In the model those are separate arrays of 2^bits floats,
 * megabytes apart, so every bucket costs a cache miss per array: four for
 * a three-label model.  The table interleaves them, (idf, w_0 ... w_p-1)
 * per bucket, so that one miss brings them all.  The decision values are
 * bit for bit those of st_weigh followed by st_model_decisions: the same
 * products, summed in the same order.  It costs a second copy of the
 * weights, (npairs + 1) * 4 bytes a bucket: 16 MB for three labels at 2^20.
 */
#ifndef STANCE_LINEAR_TABLE_H
#define STANCE_LINEAR_TABLE_H

#include <stddef.h>

#include "common/error.h"
#include "svm/model.h"

typedef struct st_linear_table {
    float *row;     /* 2^bits rows of `stride` floats: idf, then each pair's weight */
    size_t stride;  /* npairs + 1 */
} st_linear_table;

/* Builds the table of a linear model; fails for any other kernel. */
int st_linear_table_build(st_linear_table *t, const st_model *m, st_error *err);

/* Weighs counts (st_extract_counts' output with the model's features) in
 * place, exactly as st_weigh with the model's idf does, and writes the
 * model's npairs decision values to dec, exactly as st_model_decisions. */
void st_linear_table_decisions(const st_linear_table *t, const st_model *m,
                               st_sparse *counts, double *dec);

void st_linear_table_free(st_linear_table *t);

#endif
