#include "train/space.h"

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

/* X by columns (buckets): the documents holding each bucket, in document
 * order, with their values. */
typedef struct columns {
    size_t *start;    /* buckets + 1 */
    uint32_t *doc;
    float *value;
} columns;

static void columns_free(columns *c)
{
    free(c->start);
    free(c->doc);
    free(c->value);
}

static int columns_build(columns *c, const st_sparse *x, size_t n,
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
        columns_free(c);
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
        columns_free(c);
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

static size_t column_df(const columns *c, size_t b)
{
    return c->start[b + 1] - c->start[b];
}

/* The lower triangle of G = X X^T (column-major, n x n).  A bucket shared
 * by a large part of the documents contributes to most of G's entries, and
 * those are best summed by dsyrk over a dense block of such columns; a rare
 * bucket touches df^2 / 2 entries, summed directly. */
static int gram(const columns *c, size_t n, size_t buckets, double *G,
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

/* The top dims eigenpairs of the symmetric G (lower triangle; destroyed):
 * eigenvalues descending into lambda, eigenvectors as the rows of U
 * (n x dims, row-major), each signed so that its largest component is
 * positive (LAPACK's sign is arbitrary; this one is reproducible). */
static int top_eigenpairs(double *G, size_t n, int dims, double *lambda,
                          double *U, st_error *err)
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

/* V = X^T U S^-1 for the buckets of at least two documents. */
static int right_vectors(st_space *sp, const columns *c, size_t buckets,
                         const double *U, st_error *err)
{
    int k = sp->dims;
    double *row = st_malloc((size_t)k * sizeof *row, err);
    size_t rows = 0;

    if (!row)
        return -1;
    for (size_t b = 0; b < buckets; b++)
        rows += column_df(c, b) >= 2;
    sp->row_of = st_malloc(buckets * sizeof *sp->row_of, err);
    sp->v = sp->row_of ? st_calloc((rows ? rows : 1) * (size_t)k, sizeof *sp->v, err)
                       : NULL;
    if (!sp->v) {
        free(row);
        return -1;
    }
    sp->rows = 0;
    for (size_t b = 0; b < buckets; b++) {
        sp->row_of[b] = -1;
        if (column_df(c, b) < 2)
            continue;
        memset(row, 0, (size_t)k * sizeof *row);
        for (size_t a = c->start[b]; a < c->start[b + 1]; a++)
            cblas_daxpy(k, c->value[a], U + (size_t)c->doc[a] * k, 1, row, 1);
        float *out = sp->v + sp->rows * (size_t)k;
        for (int j = 0; j < k; j++)
            out[j] = sp->singular[j] > 0 ? (float)(row[j] / sp->singular[j]) : 0.0f;
        sp->row_of[b] = (int32_t)sp->rows++;
    }
    free(row);
    return 0;
}

int st_space_decompose(st_space *sp, const st_sparse *x, size_t n,
                       int hash_bits, int dims, st_error *err)
{
    size_t buckets = (size_t)1 << hash_bits;
    columns c;
    double *G = NULL, *U = NULL;
    int rc = -1;

    memset(sp, 0, sizeof *sp);
    if (dims < 1 || dims > ST_SPACE_MAX_DIMS)
        return st_fail(err, "a cross-lingual space has 1 to %d dimensions, not %d",
                       ST_SPACE_MAX_DIMS, dims);
    if ((size_t)dims >= n)
        return st_fail(err, "a space of %d dimensions needs more than %d "
                       "sentences; there are %zu", dims, dims, n);
    if (n > 0x7fffffffu / n)
        return st_fail(err, "%zu sentences are too many for a cross-lingual space", n);
    sp->dims = dims;
    sp->hash_bits = hash_bits;
    sp->weight = 1.0;
    sp->sentences = n;
    if (columns_build(&c, x, n, buckets, err) < 0)
        return -1;
    if (!(G = st_malloc(n * n * sizeof *G, err)) ||
        !(U = st_malloc(n * (size_t)dims * sizeof *U, err)) ||
        !(sp->singular = st_malloc((size_t)dims * sizeof *sp->singular, err)) ||
        gram(&c, n, buckets, G, err) < 0 ||
        top_eigenpairs(G, n, dims, sp->singular, U, err) < 0)
        goto done;
    for (int j = 0; j < dims; j++)
        sp->singular[j] = sp->singular[j] > 1e-12 ? sqrt(sp->singular[j]) : 0.0;
    rc = right_vectors(sp, &c, buckets, U, err);
done:
    columns_free(&c);
    free(G);
    free(U);
    if (rc < 0)
        st_space_free(sp);
    return rc;
}

/* The joint documents' weighted vectors, IDF learnt over them. */
static st_sparse *joint_vectors(const st_parallel *p, const st_feature_config *cfg,
                                st_error *err)
{
    st_extractor *ex = st_extractor_new(cfg, err);
    st_sparse *x = ex ? st_calloc(p->nlines, sizeof *x, err) : NULL;
    st_df_counter df = { 0 };
    float *idf = NULL;
    int ok = 0;

    if (!x || (cfg->idf && st_df_init(&df, cfg->hash_bits, err) < 0))
        goto done;
    for (size_t i = 0; i < p->nlines; i++) {
        if (st_extract_counts(ex, p->joint[i], strlen(p->joint[i]), &x[i],
                              NULL, err) < 0)
            goto done;
        if (cfg->idf)
            st_df_add(&df, &x[i]);
    }
    if (cfg->idf && !(idf = st_df_to_idf(&df, err)))
        goto done;
    for (size_t i = 0; i < p->nlines; i++)
        st_weigh(cfg, idf, &x[i]);
    ok = 1;
done:
    if (cfg->idf)
        st_df_free(&df);
    free(idf);
    st_extractor_free(ex);
    if (!ok && x) {
        for (size_t i = 0; i < p->nlines; i++)
            st_sparse_free(&x[i]);
        free(x);
        x = NULL;
    }
    return x;
}

int st_space_learn(st_space *sp, const st_parallel *p,
                   const st_feature_config *cfg, int dims, double weight,
                   st_error *err)
{
    st_sparse *x = joint_vectors(p, cfg, err);
    int rc;

    memset(sp, 0, sizeof *sp);
    if (!x)
        return -1;
    rc = st_space_decompose(sp, x, p->nlines, cfg->hash_bits, dims, err);
    for (size_t i = 0; i < p->nlines; i++)
        st_sparse_free(&x[i]);
    free(x);
    if (rc < 0)
        return -1;
    sp->weight = weight;
    sp->languages = p->nlang;
    return 0;
}

void st_space_scale_dims(st_space *sp, double power)
{
    double scale[ST_SPACE_MAX_DIMS], sum = 0, rms;
    int k = sp->dims;

    sp->power = power;
    if (power == 0 || k == 0 || sp->singular[0] <= 0)
        return;
    for (int j = 0; j < k; j++) {
        scale[j] = sp->singular[j] > 0 ? pow(sp->singular[j] / sp->singular[0], power) : 0;
        sum += scale[j] * scale[j];
    }
    rms = sqrt(sum / k);
    for (size_t r = 0; r < sp->rows; r++)
        for (int j = 0; j < k; j++)
            sp->v[r * (size_t)k + j] *= (float)(scale[j] / rms);
}

void st_space_project(const st_space *sp, const st_sparse *x, double *z)
{
    int k = sp->dims;

    memset(z, 0, (size_t)k * sizeof *z);
    for (size_t t = 0; t < x->n; t++) {
        int32_t r = sp->row_of[x->index[t]];
        if (r < 0)
            continue;
        const float *v = sp->v + (size_t)r * k;
        for (int j = 0; j < k; j++)
            z[j] += x->value[t] * v[j];
    }
    for (int j = 0; j < k; j++)
        z[j] *= sp->weight;
}

void st_space_fold(const st_space *sp, const float *u, float *w)
{
    size_t buckets = (size_t)1 << sp->hash_bits;
    int k = sp->dims;

    for (size_t b = 0; b < buckets; b++) {
        int32_t r = sp->row_of[b];
        if (r < 0)
            continue;
        const float *v = sp->v + (size_t)r * k;
        double sum = 0;
        for (int j = 0; j < k; j++)
            sum += (double)v[j] * u[j];
        w[b] += (float)(sp->weight * sum);
    }
}

void st_space_free(st_space *sp)
{
    free(sp->singular);
    free(sp->row_of);
    free(sp->v);
    memset(sp, 0, sizeof *sp);
}
