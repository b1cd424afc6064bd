/* The public API: evaluating a model on labelled corpora. */
#include "lib/api.h"

#include <stdlib.h>

#include "common/parallel.h"
#include "lib/evaluate_input.h"

struct stance_evaluation {
    st_evaluation e;
};

static int evaluate_path(const st_model *m, st_scorer *scorer, const char *path,
                         st_evaluation *e, st_error *err)
{
    st_batch_source src = { .threads = 1 };
    int rc;

    if (!(src.reader = st_reader_open(path, ST_FORMAT_AUTO, NULL, err)))
        return -1;
    rc = st_evaluate_input(e, m, scorer, &src, NULL, NULL, err);
    st_reader_close(src.reader);
    return rc;
}

stance_evaluation *stance_evaluate(const stance_model *model,
                                   const char *const *paths, int npaths,
                                   stance_error *err)
{
    st_error e;
    const st_model *m = model->impl;
    stance_evaluation *ev = calloc(1, sizeof *ev);  /* zeroed: safe to free */
    st_scorer *scorer = NULL;
    int rc = -1;

    if (!ev)
        st_fail(&e, "out of memory");
    else if (npaths < 1)
        st_fail(&e, "no corpus to evaluate on");
    else if ((scorer = st_scorer_new(m, st_cpu_count(), 0, &e)) &&
             st_evaluation_init(&ev->e, &m->labels, &e) == 0) {
        rc = 0;
        for (int i = 0; rc == 0 && i < npaths; i++)
            rc = evaluate_path(m, scorer, paths[i], &ev->e, &e);
        if (rc == 0)
            rc = st_evaluation_finish(&ev->e, &e);
    }
    st_scorer_free(scorer);
    if (rc < 0) {
        st_api_error(err, &e);
        if (ev)
            st_evaluation_free(&ev->e);
        free(ev);
        return NULL;
    }
    return ev;
}

size_t stance_evaluation_records(const stance_evaluation *eval)
{
    return eval->e.all.scores.total;
}

double stance_evaluation_accuracy(const stance_evaluation *eval)
{
    return eval->e.all.scores.accuracy;
}

double stance_evaluation_macro_f1(const stance_evaluation *eval)
{
    return eval->e.all.scores.macro.f1;
}

double stance_evaluation_f1(const stance_evaluation *eval, int label)
{
    if (label < 0 || label >= eval->e.labels.n)
        return -1;
    return eval->e.all.scores.cls[label].f1;
}

void stance_evaluation_free(stance_evaluation *eval)
{
    if (eval)
        st_evaluation_free(&eval->e);
    free(eval);
}
