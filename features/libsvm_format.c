#include "features/libsvm_format.h"

int st_write_libsvm_line(FILE *out, int label, const st_sparse *v)
{
    fprintf(out, "%d", label);
    for (size_t i = 0; i < v->n; i++)
        fprintf(out, " %u:%.9g", v->index[i] + 1, (double)v->value[i]);
    return fputc('\n', out) == EOF || ferror(out) ? -1 : 0;
}
