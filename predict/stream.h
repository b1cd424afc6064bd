/*
 * The streaming loop under `stance predict` and `stance eval` (and the
 * library's evaluation): an input read in bounded batches, each batch
 * scored, its ill-formed UTF-8 reported, and handed to a sink in input
 * order.  Memory stays that of one batch whatever the input's size.
 */
#ifndef STANCE_STREAM_H
#define STANCE_STREAM_H

#include "predict/batch.h"

typedef struct st_stream {
    st_batch_source *src;   /* the input, open */
    st_scorer *scorer;
    size_t batch_size;      /* records per batch, >= 1 */
    /* Called with each scored batch; a negative return (with err) stops
     * the stream. */
    int (*sink)(void *ctx, const st_batch *b, st_error *err);
    void *sink_ctx;
    /* Optional: called after each batch with the records read so far and
     * the reader's byte count, and once more at the end. */
    void (*progress)(void *ctx, size_t records, unsigned long long bytes);
    void *progress_ctx;
} st_stream;

/* Runs s to the end of its input.  Returns 0, or -1 with err: a bad
 * record (without skip_bad), an I/O or scoring error, or the sink's. */
int st_stream_run(const st_stream *s, st_error *err);

#endif
