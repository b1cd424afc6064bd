/*
 * Huge pages for the few big arrays that are filled once and then read at
 * random: a model's weights and idf, the scoring table, a model file's
 * bytes.
 *
 * Loading a model touches some 60 MB of fresh memory.  With 4 kB pages
 * that is some 15,000 page faults, and on a virtual machine each costs
 * microseconds: measured, they were half of `stance predict`'s start-up
 * and a tenth of labelling the corpus five times.  Linux's default for
 * transparent huge pages ("madvise") grants 2 MB pages to memory that
 * asks for them, 512 times fewer faults.  The advice is only a hint:
 * where huge pages are off, or on another system, nothing changes.
 */
#ifndef STANCE_HUGE_PAGES_H
#define STANCE_HUGE_PAGES_H

#include <stddef.h>

#include "common/error.h"

/* Asks for huge pages in the 2 MB-aligned part of [p, p + bytes).  Call it
 * before the memory is first written; smaller ranges are left alone. */
void st_advise_huge_pages(void *p, size_t bytes);

/* st_malloc, with the block advised as above when it spans huge pages.
 * Freed with free(). */
void *st_malloc_large(size_t size, st_error *err);

#endif
