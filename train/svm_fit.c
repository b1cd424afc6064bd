#include "train/svm_fit.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static void print_nothing(const char *s)
{
    (void)s;
}

static void install_print_nothing(void)
{
    svm_set_print_string_function(print_nothing);
}

/* libsvm's print hook is one global of libsvm's: set once per process,
 * not on every training, so that concurrent trainings never write it. */
void st_svm_quiet(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install_print_nothing);
}

int st_kernel_rows_build(st_kernel_rows *k, const double *G, size_t n,
                         st_kernel kernel, double gamma, st_error *err)
{
    memset(k, 0, sizeof *k);
    k->row = st_malloc(n * sizeof *k->row, err);
    k->pool = k->row ? st_malloc(n * (n + 2) * sizeof *k->pool, err) : NULL;
    if (!k->pool) {
        st_kernel_rows_free(k);
        return -1;
    }
    k->n = n;
    for (size_t i = 0; i < n; i++) {
        struct svm_node *r = k->row[i] = k->pool + i * (n + 2);
        r[0].index = 0;
        r[0].value = (double)(i + 1);
        for (size_t j = 0; j < n; j++) {
            double g = G[i * n + j];
            r[j + 1].index = (int)(j + 1);
            r[j + 1].value = kernel == ST_KERNEL_RBF
                ? exp(-gamma * (G[i * n + i] + G[j * n + j] - 2 * g)) : g;
        }
        r[n + 1].index = -1;
    }
    return 0;
}

void st_kernel_rows_free(st_kernel_rows *k)
{
    free(k->row);
    free(k->pool);
    memset(k, 0, sizeof *k);
}

/* Stable sort of the training records by class (a counting sort). */
static void sort_by_class(size_t *rows, const size_t *train, size_t l,
                          const int *y, int k)
{
    size_t start[ST_MAX_CLASSES + 1] = { 0 };
    for (size_t t = 0; t < l; t++)
        start[y[train[t]] + 1]++;
    for (int c = 1; c <= k; c++)
        start[c] += start[c - 1];
    for (size_t t = 0; t < l; t++)
        rows[start[y[train[t]]]++] = train[t];
}

int st_svm_train(st_svm_fit *fit, const st_kernel_rows *K, const size_t *train,
                 size_t l, const int *y, const st_svm_params *p, st_error *err)
{
    struct svm_parameter param;
    struct svm_problem prob;
    int labels[ST_MAX_CLASSES];
    double weights[ST_MAX_CLASSES];
    const char *bad;

    memset(fit, 0, sizeof *fit);
    fit->rows = st_malloc(l * sizeof *fit->rows, err);
    prob.y = fit->rows ? st_malloc(l * sizeof *prob.y, err) : NULL;
    prob.x = prob.y ? st_malloc(l * sizeof *prob.x, err) : NULL;
    if (!prob.x) {
        free(prob.y);
        st_svm_fit_free(fit);
        return -1;
    }
    sort_by_class(fit->rows, train, l, y, p->nclasses);
    fit->l = l;
    prob.l = (int)l;
    for (size_t t = 0; t < l; t++) {
        prob.y[t] = y[fit->rows[t]];
        prob.x[t] = K->row[fit->rows[t]];
    }
    for (int c = 0; c < p->nclasses; c++) {
        labels[c] = c;
        weights[c] = p->class_weight ? p->class_weight[c] : 1.0;
    }
    memset(&param, 0, sizeof param);
    param.svm_type = C_SVC;
    param.kernel_type = PRECOMPUTED;
    param.C = p->C;
    param.eps = 1e-3;
    param.cache_size = 100;
    param.shrinking = 1;
    param.nr_weight = p->nclasses;
    param.weight_label = labels;
    param.weight = weights;
    bad = svm_check_parameter(&prob, &param);
    if (bad) {
        st_fail(err, "libsvm refused the parameters: %s", bad);
    } else {
        fit->model = svm_train(&prob, &param);
        if (!fit->model)
            st_fail(err, "libsvm failed to train (out of memory?)");
    }
    free(prob.y);
    free(prob.x);
    if (!fit->model) {
        st_svm_fit_free(fit);
        return -1;
    }
    return 0;
}

void st_svm_decisions(const st_svm_fit *fit, const st_kernel_rows *K,
                      size_t i, double *dec)
{
    svm_predict_values(fit->model, K->row[i], dec);
}

void st_svm_fit_free(st_svm_fit *fit)
{
    if (fit->model)
        svm_free_and_destroy_model(&fit->model);
    free(fit->rows);
    memset(fit, 0, sizeof *fit);
}

static const st_sparse *sv_vector(const st_svm_fit *fit, const st_sparse *x,
                                  int s)
{
    return &x[fit->rows[fit->model->sv_indices[s] - 1]];
}

static void add_scaled(float *w, const st_sparse *v, double scale)
{
    for (size_t t = 0; t < v->n; t++)
        w[v->index[t]] += (float)(scale * v->value[t]);
}

int st_svm_export(const st_svm_fit *fit, const st_sparse *x, st_model *m,
                  st_error *err)
{
    const struct svm_model *sm = fit->model;
    int k = m->labels.n, start[ST_MAX_CLASSES];
    size_t buckets = st_model_buckets(m);

    if (sm->nr_class != k)
        return st_fail(err, "libsvm saw %d classes, expected %d", sm->nr_class, k);
    for (int c = 0; c < k; c++)
        if (sm->label[c] != c)
            return st_fail(err, "libsvm class order differs from stance's");
    start[0] = 0;
    for (int c = 1; c < k; c++)
        start[c] = start[c - 1] + sm->nSV[c - 1];
    memcpy(m->rho, sm->rho, (size_t)m->npairs * sizeof *m->rho);

    if (m->kernel == ST_KERNEL_LINEAR) {
        m->w = st_calloc((size_t)m->npairs * buckets, sizeof *m->w, err);
        if (!m->w)
            return -1;
        for (int i = 0, p = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++, p++) {
                float *w = m->w + (size_t)p * buckets;
                for (int s = start[i]; s < start[i] + sm->nSV[i]; s++)
                    add_scaled(w, sv_vector(fit, x, s), sm->sv_coef[j - 1][s]);
                for (int s = start[j]; s < start[j] + sm->nSV[j]; s++)
                    add_scaled(w, sv_vector(fit, x, s), sm->sv_coef[i][s]);
            }
        }
        return 0;
    }
    m->nsv = (size_t)sm->l;
    m->sv = st_calloc(m->nsv, sizeof *m->sv, err);
    m->sv_per_class = st_malloc((size_t)k * sizeof *m->sv_per_class, err);
    m->coef = st_malloc((size_t)(k - 1) * m->nsv * sizeof *m->coef, err);
    if (!m->sv || !m->sv_per_class || !m->coef)
        return -1;
    memcpy(m->sv_per_class, sm->nSV, (size_t)k * sizeof *m->sv_per_class);
    for (int s = 0; s < sm->l; s++) {
        for (int r = 0; r < k - 1; r++)
            m->coef[(size_t)(k - 1) * (size_t)s + (size_t)r] = sm->sv_coef[r][s];
        if (st_sparse_copy(&m->sv[s], sv_vector(fit, x, s), err) < 0)
            return -1;
    }
    return 0;
}
