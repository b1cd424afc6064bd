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
#include "features/lead.h"
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

/* ---- the normaliser's fast path ---------------------------------------- */

/* Appends the UTF-8 encoding of c to s at *o. */
static void put_utf8(char *s, size_t *o, int32_t c)
{
    if (c < 0x80) {
        s[(*o)++] = (char)c;
    } else if (c < 0x800) {
        s[(*o)++] = (char)(0xC0 | (c >> 6));
        s[(*o)++] = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        s[(*o)++] = (char)(0xE0 | (c >> 12));
        s[(*o)++] = (char)(0x80 | ((c >> 6) & 0x3F));
        s[(*o)++] = (char)(0x80 | (c & 0x3F));
    } else {
        s[(*o)++] = (char)(0xF0 | (c >> 18));
        s[(*o)++] = (char)(0x80 | ((c >> 12) & 0x3F));
        s[(*o)++] = (char)(0x80 | ((c >> 6) & 0x3F));
        s[(*o)++] = (char)(0x80 | (c & 0x3F));
    }
}

static void assert_fast_path_agrees(st_normalizer *fast, st_normalizer *slow,
                                    const char *s, size_t len)
{
    for (unsigned flags = 0; flags < 16; flags++) {
        const int32_t *a, *b;
        size_t na, nb, invalid;
        st_error err;
        assert_int_equal(st_normalize(fast, s, len, flags, &a, &na, &invalid,
                                      &err), 0);
        assert_int_equal(st_normalize(slow, s, len,
                                      flags | ST_NORM_NO_FAST_PATH, &b, &nb,
                                      &invalid, &err), 0);
        assert_int_equal(na, nb);
        assert_memory_equal(a, b, na * sizeof *a);
    }
}

/* The fast path normalises code point by code point from a table and hands
 * everything context-dependent to utf8proc; whatever the text, the result
 * must be exactly the full pipeline's.  The random strings mix the table's
 * scripts with combining marks, ignorables, tatweel, Hangul jamo, Indic
 * vowel signs and compatibility ligatures: the places where context
 * matters. */
static void test_fast_path_matches_full_pipeline(void **state)
{
    static const int32_t ranges[][2] = {
        { 0x20, 0x7F },     { 0xA0, 0x250 },   { 0x300, 0x370 },
        { 0x300, 0x370 },   { 0x370, 0x530 },  { 0x590, 0x600 },
        { 0x600, 0x700 },   { 0x610, 0x670 },  { 0x900, 0x980 },
        { 0xB00, 0xB80 },   { 0x1100, 0x1200 }, { 0x1E00, 0x2070 },
        { 0xAC00, 0xAC40 }, { 0xFB00, 0xFB10 }, { 0xFC00, 0xFE00 },
        { 0xFF00, 0xFF60 },
    };
    static const int32_t singles[] = { 0x200C, 0x200D, 0xAD, 0x34F,
                                       0x640, 0x1D165, 0x1F600 };
    static const char *tricky[] = {
        "Cafe\xcc\x81 vie\xcc\xa3\xcc\x82t Vi\xe1\xbb\x87t",
        "\xe1\xb9\x9d\xd9\x80\xc2\xad\xe0\xad\x87",   /* ṝ tatweel SHY oriya e */
        "\xd8\xa3\xd9\x8e\xd8\xad\xd9\x85\xd8\xaf \xef\xb7\xba",
        "a\xe2\x80\x8d\xcc\x81 \xe1\x84\x80\xe1\x85\xa1 \xc3\x85\xcc\x8a",
    };
    st_normalizer fast = { 0 }, slow = { 0 };
    uint64_t seed = 42;
    char s[200];
    (void)state;

    for (size_t i = 0; i < sizeof tricky / sizeof *tricky; i++)
        assert_fast_path_agrees(&fast, &slow, tricky[i], strlen(tricky[i]));
    for (int round = 0; round < 3000; round++) {
        size_t o = 0;
        int n;
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        n = 1 + (int)(seed >> 59);
        for (int k = 0; k < n; k++) {
            uint64_t r;
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            r = seed >> 33;
            if (r % 17 == 16) {
                put_utf8(s, &o, singles[(r >> 5) % 7]);
            } else {
                const int32_t *g = ranges[r % 16];
                put_utf8(s, &o, g[0] + (int32_t)((r >> 5) % (uint64_t)(g[1] - g[0])));
            }
        }
        assert_fast_path_agrees(&fast, &slow, s, o);
    }
    st_normalizer_free(&fast);
    st_normalizer_free(&slow);
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

/* ---- documents longer than a chunk -------------------------------------- */

/* Text is counted in chunks of about 1 MB cut at whitespace, each chunk's
 * counts merged into the document's: a document made of k copies of a
 * passage has exactly k times the passage's counts (no word n-grams span
 * a cut when word bigrams are off), and counts saturate at 32767. */
static void test_multi_chunk_counts_merge(void **state)
{
    static const char passage[] =
        "Moscow and Washington resumed talks on Tuesday; the summit was "
        "postponed. Переговоры возобновились во вторник, саммит отложен. "
        "Nga và Mỹ nối lại đàm phán. واشنطن وموسكو تستأنفان المحادثات ";
    st_feature_config c = config(3, 5, 1);
    st_sparse one = { 0 }, many = { 0 };
    st_error err;
    st_extractor *x = st_extractor_new(&c, &err);
    size_t len = strlen(passage), k, total;
    float most = 0;
    char *doc;
    (void)state;

    assert_int_equal(st_extract_counts(x, passage, len, &one, NULL, &err), 0);
    for (size_t i = 0; i < one.n; i++)
        most = fabsf(one.value[i]) > most ? fabsf(one.value[i]) : most;
    k = (size_t)(32767 / most);
    total = k * len;
    assert_true(total > 2 * 1024 * 1024);   /* three chunks at least */
    doc = malloc(total);
    for (size_t i = 0; i < k; i++)
        memcpy(doc + i * len, passage, len);
    assert_int_equal(st_extract_counts(x, doc, total, &many, NULL, &err), 0);
    assert_int_equal(many.n, one.n);
    for (size_t i = 0; i < one.n; i++) {
        assert_int_equal(many.index[i], one.index[i]);
        assert_float_equal(many.value[i], one.value[i] * (float)k, 0);
    }
    /* One more copy pushes the most frequent n-grams past the limit. */
    doc = realloc(doc, total + 2 * len);
    memcpy(doc + total, passage, len);
    memcpy(doc + total + len, passage, len);
    assert_int_equal(st_extract_counts(x, doc, total + 2 * len, &many, NULL, &err), 0);
    for (size_t i = 0; i < one.n; i++)
        if (fabsf(one.value[i]) == most)
            assert_float_equal(fabsf(many.value[i]), 32767, 0);
    free(doc);
    st_extractor_free(x);
    st_sparse_free(&one);
    st_sparse_free(&many);
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
    /* Ranges are checked as they are given: low before high, 0 is no
     * length ("off" is spelled off). */
    assert_int_equal(st_feature_config_set(&c, "char", "5-2", &err), -1);
    assert_non_null(strstr(err.msg, "low before high"));
    assert_int_equal(st_feature_config_set(&c, "char", "0-0", &err), -1);
    assert_int_equal(st_feature_config_set(&c, "char", "off", &err), 0);
    assert_int_equal(c.char_min + c.char_max, 0);
    /* And a configuration built by hand is checked as a whole. */
    c.char_min = 5;
    c.char_max = 2;
    assert_int_equal(st_feature_config_check(&c, &err), -1);
    assert_int_equal(st_feature_config_set(&c, "colour", "red", &err), -1);
    assert_non_null(strstr(err.msg, "colour"));
}

/* ---- the lead view ------------------------------------------------------ */

static size_t lead_of(const char *body, int chars)
{
    return st_lead_length(body, strlen(body), chars);
}

static void test_lead_length(void **state)
{
    const char *body = "Title\nFirst sentence. Second sentence.";
    char long_a[101], long_zhe[201];
    (void)state;
    assert_int_equal(lead_of(body, 0), 0);
    /* The title's newline is inside the first 8 code points; the lead runs
     * on to the end of the sentence then running. */
    assert_int_equal(lead_of(body, 8), strlen("Title\nFirst sentence."));
    /* A point inside a number or an abbreviation before a letter ends
     * nothing. */
    assert_int_equal(lead_of("Up 3.5 percent. Then more.", 5), strlen("Up 3.5 percent."));
    /* Shorter than the lead: all of it. */
    assert_int_equal(lead_of(body, 1000), strlen(body));
    /* Arabic question mark, counted in code points, not bytes. */
    assert_int_equal(lead_of("\xD9\x85\xD8\xA7\xD8\x9F \xD9\x86\xD8\xB9\xD9\x85", 1), 6);
    /* A newline ends a paragraph. */
    assert_int_equal(lead_of("abc def\nghi jkl", 2), strlen("abc def\n"));
    /* No end in sight: cut at 4 x the lead, at a character boundary. */
    memset(long_a, 'a', 100);
    long_a[100] = '\0';
    assert_int_equal(lead_of(long_a, 5), 20);
    for (int i = 0; i < 100; i++)
        memcpy(long_zhe + 2 * i, "\xD0\xB6", 2);
    long_zhe[200] = '\0';
    assert_int_equal(lead_of(long_zhe, 5), 40);
}

static st_feature_config lead_config(int chars, float weight)
{
    st_feature_config c = config(1, 3, 1);
    c.lead_chars = chars;
    c.lead_weight = weight;
    return c;
}

/* The sum of squares of v's entries in even (lead 0) or odd buckets. */
static double square_sum(const st_sparse *v, uint32_t lead)
{
    double s = 0;
    for (size_t i = 0; i < v->n; i++)
        if ((v->index[i] & ST_LEAD_BUCKET) == lead)
            s += (double)v->value[i] * v->value[i];
    return s;
}

static void test_lead_view_of_a_short_text(void **state)
{
    /* The whole text is the lead: each bucket of the text has an odd twin
     * holding the same n-grams at lead_weight, and the two parts have
     * norms 1 and w before the vector is scaled to unit length. */
    st_feature_config c = lead_config(400, 0.5f);
    st_sparse v = { 0 };
    (void)state;
    vector_of(&c, "Russia and the US agree to resume talks", &v);
    assert_true(v.n > 0 && v.n % 2 == 0);
    for (size_t i = 0; i < v.n; i += 2) {
        assert_int_equal(v.index[i] & ST_LEAD_BUCKET, 0);
        assert_int_equal(v.index[i + 1], v.index[i] | ST_LEAD_BUCKET);
        assert_true(fabsf(v.value[i + 1] - 0.5f * v.value[i]) < 1e-6f);
    }
    assert_true(fabs(square_sum(&v, 0) - 1 / 1.25) < 1e-5);
    assert_true(fabs(square_sum(&v, 1) - 0.25 / 1.25) < 1e-5);
    st_sparse_free(&v);
}

/* The entries of v in lead (odd) buckets, copied into out. */
static void lead_part(const st_sparse *v, st_sparse *out)
{
    st_error err;
    assert_int_equal(st_sparse_reserve(out, v->n, &err), 0);
    out->n = 0;
    for (size_t i = 0; i < v->n; i++)
        if (v->index[i] & ST_LEAD_BUCKET) {
            out->index[out->n] = v->index[i];
            out->value[out->n++] = v->value[i];
        }
}

static void test_lead_view_of_a_long_text(void **state)
{
    /* Two articles with the same first sentence and different rest: the
     * lead's buckets are the same, the whole text's are not; and the lead
     * is normalised on its own, whatever the length of the rest. */
    st_feature_config c = lead_config(20, 1.0f);
    const char *a = "Summit agreed in Geneva today. Markets were calm and the weather mild.";
    const char *b = "Summit agreed in Geneva today. A football cup final ended in a draw "
                    "after extra time, and the fans went home late in the rain.";
    st_sparse va = { 0 }, vb = { 0 }, la = { 0 }, lb = { 0 };
    (void)state;
    vector_of(&c, a, &va);
    vector_of(&c, b, &vb);
    lead_part(&va, &la);
    lead_part(&vb, &lb);
    assert_true(la.n > 0);
    assert_same_vector(&la, &lb);
    assert_true(fabs(square_sum(&va, 1) - 0.5) < 1e-5);
    assert_true(fabs(square_sum(&vb, 0) - 0.5) < 1e-5);
    /* The rest of b adds n-grams to its whole-text part only. */
    assert_true(vb.n - lb.n > va.n - la.n);
    st_sparse_free(&va);
    st_sparse_free(&vb);
    st_sparse_free(&la);
    st_sparse_free(&lb);
}

static int by_value(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* The keys of cp[0..n), sorted, into out (room for max_count). */
static size_t sorted_keys(const st_feature_config *c, const int32_t *cp, size_t n,
                          uint32_t *out)
{
    int32_t pad[64];
    size_t k = st_ngrams_keys(c, cp, n, pad, out);
    qsort(out, k, sizeof *out, by_value);
    return k;
}

static void test_keys_split(void **state)
{
    /* Split at each space, the keys are the whole text's and the first
     * ones are the prefix's alone: with word bigrams, unigrams, none. */
    const char *text = "a summit in geneva ended well and talks go on";
    int32_t cp[64], pad[64];
    size_t n = strlen(text);
    uint32_t split_keys[1024], whole[1024], prefix[1024];
    (void)state;
    for (size_t i = 0; i < n; i++)
        cp[i] = (unsigned char)text[i];
    for (int words = 0; words <= 2; words++) {
        st_feature_config c = config(1, 5, words);
        size_t nwhole = sorted_keys(&c, cp, n, whole);
        assert_true(st_ngrams_max_count(&c, n) <= 1024);
        for (size_t split = 1; split < n; split++) {
            size_t before, k, nprefix;
            if (cp[split] != ' ')
                continue;
            k = st_ngrams_keys_split(&c, cp, n, split, pad, split_keys, &before);
            nprefix = sorted_keys(&c, cp, split, prefix);
            assert_int_equal(before, nprefix);
            qsort(split_keys, before, sizeof *split_keys, by_value);
            assert_memory_equal(split_keys, prefix, before * sizeof *prefix);
            assert_int_equal(k, nwhole);
            qsort(split_keys, k, sizeof *split_keys, by_value);
            assert_memory_equal(split_keys, whole, k * sizeof *whole);
        }
    }
}

/* The lead part of text's vector is that of its lead, the first
 * lead_len bytes, alone (a text that is all lead), whether the lead was
 * taken from the whole text's n-grams or, cut inside a word, counted on
 * its own. */
static void assert_lead_is(const st_feature_config *c, const char *text, size_t lead_len)
{
    st_sparse v = { 0 }, w = { 0 }, lv = { 0 }, lw = { 0 };
    char *lead = strndup(text, lead_len);
    assert_int_equal(st_lead_length(text, strlen(text), c->lead_chars), lead_len);
    vector_of(c, text, &v);
    vector_of(c, lead, &w);
    lead_part(&v, &lv);
    lead_part(&w, &lw);
    assert_true(lv.n > 0);
    assert_same_vector(&lv, &lw);
    free(lead);
    st_sparse_free(&v);
    st_sparse_free(&w);
    st_sparse_free(&lv);
    st_sparse_free(&lw);
}

static void test_lead_counted_with_the_text(void **state)
{
    st_feature_config c = config(1, 5, 2);
    (void)state;
    c.lead_chars = 20;
    c.lead_weight = 1.0f;
    /* Ends at a sentence's end: taken from the whole text's n-grams. */
    assert_lead_is(&c, "Summit agreed in Geneva today. Markets were calm, the weather mild.",
                   strlen("Summit agreed in Geneva today."));
    /* Ends inside a word, at 4 x 20 code points with no sentence end:
     * counted on its own. */
    assert_lead_is(&c, "summitagreedingenevatodaymarketswerecalmtheweathermildandthefans"
                       "wenthomelateintherain went home", 80);
}

static void test_lead_view_off_is_unchanged(void **state)
{
    /* lead=0 is the extractor without the view, bucket for bucket: odd
     * buckets are the text's own. */
    st_feature_config off = config(1, 3, 1), on = lead_config(400, 1.0f);
    st_sparse a = { 0 }, b = { 0 };
    size_t odd = 0;
    (void)state;
    vector_of(&off, "Sanctions eased after the summit", &a);
    vector_of(&on, "Sanctions eased after the summit", &b);
    for (size_t i = 0; i < a.n; i++)
        odd += a.index[i] & ST_LEAD_BUCKET;
    assert_true(odd > 0);
    /* With the view on, the text's n-grams fall in even buckets only. */
    for (size_t i = 0; i < b.n; i += 2)
        assert_int_equal(b.index[i] & ST_LEAD_BUCKET, 0);
    st_sparse_free(&a);
    st_sparse_free(&b);
}

static void test_lead_settings(void **state)
{
    st_feature_config c;
    st_error err;
    char line[512];
    (void)state;
    st_feature_config_default(&c);
    st_feature_config_describe(&c, line, sizeof line);
    assert_null(strstr(line, "lead"));
    assert_int_equal(st_feature_config_parse(&c, "lead=400", &err), 0);
    assert_int_equal(st_feature_config_parse(&c, "lead-weight=0.5", &err), 0);
    st_feature_config_describe(&c, line, sizeof line);
    assert_non_null(strstr(line, " lead=400 lead-weight=0.5"));
    assert_int_equal(st_feature_config_parse(&c, "lead=-1", &err), -1);
    assert_non_null(strstr(err.msg, "lead"));
    assert_int_equal(st_feature_config_parse(&c, "lead-weight=0", &err), -1);
    assert_non_null(strstr(err.msg, "above 0"));
    assert_int_equal(st_feature_config_parse(&c, "lead-weight=nan", &err), -1);
    c.lead_weight = NAN;
    assert_int_equal(st_feature_config_check(&c, &err), -1);
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
        cmocka_unit_test(test_fast_path_matches_full_pipeline),
        cmocka_unit_test(test_invalid_utf8_replaced_and_counted),
        cmocka_unit_test(test_nul_bytes_are_boundaries),
        cmocka_unit_test(test_empty_and_whitespace_documents),
        cmocka_unit_test(test_multi_chunk_counts_merge),
        cmocka_unit_test(test_vector_sorted_normalised_deterministic),
        cmocka_unit_test(test_tf_modes_and_idf),
        cmocka_unit_test(test_signed_hashing_keeps_signs),
        cmocka_unit_test(test_config_validation),
        cmocka_unit_test(test_lead_length),
        cmocka_unit_test(test_lead_view_of_a_short_text),
        cmocka_unit_test(test_lead_view_of_a_long_text),
        cmocka_unit_test(test_lead_view_off_is_unchanged),
        cmocka_unit_test(test_keys_split),
        cmocka_unit_test(test_lead_counted_with_the_text),
        cmocka_unit_test(test_lead_settings),
    };
    return cmocka_run_group_tests_name("features", tests, NULL, NULL);
}
