#include "train/trainer.h"

#include <jansson.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/clock.h"
#include "common/parallel.h"
#include "features/idf.h"
#include "train/calibrate.h"
#include "train/folds.h"
#include "train/gram.h"
#include "train/classifier.h"

void st_train_options_default(st_train_options *o)
{
    static const double c_grid[] = { 0.1, 0.3, 1, 3, 10, 30, 100 };
    static const double gamma_grid[] = { 0.1, 0.3, 1, 3 };
    memset(o, 0, sizeof *o);
    o->solver = ST_SOLVER_LIBLINEAR;
    o->loss = ST_LOSS_HINGE;
    o->kernel = ST_KERNEL_LINEAR;
    memcpy(o->c_grid, c_grid, sizeof c_grid);
    o->nc = (int)(sizeof c_grid / sizeof *c_grid);
    memcpy(o->gamma_grid, gamma_grid, sizeof gamma_grid);
    o->ngamma = (int)(sizeof gamma_grid / sizeof *gamma_grid);
    o->folds = 5;
    o->repeats = 1;
    o->seed = 1;
    o->threads = st_cpu_count();
    o->balanced = 1;
    o->background = -1;
}

/* Everything the parallel jobs share. */
typedef struct session {
    const st_dataset *d;
    const st_feature_config *features;
    const st_train_options *o;
    st_train_report *rep;
    int k, npairs;
    int predicted;        /* classes predicted: k, or k - 1 with a background */
    size_t n;
    int *fold;            /* repeats x n */
    double **gram;        /* repeats x folds matrices, n x n */
    double *oof;          /* grid x repeats x n x npairs decision values */
    double class_weight[ST_MAX_CLASSES];
    st_classifier_params params;  /* C and gamma set per grid point */
    struct timespec start;
    const char *phase;
} session;

static double elapsed(const session *s)
{
    return st_seconds_since(&s->start);
}

static void report_progress(void *ctx, size_t done, size_t total)
{
    session *s = ctx;
    st_train_progress p = { s->phase, done, total, elapsed(s) };
    if (s->o->progress)
        s->o->progress(s->o->progress_ctx, &p);
}

/* IDF learned from the records in `use` (NULL: all), and the unlabelled
 * documents of the options, into *idf; NULL when the features use none. */
static int learn_idf(const session *s, const int *use, float **idf,
                     st_error *err)
{
    st_df_counter df;

    *idf = NULL;
    if (!s->features->idf)
        return 0;
    if (st_df_init(&df, s->features->hash_bits, err) < 0)
        return -1;
    for (size_t i = 0; i < s->n; i++)
        if (!use || use[i])
            st_df_add(&df, &s->d->counts[i]);
    if (s->o->idf_documents)
        st_df_add_counter(&df, s->o->idf_documents);
    *idf = st_df_to_idf(&df, err);
    st_df_free(&df);
    return *idf ? 0 : -1;
}

/* Weighted vectors of all records, with IDF learned from the records in
 * `use` (NULL: all). */
static st_sparse *weighted_vectors(const session *s, const int *use,
                                   float **idf_out, st_error *err)
{
    float *idf = NULL;
    st_sparse *x = st_calloc(s->n, sizeof *x, err);

    if (!x || learn_idf(s, use, &idf, err) < 0)
        goto fail;
    for (size_t i = 0; i < s->n; i++) {
        if (st_sparse_copy(&x[i], &s->d->counts[i], err) < 0)
            goto fail;
        st_weigh(s->features, idf, &x[i]);
    }
    if (idf_out)
        *idf_out = idf;
    else
        free(idf);
    return x;
fail:
    free(idf);
    for (size_t i = 0; x && i < s->n; i++)
        st_sparse_free(&x[i]);
    free(x);
    return NULL;
}

/* LIBLINEAR's rows of all records, weighted with IDF learned from the
 * records in `use` (NULL: all), made straight from the counts: no weighted
 * copy of the corpus is held beside them. */
static int weighted_rows(const session *s, const int *use, st_linear_rows *rows,
                         float **idf_out, st_error *err)
{
    float *idf;
    int rc;

    if (learn_idf(s, use, &idf, err) < 0)
        return -1;
    rc = st_linear_rows_build(rows, s->d->counts, s->n, s->features, idf,
                              s->o->space, s->o->lexicon, err);
    if (idf_out && rc == 0)
        *idf_out = idf;
    else
        free(idf);
    return rc;
}

static void free_vectors(st_sparse *x, size_t n)
{
    for (size_t i = 0; x && i < n; i++)
        st_sparse_free(&x[i]);
    free(x);
}

/* Job: the Gram matrix of one (repeat, fold), IDF from its training part. */
static int gram_job(void *ctx, size_t job, int worker, st_error *err)
{
    session *s = ctx;
    size_t r = job / (size_t)s->o->folds;
    (void)worker;
    int f = (int)(job % (size_t)s->o->folds);
    const int *fold = s->fold + r * s->n;
    int *use = st_malloc(s->n * sizeof *use, err);
    st_sparse *x;
    int rc = -1;

    if (!use)
        return -1;
    for (size_t i = 0; i < s->n; i++)
        use[i] = fold[i] != f;
    x = weighted_vectors(s, use, NULL, err);
    s->gram[job] = x ? st_malloc(s->n * s->n * sizeof(double), err) : NULL;
    if (s->gram[job])
        rc = st_gram_linear(x, s->n, s->features->hash_bits, s->gram[job], err);
    free_vectors(x, s->n);
    free(use);
    return rc;
}

static st_classifier_params grid_params(const session *s, const st_grid_point *g)
{
    st_classifier_params p = s->params;
    p.svm.C = g->C;
    p.svm.gamma = g->gamma;
    return p;
}

/* Whether record i counts in scores and calibration (background records
 * are trained on, never predicted). */
static int is_predicted(const session *s, size_t i)
{
    return s->d->y[i] < s->predicted;
}

/* The decision values of record i out of fold, at grid point g, repeat r. */
static double *oof_slot(const session *s, size_t g, size_t r, size_t i)
{
    return s->oof + ((g * (size_t)s->o->repeats + r) * s->n + i) * (size_t)s->npairs;
}

/* Job: train on one fold's training part at one grid point and record the
 * decision values of its held-out records. */
static int cv_job(void *ctx, size_t job, int worker, st_error *err)
{
    session *s = ctx;
    size_t per_grid = (size_t)s->o->repeats * (size_t)s->o->folds;
    size_t g = job / per_grid, rf = job % per_grid, r = rf / (size_t)s->o->folds;
    int f = (int)(rf % (size_t)s->o->folds);
    const int *fold = s->fold + r * s->n;
    st_classifier_params p = grid_params(s, &s->rep->grid[g]);
    st_kernel_rows K;
    st_classifier fit;
    size_t *train = st_malloc(s->n * sizeof *train, err), l = 0;

    (void)worker;
    if (!train)
        return -1;
    for (size_t i = 0; i < s->n; i++)
        if (fold[i] != f)
            train[l++] = i;
    if (st_kernel_rows_build(&K, s->gram[rf], s->n, p.svm.kernel, p.svm.gamma,
                             err) < 0) {
        free(train);
        return -1;
    }
    st_fit_data data = { &K, NULL, NULL };
    if (st_classifier_train(&fit, &data, train, l, s->d->y, &p, err) == 0) {
        for (size_t i = 0; i < s->n; i++)
            if (fold[i] == f && is_predicted(s, i))
                st_classifier_decisions(&fit, &data, i, oof_slot(s, g, r, i));
        st_classifier_free(&fit);
    } else {
        l = 0;
    }
    st_kernel_rows_free(&K);
    free(train);
    return l ? 0 : -1;
}

/* Job (LIBLINEAR): one (repeat, fold) at every grid point.  Its rows,
 * weighted with IDF from its training part, are made once and dropped at
 * the end, so only `threads` folds' rows are ever held. */
static int linear_fold_job(void *ctx, size_t job, int worker, st_error *err)
{
    session *s = ctx;
    size_t r = job / (size_t)s->o->folds;
    int f = (int)(job % (size_t)s->o->folds);
    const int *fold = s->fold + r * s->n;
    int *use = st_malloc(s->n * sizeof *use, err);
    size_t *train = use ? st_malloc(s->n * sizeof *train, err) : NULL, l = 0;
    st_linear_rows rows = { 0 };
    int rc = -1;

    (void)worker;
    if (!train)
        goto done;
    for (size_t i = 0; i < s->n; i++)
        if ((use[i] = fold[i] != f))
            train[l++] = i;
    if (weighted_rows(s, use, &rows, NULL, err) < 0)
        goto done;
    for (int g = 0; g < s->rep->ngrid; g++) {
        st_classifier_params p = grid_params(s, &s->rep->grid[g]);
        st_fit_data data = { NULL, &rows, NULL };
        st_classifier fit;
        if (st_classifier_train(&fit, &data, train, l, s->d->y, &p, err) < 0)
            goto done;
        for (size_t i = 0; i < s->n; i++)
            if (fold[i] == f && is_predicted(s, i))
                st_classifier_decisions(&fit, &data, i, oof_slot(s, (size_t)g, r, i));
        st_classifier_free(&fit);
    }
    rc = 0;
done:
    st_linear_rows_free(&rows);
    free(train);
    free(use);
    return rc;
}

/* Cross-validated macro-F1 and accuracy of every grid point (mean over
 * repeats, the one-vs-one vote), and the best point. */
static int score_grid(session *s, st_error *err)
{
    st_train_report *rep = s->rep;
    st_confusion c = { 0 };
    st_scores sc = { 0 };
    int rc = -1;

    if (st_confusion_init(&c, s->predicted, err) < 0)
        return -1;
    for (int g = 0; g < rep->ngrid; g++) {
        double f1 = 0, acc = 0;
        for (int r = 0; r < s->o->repeats; r++) {
            memset(c.count, 0, (size_t)c.k * (size_t)c.k * sizeof *c.count);
            for (size_t i = 0; i < s->n; i++)
                if (is_predicted(s, i))
                    st_confusion_add(&c, s->d->y[i],
                                     st_pair_vote(s->predicted,
                                                  oof_slot(s, (size_t)g, (size_t)r, i)));
            if (st_scores_compute(&c, &sc, err) < 0)
                goto done;
            f1 += sc.macro.f1;
            acc += sc.accuracy;
        }
        rep->grid[g].macro_f1 = f1 / s->o->repeats;
        rep->grid[g].accuracy = acc / s->o->repeats;
        /* Strictly better only: ties keep the earlier, more regularised
         * point (the grid runs from small C up). */
        if (rep->grid[g].macro_f1 > rep->grid[rep->best].macro_f1 + 1e-12)
            rep->best = g;
    }
    rc = 0;
done:
    st_confusion_free(&c);
    st_scores_free(&sc);
    return rc;
}

/* The report's slot for lang, added (with its confusion matrix) on its
 * first appearance; -1 with err when out of memory. */
static int lang_slot(st_train_report *rep, int k, const char *lang, st_error *err)
{
    const char *name = lang ? lang : "?";
    st_lang_scores *grown;

    for (int t = 0; t < rep->nlang; t++)
        if (!strcmp(rep->lang[t].lang, name))
            return t;
    grown = st_realloc(rep->lang, (size_t)(rep->nlang + 1) * sizeof *grown, err);
    if (!grown)
        return -1;
    rep->lang = grown;
    memset(&grown[rep->nlang], 0, sizeof *grown);
    snprintf(grown[rep->nlang].lang, sizeof grown->lang, "%s", name);
    if (st_confusion_init(&grown[rep->nlang].confusion, k, err) < 0)
        return -1;
    return rep->nlang++;
}

/* Scores the best point's out-of-fold decisions as prediction will label
 * them: the most probable class under m's calibration. */
static int score_best(session *s, const st_model *m, st_error *err)
{
    st_train_report *rep = s->rep;
    double *prob = st_malloc((size_t)m->labels.n * sizeof *prob, err);
    int any_lang = 0, rc = -1;

    for (size_t i = 0; i < s->n; i++)
        any_lang |= s->d->lang[i] != NULL;
    if (!prob || st_confusion_init(&rep->confusion, s->predicted, err) < 0)
        goto done;
    for (int r = 0; r < s->o->repeats; r++) {
        for (size_t i = 0; i < s->n; i++) {
            int pred, t;
            if (!is_predicted(s, i))
                continue;
            pred = st_model_probabilities(m, oof_slot(s, (size_t)rep->best,
                                                    (size_t)r, i), prob);
            st_confusion_add(&rep->confusion, s->d->y[i], pred);
            if (!any_lang)
                continue;
            if ((t = lang_slot(rep, s->predicted, s->d->lang[i], err)) < 0)
                goto done;
            st_confusion_add(&rep->lang[t].confusion, s->d->y[i], pred);
        }
    }
    if (st_scores_compute(&rep->confusion, &rep->scores, err) < 0)
        goto done;
    for (int t = 0; t < rep->nlang; t++)
        if (st_scores_compute(&rep->lang[t].confusion, &rep->lang[t].scores, err) < 0)
            goto done;
    rc = 0;
done:
    free(prob);
    return rc;
}

/* Platt's sigmoid per pair from the best point's out-of-fold values. */
static int calibrate(session *s, st_model *m, st_error *err)
{
    size_t total = s->n * (size_t)s->o->repeats;
    double *dec = st_malloc(total * sizeof *dec, err);
    int *positive = dec ? st_malloc(total * sizeof *positive, err) : NULL;
    int rc = positive ? 0 : -1;

    for (int i = 0, p = 0; rc == 0 && i < s->predicted; i++) {
        for (int j = i + 1; rc == 0 && j < s->predicted; j++, p++) {
            size_t n = 0;
            for (int r = 0; r < s->o->repeats; r++) {
                for (size_t t = 0; t < s->n; t++) {
                    if (s->d->y[t] != i && s->d->y[t] != j)
                        continue;
                    dec[n] = oof_slot(s, (size_t)s->rep->best, (size_t)r, t)[p];
                    positive[n++] = s->d->y[t] == i;
                }
            }
            rc = st_platt_fit(dec, positive, n, &m->platt_a[p], &m->platt_b[p], err);
        }
    }
    free(dec);
    free(positive);
    return rc;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The training texts' hashes, sorted and without repeats (copies of a
 * record count once). */
static int record_item_hashes(st_model *m, const st_dataset *d, st_error *err)
{
    size_t n = 0;
    if (!(m->item_hashes = st_malloc((d->n ? d->n : 1) * sizeof *m->item_hashes, err)))
        return -1;
    memcpy(m->item_hashes, d->text_hash, d->n * sizeof *m->item_hashes);
    qsort(m->item_hashes, d->n, sizeof *m->item_hashes, compare_u64);
    for (size_t i = 0; i < d->n; i++)
        if (!n || m->item_hashes[i] != m->item_hashes[n - 1])
            m->item_hashes[n++] = m->item_hashes[i];
    m->nitem_hashes = n;
    return 0;
}

static st_model *new_model(const session *s, st_error *err)
{
    st_model *m = st_calloc(1, sizeof *m, err);
    if (!m)
        return NULL;
    m->features = *s->features;
    m->labels = s->d->labels;
    m->labels.fixed = 0;
    m->labels.n = s->predicted;
    m->kernel = s->o->kernel;
    m->gamma = s->rep->grid[s->rep->best].gamma;
    m->npairs = s->npairs;
    m->rho = st_calloc((size_t)s->npairs, sizeof *m->rho, err);
    m->platt_a = st_calloc((size_t)s->npairs, sizeof *m->platt_a, err);
    m->platt_b = st_calloc((size_t)s->npairs, sizeof *m->platt_b, err);
    m->info = strdup(s->o->info ? s->o->info : "");
    m->corpus_fingerprint = s->d->fingerprint;
    m->corpus_records = s->n;
    if (record_item_hashes(m, s->d, err) < 0) {
        st_model_free(m);
        return NULL;
    }
    if (!m->rho || !m->platt_a || !m->platt_b || !m->info) {
        st_fail(err, "out of memory");
        st_model_free(m);
        return NULL;
    }
    return m;
}

/* Refits on every record with the chosen parameters. */
static int final_fit(session *s, st_model *m, st_error *err)
{
    st_grid_point *best = &s->rep->grid[s->rep->best];
    st_classifier_params p = grid_params(s, best);
    size_t *all = st_malloc(s->n * sizeof *all, err);
    st_sparse *x = NULL;
    double *G = NULL;
    st_kernel_rows K = { 0 };
    st_linear_rows rows = { 0 };
    st_classifier fit = { 0 };
    int rc = -1;

    if (!all)
        goto done;
    for (size_t i = 0; i < s->n; i++)
        all[i] = i;
    if (p.solver == ST_SOLVER_LIBLINEAR) {
        if (weighted_rows(s, NULL, &rows, &m->idf, err) < 0)
            goto done;
    } else if (!(x = weighted_vectors(s, NULL, &m->idf, err)) ||
               !(G = st_malloc(s->n * s->n * sizeof *G, err)) ||
               st_gram_linear(x, s->n, s->features->hash_bits, G, err) < 0 ||
               st_kernel_rows_build(&K, G, s->n, p.svm.kernel, p.svm.gamma, err) < 0) {
        goto done;
    }
    {
        st_fit_data data = { &K, &rows, x };
        if (st_classifier_train(&fit, &data, all, s->n, s->d->y, &p, err) < 0)
            goto done;
    }
    rc = st_classifier_export(&fit, x, s->o->space, s->o->lexicon, m, err);
done:
    st_classifier_free(&fit);
    st_kernel_rows_free(&K);
    st_linear_rows_free(&rows);
    free(all);
    free(G);
    free_vectors(x, s->n);
    return rc;
}

static int check_inputs(const st_dataset *d, const st_feature_config *features,
                        const st_train_options *o, st_error *err)
{
    if (st_dataset_check_classes(d, err) < 0)
        return -1;
    for (size_t i = 0; i < d->n; i++)
        if (d->y[i] < 0)
            return st_fail(err, "record %s has no label", d->id[i]);
    if (o->folds < 2)
        return st_fail(err, "cross-validation needs at least 2 folds");
    if (o->background >= 0 &&
        (o->background != d->labels.n - 1 || d->labels.n < 3))
        return st_fail(err, "the background must be the last class, after at "
                       "least two others");
    for (int c = 0; c < d->labels.n; c++) {
        size_t count = st_dataset_class_count(d, c);
        if (count < (size_t)o->folds)
            return st_fail(err, "label '%s' has %zu record%s: %d-fold "
                           "cross-validation needs at least %d per label",
                           d->labels.names[c], count, count == 1 ? "" : "s",
                           o->folds, o->folds);
    }
    if (o->nc < 1 || (o->kernel == ST_KERNEL_RBF && o->ngamma < 1))
        return st_fail(err, "empty parameter grid");
    if (o->solver == ST_SOLVER_LIBLINEAR && o->kernel != ST_KERNEL_LINEAR)
        return st_fail(err, "LIBLINEAR fits linear models only; an RBF kernel "
                       "needs the libsvm solver");
    if (o->space && o->solver != ST_SOLVER_LIBLINEAR)
        return st_fail(err, "a cross-lingual space needs the LIBLINEAR solver "
                       "(its weights fold into a linear model)");
    if (o->lexicon && o->solver != ST_SOLVER_LIBLINEAR)
        return st_fail(err, "a cross-lingual lexicon needs the LIBLINEAR solver "
                       "(its weights fold into a linear model)");
    if (o->lexicon && o->lexicon->hash_bits != features->hash_bits)
        return st_fail(err, "the cross-lingual lexicon was learnt over 2^%d "
                       "buckets, the features have 2^%d", o->lexicon->hash_bits,
                       features->hash_bits);
    if (o->space && o->space->hash_bits != features->hash_bits)
        return st_fail(err, "the cross-lingual space was learnt over 2^%d "
                       "buckets, the features have 2^%d", o->space->hash_bits,
                       features->hash_bits);
    return 0;
}

static int setup_grid(session *s, st_error *err)
{
    const st_train_options *o = s->o;
    int ngamma = o->kernel == ST_KERNEL_RBF ? o->ngamma : 1;
    s->rep->ngrid = 0;
    s->rep->grid = st_calloc((size_t)o->nc * (size_t)ngamma, sizeof *s->rep->grid, err);
    if (!s->rep->grid)
        return -1;
    for (int a = 0; a < o->nc; a++)
        for (int b = 0; b < ngamma; b++) {
            st_grid_point *g = &s->rep->grid[s->rep->ngrid++];
            g->C = o->c_grid[a];
            g->gamma = o->kernel == ST_KERNEL_RBF ? o->gamma_grid[b] : 0;
        }
    return 0;
}

/* Plain: class c's C is multiplied by n / (k n_c) (balanced) and by its
 * --class-weight.  With a background, f_c balances c's records against
 * all the others: n / (2 n_c) for them, n / (2 (n - n_c)) for the rest. */
static void setup_params(session *s)
{
    st_classifier_params *p = &s->params;

    p->solver = s->o->solver;
    p->loss = s->o->loss;
    p->svm.kernel = s->o->kernel;
    p->svm.nclasses = s->k;
    p->svm.class_weight = s->class_weight;
    p->background = s->o->background;
    for (int c = 0; c < s->k; c++) {
        double n_c = (double)st_dataset_class_count(s->d, c), n = (double)s->n;
        double mult = s->o->class_weight[c] > 0 ? s->o->class_weight[c] : 1;
        double w = s->o->balanced ? n / (s->k * n_c) : 1;
        s->class_weight[c] = w * mult;
        if (c < s->predicted) {
            p->one_vs_rest_weight[c][0] = (s->o->balanced ? n / (2 * n_c) : 1) * mult;
            p->one_vs_rest_weight[c][1] = s->o->balanced ? n / (2 * (n - n_c)) : 1;
        }
        s->rep->class_weight[c] = p->background < 0 ? s->class_weight[c]
                                  : c < s->predicted ? p->one_vs_rest_weight[c][0]
                                                     : 0;
    }
}

static int run(session *s, st_model **out, st_error *err)
{
    const st_train_options *o = s->o;
    size_t nfold_sets = (size_t)o->repeats * (size_t)o->folds;
    st_model *m;

    s->fold = st_malloc((size_t)o->repeats * s->n * sizeof *s->fold, err);
    s->gram = s->fold ? st_calloc(nfold_sets, sizeof *s->gram, err) : NULL;
    s->oof = s->gram ? st_calloc((size_t)s->rep->ngrid * (size_t)o->repeats * s->n *
                                     (size_t)s->npairs, sizeof *s->oof, err)
                     : NULL;
    if (!s->oof)
        return -1;
    for (int r = 0; r < o->repeats; r++)
        if (st_folds_assign(s->d, o->folds, o->seed + (uint64_t)r,
                            s->fold + (size_t)r * s->n, err) < 0)
            return -1;
    if (o->solver == ST_SOLVER_LIBLINEAR) {
        s->phase = "cross-validation";
        if (st_parallel_for(nfold_sets, o->threads, linear_fold_job,
                            report_progress, s, err) < 0)
            return -1;
    } else {
        s->phase = "features";
        if (st_parallel_for(nfold_sets, o->threads, gram_job, report_progress,
                            s, err) < 0)
            return -1;
        s->phase = "cross-validation";
        if (st_parallel_for((size_t)s->rep->ngrid * nfold_sets, o->threads,
                            cv_job, report_progress, s, err) < 0)
            return -1;
    }
    if (score_grid(s, err) < 0)
        return -1;
    m = new_model(s, err);
    if (!m)
        return -1;
    if (calibrate(s, m, err) < 0) {
        st_model_free(m);
        return -1;
    }
    if (score_best(s, m, err) < 0) {
        st_model_free(m);
        return -1;
    }
    s->phase = "final model";
    report_progress(s, 0, 1);
    if (final_fit(s, m, err) < 0) {
        st_model_free(m);
        return -1;
    }
    report_progress(s, 1, 1);
    *out = m;
    return 0;
}

static json_t *scores_json(const st_scores *s, const st_labels *labels, int k)
{
    json_t *o = json_pack("{s:I, s:f, s:f}", "records", (json_int_t)s->total,
                          "accuracy", s->accuracy, "macro_f1", s->macro.f1);
    json_t *per = json_object();
    for (int c = 0; c < k; c++)
        json_object_set_new(per, labels->names[c],
                            json_pack("{s:f, s:f, s:f, s:I}", "precision", s->cls[c].precision,
                                      "recall", s->cls[c].recall, "f1", s->cls[c].f1,
                                      "support", (json_int_t)s->cls[c].support));
    json_object_set_new(o, "labels", per);
    return o;
}

/* The cross-validated scores at the chosen grid point, kept in the model
 * as JSON (stance info shows them): what the model is expected to do,
 * per label and per language, and how that was measured. */
static int attach_cv_summary(st_model *m, const session *s, st_error *err)
{
    const st_train_report *r = s->rep;
    const st_grid_point *best = &r->grid[r->best];
    json_t *langs = json_object(), *o;
    for (int g = 0; g < r->nlang; g++)
        json_object_set_new(langs, r->lang[g].lang,
                            scores_json(&r->lang[g].scores, &s->d->labels, s->predicted));
    o = json_pack("{s:i, s:i, s:I, s:s, s:s, s:f, s:o, s:o}",
                  "folds", s->o->folds, "repeats", s->o->repeats, "seed", (json_int_t)s->o->seed,
                  "solver", s->o->solver == ST_SOLVER_LIBLINEAR ? "liblinear" : "libsvm",
                  "loss", st_loss_name(s->o->loss),
                  "C", best->C,
                  "overall", scores_json(&r->scores, &s->d->labels, s->predicted),
                  "languages", langs);
    if (o && s->o->kernel == ST_KERNEL_RBF)
        json_object_set_new(o, "gamma", json_real(best->gamma));
    m->cv_summary = o ? json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(6)) : NULL;
    json_decref(o);
    return m->cv_summary ? 0 : st_fail(err, "out of memory");
}

int st_train(const st_dataset *d, const st_feature_config *features,
             const st_train_options *o, st_model **out, st_train_report *rep,
             st_error *err)
{
    session s;
    int rc;

    *out = NULL;
    memset(rep, 0, sizeof *rep);
    if (check_inputs(d, features, o, err) < 0)
        return -1;
    memset(&s, 0, sizeof s);
    s.d = d;
    s.features = features;
    s.o = o;
    s.rep = rep;
    s.n = d->n;
    s.k = d->labels.n;
    s.predicted = o->background >= 0 ? s.k - 1 : s.k;
    s.npairs = s.predicted * (s.predicted - 1) / 2;
    clock_gettime(CLOCK_MONOTONIC, &s.start);
    st_svm_quiet();
    st_linear_quiet();
    setup_params(&s);
    rc = setup_grid(&s, err) < 0 ? -1 : run(&s, out, err);
    if (rc == 0 && attach_cv_summary(*out, &s, err) < 0) {
        st_model_free(*out);
        *out = NULL;
        rc = -1;
    }
    for (size_t i = 0; s.gram && i < (size_t)o->repeats * (size_t)o->folds; i++)
        free(s.gram[i]);
    free(s.gram);
    free(s.fold);
    free(s.oof);
    rep->seconds = elapsed(&s);
    return rc;
}

void st_train_report_free(st_train_report *rep)
{
    for (int t = 0; t < rep->nlang; t++) {
        st_confusion_free(&rep->lang[t].confusion);
        st_scores_free(&rep->lang[t].scores);
    }
    free(rep->lang);
    free(rep->grid);
    st_confusion_free(&rep->confusion);
    st_scores_free(&rep->scores);
    memset(rep, 0, sizeof *rep);
}

size_t st_train_memory_estimate(const st_dataset *d,
                                const st_feature_config *features,
                                const st_train_options *o)
{
    size_t n = d->n, nnz = 0, buckets = (size_t)1 << features->hash_bits;
    size_t k = (size_t)d->labels.n, pairs = k * (k - 1) / 2;
    size_t jobs = (size_t)o->repeats * (size_t)o->folds;
    size_t concurrent = (size_t)(o->threads > 0 ? o->threads : 1);
    size_t ngrid = (size_t)o->nc * (o->kernel == ST_KERNEL_RBF ? (size_t)o->ngamma : 1);
    size_t oof = ngrid * (size_t)o->repeats * n * pairs * sizeof(double);
    size_t per_job, weights = buckets;

    for (size_t i = 0; i < n; i++)
        nnz += d->counts[i].n;
    if (o->space)   /* every row carries the projection */
        nnz += n * (size_t)o->space->dims;
    if (o->lexicon) {   /* the concepts, and a weight for each */
        for (size_t i = 0; i < n; i++)
            nnz += st_lexicon_map_bound(o->lexicon, &d->counts[i]);
        weights += buckets;
    }
    if (concurrent > jobs)
        concurrent = jobs;
    if (o->solver == ST_SOLVER_LIBLINEAR) {
        /* Rows (feature_node: int + double, padded to 16 bytes), the fold's
         * idf and df tables, the machines' float weights and LIBLINEAR's own
         * double copy of one machine's while it trains. */
        per_job = 16 * (nnz + 2 * n) + sizeof(void *) * n + 8 * buckets +
                  pairs * 4 * weights + 8 * weights;
        return oof + concurrent * per_job;
    }
    /* Gram matrices of every (repeat, fold), held for the whole grid,
     * kernel rows (svm_node: int + double) per concurrent job, and one
     * weighted copy of the corpus per job while its Gram matrix is made. */
    return oof + jobs * n * n * sizeof(double) +
           concurrent * (16 * n * (n + 2) + 8 * (nnz + n)) + pairs * 4 * buckets;
}
