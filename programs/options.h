/* Command-line helpers shared by the subcommands. */
#ifndef STANCE_OPTIONS_H
#define STANCE_OPTIONS_H

#include "common/error.h"
#include "corpus/reader.h"
#include "features/config.h"

extern const char *st_program;

/* Prints "stance: message" to stderr and returns 1 (the exit status). */
int st_print_error(const st_error *err);
/* A corpus reader's warning callback: "stance: message" on stderr. */
void st_print_warning(void *ctx, const char *message);
int st_usage_error(const char *command, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* "--set key=value": one feature setting. */
int st_option_feature(st_feature_config *c, const char *arg, st_error *err);
/* "--field text=body": one JSONL field name. */
int st_option_field(st_fields *f, const char *arg, st_error *err);
/* A whole number in [lo, hi]. */
int st_option_int(const char *name, const char *arg, long lo, long hi,
                  long *out, st_error *err);
int st_option_double(const char *name, const char *arg, double lo, double hi,
                     double *out, st_error *err);

/* Fails on the first input that cannot be read, before anything is
 * written: a mistyped name among many inputs should not cost a long run
 * (or leave a header on standard output as if it were a result).  "-" is
 * standard input. */
int st_check_inputs(char **inputs, int ninputs, st_error *err);

/* one or many by n: "1 record", "2 records". */
const char *st_plural(size_t n, const char *one, const char *many);

struct st_model;
/* -v: which model a run uses, on standard error. */
void st_print_model_used(const char *path, const struct st_model *m);

struct option;
/* The name among names closest to word by edit distance, if it is close
 * enough to be a slip; else NULL. */
const char *st_closest(const char *word, const char *const *names, size_t n);
/* Refuses "-model" and the like (fastText's and LIBLINEAR's style), which
 * getopt would read as "-m odel", naming the long option meant. */
int st_check_single_dash(int argc, char **argv, const struct option *longopts,
                         st_error *err);
/* The message for getopt's '?' or ':' (optstring starting with ':'):
 * an unknown option, with the closest known one, or a missing value. */
int st_option_error(int c, char **argv, const struct option *longopts, st_error *err);

#endif
