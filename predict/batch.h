/*
 * Batch prediction: the engine under `stance predict` and `stance eval`.
 *
 * Records are read in bounded batches (so memory stays constant whatever
 * the input size), JSONL ones parsed in parallel (batch_read.c), scored in
 * parallel with one feature extractor per worker (batch.c), and handed
 * back in input order.  Scoring a record depends on
 * that record alone, so the output is the same at any thread count.
 */
#ifndef STANCE_BATCH_H
#define STANCE_BATCH_H

#include <jansson.h>
#include <stddef.h>

#include "corpus/reader.h"
#include "svm/model.h"

#define ST_EXPLAIN_MAX 64

/* One n-gram's push toward the predicted label. */
typedef struct st_explained {
    char text[96];   /* "<sanc", "[word]" or "[two words]" */
    double weight;   /* x_b * w_b, oriented toward the prediction */
} st_explained;

/* What scoring gives one record.  The arrays are sized by the model's
 * labels and by how many n-grams the scorer names, and are kept (with
 * their capacity) from batch to batch. */
typedef struct st_result {
    int predicted;          /* the most probable label */
    int off_topic;          /* the mention gate found neither country named */
    double *prob;           /* one per model label */
    double score;           /* see st_scorer_run */
    int nexplained;
    st_explained *explained;
    int prob_cap, explained_cap;
} st_result;

/* Frees the result's arrays. */
void st_result_free(st_result *r);

/* One record: the slot it is read into, and its result. */
typedef struct st_item {
    char *id, *lang, *label, *file;
    size_t line;
    char *body;
    size_t body_len;
    json_t *json;           /* jsonl input: the record, one reference owned */
    size_t invalid_bytes;
    /* Reading JSONL: the line as read, kept (with its capacity) from batch
     * to batch, and why it is bad when it is. */
    char *raw;
    size_t raw_len, raw_cap;
    int read_rc;            /* 1, ST_READ_BAD or ST_READ_FATAL */
    char *read_error;
    st_result result;       /* set by st_scorer_run */
} st_item;

typedef struct st_batch {
    st_item *items;
    size_t n, cap;
    st_jsonl_scratch *scratch;  /* one per parsing thread */
    size_t nscratch;
} st_batch;

typedef struct st_batch_source {
    st_reader *reader;
    int threads;            /* JSONL records are parsed on this many */
    int skip_bad;
    size_t bad;             /* records skipped so far */
    void (*warn)(void *ctx, const char *message);
    void *warn_ctx;
} st_batch_source;

/* Empties b and reads up to max records into it.  Returns the number read
 * (0 at the end of input) or -1: a bad record without skip_bad (err names
 * file and line), or an I/O error.  JSONL lines are read in turn but
 * parsed on src->threads threads; the records, the warnings about skipped
 * ones and the error that stops a run are the same for any count. */
long st_batch_read(st_batch *b, st_batch_source *src, size_t max, st_error *err);
void st_batch_free(st_batch *b);

/* Warns through src->warn about each item of a scored batch whose text
 * held ill-formed UTF-8 (replaced by U+FFFD: the record is still
 * labelled), the way training does.  The count is complete only once the
 * batch is scored, since plain-text records are checked while their
 * features are extracted. */
void st_batch_warn_invalid_utf8(const st_batch *b, const st_batch_source *src);

typedef struct st_scorer st_scorer;

/* explain: how many n-grams to name per record (0: none; linear models). */
st_scorer *st_scorer_new(const st_model *m, int threads, int explain,
                         st_error *err);
/* Fills the results of every item: predicted label (the most probable
 * one), calibrated class probabilities,
 * and score, which for two labels is the SVM decision value (positive for
 * the model's first label) and for more the decision value of the pair
 * (predicted, next most probable), oriented so that positive favours the
 * predicted label (Platt calibration can make it slightly negative in a
 * close call). */
int st_scorer_run(st_scorer *s, st_batch *b, st_error *err);
/* Explains by whole words (explain_words.h) instead of n-grams. */
void st_scorer_explain_by_word(st_scorer *s, int on);
/* Whether a model that carries a mention list applies it (on by default):
 * a text that names neither country gets st_model_off_topic's
 * probabilities, so its label is neutral, and result.off_topic set. */
void st_scorer_use_gate(st_scorer *s, int on);
void st_scorer_free(st_scorer *s);

#endif
