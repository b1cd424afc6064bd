#include "train/folds.h"

#include <stdlib.h>
#include <string.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

typedef struct keyed {
    const char *lang;
    int y;
    uint64_t shuffle;  /* random key: sorting by it shuffles the stratum */
    const char *id;
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
    c = strcmp(a->id, b->id);
    if (c)
        return c;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* The shuffle key of a record: a seeded hash of its id, so that copies of
 * one record (an input given twice to weigh it double) get the same key. */
static uint64_t shuffle_key(const char *id, uint64_t seed)
{
    return XXH3_64bits_withSeed(id, strlen(id), seed);
}

/* Equal ids have equal shuffle keys, so only id, label and language are
 * compared. */
static int same_record(const keyed *a, const keyed *b)
{
    return a->y == b->y && !strcmp(a->id, b->id) &&
           !strcmp(a->lang ? a->lang : "", b->lang ? b->lang : "");
}

int st_folds_assign(const st_dataset *d, int k, uint64_t seed, int *fold,
                    st_error *err)
{
    keyed *order = st_malloc(d->n * sizeof *order, err);
    size_t m = 0;

    if (!order)
        return -1;
    for (size_t i = 0; i < d->n; i++) {
        fold[i] = -1;
        if (d->y[i] < 0)
            continue;
        order[m++] = (keyed){ d->lang[i], d->y[i], shuffle_key(d->id[i], seed),
                              d->id[i], i };
    }
    qsort(order, m, sizeof *order, compare_keyed);
    /* Start each stratum where the last one stopped, so that the small
     * strata do not all pile their extra record into fold 0.  Copies of a
     * record (same id, label and language) sort next to each other and
     * share its fold. */
    for (size_t t = 0, dealt = 0; t < m; t++) {
        if (t > 0 && same_record(&order[t - 1], &order[t])) {
            fold[order[t].index] = fold[order[t - 1].index];
            continue;
        }
        fold[order[t].index] = (int)(dealt++ % (size_t)k);
    }
    free(order);
    return 0;
}
