/*
 * A cross-lingual space: cross-language latent semantic indexing
 * (Dumais, Letsche, Littman and Landauer 1997) learnt from line-aligned
 * translations (corpus/parallel_text.h).
 *
 * Each aligned line is one joint document, the sentence in every language
 * at once, weighed like any document (the model's n-gram settings; IDF over
 * the joint documents).  Their matrix X (sentences x hash buckets) has the
 * truncated SVD X ~ U S V^T; the k columns of V are directions of n-gram
 * space along which translations of one another load together, so that a
 * document's projection V^T x says much the same about a Russian sentence
 * as about its English, Arabic or Hindi translation.
 *
 * Training appends weight * V^T x to every record's sparse vector as k
 * extra features.  A cue the SVM learns on those features from the labels
 * of one language also fires on a translation of it in another, including
 * a language without any labelled record.
 *
 * The projection is linear, so the trained machine's weights u on the k
 * extra features fold back into its n-gram weights: w.x + u.(weight V^T x)
 * = (w + weight V u).x.  The model file therefore keeps its format and
 * prediction costs exactly what it cost without the space.
 *
 * With n sentences (a few thousand) and 2^20 buckets, the SVD comes from
 * the n x n Gram matrix X X^T = U S^2 U^T: OpenBLAS's dsyrk for the
 * buckets most documents share (a dense block), sparse products for the
 * rest, LAPACK's dsyevr for the top k eigenpairs, and V = X^T U S^-1.
 */
#ifndef STANCE_SPACE_H
#define STANCE_SPACE_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "corpus/parallel_text.h"
#include "features/config.h"
#include "features/extract.h"

#define ST_SPACE_MAX_DIMS 1024
/* The shipped models' settings, the best measured (models/README.md,
 * "Cross-lingual space"): k = 128 or weight 1 barely moves languages without
 * labels, weight 5 costs the labelled ones. */
#define ST_SPACE_DEFAULT_DIMS 600
#define ST_SPACE_DEFAULT_WEIGHT 3.0

typedef struct st_space {
    int dims;              /* k */
    int hash_bits;         /* of the features it was learnt on */
    double weight;         /* scale of the appended features */
    double power;          /* of the per-dimension scales (st_space_scale_dims) */
    double *singular;      /* k singular values of X, descending */
    /* V, kept only for buckets in at least two joint documents (a bucket
     * of one sentence says nothing about translation): row_of[bucket] is
     * its row of v, or -1. */
    int32_t *row_of;       /* 2^hash_bits */
    float *v;              /* rows x dims, row-major */
    size_t rows;
    size_t sentences, languages;
    size_t languages_removed;  /* directions st_space_remove_languages took out */
} st_space;

/* The space of rows x[0..n) (weighted sparse vectors over 2^hash_bits
 * buckets): the top dims singular directions.  dims must be below n.  A
 * direction whose singular value is zero (X of lower rank) gets zero
 * weights. */
int st_space_decompose(st_space *sp, const st_sparse *x, size_t n,
                       int hash_bits, int dims, st_error *err);

/* The space of the joint documents of p, each weighed with cfg's
 * settings and IDF learnt over them. */
int st_space_learn(st_space *sp, const st_parallel *p,
                   const st_feature_config *cfg, int dims, double weight,
                   st_error *err);

/* The second method, an aligned space (train/space_aligned.c): each
 * language's sentences, weighed alone, are mapped by ridge regression onto
 * the lines' target coordinates, V_L = X_L^T (X_L X_L^T + r I)^-1 T, and a
 * bucket several languages hold gets the mean of their maps. */
typedef enum st_space_target {
    ST_SPACE_TARGET_JOINT,    /* the joint documents' LSI coordinates */
    ST_SPACE_TARGET_ENGLISH   /* English's own: English as the pivot */
} st_space_target;

#define ST_SPACE_DEFAULT_RIDGE 1.0

typedef struct st_space_aligned_options {
    int dims;
    double weight;
    double ridge;      /* r, in units of the sentences' mean squared length */
    st_space_target target;
} st_space_aligned_options;

int st_space_learn_aligned(st_space *sp, const st_parallel *p,
                           const st_feature_config *cfg,
                           const st_space_aligned_options *o, st_error *err);

/* Weighs the space's dimension j by (s_j / s_1)^power, the scales
 * normalised to a root mean square of 1 so that power changes how the
 * weight is shared out, not its total: power > 0 favours the directions
 * most sentences share, power < 0 the narrower ones; 0 leaves V as it is.
 * Scaling V's columns scales the projection and the fold alike. */
void st_space_scale_dims(st_space *sp, double power);

/* Projects out of the space the directions of the languages' mean
 * sentences (train/space_languages.c): the span of the mean projections
 * of each language's lines of p, each weighed with cfg's settings and IDF
 * over that language's lines.  What a text says about its language, as
 * opposed to its content, then weighs nothing in the space, so a language
 * without labels cannot lean to a label through the space for being
 * itself (its own n-grams and the bias still can).  The map is
 * linear and applied to V, so projecting and folding are unchanged.
 * Fails when p has as many languages as the space has dimensions. */
int st_space_remove_languages(st_space *sp, const st_parallel *p,
                              const st_feature_config *cfg, st_error *err);

/* z[0..dims) = weight * V^T x for a weighted vector x. */
void st_space_project(const st_space *sp, const st_sparse *x, double *z);

/* w[bucket] += weight * (V u)[bucket] for every bucket: a machine's
 * weights u on the appended features, folded into its n-gram weights. */
void st_space_fold(const st_space *sp, const float *u, float *w);

void st_space_free(st_space *sp);

#endif
