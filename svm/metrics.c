#include "svm/metrics.h"

#include <string.h>

void st_confusion_init(st_confusion *c, int k)
{
    memset(c, 0, sizeof *c);
    c->k = k;
}

void st_confusion_add(st_confusion *c, int truth, int predicted)
{
    c->count[truth][predicted]++;
}

static double ratio(double a, double b)
{
    return b > 0 ? a / b : 0;
}

void st_scores_compute(const st_confusion *c, st_scores *s)
{
    size_t correct = 0;

    memset(s, 0, sizeof *s);
    s->k = c->k;
    for (int i = 0; i < c->k; i++) {
        size_t predicted = 0, actual = 0;
        for (int j = 0; j < c->k; j++) {
            predicted += c->count[j][i];
            actual += c->count[i][j];
        }
        correct += c->count[i][i];
        s->total += actual;
        s->cls[i].support = actual;
        s->cls[i].predicted = predicted;
        s->cls[i].precision = ratio((double)c->count[i][i], (double)predicted);
        s->cls[i].recall = ratio((double)c->count[i][i], (double)actual);
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
}
