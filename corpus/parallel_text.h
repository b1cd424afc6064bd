/*
 * Line-aligned translations (such as ../shared/parallel/ntrex-128): a
 * directory holding one NAME.txt per language, line i of every file the
 * same sentence.  Other files (README.md, LANGUAGES.tsv, ...) are ignored.
 *
 * The training of a cross-lingual space (train/space.h) reads each line
 * number as one "joint" document: the sentence in every language at once,
 * so that n-grams of different languages that translate each other occur
 * in the same documents.
 */
#ifndef STANCE_PARALLEL_TEXT_H
#define STANCE_PARALLEL_TEXT_H

#include <stddef.h>

#include "common/error.h"

typedef struct st_parallel {
    size_t nlang;      /* files read, in name order */
    char **lang;       /* their names without ".txt" */
    size_t nlines;     /* sentences per language */
    char **joint;      /* nlines texts: line i of every file, one per line */
} st_parallel;

/* Reads every *.txt file of dir.  Fails, naming the files, when there is
 * none or when two files have different numbers of lines (a file that is
 * not aligned would pair sentences that do not translate each other). */
int st_parallel_read(st_parallel *p, const char *dir, st_error *err);

/* Line `line` of language `lang` (an index into p->lang): a pointer into
 * its joint document and, in *len, its length without the line break. */
const char *st_parallel_sentence(const st_parallel *p, size_t line, size_t lang,
                                 size_t *len);

/* The English file (en.txt or eng*.txt; the first in name order), the
 * pivot of the methods that map every language onto one: its index in
 * *lang, or an error when there is none. */
int st_parallel_find_english(const st_parallel *p, size_t *lang, st_error *err);

void st_parallel_free(st_parallel *p);

#endif
