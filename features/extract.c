#include "features/extract.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "features/lead.h"
#include "features/ngrams.h"
#include "features/normalize.h"

/* Counting works on sorted keys rather than a table indexed by bucket:
 * each n-gram's hash becomes a key (st_hash_key: bucket << 1 | negative
 * sign), the chunk's keys are radix-sorted, and runs of one bucket are
 * summed.  A table of 2^bits counters costs a cache miss per n-gram once
 * it outgrows L1; sorting streams through memory, and leaves the buckets in
 * the ascending order the sparse vector needs anyway.  Documents longer
 * than a chunk merge each chunk's (bucket, count) runs into the running
 * total. */
struct st_extractor {
    st_feature_config cfg;
    st_normalizer norm;
    int32_t *pad;       /* scratch for one padded word */
    size_t pad_cap;
    uint32_t *key, *key_tmp;    /* the chunk's n-gram keys, radix-sort scratch */
    size_t key_cap;
    uint32_t *bucket;   /* the document's counts so far, by bucket */
    int32_t *count;
    size_t nbuckets, bucket_cap;
    uint32_t *run_bucket;       /* one chunk's counts */
    int32_t *run_count;
    size_t run_cap;
    uint32_t *merge_bucket;     /* scratch for merging chunks */
    int32_t *merge_count;
    size_t merge_cap;
    const int32_t *text;
    size_t text_len;
    int32_t *lead;      /* the lead normalised on its own */
    size_t lead_cap;
};

void st_sparse_free(st_sparse *v)
{
    free(v->index);
    free(v->value);
    memset(v, 0, sizeof *v);
}

int st_sparse_reserve(st_sparse *v, size_t n, st_error *err)
{
    size_t cap = v->cap;
    if (st_reserve(&v->index, &cap, n, sizeof *v->index, err) < 0)
        return -1;
    cap = v->cap;
    if (st_reserve(&v->value, &cap, n, sizeof *v->value, err) < 0)
        return -1;
    v->cap = cap;
    return 0;
}

int st_sparse_copy(st_sparse *dst, const st_sparse *src, st_error *err)
{
    if (st_sparse_reserve(dst, src->n, err) < 0)
        return -1;
    memcpy(dst->index, src->index, src->n * sizeof *src->index);
    memcpy(dst->value, src->value, src->n * sizeof *src->value);
    dst->n = src->n;
    return 0;
}

st_extractor *st_extractor_new(const st_feature_config *cfg, st_error *err)
{
    st_extractor *x;

    if (st_feature_config_check(cfg, err) < 0)
        return NULL;
    x = st_calloc(1, sizeof *x, err);
    if (!x)
        return NULL;
    x->cfg = *cfg;
    return x;
}

void st_extractor_free(st_extractor *x)
{
    if (!x)
        return;
    st_normalizer_free(&x->norm);
    free(x->pad);
    free(x->lead);
    free(x->key);
    free(x->key_tmp);
    free(x->bucket);
    free(x->count);
    free(x->run_bucket);
    free(x->run_count);
    free(x->merge_bucket);
    free(x->merge_count);
    free(x);
}

/* Sorts keys below 2^bits: two LSD radix passes, since qsort's
 * comparisons cost more than the whole rest of extraction.  Both digits'
 * histograms come from one read of the keys.  (Three passes of 7-bit
 * digits, whose scatter stays within fewer cache lines, were slower with
 * 2^20 buckets: 27 MB/s of extraction against 31.) */
static void sort_keys(uint32_t *a, size_t n, uint32_t *tmp, int bits)
{
    enum { DIGIT_MAX = ST_HASH_BITS_MAX + 1 - (ST_HASH_BITS_MAX + 1) / 2 };
    int low = bits / 2, high = bits - low;
    uint32_t low_start[((size_t)1 << DIGIT_MAX) + 1];
    uint32_t high_start[((size_t)1 << DIGIT_MAX) + 1];
    uint32_t mask = (1u << low) - 1;

    if (n < 32) {
        for (size_t i = 1; i < n; i++) {
            uint32_t v = a[i];
            size_t j = i;
            for (; j > 0 && a[j - 1] > v; j--)
                a[j] = a[j - 1];
            a[j] = v;
        }
        return;
    }
    memset(low_start, 0, ((size_t)mask + 2) * sizeof *low_start);
    memset(high_start, 0, (((size_t)1 << high) + 1) * sizeof *high_start);
    for (size_t i = 0; i < n; i++) {
        low_start[(a[i] & mask) + 1]++;
        high_start[(a[i] >> low) + 1]++;
    }
    for (size_t k = 1; k <= mask; k++)
        low_start[k] += low_start[k - 1];
    for (size_t k = 1; k < ((size_t)1 << high); k++)
        high_start[k] += high_start[k - 1];
    for (size_t i = 0; i < n; i++)
        tmp[low_start[a[i] & mask]++] = a[i];
    for (size_t i = 0; i < n; i++)
        a[high_start[tmp[i] >> low]++] = tmp[i];
}

/* Sorts the chunk's n keys in x->key and sums them into (bucket, count)
 * runs in bucket[] and count[]; returns the number of runs. */
static size_t count_chunk(st_extractor *x, size_t n, uint32_t *bucket,
                          int32_t *count)
{
    uint32_t *key = x->key;
    uint32_t current;
    int32_t sum = 0;
    size_t run = 0;

    sort_keys(key, n, x->key_tmp, x->cfg.hash_bits + 1);
    if (n == 0)
        return 0;
    /* Branch-free: which way a sign or a run boundary goes is a coin toss
     * the branch predictor loses.  run is the current run's index; it and
     * its count are rewritten at every key. */
    current = key[0] >> 1;
    for (size_t i = 0; i < n; i++) {
        uint32_t b = key[i] >> 1;
        int32_t fresh = b != current;
        run += (size_t)fresh;
        sum = (sum & (fresh - 1)) + 1 - 2 * (int32_t)(key[i] & 1);
        current = b;
        bucket[run] = b;
        count[run] = sum;
    }
    return run + 1;
}

static void swap_runs(uint32_t **b1, int32_t **c1, size_t *cap1,
                      uint32_t **b2, int32_t **c2, size_t *cap2)
{
    uint32_t *b = *b1;
    int32_t *c = *c1;
    size_t cap = *cap1;
    *b1 = *b2, *c1 = *c2, *cap1 = *cap2;
    *b2 = b, *c2 = c, *cap2 = cap;
}

/* a + b, held within +-2^30 so that no document, however long, can
 * overflow a count (drain saturates far lower anyway). */
static int32_t add_counts(int32_t a, int32_t b)
{
    int64_t sum = (int64_t)a + b;
    const int64_t limit = (int64_t)1 << 30;
    return (int32_t)(sum > limit ? limit : sum < -limit ? -limit : sum);
}

/* Adds runs (sorted by bucket) into the document's counts. */
static int merge_runs(st_extractor *x, const uint32_t *bucket,
                      const int32_t *count, size_t n, st_error *err)
{
    size_t i = 0, j = 0, o = 0, cap = x->merge_cap;

    if (st_reserve(&x->merge_bucket, &cap, x->nbuckets + n,
                   sizeof *x->merge_bucket, err) < 0)
        return -1;
    cap = x->merge_cap;
    if (st_reserve(&x->merge_count, &cap, x->nbuckets + n,
                   sizeof *x->merge_count, err) < 0)
        return -1;
    x->merge_cap = cap;
    while (i < x->nbuckets || j < n) {
        if (j == n || (i < x->nbuckets && x->bucket[i] < bucket[j])) {
            x->merge_bucket[o] = x->bucket[i];
            x->merge_count[o++] = x->count[i++];
        } else if (i == x->nbuckets || bucket[j] < x->bucket[i]) {
            x->merge_bucket[o] = bucket[j];
            x->merge_count[o++] = count[j++];
        } else {
            x->merge_bucket[o] = bucket[j];
            x->merge_count[o++] = add_counts(x->count[i++], count[j++]);
        }
    }
    swap_runs(&x->bucket, &x->count, &x->bucket_cap,
              &x->merge_bucket, &x->merge_count, &x->merge_cap);
    x->nbuckets = o;
    return 0;
}

/* Room for n keys and n runs. */
static int reserve_keys(st_extractor *x, size_t n, st_error *err)
{
    size_t cap = x->key_cap;
    if (st_reserve(&x->key, &cap, n, sizeof *x->key, err) < 0 ||
        st_reserve(&x->key_tmp, &x->key_cap, n, sizeof *x->key_tmp, err) < 0)
        return -1;
    cap = x->run_cap;
    if (st_reserve(&x->run_bucket, &cap, n, sizeof *x->run_bucket, err) < 0 ||
        st_reserve(&x->run_count, &x->run_cap, n, sizeof *x->run_count, err) < 0)
        return -1;
    return 0;
}

/* Counts one chunk's n keys into the document's totals. */
static int accumulate(st_extractor *x, size_t n, int first, st_error *err)
{
    size_t runs = count_chunk(x, n, x->run_bucket, x->run_count);

    if (!first)
        return merge_runs(x, x->run_bucket, x->run_count, runs, err);
    swap_runs(&x->bucket, &x->count, &x->bucket_cap,
              &x->run_bucket, &x->run_count, &x->run_cap);
    x->nbuckets = runs;
    return 0;
}

/* Text is normalised and hashed in chunks of about this many bytes, so
 * that the scratch buffers (4 bytes a code point, 12 an n-gram key, up to
 * ~3 n-grams a code point) stay bounded whatever the document's size. */
#define CHUNK_BYTES (1u << 20)

/* Where to end the chunk starting at text: at the last whitespace byte
 * before the limit, so that no word is split; failing that (one enormous
 * "word"), before the last UTF-8 lead byte, so that no character is.  An
 * n-gram spanning a forced split is lost; nothing else is. */
static size_t chunk_end(const char *text, size_t len)
{
    size_t end;
    if (len <= CHUNK_BYTES)
        return len;
    for (end = CHUNK_BYTES; end > CHUNK_BYTES / 2; end--)
        if (text[end] == ' ' || text[end] == '\n' || text[end] == '\t')
            return end;
    for (end = CHUNK_BYTES; end > CHUNK_BYTES - 4; end--)
        if (((unsigned char)text[end] & 0xC0) != 0x80)
            return end;
    return CHUNK_BYTES;
}

/* Normalises n bytes of text and counts their n-grams into the document's
 * totals, with key_bits or-ed into every key (the lead's bucket bit). */
static int count_text(st_extractor *x, const char *text, size_t n, uint32_t key_bits,
                      int first, size_t *invalid, st_error *err)
{
    size_t grams;

    if (st_normalize(&x->norm, text, n, x->cfg.norm, &x->text, &x->text_len,
                     invalid, err) < 0)
        return -1;
    grams = st_ngrams_max_count(&x->cfg, x->text_len);
    if (st_reserve(&x->pad, &x->pad_cap, x->text_len + 2, sizeof *x->pad, err) < 0 ||
        reserve_keys(x, grams, err) < 0)
        return -1;
    grams = st_ngrams_keys(&x->cfg, x->text, x->text_len, x->pad, x->key);
    if (key_bits)
        for (size_t i = 0; i < grams; i++)
            x->key[i] |= key_bits;
    return accumulate(x, grams, first, err);
}

/* When the lead is the whole text its counts are the text's: each (even)
 * bucket b gets a twin b + 1, which keeps the buckets ascending, instead
 * of extracting the text twice. */
static int copy_to_lead_buckets(st_extractor *x, st_error *err)
{
    size_t n = x->nbuckets, cap = x->bucket_cap;

    if (st_reserve(&x->bucket, &cap, 2 * n, sizeof *x->bucket, err) < 0)
        return -1;
    cap = x->bucket_cap;
    if (st_reserve(&x->count, &cap, 2 * n, sizeof *x->count, err) < 0)
        return -1;
    x->bucket_cap = cap;
    for (size_t i = n; i-- > 0;) {
        x->bucket[2 * i + 1] = x->bucket[i] | ST_LEAD_BUCKET;
        x->count[2 * i + 1] = x->count[i];
        x->bucket[2 * i] = x->bucket[i];
        x->count[2 * i] = x->count[i];
    }
    x->nbuckets = 2 * n;
    return 0;
}

/* Counts the first chunk, text[0..n), with its lead, text[0..lead), when
 * the lead normalised on its own is the chunk's first words, as it nearly
 * always is (a lead ends at a sentence's end, where the normalised text
 * has a space between words): the lead's keys are then the first ones
 * st_ngrams_keys_split gives, copied into the lead's buckets instead of
 * being hashed again, and one sort counts both.  Returns 1 when it
 * counted so; 0 when the lead must be counted on its own (cut inside a
 * word at its length cap, or normalised otherwise at its edge); -1 on
 * failure. */
static int count_lead_within(st_extractor *x, const char *text, size_t n,
                             size_t lead, size_t *invalid, st_error *err)
{
    const int32_t *cp;
    size_t lead_len, grams, before, ignored = 0;

    if (st_normalize(&x->norm, text, lead, x->cfg.norm, &cp, &lead_len, &ignored,
                     err) < 0 ||
        st_reserve(&x->lead, &x->lead_cap, lead_len + 1, sizeof *x->lead, err) < 0)
        return -1;
    memcpy(x->lead, cp, lead_len * sizeof *cp);
    if (st_normalize(&x->norm, text, n, x->cfg.norm, &x->text, &x->text_len,
                     invalid, err) < 0)
        return -1;
    if (lead_len == 0 || lead_len >= x->text_len || x->text[lead_len] != 0x20 ||
        memcmp(x->text, x->lead, lead_len * sizeof *x->lead))
        return 0;
    grams = st_ngrams_max_count(&x->cfg, x->text_len) + 1;
    if (st_reserve(&x->pad, &x->pad_cap, x->text_len + 2, sizeof *x->pad, err) < 0 ||
        reserve_keys(x, grams + st_ngrams_max_count(&x->cfg, lead_len), err) < 0)
        return -1;
    grams = st_ngrams_keys_split(&x->cfg, x->text, x->text_len, lead_len, x->pad,
                                 x->key, &before);
    for (size_t i = 0; i < before; i++)
        x->key[grams + i] = x->key[i] | ST_LEAD_BUCKET << 1;
    return accumulate(x, grams + before, 1, err) < 0 ? -1 : 1;
}

/* Normalises text and counts its n-grams into x->bucket, x->count: the
 * whole text's, and with the lead view on, the lead's in the odd buckets.
 * A lead not counted with the first chunk is counted first, on its own,
 * so that x->text ends as the last chunk of the whole text (--explain
 * reads it). */
static int count_ngrams(st_extractor *x, const char *text, size_t len,
                        st_text_stats *stats, st_error *err)
{
    size_t invalid_total = 0, code_points = 0, ignored;
    size_t total = len, lead = st_lead_length(text, len, x->cfg.lead_chars);
    int first = 1;

    x->nbuckets = 0;
    if (lead > 0 && lead < len) {
        size_t n = chunk_end(text, len), invalid = 0;
        int rc = count_lead_within(x, text, n, lead, &invalid, err);
        if (rc < 0)
            return -1;
        if (rc > 0) {
            invalid_total += invalid;
            code_points += x->text_len;
            text += n;
            len -= n;
        } else if (count_text(x, text, lead, ST_LEAD_BUCKET << 1, 1, &ignored, err) < 0) {
            return -1;
        }
        first = 0;
    }
    /* At least once, so that an empty text leaves x->text empty. */
    while (first || len > 0) {
        size_t n = chunk_end(text, len), invalid = 0;
        if (count_text(x, text, n, 0, first, &invalid, err) < 0)
            return -1;
        first = 0;
        invalid_total += invalid;
        code_points += x->text_len;
        text += n;
        len -= n;
    }
    if (lead > 0 && lead == total && copy_to_lead_buckets(x, err) < 0)
        return -1;
    if (stats) {
        stats->invalid_bytes = invalid_total;
        stats->code_points = code_points;
    }
    return 0;
}

/* 1 + ln(k) for the small counts nearly all n-grams have; logf is the
 * single most expensive step of weighting otherwise. */
enum { SUBLINEAR_TABLE = 64 };
static float sublinear_table[SUBLINEAR_TABLE];
static pthread_once_t sublinear_once = PTHREAD_ONCE_INIT;

static void fill_sublinear_table(void)
{
    for (int k = 1; k < SUBLINEAR_TABLE; k++)
        sublinear_table[k] = 1.0f + logf((float)k);
}

static float term_frequency(float count, st_tf_mode mode)
{
    float magnitude = fabsf(count);
    float sign = count < 0 ? -1.0f : 1.0f;
    switch (mode) {
    case ST_TF_BINARY:
        return sign;
    case ST_TF_SUBLINEAR:
        if (magnitude < SUBLINEAR_TABLE && magnitude == (float)(int)magnitude)
            return sign * sublinear_table[(int)magnitude];
        return sign * (1.0f + logf(magnitude));
    default:
        return count;
    }
}

/* Copies the non-zero counts into out, saturated at +-32767 (a count that
 * large is an n-gram repeated without end: weighting makes the exact
 * figure irrelevant, and it keeps every value exact in a float). */
static int drain(st_extractor *x, st_sparse *out, st_error *err)
{
    int rc = st_sparse_reserve(out, x->nbuckets, err);
    size_t n = 0;

    for (size_t i = 0; rc == 0 && i < x->nbuckets; i++) {
        int32_t c = x->count[i];
        if (c == 0)
            continue;
        out->index[n] = x->bucket[i];
        out->value[n] = (float)(c > INT16_MAX ? INT16_MAX : c < -INT16_MAX ? -INT16_MAX : c);
        n++;
    }
    x->nbuckets = 0;
    out->n = rc < 0 ? 0 : n;
    return rc;
}

/* Scales v's entries to unit length; with the lead view on, the whole
 * text's (even buckets) and the lead's (odd) each to unit length first,
 * the lead's then to lead_weight, as if the two were separate vectors
 * side by side. */
static void normalise(const st_feature_config *cfg, st_sparse *v,
                      double sum_text, double sum_lead)
{
    float scale_text, scale_lead;

    if (cfg->lead_chars <= 0) {
        if (sum_text > 0) {
            float scale = (float)(1.0 / sqrt(sum_text));
            for (size_t i = 0; i < v->n; i++)
                v->value[i] *= scale;
        }
        return;
    }
    {
        double w = sum_lead > 0 ? cfg->lead_weight : 0;
        double total = (sum_text > 0 ? 1 : 0) + w * w;
        if (total <= 0)
            return;
        scale_text = sum_text > 0 ? (float)(1.0 / sqrt(sum_text * total)) : 0;
        scale_lead = sum_lead > 0 ? (float)(w / sqrt(sum_lead * total)) : 0;
    }
    for (size_t i = 0; i < v->n; i++)
        v->value[i] *= (v->index[i] & ST_LEAD_BUCKET) ? scale_lead : scale_text;
}

void st_weigh_strided(const st_feature_config *cfg, const float *idf,
                      size_t stride, st_sparse *v)
{
    /* sum[1] is the lead's (odd buckets) when the lead view is on. */
    double sum[2] = { 0, 0 };
    uint32_t lead_bit = cfg->lead_chars > 0 ? ST_LEAD_BUCKET : 0;

    pthread_once(&sublinear_once, fill_sublinear_table);
    for (size_t i = 0; i < v->n; i++) {
        float w = term_frequency(v->value[i], cfg->tf);
        if (cfg->idf && idf) {
            if (i + ST_PREFETCH_AHEAD < v->n)
                __builtin_prefetch(idf + stride * v->index[i + ST_PREFETCH_AHEAD]);
            w *= idf[stride * v->index[i]];
        }
        v->value[i] = w;
        sum[v->index[i] & lead_bit] += (double)w * w;
    }
    normalise(cfg, v, sum[0], sum[1]);
}

void st_weigh(const st_feature_config *cfg, const float *idf, st_sparse *v)
{
    st_weigh_strided(cfg, idf, 1, v);
}

int st_extract_counts(st_extractor *x, const char *text, size_t len,
                      st_sparse *out, st_text_stats *stats, st_error *err)
{
    if (count_ngrams(x, text, len, stats, err) < 0)
        return -1;
    return drain(x, out, err);
}

int st_extract(st_extractor *x, const char *text, size_t len,
               const float *idf, st_sparse *out, st_text_stats *stats,
               st_error *err)
{
    if (st_extract_counts(x, text, len, out, stats, err) < 0)
        return -1;
    st_weigh(&x->cfg, idf, out);
    return 0;
}

unsigned st_extractor_norm(const st_extractor *x)
{
    return x->cfg.norm;
}

const int32_t *st_extractor_text(const st_extractor *x, size_t *len)
{
    *len = x->text_len;
    return x->text;
}
