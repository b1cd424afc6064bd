/*
 * What the trainer fits at one grid point on one training set.
 *
 * Plain: one-vs-one over the classes, a machine per pair (i, j) trained on
 * the records of i and j (libsvm's own multi-class C-SVC, or one LIBLINEAR
 * machine per pair).
 *
 * With a background class (stance train --background neutral): the
 * background's records are trained on but never predicted.  libsvm's
 * one-vs-one scheme would simply ignore them (the warming-vs-cooling
 * machine sees warming and cooling records only), so instead each
 * predicted class c gets a one-vs-rest machine f_c, c against every other
 * record background included, and the decision of pair (i, j) is
 * f_i - f_j.  The background teaches f_c what merely mentions Russia and
 * the United States without signalling a direction, which pushes topic
 * words out of the weights.  Because f_i - f_j is again one linear
 * function (or one kernel expansion), the model file and the predictor
 * are the same as for a plain model.
 */
#ifndef STANCE_CLASSIFIER_H
#define STANCE_CLASSIFIER_H

#include "train/linear_fit.h"
#include "train/svm_fit.h"

/* Who fits the machines.  LIBLINEAR trains linear machines from the
 * vectors themselves; libsvm needs the n x n kernel matrix but also fits
 * RBF machines. */
typedef enum st_solver { ST_SOLVER_LIBLINEAR = 0, ST_SOLVER_LIBSVM = 1 } st_solver;

/* What a fit trains on and scores: libsvm reads kernel rows (K) and
 * exports from the weighted vectors x; LIBLINEAR needs only its rows. */
typedef struct st_fit_data {
    const st_kernel_rows *K;      /* libsvm only */
    const st_linear_rows *rows;   /* LIBLINEAR only */
    const st_sparse *x;           /* libsvm only: the records' weighted vectors */
} st_fit_data;

typedef struct st_classifier_params {
    st_solver solver;
    st_loss loss;            /* LIBLINEAR only; libsvm's is the hinge */
    st_svm_params svm;       /* nclasses, class_weight: the plain fit */
    int background;          /* class number of the background, or -1 */
    /* With a background: weights of c's positives and negatives in f_c. */
    double one_vs_rest_weight[ST_MAX_CLASSES][2];
} st_classifier_params;

typedef struct st_classifier {
    st_solver solver;
    st_svm_fit fit[ST_MAX_CLASSES];  /* libsvm */
    st_linear_fit *lin;      /* LIBLINEAR: one per pair, or per class with
                                a background */
    int nfit;                /* fits trained */
    int nclasses;            /* predicted classes */
    int one_vs_rest;         /* fit[c] is f_c; else fit[0] is libsvm's own */
} st_classifier;

/* Number of classes the model predicts. */
static inline int st_predicted_classes(const st_classifier_params *p)
{
    return p->background >= 0 ? p->svm.nclasses - 1 : p->svm.nclasses;
}

/* Trains on records train[0..l) of class y[record]; y covers every record
 * of data. */
int st_classifier_train(st_classifier *c, const st_fit_data *data,
                        const size_t *train, size_t l, const int *y,
                        const st_classifier_params *p, st_error *err);
/* Decision values of record i, one per pair of predicted classes. */
void st_classifier_decisions(const st_classifier *c, const st_fit_data *data,
                             size_t i, double *dec);
/* Fills m's SVM part (m->labels.n predicted classes, m->npairs, m->kernel
 * and m->rho set up by the caller); x are the records' weighted vectors;
 * space and lexicon are the cross-lingual space and lexicon the rows
 * were built with (LIBLINEAR only), or NULL. */
int st_classifier_export(const st_classifier *c, const st_sparse *x,
                         const st_space *space, const st_lexicon *lexicon,
                         st_model *m, st_error *err);
void st_classifier_free(st_classifier *c);

#endif
