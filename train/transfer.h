/*
 * What `stance train --parallel DIR` learns before it trains: a
 * cross-lingual space (train/space.h), a lexicon (train/lexicon.h) or both,
 * from one directory of line-aligned translations; and, when asked, the
 * document frequencies of its joint documents, for the IDF (below).  The
 * program and the library's stance_train both go through here, so the two
 * build the same model from the same settings.
 */
#ifndef STANCE_TRANSFER_H
#define STANCE_TRANSFER_H

#include "common/error.h"
#include "features/config.h"
#include "features/idf.h"
#include "train/lexicon.h"
#include "train/space.h"

typedef struct st_transfer_options {
    const char *parallel;   /* the directory (corpus/parallel_text.h) */
    int use_space, use_lexicon;
    int space_dims;         /* 0: ST_SPACE_DEFAULT_DIMS */
    double space_weight;    /* 0: ST_SPACE_DEFAULT_WEIGHT */
    double space_power;     /* st_space_scale_dims; 0: every dimension alike */
    int space_aligned;      /* 0: cross-language LSI; 1: st_space_learn_aligned */
    st_space_target space_target;   /* of the aligned space */
    double space_ridge;     /* of the aligned space; 0: ST_SPACE_DEFAULT_RIDGE */
    /* st_space_remove_languages after learning the space: measured lower
     * in leave-one-language-out, not in the shipped models. */
    int space_drop_languages;
    double lexicon_weight;  /* 0: ST_LEXICON_DEFAULT_WEIGHT */
    /* Count the joint documents (every language's line i as one document)
     * in the model's IDF beside the training records.  They are ordinary
     * news, so an n-gram common to all news (in any of their languages)
     * weighs less, and one particular to the relationship keeps its
     * weight.  Measured level in nested CV and worse in leave-one-language-
     * out (the model card, "IDF counted over the parallel news as well"):
     * not in the shipped models. */
    int use_idf;
} st_transfer_options;

typedef struct st_transfer {
    st_space space;         /* valid when has_space */
    st_lexicon lexicon;     /* valid when has_lexicon */
    st_df_counter idf_documents;  /* the joint documents; valid when has_idf */
    int has_space, has_lexicon, has_idf;
    double seconds;         /* reading and learning, wall clock */
} st_transfer;

/* Reads o->parallel and learns what o asks for with the model's feature
 * settings.  On failure (err names the directory, and the file and line
 * when one is at fault) nothing is left to free. */
int st_transfer_learn(st_transfer *t, const st_transfer_options *o,
                      const st_feature_config *features, st_error *err);

/* The space and lexicon to train with (NULL when not learnt), as
 * st_train_options wants them. */
static inline const st_space *st_transfer_space(const st_transfer *t)
{
    return t->has_space ? &t->space : NULL;
}
static inline const st_lexicon *st_transfer_lexicon(const st_transfer *t)
{
    return t->has_lexicon ? &t->lexicon : NULL;
}

/* The document frequencies to count in the IDF (NULL when not learnt),
 * as st_train_options wants them. */
static inline const st_df_counter *st_transfer_idf_documents(const st_transfer *t)
{
    return t->has_idf ? &t->idf_documents : NULL;
}

void st_transfer_free(st_transfer *t);

#endif
