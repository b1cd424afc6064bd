/* The streaming loop (see stream.h). */
#include "predict/stream.h"

int st_stream_run(const st_stream *s, st_error *err)
{
    st_batch batch = { 0 };
    size_t read = 0;
    long n;
    int rc = 0;

    while ((n = st_batch_read(&batch, s->src, s->batch_size, err)) > 0) {
        if (st_scorer_run(s->scorer, &batch, err) < 0) {
            rc = -1;
            break;
        }
        st_batch_warn_invalid_utf8(&batch, s->src);
        if (s->sink(s->sink_ctx, &batch, err) < 0) {
            rc = -1;
            break;
        }
        read += batch.n;
        if (s->progress)
            s->progress(s->progress_ctx, read, st_reader_bytes_read(s->src->reader));
    }
    if (n < 0)
        rc = -1;
    if (s->progress)
        s->progress(s->progress_ctx, read, st_reader_bytes_read(s->src->reader));
    st_batch_free(&batch);
    return rc;
}
