/* Unit tests of the feature extractor: normalisation, n-grams, weighting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "features/extract.h"
#include "features/idf.h"
#include "features/ngrams.h"
#include "features/normalize.h"

/* ---- helpers ---------------------------------------------------------- */

/* The normalised text of s, re-encoded as UTF-8 into out. */
static size_t normalized(const char *s, unsigned flags, char *out, size_t size)
{
    st_normalizer n = { 0 };
    const int32_t *cp;
    size_t len, invalid, o = 0;
    st_error err;

    assert_int_equal(st_normalize(&n, s, strlen(s), flags, &cp, &len,
                                  &invalid, &err), 0);
    for (size_t i = 0; i < len; i++) {
        int32_t c = cp[i];
        assert_true(o + 4 < size);
        if (c < 0x80) {
            out[o++] = (char)c;
        } else if (c < 0x800) {
            out[o++] = (char)(0xC0 | (c >> 6));
            out[o++] = (char)(0x80 | (c & 0x3F));
        } else {
            out[o++] = (char)(0xE0 | (c >> 12));
            out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (c & 0x3F));
        }
    }
    out[o] = '\0';
    st_normalizer_free(&n);
    return invalid;
}

static void assert_normalizes_to(const char *in, unsigned flags,
                                 const char *expected)
{
    char out[512];
    normalized(in, flags, out, sizeof out);
    assert_string_equal(out, expected);
}

static st_feature_config config(int lo, int hi, int words)
{
    st_feature_config c;
    st_feature_config_default(&c);
    c.char_min = lo;
    c.char_max = hi;
    c.word_max = words;
    c.hash_bits = 18;
    c.norm = ST_NORM_DEFAULT;
    return c;
}

static void vector_of(const st_feature_config *c, const char *s, st_sparse *v)
{
    st_error err;
    st_extractor *x = st_extractor_new(c, &err);
    assert_non_null(x);
    assert_int_equal(st_extract(x, s, strlen(s), NULL, v, NULL, &err), 0);
    st_extractor_free(x);
}

static void assert_same_vector(const st_sparse *a, const st_sparse *b)
{
    assert_int_equal(a->n, b->n);
    assert_memory_equal(a->index, b->index, a->n * sizeof *a->index);
    assert_memory_equal(a->value, b->value, a->n * sizeof *a->value);
}

static void assert_same_features(const char *a, const char *b)
{
    st_feature_config c = config(1, 5, 2);
    st_sparse va = { 0 }, vb = { 0 };
    vector_of(&c, a, &va);
    vector_of(&c, b, &vb);
    assert_true(va.n > 0);
    assert_same_vector(&va, &vb);
    st_sparse_free(&va);
    st_sparse_free(&vb);
}

/* Collects the n-grams of a text as strings "kind:cp,cp,..". */
typedef struct { char grams[256][64]; int n; } gram_list;

static void collect(void *ctx, st_gram_kind kind, const int32_t *gram,
                    size_t len, const int32_t *first, size_t first_len,
                    uint64_t hash)
{
    gram_list *g = ctx;
    char *s = g->grams[g->n++];
    int o = sprintf(s, "%d:", (int)kind);
    (void)first, (void)first_len, (void)hash;
    for (size_t i = 0; i < len; i++) {
        int32_t c = gram[i];
        o += sprintf(s + o, "%s", c == ST_WORD_BEGIN ? "<" : c == ST_WORD_END ? ">" : "");
        if (c < ST_WORD_BEGIN)
            o += sprintf(s + o, "%04X", (unsigned)c);
    }
}

static int grams_of(const char *text, const st_feature_config *c, gram_list *g)
{
    st_normalizer n = { 0 };
    const int32_t *cp;
    size_t len, invalid;
    int32_t pad[256];
    st_error err;

    g->n = 0;
    assert_int_equal(st_normalize(&n, text, strlen(text), c->norm, &cp, &len,
                                  &invalid, &err), 0);
    st_ngrams_foreach(c, cp, len, pad, collect, g);
    st_normalizer_free(&n);
    return g->n;
}

static int has_gram(const gram_list *g, const char *s)
{
    for (int i = 0; i < g->n; i++)
        if (!strcmp(g->grams[i], s))
            return 1;
    return 0;
}

/* ---- n-gram inventories ------------------------------------------------ */

static void test_latin_ngram_counts(void **state)
{
    st_feature_config c = config(2, 3, 0);
    gram_list g;
    (void)state;
    /* "<the>": bigrams <t th he e>, trigrams <th the he> */
    assert_int_equal(grams_of("The", &c, &g), 7);
    assert_true(has_gram(&g, "0:<0074"));
    assert_true(has_gram(&g, "0:006500680065") == 0);
    assert_true(has_gram(&g, "0:007400680065"));
    assert_true(has_gram(&g, "0:0065>"));
    /* Two words, 1-grams: markers alone are no feature. */
    c = config(1, 1, 0);
    assert_int_equal(grams_of("ab, c", &c, &g), 3);
}

static void test_cyrillic_arabic_vietnamese_counts(void **state)
{
    st_feature_config c = config(2, 3, 0);
    gram_list g;
    (void)state;
    assert_int_equal(grams_of("мир", &c, &g), 7);        /* 3 letters */
    assert_true(has_gram(&g, "0:<043C"));
    assert_int_equal(grams_of("سلام", &c, &g), 9);       /* 4 letters */
    assert_true(has_gram(&g, "0:06330644"));
    assert_int_equal(grams_of("việt", &c, &g), 9);       /* 4 code points */
    assert_true(has_gram(&g, "0:1EC70074>"));
    c = config(1, 5, 2);
    /* 1..5-grams of "<mир>" = 3 + 4 + 3 + 2 + 1, word, no bigram. */
    assert_int_equal(grams_of("мир", &c, &g), 13 + 1);
    /* Two words: each its 13 char grams and word, plus one bigram. */
    assert_int_equal(grams_of("мир мир", &c, &g), 2 * 14 + 1);
}

/* ---- normalisation ------------------------------------------------------ */

static void test_vietnamese_nfc_nfd_identical(void **state)
{
    (void)state;
    /* "Việt Nam" precomposed (U+1EC7) and as e + U+0323 + U+0302. */
    assert_same_features("Vi\xe1\xbb\x87t Nam h\xe1\xbb\x8dp",
                         "Vie\xcc\xa3\xcc\x82t Nam ho\xcc\xa3p");
    /* Combining marks in the other canonical order give the same too. */
    assert_same_features("Vi\xe1\xbb\x87t", "Vie\xcc\x82\xcc\xa3t");
    assert_normalizes_to("Vie\xcc\xa3\xcc\x82t", ST_NORM_DEFAULT, "vi\xe1\xbb\x87t");
}

static void test_vietnamese_tone_stripping(void **state)
{
    (void)state;
    assert_normalizes_to("Việt Nam đàm phán", ST_NORM_DEFAULT,
                         "việt nam đàm phán");
    assert_normalizes_to("Việt Nam đàm phán", ST_NORM_VI_TONES,
                         "viêt nam đam phan");
}

static void test_arabic_harakat_and_letter_forms(void **state)
{
    (void)state;
    /* With and without harakat, with tatweel: one vector. */
    assert_same_features("الْعَلَاقَاتُ الرُّوسِيَّةُ", "العلاقات الروسية");
    assert_same_features("العـــلاقات", "العلاقات");
    assert_normalizes_to("أمريكا إلى آخر مؤتمر", ST_NORM_DEFAULT,
                         "امريكا الي اخر موتمر");
    assert_normalizes_to("روسيا الاتحادية", ST_NORM_DEFAULT, "روسيا الاتحاديه");
    /* Switched off, the forms stay apart. */
    assert_normalizes_to("أمريكا", 0, "أمريكا");
    /* Presentation forms fold to base letters by NFKC. */
    assert_normalizes_to("\xef\xbb\xbb", ST_NORM_DEFAULT, "\xd9\x84\xd8\xa7");
}

static void test_case_folding(void **state)
{
    (void)state;
    assert_same_features("САНКЦИИ Против России", "санкции против россии");
    assert_same_features("Sanctions AGAINST Russia", "sanctions against russia");
    assert_same_features("Ёлка ещё", "елка еще");
    assert_normalizes_to("Straße", ST_NORM_DEFAULT, "strasse");
    assert_normalizes_to("Müller", ST_NORM_DEFAULT, "müller");
    assert_normalizes_to("Müller", ST_NORM_ACCENTS, "muller");
    /* Ukrainian ї keeps its diaeresis: only ё is folded. */
    assert_normalizes_to("ї", ST_NORM_DEFAULT, "ї");
}

static void test_boundaries(void **state)
{
    (void)state;
    assert_normalizes_to("  U.S.-Russia talks, 2025!! ", ST_NORM_DEFAULT,
                         "u s russia talks");
    assert_normalizes_to("ﬁnance", ST_NORM_DEFAULT, "finance");  /* NFKC */
    assert_normalizes_to("a\xc2\xad" "b", ST_NORM_DEFAULT, "ab"); /* soft hyphen */
}

/* ---- hostile input ---------------------------------------------------- */

static void test_invalid_utf8_replaced_and_counted(void **state)
{
    static const struct { const char *bytes; size_t len; size_t bad; } cases[] = {
        { "ab\xe2\x82", 4, 2 },         /* truncated 3-byte sequence */
        { "a\xc0\xafz", 4, 2 },         /* overlong '/' */
        { "a\xe0\x80\xafz", 5, 3 },     /* overlong 3-byte */
        { "a\x80z", 3, 1 },             /* lone continuation */
        { "a\xffz", 3, 1 },             /* 0xFF */
        { "a\xed\xa0\x80z", 5, 3 },     /* UTF-16 surrogate */
        { "a\xf4\x90\x80\x80z", 6, 4 }, /* above U+10FFFF */
    };
    st_feature_config c = config(1, 3, 1);
    st_error err;
    st_extractor *x = st_extractor_new(&c, &err);
    st_sparse v = { 0 };
    st_text_stats stats;
    (void)state;

    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_int_equal(st_extract(x, cases[i].bytes, cases[i].len, NULL, &v,
                                    &stats, &err), 0);
        assert_int_equal(stats.invalid_bytes, cases[i].bad);
        assert_true(v.n > 0);
    }
    st_extractor_free(x);
    st_sparse_free(&v);
}

static void test_nul_bytes_are_boundaries(void **state)
{
    st_feature_config c = config(1, 3, 1);
    st_sparse a = { 0 }, b = { 0 };
    st_error err;
    st_extractor *x = st_extractor_new(&c, &err);
    st_text_stats stats;
    (void)state;

    assert_int_equal(st_extract(x, "ab\0cd", 5, NULL, &a, &stats, &err), 0);
    assert_int_equal(stats.invalid_bytes, 0);
    assert_int_equal(st_extract(x, "ab cd", 5, NULL, &b, NULL, &err), 0);
    assert_same_vector(&a, &b);
    st_extractor_free(x);
    st_sparse_free(&a);
    st_sparse_free(&b);
}

static void test_empty_and_whitespace_documents(void **state)
{
    st_feature_config c = config(1, 5, 2);
    st_sparse v = { 0 };
    st_error err;
    st_extractor *x = st_extractor_new(&c, &err);
    (void)state;

    assert_int_equal(st_extract(x, "", 0, NULL, &v, NULL, &err), 0);
    assert_int_equal(v.n, 0);
    assert_int_equal(st_extract(x, " \t\n  \r\n", 7, NULL, &v, NULL, &err), 0);
    assert_int_equal(v.n, 0);
    assert_int_equal(st_extract(x, "12 -- 34 !!", 11, NULL, &v, NULL, &err), 0);
    assert_int_equal(v.n, 0);
    st_extractor_free(x);
    st_sparse_free(&v);
}

/* ---- vectors -------------------------------------------------------------- */

static void test_vector_sorted_normalised_deterministic(void **state)
{
    const char *text = "Россия и США договорились о встрече. "
                       "Russia and the US agreed to meet.";
    st_feature_config c = config(1, 5, 2);
    st_sparse a = { 0 }, b = { 0 };
    st_error err;
    st_extractor *x = st_extractor_new(&c, &err);
    double norm = 0;
    (void)state;

    /* Same extractor twice (scratch reused) and a fresh one. */
    assert_int_equal(st_extract(x, text, strlen(text), NULL, &a, NULL, &err), 0);
    assert_int_equal(st_extract(x, "unrelated", 9, NULL, &b, NULL, &err), 0);
    assert_int_equal(st_extract(x, text, strlen(text), NULL, &b, NULL, &err), 0);
    assert_same_vector(&a, &b);
    vector_of(&c, text, &b);
    assert_same_vector(&a, &b);
    for (size_t i = 0; i < a.n; i++) {
        if (i)
            assert_true(a.index[i - 1] < a.index[i]);
        assert_true(a.index[i] < (1u << c.hash_bits));
        assert_true(a.value[i] != 0);
        norm += (double)a.value[i] * a.value[i];
    }
    assert_true(norm > 0.9999 && norm < 1.0001);
    st_extractor_free(x);
    st_sparse_free(&a);
    st_sparse_free(&b);
}

static void test_tf_modes_and_idf(void **state)
{
    st_feature_config c = config(1, 1, 0);
    st_sparse v = { 0 };
    st_error err;
    st_extractor *x;
    st_df_counter df;
    float *idf;
    (void)state;

    c.signed_hash = 0;
    c.idf = 0;
    x = st_extractor_new(&c, &err);
    /* "aaaa b": counts a=4, b=1. */
    assert_int_equal(st_extract_counts(x, "aaaa b", 6, &v, NULL, &err), 0);
    assert_int_equal(v.n, 2);
    assert_true((v.value[0] == 4 && v.value[1] == 1) ||
                (v.value[0] == 1 && v.value[1] == 4));
    c.tf = ST_TF_SUBLINEAR;
    st_weigh(&c, NULL, &v);
    {
        float hi = v.value[0] > v.value[1] ? v.value[0] : v.value[1];
        float lo = v.value[0] > v.value[1] ? v.value[1] : v.value[0];
        assert_float_equal(hi / lo, 1.0f + logf(4.0f), 1e-5);
    }
    /* IDF: a bucket in every document weighs 1, one in none the most. */
    c.idf = 1;
    assert_int_equal(st_df_init(&df, c.hash_bits, &err), 0);
    assert_int_equal(st_extract_counts(x, "a", 1, &v, NULL, &err), 0);
    st_df_add(&df, &v);
    assert_int_equal(st_extract_counts(x, "a b", 3, &v, NULL, &err), 0);
    st_df_add(&df, &v);
    idf = st_df_to_idf(&df, &err);
    assert_non_null(idf);
    assert_float_equal(idf[v.index[0]] * idf[v.index[1]],
                       1.0f * (logf(3.0f / 2.0f) + 1.0f), 1e-5);
    assert_float_equal(idf[(v.index[0] + 1) % (1u << c.hash_bits)] >
                       idf[v.index[1]], 1, 0);
    free(idf);
    st_df_free(&df);
    st_extractor_free(x);
    st_sparse_free(&v);
}

static void test_signed_hashing_keeps_signs(void **state)
{
    st_feature_config c = config(1, 5, 2);
    st_sparse v = { 0 };
    int neg = 0, pos = 0;
    (void)state;
    vector_of(&c, "sanctions against russia were eased after the summit", &v);
    for (size_t i = 0; i < v.n; i++)
        v.value[i] < 0 ? neg++ : pos++;
    assert_true(neg > 10 && pos > 10);
    c.signed_hash = 0;
    vector_of(&c, "sanctions against russia were eased after the summit", &v);
    for (size_t i = 0; i < v.n; i++)
        assert_true(v.value[i] > 0);
    st_sparse_free(&v);
}

static void test_config_validation(void **state)
{
    st_feature_config c;
    st_error err;
    (void)state;
    st_feature_config_default(&c);
    assert_int_equal(st_feature_config_set(&c, "char", "2-6", &err), 0);
    assert_int_equal(c.char_min, 2);
    assert_int_equal(c.char_max, 6);
    assert_int_equal(st_feature_config_set(&c, "bits", "40", &err), -1);
    assert_non_null(strstr(err.msg, "bits"));
    assert_int_equal(st_feature_config_set(&c, "char", "5-2", &err), 0);
    assert_int_equal(st_feature_config_check(&c, &err), -1);
    assert_int_equal(st_feature_config_set(&c, "colour", "red", &err), -1);
    assert_non_null(strstr(err.msg, "colour"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_latin_ngram_counts),
        cmocka_unit_test(test_cyrillic_arabic_vietnamese_counts),
        cmocka_unit_test(test_vietnamese_nfc_nfd_identical),
        cmocka_unit_test(test_vietnamese_tone_stripping),
        cmocka_unit_test(test_arabic_harakat_and_letter_forms),
        cmocka_unit_test(test_case_folding),
        cmocka_unit_test(test_boundaries),
        cmocka_unit_test(test_invalid_utf8_replaced_and_counted),
        cmocka_unit_test(test_nul_bytes_are_boundaries),
        cmocka_unit_test(test_empty_and_whitespace_documents),
        cmocka_unit_test(test_vector_sorted_normalised_deterministic),
        cmocka_unit_test(test_tf_modes_and_idf),
        cmocka_unit_test(test_signed_hashing_keeps_signs),
        cmocka_unit_test(test_config_validation),
    };
    return cmocka_run_group_tests_name("features", tests, NULL, NULL);
}
