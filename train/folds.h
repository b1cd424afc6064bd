/*
 * Stratified K-fold assignment.
 *
 * Records are grouped by stratum (class, and language when the corpus has
 * one, so every fold sees every language), each stratum is shuffled by a
 * seeded hash of the record ids, and records are dealt to folds
 * round-robin, continuing across strata so fold sizes differ by at most
 * one.  Copies of a record (the same id, label and language: an input
 * given twice to count twice) share one fold, so cross-validation never
 * tests a record on a model trained on its copy.  The same seed gives
 * the same folds on every machine and at every thread count.
 */
#ifndef STANCE_FOLDS_H
#define STANCE_FOLDS_H

#include <stdint.h>

#include "train/dataset.h"

/* fold[i] receives the fold (0..k-1) of record i; records with no class
 * (y < 0) get -1. */
int st_folds_assign(const st_dataset *d, int k, uint64_t seed, int *fold,
                    st_error *err);

#endif
