/*
 * Removing what the space says about the language of a text
 * (st_space_remove_languages in train/space.h).
 *
 * The 1,997 lines of the parallel text say the same thing in every
 * language, so where a language's sentences project on average is a
 * matter of the language, not of the news.  Those mean projections are
 * not zero and not alike: a Russian text lands, whatever it says, a little
 * way along a direction of its own.  An SVM trained on the other
 * languages may give that direction a weight of either sign (it is only
 * noise to them), and a Russian text then leans to one label before its
 * content counts: leave-one-language-out called 122 of Russian's 174
 * warming items cooling while its scores still ordered the two labels
 * fairly (AUC 0.75).  The same holds for language-specific
 * offsets in multilingual sentence encoders, which centring each
 * language removes (Libovický, Rosa and Fraser 2020).
 *
 * Centring needs the language of every text at prediction time.
 * Projecting out the span of the languages' mean directions does not: it
 * is one linear map for all texts, V <- V (I - Q Q^T) with Q an
 * orthonormal basis of the means, so it folds into the n-gram weights as
 * the space itself does.  Taking the span of the means themselves (rather
 * than of their differences from the grand mean) makes it independent of
 * how long each language's projections are, which depends on how its
 * n-grams are weighed.  It costs the space at most one dimension per
 * language of the parallel text, of several hundred.
 *
 * Measured (the model card, "The languages' own directions projected out
 * of the space"): it improves the ranking where it was built to (Russian's
 * AUC +6 points in leave-one-language-out), but generic news of every
 * language leans cooling, Russian and Arabic lose the lean that had kept
 * their warming news above the threshold, and macro-F1 falls.  So it is a
 * switch (--space-drop-languages), not in the shipped models.
 */
#include "train/space.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "train/space_linalg.h"

/* mean[0..dims) = the mean projection of language lang's sentences, each
 * weighed alone with IDF over that language's sentences. */
static int language_mean(const st_space *sp, const st_parallel *p, size_t lang,
                         const st_feature_config *cfg, double *mean, st_error *err)
{
    size_t n = p->nlines;
    const char **text = st_malloc((n ? n : 1) * sizeof *text, err);
    size_t *len = text ? st_malloc((n ? n : 1) * sizeof *len, err) : NULL;
    double *z = len ? st_malloc((size_t)sp->dims * sizeof *z, err) : NULL;
    st_sparse *x = NULL;

    if (z) {
        for (size_t i = 0; i < n; i++)
            text[i] = st_parallel_sentence(p, i, lang, &len[i]);
        x = st_weighted_vectors(cfg, text, len, n, err);
    }
    if (x) {
        memset(mean, 0, (size_t)sp->dims * sizeof *mean);
        for (size_t i = 0; i < n; i++) {
            st_space_project(sp, &x[i], z);
            cblas_daxpy(sp->dims, 1.0 / (double)n, z, 1, mean, 1);
        }
        st_sparse_free_all(x, n);
    }
    free(text);
    free(len);
    free(z);
    return x ? 0 : -1;
}

/* The orthonormal basis Q (dims x rank, row-major, float) of the columns
 * of M (dims x nlang, column-major): from the eigenpairs of M^T M,
 * Q_j = M u_j / sqrt(lambda_j), for the eigenvalues that are not zero
 * (means that are combinations of others add no direction). */
static int orthonormal_basis(const double *M, int dims, int nlang, float **Q,
                             int *rank, st_error *err)
{
    size_t nl = (size_t)nlang;
    double *G = st_calloc(nl * nl, sizeof *G, err);
    double *lambda = G ? st_malloc(nl * sizeof *lambda, err) : NULL;
    double *U = lambda ? st_malloc(nl * nl * sizeof *U, err) : NULL;
    int rc = -1;

    *Q = NULL;
    *rank = 0;
    if (!U)
        goto done;
    cblas_dsyrk(CblasColMajor, CblasLower, CblasTrans, nlang, dims, 1.0, M, dims,
                0.0, G, nlang);
    if (st_top_eigenpairs(G, nl, nlang, lambda, U, err) < 0)
        goto done;
    while (*rank < nlang && lambda[*rank] > 1e-10 * lambda[0])
        (*rank)++;
    if (!(*Q = st_calloc((size_t)dims * (size_t)(*rank ? *rank : 1), sizeof **Q, err)))
        goto done;
    for (int j = 0; j < *rank; j++) {
        double scale = 1.0 / sqrt(lambda[j]);
        for (int d = 0; d < dims; d++) {
            double sum = 0;
            for (int l = 0; l < nlang; l++)
                sum += M[(size_t)l * dims + d] * U[(size_t)l * nl + j];
            (*Q)[(size_t)d * *rank + j] = (float)(sum * scale);
        }
    }
    rc = 0;
done:
    free(G);
    free(lambda);
    free(U);
    return rc;
}

int st_space_remove_languages(st_space *sp, const st_parallel *p,
                              const st_feature_config *cfg, st_error *err)
{
    int k = sp->dims, nlang = (int)p->nlang, rank = 0;
    double *M = st_malloc((size_t)k * (p->nlang ? p->nlang : 1) * sizeof *M, err);
    float *Q = NULL, *VQ = NULL;
    int rc = -1;

    if (!M)
        return -1;
    if (p->nlang >= (size_t)k) {
        st_fail(err, "the %zu languages' directions would leave nothing of a "
                "space of %d dimensions", p->nlang, k);
        goto done;
    }
    for (int l = 0; l < nlang; l++)
        if (language_mean(sp, p, (size_t)l, cfg, M + (size_t)l * k, err) < 0)
            goto done;
    if (orthonormal_basis(M, k, nlang, &Q, &rank, err) < 0)
        goto done;
    if (rank > 0 && sp->rows > 0) {
        /* V -= (V Q) Q^T, V being rows x k. */
        if (!(VQ = st_malloc(sp->rows * (size_t)rank * sizeof *VQ, err)))
            goto done;
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)sp->rows, rank, k,
                    1.0f, sp->v, k, Q, rank, 0.0f, VQ, rank);
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, (int)sp->rows, k, rank,
                    -1.0f, VQ, rank, Q, rank, 1.0f, sp->v, k);
    }
    sp->languages_removed = (size_t)rank;
    rc = 0;
done:
    free(M);
    free(Q);
    free(VQ);
    return rc;
}
