/* The evaluation loop over one input (see evaluate_input.h): the
 * streaming loop with the evaluation as its sink. */
#include "lib/evaluate_input.h"

#include "predict/stream.h"

typedef struct evaluation_sink {
    st_evaluation *e;
    const st_model *m;
} evaluation_sink;

static int add_batch(void *ctx, const st_batch *b, st_error *err)
{
    evaluation_sink *sink = ctx;
    for (size_t i = 0; i < b->n; i++) {
        const st_item *it = &b->items[i];
        st_scored_record r = { it->id, it->lang, it->label, it->result.predicted,
                               it->result.prob, it->result.off_topic };
        if (st_evaluation_add(sink->e, &r, err) < 0)
            return -1;
        st_evaluation_check_training(sink->e, sink->m, it->body, it->body_len);
    }
    return 0;
}

int st_evaluate_input(st_evaluation *e, const st_model *m, st_scorer *scorer,
                      st_batch_source *src,
                      void (*progress)(void *ctx, size_t records,
                                       unsigned long long bytes),
                      void *progress_ctx, st_error *err)
{
    evaluation_sink sink = { e, m };
    st_stream s = { src, scorer, 1024, add_batch, &sink, progress, progress_ctx };
    return st_stream_run(&s, err);
}
