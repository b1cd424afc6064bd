#include "corpus/reader_impl.h"

#include "common/read_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xxhash.h>

static const char *format_names[] = { "auto", "jsonl", "tsv", "fasttext",
                                      "lines", "text", "dir", "csv" };

int st_format_parse(const char *name, st_format *out, st_error *err)
{
    for (size_t i = 0; i < sizeof format_names / sizeof *format_names; i++) {
        if (!strcmp(name, format_names[i])) {
            *out = (st_format)i;
            return 0;
        }
    }
    return st_fail(err, "unknown input format '%s' (known: auto, jsonl, tsv, "
                   "fasttext, lines, text, dir)", name);
}

const char *st_format_name(st_format f)
{
    return format_names[f];
}

static int has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && !strcmp(s + n - k, suffix);
}

static st_format format_from_extension(const char *path)
{
    if (has_suffix(path, ".jsonl") || has_suffix(path, ".ndjson") ||
        has_suffix(path, ".json"))
        return ST_FORMAT_JSONL;
    if (has_suffix(path, ".tsv"))
        return ST_FORMAT_TSV;
    if (has_suffix(path, ".csv"))
        return ST_FORMAT_CSV;
    if (has_suffix(path, ".ft") || has_suffix(path, ".fasttext"))
        return ST_FORMAT_FASTTEXT;
    /* A .txt file is an article, whatever its first line looks like
     * ("{Reuters} Russia and ..." is no JSON record). */
    if (has_suffix(path, ".txt"))
        return ST_FORMAT_TEXT;
    return ST_FORMAT_AUTO;
}

/* Reads the next line into r->line without its newline (and CR).
 * Returns 1, 0 at end of input, or ST_READ_FATAL. */
static int read_line(st_reader *r, st_error *err)
{
    ssize_t n;

    if (r->pending) {
        r->pending = 0;
        return 1;
    }
    errno = 0;
    n = getline(&r->line, &r->line_cap, r->in);
    if (n < 0) {
        /* glibc's getline fails with ENOMEM without setting the stream's
         * error flag: taken for the end of input, a line too long for
         * memory would silently drop every record after it. */
        if (errno == ENOMEM || errno == EOVERFLOW)
            return st_fail_code(err, ST_READ_FATAL, "%s:%zu: line too long for the memory available "
                                "(more than %zu MB): %s", r->path, r->line_no + 1,
                                r->line_cap >> 20, strerror(errno));
        if (ferror(r->in))
            return st_fail_code(err, ST_READ_FATAL, "%s: read error after line %zu: %s", r->path,
                                r->line_no, strerror(errno ? errno : EIO));
        return 0;
    }
    r->line_no++;
    /* A UTF-8 byte-order mark (what some editors and spreadsheet exports
     * put first) is not content: left in, it becomes part of the first
     * TSV label or hides the first fastText label. */
    if (r->line_no == 1 && n >= 3 && !memcmp(r->line, "\xEF\xBB\xBF", 3)) {
        memmove(r->line, r->line + 3, (size_t)n - 2);
        n -= 3;
    }
    while (n > 0 && (r->line[n - 1] == '\n' || r->line[n - 1] == '\r'))
        r->line[--n] = '\0';
    r->line_len = (size_t)n;
    return 1;
}

/* A named file whose format neither its name nor its first line tells:
 * reading it as one article would be a guess, silent when wrong (a CSV
 * export under another name is no article). */
static int unknown_format(const st_reader *r, st_error *err)
{
    return st_fail(err, "%s: cannot tell its format: its name has no known extension "
                   "(.jsonl .csv .tsv .ft .txt) and its first line is neither a JSON "
                   "object nor __label__; name it .txt if it is one article, or give "
                   "-i FORMAT", r->path);
}

/* Decides the format of a stream from its first line, which stays
 * pending for the first call of st_reader_next. */
static int sniff(st_reader *r, int is_stdin, st_error *err)
{
    int rc = read_line(r, err);
    const char *p;

    if (rc < 0)
        return -1;
    if (rc == 0) {
        r->done = 1;
        r->format = ST_FORMAT_LINES;
        return is_stdin ? 0 : unknown_format(r, err);
    }
    r->pending = 1;
    p = r->line + strspn(r->line, " \t\xEF\xBB\xBF");
    if (*p == '{')
        r->format = ST_FORMAT_JSONL;
    else if (!strncmp(p, "__label__", 9))
        r->format = ST_FORMAT_FASTTEXT;
    else if (is_stdin)
        r->format = ST_FORMAT_LINES;
    else
        return unknown_format(r, err);
    return 0;
}

/* Decides the format of r->in (opened from path) unless it was named:
 * by the name's extension, else by the first line (JSON object: JSONL;
 * __label__: fastText); standard input holding neither is one article
 * per line, a named file holding neither is refused (unknown_format). */
static int settle_format(st_reader *r, const char *path, int is_stdin,
                         st_error *err)
{
    if (r->format == ST_FORMAT_AUTO)
        r->format = format_from_extension(path);
    if (r->format == ST_FORMAT_AUTO && sniff(r, is_stdin, err) < 0)
        return -1;
    if (r->format == ST_FORMAT_CSV)
        return st_csv_open(r, err);
    return 0;
}

static int open_stream(st_reader *r, const char *path, st_error *err)
{
    int is_stdin = !strcmp(path, "-");

    r->in = is_stdin ? stdin : fopen(path, "rb");
    if (!r->in)
        return st_fail(err, "%s: cannot open: %s", path, strerror(errno));
    r->owns_in = !is_stdin;
    return settle_format(r, path, is_stdin, err);
}

static st_reader *new_reader(const char *path, st_format format,
                             const st_fields *fields, st_error *err)
{
    st_reader *r = st_calloc(1, sizeof *r, err);

    if (!r)
        return NULL;
    r->format = format;
    r->path = strdup(path);
    r->fields.id = fields && fields->id ? fields->id : "id";
    r->fields.lang = fields && fields->lang ? fields->lang : "lang";
    r->fields.title = fields && fields->title ? fields->title : "title";
    r->fields.text = fields && fields->text ? fields->text : "text";
    r->fields.label = fields && fields->label ? fields->label : "label";
    if (!r->path) {
        st_fail(err, "out of memory");
        free(r);
        return NULL;
    }
    return r;
}

st_reader *st_reader_open_stream(FILE *f, const char *name, st_format format,
                                 const st_fields *fields, st_error *err)
{
    st_reader *r;

    if (format == ST_FORMAT_DIR) {
        st_fail(err, "%s: a stream is not a directory", name);
        return NULL;
    }
    r = new_reader(name, format, fields, err);
    if (!r)
        return NULL;
    r->in = f;
    if (settle_format(r, name, 0, err) < 0) {
        st_reader_close(r);
        return NULL;
    }
    return r;
}

st_reader *st_reader_open(const char *path, st_format format,
                          const st_fields *fields, st_error *err)
{
    struct stat st;
    st_reader *r = new_reader(path, format, fields, err);

    if (!r)
        return NULL;
    if (strcmp(path, "-") != 0) {
        if (stat(path, &st) != 0) {
            st_fail(err, "%s: cannot open: %s", path, strerror(errno));
            goto fail;
        }
        if (S_ISDIR(st.st_mode)) {
            if (format != ST_FORMAT_AUTO && format != ST_FORMAT_DIR) {
                st_fail(err, "%s: is a directory, not a %s file", path,
                        st_format_name(format));
                goto fail;
            }
            r->format = ST_FORMAT_DIR;
            if (st_dir_list(r, err) < 0)
                goto fail;
            return r;
        }
    }
    if (format == ST_FORMAT_DIR) {
        st_fail(err, "%s: not a directory", path);
        goto fail;
    }
    if (open_stream(r, path, err) < 0)
        goto fail;
    return r;
fail:
    st_reader_close(r);
    return NULL;
}

st_format st_reader_format(const st_reader *r)
{
    return r->format;
}

static void synthesise_id(st_reader *r, st_doc *doc)
{
    snprintf(r->id_buf, sizeof r->id_buf, "%zu", r->line_no);
    doc->id = r->id_buf;
}

/* Reads the next line that is not blank into r->line. */
static int read_record_line(st_reader *r, st_error *err)
{
    int rc;

    do {
        rc = read_line(r, err);
        if (rc <= 0)
            return rc;
        /* Blank lines separate nothing in line formats: skip them.  A line
         * of NUL bytes is not blank: it is a record, and a bad one. */
    } while (strspn(r->line, " \t") == r->line_len);
    return 1;
}

int st_reader_next_line(st_reader *r, const char **line, size_t *len,
                        size_t *line_no, st_error *err)
{
    int rc;

    if (r->format != ST_FORMAT_JSONL)
        return st_fail_code(err, ST_READ_FATAL, "%s: not a JSONL input", r->path);
    rc = r->done ? 0 : read_record_line(r, err);
    if (rc == 1) {
        *line = r->line;
        *len = r->line_len;
        *line_no = r->line_no;
    }
    return rc;
}

const char *st_reader_path(const st_reader *r)
{
    return r->path;
}

const st_fields *st_reader_fields(const st_reader *r)
{
    return &r->fields;
}

static int next_line_record(st_reader *r, st_doc *doc, st_error *err)
{
    int rc = read_record_line(r, err);

    if (rc > 0 && r->format == ST_FORMAT_TSV && r->line_no == 1 && st_tsv_header(r))
        rc = read_record_line(r, err);
    if (rc <= 0)
        return rc;
    memset(doc, 0, sizeof *doc);
    doc->file = r->path;
    doc->line = r->line_no;
    synthesise_id(r, doc);
    switch (r->format) {
    case ST_FORMAT_JSONL:
        return st_jsonl_record(&r->fields, r->path, r->line_no, r->line,
                               r->line_len, &r->jsonl, doc, err);
    case ST_FORMAT_TSV: rc = st_tsv_parse(r, doc, err); break;
    case ST_FORMAT_FASTTEXT: rc = st_fasttext_parse(r, doc, err); break;
    default:
        doc->text = r->line;
        doc->text_len = r->line_len;
        rc = 1;
    }
    if (rc == ST_READ_BAD)
        st_fail_prefix(err, "%s:%zu", r->path, r->line_no);
    return rc;
}

static int next_text_file(st_reader *r, st_doc *doc, st_error *err)
{
    size_t len;

    if (r->done)
        return 0;
    r->done = 1;
    if (st_read_stream(r->in, r->path, &r->file_text, &r->file_cap, &len,
                           err) < 0)
        return ST_READ_FATAL;
    memset(doc, 0, sizeof *doc);
    doc->file = r->path;
    doc->id = r->path;
    doc->text = r->file_text;
    doc->text_len = len;
    return 1;
}

int st_reader_next(st_reader *r, st_doc *doc, st_error *err)
{
    switch (r->format) {
    case ST_FORMAT_DIR: return st_dir_next(r, doc, err);
    case ST_FORMAT_TEXT: return next_text_file(r, doc, err);
    case ST_FORMAT_CSV: return st_csv_next(r, doc, err);
    default:
        if (r->done)
            return 0;
        return next_line_record(r, doc, err);
    }
}

uint64_t st_text_hash(const char *body, size_t len)
{
    return XXH3_64bits(body, len);
}

unsigned long long st_reader_bytes_read(const st_reader *r)
{
    off_t at;
    if (r->format == ST_FORMAT_DIR)
        return r->dir_bytes;
    if (!r->in || (at = ftello(r->in)) < 0)
        return 0;
    return (unsigned long long)at;
}

void st_reader_close(st_reader *r)
{
    if (!r)
        return;
    if (r->in && r->owns_in)
        fclose(r->in);
    st_jsonl_scratch_free(&r->jsonl);
    st_csv_close(r);
    for (size_t i = 0; i < r->nfiles; i++)
        free(r->files[i].path);
    free(r->files);
    free(r->file_text);
    free(r->label_buf);
    free(r->line);
    free(r->path);
    free(r);
}

const char *st_doc_where(const st_doc *doc, char *buf, size_t size)
{
    if (doc->line)
        snprintf(buf, size, "%s:%zu", doc->file, doc->line);
    else
        snprintf(buf, size, "%s", doc->file);
    return buf;
}

const char *st_doc_invalid_utf8_warning(const st_doc *doc, size_t bytes,
                                        char *buf, size_t size)
{
    char where[1024];

    snprintf(buf, size, "%s: warning: %zu invalid UTF-8 byte%s replaced by U+FFFD",
             st_doc_where(doc, where, sizeof where), bytes, bytes == 1 ? "" : "s");
    return buf;
}

const char *st_doc_body(const st_doc *doc, char **buf, size_t *cap,
                        size_t *len, st_error *err)
{
    if (!doc->title || doc->title_len == 0) {
        *len = doc->text_len;
        return doc->text;
    }
    if (st_reserve(buf, cap, doc->title_len + doc->text_len + 2, 1, err) < 0)
        return NULL;
    memcpy(*buf, doc->title, doc->title_len);
    (*buf)[doc->title_len] = '\n';
    memcpy(*buf + doc->title_len + 1, doc->text, doc->text_len);
    *len = doc->title_len + 1 + doc->text_len;
    (*buf)[*len] = '\0';
    return *buf;
}
