/*
 * Feature settings.  A model file stores them, so prediction always
 * extracts features exactly as training did.
 */
#ifndef STANCE_FEATURE_CONFIG_H
#define STANCE_FEATURE_CONFIG_H

#include "common/error.h"

typedef enum st_tf_mode {
    ST_TF_RAW = 0,       /* term count */
    ST_TF_BINARY = 1,    /* 1 if present */
    ST_TF_SUBLINEAR = 2  /* 1 + ln(count) */
} st_tf_mode;

typedef struct st_feature_config {
    int char_min, char_max; /* character n-gram range in code points; 0 0 = off */
    int word_max;           /* word n-grams: 0 off, 1 unigrams, 2 +bigrams */
    int hash_bits;          /* 2^hash_bits buckets */
    int signed_hash;        /* a hash bit picks the sign, so collisions cancel */
    st_tf_mode tf;
    int idf;                /* weight by inverse document frequency */
    unsigned norm;          /* ST_NORM_* flags, see normalize.h */
    /* The lead view: the n-grams of the article's first lead_chars code
     * points (title included), carried on to the end of that sentence,
     * counted a second time in buckets of their own and normalised apart
     * from the whole text, at lead_weight to its 1 (features/lead.h).
     * 0 = off. */
    int lead_chars;
    float lead_weight;
} st_feature_config;

#define ST_HASH_BITS_MIN 10
#define ST_HASH_BITS_MAX 26
#define ST_NGRAM_MAX 8
#define ST_LEAD_CHARS_MAX 100000
#define ST_LEAD_WEIGHT_MAX 10.0f

void st_feature_config_default(st_feature_config *c);
int st_feature_config_check(const st_feature_config *c, st_error *err);

/* Sets one setting from text, as given on a command line:
 *   char=2-5 | char=off   word=0|1|2   bits=18   signed=0|1
 *   tf=raw|binary|sublinear   idf=0|1
 *   arabic=0|1  yo=0|1  vi-tones=strip|keep  accents=strip|keep
 *   lead=400|0  lead-weight=1                                        */
int st_feature_config_set(st_feature_config *c, const char *key,
                          const char *value, st_error *err);
/* The same from one "key=value" word (stance train --set, the API's
 * settings line, each word of st_feature_config_describe's output). */
int st_feature_config_parse(st_feature_config *c, const char *setting,
                            st_error *err);

/* One-line description, e.g. "char=2-5 word=1 bits=18 ..."; the lead
 * view's two settings only when it is on, so that the description of a
 * model without it reads as it always has. */
void st_feature_config_describe(const st_feature_config *c, char *buf,
                                size_t size);

#endif
