/* Unit tests of the trainer, the model file and the corpus readers' errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#define XXH_INLINE_ALL
#include <xxhash.h>
#include <math.h>
#include <svm.h>

#include "features/idf.h"
#include "helpers.h"
#include "svm/linear_table.h"
#include "svm/model.h"
#include "train/classifier.h"
#include "train/folds.h"
#include "train/gram.h"
#include "train/svm_fit.h"
#include "train/trainer.h"

static st_feature_config small_features(void)
{
    st_feature_config c;
    st_feature_config_default(&c);
    c.hash_bits = 16;
    return c;
}

static int load(st_dataset *d, const char *path, const char *labels,
                int skip_bad, st_error *err)
{
    st_feature_config c = small_features();
    st_extractor *x = st_extractor_new(&c, err);
    st_load_options o = { .require_label = 1, .skip_bad = skip_bad };
    int rc;
    memset(d, 0, sizeof *d);
    if (labels)
        assert_int_equal(st_labels_parse(&d->labels, labels, err), 0);
    rc = st_dataset_load(d, path, &o, x, err);
    st_extractor_free(x);
    return rc;
}

/* A corpus a linear model must get right: the classes use disjoint words. */
static const char *separable_corpus(void)
{
    static char buf[16384];
    size_t o = 0;
    static const char *pos[] = { "summit", "agreement", "thaw", "talks", "deal" };
    static const char *neg[] = { "sanctions", "expulsion", "threat", "tariff", "ban" };
    for (int i = 0; i < 40; i++) {
        const char **w = i % 2 ? neg : pos;
        o += (size_t)snprintf(buf + o, sizeof buf - o,
                              "{\"id\":\"d%d\",\"lang\":\"%s\",\"label\":\"%s\","
                              "\"text\":\"%s %s and %s %d\"}\n",
                              i, i % 4 < 2 ? "en" : "de", i % 2 ? "cooling" : "warming",
                              w[i % 5], w[(i + 1) % 5], w[(i + 2) % 5], i);
    }
    return temp_file(0, ".jsonl", buf, o);
}

static st_model *train_on(const st_dataset *d, int threads, st_train_report *rep)
{
    st_feature_config c = small_features();
    st_train_options o;
    st_model *m = NULL;
    st_error err;
    st_train_options_default(&o);
    o.threads = threads;
    o.repeats = 2;
    assert_int_equal(st_train(d, &c, &o, &m, rep, &err), 0);
    return m;
}

static void test_separable_corpus_is_learned(void **state)
{
    st_train_report rep = { 0 };
    st_dataset d;
    st_error err;
    st_model *m;
    (void)state;
    assert_int_equal(load(&d, separable_corpus(), NULL, 0, &err), 0);
    assert_int_equal(d.n, 40);
    m = train_on(&d, 2, &rep);
    assert_float_equal(rep.grid[rep.best].macro_f1, 1.0, 1e-9);
    assert_int_equal(rep.nlang, 2);
    /* Calibrated: a clear warming text is warming with high probability. */
    {
        st_extractor *x = st_extractor_new(&m->features, &err);
        st_sparse v = { 0 };
        double dec[1], prob[2];
        assert_int_equal(st_extract(x, "summit agreement thaw", 21, m->idf, &v, NULL, &err), 0);
        st_model_decisions(m, &v, dec);
        assert_int_equal(st_model_probabilities(m, dec, prob), 0);
        assert_true(prob[0] > 0.8);
        assert_float_equal(prob[0] + prob[1], 1.0, 1e-9);
        st_sparse_free(&v);
        st_extractor_free(x);
    }
    st_model_free(m);
    st_train_report_free(&rep);
    st_dataset_free(&d);
}

static void test_cv_deterministic_across_threads(void **state)
{
    st_train_report a = { 0 }, b = { 0 };
    st_dataset d;
    st_error err;
    st_model *ma, *mb;
    (void)state;
    assert_int_equal(load(&d, source_path("data/samples/articles.jsonl"), NULL, 0, &err), 0);
    assert_int_equal(d.n, 12);
    ma = train_on(&d, 1, &a);
    mb = train_on(&d, 2, &b);
    assert_int_equal(a.ngrid, b.ngrid);
    for (int g = 0; g < a.ngrid; g++)
        assert_true(a.grid[g].macro_f1 == b.grid[g].macro_f1);
    assert_int_equal(a.best, b.best);
    assert_memory_equal(ma->w, mb->w, st_model_buckets(ma) * sizeof *ma->w);
    assert_true(ma->rho[0] == mb->rho[0]);
    assert_true(ma->platt_a[0] == mb->platt_a[0]);
    st_model_free(ma);
    st_model_free(mb);
    st_train_report_free(&a);
    st_train_report_free(&b);
    st_dataset_free(&d);
}

/* The first 40 records of the separable corpus (20 per class) dealt to 5
 * folds: 4 of each class in every fold. */
static void assert_stratified(const int *fold, const int *y)
{
    for (int f = 0; f < 5; f++) {
        int per_class[2] = { 0, 0 };
        for (int i = 0; i < 40; i++)
            if (fold[i] == f)
                per_class[y[i]]++;
        assert_int_equal(per_class[0], 4);
        assert_int_equal(per_class[1], 4);
    }
}

static void test_folds_are_stratified_and_seeded(void **state)
{
    st_dataset d;
    st_error err;
    int f1[40], f2[40], f3[40];
    (void)state;
    assert_int_equal(load(&d, separable_corpus(), NULL, 0, &err), 0);
    assert_int_equal(st_folds_assign(&d, 5, 7, f1, &err), 0);
    assert_int_equal(st_folds_assign(&d, 5, 7, f2, &err), 0);
    assert_int_equal(st_folds_assign(&d, 5, 8, f3, &err), 0);
    assert_memory_equal(f1, f2, sizeof f1);
    assert_true(memcmp(f1, f3, sizeof f1) != 0);
    assert_stratified(f1, d.y);
    st_dataset_free(&d);
}

/* An input given twice: each record's two copies share a fold, the folds
 * stay stratified, and the fingerprint covers both copies. */
static void test_copies_share_a_fold(void **state)
{
    st_feature_config c = small_features();
    st_extractor *x = st_extractor_new(&c, NULL);
    st_load_options o = { .require_label = 1 };
    const char *path = separable_corpus();
    st_dataset once, twice;
    st_error err;
    int fold[80];
    (void)state;

    assert_int_equal(load(&once, path, NULL, 0, &err), 0);
    assert_int_equal(load(&twice, path, NULL, 0, &err), 0);
    assert_int_equal(st_dataset_load(&twice, path, &o, x, &err), 0);
    assert_int_equal(twice.n, 80);
    assert_true(twice.fingerprint != once.fingerprint);
    assert_int_equal(st_folds_assign(&twice, 5, 7, fold, &err), 0);
    for (int i = 0; i < 40; i++)
        assert_int_equal(fold[i], fold[i + 40]);
    assert_stratified(fold, twice.y);
    st_extractor_free(x);
    st_dataset_free(&once);
    st_dataset_free(&twice);
}

/* Rewrites the header of a model file's first 32 + length bytes as format
 * version: its version byte, payload length and checksum. */
static void restamp(char *bytes, int version, uint64_t length)
{
    uint64_t checksum = XXH3_64bits(bytes + 32, (size_t)length);
    bytes[8] = (char)version;
    memcpy(bytes + 16, &length, 8);
    memcpy(bytes + 24, &checksum, 8);
}

static void test_model_roundtrip_and_rejection(void **state)
{
    st_train_report rep = { 0 };
    st_dataset d;
    st_error err;
    st_model *m, *back;
    const char *path;
    FILE *f;
    char *bytes;
    long size;
    (void)state;

    assert_int_equal(load(&d, separable_corpus(), NULL, 0, &err), 0);
    m = train_on(&d, 2, &rep);
    path = temp_file(1, ".model", "", 0);
    assert_int_equal(st_model_save(m, path, &err), 0);
    back = st_model_load(path, &err);
    assert_non_null(back);
    assert_memory_equal(back->w, m->w, st_model_buckets(m) * sizeof *m->w);
    assert_memory_equal(back->idf, m->idf, st_model_buckets(m) * sizeof *m->idf);
    assert_true(back->rho[0] == m->rho[0] && back->platt_b[0] == m->platt_b[0]);
    assert_string_equal(back->labels.names[1], "cooling");
    /* The lead view's settings travel with the model. */
    {
        const char *lead_path = temp_file(5, ".model", "", 0);
        st_model *lead;
        m->features.lead_chars = 300;
        m->features.lead_weight = 0.5f;
        assert_int_equal(st_model_save(m, lead_path, &err), 0);
        assert_non_null(lead = st_model_load(lead_path, &err));
        assert_int_equal(lead->features.lead_chars, 300);
        assert_true(lead->features.lead_weight == 0.5f);
        st_model_free(lead);
        m->features.lead_chars = 0;
        m->features.lead_weight = 1.0f;
    }
    /* The mention list travels with the model, as written; only a model
     * that can answer neutral takes one. */
    {
        static const char list[] = "# names\nputin*\n=ロシア\n^US\n";
        const char *gate_path = temp_file(5, ".model", "", 0);
        st_model *gated;
        assert_int_equal(st_model_set_mentions(m, list, strlen(list), "list", &err), -1);
        assert_non_null(strstr(err.msg, "needs a model with a neutral label"));
        strcpy(m->labels.names[1], "neutral");
        assert_int_equal(st_model_set_mentions(m, "putin*\n^U.S!\n", 13, "list", &err), -1);
        assert_non_null(strstr(err.msg, "list:2: a ^ pattern takes ASCII"));
        assert_int_equal(st_model_set_mentions(m, list, strlen(list), "list", &err), 0);
        assert_int_equal(st_model_save(m, gate_path, &err), 0);
        assert_non_null(gated = st_model_load(gate_path, &err));
        assert_string_equal(gated->mentions_text, list);
        assert_int_equal(st_mentions_count(gated->mentions), 3);
        {
            /* Off-topic: the direction keeps a tenth, neutral the rest. */
            double prob[2] = { 0.8, 0.2 };
            assert_int_equal(st_model_off_topic(gated, prob), 1);
            assert_true(fabs(prob[0] - 0.08) < 1e-12 && fabs(prob[1] - 0.92) < 1e-12);
        }
        st_model_free(gated);
        st_mentions_free(m->mentions);
        free(m->mentions_text);
        m->mentions = NULL;
        m->mentions_text = NULL;
        strcpy(m->labels.names[1], "cooling");
    }

    f = fopen(path, "rb");
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    rewind(f);
    bytes = malloc((size_t)size);
    assert_int_equal(fread(bytes, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    /* Truncated anywhere (header and body alike): refused, not crashed. */
    for (long cut = 0; cut < size; cut += cut < 64 ? 1 : 997) {
        const char *p = temp_file(2, ".model", bytes, (size_t)cut);
        assert_null(st_model_load(p, &err));
        assert_non_null(strstr(err.msg, p));
    }
    /* A flipped byte in the body: the checksum catches it. */
    bytes[size / 2] ^= 0x40;
    assert_null(st_model_load(temp_file(2, ".model", bytes, (size_t)size), &err));
    assert_non_null(strstr(err.msg, "checksum"));
    bytes[size / 2] ^= 0x40;
    /* A future format version. */
    bytes[8] = 9;
    assert_null(st_model_load(temp_file(2, ".model", bytes, (size_t)size), &err));
    assert_non_null(strstr(err.msg, "version 9 is newer"));
    bytes[8] = 5;
    assert_non_null(back = (st_model_free(back), st_model_load(temp_file(2, ".model", bytes, (size_t)size), &err)));
    assert_null(back->mentions);
    /* Format 4 is format 5 without the mention list's length (0 here) at
     * the end; it loads with no gate. */
    {
        size -= 4;
        restamp(bytes, 4, (uint64_t)size - 32);
        st_model_free(back);
        assert_non_null(back = st_model_load(temp_file(2, ".model", bytes, (size_t)size), &err));
        assert_int_equal(back->format_version, 4);
        assert_null(back->mentions);
    }
    /* Format 3 is format 4 without the lead view's 8 bytes after the eight
     * feature integers; it loads with the lead view off. */
    {
        memmove(bytes + 64, bytes + 72, (size_t)size - 72);
        size -= 8;
        restamp(bytes, 3, (uint64_t)size - 32);
        st_model_free(back);
        assert_non_null(back = st_model_load(temp_file(2, ".model", bytes, (size_t)size), &err));
        assert_int_equal(back->features.lead_chars, 0);
        assert_int_equal(back->format_version, 3);
    }
    assert_true(back->corpus_records == d.n);
    assert_true(back->corpus_fingerprint == d.fingerprint && d.fingerprint != 0);
    /* It knows its training texts, and nothing else. */
    assert_true(back->nitem_hashes > 0 && back->nitem_hashes <= d.n);
    assert_int_equal(st_model_trained_on(back, "Completely new text", 19), 0);
    /* Older formats are the same bytes without the later blocks: format 2
     * ends after the corpus block, format 1 before it; both load, with
     * what is missing unknown. */
    {
        size_t items = 8 + 8 * back->nitem_hashes + 4 + strlen(back->cv_summary);
        for (int version = 2; version >= 1; version--) {
            uint64_t length = (uint64_t)size - 32 - items - (version == 1 ? 16 : 0);
            restamp(bytes, version, length);
            st_model_free(back);
            back = st_model_load(temp_file(2, ".model", bytes, 32 + (size_t)length), &err);
            assert_non_null(back);
            assert_null(back->item_hashes);
            assert_int_equal(st_model_trained_on(back, "x", 1), -1);
            assert_true(version == 2 ? back->corpus_records == d.n : back->corpus_records == 0);
            assert_int_equal(back->labels.n, m->labels.n);
        }
    }
    /* Well-formed bytes, checksum right, but a NaN weight or an infinite
     * Platt coefficient: refused, never printed as -nan. */
    {
        float w0 = m->w[0];
        double a0 = m->platt_a[0];
        const char *nan_path = temp_file(3, ".model", "", 0);
        m->w[0] = NAN;
        assert_int_equal(st_model_save(m, nan_path, &err), 0);
        assert_null(st_model_load(nan_path, &err));
        assert_non_null(strstr(err.msg, "a weight is not a finite number"));
        m->w[0] = w0;
        m->platt_a[0] = INFINITY;
        assert_int_equal(st_model_save(m, nan_path, &err), 0);
        assert_null(st_model_load(nan_path, &err));
        assert_non_null(strstr(err.msg, "a coefficient is not a finite number"));
        m->platt_a[0] = a0;
    }
    assert_null(st_model_load("/nonexistent/stance.model", &err));
    assert_non_null(strstr(err.msg, "No such file"));
    free(bytes);
    st_model_free(back);
    st_model_free(m);
    st_train_report_free(&rep);
    st_dataset_free(&d);
}

/* libsvm's own linear-kernel model on the same vectors must give the
 * decision values the collapsed weights give. */
/* The records' TF-IDF vectors, IDF learned from all of them. */
static st_sparse *weighted_records(const st_dataset *d,
                                   const st_feature_config *c)
{
    st_df_counter df;
    st_error err;
    st_sparse *x = calloc(d->n, sizeof *x);
    float *idf;

    assert_int_equal(st_df_init(&df, c->hash_bits, &err), 0);
    for (size_t i = 0; i < d->n; i++)
        st_df_add(&df, &d->counts[i]);
    idf = st_df_to_idf(&df, &err);
    for (size_t i = 0; i < d->n; i++) {
        assert_int_equal(st_sparse_copy(&x[i], &d->counts[i], &err), 0);
        st_weigh(c, idf, &x[i]);
    }
    free(idf);
    st_df_free(&df);
    return x;
}

static void test_collapsed_weights_match_libsvm(void **state)
{
    st_dataset d;
    st_error err;
    st_feature_config c = small_features();
    st_sparse *x;
    struct svm_node **nodes;
    struct svm_problem prob;
    struct svm_parameter param;
    struct svm_model *lib;
    st_model m;
    st_svm_fit fit;
    st_kernel_rows K;
    size_t *all;
    double *G;
    st_svm_params p = { ST_KERNEL_LINEAR, 1.0, 0, 2, NULL };
    (void)state;

    assert_int_equal(load(&d, source_path("data/samples/articles.jsonl"), NULL, 0, &err), 0);
    x = weighted_records(&d, &c);
    nodes = calloc(d.n, sizeof *nodes);
    all = calloc(d.n, sizeof *all);
    prob.l = (int)d.n;
    prob.y = calloc(d.n, sizeof *prob.y);
    prob.x = calloc(d.n, sizeof *prob.x);
    /* Class-sorted order, as st_svm_train hands records to libsvm. */
    for (size_t i = 0, t = 0; t < 2; t++)
        for (size_t j = 0; j < d.n; j++)
            if ((size_t)d.y[j] == t)
                all[i++] = j;
    for (size_t i = 0; i < d.n; i++) {
        nodes[i] = calloc(x[i].n + 1, sizeof **nodes);
        for (size_t t = 0; t < x[i].n; t++) {
            nodes[i][t].index = (int)x[i].index[t] + 1;
            nodes[i][t].value = x[i].value[t];
        }
        nodes[i][x[i].n].index = -1;
    }
    for (size_t i = 0; i < d.n; i++) {
        prob.y[i] = d.y[all[i]];
        prob.x[i] = nodes[all[i]];
    }
    memset(&param, 0, sizeof param);
    param.svm_type = C_SVC;
    param.kernel_type = LINEAR;
    param.C = 1;
    param.eps = 1e-3;
    param.cache_size = 10;
    st_svm_quiet();
    lib = svm_train(&prob, &param);

    /* The same problem through stance's precomputed path and collapse. */
    G = malloc(d.n * d.n * sizeof *G);
    for (size_t i = 0; i < d.n; i++)
        all[i] = i;
    memset(&m, 0, sizeof m);
    m.features = c;
    m.labels = d.labels;
    m.npairs = 1;
    m.rho = calloc(1, sizeof *m.rho);
    assert_int_equal(st_gram_linear(x, d.n, c.hash_bits, G, &err), 0);
    assert_int_equal(st_kernel_rows_build(&K, G, d.n, ST_KERNEL_LINEAR, 0, &err), 0);
    assert_int_equal(st_svm_train(&fit, &K, all, d.n, d.y, &p, &err), 0);
    assert_int_equal(st_svm_export(&fit, x, &m, &err), 0);
    for (size_t i = 0; i < d.n; i++) {
        double ours, theirs;
        st_model_decisions(&m, &x[i], &ours);
        svm_predict_values(lib, nodes[i], &theirs);
        assert_float_equal(ours, theirs, 1e-4);
        assert_true(fabs(ours) > 1e-3);
    }
    svm_free_and_destroy_model(&lib);
    st_svm_fit_free(&fit);
    st_kernel_rows_free(&K);
    for (size_t i = 0; i < d.n; i++) {
        free(nodes[i]);
        st_sparse_free(&x[i]);
    }
    free(nodes); free(x); free(all); free(G);
    free(prob.x); free(prob.y); free(m.rho); free(m.w);
    st_dataset_free(&d);
}

/* Three labels and a background that shares their topic word. */
static const char *background_corpus(void)
{
    static char buf[16384];
    static const char *label[] = { "warming", "cooling", "stalled", "neutral" };
    static const char *cue[][3] = { { "summit", "thaw", "deal" },
                                    { "sanctions", "expulsion", "ban" },
                                    { "delay", "postponed", "stalemate" },
                                    { "weather", "football", "markets" } };
    size_t o = 0;
    for (int i = 0; i < 48; i++) {
        int k = i % 4;
        o += (size_t)snprintf(buf + o, sizeof buf - o,
                              "{\"id\":\"b%d\",\"lang\":\"en\",\"label\":\"%s\","
                              "\"text\":\"russia %s %s %s\"}\n",
                              i, label[k], cue[k][i % 3], cue[k][(i + 1) % 3],
                              cue[(k + 1) % 4][i % 3]);
    }
    return temp_file(1, ".jsonl", buf, o);
}

/* The exported model's pair decisions are those of the machines the
 * classifier trained: with a background, f_i - f_j of the one-vs-rest
 * machines, for libsvm's two kernels and for LIBLINEAR (the one-vs-one
 * layout of an RBF model for more than two predicted classes); without
 * one, LIBLINEAR's one-vs-one machines. */
static void check_export_matches_machines(const st_dataset *d, const st_sparse *x,
                                          const double *G, const size_t *all,
                                          st_classifier_params p, int npredicted)
{
    st_feature_config c = small_features();
    int npairs = npredicted * (npredicted - 1) / 2;
    st_error err;
    st_classifier fit;
    st_kernel_rows K = { 0 };
    st_linear_rows rows = { 0 };
    st_fit_data data = { &K, &rows, x };
    st_model m;

    for (int k = 0; k < npredicted; k++)
        p.one_vs_rest_weight[k][0] = p.one_vs_rest_weight[k][1] = 1;
    memset(&m, 0, sizeof m);
    m.features = c;
    m.labels = d->labels;
    m.labels.n = npredicted;
    m.npairs = npairs;
    m.kernel = p.svm.kernel;
    m.gamma = p.svm.gamma;
    m.rho = calloc((size_t)npairs, sizeof *m.rho);
    if (p.solver == ST_SOLVER_LIBLINEAR) {
        /* x is weighted already: raw term frequencies, no idf, and an L2
         * norm that is 1 leave it as it is. */
        st_feature_config as_is = c;
        as_is.tf = ST_TF_RAW;
        as_is.idf = 0;
        assert_int_equal(st_linear_rows_build(&rows, x, d->n, &as_is, NULL, NULL, NULL, &err), 0);
    }
    else
        assert_int_equal(st_kernel_rows_build(&K, G, d->n, p.svm.kernel,
                                              p.svm.gamma, &err), 0);
    assert_int_equal(st_classifier_train(&fit, &data, all, d->n, d->y, &p, &err), 0);
    assert_int_equal(st_classifier_export(&fit, x, NULL, NULL, &m, &err), 0);
    for (size_t i = 0; i < d->n; i++) {
        double machines[6], exported[6];
        st_classifier_decisions(&fit, &data, i, machines);
        st_model_decisions(&m, &x[i], exported);
        for (int q = 0; q < npairs; q++)
            assert_float_equal(exported[q], machines[q], 1e-4);
        /* Each labelled record wins its own vote. */
        if (d->y[i] < npredicted)
            assert_int_equal(st_pair_vote(npredicted, exported), d->y[i]);
    }
    st_classifier_free(&fit);
    st_kernel_rows_free(&K);
    st_linear_rows_free(&rows);
    free(m.rho); free(m.w); free(m.coef); free(m.sv_per_class);
    for (size_t s = 0; s < m.nsv; s++)
        st_sparse_free(&m.sv[s]);
    free(m.sv);
}

static void test_export_matches_machines(void **state)
{
    st_feature_config c = small_features();
    st_dataset d;
    st_error err;
    st_sparse *x;
    size_t *all;
    double *G;
    double weights[4] = { 1, 1, 1, 1 };
    (void)state;

    assert_int_equal(load(&d, background_corpus(), NULL, 0, &err), 0);
    assert_int_equal(d.labels.n, 4);
    assert_string_equal(d.labels.names[3], "neutral");
    x = weighted_records(&d, &c);
    all = calloc(d.n, sizeof *all);
    G = malloc(d.n * d.n * sizeof *G);
    for (size_t i = 0; i < d.n; i++)
        all[i] = i;
    assert_int_equal(st_gram_linear(x, d.n, c.hash_bits, G, &err), 0);
    st_linear_quiet();
    for (int variant = 0; variant < 5; variant++) {
        st_classifier_params p = { variant >= 2 ? ST_SOLVER_LIBLINEAR : ST_SOLVER_LIBSVM,
                                   variant == 4 ? ST_LOSS_LOGISTIC : ST_LOSS_HINGE,
                                   { variant == 1 ? ST_KERNEL_RBF : ST_KERNEL_LINEAR,
                                     1.0, 0.5, 4, weights },
                                   variant == 3 ? -1 : 3, { { 0 } } };
        check_export_matches_machines(&d, x, G, all, p, variant == 3 ? 4 : 3);
    }
    for (size_t i = 0; i < d.n; i++)
        st_sparse_free(&x[i]);
    free(x); free(all); free(G);
    st_dataset_free(&d);
}

/* The trainer with a background: it is the last class, left out of the
 * model's labels and of every score. */
static void test_background_training(void **state)
{
    st_train_report rep = { 0 };
    st_feature_config c = small_features();
    st_train_options o;
    st_dataset d;
    st_model *m = NULL;
    st_error err;
    (void)state;

    assert_int_equal(load(&d, background_corpus(), NULL, 0, &err), 0);
    st_train_options_default(&o);
    o.repeats = 2;
    o.background = 1;   /* not last */
    assert_int_equal(st_train(&d, &c, &o, &m, &rep, &err), -1);
    assert_non_null(strstr(err.msg, "background must be the last class"));
    st_train_report_free(&rep);
    st_dataset_move_class_last(&d, 0);   /* warming becomes the background */
    assert_string_equal(d.labels.names[3], "warming");
    assert_string_equal(d.labels.names[0], "cooling");
    o.background = 3;
    assert_int_equal(st_train(&d, &c, &o, &m, &rep, &err), 0);
    assert_int_equal(m->labels.n, 3);
    assert_int_equal(m->npairs, 3);
    assert_int_equal(rep.scores.total, 36 * 2);
    assert_true(rep.grid[rep.best].macro_f1 > 0.9);
    assert_true(rep.class_weight[3] == 0);
    st_train_report_free(&rep);
    st_model_free(m);
    st_dataset_free(&d);
}

static void expect_load_error(const char *content, const char *labels,
                              const char *expected)
{
    st_dataset d;
    st_error err;
    const char *path = temp_file(3, ".jsonl", content, strlen(content));
    assert_int_equal(load(&d, path, labels, 0, &err), -1);
    if (!strstr(err.msg, expected))
        fail_msg("expected '%s' in '%s'", expected, err.msg);
    assert_non_null(strstr(err.msg, path));
    st_dataset_free(&d);
}

static void test_bad_corpus_lines_name_file_and_line(void **state)
{
    (void)state;
    expect_load_error("{\"label\":\"warming\",\"text\":\"a\"}\n{\"label\": oops}\n",
                      NULL, ":2: bad JSON");
    expect_load_error("{\"label\":\"warming\",\"body\":\"a\"}\n", NULL,
                      ":1: missing field \"text\"");
    expect_load_error("{\"text\":\"a\"}\n", NULL, ":1: record has no label");
    expect_load_error("{\"label\":\"warming\",\"text\":\"\"}\n", NULL, ":1: empty text");
    expect_load_error("{\"label\":\"warming\",\"text\":5}\n", NULL,
                      ":1: field \"text\" must be a string");
    expect_load_error("[1,2]\n", NULL, ":1: expected a JSON object");
}

static void test_skip_bad_and_class_checks(void **state)
{
    st_dataset d;
    st_error err;
    const char *path;
    const char *text =
        "{\"label\":\"warming\",\"text\":\"talks \xff agreed\"}\n"
        "not json\n"
        "{\"label\":\"neutral\",\"text\":\"markets\"}\n"
        "{\"label\":\"cooling\",\"text\":\"sanctions\"}\n";
    (void)state;
    path = temp_file(4, ".jsonl", text, strlen(text));
    assert_int_equal(load(&d, path, "warming,cooling", 1, &err), 0);
    assert_int_equal(d.n, 2);
    assert_int_equal(d.bad, 1);
    assert_int_equal(d.filtered, 1);
    assert_int_equal(d.invalid_docs, 1);
    assert_int_equal(st_dataset_check_classes(&d, &err), 0);
    st_dataset_free(&d);

    /* --labels naming a label that never occurs. */
    assert_int_equal(load(&d, path, "warming,thaw", 1, &err), 0);
    assert_int_equal(st_dataset_check_classes(&d, &err), -1);
    assert_non_null(strstr(err.msg, "'thaw'"));
    st_dataset_free(&d);

    /* One class only. */
    text = "{\"label\":\"cooling\",\"text\":\"a\"}\n{\"label\":\"cooling\",\"text\":\"b\"}\n";
    path = temp_file(4, ".jsonl", text, strlen(text));
    assert_int_equal(load(&d, path, NULL, 0, &err), 0);
    assert_int_equal(st_dataset_check_classes(&d, &err), -1);
    assert_non_null(strstr(err.msg, "one class only ('cooling')"));
    st_dataset_free(&d);
}

static void test_other_corpus_formats(void **state)
{
    st_dataset d;
    st_error err;
    const char *tsv = "warming\tleaders agree to meet\ncooling\tnew sanctions\n";
    const char *ft = "__label__warming leaders agree\n__label__cooling new sanctions\n";
    (void)state;
    assert_int_equal(load(&d, temp_file(5, ".tsv", tsv, strlen(tsv)), NULL, 0, &err), 0);
    assert_int_equal(d.n, 2);
    assert_string_equal(d.labels.names[0], "warming");
    assert_string_equal(d.id[1], "2");
    st_dataset_free(&d);
    assert_int_equal(load(&d, temp_file(5, ".data", ft, strlen(ft)), NULL, 0, &err), 0);
    assert_int_equal(d.n, 2);
    assert_string_equal(d.labels.names[1], "cooling");
    st_dataset_free(&d);
}

/* The decision values of counts weighed and scored through the model's
 * arrays and through the table are the same bit for bit (at most 3 pairs). */
static void assert_table_scores_as_model(const st_model *m, const st_linear_table *t,
                                         const st_sparse *counts)
{
    st_error err;
    st_sparse v = { 0 };
    double plain[3], fast[3];

    assert_true(m->npairs <= 3);
    assert_int_equal(st_sparse_copy(&v, counts, &err), 0);
    st_weigh(&m->features, m->idf, &v);
    st_model_decisions(m, &v, plain);
    assert_int_equal(st_sparse_copy(&v, counts, &err), 0);
    st_linear_table_decisions(t, m, &v, fast);
    assert_memory_equal(plain, fast, (size_t)m->npairs * sizeof *plain);
    st_sparse_free(&v);
}

/* The interleaved table scores exactly as the model's own arrays do:
 * the shipped three-label model (three pairs), on every sample article. */
static void test_linear_table_scores_as_the_model(void **state)
{
    st_error err;
    st_model *m = st_model_load(source_path("models/stance.model"), &err);
    st_linear_table t;
    st_dataset d = { 0 };
    (void)state;

    if (!m)
        fail_msg("%s", err.msg);
    assert_true(m->npairs == 3);
    assert_int_equal(st_linear_table_build(&t, m, &err), 0);
    {
        st_extractor *x = st_extractor_new(&m->features, &err);
        st_load_options o = { .require_label = 1 };
        assert_non_null(x);
        assert_int_equal(st_dataset_load(&d, source_path("data/samples/articles.jsonl"),
                                         &o, x, &err), 0);
        st_extractor_free(x);
    }
    assert_true(d.n > 10);
    for (size_t i = 0; i < d.n; i++)
        assert_table_scores_as_model(m, &t, &d.counts[i]);
    /* A model without its idf array: the table's 1 changes nothing. */
    free(m->idf);
    m->idf = NULL;
    st_linear_table_free(&t);
    assert_int_equal(st_linear_table_build(&t, m, &err), 0);
    assert_table_scores_as_model(m, &t, &d.counts[0]);

    st_dataset_free(&d);
    st_linear_table_free(&t);
    st_model_free(m);
}

/* Whether this system grants transparent huge pages on request. */
static int huge_pages_on_request(void)
{
    char line[128] = "";
    FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r");
    if (!f)
        return 0;
    if (!fgets(line, sizeof line, f))
        line[0] = '\0';
    fclose(f);
    return strstr(line, "[madvise]") || strstr(line, "[always]");
}

/* Kilobytes of huge pages in the mapping that holds p (/proc/self/smaps),
 * or -1 when no mapping does. */
static long huge_kb_around(const void *p)
{
    char line[512];
    long kb = -1;
    int inside = 0;
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f)) {
        unsigned long start, end;
        if (sscanf(line, "%lx-%lx ", &start, &end) == 2 && strchr(line, '-') < strchr(line, ' '))
            inside = (uintptr_t)p >= start && (uintptr_t)p < end;
        else if (inside && sscanf(line, "AnonHugePages: %ld kB", &kb) == 1)
            break;
    }
    fclose(f);
    return kb;
}

/* Loading a model and building its scoring table ask for huge pages
 * (common/huge_pages.h), so that tens of megabytes cost a few dozen page
 * faults, not thousands.  Where the system grants them on request, the
 * weights and the table get them. */
static void test_model_arrays_get_huge_pages(void **state)
{
    st_error err;
    st_model *m = st_model_load(source_path("models/stance.model"), &err);
    st_linear_table t;
    size_t buckets;
    (void)state;

    if (!m)
        fail_msg("%s", err.msg);
    assert_int_equal(st_linear_table_build(&t, m, &err), 0);
    if (!huge_pages_on_request()) {
        st_linear_table_free(&t);
        st_model_free(m);
        skip();
    }
    buckets = st_model_buckets(m);
    assert_true(huge_kb_around(m->w + (size_t)m->npairs * buckets / 2) > 0);
    assert_true(huge_kb_around(t.row + buckets * t.stride / 2) > 0);
    st_linear_table_free(&t);
    st_model_free(m);
}

/* Unlabelled documents given to the trainer count in the model's IDF
 * (ln((1 + N + M) / (1 + df + df')) + 1), and nothing else: the IDF is
 * the one of the records and the documents counted together. */
static void test_unlabelled_documents_count_in_idf(void **state)
{
    st_feature_config c = small_features();
    st_train_report rep = { 0 };
    st_train_options o;
    st_df_counter extra, all;
    st_extractor *x;
    st_sparse v = { 0 };
    st_dataset d;
    st_error err;
    st_model *m = NULL, *plain;
    float *expected;
    size_t only_documents = 0, summit = 0;
    (void)state;

    assert_int_equal(load(&d, separable_corpus(), NULL, 0, &err), 0);
    x = st_extractor_new(&c, &err);
    assert_int_equal(st_df_init(&extra, c.hash_bits, &err), 0);
    for (int i = 0; i < 30; i++) {
        assert_int_equal(st_extract_counts(x, "summit news", 11, &v, NULL, &err), 0);
        st_df_add(&extra, &v);
    }
    assert_int_equal(st_df_init(&all, c.hash_bits, &err), 0);
    for (size_t i = 0; i < d.n; i++)
        st_df_add(&all, &d.counts[i]);
    st_df_add_counter(&all, &extra);
    assert_int_equal(all.ndocs, d.n + 30);
    expected = st_df_to_idf(&all, &err);

    st_train_options_default(&o);
    o.threads = 2;
    o.idf_documents = &extra;
    assert_int_equal(st_train(&d, &c, &o, &m, &rep, &err), 0);
    assert_memory_equal(m->idf, expected, ((size_t)1 << c.hash_bits) * sizeof *expected);
    /* By the formula: the n-grams of "news" that no record holds (such as
     * "new") are in the 30 documents only. */
    assert_int_equal(st_extract_counts(x, "news", 4, &v, NULL, &err), 0);
    for (size_t t = 0; t < v.n; t++)
        if (all.df[v.index[t]] == 30) {
            assert_float_equal(m->idf[v.index[t]],
                               log((1.0 + (double)d.n + 30) / (1.0 + 30)) + 1, 1e-6);
            only_documents++;
        }
    assert_true(only_documents > 0);
    st_train_report_free(&rep);   /* zeroes it for the next training */

    /* Without them, "summit"'s n-grams weigh more: they are rarer. */
    plain = train_on(&d, 2, &rep);
    assert_int_equal(st_extract_counts(x, "summit", 6, &v, NULL, &err), 0);
    for (size_t t = 0; t < v.n; t++)
        summit += plain->idf[v.index[t]] > m->idf[v.index[t]];
    assert_int_equal(summit, v.n);

    free(expected);
    st_df_free(&extra);
    st_df_free(&all);
    st_sparse_free(&v);
    st_extractor_free(x);
    st_model_free(m);
    st_model_free(plain);
    st_train_report_free(&rep);
    st_dataset_free(&d);
}

/* The --loss names, both ways, and what an unknown one gives. */
static void test_loss_names(void **state)
{
    st_loss loss = ST_LOSS_HINGE;
    (void)state;
    for (st_loss l = ST_LOSS_HINGE; l <= ST_LOSS_LOGISTIC; l++) {
        assert_int_equal(st_loss_parse(st_loss_name(l), &loss), 0);
        assert_int_equal(loss, l);
    }
    assert_string_equal(st_loss_name(ST_LOSS_LOGISTIC), "logistic");
    assert_int_equal(st_loss_parse("squared_hinge", &loss), -1);
    assert_int_equal(loss, ST_LOSS_LOGISTIC);   /* left as it was */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_separable_corpus_is_learned),
        cmocka_unit_test(test_cv_deterministic_across_threads),
        cmocka_unit_test(test_folds_are_stratified_and_seeded),
        cmocka_unit_test(test_copies_share_a_fold),
        cmocka_unit_test(test_model_roundtrip_and_rejection),
        cmocka_unit_test(test_collapsed_weights_match_libsvm),
        cmocka_unit_test(test_export_matches_machines),
        cmocka_unit_test(test_background_training),
        cmocka_unit_test(test_bad_corpus_lines_name_file_and_line),
        cmocka_unit_test(test_skip_bad_and_class_checks),
        cmocka_unit_test(test_other_corpus_formats),
        cmocka_unit_test(test_linear_table_scores_as_the_model),
        cmocka_unit_test(test_model_arrays_get_huge_pages),
        cmocka_unit_test(test_loss_names),
        cmocka_unit_test(test_unlabelled_documents_count_in_idf),
    };
    return cmocka_run_group_tests_name("train", tests, NULL, NULL);
}
