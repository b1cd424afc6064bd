#include "train/space_linalg.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "features/idf.h"

/* LAPACK as OpenBLAS ships it.  Debian's OpenBLAS exports the Fortran
 * routines but no LAPACKE header, so this is the Fortran interface: every
 * argument by address, and after them the lengths of the character
 * arguments, which gfortran-compiled code expects. */
extern void dsyevr_(const char *jobz, const char *range, const char *uplo,
                    const int *n, double *a, const int *lda, const double *vl,
                    const double *vu, const int *il, const int *iu,
                    const double *abstol, int *m, double *w, double *z,
                    const int *ldz, int *isuppz, double *work, const int *lwork,
                    int *iwork, const int *liwork, int *info, size_t jobz_len,
                    size_t range_len, size_t uplo_len);
extern void dpotrf_(const char *uplo, const int *n, double *a, const int *lda,
                    int *info, size_t uplo_len);
extern void dpotrs_(const char *uplo, const int *n, const int *nrhs,
                    const double *a, const int *lda, double *b, const int *ldb,
                    int *info, size_t uplo_len);

void st_columns_free(st_columns *c)
{
    free(c->start);
    free(c->doc);
    free(c->value);
}

int st_columns_build(st_columns *c, const st_sparse *x, size_t n,
                     size_t buckets, st_error *err)
{
    size_t nnz = 0, *fill;

    memset(c, 0, sizeof *c);
    for (size_t i = 0; i < n; i++)
        nnz += x[i].n;
    c->start = st_calloc(buckets + 1, sizeof *c->start, err);
    c->doc = c->start ? st_malloc((nnz ? nnz : 1) * sizeof *c->doc, err) : NULL;
    c->value = c->doc ? st_malloc((nnz ? nnz : 1) * sizeof *c->value, err) : NULL;
    if (!c->value) {
        st_columns_free(c);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t t = 0; t < x[i].n; t++)
            c->start[x[i].index[t] + 1]++;
    for (size_t b = 0; b < buckets; b++)
        c->start[b + 1] += c->start[b];
    /* Each column's next free slot; start[b] itself is kept. */
    fill = st_malloc((buckets ? buckets : 1) * sizeof *fill, err);
    if (!fill) {
        st_columns_free(c);
        return -1;
    }
    memcpy(fill, c->start, buckets * sizeof *fill);
    for (size_t i = 0; i < n; i++)
        for (size_t t = 0; t < x[i].n; t++) {
            size_t at = fill[x[i].index[t]]++;
            c->doc[at] = (uint32_t)i;
            c->value[at] = x[i].value[t];
        }
    free(fill);
    return 0;
}

/* A bucket shared
 * by a large part of the documents contributes to most of G's entries, and
 * those are best summed by dsyrk over a dense block of such columns; a rare
 * bucket touches df^2 / 2 entries, summed directly. */
int st_gram_lower(const st_columns *c, size_t n, size_t buckets, double *G,
                    st_error *err)
{
    enum { BLOCK = 256 };
    size_t dense_df = n / 8 > 16 ? n / 8 : 16, filled = 0;
    double *D = st_calloc(n * BLOCK, sizeof *D, err);

    if (!D)
        return -1;
    memset(G, 0, n * n * sizeof *G);
    for (size_t b = 0; b < buckets; b++) {
        size_t s = c->start[b], e = c->start[b + 1];
        if (e - s >= dense_df) {
            double *col = D + filled * n;
            for (size_t a = s; a < e; a++)
                col[c->doc[a]] = c->value[a];
            if (++filled == BLOCK) {
                cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, (int)n,
                            BLOCK, 1.0, D, (int)n, 1.0, G, (int)n);
                memset(D, 0, n * BLOCK * sizeof *D);
                filled = 0;
            }
            continue;
        }
        for (size_t a = s; a < e; a++) {
            double va = c->value[a];
            double *Gcol = G + (size_t)c->doc[a] * n;
            for (size_t o = a; o < e; o++)
                Gcol[c->doc[o]] += va * c->value[o];
        }
    }
    if (filled)
        cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, (int)n,
                    (int)filled, 1.0, D, (int)n, 1.0, G, (int)n);
    free(D);
    return 0;
}

int st_top_eigenpairs(double *G, size_t n, int dims, double *lambda, double *U,
                      st_error *err)
{
    int N = (int)n, il = N - dims + 1, iu = N, m = 0, info = 0;
    int lwork = -1, liwork = -1, iwork_query;
    double vl = 0, vu = 0, abstol = 0, work_query;
    double *w = st_malloc(n * sizeof *w, err);
    double *Z = w ? st_malloc(n * (size_t)dims * sizeof *Z, err) : NULL;
    int *isuppz = Z ? st_malloc(2 * (size_t)dims * sizeof *isuppz, err) : NULL;
    double *work = NULL;
    int *iwork = NULL;
    int rc = -1;

    if (!isuppz)
        goto done;
    dsyevr_("V", "I", "L", &N, G, &N, &vl, &vu, &il, &iu, &abstol, &m, w, Z,
            &N, isuppz, &work_query, &lwork, &iwork_query, &liwork, &info,
            1, 1, 1);
    if (info != 0) {
        st_fail(err, "LAPACK dsyevr refused its workspace query (info %d)", info);
        goto done;
    }
    lwork = (int)work_query;
    liwork = iwork_query;
    if (!(work = st_malloc((size_t)lwork * sizeof *work, err)) ||
        !(iwork = st_malloc((size_t)liwork * sizeof *iwork, err)))
        goto done;
    dsyevr_("V", "I", "L", &N, G, &N, &vl, &vu, &il, &iu, &abstol, &m, w, Z,
            &N, isuppz, work, &lwork, iwork, &liwork, &info, 1, 1, 1);
    if (info != 0 || m != dims) {
        st_fail(err, "LAPACK dsyevr failed to converge (info %d, %d of %d "
                "eigenvalues)", info, m, dims);
        goto done;
    }
    for (int j = 0; j < dims; j++) {
        const double *z = Z + (size_t)(dims - 1 - j) * n;  /* ascending in Z */
        size_t big = 0;
        for (size_t i = 1; i < n; i++)
            if (fabs(z[i]) > fabs(z[big]))
                big = i;
        double sign = z[big] < 0 ? -1.0 : 1.0;
        lambda[j] = w[dims - 1 - j];
        for (size_t i = 0; i < n; i++)
            U[i * (size_t)dims + j] = sign * z[i];
    }
    rc = 0;
done:
    free(w);
    free(Z);
    free(isuppz);
    free(work);
    free(iwork);
    return rc;
}

int st_ridge_solve(double *G, size_t n, double ridge, double *B, int k,
                   st_error *err)
{
    int N = (int)n, K = k, info = 0;
    double *T = st_malloc(n * (size_t)k * sizeof *T, err);

    if (!T)
        return -1;
    for (size_t i = 0; i < n; i++)
        G[i * n + i] += ridge;
    dpotrf_("L", &N, G, &N, &info, 1);
    if (info != 0) {
        free(T);
        return st_fail(err, "LAPACK dpotrf: the ridge system is not positive "
                       "definite (info %d)", info);
    }
    /* LAPACK wants B by columns. */
    for (size_t i = 0; i < n; i++)
        for (int j = 0; j < k; j++)
            T[(size_t)j * n + i] = B[i * (size_t)k + j];
    dpotrs_("L", &N, &K, G, &N, T, &N, &info, 1);
    for (size_t i = 0; i < n; i++)
        for (int j = 0; j < k; j++)
            B[i * (size_t)k + j] = T[(size_t)j * n + i];
    free(T);
    if (info != 0)
        return st_fail(err, "LAPACK dpotrs failed (info %d)", info);
    return 0;
}

st_sparse *st_weighted_vectors(const st_feature_config *cfg, const char *const *text,
                               const size_t *len, size_t n, st_error *err)
{
    st_extractor *ex = st_extractor_new(cfg, err);
    st_sparse *x = ex ? st_calloc(n ? n : 1, sizeof *x, err) : NULL;
    st_df_counter df = { 0 };
    float *idf = NULL;
    int ok = 0;

    if (!x || (cfg->idf && st_df_init(&df, cfg->hash_bits, err) < 0))
        goto done;
    for (size_t i = 0; i < n; i++) {
        if (st_extract_counts(ex, text[i], len ? len[i] : strlen(text[i]), &x[i],
                              NULL, err) < 0)
            goto done;
        if (cfg->idf)
            st_df_add(&df, &x[i]);
    }
    if (cfg->idf && !(idf = st_df_to_idf(&df, err)))
        goto done;
    for (size_t i = 0; i < n; i++)
        st_weigh(cfg, idf, &x[i]);
    ok = 1;
done:
    if (cfg->idf)
        st_df_free(&df);
    free(idf);
    st_extractor_free(ex);
    if (!ok && x) {
        st_sparse_free_all(x, n);
        x = NULL;
    }
    return x;
}

void st_sparse_free_all(st_sparse *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        st_sparse_free(&x[i]);
    free(x);
}
