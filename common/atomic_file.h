/*
 * Output files that appear whole or not at all.
 *
 * Writing goes to a temporary file beside the destination; commit flushes,
 * fsyncs and renames it over the destination, which POSIX makes atomic.  A
 * crash, a full disk or an error before commit leaves any previous file
 * untouched and no partial one.  The path "-" writes to standard output,
 * and an existing device, pipe or socket is written in place: nothing can
 * be made atomic there, but commit still reports write errors (so writing
 * to /dev/full fails as it should).
 */
#ifndef STANCE_ATOMIC_FILE_H
#define STANCE_ATOMIC_FILE_H

#include <stdio.h>

#include "common/error.h"

typedef struct st_atomic_file {
    FILE *f;
    char *path;
    char *tmp_path;  /* NULL for standard output and in-place files */
    int in_place;    /* a device, pipe or socket opened by path */
} st_atomic_file;

int st_atomic_open(st_atomic_file *a, const char *path, st_error *err);
int st_atomic_commit(st_atomic_file *a, st_error *err);
/* Flushes and syncs what was written so far, reporting a write error (a
 * full disk) without renaming anything.  A command with several outputs
 * syncs them all before committing any, so that a failure leaves none. */
int st_atomic_sync(st_atomic_file *a, st_error *err);
/* Discards everything written; safe after a failed commit or on a file
 * that was never opened (zero-initialised). */
void st_atomic_abort(st_atomic_file *a);

/* Removes every temporary file of an output not yet committed or
 * aborted.  Async-signal-safe: a program calls it from its handler of
 * SIGINT, SIGTERM and SIGHUP so that an interrupted run leaves no
 * X.tmp.XXXXXX behind (the library installs no handler itself). */
void st_atomic_remove_temporaries(void);

#endif
