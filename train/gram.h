/*
 * The linear Gram matrix G[i][j] = x_i . x_j of a set of sparse vectors.
 *
 * Grid search trains one SVM per (grid point, fold); handing libsvm the
 * precomputed kernel means each dot product is computed once per fold
 * instead of once per training run.  Each row is computed by scattering
 * x_i into a dense bucket array and gathering every x_j against it, which
 * costs one multiply-add per stored value and no index comparisons.
 *
 * OpenBLAS is not used here on purpose: the vectors have ~10^3 non-zeros
 * in 2^18-2^20 dimensions, so a dense GEMM would do ~10^3 times the work.
 */
#ifndef STANCE_GRAM_H
#define STANCE_GRAM_H

#include <stddef.h>

#include "features/extract.h"

/* G is n x n, row-major.  Returns 0 or -1 (out of memory). */
int st_gram_linear(const st_sparse *x, size_t n, int hash_bits, double *G,
                   st_error *err);

#endif
