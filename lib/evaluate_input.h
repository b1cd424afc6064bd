/*
 * The evaluation loop over one input, shared by `stance eval` and
 * stance_evaluate: records read in batches, scored, and added to the
 * evaluation (and checked against the model's training texts).  Internal.
 */
#ifndef STANCE_EVALUATE_INPUT_H
#define STANCE_EVALUATE_INPUT_H

#include "eval/evaluation.h"
#include "predict/batch.h"

/* Reads src->reader to its end.  progress, when not NULL, is called after
 * each batch with the records read so far and the reader's byte count.
 * Returns 0, or -1 on a bad record (without src->skip_bad) or an I/O or
 * scoring error. */
int st_evaluate_input(st_evaluation *e, const st_model *m, st_scorer *scorer,
                      st_batch_source *src,
                      void (*progress)(void *ctx, size_t records,
                                       unsigned long long bytes),
                      void *progress_ctx, st_error *err);

#endif
