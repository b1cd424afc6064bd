#include "features/idf.h"

#include <math.h>
#include <stdlib.h>

int st_df_init(st_df_counter *c, int hash_bits, st_error *err)
{
    c->hash_bits = hash_bits;
    c->ndocs = 0;
    c->df = st_calloc((size_t)1 << hash_bits, sizeof *c->df, err);
    return c->df ? 0 : -1;
}

void st_df_add(st_df_counter *c, const st_sparse *counts)
{
    for (size_t i = 0; i < counts->n; i++)
        c->df[counts->index[i]]++;
    c->ndocs++;
}

void st_df_add_counter(st_df_counter *c, const st_df_counter *other)
{
    size_t buckets = (size_t)1 << c->hash_bits;
    for (size_t b = 0; b < buckets; b++)
        c->df[b] += other->df[b];
    c->ndocs += other->ndocs;
}

float *st_df_to_idf(const st_df_counter *c, st_error *err)
{
    size_t buckets = (size_t)1 << c->hash_bits;
    float *idf = st_malloc(buckets * sizeof *idf, err);
    if (!idf)
        return NULL;
    for (size_t b = 0; b < buckets; b++)
        idf[b] = (float)(log((1.0 + (double)c->ndocs) / (1.0 + c->df[b])) + 1.0);
    return idf;
}

void st_df_free(st_df_counter *c)
{
    free(c->df);
    c->df = NULL;
}
