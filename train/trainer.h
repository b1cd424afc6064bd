/*
 * The trainer: cross-validated grid search over libsvm C-SVC, Platt
 * calibration from the cross-validated decision values, and a final model
 * refitted on all records with the winning parameters.
 *
 * Every fold learns its own IDF from its training part.  With libsvm, per
 * (repeat, fold) the linear Gram matrix is computed once and shared by
 * every grid point (precomputed kernel); the RBF kernel is derived from
 * it.  With LIBLINEAR, each (repeat, fold) job weighs its vectors and
 * fits every grid point from them, so memory grows with the corpus's
 * non-zeros, not with n^2.
 * Results depend on the seed only, never on the thread count.
 */
#ifndef STANCE_TRAINER_H
#define STANCE_TRAINER_H

#include <stdint.h>

#include "features/idf.h"
#include "svm/metrics.h"
#include "svm/model.h"
#include "train/classifier.h"
#include "train/dataset.h"
#include "train/lexicon.h"
#include "train/space.h"

#define ST_MAX_GRID 64

typedef struct st_train_progress {
    const char *phase;    /* "features", "cross-validation", "final model" */
    size_t done, total;   /* within the phase */
    double elapsed;       /* seconds since training started */
} st_train_progress;

typedef struct st_train_options {
    st_solver solver;                 /* LIBLINEAR (linear kernel only) or libsvm */
    st_loss loss;                     /* LIBLINEAR's loss */
    st_kernel kernel;
    double c_grid[ST_MAX_GRID];
    int nc;
    double gamma_grid[ST_MAX_GRID];  /* RBF only */
    int ngamma;
    int folds;                        /* >= 2 */
    int repeats;                      /* CV repeated with seeds seed, seed+1, ... */
    uint64_t seed;
    int threads;
    int balanced;                     /* weight classes by inverse frequency */
    double class_weight[ST_MAX_CLASSES]; /* extra multipliers, 0 = none */
    int background;                   /* class trained on, never predicted
                                         (the last one), or -1: see
                                         train/classifier.h */
    void (*progress)(void *ctx, const st_train_progress *p);
    void *progress_ctx;
    const char *info;                 /* stored in the model (how it was built) */
    /* A cross-lingual space whose projection is appended to every record
     * (train/space.h), learnt with the same feature settings; NULL: none.
     * LIBLINEAR only. */
    const st_space *space;
    /* A lexicon mapping every record's words onto English words
     * (train/lexicon.h), learnt with the same feature settings; NULL:
     * none.  LIBLINEAR only; may be used with a space. */
    const st_lexicon *lexicon;
    /* Unlabelled documents counted in the IDF beside the training records
     * of every fit, cross-validation's included (train/transfer.h,
     * use_idf), with the same feature settings; NULL: none. */
    const st_df_counter *idf_documents;
} st_train_options;

void st_train_options_default(st_train_options *o);

typedef struct st_grid_point {
    double C, gamma;
    double macro_f1, accuracy;        /* mean over repeats */
} st_grid_point;

typedef struct st_lang_scores {
    char lang[16];
    st_confusion confusion;           /* pooled over repeats */
    st_scores scores;
} st_lang_scores;

/* What training measured.  Its arrays are sized by the grid, the labels
 * and the languages met; st_train_report_free releases them. */
typedef struct st_train_report {
    int ngrid, best;
    st_grid_point *grid;              /* C-major, then gamma */
    st_confusion confusion;           /* best point, pooled over repeats */
    st_scores scores;
    int nlang;
    st_lang_scores *lang;             /* in order of first appearance */
    double class_weight[ST_MAX_CLASSES]; /* with a background: of c in f_c */
    double seconds;
} st_train_report;

/* Trains on d.  rep is overwritten (not freed first) and is to be freed
 * with st_train_report_free after success or failure alike. */
int st_train(const st_dataset *d, const st_feature_config *features,
             const st_train_options *o, st_model **out, st_train_report *rep,
             st_error *err);

void st_train_report_free(st_train_report *rep);

/* Bytes st_train(d, features, o) will allocate at its peak beyond the
 * dataset itself, estimated from the dataset's size and non-zeros, so that
 * a caller can refuse a corpus too large for memory before training starts
 * instead of being killed halfway.  LIBLINEAR: the rows of every
 * concurrent fold job (16 bytes a non-zero) and their per-machine weights,
 * plus the out-of-fold decision values; libsvm: every fold's n x n Gram
 * matrix and the kernel rows of the concurrent jobs. */
size_t st_train_memory_estimate(const st_dataset *d,
                                const st_feature_config *features,
                                const st_train_options *o);

#endif
