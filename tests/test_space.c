/* The cross-lingual space (train/space.h) and the parallel text it is
 * learnt from (corpus/parallel_text.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "corpus/parallel_text.h"
#include "tests/helpers.h"
#include "features/config.h"
#include "features/extract.h"
#include "train/space.h"
#include "train/transfer.h"

static st_sparse row(size_t n, const uint32_t *index, const float *value)
{
    st_sparse v = { 0 };
    v.index = malloc(n * sizeof *v.index);
    v.value = malloc(n * sizeof *v.value);
    memcpy(v.index, index, n * sizeof *v.index);
    memcpy(v.value, value, n * sizeof *v.value);
    v.n = v.cap = n;
    return v;
}

static const float *v_row(const st_space *sp, uint32_t bucket)
{
    assert_true(sp->row_of[bucket] >= 0);
    return sp->v + (size_t)sp->row_of[bucket] * sp->dims;
}

/* X = [1 1; 1 1; 1 -1] over buckets 3 and 7: X^T X = [3 1; 1 3], so the
 * singular values are 2 and sqrt(2), with V = [1 1]/sqrt 2 and
 * [1 -1]/sqrt 2, signed so that U's largest component is positive. */
static void test_known_decomposition(void **state)
{
    (void)state;
    const uint32_t b[2] = { 3, 7 };
    const float same[2] = { 1, 1 }, opposite[2] = { 1, -1 };
    st_sparse x[3] = { row(2, b, same), row(2, b, same), row(2, b, opposite) };
    st_space sp;
    st_error err;
    double z[2];
    float u[2] = { 1, 0 }, *w = calloc(1024, sizeof *w);

    assert_int_equal(st_space_decompose(&sp, x, 3, 10, 2, &err), 0);
    assert_float_equal(sp.singular[0], 2.0, 1e-9);
    assert_float_equal(sp.singular[1], sqrt(2.0), 1e-9);
    assert_int_equal(sp.rows, 2);
    assert_int_equal(sp.row_of[0], -1);
    assert_float_equal(v_row(&sp, 3)[0], M_SQRT1_2, 1e-6);
    assert_float_equal(v_row(&sp, 7)[0], M_SQRT1_2, 1e-6);
    assert_float_equal(v_row(&sp, 3)[1], M_SQRT1_2, 1e-6);
    assert_float_equal(v_row(&sp, 7)[1], -M_SQRT1_2, 1e-6);

    sp.weight = 2;
    st_space_project(&sp, &x[2], z);       /* 2 V^T [1 -1] = [0, 2 sqrt 2] */
    assert_float_equal(z[0], 0.0, 1e-6);
    assert_float_equal(z[1], 2 * sqrt(2.0), 1e-6);
    st_space_fold(&sp, u, w);              /* w += 2 V [1 0] */
    assert_float_equal(w[3], 2 * M_SQRT1_2, 1e-6);
    assert_float_equal(w[7], 2 * M_SQRT1_2, 1e-6);
    assert_float_equal(w[0], 0.0, 0);

    /* Power 2: scales (s_j / s_1)^2 = 1 and 1/2, over their root mean
     * square sqrt(5/8); the projection of [1 -1] moves with dimension 2. */
    st_space_scale_dims(&sp, 2.0);
    st_space_project(&sp, &x[2], z);
    assert_float_equal(z[0], 0.0, 1e-6);
    assert_float_equal(z[1], 2 * sqrt(2.0) * 0.5 / sqrt(5.0 / 8), 1e-5);
    assert_float_equal(v_row(&sp, 3)[0], M_SQRT1_2 / sqrt(5.0 / 8), 1e-6);

    st_space_free(&sp);
    for (int i = 0; i < 3; i++)
        st_sparse_free(&x[i]);
    free(w);
}

/* A larger matrix whose common buckets go through the dense (dsyrk) path:
 * V's columns are orthonormal and |X v_j| = s_j. */
static void test_decomposition_properties(void **state)
{
    (void)state;
    enum { N = 60, B = 40, K = 8 };
    st_sparse x[N];
    st_space sp;
    st_error err;
    srand(7);
    for (int i = 0; i < N; i++) {
        uint32_t index[B];
        float value[B];
        size_t n = 0;
        for (uint32_t t = 0; t < B; t++)
            if (t < 4 || rand() % 3 == 0) {   /* buckets 0-3 in every row */
                index[n] = t;
                value[n++] = (float)(rand() % 100 + 1) / 50.0f;
            }
        x[i] = row(n, index, value);
    }
    assert_int_equal(st_space_decompose(&sp, x, N, 10, K, &err), 0);
    for (int j = 0; j < K; j++) {
        if (j)
            assert_true(sp.singular[j] <= sp.singular[j - 1]);
        for (int l = 0; l < K; l++) {
            double dot = 0;
            for (uint32_t t = 0; t < B; t++)
                dot += (double)v_row(&sp, t)[j] * v_row(&sp, t)[l];
            assert_float_equal(dot, j == l ? 1.0 : 0.0, 1e-4);
        }
        double norm = 0;
        for (int i = 0; i < N; i++) {
            double xv = 0;
            for (size_t t = 0; t < x[i].n; t++)
                xv += x[i].value[t] * v_row(&sp, x[i].index[t])[j];
            norm += xv * xv;
        }
        assert_float_equal(sqrt(norm), sp.singular[j], 1e-3 * sp.singular[0]);
    }
    st_space_free(&sp);
    assert_int_equal(st_space_decompose(&sp, x, N, 10, N, &err), -1);
    assert_non_null(strstr(err.msg, "more than 60 sentences"));
    for (int i = 0; i < N; i++)
        st_sparse_free(&x[i]);
}

static void test_parallel_text(void **state)
{
    (void)state;
    char dir[] = "/tmp/stance-parallel-XXXXXX";
    st_parallel p;
    st_error err;

    assert_non_null(mkdtemp(dir));
    assert_int_equal(st_parallel_read(&p, dir, &err), -1);
    assert_non_null(strstr(err.msg, "no *.txt files"));

    assert_int_equal(write_file_in(dir, "xx.txt", "one\ntwo\n"), 0);
    assert_int_equal(write_file_in(dir, "aa.txt", "uno\ndos"), 0);   /* no final line break */
    assert_int_equal(write_file_in(dir, "README.md", "not a language\n"), 0);
    assert_int_equal(st_parallel_read(&p, dir, &err), 0);
    assert_int_equal(p.nlang, 2);
    assert_string_equal(p.lang[0], "aa");
    assert_int_equal(p.nlines, 2);
    assert_string_equal(p.joint[0], "uno\none\n");
    assert_string_equal(p.joint[1], "dos\ntwo\n");
    st_parallel_free(&p);

    assert_int_equal(write_file_in(dir, "bb.txt", "eins\nzwei\ndrei\n"), 0);
    assert_int_equal(st_parallel_read(&p, dir, &err), -1);
    assert_non_null(strstr(err.msg, "bb.txt has 3 lines"));
    assert_non_null(strstr(err.msg, "aa.txt has 2"));

    for (const char *const *f = (const char *const[]){ "xx.txt", "aa.txt", "bb.txt",
                                                       "README.md", NULL }; *f; f++)
        remove_file_in(dir, *f);
    rmdir(dir);
}

/* When asked, the transfer counts each line of the parallel text, in every
 * language at once, as one document for the IDF: an n-gram of one
 * language's line and another's translation counts once. */
static void test_transfer_counts_joint_documents(void **state)
{
    (void)state;
    char dir[] = "/tmp/stance-parallel-XXXXXX";
    st_transfer_options o = { .use_idf = 1 };
    st_feature_config cfg;
    st_transfer t;
    st_extractor *x;
    st_sparse v = { 0 };
    st_error err;

    st_feature_config_default(&cfg);
    cfg.hash_bits = 16;
    cfg.char_min = cfg.char_max = 0;
    cfg.word_max = 1;
    assert_non_null(mkdtemp(dir));
    assert_int_equal(write_file_in(dir, "en.txt", "the news\nthe summit\nmore news\n"), 0);
    assert_int_equal(write_file_in(dir, "xx.txt", "la news\nla summit\nla plus\n"), 0);
    o.parallel = dir;
    assert_int_equal(st_transfer_learn(&t, &o, &cfg, &err), 0);
    assert_int_equal(t.has_space || t.has_lexicon, 0);
    assert_non_null(st_transfer_idf_documents(&t));
    assert_int_equal(t.idf_documents.ndocs, 3);
    x = st_extractor_new(&cfg, &err);
    assert_int_equal(st_extract_counts(x, "news", 4, &v, NULL, &err), 0);
    assert_int_equal(v.n, 1);
    assert_int_equal(t.idf_documents.df[v.index[0]], 2);   /* lines 1 and 3 */
    assert_int_equal(st_extract_counts(x, "la", 2, &v, NULL, &err), 0);
    assert_int_equal(t.idf_documents.df[v.index[0]], 3);
    assert_int_equal(st_extract_counts(x, "summit", 6, &v, NULL, &err), 0);
    assert_int_equal(t.idf_documents.df[v.index[0]], 1);
    st_transfer_free(&t);
    assert_null(st_transfer_idf_documents(&t));

    st_sparse_free(&v);
    st_extractor_free(x);
    remove_file_in(dir, "en.txt");
    remove_file_in(dir, "xx.txt");
    rmdir(dir);
}

/* A two-language parallel set in which the second language is a word-for-
 * word cipher of English (every word but the name "putin" respelt), learnt
 * on word unigrams.  Its sentences then have English's Gram matrix with
 * the buckets renamed, so each language's ridge map is the other's renamed:
 * any text and its cipher, sentences never seen included, project to the
 * same point, whichever the target.  The name, held by both languages in
 * the same lines, keeps the common value of the two maps. */
static const char *const english_words[] = {
    "russia", "america", "talks", "sanctions", "expel", "diplomats", "resume",
    "flights", "summit", "meet", "oil", "price", "trump", "agree", "reject",
    "putin",
};
static const char *const cipher_words[] = {
    "qaissur", "qacirema", "qsklat", "qsnoitcnas", "qlepxe", "qstamolpid",
    "qemuser", "qsthgilf", "qtimmus", "qteem", "qlio", "qecirp", "qpmurt",
    "qeerga", "qtcejer", "putin",
};

static void cipher_text(char *en, char *xx, size_t size, const int *word, int n)
{
    size_t a = 0, b = 0;
    for (int i = 0; i < n; i++) {
        a += (size_t)snprintf(en + a, size - a, "%s%s", i ? " " : "", english_words[word[i]]);
        b += (size_t)snprintf(xx + b, size - b, "%s%s", i ? " " : "", cipher_words[word[i]]);
    }
}

/* Writes the two languages of a cipher set into dir: eng.txt and xx.txt,
 * CIPHER_LINES lines of 3 to 5 words drawn from seed, each line of xx.txt
 * led by xx_prefix; xx gets xx.txt's text. */
enum { CIPHER_LINES = 40 };
static void write_cipher_set(const char *dir, unsigned seed, const char *xx_prefix,
                             char *xx, size_t xx_size)
{
    char en[CIPHER_LINES * 80];
    size_t ea = 0, xa = 0;
    const int words = (int)(sizeof english_words / sizeof *english_words);

    for (int line = 0; line < CIPHER_LINES; line++) {
        int word[5], n = 3 + line % 3;
        char e[80], x[80];
        for (int i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            word[i] = (int)((seed >> 16) % (unsigned)words);
        }
        cipher_text(e, x, sizeof e, word, n);
        ea += (size_t)snprintf(en + ea, sizeof en - ea, "%s\n", e);
        xa += (size_t)snprintf(xx + xa, xx_size - xa, "%s%s\n", xx_prefix, x);
    }
    assert_int_equal(write_file_in(dir, "eng.txt", en), 0);
    assert_int_equal(write_file_in(dir, "xx.txt", xx), 0);
}

/* Word unigrams only, over 2^16 buckets. */
static void word_unigrams(st_feature_config *cfg)
{
    st_feature_config_default(cfg);
    cfg->char_min = cfg->char_max = 0;
    cfg->word_max = 1;
    cfg->hash_bits = 16;
}

static void project_text(const st_space *sp, const st_feature_config *cfg,
                         const char *text, double *z)
{
    st_error err;
    st_sparse x = { 0 };
    st_extractor *ex = st_extractor_new(cfg, &err);
    assert_non_null(ex);
    assert_int_equal(st_extract_counts(ex, text, strlen(text), &x, NULL, &err), 0);
    st_weigh(cfg, NULL, &x);
    st_space_project(sp, &x, z);
    st_sparse_free(&x);
    st_extractor_free(ex);
}

static void test_aligned_space_of_a_cipher(void **state)
{
    (void)state;
    enum { DIMS = 5 };
    char dir[] = "/tmp/stance-aligned-XXXXXX", xx[CIPHER_LINES * 80];
    st_feature_config cfg;
    st_parallel p;
    st_error err;

    assert_non_null(mkdtemp(dir));
    write_cipher_set(dir, 7, "", xx, sizeof xx);
    assert_int_equal(st_parallel_read(&p, dir, &err), 0);
    word_unigrams(&cfg);

    for (int target = ST_SPACE_TARGET_JOINT; target <= ST_SPACE_TARGET_ENGLISH; target++) {
        st_space_aligned_options o = { .dims = DIMS, .weight = 2, .ridge = 0.1,
                                       .target = (st_space_target)target };
        st_space sp;
        assert_int_equal(st_space_learn_aligned(&sp, &p, &cfg, &o, &err), 0);
        assert_int_equal(sp.dims, DIMS);
        assert_int_equal(sp.languages, 2);
        assert_true(sp.singular[0] >= sp.singular[DIMS - 1]);
        assert_true(sp.singular[DIMS - 1] > 0);

        static const int unseen[][4] = { { 12, 6, 2, 15 }, { 0, 4, 5, 1 }, { 15, 15, 10, 11 } };
        for (size_t s = 0; s < sizeof unseen / sizeof *unseen; s++) {
            char e[80], x[80];
            double ze[DIMS], zx[DIMS], norm = 0, gap = 0;
            cipher_text(e, x, sizeof e, unseen[s], 4);
            project_text(&sp, &cfg, e, ze);
            project_text(&sp, &cfg, x, zx);
            for (int j = 0; j < DIMS; j++) {
                norm += ze[j] * ze[j];
                gap += (ze[j] - zx[j]) * (ze[j] - zx[j]);
            }
            assert_true(norm > 1e-6);                  /* it lands somewhere */
            assert_true(sqrt(gap) < 1e-4 * sqrt(norm)); /* and its cipher too */
        }
        st_space_free(&sp);
    }

    /* With English as the target, English's map is the same whether other
     * languages are learnt beside it or not (IDF off: each sentence is
     * weighed alone).  So "putin", which both languages hold, projects as
     * it does from English alone: the maps are averaged, not summed. */
    st_space both, alone;
    st_space_aligned_options english = { .dims = DIMS, .weight = 1, .ridge = 0.1,
                                         .target = ST_SPACE_TARGET_ENGLISH };
    double z_both[DIMS], z_alone[DIMS];
    cfg.idf = 0;
    assert_int_equal(st_space_learn_aligned(&both, &p, &cfg, &english, &err), 0);
    st_parallel_free(&p);
    remove_file_in(dir, "xx.txt");
    assert_int_equal(st_parallel_read(&p, dir, &err), 0);
    assert_int_equal(st_space_learn_aligned(&alone, &p, &cfg, &english, &err), 0);
    for (const char *const *s = (const char *const[]){ "putin", "putin talks", NULL }; *s; s++) {
        project_text(&both, &cfg, *s, z_both);
        project_text(&alone, &cfg, *s, z_alone);
        for (int j = 0; j < DIMS; j++)
            assert_float_equal(z_both[j], z_alone[j], 1e-4 * fabs(z_alone[0]) + 1e-9);
    }
    assert_true(fabs(z_alone[0]) > 1e-6);
    st_space_free(&both);
    st_space_free(&alone);
    assert_int_equal(write_file_in(dir, "xx.txt", xx), 0);
    st_parallel_free(&p);
    assert_int_equal(st_parallel_read(&p, dir, &err), 0);

    st_space_aligned_options bad = { .dims = DIMS, .weight = 1, .ridge = 0 };
    st_space sp;
    assert_int_equal(st_space_learn_aligned(&sp, &p, &cfg, &bad, &err), -1);
    assert_non_null(strstr(err.msg, "ridge"));
    bad.ridge = 1;
    bad.dims = CIPHER_LINES;
    assert_int_equal(st_space_learn_aligned(&sp, &p, &cfg, &bad, &err), -1);
    assert_non_null(strstr(err.msg, "needs more than 40 sentences"));
    st_parallel_free(&p);

    char from[64], to[64];
    snprintf(from, sizeof from, "%s/eng.txt", dir);
    snprintf(to, sizeof to, "%s/yy.txt", dir);
    assert_int_equal(rename(from, to), 0);                    /* English no more */
    assert_int_equal(st_parallel_read(&p, dir, &err), 0);
    bad = (st_space_aligned_options){ .dims = DIMS, .weight = 1, .ridge = 1,
                                      .target = ST_SPACE_TARGET_ENGLISH };
    assert_int_equal(st_space_learn_aligned(&sp, &p, &cfg, &bad, &err), -1);
    assert_non_null(strstr(err.msg, "no English file"));
    st_parallel_free(&p);
    remove_file_in(dir, "xx.txt");
    remove_file_in(dir, "yy.txt");
    rmdir(dir);
}

/* The mean projection of language lang's lines of p, each weighed alone
 * (cfg's IDF off), as st_space_remove_languages computes it. */
static void language_mean(const st_space *sp, const st_parallel *p, size_t lang,
                          const st_feature_config *cfg, double *mean)
{
    double z[ST_SPACE_MAX_DIMS];
    char line[128];

    memset(mean, 0, (size_t)sp->dims * sizeof *mean);
    for (size_t i = 0; i < p->nlines; i++) {
        size_t len;
        const char *s = st_parallel_sentence(p, i, lang, &len);
        assert_true(len < sizeof line);
        memcpy(line, s, len);
        line[len] = '\0';
        project_text(sp, cfg, line, z);
        for (int j = 0; j < sp->dims; j++)
            mean[j] += z[j] / (double)p->nlines;
    }
}

static double dot(const double *a, const double *b, int n)
{
    double sum = 0;
    for (int j = 0; j < n; j++)
        sum += a[j] * b[j];
    return sum;
}

/* The cipher set again, but every sentence of the second language carries
 * a word of its own ("qla", like an article), so the two languages' mean
 * sentences project apart.  Removing the languages' directions is the
 * orthogonal projection onto the complement of the span of those means:
 * afterwards each language's mean projects to zero, any text's projection
 * is orthogonal to both means as they were, and what it lost lies in their
 * span. */
static void test_space_without_language_directions(void **state)
{
    (void)state;
    enum { DIMS = 6 };
    char dir[] = "/tmp/stance-languages-XXXXXX", xx[CIPHER_LINES * 90];
    st_feature_config cfg;
    st_parallel p;
    st_space sp;
    st_error err;
    double mean[2][DIMS], after[DIMS], before[DIMS], moved[DIMS];

    assert_non_null(mkdtemp(dir));
    write_cipher_set(dir, 11, "qla ", xx, sizeof xx);
    assert_int_equal(st_parallel_read(&p, dir, &err), 0);
    word_unigrams(&cfg);
    cfg.idf = 0;

    assert_int_equal(st_space_learn(&sp, &p, &cfg, DIMS, 2.0, &err), 0);
    for (size_t l = 0; l < 2; l++)
        language_mean(&sp, &p, l, &cfg, mean[l]);
    assert_true(dot(mean[0], mean[0], DIMS) > 1e-4);
    assert_true(dot(mean[1], mean[1], DIMS) > 1e-4);
    project_text(&sp, &cfg, "qla qsnoitcnas qtimmus putin", before);

    assert_int_equal(st_space_remove_languages(&sp, &p, &cfg, &err), 0);
    assert_int_equal(sp.languages_removed, 2);
    for (size_t l = 0; l < 2; l++) {
        double now[DIMS];
        language_mean(&sp, &p, l, &cfg, now);
        assert_true(sqrt(dot(now, now, DIMS)) < 1e-4 * sqrt(dot(mean[l], mean[l], DIMS)));
    }
    project_text(&sp, &cfg, "qla qsnoitcnas qtimmus putin", after);
    for (size_t l = 0; l < 2; l++)
        assert_true(fabs(dot(after, mean[l], DIMS)) <
                    1e-4 * sqrt(dot(after, after, DIMS) * dot(mean[l], mean[l], DIMS)) + 1e-9);
    assert_true(dot(after, after, DIMS) > 1e-6);   /* the rest of it stays */

    /* before - after = a mean[0] + b mean[1], solved by least squares. */
    double g00 = dot(mean[0], mean[0], DIMS), g01 = dot(mean[0], mean[1], DIMS),
           g11 = dot(mean[1], mean[1], DIMS), r0, r1, det, a, b, residual = 0;
    for (int j = 0; j < DIMS; j++)
        moved[j] = before[j] - after[j];
    r0 = dot(moved, mean[0], DIMS);
    r1 = dot(moved, mean[1], DIMS);
    det = g00 * g11 - g01 * g01;
    assert_true(det > 1e-6 * g00 * g11);              /* the means are not parallel */
    a = (r0 * g11 - r1 * g01) / det;
    b = (r1 * g00 - r0 * g01) / det;
    for (int j = 0; j < DIMS; j++) {
        double d = moved[j] - a * mean[0][j] - b * mean[1][j];
        residual += d * d;
    }
    assert_true(dot(moved, moved, DIMS) > 1e-8);      /* it did move */
    assert_true(sqrt(residual) < 1e-4 * sqrt(dot(before, before, DIMS)));
    st_space_free(&sp);

    /* Two languages would take all of a space of two dimensions. */
    assert_int_equal(st_space_learn(&sp, &p, &cfg, 2, 1.0, &err), 0);
    assert_int_equal(st_space_remove_languages(&sp, &p, &cfg, &err), -1);
    assert_non_null(strstr(err.msg, "2 languages"));
    st_space_free(&sp);

    /* The transfer does it when asked, and says how many it took out. */
    st_transfer_options o = { .parallel = dir, .use_space = 1, .space_dims = DIMS,
                              .space_drop_languages = 1 };
    st_transfer t;
    assert_int_equal(st_transfer_learn(&t, &o, &cfg, &err), 0);
    assert_non_null(st_transfer_space(&t));
    assert_int_equal(t.space.languages_removed, 2);
    st_transfer_free(&t);

    st_parallel_free(&p);
    remove_file_in(dir, "eng.txt");
    remove_file_in(dir, "xx.txt");
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_decomposition),
        cmocka_unit_test(test_decomposition_properties),
        cmocka_unit_test(test_parallel_text),
        cmocka_unit_test(test_transfer_counts_joint_documents),
        cmocka_unit_test(test_aligned_space_of_a_cipher),
        cmocka_unit_test(test_space_without_language_directions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
