/*
 * How well a cross-lingual space aligns translations it has not seen:
 * the space is learnt from the first lines of a parallel directory, and
 * each of the last `held` lines, in every language, is projected and
 * matched (cosine) against the English projections of all held lines.
 * Prints, per language, how often the nearest English sentence is its own
 * translation (mate retrieval, as Vinokourov et al. 2002 measure their
 * spaces), the mean cosine to it and the mean length of the projections
 * (at weight 1: what a weight multiplies), and the time learning took.
 *
 * Usage: bench_space DIR [lsi|joint|english] [DIMS] [RIDGE] [HELD]
 * Features: character 1-5-grams and word 1-2-grams, 2^20 buckets (the
 * shipped models' settings).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/clock.h"
#include "corpus/parallel_text.h"
#include "train/space.h"
#include "train/space_linalg.h"

/* The projections (held x k, each L2-normalised) of one language's held
 * lines. */
static double *project_held(const st_space *sp, const st_parallel *p, size_t lang,
                            size_t first, size_t held, const st_feature_config *cfg,
                            double *mean_norm)
{
    const char **text = calloc(held, sizeof *text);
    size_t *len = calloc(held, sizeof *len), k = (size_t)sp->dims;
    double *z = malloc(held * k * sizeof *z);
    st_error err;
    st_sparse *x;

    if (!text || !len || !z) {
        fprintf(stderr, "bench_space: out of memory\n");
        exit(1);
    }
    for (size_t i = 0; i < held; i++)
        text[i] = st_parallel_sentence(p, first + i, lang, &len[i]);
    if (!(x = st_weighted_vectors(cfg, text, len, held, &err))) {
        fprintf(stderr, "bench_space: %s\n", err.msg);
        exit(1);
    }
    for (size_t i = 0; i < held; i++) {
        double norm = 0, *zi = z + i * k;
        st_space_project(sp, &x[i], zi);
        for (size_t j = 0; j < k; j++)
            norm += zi[j] * zi[j];
        for (size_t j = 0; j < k && norm > 0; j++)
            zi[j] /= sqrt(norm);
        *mean_norm += sqrt(norm) / held;
    }
    st_sparse_free_all(x, held);
    free(text);
    free(len);
    return z;
}

int main(int argc, char **argv)
{
    const char *method = argc > 2 ? argv[2] : "lsi";
    int dims = argc > 3 ? atoi(argv[3]) : ST_SPACE_DEFAULT_DIMS;
    double ridge = argc > 4 ? atof(argv[4]) : ST_SPACE_DEFAULT_RIDGE;
    size_t held = argc > 5 ? (size_t)atol(argv[5]) : 400, english;
    st_feature_config cfg;
    st_parallel p, learn;
    st_space sp;
    st_error err;
    struct timespec t0;
    int rc;

    if (argc < 2) {
        fprintf(stderr, "usage: bench_space DIR [lsi|joint|english] [DIMS] "
                "[RIDGE] [HELD]\n");
        return 2;
    }
    st_feature_config_default(&cfg);
    if (st_feature_config_parse(&cfg, "char=1-5", &err) < 0 ||
        st_feature_config_parse(&cfg, "word=2", &err) < 0 ||
        st_parallel_read(&p, argv[1], &err) < 0 ||
        st_parallel_find_english(&p, &english, &err) < 0) {
        fprintf(stderr, "bench_space: %s\n", err.msg);
        return 1;
    }
    if (held >= p.nlines) {
        fprintf(stderr, "bench_space: %zu held lines of %zu\n", held, p.nlines);
        return 1;
    }
    learn = p;
    learn.nlines = p.nlines - held;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (strcmp(method, "lsi") == 0) {
        rc = st_space_learn(&sp, &learn, &cfg, dims, 1.0, &err);
    } else {
        st_space_aligned_options o = {
            .dims = dims, .weight = 1.0, .ridge = ridge,
            .target = strcmp(method, "english") == 0 ? ST_SPACE_TARGET_ENGLISH
                                                     : ST_SPACE_TARGET_JOINT,
        };
        rc = st_space_learn_aligned(&sp, &learn, &cfg, &o, &err);
    }
    if (rc < 0) {
        fprintf(stderr, "bench_space: %s\n", err.msg);
        return 1;
    }
    printf("%s, k %d, ridge %g: learnt from %zu lines x %zu languages in %.1f s; "
           "%zu held lines\n", method, dims, ridge, learn.nlines, p.nlang,
           st_seconds_since(&t0), held);
    size_t k = (size_t)dims, first = learn.nlines;
    double en_norm = 0, sum_p1 = 0, sum_cos = 0, sum_norm = 0;
    double *en = project_held(&sp, &p, english, first, held, &cfg, &en_norm);
    for (size_t l = 0; l < p.nlang; l++) {
        if (l == english)
            continue;
        double norm = 0, cos_mate = 0;
        double *z = project_held(&sp, &p, l, first, held, &cfg, &norm);
        size_t right = 0;
        for (size_t i = 0; i < held; i++) {
            size_t best = 0;
            double best_cos = -2;
            for (size_t e = 0; e < held; e++) {
                double c = 0;
                for (size_t j = 0; j < k; j++)
                    c += z[i * k + j] * en[e * k + j];
                if (c > best_cos) {
                    best_cos = c;
                    best = e;
                }
                if (e == i)
                    cos_mate += c;
            }
            right += best == i;
        }
        printf("  %-8s P@1 %.3f  cos %.3f  |z| %.3f\n", p.lang[l],
               (double)right / held, cos_mate / held, norm);
        sum_norm += norm;
        sum_p1 += (double)right / held;
        sum_cos += cos_mate / held;
        free(z);
    }
    printf("  mean     P@1 %.3f  cos %.3f  |z| %.3f (English %.3f)\n",
           sum_p1 / (p.nlang - 1), sum_cos / (p.nlang - 1),
           sum_norm / (p.nlang - 1), en_norm);
    free(en);
    st_space_free(&sp);
    st_parallel_free(&p);
    return 0;
}
