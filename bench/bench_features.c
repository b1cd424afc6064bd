/*
 * Feature-extraction throughput: loads a corpus into memory, then times
 * st_extract over it (normalise, n-grams, hash, tf-idf, L2) and prints
 * MB/s of UTF-8 text per core.  Usage: bench_features CORPUS [REPEATS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "corpus/reader.h"
#include "features/extract.h"
#include "features/idf.h"

typedef struct { char *text; size_t len; } article;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int load(const char *path, article **out, size_t *n, size_t *bytes)
{
    st_error err;
    st_reader *r = st_reader_open(path, ST_FORMAT_AUTO, NULL, &err);
    st_doc doc;
    size_t cap = 0;
    char *buf = NULL;
    size_t bcap = 0, len;
    int rc;

    if (!r) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    *n = *bytes = 0;
    while ((rc = st_reader_next(r, &doc, &err)) == 1) {
        const char *body = st_doc_body(&doc, &buf, &bcap, &len, &err);
        if (st_reserve(out, &cap, *n + 1, sizeof **out, &err) < 0)
            return -1;
        (*out)[*n].text = malloc(len + 1);
        memcpy((*out)[*n].text, body, len);
        (*out)[*n].len = len;
        *bytes += len;
        (*n)++;
    }
    free(buf);
    st_reader_close(r);
    return rc < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
    article *docs = NULL;
    size_t n, bytes, nnz = 0;
    int repeats = argc > 2 ? atoi(argv[2]) : 5;
    st_feature_config cfg;
    st_error err;
    st_extractor *x;
    st_sparse v = { 0 };
    st_df_counter df;
    float *idf;
    double t0, best = 1e30;

    if (argc < 2) {
        fprintf(stderr, "usage: bench_features CORPUS [REPEATS]\n");
        return 2;
    }
    st_feature_config_default(&cfg);
    for (int i = 3; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        if (!eq) continue;
        *eq = '\0';
        if (st_feature_config_set(&cfg, argv[i], eq + 1, &err) < 0) {
            fprintf(stderr, "%s\n", err.msg);
            return 2;
        }
    }
    if (load(argv[1], &docs, &n, &bytes) < 0 || !(x = st_extractor_new(&cfg, &err)))
        return 1;
    st_df_init(&df, cfg.hash_bits, &err);
    for (size_t i = 0; i < n; i++) {
        st_extract_counts(x, docs[i].text, docs[i].len, &v, NULL, &err);
        st_df_add(&df, &v);
    }
    idf = st_df_to_idf(&df, &err);
    for (int r = 0; r < repeats; r++) {
        t0 = now();
        nnz = 0;
        for (size_t i = 0; i < n; i++) {
            if (st_extract(x, docs[i].text, docs[i].len, idf, &v, NULL, &err) < 0) {
                fprintf(stderr, "%s\n", err.msg);
                return 1;
            }
            nnz += v.n;
        }
        t0 = now() - t0;
        if (t0 < best)
            best = t0;
    }
    char desc[256];
    st_feature_config_describe(&cfg, desc, sizeof desc);
    printf("stance features  %zu articles  %.2f MB  best of %d: %.3f s  "
           "%.1f MB/s  %.0f articles/s  (%.0f non-zeros/article; %s)\n",
           n, bytes / 1e6, repeats, best, bytes / 1e6 / best, n / best,
           (double)nnz / n, desc);
    return 0;
}
