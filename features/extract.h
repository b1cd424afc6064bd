/*
 * The feature extractor: UTF-8 text -> normalised code points -> hashed
 * n-gram counts -> term-frequency transform -> IDF weight -> L2 norm.
 *
 * An st_extractor holds the per-thread scratch (code points, hashes, sort
 * keys and counts, all sized by the text, never by 2^hash_bits), so a
 * document costs no allocation once the buffers have grown.  Use one per
 * thread; the configuration and IDF table it reads may be shared.
 */
#ifndef STANCE_EXTRACT_H
#define STANCE_EXTRACT_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "features/config.h"

/* A sparse vector: indices strictly ascending, values non-zero. */
typedef struct st_sparse {
    uint32_t *index;
    float *value;
    size_t n, cap;
} st_sparse;

/* How many entries ahead of the one being used a loop over a sparse vector
 * asks for the row of a bucket-indexed table (idf, weights): a document's
 * buckets are scattered over megabytes, so each entry would otherwise wait
 * for memory, one at a time. */
#define ST_PREFETCH_AHEAD 16

void st_sparse_free(st_sparse *v);
int st_sparse_copy(st_sparse *dst, const st_sparse *src, st_error *err);
/* Room for n entries in v's arrays; its entries are kept. */
int st_sparse_reserve(st_sparse *v, size_t n, st_error *err);

/* What extraction saw in one document. */
typedef struct st_text_stats {
    size_t invalid_bytes;  /* ill-formed UTF-8 bytes replaced by U+FFFD */
    size_t code_points;    /* after normalisation, separators included */
} st_text_stats;

typedef struct st_extractor st_extractor;

st_extractor *st_extractor_new(const st_feature_config *cfg, st_error *err);
void st_extractor_free(st_extractor *x);

/* Signed hashed n-gram counts of text, with no weighting: the input of
 * document-frequency counting.  Buckets whose signed count cancels to zero
 * are left out. */
int st_extract_counts(st_extractor *x, const char *text, size_t len,
                      st_sparse *out, st_text_stats *stats, st_error *err);

/* Turns counts (st_extract_counts) into the weighted vector in place:
 * term-frequency transform, idf (when cfg->idf and idf is not NULL), L2
 * normalisation.  The sign of a signed-hash count is kept. */
void st_weigh(const st_feature_config *cfg, const float *idf, st_sparse *v);

/* st_weigh with bucket b's idf at idf[b * stride], for a table that keeps
 * other values of each bucket beside its idf (svm/linear_table.h). */
void st_weigh_strided(const st_feature_config *cfg, const float *idf,
                      size_t stride, st_sparse *v);

/* The weighted, L2-normalised vector of text: st_extract_counts followed
 * by st_weigh.  idf is the table of
 * 2^hash_bits weights (see idf.h), or NULL for none. */
int st_extract(st_extractor *x, const char *text, size_t len,
               const float *idf, st_sparse *out, st_text_stats *stats,
               st_error *err);

/* The normalised code points of the last document extracted by x, for
 * callers that want to look at its n-grams again (--explain).  For a
 * document over a megabyte, extracted in chunks, this is its last chunk. */
const int32_t *st_extractor_text(const st_extractor *x, size_t *len);

/* The normalisation x applies (its configuration's ST_NORM_* flags). */
unsigned st_extractor_norm(const st_extractor *x);

#endif
