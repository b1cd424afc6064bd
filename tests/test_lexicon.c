/* The lexicon induced from line-aligned translations (train/lexicon.h). */
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
#include "features/extract.h"
#include "tests/helpers.h"
#include "train/lexicon.h"

/* English and a made-up language, line by line: mir = peace, peregovory =
 * talks, segodnya = today, sanktsii = sanctions; "putin" is spelt alike in
 * both, and the last words of the first lines occur once. */
static const char *const english =
    "peace talks began\n"
    "peace returned today\n"
    "talks failed\n"
    "sanctions today putin\n"
    "putin new sanctions\n";
static const char *const other =
    "mir peregovory nachalis\n"
    "mir vernulsya segodnya\n"
    "peregovory provalilis\n"
    "sanktsii segodnya putin\n"
    "putin novye sanktsii\n";

typedef struct fixture {
    char dir[64];
    st_parallel p;
    st_feature_config cfg;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    st_error err;

    snprintf(f->dir, sizeof f->dir, "/tmp/stance-lexicon-XXXXXX");
    if (!mkdtemp(f->dir))
        return -1;
    if (write_file_in(f->dir, "eng-US.txt", english) < 0 ||
        write_file_in(f->dir, "xx.txt", other) < 0 ||
        st_parallel_read(&f->p, f->dir, &err) < 0)
        return -1;
    st_feature_config_default(&f->cfg);
    f->cfg.hash_bits = 16;
    f->cfg.word_max = 1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    st_parallel_free(&f->p);
    remove_file_in(f->dir, "eng-US.txt");
    remove_file_in(f->dir, "xx.txt");
    rmdir(f->dir);
    free(f);
    return 0;
}

/* The bucket (and its hash sign) of a word's unigram feature. */
static uint32_t word_bucket(const st_feature_config *cfg, const char *word,
                            float *sign)
{
    st_feature_config words = *cfg;
    st_error err;
    st_sparse v = { 0 };
    words.char_min = words.char_max = 0;
    st_extractor *ex = st_extractor_new(&words, &err);
    assert_non_null(ex);
    assert_int_equal(st_extract_counts(ex, word, strlen(word), &v, NULL, &err), 0);
    assert_int_equal(v.n, 1);
    uint32_t b = v.index[0];
    if (sign)
        *sign = v.value[0] < 0 ? -1.0f : 1.0f;
    st_sparse_free(&v);
    st_extractor_free(ex);
    return b;
}

/* The share of source -> target, or 0 when the lexicon has no such entry. */
static float share_of(const st_lexicon *lx, uint32_t source, uint32_t target)
{
    for (uint32_t k = lx->start[source]; k < lx->start[source + 1]; k++)
        if (lx->target[k] == target)
            return lx->share[k];
    return 0;
}

static size_t entries_of(const st_lexicon *lx, uint32_t source)
{
    return lx->start[source + 1] - lx->start[source];
}

static void test_sentences(void **state)
{
    fixture *f = *state;
    size_t len;
    const char *s = st_parallel_sentence(&f->p, 2, 1, &len);   /* xx, line 3 */
    assert_int_equal(len, strlen("peregovory provalilis"));
    assert_memory_equal(s, "peregovory provalilis", len);
    s = st_parallel_sentence(&f->p, 4, 0, &len);
    assert_int_equal(len, strlen("putin new sanctions"));
    assert_memory_equal(s, "putin new sanctions", len);
}

static void test_induced_pairs(void **state)
{
    fixture *f = *state;
    st_lexicon lx;
    st_error err;
    float s_mir, s_peace, s_sank, s_sanctions, s_putin;
    uint32_t mir = word_bucket(&f->cfg, "mir", &s_mir);
    uint32_t peace = word_bucket(&f->cfg, "peace", &s_peace);
    uint32_t talks = word_bucket(&f->cfg, "talks", NULL);
    uint32_t today = word_bucket(&f->cfg, "today", NULL);
    uint32_t peregovory = word_bucket(&f->cfg, "peregovory", NULL);
    uint32_t sanktsii = word_bucket(&f->cfg, "sanktsii", &s_sank);
    uint32_t sanctions = word_bucket(&f->cfg, "sanctions", &s_sanctions);
    uint32_t putin = word_bucket(&f->cfg, "putin", &s_putin);
    uint32_t nachalis = word_bucket(&f->cfg, "nachalis", NULL);

    assert_int_equal(st_lexicon_learn(&lx, &f->p, &f->cfg, 2.0, &err), 0);
    assert_string_equal(lx.pivot, "eng-US");
    assert_int_equal(lx.sentences, 5);
    /* Two sentences each, the same two: Dice 1, carrying the hash signs. */
    assert_int_equal(entries_of(&lx, mir), 1);
    assert_float_equal(share_of(&lx, mir, peace), s_mir * s_peace, 1e-6);
    assert_float_equal(fabsf(share_of(&lx, peregovory, talks)), 1.0f, 1e-6);
    /* One shared sentence is not evidence: mir and talks, mir and today. */
    assert_float_equal(share_of(&lx, mir, talks), 0.0f, 0);
    assert_float_equal(share_of(&lx, mir, today), 0.0f, 0);
    /* sanktsii always stands beside putin as sanctions does: two targets. */
    assert_int_equal(entries_of(&lx, sanktsii), 2);
    assert_float_equal(share_of(&lx, sanktsii, sanctions), s_sank * s_sanctions, 1e-6);
    assert_float_equal(fabsf(share_of(&lx, sanktsii, putin)), 1.0f, 1e-6);
    /* An English word is its own concept, in every language that spells
     * it so; a word of one sentence is not mapped. */
    assert_int_equal(entries_of(&lx, putin), 1);
    assert_float_equal(share_of(&lx, putin, putin), 1.0f, 0);
    assert_int_equal(entries_of(&lx, peace), 1);
    assert_float_equal(share_of(&lx, peace, peace), 1.0f, 0);
    assert_int_equal(entries_of(&lx, nachalis), 0);
    st_lexicon_free(&lx);
}

/* Training sees x and its concepts a M x; the folded weights must score x
 * alone the same. */
static void test_map_and_fold_agree(void **state)
{
    fixture *f = *state;
    size_t buckets = (size_t)1 << f->cfg.hash_bits;
    st_lexicon lx;
    st_error err;
    st_sparse x = { 0 }, mapped = { 0 };
    st_extractor *ex;
    float *w = malloc(buckets * sizeof *w), *u = malloc(buckets * sizeof *u);
    double trained = 0, folded = 0;
    const char *text = "mir i sanktsii segodnya, peace";

    assert_int_equal(st_lexicon_learn(&lx, &f->p, &f->cfg, 2.0, &err), 0);
    assert_non_null(ex = st_extractor_new(&f->cfg, &err));
    assert_int_equal(st_extract(ex, text, strlen(text), NULL, &x, NULL, &err), 0);
    assert_int_equal(st_lexicon_map(&lx, &x, &mapped, &err), 0);
    for (size_t t = 1; t < mapped.n; t++)
        assert_true(mapped.index[t - 1] < mapped.index[t]);
    /* The concept peace: the text's own "peace" and its "mir", each times
     * the weight; sanctions, putin and today from the other words. */
    uint32_t mir = word_bucket(&f->cfg, "mir", NULL);
    uint32_t peace = word_bucket(&f->cfg, "peace", NULL);
    float x_mir = 0, x_peace = 0, concept_peace = 0;
    for (size_t t = 0; t < x.n; t++) {
        if (x.index[t] == mir) x_mir = x.value[t];
        if (x.index[t] == peace) x_peace = x.value[t];
    }
    for (size_t t = 0; t < mapped.n; t++)
        if (mapped.index[t] == peace)
            concept_peace = mapped.value[t];
    assert_true(x_mir != 0 && x_peace != 0);
    assert_float_equal(concept_peace,
                       2.0f * (x_peace + share_of(&lx, mir, peace) * x_mir), 1e-6);
    assert_int_equal(mapped.n, 4);       /* peace, sanctions, putin, today */

    srand(7);
    for (size_t b = 0; b < buckets; b++) {
        w[b] = (float)rand() / RAND_MAX - 0.5f;
        u[b] = (float)rand() / RAND_MAX - 0.5f;
    }
    for (size_t t = 0; t < x.n; t++)
        trained += (double)w[x.index[t]] * x.value[t];
    for (size_t t = 0; t < mapped.n; t++)
        trained += (double)u[mapped.index[t]] * mapped.value[t];
    st_lexicon_fold(&lx, u, w);
    for (size_t t = 0; t < x.n; t++)
        folded += (double)w[x.index[t]] * x.value[t];
    assert_float_equal(folded, trained, 1e-5);

    free(w);
    free(u);
    st_sparse_free(&x);
    st_sparse_free(&mapped);
    st_extractor_free(ex);
    st_lexicon_free(&lx);
}

static void test_refusals(void **state)
{
    fixture *f = *state;
    st_feature_config no_words = f->cfg;
    st_lexicon lx;
    st_error err;
    char *lang0 = f->p.lang[0];

    no_words.word_max = 0;
    assert_int_equal(st_lexicon_learn(&lx, &f->p, &no_words, 1.0, &err), -1);
    assert_non_null(strstr(err.msg, "need word n-grams"));
    f->p.lang[0] = "fr";          /* no English file left */
    assert_int_equal(st_lexicon_learn(&lx, &f->p, &f->cfg, 1.0, &err), -1);
    assert_non_null(strstr(err.msg, "no English file"));
    f->p.lang[0] = lang0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_induced_pairs),
        cmocka_unit_test(test_map_and_fold_agree),
        cmocka_unit_test(test_refusals),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
