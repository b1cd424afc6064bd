/*
 * Inverse document frequency over hash buckets.
 *
 * idf(b) = ln((1 + N) / (1 + df(b))) + 1, scikit-learn's smoothed form:
 * a bucket seen in every document still weighs 1, and one never seen in
 * training weighs the most, which keeps unseen n-grams in the L2 norm of a
 * new document instead of silently ignoring them.
 */
#ifndef STANCE_IDF_H
#define STANCE_IDF_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "features/extract.h"

typedef struct st_df_counter {
    int hash_bits;
    uint64_t ndocs;
    uint32_t *df;  /* 2^hash_bits */
} st_df_counter;

int st_df_init(st_df_counter *c, int hash_bits, st_error *err);
/* Adds one document given by its n-gram counts (st_extract_counts). */
void st_df_add(st_df_counter *c, const st_sparse *counts);
/* Adds every document counted by other (of the same hash_bits), e.g.
 * unlabelled documents counted once beside each training set's own. */
void st_df_add_counter(st_df_counter *c, const st_df_counter *other);
/* Allocates and returns the 2^hash_bits idf weights. */
float *st_df_to_idf(const st_df_counter *c, st_error *err);
void st_df_free(st_df_counter *c);

#endif
