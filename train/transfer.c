#include "train/transfer.h"

#include <string.h>

#include "common/clock.h"

static int learn_space(st_space *sp, const st_transfer_options *o,
                       const st_parallel *text, const st_feature_config *features,
                       st_error *err)
{
    st_space_aligned_options aligned = {
        .dims = o->space_dims ? o->space_dims : ST_SPACE_DEFAULT_DIMS,
        .weight = o->space_weight ? o->space_weight : ST_SPACE_DEFAULT_WEIGHT,
        .ridge = o->space_ridge ? o->space_ridge : ST_SPACE_DEFAULT_RIDGE,
        .target = o->space_target,
    };

    if (o->space_aligned)
        return st_space_learn_aligned(sp, text, features, &aligned, err);
    return st_space_learn(sp, text, features, aligned.dims, aligned.weight, err);
}

/* The n-gram document frequencies of the joint documents. */
static int count_documents(st_df_counter *df, const st_parallel *text,
                           const st_feature_config *features, st_error *err)
{
    st_extractor *ex = st_extractor_new(features, err);
    st_sparse counts = { 0 };
    int rc = ex ? st_df_init(df, features->hash_bits, err) : -1;

    for (size_t i = 0; rc == 0 && i < text->nlines; i++) {
        rc = st_extract_counts(ex, text->joint[i], strlen(text->joint[i]), &counts,
                               NULL, err);
        if (rc == 0)
            st_df_add(df, &counts);
    }
    st_sparse_free(&counts);
    st_extractor_free(ex);
    if (rc < 0)
        st_df_free(df);   /* NULL when st_df_init was not reached */
    return rc;
}

int st_transfer_learn(st_transfer *t, const st_transfer_options *o,
                      const st_feature_config *features, st_error *err)
{
    st_parallel text;
    struct timespec t0;
    int rc = 0;

    memset(t, 0, sizeof *t);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (st_parallel_read(&text, o->parallel, err) < 0)
        return -1;
    if (o->use_space) {
        rc = learn_space(&t->space, o, &text, features, err);
        if (rc == 0) {
            t->has_space = 1;
            st_space_scale_dims(&t->space, o->space_power);
            if (o->space_drop_languages)
                rc = st_space_remove_languages(&t->space, &text, features, err);
        }
    }
    if (rc == 0 && o->use_lexicon) {
        rc = st_lexicon_learn(&t->lexicon, &text, features,
                              o->lexicon_weight ? o->lexicon_weight
                                                : ST_LEXICON_DEFAULT_WEIGHT,
                              err);
        t->has_lexicon = rc == 0;
    }
    if (rc == 0 && o->use_idf) {
        rc = count_documents(&t->idf_documents, &text, features, err);
        t->has_idf = rc == 0;
    }
    st_parallel_free(&text);
    if (rc < 0) {
        st_transfer_free(t);
        return st_fail_prefix(err, "%s", o->parallel);
    }
    t->seconds = st_seconds_since(&t0);
    return 0;
}

void st_transfer_free(st_transfer *t)
{
    if (t->has_space)
        st_space_free(&t->space);
    if (t->has_lexicon)
        st_lexicon_free(&t->lexicon);
    if (t->has_idf)
        st_df_free(&t->idf_documents);
    memset(t, 0, sizeof *t);
}
