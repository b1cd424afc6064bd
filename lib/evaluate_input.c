/* The evaluation loop over one input (see evaluate_input.h). */
#include "lib/evaluate_input.h"

static int add_batch(st_evaluation *e, const st_model *m, const st_batch *b,
                     st_error *err)
{
    for (size_t i = 0; i < b->n; i++) {
        const st_item *it = &b->items[i];
        st_scored_record r = { it->id, it->lang, it->label, it->result.predicted, it->result.prob };
        if (st_evaluation_add(e, &r, err) < 0)
            return -1;
        st_evaluation_check_training(e, m, it->body, it->body_len);
    }
    return 0;
}

int st_evaluate_input(st_evaluation *e, const st_model *m, st_scorer *scorer,
                      st_batch_source *src,
                      void (*progress)(void *ctx, size_t records,
                                       unsigned long long bytes),
                      void *progress_ctx, st_error *err)
{
    st_batch batch = { 0 };
    size_t read = 0;
    long n;
    int rc = 0;

    while ((n = st_batch_read(&batch, src, 1024, err)) > 0) {
        if (st_scorer_run(scorer, &batch, err) < 0) {
            rc = -1;
            break;
        }
        st_batch_warn_invalid_utf8(&batch, src);
        if (add_batch(e, m, &batch, err) < 0) {
            rc = -1;
            break;
        }
        read += batch.n;
        if (progress)
            progress(progress_ctx, read, st_reader_bytes_read(src->reader));
    }
    if (n < 0)
        rc = -1;
    st_batch_free(&batch);
    return rc;
}
