/*
 * A minimal parallel for: runs job(ctx, i) for i in [0, n) on up to
 * `threads` POSIX threads, each taking the next unclaimed index.  Jobs
 * must write only their own results, which is what makes results
 * independent of the thread count.  The first failing job's error is
 * returned; jobs not yet started are then skipped.
 */
#ifndef STANCE_PARALLEL_H
#define STANCE_PARALLEL_H

#include <stddef.h>

#include "common/error.h"

/* worker is in [0, threads): the index of per-thread scratch to use. */
typedef int (*st_job_fn)(void *ctx, size_t i, int worker, st_error *err);
/* Called after each finished job, serialised; may be NULL. */
typedef void (*st_done_fn)(void *ctx, size_t done, size_t total);

int st_parallel_for(size_t n, int threads, st_job_fn job, st_done_fn done,
                    void *ctx, st_error *err);

/* Online processors, at least 1. */
int st_cpu_count(void);

#endif
