/*
 * The public API: labelling and explaining one article at a time, through
 * the same scorer `stance predict` runs on batches (so the two always
 * agree), with a batch of one item that the labeller owns.
 */
#include "lib/api.h"

#include <stdlib.h>
#include <string.h>

#include "predict/batch.h"

_Static_assert(sizeof ((stance_feature *)0)->text ==
               sizeof ((st_explained *)0)->text, "n-gram text sizes differ");

struct stance_labeller {
    const stance_model *model;
    st_scorer *plain;
    st_scorer *explaining;  /* created on the first stance_explain */
    st_item item;           /* item.body points at the text or body_buf */
    st_batch batch;         /* items = &item, n = 1 */
    char *body_buf;
    size_t body_cap;
};

stance_labeller *stance_labeller_new(const stance_model *model,
                                     stance_error *err)
{
    st_error e;
    stance_labeller *l = calloc(1, sizeof *l);
    if (!l) {
        st_api_fail(err, "out of memory");
        return NULL;
    }
    l->model = model;
    l->batch.items = &l->item;
    l->batch.n = l->batch.cap = 1;
    if (!(l->plain = st_scorer_new(model->impl, 1, 0, &e))) {
        st_api_error(err, &e);
        free(l);
        return NULL;
    }
    return l;
}

void stance_labeller_free(stance_labeller *labeller)
{
    if (!labeller)
        return;
    st_scorer_free(labeller->plain);
    st_scorer_free(labeller->explaining);
    st_result_free(&labeller->item.result);
    free(labeller->body_buf);
    free(labeller);
}

/* The body exactly as the corpus readers make it (st_doc_body). */
static int set_body(stance_labeller *l, const char *title, const char *text,
                    st_error *err)
{
    st_doc doc = { .title = title, .title_len = title ? strlen(title) : 0,
                   .text = text, .text_len = strlen(text) };
    const char *body = st_doc_body(&doc, &l->body_buf, &l->body_cap,
                                   &l->item.body_len, err);
    if (!body)
        return -1;
    /* The scorer only reads it; st_item's body is mutable for the batch
     * reader, which owns its copies. */
    l->item.body = (char *)body;
    l->item.invalid_bytes = 0;
    return 0;
}

static int score(stance_labeller *l, st_scorer *s, const char *title,
                 const char *text, stance_error *err)
{
    st_error e;
    if (!text) {
        st_api_fail(err, "no text to label");
        return -1;
    }
    if (set_body(l, title, text, &e) < 0 || st_scorer_run(s, &l->batch, &e) < 0) {
        st_api_error(err, &e);
        return -1;
    }
    return l->item.result.predicted;
}

int stance_label(stance_labeller *labeller, const char *title, const char *text,
                 double *probabilities, double *score_out, stance_error *err)
{
    int label = score(labeller, labeller->plain, title, text, err);
    if (label < 0)
        return -1;
    if (probabilities)
        memcpy(probabilities, labeller->item.result.prob,
               (size_t)labeller->model->impl->labels.n * sizeof *probabilities);
    if (score_out)
        *score_out = labeller->item.result.score;
    return label;
}

int stance_label_at_threshold(const stance_model *model,
                              const double *probabilities, double threshold)
{
    return st_model_label_at_threshold(model->impl, probabilities, threshold);
}

int stance_explain(stance_labeller *labeller, const char *title,
                   const char *text, stance_feature *out, int max,
                   stance_error *err)
{
    st_error e;
    int n;
    if (max < 0 || max > ST_EXPLAIN_MAX) {
        st_api_fail(err, "can name at most %d n-grams, not %d", ST_EXPLAIN_MAX, max);
        return -1;
    }
    /* The strongest 64 pushes, of which the caller takes the first max:
     * the list is kept in order, so its head is the top max. */
    if (!labeller->explaining &&
        !(labeller->explaining = st_scorer_new(labeller->model->impl, 1,
                                               ST_EXPLAIN_MAX, &e))) {
        st_api_error(err, &e);
        return -1;
    }
    if (score(labeller, labeller->explaining, title, text, err) < 0)
        return -1;
    n = labeller->item.result.nexplained < max ? labeller->item.result.nexplained : max;
    for (int i = 0; i < n; i++) {
        /* strncpy pads with NULs: no stale bytes after the name. */
        strncpy(out[i].text, labeller->item.result.explained[i].text, sizeof out[i].text);
        out[i].weight = labeller->item.result.explained[i].weight;
    }
    return n;
}
