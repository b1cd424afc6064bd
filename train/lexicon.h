/*
 * A bilingual lexicon induced from line-aligned translations
 * (corpus/parallel_text.h): the second cross-lingual method beside the
 * latent space of train/space.h, measured against it in models/README.md.
 *
 * English is the pivot.  For every other language, each word that occurs
 * in at least two of its sentences is paired with the English words of the
 * same lines, and the pairs are scored by the Dice coefficient of the
 * sentences they share, 2 c(u, e) / (c(u) + c(e)) (Smadja, McKeown and
 * Hatzivassiloglou 1996 use it for the same task).  A word keeps its best
 * ST_LEXICON_TARGETS English words scoring at least ST_LEXICON_MIN_DICE
 * (and ST_LEXICON_RUNNER_UP of the best), each with its Dice as a share.
 * A word that is also an English word of the parallel text (a name, a
 * number, "in") is not paired: it stands for itself, as the English word
 * does (below).
 *
 * Everything works on the model's hashed word-unigram buckets.  The English
 * words of the parallel text are the lexicon's concepts: a record gets,
 * beside its own features, weight * share * x[u] on concept e for each
 * mapped word u it holds, and weight * x[e] for each English word e.  The
 * concepts are features of their own (not the English words' n-gram
 * buckets), so English records and the others reach them at one scale, and
 * a cue English (or any language's) labels teach on the concept "talks"
 * also fires on "переговоры", "Gespräche" or "đàm phán".
 *
 * As with the space, the map is linear, so the trained weights u on the
 * concepts fold back: w.x + u.(a M x) = (w + a M^T u).x, and the model file
 * and prediction cost are those of a model without it.
 */
#ifndef STANCE_LEXICON_H
#define STANCE_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "corpus/parallel_text.h"
#include "features/config.h"
#include "features/extract.h"

#define ST_LEXICON_TARGETS 2
#define ST_LEXICON_MIN_DICE 0.2
/* A second target must score this share of the first's Dice: below it,
 * it is mostly a word that happened to share the same few sentences. */
#define ST_LEXICON_RUNNER_UP 0.6
#define ST_LEXICON_DEFAULT_WEIGHT 1.0

typedef struct st_lexicon {
    int hash_bits;       /* of the features it was learnt on */
    double weight;       /* scale of the concept features */
    /* The entries of source bucket b are start[b] .. start[b + 1] - 1 of
     * target and share (share carries the product of the two buckets'
     * hash signs, so signed hashing keeps its meaning).  An English word
     * is its own concept, share 1. */
    uint32_t *start;     /* 2^hash_bits + 1 */
    uint32_t *target;
    float *share;
    size_t entries, sources;   /* sources: mapped words, English ones too */
    size_t sentences, languages;
    char pivot[32];      /* the pivot language's file name */
} st_lexicon;

/* The lexicon of p's languages onto its English file (the first whose name
 * is "en" or starts with "eng"), over cfg's hashed word unigrams.  Fails
 * when p has no English file. */
int st_lexicon_learn(st_lexicon *lx, const st_parallel *p,
                     const st_feature_config *cfg, double weight,
                     st_error *err);

/* out = weight * M v, the concepts of a weighted vector v (indices are
 * concepts, i.e. pivot words' buckets, ascending). */
int st_lexicon_map(const st_lexicon *lx, const st_sparse *v, st_sparse *out,
                   st_error *err);

/* At most how many concepts st_lexicon_map gives a vector with v's
 * indices (its entries before equal concepts are summed). */
size_t st_lexicon_map_bound(const st_lexicon *lx, const st_sparse *v);

/* w[b] += weight * (M^T u)[b] for every bucket: a machine's weights u on
 * the 2^hash_bits concepts, folded into its n-gram weights w. */
void st_lexicon_fold(const st_lexicon *lx, const float *u, float *w);

void st_lexicon_free(st_lexicon *lx);

#endif
