/* stance eval --cv K: an honest report for users without a test set. */
#ifndef STANCE_EVAL_CV_H
#define STANCE_EVAL_CV_H

#include "eval/evaluation.h"
#include "train/dataset.h"

/* Splits the labelled records of inputs into k stratified folds and, for
 * each fold, trains a model with m's settings (features, labels, and the
 * solver, loss and C its training chose) on the other folds, then adds
 * that model's predictions for the fold's records to e: every record is
 * scored by a model that never saw it.  The models' own calibration is
 * cross-validated inside their training folds, as stance train does.
 * load gives the format, fields and --skip-bad, and the mention list of
 * m's gate when it is to apply (a record that names no country is then
 * neutral, as prediction makes it); progress (may be NULL) is told each
 * fold as it starts. */
int st_eval_cv(const st_model *m, char **inputs, int ninputs, int k,
               const st_load_options *load, int threads,
               void (*progress)(int fold, int k), st_evaluation *e,
               st_error *err);

#endif
