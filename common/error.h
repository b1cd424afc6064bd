/*
 * Error reporting for the stance library.
 *
 * Library functions never print and never exit: they return a negative
 * value (or NULL) and fill an st_error with one complete, human-readable
 * sentence that names the file, line and problem where there is one.
 * Programs decide what to do with it.
 */
#ifndef STANCE_ERROR_H
#define STANCE_ERROR_H

#include <stddef.h>

typedef struct st_error {
    char msg[1024];
} st_error;

/* Formats msg into err (if err is not NULL) and returns -1, so that callers
 * can write `return st_fail(err, "...", ...);`. */
int st_fail(st_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* st_fail for functions with more than one failure value (the readers'
 * ST_READ_BAD and ST_READ_FATAL): formats msg into err and returns code. */
int st_fail_code(st_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefixes err->msg with "context: ", keeping the original text. */
int st_fail_prefix(st_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* malloc/calloc/realloc that report out-of-memory through err. */
void *st_malloc(size_t size, st_error *err);
void *st_calloc(size_t count, size_t size, st_error *err);
void *st_realloc(void *ptr, size_t size, st_error *err);

/* Grows *ptr (elements of elem_size) so it holds at least need elements.
 * *cap is updated; growth is geometric.  Returns 0 or -1. */
int st_reserve(void *ptr, size_t *cap, size_t need, size_t elem_size,
               st_error *err);

#endif
