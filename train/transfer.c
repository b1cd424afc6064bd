#include "train/transfer.h"

#include <string.h>

#include "common/clock.h"

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
        rc = st_space_learn(&t->space, &text, features,
                            o->space_dims ? o->space_dims : ST_SPACE_DEFAULT_DIMS,
                            o->space_weight ? o->space_weight : ST_SPACE_DEFAULT_WEIGHT,
                            err);
        if (rc == 0) {
            t->has_space = 1;
            st_space_scale_dims(&t->space, o->space_power);
        }
    }
    if (rc == 0 && o->use_lexicon) {
        rc = st_lexicon_learn(&t->lexicon, &text, features,
                              o->lexicon_weight ? o->lexicon_weight
                                                : ST_LEXICON_DEFAULT_WEIGHT,
                              err);
        t->has_lexicon = rc == 0;
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
    memset(t, 0, sizeof *t);
}
