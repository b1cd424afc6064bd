/*
 * Platt scaling: fits P(positive | f) = 1 / (1 + exp(a f + b)) to decision
 * values f by maximum likelihood with Platt's smoothed targets, using the
 * Newton method with backtracking of Lin, Lin and Weng (2007), the
 * algorithm libsvm uses.  The decision values must come from models that
 * did not see the records (cross-validation), or the sigmoid is
 * overconfident.
 */
#ifndef STANCE_CALIBRATE_H
#define STANCE_CALIBRATE_H

#include <stddef.h>

#include "common/error.h"

/* Fits (a, b) to the n decision values dec, positive[i] telling whether
 * record i is of the positive class; -1 with err when out of memory. */
int st_platt_fit(const double *dec, const int *positive, size_t n,
                 double *a, double *b, st_error *err);

#endif
