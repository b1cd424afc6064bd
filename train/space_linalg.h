/*
 * The dense linear algebra that the cross-lingual spaces (train/space.h)
 * are learnt with, over a few thousand sparse sentence vectors: their
 * Gram matrix, its top eigenpairs, and ridge solves against it.  OpenBLAS
 * does the dense work (dsyrk, and LAPACK's dsyevr and Cholesky); the
 * sparse parts are summed here.  Internal to train/.
 */
#ifndef STANCE_SPACE_LINALG_H
#define STANCE_SPACE_LINALG_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "features/config.h"
#include "features/extract.h"

/* A set of sparse rows by columns (buckets): the rows holding each bucket,
 * in row order, with their values. */
typedef struct st_columns {
    size_t *start;    /* buckets + 1 */
    uint32_t *doc;
    float *value;
} st_columns;

int st_columns_build(st_columns *c, const st_sparse *x, size_t n,
                     size_t buckets, st_error *err);
void st_columns_free(st_columns *c);

/* Rows holding bucket b. */
static inline size_t st_column_df(const st_columns *c, size_t b)
{
    return c->start[b + 1] - c->start[b];
}

/* The lower triangle of G = X X^T (column-major, n x n) of the rows of c. */
int st_gram_lower(const st_columns *c, size_t n, size_t buckets, double *G,
                  st_error *err);

/* The top dims eigenpairs of the symmetric G (lower triangle; destroyed):
 * eigenvalues descending into lambda, eigenvectors as the columns of U
 * (n x dims, row-major), each signed so that its largest component is
 * positive (LAPACK's sign is arbitrary; this one is reproducible). */
int st_top_eigenpairs(double *G, size_t n, int dims, double *lambda, double *U,
                      st_error *err);

/* Solves (G + ridge I) A = B for the symmetric positive semi-definite G
 * (lower triangle; destroyed) by Cholesky: B is n x k, row-major, and is
 * overwritten by A.  ridge > 0 makes the system definite. */
int st_ridge_solve(double *G, size_t n, double ridge, double *B, int k,
                   st_error *err);

/* The weighted vectors (cfg's settings, IDF learnt over these texts) of
 * text[0..n), of lengths len[] (NULL: each NUL-terminated).  NULL on
 * failure; free with st_sparse_free_all. */
st_sparse *st_weighted_vectors(const st_feature_config *cfg, const char *const *text,
                               const size_t *len, size_t n, st_error *err);
void st_sparse_free_all(st_sparse *x, size_t n);

#endif
