/*
 * LIBLINEAR glue: binary linear SVMs trained on the records' sparse
 * vectors by dual coordinate descent (Hsieh et al. 2008), in time and
 * memory that grow with the number of non-zeros, not with n^2 as the
 * precomputed Gram matrix of libsvm does (svm_fit.h).
 *
 * A fit is f(x) = w.x + b, positive for the positive class; the bias is a
 * constant feature of value 1, regularised like the others (LIBLINEAR's
 * and scikit-learn's LinearSVC's convention).
 *
 * LIBLINEAR's dual solvers shuffle with the C library's rand(); every
 * training call reseeds it first, and rand() keeps one state per thread
 * (thread_rand.h), so fits run in parallel and a model depends on its
 * inputs only, never on how threads interleave.
 */
#ifndef STANCE_LINEAR_FIT_H
#define STANCE_LINEAR_FIT_H

#include <stddef.h>

#include "common/error.h"
#include "features/config.h"
#include "features/extract.h"
#include "train/lexicon.h"
#include "train/space.h"

struct feature_node;

typedef enum st_loss {
    ST_LOSS_HINGE = 0,          /* L1-loss SVM, libsvm's C-SVC */
    ST_LOSS_SQUARED_HINGE = 1,  /* L2-loss SVM, LinearSVC's default */
    ST_LOSS_LOGISTIC = 2        /* L2-regularised logistic regression */
} st_loss;

/* "hinge", "squared-hinge" or "logistic": the --loss names, also those a
 * model's cross-validation summary records. */
const char *st_loss_name(st_loss loss);

/* The loss named name; -1 when there is none of that name. */
int st_loss_parse(const char *name, st_loss *loss);

/* The records' weighted vectors in LIBLINEAR's format (16 bytes a
 * non-zero), bias feature appended: the only copy of the corpus training
 * holds beside its counts. */
typedef struct st_linear_rows {
    struct feature_node **row;
    struct feature_node *pool;
    size_t n;
    int dim;                    /* 2^hash_bits buckets, then as many
                                   lexicon concepts when there is a
                                   lexicon, then the space's dims: bucket t
                                   is index t + 1, concept e index
                                   2^hash_bits + e + 1, space dimension j
                                   index 2^hash_bits (x 2) + j + 1 */
} st_linear_rows;

/* Rows of n records from their n-gram counts (st_extract_counts), each
 * weighted as st_weigh does with cfg and idf (NULL: none), followed by
 * the concepts lexicon maps it onto (NULL: none; train/lexicon.h) and by
 * its projection into space (NULL: none; train/space.h). */
int st_linear_rows_build(st_linear_rows *r, const st_sparse *counts, size_t n,
                         const st_feature_config *cfg, const float *idf,
                         const st_space *space, const st_lexicon *lexicon,
                         st_error *err);
void st_linear_rows_free(st_linear_rows *r);

typedef struct st_linear_fit {
    float *w;                   /* dim weights */
    double bias;
    int dim;
} st_linear_fit;

typedef struct st_linear_params {
    double C;
    double weight[2];           /* multipliers of C: negatives, positives */
    st_loss loss;
} st_linear_params;

/* Trains on records train[0..l) of rows; positive[record] is 1 for the
 * positive class, 0 for the negative one.  Both classes must occur. */
int st_linear_train(st_linear_fit *fit, const st_linear_rows *rows,
                    const size_t *train, size_t l, const int *positive,
                    const st_linear_params *p, st_error *err);

/* f(x) = w.x + b for row i of rows. */
double st_linear_row_decision(const st_linear_fit *fit,
                              const st_linear_rows *rows, size_t i);

void st_linear_fit_free(st_linear_fit *fit);

/* Silences LIBLINEAR's progress output (it prints to stdout by default). */
void st_linear_quiet(void);

#endif
