/*
 * The aligned cross-lingual space (st_space_learn_aligned in
 * train/space.h): every language mapped by ridge regression onto shared
 * coordinates of the aligned lines.
 *
 * Cross-language LSI (space.c) projects a Russian article with the rows of
 * V that belong to Russian n-grams, and those rows were learnt from joint
 * documents in which Russian is one part of 24: how strongly a language
 * projects, and onto which directions, depends on how its n-grams happen
 * to weigh inside the concatenations.  Here each language gets a map of
 * its own, fitted so that its sentences land where their lines are:
 *
 *     V_L = argmin ||X_L V - T||^2 + r ||V||^2 = X_L^T (X_L X_L^T + r I)^-1 T
 *
 * with X_L the language's sentences (n x buckets, each weighed alone) and T
 * the lines' target coordinates (n x k).  This is one side of a
 * regularised canonical correlation between each language and the target
 * (Vinokourov, Shawe-Taylor and Cristianini 2002 use the kernel form for
 * cross-language retrieval); the dual form needs only the n x n system of
 * each language, solved by Cholesky.  The target is either the joint
 * documents' LSI coordinates U S or English's own (the top singular
 * directions of its sentences alone): English as the pivot.
 *
 * The maps share one bucket space.  A bucket that several languages'
 * sentences hold (a name, a number, a word Latin-script languages share)
 * gets the mean of their maps, so that a name is not counted once per
 * language that writes it alike.  The result is an st_space like LSI's, a
 * linear projection that folds into the n-gram weights.
 */
#include "train/space.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "train/space_linalg.h"

/* Every language's sentences, weighed alone with IDF over all of them:
 * x[lang * nlines + line]. */
static st_sparse *sentence_vectors(const st_parallel *p, const st_feature_config *cfg,
                                   st_error *err)
{
    size_t n = p->nlang * p->nlines;
    const char **text = st_malloc((n ? n : 1) * sizeof *text, err);
    size_t *len = text ? st_malloc((n ? n : 1) * sizeof *len, err) : NULL;
    st_sparse *x = NULL;

    if (len) {
        for (size_t l = 0; l < p->nlang; l++)
            for (size_t i = 0; i < p->nlines; i++)
                text[l * p->nlines + i] = st_parallel_sentence(p, i, l,
                                                               &len[l * p->nlines + i]);
        x = st_weighted_vectors(cfg, text, len, n, err);
    }
    free(text);
    free(len);
    return x;
}

/* T = U S (n x dims, row-major) for the rows x[0..n): their coordinates
 * along their own top singular directions, scaled by scale. */
static int coordinates(const st_sparse *x, size_t n, int hash_bits, int dims,
                       double scale, double *T, double *singular, st_error *err)
{
    size_t buckets = (size_t)1 << hash_bits;
    st_columns c;
    double *G = NULL;
    int rc = -1;

    if (st_columns_build(&c, x, n, buckets, err) < 0)
        return -1;
    if ((G = st_malloc(n * n * sizeof *G, err)) &&
        st_gram_lower(&c, n, buckets, G, err) == 0 &&
        st_top_eigenpairs(G, n, dims, singular, T, err) == 0) {
        for (int j = 0; j < dims; j++)
            singular[j] = singular[j] > 1e-12 ? sqrt(singular[j]) : 0.0;
        for (size_t i = 0; i < n; i++)
            for (int j = 0; j < dims; j++)
                T[i * (size_t)dims + j] *= singular[j] * scale;
        rc = 0;
    }
    st_columns_free(&c);
    free(G);
    return rc;
}

/* The target of the lines: English's coordinates, or the joint
 * documents' divided by the square root of the number of languages (a
 * joint document holds them all; one language's sentence, weighed alone
 * to unit length, is about that much of it). */
static int target(const st_parallel *p, const st_feature_config *cfg,
                  const st_sparse *x, st_space_target which, int dims,
                  double *T, double *singular, st_error *err)
{
    size_t english;
    int rc;

    if (which == ST_SPACE_TARGET_ENGLISH) {
        if (st_parallel_find_english(p, &english, err) < 0)
            return -1;
        return coordinates(x + english * p->nlines, p->nlines, cfg->hash_bits,
                           dims, 1.0, T, singular, err);
    }
    const char **text = st_malloc((p->nlines ? p->nlines : 1) * sizeof *text, err);
    st_sparse *joint = NULL;
    if (text) {
        for (size_t i = 0; i < p->nlines; i++)
            text[i] = p->joint[i];
        joint = st_weighted_vectors(cfg, text, NULL, p->nlines, err);
        free(text);
    }
    if (!joint)
        return -1;
    rc = coordinates(joint, p->nlines, cfg->hash_bits, dims,
                     1.0 / sqrt((double)p->nlang), T, singular, err);
    st_sparse_free_all(joint, p->nlines);
    return rc;
}

/* The rows of V: buckets in at least two sentences of any language, and
 * for each, how many languages hold it (whose maps it averages). */
static int allocate_rows(st_space *sp, const st_sparse *x, size_t nx,
                         size_t nlines, uint16_t **languages_of, st_error *err)
{
    size_t buckets = (size_t)1 << sp->hash_bits;
    uint32_t *df = st_calloc(buckets, sizeof *df, err);
    uint32_t *last = df ? st_malloc(buckets * sizeof *last, err) : NULL;
    uint16_t *langs = last ? st_calloc(buckets, sizeof *langs, err) : NULL;

    if (!langs) {
        free(df);
        free(last);
        return -1;
    }
    memset(last, 0xff, buckets * sizeof *last);
    for (size_t i = 0; i < nx; i++)
        for (size_t t = 0; t < x[i].n; t++) {
            uint32_t b = x[i].index[t];
            df[b]++;
            if (last[b] != i / nlines) {
                last[b] = (uint32_t)(i / nlines);
                langs[b]++;
            }
        }
    sp->rows = 0;
    for (size_t b = 0; b < buckets; b++)
        sp->rows += df[b] >= 2;
    sp->row_of = st_malloc(buckets * sizeof *sp->row_of, err);
    sp->v = sp->row_of ? st_calloc((sp->rows ? sp->rows : 1) * (size_t)sp->dims,
                                   sizeof *sp->v, err)
                       : NULL;
    if (sp->v) {
        int32_t r = 0;
        for (size_t b = 0; b < buckets; b++)
            sp->row_of[b] = df[b] >= 2 ? r++ : -1;
    }
    free(df);
    free(last);
    if (!sp->v) {
        free(langs);
        return -1;
    }
    *languages_of = langs;
    return 0;
}

/* Adds language x[0..n)'s map X^T (X X^T + r I)^-1 T, each bucket's share
 * divided by the languages holding it, to sp->v.  The ridge r is
 * ridge times the mean squared length of the sentences, so that it means
 * the same whatever their weighting. */
static int add_language_map(st_space *sp, const st_sparse *x, size_t n,
                            const double *T, double ridge,
                            const uint16_t *languages_of, st_error *err)
{
    size_t buckets = (size_t)1 << sp->hash_bits, k = (size_t)sp->dims;
    double *G = st_malloc(n * n * sizeof *G, err);
    double *A = G ? st_malloc(n * k * sizeof *A, err) : NULL;
    double *row = A ? st_malloc(k * sizeof *row, err) : NULL;
    double trace = 0;
    st_columns c = { 0 };
    int rc = -1;

    if (!row || st_columns_build(&c, x, n, buckets, err) < 0 ||
        st_gram_lower(&c, n, buckets, G, err) < 0)
        goto done;
    for (size_t i = 0; i < n; i++)
        trace += G[i * n + i];
    memcpy(A, T, n * k * sizeof *A);
    if (trace <= 0) {   /* a language without any n-gram: nothing to map */
        rc = 0;
        goto done;
    }
    if (st_ridge_solve(G, n, ridge * trace / (double)n, A, (int)k, err) < 0)
        goto done;
    for (size_t b = 0; b < buckets; b++) {
        int32_t r = sp->row_of[b];
        if (r < 0 || st_column_df(&c, b) == 0)
            continue;
        memset(row, 0, k * sizeof *row);
        for (size_t a = c.start[b]; a < c.start[b + 1]; a++) {
            const double *ai = A + (size_t)c.doc[a] * k;
            for (size_t j = 0; j < k; j++)
                row[j] += c.value[a] * ai[j];
        }
        float *out = sp->v + (size_t)r * k;
        for (size_t j = 0; j < k; j++)
            out[j] += (float)(row[j] / languages_of[b]);
    }
    rc = 0;
done:
    st_columns_free(&c);
    free(G);
    free(A);
    free(row);
    return rc;
}

/* The ridge shrinks every map towards zero, the more so the larger it is,
 * and a weight should mean the same whatever the ridge: V is scaled so that
 * the sentences' projections are, on average, as long as their targets. */
static void restore_length(st_space *sp, const st_sparse *x, size_t nx,
                           const double *T, size_t n)
{
    size_t k = (size_t)sp->dims;
    double projected = 0, wanted = 0, weight = sp->weight;
    double *z = malloc(k * sizeof *z);

    if (!z)
        return;   /* left unscaled: still a space, only a shorter one */
    sp->weight = 1.0;
    for (size_t i = 0; i < nx; i++) {
        st_space_project(sp, &x[i], z);
        projected += cblas_dnrm2((int)k, z, 1) / (double)nx;
    }
    for (size_t i = 0; i < n; i++)
        wanted += cblas_dnrm2((int)k, T + i * k, 1) / (double)n;
    sp->weight = weight;
    free(z);
    if (projected <= 0)
        return;
    for (size_t r = 0; r < sp->rows; r++)
        for (size_t j = 0; j < k; j++)
            sp->v[r * k + j] *= (float)(wanted / projected);
}

int st_space_learn_aligned(st_space *sp, const st_parallel *p,
                           const st_feature_config *cfg,
                           const st_space_aligned_options *o, st_error *err)
{
    size_t n = p->nlines, k;
    st_sparse *x = NULL;
    double *T = NULL;
    uint16_t *languages_of = NULL;
    int rc = -1;

    memset(sp, 0, sizeof *sp);
    if (o->dims < 1 || o->dims > ST_SPACE_MAX_DIMS)
        return st_fail(err, "a cross-lingual space has 1 to %d dimensions, not %d",
                       ST_SPACE_MAX_DIMS, o->dims);
    if ((size_t)o->dims >= n)
        return st_fail(err, "a space of %d dimensions needs more than %d "
                       "sentences; there are %zu", o->dims, o->dims, n);
    if (!(o->ridge > 0))
        return st_fail(err, "the ridge of an aligned space must be positive, "
                       "not %g", o->ridge);
    if (p->nlang > UINT16_MAX || n > 0x7fffffffu / n)
        return st_fail(err, "%zu languages x %zu sentences are too many for a "
                       "cross-lingual space", p->nlang, n);
    sp->dims = o->dims;
    sp->hash_bits = cfg->hash_bits;
    sp->weight = o->weight;
    sp->sentences = n;
    sp->languages = p->nlang;
    k = (size_t)o->dims;
    if (!(sp->singular = st_malloc(k * sizeof *sp->singular, err)) ||
        !(T = st_malloc(n * k * sizeof *T, err)) ||
        !(x = sentence_vectors(p, cfg, err)) ||
        target(p, cfg, x, o->target, o->dims, T, sp->singular, err) < 0 ||
        allocate_rows(sp, x, p->nlang * n, n, &languages_of, err) < 0)
        goto done;
    for (size_t l = 0; l < p->nlang; l++)
        if (add_language_map(sp, x + l * n, n, T, o->ridge, languages_of, err) < 0)
            goto done;
    restore_length(sp, x, p->nlang * n, T, n);
    rc = 0;
done:
    if (x)
        st_sparse_free_all(x, p->nlang * n);
    free(T);
    free(languages_of);
    if (rc < 0)
        st_space_free(sp);
    return rc;
}
