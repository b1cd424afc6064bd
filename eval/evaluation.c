#include "eval/evaluation.h"

#include <math.h>
#include <string.h>

void st_evaluation_init(st_evaluation *e, const st_labels *model_labels)
{
    memset(e, 0, sizeof *e);
    e->labels = *model_labels;
    snprintf(e->all.name, sizeof e->all.name, "all");
    st_confusion_init(&e->all.confusion, model_labels->n);
}

static st_eval_group *group_of(st_evaluation *e, const char *lang)
{
    const char *name = lang ? lang : "?";
    for (int g = 0; g < e->ngroups; g++)
        if (!strcmp(e->lang[g].name, name))
            return &e->lang[g];
    if (e->ngroups >= ST_EVAL_GROUPS)
        return NULL;
    snprintf(e->lang[e->ngroups].name, sizeof e->lang[0].name, "%s", name);
    st_confusion_init(&e->lang[e->ngroups].confusion, e->labels.n);
    return &e->lang[e->ngroups++];
}

static void count_unknown(st_evaluation *e, const char *label)
{
    for (int u = 0; u < e->nunknown; u++) {
        if (!strcmp(e->unknown[u], label)) {
            e->unknown_count[u]++;
            return;
        }
    }
    if (e->nunknown >= ST_MAX_CLASSES || strlen(label) >= ST_MAX_LABEL_LEN) {
        e->unknown_other++;
        return;
    }
    strcpy(e->unknown[e->nunknown], label);
    e->unknown_count[e->nunknown++] = 1;
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

void st_evaluation_add(st_evaluation *e, const st_scored_record *it)
{
    int truth, any_lang = it->lang != NULL;
    double confidence, loss;
    int bin;
    st_eval_group *g;

    if (!it->label) {
        e->unlabelled++;
        return;
    }
    truth = st_labels_find(&e->labels, it->label);
    if (truth < 0) {
        count_unknown(e, it->label);
        return;
    }
    loss = -log(fmax(it->prob[truth], 1e-15));
    st_confusion_add(&e->all.confusion, truth, it->predicted);
    e->all.logloss_sum += loss;
    if (any_lang && (g = group_of(e, it->lang))) {
        st_confusion_add(&g->confusion, truth, it->predicted);
        g->logloss_sum += loss;
    }
    confidence = it->prob[it->predicted];
    bin = (int)(confidence * ST_EVAL_BINS);
    bin = bin < 0 ? 0 : bin >= ST_EVAL_BINS ? ST_EVAL_BINS - 1 : bin;
    e->bin_count[bin]++;
    e->bin_confidence[bin] += confidence;
    e->bin_correct[bin] += truth == it->predicted;
    if (truth != it->predicted)
        note_mistake(e, it, truth);
}

void st_evaluation_finish(st_evaluation *e)
{
    size_t total;
    st_scores_compute(&e->all.confusion, &e->all.scores);
    for (int g = 0; g < e->ngroups; g++)
        st_scores_compute(&e->lang[g].confusion, &e->lang[g].scores);
    total = e->all.scores.total;
    e->logloss = total ? e->all.logloss_sum / (double)total : 0;
    e->ece = 0;
    for (int b = 0; b < ST_EVAL_BINS; b++) {
        if (!e->bin_count[b])
            continue;
        e->ece += fabs((double)e->bin_correct[b] - e->bin_confidence[b]) /
                  (double)(total ? total : 1);
    }
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
