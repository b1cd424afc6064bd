/*
 * Corpus readers: one streaming interface over every input format, used by
 * the trainer, the predictor and the evaluator alike.
 *
 *   jsonl     one JSON object per line (../shared/corpus/README.md); field
 *             names are configurable, every field is kept for passthrough.
 *   tsv       label<TAB>text, or text alone when a line has no tab; or,
 *             under a first line naming the columns (id, label, text,
 *             title, lang; others ignored), one field per column.
 *   csv       RFC 4180 (quotes, commas and line breaks in fields), the
 *             first row naming the columns as for tsv; every column is
 *             kept in the record's JSON object (csv.c).
 *   fasttext  __label__X text, or text alone without the prefix.
 *   lines     one unlabelled article per line.
 *   text      one article per file.
 *   dir       a directory tree of text files, walked recursively in
 *             sorted order; for labelled use, the first sub-directory
 *             under the root names the label (root/warming/a.txt).
 *
 * ST_FORMAT_AUTO picks by extension (.jsonl .ndjson .json, .tsv, .csv, .ft
 * .fasttext, .txt), by type (a directory), or by the first line (starts
 * with '{' -> jsonl, with __label__ -> fasttext); standard input holding
 * neither is one article per line, and a named file holding neither is
 * refused: its format would be a guess.
 */
#ifndef STANCE_READER_H
#define STANCE_READER_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/error.h"
#include "features/utf8.h"

typedef enum st_format {
    ST_FORMAT_AUTO, ST_FORMAT_JSONL, ST_FORMAT_TSV, ST_FORMAT_FASTTEXT,
    ST_FORMAT_LINES, ST_FORMAT_TEXT, ST_FORMAT_DIR, ST_FORMAT_CSV
} st_format;

int st_format_parse(const char *name, st_format *out, st_error *err);
const char *st_format_name(st_format f);

/* JSONL field names; NULL members take the defaults id, lang, title,
 * text, label. */
typedef struct st_fields {
    const char *id, *lang, *title, *text, *label;
} st_fields;

/* One record.  Strings are owned by the reader and valid until the next
 * call; absent fields are NULL (title, label, lang) or synthesised (id is
 * the record's line number, which is not unique across inputs, or for a
 * whole-file record the file's path, when the input has none). */
typedef struct st_doc {
    const char *id, *lang, *label;
    const char *title;
    const char *text;
    size_t title_len, text_len;
    const char *file;   /* input path, "-" for stdin */
    size_t line;        /* 1-based line, 0 for whole-file records */
    json_t *json;       /* jsonl: the whole object, borrowed */
    size_t invalid_bytes; /* ill-formed UTF-8 bytes the reader replaced */
} st_doc;

typedef struct st_reader st_reader;

/* path "-" is standard input. */
st_reader *st_reader_open(const char *path, st_format format,
                          const st_fields *fields, st_error *err);

/* Reads an already open stream (not closed by the reader); name stands
 * for it in messages.  Formats as for a named file, but never dir. */
st_reader *st_reader_open_stream(FILE *f, const char *name, st_format format,
                                 const st_fields *fields, st_error *err);

/* Returns 1 with *doc filled, 0 at the end, ST_READ_BAD when this record
 * is bad (err says file, line and why; the next call goes on with the next
 * record) or ST_READ_FATAL when reading cannot go on (I/O error). */
#define ST_READ_BAD (-1)
#define ST_READ_FATAL (-2)
int st_reader_next(st_reader *r, st_doc *doc, st_error *err);

st_format st_reader_format(const st_reader *r);

/* Bytes of input consumed so far (for progress): the stream position, or
 * for a directory the sizes of the files read; 0 where it cannot be told
 * (a pipe). */
unsigned long long st_reader_bytes_read(const st_reader *r);

/* Parsing JSONL records apart from reading them, so that many threads can
 * parse while one reads (jansson's parsing is the costliest part of
 * reading).  st_reader_next_line gives the next non-blank line of a JSONL
 * reader without parsing it (valid until the next call), with its 1-based
 * number; returns 1, 0 at the end, or ST_READ_FATAL.  st_jsonl_record
 * parses one such line exactly as st_reader_next would, into doc, whose
 * strings live in scratch until its next use; give each thread its own
 * scratch.  Returns 1, ST_READ_BAD (err names file and line) or
 * ST_READ_FATAL (out of memory). */
typedef struct st_jsonl_scratch {
    st_utf8_buffer clean; /* the line with ill-formed UTF-8 replaced */
    st_utf8_buffer quoted;/* the line with numbers too big for jansson quoted */
    char id_buf[64];
    json_t *json;         /* the parsed object, one reference */
} st_jsonl_scratch;

int st_reader_next_line(st_reader *r, const char **line, size_t *len,
                        size_t *line_no, st_error *err);
const char *st_reader_path(const st_reader *r);
const st_fields *st_reader_fields(const st_reader *r);
int st_jsonl_record(const st_fields *fields, const char *file, size_t line_no,
                    const char *line, size_t len, st_jsonl_scratch *scratch,
                    st_doc *doc, st_error *err);
void st_jsonl_scratch_free(st_jsonl_scratch *scratch);
void st_reader_close(st_reader *r);

/* Where a record is, for messages: "file:line", or the file alone for a
 * whole-file record (line 0).  Returns buf. */
const char *st_doc_where(const st_doc *doc, char *buf, size_t size);

/* The warning about a record whose text held `bytes` ill-formed UTF-8
 * bytes (replaced by U+FFFD: the record is still used).  Returns buf. */
const char *st_doc_invalid_utf8_warning(const st_doc *doc, size_t bytes,
                                        char *buf, size_t size);

/* The hash (XXH3-64) of an article's body as st_doc_body gives it,
 * whatever its label: what a model records of its training records. */
uint64_t st_text_hash(const char *body, size_t len);

/* The article as the features see it: title, a line break, then text. */
const char *st_doc_body(const st_doc *doc, char **buf, size_t *cap,
                        size_t *len, st_error *err);

#endif
