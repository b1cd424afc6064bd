#include "svm/linear_table.h"

#include <stdlib.h>

#include "common/huge_pages.h"

int st_linear_table_build(st_linear_table *t, const st_model *m, st_error *err)
{
    size_t buckets = st_model_buckets(m);

    t->row = NULL;
    t->stride = (size_t)m->npairs + 1;
    if (m->kernel != ST_KERNEL_LINEAR)
        return st_fail(err, "a scoring table needs a linear model");
    /* Every entry is written below, so no zeroing. */
    if (!(t->row = st_malloc_large(buckets, t->stride * sizeof *t->row, err)))
        return -1;
    for (size_t b = 0; b < buckets; b++) {
        float *row = t->row + b * t->stride;
        /* Without idf, 1: multiplying by it is exact, as st_weigh's
         * skipping the product is. */
        row[0] = m->features.idf && m->idf ? m->idf[b] : 1.0f;
        for (int p = 0; p < m->npairs; p++)
            row[1 + p] = m->w[(size_t)p * buckets + b];
    }
    return 0;
}

void st_linear_table_decisions(const st_linear_table *t, const st_model *m,
                               st_sparse *counts, double *dec)
{
    /* Weighing brings each bucket's row into the cache; scoring, right
     * after, finds it there.  Each pair still sums its products in
     * bucket order, as st_model_decisions does. */
    st_weigh_strided(&m->features, t->row, t->stride, counts);
    for (int p = 0; p < m->npairs; p++)
        dec[p] = 0;
    for (size_t i = 0; i < counts->n; i++) {
        const float *row = t->row + (size_t)counts->index[i] * t->stride;
        double x = counts->value[i];
        for (int p = 0; p < m->npairs; p++)
            dec[p] += x * row[1 + p];
    }
    for (int p = 0; p < m->npairs; p++)
        dec[p] -= m->rho[p];
}

void st_linear_table_free(st_linear_table *t)
{
    free(t->row);
    t->row = NULL;
}
