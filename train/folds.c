#include "train/folds.h"

#include <stdlib.h>
#include <string.h>

uint64_t st_random_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

typedef struct keyed {
    const char *lang;
    int y;
    uint64_t shuffle;  /* random key: sorting by it shuffles the stratum */
    size_t index;
} keyed;

static int compare_keyed(const void *pa, const void *pb)
{
    const keyed *a = pa, *b = pb;
    int c;
    if (a->y != b->y)
        return a->y < b->y ? -1 : 1;
    c = strcmp(a->lang ? a->lang : "", b->lang ? b->lang : "");
    if (c)
        return c;
    if (a->shuffle != b->shuffle)
        return a->shuffle < b->shuffle ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

int st_folds_assign(const st_dataset *d, int k, uint64_t seed, int *fold,
                    st_error *err)
{
    keyed *order = st_malloc(d->n * sizeof *order, err);
    uint64_t state = seed;
    size_t m = 0;

    if (!order)
        return -1;
    for (size_t i = 0; i < d->n; i++) {
        fold[i] = -1;
        if (d->y[i] < 0)
            continue;
        order[m++] = (keyed){ d->lang[i], d->y[i], st_random_next(&state), i };
    }
    qsort(order, m, sizeof *order, compare_keyed);
    /* Start each stratum where the last one stopped, so that the small
     * strata do not all pile their extra record into fold 0. */
    for (size_t t = 0; t < m; t++)
        fold[order[t].index] = (int)(t % (size_t)k);
    free(order);
    return 0;
}
