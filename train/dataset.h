/*
 * A labelled corpus in memory, as hashed n-gram counts.
 *
 * Counts rather than weighted vectors are kept so that IDF can be learned
 * from any subset (each cross-validation fold learns its own from its
 * training part, so no test document leaks into its weights) and applied
 * with st_weigh afterwards.
 */
#ifndef STANCE_DATASET_H
#define STANCE_DATASET_H

#include <stddef.h>

#include "corpus/labels.h"
#include "corpus/reader.h"
#include "features/extract.h"
#include "features/mentions.h"

typedef struct st_dataset {
    size_t n, cap;
    st_sparse *counts;
    int *y;          /* class number, -1 when the record has no label */
    char **id;
    char **lang;     /* NULL when the record has none */
    st_labels labels;
    /* XXH3-64 chained over every kept record's label, language, title and
     * text, in load order: equal for equal training sets. */
    uint64_t fingerprint;
    /* XXH3-64 of each record's text (title, a line break, text; not its
     * label), for the model to recognise its training items (st_model's
     * item_hashes). */
    uint64_t *text_hash;
    /* 1 for a record that names neither Russia nor the US, by the list
     * loading was given (st_load_options.mentions); all 0 without one. */
    unsigned char *unnamed;
    /* What loading saw, for the summary. */
    size_t records, filtered, bad, invalid_bytes, invalid_docs;
} st_dataset;

typedef struct st_load_options {
    st_format format;
    const st_fields *fields;
    int skip_bad;       /* skip and count bad records instead of failing */
    int require_label;  /* a record without a label is bad */
    /* Receives warnings (invalid UTF-8, skipped records); may be NULL. */
    void (*warn)(void *ctx, const char *message);
    void *warn_ctx;
    /* Called now and then with the records read from this input and the
     * bytes consumed (st_reader_bytes_read); may be NULL. */
    void (*progress)(void *ctx, size_t records, unsigned long long bytes);
    void *progress_ctx;
    /* A mention list (a model's gate), to mark the records that match none
     * of it in st_dataset.unnamed; may be NULL. */
    const st_mentions *mentions;
} st_load_options;

/* Appends the records of path to d.  When d->labels is fixed (--labels),
 * records with other labels are counted in d->filtered and left out. */
int st_dataset_load(st_dataset *d, const char *path, const st_load_options *o,
                    st_extractor *x, st_error *err);

/* Fails unless every fixed label occurs and there are two classes. */
int st_dataset_check_classes(const st_dataset *d, st_error *err);

/* Renumbers the classes so that class k becomes the last one, the others
 * keeping their order. */
void st_dataset_move_class_last(st_dataset *d, int k);

size_t st_dataset_class_count(const st_dataset *d, int k);
void st_dataset_free(st_dataset *d);

#endif
