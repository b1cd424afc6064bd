#include "train/lexicon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A word needs two sentences before its co-occurrences say anything: with
 * one, every word of the line's translation ties for Dice 2 / (1 + c(e)). */
#define MIN_SENTENCES 2

/* One candidate translation, before the best of each source are kept. */
typedef struct candidate {
    uint32_t source, target;
    float dice, sign;
} candidate;

typedef struct candidates {
    candidate *c;
    size_t n, cap;
} candidates;

/* What every language is compared with: the pivot's word buckets per line
 * and the number of its sentences each bucket occurs in. */
typedef struct pivot_side {
    st_sparse *words;     /* nlines */
    uint32_t *df;         /* 2^hash_bits */
} pivot_side;

static void free_lines(st_sparse *words, size_t n)
{
    for (size_t i = 0; words && i < n; i++)
        st_sparse_free(&words[i]);
    free(words);
}

/* The word-unigram buckets of every sentence of one language, counted
 * into df (one per sentence). */
static st_sparse *language_words(st_extractor *ex, const st_parallel *p,
                                 size_t lang, uint32_t *df, st_error *err)
{
    st_sparse *words = st_calloc(p->nlines, sizeof *words, err);

    if (!words)
        return NULL;
    for (size_t i = 0; i < p->nlines; i++) {
        size_t len;
        const char *s = st_parallel_sentence(p, i, lang, &len);
        if (st_extract_counts(ex, s, len, &words[i], NULL, err) < 0) {
            free_lines(words, p->nlines);
            return NULL;
        }
        for (size_t t = 0; t < words[i].n; t++)
            df[words[i].index[t]]++;
    }
    return words;
}

static int by_key(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The sign each bucket's words carry (signed hashing), read off the
 * counts: a word's count has its hash's sign. */
static void note_signs(const st_sparse *words, size_t n, const uint32_t *pivot_df,
                       int8_t *sign)
{
    for (size_t i = 0; i < n; i++)
        for (size_t t = 0; t < words[i].n; t++) {
            uint32_t b = words[i].index[t];
            if (!pivot_df || pivot_df[b] == 0)   /* a pivot word keeps its sign */
                sign[b] = words[i].value[t] < 0 ? -1 : 1;
        }
}

/* Every (source word, pivot word) pair of the same line, as source << 32 |
 * target, for the sources worth mapping. */
static int line_pairs(const st_sparse *src, const st_sparse *piv,
                      const uint32_t *df, const pivot_side *pv,
                      uint64_t **pairs, size_t *n, size_t *cap, st_error *err)
{
    for (size_t s = 0; s < src->n; s++) {
        uint32_t u = src->index[s];
        if (df[u] < MIN_SENTENCES || pv->df[u] > 0)
            continue;
        if (st_reserve(pairs, cap, *n + piv->n, sizeof **pairs, err) < 0)
            return -1;
        for (size_t t = 0; t < piv->n; t++)
            if (pv->df[piv->index[t]] >= MIN_SENTENCES)
                (*pairs)[(*n)++] = (uint64_t)u << 32 | piv->index[t];
    }
    return 0;
}

/* Keeps the best targets of one source from its sorted run of pairs. */
static int best_targets(const uint64_t *run, size_t len, const uint32_t *df,
                        const pivot_side *pv, const int8_t *sign,
                        candidates *out, st_error *err)
{
    uint32_t u = (uint32_t)(run[0] >> 32);
    candidate best[ST_LEXICON_TARGETS];
    int kept = 0;

    for (size_t a = 0, b; a < len; a = b) {
        for (b = a; b < len && run[b] == run[a]; b++)
            ;
        uint32_t e = (uint32_t)run[a];
        float dice = 2.0f * (float)(b - a) / (float)(df[u] + pv->df[e]);
        if (b - a < MIN_SENTENCES || dice < ST_LEXICON_MIN_DICE)
            continue;
        int at = kept < ST_LEXICON_TARGETS ? kept++ : ST_LEXICON_TARGETS;
        while (at > 0 && best[at - 1].dice < dice) {
            if (at < ST_LEXICON_TARGETS)
                best[at] = best[at - 1];
            at--;
        }
        if (at < ST_LEXICON_TARGETS)
            best[at] = (candidate){ u, e, dice, (float)(sign[u] * sign[e]) };
    }
    for (int k = 0; k < kept; k++) {
        if (best[k].dice < ST_LEXICON_RUNNER_UP * best[0].dice)
            break;
        if (st_reserve(&out->c, &out->cap, out->n + 1, sizeof *out->c, err) < 0)
            return -1;
        out->c[out->n++] = best[k];
    }
    return 0;
}

/* Every English word of two sentences or more is its own concept. */
static int pivot_concepts(const pivot_side *pv, size_t buckets, candidates *out,
                          st_error *err)
{
    for (size_t b = 0; b < buckets; b++) {
        if (pv->df[b] < MIN_SENTENCES)
            continue;
        if (st_reserve(&out->c, &out->cap, out->n + 1, sizeof *out->c, err) < 0)
            return -1;
        out->c[out->n++] = (candidate){ (uint32_t)b, (uint32_t)b, 1.0f, 1.0f };
    }
    return 0;
}

/* The candidates of one language against the pivot. */
static int language_candidates(st_extractor *ex, const st_parallel *p,
                               size_t lang, const pivot_side *pv, uint32_t *df,
                               int8_t *sign, candidates *out, st_error *err)
{
    st_sparse *words = language_words(ex, p, lang, df, err);
    uint64_t *pairs = NULL;
    size_t n = 0, cap = 0;
    int rc = -1;

    if (!words)
        return -1;
    note_signs(words, p->nlines, pv->df, sign);
    for (size_t i = 0; i < p->nlines; i++)
        if (line_pairs(&words[i], &pv->words[i], df, pv, &pairs, &n, &cap, err) < 0)
            goto done;
    qsort(pairs, n, sizeof *pairs, by_key);
    for (size_t a = 0, b; a < n; a = b) {
        for (b = a; b < n && pairs[b] >> 32 == pairs[a] >> 32; b++)
            ;
        if (best_targets(pairs + a, b - a, df, pv, sign, out, err) < 0)
            goto done;
    }
    rc = 0;
done:
    /* df is shared by the languages: clear what this one counted. */
    for (size_t i = 0; i < p->nlines; i++)
        for (size_t t = 0; t < words[i].n; t++)
            df[words[i].index[t]] = 0;
    free_lines(words, p->nlines);
    free(pairs);
    return rc;
}

/* By source, then best first. */
static int by_source(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->source != y->source)
        return x->source < y->source ? -1 : 1;
    if (x->dice != y->dice)
        return x->dice > y->dice ? -1 : 1;
    return (x->target > y->target) - (x->target < y->target);
}

/* The table: for each source bucket met in several languages (hash
 * collisions, or a word two languages share), its best targets overall. */
static int build_table(st_lexicon *lx, candidates *cs, size_t buckets,
                       st_error *err)
{
    qsort(cs->c, cs->n, sizeof *cs->c, by_source);
    lx->start = st_calloc(buckets + 1, sizeof *lx->start, err);
    lx->target = lx->start ? st_malloc((cs->n ? cs->n : 1) * sizeof *lx->target, err)
                           : NULL;
    lx->share = lx->target ? st_malloc((cs->n ? cs->n : 1) * sizeof *lx->share, err)
                           : NULL;
    if (!lx->share)
        return -1;
    for (size_t a = 0, b; a < cs->n; a = b) {
        uint32_t u = cs->c[a].source;
        int kept = 0;
        for (b = a; b < cs->n && cs->c[b].source == u; b++) {
            int seen = 0;
            for (int k = 0; k < kept; k++)
                seen |= lx->target[lx->entries - kept + k] == cs->c[b].target;
            if (seen || kept == ST_LEXICON_TARGETS)
                continue;
            lx->target[lx->entries] = cs->c[b].target;
            lx->share[lx->entries++] = cs->c[b].dice * cs->c[b].sign;
            kept++;
        }
        lx->start[u + 1] = (uint32_t)kept;
        lx->sources++;
    }
    for (size_t b = 0; b < buckets; b++)
        lx->start[b + 1] += lx->start[b];
    return 0;
}

int st_lexicon_learn(st_lexicon *lx, const st_parallel *p,
                     const st_feature_config *cfg, double weight,
                     st_error *err)
{
    size_t buckets = (size_t)1 << cfg->hash_bits, pivot = 0;
    st_feature_config words_only = *cfg;
    st_extractor *ex = NULL;
    pivot_side pv = { 0 };
    candidates cs = { 0 };
    uint32_t *df = NULL;
    int8_t *sign = NULL;
    int rc = -1;

    memset(lx, 0, sizeof *lx);
    if (cfg->word_max < 1)
        return st_fail(err, "a lexicon maps words onto words: the features "
                       "need word n-grams (--set word=1 or 2)");
    if (st_parallel_find_english(p, &pivot, err) < 0)
        return -1;
    words_only.char_min = words_only.char_max = 0;
    words_only.word_max = 1;
    if (!(ex = st_extractor_new(&words_only, err)) ||
        !(pv.df = st_calloc(buckets, sizeof *pv.df, err)) ||
        !(df = st_calloc(buckets, sizeof *df, err)) ||
        !(sign = st_calloc(buckets, sizeof *sign, err)) ||
        !(pv.words = language_words(ex, p, pivot, pv.df, err)))
        goto done;
    note_signs(pv.words, p->nlines, NULL, sign);
    if (pivot_concepts(&pv, buckets, &cs, err) < 0)
        goto done;
    for (size_t l = 0; l < p->nlang; l++)
        if (l != pivot &&
            language_candidates(ex, p, l, &pv, df, sign, &cs, err) < 0)
            goto done;
    if (build_table(lx, &cs, buckets, err) < 0)
        goto done;
    lx->hash_bits = cfg->hash_bits;
    lx->weight = weight;
    lx->sentences = p->nlines;
    lx->languages = p->nlang;
    snprintf(lx->pivot, sizeof lx->pivot, "%s", p->lang[pivot]);
    rc = 0;
done:
    if (rc < 0)
        st_lexicon_free(lx);
    free_lines(pv.words, p->nlines);
    free(pv.df);
    free(df);
    free(sign);
    free(cs.c);
    st_extractor_free(ex);
    return rc;
}

typedef struct entry {
    uint32_t index;
    float value;
} entry;

static int by_index(const void *a, const void *b)
{
    uint32_t x = ((const entry *)a)->index, y = ((const entry *)b)->index;
    return (x > y) - (x < y);
}

size_t st_lexicon_map_bound(const st_lexicon *lx, const st_sparse *v)
{
    size_t n = 0;
    for (size_t t = 0; t < v->n; t++)
        n += lx->start[v->index[t] + 1] - lx->start[v->index[t]];
    return n;
}

int st_lexicon_map(const st_lexicon *lx, const st_sparse *v, st_sparse *out,
                   st_error *err)
{
    size_t n = st_lexicon_map_bound(lx, v);
    entry *e;

    out->n = 0;
    if (n == 0)
        return 0;
    if (!(e = st_malloc(n * sizeof *e, err)))
        return -1;
    n = 0;
    for (size_t t = 0; t < v->n; t++) {
        uint32_t b = v->index[t];
        for (uint32_t k = lx->start[b]; k < lx->start[b + 1]; k++)
            e[n++] = (entry){ lx->target[k],
                              (float)(lx->weight * lx->share[k]) * v->value[t] };
    }
    qsort(e, n, sizeof *e, by_index);
    if (st_sparse_reserve(out, n, err) < 0) {
        free(e);
        return -1;
    }
    for (size_t a = 0, b; a < n; a = b) {
        float sum = 0;
        for (b = a; b < n && e[b].index == e[a].index; b++)
            sum += e[b].value;
        if (sum != 0) {
            out->index[out->n] = e[a].index;
            out->value[out->n++] = sum;
        }
    }
    free(e);
    return 0;
}

void st_lexicon_fold(const st_lexicon *lx, const float *u, float *w)
{
    size_t buckets = (size_t)1 << lx->hash_bits;

    for (size_t b = 0; b < buckets; b++) {
        double sum = 0;
        for (uint32_t k = lx->start[b]; k < lx->start[b + 1]; k++)
            sum += (double)lx->share[k] * u[lx->target[k]];
        w[b] += (float)(lx->weight * sum);
    }
}

void st_lexicon_free(st_lexicon *lx)
{
    free(lx->start);
    free(lx->target);
    free(lx->share);
    memset(lx, 0, sizeof *lx);
}
