/* Evaluation reports: plain text (scikit-learn's classification_report
 * layout), Markdown, JSON and a self-contained HTML page with SVG charts. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static double bin_accuracy(const st_evaluation *e, int b)
{
    return e->bin_count[b] ? (double)e->bin_correct[b] / (double)e->bin_count[b] : 0;
}

static double bin_mean_confidence(const st_evaluation *e, int b)
{
    return e->bin_count[b] ? e->bin_confidence[b] / (double)e->bin_count[b] : 0;
}

/* ---- text ----------------------------------------------------------- */

static int label_width(const st_evaluation *e)
{
    int w = (int)strlen("weighted avg");
    for (int c = 0; c < e->labels.n; c++)
        if ((int)strlen(e->labels.names[c]) > w)
            w = (int)strlen(e->labels.names[c]);
    return w;
}

static void text_table(FILE *out, const st_evaluation *e, const st_scores *s)
{
    int w = label_width(e);
    fprintf(out, "%*s %9s %9s %9s %9s\n\n", w, "", "precision", "recall",
            "f1-score", "support");
    for (int c = 0; c < e->labels.n; c++)
        fprintf(out, "%*s %9.4f %9.4f %9.4f %9zu\n", w, e->labels.names[c],
                s->cls[c].precision, s->cls[c].recall, s->cls[c].f1,
                s->cls[c].support);
    fprintf(out, "\n%*s %9s %9s %9.4f %9zu\n", w, "accuracy", "", "",
            s->accuracy, s->total);
    fprintf(out, "%*s %9.4f %9.4f %9.4f %9zu\n", w, "macro avg",
            s->macro.precision, s->macro.recall, s->macro.f1, s->total);
    fprintf(out, "%*s %9.4f %9.4f %9.4f %9zu\n", w, "weighted avg",
            s->weighted.precision, s->weighted.recall, s->weighted.f1, s->total);
    if (s->nmacro < e->labels.n) {
        fprintf(out, "\n(macro average over the %d label%s that occur; left out, "
                "neither true nor predicted:", s->nmacro, s->nmacro == 1 ? "" : "s");
        for (int c = 0; c < e->labels.n; c++)
            if (s->cls[c].support + s->cls[c].predicted == 0)
                fprintf(out, " %s", e->labels.names[c]);
        fputs(")\n", out);
    }
}

static void text_confusion(FILE *out, const st_evaluation *e, const st_confusion *c)
{
    int w = label_width(e);
    fprintf(out, "%*s", w + 2, "truth \\ predicted");
    for (int j = 0; j < e->labels.n; j++)
        fprintf(out, " %10s", e->labels.names[j]);
    fputc('\n', out);
    for (int i = 0; i < e->labels.n; i++) {
        fprintf(out, "%*s", w + 2, e->labels.names[i]);
        for (int j = 0; j < e->labels.n; j++)
            fprintf(out, " %10zu", st_confusion_at(c, i, j));
        fputc('\n', out);
    }
}

static void text_notes(FILE *out, const st_evaluation *e)
{
    for (int u = 0; u < e->nunknown; u++)
        fprintf(out, "label '%s' is unknown to the model: %zu record%s not scored\n",
                e->unknown[u].name, e->unknown[u].count, e->unknown[u].count == 1 ? "" : "s");
    if (e->unknown_other)
        fprintf(out, "%zu more records with other unknown labels not scored\n",
                e->unknown_other);
    if (e->unlabelled)
        fprintf(out, "%zu record%s without a label not scored\n", e->unlabelled,
                e->unlabelled == 1 ? "" : "s");
    if (e->off_topic)
        fprintf(out, "mention gate: %zu of the scored records name neither country and "
                "were answered neutral; %zu of them are labelled with a direction (names "
                "the model's list misses)\n", e->off_topic, e->off_topic_directional);
}

/* Whether text_notes has anything to say. */
static int has_notes(const st_evaluation *e)
{
    return e->nunknown || e->unlabelled || e->unknown_other || e->off_topic;
}

/* The warning that heads every report evaluated on training data. */
static const char *training_warning(const st_evaluation *e, char *buf, size_t size)
{
    if (!e->in_training)
        return NULL;
    snprintf(buf, size, "%zu of %zu records (%.0f%%) were in the model's training data: "
             "these scores measure how well it fits them, not how it does on new "
             "articles (evaluate on a held-out set)", e->in_training, e->training_checked,
             100.0 * (double)e->in_training / (double)e->training_checked);
    return buf;
}

/* What a reader must know before the numbers: that they were measured on
 * training data, or by cross-validation.  warning_format has one %s. */
static void put_preamble(FILE *out, const st_evaluation *e, const char *warning_format)
{
    char warning[512];
    if (training_warning(e, warning, sizeof warning))
        fprintf(out, warning_format, warning);
    if (e->cv_folds)
        fprintf(out, "Cross-validated: each record scored by a model trained with this "
                "model's settings on the other %d folds.\n\n", e->cv_folds - 1);
}

int st_report_text(FILE *out, const st_evaluation *e)
{
    put_preamble(out, e, "WARNING: %s.\n\n");
    fprintf(out, "Overall (%zu records)\n\n", e->all.scores.total);
    text_table(out, e, &e->all.scores);
    fputs("\nConfusion matrix\n\n", out);
    text_confusion(out, e, &e->all.confusion);
    if (e->ngroups) {
        fputs("\nPer language\n\n", out);
        fprintf(out, "%-8s %8s %9s %9s %9s\n", "language", "records", "accuracy",
                "macro-F1", "log-loss");
        for (int g = 0; g < e->ngroups; g++) {
            const st_eval_group *l = &e->lang[g];
            fprintf(out, "%-8s %8zu %9.4f %9.4f %9.4f\n", l->name, l->scores.total,
                    l->scores.accuracy, l->scores.macro.f1,
                    l->scores.total ? l->logloss_sum / (double)l->scores.total : 0);
        }
        for (int g = 0; g < e->ngroups; g++) {
            fprintf(out, "\n[%s]\n", e->lang[g].name);
            text_table(out, e, &e->lang[g].scores);
        }
    }
    fprintf(out, "\nProbabilities: log-loss %.4f, expected calibration error %.4f\n\n",
            e->logloss, e->ece);
    fprintf(out, "%-11s %8s %15s %9s\n", "confidence", "records", "mean confidence",
            "accuracy");
    for (int b = 0; b < ST_EVAL_BINS; b++)
        if (e->bin_count[b])
            fprintf(out, "%4.2f-%4.2f   %8zu %15.4f %9.4f\n", (double)b / ST_EVAL_BINS,
                    (double)(b + 1) / ST_EVAL_BINS, e->bin_count[b],
                    bin_mean_confidence(e, b), bin_accuracy(e, b));
    if (e->nmistakes) {
        fputs("\nMost confident mistakes\n\n", out);
        for (int t = 0; t < e->nmistakes; t++)
            fprintf(out, "%-24s %-4s truth %-10s predicted %-10s p=%.4f\n",
                    e->mistakes[t].id, e->mistakes[t].lang,
                    e->labels.names[e->mistakes[t].truth],
                    e->labels.names[e->mistakes[t].predicted], e->mistakes[t].confidence);
    }
    if (has_notes(e))
        fputc('\n', out);
    text_notes(out, e);
    return ferror(out) ? -1 : 0;
}

/* ---- markdown --------------------------------------------------------- */

static void md_table(FILE *out, const st_evaluation *e, const st_scores *s)
{
    fputs("| label | precision | recall | F1 | support |\n|---|---:|---:|---:|---:|\n", out);
    for (int c = 0; c < e->labels.n; c++)
        fprintf(out, "| %s | %.4f | %.4f | %.4f | %zu |\n", e->labels.names[c],
                s->cls[c].precision, s->cls[c].recall, s->cls[c].f1, s->cls[c].support);
    fprintf(out, "| **macro avg** | %.4f | %.4f | **%.4f** | %zu |\n",
            s->macro.precision, s->macro.recall, s->macro.f1, s->total);
    fprintf(out, "| weighted avg | %.4f | %.4f | %.4f | %zu |\n",
            s->weighted.precision, s->weighted.recall, s->weighted.f1, s->total);
    fprintf(out, "\nAccuracy %.4f over %zu records.\n", s->accuracy, s->total);
}

int st_report_markdown(FILE *out, const st_evaluation *e)
{
    put_preamble(out, e, "> **Warning**: %s.\n\n");
    fputs("## Overall\n\n", out);
    md_table(out, e, &e->all.scores);
    fputs("\n### Confusion matrix (rows: truth)\n\n| |", out);
    for (int j = 0; j < e->labels.n; j++)
        fprintf(out, " %s |", e->labels.names[j]);
    fputs("\n|---|", out);
    for (int j = 0; j < e->labels.n; j++)
        fputs("---:|", out);
    fputc('\n', out);
    for (int i = 0; i < e->labels.n; i++) {
        fprintf(out, "| **%s** |", e->labels.names[i]);
        for (int j = 0; j < e->labels.n; j++)
            fprintf(out, " %zu |", st_confusion_at(&e->all.confusion, i, j));
        fputc('\n', out);
    }
    if (e->ngroups) {
        fputs("\n## Per language\n\n| language | records | accuracy | macro-F1 |\n"
              "|---|---:|---:|---:|\n", out);
        for (int g = 0; g < e->ngroups; g++)
            fprintf(out, "| %s | %zu | %.4f | %.4f |\n", e->lang[g].name,
                    e->lang[g].scores.total, e->lang[g].scores.accuracy,
                    e->lang[g].scores.macro.f1);
    }
    fprintf(out, "\n## Probabilities\n\nLog-loss %.4f, expected calibration error %.4f.\n\n"
            "| confidence | records | mean confidence | accuracy |\n|---|---:|---:|---:|\n",
            e->logloss, e->ece);
    for (int b = 0; b < ST_EVAL_BINS; b++)
        if (e->bin_count[b])
            fprintf(out, "| %.1f–%.1f | %zu | %.4f | %.4f |\n", (double)b / ST_EVAL_BINS,
                    (double)(b + 1) / ST_EVAL_BINS, e->bin_count[b],
                    bin_mean_confidence(e, b), bin_accuracy(e, b));
    if (e->nmistakes) {
        fputs("\n## Most confident mistakes\n\n| id | language | truth | predicted | p |\n"
              "|---|---|---|---|---:|\n", out);
        for (int t = 0; t < e->nmistakes; t++)
            fprintf(out, "| %s | %s | %s | %s | %.4f |\n", e->mistakes[t].id,
                    e->mistakes[t].lang, e->labels.names[e->mistakes[t].truth],
                    e->labels.names[e->mistakes[t].predicted], e->mistakes[t].confidence);
    }
    if (has_notes(e))
        fputc('\n', out);
    text_notes(out, e);
    return ferror(out) ? -1 : 0;
}

/* ---- json ----------------------------------------------------------- */

static json_t *json_scores(const st_evaluation *e, const st_eval_group *g)
{
    const st_scores *s = &g->scores;
    json_t *per = json_object(), *cm = json_array();
    for (int c = 0; c < e->labels.n; c++) {
        json_t *row = json_array();
        json_object_set_new(per, e->labels.names[c],
                            json_pack("{s:f, s:f, s:f, s:I}", "precision", s->cls[c].precision,
                                      "recall", s->cls[c].recall, "f1", s->cls[c].f1,
                                      "support", (json_int_t)s->cls[c].support));
        for (int j = 0; j < e->labels.n; j++)
            json_array_append_new(row, json_integer((json_int_t)st_confusion_at(&g->confusion, c, j)));
        json_array_append_new(cm, row);
    }
    return json_pack("{s:I, s:f, s:o, s:{s:f, s:f, s:f}, s:{s:f, s:f, s:f}, s:o, s:f}",
                     "records", (json_int_t)s->total, "accuracy", s->accuracy,
                     "per_label", per,
                     "macro", "precision", s->macro.precision, "recall", s->macro.recall,
                     "f1", s->macro.f1,
                     "weighted", "precision", s->weighted.precision, "recall",
                     s->weighted.recall, "f1", s->weighted.f1,
                     "confusion", cm,
                     "log_loss", s->total ? g->logloss_sum / (double)s->total : 0.0);
}

int st_report_json(FILE *out, const st_evaluation *e)
{
    json_t *root = json_object(), *labels = json_array(), *langs = json_object();
    json_t *bins = json_array(), *mistakes = json_array(), *unknown = json_object();
    int rc;

    for (int c = 0; c < e->labels.n; c++)
        json_array_append_new(labels, json_string(e->labels.names[c]));
    for (int g = 0; g < e->ngroups; g++)
        json_object_set_new(langs, e->lang[g].name, json_scores(e, &e->lang[g]));
    /* null: the model does not record its training texts. */
    json_object_set_new(root, "in_training", e->training_known
                        ? json_integer((json_int_t)e->in_training) : json_null());
    if (e->cv_folds)
        json_object_set_new(root, "cross_validated_folds", json_integer(e->cv_folds));
    for (int b = 0; b < ST_EVAL_BINS; b++)
        json_array_append_new(bins, json_pack("{s:f, s:f, s:I, s:f, s:f}",
            "low", (double)b / ST_EVAL_BINS, "high", (double)(b + 1) / ST_EVAL_BINS,
            "records", (json_int_t)e->bin_count[b],
            "mean_confidence", bin_mean_confidence(e, b), "accuracy", bin_accuracy(e, b)));
    for (int t = 0; t < e->nmistakes; t++)
        json_array_append_new(mistakes, json_pack("{s:s, s:s, s:s, s:s, s:f}",
            "id", e->mistakes[t].id, "lang", e->mistakes[t].lang,
            "truth", e->labels.names[e->mistakes[t].truth],
            "predicted", e->labels.names[e->mistakes[t].predicted],
            "confidence", e->mistakes[t].confidence));
    for (int u = 0; u < e->nunknown; u++)
        json_object_set_new(unknown, e->unknown[u].name, json_integer((json_int_t)e->unknown[u].count));
    json_object_set_new(root, "labels", labels);
    json_object_set_new(root, "overall", json_scores(e, &e->all));
    json_object_set_new(root, "per_language", langs);
    json_object_set_new(root, "log_loss", json_real(e->logloss));
    json_object_set_new(root, "expected_calibration_error", json_real(e->ece));
    json_object_set_new(root, "reliability", bins);
    json_object_set_new(root, "most_confident_mistakes", mistakes);
    json_object_set_new(root, "unknown_labels", unknown);
    json_object_set_new(root, "unlabelled", json_integer((json_int_t)e->unlabelled));
    json_object_set_new(root, "off_topic", json_integer((json_int_t)e->off_topic));
    json_object_set_new(root, "off_topic_directional",
                        json_integer((json_int_t)e->off_topic_directional));
    rc = json_dumpf(root, out, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
    fputc('\n', out);
    json_decref(root);
    return rc < 0 || ferror(out) ? -1 : 0;
}

/* ---- html ----------------------------------------------------------- */

static void html_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
    }
}

/* Confusion matrix as a heatmap, each row shaded by its recall share. */
static void svg_confusion(FILE *out, const st_evaluation *e)
{
    int k = e->labels.n, cell = 90, left = 110, top = 40;
    fprintf(out, "<svg id=\"confusion\" role=\"img\" aria-label=\"confusion matrix\" "
            "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
            left + k * cell + 10, top + k * cell + 30, left + k * cell + 10, top + k * cell + 30);
    fprintf(out, "<text x=\"%d\" y=\"16\" class=\"axis\">predicted label</text>\n"
            "<text class=\"axis\" transform=\"translate(14,%d) rotate(-90)\" "
            "text-anchor=\"middle\">true label</text>\n", left, top + k * cell / 2);
    for (int i = 0; i < k; i++) {
        size_t row = 0;
        for (int j = 0; j < k; j++)
            row += st_confusion_at(&e->all.confusion, i, j);
        fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"axis\">", left - 6,
                top + i * cell + cell / 2 + 4);
        html_text(out, e->labels.names[i]);
        fputs("</text>\n", out);
        fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"axis\">",
                left + i * cell + cell / 2, top - 6);
        html_text(out, e->labels.names[i]);
        fputs("</text>\n", out);
        for (int j = 0; j < k; j++) {
            double share = row ? (double)st_confusion_at(&e->all.confusion, i, j) / (double)row : 0;
            fprintf(out, "<rect class=\"cell\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                    "fill=\"rgb(%d,%d,%d)\"><title>%zu</title></rect>\n",
                    left + j * cell, top + i * cell, cell - 2, cell - 2,
                    (int)(255 - 200 * share), (int)(255 - 120 * share), 255,
                    st_confusion_at(&e->all.confusion, i, j));
            fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%zu</text>\n",
                    left + j * cell + cell / 2, top + i * cell + cell / 2 + 5,
                    st_confusion_at(&e->all.confusion, i, j));
        }
    }
    fputs("</svg>\n", out);
}

static void svg_language_bars(FILE *out, const st_evaluation *e)
{
    int bar = 28, width = 400, left = 60;
    int n = e->ngroups + 1;
    fprintf(out, "<svg id=\"language-f1\" role=\"img\" aria-label=\"macro-F1 per language\" "
            "width=\"%d\" height=\"%d\">\n", left + width + 70, n * bar + 40);
    for (int t = 0; t <= 5; t++)
        fprintf(out, "<line class=\"tick\" x1=\"%.1f\" x2=\"%.1f\" y1=\"0\" y2=\"%d\" "
                "stroke=\"#ddd\"/><text class=\"tick\" x=\"%.1f\" y=\"%d\" "
                "text-anchor=\"middle\">%.1f</text>\n", left + width * t / 5.0,
                left + width * t / 5.0, n * bar + 2, left + width * t / 5.0, n * bar + 16, t / 5.0);
    fprintf(out, "<text class=\"axis\" x=\"%d\" y=\"%d\">macro-F1</text>\n",
            left + width / 2 - 30, n * bar + 34);
    for (int g = 0; g < n; g++) {
        const st_eval_group *l = g < e->ngroups ? &e->lang[g] : &e->all;
        double f1 = l->scores.macro.f1;
        fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"axis\">", left - 6,
                g * bar + 19);
        html_text(out, l->name);
        fprintf(out, "</text>\n<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" "
                "height=\"%d\"><title>%.4f</title></rect>\n<text x=\"%.1f\" y=\"%d\">%.3f</text>\n",
                left, g * bar + 4, width * f1, bar - 6, f1, left + width * f1 + 4,
                g * bar + 19, f1);
    }
    fputs("</svg>\n", out);
}

static void svg_reliability(FILE *out, const st_evaluation *e)
{
    int size = 300, pad = 40;
    fprintf(out, "<svg id=\"reliability\" role=\"img\" aria-label=\"reliability diagram\" "
            "width=\"%d\" height=\"%d\">\n", size + 2 * pad, size + 2 * pad);
    fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
            "stroke=\"#999\"/>\n", pad, pad, size, size);
    fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\" "
            "stroke-dasharray=\"4\"/>\n", pad, pad + size, pad + size, pad);
    for (int b = 0; b < ST_EVAL_BINS; b++) {
        double acc = bin_accuracy(e, b);
        int w = size / ST_EVAL_BINS;
        if (!e->bin_count[b])
            continue;
        fprintf(out, "<rect class=\"bar\" x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\">"
                "<title>%zu records, accuracy %.3f</title></rect>\n",
                pad + b * w + 1, pad + size - size * acc, w - 2, size * acc,
                e->bin_count[b], acc);
    }
    for (int t = 0; t <= 5; t++) {
        double v = t / 5.0;
        fprintf(out, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1f</text>"
                "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>\n",
                pad + size * v, pad + size + 14, v, pad - 4, pad + size - size * v + 4, v);
    }
    fprintf(out, "<text x=\"%d\" y=\"%d\" class=\"axis\">confidence</text>\n"
            "<text x=\"4\" y=\"%d\" class=\"axis\">accuracy</text>\n</svg>\n",
            pad + size / 2 - 30, pad + size + 30, pad - 10);
}

/* Precision and recall per label, side by side, on a 0-1 axis. */
static void svg_per_label(FILE *out, const st_evaluation *e)
{
    int k = e->labels.n, group = 90, bar = 32, height = 220, left = 40, top = 20;
    int width = left + k * group + 140;
    fprintf(out, "<svg id=\"per-label\" role=\"img\" aria-label=\"precision and recall per "
            "label\" width=\"%d\" height=\"%d\">\n", width, top + height + 40);
    for (int t = 0; t <= 5; t++) {
        double y = top + height - height * t / 5.0;
        fprintf(out, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>\n",
                left, left + k * group, y, y, left - 4, y + 4, t / 5.0);
    }
    for (int c = 0; c < k; c++) {
        const st_class_scores *s = &e->all.scores.cls[c];
        double v[2] = { s->precision, s->recall };
        for (int m = 0; m < 2; m++)
            fprintf(out, "<rect class=\"pr %s\" x=\"%d\" y=\"%.1f\" width=\"%d\" "
                    "height=\"%.1f\" fill=\"%s\"><title>%s %.3f</title></rect>\n",
                    m ? "recall" : "precision", left + c * group + 8 + m * bar,
                    top + height - height * v[m], bar - 2, height * v[m],
                    m ? "#f28e2b" : "#4a7bd0", m ? "recall" : "precision", v[m]);
        fprintf(out, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">",
                left + c * group + 8 + bar, top + height + 16);
        html_text(out, e->labels.names[c]);
        fputs("</text>\n", out);
    }
    fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"#4a7bd0\"/>"
            "<text x=\"%d\" y=\"%d\">precision</text><rect x=\"%d\" y=\"%d\" width=\"12\" "
            "height=\"12\" fill=\"#f28e2b\"/><text x=\"%d\" y=\"%d\">recall</text>\n</svg>\n",
            left + k * group + 16, top, left + k * group + 32, top + 11,
            left + k * group + 16, top + 20, left + k * group + 32, top + 31);
}

static void provenance(FILE *out, const st_report_provenance *from)
{
    const char *names[] = { "model", "trained on", "evaluated", "command", "date" };
    const char *values[5];
    if (!from)
        return;
    values[0] = from->model;
    values[1] = from->trained_on;
    values[2] = from->inputs;
    values[3] = from->command;
    values[4] = from->date;
    fputs("<table id=\"provenance\">\n", out);
    for (int i = 0; i < 5; i++) {
        if (!values[i])
            continue;
        fprintf(out, "<tr><th>%s</th><td style=\"text-align:left\"><code>", names[i]);
        html_text(out, values[i]);
        fputs("</code></td></tr>\n", out);
    }
    fputs("</table>\n", out);
}

int st_report_html(FILE *out, const st_evaluation *e, const char *title,
                   const st_report_provenance *from)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>", out);
    html_text(out, title);
    fputs("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:60em}"
          "table{border-collapse:collapse}td,th{padding:.2em .8em;text-align:right}"
          "th:first-child,td:first-child{text-align:left}svg text{font-size:13px}"
          ".axis{fill:#444}.bar{fill:#4a7bd0}pre{background:#f4f4f4;padding:1em}"
          "</style></head><body>\n<h1>", out);
    html_text(out, title);
    fprintf(out, "</h1>\n<p>%zu records; accuracy <b id=\"accuracy\">%.4f</b>, macro-F1 "
            "<b id=\"macro-f1\">%.4f</b>, log-loss %.4f.</p>\n",
            e->all.scores.total, e->all.scores.accuracy, e->all.scores.macro.f1, e->logloss);
    {
        char warning[512];
        if (training_warning(e, warning, sizeof warning)) {
            fputs("<p id=\"training-warning\" style=\"background:#fde2e2;padding:.6em\"><b>Warning</b>: ", out);
            html_text(out, warning);
            fputs(".</p>\n", out);
        }
    }
    if (e->cv_folds)
        fprintf(out, "<p id=\"cross-validated\">Cross-validated: each record scored by a "
                "model trained with this model's settings on the other %d folds.</p>\n",
                e->cv_folds - 1);
    provenance(out, from);
    fputs("<h2>Confusion matrix</h2>\n", out);
    svg_confusion(out, e);
    fputs("<h2>Precision and recall per label</h2>\n", out);
    svg_per_label(out, e);
    fputs("<h2>Macro-F1 per language</h2>\n", out);
    svg_language_bars(out, e);
    fputs("<h2>Reliability</h2>\n", out);
    svg_reliability(out, e);
    fputs("<h2>Full report</h2>\n<pre>", out);
    {
        char *buf = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&buf, &len);
        if (mem) {
            st_report_text(mem, e);
            fclose(mem);
            html_text(out, buf);
            free(buf);
        }
    }
    fputs("</pre>\n</body></html>\n", out);
    return ferror(out) ? -1 : 0;
}
