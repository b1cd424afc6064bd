#include "train/gram.h"

#include <stdlib.h>

int st_gram_linear(const st_sparse *x, size_t n, int hash_bits, double *G,
                   st_error *err)
{
    float *dense = st_calloc((size_t)1 << hash_bits, sizeof *dense, err);
    if (!dense)
        return -1;
    for (size_t i = 0; i < n; i++) {
        for (size_t t = 0; t < x[i].n; t++)
            dense[x[i].index[t]] = x[i].value[t];
        for (size_t j = 0; j <= i; j++) {
            double sum = 0;
            for (size_t t = 0; t < x[j].n; t++)
                sum += (double)x[j].value[t] * dense[x[j].index[t]];
            G[i * n + j] = G[j * n + i] = sum;
        }
        for (size_t t = 0; t < x[i].n; t++)
            dense[x[i].index[t]] = 0;
    }
    free(dense);
    return 0;
}
