#include "trend/trend.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

/* One (group, period): counts, the sum of values, and per replicate the
 * Poisson-weighted sum of values and of weights. */
typedef struct cell {
    char *group;
    long period;
    size_t articles;
    double sum;
    size_t *per_label;      /* nlabels */
    double *boot_sum;       /* replicates */
    uint32_t *boot_weight;  /* replicates */
    struct cell *next;      /* hash chain */
} cell;

struct st_trend {
    st_trend_options opt;
    cell **buckets;
    size_t nbuckets, ncells;
    st_trend_row *rows;
    size_t nrows;
    char **groups;          /* distinct group names, sorted */
    size_t ngroups;
};

st_trend *st_trend_new(const st_trend_options *options, st_error *err)
{
    st_trend *t;
    if (options->nlabels < 1 || options->replicates < 0 ||
        !(options->level > 0 && options->level < 1)) {
        st_fail(err, "trend: bad options");
        return NULL;
    }
    if (!(t = st_calloc(1, sizeof *t, err)))
        return NULL;
    t->opt = *options;
    t->nbuckets = 1024;
    if (!(t->buckets = st_calloc(t->nbuckets, sizeof *t->buckets, err))) {
        free(t);
        return NULL;
    }
    return t;
}

static void free_cell(cell *c)
{
    free(c->group);
    free(c->per_label);
    free(c->boot_sum);
    free(c->boot_weight);
    free(c);
}

void st_trend_free(st_trend *t)
{
    if (!t)
        return;
    for (size_t b = 0; b < t->nbuckets; b++)
        for (cell *c = t->buckets[b], *next; c; c = next) {
            next = c->next;
            free_cell(c);
        }
    free(t->rows);
    free(t->groups);
    free(t->buckets);
    free(t);
}

size_t st_trend_cell_bytes(const st_trend_options *o)
{
    return sizeof(cell) + (size_t)o->nlabels * sizeof(size_t) +
           (size_t)o->replicates * (sizeof(double) + sizeof(uint32_t));
}

static size_t cell_hash(const char *group, long period)
{
    return (size_t)XXH3_64bits_withSeed(group, strlen(group), (uint64_t)period);
}

/* Doubles the table when it is as full as it has buckets. */
static int grow(st_trend *t, st_error *err)
{
    size_t n = t->nbuckets * 2;
    cell **buckets = st_calloc(n, sizeof *buckets, err);
    if (!buckets)
        return -1;
    for (size_t b = 0; b < t->nbuckets; b++)
        for (cell *c = t->buckets[b], *next; c; c = next) {
            size_t h = cell_hash(c->group, c->period) & (n - 1);
            next = c->next;
            c->next = buckets[h];
            buckets[h] = c;
        }
    free(t->buckets);
    t->buckets = buckets;
    t->nbuckets = n;
    return 0;
}

static cell *find_cell(st_trend *t, const char *group, long period, st_error *err)
{
    size_t h = cell_hash(group, period) & (t->nbuckets - 1);
    cell *c;
    for (c = t->buckets[h]; c; c = c->next)
        if (c->period == period && !strcmp(c->group, group))
            return c;
    if (t->ncells >= t->nbuckets) {
        if (grow(t, err) < 0)
            return NULL;
        h = cell_hash(group, period) & (t->nbuckets - 1);
    }
    if (!(c = st_calloc(1, sizeof *c, err)))
        return NULL;
    c->period = period;
    c->group = strdup(group);
    c->per_label = calloc((size_t)t->opt.nlabels, sizeof *c->per_label);
    c->boot_sum = calloc((size_t)t->opt.replicates + 1, sizeof *c->boot_sum);
    c->boot_weight = calloc((size_t)t->opt.replicates + 1, sizeof *c->boot_weight);
    if (!c->group || !c->per_label || !c->boot_sum || !c->boot_weight) {
        free_cell(c);
        st_fail(err, "out of memory (%zu groups and periods so far)", t->ncells);
        return NULL;
    }
    c->next = t->buckets[h];
    t->buckets[h] = c;
    t->ncells++;
    return c;
}

/* SplitMix64: a counter-based generator, one 64-bit output per step. */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/* A Poisson(1) draw by inversion: P(K <= k) for k = 0..9, scaled to
 * 2^32.  The tail beyond 9 (probability 1e-7) is folded into 10. */
static uint32_t poisson1(uint64_t bits)
{
    static const uint32_t cdf[] = {
        1580030168u, 3160060337u, 3950075421u, 4213413783u, 4279248373u,
        4292415291u, 4294609777u, 4294923276u, 4294962463u, 4294966817u
    };
    uint32_t u = (uint32_t)(bits >> 32);
    uint32_t k = 0;
    while (k < 10 && u >= cdf[k])
        k++;
    return k;
}

int st_trend_add(st_trend *t, const char *group, long period, double value,
                 int label, uint64_t ordinal, st_error *err)
{
    cell *c = find_cell(t, group, period, err);
    uint64_t state;
    if (!c)
        return -1;
    c->articles++;
    c->sum += value;
    if (label >= 0 && label < t->opt.nlabels)
        c->per_label[label]++;
    state = t->opt.seed ^ (ordinal * 0xD1B54A32D192ED03ULL);
    for (int r = 0; r < t->opt.replicates; r++) {
        uint32_t w = poisson1(splitmix64(&state));
        c->boot_weight[r] += w;
        c->boot_sum[r] += w * value;
    }
    return 0;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The q-quantile of sorted v[0..n), interpolating between order
 * statistics (Hyndman and Fan's type 7, R's default). */
static double quantile(const double *v, size_t n, double q)
{
    double h = (double)(n - 1) * q;
    size_t lo = (size_t)floor(h);
    size_t hi = lo + 1 < n ? lo + 1 : lo;
    return v[lo] + (h - (double)lo) * (v[hi] - v[lo]);
}

/* Fills the row of a non-empty cell.  Replicates in which no article was
 * drawn (likely only for tiny groups) have no mean and are left out; one
 * article says nothing about spread, so it gets no interval. */
static void summarise(const st_trend *t, const cell *c, double *scratch,
                      st_trend_row *row)
{
    size_t n = 0;
    row->articles = c->articles;
    row->per_label = c->per_label;
    row->index = c->sum / (double)c->articles;
    row->low = row->high = NAN;
    for (int r = 0; r < t->opt.replicates; r++)
        if (c->boot_weight[r])
            scratch[n++] = c->boot_sum[r] / c->boot_weight[r];
    if (n < 2 || c->articles < 2)
        return;
    qsort(scratch, n, sizeof *scratch, compare_double);
    row->low = quantile(scratch, n, (1 - t->opt.level) / 2);
    row->high = quantile(scratch, n, 1 - (1 - t->opt.level) / 2);
}

static int compare_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The distinct group names, sorted, and the range of periods. */
static int collect_groups(st_trend *t, long *first, long *last, st_error *err)
{
    size_t n = 0;
    char **names = st_calloc(t->ncells ? t->ncells : 1, sizeof *names, err);
    if (!names)
        return -1;
    for (size_t b = 0; b < t->nbuckets; b++)
        for (cell *c = t->buckets[b]; c; c = c->next) {
            if (n == 0 || c->period < *first)
                *first = c->period;
            if (n == 0 || c->period > *last)
                *last = c->period;
            names[n++] = c->group;
        }
    qsort(names, n, sizeof *names, compare_string);
    t->ngroups = 0;
    for (size_t i = 0; i < n; i++)
        if (!t->ngroups || strcmp(names[i], names[t->ngroups - 1]))
            names[t->ngroups++] = names[i];
    t->groups = names;
    return 0;
}

long st_trend_rows(st_trend *t, const st_trend_row **rows, st_error *err)
{
    long first = 0, last = -1;
    double *scratch;
    if (t->rows) {
        *rows = t->rows;
        return (long)t->nrows;
    }
    if (collect_groups(t, &first, &last, err) < 0)
        return -1;
    if (!t->ngroups) {
        *rows = NULL;
        return 0;
    }
    /* One stray date (year 1, a Unix time of 0) would otherwise stretch
     * every group over centuries of empty rows. */
    if ((size_t)(last - first + 1) > ST_TREND_MAX_ROWS / t->ngroups)
        return st_fail(err, "the table would have %zu groups x %ld periods, more than "
                       "%d rows", t->ngroups, last - first + 1, ST_TREND_MAX_ROWS);
    t->nrows = t->ngroups * (size_t)(last - first + 1);
    scratch = st_malloc(((size_t)t->opt.replicates + 1) * sizeof *scratch, err);
    if (!scratch || !(t->rows = st_calloc(t->nrows, sizeof *t->rows, err))) {
        free(scratch);
        t->nrows = 0;
        return -1;
    }
    for (size_t g = 0, i = 0; g < t->ngroups; g++)
        for (long p = first; p <= last; p++, i++) {
            st_trend_row *row = &t->rows[i];
            cell *c;
            size_t h = cell_hash(t->groups[g], p) & (t->nbuckets - 1);
            row->group = t->groups[g];
            row->period = p;
            row->index = row->low = row->high = NAN;
            for (c = t->buckets[h]; c; c = c->next)
                if (c->period == p && !strcmp(c->group, t->groups[g]))
                    break;
            if (c)
                summarise(t, c, scratch, row);
        }
    free(scratch);
    *rows = t->rows;
    return (long)t->nrows;
}
