/*
 * Sparse vectors in libsvm's text format: "label i:v i:v ...", indices
 * ascending from 1 (bucket b is written as b + 1), values printed with
 * enough digits (%.9g) to round-trip a float exactly.
 */
#ifndef STANCE_LIBSVM_FORMAT_H
#define STANCE_LIBSVM_FORMAT_H

#include <stdio.h>

#include "features/extract.h"

/* Returns 0, or -1 when the stream reports a write error. */
int st_write_libsvm_line(FILE *out, int label, const st_sparse *v);

#endif
