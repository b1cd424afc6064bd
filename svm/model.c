#include "svm/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corpus/reader.h"

int st_pair_index(int nclasses, int i, int j)
{
    /* Pairs (0,1) (0,2) ... (0,k-1) (1,2) ...: those before row i, plus
     * the offset of j in row i. */
    return i * nclasses - i * (i + 1) / 2 + (j - i - 1);
}

static double sparse_dense_dot(const st_sparse *x, const float *w)
{
    double sum = 0;
    for (size_t t = 0; t < x->n; t++) {
        if (t + ST_PREFETCH_AHEAD < x->n)
            __builtin_prefetch(w + x->index[t + ST_PREFETCH_AHEAD]);
        sum += (double)x->value[t] * w[x->index[t]];
    }
    return sum;
}

static double squared_distance(const st_sparse *a, const st_sparse *b)
{
    size_t i = 0, j = 0;
    double sum = 0;
    while (i < a->n || j < b->n) {
        double d;
        if (j >= b->n || (i < a->n && a->index[i] < b->index[j]))
            d = a->value[i++];
        else if (i >= a->n || b->index[j] < a->index[i])
            d = b->value[j++];
        else
            d = (double)a->value[i++] - b->value[j++];
        sum += d * d;
    }
    return sum;
}

/* libsvm's svm_predict_values for an RBF kernel over our sparse vectors.
 * Each support vector's kernel value is used at once by the pairs of its
 * class, so nothing is allocated (prediction cannot fail); every pair
 * still sums its first class's vectors, then its second's, in order, as
 * libsvm does. */
static void rbf_decisions(const st_model *m, const st_sparse *x, double *dec)
{
    int k = m->labels.n;
    size_t sv = 0;

    for (int p = 0; p < m->npairs; p++)
        dec[p] = 0;
    for (int c = 0; c < k; c++) {
        for (int s = 0; s < m->sv_per_class[c]; s++, sv++) {
            double kv = exp(-m->gamma * squared_distance(x, &m->sv[sv]));
            const double *coef = m->coef + (size_t)(k - 1) * sv;
            /* libsvm's layout: vector sv's coefficient in pair (c, o) is
             * coef[o - 1] when c < o, coef[o] when o < c. */
            for (int o = 0; o < k; o++) {
                if (o < c)
                    dec[st_pair_index(k, o, c)] += coef[o] * kv;
                else if (o > c)
                    dec[st_pair_index(k, c, o)] += coef[o - 1] * kv;
            }
        }
    }
    for (int p = 0; p < m->npairs; p++)
        dec[p] -= m->rho[p];
}

void st_model_decisions(const st_model *m, const st_sparse *x, double *dec)
{
    if (m->kernel == ST_KERNEL_RBF) {
        rbf_decisions(m, x, dec);
        return;
    }
    for (int p = 0; p < m->npairs; p++)
        dec[p] = sparse_dense_dot(x, m->w + (size_t)p * st_model_buckets(m)) -
                 m->rho[p];
}

/* Platt's sigmoid, written to avoid overflow for either sign. */
static double sigmoid_predict(double dec, double a, double b)
{
    double f = dec * a + b;
    return f >= 0 ? exp(-f) / (1.0 + exp(-f)) : 1.0 / (1.0 + exp(f));
}

/* Pairwise coupling: finds p minimising sum_i sum_j!=i (r_ji p_i -
 * r_ij p_j)^2 subject to sum p = 1, by libsvm's fixed-point iteration. */
static void couple(int k, double r[k][k], double *p)
{
    /* Arrays sized by k (at most ST_MAX_CLASSES: 32 KB), on the stack:
     * this runs once per record on every scoring thread. */
    double q[k][k], qp[k];
    int max_iter = k > 100 ? k : 100;
    double eps = 0.005 / k;

    for (int t = 0; t < k; t++) {
        p[t] = 1.0 / k;
        q[t][t] = 0;
        for (int j = 0; j < t; j++) {
            q[t][t] += r[j][t] * r[j][t];
            q[t][j] = q[j][t];
        }
        for (int j = t + 1; j < k; j++) {
            q[t][t] += r[j][t] * r[j][t];
            q[t][j] = -r[j][t] * r[t][j];
        }
    }
    for (int iter = 0; iter < max_iter; iter++) {
        double pqp = 0, max_error = 0;
        for (int t = 0; t < k; t++) {
            qp[t] = 0;
            for (int j = 0; j < k; j++)
                qp[t] += q[t][j] * p[j];
            pqp += p[t] * qp[t];
        }
        for (int t = 0; t < k; t++) {
            double error = fabs(qp[t] - pqp);
            if (error > max_error)
                max_error = error;
        }
        if (max_error < eps)
            break;
        for (int t = 0; t < k; t++) {
            double diff = (-qp[t] + pqp) / q[t][t];
            p[t] += diff;
            pqp = (pqp + diff * (diff * q[t][t] + 2 * qp[t])) / (1 + diff) /
                  (1 + diff);
            for (int j = 0; j < k; j++) {
                qp[j] = (qp[j] + diff * q[t][j]) / (1 + diff);
                p[j] /= (1 + diff);
            }
        }
    }
}

int st_model_probabilities(const st_model *m, const double *dec, double *prob)
{
    const double min_prob = 1e-7;
    int k = m->labels.n, best = 0;

    if (k == 2) {
        prob[0] = sigmoid_predict(dec[0], m->platt_a[0], m->platt_b[0]);
        prob[1] = 1.0 - prob[0];
    } else {
        double rows[k][k];
        for (int i = 0, p = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++, p++) {
                double v = sigmoid_predict(dec[p], m->platt_a[p], m->platt_b[p]);
                v = fmin(fmax(v, min_prob), 1 - min_prob);
                rows[i][j] = v;
                rows[j][i] = 1 - v;
            }
        }
        couple(k, rows, prob);
    }
    for (int c = 1; c < k; c++)
        if (prob[c] > prob[best])
            best = c;
    return best;
}

int st_model_neutral_class(const st_model *m)
{
    for (int c = 0; c < m->labels.n; c++)
        if (!strcmp(m->labels.names[c], "neutral"))
            return c;
    return -1;
}

int st_model_off_topic(const st_model *m, double *prob)
{
    int neutral = st_model_neutral_class(m);
    double directions = 0;

    if (neutral < 0)
        return -1;
    for (int c = 0; c < m->labels.n; c++)
        if (c != neutral) {
            prob[c] *= ST_OFF_TOPIC_SCALE;
            directions += prob[c];
        }
    prob[neutral] = 1.0 - directions;
    return neutral;
}

int st_model_set_mentions(st_model *m, const char *text, size_t len,
                          const char *name, st_error *err)
{
    st_mentions *parsed;
    char *copy;

    if (st_model_neutral_class(m) < 0)
        return st_fail(err, "%s: a mention list needs a model with a neutral "
                       "label (it answers neutral for texts naming neither "
                       "country)", name);
    if (!(parsed = st_mentions_parse(text, len, name, err)))
        return -1;
    if (!(copy = st_malloc(len + 1, err))) {
        st_mentions_free(parsed);
        return -1;
    }
    memcpy(copy, text, len);
    copy[len] = '\0';
    st_mentions_free(m->mentions);
    free(m->mentions_text);
    m->mentions = parsed;
    m->mentions_text = copy;
    return 0;
}

int st_model_label_at_threshold(const st_model *m, const double *prob,
                                double threshold)
{
    int best = 0, neutral = st_model_neutral_class(m);

    for (int c = 0; c < m->labels.n; c++)
        if (prob[c] > prob[best])
            best = c;
    for (int c = 0; c < m->labels.n; c++)
        if (c != neutral && prob[c] >= threshold)
            return best;
    return neutral;
}

int st_pair_vote(int k, const double *dec)
{
    int votes[k], best = 0;
    memset(votes, 0, sizeof votes);
    for (int i = 0, p = 0; i < k; i++)
        for (int j = i + 1; j < k; j++, p++)
            votes[dec[p] > 0 ? i : j]++;
    for (int c = 1; c < k; c++)
        if (votes[c] > votes[best])
            best = c;
    return best;
}

int st_model_trained_on(const st_model *m, const char *body, size_t len)
{
    uint64_t h = st_text_hash(body, len);
    size_t lo = 0, hi = m->nitem_hashes;
    if (!m->item_hashes)
        return -1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->item_hashes[mid] < h)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m->nitem_hashes && m->item_hashes[lo] == h;
}

void st_model_free(st_model *m)
{
    if (!m)
        return;
    free(m->item_hashes);
    free(m->cv_summary);
    free(m->mentions_text);
    st_mentions_free(m->mentions);
    free(m->idf);
    free(m->rho);
    free(m->platt_a);
    free(m->platt_b);
    free(m->w);
    for (size_t s = 0; m->sv && s < m->nsv; s++)
        st_sparse_free(&m->sv[s]);
    free(m->sv);
    free(m->sv_per_class);
    free(m->coef);
    free(m->info);
    free(m);
}
