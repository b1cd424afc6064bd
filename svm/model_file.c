/*
 * The model file.  Little-endian binary, version 5:
 *
 *   header   8  magic "STANCE\0M"
 *            4  format version (u32)
 *            4  reserved, 0
 *            8  payload length in bytes (u64)
 *            8  XXH3-64 of the payload (u64)
 *   payload  features   8 x i32: char_min char_max word_max hash_bits
 *                       signed_hash tf idf norm, then (version 4)
 *                       i32 lead_chars, f32 lead_weight
 *            labels     u32 k, then k x (u32 length, bytes)
 *            svm        u32 kernel, f64 gamma, u32 npairs,
 *                       npairs x f64 rho, platt_a, platt_b
 *            idf        (when features.idf) one bucket array
 *            linear     npairs bucket arrays (the primal weights)
 *            rbf        u64 nsv, k x u32 SVs per class,
 *                       (k-1) x nsv x f64 coefficients,
 *                       nsv x (u32 n, n x u32 index, n x f32 value)
 *            info       u32 length, UTF-8 text
 *            corpus     (version 2) u64 fingerprint of the training
 *                       records, u64 their number (0 0: unknown)
 *            items      (version 3) u64 n, n x u64 ascending: the
 *                       XXH3-64 of each distinct training text
 *            cv         (version 3) u32 length, JSON text: the
 *                       cross-validated scores (0: unknown)
 *            mentions   (version 5) u32 length, UTF-8 text: the mention
 *                       list as written (features/mentions.h; 0: none)
 *
 *   A bucket array holds 2^hash_bits floats, stored whichever way is
 *   smaller: u8 0 then every value (dense), or u8 1, f32 default value,
 *   u32 count, then count x (u32 bucket, f32 value) in ascending bucket
 *   order (sparse: most idf entries are the never-seen default and most
 *   weights are zero).
 *
 * Version 1 files, which end after info, and version 2 files, which end
 * after corpus, still load (what is missing is unknown); files before
 * version 4 have no lead view, files before version 5 no mention gate.
 *
 * Loading reads the header first and refuses a wrong magic or version
 * before reading on, reads only the declared payload (and refuses more),
 * checks the checksum before parsing, then checks every count against what is left,
 * so a truncated or corrupted file is refused with a message and never
 * read out of bounds.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "common/atomic_file.h"
#include "common/huge_pages.h"
#include "svm/model.h"

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the model file format is little-endian; port put_*/get_* first"
#endif

#define MAGIC "STANCE\0M"
#define FORMAT_VERSION 5u
#define HEADER_SIZE 32
/* How far beyond FORMAT_VERSION a version can be and still be taken for
 * a newer release's rather than a damaged header. */
#define MAX_VERSIONS_AHEAD 8

/* ---- writing ---------------------------------------------------------- */

typedef struct out_buf {
    unsigned char *data;
    size_t n, cap;
    int failed;
} out_buf;

static void put(out_buf *b, const void *p, size_t n)
{
    if (b->failed || st_reserve(&b->data, &b->cap, b->n + n, 1, NULL) < 0) {
        b->failed = 1;
        return;
    }
    memcpy(b->data + b->n, p, n);
    b->n += n;
}

static void put_u8(out_buf *b, uint8_t v) { put(b, &v, 1); }
static void put_u32(out_buf *b, uint32_t v) { put(b, &v, 4); }
static void put_i32(out_buf *b, int32_t v) { put(b, &v, 4); }
static void put_u64(out_buf *b, uint64_t v) { put(b, &v, 8); }
static void put_f32(out_buf *b, float v) { put(b, &v, 4); }
static void put_f64(out_buf *b, double v) { put(b, &v, 8); }

static void put_bucket_array(out_buf *b, const float *a, size_t n)
{
    /* The default is the first value: the most common one in practice
     * (0 for weights, the never-seen idf), and any choice is correct. */
    float def = a[0];
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += a[i] != def;
    if (count * 8 + 9 >= n * 4) {
        put_u8(b, 0);
        put(b, a, n * sizeof *a);
        return;
    }
    put_u8(b, 1);
    put_f32(b, def);
    put_u32(b, (uint32_t)count);
    for (size_t i = 0; i < n; i++) {
        if (a[i] != def) {
            put_u32(b, (uint32_t)i);
            put_f32(b, a[i]);
        }
    }
}

static void put_payload(out_buf *b, const st_model *m)
{
    const st_feature_config *f = &m->features;
    int k = m->labels.n;

    put_i32(b, f->char_min); put_i32(b, f->char_max); put_i32(b, f->word_max);
    put_i32(b, f->hash_bits); put_i32(b, f->signed_hash); put_i32(b, (int32_t)f->tf);
    put_i32(b, f->idf); put_i32(b, (int32_t)f->norm);
    put_i32(b, f->lead_chars); put_f32(b, f->lead_weight);
    put_u32(b, (uint32_t)k);
    for (int c = 0; c < k; c++) {
        put_u32(b, (uint32_t)strlen(m->labels.names[c]));
        put(b, m->labels.names[c], strlen(m->labels.names[c]));
    }
    put_u32(b, (uint32_t)m->kernel);
    put_f64(b, m->gamma);
    put_u32(b, (uint32_t)m->npairs);
    for (int p = 0; p < m->npairs; p++) put_f64(b, m->rho[p]);
    for (int p = 0; p < m->npairs; p++) put_f64(b, m->platt_a[p]);
    for (int p = 0; p < m->npairs; p++) put_f64(b, m->platt_b[p]);
    if (f->idf)
        put_bucket_array(b, m->idf, st_model_buckets(m));
    if (m->kernel == ST_KERNEL_LINEAR) {
        for (int p = 0; p < m->npairs; p++)
            put_bucket_array(b, m->w + (size_t)p * st_model_buckets(m),
                             st_model_buckets(m));
    } else {
        put_u64(b, m->nsv);
        for (int c = 0; c < k; c++)
            put_u32(b, (uint32_t)m->sv_per_class[c]);
        put(b, m->coef, (size_t)(k - 1) * m->nsv * sizeof *m->coef);
        for (size_t s = 0; s < m->nsv; s++) {
            put_u32(b, (uint32_t)m->sv[s].n);
            put(b, m->sv[s].index, m->sv[s].n * sizeof *m->sv[s].index);
            put(b, m->sv[s].value, m->sv[s].n * sizeof *m->sv[s].value);
        }
    }
    put_u32(b, m->info ? (uint32_t)strlen(m->info) : 0);
    if (m->info)
        put(b, m->info, strlen(m->info));
    put_u64(b, m->corpus_fingerprint);
    put_u64(b, m->corpus_records);
    put_u64(b, m->nitem_hashes);
    put(b, m->item_hashes, m->nitem_hashes * sizeof *m->item_hashes);
    put_u32(b, m->cv_summary ? (uint32_t)strlen(m->cv_summary) : 0);
    if (m->cv_summary)
        put(b, m->cv_summary, strlen(m->cv_summary));
    put_u32(b, m->mentions_text ? (uint32_t)strlen(m->mentions_text) : 0);
    if (m->mentions_text)
        put(b, m->mentions_text, strlen(m->mentions_text));
}

int st_model_write(const st_model *m, FILE *f, const char *name, st_error *err)
{
    out_buf payload = { 0 }, header = { 0 };
    int rc = -1;

    put_payload(&payload, m);
    put(&header, MAGIC, 8);
    put_u32(&header, FORMAT_VERSION);
    put_u32(&header, 0);
    put_u64(&header, payload.n);
    put_u64(&header, XXH3_64bits(payload.data, payload.n));
    if (payload.failed || header.failed) {
        st_fail(err, "%s: out of memory while encoding the model", name);
        goto done;
    }
    if (fwrite(header.data, 1, header.n, f) != header.n ||
        fwrite(payload.data, 1, payload.n, f) != payload.n) {
        st_fail(err, "%s: write error: %s", name, strerror(errno));
        goto done;
    }
    rc = 0;
done:
    free(payload.data);
    free(header.data);
    return rc;
}

int st_model_save(const st_model *m, const char *path, st_error *err)
{
    st_atomic_file out;
    if (st_atomic_open(&out, path, err) < 0)
        return -1;
    if (st_model_write(m, out.f, path, err) < 0) {
        st_atomic_abort(&out);
        return -1;
    }
    return st_atomic_commit(&out, err);
}

/* ---- reading ---------------------------------------------------------- */

typedef struct cursor {
    const unsigned char *p, *end;
    const char *path;
    st_error *err;
    int failed;
} cursor;

static int truncated(cursor *c)
{
    if (!c->failed)
        st_fail(c->err, "%s: model is truncated or corrupt (a field runs "
                "past the end of the file)", c->path);
    c->failed = 1;
    return -1;
}

static size_t remaining(const cursor *c)
{
    return (size_t)(c->end - c->p);
}

static int take(cursor *c, void *dst, size_t n)
{
    if (c->failed)
        return -1;
    if (remaining(c) < n)
        return truncated(c);
    memcpy(dst, c->p, n);
    c->p += n;
    return 0;
}

static uint32_t get_u32(cursor *c) { uint32_t v = 0; take(c, &v, 4); return v; }
static int32_t get_i32(cursor *c) { int32_t v = 0; take(c, &v, 4); return v; }
static uint64_t get_u64(cursor *c) { uint64_t v = 0; take(c, &v, 8); return v; }
static double get_f64(cursor *c) { double v = 0; take(c, &v, 8); return v; }
static float get_f32(cursor *c) { float v = 0; take(c, &v, 4); return v; }

static int corrupt(cursor *c, const char *what)
{
    if (!c->failed)
        st_fail(c->err, "%s: model is corrupt: %s", c->path, what);
    c->failed = 1;
    return -1;
}

/* Room for n items of `size` bytes, allocated only once the file is known
 * to hold n * `stored` more bytes (0: not checked), so that a corrupt
 * count is reported as such instead of allocating gigabytes.  NULL with
 * c->failed set on failure. */
static void *alloc_items(cursor *c, size_t n, size_t size, size_t stored)
{
    void *a;

    if (c->failed)
        return NULL;
    if (stored && remaining(c) / stored < n) {
        truncated(c);
        return NULL;
    }
    if (!(a = st_malloc_large(n, size, c->err)))
        c->failed = 1;
    return a;
}

/* A checksum only proves the bytes are the ones written: a model written
 * from a diverged fit (or crafted) can hold NaN or infinite floats, which
 * would print labels with "-nan" probabilities.  Refuse them where they are
 * read (doubles are checked likewise in get_f64_array). */
static int all_finite(cursor *c, const float *a, size_t n, const char *what)
{
    for (size_t i = 0; !c->failed && i < n; i++)
        if (!isfinite(a[i]))
            return corrupt(c, what);
    return c->failed ? -1 : 0;
}

/* Reads an array of n bucket values into a; on failure, c->failed. */
static int read_bucket_array(cursor *c, float *a, size_t n, uint8_t mode)
{
    if (mode == 0) {
        take(c, a, n * sizeof *a);
    } else if (mode == 1) {
        float def = 0;
        uint32_t count, prev = 0;
        take(c, &def, 4);
        count = get_u32(c);
        for (size_t i = 0; i < n; i++)
            a[i] = def;
        if (!c->failed && count > remaining(c) / 8)
            truncated(c);
        for (uint32_t t = 0; t < count && !c->failed; t++) {
            uint32_t i = get_u32(c);
            float v = 0;
            take(c, &v, 4);
            if (!c->failed && (i >= n || (t > 0 && i <= prev)))
                corrupt(c, "bucket index out of order or range");
            else if (!c->failed)
                a[i] = v;
            prev = i;
        }
    } else {
        corrupt(c, "unknown array encoding");
    }
    if (c->failed)
        return -1;
    return all_finite(c, a, n, "a weight is not a finite number");
}

/* The encoding byte of a bucket array, and whether the cursor holds the
 * array's n values when they are stored whole (the values themselves
 * are read by read_bucket_array). */
static int get_bucket_mode(cursor *c, size_t n, uint8_t *mode)
{
    *mode = 0;
    if (take(c, mode, 1) < 0)
        return -1;
    if (*mode == 0 && remaining(c) / sizeof(float) < n)
        return truncated(c);
    return 0;
}

static float *get_bucket_array(cursor *c, size_t n)
{
    uint8_t mode;
    float *a;

    if (get_bucket_mode(c, n, &mode) < 0 ||
        !(a = alloc_items(c, n, sizeof *a, 0)))
        return NULL;
    if (read_bucket_array(c, a, n, mode) < 0) {
        free(a);
        return NULL;
    }
    return a;
}

static int get_features(cursor *c, st_feature_config *f, uint32_t version)
{
    st_error inner;
    st_feature_config_default(f);
    f->char_min = get_i32(c); f->char_max = get_i32(c); f->word_max = get_i32(c);
    f->hash_bits = get_i32(c); f->signed_hash = get_i32(c);
    f->tf = (st_tf_mode)get_i32(c); f->idf = get_i32(c);
    f->norm = (unsigned)get_i32(c);
    if (version >= 4) {
        f->lead_chars = get_i32(c);
        f->lead_weight = get_f32(c);
    }
    if (c->failed)
        return -1;
    if (st_feature_config_check(f, &inner) < 0 ||
        (f->signed_hash != 0 && f->signed_hash != 1) ||
        (f->idf != 0 && f->idf != 1))
        return corrupt(c, "invalid feature settings");
    return 0;
}

static int get_labels(cursor *c, st_labels *l)
{
    uint32_t k = get_u32(c);
    memset(l, 0, sizeof *l);
    if (!c->failed && (k < 2 || k > ST_MAX_CLASSES))
        return corrupt(c, "bad number of classes");
    for (uint32_t i = 0; i < k && !c->failed; i++) {
        uint32_t len = get_u32(c);
        if (!c->failed && (len == 0 || len >= ST_MAX_LABEL_LEN))
            return corrupt(c, "bad label length");
        take(c, l->names[i], len);
        l->names[i][len] = '\0';
    }
    l->n = (int)k;
    return c->failed ? -1 : 0;
}

static double *get_f64_array(cursor *c, size_t n)
{
    double *a = alloc_items(c, n, sizeof *a, 8);
    if (!a)
        return NULL;
    take(c, a, n * sizeof *a);
    for (size_t i = 0; i < n; i++)
        if (!isfinite(a[i])) {
            corrupt(c, "a coefficient is not a finite number");
            free(a);
            return NULL;
        }
    return a;
}

static int get_support_vectors(cursor *c, st_model *m)
{
    int k = m->labels.n;
    uint64_t total = 0, nsv = get_u64(c);

    if (c->failed)
        return -1;
    if (nsv > remaining(c) / 4)
        return truncated(c);
    m->sv_per_class = st_calloc((size_t)k, sizeof *m->sv_per_class, c->err);
    m->sv = st_calloc(nsv, sizeof *m->sv, c->err);
    if (!m->sv_per_class || !m->sv)
        return c->failed = 1, -1;
    /* Only now: st_model_free walks m->sv[0..nsv). */
    m->nsv = nsv;
    for (int i = 0; i < k; i++) {
        m->sv_per_class[i] = (int)get_u32(c);
        total += (uint32_t)m->sv_per_class[i];
    }
    if (!c->failed && total != m->nsv)
        return corrupt(c, "support vector counts do not add up");
    m->coef = get_f64_array(c, (size_t)(k - 1) * m->nsv);
    for (size_t s = 0; s < m->nsv && !c->failed; s++) {
        st_sparse *v = &m->sv[s];
        uint32_t n = get_u32(c);
        if (c->failed || n > remaining(c) / 8)
            return truncated(c);
        v->index = st_malloc(n * sizeof *v->index, c->err);
        v->value = st_malloc(n * sizeof *v->value, c->err);
        if (!v->index || !v->value)
            return c->failed = 1, -1;
        v->n = v->cap = n;
        take(c, v->index, n * sizeof *v->index);
        take(c, v->value, n * sizeof *v->value);
        all_finite(c, v->value, n, "a support vector value is not a finite number");
        for (uint32_t t = 0; t < n && !c->failed; t++)
            if (v->index[t] >= st_model_buckets(m) ||
                (t && v->index[t] <= v->index[t - 1]))
                return corrupt(c, "support vector index out of order or range");
    }
    return c->failed ? -1 : 0;
}

/* Sorted, as written: eval searches them. */
static int get_item_hashes(cursor *c, st_model *m)
{
    uint64_t n = get_u64(c);
    if (c->failed)
        return -1;
    if (n > remaining(c) / 8)
        return truncated(c);
    m->item_hashes = st_malloc((size_t)(n ? n : 1) * 8, c->err);
    if (!m->item_hashes)
        return c->failed = 1, -1;
    take(c, m->item_hashes, (size_t)n * 8);
    m->nitem_hashes = (size_t)n;
    for (size_t i = 1; i < m->nitem_hashes; i++)
        if (m->item_hashes[i - 1] >= m->item_hashes[i])
            return corrupt(c, "training item hashes out of order");
    return 0;
}

/* A u32 length and that many bytes of text: *text points at them in the
 * file's image. */
static int get_text(cursor *c, const char **text, uint32_t *len)
{
    *len = get_u32(c);
    *text = (const char *)c->p;
    if (c->failed)
        return -1;
    if (*len > remaining(c))
        return truncated(c);
    c->p += *len;
    return 0;
}

static int get_cv_summary(cursor *c, st_model *m)
{
    const char *text;
    uint32_t len;

    if (get_text(c, &text, &len) < 0)
        return -1;
    if (!len)
        return 0;
    if (!(m->cv_summary = st_malloc((size_t)len + 1, c->err)))
        return c->failed = 1, -1;
    memcpy(m->cv_summary, text, len);
    m->cv_summary[len] = '\0';
    return 0;
}

/* The mention list, parsed as `stance train --mentions` parsed it; a list
 * that does not parse is a corrupt file (the checksum passed, so it was
 * written that way by no stance). */
static int get_mentions(cursor *c, st_model *m)
{
    const char *text;
    uint32_t len;
    st_error why;

    if (get_text(c, &text, &len) < 0)
        return -1;
    if (!len)
        return 0;
    if (st_model_set_mentions(m, text, len, "mention list", &why) < 0) {
        st_fail(c->err, "%s: model is corrupt: %s", c->path, why.msg);
        c->failed = 1;
        return -1;
    }
    return 0;
}

static int get_payload(cursor *c, st_model *m, uint32_t version)
{
    uint32_t kernel, npairs, info_len;
    int k;

    if (get_features(c, &m->features, version) < 0 || get_labels(c, &m->labels) < 0)
        return -1;
    k = m->labels.n;
    kernel = get_u32(c);
    m->gamma = get_f64(c);
    npairs = get_u32(c);
    if (c->failed)
        return -1;
    if (kernel != ST_KERNEL_LINEAR && kernel != ST_KERNEL_RBF)
        return corrupt(c, "unknown kernel");
    if (npairs != (uint32_t)(k * (k - 1) / 2))
        return corrupt(c, "number of decision functions does not match classes");
    m->kernel = (st_kernel)kernel;
    m->npairs = (int)npairs;
    m->rho = get_f64_array(c, npairs);
    m->platt_a = get_f64_array(c, npairs);
    m->platt_b = get_f64_array(c, npairs);
    if (c->failed)
        return -1;
    if (m->features.idf && !(m->idf = get_bucket_array(c, st_model_buckets(m))))
        return -1;
    if (m->kernel == ST_KERNEL_LINEAR) {
        size_t n = st_model_buckets(m);
        if (!(m->w = alloc_items(c, (size_t)npairs * n, sizeof *m->w, 0)))
            return -1;
        for (uint32_t p = 0; p < npairs; p++) {
            uint8_t mode;
            if (get_bucket_mode(c, n, &mode) < 0 ||
                read_bucket_array(c, m->w + (size_t)p * n, n, mode) < 0)
                return -1;
        }
    } else if (get_support_vectors(c, m) < 0) {
        return -1;
    }
    info_len = get_u32(c);
    if (c->failed)
        return -1;
    if (info_len > remaining(c))
        return truncated(c);
    m->info = st_malloc((size_t)info_len + 1, c->err);
    if (!m->info)
        return c->failed = 1, -1;
    take(c, m->info, info_len);
    m->info[info_len] = '\0';
    if (version >= 2) {
        m->corpus_fingerprint = get_u64(c);
        m->corpus_records = get_u64(c);
    }
    if (version >= 3 && (get_item_hashes(c, m) < 0 || get_cv_summary(c, m) < 0))
        return -1;
    if (version >= 5 && get_mentions(c, m) < 0)
        return -1;
    if (c->p != c->end)
        return corrupt(c, "unexpected bytes after the model");
    return 0;
}

/* Magic and version of a whole header. */
static int check_header_start(const unsigned char *data, const char *path,
                              st_error *err)
{
    uint32_t version;

    if (memcmp(data, MAGIC, 8) != 0)
        return st_fail(err, "%s: not a stance model file", path);
    memcpy(&version, data + 8, 4);
    /* Versions grow by one per format change, so a version far beyond
     * this one is no model any stance wrote: a damaged header (the
     * checksum covers the payload only). */
    if (version == 0 || version > FORMAT_VERSION + MAX_VERSIONS_AHEAD)
        return st_fail(err, "%s: model is corrupt: format version %u is not one "
                       "stance has written", path, version);
    if (version > FORMAT_VERSION)
        return st_fail(err, "%s: model format version %u is newer than this "
                       "stance understands (%u): upgrade stance", path,
                       version, FORMAT_VERSION);
    return 0;
}

static int check_header(const unsigned char *data, size_t size,
                        const char *path, st_error *err)
{
    uint64_t length, checksum;

    if (size < HEADER_SIZE)
        return st_fail(err, "%s: not a stance model file%s", path,
                       size >= 8 && !memcmp(data, MAGIC, 8) ? " (truncated header)" : "");
    if (check_header_start(data, path, err) < 0)
        return -1;
    memcpy(&length, data + 16, 8);
    memcpy(&checksum, data + 24, 8);
    if (length != size - HEADER_SIZE)
        return st_fail(err, "%s: model is truncated or has trailing data "
                       "(%zu payload bytes, header says %llu)", path,
                       size - HEADER_SIZE, (unsigned long long)length);
    if (XXH3_64bits(data + HEADER_SIZE, (size_t)length) != checksum)
        return st_fail(err, "%s: model is corrupt (checksum mismatch)", path);
    return 0;
}

st_model *st_model_parse(const void *bytes, size_t size, const char *name,
                         st_error *err)
{
    const unsigned char *data = bytes;
    st_model *m;
    uint32_t version;
    cursor c;

    if (check_header(data, size, name, err) < 0)
        return NULL;
    m = st_calloc(1, sizeof *m, err);
    if (!m)
        return NULL;
    c = (cursor){ data + HEADER_SIZE, data + size, name, err, 0 };
    memcpy(&version, data + 8, 4);
    m->format_version = version;
    if (get_payload(&c, m, version) < 0) {
        st_model_free(m);
        return NULL;
    }
    return m;
}

/* A buffer for the whole file, header included, when f is a regular file
 * of the size the header declares: one allocation, advised for huge pages
 * (common/huge_pages.h), instead of a buffer grown as bytes arrive. */
static int reserve_whole(FILE *f, unsigned char **data, size_t *cap,
                         uint64_t length, st_error *err)
{
    struct stat st;
    unsigned char *whole;

    if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode) ||
        (uint64_t)st.st_size != HEADER_SIZE + length)
        return 0;
    if (!(whole = st_malloc_large(HEADER_SIZE + (size_t)length, 1, err)))
        return -1;
    memcpy(whole, *data, HEADER_SIZE);
    free(*data);
    *data = whole;
    *cap = HEADER_SIZE + (size_t)length;
    return 0;
}

/* Reads the payload the header declares and checks that nothing follows
 * it.  Unless the file's size confirms the length, the buffer grows as
 * bytes arrive, so a lying length costs only what the file holds. */
static int read_payload(FILE *f, const char *path, unsigned char **data,
                        uint64_t length, st_error *err)
{
    size_t have = 0, cap = HEADER_SIZE;
    if (length > SIZE_MAX - HEADER_SIZE)
        return st_fail(err, "%s: model is corrupt (payload length %llu)", path,
                       (unsigned long long)length);
    if (reserve_whole(f, data, &cap, length, err) < 0)
        return -1;
    while (have < length) {
        size_t want = length - have < (1u << 20) ? (size_t)(length - have) : 1u << 20;
        size_t got;
        if (st_reserve(data, &cap, HEADER_SIZE + have + want, 1, err) < 0)
            return -1;
        got = fread(*data + HEADER_SIZE + have, 1, want, f);
        have += got;
        if (got < want)
            break;
    }
    if (ferror(f))
        return st_fail(err, "%s: read error: %s", path, strerror(errno));
    if (have < length)
        return st_fail(err, "%s: model is truncated (%zu payload bytes, header "
                       "says %llu)", path, have, (unsigned long long)length);
    if (fgetc(f) != EOF)
        return st_fail(err, "%s: model has trailing data after its %llu payload "
                       "bytes", path, (unsigned long long)length);
    return 0;
}

/* The header is read and checked before anything else, so a file that is
 * no model (/dev/zero, a corpus given by mistake) is refused at once
 * rather than read whole. */
st_model *st_model_load(const char *path, st_error *err)
{
    FILE *f = fopen(path, "rb");
    unsigned char *data = NULL;
    size_t got;
    uint64_t length;
    st_model *m = NULL;

    if (!f) {
        st_fail(err, "%s: cannot open model: %s", path, strerror(errno));
        return NULL;
    }
    if (!(data = st_malloc(HEADER_SIZE, err)))
        goto done;
    got = fread(data, 1, HEADER_SIZE, f);
    if (ferror(f)) {
        st_fail(err, "%s: read error: %s", path, strerror(errno));
        goto done;
    }
    if (got < HEADER_SIZE) {
        check_header(data, got, path, err);  /* says what is wrong */
        goto done;
    }
    memcpy(&length, data + 16, 8);
    /* Magic and version, with a length that matches for now. */
    if (check_header_start(data, path, err) < 0 ||
        read_payload(f, path, &data, length, err) < 0)
        goto done;
    m = st_model_parse(data, HEADER_SIZE + (size_t)length, path, err);
done:
    fclose(f);
    free(data);
    return m;
}
