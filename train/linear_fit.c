#include "train/linear_fit.h"

#include <linear.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "train/thread_rand.h"

static void print_nothing(const char *s)
{
    (void)s;
}

static void install_print_nothing(void)
{
    set_print_string_function(print_nothing);
}

/* LIBLINEAR's print hook is one global of LIBLINEAR's: set once per
 * process, as libsvm's is (svm_fit.c), so concurrent trainings never
 * write it. */
void st_linear_quiet(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install_print_nothing);
}

int st_linear_rows_build(st_linear_rows *r, const st_sparse *counts, size_t n,
                         const st_feature_config *cfg, const float *idf,
                         const st_space *space, const st_lexicon *lexicon,
                         st_error *err)
{
    int buckets = 1 << cfg->hash_bits, extra = space ? space->dims : 0;
    int concepts = lexicon ? buckets : 0;
    st_sparse v = { 0 }, mapped = { 0 };
    double *z = NULL;
    size_t total = 0, at = 0;

    memset(r, 0, sizeof *r);
    for (size_t i = 0; i < n; i++) {
        total += counts[i].n + (size_t)extra + 2;    /* + bias + terminator */
        if (lexicon)
            total += st_lexicon_map_bound(lexicon, &counts[i]);
    }
    r->row = st_malloc((n ? n : 1) * sizeof *r->row, err);
    r->pool = r->row ? st_malloc(total * sizeof *r->pool, err) : NULL;
    if (!r->pool || (extra && !(z = st_malloc((size_t)extra * sizeof *z, err))))
        goto fail;
    r->n = n;
    r->dim = buckets + concepts + extra;
    for (size_t i = 0; i < n; i++) {
        if (st_sparse_copy(&v, &counts[i], err) < 0)
            goto fail;
        st_weigh(cfg, idf, &v);
        if (lexicon && st_lexicon_map(lexicon, &v, &mapped, err) < 0)
            goto fail;
        r->row[i] = r->pool + at;
        for (size_t t = 0; t < v.n; t++, at++) {
            r->pool[at].index = (int)v.index[t] + 1;
            r->pool[at].value = v.value[t];
        }
        for (size_t t = 0; lexicon && t < mapped.n; t++, at++) {
            r->pool[at].index = buckets + (int)mapped.index[t] + 1;
            r->pool[at].value = mapped.value[t];
        }
        if (extra) {
            st_space_project(space, &v, z);
            for (int j = 0; j < extra; j++, at++) {
                r->pool[at].index = buckets + concepts + j + 1;
                r->pool[at].value = z[j];
            }
        }
        r->pool[at].index = r->dim + 1;   /* the bias feature */
        r->pool[at++].value = 1.0;
        r->pool[at++].index = -1;
    }
    st_sparse_free(&v);
    st_sparse_free(&mapped);
    free(z);
    return 0;
fail:
    st_sparse_free(&v);
    st_sparse_free(&mapped);
    free(z);
    st_linear_rows_free(r);
    return -1;
}

void st_linear_rows_free(st_linear_rows *r)
{
    free(r->row);
    free(r->pool);
    memset(r, 0, sizeof *r);
}

/* LIBLINEAR shuffles with rand(), here one state per thread
 * (thread_rand.h): every training starts from the same seed, so a model
 * depends on its inputs only, at any thread count. */
static struct model *train_seeded(const struct problem *prob,
                                  const struct parameter *param)
{
    st_thread_rand_seed(1);
    return train(prob, param);
}

/* Copies LIBLINEAR's weights, oriented so that positives score > 0:
 * a binary LIBLINEAR model's w is for its first label, the label of the
 * first training item. */
static int export_weights(st_linear_fit *fit, const struct model *m, int dim,
                          st_error *err)
{
    double sign = m->label[0] == 1 ? 1.0 : -1.0;

    fit->w = st_malloc((size_t)dim * sizeof *fit->w, err);
    if (!fit->w)
        return -1;
    fit->dim = dim;
    for (int t = 0; t < dim; t++)
        fit->w[t] = (float)(sign * m->w[t]);
    fit->bias = sign * m->w[dim];
    return 0;
}

static const char *const loss_names[] = { "hinge", "squared-hinge", "logistic" };

const char *st_loss_name(st_loss loss)
{
    return (unsigned)loss < sizeof loss_names / sizeof *loss_names ? loss_names[loss] : "?";
}

int st_loss_parse(const char *name, st_loss *loss)
{
    for (size_t i = 0; i < sizeof loss_names / sizeof *loss_names; i++)
        if (!strcmp(name, loss_names[i])) {
            *loss = (st_loss)i;
            return 0;
        }
    return -1;
}

/* LIBLINEAR's dual solver for each loss (all three with eps 0.1, its
 * default for them). */
static int solver_of(st_loss loss)
{
    switch (loss) {
    case ST_LOSS_SQUARED_HINGE: return L2R_L2LOSS_SVC_DUAL;
    case ST_LOSS_LOGISTIC: return L2R_LR_DUAL;
    default: return L2R_L1LOSS_SVC_DUAL;
    }
}

int st_linear_train(st_linear_fit *fit, const st_linear_rows *rows,
                    const size_t *train, size_t l, const int *positive,
                    const st_linear_params *p, st_error *err)
{
    struct problem prob = { 0 };
    struct parameter param = { 0 };
    int labels[2] = { -1, 1 };
    double weights[2] = { p->weight[0], p->weight[1] };
    struct model *m = NULL;
    const char *bad;
    int rc = -1;

    memset(fit, 0, sizeof *fit);
    prob.y = st_malloc((l ? l : 1) * sizeof *prob.y, err);
    prob.x = prob.y ? st_malloc((l ? l : 1) * sizeof *prob.x, err) : NULL;
    if (!prob.x)
        goto done;
    prob.l = (int)l;
    prob.n = rows->dim + 1;
    prob.bias = 1.0;
    for (size_t t = 0; t < l; t++) {
        prob.y[t] = positive[train[t]] ? 1 : -1;
        prob.x[t] = rows->row[train[t]];
    }
    param.solver_type = solver_of(p->loss);
    param.eps = 0.1;    /* LIBLINEAR's default for the dual solvers */
    param.C = p->C;
    param.nr_weight = 2;
    param.weight_label = labels;
    param.weight = weights;
    if ((bad = check_parameter(&prob, &param))) {
        st_fail(err, "LIBLINEAR refused the parameters: %s", bad);
        goto done;
    }
    if (!(m = train_seeded(&prob, &param))) {
        st_fail(err, "LIBLINEAR failed to train (out of memory?)");
        goto done;
    }
    if (m->nr_class != 2) {
        st_fail(err, "LIBLINEAR saw %d classes where two were expected",
                m->nr_class);
        goto done;
    }
    rc = export_weights(fit, m, rows->dim, err);
done:
    if (m)
        free_and_destroy_model(&m);
    free(prob.y);
    free(prob.x);
    return rc;
}

double st_linear_row_decision(const st_linear_fit *fit,
                              const st_linear_rows *rows, size_t i)
{
    double sum = fit->bias;
    for (const struct feature_node *f = rows->row[i]; f->index != -1; f++)
        if (f->index <= fit->dim)
            sum += f->value * fit->w[f->index - 1];
    return sum;
}

void st_linear_fit_free(st_linear_fit *fit)
{
    free(fit->w);
    memset(fit, 0, sizeof *fit);
}
