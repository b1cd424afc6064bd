/*
 * A trained stance model: everything prediction needs, in one object.
 *
 * The SVM is libsvm's C-SVC, one-vs-one: for k classes there are
 * k(k-1)/2 decision functions ("pairs"), ordered (0,1), (0,2), ...,
 * (1,2), ... as in libsvm.  Pair p = (i, j) votes for i when its decision
 * value is positive.  A linear model keeps one dense primal weight vector
 * per pair, w = sum of alpha_s y_s x_s over the support vectors, so that
 * scoring a document costs one sparse dot product per pair, whatever the
 * number of support vectors.  An RBF model keeps its support vectors.
 *
 * Probabilities: Platt's sigmoid per pair, fitted on cross-validated
 * decision values, and for more than two classes libsvm's pairwise
 * coupling (Wu, Lin and Weng 2004, method 2).
 */
#ifndef STANCE_MODEL_H
#define STANCE_MODEL_H

#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "common/error.h"
#include "corpus/labels.h"
#include "features/config.h"
#include "features/extract.h"
#include "features/mentions.h"

typedef enum st_kernel { ST_KERNEL_LINEAR = 0, ST_KERNEL_RBF = 2 } st_kernel;

typedef struct st_model {
    st_feature_config features;
    st_labels labels;       /* class names, in class-number order */
    float *idf;             /* 2^hash_bits weights, NULL when features.idf = 0 */
    st_kernel kernel;
    double gamma;           /* RBF only: exp(-gamma |x - s|^2) */
    int npairs;             /* k(k-1)/2 */
    double *rho;            /* per pair: decision = f(x) - rho */
    double *platt_a;        /* per pair: P(i) = 1 / (1 + exp(a f + b)) */
    double *platt_b;
    float *w;               /* linear: npairs rows of 2^hash_bits */
    /* RBF only: support vectors grouped by class, and their coefficients
     * in libsvm's layout, coef[(k-1) * s + m] for SV s and m < k-1. */
    size_t nsv;
    st_sparse *sv;
    int *sv_per_class;      /* k counts */
    double *coef;
    char *info;             /* free text: how the model was built */
    /* What it was trained on (st_dataset's fingerprint), so that a rebuild
     * can tell a changed corpus from a changed recipe; 0 0 when unknown. */
    uint64_t corpus_fingerprint;
    uint64_t corpus_records;
    /* The training records' texts (st_text_hash), sorted, so that eval
     * can tell when it is scoring the model on what it learnt from;
     * none in models older than format 3. */
    uint64_t *item_hashes;
    size_t nitem_hashes;
    /* The cross-validated scores at the chosen settings, as JSON text
     * (train/trainer.c writes it; stance info reads it); NULL when
     * unknown (format 1 or 2). */
    char *cv_summary;
    /* The mention gate (features/mentions.h): the list as written, and
     * parsed; NULL in a model without one (all before format 5).  Only a
     * model with a "neutral" label carries one. */
    char *mentions_text;
    st_mentions *mentions;
    unsigned format_version; /* of the file it was loaded from; 0: built here */
} st_model;

/* 1 when the model was trained on this text, 0 when not, -1 when the
 * model does not record its training texts (format 1 or 2). */
int st_model_trained_on(const st_model *m, const char *body, size_t len);

static inline size_t st_model_buckets(const st_model *m)
{
    return (size_t)1 << m->features.hash_bits;
}

/* The pair number of classes i < j. */
int st_pair_index(int nclasses, int i, int j);

/* Decision values of x (a weighted feature vector), one per pair. */
void st_model_decisions(const st_model *m, const st_sparse *x, double *dec);

/* Class probabilities (labels.n of them) from decision values; returns
 * the most probable class. */
int st_model_probabilities(const st_model *m, const double *dec, double *prob);

/* The label under an abstention threshold (stance predict --threshold):
 * the most probable class when a direction, i.e. a label other than
 * "neutral", has probability >= threshold; otherwise the model's
 * "neutral" class, or -1 ("uncertain") when it has none. */
int st_model_label_at_threshold(const st_model *m, const double *prob,
                                double threshold);

/* How much of their probability the directions keep when the mention
 * gate finds neither country named. */
#define ST_OFF_TOPIC_SCALE 0.1

/* The class named "neutral", or -1. */
int st_model_neutral_class(const st_model *m);

/* The probabilities of a text that names neither country (the mention
 * gate): every label but neutral scaled by ST_OFF_TOPIC_SCALE, neutral
 * given the rest, so that neutral is the most probable label (it gets at
 * least 1 - ST_OFF_TOPIC_SCALE) while warming and cooling keep their
 * order for whoever compares the two.  Returns the neutral class; -1, and
 * prob unchanged, when the model has none. */
int st_model_off_topic(const st_model *m, double *prob);

/* Gives model m the mention list text[0..len) (name is for messages):
 * parsed, checked, and kept as written for the model file.  Refused for a
 * model with no "neutral" label. */
int st_model_set_mentions(st_model *m, const char *text, size_t len,
                          const char *name, st_error *err);

/* The winning class of k by one-vs-one votes over the pair decision values
 * dec (libsvm's rule, ties to the lower class): how the trainer compares
 * grid points, before any probabilities are calibrated. */
int st_pair_vote(int k, const double *dec);

void st_model_free(st_model *m);

/* File I/O (model_file.c).  Saving is atomic; loading checks magic,
 * version, sizes and checksum, and refuses anything else with a message. */
int st_model_save(const st_model *m, const char *path, st_error *err);
/* The model's bytes into an open stream (for an output opened before the
 * work that fills it); name is for messages.  Does not flush. */
int st_model_write(const st_model *m, FILE *f, const char *name, st_error *err);
st_model *st_model_load(const char *path, st_error *err);
/* The same checks on a model already in memory; name is for messages. */
st_model *st_model_parse(const void *data, size_t size, const char *name,
                         st_error *err);

#endif
