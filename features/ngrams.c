#include "features/ngrams.h"

#include <string.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

/* Arbitrary fixed seeds; changing one changes every model's features. */
#define SEED_CHAR 0x5354414e43450001ull
#define SEED_WORD 0x5354414e43450002ull
#define SEED_BIGRAM 0x5354414e43450003ull

static uint64_t hash_cps(const int32_t *cp, size_t n, uint64_t seed)
{
    return XXH3_64bits_withSeed(cp, n * sizeof *cp, seed);
}

/* The enumeration itself, written once.  It is always inlined, so in
 * st_ngrams_keys, where fn is a constant, the compiler removes the
 * indirect call from the innermost loop of feature extraction. */
#define ALWAYS_INLINE static inline __attribute__((always_inline))

ALWAYS_INLINE void char_ngrams(const st_feature_config *cfg, const int32_t *word,
                               size_t len, int32_t *pad, st_gram_fn fn, void *ctx)
{
    size_t padded = len + 2;

    pad[0] = ST_WORD_BEGIN;
    memcpy(pad + 1, word, len * sizeof *word);
    pad[len + 1] = ST_WORD_END;
    for (size_t i = 0; i < padded; i++) {
        for (size_t k = (size_t)cfg->char_min;
             k <= (size_t)cfg->char_max && i + k <= padded; k++) {
            if (k == 1 && (i == 0 || i == padded - 1))
                continue;
            fn(ctx, ST_GRAM_CHAR, pad + i, k, NULL, 0,
               hash_cps(pad + i, k, SEED_CHAR));
        }
    }
}

ALWAYS_INLINE void walk(const st_feature_config *cfg, const int32_t *cp,
                        size_t n, int32_t *pad, st_gram_fn fn, void *ctx)
{
    const int32_t *prev = NULL;
    size_t prev_len = 0;
    uint64_t prev_hash = 0;
    size_t start = 0;

    while (start < n) {
        size_t end = start;
        while (end < n && cp[end] != 0x20)
            end++;
        if (cfg->char_max)
            char_ngrams(cfg, cp + start, end - start, pad, fn, ctx);
        if (cfg->word_max >= 1) {
            uint64_t h = hash_cps(cp + start, end - start, SEED_WORD);
            fn(ctx, ST_GRAM_WORD, cp + start, end - start, NULL, 0, h);
            if (cfg->word_max >= 2 && prev)
                fn(ctx, ST_GRAM_BIGRAM, cp + start, end - start, prev,
                   prev_len,
                   hash_cps(cp + start, end - start, prev_hash ^ SEED_BIGRAM));
            prev = cp + start;
            prev_len = end - start;
            prev_hash = h;
        }
        start = end + 1;
    }
}

void st_ngrams_foreach(const st_feature_config *cfg, const int32_t *cp,
                       size_t n, int32_t *pad, st_gram_fn fn, void *ctx)
{
    walk(cfg, cp, n, pad, fn, ctx);
}

typedef struct key_sink {
    const st_feature_config *cfg;
    uint32_t *out;
    size_t n;
} key_sink;

ALWAYS_INLINE void push_key(void *ctx, st_gram_kind kind, const int32_t *gram,
                            size_t len, const int32_t *first, size_t first_len,
                            uint64_t hash)
{
    key_sink *sink = ctx;
    (void)kind, (void)gram, (void)len, (void)first, (void)first_len;
    sink->out[sink->n++] = st_hash_key(hash, sink->cfg);
}

size_t st_ngrams_max_count(const st_feature_config *cfg, size_t n)
{
    /* Every code point starts at most one gram of each length, each of at
     * most n/2 + 1 words adds two markers that do too, plus its word gram
     * and bigram. */
    size_t words = n / 2 + 1;
    size_t per_start = cfg->char_max ? (size_t)(cfg->char_max - cfg->char_min + 1) : 0;
    return (n + 2 * words) * per_start + 2 * words;
}

size_t st_ngrams_keys(const st_feature_config *cfg, const int32_t *cp,
                      size_t n, int32_t *pad, uint32_t *out)
{
    key_sink sink = { cfg, out, 0 };
    walk(cfg, cp, n, pad, push_key, &sink);
    return sink.n;
}

size_t st_ngrams_keys_split(const st_feature_config *cfg, const int32_t *cp,
                            size_t n, size_t split, int32_t *pad, uint32_t *out,
                            size_t *before)
{
    key_sink sink = { cfg, out, 0 };
    size_t last = split, next_end = split + 1;

    walk(cfg, cp, split, pad, push_key, &sink);
    *before = sink.n;
    walk(cfg, cp + split + 1, n - split - 1, pad, push_key, &sink);
    if (cfg->word_max >= 2) {
        /* The bigram of the prefix's last word and the rest's first, which
         * neither walk saw: hashed as walk hashes a bigram. */
        while (last > 0 && cp[last - 1] != 0x20)
            last--;
        while (next_end < n && cp[next_end] != 0x20)
            next_end++;
        sink.out[sink.n++] = st_hash_key(
            hash_cps(cp + split + 1, next_end - split - 1,
                     hash_cps(cp + last, split - last, SEED_WORD) ^ SEED_BIGRAM),
            cfg);
    }
    return sink.n;
}
