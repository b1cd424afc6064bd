/*
 * N-gram enumeration and hashing over normalised text (normalize.h).
 *
 * Character n-grams are taken inside each word padded with boundary
 * markers, as fastText's "<word>" and scikit-learn's char_wb: "the" gives
 * "<t", "th", "he", "e>", "<th", ... .  A marker alone is not a feature.
 * The markers are code points above U+10FFFF, so no text can forge them.
 * Word unigrams and bigrams are hashed with their own seeds, so a one-letter
 * word and the character 1-gram of that letter are different features.
 *
 * The hash is XXH3-64 of the n-gram's code points as 32-bit little-endian
 * integers.  The top hash_bits bits pick the bucket and the lowest bit the
 * sign, so the two are independent.
 */
#ifndef STANCE_NGRAMS_H
#define STANCE_NGRAMS_H

#include <stddef.h>
#include <stdint.h>

#include "features/config.h"

#define ST_WORD_BEGIN 0x110000
#define ST_WORD_END 0x110001

typedef enum st_gram_kind { ST_GRAM_CHAR, ST_GRAM_WORD, ST_GRAM_BIGRAM } st_gram_kind;

/* Called for every n-gram: the code points of the gram (for a bigram the
 * second word; first holds the first word) and its 64-bit hash. */
typedef void (*st_gram_fn)(void *ctx, st_gram_kind kind, const int32_t *gram,
                           size_t len, const int32_t *first, size_t first_len,
                           uint64_t hash);

/* Enumerates the n-grams of normalised text cp[0..n) that cfg selects.
 * pad is scratch of at least (longest word + 2) code points. */
void st_ngrams_foreach(const st_feature_config *cfg, const int32_t *cp,
                       size_t n, int32_t *pad, st_gram_fn fn, void *ctx);

static inline uint32_t st_hash_bucket(uint64_t hash, int bits)
{
    return (uint32_t)(hash >> (64 - bits));
}

/* With the lead view on (cfg->lead_chars > 0), the whole text's n-grams
 * take the even buckets and the lead's the odd ones, so that weighing can
 * tell the two apart by a bit and normalise each on its own, while the
 * idf table, the weights and everything indexed by bucket stay one array. */
#define ST_LEAD_BUCKET 1u

/* The bucket of an n-gram of the whole text. */
static inline uint32_t st_gram_bucket(uint64_t hash, const st_feature_config *cfg)
{
    return st_hash_bucket(hash, cfg->hash_bits) &
           ~(cfg->lead_chars > 0 ? ST_LEAD_BUCKET : 0u);
}

/* An n-gram's bucket and sign in one integer, bucket << 1 | negative:
 * sorting these keys groups each bucket's n-grams with their signs. */
static inline uint32_t st_hash_key(uint64_t hash, const st_feature_config *cfg)
{
    return st_gram_bucket(hash, cfg) << 1 |
           ((uint32_t)hash & (cfg->signed_hash ? 1u : 0u));
}

/* The keys (st_hash_key) of all the n-grams st_ngrams_foreach would
 * enumerate, in the same order, written to out (room for
 * st_ngrams_max_count(cfg, n)); returns how many.  This is the fast path
 * of feature extraction. */
size_t st_ngrams_keys(const st_feature_config *cfg, const int32_t *cp,
                      size_t n, int32_t *pad, uint32_t *out);
size_t st_ngrams_max_count(const st_feature_config *cfg, size_t n);

/* The keys of st_ngrams_keys(cfg, cp, n, ...), the same multiset in
 * another order: first those of cp[0..split) alone, as st_ngrams_keys
 * would give them for that prefix (*before of them), then the rest.
 * cp[split] must be the space between two words (0 < split < n), so that
 * the prefix's words are whole; the one word bigram that spans the split
 * comes last.  The lead view's n-grams are taken this way from the
 * whole text's instead of being hashed a second time. */
size_t st_ngrams_keys_split(const st_feature_config *cfg, const int32_t *cp,
                            size_t n, size_t split, int32_t *pad, uint32_t *out,
                            size_t *before);

static inline float st_hash_sign(uint64_t hash, int signed_hash)
{
    return (signed_hash && (hash & 1)) ? -1.0f : 1.0f;
}

#endif
