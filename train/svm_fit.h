/*
 * libsvm glue: precomputed-kernel problems, training, decision values in
 * stance's pair order, and turning a trained libsvm model into the
 * weights or support vectors of an st_model.
 *
 * Training rows are handed to libsvm sorted by class, so that libsvm's
 * class order (the order of first appearance) is stance's class order and
 * its decision functions need no reordering or sign flips.
 */
#ifndef STANCE_SVM_FIT_H
#define STANCE_SVM_FIT_H

#include <stddef.h>
#include <svm.h>

#include "svm/model.h"

typedef struct st_svm_params {
    st_kernel kernel;
    double C, gamma;
    int nclasses;
    const double *class_weight;  /* nclasses multipliers of C */
} st_svm_params;

/* Kernel rows in libsvm's precomputed format for n records: row i is
 * (0: i+1) (1: K(i,0)) ... (n: K(i,n-1)) (-1).  Linear: K = G; RBF:
 * K = exp(-gamma (G_ii + G_jj - 2 G_ij)). */
typedef struct st_kernel_rows {
    struct svm_node **row;
    struct svm_node *pool;
    size_t n;
} st_kernel_rows;

int st_kernel_rows_build(st_kernel_rows *k, const double *G, size_t n,
                         st_kernel kernel, double gamma, st_error *err);
void st_kernel_rows_free(st_kernel_rows *k);

/* A trained libsvm model with the record order it was trained in. */
typedef struct st_svm_fit {
    struct svm_model *model;
    size_t *rows;   /* rows[t] = record index of libsvm's training item t */
    size_t l;
} st_svm_fit;

/* Trains on records train[0..l) with class y[record]. */
int st_svm_train(st_svm_fit *fit, const st_kernel_rows *K, const size_t *train,
                 size_t l, const int *y, const st_svm_params *p, st_error *err);
/* Decision values of record i (its kernel row), in pair order. */
void st_svm_decisions(const st_svm_fit *fit, const st_kernel_rows *K,
                      size_t i, double *dec);
void st_svm_fit_free(st_svm_fit *fit);

/* Fills m->w (linear: w = sum coef_s x_s per pair) or m->sv/coef (RBF),
 * and m->rho, from fit; x are the records' weighted vectors. */
int st_svm_export(const st_svm_fit *fit, const st_sparse *x, st_model *m,
                  st_error *err);

/* Silences libsvm's progress output (it prints to stdout by default);
 * once per process. */
void st_svm_quiet(void);

#endif
