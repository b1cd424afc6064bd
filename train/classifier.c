#include "train/classifier.h"

#include <stdlib.h>
#include <string.h>

static int train_one_vs_rest(st_classifier *c, const st_kernel_rows *K,
                             const size_t *train, size_t l, const int *y,
                             const st_classifier_params *p, st_error *err)
{
    int *binary = st_malloc(K->n * sizeof *binary, err);

    if (!binary)
        return -1;
    for (int k = 0; k < c->nclasses; k++) {
        st_svm_params svm = p->svm;
        svm.nclasses = 2;
        svm.class_weight = p->one_vs_rest_weight[k];
        /* Class 0 is k, so libsvm's positive side is k. */
        for (size_t t = 0; t < l; t++)
            binary[train[t]] = y[train[t]] != k;
        if (st_svm_train(&c->fit[k], K, train, l, binary, &svm, err) < 0) {
            free(binary);
            return -1;
        }
        c->nfit = k + 1;
    }
    free(binary);
    return 0;
}

/* LIBLINEAR machine number m: positives are class `pos`, negatives the
 * records of class `neg` (one-vs-one) or every other record (neg < 0). */
static int train_linear_machine(st_classifier *c, int m, const st_fit_data *data,
                                const size_t *train, size_t l, const int *y,
                                int pos, int neg, const st_classifier_params *p,
                                size_t *subset, int *positive, st_error *err)
{
    st_linear_params lp = { p->svm.C, { 1, 1 }, p->loss };
    size_t n = 0;

    for (size_t t = 0; t < l; t++) {
        int cls = y[train[t]];
        if (neg >= 0 && cls != pos && cls != neg)
            continue;
        subset[n++] = train[t];
        positive[train[t]] = cls == pos;
    }
    if (neg >= 0) {
        lp.weight[0] = p->svm.class_weight ? p->svm.class_weight[neg] : 1;
        lp.weight[1] = p->svm.class_weight ? p->svm.class_weight[pos] : 1;
    } else {
        lp.weight[0] = p->one_vs_rest_weight[pos][1];
        lp.weight[1] = p->one_vs_rest_weight[pos][0];
    }
    if (st_linear_train(&c->lin[m], data->rows, subset, n, positive, &lp, err) < 0)
        return -1;
    c->nfit = m + 1;
    return 0;
}

static int train_linear(st_classifier *c, const st_fit_data *data,
                        const size_t *train, size_t l, const int *y,
                        const st_classifier_params *p, st_error *err)
{
    int k = c->nclasses, machines = c->one_vs_rest ? k : k * (k - 1) / 2;
    size_t *subset = st_malloc((l ? l : 1) * sizeof *subset, err);
    int *positive = subset ? st_calloc(data->rows->n, sizeof *positive, err) : NULL;
    int rc = -1;

    c->lin = positive ? st_calloc((size_t)machines, sizeof *c->lin, err) : NULL;
    if (!c->lin)
        goto done;
    if (c->one_vs_rest) {
        for (int i = 0; i < k; i++)
            if (train_linear_machine(c, i, data, train, l, y, i, -1, p, subset,
                                     positive, err) < 0)
                goto done;
    } else {
        for (int i = 0, m = 0; i < k; i++)
            for (int j = i + 1; j < k; j++, m++)
                if (train_linear_machine(c, m, data, train, l, y, i, j, p,
                                         subset, positive, err) < 0)
                    goto done;
    }
    rc = 0;
done:
    free(subset);
    free(positive);
    return rc;
}

int st_classifier_train(st_classifier *c, const st_fit_data *data,
                        const size_t *train, size_t l, const int *y,
                        const st_classifier_params *p, st_error *err)
{
    int rc;

    memset(c, 0, sizeof *c);
    c->solver = p->solver;
    c->nclasses = st_predicted_classes(p);
    c->one_vs_rest = p->background >= 0;
    if (c->solver == ST_SOLVER_LIBLINEAR)
        rc = train_linear(c, data, train, l, y, p, err);
    else if (c->one_vs_rest)
        rc = train_one_vs_rest(c, data->K, train, l, y, p, err);
    else if ((rc = st_svm_train(&c->fit[0], data->K, train, l, y, &p->svm, err)) == 0)
        c->nfit = 1;
    if (rc < 0)
        st_classifier_free(c);
    return rc;
}

/* One-vs-rest machines' values f, combined into pairs: f_i - f_j. */
static void pairs_from_one_vs_rest(int k, const double *f, double *dec)
{
    for (int a = 0, p = 0; a < k; a++)
        for (int b = a + 1; b < k; b++, p++)
            dec[p] = f[a] - f[b];
}

void st_classifier_decisions(const st_classifier *c, const st_fit_data *data,
                             size_t i, double *dec)
{
    double f[ST_MAX_CLASSES];

    if (c->solver == ST_SOLVER_LIBLINEAR) {
        if (!c->one_vs_rest) {
            for (int m = 0; m < c->nfit; m++)
                dec[m] = st_linear_row_decision(&c->lin[m], data->rows, i);
            return;
        }
        for (int k = 0; k < c->nclasses; k++)
            f[k] = st_linear_row_decision(&c->lin[k], data->rows, i);
    } else {
        if (!c->one_vs_rest) {
            st_svm_decisions(&c->fit[0], data->K, i, dec);
            return;
        }
        for (int k = 0; k < c->nclasses; k++)
            st_svm_decisions(&c->fit[k], data->K, i, &f[k]);
    }
    pairs_from_one_vs_rest(c->nclasses, f, dec);
}

/* One one-vs-rest machine exported as a binary model of its own. */
static st_model *export_binary(const st_svm_fit *fit, const st_sparse *x,
                               const st_model *m, st_error *err)
{
    st_model *b = st_calloc(1, sizeof *b, err);

    if (!b)
        return NULL;
    b->features = m->features;
    b->kernel = m->kernel;
    b->labels.n = 2;
    b->npairs = 1;
    if (!(b->rho = st_calloc(1, sizeof *b->rho, err)) ||
        st_svm_export(fit, x, b, err) < 0) {
        st_model_free(b);
        return NULL;
    }
    return b;
}

/* Pair (i, j) = f_i - f_j, as one weight vector. */
static void combine_linear(st_model *m, st_model **f)
{
    size_t buckets = st_model_buckets(m);
    for (int i = 0, p = 0; i < m->labels.n; i++)
        for (int j = i + 1; j < m->labels.n; j++, p++) {
            float *w = m->w + (size_t)p * buckets;
            for (size_t t = 0; t < buckets; t++)
                w[t] = f[i]->w[t] - f[j]->w[t];
        }
}

/* Pair (i, j) = f_i - f_j as one kernel expansion in libsvm's one-vs-one
 * layout: class block c holds f_c's support vectors, and an SV of block c
 * has its f_c coefficient in the pairs where c comes first and minus it
 * where c comes second. */
static int combine_rbf(st_model *m, st_model **f, st_error *err)
{
    int k = m->labels.n;
    size_t s = 0;

    m->nsv = 0;
    for (int c = 0; c < k; c++)
        m->nsv += f[c]->nsv;
    m->sv = st_calloc(m->nsv, sizeof *m->sv, err);
    m->sv_per_class = st_malloc((size_t)k * sizeof *m->sv_per_class, err);
    m->coef = st_malloc((size_t)(k - 1) * m->nsv * sizeof *m->coef, err);
    if (!m->sv || !m->sv_per_class || !m->coef)
        return -1;
    for (int c = 0; c < k; c++) {
        m->sv_per_class[c] = (int)f[c]->nsv;
        for (size_t t = 0; t < f[c]->nsv; t++, s++) {
            for (int o = 0; o < k; o++)
                if (o != c)
                    m->coef[(size_t)(k - 1) * s + (size_t)(o > c ? o - 1 : o)] =
                        o > c ? f[c]->coef[t] : -f[c]->coef[t];
            m->sv[s] = f[c]->sv[t];
            f[c]->sv[t] = (st_sparse){ 0 };
        }
    }
    return 0;
}

static int export_one_vs_rest(const st_classifier *c, const st_sparse *x,
                              st_model *m, st_error *err)
{
    st_model *f[ST_MAX_CLASSES] = { 0 };
    int rc = -1;

    for (int k = 0; k < c->nclasses; k++)
        if (!(f[k] = export_binary(&c->fit[k], x, m, err)))
            goto done;
    for (int i = 0, p = 0; i < c->nclasses; i++)
        for (int j = i + 1; j < c->nclasses; j++, p++)
            m->rho[p] = f[i]->rho[0] - f[j]->rho[0];
    if (m->kernel == ST_KERNEL_LINEAR) {
        m->w = st_calloc((size_t)m->npairs * st_model_buckets(m), sizeof *m->w, err);
        if (!m->w)
            goto done;
        combine_linear(m, f);
        rc = 0;
    } else {
        rc = combine_rbf(m, f, err);
    }
done:
    for (int k = 0; k < c->nclasses; k++)
        st_model_free(f[k]);
    return rc;
}

/* out[0..n) = the pair's weights from index `from` on: machine a's, less
 * machine b's when the pair is two one-vs-rest machines (b not NULL). */
static void pair_weights(const st_linear_fit *a, const st_linear_fit *b,
                         size_t from, size_t n, float *out)
{
    for (size_t t = 0; t < n; t++)
        out[t] = b ? a->w[from + t] - b->w[from + t] : a->w[from + t];
}

/* LIBLINEAR machines as the model's pair rows: decision = w.x - rho.  A
 * machine's weights on a lexicon's concepts and on the cross-lingual
 * space's features fold into its n-gram weights (train/lexicon.h,
 * train/space.h): both are linear maps of the record's own features. */
static int export_linear(const st_classifier *c, const st_space *space,
                         const st_lexicon *lexicon, st_model *m, st_error *err)
{
    size_t buckets = st_model_buckets(m);
    size_t space_at = buckets + (lexicon ? buckets : 0);
    float u[ST_SPACE_MAX_DIMS], *concepts = NULL;

    if (m->kernel != ST_KERNEL_LINEAR)
        return st_fail(err, "LIBLINEAR fits linear models only");
    m->w = st_calloc((size_t)m->npairs * buckets, sizeof *m->w, err);
    if (!m->w || (lexicon && !(concepts = st_malloc(buckets * sizeof *concepts, err))))
        return -1;
    for (int i = 0, p = 0; i < c->nclasses; i++) {
        for (int j = i + 1; j < c->nclasses; j++, p++) {
            float *w = m->w + (size_t)p * buckets;
            const st_linear_fit *a = &c->lin[c->one_vs_rest ? i : p];
            const st_linear_fit *b = c->one_vs_rest ? &c->lin[j] : NULL;
            pair_weights(a, b, 0, buckets, w);
            m->rho[p] = -(b ? a->bias - b->bias : a->bias);
            if (lexicon) {
                pair_weights(a, b, buckets, buckets, concepts);
                st_lexicon_fold(lexicon, concepts, w);
            }
            if (space) {
                pair_weights(a, b, space_at, (size_t)space->dims, u);
                st_space_fold(space, u, w);
            }
        }
    }
    free(concepts);
    return 0;
}

int st_classifier_export(const st_classifier *c, const st_sparse *x,
                         const st_space *space, const st_lexicon *lexicon,
                         st_model *m, st_error *err)
{
    if (c->solver == ST_SOLVER_LIBLINEAR)
        return export_linear(c, space, lexicon, m, err);
    if (!c->one_vs_rest)
        return st_svm_export(&c->fit[0], x, m, err);
    return export_one_vs_rest(c, x, m, err);
}

void st_classifier_free(st_classifier *c)
{
    for (int k = 0; k < c->nfit; k++) {
        if (c->solver == ST_SOLVER_LIBLINEAR)
            st_linear_fit_free(&c->lin[k]);
        else
            st_svm_fit_free(&c->fit[k]);
    }
    free(c->lin);
    c->lin = NULL;
    c->nfit = 0;
}
