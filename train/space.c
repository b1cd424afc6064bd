#include "train/space.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "train/space_linalg.h"

/* V = X^T U S^-1 for the buckets of at least two documents. */
static int right_vectors(st_space *sp, const st_columns *c, size_t buckets,
                         const double *U, st_error *err)
{
    int k = sp->dims;
    double *row = st_malloc((size_t)k * sizeof *row, err);
    size_t rows = 0;

    if (!row)
        return -1;
    for (size_t b = 0; b < buckets; b++)
        rows += st_column_df(c, b) >= 2;
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
        if (st_column_df(c, b) < 2)
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
    st_columns c;
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
    if (st_columns_build(&c, x, n, buckets, err) < 0)
        return -1;
    if (!(G = st_malloc(n * n * sizeof *G, err)) ||
        !(U = st_malloc(n * (size_t)dims * sizeof *U, err)) ||
        !(sp->singular = st_malloc((size_t)dims * sizeof *sp->singular, err)) ||
        st_gram_lower(&c, n, buckets, G, err) < 0 ||
        st_top_eigenpairs(G, n, dims, sp->singular, U, err) < 0)
        goto done;
    for (int j = 0; j < dims; j++)
        sp->singular[j] = sp->singular[j] > 1e-12 ? sqrt(sp->singular[j]) : 0.0;
    rc = right_vectors(sp, &c, buckets, U, err);
done:
    st_columns_free(&c);
    free(G);
    free(U);
    if (rc < 0)
        st_space_free(sp);
    return rc;
}

static const char **text_of_joint(const st_parallel *p, const char **text)
{
    for (size_t i = 0; i < p->nlines; i++)
        text[i] = p->joint[i];
    return text;
}

int st_space_learn(st_space *sp, const st_parallel *p,
                   const st_feature_config *cfg, int dims, double weight,
                   st_error *err)
{
    const char **text = st_malloc((p->nlines ? p->nlines : 1) * sizeof *text, err);
    st_sparse *x = text ? st_weighted_vectors(cfg, text_of_joint(p, text), NULL,
                                              p->nlines, err)
                        : NULL;
    int rc;

    free(text);
    memset(sp, 0, sizeof *sp);
    if (!x)
        return -1;
    rc = st_space_decompose(sp, x, p->nlines, cfg->hash_bits, dims, err);
    st_sparse_free_all(x, p->nlines);
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
