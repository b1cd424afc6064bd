#define _DEFAULT_SOURCE  /* madvise, MADV_HUGEPAGE */
#include "common/huge_pages.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#define HUGE_PAGE ((size_t)2 << 20)

/* The block starts on a huge-page boundary and is rounded up to whole huge
 * pages: an unaligned head and tail, up to 4 MB, would still be faulted in
 * 4 kB at a time (measured: 2,602 faults starting stance predict, against
 * 550 aligned). */
void *st_malloc_large(size_t count, size_t size, st_error *err)
{
    void *p = NULL;
    size_t bytes = count * size;
    size_t rounded = (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);

    if (size && bytes / size != count)
        return st_fail(err, "out of memory allocating %zu x %zu bytes", count, size), NULL;
    if (bytes < HUGE_PAGE || rounded < bytes)
        return st_malloc(bytes, err);
    if (posix_memalign(&p, HUGE_PAGE, rounded) != 0) {
        st_fail(err, "out of memory allocating %zu x %zu bytes", count, size);
        return NULL;
    }
#ifdef MADV_HUGEPAGE
    /* Only a hint: where huge pages are off it fails, and nothing changes. */
    (void)madvise(p, rounded, MADV_HUGEPAGE);
#endif
    return p;
}
