#include "train/calibrate.h"

#include <math.h>
#include <stdlib.h>

/* Negative log-likelihood of targets t under (a, b), overflow-safe. */
static double objective(const double *dec, const double *t, size_t n,
                        double a, double b)
{
    double f = 0;
    for (size_t i = 0; i < n; i++) {
        double z = dec[i] * a + b;
        f += z >= 0 ? t[i] * z + log1p(exp(-z)) : (t[i] - 1) * z + log1p(exp(z));
    }
    return f;
}

int st_platt_fit(const double *dec, const int *positive, size_t n,
                 double *a, double *b, st_error *err)
{
    const int max_iter = 100;
    const double min_step = 1e-10, sigma = 1e-12, eps = 1e-5;
    double prior1 = 0, prior0 = 0, hi, lo, fval;
    double *t = st_malloc((n ? n : 1) * sizeof *t, err);

    for (size_t i = 0; i < n; i++)
        positive[i] ? prior1++ : prior0++;
    *a = 0;
    *b = log((prior0 + 1) / (prior1 + 1));
    if (!t)
        return -1;
    hi = (prior1 + 1) / (prior1 + 2);
    lo = 1 / (prior0 + 2);
    for (size_t i = 0; i < n; i++)
        t[i] = positive[i] ? hi : lo;
    fval = objective(dec, t, n, *a, *b);

    for (int iter = 0; iter < max_iter; iter++) {
        double h11 = sigma, h22 = sigma, h21 = 0, g1 = 0, g2 = 0;
        double det, da, db, gd, step = 1;
        for (size_t i = 0; i < n; i++) {
            double z = dec[i] * *a + *b, p, q, d2, d1;
            if (z >= 0) {
                p = exp(-z) / (1 + exp(-z));
                q = 1 / (1 + exp(-z));
            } else {
                p = 1 / (1 + exp(z));
                q = exp(z) / (1 + exp(z));
            }
            d2 = p * q;
            h11 += dec[i] * dec[i] * d2;
            h22 += d2;
            h21 += dec[i] * d2;
            d1 = t[i] - p;
            g1 += dec[i] * d1;
            g2 += d1;
        }
        if (fabs(g1) < eps && fabs(g2) < eps)
            break;
        det = h11 * h22 - h21 * h21;
        da = -(h22 * g1 - h21 * g2) / det;
        db = -(-h21 * g1 + h11 * g2) / det;
        gd = g1 * da + g2 * db;
        while (step >= min_step) {
            double na = *a + step * da, nb = *b + step * db;
            double nf = objective(dec, t, n, na, nb);
            if (nf < fval + 0.0001 * step * gd) {
                *a = na;
                *b = nb;
                fval = nf;
                break;
            }
            step /= 2;
        }
        if (step < min_step)
            break;
    }
    free(t);
    return 0;
}
