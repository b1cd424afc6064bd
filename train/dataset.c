#include "train/dataset.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

static void warn(const st_load_options *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void warn(const st_load_options *o, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    if (!o->warn)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    o->warn(o->warn_ctx, msg);
}

static int grow(st_dataset *d, st_error *err)
{
    size_t cap = d->cap;
    if (d->n < d->cap)
        return 0;
    cap = d->cap;
    if (st_reserve(&d->counts, &cap, d->n + 1, sizeof *d->counts, err) < 0)
        return -1;
    memset(d->counts + d->cap, 0, (cap - d->cap) * sizeof *d->counts);
    cap = d->cap;
    if (st_reserve(&d->y, &cap, d->n + 1, sizeof *d->y, err) < 0)
        return -1;
    cap = d->cap;
    if (st_reserve(&d->id, &cap, d->n + 1, sizeof *d->id, err) < 0)
        return -1;
    cap = d->cap;
    if (st_reserve(&d->lang, &cap, d->n + 1, sizeof *d->lang, err) < 0)
        return -1;
    cap = d->cap;
    if (st_reserve(&d->text_hash, &cap, d->n + 1, sizeof *d->text_hash, err) < 0)
        return -1;
    cap = d->cap;
    if (st_reserve(&d->unnamed, &cap, d->n + 1, sizeof *d->unnamed, err) < 0)
        return -1;
    d->cap = cap;
    return 0;
}

/* What label_number says besides a class number. */
enum {
    LABEL_NONE = -1,      /* unlabelled (allowed: features without labels) */
    LABEL_FILTERED = -2,  /* a label outside a fixed set: left out */
    LABEL_BAD = -3        /* a bad record: err says why */
};

/* The class number of doc's label (interned unless the labels are fixed),
 * or one of the LABEL_ values. */
static int label_number(st_dataset *d, const st_doc *doc, const st_load_options *o,
                        st_error *err)
{
    char where[1024];

    if (!doc->label) {
        if (o->require_label)
            return st_fail_code(err, LABEL_BAD, "%s: record has no label",
                                st_doc_where(doc, where, sizeof where));
        return LABEL_NONE;
    }
    if (d->labels.fixed) {
        int k = st_labels_find(&d->labels, doc->label);
        return k >= 0 ? k : LABEL_FILTERED;
    }
    if (st_labels_intern(&d->labels, doc->label, err) < 0) {
        st_fail_prefix(err, "%s", st_doc_where(doc, where, sizeof where));
        return LABEL_BAD;
    }
    return st_labels_find(&d->labels, doc->label);
}

/* One record folded into the running fingerprint: each field hashed with
 * the previous value as seed, so that field boundaries and order count. */
static uint64_t fingerprint_record(uint64_t h, const char *label,
                                   const char *lang, const char *body,
                                   size_t len)
{
    h = XXH3_64bits_withSeed(label, strlen(label) + 1, h);
    h = XXH3_64bits_withSeed(lang ? lang : "", lang ? strlen(lang) + 1 : 1, h);
    return XXH3_64bits_withSeed(body, len, h);
}

/* The scratch of one st_dataset_load. */
typedef struct loading {
    char *body;
    size_t body_cap;
    st_normalizer norm;     /* for the mention list */
} loading;

static int add_record(st_dataset *d, const st_doc *doc, int y,
                      const st_load_options *o, st_extractor *x, loading *l,
                      st_error *err)
{
    st_text_stats stats;
    char where[1024], message[1200];
    size_t len;
    const char *body = st_doc_body(doc, &l->body, &l->body_cap, &len, err);
    int named = 1;

    if (!body || grow(d, err) < 0)
        return ST_READ_FATAL;
    if (doc->text_len == 0 && doc->title_len == 0)
        return st_fail_code(err, ST_READ_BAD, "%s: empty text",
                            st_doc_where(doc, where, sizeof where));
    if (st_extract_counts(x, body, len, &d->counts[d->n], &stats, err) < 0 ||
        (o->mentions &&
         (named = st_mentions_find_extracted(o->mentions, x, &stats, &l->norm, body,
                                             len, err)) < 0))
        return ST_READ_FATAL;
    stats.invalid_bytes += doc->invalid_bytes;
    if (stats.invalid_bytes) {
        d->invalid_bytes += stats.invalid_bytes;
        d->invalid_docs++;
        warn(o, "%s", st_doc_invalid_utf8_warning(doc, stats.invalid_bytes,
                                                  message, sizeof message));
    }
    /* An unlabelled record (features without labels) has y = -1. */
    d->fingerprint = fingerprint_record(d->fingerprint, y >= 0 ? d->labels.names[y] : "",
                                        doc->lang, body, len);
    d->y[d->n] = y;
    d->text_hash[d->n] = st_text_hash(body, len);
    d->unnamed[d->n] = !named;
    d->id[d->n] = strdup(doc->id);
    d->lang[d->n] = doc->lang ? strdup(doc->lang) : NULL;
    if (!d->id[d->n] || (doc->lang && !d->lang[d->n]))
        return st_fail_code(err, ST_READ_FATAL, "out of memory");
    d->n++;
    return 1;
}

int st_dataset_load(st_dataset *d, const char *path, const st_load_options *o,
                    st_extractor *x, st_error *err)
{
    st_reader *r = st_reader_open(path, o->format, o->fields, err);
    loading l = { 0 };
    st_doc doc;
    size_t read = 0;
    int rc;

    if (!r)
        return -1;
    while ((rc = st_reader_next(r, &doc, err)) != 0) {
        if (rc == 1) {
            int y = label_number(d, &doc, o, err);
            if (o->progress && ++read % 256 == 0)
                o->progress(o->progress_ctx, read, st_reader_bytes_read(r));
            d->records++;
            if (y == LABEL_FILTERED) {
                d->filtered++;
                continue;
            }
            rc = y == LABEL_BAD ? ST_READ_BAD
                         : add_record(d, &doc, y, o, x, &l, err);
        }
        if (rc == ST_READ_BAD && o->skip_bad) {
            d->bad++;
            warn(o, "skipped: %s", err->msg);
            continue;
        }
        if (rc < 0)
            break;
    }
    if (o->progress)
        o->progress(o->progress_ctx, read, st_reader_bytes_read(r));
    free(l.body);
    st_normalizer_free(&l.norm);
    st_reader_close(r);
    return rc < 0 ? -1 : 0;
}

size_t st_dataset_class_count(const st_dataset *d, int k)
{
    size_t c = 0;
    for (size_t i = 0; i < d->n; i++)
        c += d->y[i] == k;
    return c;
}

void st_dataset_move_class_last(st_dataset *d, int k)
{
    int last = d->labels.n - 1;
    char name[ST_MAX_LABEL_LEN];

    memcpy(name, d->labels.names[k], sizeof name);
    memmove(d->labels.names[k], d->labels.names[k + 1],
            (size_t)(last - k) * sizeof name);
    memcpy(d->labels.names[last], name, sizeof name);
    for (size_t i = 0; i < d->n; i++)
        d->y[i] = d->y[i] == k ? last : d->y[i] > k ? d->y[i] - 1 : d->y[i];
}

int st_dataset_check_classes(const st_dataset *d, st_error *err)
{
    int present = 0;
    for (int k = 0; k < d->labels.n; k++) {
        size_t c = st_dataset_class_count(d, k);
        if (c == 0 && d->labels.fixed)
            return st_fail(err, "label '%s' (one of the labels asked for) "
                           "occurs in no record", d->labels.names[k]);
        present += c > 0;
    }
    if (present == 1) {
        for (int k = 0; k < d->labels.n; k++)
            if (st_dataset_class_count(d, k) > 0)
                return st_fail(err, "the corpus has one class only ('%s'): "
                               "training needs at least two",
                               d->labels.names[k]);
    }
    if (present == 0)
        return st_fail(err, "the corpus has no labelled records: training "
                       "needs at least two classes");
    return 0;
}

void st_dataset_free(st_dataset *d)
{
    for (size_t i = 0; i < d->n; i++) {
        st_sparse_free(&d->counts[i]);
        free(d->id[i]);
        free(d->lang[i]);
    }
    for (size_t i = d->n; i < d->cap; i++)
        st_sparse_free(&d->counts[i]);
    free(d->counts);
    free(d->y);
    free(d->id);
    free(d->lang);
    free(d->text_hash);
    free(d->unnamed);
    memset(d, 0, sizeof *d);
}
