#include "predict/explain_words.h"

#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "features/ngrams.h"
#include "features/utf8.h"

/* A distinct word of the article and its summed push. */
typedef struct word_push {
    uint64_t hash;            /* 0: empty slot */
    const int32_t *cp;        /* its first occurrence */
    size_t len;
    double push;
} word_push;

typedef struct walk_state {
    const st_sparse *v;
    const float *w;
    int sign;
    const st_feature_config *cfg;
    unsigned *count;          /* occurrences per entry of v */
    double sum;               /* of the word being summed */
} walk_state;

/* The entry of v holding bucket b, or -1. */
static long find_bucket(const st_sparse *v, uint32_t b)
{
    size_t lo = 0, hi = v->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->index[mid] < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < v->n && v->index[lo] == b ? (long)lo : -1;
}

static void count_gram(void *ctx, st_gram_kind kind, const int32_t *gram, size_t len,
                       const int32_t *first, size_t first_len, uint64_t hash)
{
    walk_state *s = ctx;
    uint32_t b = st_gram_bucket(hash, s->cfg);
    long t = find_bucket(s->v, b);
    (void)kind, (void)gram, (void)len, (void)first, (void)first_len;
    if (t >= 0)
        s->count[t]++;
    /* The lead view's twin bucket: its weight is shared among all the
     * n-gram's occurrences, in the lead or not (the walk does not know
     * where the lead ends). */
    if (s->cfg->lead_chars > 0 && (t = find_bucket(s->v, b | ST_LEAD_BUCKET)) >= 0)
        s->count[t]++;
}

/* The push of the n-grams in v's entry for bucket b, shared equally among
 * the count of their occurrences. */
static double share(const walk_state *s, uint32_t b)
{
    long t = find_bucket(s->v, b);
    if (t < 0 || !s->count[t])
        return 0;
    return s->sign * (double)s->v->value[t] * s->w[b] / s->count[t];
}

static void push_gram(void *ctx, st_gram_kind kind, const int32_t *gram, size_t len,
                      const int32_t *first, size_t first_len, uint64_t hash)
{
    walk_state *s = ctx;
    uint32_t b = st_gram_bucket(hash, s->cfg);
    (void)gram, (void)len, (void)first, (void)first_len;
    if (kind == ST_GRAM_BIGRAM)
        return;
    s->sum += share(s, b);
    if (s->cfg->lead_chars > 0)
        s->sum += share(s, b | ST_LEAD_BUCKET);
}

static void word_text(char *out, size_t size, const int32_t *cp, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len && o + 5 < size; i++)
        o += st_utf8_encode(out + o, cp[i]);
    out[o] = '\0';
}

/* Adds push to the word's slot (open addressing over cap slots, a power
 * of two, never more than half full). */
static void add_push(word_push *table, size_t cap, const int32_t *cp, size_t len,
                     double push)
{
    uint64_t h = XXH3_64bits(cp, len * sizeof *cp) | 1;
    size_t i = (size_t)h & (cap - 1);
    while (table[i].hash && (table[i].hash != h || table[i].len != len ||
                             memcmp(table[i].cp, cp, len * sizeof *cp)))
        i = (i + 1) & (cap - 1);
    if (!table[i].hash)
        table[i] = (word_push){ h, cp, len, 0 };
    table[i].push += push;
}

/* The nmax largest positive pushes into r->explained, largest first. */
static void keep_strongest(const word_push *table, size_t cap, int nmax, st_result *r)
{
    r->nexplained = 0;
    for (size_t i = 0; i < cap; i++) {
        int pos = r->nexplained;
        if (!table[i].hash || table[i].push <= 0 ||
            (pos == nmax && table[i].push <= r->explained[pos - 1].weight))
            continue;
        if (pos == nmax)
            pos--;
        while (pos > 0 && r->explained[pos - 1].weight < table[i].push) {
            r->explained[pos] = r->explained[pos - 1];
            pos--;
        }
        r->explained[pos].weight = table[i].push;
        word_text(r->explained[pos].text, sizeof r->explained[pos].text,
                  table[i].cp, table[i].len);
        if (r->nexplained < nmax)
            r->nexplained++;
    }
}

int st_explain_words(const st_model *m, const st_sparse *v, const float *w, int sign,
                     const int32_t *text, size_t len, int32_t *pad, int nmax,
                     st_result *r, st_error *err)
{
    walk_state s = { v, w, sign, &m->features, NULL, 0 };
    size_t cap = 16;
    word_push *table;

    while (cap < len + 1)  /* words <= len / 2 + 1: at most half full */
        cap *= 2;
    s.count = st_calloc(v->n ? v->n : 1, sizeof *s.count, err);
    table = st_calloc(cap, sizeof *table, err);
    if (!s.count || !table) {
        free(s.count);
        free(table);
        return -1;
    }
    st_ngrams_foreach(&m->features, text, len, pad, count_gram, &s);
    for (size_t start = 0; start < len;) {
        size_t end = start;
        while (end < len && text[end] != 0x20)
            end++;
        if (end > start) {
            s.sum = 0;
            st_ngrams_foreach(&m->features, text + start, end - start, pad, push_gram, &s);
            add_push(table, cap, text + start, end - start, s.sum);
        }
        start = end + 1;
    }
    keep_strongest(table, cap, nmax, r);
    free(s.count);
    free(table);
    return 0;
}
