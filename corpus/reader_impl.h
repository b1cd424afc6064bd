/* Internal to corpus/: the reader object and the per-format parsers. */
#ifndef STANCE_READER_IMPL_H
#define STANCE_READER_IMPL_H

#include <stdio.h>

#include "corpus/reader.h"

/* An entry of a directory tree: a file (or a dangling link) to read as an
 * article, or a directory that could not be read. */
typedef struct st_dir_entry {
    char *path;
    int unreadable_dir;
} st_dir_entry;

/* TSV columns, named by a header line. */
#define ST_TSV_MAX_COLUMNS 32
enum { TSV_OTHER, TSV_ID, TSV_LABEL, TSV_TEXT, TSV_TITLE, TSV_LANG, TSV_ROLES };

struct st_reader {
    st_format format;
    st_fields fields;
    char *path;
    FILE *in;             /* line formats and whole text files */
    int owns_in;          /* close in when done */
    char *line;           /* getline buffer */
    size_t line_cap;
    size_t line_len;
    size_t line_no;
    int pending;          /* line[] holds a line read ahead by sniffing */
    int done;
    char id_buf[64];
    st_jsonl_scratch jsonl; /* jsonl: the current record */
    struct st_dir_entry *files; /* dir: what the walk found, sorted by path */
    size_t nfiles, next_file;
    char *file_text;      /* dir/text: the current file's contents */
    size_t file_cap;
    char *label_buf;
    unsigned long long dir_bytes; /* dir: sizes of the files read */
    struct st_csv_state *csv; /* csv: libcsv and the header (csv.c) */
    int tsv_columns;      /* 0: no header, label<TAB>text */
    int tsv_roles[ST_TSV_MAX_COLUMNS];
};

/* Whether r->line (the first line) is a header: tab-separated names with
 * the text field and at least one other the reader knows (id, label,
 * title, lang, as --field names them); other columns are ignored.  On
 * success the columns are remembered for every later line. */
int st_tsv_header(st_reader *r);
/* The field a header cell names (by the reader's field names: id, label,
 * text, title, lang), or TSV_OTHER. */
int st_column_role(const st_reader *r, const char *cell);
int st_csv_open(st_reader *r, st_error *err);
int st_csv_next(st_reader *r, st_doc *doc, st_error *err);
void st_csv_close(st_reader *r);
int st_tsv_parse(st_reader *r, st_doc *doc, st_error *err);
int st_fasttext_parse(st_reader *r, st_doc *doc, st_error *err);
int st_dir_list(st_reader *r, st_error *err);
int st_dir_next(st_reader *r, st_doc *doc, st_error *err);

#endif
