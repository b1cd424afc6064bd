/*
 * CSV (RFC 4180) through libcsv: quoted fields, doubled quotes, commas and
 * line breaks inside quotes.  The first row names the columns (id, label,
 * text, title, lang, as --field names them; a text column is required);
 * every column, known or not, is kept as a string in the record's JSON
 * object, so predict --format jsonl passes the whole row through and
 * trend finds its date and source columns.
 *
 * Input is fed to libcsv a line at a time, so that each record knows the
 * line it starts on for messages.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "corpus/reader_impl.h"

struct st_csv_state {
    struct csv_parser parser;
    int header_read;
    size_t ncolumns;
    char **names;             /* the header's column names */
    int roles[ST_TSV_MAX_COLUMNS];
    /* The record being assembled: fields at offsets into one pool. */
    char *pool;
    size_t pool_len, pool_cap;
    size_t *offsets, *lengths;
    size_t nfields, fields_cap;
    int complete;             /* libcsv has seen the record's end */
    int overflow;             /* out of memory in a callback */
    size_t record_line;       /* where the record starts */
    int between_records;
    json_t *json;             /* the last record, as an object */
    st_utf8_buffer clean;
};

static void on_field(void *data, size_t len, void *ctx)
{
    struct st_csv_state *c = ctx;
    if (c->overflow)
        return;
    if (st_reserve(&c->pool, &c->pool_cap, c->pool_len + len + 1, 1, NULL) < 0 ||
        (c->nfields == c->fields_cap &&
         (st_reserve(&c->offsets, &c->fields_cap, c->nfields + 1, sizeof *c->offsets, NULL) < 0 ||
          !(c->lengths = realloc(c->lengths, c->fields_cap * sizeof *c->lengths))))) {
        c->overflow = 1;
        return;
    }
    if (len)
        memcpy(c->pool + c->pool_len, data, len);
    c->pool[c->pool_len + len] = '\0';
    c->offsets[c->nfields] = c->pool_len;
    c->lengths[c->nfields++] = len;
    c->pool_len += len + 1;
}

static void on_record_end(int terminator, void *ctx)
{
    struct st_csv_state *c = ctx;
    (void)terminator;
    c->complete = 1;
}

static const char *field(const struct st_csv_state *c, size_t i)
{
    return c->pool + c->offsets[i];
}

static void reset_record(struct st_csv_state *c)
{
    c->pool_len = 0;
    c->nfields = 0;
    c->complete = 0;
    c->between_records = 1;
}

int st_csv_open(st_reader *r, st_error *err)
{
    struct st_csv_state *c = st_calloc(1, sizeof *c, err);
    if (!c)
        return -1;
    if (csv_init(&c->parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        free(c);
        return st_fail(err, "out of memory");
    }
    c->between_records = 1;
    r->csv = c;
    return 0;
}

void st_csv_close(st_reader *r)
{
    struct st_csv_state *c = r->csv;
    if (!c)
        return;
    csv_free(&c->parser);
    for (size_t i = 0; i < c->ncolumns; i++)
        free(c->names[i]);
    free(c->names);
    free(c->pool);
    free(c->offsets);
    free(c->lengths);
    if (c->json)
        json_decref(c->json);
    st_utf8_buffer_free(&c->clean);
    free(c);
    r->csv = NULL;
}

/* The header row: column names and what each holds. */
static int take_header(st_reader *r, struct st_csv_state *c, st_error *err)
{
    int has_text = 0;
    if (c->nfields > ST_TSV_MAX_COLUMNS)
        return st_fail(err, "%s:%zu: more than %d columns", r->path, c->record_line,
                       ST_TSV_MAX_COLUMNS);
    if (!(c->names = st_calloc(c->nfields, sizeof *c->names, err)))
        return -1;
    c->ncolumns = c->nfields;
    for (size_t i = 0; i < c->nfields; i++) {
        if (!(c->names[i] = strdup(field(c, i))))
            return st_fail(err, "out of memory");
        c->roles[i] = st_column_role(r, c->names[i]);
        has_text |= c->roles[i] == TSV_TEXT;
    }
    if (!has_text)
        return st_fail(err, "%s:%zu: the first row must name the columns, one of them "
                       "\"%s\" (and any of %s, %s, %s, %s); got \"%s\"%s", r->path,
                       c->record_line, r->fields.text, r->fields.id, r->fields.label,
                       r->fields.title, r->fields.lang, field(c, 0),
                       c->nfields > 1 ? ", ..." : "");
    c->header_read = 1;
    return 0;
}

/* A data row into doc, and into an object of every column. */
static int take_record(struct st_csv_state *c, st_doc *doc, st_error *err)
{
    if (c->nfields != c->ncolumns)
        return st_fail_code(err, ST_READ_BAD, "%zu fields, but the header names %zu columns",
                            c->nfields, c->ncolumns);
    if (c->json)
        json_decref(c->json);
    if (!(c->json = json_object()))
        return st_fail_code(err, ST_READ_FATAL, "out of memory");
    for (size_t i = 0; i < c->nfields; i++) {
        const char *v = field(c, i);
        size_t len = c->lengths[i], clean_len, invalid = 0;
        const char *clean = st_utf8_sanitize(v, len, &c->clean, &clean_len, &invalid, err);
        if (!clean)
            return ST_READ_FATAL;
        json_object_set_new(c->json, c->names[i], json_stringn(clean, clean_len));
        switch (c->roles[i]) {
        case TSV_ID: doc->id = v; break;
        case TSV_LABEL: doc->label = *v ? v : NULL; break;
        case TSV_TEXT: doc->text = v; doc->text_len = len; break;
        case TSV_TITLE: doc->title = v; doc->title_len = len; break;
        case TSV_LANG: doc->lang = *v ? v : NULL; break;
        }
    }
    doc->json = c->json;
    return 1;
}

/* Feeds lines until libcsv completes a record.  Returns 1, 0 at the end,
 * ST_READ_BAD (a malformed record: the parser is reset so the next line
 * starts afresh) or ST_READ_FATAL. */
static int next_row(st_reader *r, struct st_csv_state *c, st_error *err)
{
    for (;;) {
        ssize_t n;
        errno = 0;
        n = getline(&r->line, &r->line_cap, r->in);
        if (n < 0) {
            if (errno == ENOMEM || ferror(r->in))
                return st_fail_code(err, ST_READ_FATAL, "%s: read error after line %zu: %s", r->path,
                                    r->line_no, strerror(errno ? errno : EIO));
            r->done = 1;
            if (csv_fini(&c->parser, on_field, on_record_end, c) != 0)
                return st_fail_code(err, ST_READ_BAD, "%s:%zu: a quoted field is never closed", r->path,
                                    c->record_line);
            return c->complete ? 1 : 0;
        }
        r->line_no++;
        if (r->line_no == 1 && n >= 3 && !memcmp(r->line, "\xEF\xBB\xBF", 3)) {
            memmove(r->line, r->line + 3, (size_t)n - 2);
            n -= 3;
        }
        if (c->between_records) {
            if (strspn(r->line, " \t\r\n") == (size_t)n)
                continue;  /* a blank line between records */
            c->record_line = r->line_no;
            c->between_records = 0;
        }
        if (csv_parse(&c->parser, r->line, (size_t)n, on_field, on_record_end, c) != (size_t)n) {
            int e = csv_error(&c->parser);
            csv_free(&c->parser);
            csv_init(&c->parser, CSV_STRICT | CSV_STRICT_FINI);
            reset_record(c);
            return st_fail_code(err, ST_READ_BAD, "%s:%zu: %s", r->path, r->line_no,
                                e == CSV_EPARSE ? "malformed quoting (a quote inside an unquoted "
                                                  "field, or text after a closing quote)"
                                                : csv_strerror(e));
        }
        if (c->overflow)
            return st_fail_code(err, ST_READ_FATAL, "out of memory");
        if (c->complete)
            return 1;
    }
}

int st_csv_next(st_reader *r, st_doc *doc, st_error *err)
{
    struct st_csv_state *c = r->csv;
    int rc;
    for (;;) {
        if (r->done && !c->complete)
            return 0;
        reset_record(c);
        if ((rc = next_row(r, c, err)) <= 0)
            return rc;
        if (c->header_read)
            break;
        if (take_header(r, c, err) < 0)
            return ST_READ_FATAL;
    }
    memset(doc, 0, sizeof *doc);
    doc->file = r->path;
    doc->line = c->record_line;
    snprintf(r->id_buf, sizeof r->id_buf, "%zu", c->record_line);
    doc->id = r->id_buf;
    rc = take_record(c, doc, err);
    c->complete = 0;
    if (rc == ST_READ_BAD)
        st_fail_prefix(err, "%s:%zu", r->path, c->record_line);
    return rc;
}
