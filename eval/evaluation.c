#include "eval/evaluation.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int st_evaluation_init(st_evaluation *e, const st_labels *model_labels,
                       st_error *err)
{
    memset(e, 0, sizeof *e);
    e->labels = *model_labels;
    snprintf(e->all.name, sizeof e->all.name, "all");
    return st_confusion_init(&e->all.confusion, model_labels->n, err);
}

void st_evaluation_free(st_evaluation *e)
{
    for (int g = 0; g < e->ngroups; g++) {
        st_confusion_free(&e->lang[g].confusion);
        st_scores_free(&e->lang[g].scores);
    }
    for (int u = 0; u < e->nunknown; u++)
        free(e->unknown[u].name);
    free(e->lang);
    free(e->unknown);
    st_confusion_free(&e->all.confusion);
    st_scores_free(&e->all.scores);
    memset(e, 0, sizeof *e);
}

/* The group of lang, added on its first appearance; NULL with err when
 * out of memory. */
static st_eval_group *group_of(st_evaluation *e, const char *lang, st_error *err)
{
    const char *name = lang ? lang : "?";
    st_eval_group *grown;

    for (int g = 0; g < e->ngroups; g++)
        if (!strcmp(e->lang[g].name, name))
            return &e->lang[g];
    grown = st_realloc(e->lang, (size_t)(e->ngroups + 1) * sizeof *grown, err);
    if (!grown)
        return NULL;
    e->lang = grown;
    memset(&grown[e->ngroups], 0, sizeof *grown);
    snprintf(grown[e->ngroups].name, sizeof grown->name, "%s", name);
    if (st_confusion_init(&grown[e->ngroups].confusion, e->labels.n, err) < 0)
        return NULL;
    return &e->lang[e->ngroups++];
}

static int count_unknown(st_evaluation *e, const char *label, st_error *err)
{
    st_unknown_label *grown;
    char *name;

    for (int u = 0; u < e->nunknown; u++) {
        if (!strcmp(e->unknown[u].name, label)) {
            e->unknown[u].count++;
            return 0;
        }
    }
    /* A corpus of another task can carry a label per record; the report
     * names the first few and counts the rest. */
    if (e->nunknown >= ST_EVAL_UNKNOWN) {
        e->unknown_other++;
        return 0;
    }
    grown = st_realloc(e->unknown, (size_t)(e->nunknown + 1) * sizeof *grown, err);
    if (!grown)
        return -1;
    e->unknown = grown;
    if (!(name = st_malloc(strlen(label) + 1, err)))
        return -1;
    strcpy(name, label);
    grown[e->nunknown++] = (st_unknown_label){ name, 1 };
    return 0;
}

static void note_mistake(st_evaluation *e, const st_scored_record *it, int truth)
{
    double confidence = it->prob[it->predicted];
    int pos = e->nmistakes;
    if (pos == ST_EVAL_MISTAKES &&
        confidence <= e->mistakes[pos - 1].confidence)
        return;
    if (pos == ST_EVAL_MISTAKES)
        pos--;
    while (pos > 0 && e->mistakes[pos - 1].confidence < confidence) {
        e->mistakes[pos] = e->mistakes[pos - 1];
        pos--;
    }
    snprintf(e->mistakes[pos].id, sizeof e->mistakes[pos].id, "%s", it->id);
    snprintf(e->mistakes[pos].lang, sizeof e->mistakes[pos].lang, "%s",
             it->lang ? it->lang : "");
    e->mistakes[pos].truth = truth;
    e->mistakes[pos].predicted = it->predicted;
    e->mistakes[pos].confidence = confidence;
    if (e->nmistakes < ST_EVAL_MISTAKES)
        e->nmistakes++;
}

int st_evaluation_add(st_evaluation *e, const st_scored_record *it, st_error *err)
{
    int truth, any_lang = it->lang != NULL;
    double confidence, loss;
    int bin;
    st_eval_group *g;

    if (!it->label) {
        e->unlabelled++;
        return 0;
    }
    truth = st_labels_find(&e->labels, it->label);
    if (truth < 0)
        return count_unknown(e, it->label, err);
    loss = -log(fmax(it->prob[truth], 1e-15));
    st_confusion_add(&e->all.confusion, truth, it->predicted);
    e->all.logloss_sum += loss;
    if (any_lang) {
        if (!(g = group_of(e, it->lang, err)))
            return -1;
        st_confusion_add(&g->confusion, truth, it->predicted);
        g->logloss_sum += loss;
    }
    if (it->off_topic) {
        e->off_topic++;
        e->off_topic_directional += strcmp(it->label, "neutral") != 0;
    }
    confidence = it->prob[it->predicted];
    bin = (int)(confidence * ST_EVAL_BINS);
    bin = bin < 0 ? 0 : bin >= ST_EVAL_BINS ? ST_EVAL_BINS - 1 : bin;
    e->bin_count[bin]++;
    e->bin_confidence[bin] += confidence;
    e->bin_correct[bin] += truth == it->predicted;
    if (truth != it->predicted)
        note_mistake(e, it, truth);
    return 0;
}

int st_evaluation_finish(st_evaluation *e, st_error *err)
{
    size_t total;
    if (st_scores_compute(&e->all.confusion, &e->all.scores, err) < 0)
        return -1;
    for (int g = 0; g < e->ngroups; g++)
        if (st_scores_compute(&e->lang[g].confusion, &e->lang[g].scores, err) < 0)
            return -1;
    total = e->all.scores.total;
    e->logloss = total ? e->all.logloss_sum / (double)total : 0;
    e->ece = 0;
    for (int b = 0; b < ST_EVAL_BINS; b++) {
        if (!e->bin_count[b])
            continue;
        e->ece += fabs((double)e->bin_correct[b] - e->bin_confidence[b]) /
                  (double)(total ? total : 1);
    }
    return 0;
}

void st_evaluation_check_training(st_evaluation *e, const st_model *m,
                                  const char *body, size_t len)
{
    int t = st_model_trained_on(m, body, len);
    if (t < 0)
        return;
    e->training_known = 1;
    e->training_checked++;
    e->in_training += (size_t)t;
}
