/* The public API: training a model from corpora. */
#include "lib/api.h"

#include <stdlib.h>
#include <string.h>

#include "train/trainer.h"
#include "train/transfer.h"

void stance_train_params_default(stance_train_params *params)
{
    memset(params, 0, sizeof *params);
    params->folds = 5;
    params->repeats = 1;
    params->seed = 1;
}

/* Applies "key=value key=value ..." to c, word by word. */
static int parse_features(st_feature_config *c, const char *text, st_error *err)
{
    char word[128];
    while (*text) {
        size_t n = strcspn(text, " \t");
        if (n >= sizeof word)
            return st_fail(err, "feature setting too long: '%.*s'", (int)n, text);
        memcpy(word, text, n);
        word[n] = '\0';
        text += n + strspn(text + n, " \t");
        if (n && st_feature_config_parse(c, word, err) < 0)
            return -1;
    }
    return st_feature_config_check(c, err);
}

static int to_options(const stance_train_params *p, st_train_options *o,
                      st_error *err)
{
    st_train_options_default(o);
    if (p->C) {
        if (p->nC < 1 || p->nC > ST_MAX_GRID)
            return st_fail(err, "between 1 and %d values of C, not %d", ST_MAX_GRID, p->nC);
        for (int i = 0; i < p->nC; i++) {
            if (!(p->C[i] > 0))
                return st_fail(err, "C must be positive, not %g", p->C[i]);
            o->c_grid[i] = p->C[i];
        }
        o->nc = p->nC;
    }
    if (p->folds < 2 || p->folds > 100)
        return st_fail(err, "cross-validation needs 2 to 100 folds, not %d", p->folds);
    if (p->repeats < 1 || p->repeats > 100)
        return st_fail(err, "1 to 100 cross-validation repeats, not %d", p->repeats);
    if (p->threads < 0)
        return st_fail(err, "a negative number of threads (%d)", p->threads);
    o->folds = p->folds;
    o->repeats = p->repeats;
    o->seed = p->seed;
    if (p->threads)
        o->threads = p->threads;
    o->loss = p->squared_hinge ? ST_LOSS_SQUARED_HINGE : ST_LOSS_HINGE;
    if (!p->parallel && (p->space_dims || p->space_weight))
        return st_fail(err, "space_dims and space_weight shape the space learnt "
                       "from parallel; give parallel");
    if (p->space_dims < 0 || p->space_dims > ST_SPACE_MAX_DIMS)
        return st_fail(err, "the space has 1 to %d dimensions, not %d",
                       ST_SPACE_MAX_DIMS, p->space_dims);
    if (p->space_weight < 0 || p->space_weight != p->space_weight)
        return st_fail(err, "the space's weight must be positive, not %g",
                       p->space_weight);
    o->info = "trained through libstance's stance_train";
    return 0;
}

static int load_all(st_dataset *d, const char *const *paths, int npaths,
                    const st_feature_config *features, int skip_bad,
                    st_error *err)
{
    st_load_options load = { .require_label = 1, .skip_bad = skip_bad };
    st_extractor *x = st_extractor_new(features, err);
    int rc = x ? 0 : -1;
    for (int i = 0; rc == 0 && i < npaths; i++)
        rc = st_dataset_load(d, paths[i], &load, x, err);
    st_extractor_free(x);
    return rc;
}

/* The space of params->parallel, when given, into o (which then points
 * into t). */
static int learn_transfer(const stance_train_params *p, const st_feature_config *features,
                          st_transfer *t, st_train_options *o, st_error *err)
{
    st_transfer_options to = { .parallel = p->parallel, .use_space = 1,
                               .space_dims = p->space_dims,
                               .space_weight = p->space_weight };
    if (!p->parallel)
        return 0;
    if (st_transfer_learn(t, &to, features, err) < 0)
        return st_fail_prefix(err, "parallel");
    o->space = st_transfer_space(t);
    return 0;
}

/* The gate answers neutral, so a model given a mention list must be able
 * to: checked once the corpus has told the labels, before the long part. */
static int check_mentions_labels(const stance_train_params *p, const st_labels *labels,
                                 st_error *err)
{
    if (p->mentions && st_labels_find(labels, "neutral") < 0)
        return st_fail(err, "%s: a mention list needs a model with a neutral label "
                       "(it answers neutral for texts naming neither country)",
                       p->mentions);
    return 0;
}

stance_model *stance_train(const char *const *paths, int npaths,
                           const stance_train_params *params, stance_error *err)
{
    st_error e;
    st_feature_config features;
    st_train_options *o = malloc(sizeof *o);
    st_train_report report = { 0 };
    st_dataset d = { 0 };
    st_transfer transfer = { 0 };
    st_model *m = NULL;
    char *mentions = NULL;
    size_t mentions_len = 0;
    int rc = -1;

    st_feature_config_default(&features);
    if (!o)
        st_fail(&e, "out of memory");
    else if (npaths < 1)
        st_fail(&e, "no corpus to train on");
    else if (to_options(params, o, &e) == 0 &&
             (!params->features || parse_features(&features, params->features, &e) == 0) &&
             (!params->labels || st_labels_parse(&d.labels, params->labels, &e) == 0) &&
             (!params->mentions ||
              st_mentions_read_file(params->mentions, &mentions, &mentions_len, &e) == 0) &&
             learn_transfer(params, &features, &transfer, o, &e) == 0 &&
             load_all(&d, paths, npaths, &features, params->skip_bad, &e) == 0 &&
             check_mentions_labels(params, &d.labels, &e) == 0)
        rc = st_train(&d, &features, o, &m, &report, &e);
    if (rc == 0 && mentions &&
        st_model_set_mentions(m, mentions, mentions_len, params->mentions, &e) < 0)
        rc = -1;
    free(mentions);
    st_dataset_free(&d);
    st_transfer_free(&transfer);
    free(o);
    st_train_report_free(&report);
    if (rc < 0) {
        st_model_free(m);
        st_api_error(err, &e);
        return NULL;
    }
    return st_api_wrap_model(m, err);
}
