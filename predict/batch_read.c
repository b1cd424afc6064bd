/* Reading batches of records for prediction and evaluation. */
#include "predict/batch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/parallel.h"

/* Frees what the item's record owns; keeps its raw-line buffer and its
 * result's arrays, which the next batch reuses. */
static void clear_item(st_item *it)
{
    char *raw = it->raw;
    size_t raw_cap = it->raw_cap;
    st_result result = it->result;

    free(it->id);
    free(it->lang);
    free(it->label);
    free(it->file);
    free(it->body);
    free(it->read_error);
    if (it->json)
        json_decref(it->json);
    memset(it, 0, sizeof *it);
    it->raw = raw;
    it->raw_cap = raw_cap;
    it->result.prob = result.prob;
    it->result.prob_cap = result.prob_cap;
    it->result.explained = result.explained;
    it->result.explained_cap = result.explained_cap;
}

void st_batch_free(st_batch *b)
{
    for (size_t i = 0; i < b->cap; i++) {
        clear_item(&b->items[i]);
        free(b->items[i].raw);
        st_result_free(&b->items[i].result);
    }
    for (size_t t = 0; t < b->nscratch; t++)
        st_jsonl_scratch_free(&b->scratch[t]);
    free(b->scratch);
    free(b->items);
    memset(b, 0, sizeof *b);
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

static int copy_doc(st_item *it, const st_doc *doc, st_error *err)
{
    char *buf = NULL;
    size_t cap = 0, len;
    const char *body = st_doc_body(doc, &buf, &cap, &len, err);

    if (!body)
        return -1;
    it->body = buf ? buf : st_malloc(len + 1, err);
    if (!it->body)
        return -1;
    if (!buf) {
        memcpy(it->body, body, len);
        it->body[len] = '\0';
    }
    it->body_len = len;
    it->id = dup_or_null(doc->id);
    it->lang = dup_or_null(doc->lang);
    it->label = dup_or_null(doc->label);
    it->file = dup_or_null(doc->file);
    it->line = doc->line;
    it->invalid_bytes = doc->invalid_bytes;
    if (doc->json)
        it->json = json_incref(doc->json);
    if (!it->id || !it->file || (doc->lang && !it->lang) ||
        (doc->label && !it->label))
        return st_fail(err, "out of memory");
    return 0;
}

/* A record with neither title nor text is bad, whatever its format. */
static int check_not_empty(const st_doc *doc, st_error *err)
{
    char where[1024];

    if (doc->text_len == 0 && doc->title_len == 0)
        return st_fail_code(err, ST_READ_BAD, "%s: empty text",
                            st_doc_where(doc, where, sizeof where));
    return 1;
}

/* A bad record: reported and counted with skip_bad (returns 0), else the
 * end of the run (returns -1 with err kept). */
static int skip_or_stop(st_batch_source *src, const st_error *err)
{
    char message[1100];

    if (!src->skip_bad)
        return -1;
    snprintf(message, sizeof message, "skipped: %s", err->msg);
    if (src->warn)
        src->warn(src->warn_ctx, message);
    src->bad++;
    return 0;
}

void st_batch_warn_invalid_utf8(const st_batch *b, const st_batch_source *src)
{
    char message[1200];

    for (size_t i = 0; src->warn && i < b->n; i++) {
        const st_item *it = &b->items[i];
        st_doc doc = { .file = it->file, .line = it->line };
        if (it->invalid_bytes)
            src->warn(src->warn_ctx,
                      st_doc_invalid_utf8_warning(&doc, it->invalid_bytes,
                                                  message, sizeof message));
    }
}

/* Grows the array at *ptr of *have elements of `size` bytes to exactly
 * want, the new elements zeroed (st_reserve's calling convention). */
static int grow_zeroed(void *ptr, size_t *have, size_t want, size_t size,
                       st_error *err)
{
    void **slot = ptr;
    char *grown;

    if (*have >= want)
        return 0;
    if (!(grown = st_realloc(*slot, want * size, err)))
        return -1;
    memset(grown + *have * size, 0, (want - *have) * size);
    *slot = grown;
    *have = want;
    return 0;
}

/* Empties b and makes room for max items. */
static int reset_batch(st_batch *b, size_t max, st_error *err)
{
    for (size_t i = 0; i < b->n; i++)
        clear_item(&b->items[i]);
    b->n = 0;
    return grow_zeroed(&b->items, &b->cap, max, sizeof *b->items, err);
}

/* ---- any format, one record at a time ---------------------------------- */

static long read_in_turn(st_batch *b, st_batch_source *src, size_t max,
                         st_error *err)
{
    while (b->n < max) {
        st_doc doc;
        int rc = st_reader_next(src->reader, &doc, err);
        if (rc == 0)
            break;
        if (rc == 1)
            rc = check_not_empty(&doc, err);
        if (rc == ST_READ_BAD && skip_or_stop(src, err) == 0)
            continue;
        if (rc < 0)
            return -1;
        if (copy_doc(&b->items[b->n], &doc, err) < 0) {
            clear_item(&b->items[b->n]);
            return -1;
        }
        b->n++;
    }
    return (long)b->n;
}

/* ---- JSONL: lines read in turn, parsed in parallel --------------------- */

typedef struct parse_ctx {
    st_batch *b;
    size_t first;           /* job i parses item first + i */
    const st_fields *fields;
    const char *path;
} parse_ctx;

/* Parses item i's line; a bad record is marked, not failed, so that the
 * records before it in the batch are judged first. */
static int parse_job(void *arg, size_t i, int worker, st_error *err)
{
    parse_ctx *ctx = arg;
    st_item *it = &ctx->b->items[ctx->first + i];
    st_error e;
    st_doc doc;
    int rc = st_jsonl_record(ctx->fields, ctx->path, it->line, it->raw,
                             it->raw_len, &ctx->b->scratch[worker], &doc, &e);

    (void)err;
    if (rc == 1)
        rc = check_not_empty(&doc, &e);
    if (rc == 1 && copy_doc(it, &doc, &e) < 0)
        rc = ST_READ_FATAL;
    it->read_rc = rc;
    if (rc != 1 && !(it->read_error = strdup(e.msg)))
        it->read_rc = ST_READ_FATAL;
    return 0;
}

/* Reads up to max - b->n lines into the items after b->n.  Returns the
 * reader's last result: 0 at the end, 1 when there may be more, or
 * ST_READ_FATAL. */
static int read_lines(st_batch *b, st_reader *r, size_t max, size_t *n,
                      st_error *err)
{
    int rc = 1;

    for (*n = b->n; *n < max; (*n)++) {
        st_item *it = &b->items[*n];
        const char *line;
        size_t len, cap = it->raw_cap;
        rc = st_reader_next_line(r, &line, &len, &it->line, err);
        if (rc <= 0)
            break;
        if (st_reserve(&it->raw, &cap, len + 1, 1, err) < 0)
            return ST_READ_FATAL;
        it->raw_cap = cap;
        memcpy(it->raw, line, len + 1);
        it->raw_len = len;
    }
    return rc;
}

/* Keeps the good records of items [b->n, end) in order, after b->n;
 * reports or stops at the bad ones. */
static int keep_good(st_batch *b, st_batch_source *src, size_t end,
                     st_error *err)
{
    for (size_t i = b->n; i < end; i++) {
        st_item *it = &b->items[i];
        if (it->read_rc != 1) {
            st_fail(err, "%s", it->read_error ? it->read_error : "out of memory");
            if (it->read_rc == ST_READ_FATAL || skip_or_stop(src, err) < 0) {
                while (i < end)
                    clear_item(&b->items[i++]);
                return -1;
            }
            clear_item(it);
            continue;
        }
        if (i != b->n) {
            st_item kept = *it;
            *it = b->items[b->n];
            b->items[b->n] = kept;
        }
        b->n++;
    }
    return 0;
}

static long read_jsonl(st_batch *b, st_batch_source *src, size_t max,
                       st_error *err)
{
    int threads = src->threads > 1 ? src->threads : 1;
    parse_ctx ctx = { b, 0, st_reader_fields(src->reader),
                      st_reader_path(src->reader) };
    st_error read_err;
    int more = 1;

    if (grow_zeroed(&b->scratch, &b->nscratch, (size_t)threads,
                    sizeof *b->scratch, err) < 0)
        return -1;
    /* Records skipped as bad leave room: read on until the batch is full
     * or the input ends, so that 0 still means the end. */
    while (more > 0 && b->n < max) {
        size_t end;
        more = read_lines(b, src->reader, max, &end, &read_err);
        ctx.first = b->n;
        if (st_parallel_for(end - b->n, threads, parse_job, NULL, &ctx, err) < 0 ||
            keep_good(b, src, end, err) < 0)
            return -1;
        if (more < 0) {
            *err = read_err;
            return -1;
        }
    }
    return (long)b->n;
}

long st_batch_read(st_batch *b, st_batch_source *src, size_t max, st_error *err)
{
    if (reset_batch(b, max, err) < 0)
        return -1;
    if (st_reader_format(src->reader) == ST_FORMAT_JSONL)
        return read_jsonl(b, src, max, err);
    return read_in_turn(b, src, max, err);
}
