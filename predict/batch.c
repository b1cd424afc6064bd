/* Scoring batches of records, and explaining the scores. */
#include "predict/batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/parallel.h"
#include "features/ngrams.h"
#include "features/utf8.h"
#include "predict/explain_words.h"
#include "svm/linear_table.h"

/* ---- scoring ---------------------------------------------------------- */

struct st_scorer {
    const st_model *m;
    st_linear_table table;  /* linear, several pairs: idf and weights by bucket */
    int threads, explain, by_word;
    int gate;             /* apply the model's mention gate */
    st_normalizer *norm;  /* per worker, for the gate */
    st_extractor **x;
    st_sparse *vec;
    double **dec;         /* per worker: one decision value per pair */
    int32_t **pad;
    size_t *pad_cap;
    st_batch *batch;
};

st_scorer *st_scorer_new(const st_model *m, int threads, int explain,
                         st_error *err)
{
    st_scorer *s;

    if (explain && m->kernel != ST_KERNEL_LINEAR) {
        st_fail(err, "explanations need a linear model (this one is rbf)");
        return NULL;
    }
    if (explain > ST_EXPLAIN_MAX) {
        st_fail(err, "at most %d n-grams can be explained", ST_EXPLAIN_MAX);
        return NULL;
    }
    s = st_calloc(1, sizeof *s, err);
    if (!s)
        return NULL;
    s->m = m;
    s->threads = threads < 1 ? 1 : threads;
    s->explain = explain;
    s->gate = m->mentions != NULL;
    s->norm = st_calloc((size_t)s->threads, sizeof *s->norm, err);
    s->x = st_calloc((size_t)s->threads, sizeof *s->x, err);
    s->vec = st_calloc((size_t)s->threads, sizeof *s->vec, err);
    s->dec = st_calloc((size_t)s->threads, sizeof *s->dec, err);
    s->pad = st_calloc((size_t)s->threads, sizeof *s->pad, err);
    s->pad_cap = st_calloc((size_t)s->threads, sizeof *s->pad_cap, err);
    if (!s->norm || !s->x || !s->vec || !s->dec || !s->pad || !s->pad_cap) {
        st_scorer_free(s);
        return NULL;
    }
    /* With one pair, prefetching the two arrays' rows (st_weigh,
     * st_model_decisions) measured as fast as the table, which would only
     * add its memory. */
    if (m->kernel == ST_KERNEL_LINEAR && m->npairs > 1 &&
        st_linear_table_build(&s->table, m, err) < 0) {
        st_scorer_free(s);
        return NULL;
    }
    for (int t = 0; t < s->threads; t++) {
        if (!(s->x[t] = st_extractor_new(&m->features, err)) ||
            !(s->dec[t] = st_calloc((size_t)m->npairs, sizeof **s->dec, err))) {
            st_scorer_free(s);
            return NULL;
        }
    }
    return s;
}

void st_scorer_explain_by_word(st_scorer *s, int on)
{
    s->by_word = on;
}

void st_scorer_use_gate(st_scorer *s, int on)
{
    s->gate = on && s->m->mentions != NULL;
}

void st_scorer_free(st_scorer *s)
{
    if (!s)
        return;
    for (int t = 0; t < s->threads; t++) {
        if (s->x)
            st_extractor_free(s->x[t]);
        if (s->vec)
            st_sparse_free(&s->vec[t]);
        if (s->dec)
            free(s->dec[t]);
        if (s->pad)
            free(s->pad[t]);
        if (s->norm)
            st_normalizer_free(&s->norm[t]);
    }
    free(s->norm);
    free(s->x);
    free(s->vec);
    free(s->dec);
    free(s->pad);
    free(s->pad_cap);
    st_linear_table_free(&s->table);
    free(s);
}

/* The pair that explains the prediction and its orientation (+1 when a
 * positive decision value means the predicted label). */
static int deciding_pair(const st_model *m, const st_result *r, int *sign)
{
    int k = m->labels.n, other = -1;
    for (int c = 0; c < k; c++)
        if (c != r->predicted && (other < 0 || r->prob[c] > r->prob[other]))
            other = c;
    *sign = r->predicted < other ? 1 : -1;
    return r->predicted < other ? st_pair_index(k, r->predicted, other)
                                : st_pair_index(k, other, r->predicted);
}

/* ---- explanation ------------------------------------------------------ */

typedef struct explainer {
    st_result *r;
    const st_feature_config *cfg;
    uint32_t bucket[ST_EXPLAIN_MAX];
    int named[ST_EXPLAIN_MAX];
} explainer;

static void gram_text(char *out, size_t size, st_gram_kind kind,
                      const int32_t *gram, size_t len, const int32_t *first,
                      size_t first_len)
{
    size_t o = 0;
    if (kind != ST_GRAM_CHAR)
        out[o++] = '[';
    for (size_t part = 0; part < 2; part++) {
        const int32_t *cp = part == 0 ? first : gram;
        size_t n = part == 0 ? first_len : len;
        if (part == 0 && !first)
            continue;
        for (size_t i = 0; i < n && o + 6 < size; i++) {
            int32_t c = cp[i] == ST_WORD_BEGIN ? '<' : cp[i] == ST_WORD_END ? '>' : cp[i];
            o += st_utf8_encode(out + o, c);
        }
        if (part == 0 && o + 6 < size)
            out[o++] = ' ';
    }
    if (kind != ST_GRAM_CHAR && o + 2 < size)
        out[o++] = ']';
    out[o] = '\0';
}

static void name_gram(void *ctx, st_gram_kind kind, const int32_t *gram,
                      size_t len, const int32_t *first, size_t first_len,
                      uint64_t hash)
{
    explainer *e = ctx;
    uint32_t b = st_gram_bucket(hash, e->cfg);
    /* A lead bucket (the lead view) holds the same n-grams as its even
     * twin, counted again for being in the lead. */
    uint32_t lead_bit = e->cfg->lead_chars > 0 ? ST_LEAD_BUCKET : 0;
    for (int t = 0; t < e->r->nexplained; t++) {
        if ((e->bucket[t] & ~lead_bit) == b && !e->named[t]) {
            char *text = e->r->explained[t].text;
            size_t size = sizeof e->r->explained[t].text, used;
            gram_text(text, size, kind, gram, len, first, first_len);
            used = strlen(text);
            if ((e->bucket[t] & lead_bit) && used + 8 < size)
                memcpy(text + used, " (lead)", 8);
            e->named[t] = 1;
        }
    }
}

static int explain(st_scorer *s, int worker, st_result *r, st_error *err)
{
    const st_model *m = s->m;
    const st_sparse *v = &s->vec[worker];
    int sign, pair = deciding_pair(m, r, &sign);
    const float *w = m->w + (size_t)pair * st_model_buckets(m);
    explainer e = { .r = r, .cfg = &m->features };
    size_t len;
    const int32_t *text = st_extractor_text(s->x[worker], &len);

    if (s->by_word) {
        if (st_reserve(&s->pad[worker], &s->pad_cap[worker], len + 2,
                       sizeof **s->pad, err) < 0)
            return -1;
        return st_explain_words(m, v, w, sign, text, len, s->pad[worker], s->explain,
                                r, err);
    }

    /* Keep the strongest `explain` positive pushes, by insertion. */
    r->nexplained = 0;
    for (size_t t = 0; t < v->n; t++) {
        double c = sign * (double)v->value[t] * w[v->index[t]];
        int pos = r->nexplained;
        if (c <= 0 || (pos == s->explain && c <= r->explained[pos - 1].weight))
            continue;
        if (pos == s->explain)
            pos--;
        while (pos > 0 && r->explained[pos - 1].weight < c) {
            r->explained[pos] = r->explained[pos - 1];
            e.bucket[pos] = e.bucket[pos - 1];
            pos--;
        }
        r->explained[pos].weight = c;
        r->explained[pos].text[0] = '\0';
        e.bucket[pos] = v->index[t];
        if (r->nexplained < s->explain)
            r->nexplained++;
    }
    if (st_reserve(&s->pad[worker], &s->pad_cap[worker], len + 2,
                   sizeof **s->pad, err) < 0)
        return -1;
    st_ngrams_foreach(&m->features, text, len, s->pad[worker], name_gram, &e);
    return 0;
}

static int score_job(void *ctx, size_t i, int worker, st_error *err)
{
    st_scorer *s = ctx;
    const st_model *m = s->m;
    st_item *it = &s->batch->items[i];
    st_result *r = &it->result;
    double *dec = s->dec[worker];
    st_text_stats stats;
    int sign, pair;

    if (st_extract_counts(s->x[worker], it->body, it->body_len,
                          &s->vec[worker], &stats, err) < 0)
        return -1;
    it->invalid_bytes += stats.invalid_bytes;
    if (s->table.row) {
        st_linear_table_decisions(&s->table, m, &s->vec[worker], dec);
    } else {
        st_weigh(&m->features, m->idf, &s->vec[worker]);
        st_model_decisions(m, &s->vec[worker], dec);
    }
    /* The label is the most probable one, so that it never contradicts
     * the probabilities printed beside it (the one-vs-one vote can, on
     * close calls between three or more labels). */
    r->predicted = st_model_probabilities(m, dec, r->prob);
    r->off_topic = 0;
    if (s->gate) {
        int named = st_mentions_find_extracted(m->mentions, s->x[worker], &stats,
                                               &s->norm[worker], it->body,
                                               it->body_len, err);
        if (named < 0)
            return -1;
        if (!named) {
            r->predicted = st_model_off_topic(m, r->prob);
            r->off_topic = 1;
        }
    }
    pair = deciding_pair(m, r, &sign);
    r->score = m->labels.n == 2 ? dec[0] : sign * dec[pair];
    return s->explain ? explain(s, worker, r, err) : 0;
}

void st_result_free(st_result *r)
{
    free(r->prob);
    free(r->explained);
    memset(r, 0, sizeof *r);
}

/* Sizes the result's arrays for the scorer's model, before the workers
 * fill them (so that a failed allocation stops the run in input order). */
static int reserve_result(const st_scorer *s, st_result *r, st_error *err)
{
    int k = s->m->labels.n;
    if (r->prob_cap < k) {
        double *grown = st_realloc(r->prob, (size_t)k * sizeof *grown, err);
        if (!grown)
            return -1;
        r->prob = grown;
        r->prob_cap = k;
    }
    if (r->explained_cap < s->explain) {
        st_explained *grown =
            st_realloc(r->explained, (size_t)s->explain * sizeof *grown, err);
        if (!grown)
            return -1;
        r->explained = grown;
        r->explained_cap = s->explain;
    }
    r->nexplained = 0;
    return 0;
}

int st_scorer_run(st_scorer *s, st_batch *b, st_error *err)
{
    for (size_t i = 0; i < b->n; i++)
        if (reserve_result(s, &b->items[i].result, err) < 0)
            return -1;
    s->batch = b;
    return st_parallel_for(b->n, s->threads, score_job, NULL, s, err);
}
