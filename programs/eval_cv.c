#include "eval_cv.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "train/folds.h"
#include "train/trainer.h"

/* The training settings m was chosen with (its cross-validation summary),
 * one C value; defaults where the model does not say (format 1 or 2). */
static void settings_of(const st_model *m, int threads, st_train_options *o)
{
    json_t *cv = m->cv_summary ? json_loads(m->cv_summary, 0, NULL) : NULL;
    const char *loss = json_string_value(json_object_get(cv, "loss"));
    const char *solver = json_string_value(json_object_get(cv, "solver"));
    json_t *c = json_object_get(cv, "C"), *gamma = json_object_get(cv, "gamma");
    st_train_options_default(o);
    o->threads = threads;
    o->kernel = m->kernel;
    if (loss)
        st_loss_parse(loss, &o->loss);  /* an unknown name: the default */
    if ((solver && !strcmp(solver, "libsvm")) || m->kernel == ST_KERNEL_RBF)
        o->solver = ST_SOLVER_LIBSVM;
    if (json_is_number(c)) {
        o->c_grid[0] = json_number_value(c);
        o->nc = 1;
    }
    if (json_is_number(gamma)) {
        o->gamma_grid[0] = json_number_value(gamma);
        o->ngamma = 1;
    }
    json_decref(cv);
}

/* The records of d outside fold f, as a dataset sharing d's storage (the
 * trainer reads its counts and never changes them). */
static int training_view(const st_dataset *d, const int *fold, int f, st_dataset *view,
                         st_error *err)
{
    size_t n = 0;
    memset(view, 0, sizeof *view);
    view->labels = d->labels;
    view->counts = st_malloc((d->n ? d->n : 1) * sizeof *view->counts, err);
    view->y = st_malloc((d->n ? d->n : 1) * sizeof *view->y, err);
    view->id = st_malloc((d->n ? d->n : 1) * sizeof *view->id, err);
    view->lang = st_malloc((d->n ? d->n : 1) * sizeof *view->lang, err);
    view->text_hash = st_malloc((d->n ? d->n : 1) * sizeof *view->text_hash, err);
    if (!view->counts || !view->y || !view->id || !view->lang || !view->text_hash)
        return -1;
    for (size_t i = 0; i < d->n; i++) {
        if (fold[i] == f || fold[i] < 0)
            continue;
        view->counts[n] = d->counts[i];
        view->y[n] = d->y[i];
        view->id[n] = d->id[i];
        view->lang[n] = d->lang[i];
        view->text_hash[n] = d->text_hash[i];
        n++;
    }
    view->n = view->cap = view->records = n;
    view->fingerprint = d->fingerprint ^ (uint64_t)(f + 1);
    return 0;
}

/* The calibration folds inside a training part: five, fewer when a label
 * has fewer records there (a small corpus), never under two. */
static int inner_folds(const st_dataset *view)
{
    int folds = 5;
    for (int c = 0; c < view->labels.n; c++) {
        size_t n = st_dataset_class_count(view, c);
        if (n < (size_t)folds)
            folds = n < 2 ? 2 : (int)n;
    }
    return folds;
}

static void free_view(st_dataset *view)
{
    free(view->counts);
    free(view->y);
    free(view->id);
    free(view->lang);
    free(view->text_hash);
}

/* Scores fold f's records with fm and adds them to e. */
static int score_fold(const st_dataset *d, const int *fold, int f, const st_model *fm,
                      st_evaluation *e, st_error *err)
{
    st_sparse v = { 0 };
    double *dec = st_malloc((size_t)fm->npairs * sizeof *dec, err);
    double *prob = dec ? st_malloc((size_t)fm->labels.n * sizeof *prob, err) : NULL;
    int rc = prob ? 0 : -1;

    for (size_t i = 0; rc == 0 && i < d->n; i++) {
        st_scored_record r = { d->id[i], d->lang[i], d->labels.names[d->y[i]], 0, prob,
                               0 };
        if (fold[i] != f)
            continue;
        if ((rc = st_sparse_copy(&v, &d->counts[i], err)) < 0)
            break;
        st_weigh(&fm->features, fm->idf, &v);
        st_model_decisions(fm, &v, dec);
        r.predicted = st_model_probabilities(fm, dec, prob);
        if (d->unnamed[i]) {    /* the model's gate, as prediction applies it */
            r.predicted = st_model_off_topic(fm, prob);
            r.off_topic = 1;
        }
        rc = st_evaluation_add(e, &r, err);
    }
    st_sparse_free(&v);
    free(dec);
    free(prob);
    return rc;
}

int st_eval_cv(const st_model *m, char **inputs, int ninputs, int k,
               const st_load_options *load, int threads,
               void (*progress)(int fold, int k), st_evaluation *e,
               st_error *err)
{
    st_dataset d = { 0 };
    st_extractor *x = st_extractor_new(&m->features, err);
    st_train_options o;
    st_train_report rep = { 0 };
    int *fold = NULL, rc = -1;

    if (!x)
        goto done;
    d.labels = m->labels;
    d.labels.fixed = 1;   /* records with labels the model lacks are left out */
    for (int i = 0; i < ninputs; i++)
        if (st_dataset_load(&d, inputs[i], load, x, err) < 0)
            goto done;
    if (st_dataset_check_classes(&d, err) < 0 ||
        !(fold = st_malloc((d.n ? d.n : 1) * sizeof *fold, err)) ||
        st_folds_assign(&d, k, 1, fold, err) < 0)
        goto done;
    settings_of(m, threads, &o);
    for (int f = 0; f < k; f++) {
        st_dataset view;
        st_model *fm = NULL;
        int ok;
        if (progress)
            progress(f, k);
        ok = training_view(&d, fold, f, &view, err) == 0 &&
             (o.folds = inner_folds(&view), 1) &&
             st_train(&view, &m->features, &o, &fm, &rep, err) == 0 &&
             score_fold(&d, fold, f, fm, e, err) == 0;
        st_model_free(fm);
        st_train_report_free(&rep);
        free_view(&view);
        if (!ok) {
            st_fail_prefix(err, "--cv fold %d of %d", f + 1, k);
            goto done;
        }
    }
    rc = 0;
done:
    free(fold);
    st_dataset_free(&d);
    st_extractor_free(x);
    return rc;
}
