#include "svm/metrics.h"

#include <stdlib.h>
#include <string.h>

int st_confusion_init(st_confusion *c, int k, st_error *err)
{
    c->k = k;
    c->count = st_calloc((size_t)k * (size_t)k, sizeof *c->count, err);
    return c->count ? 0 : -1;
}

void st_confusion_add(st_confusion *c, int truth, int predicted)
{
    c->count[(size_t)truth * (size_t)c->k + (size_t)predicted]++;
}

size_t st_confusion_at(const st_confusion *c, int truth, int predicted)
{
    return c->count[(size_t)truth * (size_t)c->k + (size_t)predicted];
}

void st_confusion_free(st_confusion *c)
{
    free(c->count);
    c->count = NULL;
}

static double ratio(double a, double b)
{
    return b > 0 ? a / b : 0;
}

void st_scores_free(st_scores *s)
{
    free(s->cls);
    s->cls = NULL;
}

int st_scores_compute(const st_confusion *c, st_scores *s, st_error *err)
{
    size_t correct = 0;
    st_class_scores *cls = st_calloc((size_t)c->k, sizeof *cls, err);

    if (!cls)
        return -1;
    st_scores_free(s);
    memset(s, 0, sizeof *s);
    s->k = c->k;
    s->cls = cls;
    for (int i = 0; i < c->k; i++) {
        size_t predicted = 0, actual = 0;
        for (int j = 0; j < c->k; j++) {
            predicted += st_confusion_at(c, j, i);
            actual += st_confusion_at(c, i, j);
        }
        correct += st_confusion_at(c, i, i);
        s->total += actual;
        s->cls[i].support = actual;
        s->cls[i].predicted = predicted;
        s->cls[i].precision = ratio((double)st_confusion_at(c, i, i), (double)predicted);
        s->cls[i].recall = ratio((double)st_confusion_at(c, i, i), (double)actual);
        s->cls[i].f1 = ratio(2 * s->cls[i].precision * s->cls[i].recall,
                             s->cls[i].precision + s->cls[i].recall);
    }
    s->accuracy = ratio((double)correct, (double)s->total);
    for (int i = 0; i < c->k; i++)
        s->nmacro += s->cls[i].support + s->cls[i].predicted > 0;
    for (int i = 0; i < c->k; i++) {
        double w = ratio((double)s->cls[i].support, (double)s->total);
        double m = s->cls[i].support + s->cls[i].predicted > 0
                       ? 1.0 / s->nmacro : 0;
        s->macro.precision += s->cls[i].precision * m;
        s->macro.recall += s->cls[i].recall * m;
        s->macro.f1 += s->cls[i].f1 * m;
        s->weighted.precision += s->cls[i].precision * w;
        s->weighted.recall += s->cls[i].recall * w;
        s->weighted.f1 += s->cls[i].f1 * w;
    }
    s->macro.support = s->weighted.support = s->total;
    return 0;
}
