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

void st_platt_fit(const double *dec, const int *positive, size_t n,
                  double *a, double *b);

#endif
