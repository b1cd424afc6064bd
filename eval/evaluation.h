/*
 * Evaluation of predictions against reference labels: the numbers behind
 * `stance eval`.  Records are added one at a time (so evaluation streams
 * like prediction does), overall and per language.
 */
#ifndef STANCE_EVALUATION_H
#define STANCE_EVALUATION_H

#include <stdio.h>

#include "svm/metrics.h"
#include "svm/model.h"

#define ST_EVAL_BINS 10
#define ST_EVAL_MISTAKES 10
#define ST_EVAL_UNKNOWN 64   /* distinct unknown labels named */

typedef struct st_eval_group {
    char name[16];        /* language code, or "all" */
    st_confusion confusion;
    st_scores scores;
    double logloss_sum;
} st_eval_group;

typedef struct st_mistake {
    char id[128];
    char lang[16];
    int truth, predicted;
    double confidence;    /* probability of the predicted label */
} st_mistake;

/* A reference label the model does not know, and how often it occurs. */
typedef struct st_unknown_label {
    char *name;
    size_t count;
} st_unknown_label;

/* Its arrays grow with the languages and unknown labels met;
 * st_evaluation_free releases them. */
typedef struct st_evaluation {
    st_labels labels;     /* the model's */
    st_eval_group all;
    int ngroups;
    st_eval_group *lang;  /* in order of first appearance */
    /* Reliability: records binned by the probability of the predicted
     * label; accuracy per bin against mean confidence. */
    size_t bin_count[ST_EVAL_BINS], bin_correct[ST_EVAL_BINS];
    double bin_confidence[ST_EVAL_BINS];
    /* Reference labels the model does not know: counted, not scored. */
    int nunknown;
    st_unknown_label *unknown;
    size_t unknown_other;  /* records with labels beyond the first
                              ST_EVAL_UNKNOWN distinct ones */
    size_t unlabelled;
    int nmistakes;         /* most confident mistakes, most confident first */
    st_mistake mistakes[ST_EVAL_MISTAKES];
    /* Records the model was trained on (st_model_trained_on), of those
     * checked; training_known is 0 when the model does not say. */
    size_t in_training, training_checked;
    int training_known;
    int cv_folds;         /* > 0: records scored by K cross-validation models */
    /* Scored records that named neither country, so that the mention gate
     * made them neutral, and how many of those the reference labels with
     * a direction (each a miss of the name list, data/mentions.txt). */
    size_t off_topic, off_topic_directional;
    /* Set by st_evaluation_finish. */
    double logloss, ece;
} st_evaluation;

/* One record as a model scored it. */
typedef struct st_scored_record {
    const char *id, *lang;
    const char *label;    /* the reference label; NULL when it has none */
    int predicted;
    const double *prob;   /* one per model label */
    int off_topic;        /* the model's mention gate found neither country */
} st_scored_record;

/* Each returns 0, or -1 with err when out of memory. */
int st_evaluation_init(st_evaluation *e, const st_labels *model_labels,
                       st_error *err);
int st_evaluation_add(st_evaluation *e, const st_scored_record *r, st_error *err);
int st_evaluation_finish(st_evaluation *e, st_error *err);
void st_evaluation_free(st_evaluation *e);
/* Notes whether the model was trained on this record's text (its body:
 * title, a line break, text). */
void st_evaluation_check_training(st_evaluation *e, const st_model *m,
                                  const char *body, size_t len);

#endif
