/*
 * Huge pages for the few big arrays that are filled once and then read at
 * random: a model's weights and idf, the scoring table, a model file's
 * bytes.
 *
 * Loading a model touches some 60 MB of fresh memory.  With 4 kB pages
 * that is some 15,000 page faults, and on a virtual machine each costs
 * microseconds: measured, they were four fifths of `stance predict`'s
 * start-up and a tenth of labelling the corpus five times.  Linux's
 * default for transparent huge pages ("madvise") grants 2 MB pages to
 * memory that asks for them: 512 times fewer faults.  The advice is only a
 * hint; where huge pages are off, or on another system, nothing changes.
 */
#ifndef STANCE_HUGE_PAGES_H
#define STANCE_HUGE_PAGES_H

#include <stddef.h>

#include "common/error.h"

/* Room for count items of size bytes (an overflowing product fails, as
 * st_calloc's does), for a block that is filled once and then read: not
 * zeroed.  From one huge page up, the block is aligned to huge pages,
 * rounded up to whole ones (at most 2 MB more) and advised for huge pages
 * before anything touches it; smaller ones are plain st_malloc.  Freed
 * with free(); not for realloc. */
void *st_malloc_large(size_t count, size_t size, st_error *err);

#endif
