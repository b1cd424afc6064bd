#include "features/extract.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "features/ngrams.h"
#include "features/normalize.h"

/* One accumulator cell per bucket.  The count and the stamp saying which
 * document last touched it share a cache line, so a hashed n-gram costs
 * one cache miss, and nothing needs clearing between documents.  Four
 * bytes a cell, because the table's cache footprint is what bounds the
 * extractor's speed: the count saturates at +-32767 (a document repeating
 * one n-gram more often than that is weighted as if it had not), and the
 * table is cleared whenever the 16-bit stamp wraps. */
typedef struct cell {
    int16_t count;
    uint16_t stamp;
} cell;

struct st_extractor {
    st_feature_config cfg;
    st_normalizer norm;
    cell *acc;          /* 2^bits cells */
    uint16_t stamp;     /* current document's stamp, never 0 */
    uint32_t *touched;  /* buckets hit by this document (at most 2^bits) */
    uint32_t *sort_tmp; /* radix-sort scratch, 2^bits */
    size_t ntouched;
    int32_t *pad;       /* scratch for one padded word */
    size_t pad_cap;
    uint64_t *hash;     /* the document's n-gram hashes */
    size_t hash_cap;
    const int32_t *text;
    size_t text_len;
};

void st_sparse_free(st_sparse *v)
{
    free(v->index);
    free(v->value);
    memset(v, 0, sizeof *v);
}

static int sparse_reserve(st_sparse *v, size_t n, st_error *err)
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
    if (sparse_reserve(dst, src->n, err) < 0)
        return -1;
    memcpy(dst->index, src->index, src->n * sizeof *src->index);
    memcpy(dst->value, src->value, src->n * sizeof *src->value);
    dst->n = src->n;
    return 0;
}

double st_sparse_dot(const st_sparse *a, const st_sparse *b)
{
    size_t i = 0, j = 0;
    double sum = 0;
    while (i < a->n && j < b->n) {
        if (a->index[i] == b->index[j])
            sum += (double)a->value[i++] * b->value[j++];
        else if (a->index[i] < b->index[j])
            i++;
        else
            j++;
    }
    return sum;
}

st_extractor *st_extractor_new(const st_feature_config *cfg, st_error *err)
{
    size_t buckets;
    st_extractor *x;

    if (st_feature_config_check(cfg, err) < 0)
        return NULL;
    x = st_calloc(1, sizeof *x, err);
    if (!x)
        return NULL;
    x->cfg = *cfg;
    buckets = (size_t)1 << cfg->hash_bits;
    x->acc = st_calloc(buckets, sizeof *x->acc, err);
    x->touched = x->acc ? st_malloc(buckets * sizeof *x->touched, err) : NULL;
    x->sort_tmp = x->touched ? st_malloc(buckets * sizeof *x->sort_tmp, err)
                             : NULL;
    if (!x->sort_tmp) {
        st_extractor_free(x);
        return NULL;
    }
    return x;
}

void st_extractor_free(st_extractor *x)
{
    if (!x)
        return;
    st_normalizer_free(&x->norm);
    free(x->acc);
    free(x->touched);
    free(x->sort_tmp);
    free(x->pad);
    free(x->hash);
    free(x);
}

/* Adds the n-gram hashes to the accumulator.  Cells are fetched a few
 * hashes ahead, since at 2^20 buckets nearly every one is a cache miss. */
static void accumulate(st_extractor *x, const uint64_t *hash, size_t n)
{
    enum { AHEAD = 12 };
    const int bits = x->cfg.hash_bits, signed_hash = x->cfg.signed_hash;
    const uint16_t stamp = x->stamp;

    for (size_t i = 0; i < n; i++) {
        uint32_t b = st_hash_bucket(hash[i], bits);
        cell *c = &x->acc[b];
        if (i + AHEAD < n)
            __builtin_prefetch(&x->acc[st_hash_bucket(hash[i + AHEAD], bits)], 1);
        if (c->stamp != stamp) {
            c->stamp = stamp;
            c->count = 0;
            x->touched[x->ntouched++] = b;
        }
        if (signed_hash && (hash[i] & 1)) {
            if (c->count > INT16_MIN + 1)
                c->count--;
        } else if (c->count < INT16_MAX) {
            c->count++;
        }
    }
}

/* Sorts bucket numbers below 2^bits: two LSD radix passes, since qsort's
 * comparisons cost more than the whole rest of extraction. */
static void sort_buckets(uint32_t *a, size_t n, uint32_t *tmp, int bits)
{
    int low = bits / 2, high = bits - low;
    size_t count[1 << (ST_HASH_BITS_MAX - ST_HASH_BITS_MAX / 2)];
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
    memset(count, 0, sizeof count);
    for (size_t i = 0; i < n; i++)
        count[(a[i] & mask) + 1]++;
    for (size_t k = 1; k <= mask; k++)
        count[k] += count[k - 1];
    for (size_t i = 0; i < n; i++)
        tmp[count[a[i] & mask]++] = a[i];
    memset(count, 0, sizeof count);
    for (size_t i = 0; i < n; i++)
        count[(tmp[i] >> low) + 1]++;
    for (size_t k = 1; k < ((size_t)1 << high); k++)
        count[k] += count[k - 1];
    for (size_t i = 0; i < n; i++)
        a[count[tmp[i] >> low]++] = tmp[i];
}

/* Text is normalised and hashed in chunks of about this many bytes, so
 * that the scratch buffers (4 bytes a code point, 8 a hashed n-gram, up to
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

/* Normalises text and fills the accumulator with its n-gram counts. */
static int count_ngrams(st_extractor *x, const char *text, size_t len,
                        st_text_stats *stats, st_error *err)
{
    size_t invalid_total = 0, code_points = 0;

    x->ntouched = 0;
    if (++x->stamp == 0) {
        /* The stamp wrapped after 65535 documents: start afresh. */
        memset(x->acc, 0, ((size_t)1 << x->cfg.hash_bits) * sizeof *x->acc);
        x->stamp = 1;
    }
    do {
        size_t n = chunk_end(text, len), invalid = 0;
        if (st_normalize(&x->norm, text, n, x->cfg.norm, &x->text,
                         &x->text_len, &invalid, err) < 0)
            return -1;
        if (st_reserve(&x->pad, &x->pad_cap, x->text_len + 2, sizeof *x->pad,
                       err) < 0 ||
            st_reserve(&x->hash, &x->hash_cap,
                       st_ngrams_max_count(&x->cfg, x->text_len),
                       sizeof *x->hash, err) < 0)
            return -1;
        accumulate(x, x->hash,
                   st_ngrams_hashes(&x->cfg, x->text, x->text_len, x->pad,
                                    x->hash));
        invalid_total += invalid;
        code_points += x->text_len;
        text += n;
        len -= n;
    } while (len > 0);
    sort_buckets(x->touched, x->ntouched, x->sort_tmp, x->cfg.hash_bits);
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

/* Copies the touched buckets' non-zero counts into out. */
static int drain(st_extractor *x, st_sparse *out, st_error *err)
{
    int rc = sparse_reserve(out, x->ntouched, err);
    size_t n = 0;

    for (size_t i = 0; i < x->ntouched; i++) {
        uint32_t b = x->touched[i];
        float v = (float)x->acc[b].count;
        if (rc < 0 || v == 0)
            continue;
        out->index[n] = b;
        out->value[n] = v;
        n++;
    }
    x->ntouched = 0;
    out->n = rc < 0 ? 0 : n;
    return rc;
}

void st_weigh(const st_feature_config *cfg, const float *idf, st_sparse *v)
{
    double sum = 0;

    pthread_once(&sublinear_once, fill_sublinear_table);
    for (size_t i = 0; i < v->n; i++) {
        float w = term_frequency(v->value[i], cfg->tf);
        if (cfg->idf && idf)
            w *= idf[v->index[i]];
        v->value[i] = w;
        sum += (double)w * w;
    }
    if (sum > 0) {
        float scale = (float)(1.0 / sqrt(sum));
        for (size_t i = 0; i < v->n; i++)
            v->value[i] *= scale;
    }
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

const int32_t *st_extractor_text(const st_extractor *x, size_t *len)
{
    *len = x->text_len;
    return x->text;
}
